#!/bin/sh
# `vita render --watch` (issue 13): the first render, a save by rename (as vim and most editors
# save), a save in place, a version with errors (its messages and a line saying nothing was
# written, the last good output kept), then a save of the split design file the CV names (an input
# in another folder), then a `from:` .bib created after the CV named it, each seen as a change of
# the output within a bounded wait; one line per
# render; Ctrl-C (SIGINT) ends it.  Skipped under valgrind: its start-up and slowdown are what the
# waits would measure.
. tests/lib.sh
T=$VITA_TMP/watch
rm -rf "$T"; mkdir -p "$T/cv" "$T/designs"
if [ -n "${VITA_WRAP:-}" ]; then
	skip watch_rerenders_on_save "the waits are bounded for a native vita, not one under valgrind"
	exit 0
fi
export SOURCE_DATE_EPOCH=1767225600

cat >"$T/cv/cv.yaml" <<'EOF'
cv:
  name: Ada Lovelace
  sections:
    about:
      - First version.
settings:
  render_command:
    design: ../designs/design.yaml
EOF
printf 'design:\n  theme: classic\n' >"$T/designs/design.yaml"

# wait_for CONDITION: up to 10 s, checking every 0.05 s
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		if eval "$1"; then return 0; fi
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
text() { pdftotext "$T/out.pdf" - 2>/dev/null | tr '\n' ' '; }
renders() { grep -c ' → .*out.pdf (' "$T/log.txt"; }

$VITA render "$T/cv/cv.yaml" -o "$T/out.pdf" --watch >"$T/log.txt" 2>&1 &
pid=$!
problems=""
wait_for 'grep -q "^watching" "$T/log.txt"' || problems="$problems [no first render]"
text | grep -q "First version" || problems="$problems [first output]"

# saved by rename
sed 's/First version/Second version/' "$T/cv/cv.yaml" >"$T/cv/.cv.yaml.swp" && mv "$T/cv/.cv.yaml.swp" "$T/cv/cv.yaml"
wait_for 'text | grep -q "Second version"' || problems="$problems [save by rename not seen]"

# saved in place
sed 's/Second version/Third version/' "$T/cv/cv.yaml" >"$T/tmp.yaml" && cat "$T/tmp.yaml" >"$T/cv/cv.yaml"
wait_for 'text | grep -q "Third version"' || problems="$problems [save in place not seen]"

# a version with errors: reported, nothing written
cp "$T/out.pdf" "$T/good.pdf"
printf 'cv:\n  name: Ada\n  sections:\n    about:\n      - date: 2020-13\n        name: x\n' >"$T/cv/.new" && mv "$T/cv/.new" "$T/cv/cv.yaml"
wait_for 'grep -q "1 error; nothing written (the last good output is kept)" "$T/log.txt"' ||
	problems="$problems [no error line]"
grep -q "cv.yaml:5:15: error" "$T/log.txt" || problems="$problems [the error itself not shown]"
cmp -s "$T/out.pdf" "$T/good.pdf" || problems="$problems [the last good output was replaced]"

# fixed again, then the design file (another folder) changes the theme
sed 's/Third version/Fourth version/' "$T/tmp.yaml" >"$T/cv/cv.yaml"
wait_for 'text | grep -q "Fourth version"' || problems="$problems [fixed version not rendered]"
printf 'design:\n  theme: sb2nov\n' >"$T/designs/.d" && mv "$T/designs/.d" "$T/designs/design.yaml"
wait_for 'pdffonts "$T/out.pdf" 2>/dev/null | grep -q NewCM10' || problems="$problems [design file change not seen]"

# a `from:` .bib that is not there yet: an error, and creating it is a change (the record holds
# what a render looked for, not only what it read)
cat >"$T/cv/.new" <<'EOF2'
cv:
  name: Ada Lovelace
  sections:
    about:
      - Fourth version.
    publications:
      from: refs.bib
settings:
  render_command:
    design: ../designs/design.yaml
EOF2
mv "$T/cv/.new" "$T/cv/cv.yaml"
wait_for 'grep -q "cannot read the BibTeX file" "$T/log.txt"' || problems="$problems [missing .bib not reported]"
printf '@article{k, title={Notes on the Analytical Engine}, author={Ada Lovelace}, journal={Memoirs}, year={1843}}\n' >"$T/cv/refs.bib"
wait_for 'text | grep -q "Analytical Engine"' || problems="$problems [the .bib appearing not seen]"

n=$(renders)
[ "$n" -eq 6 ] || problems="$problems [$n render lines, want 6 (one per good save)]"
kill -INT $pid 2>/dev/null
wait $pid 2>/dev/null
rc=$?
[ $rc -eq 130 ] || problems="$problems [exit status $rc after SIGINT, want 130]"
ls -a "$T" | grep -q '^\.out\.pdf\.' && problems="$problems [a temporary file was left]"
if [ -z "$problems" ]; then pass watch_rerenders_on_save
else sed 's/^/    /' "$T/log.txt"; fail watch_rerenders_on_save "$problems"; fi

# A font added to the fonts/ beside the CV while watching is used at the next save (the font
# catalogues are read again for every render): Noto Sans renamed "Vita Sans" in its name table.
rm -rf "$T/f"; mkdir -p "$T/f/fonts" # the folder is there (empty) from the start: its catalogue is read then
printf 'cv:\n  name: Ada Lovelace\n  sections:\n    about:\n      - Before the font.\ndesign:\n  typography:\n    font_family: Vita Sans\n' >"$T/f/cv.yaml"
$VITA render "$T/f/cv.yaml" -o "$T/f/out.pdf" --watch >"$T/f/log.txt" 2>&1 &
pid=$!
problems=""
wait_for 'grep -q "^watching" "$T/f/log.txt"' || problems="$problems [no first render]"
grep -q "font \`Vita Sans\` is neither" "$T/f/log.txt" || problems="$problems [no warning for the missing family]"
python3 "$VITA_ROOT/tests/tools/rename_font.py" fonts/NotoSans-Regular.ttf "$T/f/fonts/VitaSans-Regular.ttf" "Vita Sans"
sed 's/Before the font/After the font/' "$T/f/cv.yaml" >"$T/f/.new" && mv "$T/f/.new" "$T/f/cv.yaml"
wait_for 'pdftotext "$T/f/out.pdf" - 2>/dev/null | grep -q "After the font"' || problems="$problems [the save not rendered]"
# (the embedded font keeps Noto Sans's PostScript name: the second render no longer warns)
[ "$(grep -c "is neither in vita's fonts/ nor installed" "$T/f/log.txt")" -eq 1 ] || problems="$problems [the new font not used]"
kill -INT $pid 2>/dev/null
wait $pid 2>/dev/null
if [ -z "$problems" ]; then pass watch_reads_new_fonts
else sed 's/^/    /' "$T/f/log.txt"; fail watch_reads_new_fonts "$problems"; fi
