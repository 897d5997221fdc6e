#!/bin/sh
# Runs the whole suite: every unit-test binary in BUILD/tests/ and every script in tests/sh/.
#
# Each test prints `PASS name`, `FAIL name: why` or `SKIP name: why`; this script shows failures and
# skips, counts them, and ends with the line `N passed, N failed, N skipped`.  A binary or script
# that exits non-zero without reporting a failure (a crash, a sanitizer or valgrind report) counts
# as one failure of its own.
#   VITA_REGEN=1      shell tests rewrite their golden files instead of comparing (make golden)
#   VITA_VALGRIND=1   every vita process and unit binary runs under valgrind (make check-valgrind)
#   TESTS=pattern     only the tests whose file name contains pattern (several: a,b — any of them)
set -u
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
export VITA_ROOT="$ROOT" VITA_BUILD="$ROOT/$BUILD" VITA_DATA_DIR="$ROOT"
export NO_COLOR=1 LC_ALL=C.UTF-8
# fontconfig sees the packages' fonts only (see the file), for vita and TeX alike
export FONTCONFIG_FILE="$ROOT/tests/fonts.conf"
WRAP=""
if [ "${VITA_VALGRIND:-}" = 1 ]; then
	WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --suppressions=$ROOT/tests/valgrind.supp"
fi
export VITA_WRAP="$WRAP"
export VITA="$WRAP $ROOT/$BUILD/vita"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export VITA_TMP="$TMP"

passed=0 failed=0 skipped=0
run_one() { # name, command...
	name=$1; shift
	out="$TMP/out.txt"
	"$@" >"$out" 2>&1
	rc=$?
	p=$(grep -c '^PASS ' "$out"); f=$(grep -c '^FAIL ' "$out"); s=$(grep -c '^SKIP ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "FAIL $name: exited with status $rc"
		tail -n 30 "$out" | sed 's/^/    /'
	elif [ "$f" -gt 0 ]; then
		# Show each failure with the detail lines that precede it.
		awk '/^(PASS|SKIP) /{buf=""; next} /^FAIL /{print buf $0; buf=""; next} {buf=buf "    " $0 "\n"}' "$out"
	fi
	grep '^SKIP ' "$out"
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	printf '%-40s %3d passed %3d failed %3d skipped\n' "$name" "$p" "$f" "$s" >&2
}

# wanted FILE: its name contains one of the comma-separated patterns of TESTS (all when unset)
wanted() {
	[ -z "${TESTS:-}" ] && return 0
	for pat in $(printf '%s' "$TESTS" | tr ',' ' '); do
		case "$1" in *"$pat"*) return 0 ;; esac
	done
	return 1
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	wanted "$t" || continue
	run_one "$(basename "$t")" $WRAP "$t"
done
for t in tests/sh/*.sh; do
	[ -f "$t" ] || continue
	wanted "$t" || continue
	run_one "$(basename "$t")" sh "$t"
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
