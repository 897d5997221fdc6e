#!/bin/sh
# `vita import` end to end (the in-process checks — read-back, the five profiles against their hand
# transcriptions, nothing lost — are in tests/unit/test_import.c):
#   golden    each fixture in tests/fixtures/import/ (several per format, written for vita) imported:
#             the YAML, the messages and the exit status equal tests/golden/import/NAME.txt
#   bad       each input in tests/bad-import/ gives path:line:col errors (tests/golden/import-bad/),
#             exit 1, and no output file
#   usage     an unknown --from, no file, -o naming the input
#   profiles  each imported profile (../shared/profiles/) checks clean and renders to PDF and LaTeX
#   bib       a CV whose sections come `from:` a .bib: its dump is golden, and the PDF and the .tex
#             show every title and author, accents decoded
. tests/lib.sh
export SOURCE_DATE_EPOCH=1700000000

for f in tests/fixtures/import/*; do
	name=$(basename "$f")
	$VITA import "$f" --owner "Ana Lima" >"$VITA_TMP/imp.txt" 2>"$VITA_TMP/imp-err.txt"
	rc=$?
	{ echo "--- stderr"; cat "$VITA_TMP/imp-err.txt"; echo "exit: $rc"; } >>"$VITA_TMP/imp.txt"
	golden "import $name" "$VITA_TMP/imp.txt" "tests/golden/import/$name.txt"
done

for f in tests/bad-import/*; do
	name=$(basename "$f")
	rm -f "$VITA_TMP/bad.yaml"
	$VITA import "$f" -o "$VITA_TMP/bad.yaml" >"$VITA_TMP/bad-out.txt" 2>"$VITA_TMP/bad-err.txt"
	rc=$?
	echo "exit: $rc" >>"$VITA_TMP/bad-err.txt"
	if [ -e "$VITA_TMP/bad.yaml" ] || [ -s "$VITA_TMP/bad-out.txt" ]; then
		fail "import bad $name" "an output was written"
	elif [ "$rc" -ne 1 ]; then
		fail "import bad $name" "exit status $rc, want 1"
	else
		golden "import bad $name" "$VITA_TMP/bad-err.txt" "tests/golden/import-bad/$name.err"
	fi
done

$VITA import --from docx tests/fixtures/import/plain-cv.txt >/dev/null 2>"$VITA_TMP/u.txt"
rc=$?
if [ "$rc" = 1 ] && grep -q 'unknown format "docx"; vita import reads bibtex' "$VITA_TMP/u.txt"; then
	pass "import unknown --from"
else fail "import unknown --from" "exit $rc: $(cat "$VITA_TMP/u.txt")"; fi
$VITA import >/dev/null 2>&1
rc=$?
[ "$rc" = 2 ] && pass "import no file" || fail "import no file" "exit $rc, want 2"
cp tests/fixtures/import/plain-cv.txt "$VITA_TMP/in.txt"
$VITA import "$VITA_TMP/in.txt" -o "$VITA_TMP/in.txt" >/dev/null 2>&1
rc=$?
if [ "$rc" = 2 ] && cmp -s tests/fixtures/import/plain-cv.txt "$VITA_TMP/in.txt"; then
	pass "import -o the input"
else fail "import -o the input" "exit $rc or the input changed"; fi
$VITA import tests/fixtures/import/every-type.bib --from homepage >/dev/null 2>&1
[ $? -le 1 ] && pass "import --from overrides detection" || fail "import --from overrides detection" "crashed"

for f in ../shared/profiles/0*.txt; do
	[ -f "$f" ] || { skip "import profiles" "../shared/profiles is not there"; break; }
	name=$(basename "$f" .txt)
	if ! $VITA import "$f" -o "$VITA_TMP/$name.yaml" 2>"$VITA_TMP/share.txt"; then
		fail "import profile $name" "import failed: $(cat "$VITA_TMP/share.txt")"; continue
	fi
	grep -q '^vita import: [0-9]* of [0-9]* visible words ([0-9.]*%) not imported' "$VITA_TMP/share.txt" ||
		{ fail "import profile $name" "no share line"; continue; }
	if $VITA check "$VITA_TMP/$name.yaml" 2>"$VITA_TMP/chk.txt" &&
		$VITA render "$VITA_TMP/$name.yaml" -o "$VITA_TMP/$name.pdf" 2>/dev/null &&
		$VITA render "$VITA_TMP/$name.yaml" -o "$VITA_TMP/$name.tex" 2>/dev/null; then
		pass "import profile $name renders"
	else fail "import profile $name renders" "$(head -5 "$VITA_TMP/chk.txt")"; fi
done

cv=tests/fixtures/bibsection/cv.yaml
$VITA dump "$cv" >"$VITA_TMP/bib.txt" 2>&1
echo "exit: $?" >>"$VITA_TMP/bib.txt"
golden "import bib section dump" "$VITA_TMP/bib.txt" tests/golden/import/bibsection.txt
if $VITA render "$cv" -o "$VITA_TMP/bib.tex" 2>/dev/null && $VITA render "$cv" -o "$VITA_TMP/bib.pdf" 2>/dev/null; then
	# authors' names are tied in the .tex (Jörg~Müller), as the layout keeps a name on one line
	missing=""
	for w in "Schöne Gradients" "Jörg~Müller" "Queues, Caches" "Tiny Models – Big Claims" "王小明" "Bo~Chen"; do
		grep -qF "$w" "$VITA_TMP/bib.tex" || missing="$missing \"$w\""
	done
	if [ -z "$missing" ]; then pass "import bib section tex"; else fail "import bib section tex" "not in the .tex:$missing"; fi
	if command -v pdftotext >/dev/null; then
		pdftotext "$VITA_TMP/bib.pdf" "$VITA_TMP/bib.pdf.txt"
		miss=""
		for w in "Schöne Gradients" "Jörg Müller" "Tiny Models – Big Claims" "王小明" "Journal of Imaginary Systems"; do
			grep -qF "$w" "$VITA_TMP/bib.pdf.txt" || miss="$miss \"$w\""
		done
		[ -z "$miss" ] && pass "import bib section pdf" || fail "import bib section pdf" "missing:$miss"
	else skip "import bib section pdf" "pdftotext is not installed"; fi
else fail "import bib section render" "vita render failed"; fi

# The imported test .bib files (every entry type, both name orders, accents, macros, CJK names, a
# 40-author paper) render with every title and every author in the PDF, accents decoded.  Compared
# without spaces and hyphens, which line breaking adds or moves, and without emphasis marks and
# apostrophes (the PDF has the typographic ’).
if command -v pdftotext >/dev/null; then
	for f in tests/fixtures/import/every-type.bib tests/fixtures/import/forty-authors.bib; do
		name=$(basename "$f" .bib)
		$VITA import "$f" --owner "Ana Lima" -o "$VITA_TMP/$name.yaml" 2>/dev/null &&
			$VITA render "$VITA_TMP/$name.yaml" -o "$VITA_TMP/$name.pdf" 2>/dev/null ||
			{ fail "import $name renders" "import or render failed"; continue; }
		pdftotext -raw "$VITA_TMP/$name.pdf" - | tr -d " \n'-" | sed 's/’//g' >"$VITA_TMP/$name.flat"
		$VITA dump "$VITA_TMP/$name.yaml" | sed -n 's/^ *\(title\|author\) "\(.*\)" @.*/\2/p' |
			sed 's/\\\\/\\/g' >"$VITA_TMP/$name.want"
		n=0 miss=""
		while IFS= read -r w; do
			n=$((n + 1))
			flat=$(printf '%s' "$w" | tr -d " *'-")
			grep -qF -- "$flat" "$VITA_TMP/$name.flat" || miss="$miss \"$w\""
		done <"$VITA_TMP/$name.want"
		if [ "$n" -lt 10 ]; then fail "import $name pdf" "only $n titles and authors found in the dump"
		elif [ -n "$miss" ]; then fail "import $name pdf" "not in the PDF:$miss"
		else pass "import $name pdf ($n titles and authors)"; fi
	done
