#!/bin/sh
# Typography over every profile, every fixture and a long synthetic CV, each in every theme:
# the layout dump with VITA_DUMP_MEASURE=1 gives each text piece and the right edge of the measure
# it was set to, and tests/tools/typo.py measures the lines (no line past its measure by more than
# 0.1 pt, no break between a number and a following + or %, no more than two hyphenated lines in a
# row, no personal name broken or hyphenated across lines, no line of bold text with word spaces
# above 1.5x natural) and prints the figures: lines measured,
# max overshoot, hyphenated line ends per 100 lines (Typst's figure on the reviewed paragraphs is 3
# for vita's 8 before this work: notes/typography-review.md, O7).
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600 VITA_DUMP_MEASURE=1
T=$VITA_TMP/typography
rm -rf "$T"; mkdir -p "$T/in" "$T/dump"
command -v python3 >/dev/null || { skip typography "python3 is not installed"; exit 0; }

# A long synthetic CV: many sections and entries whose texts end lines in every way.
long=$T/in/long.yaml
{
	printf 'cv:\n  name: Marguerite Okonkwo-Lindqvist\n  email: m@example.org\n  sections:\n'
	printf '    experience:\n'
	for i in 1 2 3 4 5 6 7 8; do
		printf '      - company: Company number %s of a long list\n        position: Staff Engineer\n' "$i"
		printf '        start_date: 201%s-01\n        end_date: 201%s-12\n        highlights:\n' "$i" "$i"
		printf '          - Served 50M+ devices and 2M+ monthly users across %s regions with 99.9%% uptime and a p99 under 120 ms\n' "$i"
		printf '          - Reduced inference latency by 73%% compared to the baseline, advised by Prof. Shiguang Shan and Dr. J. Smith\n'
		printf '          - Designed sparse attention mechanisms reducing the memory footprint of transformers by 4.2x on ImageNet\n'
	done
	printf '    publications:\n'
	for i in 1 2 3 4 5 6; do
		printf '      - title: "APTMoE: Affinity-aware Pipeline Tuning for MoE Models on Bandwidth-constrained GPU Nodes %s"\n' "$i"
		printf '        authors:\n          - Yutong Lu\n          - Xingcheng Zhang\n          - "*Marguerite Okonkwo-Lindqvist*"\n          - Lin-mei Wang\n'
		printf '        journal: International Conference for High Performance Computing, Networking, Storage and Analysis\n        date: 202%s-05\n' "$i"
	done
	printf '    patents:\n'
	for i in 1 2 3; do
		printf '      - bullet: Adaptive Quantization of Neural Network Weights for Efficient Inference on Edge Devices (US Patent %s)\n' "$i"
	done
	printf '    skills:\n'
	for i in 1 2 3 4; do
		printf '      - label: Skill %s\n        details: Python, C, C++, CUDA, Triton, PyTorch, JAX, TensorFlow, Kubernetes, Slurm\n' "$i"
	done
	printf 'design:\n  theme: classic\n'
} >"$long"

for theme in $(ls styles/*.yaml | sed 's|styles/||; s|\.yaml$||'); do
	for f in content/*.yaml tests/fixtures/*.yaml "$long"; do
		[ -f "$f" ] || continue
		b=$(basename "$f" .yaml)
		awk -v t="$theme" '/^  theme:/ { next } { print } /^design:/ { print "  theme: " t }' "$f" \
			>"$T/in/$b-$theme.yaml"
		grep -q '^design:' "$f" || printf 'design:\n  theme: %s\n' "$theme" >>"$T/in/$b-$theme.yaml"
	done
done
n=0
for f in "$T"/in/*-*.yaml; do
	b=$(basename "$f" .yaml)
	# shellcheck disable=SC2086
	if ! $VITA render --dump-layout "$f" >"$T/dump/$b.txt" 2>"$T/dump/$b.err"; then
		fail "typography_render_$b" "$(grep -m1 error "$T/dump/$b.err")"
		rm -f "$T/dump/$b.txt"
	fi
	n=$((n + 1))
done
[ "$n" -ge 20 ] || fail typography_inputs "only $n inputs"

# the personal names of every input: the CV's and the authors' (as vita understood them)
names=$(for f in "$T"/in/*-classic.yaml; do
	# shellcheck disable=SC2086
	$VITA dump "$f" 2>/dev/null | sed -n 's/^  name "\(.*\)" @.*/\1/p; s/^ *author "\(.*\)" @.*/\1/p'
done | sort -u | tr '\n' '|')
[ -n "$names" ] || fail typography_names "no author names found in the inputs"

