#!/bin/sh
# Golden diagnostics: `vita check` on every broken input in tests/bad/ must print exactly the
# messages in tests/golden/diagnostics/NAME.err (stderr, then a last line "exit: STATUS").  Run from
# the repository root with relative paths so the messages are stable.  Also: a directory, a
# character device and a missing file, and inputs generated here because they are large (100,000
# entries; a 1 MB field) — those are compared after replacing the scratch path with a fixed name.
. tests/lib.sh
G=tests/golden/diagnostics

check_one() { # name, file, [path to hide]
	$VITA check "$2" >"$VITA_TMP/diag-out.txt" 2>"$VITA_TMP/diag-err.txt"
	rc=$?
	if [ -s "$VITA_TMP/diag-out.txt" ]; then fail "$1" "vita check wrote to stdout"; return; fi
	echo "exit: $rc" >>"$VITA_TMP/diag-err.txt"
	if [ -n "${3:-}" ]; then
		sed "s|$3|GENERATED|g" "$VITA_TMP/diag-err.txt" >"$VITA_TMP/diag-err2.txt"
		mv "$VITA_TMP/diag-err2.txt" "$VITA_TMP/diag-err.txt"
	fi
	golden "diagnostics $1" "$VITA_TMP/diag-err.txt" "$G/$1.err"
}

for f in tests/bad/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f"); name=${name%.*}
	check_one "$name" "$f"
done

mkdir -p "$VITA_TMP/a-directory.yaml"
check_one dir-as-input "$VITA_TMP/a-directory.yaml" "$VITA_TMP"
check_one char-device /dev/null
check_one missing-file tests/bad/no-such-file.yaml

awk 'BEGIN { print "cv:\n  sections:\n    many:"; for (i = 0; i < 100000; i++) print "      - entry " i }' \
	>"$VITA_TMP/too-many-entries.yaml"
check_one too-many-entries "$VITA_TMP/too-many-entries.yaml" "$VITA_TMP"
awk 'BEGIN { printf "cv:\n  name: Ada Example\n  headline: \""; for (i = 0; i < 16384; i++) printf "word word word word word word word word word word word word word word wo "; print "\"" }' \
	>"$VITA_TMP/long-field.yaml"
check_one long-field "$VITA_TMP/long-field.yaml" "$VITA_TMP"
