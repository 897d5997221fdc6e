#!/bin/sh
# The PDF backend's output as readers see it, checked with poppler (pdffonts, pdftotext, pdfinfo,
# pdftoppm) and qpdf on the PDFs that build/tests/test_pdf writes into $VITA_PDF_OUT:
#   - qpdf finds no structural error;
#   - every font is embedded, subset, and has a usable ToUnicode map;
#   - text extracts exactly (accents, a caron, Chinese) and poppler prints no warning;
#   - every glyph of every embedded font has the same outline extents as in the original font
#     (libharu 2.3.0 silently drops parts of nested composites and glyph ids above 32767);
#   - bookmarks and document information are there; page 1 is not blank.
. "$VITA_ROOT/tests/lib.sh"

for tool in qpdf pdffonts pdftotext pdfinfo; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		skip pdf_tools "$tool is not installed (poppler-utils, qpdf)"
		exit 0
	fi
done

OUT="$VITA_TMP/pdf"
rm -rf "$OUT"
mkdir -p "$OUT"
if ! VITA_PDF_OUT="$OUT" "$VITA_BUILD/tests/test_pdf" >"$OUT/unit.log" 2>&1; then
	sed 's/^/    /' "$OUT/unit.log" | tail -n 20
	fail pdf_fixtures "test_pdf failed while writing the fixture PDFs"
	exit 0
fi
for f in sample image warnings; do
	[ -s "$OUT/$f.pdf" ] || { fail pdf_fixtures "test_pdf wrote no $f.pdf"; exit 0; }
done
pass pdf_fixtures
SAMPLE="$OUT/sample.pdf"

# ---- structure
for f in sample image warnings; do
	if qpdf --check "$OUT/$f.pdf" >"$OUT/qpdf.txt" 2>&1; then
		pass "pdf_qpdf_check_$f"
	else
		sed 's/^/    /' "$OUT/qpdf.txt" | head -n 10
		fail "pdf_qpdf_check_$f" "qpdf --check reports problems"
	fi
done

# ---- fonts: embedded, subset, with a ToUnicode map
pdffonts "$SAMPLE" >"$OUT/fonts.txt" 2>&1
nfonts=$(tail -n +3 "$OUT/fonts.txt" | grep -c .)
bad=$(tail -n +3 "$OUT/fonts.txt" | awk '{ n = NF; if ($(n-4) != "yes" || $(n-3) != "yes" || $(n-2) != "yes") print }')
if [ "$nfonts" -eq 3 ] && [ -z "$bad" ]; then
	pass pdf_fonts_embedded_subset_unicode
else
	sed 's/^/    /' "$OUT/fonts.txt"
	fail pdf_fonts_embedded_subset_unicode "want 3 fonts, each emb/sub/uni yes (got $nfonts)"
fi

# ---- text extraction, with no warning from poppler
pdftotext -enc UTF-8 "$SAMPLE" "$OUT/sample.txt" 2>"$OUT/pdftotext.err"
if [ -s "$OUT/pdftotext.err" ]; then
	sed 's/^/    /' "$OUT/pdftotext.err" | head -n 5
	fail pdf_text_no_warnings "pdftotext printed warnings (an invalid ToUnicode map?)"
else
	pass pdf_text_no_warnings
fi
missing=""
for word in "Dušan Petrović" "Zoë Ångström" "江宸宇" "Dušan Dušan" "https://example.org/cv" \
	"Page two: Łódź, naïve café" "北京大学"; do
	grep -qF "$word" "$OUT/sample.txt" || missing="$missing [$word]"
done
if [ -z "$missing" ]; then
	pass pdf_text_extracts_exactly
else
	sed 's/^/    /' "$OUT/sample.txt"
	fail pdf_text_extracts_exactly "not extracted:$missing"
fi
# Characters the font lacks (one above U+FFFF) are blank but still extract: the ToUnicode map has
# them, the character above U+FFFF as a surrogate pair.
pdftotext -enc UTF-8 "$OUT/warnings.pdf" "$OUT/warnings.txt" 2>"$OUT/pdftotext.err"
if grep -q "Hi 江 😀" "$OUT/warnings.txt" && [ ! -s "$OUT/pdftotext.err" ]; then
	pass pdf_text_missing_glyphs_extract
