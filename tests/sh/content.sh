#!/bin/sh
# Hand corrections after an import (`vita import --overlay`) and `make content` (scripts/content.sh):
#   overlay  tests/fixtures/overlay/plain-cv.overlay imported: the YAML, its header naming the
#            corrections and their reasons, the warning for a correction whose `was` the import no
#            longer gives, all equal tests/golden/content/plain-cv.txt
#   bad      an overlay setting a path through a single value, a correction without `was`:
#            path:line:col errors, exit 1, no output
#   content  scripts/content.sh regenerates the five profiles of ../shared/profiles/ into a
#            temporary folder: each file checks without an error, says in its header which
#            corrections were applied, renders to PDF, and the figures are printed
. tests/lib.sh
export SOURCE_DATE_EPOCH=1700000000

$VITA import --overlay tests/fixtures/overlay/plain-cv.overlay >"$VITA_TMP/ov.txt" 2>"$VITA_TMP/ov-err.txt"
rc=$?
{ echo "--- stderr"; cat "$VITA_TMP/ov-err.txt"; echo "exit: $rc"; } >>"$VITA_TMP/ov.txt"
golden "import --overlay" "$VITA_TMP/ov.txt" tests/golden/content/plain-cv.txt

for b in bad-path bad-shape; do
	rm -f "$VITA_TMP/b.yaml"
	$VITA import --overlay "tests/fixtures/overlay/$b.overlay" -o "$VITA_TMP/b.yaml" >/dev/null 2>"$VITA_TMP/b-err.txt"
	rc=$?
	echo "exit: $rc" >>"$VITA_TMP/b-err.txt"
	if [ -e "$VITA_TMP/b.yaml" ] || [ $rc -ne 1 ]; then fail "import --overlay $b" "exit $rc or an output was written"
	else golden "import --overlay $b" "$VITA_TMP/b-err.txt" "tests/golden/content/$b.err"; fi
done

# a date later than any start date of the profiles ("present" must not come before one)
if [ -d ../shared/profiles ]; then
	export SOURCE_DATE_EPOCH=1800000000
	out="$VITA_TMP/content"
	sh scripts/content.sh "$VITA_BUILD/vita" "$out" >"$VITA_TMP/content.txt" 2>&1
	rc=$?
	n=0 bad=""
	for o in content/overlays/*.overlay; do
		name=$(basename "$o" .overlay)
		f="$out/$name.yaml"
		n=$((n + 1))
		if ! [ -s "$f" ] || ! grep -q '^# Corrected by hand: [0-9]* correction' "$f" ||
			! $VITA check "$f" >/dev/null 2>&1 || ! $VITA render "$f" -o "$VITA_TMP/$name.pdf" >/dev/null 2>&1; then
			bad="$bad $name"
		fi
	done
	if [ $rc -eq 0 ] && [ -z "$bad" ] && [ "$n" -eq 5 ] && grep -q 'publications .* matched by title' "$VITA_TMP/content.txt"; then
		pass "make content regenerates the $n profiles (imported, corrected, checked, rendered)"
	else fail "make content" "rc=$rc, failed:$bad; $(tail -5 "$VITA_TMP/content.txt")"; fi
else skip "make content" "../shared/profiles is not there"; fi
