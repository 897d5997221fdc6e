#!/bin/sh
# The class draws the highlights' bullet as vita's PDF does (issue 14): RenderCV's "●" is a 13 pt
# "•" raised 0.6 pt, in a cell that reaches down to its own baseline, so a one-line highlight ends
# that much (13 pt's cap height less the body's) below its text, and the next highlight and the
# next entry start lower.  Before, the class printed "●" at the body's size and ended the item at
# its text: in engineeringresumes each one-line highlight came 2 pt higher than in vita's PDF, and
# the bullet sat on the text's baseline.  Checked on the distances between the items' baselines
# and the bullet's drop, in both PDFs.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
T="$VITA_TMP/latex_bullets"
need_tex latex_bullets xelatex pdftotext
rm -rf "$T" && mkdir -p "$T"
cat >"$T/cv.yaml" <<'YAML'
cv:
  name: Ada Okonkwo
  sections:
    experience:
      - company: Nordlicht Systems
        position: Engineer
        start_date: 2019-01
        end_date: 2021-06
        highlights:
          - Alphaword one line
          - Betaword one line
          - Gammaword one line
      - company: Deltaword Labs
        position: Researcher
        start_date: 2021-07
        end_date: present
        highlights:
          - Epsilonword one line
design:
  theme: engineeringresumes
YAML
pdf_and_tex latex_bullets "$T" || exit 0
# the baseline (yMax) of a word in a PDF; the distances between the items' baselines must agree
# (the entry itself may start elsewhere: its first line is not what this checks)
yof() { pdftotext -bbox "$1" - | sed -n "s/.*yMax=\"\([0-9.]*\)\">$2<.*/\1/p" | head -n 1; }
prev=Alphaword
for w in Betaword Gammaword Deltaword Epsilonword; do
	v=$(awk -v a="$(yof "$T/cv.vita.pdf" $prev)" -v b="$(yof "$T/cv.vita.pdf" $w)" 'BEGIN { print b - a }')
	l=$(awk -v a="$(yof "$T/cv.pdf" $prev)" -v b="$(yof "$T/cv.pdf" $w)" 'BEGIN { print b - a }')
	if awk -v v="$v" -v l="$l" 'BEGIN { d = v - l; if (d < 0) d = -d; exit !(v > 0 && l > 0 && d <= 0.3) }'; then
		pass "latex_bullets_$w"
	else
		fail "latex_bullets_$w" "$prev to $w: $l pt in the LaTeX PDF, $v pt in vita's PDF"
	fi
	prev=$w
done
# the bullet's baseline below the text's, as in vita's PDF
bv=$(pdftotext -bbox "$T/cv.vita.pdf" - | sed -n 's/.*yMax="\([0-9.]*\)">•<.*/\1/p' | head -n 1)
bl=$(pdftotext -bbox "$T/cv.pdf" - | sed -n 's/.*yMax="\([0-9.]*\)">•<.*/\1/p' | head -n 1)
v=$(awk -v a="$(yof "$T/cv.vita.pdf" Alphaword)" -v b="$bv" 'BEGIN { print b - a }')
l=$(awk -v a="$(yof "$T/cv.pdf" Alphaword)" -v b="$bl" 'BEGIN { print b - a }')
awk -v v="$v" -v l="$l" 'BEGIN { d = v - l; if (d < 0) d = -d; exit !(d <= 0.3) }' && pass latex_bullets_drop ||
	fail latex_bullets_drop "the bullet $l pt below the text in the LaTeX PDF, $v pt in vita's PDF"
n=$(pdftotext "$T/cv.pdf" - | grep -c '^•')
[ "$n" -ge 4 ] && pass latex_bullets_glyph || fail latex_bullets_glyph "the LaTeX PDF has $n lines starting with •, not 4"
