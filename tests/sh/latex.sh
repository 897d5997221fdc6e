#!/bin/sh
# The LaTeX backend end to end, for every content/*.yaml and tests/fixtures/*.yaml:
#   1. the .tex matches tests/golden/latex/NAME.tex;
#   2. it compiles with xelatex -no-shell-escape -halt-on-error (twice, for the page count), with
#      no overfull box over 1pt and no missing character;
#   3. pdftotext of the PDF holds every text field of `vita dump` (each field's words in order;
#      spaces, line ends and hyphens ignored, so hyphenation and line breaks do not matter);
#   4. hostile.yaml: /tmp/pwned is not created and its TeX-looking text is printed literally;
#   5. lualatex compiles them too (CJK text included), with the same checks as 2 and 3;
#   6. the page count is within one of vita's own PDF of the same CV;
#   9. the class vita-classic.cls: its golden file (tests/golden/latex/vita-classic.cls, the theme's
#      alone: every CV of the folder shares it); a .tex asks for its class version and stops with a
#      message for a newer one; a hand-edited .tex keeps compiling when vita rewrites the class;
#  10. the output folder is portable: copied to a fresh folder, no file in it names the build tree,
#      and it compiles with xelatex and lualatex with HOME elsewhere, TEXMFHOME empty and vita's
#      tree hidden (a tmpfs mounted over it in a user namespace, where unshare allows it); its CJK
#      name is bold under both engines (text render mode 2, fill and stroke);
#  11. typography: an entry taller than a page breaks across pages with all its highlights (it ran
#      off the page), the footer's dash is an en dash, \frenchspacing (no wider space after
#      "Prof."), one PDF bookmark per section, URLs shown with \nolinkurl (no \allowbreak litter).
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
FIX=$(ls content/*.yaml tests/fixtures/*.yaml 2>/dev/null | grep -v '\.json$')
OUT="$VITA_TMP/latex"
mkdir -p "$OUT"
FONTS=$(cd "$VITA_DATA_DIR" && pwd -P)/fonts

have_tex=1 why_no_tex="xelatex, lualatex, pdftotext or pdfinfo is not installed"
for t in xelatex lualatex pdftotext pdfinfo; do
	command -v $t >/dev/null 2>&1 || have_tex=0
done
if [ "${VITA_NO_TEX:-}" = 1 ]; then
	have_tex=0 why_no_tex="TeX runs in the plain pass only (make test), not under the sanitizers, valgrind or check-fast"
fi

# The text fields of a dump, one per line: span texts where the field has spans, else the value.
# (a phone number is shown in the style's phone_number_format: its text is the composition's, one
# line of the file $1 per number, in order)
dump_fields() {
	awk -v phones="$1" '
	function unq(s) { s = substr(s, 2, length(s) - 2); gsub(/\\"/, "\"", s); gsub(/\\\\/, "\\", s); return s }
	{
		line = $0; sub(/^ +/, "", line)
		split(line, w, " "); key = w[1]
		if (key !~ /^(name|headline|title|author|journal|institution|area|degree|company|position|location|label|details|text|summary|dates-shown|awarder|-|connection)$/) next
		if (key == "connection" && w[2] == "phone" && (getline shown < phones) > 0) { print shown; next }
		if (key == "connection") {
			i = index(line, " -> "); if (i) line = substr(line, 1, i - 1)
			last = ""
			while (match(line, /"([^"\\]|\\.)*"/)) { last = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH) }
			if (last != "") print unq(last)
			next
		}
		i = index(line, " = [")
		if (i) {
			rest = substr(line, i + 3); out = ""
			while (match(rest, /\[(text|code) "([^"\\]|\\.)*"/)) {
				piece = substr(rest, RSTART, RLENGTH); sub(/^\[(text|code) /, "", piece)
				out = out " " unq(piece); rest = substr(rest, RSTART + RLENGTH)
			}
			print out
		} else if (match(line, /"([^"\\]|\\.)*"/)) {
			print unq(substr(line, RSTART, RLENGTH))
		}
	}'
}

# Checks that each line of $1 (fields) has its words, in order, in the text $2 — or, when $3 is
# given, in the text $3: pdftotext's reading order (-raw: the order the PDF draws them) — and prints
# misses.  pdftotext's default reading order reads a column beside a paragraph line by line across
# both: an education entry's two-line degree ("Ph.D." / "Candidate", wrapped in its column as in
# vita's PDF) comes between two lines of the institution's paragraph, which -raw reads whole.
words_in_order() {
	awk -v fields="$1" -v alt="${3:-}" '
	function squash(s) { gsub(/[ \t\r\n\f-]/, "", s); return s }
	function in_order(S, f,    n, ws, k, pos, i) {
		n = split(f, ws, /[ \t-]+/); pos = 1
		for (k = 1; k <= n; k++) {
			if (ws[k] == "") continue
			i = index(substr(S, pos), ws[k])
			if (!i) return ws[k]
			pos += i - 1 + length(ws[k])
		}
		return ""
	}
	{ text = text $0 "\n" }
	END {
		S = squash(text); bad = 0
		if (alt != "") { while ((getline l < alt) > 0) other = other l "\n"; A = squash(other) }
		while ((getline f < fields) > 0) {
			w = in_order(S, f)
			if (w != "" && alt != "" && in_order(A, f) == "") w = ""
			if (w != "") { print "missing \"" w "\" of: " f; bad++ }
		}
		exit bad > 0
	}' "$2"
}

# A right-to-left CV's text (fixtures rtl-*, issue #11), made comparable in place: NFKC (XeTeX's
# PDF gives Arabic letters back as presentation forms), pdftotext's bidi embedding marks,
# punctuation and symbols as spaces (pdftotext moves a neutral at a run's end to its other side:
# ".2015", "(001"), and combining marks left out (it puts a shadda before or after its letter).
rtl_norm() {
	python3 -c 'import re, sys, unicodedata as u
s = u.normalize("NFKC", open(sys.argv[1], encoding="utf-8").read())
s = re.sub("[\u200e\u200f\u202a-\u202e]", " ", s)
s = "".join(" " if u.category(c)[0] in "PS" else c for c in s if u.category(c) != "Mn")
open(sys.argv[1], "w", encoding="utf-8").write(s)' "$1"
}

compile() { # engine name -> 0 when it compiled (twice) without errors
	(cd "$OUT" && for i in 1 2; do
		$1 -no-shell-escape -halt-on-error -interaction=nonstopmode "$2.tex" >"$2.$1.out" 2>&1 || exit 1
	done)
}

# Overfull boxes over 1 pt (hbox or vbox: text run off a page) and missing characters in a log;
# prints them and fails when there are any.
log_problems() {
	wide=$(sed -n 's/^Overfull \\[hv]box (\([0-9.]*\)pt too [a-z]*).*/\1/p' "$1" | awk '$1 > 1' | head -n 3)
	miss=$(grep -c 'Missing character' "$1")
	[ -z "$wide" ] && [ "$miss" = 0 ] && return 0
	grep -A2 '^Overfull' "$1" | head -n 12
	grep -m3 'Missing character' "$1"
	echo "overfull boxes (pt): $(echo $wide); missing characters: $miss"
	return 1
}

