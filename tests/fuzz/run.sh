#!/bin/sh
# Runs every fuzz harness in build-fuzz/ for a bounded time each (default 60 s: FUZZ_TIME), one
# after the other (one core each).  FUZZ_ONLY=fuzz_yaml runs only the harnesses whose name contains it.
# Corpora start from content/, tests/fixtures/, tests/bad/, tests/bad-render/, the harness's saved
# regressions and its seeds in tests/fuzz/seeds/<harness>/ (fuzz_font: only its seeds and regressions,
# small fonts, since CV files are no fonts), given in name order, and build up in build-fuzz/corpus/; the harnesses that read whole CV files get the
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
	# The seeds go by name, in one fixed order (-seed_inputs), not copied into the corpus folder:
	# libFuzzer reads a folder in the file system's order (on ext4 a hash order that differs from
	# one disk to the next) and sorts by size alone, so with copies the same seed walked other
	# mutations on CI than here.  The corpus folder keeps only what libFuzzer finds (empty on CI).
	list=build-fuzz/$name.seeds
	for s in $cvs tests/fuzz/seeds/"$name"/* tests/fuzz/regressions/"$name"/*; do
		[ -f "$s" ] && printf '%s\n' "$s"
	done | LC_ALL=C sort | paste -sd, - >"$list"
	echo "fuzz: $name for ${T}s"
	# The sanitizers' reports go to files of their own: a reader may have stderr redirected when
	# it crashes (the BibTeX reader captures btparse's messages so), which would swallow them.
	rm -f build-fuzz/"$name".sanitizer.*
	san="log_path=$ROOT/build-fuzz/$name.sanitizer"
	if ! ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}$san" UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}$san" \
		"$h" "$corpus" $dict -seed_inputs=@"$list" -seed="${FUZZ_SEED:-1}" -max_total_time="$T" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix=build-fuzz/artifacts/"$name"- -print_final_stats=1 >build-fuzz/"$name".log 2>&1; then
		echo "fuzz: $name FOUND A PROBLEM (see build-fuzz/$name.log and build-fuzz/artifacts/)"
		tail -n 30 build-fuzz/"$name".log
		for f in build-fuzz/"$name".sanitizer.*; do
			[ -f "$f" ] && { echo "--- $f"; head -n 60 "$f"; }
		done
		status=1
	else
		grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' build-fuzz/"$name".log | tr '\n' ' '
		echo
	fi
done
exit $status
