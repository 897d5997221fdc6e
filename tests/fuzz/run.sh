#!/bin/sh
# Runs every fuzz harness in build-fuzz/ for a bounded time each (default 60 s: FUZZ_TIME), one
# after the other (one core each).  FUZZ_ONLY=fuzz_yaml runs only the harnesses whose name contains it.
# Corpora start from content/, tests/fixtures/, tests/bad/, tests/bad-render/, the harness's saved
# regressions and its seeds in tests/fuzz/seeds/<harness>/ (fuzz_font: only its seeds and regressions,
# small fonts, since CV files are no fonts), and build up in build-fuzz/corpus/; the harnesses that read whole CV files get the
# YAML dictionary tests/fuzz/yaml.dict.  Crashes, leaks and hangs are written to
# build-fuzz/artifacts/ and make the run fail: minimise one (harness -minimize_crash=1 FILE), fix
# it, and save it under tests/fuzz/regressions/<harness>/ so the suite replays it.
# FUZZ_SEED (default 1) fixes libFuzzer's random seed, so that CI's short pass walks the same
# mutations as a developer's run of the same length; FUZZ_SEED=0 lets libFuzzer pick one.
set -u
T=${1:-60}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1
export VITA_DATA_DIR="$ROOT"
status=0
for h in build-fuzz/fuzz_*; do
	[ -x "$h" ] || continue
	name=$(basename "$h")
	case "$name" in *"${FUZZ_ONLY:-}"*) ;; *) continue ;; esac
	dict=""
	case "$name" in fuzz_yaml|fuzz_load|fuzz_render|fuzz_latex|fuzz_backends) dict=-dict=tests/fuzz/yaml.dict ;; esac
	[ "$name" = fuzz_font ] && dict=-dict=tests/fuzz/font.dict
	corpus=build-fuzz/corpus/$name
	mkdir -p "$corpus" build-fuzz/artifacts
	cvs="content/*.yaml tests/fixtures/*.yaml tests/fixtures/*.json tests/bad/* tests/bad-render/*
		tests/fixtures/import/* tests/bad-import/*"
	[ "$name" = fuzz_font ] && cvs=""
	for s in $cvs tests/fuzz/seeds/"$name"/* tests/fuzz/regressions/"$name"/*; do
		[ -f "$s" ] && cp "$s" "$corpus/" 2>/dev/null
	done
	echo "fuzz: $name for ${T}s"
	if ! "$h" "$corpus" $dict -seed="${FUZZ_SEED:-1}" -max_total_time="$T" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix=build-fuzz/artifacts/"$name"- -print_final_stats=1 >build-fuzz/"$name".log 2>&1; then
		echo "fuzz: $name FOUND A PROBLEM (see build-fuzz/$name.log and build-fuzz/artifacts/)"
		tail -n 30 build-fuzz/"$name".log
		status=1
	else
		grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' build-fuzz/"$name".log | tr '\n' ' '
		echo
	fi
done
exit $status
