#!/bin/sh
# How close the LaTeX output, compiled by XeLaTeX, comes to vita's own PDF of the same CV (issue
# 14's position measure):
#   scripts/latex-parity.sh [VITA]     (make latex-parity)
# For every profile (content/*.yaml, the profiles of ../shared/profiles as `make content` writes
# them) in every shipped theme (styles/*.yaml), vita writes the PDF and the .tex; xelatex compiles
# the .tex twice (the footer's page count); both PDFs go through `pdftotext -bbox`.  Printed per
# theme: the profiles whose page counts are equal, the share of vita's words that the LaTeX PDF has
# on the same page, and the share on the same page with the baseline within 3 pt — words paired in
# reading order, as scripts/parity.sh pairs them (difflib's longest matching blocks over words
# reduced to their letters and digits).  No shift is applied: both PDFs have the same page and
# margins.  Then one line for all themes.
#   LATEX_PARITY_THEMES="classic ember"   only those themes
#   LATEX_PARITY_PROFILES="content/a.yaml" only those profiles
#   LATEX_PARITY_DETAIL=1                 one line per profile and theme too
#   LATEX_PARITY_OUT=FILE                 also write the per-theme figures to FILE (the tests' input)
set -eu
VITA=${1:-build/vita}
case $VITA in /*) ;; *) VITA=$(pwd)/$VITA ;; esac
for t in xelatex pdftotext pdfinfo python3; do
	command -v $t >/dev/null || { echo "latex-parity: $t is needed" >&2; exit 2; }
done
THEMES=${LATEX_PARITY_THEMES:-$(ls styles/*.yaml | sed 's|.*/||; s|\.yaml$||')}
PROFILES=${LATEX_PARITY_PROFILES:-$(ls content/*.yaml)}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
for theme in $THEMES; do
	mkdir -p "$TMP/$theme"
	for p in $PROFILES; do
		n=$(basename "$p" .yaml)
		# the profile in this theme: its design.theme replaced, or a design block added
		awk -v theme="$theme" '
			/^design:/ { print; print "  theme: " theme; indesign = 1; done = 1; next }
			indesign && /^  theme:/ { next }
			/^[^ #]/ { indesign = 0 }
			{ print }
			END { if (!done) { print "design:"; print "  theme: " theme } }' "$p" >"$TMP/$theme/$n.yaml"
		if ! "$VITA" render "$TMP/$theme/$n.yaml" -o "$TMP/$theme/$n.vita.pdf" 2>"$TMP/$theme/$n.err" ||
			! "$VITA" render "$TMP/$theme/$n.yaml" -o "$TMP/$theme/$n.tex" 2>>"$TMP/$theme/$n.err"; then
			echo "$theme $n vita-failed"
			continue
		fi
		if ! (cd "$TMP/$theme" && for i in 1 2; do
			xelatex -no-shell-escape -halt-on-error -interaction=nonstopmode "$n.tex" >/dev/null 2>&1 || exit 1
		done); then
			echo "$theme $n xelatex-failed"
			continue
		fi
		pdftotext -bbox "$TMP/$theme/$n.vita.pdf" "$TMP/$theme/$n.vita.html" 2>/dev/null
		pdftotext -bbox "$TMP/$theme/$n.pdf" "$TMP/$theme/$n.tex.html" 2>/dev/null
		echo "$theme $n $TMP/$theme/$n.vita.html $TMP/$theme/$n.tex.html"
	done
done >"$TMP/list"
python3 - "$TMP/list" "${LATEX_PARITY_DETAIL:-}" "${LATEX_PARITY_OUT:-}" <<'EOF'
import difflib, re, sys, unicodedata

WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')

def norm(w):
    w = re.sub(r'&(amp|lt|gt|quot|apos);', lambda m: {'amp': '&', 'lt': '<', 'gt': '>', 'quot': '"', 'apos': "'"}[m.group(1)], w)
    return ''.join(c for c in unicodedata.normalize('NFKC', w).casefold() if c.isalnum())

def words(path):
    out, page = [], 0
    for line in open(path, encoding='utf-8'):
        if '<page ' in line:
            page += 1
        for m in WORD.finditer(line):
            x0, y0, x1, y1, w = m.groups()
            t = norm(w)
            if t:
                out.append((t, page, float(y1)))
    return out, page

themes, order, failed = {}, [], []
detail = sys.argv[2] == '1'
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) != 4:
        failed.append(' '.join(parts))
        continue
    theme, name, vpath, tpath = parts
    ref, rpages = words(vpath)
    tex, tpages = words(tpath)
    sm = difflib.SequenceMatcher(None, [w[0] for w in ref], [w[0] for w in tex], autojunk=False)
    pairs = [(a + k, b + k) for a, b, n in sm.get_matching_blocks() for k in range(n)]
    page = sum(1 for a, b in pairs if ref[a][1] == tex[b][1])
    same = sum(1 for a, b in pairs if ref[a][1] == tex[b][1] and abs(ref[a][2] - tex[b][2]) <= 3)
    t = themes.setdefault(theme, [0, 0, 0, 0, 0])
    if theme not in order:
        order.append(theme)
    t[0] += 1; t[1] += rpages == tpages; t[2] += len(ref); t[3] += page; t[4] += same
    if detail:
        n = len(ref) or 1
        print('  %-14s %-22s pages %d/%d  same page %5.1f%%  same place %5.1f%%' % (theme, name, tpages, rpages,
              100.0 * page / n, 100.0 * same / n))
print('%-20s %12s %8s %10s %11s' % ('theme', 'pages equal', 'words', 'same page', 'same place'))
tot = [0, 0, 0, 0, 0]
rows = []
for theme in order:
    t = themes[theme]
    tot = [a + b for a, b in zip(tot, t)]
    n = t[2] or 1
    rows.append('%s %d %d %.1f %.1f' % (theme, t[0], t[1], 100.0 * t[3] / n, 100.0 * t[4] / n))
    print('%-20s %6d/%-5d %8d %9.1f%% %10.1f%%' % (theme, t[1], t[0], t[2], 100.0 * t[3] / n, 100.0 * t[4] / n))
n = tot[2] or 1
print('%-20s %6d/%-5d %8d %9.1f%% %10.1f%%' % ('all', tot[1], tot[0], tot[2], 100.0 * tot[3] / n, 100.0 * tot[4] / n))
for f in failed:
    print('failed: ' + f)
if sys.argv[3]:
    with open(sys.argv[3], 'w') as out:
        out.write('\n'.join(rows + ['failed %d' % len(failed)]) + '\n')
EOF