vita_pdf_ok=""
for f in $FIX; do
	n=$(basename "$f" .yaml)
	if ! $VITA render "$f" -o "$OUT/$n.tex" >"$OUT/$n.err" 2>&1; then
		if grep -q 'not built yet' "$OUT/$n.err"; then
			skip "latex-$n" "the loader is not merged yet"
		else
			cat "$OUT/$n.err"; fail "latex-$n" "vita render -o $n.tex failed"
		fi
		continue
	fi
	sed "s|$FONTS|@FONTS@|g" "$OUT/$n.tex" >"$OUT/$n.golden"
	golden "latex-golden-$n" "$OUT/$n.golden" "tests/golden/latex/$n.tex"
	if [ $have_tex = 0 ]; then
		skip "latex-compile-$n" "$why_no_tex"
		continue
	fi
	[ "$n" = hostile ] && rm -f /tmp/pwned
	if ! compile xelatex "$n"; then
		grep -A4 '^!' "$OUT/$n.log" | head -n 12
		fail "latex-xelatex-$n" "xelatex failed"
		continue
	fi
	if bad=$(log_problems "$OUT/$n.log"); then
		pass "latex-xelatex-$n"
	else
		fail "latex-xelatex-$n" "$bad"
	fi
	pdftotext "$OUT/$n.pdf" "$OUT/$n.txt"
	pdftotext -raw "$OUT/$n.pdf" "$OUT/$n.raw.txt"
	# Source Sans 3 (classic's family) draws U+2010 and U+2011 with the hyphen's glyph, which
	# xdvipdfmx's ToUnicode map gives back as U+2011: a hyphen at a line's end all the same.
	LC_ALL=C sed -i 's/\xE2\x80\x91$/-/; s/\xE2\x80\x90$/-/' "$OUT/$n.txt" "$OUT/$n.raw.txt"
	$VITA render --dump-compose "$f" 2>/dev/null |
		sed -n 's/^  connection: \(\[icon [^]]*\] \)\{0,1\}"\(.*\)" -> "tel:.*/\2/p' >"$OUT/$n.phones"
	$VITA dump "$f" 2>/dev/null | dump_fields "$OUT/$n.phones" >"$OUT/$n.fields"
	xfields=$OUT/$n.fields
	case "$n" in rtl-*)
		# a run of Latin words inside a right-to-left line keeps its order (\cvbeginlr …
		# \cvendlr, src/latex/rtl.c): every field is checked, those with Latin words too
		rtl_norm "$OUT/$n.txt"
		rtl_norm "$OUT/$n.fields" ;;
	esac
	if [ ! -s "$OUT/$n.fields" ]; then
		fail "latex-words-$n" "vita dump gave no text fields"
	elif words_in_order "$xfields" "$OUT/$n.txt" "$OUT/$n.raw.txt" >"$OUT/$n.miss"; then
		pass "latex-words-$n"
	else
		head -n 5 "$OUT/$n.miss"
		fail "latex-words-$n" "pdftotext lacks words of the CV"
	fi
	if [ "$n" = hostile ]; then
		if [ -e /tmp/pwned ]; then
			fail "latex-hostile-ran" "/tmp/pwned was created"
		else
			pass "latex-hostile-ran"
		fi
		miss=""
		for s in '\input{/etc/passwd}' '\write18{touch /tmp/pwned}' '\def\x{}' '^^5cinput' \
		         '{{{ Nowhere }' '% comment' '$x^2$' '#1 & _' '\openout1=/tmp/pwned'; do
			grep -qF -- "$s" "$OUT/$n.txt" || miss="$miss $s"
		done
		if [ -z "$miss" ]; then pass "latex-hostile-literal"
		else fail "latex-hostile-literal" "not printed literally:$miss"; fi
	fi
	if compile lualatex "$n"; then
		pdftotext "$OUT/$n.pdf" "$OUT/$n.lua.txt"
		pdftotext -raw "$OUT/$n.pdf" "$OUT/$n.lua.raw.txt"
		case "$n" in rtl-*) rtl_norm "$OUT/$n.lua.txt" ;; esac
		if ! bad=$(log_problems "$OUT/$n.log"); then fail "latex-lualatex-$n" "$bad"
		elif ! words_in_order "$OUT/$n.fields" "$OUT/$n.lua.txt" "$OUT/$n.lua.raw.txt" >"$OUT/$n.lua.miss"; then
			fail "latex-lualatex-$n" "pdftotext lacks words of the CV: $(head -n 2 "$OUT/$n.lua.miss")"
		else pass "latex-lualatex-$n"; fi
	else
		grep -A4 '^!' "$OUT/$n.log" | head -n 12
		fail "latex-lualatex-$n" "lualatex failed"
	fi
	# 6: vita's own PDF of the same CV.
	if $VITA render "$f" -o "$OUT/$n.vita.pdf" >"$OUT/$n.vita.err" 2>&1 && [ -s "$OUT/$n.vita.pdf" ]; then
		vita_pdf_ok=1
		a=$(pdfinfo "$OUT/$n.pdf" | awk '/^Pages:/{print $2}')
		b=$(pdfinfo "$OUT/$n.vita.pdf" | awk '/^Pages:/{print $2}')
		d=$((a - b))
		if [ "${d#-}" -le 1 ]; then pass "latex-pages-$n"
		else fail "latex-pages-$n" "LaTeX $a pages, vita's PDF $b pages"; fi
	else
		skip "latex-pages-$n" "vita cannot render the PDF yet: $(head -n 1 "$OUT/$n.vita.err")"
	fi
