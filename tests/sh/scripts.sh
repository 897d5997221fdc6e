#!/bin/sh
# Every script, end to end: tests/fixtures/scripts/scripts.yaml (Korean, Japanese, Chinese, Arabic,
# Persian, Hebrew, Hindi, Bengali, Tamil, Thai, Vietnamese, Greek, Cyrillic, Georgian, Armenian,
# math alphanumerics, emoji, ★) renders with no warning, the PDF is clean for qpdf and pdffonts,
# pdftotext gives every word back (right-to-left ones in logical order), and every shaped piece of the layout has the glyph ids that
# hb-shape gives for the same font, text and (guessed) script and direction.  Needs the fonts of
# the default chain (scripts/deps.sh installs them); skipped, saying so, without them.
. "$VITA_ROOT/tests/lib.sh"
export SOURCE_DATE_EPOCH=1767225600
T=$VITA_TMP/scripts
mkdir -p "$T"
CV=tests/fixtures/scripts/scripts.yaml
for f in /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
	/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf; do
	if [ ! -r "$f" ]; then
		skip scripts "$f is not installed (fonts-noto-core, fonts-noto-cjk, fonts-symbola)"
		exit 0
	fi
done

$VITA render "$CV" -o "$T/s.pdf" >"$T/render.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$T/render.log" ]; then
	pass scripts_render_no_warning
else
	sed 's/^/    /' "$T/render.log" | head -n 20
	fail scripts_render_no_warning "exit $rc, or messages (a character no font has?)"
fi

$VITA render "$CV" -o "$T/again.pdf" >/dev/null 2>&1
if cmp -s "$T/s.pdf" "$T/again.pdf"; then pass scripts_reproducible
else fail scripts_reproducible "two renders differ (shaping, bidi or CFF subsets not deterministic?)"; fi

if qpdf --check "$T/s.pdf" >"$T/qpdf.txt" 2>&1; then pass scripts_qpdf_check
else sed 's/^/    /' "$T/qpdf.txt" | head; fail scripts_qpdf_check "qpdf --check reports problems"; fi
pdffonts "$T/s.pdf" >"$T/fonts.txt" 2>&1
# (a Type 3 font, the colour emoji's, is defined in the file itself: embedded and mapped, not a subset)
bad=$(tail -n +3 "$T/fonts.txt" | awk '{ n = NF; if ($(n-4) != "yes" || ($(n-3) != "yes" && $0 !~ /Type 3/) || $(n-2) != "yes") print }')
if [ -z "$bad" ] && [ "$(tail -n +3 "$T/fonts.txt" | grep -c .)" -ge 15 ]; then pass scripts_fonts_embedded
else sed 's/^/    /' "$T/fonts.txt"; fail scripts_fonts_embedded "a font not embedded/subset/mapped, or too few fonts"; fi

