#!/bin/sh
# Every text extractor gives the words back: no two words glued together.  For every profile in
# content/ and every fixture, the PDF is read by each extractor Debian packages — poppler
# (pdftotext; its words as -bbox lists them), MuPDF (mutool draw -F txt), Ghostscript (txtwrite)
# and pdfminer (pdf2txt) — and by pdf.js (Firefox's reader: pdfjs-dist from the npm registry,
# installed once into a cache folder; skipped, saying why, without npm or the registry) — and
# tests/tools/glued.py compares the tokens with the words of
# `vita render --dump-layout`.  Extractors that do not judge gaps between glyphs (Ghostscript,
# pdfminer) need the space glyphs vita draws between words (vita_item.space_after).
. "$VITA_ROOT/tests/lib.sh"
export SOURCE_DATE_EPOCH=1767225600
T=$VITA_TMP/words
mkdir -p "$T"
if [ -n "${VITA_SANITIZED:-}" ] || [ -n "${VITA_WRAP:-}" ]; then
	skip extract_words "the extractors run in the plain pass only (the same PDFs; this pass checks vita's memory, which the other tests' renders cover)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	skip extract_words "python3 is not installed (comes with python3-pdfminer)"
	exit 0
fi
GLUED="python3 $VITA_ROOT/tests/tools/glued.py"

# The checker itself must see glue: a layout with "About" and "Me" against "AboutMe".
printf 'page 1: 2 item(s)\n  text 10.00 20.00 w=30.00 font=0 size=10.00 #000000 "About"\n  text 43.00 20.00 w=12.00 font=0 size=10.00 #000000 "Me"\n' >"$T/self.layout"
printf 'AboutMe\n' >"$T/glued.txt"
printf 'About Me\n' >"$T/apart.txt"
if $GLUED "$T/self.layout" "$T/glued.txt" >/dev/null && ! $GLUED "$T/self.layout" "$T/apart.txt" >/dev/null; then
	fail extract_words_checker "glued.py does not tell 'AboutMe' from 'About Me'"
else
	pass extract_words_checker
fi

poppler() { pdftotext -bbox "$1" - 2>/dev/null | sed -n 's/.*<word [^>]*>\(.*\)<\/word>.*/\1/p' |
	sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g' >"$2"; }
mupdf() { mutool draw -q -F txt -o "$2" "$1" 2>/dev/null; }
ghostscript() { gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=txtwrite -sOutputFile="$2" "$1" >/dev/null 2>&1; }
pdfminer() { pdf2txt -o "$2" "$1" 2>/dev/null; }
PDFJS=${XDG_CACHE_HOME:-$HOME/.cache}/vita-tests/pdfjs
if [ ! -f "$PDFJS/node_modules/pdfjs-dist/legacy/build/pdf.js" ] && command -v npm >/dev/null 2>&1; then
	mkdir -p "$PDFJS"
	timeout 180 npm install --no-audit --no-fund --silent --prefix "$PDFJS" pdfjs-dist@3.11.174 >"$T/npm.log" 2>&1 || true
fi
pdfjs() { NODE_PATH="$PDFJS/node_modules" node "$VITA_ROOT/tests/tools/pdfjs_text.js" "$1" >"$2" 2>/dev/null; }

for ex in poppler:pdftotext mupdf:mutool ghostscript:gs pdfminer:pdf2txt pdfjs:node; do
	name=${ex%%:*} tool=${ex#*:}
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip "extract_words_$name" "$tool is not installed (scripts/deps.sh test installs it)"
		continue
	fi
	if [ "$name" = pdfjs ] && [ ! -f "$PDFJS/node_modules/pdfjs-dist/legacy/build/pdf.js" ]; then
		why="npm is not installed"
		command -v npm >/dev/null 2>&1 && why="npm could not install pdfjs-dist (no registry?): $(tail -n 1 "$T/npm.log" 2>/dev/null)"
		skip extract_words_pdfjs "$why"
		continue
	fi
	for cv in content/*.yaml tests/fixtures/*.yaml tests/fixtures/*.json tests/fixtures/scripts/*.yaml; do
		[ -f "$cv" ] || continue
		base=$(basename "$cv"); base=${base%.*}
		# pdf.js ignores /ActualText and runs right-to-left words together; the issue asks it for
		# the Latin and CJK profiles and fixtures (poppler, MuPDF and the others read the scripts)
		case "$name:$cv" in pdfjs:tests/fixtures/scripts/* | pdfjs:tests/fixtures/rtl-*) continue ;; esac
		case "$name:$base" in ghostscript:rtl-*)
			# txtwrite writes a right-to-left line in visual order, its neutrals glued to the wrong
			# words; issue #11 asks poppler and MuPDF for RTL text (tests/sh/rtl.sh checks the order)
			skip "extract_words_${name}_$base" "Ghostscript's txtwrite gives right-to-left lines in visual order"
			continue ;;
		esac
		[ -s "$T/$base.pdf" ] || $VITA render "$cv" -o "$T/$base.pdf" >/dev/null 2>&1
		[ -s "$T/$base.layout" ] || $VITA render --dump-layout "$cv" >"$T/$base.layout" 2>/dev/null
		if [ ! -s "$T/$base.pdf" ] || [ ! -s "$T/$base.layout" ]; then
			fail "extract_words_${name}_$base" "vita render failed"
			continue
		fi
		if ! "$name" "$T/$base.pdf" "$T/$base.$name.txt" || [ ! -s "$T/$base.$name.txt" ]; then
			fail "extract_words_${name}_$base" "$tool extracted nothing"
			continue
		fi
		if $GLUED "$T/$base.layout" "$T/$base.$name.txt" >"$T/$base.$name.glued"; then
			pass "extract_words_${name}_$base"
		else
			sed 's/^/    /' "$T/$base.$name.glued"
			fail "extract_words_${name}_$base" "$tool runs words together"
		fi
	done
done
