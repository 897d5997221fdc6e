#!/bin/sh
# The edits a LaTeX user makes to vita's .tex (issue 14's acceptance), each on a fresh copy of a
# rendered CV (content/jiazhi-jiang.yaml), each compiled with xelatex and checked in the PDF:
#   accent colour (\vitaset{accent = …}); main font Latin Modern Sans, and TeX Gyre Heros when
#   installed; an entry added by copying a macro call; two sections swapped; a section deleted; a
#   manual page break; a publication with 30 authors; the specials $ % & _ # ^ ~ \ { } written the
#   way the file writes them; `--` typed for a date range; a field line deleted.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
W="$VITA_TMP/latex-edits"
mkdir -p "$W/base"
for t in xelatex pdftotext pdffonts pdfinfo qpdf; do
	if ! command -v $t >/dev/null 2>&1 || [ "${VITA_NO_TEX:-}" = 1 ]; then
		skip "latex-edits" "TeX runs in the plain pass only (make test, not VITA_NO_TEX=1), and needs $t"
		exit 0
	fi
done
if ! $VITA render content/jiazhi-jiang.yaml -o "$W/base/cv.tex" >"$W/err" 2>&1; then
	fail "latex-edits" "vita render failed: $(head -n 1 "$W/err")"
	exit 0
fi

# edit NAME: a copy of the folder with cv.tex replaced by standard input; compiles it once (the
# checks need no page total) and leaves the text in $W/NAME/cv.txt; 1 when xelatex fails.
edit() {
	rm -rf "$W/$1"
	cp -r "$W/base" "$W/$1"
	cat >"$W/$1/cv.tex"
	if (cd "$W/$1" && xelatex -no-shell-escape -halt-on-error -interaction=batchmode cv.tex >/dev/null 2>&1); then
		pdftotext "$W/$1/cv.pdf" "$W/$1/cv.txt"
		return 0
	fi
	grep -A3 '^!' "$W/$1/cv.log" | head -n 6
	return 1
}
B="$W/base/cv.tex"
has() { grep -qF -- "$2" "$W/$1/cv.txt"; }
check() { # name, condition result (0 = good), why
	if [ "$2" = 0 ]; then pass "latex-edit-$1"; else fail "latex-edit-$1" "$3"; fi
}

sed 's/^\\begin{document}$/\\vitaset{accent = {139,0,0}}\n&/' "$B" | edit accent &&
	qpdf --qdf --object-streams=disable "$W/accent/cv.pdf" - | grep -aq '0.545 0 0 rg'
check accent $? "the accent colour 139,0,0 is not drawn"

sed 's/^\\begin{document}$/\\setmainfont{Latin Modern Sans}\n&/' "$B" | edit latin-modern &&
	pdffonts "$W/latin-modern/cv.pdf" | grep -q 'LMSans10-Regular' && has latin-modern 'Jiazhi Jiang'
check latin-modern $? "Latin Modern Sans is not the main font"

if kpsewhich texgyreheros-regular.otf >/dev/null 2>&1; then
	sed 's/^\\begin{document}$/\\setmainfont{texgyreheros}[Extension=.otf, UprightFont=*-regular, BoldFont=*-bold, ItalicFont=*-italic, BoldItalicFont=*-bolditalic]\n&/' "$B" |
		edit tex-gyre && pdffonts "$W/tex-gyre/cv.pdf" | grep -qi 'heros'
	check tex-gyre $? "TeX Gyre Heros is not the main font"
else
	skip "latex-edit-tex-gyre" "TeX Gyre is not installed (Debian's fonts-texgyre, which the test set-up installs)"
fi

# the first \cveducation call, copied with another institution: both print (the area twice; the
# institution is not compared: Source Sans 3's hyphen comes back from xdvipdfmx as U+2011)
awk '/^\\cveducation\{$/ && !done { inb = 1 } inb { blk = blk $0 "\n" } { print }
	inb && /^}$/ { inb = 0; done = 1; sub(/institution = \{[^\n]*\},/, "institution = {Copied University},", blk); printf "\n%s", blk }' "$B" |
	edit copy-entry && has copy-entry 'Copied University' &&
	[ "$(grep -cF 'Guangzhou National SuperComputer Center' "$W/copy-entry/cv.txt")" -ge 2 ]
check copy-entry $? "the copied entry is not printed (or the original is lost)"

# sections as blocks from one banner to the next; Education moved after Research Interest
awk 'BEGIN { s = 0 } /^%% ==== / { s++ } { blk[s] = blk[s] $0 "\n"; if ($0 ~ /^%% ==== Education/) e = s; if ($0 ~ /^%% ==== Research Interest/) r = s }
	END { for (i = 0; i <= s; i++) { if (i == e) continue; printf "%s", blk[i]; if (i == r) printf "%s", blk[e] } }' "$B" |
	edit reorder &&
	[ "$(grep -n -e '^Education$' -e '^Research Interest$' "$W/reorder/cv.txt" | head -n 1 | cut -d: -f2)" = "Research Interest" ]
check reorder $? "Education is not after Research Interest"

awk '/^%% ==== / { skip = ($0 ~ /^%% ==== Awards/) } /^\\end\{document\}$/ { skip = 0 } !skip' "$B" |
	edit delete-section && ! has delete-section 'Awards' && has delete-section 'Selected Publications'
check delete-section $? "the Awards section is still there, or the next one is gone"

# \newpage before Research Interest: its title starts page 2
awk '/^%% ==== Research Interest/ { print "\\newpage" } { print }' "$B" | edit page-break &&
	pdftotext -f 2 -l 2 "$W/page-break/cv.pdf" - | grep -v '^$' | head -n 2 | grep -q '^Research Interest$'
check page-break $? "Research Interest does not start page 2"

authors=""
i=1
while [ $i -le 29 ]; do authors="${authors}Author$i Name, "; i=$((i + 1)); done
awk -v a="$authors" '/^\\end\{document\}$/ { print "\\cvsection{More}\n\n\\cvpublication{\n  title = {A Paper With Thirty Authors},\n  authors = {" a "\\cvowner{Jiazhi Jiang}},\n  date = {2025},\n}\n" } { print }' "$B" |
	edit thirty-authors && has thirty-authors 'Author29 Name' && has thirty-authors 'A Paper With Thirty Authors' &&
	! grep -q '^Overfull \\hbox' "$W/thirty-authors/cv.log"
check thirty-authors $? "the 30-author publication is not set (or overfull)"

awk '/^\\end\{document\}$/ { print "\\cvtext{\\$100, 50\\%, R\\&D, file\\_name, C\\#, x\\textasciicircum{}2, \\textasciitilde{}/bin, C:\\textbackslash{}dir, \\{braces\\}}\n" } { print }' "$B" |
	edit specials && has specials '$100, 50%, R&D, file_name, C#, x^2, ~/bin, C:\dir, {braces}'
check specials $? "the escaped specials do not print as typed: $(grep -F 'R&D, file' "$W/specials/cv.txt" 2>/dev/null)"

awk '/^\\end\{document\}$/ { print "\\cvtext{Visiting 2019--2020, and a---b.}\n" } { print }' "$B" |
	edit typed-dash && has typed-dash "2019$(printf '\342\200\223')2020" && has typed-dash "a$(printf '\342\200\224')b"
check typed-dash $? "a typed -- is not an en dash (or --- an em dash)"

# deleting any one field line of an entry cannot break it
awk '/^  date = \{/ && !done { done = 1; next } { print }' "$B" | edit delete-field && has delete-field 'Guangzhou National SuperComputer Center'
check delete-field $? "deleting a field line broke the entry"
