#!/bin/sh
# Small caps are the font's own, and keep the text's case for extraction.  ember sets its headline
# (Gentium Book Plus, which has the OpenType `smcp` feature) and its section titles (Ubuntu, which
# has none) in small caps: the headline's lower-case letters are drawn with the font's small-cap
# glyphs at the headline's size, in a piece whose text is "elcome" (the layout dump); the title's
# are set as written at the title's size, as RenderCV (Typst) and fontspec do in a font without
# small caps, never as capitals scaled down.  pdftotext gives back "Welcome home" and "Welcome",
# never "WELCOME".
. tests/lib.sh
T="$VITA_TMP/smallcaps"
mkdir -p "$T"
cat >"$T/cv.yaml" <<'CV'
cv:
  name: Ada Example
  headline: Welcome home
  sections:
    welcome:
      - Some text
design:
  theme: ember
CV
if ! $VITA render "$T/cv.yaml" -o "$T/cv.pdf" 2>"$T/err" ||
	! $VITA render "$T/cv.yaml" -o "$T/cv.pdf" --dump-layout >"$T/layout.txt" 2>"$T/err"; then
	fail smallcaps "vita render failed: $(cat "$T/err")"
	exit 0
fi
bad=""
text=$(pdftotext "$T/cv.pdf" - 2>/dev/null)
case "$text" in *"Welcome home"*) ;; *) bad="$bad [no \"Welcome home\": $text]" ;; esac
case "$text" in *WELCOME*|*HOME*) bad="$bad [capitals extracted: $text]" ;; esac
# the headline (10.5pt): real small caps, glyphs at its own size; the title (12.5pt, Ubuntu): every
# piece on its line at the title's size
grep -q 'size=10.50 #[0-9A-F]* glyphs=[0-9,]* "elcome"' "$T/layout.txt" || bad="$bad [headline not in smcp glyphs]"
ty=$(sed -n 's/^  text [0-9.]* \([0-9.]*\) .* size=12.50 #[0-9A-F]* "W"$/\1/p' "$T/layout.txt" | head -n 1)
if [ -z "$ty" ]; then
	bad="$bad [no title piece \"W\" at 12.5pt]"
elif grep "^  text [0-9.]* $ty " "$T/layout.txt" | grep -v -q 'size=12.50 '; then
	bad="$bad [title's letters at another size: scaled capitals]"
fi
if [ -z "$bad" ]; then pass smallcaps; else sed 's/^/    /' "$T/layout.txt" | grep -i 'elcome\|"W"'; fail smallcaps "$bad"; fi
