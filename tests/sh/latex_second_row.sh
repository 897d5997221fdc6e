#!/bin/sh
# The LaTeX class sets an entry's second row as vita's PDF does (issue 14): with
# entries.short_second_row false (RenderCV's default in ember, sb2nov, harvard, …) only the main
# column's first rows, as many as the date column has, stand beside the date column, and the rest
# (the highlights here) run the whole width, under the dates; with it true (classic, opal) the whole
# main column stays beside them.  Before, the class kept every row beside the date column, so a
# long highlight broke about 100 pt earlier than in vita's PDF and everything below moved (ember:
# 56% of the words in the same place, 99% after).  Checked: the right end of a highlight's first
# line in both PDFs, the theme's default and the CV's \vitaset, with and without a degree column.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
T="$VITA_TMP/latex_second_row"
need_tex latex_second_row xelatex pdftotext
rm -rf "$T" && mkdir -p "$T"
# the right end of the line that holds the word $2 (its baseline within 1 pt)
line_end() {
	pdftotext -bbox "$1" - | awk -v w="$2" '
		match($0, /yMax="[-0-9.]+"/) { y = substr($0, RSTART + 6, RLENGTH - 7) + 0 }
		match($0, /xMax="[-0-9.]+"/) { x = substr($0, RSTART + 6, RLENGTH - 7) + 0 }
		/<word/ { n++; ys[n] = y; xs[n] = x; if ($0 ~ (">" w "<") && !at) at = y }
		END { m = 0; for (i = 1; i <= n; i++) if (ys[i] - at < 1 && at - ys[i] < 1 && xs[i] > m) m = xs[i]; print m }'
}
# check NAME THEME SHORT WORDS EXTRA: renders the CV in THEME with short_second_row SHORT, compares the
# line ends of the highlights that start with WORDS, keeps vita's in $T/NAME/WORD
check() {
	mkdir -p "$T/$1"
	cat >"$T/$1/cv.yaml" <<YAML
cv:
  name: Ada Okonkwo
  sections:
    experience:
      - company: Lagos Analytics
        position: Engineer
        location: Lagos
        start_date: 2020-01
        end_date: present
        highlights:
          - Zyxwv kept the nightly data pipelines of the whole company running and rewrote the scheduler that ran them on every cluster we had
    education:
      - institution: University of Lagos
        area: Computer Science
        degree: BSc
        start_date: 2013-09
        end_date: 2017-06
        highlights:
          - Qwvut graduated with honours after writing a thesis on the scheduling of data pipelines across many clusters
design:
  theme: $2
  entries:
    short_second_row: $3
$5
YAML
	pdf_and_tex "latex_second_row_$1" "$T/$1" || return 1
	for w in $4; do
		v=$(line_end "$T/$1/cv.vita.pdf" $w)
		l=$(line_end "$T/$1/cv.pdf" $w)
		if awk -v v="$v" -v l="$l" 'BEGIN { d = v - l; if (d < 0) d = -d; exit !(v > 0 && d <= 12) }'; then
			pass "latex_second_row_${1}_$w"
		else
			fail "latex_second_row_${1}_$w" "the highlight's first line ends at x=$l in the LaTeX PDF, $v in vita's PDF"
		fi
		echo "$v" >"$T/$1/$w"
	done
}
check ember-long ember false "Zyxwv Qwvut" ""
check ember-short ember true "Zyxwv Qwvut" ""
# a degree column (classic's education) with the second row under the dates (classic's experience
# has three date rows, so its highlights stay beside them)
check classic-long classic false Qwvut "  templates:
    education_entry:
      degree_column: '**DEGREE**'"
# the CV's own setting reaches the class as \vitaset (the theme says false, the CV true)
if grep -q '^\\vitaset{short second row = true}$' "$T/ember-short/cv.tex"; then
	pass latex_second_row_vitaset
else
	fail latex_second_row_vitaset "the .tex does not set short second row = true with vitaset"
fi
# and the two settings do differ in vita's PDF, so that the comparisons above mean something
a=$(cat "$T/ember-long/Zyxwv" 2>/dev/null) b=$(cat "$T/ember-short/Zyxwv" 2>/dev/null)
if awk -v a="$a" -v b="$b" 'BEGIN { exit !(a - b > 40) }'; then
	pass latex_second_row_differs
else
	fail latex_second_row_differs "vita's PDF ends the highlight's line at $a (false) and $b (true)"
fi
# a .tex written for the class before it knew short_second_row (version 3) still compiles
sed 's/^\\documentclass\[version=[0-9]*/\\documentclass[version=3/' "$T/ember-long/cv.tex" >"$T/ember-long/old.tex"
if (cd "$T/ember-long" && xelatex -no-shell-escape -halt-on-error -interaction=batchmode old.tex >/dev/null 2>&1) &&
	grep -q 'version=3' "$T/ember-long/old.tex"; then
	pass latex_second_row_old_version
else
	fail latex_second_row_old_version "a .tex for class version 3 did not compile"
fi