else skip "import bib pdf" "pdftotext is not installed"; fi

# vita render, check and build read importable files directly (imported in memory, positions kept
# in the source), and say how much of the source's text was not mapped.
$VITA render tests/fixtures/import/acadhomepage-about.md -o "$VITA_TMP/direct.md" >"$VITA_TMP/direct.txt" 2>&1
rc=$?
$VITA import tests/fixtures/import/acadhomepage-about.md -o "$VITA_TMP/via.yaml" >/dev/null 2>&1
$VITA render "$VITA_TMP/via.yaml" -o "$VITA_TMP/via.md" >/dev/null 2>&1
if [ $rc -eq 0 ] && [ -s "$VITA_TMP/direct.md" ] && cmp -s "$VITA_TMP/direct.md" "$VITA_TMP/via.md"; then
	pass "render of a homepage equals render of its import"
else fail "render of a homepage equals render of its import" "rc=$rc; $(diff "$VITA_TMP/direct.md" "$VITA_TMP/via.md" | head -5)"; fi
$VITA check tests/fixtures/import/every-type.bib >"$VITA_TMP/direct-bib.txt" 2>&1
if grep -q '^tests/fixtures/import/every-type.bib: warning: [0-9]* of [0-9]* visible words of this file were not imported' "$VITA_TMP/direct-bib.txt"; then
	pass "check of a .bib says what was not imported"
else fail "check of a .bib says what was not imported" "$(cat "$VITA_TMP/direct-bib.txt")"; fi
mkdir -p "$VITA_TMP/direct-out"
$VITA build tests/fixtures/import/every-type.bib tests/fixtures/import/forty-authors.bib tests/fixtures/import/plain-cv.txt \
	-o "$VITA_TMP/direct-out" -j2 -q >"$VITA_TMP/direct-build.txt" 2>&1
if grep -q '^vita build: 3 rendered, 0 failed' "$VITA_TMP/direct-build.txt" && [ -s "$VITA_TMP/direct-out/forty-authors.pdf" ]; then
	pass "build renders importable files named on the command line"
else fail "build renders importable files named on the command line" "$(tail -3 "$VITA_TMP/direct-build.txt")"; fi
