#!/bin/sh
# A stand-in face takes the room of the face it replaces.  moderncv is set in Fontin, which vita
# cannot ship; Gentium Book Plus stands in under Fontin's name, drawn at 1.038 of the size (Fontin's
# widths), with Fontin's word space (0.310 em) and cap height (0.671 em, which with the 0.6 em line
# spacing puts a paragraph's lines 12.71 pt apart at 10 pt, as in RenderCV's PDF).  Every backend
# says so: the layout's pieces, the .tex's fontspec Scale/WordSpace, the HTML's @font-face
# size-adjust.  Checked on the layout dump, so a change of the figures fails here.
. tests/lib.sh
T="$VITA_TMP/stand_in"
mkdir -p "$T"
if ! fc-list 2>/dev/null | grep -q "GentiumBookPlus-Regular"; then
	skip stand_in "Gentium Book Plus (fonts-sil-gentiumplus) is not installed"
	exit 0
fi
cat >"$T/cv.yaml" <<'CV'
cv:
  name: Ada Example
  sections:
    about:
      - one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour
design:
  theme: moderncv
  typography:
    alignment: left
CV
if ! $VITA render "$T/cv.yaml" -o "$T/cv.pdf" --dump-layout >"$T/layout.txt" 2>"$T/err"; then
	fail stand_in "vita render failed: $(cat "$T/err")"
	exit 0
fi
bad=""
# no note for the theme's own stand-in (moderncv.yaml's notes say it)
[ -s "$T/err" ] && bad="$bad [diagnostics for the theme's stand-in: $(cat "$T/err")]"
grep -q '^  font [0-9]* "Fontin" bold=0 italic=0 .* file="GentiumBookPlus-Regular.ttf" space=0.299$' "$T/layout.txt" ||
	bad="$bad [no Fontin stand-in font line with its word space]"
python3 - "$T/layout.txt" >"$T/figures" <<'EOF' || bad="$bad [$(cat "$T/figures")]"
import re, sys
pieces = []
for line in open(sys.argv[1], encoding='utf-8'):
    m = re.match(r'  text ([\d.]+) ([\d.]+) w=([\d.]+) font=\d+ size=([\d.]+) #000000 "([a-z]+)"', line)
    if m:
        pieces.append((float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)), m.group(5)))
first = [i for i, p in enumerate(pieces) if p[4] == 'one']
if not first or any(abs(p[3] - 10.38) > 0.005 for p in pieces):
    sys.exit('body pieces not all at 10.38 pt: %s' % sorted({p[3] for p in pieces}))
# "one" and the piece after it ("tw" of the kerned "two"): one word space apart
one, two = pieces[first[0]], pieces[first[0] + 1]
gap = two[0] - (one[0] + one[2])
if abs(gap - 3.10) > 0.03:
    sys.exit('word space %.2f pt, not Fontin\'s 3.10' % gap)
ys = sorted({p[1] for p in pieces})
if len(ys) < 2 or abs(ys[1] - ys[0] - 12.71) > 0.02:
    sys.exit('lines %s apart, not 12.71 pt' % [round(b - a, 2) for a, b in zip(ys, ys[1:])])
print('space %.2f pt, lines %.2f pt apart' % (gap, ys[1] - ys[0]))
EOF
$VITA render "$T/cv.yaml" -o "$T/tex/cv.tex" 2>/dev/null || bad="$bad [no .tex]"
grep -q 'Scale=1.038' "$T"/tex/vita-moderncv.cls && grep -q 'WordSpace=1.3[0-9]*' "$T"/tex/vita-moderncv.cls &&
	grep -q 'GentiumBookPlus-Regular.ttf' "$T"/tex/vita-moderncv.cls || bad="$bad [the class's font line lacks Scale/WordSpace]"
# --system-fonts: the installed Gentium by file name, scaled the same, and no warning
$VITA render "$T/cv.yaml" -o "$T/sys/cv.tex" --system-fonts 2>"$T/sys.err" || bad="$bad [no --system-fonts .tex]"
grep -q 'warning' "$T/sys.err" && bad="$bad [--system-fonts warns: $(cat "$T/sys.err")]"
grep -A5 '^\\setmainfont{GentiumBookPlus-Regular.ttf}' "$T/sys/cv.tex" | grep -q 'Scale=1.038' ||
	bad="$bad [--system-fonts: no scaled Gentium in the .tex]"
$VITA render "$T/cv.yaml" -o "$T/cv.html" 2>/dev/null || bad="$bad [no .html]"
grep -q '@font-face { font-family: "Fontin"; src: local("Gentium Book Plus"); size-adjust: 103.8%; }' "$T/cv.html" ||
	bad="$bad [the HTML has no @font-face for the stand-in]"
if [ -z "$bad" ]; then pass "stand_in ($(cat "$T/figures"))"; else fail stand_in "$bad"; fi
