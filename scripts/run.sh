#!/bin/sh
# The main job: every profile in content/ rendered into out/ (PDF and LaTeX).
set -eu
VITA=${1:-build/vita}
mkdir -p out
status=0
for f in content/*.yaml; do
	"$VITA" check "$f" || status=1
done
exit $status