# Every word of the left-to-right lines comes back from pdftotext (Indic words through their
# /ActualText).
pdftotext -enc UTF-8 "$T/s.pdf" "$T/s.txt" 2>"$T/pdftotext.err"
missing=""
# with the colour emoji font, sequences come back whole (ZWJ, skin tone, flag: tests/sh/emoji.sh)
if [ -r /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; then
	for w in 👩‍🔬 👍🏽 🇯🇵; do grep -qF "$w" "$T/s.txt" || missing="$missing [$w]"; done
fi
for w in 민아 김서연 부산대학교 山田花子 カタカナとひらがなを教える 王小明 北京师范大学 陳大文 國立臺灣大學 \
	अनन्या शर्मा विश्वविद्यालय অমিত রায় বিশ্ববিদ্যালয় கார்த்திக் பல்கலைக்கழகம் สมชาย มหาวิทยาลัยเชียงใหม่ \
	"Nguyễn Thị Hương" "Đại học Huế" Παπαδοπούλου Κρήτης Смирнова университет ბერიძე უნივერსიტეტი \
	Սարգսյան համալսարան 𝐀𝐁𝐂 𝔽 🎓 📄 ★ ☆; do
	grep -qF "$w" "$T/s.txt" || missing="$missing [$w]"
done
if [ -z "$missing" ] && [ ! -s "$T/pdftotext.err" ]; then pass scripts_pdftotext_words
else sed 's/^/    /' "$T/pdftotext.err" | head -n 3; fail scripts_pdftotext_words "not extracted:$missing"; fi

# Right-to-left text is drawn in visual order (FriBidi) and extracts in logical order: every word,
# and the words of a stretch without punctuation in the order they are written (poppler's own
# reordering moves a comma and what follows it: see README).
missing=""
for w in "ليلى حداد" "جامعة القاهرة" "مریم رضایی" "دانشگاه تهران" "נועה לוי" "אוניברסיטת חיפה"; do
	grep -qF "$w" "$T/s.txt" || missing="$missing [$w]"
done
if [ -z "$missing" ]; then pass scripts_pdftotext_rtl_logical_order
else grep -a "Arabic\|Persian\|Hebrew" "$T/s.txt" | sed 's/^/    /'; fail scripts_pdftotext_rtl_logical_order "not extracted in logical order:$missing"; fi

# MuPDF ignores /ActualText and takes glyphs in the order they are drawn: a right-to-left word's
# glyphs are drawn in logical order (src/pdf/glyphs.c), so its words come back in logical order too
# (the words one by one: MuPDF lays a right-to-left line out left to right).
if command -v mutool >/dev/null 2>&1; then
	mutool draw -q -F txt -o "$T/mupdf.txt" "$T/s.pdf" 2>/dev/null
	missing=""
	for w in ليلى حداد جامعة القاهرة مریم دانشگاه تهران נועה לוי אוניברסיטת חיפה; do
		grep -qF "$w" "$T/mupdf.txt" || missing="$missing [$w]"
	done
	if [ -z "$missing" ]; then pass scripts_mupdf_rtl_logical_order
	else grep -a "Arabic\|Persian\|Hebrew" "$T/mupdf.txt" | sed 's/^/    /'; fail scripts_mupdf_rtl_logical_order "not extracted in logical order:$missing"; fi
else
	skip scripts_mupdf_rtl_logical_order "mutool is not installed (mupdf-tools)"
fi

# Clusters whose glyphs are drawn in another order than their characters are written (Indic vowel
# signs before their consonant, split vowels around it, marks drawn back under it): each glyph of a
# cluster stands for its share of the cluster's text (glyphs.c), so the readers that take the text
# glyph by glyph (MuPDF, pdfminer, pdf.js) give every word back, as poppler does through /ActualText; a mark
# drawn back has its advance raised in the subset (hmtx.c), so MuPDF sees no gap after it.
HAS="python3 $VITA_ROOT/tests/tools/has_words.py"
$VITA render tests/fixtures/scripts/clusters.yaml -o "$T/clusters.pdf" >"$T/clusters.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$T/clusters.log" ] && qpdf --check "$T/clusters.pdf" >"$T/clusters.qpdf" 2>&1; then
	pass scripts_clusters_render_clean
else
	sed 's/^/    /' "$T/clusters.log" "$T/clusters.qpdf" | head -n 20
	fail scripts_clusters_render_clean "exit $rc, messages (a character no font has?), or qpdf --check reports problems"