done

# 7: text TeX cannot read or set otherwise (attack L): a 4,000-character word (xelatex crashed),
# 20,000 backslashes (a 320 KB line, past TeX's input buffer) and 2,500 links in one paragraph compile.
awk 'BEGIN { printf "cv:\n  name: Ada Example\n  sections:\n    s:\n      - "; for (i = 0; i < 4000; i++) printf "x"; print "" }' >"$OUT/long-word.yaml"
awk 'BEGIN { printf "cv:\n  name: Ada Example\n  sections:\n    s:\n      - \""; for (i = 0; i < 20000; i++) printf "\\\\"; print "\"" }' >"$OUT/backslashes.yaml"
awk 'BEGIN { printf "cv:\n  name: Ada Example\n  sections:\n    s:\n      - \""; for (i = 0; i < 2500; i++) printf "[a](https://a.bc/%d) ", i; print "\"" }' >"$OUT/many-links.yaml"
for n in long-word backslashes many-links; do
	if [ $have_tex = 0 ]; then skip "latex-bounded-$n" "$why_no_tex"; continue; fi
	if ! $VITA render "$OUT/$n.yaml" -o "$OUT/$n.tex" >"$OUT/$n.err" 2>&1; then
		fail "latex-bounded-$n" "vita render failed: $(head -n 1 "$OUT/$n.err")"
	elif ! compile xelatex "$n"; then
		grep -A4 '^!' "$OUT/$n.xelatex.out" | head -n 8
		fail "latex-bounded-$n" "xelatex failed"
	elif grep -q 'Overfull \\hbox' "$OUT/$n.log"; then
		fail "latex-bounded-$n" "overfull boxes"
	else
		pass "latex-bounded-$n"
	fi
