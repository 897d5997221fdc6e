#!/bin/sh
# The .tex holds the CV, not vita's typesetting decisions (issue 14): in the document body of every
# profile and fixture, in every theme, no forced line or page break (\\, \newline, \linebreak,
# \break, \newpage, \pagebreak, \clearpage), no placement by hand (\vspace, \vskip, \hspace,
# \hskip, \kern, \put, \raisebox, \smash, \llap, \rlap, \makebox) -- the class typesets.  The one
# exception is a line break the CV's own template writes inside a field (RenderCV's date column,
# "DATE\nTIME_SPAN"), written as \newline{} inside that key's value.  No TeX is needed, so this
# runs in every pass; under valgrind only the default theme.
. tests/lib.sh
W="$VITA_TMP/latex-markup"
mkdir -p "$W"
themes="classic ember engineeringclassic engineeringresumes harvard ink moderncv opal sb2nov"
[ -n "${VITA_VALGRIND:-}" ] && themes=""
forbidden='\\\\|\\(newline|linebreak|break|newpage|pagebreak|clearpage|vspace|vskip|hspace|hskip|kern|put|raisebox|smash|llap|rlap|makebox)([^a-zA-Z@]|$)'
allowed='  (date|location) = \{[^{}]*(\\newline\{\}[^{}]*)+\},?$'
n=0 bad=0
for f in content/*.yaml tests/fixtures/*.yaml; do
	b=$(basename "$f" .yaml)
	for t in "" $themes; do
		o="$W/$b${t:+-$t}.tex"
		if [ -n "$t" ]; then set -- --design.theme "$t"; else set --; fi
		if ! $VITA render "$f" "$@" -o "$o" >"$W/err" 2>&1; then
			fail "latex_markup_$b${t:+_$t}" "vita render failed: $(head -n 1 "$W/err")"
			bad=$((bad + 1))
			continue
		fi
		n=$((n + 1))
		sed -n '/^\\begin{document}/,$p' "$o" | grep -n -E "$forbidden" | grep -v -E "^[0-9]+:$allowed" \
			>"$W/hits" || true
		if [ -s "$W/hits" ]; then
			head -n 3 "$W/hits" | sed 's/^/    /'
			bad=$((bad + 1))
			fail "latex_markup_$b${t:+_$t}" "the body of $b's .tex places or breaks by hand"
		fi
	done
done
# The check must see a break: one written into a copy of a .tex is found.
o=$(ls "$W"/*.tex | head -n 1)
sed 's/^\\begin{document}$/\\begin{document}\\vspace{3pt}/' "$o" >"$W/planted.tex"
if [ "$n" -gt 0 ] && [ "$bad" -eq 0 ] &&
	sed -n '/^\\begin{document}/,$p' "$W/planted.tex" | grep -q -E "$forbidden"; then
	pass "latex_markup ($n .tex files: no forced breaks, no placement by hand)"
elif [ "$bad" -eq 0 ]; then
	fail latex_markup "the check found nothing in a .tex with \\vspace planted ($n files)"
fi