else
	sed 's/^/    /' "$OUT/warnings.txt"
	fail pdf_text_missing_glyphs_extract "expected 'Hi 江 😀'"
fi

# 9000 different characters in one font (the /W array in several runs): all extract, in order.
if [ -s "$OUT/many.pdf" ] && [ -s "$OUT/many.txt" ]; then
	pdftotext -enc UTF-8 "$OUT/many.pdf" "$OUT/many-out.txt" 2>"$OUT/pdftotext.err"
	tr -d '\n\f' <"$OUT/many-out.txt" >"$OUT/many-got.txt"
	if cmp -s "$OUT/many-got.txt" "$OUT/many.txt" && [ ! -s "$OUT/pdftotext.err" ]; then
		pass pdf_text_many_characters
	else
		head -c 300 "$OUT/many-got.txt" | sed 's/^/    /'
		fail pdf_text_many_characters "9000 CJK characters do not extract exactly, or poppler warned"
	fi
else
	fail pdf_text_many_characters "test_pdf wrote no many.pdf/many.txt"
fi

# CFF fonts (test_pdf's cff_fonts): CIDFontType0, embedded, subset, mapped; the text extracts and
# poppler draws the Korean line (a CID-keyed CFF inside an /OpenType program drew nothing).
if [ -s "$OUT/cff.pdf" ]; then
	pdffonts "$OUT/cff.pdf" >"$OUT/cff-fonts.txt" 2>&1
	pdftotext -enc UTF-8 "$OUT/cff.pdf" "$OUT/cff.txt" 2>"$OUT/cff.err"
	dark=0
	if command -v pdftoppm >/dev/null 2>&1; then
		pdftoppm -gray -r 72 -x 50 -y 60 -W 300 -H 40 -f 1 -l 1 "$OUT/cff.pdf" "$OUT/cffpage" 2>/dev/null
		pgm=$(ls "$OUT"/cffpage*.pgm 2>/dev/null | head -n 1)
		[ -n "$pgm" ] && dark=$(tail -c 12000 "$pgm" | od -An -tu1 -v | tr -s ' ' '\n' | awk '$1 != "" && $1 < 128 {n++} END {print n + 0}')
	fi
	if [ "$(grep -c 'CID Type 0C.*yes yes yes' "$OUT/cff-fonts.txt")" -eq 2 ] &&
		grep -q "김민준 서울대학교" "$OUT/cff.txt" && grep -q "Naïve café" "$OUT/cff.txt" &&
		[ ! -s "$OUT/cff.err" ] && [ "$dark" -gt 200 ] && qpdf --check "$OUT/cff.pdf" >/dev/null 2>&1; then
		pass pdf_cff_fonts
	else
		sed 's/^/    /' "$OUT/cff-fonts.txt" "$OUT/cff.txt" "$OUT/cff.err"
		fail pdf_cff_fonts "CFF fonts not embedded as CID Type 0C, not extracted, or not drawn ($dark dark pixels)"
	fi
else
	skip pdf_cff_fonts "test_pdf wrote no cff.pdf (fonts-noto-cjk or lmodern missing)"
fi

# ---- every embedded glyph keeps its outline
qpdf --qdf --object-streams=disable "$SAMPLE" "$OUT/qdf.pdf" 2>/dev/null
objs=$(grep -a -o '/FontFile2 [0-9]* 0 R' "$OUT/qdf.pdf" | awk '{print $2}' | sort -un)
if [ -z "$objs" ]; then
	fail pdf_glyph_outlines "no FontFile2 stream found"
