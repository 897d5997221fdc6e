#!/bin/sh
# An entry taller than a page, in the LaTeX class, in the themes whose entries set their rows
# differently (issue 14): classic keeps the whole main column beside the dates; ember and sb2nov run
# the rows after the first at full width (short_second_row false), which the class builds as a
# first box beside the dates and a second one under both columns, and for a page-tall entry as two
# lists that may break across pages; moderncv puts the dates on the left.  vita's PDF splits such an
# entry across pages; the LaTeX PDF must too, losing no highlight and overfilling no page, with the
# same page count as vita's PDF and each highlight on the page vita's PDF has it on (a line's
# difference at a page break is allowed for 2 of the 80).
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
T="$VITA_TMP/latex_tall"
need_tex latex_tall xelatex pdftotext pdfinfo
rm -rf "$T" && mkdir -p "$T"
# the page of each "Highlight number N" in a PDF, as "N page" lines
pages_of() {
	n=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
	p=1
	while [ "$p" -le "$n" ]; do
		pdftotext -f "$p" -l "$p" "$1" - | sed -n "s/.*Highlight number \([0-9][0-9]*\) .*/\1 $p/p"
		p=$((p + 1))
	done
}
for theme in classic ember sb2nov moderncv; do
	D="$T/$theme"
	mkdir -p "$D"
	{
		printf 'cv:\n  name: Ada Example\n  sections:\n    experience:\n'
		printf '      - company: Acme Research Laboratories\n        position: Staff Engineer\n'
		printf '        location: Lagos\n        start_date: 2020-01\n        end_date: present\n'
		printf '        summary: Ran the data platform of the whole company for five years.\n'
		printf '        highlights:\n'
		i=1
		while [ $i -le 80 ]; do
			printf '          - Highlight number %d of a very long entry, with some more words to fill it\n' $i
			i=$((i + 1))
		done
		printf '    education:\n      - institution: University of Lagos\n        area: Computer Science\n'
		printf '        degree: BSc\n        start_date: 2013-09\n        end_date: 2017-06\n'
		printf 'design:\n  theme: %s\n' "$theme"
	} >"$D/cv.yaml"
	pdf_and_tex "latex_tall_$theme" "$D" || continue
	why=""
	pages_of "$D/cv.vita.pdf" | sort -n >"$D/vita.pages"
	pages_of "$D/cv.pdf" | sort -n >"$D/tex.pages"
	k=$(wc -l <"$D/tex.pages")
	[ "$k" = 80 ] || why="$why [$k of 80 highlights in the LaTeX PDF]"
	[ "$(wc -l <"$D/vita.pages")" = 80 ] || why="$why [vita's PDF has $(wc -l <"$D/vita.pages") of 80 highlights]"
	grep -q 'Overfull \\vbox' "$D/cv.log" && why="$why [an overfull vbox: the entry runs off a page]"
	pv=$(pdfinfo "$D/cv.vita.pdf" | awk '/^Pages:/ { print $2 }')
	pt=$(pdfinfo "$D/cv.pdf" | awk '/^Pages:/ { print $2 }')
	[ "$pv" = "$pt" ] || why="$why [$pt pages in LaTeX, $pv in vita's PDF]"
	off=$(join "$D/vita.pages" "$D/tex.pages" | awk '$2 != $3 { n++ } END { print n + 0 }')
	[ "$off" -le 2 ] || why="$why [$off of 80 highlights on another page than in vita's PDF]"
	if [ -z "$why" ]; then pass "latex_tall_$theme"; else fail "latex_tall_$theme" "$why"; fi
done
