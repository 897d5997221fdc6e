#!/usr/bin/env python3
# Finds words that a PDF text extractor ran together.  Used by tests/sh/extract_words.sh.
#
#   glued.py LAYOUT.txt EXTRACTED.txt   prints each glued token with the words it is made of;
#                                       exit status 1 when there is one, 0 when there is none
#
# The words are taken from `vita render --dump-layout`: consecutive text pieces that abut (a gap
# under a tenth of the font size: kerning cuts pieces inside a word) form one word; a wider gap is
# a word boundary.  A token of the extractor's output is glued when it is
# not one of those words but is two or more of them written together ("ChenyuJiang").  A split
# after a hyphen is not counted: extractors may join a word hyphenated at a line end.
import re
import sys

ITEM = re.compile(r'^  text (-?[0-9.]+) (-?[0-9.]+) w=(-?[0-9.]+) font=\d+ size=([0-9.]+) .*?"((?:[^"\\]|\\.)*)"$')


def unquote(s):
    return re.sub(r'\\(.)', lambda m: {'n': '\n', 't': '\t'}.get(m.group(1), m.group(1)), s)


def layout_words(path):
    """Words of the layout: consecutive text pieces (a line's pieces come in logical order) that
    abut, superscripts included (they sit higher but touch the word)."""
    words, word, prev = set(), '', None
    for line in open(path, encoding='utf-8'):
        m = ITEM.match(line.rstrip('\n'))
        if not m:
            continue
        x, y, w, size = (float(v) for v in m.groups()[:4])
        if prev is not None:
            px, py, pw, psize = prev
            big = max(size, psize)
            # a piece abuts the one before it on its right (left to right) or, in a line of a
            # right-to-left paragraph, whose pieces come in logical order, on its left
            ltr = px <= x <= px + pw + 0.1 * big
            rtl = x < px and px - 0.1 * big <= x + w <= px + 0.01
            if not ((ltr or rtl) and abs(y - py) < big):
                words.update(word.split())
                word = ''
        word += unquote(m.group(5))
        prev = (x, y, w, size)
    words.update(word.split())
    return words


def split(token, words, memo):
    """The shortest split of token into words (no part ending in '-' followed by more), or None."""
    if token in memo:
        return memo[token]
    memo[token] = None
    best = None
    for i in range(1, len(token)):
        head = token[:i]
        if head in words and not head.endswith('-'):
            rest = [token[i:]] if token[i:] in words else split(token[i:], words, memo)
            if rest and (best is None or len(rest) + 1 < len(best)):
                best = [head] + rest
    memo[token] = best
    return best


def main():
    words = layout_words(sys.argv[1])
    text = open(sys.argv[2], encoding='utf-8', errors='replace').read()
    memo, bad = {}, []
    for token in text.split():
        if token not in words:
            parts = split(token, words, memo)
            if parts:
                bad.append('%s = %s' % (token, ' + '.join(parts)))
    for b in bad[:20]:
        print(b)
    if len(bad) > 20:
        print('... %d more' % (len(bad) - 20))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
