#!/bin/sh
# Fit to N pages (issue 16, src/render/fit.c): a CV just over a page comes onto one with a note
# saying what changed; the next larger factor (t + 0.01, through design.page.fit_factor) overflows;
# a CV that already fits is byte-identical with and without fit; an impossible fit renders at the
# minima with a warning giving the pages needed; the .tex gets the same scaled values (LaTeX
# paginates by its own rules, so the compiled .tex is not promised to fit: README).
. tests/lib.sh
T=$VITA_TMP/fit; mkdir -p "$T"
export SOURCE_DATE_EPOCH=1700000000
gen() { # N entries of experience
	printf 'cv:\n  name: Ada Example\n  sections:\n    experience:\n'
	i=0
	while [ $i -lt "$1" ]; do
		printf '      - company: Company %s\n        position: Engineer\n        start_date: 2010-01\n' $i
		printf '        end_date: 2011-01\n        highlights:\n          - Built a thing that mattered to someone\n'
		printf '          - Ran another thing for a while\n'
		i=$((i + 1))
	done
}
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
gen 16 >"$T/two.yaml"
$VITA render "$T/two.yaml" -o "$T/two.pdf" 2>/dev/null
$VITA render "$T/two.yaml" -o "$T/fit.pdf" --fit-pages 1 2>"$T/fit.err"
note=$(grep 'note: fit to 1 page: spacing [0-9]*%, fonts [0-9]*%, margins [0-9]*% (factor [0-9.]*, [0-9]* trials, [0-9]* ms)' "$T/fit.err")
t=$(printf '%s\n' "$note" | sed -n 's/.*(factor \([0-9.]*\),.*/\1/p')
if [ "$(pages "$T/two.pdf")" = 2 ] && [ "$(pages "$T/fit.pdf")" = 1 ] && [ -n "$note" ] && [ -n "$t" ]; then
	pass "fit: a 2-page CV is brought onto 1 page, with a note saying what changed (factor $t)"
else fail "fit: a 2-page CV is brought onto 1 page, with a note saying what changed" "pages $(pages "$T/two.pdf") -> $(pages "$T/fit.pdf"); $(cat "$T/fit.err")"; fi
up=$(awk -v t="$t" 'BEGIN { printf "%.2f", t + 0.01 }')
$VITA render "$T/two.yaml" -o "$T/at.pdf" --design.page.fit_factor "$t" 2>/dev/null
$VITA render "$T/two.yaml" -o "$T/up.pdf" --design.page.fit_factor "$up" 2>/dev/null
if [ -n "$t" ] && cmp -s "$T/at.pdf" "$T/fit.pdf" && [ "$(pages "$T/up.pdf")" = 2 ]; then
	pass "fit: the chosen factor $t renders the same PDF; the next larger one ($up) takes 2 pages"
else fail "fit: the chosen factor renders the same PDF; the next larger one takes 2 pages" "t=$t up=$up pages=$(pages "$T/up.pdf")"; fi

gen 3 >"$T/one.yaml"
$VITA render "$T/one.yaml" -o "$T/one.pdf" 2>/dev/null
$VITA render "$T/one.yaml" -o "$T/one-fit.pdf" --fit-pages 1 2>"$T/one.err"
$VITA render "$T/one.yaml" -o "$T/one.tex" 2>/dev/null && cp "$T/one.tex" "$T/one-plain.tex"
$VITA render "$T/one.yaml" -o "$T/one.tex" --fit-pages 1 2>/dev/null
if cmp -s "$T/one.pdf" "$T/one-fit.pdf" && cmp -s "$T/one.tex" "$T/one-plain.tex" && [ ! -s "$T/one.err" ]; then
	pass "fit: a CV that already fits is unchanged byte for byte (PDF and .tex), without a note"
else fail "fit: a CV that already fits is unchanged byte for byte (PDF and .tex), without a note" "$(cat "$T/one.err")"; fi

mkdir -p "$T/tex"
$VITA render "$T/two.yaml" -o "$T/tex/two.tex" 2>/dev/null && cp "$T/tex/two.tex" "$T/two-plain.tex"
$VITA render "$T/two.yaml" -o "$T/tex/two.tex" --fit-pages 1 2>/dev/null
if grep -q '^\\vitaset{line spacing = ' "$T/tex/two.tex" && ! grep -q '^\\vitaset{line spacing = ' "$T/two-plain.tex"; then
	pass "fit: the .tex gets the same scaled values (vitaset lines)"
else fail "fit: the .tex gets the same scaled values (vitaset lines)" "$(grep vitaset "$T/tex/two.tex" | head -3)"; fi
gen 40 >"$T/long.yaml"
$VITA render "$T/long.yaml" -o "$T/long.pdf" --fit-pages 1 2>"$T/long.err"; rc=$?
need=$(sed -n 's/.*warning: cannot fit to 1 page: even at the minima the CV needs \([0-9]*\); rendered at the minima: spacing 60%, fonts 85%, margins 70%.*/\1/p' "$T/long.err")
if [ $rc = 0 ] && [ -n "$need" ] && [ "$(pages "$T/long.pdf")" = "$need" ]; then
	pass "fit: an impossible fit renders at the minima and warns with the pages needed ($need)"
else fail "fit: an impossible fit renders at the minima and warns with the pages needed" "rc=$rc $(cat "$T/long.err")"; fi

{ gen 16; printf 'design:\n  page:\n    fit: 1\n    fit_minimum: {spacing: 0.95, font: 1, margins: 1}\n'; } >"$T/min.yaml"
$VITA render "$T/min.yaml" -o "$T/min.pdf" 2>"$T/min.err"
if grep -q "min.yaml:[0-9]*:[0-9]*: warning: cannot fit to 1 page: even at the minima the CV needs 2; rendered at the minima: spacing 95%, fonts 100%, margins 100%" "$T/min.err"; then
	pass "fit: design.page.fit and fit_minimum in the file bound the shrinking"
else fail "fit: design.page.fit and fit_minimum in the file bound the shrinking" "$(cat "$T/min.err")"; fi
printf 'cv:\n  name: A\ndesign:\n  page:\n    fit: 0\n    fit_minimum: {font: 2}\n' >"$T/bad.yaml"
if ! $VITA check "$T/bad.yaml" 2>"$T/bad.err" && grep -q "bad.yaml:5:10: error: design.page.fit: expected a whole number of pages from 1 to 99, got \`0\`" "$T/bad.err" &&
	grep -q "bad.yaml:6:25: error: design.page.fit_minimum.font: expected a number from 0 to 1" "$T/bad.err"; then
	pass "fit: bad values are errors at their line:col"
else fail "fit: bad values are errors at their line:col" "$(cat "$T/bad.err")"; fi
if $VITA render "$T/two.yaml" -o "$T/x.pdf" --fit-pages 0 2>"$T/usage.err"; then rc=0; else rc=$?; fi
if [ $rc = 2 ] && grep -q "fit-pages must be a whole number" "$T/usage.err"; then pass "fit: --fit-pages 0 is a usage error"
else fail "fit: --fit-pages 0 is a usage error" "rc=$rc $(cat "$T/usage.err")"; fi
