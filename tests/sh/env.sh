#!/bin/sh
# The environment is read once, in main (src/base/env.c): a SOURCE_DATE_EPOCH that is not an integer
# from 0 to 253402300799 is a usage error (exit 2) naming the variable, for every command, before a
# file is read or written (it crashed `render` and `build` once: attack case C1); the extremes of the
# range render; a fixed epoch dates the CV the same in the PDF's info and in "today".
. tests/lib.sh
T=$VITA_TMP/env
rm -rf "$T"; mkdir -p "$T"
printf 'cv:\n  name: Ada Lovelace\n  sections:\n    about:\n      - Text.\n' >"$T/cv.yaml"

: >"$T/msgs.txt"
bad=""
for v in 99999999999999999999 abc -1 1e9 123x " 12" 253402300800; do
	for cmd in "render $T/cv.yaml -o $T/out.pdf" "build $T/cv.yaml -o $T/outdir" "check $T/cv.yaml"; do
		# shellcheck disable=SC2086
		SOURCE_DATE_EPOCH=$v $VITA $cmd >"$T/o.txt" 2>&1
		rc=$?
		[ $rc -eq 2 ] && grep -q 'SOURCE_DATE_EPOCH=' "$T/o.txt" || bad="$bad [$v $cmd → $rc]"
	done
	cat "$T/o.txt" >>"$T/msgs.txt"
done
if [ -z "$bad" ] && [ ! -e "$T/out.pdf" ] && [ ! -e "$T/outdir" ]; then pass env_bad_epoch_usage_error
else fail env_bad_epoch_usage_error "expected exit 2, no output:$bad"; fi
golden env_bad_epoch_messages "$T/msgs.txt" tests/golden/env/bad-epoch.txt

ok=""
for v in 0 253402300799; do
	SOURCE_DATE_EPOCH=$v $VITA render "$T/cv.yaml" --dump-layout >"$T/l.txt" 2>"$T/e.txt" || ok="$ok [$v: exit $?]"
	grep -q "created=$v" "$T/l.txt" || ok="$ok [$v: created=]"
done
if [ -z "$ok" ]; then pass env_epoch_extremes_render; else fail env_epoch_extremes_render "$ok"; fi

SOURCE_DATE_EPOCH=253402300799 $VITA render "$T/cv.yaml" -o "$T/y9999.pdf" 2>"$T/e.txt"
if [ $? -eq 0 ] && [ -s "$T/y9999.pdf" ]; then pass env_epoch_year_9999_pdf
else fail env_epoch_year_9999_pdf "$(head -n 3 "$T/e.txt")"; fi
