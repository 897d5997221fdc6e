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
# pdf_and_tex NAME DIR: renders DIR/cv.yaml to DIR/cv.vita.pdf and to DIR/cv.tex, and compiles the
# .tex twice with xelatex (the .aux's second run); 0 when all went well, else a FAIL line for NAME
pdf_and_tex() {
	if ! $VITA render "$2/cv.yaml" -o "$2/cv.vita.pdf" >"$2/err" 2>&1 ||
		! $VITA render "$2/cv.yaml" -o "$2/cv.tex" >>"$2/err" 2>&1; then
		fail "$1" "vita render failed: $(head -n 1 "$2/err")"
		return 1
	fi
	for i in 1 2; do
		if ! (cd "$2" && xelatex -no-shell-escape -halt-on-error -interaction=batchmode cv.tex >/dev/null 2>&1); then
			fail "$1" "xelatex failed"
			return 1
		fi
	done
}
# need_tex NAME TOOL...: exits the test with a SKIP line for NAME unless TeX runs in this pass (not
# under VITA_NO_TEX: check-fast, the sanitizers, valgrind) and every TOOL is installed
need_tex() {
	_n=$1; shift
	for _t in "$@"; do
		if ! command -v "$_t" >/dev/null 2>&1 || [ "${VITA_NO_TEX:-}" = 1 ]; then
			skip "$_n" "TeX runs in the plain pass only, and needs $_t"
			exit 0
		fi
	done
}