python3 tests/tools/typo.py --check=overshoot,ties,hyphens,names,bold,keeps "--names=$names" "$T"/dump/*.txt >"$T/figures.txt"
rc=$?
grep -v ': [0-9]* lines,' "$T/figures.txt"
if [ $rc -eq 0 ]; then pass "typography_measure ($n renders; $(tail -n 1 "$T/figures.txt" | sed 's/^total: //'))"
else fail typography_measure "see the lines above"; fi

# The PDFs themselves, as poppler reads them: every word of pdftotext -bbox against the measure of
# the dump's line it lies on (the classic theme's renders: one PDF per input).
if ! command -v pdftotext >/dev/null; then
	skip typography_bbox "pdftotext (poppler-utils) is not installed"
else
	pairs=""
	for f in "$T"/in/*-classic.yaml; do
		b=$(basename "$f" .yaml)
		[ -f "$T/dump/$b.txt" ] || continue
		$VITA render "$f" -o "$T/dump/$b.pdf" 2>/dev/null || { fail "typography_bbox_$b" "vita render failed"; continue; }
		pairs="$pairs $T/dump/$b.pdf $T/dump/$b.txt"
	done
	# shellcheck disable=SC2086
	if python3 tests/tools/typo.py --bbox $pairs >"$T/bbox.txt"; then pass "typography_bbox ($(tail -n 1 "$T/bbox.txt" | sed 's/^bbox: //'))"
	else fail typography_bbox "$(head -n 5 "$T/bbox.txt" | tr '\n' ';')"; fi
fi

# Ligatures (typography.ligatures: true): a word that forms one is a glyph piece with fewer glyphs
# than letters, its text the letters as written, and poppler gives the words back; off (classic's
# default; the serif themes turn them on), every word is drawn by code point.
L=$T/liga
mkdir -p "$L"
printf 'cv:\n  name: Ada Example\n  sections:\n    About:\n      - Efficient official offline workflows, affine fluff and the fifth effort.\ndesign:\n  theme: sb2nov\n' >"$L/cv.yaml"
why=""
$VITA render --dump-layout "$L/cv.yaml" --design.typography.ligatures true >"$L/on.txt" 2>"$L/err" || why="render failed: $(head -n 1 "$L/err")"
$VITA render --dump-layout "$L/cv.yaml" --design.typography.ligatures false >"$L/off.txt" 2>>"$L/err" || why="render failed: $(head -n 1 "$L/err")"
liga=$(awk '/ glyphs=/ { g = $0; sub(/.* glyphs=/, "", g); w = g; sub(/ .*/, "", g); n = split(g, a, ",")
	sub(/^[^"]*"/, "", w); sub(/".*/, "", w); if (n < length(w)) print w }' "$L/on.txt" | tr '\n' ' ')
for w in Efficient official offline workflows affine fluff fifth effort; do
	case " $liga " in *" $w "*) ;; *) why="$why [$w is not a ligature piece: $liga]" ;; esac
done
grep -q ' glyphs=' "$L/off.txt" && why="$why [glyph pieces with ligatures off]"
if command -v pdftotext >/dev/null; then
	$VITA render "$L/cv.yaml" --design.typography.ligatures true -o "$L/on.pdf" 2>>"$L/err"
	pdftotext "$L/on.pdf" - | grep -q 'Efficient official offline workflows, affine fluff and the fifth effort' ||
		why="$why [pdftotext does not give the words back]"
fi
if [ -z "$why" ]; then pass "typography_ligatures"; else fail typography_ligatures "$why"; fi