done

# 8: a photo is named so that the .tex compiles from its own folder (attack P5: it was named
# relative to where vita ran, so `cd out && xelatex cv.tex` failed).
mkdir -p "$OUT/photo/cv" "$OUT/photo/out"
cp tests/bad-render/photos/interlaced.png "$OUT/photo/cv/me.png"
printf 'cv:\n  name: Ada Example\n  photo: me.png\n  sections:\n    about:\n      - Text.\n' >"$OUT/photo/cv/cv.yaml"
if [ $have_tex = 0 ]; then
	skip "latex-photo-from-its-folder" "$why_no_tex"
elif ! (cd "$OUT/photo" && $VITA render cv/cv.yaml -o out/cv.tex >"$OUT/photo.err" 2>&1); then
	fail "latex-photo-from-its-folder" "vita render failed: $(head -n 1 "$OUT/photo.err")"
elif (cd "$OUT/photo/out" && xelatex -no-shell-escape -halt-on-error -interaction=nonstopmode cv.tex >xelatex.txt 2>&1) &&
	grep -q 'me.png' "$OUT/photo/out/cv.log"; then
	pass "latex-photo-from-its-folder"
else
	fail "latex-photo-from-its-folder" "xelatex in the output folder could not find the photo"
fi

# 9: the class.
if [ -f "$OUT/vita-classic.cls" ]; then
	golden "latex-golden-class" "$OUT/vita-classic.cls" "tests/golden/latex/vita-classic.cls"
