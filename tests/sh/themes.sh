#!/bin/sh
# `vita themes` and custom themes beside the CV (src/style/custom.c): the list names the nine themes
# and the custom ones of a folder (golden); `design.theme: NAME` uses NAME.yaml or NAME/theme.yaml
# beside the CV; a RenderCV theme folder (Jinja/Typst templates) is an error saying why and what to
# write instead (golden); under --untrusted a theme file outside the CV's folder (a symbolic link)
# is not read, with a warning (golden).
. tests/lib.sh
T=$VITA_TMP/themes
rm -rf "$T"; mkdir -p "$T"
cp -R tests/fixtures/themes "$T/cvs"
work() { sed "s|$T|WORK|g"; }

(cd "$T/cvs" && $VITA themes) >"$T/list.txt" 2>&1
golden themes_list "$T/list.txt" tests/golden/themes/list.txt

cv() { printf 'cv:\n  name: Ada Lovelace\n  sections:\n    about:\n      - Plain text.\ndesign:\n  theme: %s\n' "$1" >"$T/cvs/$2"; }
cv tealtitles file.yaml
cv teal folder.yaml
cv rcvtheme jinja.yaml
(cd "$T/cvs" && $VITA themes) >"$T/list2.txt" 2>&1 # the CVs beside the themes are not themes
golden themes_list_skips_cvs "$T/list2.txt" tests/golden/themes/list.txt
if $VITA render --dump-layout "$T/cvs/file.yaml" >"$T/file.layout" 2>"$T/file.err" && [ ! -s "$T/file.err" ] &&
	grep -q '#008080 "About"' "$T/file.layout" && ! grep -q '^  rule' "$T/file.layout" &&
	$VITA render --dump-layout "$T/cvs/folder.yaml" >"$T/folder.layout" 2>"$T/folder.err" && [ ! -s "$T/folder.err" ] &&
	grep -q '#C80000 "Ada"' "$T/folder.layout"; then
	pass themes_custom_used
else sed 's/^/    /' "$T/file.err" "$T/folder.err"; fail themes_custom_used "tealtitles.yaml or teal/theme.yaml beside the CV not applied"; fi

$VITA render "$T/cvs/jinja.yaml" -o "$T/jinja.pdf" >"$T/jinja.out" 2>&1
echo "exit: $?" >>"$T/jinja.out"
work <"$T/jinja.out" >"$T/jinja.err"
golden themes_jinja_refused "$T/jinja.err" tests/golden/themes/jinja.err
[ ! -e "$T/jinja.pdf" ] && pass themes_jinja_no_output || fail themes_jinja_no_output "a PDF was written"

mkdir -p "$T/conf/cvs"
cp tests/fixtures/themes/tealtitles.yaml "$T/conf/outside.yaml"
ln -s ../outside.yaml "$T/conf/cvs/sneaky.yaml"
cv sneaky ../conf/cvs/cv.yaml
$VITA render --untrusted "$T/conf/cvs/cv.yaml" -o "$T/conf/cv.pdf" >"$T/conf.out" 2>&1
echo "exit: $?" >>"$T/conf.out"
work <"$T/conf.out" >"$T/conf.err"
golden themes_confined "$T/conf.err" tests/golden/themes/confined.err
if $VITA render --dump-layout "$T/conf/cvs/cv.yaml" 2>/dev/null | grep -q '#008080 "About"'; then pass themes_unconfined_reads_link
else fail themes_unconfined_reads_link "without --untrusted the linked theme is not used"; fi

$VITA themes "$T/nothing-here" >/dev/null 2>"$T/nodir.err"
[ $? -eq 1 ] && grep -q "is not a folder" "$T/nodir.err" && pass themes_bad_folder || fail themes_bad_folder "$(cat "$T/nodir.err")"

# vita build: the theme files beside the CVs are not profiles; the CV uses its theme (confined)
mkdir -p "$T/build/in"
cp -R tests/fixtures/themes/. "$T/build/in/"
cp "$T/cvs/file.yaml" "$T/cvs/folder.yaml" "$T/build/in/"
if $VITA build "$T/build/in" -o "$T/build/out" >"$T/build.out" 2>&1 && grep -q "2 rendered, 0 failed" "$T/build.out" &&
	[ -s "$T/build/out/file.pdf" ] && [ -s "$T/build/out/folder.pdf" ] && [ ! -e "$T/build/out/tealtitles.pdf" ]; then
	pass themes_build
else sed 's/^/    /' "$T/build.out" | head -8; fail themes_build "theme files taken for profiles, or the CVs failed"; fi

# a custom theme names the theme it builds on (its design.theme, as a RenderCV design block does):
# laid over that theme instead of classic, then its own keys, then the CV's (golden layout); an
# unknown base is an error at its line:col with the nearest name (golden), and nothing is written
mkdir -p "$T/base"
printf '# sb2nov with a red name\ndesign:\n  theme: sb2nov\n  colors:\n    name: "#C80000"\n' >"$T/base/redsb.yaml"
printf '# a typo in the base\ndesign:\n  theme: sb2nv\n  colors:\n    name: "#C80000"\n' >"$T/base/typo.yaml"
cv redsb ../base/over.yaml
cv typo ../base/bad.yaml
# (a fixed date: the page shows "Last updated in <month>", and a golden must not change with the month)
SOURCE_DATE_EPOCH=1767225600 $VITA render --dump-layout "$T/base/over.yaml" >"$T/over.layout" 2>"$T/over.err"
if [ ! -s "$T/over.err" ] && grep -q 'file="NewCM10-Regular.otf"' "$T/over.layout" && grep -q '#C80000 "A"' "$T/over.layout"; then
	pass themes_custom_base
else sed 's/^/    /' "$T/over.err"; fail themes_custom_base "redsb.yaml (theme: sb2nov) not laid over sb2nov"; fi
golden themes_custom_base_layout "$T/over.layout" tests/golden/themes/custom-over-sb2nov.layout
$VITA render "$T/base/bad.yaml" -o "$T/base/bad.pdf" >"$T/bad.out" 2>&1
echo "exit: $?" >>"$T/bad.out"
work <"$T/bad.out" >"$T/bad.err"
golden themes_custom_base_unknown "$T/bad.err" tests/golden/themes/custom-base-unknown.err
[ ! -e "$T/base/bad.pdf" ] && pass themes_custom_base_no_output || fail themes_custom_base_no_output "a PDF was written"
