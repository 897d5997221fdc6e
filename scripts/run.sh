#!/bin/sh
# The main job: every profile in content/ rendered into out/ as PDF and LaTeX (vita build: in
# parallel, incremental, atomic).  `make run` calls this after installing and building.
set -eu
VITA=${1:-build/vita}
exec "$VITA" build content -o out --format pdf,tex
