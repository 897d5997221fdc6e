#!/bin/sh
# Font families a CV names, end to end: an installed family found through fontconfig is embedded
# (DejaVu Serif, from fonts-dejavu-core, which the tests install), with no message; a family found
# nowhere is a warning naming it and the family used instead, and that family is embedded; a
# family in the fonts/ folder beside the CV (as RenderCV reads it) is used by the PDF and copied
# with the .tex, and refused with a warning under --untrusted.
. tests/lib.sh
T=$VITA_TMP/fonts
mkdir -p "$T"
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then
	skip fonts_installed "fonts-dejavu-core is not installed"
else
	printf 'cv:\n  name: Ada Lovelace\n  sections:\n    about:\n      - Plain *text*.\ndesign:\n  typography:\n    font_family: DejaVu Serif\n' >"$T/dj.yaml"
	if $VITA render "$T/dj.yaml" -o "$T/dj.pdf" 2>"$T/dj.err" && [ ! -s "$T/dj.err" ] &&
		pdffonts "$T/dj.pdf" | grep -q '+DejaVuSerif ' && pdffonts "$T/dj.pdf" | grep -q '+DejaVuSerif-Bold ' &&
		! pdffonts "$T/dj.pdf" | grep -q Noto; then
		pass fonts_installed
	else
		sed 's/^/    /' "$T/dj.err"; pdffonts "$T/dj.pdf" 2>&1 | sed 's/^/    /'
		fail fonts_installed "DejaVu Serif (installed) not found through fontconfig, or a message"
	fi
fi
printf 'cv:\n  name: Ada Lovelace\ndesign:\n  typography:\n    font_family: No Such Family 7\n' >"$T/none.yaml"
if $VITA render "$T/none.yaml" -o "$T/none.pdf" 2>"$T/none.err" &&
	grep -q "none.yaml:5:18: warning: font \`No Such Family 7\` is neither in vita's fonts/ nor installed; using Noto Sans instead" "$T/none.err" &&
	[ "$(grep -c warning "$T/none.err")" -eq 1 ] && pdffonts "$T/none.pdf" | grep -q '+NotoSans-Bold '; then
	pass fonts_missing_warned
else
	sed 's/^/    /' "$T/none.err"
	fail fonts_missing_warned "no single warning naming the missing family and Noto Sans"
fi

# "Vita Sans": Noto Sans with its family renamed in the name table (same length, so the table's
# offsets hold), a family no folder of vita's and no installed font has.
mkdir -p "$T/own/fonts"
python3 "$VITA_ROOT/tests/tools/rename_font.py" fonts/NotoSans-Regular.ttf "$T/own/fonts/VitaSans-Regular.ttf" "Vita Sans"
printf 'cv:\n  name: Ada Lovelace\n  sections:\n    about:\n      - Plain text.\ndesign:\n  typography:\n    font_family: Vita Sans\n' >"$T/own/cv.yaml"
$VITA render --dump-layout "$T/own/cv.yaml" >"$T/own/dump" 2>"$T/own/err"
if grep -q '^  font 0 "Vita Sans" .*file="VitaSans-Regular.ttf"' "$T/own/dump" && ! grep -q "is neither" "$T/own/err" &&
	$VITA render "$T/own/cv.yaml" -o "$T/own/cv.pdf" 2>/dev/null && pdftotext "$T/own/cv.pdf" - | grep -q "Plain text" &&
	$VITA render "$T/own/cv.yaml" -o "$T/own/tex/cv.tex" 2>/dev/null && cmp -s "$T/own/tex/fonts/VitaSans-Regular.ttf" "$T/own/fonts/VitaSans-Regular.ttf" &&
	grep -q '^\\setmainfont{VitaSans-Regular.ttf}\[Path=fonts/\]' "$T/own/tex/cv.tex"; then
	pass fonts_beside_cv
else
	sed 's/^/    /' "$T/own/err"; grep '^  font' "$T/own/dump" | sed 's/^/    /'
	fail fonts_beside_cv "the family in the fonts/ beside the CV is not the one the PDF and the .tex use"
fi
$VITA render --untrusted --dump-layout "$T/own/cv.yaml" >"$T/own/udump" 2>"$T/own/uerr"
if grep -q "own/fonts: warning: the fonts beside the CV are not used under vita build or --untrusted" "$T/own/uerr" &&
	grep -q "warning: font \`Vita Sans\` is neither" "$T/own/uerr" && ! grep -q 'VitaSans' "$T/own/udump"; then
	pass fonts_beside_cv_untrusted
else
	sed 's/^/    /' "$T/own/uerr"
	fail fonts_beside_cv_untrusted "under --untrusted the CV's own fonts are read, or not named in a warning"
fi

# A character that neither the style nor the default chain draws: the installed font that has it,
# found through fontconfig (src/style/installed.c), in the PDF and named in the .tex.  Here the
# chain is an empty folder and fontconfig sees one folder holding Noto Sans Arabic; with a
# fontconfig that sees no font, the characters are reported missing, as before.
ARABIC=/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf
if [ -r "$ARABIC" ]; then
	mkdir -p "$T/fc/fonts" "$T/fc/nochain" "$T/fc/none"
	cp "$ARABIC" "$T/fc/fonts/"
	for c in fonts none; do
		printf '<?xml version="1.0"?>\n<fontconfig><dir>%s</dir><cachedir>%s/cache</cachedir></fontconfig>\n' "$T/fc/$c" "$T/fc" >"$T/fc/$c.conf"
	done
	printf 'cv:\n  name: Layla Haddad\n  sections:\n    summary:\n      - "Arabic: سلام عليكم"\n' >"$T/fc/cv.yaml"
	VITA_FALLBACK_FONTS="$T/fc/nochain" FONTCONFIG_FILE="$T/fc/fonts.conf" $VITA render "$T/fc/cv.yaml" -o "$T/fc/cv.pdf" 2>"$T/fc/err"
	VITA_FALLBACK_FONTS="$T/fc/nochain" FONTCONFIG_FILE="$T/fc/fonts.conf" $VITA render "$T/fc/cv.yaml" -o "$T/fc/tex/cv.tex" 2>>"$T/fc/err"
	if [ ! -s "$T/fc/err" ] && pdffonts "$T/fc/cv.pdf" | grep -q "NotoSansArabic-Regular" &&
		pdftotext "$T/fc/cv.pdf" - | grep -q "سلام" && grep -q 'cvfallback.*{Noto Sans Arabic}' "$T/fc/tex/cv.tex"; then
		pass fonts_installed_for_character
	else
		sed 's/^/    /' "$T/fc/err" | head -5
		fail fonts_installed_for_character "the installed font with the Arabic letters is not used by the PDF and the .tex"
	fi
	VITA_FALLBACK_FONTS="$T/fc/nochain" FONTCONFIG_FILE="$T/fc/none.conf" $VITA render "$T/fc/cv.yaml" -o "$T/fc/none.pdf" 2>"$T/fc/none.err"
	if grep -q "in none of the fonts; left out" "$T/fc/none.err"; then pass fonts_installed_for_character_none
	else sed 's/^/    /' "$T/fc/none.err" | head -5; fail fonts_installed_for_character_none "no warning for characters no font has"; fi
else
	skip fonts_installed_for_character "$ARABIC is not installed (fonts-noto-core)"
fi
