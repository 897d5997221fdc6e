#!/bin/sh
# design.links.show_external_link_icon (a drift issue 9 names: the key was stored and read by no
# backend): RenderCV's mark after the links of the sections, not after the contact line's.  The
# PDF's text has ↗ right after the link's words and none in the header; the .tex calls \cvlinkicon
# (defined by the class) after each section link; the HTML styles section links with it; with the key
# false (every theme's default) none of the three has it.
. tests/lib.sh
T=$VITA_TMP/links
rm -rf "$T"; mkdir -p "$T"
cat >"$T/on.yaml" <<'EOF2'
cv:
  name: Ada Lovelace
  website: https://ada.example.org
  sections:
    projects:
      - name: Engine notes
        highlights:
          - See [the notes](https://example.org/notes) and [the code](https://example.org/code).
design:
  links:
    show_external_link_icon: true
EOF2
sed '/^design:/,$d' "$T/on.yaml" >"$T/off.yaml"
bad=""
for v in on off; do
	$VITA render "$T/$v.yaml" -o "$T/$v.pdf" 2>"$T/$v.err" || bad="$bad [$v pdf: $(head -n 2 "$T/$v.err")]"
	$VITA render "$T/$v.yaml" -o "$T/$v/cv.tex" 2>>"$T/$v.err" || bad="$bad [$v tex]"
	$VITA render "$T/$v.yaml" -o "$T/$v.html" 2>>"$T/$v.err" || bad="$bad [$v html]"
done
text=$(pdftotext "$T/on.pdf" - 2>/dev/null | tr '\n' ' ')
case $text in *"the notes ↗ and the code ↗"* | *"the notes↗ and the code↗"* | *"the notes ↗and the code ↗"*) ;; *) bad="$bad [on: PDF text: $text]" ;; esac
case $text in *"ada.example.org ↗"* | *"ada.example.org↗"*) bad="$bad [on: the contact line has the mark]" ;; esac
[ "$(grep -o 'cvlinkicon{}' "$T/on/cv.tex" | wc -l)" -eq 2 ] || bad="$bad [on: .tex has $(grep -o 'cvlinkicon{}' "$T/on/cv.tex" | wc -l) \\cvlinkicon, want 2]"
grep -q 'newcommand\\cvlinkicon' "$T/on/vita-classic.cls" || bad="$bad [vita-classic.cls does not define \\cvlinkicon]"
grep -q 'section a::after' "$T/on.html" || bad="$bad [on: no HTML rule]"
pdftotext "$T/off.pdf" - 2>/dev/null | grep -q '↗' && bad="$bad [off: PDF has the mark]"
grep -q 'cvlinkicon{}' "$T/off/cv.tex" && bad="$bad [off: .tex has the mark]"
grep -q 'section a::after' "$T/off.html" && bad="$bad [off: HTML has the rule]"
if [ -z "$bad" ]; then pass external_link_icon
else fail external_link_icon "$bad"; fi