fi
INDIC="अनन्या शर्मा दिल्ली विश्वविद्यालय অমিত রায় কলকাতা বিশ্ববিদ্যালয় கார்த்திக் ராஜன் சென்னை பல்கலைக்கழகம்"
CLUSTERS="किरण कुमार प्रिया श्रीनिवास धर्मेंद्र क्षितिज কোহিনূর সৌমিত্র কৃষ্ণনগর கொழும்பு சோழன் கௌதம் பொன்னி കൊച്ചി സൗമ്യ"
PDFJS=${XDG_CACHE_HOME:-$HOME/.cache}/vita-tests/pdfjs/node_modules
for ex in pdftotext:poppler mutool:mupdf pdf2txt:pdfminer node:pdfjs; do
	tool=${ex%%:*} name=${ex#*:}
	if ! command -v "$tool" >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
		skip "scripts_${name}_indic_words" "$tool or python3 is not installed (scripts/deps.sh test installs them)"
		continue
	fi
	if [ "$tool" != pdftotext ] && { [ -n "${VITA_SANITIZED:-}" ] || [ -n "${VITA_WRAP:-}" ]; }; then
		skip "scripts_${name}_indic_words" "the extractors run in the plain pass only (the same PDF)"
		continue
	fi
	if [ "$tool" = node ] && [ ! -f "$PDFJS/pdfjs-dist/legacy/build/pdf.js" ]; then
		skip "scripts_${name}_indic_words" "pdf.js is not installed (tests/sh/extract_words.sh installs it from the npm registry)"
		continue
	fi
	for f in s clusters; do
		case $tool in
		pdftotext) pdftotext -enc UTF-8 "$T/$f.pdf" "$T/$f.$name.txt" 2>/dev/null ;;
		mutool) mutool draw -q -F txt -o "$T/$f.$name.txt" "$T/$f.pdf" 2>/dev/null ;;
		pdf2txt) pdf2txt -o "$T/$f.$name.txt" "$T/$f.pdf" 2>/dev/null ;;
		node) NODE_PATH="$PDFJS" node "$VITA_ROOT/tests/tools/pdfjs_text.js" "$T/$f.pdf" >"$T/$f.$name.txt" 2>/dev/null ;;
		esac
	done
	# shellcheck disable=SC2086
	if $HAS "$T/s.$name.txt" $INDIC >"$T/$name.missing" && $HAS "$T/clusters.$name.txt" $CLUSTERS >>"$T/$name.missing"; then
		pass "scripts_${name}_indic_words"
	else
		grep -a "Hindi\|Bengali\|Tamil\|Malayalam\|Kumar" "$T/s.$name.txt" "$T/clusters.$name.txt" | sed 's/^/    /'
		fail "scripts_${name}_indic_words" "not extracted: $(tr '\n' ' ' <"$T/$name.missing")"
	fi
done

# Glyph ids of shaped pieces = hb-shape's.
if ! command -v hb-shape >/dev/null 2>&1; then
	skip scripts_glyphs_match_hb_shape "hb-shape is not installed (libharfbuzz-bin)"
	exit 0
fi
$VITA render --dump-layout "$CV" >"$T/layout.txt" 2>/dev/null
n=0 bad=0
while IFS='	' read -r file face glyphs text; do
	path=$(find /usr/share/fonts "$VITA_ROOT/fonts" -name "$file" 2>/dev/null | head -n 1)
	want=$(hb-shape --font-file="$path" --face-index="$face" --no-glyph-names --no-positions --no-clusters \
		--text="$text" 2>&1 | tr -d '[]' | tr '|' ',')
	n=$((n + 1))
	if [ "$want" != "$glyphs" ]; then
		bad=$((bad + 1))
		echo "    $text ($file): layout $glyphs, hb-shape $want"
	fi
done <<EOT
$(awk '
	/^  font / { f = $2; match($0, /file="[^"]*"/); file[f] = substr($0, RSTART + 6, RLENGTH - 7)
		match($0, /face=[0-9]+/); face[f] = substr($0, RSTART + 5, RLENGTH - 5) }
	/^  text .* glyphs=/ { match($0, /font=[0-9]+/); f = substr($0, RSTART + 5, RLENGTH - 5)
		match($0, /glyphs=[0-9,]+/); g = substr($0, RSTART + 7, RLENGTH - 7)
		match($0, /"[^"]*"$/); t = substr($0, RSTART + 1, RLENGTH - 2)
		printf "%s\t%s\t%s\t%s\n", file[f], face[f], g, t }' "$T/layout.txt")
EOT
if [ "$bad" -eq 0 ] && [ "$n" -ge 20 ]; then pass scripts_glyphs_match_hb_shape
else fail scripts_glyphs_match_hb_shape "$bad of $n shaped pieces differ from hb-shape (want at least 20 pieces)"; fi
