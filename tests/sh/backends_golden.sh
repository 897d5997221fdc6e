#!/bin/sh
# Golden files of every backend, for every profile, fixture and shipped theme:
#   tests/golden/compose/NAME.txt    `vita render --dump-compose` (what every backend receives)
#   tests/golden/markdown/NAME.md    the Markdown backend
#   tests/golden/html/NAME.html      the HTML backend
#   tests/golden/pdf/digests.txt     the PDFs' SHA-256 under a fixed SOURCE_DATE_EPOCH (output is
#                                    byte-identical run to run), so "the PDF did not change" is checked
# and, for the theme variants (the fixtures all-kinds and templates rendered with each theme in
# styles/), the layout dump and the .tex as well (tests/golden/layout/, tests/golden/latex/; the
# profiles' own are checked by layout_golden.sh and latex.sh).  `make golden` rewrites them all.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
T=$VITA_TMP/backends
rm -rf "$T"; mkdir -p "$T/themes"
FONTS=$(cd "$VITA_DATA_DIR/fonts" 2>/dev/null && pwd -P)

# The theme variants: design.theme replaced (or added).
for theme in $(ls styles/*.yaml | sed 's|styles/||; s|\.yaml$||'); do
	for f in tests/fixtures/all-kinds.yaml tests/fixtures/templates.yaml; do
		b=$(basename "$f" .yaml)
		awk -v t="$theme" '/^  theme:/ { next } { print } /^design:/ { print "  theme: " t }' "$f" \
			>"$T/themes/$b-theme-$theme.yaml"
		grep -q '^design:' "$f" || printf 'design:\n  theme: %s\n' "$theme" >>"$T/themes/$b-theme-$theme.yaml"
	done
done

: >"$T/digests.txt"
for f in content/*.yaml tests/fixtures/*.yaml "$T"/themes/*.yaml; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .yaml)
	case "$f" in tests/fixtures/*) name="fixture-$name" ;; esac
	$VITA render --dump-compose "$f" >"$T/$name.compose" 2>"$T/$name.err"
	rc=$?
	if [ $rc -ne 0 ] || [ ! -s "$T/$name.compose" ]; then
		fail "compose_golden_$name" "exit $rc: $(grep -m1 'error' "$T/$name.err")"
		continue
	fi
	golden "compose_golden_$name" "$T/$name.compose" "tests/golden/compose/$name.txt"
	if $VITA render "$f" -o "$T/$name.md" 2>"$T/$name.err" && [ -s "$T/$name.md" ]; then
		golden "markdown_golden_$name" "$T/$name.md" "tests/golden/markdown/$name.md"
	else
		fail "markdown_golden_$name" "$(grep -m1 'error' "$T/$name.err")"
	fi
	if $VITA render "$f" -o "$T/$name.html" 2>"$T/$name.err" && [ -s "$T/$name.html" ]; then
		golden "html_golden_$name" "$T/$name.html" "tests/golden/html/$name.html"
	else
		fail "html_golden_$name" "$(grep -m1 'error' "$T/$name.err")"
	fi
	if $VITA render "$f" -o "$T/$name.pdf" 2>"$T/$name.err"; then
		printf '%s  %s\n' "$(sha256sum <"$T/$name.pdf" | cut -d' ' -f1)" "$name" >>"$T/digests.txt"
	else
		printf 'FAILED  %s\n' "$name" >>"$T/digests.txt"
	fi
	case "$f" in "$T"/themes/*)
		$VITA render --dump-layout "$f" >"$T/$name.layout" 2>/dev/null
		golden "layout_golden_$name" "$T/$name.layout" "tests/golden/layout/$name.txt"
		$VITA render "$f" -o "$T/$name.tex" 2>/dev/null
		sed "s|$FONTS|@FONTS@|g" "$T/$name.tex" >"$T/$name.tex.golden"
		golden "latex_golden_$name" "$T/$name.tex.golden" "tests/golden/latex/$name.tex"
		# the theme's class (written beside the .tex; one per theme)
		case "$name" in all-kinds-theme-*)
			golden "latex_class_golden_$name" "$T/vita-${name#all-kinds-theme-}.cls" "tests/golden/latex/vita-${name#all-kinds-theme-}.cls" ;;
		esac ;;
	esac
done
golden pdf_digests "$T/digests.txt" tests/golden/pdf/digests.txt
