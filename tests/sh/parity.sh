#!/bin/sh
# RenderCV parity (scripts/parity.sh) when RENDERCV_DIR names a RenderCV checkout: for each of its
# nine example CVs, vita's PDF has as many pages as RenderCV's, every one of its words (a word
# hyphenated at a line's end counted whole), and at least 90% of them in the same place (issue 13),
# moderncv too, whose Fontin is stood in for by Gentium Book Plus at Fontin's metrics (the table
# is printed; `make parity RENDERCV_DIR=…` prints it alone).  Without RENDERCV_DIR the test is
# skipped: RenderCV's examples are not part of vita's repository.
. tests/lib.sh
if [ -z "${RENDERCV_DIR:-}" ]; then
	skip parity "RENDERCV_DIR is not set (give a RenderCV checkout: make test RENDERCV_DIR=…)"
	exit 0
fi
if ! sh scripts/parity.sh "$RENDERCV_DIR" "$VITA_BUILD/vita" >"$VITA_TMP/parity.txt" 2>&1; then
	sed 's/^/    /' "$VITA_TMP/parity.txt"
	fail parity "scripts/parity.sh failed"
	exit 0
fi
sed 's/^/    /' "$VITA_TMP/parity.txt"
awk 'NR > 1 { split($2, p, "/"); w = $3 + 0
	if (p[1] != p[2]) { print "    " $1 ": " p[1] " pages, RenderCV " p[2]; bad = 1 }
	if (w < 100) { print "    " $1 ": only " $3 " of the words"; bad = 1 }
	if ($5 + 0 < 90) { print "    " $1 ": only " $5 " of the words in the same place"; bad = 1 }
	n++ }
	END { exit bad || n != 9 }' "$VITA_TMP/parity.txt" && pass parity || fail parity "page counts, words or places differ from RenderCV's"
