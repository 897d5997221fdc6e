#!/bin/sh
# End-to-end tests of `vita build` with the real pipeline: every profile of content/ rendered to PDF
# and LaTeX; -j1 and -j2 byte-identical (and identical to `vita render`); a broken profile among good
# ones; incremental runs and --force; shards that add up to the whole; Ctrl-C and SIGTERM leaving no
# temporary file.  Usage errors and an unusable output folder are tested even before the pipeline
# exists; the rest is skipped, saying why, until a single `vita render` works.
. tests/lib.sh
T=$VITA_TMP/build
rm -rf "$T"
mkdir -p "$T/in"
# A fixed date (reproducible outputs) later than any start date in content/ ("present" must not precede it).
export SOURCE_DATE_EPOCH=1893456000

# ---- what needs no renderer ----
$VITA build --help >"$T/help.txt" 2>&1
if [ $? -eq 0 ] && grep -q -- '--shard K/N' "$T/help.txt"; then pass build_help; else fail build_help "--help"; fi

bad_usage=""
for args in "--shard 0/2" "--shard 3/2" "-j 0" "--format png" "--nope"; do
	# shellcheck disable=SC2086
	$VITA build $args -o "$T/never" >"$T/usage.txt" 2>&1
	rc=$?
	[ $rc -eq 2 ] && grep -q "Try 'vita build --help'" "$T/usage.txt" || bad_usage="$bad_usage [$args → $rc]"
done
if [ -z "$bad_usage" ] && [ ! -e "$T/never" ]; then pass build_usage_errors
else fail build_usage_errors "expected exit 2 and a hint:$bad_usage"; fi

echo 'cv: {name: X}' >"$T/one.yaml"
: >"$T/a-file"
$VITA build "$T/one.yaml" -o "$T/a-file/out" >"$T/unwritable.txt" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "cannot create the output folder" "$T/unwritable.txt"; then pass build_unwritable_outdir
else fail build_unwritable_outdir "exit $rc: $(head -n 3 "$T/unwritable.txt")"; fi

mkdir -p "$T/dups/x"
cp "$T/one.yaml" "$T/dups/jane.yaml"
cp "$T/one.yaml" "$T/dups/x/jane.yaml"
$VITA build "$T/dups" -o "$T/dups-out" >"$T/dups.txt" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "would both be written as 'jane" "$T/dups.txt" && [ ! -e "$T/dups-out" ]; then
	pass build_duplicate_names
else fail build_duplicate_names "exit $rc: $(head -n 3 "$T/dups.txt")"; fi

# A file named explicitly is taken whatever its extension: cv.pdf built into its own folder would be
# its own output.  Refused before anything is rendered, the file kept.
mkdir -p "$T/self"
cp "$T/one.yaml" "$T/self/cv.pdf"
$VITA build "$T/self/cv.pdf" -o "$T/self" >"$T/self.txt" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "is this file itself" "$T/self.txt" && cmp -s "$T/one.yaml" "$T/self/cv.pdf"; then
	pass build_output_is_input
else fail build_output_is_input "exit $rc, $(head -c 5 "$T/self/cv.pdf"): $(head -n 3 "$T/self.txt")"; fi

# ---- the real pipeline ----
n=0
for f in content/*.yaml content/*.yml content/*.json; do
	[ -f "$f" ] || continue
	cp "$f" "$T/in/"
	n=$((n + 1))
done
E2E="build_all build_tex build_j1_equals_j2 build_equals_render build_lines_output build_broken_profile
build_incremental build_force build_shards build_no_temp_files build_sigint build_sigterm"
skip_all() { for t in $E2E; do skip "$t" "$1"; done; exit 0; }
[ "$n" -gt 0 ] || skip_all "no profiles in content/"
first=$(ls "$T/in" | head -n 1)
if ! $VITA render "$T/in/$first" -o "$T/probe.pdf" >"$T/probe.txt" 2>&1; then
	grep -q "not built yet" "$T/probe.txt" && skip_all "pipeline not available: $(grep -m 1 'not built yet' "$T/probe.txt")"
fi
# LaTeX is tested too once its backend exists.
FMT=pdf,tex
if ! $VITA render "$T/in/$first" -o "$T/probe.tex" >"$T/probe.txt" 2>&1 && grep -q "not built yet" "$T/probe.txt"; then
	FMT=pdf
	skip build_tex "LaTeX backend not available: $(grep -m 1 'not built yet' "$T/probe.txt")"
fi

stems() { for f in "$T/in"/*; do b=${f##*/}; echo "${b%.*}"; done; }
outputs_ok() { # dir: every profile has a PDF (and a .tex)
	for s in $(stems); do
		{ [ $FMT = pdf ] || [ -s "$1/$s.tex" ]; } && head -c 5 "$1/$s.pdf" 2>/dev/null | grep -q '%PDF-' ||
			{ echo "$s"; return 1; }
	done
}
summary() { grep '^vita build: ' "$1" | tail -n 1; }

