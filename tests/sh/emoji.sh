#!/bin/sh
# Colour emoji (src/layout/emoji.c, src/pdf/color.c): every emoji sequence of
# tests/fixtures/emoji/emoji.yaml is one glyph of Noto Color Emoji (hb-shape's), drawn as a
# Type 3 glyph that paints the glyph's bitmap in colour, and comes back from pdftotext, MuPDF and
# pdfminer as the code points it was written with; typography.emoji: drop leaves them out with one
# warning; without the colour font the symbol fonts draw each code point in monochrome, as before.
# Skipped, saying so, without fonts-noto-color-emoji.
. "$VITA_ROOT/tests/lib.sh"
export SOURCE_DATE_EPOCH=1767225600
T=$VITA_TMP/emoji
mkdir -p "$T"
CV=tests/fixtures/emoji/emoji.yaml
COLOR=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
if [ ! -r "$COLOR" ]; then
	skip emoji "$COLOR is not installed (fonts-noto-color-emoji; scripts/deps.sh installs it)"
	exit 0
fi
SEQS="🎓 📄 🧪 👩‍🔬 👨🏾‍💻 🇵🇱 🇯🇵 🏴󠁧󠁢󠁳󠁣󠁴󠁿 👍🏽 1️⃣ ❤️ 🏳️‍🌈"

$VITA render "$CV" -o "$T/cv.pdf" 2>"$T/err.txt"
rc=$?
$VITA render --dump-layout "$CV" >"$T/layout.txt" 2>>"$T/err.txt"
if [ $rc -eq 0 ] && [ ! -s "$T/err.txt" ]; then pass emoji_render_no_warning
else sed 's/^/    /' "$T/err.txt" | head; fail emoji_render_no_warning "exit $rc, or messages"; fi

# each sequence is one piece of one glyph, the glyph hb-shape gives for the whole sequence
bad=""
for s in $SEQS; do
	line=$(grep -F "\"$s\"" "$T/layout.txt" | head -n 1)
	got=$(printf '%s\n' "$line" | sed -n 's/.* glyphs=\([0-9,]*\) .*/\1/p')
	want=$(hb-shape --font-file="$COLOR" --no-glyph-names --no-positions --no-clusters --text="$s" 2>&1 | tr -d '[]' | tr '|' ',')
	if [ -z "$got" ] || [ "$got" != "$want" ] || [ "${got#*,}" != "$got" ]; then bad="$bad [$s: layout '${got}', hb-shape '$want']"; fi
done
if [ -z "$bad" ]; then pass emoji_one_glyph_per_sequence
else fail emoji_one_glyph_per_sequence "$bad"; fi
# ❤ and ★ without U+FE0F stay text: drawn by a text font, not the colour one
if grep -F '"❤)' "$T/layout.txt" >/dev/null || grep -F '(text ❤' "$T/layout.txt" >/dev/null; then
	if grep -F '★' "$T/layout.txt" | grep -v glyphs= >/dev/null; then pass emoji_text_presentation_stays_text
	else fail emoji_text_presentation_stays_text "★ was shaped with the colour font"; fi
else
	fail emoji_text_presentation_stays_text "the text-presentation ❤ is not a piece of its own text"
fi

# the PDF: clean, a Type 3 font for the emoji, every sequence extracted whole
if qpdf --check "$T/cv.pdf" >"$T/qpdf.txt" 2>&1; then pass emoji_qpdf_check
else sed 's/^/    /' "$T/qpdf.txt" | head; fail emoji_qpdf_check "qpdf --check reports problems"; fi
pdffonts "$T/cv.pdf" >"$T/fonts.txt" 2>&1
if grep -q "Type 3 .* yes no  yes" "$T/fonts.txt" && ! grep -q "NotoColorEmoji" "$T/fonts.txt"; then pass emoji_type3_font
else sed 's/^/    /' "$T/fonts.txt"; fail emoji_type3_font "no embedded, mapped Type 3 font (or the bitmap font embedded as TrueType)"; fi
extracted() { # extractor name, text file
	missing=""
	for s in $SEQS; do grep -qF "$s" "$2" || missing="$missing [$s]"; done
	if [ -z "$missing" ]; then pass "emoji_extract_$1"; else fail "emoji_extract_$1" "missing:$missing"; fi
}
pdftotext -enc UTF-8 "$T/cv.pdf" "$T/poppler.txt" 2>/dev/null
extracted poppler "$T/poppler.txt"
# poppler puts each emoji on the line of its words (a Type 3 font's scale is guessed from its "m")
if grep -q "Lab 👩‍🔬 and 👨🏾‍💻, flags 🇵🇱 🇯🇵" "$T/poppler.txt"; then pass emoji_extract_same_line
else sed -n '1,12p' "$T/poppler.txt" | sed 's/^/    /'; fail emoji_extract_same_line "the emoji are not in their line"; fi
if command -v mutool >/dev/null 2>&1; then
	mutool draw -q -F txt -o "$T/mupdf.txt" "$T/cv.pdf" 2>/dev/null
	extracted mupdf "$T/mupdf.txt"
else skip emoji_extract_mupdf "mutool is not installed (mupdf-tools)"; fi
if command -v pdf2txt >/dev/null 2>&1; then
	pdf2txt -o "$T/pdfminer.txt" "$T/cv.pdf" 2>/dev/null
	extracted pdfminer "$T/pdfminer.txt"
