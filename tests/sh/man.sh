#!/bin/sh
# vita(1) (src/man/vita.1): mandoc -T lint is clean; for every command `vita --help` lists (and for the
# options before a command), the options `vita COMMAND --help` lists are those the page documents
# in that command's subsection (`.Ss vita COMMAND`, items `.It Fl ...`), and no more; the page has
# the sections and environment variables a manual needs.  mandoc's note that the machine's
# mandoc.db is older than its manuals (a cross-reference it cannot look up) is about the machine,
# not the page, and is ignored.  -h/--help, which every command accepts,
# must be documented in each subsection.
. tests/lib.sh
T=$VITA_TMP/man
rm -rf "$T"; mkdir -p "$T"
PAGE=src/man/vita.1

if ! command -v mandoc >/dev/null 2>&1; then
	skip man_lint "mandoc is not installed (Debian package mandoc; make deps-test)"
elif mandoc -T lint "$PAGE" >"$T/lint0.txt" 2>&1; grep -v 'outdated mandoc.db' "$T/lint0.txt" >"$T/lint.txt"
	[ ! -s "$T/lint.txt" ]; then
	pass man_lint
else
	cat "$T/lint.txt"; fail man_lint "mandoc -T lint reports problems"
fi

# The options of one help text: lines that start with spaces and a dash, up to the description.
help_opts() {
	sed -n 's/^ \{1,\}\(-[^ ].*\)/\1/p' | sed 's/  .*//' | grep -o -e '--[a-z][a-z-]*' -e '^-[a-zA-Z]' |
		grep -v -x -e -h -e --help | sort -u
}
# "KEY -opt" for each .It Fl item of the page: KEY is the command of the .Ss, "vita" before them.
awk '/^\.Sh /{key = ($2 == "DESCRIPTION") ? "vita" : ""; next}
     /^\.Ss vita /{key = $3; next}
     key != "" && /^\.It Fl /{
         for (i = 2; i < NF; i++) if ($i == "Fl") { o = $(i + 1); gsub(/\\-/, "-", o); print key " -" o }
     }' "$PAGE" | sort -u >"$T/page.txt"
page_opts() { sed -n "s/^$1 //p" "$T/page.txt" | grep -v -x -e -h -e --help; }

$VITA --help >"$T/help.txt"
cmds=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' "$T/help.txt")
bad=""
[ -n "$cmds" ] || bad="no commands found in vita --help"
sed -n '/^Options:/,/^$/p' "$T/help.txt" | help_opts >"$T/h.vita"
page_opts vita >"$T/p.vita"
for c in $cmds; do
	$VITA "$c" --help | help_opts >"$T/h.$c"
	page_opts "$c" >"$T/p.$c"
	grep -q "^$c --help\$" "$T/page.txt" || bad="$bad [$c: -h, --help not documented]"
done
for c in vita $cmds; do
	if ! diff "$T/h.$c" "$T/p.$c" >"$T/d.$c"; then
		bad="$bad [$c: $(grep '^[<>]' "$T/d.$c" | sed 's/^</help only:/; s/^>/page only:/' | tr '\n' ' ')]"
	fi
done
if [ -z "$bad" ] && [ -s "$T/p.render" ] && [ -s "$T/p.build" ]; then pass man_options_match_help
else fail man_options_match_help "$bad"; fi

miss=""
for s in NAME SYNOPSIS DESCRIPTION ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	grep -q "^\.Sh $s\$" "$PAGE" || miss="$miss [.Sh $s]"
done
for v in VITA_DATA_DIR SOURCE_DATE_EPOCH NO_COLOR VITA_FALLBACK_FONTS; do
	grep -q "^\.It Ev $v\$" "$PAGE" || miss="$miss [$v]"
done
for c in $cmds; do
	grep -q "^\.Cm $c\$" "$PAGE" || miss="$miss [synopsis: $c]"
done
if [ -z "$miss" ]; then pass man_sections; else fail man_sections "missing:$miss"; fi
