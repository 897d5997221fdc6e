#!/bin/sh
# RenderCV's (Typst's) vertical and horizontal spacing rules, each on a small CV, read from the
# layout dump: a section title's first entry sits space_below + 0.125 em of the title below it
# (the heading's own block spacing less RenderCV's 0.5 em); the bullet "●" is RenderCV's 13 pt "•",
# whose cell (down to its baseline) ends a one-line item; and a line that Typst sets with spaces
# narrower than vita's 0.16 em floor keeps Typst's break, its spaces at the floor and its letters
# tracked, within the measure and with pdftotext -raw keeping the words apart.
. tests/lib.sh
T=$VITA_TMP/spacing
mkdir -p "$T"
cat >"$T/edu.yaml" <<'YAML'
cv:
  name: John Doe
  sections:
    education:
      - institution: Princeton University
        area: Computer Science
        degree: PhD
        start_date: 2018-09
        end_date: 2023-05
        location: Princeton, NJ
        highlights:
          - 'Thesis: Efficient Neural Architecture Search for Resource-Constrained Deployment'
          - 'Advisor: Prof. Sanjeev Arora'
          - 'NSF Graduate Research Fellowship'
design:
  theme: THEME
YAML
# the baseline of the first text item reading exactly $2 in dump $1
y_of() { awk -v w="\"$2\"" '$1 == "text" && $NF == w { print $3; exit }' "$1"; }
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; exit !(d <= t && d >= -t) }'; }

sed 's/THEME/classic/' "$T/edu.yaml" >"$T/classic.yaml"
$VITA render "$T/classic.yaml" --dump-layout >"$T/classic.txt" 2>"$T/classic.err"
$VITA render "$T/classic.yaml" -o "$T/classic.pdf" 2>>"$T/classic.err"
# title baseline -> first entry baseline: 0.3 cm + 0.125 x 14 pt + Source Sans 3's cap height (6.6 pt)
title=$(y_of "$T/classic.txt" tion) entry=$(y_of "$T/classic.txt" PhD)
if [ -n "$title" ] && [ -n "$entry" ] && near "$(awk -v a="$entry" -v b="$title" 'BEGIN { print a - b }')" 16.854 0.02; then
	pass spacing_title_gap
else
	fail spacing_title_gap "title at ${title:-?}, first entry at ${entry:-?}: want 16.85 pt between the baselines"
fi
# the Thesis line: one line (as in RenderCV's classic example), inside the measure, words apart in -raw
pdftotext -bbox "$T/classic.pdf" "$T/classic.html" 2>/dev/null
xmax=$(sed -n 's/.*xMax="\([0-9.]*\)".*>Deployment<.*/\1/p' "$T/classic.html")
y1=$(sed -n 's/.*yMax="\([0-9.]*\)">Thesis:<.*/\1/p' "$T/classic.html")
y2=$(sed -n 's/.*yMax="\([0-9.]*\)">Deployment<.*/\1/p' "$T/classic.html")
if [ -n "$y1" ] && [ "$y1" = "$y2" ] && pdftotext -raw "$T/classic.pdf" - 2>/dev/null | grep -q 'Thesis: Efficient Neural Architecture Search for Resource-Constrained Deployment' &&
	[ -n "$xmax" ] && awk -v x="$xmax" 'BEGIN { exit !(x <= 435.56) }'; then
	pass spacing_tracked_line
else
	pdftotext -raw "$T/classic.pdf" - 2>&1 | tr -d '\f' | sed -n '1,12s/^/    /p'
	fail spacing_tracked_line "the Thesis line is not one line within the measure (Deployment ends at ${xmax:-?}, measure 435.46) with its words apart"
fi
# engineeringresumes: "●" is a 13 pt "•"; a one-line item ends at its baseline: items 6 + 2.27 + 8.72 pt apart
sed 's/THEME/engineeringresumes/' "$T/edu.yaml" >"$T/er.yaml"
$VITA render "$T/er.yaml" --dump-layout >"$T/er.txt" 2>"$T/er.err"
a=$(y_of "$T/er.txt" "Advisor:") b=$(awk '$1 == "text" && $NF == "\"NSF\"" { print $3; exit }' "$T/er.txt")
if grep -q 'size=13.00 #000000 "•"' "$T/er.txt" && ! grep -q '"●"' "$T/er.txt" && [ -n "$a" ] && [ -n "$b" ] &&
	near "$(awk -v a="$b" -v b="$a" 'BEGIN { print a - b }')" 16.99 0.03; then
	pass spacing_big_bullet
else
	grep '•\|●' "$T/er.txt" | head -n 3 | sed 's/^/    /'
	fail spacing_big_bullet "no 13 pt bullet, or one-line items not ${a:-?} -> ${b:-?} = 16.99 pt apart"
fi