else
	fail "latex-golden-class" "no vita-classic.cls beside the .tex files"
fi
C="$OUT/class"
mkdir -p "$C"
$VITA render tests/fixtures/minimal.yaml -o "$C/cv.tex" >"$C/err" 2>&1 || fail "latex-class-version" "vita render failed"
sed 's/\\documentclass\[version=[0-9]*/\\documentclass[version=99/' "$C/cv.tex" >"$C/newer.tex"
# a hand edit: a line of one's own in the preamble and a paragraph in the body
sed 's/^\\begin{document}$/\\vitaset{accent = {139,0,0}}\n\\begin{document}/; s/^\\end{document}$/\\cvtext{My own paragraph.}\n\\end{document}/' \
	"$C/cv.tex" >"$C/edited.tex"
if [ $have_tex = 0 ]; then
	skip "latex-class-version" "$why_no_tex"
	skip "latex-class-rewritten" "$why_no_tex"
else
	if (cd "$C" && xelatex -no-shell-escape -halt-on-error -interaction=nonstopmode newer.tex >newer.out 2>&1); then
		fail "latex-class-version" "a .tex for class version 99 compiled with version 1"
	elif tr -d '\n' <"$C/newer.log" | grep -q 'written for vita-classic.cls version 99, but this vita-classic.cls is version'; then
		pass "latex-class-version"
	else
		grep -A3 '^!' "$C/newer.log" | head -n 8
		fail "latex-class-version" "no message naming both versions"
	fi
	# vita rewrites the class (another CV into the same folder); the edited .tex still compiles
	rm -f "$C/vita-classic.cls"
	$VITA render content/jiazhi-jiang.yaml -o "$C/other.tex" >"$C/err" 2>&1
	if [ -f "$C/vita-classic.cls" ] && (cd "$C" && xelatex -no-shell-escape -halt-on-error -interaction=nonstopmode edited.tex >edited.out 2>&1) &&
		pdftotext "$C/edited.pdf" - | grep -q 'My own paragraph'; then
		pass "latex-class-rewritten"
	else
		grep -A3 '^!' "$C/edited.log" | head -n 8
		fail "latex-class-rewritten" "the edited .tex does not compile with the rewritten class"
	fi
fi

# 10: a portable folder.
P="$OUT/portable"
mkdir -p "$P/cv"
cp tests/bad-render/photos/interlaced.png "$P/cv/me.png"
printf 'cv:\n  name: Ada 江宸宇\n  photo: me.png\n  sections:\n    about:\n      - Text with 日本語.\n' >"$P/cv/cv.yaml"
mkdir -p "$P/out"
if ! $VITA render "$P/cv/cv.yaml" -o "$P/out/cv.tex" >"$P/err" 2>&1; then
	fail "latex-portable" "vita render failed: $(head -n 1 "$P/err")"
elif [ $have_tex = 0 ]; then
	skip "latex-portable" "$why_no_tex"
