#!/bin/sh
# How close vita's PDF of each of RenderCV's example CVs comes to RenderCV's own PDF of it
# (issue 13's acceptance measure).  RenderCV's files are read from a checkout, never copied here:
#   scripts/parity.sh RENDERCV_DIR [VITA]     (make parity RENDERCV_DIR=…)
# For each examples/John_Doe_<Theme>Theme_CV.yaml with its .pdf, vita renders the YAML and both
# PDFs go through `pdftotext -bbox`.  Printed per theme: the pages (vita/RenderCV); the share of
# RenderCV's words that vita's PDF has (as a multiset, letters and digits only); the share that are
# paired with a word of vita's on the same page; and the share of
# RenderCV's words that are on the same page of vita's PDF with their baseline within 3 pt and their
# left edge within 6 pt, after moving vita's pages so that the first word of page 1 is on the same
# baseline and the leftmost word of page 1 has the same left edge.
# vita renders with SOURCE_DATE_EPOCH set to the reference PDF's creation date (pdfinfo), so that
# "today" in the top note is RenderCV's day.  The
# words are paired in reading order (difflib's longest matching blocks).  "Baseline" is the bottom
# of pdftotext's word box, which lies the font's descent below the baseline in both PDFs (the two
# use the same fonts, except moderncv's Fontin, replaced by Gentium Book Plus).
# A word hyphenated at a line's end counts once, whole (the two may hyphenate elsewhere).
# PARITY_DETAIL=theme (e.g. PARITY_DETAIL=classic) also prints, for that theme, one line per paired
# word: RenderCV's page/x/baseline, vita's (after the alignment) and the deltas, marking the words
# out of place with '*' — to see where the drift starts.
set -eu
DIR=${1:?usage: scripts/parity.sh RENDERCV_DIR [VITA]}
VITA=${2:-build/vita}
[ -d "$DIR/examples" ] || { echo "parity: $DIR/examples is not a folder (give a RenderCV checkout)" >&2; exit 2; }
command -v pdftotext >/dev/null || { echo "parity: pdftotext (poppler-utils) is needed" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
found=0
for y in "$DIR"/examples/John_Doe_*Theme_CV.yaml; do
	[ -f "$y" ] || continue
	theme=$(basename "$y" | sed 's/^John_Doe_//; s/Theme_CV\.yaml$//' | tr 'A-Z' 'a-z')
	ref=${y%.yaml}.pdf
	[ -f "$ref" ] || continue
	found=$((found + 1))
	# a copy beside nothing of RenderCV's: vita writes only into TMP
	cp "$y" "$TMP/$theme.yaml"
	# the day RenderCV rendered it (its PDF's creation date), so that both top notes show the same month
	epoch=$(pdfinfo -isodates "$ref" 2>/dev/null | sed -n 's/^CreationDate: *//p' | head -n 1)
	epoch=$( [ -n "$epoch" ] && date -u -d "$epoch" +%s 2>/dev/null || true)
	if ! env ${epoch:+SOURCE_DATE_EPOCH=$epoch} "$VITA" render "$TMP/$theme.yaml" -o "$TMP/$theme.pdf" 2>"$TMP/$theme.err"; then
		echo "$theme: vita failed: $(head -n 1 "$TMP/$theme.err")"
		continue
	fi
	pdftotext -bbox "$ref" "$TMP/$theme.ref.html" 2>/dev/null
	pdftotext -bbox "$TMP/$theme.pdf" "$TMP/$theme.vita.html" 2>/dev/null
	echo "$theme $TMP/$theme.ref.html $TMP/$theme.vita.html"
done >"$TMP/list"
[ "$found" -gt 0 ] || { echo "parity: no examples/John_Doe_*Theme_CV.yaml with its .pdf in $DIR" >&2; exit 2; }
python3 - "$TMP/list" "${PARITY_DETAIL:-}" <<'EOF'
import difflib, re, sys, unicodedata

WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')

def norm(w):
    w = re.sub(r'&(amp|lt|gt|quot|apos);', lambda m: {'amp': '&', 'lt': '<', 'gt': '>', 'quot': '"', 'apos': "'"}[m.group(1)], w)
    return ''.join(c for c in unicodedata.normalize('NFKC', w).casefold() if c.isalnum())

HYPHEN = ('-', '\u2010', '\u00ad')

def words(path):
    """The words in reading order as (text, page, x, baseline).  A word hyphenated at the end of a
    line ("mod-" / "els") counts once, whole, where its first part is: the two PDFs may hyphenate
    at different places, which is a line-breaking difference, not a missing word."""
    out, page, split = [], 0, False
    for line in open(path, encoding='utf-8'):
        if '<page ' in line:
            page += 1
        for m in WORD.finditer(line):
            x0, y0, x1, y1, w = m.groups()
            t = norm(w)
            if split and out and out[-1][1] == page and abs(out[-1][3] - float(y1)) > 1 and t:
                out[-1] = (out[-1][0] + t, out[-1][1], out[-1][2], out[-1][3])
            elif t:
                out.append((t, page, float(x0), float(y1)))
            split = bool(t) and w.endswith(HYPHEN)
    return out, page

def detail(ref, vit, pairs, dx, dy):
    print('  %-18s %4s %7s %7s   %4s %7s %7s   %7s %7s' % ('word', 'rP', 'rX', 'rY', 'vP', 'vX', 'vY', 'dX', 'dY'))
    for a, b in pairs:
        t, rp, rx, ry = ref[a]
        _, vp, vx, vy = vit[b]
        vx, vy = vx + dx, vy + dy
        bad = rp != vp or abs(ry - vy) > 3 or abs(rx - vx) > 6
        print('%s %-18s %4d %7.1f %7.1f   %4d %7.1f %7.1f   %7.1f %7.1f' % ('*' if bad else ' ', t[:18], rp, rx, ry,
                                                                       vp, vx, vy, vx - rx, vy - ry))

def missing(ref, vit):
    left = {}
    for t, *_ in ref:
        left[t] = left.get(t, 0) + 1
    for t, *_ in vit:
        if left.get(t, 0) > 0:
            left[t] -= 1
    return {t: c for t, c in left.items() if c > 0}

print('%-20s %11s %9s %10s %11s' % ('theme', 'pages v/R', 'words', 'same page', 'same place'))
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) != 3:
        print(line.rstrip())
        continue
    theme, ref_path, vita_path = parts
    ref, rpages = words(ref_path)
    vit, vpages = words(vita_path)
    # words present: multiset
    pool = {}
    for t, *_ in vit:
        pool[t] = pool.get(t, 0) + 1
    present = 0
    for t, *_ in ref:
        if pool.get(t, 0) > 0:
            pool[t] -= 1
            present += 1
    sm = difflib.SequenceMatcher(None, [w[0] for w in ref], [w[0] for w in vit], autojunk=False)
    pairs = [(a + k, b + k) for a, b, n in sm.get_matching_blocks() for k in range(n)]
    dx = dy = 0.0
    if pairs:
        a, b = pairs[0]
        dy = ref[a][3] - vit[b][3]
        # x: the leftmost word of page 1 (the left margin), not the first word, which is often the
        # top note set flush right: moderncv's, in Fontin's substitute, is 10 pt narrower
        a, b = min((p for p in pairs if ref[p[0]][1] == 1), key=lambda p: ref[p[0]][2], default=pairs[0])
        dx = ref[a][2] - vit[b][2]
    same = sum(1 for a, b in pairs
               if ref[a][1] == vit[b][1] and abs(ref[a][3] - vit[b][3] - dy) <= 3 and abs(ref[a][2] - vit[b][2] - dx) <= 6)
    page = sum(1 for a, b in pairs if ref[a][1] == vit[b][1])
    n = len(ref) or 1
    print('%-20s %5d/%-5d %8.1f%% %9.1f%% %10.1f%%' % (theme, vpages, rpages, 100.0 * present / n,
                                                 100.0 * page / n, 100.0 * same / n))
    if theme == sys.argv[2]:
        print('  missing: ' + ' '.join(sorted(t for t, c in missing(ref, vit).items() for _ in range(c))))
        detail(ref, vit, pairs, dx, dy)
EOF
