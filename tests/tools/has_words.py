#!/usr/bin/env python3
"""Prints the words (arguments after the text file) that the extracted text does not contain, one
per line, and exits 1 when any is missing.  Both sides are compared in Unicode's NFC: a reader that
gives a split vowel back as its canonical decomposition (Tamil's கொ as க ெ ா, as MuPDF does when
each glyph stands for one part) gives the same text."""
import sys
import unicodedata


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: has_words.py TEXT_FILE WORD...")
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        text = unicodedata.normalize("NFC", f.read())
    missing = [w for w in sys.argv[2:] if unicodedata.normalize("NFC", w) not in text]
    for w in missing:
        print(w)
    sys.exit(1 if missing else 0)


main()