else
	F=$(mktemp -d)
	cp -r "$P/out/." "$F/"
	root=$(cd "$VITA_ROOT" && pwd -P)
	named=$(grep -rlF -e "$root" -e "$VITA_ROOT" -e "$VITA_DATA_DIR" "$F" 2>/dev/null)
	mkdir -p "$F/.home"
	hide=""
	unshare -rm sh -c "mount -t tmpfs none '$root'" 2>/dev/null && hide="mount -t tmpfs none '$root' && "
	why=""
	[ -n "$named" ] && why="$why [names the build tree: $named]"
	[ -f "$F/vita-classic.cls" ] && [ -f "$F/me.png" ] && [ -f "$F/fonts/DroidSansFallbackFull.ttf" ] || why="$why [vita-classic.cls, me.png or fonts/ missing]"
	for e in xelatex lualatex; do
		cmd="cd '$F' && for i in 1 2; do env -i PATH=/usr/bin:/bin HOME='$F/.home' TEXMFHOME= $e -no-shell-escape -halt-on-error -interaction=batchmode cv.tex >/dev/null 2>&1 || exit 1; done"
		if [ -n "$hide" ]; then
			unshare -rm sh -c "$hide $cmd" || why="$why [$e failed: $(grep -m1 '^!' "$F/cv.log")]"
		else
			sh -c "$cmd" || why="$why [$e failed: $(grep -m1 '^!' "$F/cv.log")]"
		fi
		pdftotext "$F/cv.pdf" - 2>/dev/null | grep -q 'Ada 江宸宇' || why="$why [$e: no CJK name]"
		qpdf --qdf --object-streams=disable "$F/cv.pdf" "$F/q.pdf" 2>/dev/null
		grep -aqE '(^| )2 Tr' "$F/q.pdf" 2>/dev/null || why="$why [$e: the CJK name is not bold]"
		grep -q 'me.png' "$F/cv.log" || why="$why [$e: no photo]"
	done
	[ -n "$hide" ] || echo "note: unshare cannot mount here; vita's tree was not hidden"
	if [ -z "$why" ]; then pass "latex-portable"
	else fail "latex-portable" "$why"; fi
	rm -rf "$F"
fi

# 11: typography.
Y="$OUT/typo"
mkdir -p "$Y"
{
	printf 'cv:\n  name: Ada Example\n  sections:\n    About Me:\n      - Prof. Wu met Dr. Li and we wrote a b c d e f g h.\n'
	printf '      - See [arxiv.org/abs/2510.10620](https://arxiv.org/abs/2510.10620).\n'
	printf '    Experience:\n      - company: Acme\n        position: Engineer\n        start_date: 2020-01\n        end_date: 2021-01\n        highlights:\n'
	i=1; while [ $i -le 80 ]; do printf '          - Highlight number %d of a very long entry\n' $i; i=$((i + 1)); done
} >"$Y/cv.yaml"
if ! $VITA render "$Y/cv.yaml" -o "$Y/cv.tex" >"$Y/err" 2>&1; then
	fail "latex-typography" "vita render failed: $(head -n 1 "$Y/err")"
elif [ $have_tex = 0 ]; then
	skip "latex-typography" "$why_no_tex"
elif ! (cd "$Y" && for i in 1 2; do xelatex -no-shell-escape -halt-on-error -interaction=batchmode cv.tex >/dev/null 2>&1 || exit 1; done); then
	fail "latex-typography" "xelatex failed: $(grep -m1 '^!' "$Y/cv.log")"
else
	why=""
	pdftotext "$Y/cv.pdf" "$Y/cv.txt"
	k=$(grep -c 'Highlight number' "$Y/cv.txt")
	[ "$k" = 80 ] || why="$why [$k of 80 highlights in the PDF]"
	! grep -q 'Overfull \\vbox' "$Y/cv.log" || why="$why [an overfull vbox: the entry runs off a page]"
	grep -q 'Highlight number 80' "$Y/cv.txt" || why="$why [the last highlight is lost]"
	grep -q "Ada Example $(printf '\342\200\223') 1/" "$Y/cv.txt" || why="$why [footer: no en dash]"
	grep -q 'allowbreak' "$Y/cv.tex" && why="$why [\\allowbreak in the .tex]"
	grep -q 'nolinkurl{arxiv.org/abs/2510.10620}' "$Y/cv.tex" || why="$why [the URL is not a \\nolinkurl]"
	# the space after "Prof." and after "Wu": the same with \frenchspacing (within 0.3 pt)
	gaps=$(pdftotext -bbox -f 1 -l 1 "$Y/cv.pdf" - | awk -F'"' '/<word/ {
		x0 = $2 + 0; x1 = $6 + 0; w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
		if (prev == "Prof.") a = x0 - px1; if (prev == "Wu") b = x0 - px1
		prev = w; px1 = x1 } END { d = a - b; if (d < 0) d = -d; printf "%.2f %.2f %s", a, b, (a > 0 && d < 0.3) ? "ok" : "bad" }')
	case "$gaps" in *ok) ;; *) why="$why [sentence space after Prof. (gaps $gaps)]" ;; esac
	outl=$(qpdf --json --json-key=outlines "$Y/cv.pdf" 2>/dev/null | grep -c '"title": "\(About Me\|Experience\)"')
	[ "$outl" = 2 ] || why="$why [$outl of 2 section bookmarks]"
	if [ -z "$why" ]; then pass "latex-typography"; else fail "latex-typography" "$why"; fi
