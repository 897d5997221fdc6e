#!/bin/sh
# Manual page breaks (issue 16): `page_break_before: true` on an entry, or on a section written as
# a mapping, starts a new page there in the PDF (vita's layout) and in the .tex (\clearpage, checked
# by compiling it when xelatex is there), and gives HTML print CSS; Markdown has no pages, so it
# writes nothing for it (README).
. tests/lib.sh
T=$VITA_TMP/page_breaks; mkdir -p "$T"
cat >"$T/cv.yaml" <<'YAML'
cv:
  name: Ada Example
  sections:
    experience:
      - {company: Acme, position: Engineer, date: 2020}
      - {company: Zeppelin, position: Pilot, date: 2019, page_break_before: true}
    skills:
      page_break_before: true
      entries:
        - {label: Quokkas, details: counting}
    awards:
      - {label: Wombat, details: prize, page_break_before: true}
YAML
sed '/page_break_before: true$/d; s/, page_break_before: true//' "$T/cv.yaml" >"$T/plain.yaml"
first_word() { pdftotext -f "$2" -l "$2" "$1" - 2>/dev/null | tr -cs 'A-Za-z' '\n' | grep -v '^$' | head -n 1; }
$VITA render "$T/cv.yaml" -o "$T/cv.pdf" 2>"$T/pdf.err"
pages=$(pdfinfo "$T/cv.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
words="$(first_word "$T/cv.pdf" 2) $(first_word "$T/cv.pdf" 3 | tr A-Z a-z) $(first_word "$T/cv.pdf" 4 | tr A-Z a-z)"
if [ "$pages" = 4 ] && [ "$words" = "Zeppelin skills awards" ]; then
	pass "page breaks: the PDF starts a new page before the entry and the section that ask for it (a first entry's title goes with it)"
else fail "page breaks: the PDF starts a new page before the entry and the section that ask for it (a first entry's title goes with it)" "pages=$pages first words: $words $(cat "$T/pdf.err")"; fi
$VITA render "$T/plain.yaml" -o "$T/plain.pdf" 2>/dev/null
if [ "$(pdfinfo "$T/plain.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" = 1 ]; then
	pass "page breaks: without the key the same CV is one page"
else fail "page breaks: without the key the same CV is one page" "$(pdfinfo "$T/plain.pdf" 2>&1 | grep Pages)"; fi

$VITA render "$T/cv.yaml" -o "$T/cv.html" && $VITA render "$T/plain.yaml" -o "$T/plain.html"
if grep -q '<article class="entry experience page-break">' "$T/cv.html" && [ "$(grep -c '<section class="page-break">' "$T/cv.html")" = 2 ] &&
	grep -q '\.page-break { break-before: page; }' "$T/cv.html" && ! grep -q 'page-break' "$T/plain.html"; then
	pass "page breaks: HTML marks them with print CSS (break-before: page), and only when there are any"
else fail "page breaks: HTML marks them with print CSS (break-before: page), and only when there are any" "$(grep -c page-break "$T/cv.html")"; fi

$VITA render "$T/cv.yaml" -o "$T/cv.md" && $VITA render "$T/plain.yaml" -o "$T/plain.md"
if cmp -s "$T/cv.md" "$T/plain.md"; then pass "page breaks: Markdown, which has no pages, writes nothing for them"
else fail "page breaks: Markdown, which has no pages, writes nothing for them" "$(diff "$T/plain.md" "$T/cv.md" | head -5)"; fi

mkdir -p "$T/tex"
$VITA render "$T/cv.yaml" -o "$T/tex/cv.tex" 2>"$T/tex.err"
if [ "$(grep -c '^\\clearpage$' "$T/tex/cv.tex")" = 3 ] && grep -B1 '^\\cvsection{Awards}' "$T/tex/cv.tex" | grep -q clearpage; then pass "page breaks: the .tex has a clearpage before the entry and the sections"
else fail "page breaks: the .tex has a clearpage before the entry and the sections" "$(grep -n clearpage "$T/tex/cv.tex") $(cat "$T/tex.err")"; fi
if [ "${VITA_NO_TEX:-}" = 1 ]; then
	skip "page breaks: the compiled .tex breaks there" "VITA_NO_TEX=1 (TeX runs in the plain pass only)"
elif ! command -v xelatex >/dev/null 2>&1; then
	skip "page breaks: the compiled .tex breaks there" "xelatex is not installed"
elif (cd "$T/tex" && xelatex -no-shell-escape -halt-on-error -interaction=nonstopmode cv.tex >cv.xelatex.out 2>&1) &&
	[ "$(first_word "$T/tex/cv.pdf" 2)" = Zeppelin ]; then
	pass "page breaks: the compiled .tex breaks there (page 2 starts with the entry)"
else fail "page breaks: the compiled .tex breaks there (page 2 starts with the entry)" "p2=$(first_word "$T/tex/cv.pdf" 2); $(tail -n 5 "$T/tex/cv.xelatex.out" 2>/dev/null)"; fi

printf 'cv:\n  name: A\n  sections:\n    s:\n      - {label: L, details: D, page_break_before: maybe}\n' >"$T/bad.yaml"
if ! $VITA check "$T/bad.yaml" 2>"$T/bad.err" && grep -q "bad.yaml:5:51: error: .*expected true or false, got \`maybe\`" "$T/bad.err"; then
	pass "page breaks: a value other than true or false is an error at its line:col"
else fail "page breaks: a value other than true or false is an error at its line:col" "$(cat "$T/bad.err")"; fi