else
	ok=1 n=0
	for o in $objs; do
		n=$((n + 1))
		qpdf --show-object="$o" --filtered-stream-data "$OUT/qdf.pdf" >"$OUT/font$o.ttf" 2>/dev/null
		if ! "$VITA_BUILD/tests/test_pdf" --check-font "$OUT/font$o.ttf" "$VITA_ROOT"/fonts/*.ttf \
			>"$OUT/check$o.txt" 2>&1; then
			ok=0
			sed 's/^/    /' "$OUT/check$o.txt" | head -n 10
		fi
	done
	if [ "$ok" = 1 ] && [ "$n" -eq 3 ]; then
		pass pdf_glyph_outlines
	else
		fail pdf_glyph_outlines "an embedded glyph differs from the original font ($n fonts checked)"
	fi
fi
# DejaVu Sans Bold nests composites ("š"); its fixture exists only where the font is installed.
if [ -s "$OUT/dejavu.pdf" ]; then
	qpdf --qdf --object-streams=disable "$OUT/dejavu.pdf" "$OUT/dejavu-qdf.pdf" 2>/dev/null
	o=$(grep -a -o '/FontFile2 [0-9]* 0 R' "$OUT/dejavu-qdf.pdf" | awk '{print $2}' | head -n 1)
	qpdf --show-object="$o" --filtered-stream-data "$OUT/dejavu-qdf.pdf" >"$OUT/dejavu.ttf" 2>/dev/null
	if "$VITA_BUILD/tests/test_pdf" --check-font "$OUT/dejavu.ttf" \
		/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf >"$OUT/dejavu.txt" 2>&1; then
		pass pdf_glyph_outlines_nested_composites
	else
		sed 's/^/    /' "$OUT/dejavu.txt" | head -n 10
		fail pdf_glyph_outlines_nested_composites "a composite glyph lost a part"
	fi
else
	skip pdf_glyph_outlines_nested_composites "DejaVu Sans Bold is not installed"
fi

# The check must tell outlines apart: against Noto Sans Regular alone, only the embedded regular
# font passes (the bold and the CJK font differ in every glyph).
passes=0
for o in $objs; do
	"$VITA_BUILD/tests/test_pdf" --check-font "$OUT/font$o.ttf" "$VITA_ROOT/fonts/NotoSans-Regular.ttf" \
		>/dev/null 2>&1 && passes=$((passes + 1))
done
if [ "$passes" -eq 1 ]; then
	pass pdf_glyph_check_discriminates
else
	fail pdf_glyph_check_discriminates "$passes of the embedded fonts match Noto Sans Regular, want 1"
fi

# ---- document information and bookmarks
pdfinfo "$SAMPLE" >"$OUT/info.txt" 2>&1
if grep -q "^Title: *CV — Dušan Petrović$" "$OUT/info.txt" &&
	grep -q "^Author: *Dušan Petrović$" "$OUT/info.txt" &&
	grep -q "^Producer: *vita .* (libharu 2\.3\.0)$" "$OUT/info.txt" &&
	grep -q "^CreationDate: *Tue Nov 14 22:13:20 2023 UTC$" "$OUT/info.txt" &&
	grep -q "^Pages: *2$" "$OUT/info.txt"; then
	pass pdf_info
else
	sed 's/^/    /' "$OUT/info.txt"
	fail pdf_info "title, author, producer, date or page count wrong"
fi
qpdf --json --json-key=outlines "$SAMPLE" >"$OUT/outlines.json" 2>&1
if grep -q '"title": "Education"' "$OUT/outlines.json" &&
	grep -q '"title": "Publications — 北京"' "$OUT/outlines.json" &&
	grep -q '"destpageposfrom1": 2' "$OUT/outlines.json"; then
	pass pdf_bookmarks
else
	head -n 30 "$OUT/outlines.json" | sed 's/^/    /'
	fail pdf_bookmarks "bookmark titles or pages wrong"
fi

# ---- whole CVs through `vita render`, once the loader and the layout are in
# Checks that hold for any PDF vita writes: structure, fonts, extraction without warnings, outlines.
check_pdf() { # name file
	if ! qpdf --check "$2" >"$OUT/qpdf.txt" 2>&1; then
		sed 's/^/    /' "$OUT/qpdf.txt" | head -n 10
		fail "$1" "qpdf --check reports problems"; return
	fi
	pdffonts "$2" >"$OUT/fonts.txt" 2>&1
	bad=$(tail -n +3 "$OUT/fonts.txt" | awk '{ n = NF; if ($(n-4) != "yes" || $(n-3) != "yes" || $(n-2) != "yes") print }')
	if [ -n "$bad" ]; then
		sed 's/^/    /' "$OUT/fonts.txt"
		fail "$1" "a font is not embedded, subset and mapped to Unicode"; return
	fi
	if ! pdftotext -enc UTF-8 "$2" "$OUT/e2e.txt" 2>"$OUT/e2e.err" || [ -s "$OUT/e2e.err" ]; then
		sed 's/^/    /' "$OUT/e2e.err" | head -n 5
		fail "$1" "pdftotext failed or warned"; return
	fi
	qpdf --qdf --object-streams=disable "$2" "$OUT/e2e-qdf.pdf" 2>/dev/null
	for o in $(grep -a -o '/FontFile2 [0-9]* 0 R' "$OUT/e2e-qdf.pdf" | awk '{print $2}' | sort -un); do
		qpdf --show-object="$o" --filtered-stream-data "$OUT/e2e-qdf.pdf" >"$OUT/e2e-font.ttf" 2>/dev/null
		if ! "$VITA_BUILD/tests/test_pdf" --check-font "$OUT/e2e-font.ttf" "$VITA_ROOT"/fonts/*.ttf "$VITA_ROOT"/fonts/themes/*.ttf "$VITA_ROOT"/fonts/icons/*.ttf \
			>"$OUT/e2e-check.txt" 2>&1; then
			sed 's/^/    /' "$OUT/e2e-check.txt" | head -n 10
			fail "$1" "an embedded glyph differs from the original font"; return
		fi
	done
	pass "$1"
}
check_pdf pdf_generic_checks_sample "$SAMPLE" # the checks below, on a PDF known to be good
mkdir -p "$OUT/e2e"
for cv in "$VITA_ROOT"/tests/fixtures/all-kinds.yaml "$VITA_ROOT"/content/*.yaml; do
	[ -f "$cv" ] || continue
	name=$(basename "$cv" .yaml)
	if ! SOURCE_DATE_EPOCH=1767225600 $VITA render "$cv" -o "$OUT/e2e/$name.pdf" >"$OUT/e2e/$name.log" 2>&1; then
		if grep -q "not built yet" "$OUT/e2e/$name.log"; then
			skip "pdf_render_$name" "the pipeline does not render yet ($(grep -o '[a-z]* is not built yet' "$OUT/e2e/$name.log" | head -n 1))"
		else
			sed 's/^/    /' "$OUT/e2e/$name.log" | head -n 10
			fail "pdf_render_$name" "vita render failed"
		fi
		continue
	fi
	check_pdf "pdf_render_$name" "$OUT/e2e/$name.pdf"
	# Subset fonts keep a CV small: under 60 KB for two pages.
	pages=$(pdfinfo "$OUT/e2e/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	size=$(wc -c <"$OUT/e2e/$name.pdf")
	limit=$((30000 * (${pages:-1} > 2 ? ${pages:-1} : 2)))
	if [ "$size" -le "$limit" ]; then
		pass "pdf_render_${name}_size"
	else
		fail "pdf_render_${name}_size" "$size bytes for ${pages:-?} pages (limit $limit)"
	fi
	# The same input and SOURCE_DATE_EPOCH give the same bytes.
	SOURCE_DATE_EPOCH=1767225600 $VITA render "$cv" -o "$OUT/e2e/$name-again.pdf" >/dev/null 2>&1
	if cmp -s "$OUT/e2e/$name.pdf" "$OUT/e2e/$name-again.pdf"; then
		pass "pdf_render_${name}_reproducible"
	else
		fail "pdf_render_${name}_reproducible" "two renders differ"
	fi
done

# ---- page 1 is drawn (not blank)
if command -v pdftoppm >/dev/null 2>&1; then
	pdftoppm -gray -r 30 -f 1 -l 1 "$SAMPLE" "$OUT/page" 2>/dev/null
	pgm=$(ls "$OUT"/page*.pgm 2>/dev/null | head -n 1)
	dark=0
	[ -n "$pgm" ] && dark=$(tail -c 100000 "$pgm" | od -An -tu1 -v | tr -s ' ' '\n' | awk '$1 != "" && $1 < 128 {n++} END {print n + 0}')
	if [ "$dark" -gt 100 ]; then
		pass pdf_page_not_blank
	else
		fail pdf_page_not_blank "page 1 renders with $dark dark pixels"
	fi
else
	skip pdf_page_not_blank "pdftoppm is not installed"
fi
