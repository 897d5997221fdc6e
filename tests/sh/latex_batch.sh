#!/bin/sh
# The LaTeX output of a batch in one folder (issue 14): CVs of two themes and two locales rendered
# by `vita build -f tex` into one folder get one class per theme (vita-opal.cls, vita-ember.cls;
# they overwrote each other's vita.cls), the locale's words in the .tex (French "DEGREE en AREA" as
# a \renewcommand of \cveducation), not in the class, so both locales share it; one shared fonts/,
# whose files are not written again when they hold the same bytes, and a different file of a
# font's name is an error that leaves it and writes nothing; then xelatex compiles every .tex there.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
T="$VITA_TMP/latex_batch"
mkdir -p "$T/in"
for theme in opal ember; do
	for lang in english french; do
		cat >"$T/in/$theme-$lang.yaml" <<EOF
cv:
  name: Ada Okonkwo
  sections:
    education:
      - institution: University of Lagos
        area: Computer Science
        degree: BSc
        start_date: 2013-09
        end_date: 2017-06
    experience:
      - company: Lighthouse Works
        position: Keeper
        start_date: 2018-01
        end_date: present
        highlights:
          - Kept the light on.
design:
  theme: $theme
locale:
  language: $lang
EOF
	done
done

if ! $VITA build "$T/in" -o "$T/out" -f tex -q >"$T/build.err" 2>&1; then
	cat "$T/build.err"
	fail latex_batch_build "vita build -f tex failed"
	exit 0
fi
bad=""
[ -f "$T/out/vita-opal.cls" ] && [ -f "$T/out/vita-ember.cls" ] || bad="$bad [no vita-opal.cls and vita-ember.cls: $(ls "$T/out" | tr '\n' ' ')]"
[ ! -e "$T/out/vita.cls" ] || bad="$bad [a vita.cls too]"
for theme in opal ember; do
	for lang in english french; do
		grep -q "^\\\\documentclass\\[version=[0-9]*\\]{vita-$theme}\$" "$T/out/$theme-$lang.tex" ||
			bad="$bad [$theme-$lang.tex does not name vita-$theme]"
	done
	# the class is the theme's alone: no locale's words in it, the French connector in the .tex
	grep -q 'cvsp \(\\emph{\)\{0,1\}in}' "$T/out/vita-$theme.cls" || bad="$bad [vita-$theme.cls lacks English's 'in']"
	grep -q '^\\renewcommand\\cveducation' "$T/out/$theme-french.tex" || bad="$bad [$theme-french.tex does not redefine the education macro]"
	! grep -q '^\\renewcommand' "$T/out/$theme-english.tex" || bad="$bad [$theme-english.tex redefines a macro]"
	! grep -q 'cvsp \(\\emph{\)\{0,1\}en}' "$T/out/vita-$theme.cls" || bad="$bad [vita-$theme.cls holds French's 'en']"
done
[ -z "$bad" ] && pass latex_batch_classes || fail latex_batch_classes "$bad"

# one fonts/: a second CV into the folder does not write its font files again (same inode)
font="$T/out/fonts/$(sed -n 's/^\\setmainfont{\([^}]*\)}\[Path=fonts\/.*/\1/p' "$T/out/vita-opal.cls")"
before=$(ls -i "$font" 2>/dev/null | cut -d' ' -f1)
$VITA render "$T/in/opal-english.yaml" -o "$T/out/again.tex" >"$T/again.err" 2>&1
after=$(ls -i "$font" 2>/dev/null | cut -d' ' -f1)
if [ -n "$before" ] && [ "$before" = "$after" ] && [ -f "$T/out/again.tex" ]; then pass latex_batch_fonts_once
else fail latex_batch_fonts_once "$font rewritten or missing (inode $before -> $after): $(cat "$T/again.err")"; fi

# a different file of a font's name: an error naming it, the file kept, nothing written
cp -r "$T/out" "$T/clash"
clash=$(basename "$font")
printf 'not the font\n' >"$T/clash/fonts/$clash"
rm -f "$T/clash/opal-english.tex"
if $VITA render "$T/in/opal-english.yaml" -o "$T/clash/opal-english.tex" >"$T/clash.err" 2>&1; then
	fail latex_batch_font_clash "vita render replaced or ignored a different fonts/$clash"
elif grep -q "fonts/$clash: error: another file of this name is already there" "$T/clash.err" &&
	[ "$(cat "$T/clash/fonts/$clash")" = 'not the font' ] && [ ! -e "$T/clash/opal-english.tex" ]; then
	pass latex_batch_font_clash
else
	cat "$T/clash.err"
	fail latex_batch_font_clash "no error naming the file, or the file replaced, or the .tex written"
fi

if ! command -v xelatex >/dev/null 2>&1 || [ "${VITA_NO_TEX:-}" = 1 ]; then
	skip latex_batch_compile "xelatex is not installed, or TeX runs only in the plain pass"
	exit 0
fi
bad=""
for f in "$T"/out/*.tex; do
	n=$(basename "$f" .tex)
	if ! (cd "$T/out" && xelatex -no-shell-escape -halt-on-error -interaction=nonstopmode "$n.tex" >"$n.out" 2>&1); then
		bad="$bad [$n: $(grep -m1 '^!' "$T/out/$n.log")]"
		continue
	fi
	case $n in *french) want='BSc en Computer Science' ;; *) want='BSc in Computer Science' ;; esac
	pdftotext "$T/out/$n.pdf" - | tr '\n' ' ' | grep -q "$want" || bad="$bad [$n.pdf lacks '$want']"
done
[ -z "$bad" ] && pass latex_batch_compile || fail latex_batch_compile "$bad"
