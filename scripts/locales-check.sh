#!/bin/sh
# Compares every word of vita's shipped locales (styles/locales/) with RenderCV's own locale files:
#   scripts/locales-check.sh RENDERCV_DIR [VITA]      (also run by make parity and tests/sh/locales.sh)
# RENDERCV_DIR is a RenderCV checkout; its files (src/rendercv/schema/models/locale/other_locales/)
# are read there, never copied into vita.  Both sides are read by vita itself, so the check also
# proves that vita understands every key of RenderCV's files: RenderCV's file is given to a CV as
# its split locale file (settings.render_command.locale) without its `language:` line, over
# English; vita's is named by `locale.language`.  `vita dump` prints the words of each, and the two
# are compared (vita's own date templates, single_date and date_range, are not words and are left
# out).  Prints one line per mismatch and a summary; exits 1 when anything differs or is missing.
set -eu
DIR=${1:?usage: scripts/locales-check.sh RENDERCV_DIR [VITA]}
VITA=${2:-build/vita}
SRC="$DIR/src/rendercv/schema/models/locale/other_locales"
[ -d "$SRC" ] || { echo "locales-check: $SRC is not a folder (give a RenderCV checkout)" >&2; exit 2; }
DATA=${VITA_DATA_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# words FILE: the locale words of `vita dump FILE`, one per line, without the language line
words() {
	"$VITA" dump "$1" 2>"$TMP/err" | sed -n '/^locale /,/^settings/p' |
		grep -v -e '^locale ' -e '^settings' -e '^  single_date ' -e '^  date_range ' -e '^  time_span '
}

n=0 bad=0
for f in "$SRC"/*.yaml; do
	[ -f "$f" ] || continue
	lang=$(basename "$f" .yaml)
	n=$((n + 1))
	if [ ! -f "$DATA/styles/locales/$lang.yaml" ]; then
		echo "$lang: missing (vita has no styles/locales/$lang.yaml)"
		bad=$((bad + 1))
		continue
	fi
	grep -v '^  language:' "$f" >"$TMP/theirs.yaml"
	printf 'cv:\n  name: A\nsettings:\n  render_command:\n    locale: theirs.yaml\n' >"$TMP/cv-theirs.yaml"
	printf 'cv:\n  name: A\nlocale:\n  language: %s\n' "$lang" >"$TMP/cv-ours.yaml"
	words "$TMP/cv-theirs.yaml" >"$TMP/theirs.txt"
	if [ -s "$TMP/err" ]; then
		sed "s|^|$lang: vita on RenderCV's file: |" "$TMP/err"
		bad=$((bad + 1))
		continue
	fi
	words "$TMP/cv-ours.yaml" >"$TMP/ours.txt"
	if [ -s "$TMP/err" ]; then
		sed "s|^|$lang: vita's file: |" "$TMP/err"
		bad=$((bad + 1))
		continue
	fi
	if ! cmp -s "$TMP/theirs.txt" "$TMP/ours.txt"; then
		# one line per key that differs: vita's value, then RenderCV's
		paste -d '\n' "$TMP/ours.txt" "$TMP/theirs.txt" | paste - - |
			awk -F '\t' -v l="$lang" '$1 != $2 { sub(/^  /, "", $1); sub(/^  [a-z_]+ /, "", $2)
				print l ": vita " $1 ", RenderCV " $2 }'
		bad=$((bad + 1))
	fi
done
for f in "$DATA"/styles/locales/*.yaml; do
	lang=$(basename "$f" .yaml)
	[ -f "$SRC/$lang.yaml" ] || echo "$lang: vita's own (RenderCV has no such locale)"
done
[ "$n" -gt 0 ] || { echo "locales-check: no locale files in $SRC" >&2; exit 2; }
echo "$((n - bad)) of $n RenderCV locales identical in vita"
[ "$bad" -eq 0 ]
