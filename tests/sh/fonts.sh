#!/bin/sh
# Font families a CV names, end to end: an installed family found through fontconfig is embedded
# (DejaVu Serif, from fonts-dejavu-core, which the tests install), with no message; a family found
# nowhere is a warning naming it and the family used instead, and that family is embedded.
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