fi

# 12: keep rules, as vita's PDF has them: a section title stays with its first two entries, or
# with the whole section when it has three or fewer.  Short (3-entry) and long (6-entry) sections
# of varied lengths, so that section starts fall at many heights of a page; each entry's page is
# read from pdftotext page by page.
K="$OUT/keeps"
mkdir -p "$K"
{
	printf 'cv:\n  name: Ada Example\n  sections:\n'
	s=1; while [ $s -le 28 ]; do
		if [ $((s % 2)) = 1 ]; then kind=Short n=3; else kind=Long n=6; fi
		printf '    %s section %d:\n' "$kind" "$s"
		e=1; while [ $e -le $n ]; do
			printf '      - bullet: %s %d entry %d' "$kind" "$s" "$e"
			[ $(((s * 7 + e) % 5)) = 0 ] && printf ' with a longer text that runs over more than one line of the page, as a patent or an award often does in a CV'
			printf '\n'; e=$((e + 1))
		done
		s=$((s + 1))
	done
} >"$K/cv.yaml"
if ! $VITA render "$K/cv.yaml" -o "$K/cv.tex" >"$K/err" 2>&1; then
	fail "latex-keeps" "vita render failed: $(head -n 1 "$K/err")"
elif [ $have_tex = 0 ]; then
	skip "latex-keeps" "$why_no_tex"
elif ! (cd "$K" && for i in 1 2; do xelatex -no-shell-escape -halt-on-error -interaction=batchmode cv.tex >/dev/null 2>&1 || exit 1; done); then
	fail "latex-keeps" "xelatex failed: $(grep -m1 '^!' "$K/cv.log")"
else
	pages=$(pdfinfo "$K/cv.pdf" | awk '/^Pages:/ { print $2 }')
	p=1; : >"$K/where"
	while [ "$p" -le "$pages" ]; do
		pdftotext -f "$p" -l "$p" "$K/cv.pdf" - | sed -e 's/^[^A-Za-z]*//' | sed -n -e "s/^\\(Short\\|Long\\) section \\([0-9]*\\)$/\\1 \\2 0 $p/p" \
			-e "s/^\\(Short\\|Long\\) \\([0-9]*\\) entry \\([0-9]*\\).*/\\1 \\2 \\3 $p/p" >>"$K/where"
		p=$((p + 1))
	done
	# each section: the title's page against the page of the entries it must stay with
	bad=$(awk '$3 == 0 { t[$1 " " $2] = $4; next }
		{ k = $1 " " $2; need = ($1 == "Short") ? 3 : 2; if ($3 <= need && $4 != t[k]) print k " entry " $3 " on page " $4 ", its title on " t[k] }' "$K/where")
	breaks=$(awk '$3 == 0 { t[$1 " " $2] = $4; next } $4 != t[$1 " " $2] { n[$1 " " $2] = 1 } END { c = 0; for (k in n) c++; print c }' "$K/where")
	if [ "$pages" -lt 3 ]; then fail "latex-keeps" "only $pages pages: the test needs section starts on several pages"
	elif [ -n "$bad" ]; then fail "latex-keeps" "$(echo "$bad" | head -n 3 | tr '\n' ';')"
	else pass "latex-keeps ($pages pages, $breaks sections broken across pages, each kept with its first entries)"; fi
fi
