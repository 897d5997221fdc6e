#!/bin/sh
# `make content`: regenerates content/NAME.yaml from ../shared/profiles/ with `vita import`, one
# profile per hand-correction file content/overlays/NAME.overlay (it names its source, the owner
# when the source does not, and a few corrections applied after the import: src/import/corrections.c).
# Every file is imported and checked in a temporary folder first; content/ is replaced only when all
# of them import and check without an error, so a failed run leaves content/ as it was.  Each
# import's share of words not imported is printed, then the import's acceptance figures against the
# hand transcriptions kept in tests/golden/import-reference/ (tests/unit/test_import.c).
# Usage: sh scripts/content.sh [VITA] [OUTDIR]   (defaults: build/vita, content)
set -u
VITA=${1:-build/vita}
OUT=${2:-content}
ls content/overlays/*.overlay >/dev/null 2>&1 || { echo "content: no content/overlays/*.overlay" >&2; exit 1; }
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
status=0
for o in content/overlays/*.overlay; do
	name=$(basename "$o" .overlay)
	if "$VITA" import --overlay "$o" -o "$T/$name.yaml" 2>"$T/$name.err" && "$VITA" check "$T/$name.yaml" 2>>"$T/$name.err"; then
		printf '%s: %s\n' "$name" "$(grep '^vita import:' "$T/$name.err" | sed 's/^vita import: //; s/ (listed at the end.*//')"
		grep -v '^vita import:' "$T/$name.err" | grep -E ': (warning|error):' | grep -v 'repaired mojibake' | sed "s/^/  /"
	else
		echo "content: $name failed:" >&2
		grep -E ': (warning|error):' "$T/$name.err" | grep -v 'repaired mojibake' >&2
		status=1
	fi
done
[ $status -eq 0 ] || { echo "content: $OUT/ is left as it was" >&2; exit 1; }
mkdir -p "$OUT"
for f in "$T"/*.yaml; do mv "$f" "$OUT/$(basename "$f")"; done
echo "content: $(ls content/overlays/*.overlay | wc -l | tr -d ' ') profiles written to $OUT/"
if [ -x "$(dirname "$VITA")/tests/test_import" ]; then
	echo "content: the raw imports against the hand transcriptions (tests/golden/import-reference/):"
	"$(dirname "$VITA")/tests/test_import" 2>&1 | grep -E 'publications|visible words' | sed 's/^ */  /'
fi