$VITA build "$T/in" -o "$T/out" --format $FMT -j2 >"$T/all.txt" 2>&1
rc=$?
if [ $rc -eq 0 ] && missing=$(outputs_ok "$T/out") &&
	summary "$T/all.txt" | grep -q "^vita build: $n rendered, 0 failed, 0 skipped ($n profiles) in "; then
	pass build_all
else fail build_all "exit $rc, missing '$missing': $(summary "$T/all.txt")"; fi

if grep -q "^\[$n/$n\] $T/in/.* ok\$" "$T/all.txt" && [ "$(grep -c '^\[[0-9]*/[0-9]*\] ' "$T/all.txt")" -eq "$n" ]; then
	pass build_lines_output
else fail build_lines_output "expected $n lines '[i/$n] PATH ok'"; fi

if [ $FMT = pdf,tex ]; then
	no_tex=$(for x in $(stems); do grep -q 'documentclass' "$T/out/$x.tex" 2>/dev/null || echo "$x"; done)
	if [ -z "$no_tex" ]; then pass build_tex; else fail build_tex "no LaTeX document for: $no_tex"; fi
fi

$VITA build "$T/in" -o "$T/out1" --format $FMT -j1 -q >"$T/j1.txt" 2>&1
if diff -r "$T/out" "$T/out1" >"$T/j.diff" 2>&1; then pass build_j1_equals_j2
else fail build_j1_equals_j2 "$(head -n 3 "$T/j.diff")"; fi

$VITA render "$T/in/$first" -o "$T/single.pdf" >/dev/null 2>&1
s=${first%.*}
[ $FMT = pdf ] || $VITA render "$T/in/$first" -o "$T/single.tex" >/dev/null 2>&1
if cmp -s "$T/single.pdf" "$T/out/$s.pdf" && { [ $FMT = pdf ] || cmp -s "$T/single.tex" "$T/out/$s.tex"; }; then
	pass build_equals_render
else fail build_equals_render "build's $s.pdf/.tex differ from vita render's"; fi

# The second run finds everything up to date; touching one profile re-renders only it.
$VITA build "$T/in" -o "$T/out" --format $FMT -j2 >"$T/again.txt" 2>&1
rc=$?
ok1=$(summary "$T/again.txt" | grep -c "0 rendered, 0 failed, $n skipped")
sleep 0.01
touch "$T/in/$first"
$VITA build "$T/in" -o "$T/out" --format $FMT -j2 >"$T/touched.txt" 2>&1
ok2=$(summary "$T/touched.txt" | grep -c "1 rendered, 0 failed, $((n - 1)) skipped")
if [ $rc -eq 0 ] && [ "$ok1" = 1 ] && [ "$ok2" = 1 ]; then pass build_incremental
else fail build_incremental "$(summary "$T/again.txt") / $(summary "$T/touched.txt")"; fi

# What a render reads besides its profile — its photo, the .bib of a `from:` section — is recorded
# (OUTDIR/.vita-inputs): changing one of them re-renders that profile, and only it; a renamed one
# too (the render then reports it).
R=$T/recorded; mkdir -p "$R/in"
cp tests/fixtures/bibsection/cv.yaml tests/fixtures/bibsection/papers.bib "$R/in/"
cp tests/fixtures/pdf/photo.jpg "$R/in/me.jpg"
printf 'cv:\n  name: Ada Photo\n  photo: me.jpg\n  sections:\n    about:\n      - Text.\n' >"$R/in/photo.yaml"
printf 'cv:\n  name: Bo Plain\n  sections:\n    about:\n      - Text.\n' >"$R/in/plain.yaml"
$VITA build "$R/in" -o "$R/out" -q >"$R/1.txt" 2>&1
$VITA build "$R/in" -o "$R/out" -q >"$R/2.txt" 2>&1
sleep 0.01; touch "$R/in/me.jpg"
$VITA build "$R/in" -o "$R/out" -q >"$R/3.txt" 2>&1
sleep 0.01; touch "$R/in/papers.bib"
$VITA build "$R/in" -o "$R/out" -q >"$R/4.txt" 2>&1
mv "$R/in/me.jpg" "$R/in/me2.jpg"
$VITA build "$R/in" -o "$R/out" >"$R/5.txt" 2>&1
got="$(summary "$R/1.txt" | cut -d'(' -f1)|$(summary "$R/2.txt" | cut -d'(' -f1)|$(summary "$R/3.txt" | cut -d'(' -f1)|$(summary "$R/4.txt" | cut -d'(' -f1)|$(summary "$R/5.txt" | cut -d'(' -f1)"
want="vita build: 3 rendered, 0 failed, 0 skipped |vita build: 0 rendered, 0 failed, 3 skipped |vita build: 1 rendered, 0 failed, 2 skipped |vita build: 1 rendered, 0 failed, 2 skipped |vita build: 1 rendered, 0 failed, 2 skipped "
if [ "$got" = "$want" ] && grep -q "me.jpg" "$R/5.txt" && grep -q "papers.bib" "$R/out/.vita-inputs"; then
	pass build_recorded_inputs
else fail build_recorded_inputs "got: $got"; fi

