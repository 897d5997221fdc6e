#!/bin/sh
# The education degree column of the LaTeX class is one column per section, as in vita's PDF
# (issue 14): its width is the theme's degree width unless a degree has a wider word ("Candidate"
# in "Ph.D. Candidate"), and then the section's widest such word plus 1 em, so that every entry of
# the section starts its main column at the same x as vita's PDF does.  Before, the class sized
# the column per entry from the whole degree ("BSc" at 1 cm, "Ph.D. Candidate" at its full width):
# the two institutions started 24 pt and 20 pt away from vita's PDF.  xelatex runs twice (the
# section's widest word is kept in the .aux file).
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
T="$VITA_TMP/latex_degree_column"
need_tex latex_degree_column xelatex pdftotext
rm -rf "$T" && mkdir -p "$T"
cat >"$T/cv.yaml" <<'YAML'
cv:
  name: Ada Okonkwo
  sections:
    education:
      - institution: University of Lagos
        area: Computer Science
        degree: BSc
        start_date: 2013-09
        end_date: 2017-06
      - institution: Imperial College London
        area: Physics
        degree: Ph.D. Candidate
        start_date: 2018-09
        end_date: present
design:
  theme: classic
YAML
pdf_and_tex latex_degree_column "$T" || exit 0
# the left edge of a word in a PDF
xof() { pdftotext -bbox "$1" - | sed -n "s/.*xMin=\"\([0-9.]*\)\".*>$2<.*/\1/p" | head -n 1; }
for w in University Imperial; do
	v=$(xof "$T/cv.vita.pdf" $w)
	l=$(xof "$T/cv.pdf" $w)
	if awk -v v="$v" -v l="$l" 'BEGIN { d = v - l; if (d < 0) d = -d; exit !(v != "" && l != "" && d <= 1.5) }'; then
		pass "latex_degree_column_$w"
	else
		fail "latex_degree_column_$w" "main column at x=$l in the LaTeX PDF, $v in vita's PDF"
	fi
done
