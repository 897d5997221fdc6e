#!/bin/sh
# Every shipped theme (styles/*.yaml) through the LaTeX output under both engines (issue 14):
# tests/fixtures/all-kinds.yaml (every entry kind, CJK text) in each theme compiles with xelatex
# and with lualatex, with no overfull box over 1 pt and no missing character in either log (but
# the letters Debian's EB Garamond Bold lacks, ink's bold: a known issue), and the LuaLaTeX PDF's
# letters equal the XeLaTeX PDF's as a multiset, case folded (small caps extract as either);
# digits, punctuation, spaces, hyphens and the order are left out: the engines break lines
# apart, pdftotext may read moderncv's title column in another order, and one run gives the
# footer no page count.  latex.sh compiles the profiles and fixtures in their own themes and
# test_backends the fixtures in four themes with XeLaTeX only; this covers the rest.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
T="$VITA_TMP/latex_themes"
mkdir -p "$T"
if ! command -v xelatex >/dev/null 2>&1 || ! command -v lualatex >/dev/null 2>&1 || [ "${VITA_NO_TEX:-}" = 1 ]; then
	skip latex_themes "xelatex or lualatex is not installed, or TeX runs only in the plain pass"
	exit 0
fi
# Overfull boxes over 1 pt and missing characters in a log.
problems() {
	wide=$(sed -n 's/^Overfull \\[hv]box (\([0-9.]*\)pt too [a-z]*).*/\1/p' "$1" | awk '$1 > 1' | head -n 3)
	miss=$(grep 'Missing character' "$1" | grep -vc 'EBGaramond12-Bold')
	[ -z "$wide" ] && [ "$miss" = 0 ] && return 0
	echo "overfull (pt): $(echo $wide); missing characters: $miss $(grep -m2 'Missing character' "$1" | tr '\n' ' ')"
	return 1
}
for s in styles/*.yaml; do
	theme=$(basename "$s" .yaml)
	awk -v theme="$theme" '/^  theme:/ { print "  theme: " theme; next } { print }' tests/fixtures/all-kinds.yaml >"$T/$theme.yaml"
	if ! $VITA render "$T/$theme.yaml" -o "$T/$theme.tex" >"$T/$theme.err" 2>&1; then
		fail "latex_themes_$theme" "vita render failed: $(head -n 1 "$T/$theme.err")"
		continue
	fi
	grep -q "^\\\\documentclass\\[version=[0-9]*, cjk\\]{vita-$theme}\$" "$T/$theme.tex" ||
		{ fail "latex_themes_$theme" "the .tex does not ask for vita-$theme with the cjk option"; continue; }
	bad=""
	for e in xelatex lualatex; do
		if ! (cd "$T" && $e -no-shell-escape -halt-on-error -interaction=nonstopmode "$theme.tex" >"$theme.$e.out" 2>&1); then
			bad="$bad [$e: $(grep -m1 '^!' "$T/$theme.log")]"
			continue
		fi
		p=$(problems "$T/$theme.log") || bad="$bad [$e: $p]"
		pdftotext "$T/$theme.pdf" - | tr -cd '[:alpha:]' | tr 'A-Z' 'a-z' | fold -b -w1 | sort | uniq -c >"$T/$theme.$e.txt"
	done
	if [ -z "$bad" ] && ! cmp -s "$T/$theme.xelatex.txt" "$T/$theme.lualatex.txt"; then
		bad="$bad [the LuaLaTeX PDF's text is not the XeLaTeX PDF's]"
	fi
	[ -z "$bad" ] && pass "latex_themes_$theme" || fail "latex_themes_$theme" "$bad"
done
