#!/bin/sh
# `vita render --system-fonts` (issue 14): the .tex names an installed family's Regular, Bold,
# Italic and Bold Italic faces by file name, as fontconfig finds them, so that XeLaTeX and
# LuaLaTeX both embed those faces (named by family, XeLaTeX took Lato's Heavy for bold, and
# LuaLaTeX Noto Sans's Medium and ExtraBold); a family that is not installed is a warning and Noto
# Sans, and the .tex still compiles. Checked with pdffonts on both engines' PDFs.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
T="$VITA_TMP/latex_system_fonts"
mkdir -p "$T"
if [ ! -f /usr/share/fonts/truetype/lato/Lato-Heavy.ttf ] || [ ! -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ]; then
	skip latex_system_fonts "fonts-lato (with Lato Heavy) and fonts-noto-core are needed"
	exit 0
fi
for theme in opal classic; do
	cat >"$T/$theme.yaml" <<EOF
cv:
  name: Ada Okonkwo
  sections:
    experience:
      - company: Lighthouse Works
        position: Keeper
        start_date: 2018-01
        end_date: present
        highlights:
          - Kept the light on, *in italics* and ***bold italics***.
design:
  theme: $theme
EOF
	(cd "$T" && $VITA render "$theme.yaml" -o "$theme.tex" --system-fonts) >"$T/$theme.err" 2>&1 ||
		{ fail "latex_system_fonts_$theme" "vita render --system-fonts failed: $(cat "$T/$theme.err")"; continue; }
done
bad=""
grep -q '^\\documentclass\[version=[0-9]*, systemfonts\]{vita-opal}$' "$T/opal.tex" || bad="$bad [no systemfonts option]"
grep -q '^\\setmainfont{Lato-Regular.ttf}\[$' "$T/opal.tex" && grep -q '^  BoldFont=Lato-Bold.ttf,$' "$T/opal.tex" ||
	bad="$bad [opal.tex does not name Lato's faces by file]"
[ ! -d "$T/fonts" ] || bad="$bad [fonts/ written under --system-fonts]"
[ ! -s "$T/opal.err" ] || bad="$bad [warnings for opal: $(cat "$T/opal.err")]"
if fc-list 2>/dev/null | grep -q 'Source Sans 3'; then
	echo "note: Source Sans 3 is installed; the missing-family case is not tried"
else
	grep -q "warning: --system-fonts: the body font \`Source Sans 3\` is not installed; the .tex names Noto Sans instead" "$T/classic.err" ||
		bad="$bad [no warning for classic's Source Sans 3: $(cat "$T/classic.err")]"
	grep -q '^\\setmainfont{NotoSans-Regular.ttf}\[$' "$T/classic.tex" || bad="$bad [classic.tex does not fall back to Noto Sans]"
fi
[ -z "$bad" ] && pass latex_system_fonts_tex || fail latex_system_fonts_tex "$bad"

if ! command -v xelatex >/dev/null 2>&1 || ! command -v lualatex >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1 ||
	[ "${VITA_NO_TEX:-}" = 1 ]; then
	skip latex_system_fonts_engines "xelatex, lualatex or pdffonts is not installed, or TeX runs only in the plain pass"
	exit 0
fi
for e in xelatex lualatex; do
	bad=""
	for theme in opal classic; do
		if ! (cd "$T" && $e -no-shell-escape -halt-on-error -interaction=nonstopmode "$theme.tex" >"$theme.$e.out" 2>&1); then
			bad="$bad [$theme: $(grep -m1 '^!' "$T/$theme.log")]"
			continue
		fi
		# the faces embedded, without the subset tag
		pdffonts "$T/$theme.pdf" | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort -u >"$T/$theme.$e.fonts"
		case $theme in opal) fam=Lato ;; classic) fam=NotoSans ;; esac
		want=$(printf '%s\n' "$fam-Bold" "$fam-BoldItalic" "$fam-Italic" "$fam-Regular")
		got=$(grep "^$fam-" "$T/$theme.$e.fonts")
		[ "$got" = "$want" ] || bad="$bad [$theme: $(echo $got), not $(echo $want)]"
	done
	[ -z "$bad" ] && pass "latex_system_fonts_$e" || fail "latex_system_fonts_$e" "$bad"
done
