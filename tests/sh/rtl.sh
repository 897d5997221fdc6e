#!/bin/sh
# Right-to-left CVs (issue #11): a CV whose locale.language is arabic, hebrew or persian, or whose
# design.typography.direction is rtl, is mirrored as RenderCV's Typst mirrors it under
# text-direction rtl.  tests/tools/rtl_check.py reads `vita render --dump-layout` and checks the
# geometry (the date column left of the main column, bullets and numbers right of their text, lines
# set from the right, section titles at the right with their rule to the left, the top note on the
# left); pdftotext must give the words back in logical order; the HTML says dir="rtl".
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
T=$VITA_TMP/rtl
mkdir -p "$T"
command -v python3 >/dev/null || { skip rtl "python3 is not installed"; exit 0; }
CHECK="python3 tests/tools/rtl_check.py"

# check NAME rtl|ltr CV [RENDER-OPTIONS...] -- [rtl_check.py OPTIONS...]: CV's layout is mirrored, or not
check() {
	name=$1 dir=$2 cv=$3
	shift 3
	opts=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		opts="$opts $1"
		shift
	done
	[ $# -gt 0 ] && shift
	# shellcheck disable=SC2086
	if ! VITA_DUMP_MEASURE=1 $VITA render --dump-layout "$cv" $opts >"$T/$name.txt" 2>"$T/$name.err"; then
		fail "$name" "vita render failed: $(grep -m1 error "$T/$name.err")"
	elif $CHECK layout "$T/$name.txt" "$dir" "$@" >"$T/$name.out" 2>&1; then
		pass "$name"
	else
		sed 's/^/    /' "$T/$name.out"
		fail "$name" "$(head -1 "$T/$name.out")"
	fi
}

check rtl_arabic_mirrored rtl tests/fixtures/rtl-arabic.yaml -- --after الملخص --main Nor --date 2019 --dates left \
	--title الملخص --top-note
check rtl_hebrew_moderncv_mirrored rtl tests/fixtures/rtl-hebrew.yaml -- --after ניסיון --main Carmel --date 2020 \
	--dates right --marker 1 --top-note
# the design key wins over the locale, either way
check rtl_direction_ltr_not_mirrored ltr tests/fixtures/rtl-arabic.yaml --design.typography.direction ltr -- \
	--after الملخص --main Nor --date 2019 --dates right --title الملخص --top-note
check rtl_direction_rtl_forced rtl tests/fixtures/all-kinds.yaml --design.typography.direction rtl -- \
	--after Summary --main Jagiellonian --date 2017 --dates left --title Summary --top-note
check rtl_persian_locale_mirrored rtl tests/fixtures/all-kinds.yaml --locale.language persian -- \
	--after Summary --main Jagiellonian --date 2017 --dates left --title Summary
check rtl_english_not_mirrored ltr tests/fixtures/all-kinds.yaml -- --after Summary --main Jagiellonian --date 2017 \
	--dates right --title Summary --top-note
# every theme mirrors (its title kind, header alignment, date column), and no other
for theme in $(ls styles/*.yaml | sed 's|styles/||; s|\.yaml$||'); do
	check "rtl_arabic_theme_$theme" rtl tests/fixtures/rtl-arabic.yaml --design.theme "$theme" -- --after الملخص
	check "rtl_english_theme_$theme" ltr tests/fixtures/all-kinds.yaml --design.theme "$theme" -- --after Summary
done

# a direction vita does not know is an error naming the three
if $VITA render tests/fixtures/minimal.yaml --design.typography.direction sideways -o "$T/bad.pdf" >"$T/bad.out" 2>&1; then
	fail rtl_direction_bad "an unknown direction was accepted"
elif grep -q 'design.typography.direction: unknown value `sideways` (expected one of: auto, ltr, rtl)' "$T/bad.out"; then
	pass rtl_direction_bad
else
	fail rtl_direction_bad "$(head -1 "$T/bad.out")"
fi

# pdftotext gives the words in logical order (its bidi embedding marks left out): the words of
# mixed Arabic/English and Hebrew/English lines, a URL and dates
words() {
	f=$1
	shift
	if ! $VITA render "tests/fixtures/$f.yaml" -o "$T/$f.pdf" 2>/dev/null || ! pdftotext "$T/$f.pdf" "$T/$f.pdf.txt"; then
		fail "rtl_pdftotext_logical_$f" "vita render or pdftotext failed"
	elif $CHECK words "$T/$f.pdf.txt" "$@" >"$T/$f.words" 2>&1; then
		pass "rtl_pdftotext_logical_$f"
	else
		sed 's/^/    /' "$T/$f.words"
		fail "rtl_pdftotext_logical_$f" "pdftotext does not give the words in logical order"
	fi
}
if command -v pdftotext >/dev/null; then
	words rtl-arabic 'سلمى الحداد' 'مهندسة برمجيات — Systems Engineer' \
		'مهندسة برمجيات تعمل على أنظمة التخزين الموزعة منذ عام 2015.' \
		'قادت فريقًا من ستة مهندسين في شركة Nordlicht Systems لبناء طبقة تخزين جديدة.' \
		'Designed the replication protocol (Raft, 3 regions).' \
		'طوّرت واجهات برمجية لخدمات الدفع، انظر https://petra-soft.example.com/api' \
		'مار 2019 – الحاضر'
	words rtl-hebrew 'נועה ברקת' 'חוקרת למידת מכונה' 'צוות של 12 אנשים, מוצר בשם Atlas.' \
		'Built the evaluation pipeline in Python and JAX.' 'עברית, אנגלית, ערבית'
else
	skip rtl_pdftotext "pdftotext is not installed (poppler-utils)"
fi

# HTML: the document is right to left, and its CSS mirrors by logical properties
if $VITA render tests/fixtures/rtl-hebrew.yaml -o "$T/he.html" 2>/dev/null &&
	grep -q '<html lang="he" dir="rtl">' "$T/he.html" && grep -q 'padding-inline-start' "$T/he.html" &&
	! grep -q 'margin-left\|padding-left\|margin-right\|h2 { margin: 0; text-align: left' "$T/he.html"; then
	pass rtl_html
else
	fail rtl_html "no <html lang=\"he\" dir=\"rtl\">, or the CSS's sides are not logical"
fi
if $VITA render tests/fixtures/all-kinds.yaml --design.typography.direction rtl -o "$T/forced.html" 2>/dev/null &&
	grep -q '<html lang="en" dir="rtl">' "$T/forced.html"; then
	pass rtl_html_forced
else
	fail rtl_html_forced "design.typography.direction: rtl does not give dir=\"rtl\""
fi

# the .tex of a right-to-left CV sets it right to left with babel (src/latex/rtl.c; latex.sh
# compiles the fixtures with both engines and finds their words); a left-to-right one has no babel
if $VITA render tests/fixtures/rtl-hebrew.yaml -o "$T/tex/he.tex" 2>/dev/null &&
	grep -q '^\\babelprovide\[import, main\]{hebrew}$' "$T/tex/he.tex" &&
	$VITA render tests/fixtures/minimal.yaml -o "$T/tex/min.tex" 2>/dev/null && ! grep -q babel "$T/tex/min.tex"; then
	pass rtl_latex_babel
else
	fail rtl_latex_babel "the .tex of rtl-hebrew has no \\babelprovide[import, main]{hebrew}, or minimal's has babel"
fi

# vita dump --rendercv leaves the key out (RenderCV's direction is its locale's), with a note
printf 'cv:\n  name: Ada Okonkwo\ndesign:\n  typography:\n    direction: rtl\n    line_spacing: 0.6em\n' >"$T/dir.yaml"
if $VITA dump --rendercv "$T/dir.yaml" >"$T/dir.out" 2>"$T/dir.err" && ! grep -q direction "$T/dir.out" &&
	grep -q 'line_spacing: 0.6em' "$T/dir.out" && grep -q 'design.typography.direction' "$T/dir.err"; then
	pass rtl_dump_rendercv
else
	fail rtl_dump_rendercv "design.typography.direction is written for RenderCV, or without a note: $(head -1 "$T/dir.err")"
fi
