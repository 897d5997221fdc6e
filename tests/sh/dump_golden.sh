#!/bin/sh
# Golden dumps: `vita dump` of every fixture (tests/fixtures/*.yaml, *.json) and every profile
# (content/*.yaml) must equal tests/golden/dump/NAME.txt: the dump, then the messages on stderr
# (normally none) and the exit status.  SOURCE_DATE_EPOCH fixes "today" (2023-11-14) so the
# current date never changes the output.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1700000000
found=0
for f in tests/fixtures/*.yaml tests/fixtures/*.json content/*.yaml; do
	[ -f "$f" ] || continue
	found=1
	name=$(basename "$f"); name=${name%.*}
	case "$f" in content/*) name="content-$name" ;; esac
	$VITA dump "$f" >"$VITA_TMP/dump.txt" 2>"$VITA_TMP/dump-err.txt"
	rc=$?
	{ echo "--- stderr"; cat "$VITA_TMP/dump-err.txt"; echo "exit: $rc"; } >>"$VITA_TMP/dump.txt"
	golden "dump $name" "$VITA_TMP/dump.txt" "tests/golden/dump/$name.txt"
done
[ "$found" = 1 ] || skip "dump goldens" "no fixtures found"
