#!/bin/sh
# The bash completion (src/completion/vita.bash), sourced into bash without bash-completion: the words
# offered for commands, options (read from `vita COMMAND --help`), --format values, output names
# (.pdf .tex .md .html .png .svg .zip), CV files, and the themes and locales of the data folder after
# --theme and --locale (vita's options do not include these yet, so a stand-in program whose help
# lists them checks that part: the completion offers whatever options the program's help lists).
. tests/lib.sh
T=$VITA_TMP/completion
rm -rf "$T"; mkdir -p "$T/bin" "$T/cvs"
if ! command -v bash >/dev/null 2>&1; then skip completion "bash is not installed"; exit 0; fi
VBIN=$VITA_BUILD/vita
printf '#!/bin/sh\nexec %s "$@"\n' "$VBIN" >"$T/bin/vita"
printf '#!/bin/sh\necho "Usage: vita render FILE"; echo "  -o, --output OUT  out"; echo "      --theme NAME  theme"; echo "      --locale LANG  locale"\n' >"$T/stub"
chmod +x "$T/bin/vita" "$T/stub"
: >"$T/cvs/a.yaml"; : >"$T/cvs/b.json"; : >"$T/cvs/c.txt"; mkdir "$T/cvs/sub"

# complete WORDS...: the words offered for the last word, sorted, on one line.
cat >"$T/run.bash" <<'EOS'
. "$1"; shift
complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _vita; ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '; echo; }
complete_words "$@"
EOS
c() { (cd "$T/cvs" && PATH="$T/bin:$PATH" bash "$T/run.bash" "$VITA_ROOT/src/completion/vita.bash" "$@"); }

bad=""
check() { # expected, words...
	want=$1; shift
	got=$(c "$@")
	[ "$got" = "$want" ] || bad="$bad [$* → '$got', want '$want']"
}
check "render " vita re
check "build check dump import new render schema themes " vita ""
check "homepage hugo-author hugo-publication " vita import --from h
check "a.yaml b.json c.txt sub " vita import ""
check "--theme " vita new "Jane Doe" --th
check "--watch " vita render a.yaml --wa
check "--help --version " vita -
check "--dump-compose --dump-layout " vita render --dump
check "--force --format " vita build --f
check "--shard " vita build --sh
check "cv.html cv.md cv.pdf cv.png cv.svg cv.tex cv.zip " vita render a.yaml -o cv.
check "cv.pdf cv.png " vita render a.yaml -o cv.p
check "markdown " vita render a.yaml -f m
check "pdf pdf,tex " vita build -f p
check "a.yaml b.json sub " vita render ""
check "sub " vita build a.yaml -o ""
if [ -z "$bad" ]; then pass completion_words; else fail completion_words "$bad"; fi

# Themes and locales come from VITA_DATA_DIR's styles/, after an option the program's help lists.
themes=$(cd styles && ls ./*.yaml | sed 's|^\./||; s|\.yaml$||' | sort | tr '\n' ' ')
locales=$(cd styles/locales && ls ./*.yaml | sed 's|^\./||; s|\.yaml$||' | sort | tr '\n' ' ')
bad=""
check "--theme " "$T/stub" render --the
check "$themes" "$T/stub" render --theme ""
check "moderncv " "$T/stub" render --theme mo
check "$locales" "$T/stub" render --locale ""
check "german " "$T/stub" render --locale ge
[ "$(echo "$themes" | wc -w)" -ge 4 ] && [ "$(echo "$locales" | wc -w)" -ge 10 ] || bad="$bad [themes: $themes; locales: $locales]"
if [ -z "$bad" ]; then pass completion_themes_locales; else fail completion_themes_locales "$bad"; fi

# What vita render --the<TAB> offers is exactly the --the... options its help lists.
want=$($VITA render --help | sed -n 's/^ \{1,\}\(-[^ ].*\)/\1/p' | sed 's/  .*//' | grep -o -e '--the[a-z-]*' | sort -u | tr '\n' ' ')
got=$(c vita render --the)
if [ "$got" = "$want" ]; then pass completion_render_the; else fail completion_render_the "'$got', want '$want'"; fi
