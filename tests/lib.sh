# Helpers for the shell tests in tests/sh/ (each script sources this file).
#   pass NAME / fail NAME WHY / skip NAME WHY   print the lines tests/run.sh counts
#   golden NAME FILE GOLDEN   compare FILE with GOLDEN (or rewrite GOLDEN when VITA_REGEN=1)
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
skip() { echo "SKIP $1: $2"; }
golden() {
	if [ "${VITA_REGEN:-}" = 1 ]; then
		mkdir -p "$(dirname "$3")"; cp "$2" "$3"; pass "$1 (regenerated)"; return
	fi
	if [ ! -f "$3" ]; then fail "$1" "no golden file $3 (run make golden)"; return; fi
	if diff -u "$3" "$2" >"$VITA_TMP/golden.diff" 2>&1; then pass "$1"
	else head -n 40 "$VITA_TMP/golden.diff"; fail "$1" "differs from $3"; fi
}