else skip emoji_extract_pdfminer "pdf2txt is not installed (python3-pdfminer)"; fi

# in colour: the graduation cap (the title's first piece) has strongly coloured pixels
if command -v pdftoppm >/dev/null 2>&1; then
	pdftoppm -r 72 -f 1 -l 1 "$T/cv.pdf" "$T/page"
	x=$(grep -F '"🎓"' "$T/layout.txt" | awk '{ print int($2) "," int($3) }')
	colored=$(python3 - "$T/page-1.ppm" "$x" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
parts = data.split(b'\n', 3)  # P6, "w h", 255, pixels
w, h = map(int, parts[1].split())
px = parts[3]
x0, base = map(int, sys.argv[2].split(','))
n = 0
for y in range(max(0, base - 14), min(h, base + 4)):
    for x in range(x0, min(w, x0 + 18)):
        r, g, b = px[3 * (y * w + x): 3 * (y * w + x) + 3]
        n += max(r, g, b) - min(r, g, b) > 80
print(n)
PY
)
	if [ "${colored:-0}" -ge 10 ]; then pass emoji_drawn_in_colour
	else fail emoji_drawn_in_colour "${colored:-no} coloured pixels at the 🎓 ($x)"; fi
else skip emoji_drawn_in_colour "pdftoppm is not installed (poppler-utils)"; fi

# typography.emoji: drop — one warning naming the first, none drawn, every other word kept
sed 's/^cv:/design:\n  typography:\n    emoji: drop\ncv:/' "$CV" >"$T/drop.yaml"
$VITA render "$T/drop.yaml" -o "$T/drop.pdf" 2>"$T/drop.err"
pdftotext -enc UTF-8 "$T/drop.pdf" "$T/drop.txt" 2>/dev/null
n=$(grep -c "typography.emoji is drop" "$T/drop.err")
if [ "$n" -eq 1 ] && grep -q "emoji '🎓'" "$T/drop.err" && ! grep -qF "🧪" "$T/drop.txt" && grep -q "Chemistry" "$T/drop.txt" &&
	! grep -q "Type 3" "$(pdffonts "$T/drop.pdf" >"$T/drop.fonts" 2>&1; echo "$T/drop.fonts")"; then pass emoji_drop_said_once
else sed 's/^/    /' "$T/drop.err" | head -5; fail emoji_drop_said_once "$n warnings, or an emoji drawn"; fi

# without the colour font: monochrome glyphs of the symbol fonts, each code point on its own
# (fontconfig, the fallback after the chain, sees no font either)
mkdir -p "$T/chain/truetype/ancient-scripts" "$T/chain/truetype/noto" "$T/nofonts"
ln -sf /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf "$T/chain/truetype/ancient-scripts/"
printf '<?xml version="1.0"?>\n<fontconfig><dir>%s</dir></fontconfig>\n' "$T/nofonts" >"$T/none.conf"
VITA_FALLBACK_FONTS="$T/chain" FONTCONFIG_FILE="$T/none.conf" $VITA render "$CV" -o "$T/mono.pdf" 2>"$T/mono.err"
pdffonts "$T/mono.pdf" >"$T/mono.fonts" 2>&1
if ! grep -q "Type 3" "$T/mono.fonts" && grep -q "Symbola" "$T/mono.fonts"; then pass emoji_monochrome_without_colour_font
else sed 's/^/    /' "$T/mono.fonts"; fail emoji_monochrome_without_colour_font "expected Symbola and no Type 3 font"; fi

# The .tex: emoji from the monochrome symbol fonts (TeX's engines draw no colour bitmaps), so one
# newer than Symbola (🧪) is named in a warning, and the file compiles with xelatex.
if [ -n "${VITA_NO_TEX:-}" ] || ! command -v xelatex >/dev/null 2>&1; then
	skip emoji_tex_compiles "TeX runs in the plain pass only (VITA_NO_TEX), or xelatex is not installed"
else
	$VITA render "$CV" -o "$T/tex/cv.tex" 2>"$T/tex.err"
	if ! grep -q "Color Emoji" "$T/tex/cv.tex" && grep -q "'🧪' U+1F9EA .* not in the font the .tex sets it in" "$T/tex.err" &&
		(cd "$T/tex" && timeout 300 xelatex -interaction=nonstopmode -halt-on-error cv.tex >/dev/null 2>&1) &&
		pdftotext "$T/tex/cv.pdf" - | grep -q "🎓 Education"; then
		pass emoji_tex_compiles
	else
		sed 's/^/    /' "$T/tex.err" | head -4; grep '^!' "$T/tex/cv.log" 2>/dev/null | head -3 | sed 's/^/    /'
		fail emoji_tex_compiles "the .tex names the colour font, does not warn for 🧪, or does not compile"
	fi
fi

# typography.emoji is vita's own key: `vita dump --rendercv` leaves it out, saying so
$VITA dump --rendercv "$T/drop.yaml" >"$T/drop.rendercv.yaml" 2>"$T/drop.rendercv.err"
if grep -q "design.typography.emoji is vita's own key" "$T/drop.rendercv.err" && ! grep -q "emoji:" "$T/drop.rendercv.yaml"; then
	pass emoji_key_left_out_for_rendercv
else sed 's/^/    /' "$T/drop.rendercv.err" | head -3; fail emoji_key_left_out_for_rendercv "the key is written for RenderCV, or silently dropped"; fi