$VITA build "$T/in" -o "$T/out" --format $FMT -j2 --force -q >"$T/force.txt" 2>&1
if summary "$T/force.txt" | grep -q "$n rendered, 0 failed, 0 skipped" && diff -r "$T/out" "$T/out1" >/dev/null; then
	pass build_force
else fail build_force "$(summary "$T/force.txt")"; fi

$VITA build "$T/in" -o "$T/s1" --shard 1/2 -q >"$T/s1.txt" 2>&1
r1=$?
$VITA build "$T/in" -o "$T/s2" --shard 2/2 -q >"$T/s2.txt" 2>&1
r2=$?
both=$(ls "$T/s1" "$T/s2" 2>/dev/null | grep -c '\.pdf$')
common=$(ls "$T/s1" | grep '\.pdf$' | while read -r f; do [ -e "$T/s2/$f" ] && echo "$f"; done | wc -l)
want=$(stems | sort | sed 's/$/.pdf/')
got=$( (ls "$T/s1"; ls "$T/s2") | grep '\.pdf$' | sort)
if [ $r1 -eq 0 ] && [ $r2 -eq 0 ] && [ "$both" -eq "$n" ] && [ "$common" -eq 0 ] && [ "$got" = "$want" ] &&
	summary "$T/s1.txt" | grep -q "of $n profiles, shard 1/2"; then
	pass build_shards
else fail build_shards "exit $r1/$r2, $both PDFs for $n profiles, $common in both"; fi

# A broken profile among good ones: the others are rendered, exit 1, the summary counts it.
mkdir -p "$T/mixed"
cp "$T/in"/* "$T/mixed/"
printf 'cv:\n  name: [unclosed\n' >"$T/mixed/zz-broken.yaml"
$VITA build "$T/mixed" -o "$T/mixed-out" -j2 >"$T/mixed.txt" 2>&1
rc=$?
pdfs=$(ls "$T/mixed-out" | grep -c '\.pdf$')
if [ $rc -eq 1 ] && [ "$pdfs" -eq "$n" ] && [ ! -e "$T/mixed-out/zz-broken.pdf" ] &&
	grep -q "zz-broken.yaml:[0-9]*:[0-9]*: error" "$T/mixed.txt" &&
	summary "$T/mixed.txt" | grep -q "$n rendered, 1 failed, 0 skipped ($((n + 1)) profiles)"; then
	pass build_broken_profile
else fail build_broken_profile "exit $rc, $pdfs PDFs: $(summary "$T/mixed.txt")"; fi

temps=$(find "$T" -name '.*.pdf.*' -o -name '.*.tex.*' | wc -l)
if [ "$temps" -eq 0 ]; then pass build_no_temp_files; else fail build_no_temp_files "$temps left"; fi

# Interrupted runs: a corpus big enough to still be running when the signal comes.
mkdir -p "$T/big"
i=0
while [ $i -lt 1000 ]; do cp "$T/in/$first" "$T/big/p$i.yaml"; i=$((i + 1)); done
interrupt() { # test, signal, expected status
	rm -rf "$T/big-out"
	$VITA build "$T/big" -o "$T/big-out" -j2 -q >"$T/sig.txt" 2>&1 &
	pid=$!
	# Signal once rendering is under way (the handler is installed before the first profile starts).
	w=0
	while [ $w -lt 600 ] && kill -0 "$pid" 2>/dev/null && ! ls "$T/big-out" 2>/dev/null | grep -q '\.pdf$'; do
		sleep 0.05
		w=$((w + 1))
	done
	sent=0
	kill -"$2" "$pid" 2>/dev/null && sent=1
	wait "$pid"
	rc=$?
	left=$(find "$T/big-out" -name '.*' ! -name .vita-inputs -type f 2>/dev/null | wc -l)
	done_n=$(ls "$T/big-out" 2>/dev/null | grep -c '\.pdf$')
	if [ $sent = 0 ]; then skip "$1" "the run finished before the signal could be sent"
	elif [ $rc -eq "$3" ] && [ "$left" -eq 0 ] && [ "$done_n" -lt 1000 ] &&
		summary "$T/sig.txt" | grep -q "^vita build: interrupted: .* not started"; then pass "$1"
	else fail "$1" "exit $rc (want $3), $left temporary files, $done_n PDFs: $(summary "$T/sig.txt")"; fi
}
interrupt build_sigint INT 130
interrupt build_sigterm TERM 143

# Importable files named on the command line render in parallel (btparse, which keeps global state,
# is used under one lock: make check-tsan runs this under ThreadSanitizer).
B=$T/bibs; mkdir -p "$B/in"
for i in 1 2 3 4; do cp tests/fixtures/import/every-type.bib "$B/in/e$i.bib"; cp tests/fixtures/import/forty-authors.bib "$B/in/f$i.bib"; done
$VITA build "$B"/in/*.bib -o "$B/out" -j2 -q >"$B/log.txt" 2>&1
if summary "$B/log.txt" | grep -q '^vita build: 8 rendered, 0 failed, 0 skipped (8 profiles)' && cmp -s "$B/out/e1.pdf" "$B/out/e4.pdf"; then
	pass build_bibtex_parallel
else fail build_bibtex_parallel "$(tail -n 3 "$B/log.txt")"; fi
