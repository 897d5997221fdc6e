#!/bin/sh
# The header's Font Awesome icons (design.header.connections.show_icons, custom_connections'
# fontawesome_icon), end to end: the composition names each connection's icon (RenderCV's mapping),
# the PDF draws the glyphs of fonts/icons/ as filled outlines before the text with a word space
# extractors see, one link covers icon and text, and show_icons: false draws none.
. tests/lib.sh
T=$VITA_TMP/icons
mkdir -p "$T"
cat >"$T/cv.yaml" <<'YAML'
cv:
  name: Ada Lovelace
  location: London
  email: ada@example.org
  phone: "+44 20 7946 0958"
  website: https://ada.example.org
  social_networks:
    - network: GitHub
      username: ada
    - network: Google Scholar
      username: abc123
  custom_connections:
    - placeholder: Calendly
      url: https://calendly.com/ada
      fontawesome_icon: calendar-days
  sections:
    about:
      - Plain text.
YAML
$VITA render --dump-compose "$T/cv.yaml" >"$T/cv.compose" 2>"$T/cv.err"
want='[icon location-dot U+F3C5] "London"
[icon envelope U+F0E0] "ada@example.org"
[icon phone U+F095] "020 7946 0958"
[icon link U+F0C1] "ada.example.org"
[icon github U+F09B] "ada"
[icon graduation-cap U+F19D] "Google Scholar"
[icon calendar-days U+F073] "Calendly"'
got=$(sed -n 's/^  connection: \(\[icon [^]]*\]\)\( "[^"+]*"\)\{0,1\}.*/\1\2/p' "$T/cv.compose")
if [ "$got" = "$want" ] && [ ! -s "$T/cv.err" ]; then pass icons_composed
else printf '%s\n' "$got" | sed 's/^/    /'; sed 's/^/    /' "$T/cv.err"; fail icons_composed "not RenderCV's icon per connection"; fi

# The icons are drawn as filled outlines (src/pdf/outline.c), not embedded as fonts: the PDF has
# ink where the layout put each icon, no Font Awesome font, and its text no private-use character.
$VITA render --dump-layout "$T/cv.yaml" >"$T/cv.layout" 2>/dev/null
if $VITA render "$T/cv.yaml" -o "$T/cv.pdf" 2>"$T/pdf.err" && [ ! -s "$T/pdf.err" ] &&
	! pdffonts "$T/cv.pdf" | grep -q FontAwesome && pdftoppm -r 144 -gray -f 1 -l 1 "$T/cv.pdf" "$T/page" &&
	python3 - "$T/cv.layout" "$T"/page*.pgm >"$T/ink.txt" 2>&1 <<'PY'
import re, sys
lay, pgm = sys.argv[1], sys.argv[2]
data = open(pgm, 'rb').read()
magic, dims, maxv, px = data.split(b'\n', 3)
w, h = map(int, dims.split())
icons = 0
for line in open(lay, encoding='utf-8'):
    m = re.match(r'\s*text (\S+) (\S+) w=(\S+) font=\d+ size=(\S+) #\w+ "(.)"$', line.rstrip('\n'))
    if not m or not 0xE000 <= ord(m.group(5)) <= 0xF8FF:
        continue
    x, y, wd, size = (float(v) * 2 for v in m.groups()[:4])  # 144 dpi: 2 px per pt
    box = [px[r * w + c] for r in range(int(y - 0.8 * size), int(y) + 1) for c in range(int(x), int(x + wd) + 1)]
    dark = sum(1 for v in box if v < 128) / max(len(box), 1)
    print('icon U+%04X at %.1f,%.1f: %.0f%% ink' % (ord(m.group(5)), x / 2, y / 2, dark * 100))
    if dark < 0.05:
        sys.exit(1)
    icons += 1
sys.exit(0 if icons == 7 else 1)
PY
then pass icons_drawn_as_outlines
else sed 's/^/    /' "$T/ink.txt" "$T/pdf.err"; pdffonts "$T/cv.pdf" 2>&1 | sed 's/^/    /'
	fail icons_drawn_as_outlines "no ink at an icon's place, or a Font Awesome font embedded"; fi

# the address is a word of its own, and no private-use character reaches the text
txt=$(pdftotext -enc UTF-8 "$T/cv.pdf" - 2>/dev/null | tr '\n' ' ')
pua=$(printf '%s' "$txt" | python3 -c 'import sys; t = sys.stdin.read(); print(sum(0xE000 <= ord(c) <= 0xF8FF for c in t))')
case $txt in
*" ada@example.org "*) [ "$pua" = 0 ] && pass icons_not_in_text || fail icons_not_in_text "$pua private-use characters in: $txt" ;;
*) fail icons_not_in_text "the address is not a word of its own: $txt" ;;
esac
icon_x=$(awk '/ "\357\203\240"$/ {print $2; exit}' "$T/cv.layout")
link_x=$(awk '/^  link .*"mailto:ada@example.org"/ {print $2; exit}' "$T/cv.layout")
if [ -n "$icon_x" ] && [ "$icon_x" = "$link_x" ]; then pass icons_in_link
else fail icons_in_link "the envelope at x=$icon_x, its link at x=$link_x"; fi

printf 'design:\n  header:\n    connections:\n      show_icons: false\n' >"$T/off.yaml"
cat "$T/cv.yaml" "$T/off.yaml" >"$T/noicons.yaml"
if $VITA render "$T/noicons.yaml" -o "$T/noicons.pdf" 2>/dev/null && ! pdffonts "$T/noicons.pdf" | grep -q FontAwesome &&
	! $VITA render --dump-compose "$T/noicons.yaml" 2>/dev/null | grep -q '\[icon '; then
	pass icons_off
else fail icons_off "show_icons: false still draws icons"; fi

# themes that show no icons by RenderCV's defaults (sb2nov) draw none
printf 'design:\n  theme: sb2nov\n' >"$T/sb.yaml"
cat "$T/cv.yaml" "$T/sb.yaml" >"$T/sb2nov.yaml"
if $VITA render "$T/sb2nov.yaml" -o "$T/sb2nov.pdf" 2>/dev/null && ! pdffonts "$T/sb2nov.pdf" | grep -q FontAwesome; then
	pass icons_theme_default
else fail icons_theme_default "sb2nov (show_icons false in RenderCV) draws icons"; fi

# the .tex: the icon fonts declared and copied beside it, \cvicon before each connection
mkdir -p "$T/tex"
if $VITA render "$T/cv.yaml" -o "$T/tex/cv.tex" 2>/dev/null &&
	grep -q '^\\connection{\\cvicon{\\cviconregular}{F0E0}\\href{mailto:ada@example.org}' "$T/tex/cv.tex" &&
	grep -q '^\\connection{\\cvicon{\\cviconbrand}{F09B}' "$T/tex/cv.tex" &&
	grep -q '^\\newfontfamily\\cviconfree{fa-regular-400.ttf}\[Path=fonts/' "$T/tex/cv.tex" &&
	cmp -s "$T/tex/fonts/fa-solid-900.ttf" fonts/icons/fa-solid-900.ttf &&
	[ -f "$T/tex/fonts/fa-brands-400.ttf" ] && [ -f "$T/tex/fonts/LICENSE-Font-Awesome-Free.txt" ]; then
	pass icons_tex
else grep -n 'cvicon' "$T/tex/cv.tex" | head -5 | sed 's/^/    /'; ls "$T/tex/fonts" | sed 's/^/    /'; fail icons_tex "no \\cvicon or no icon fonts beside the .tex"; fi
mkdir -p "$T/tex-off"
$VITA render "$T/noicons.yaml" -o "$T/tex-off/cv.tex" 2>/dev/null
if ! grep -q cvicon "$T/tex-off/cv.tex" && [ ! -e "$T/tex-off/fonts/fa-solid-900.ttf" ]; then pass icons_tex_off
else fail icons_tex_off "show_icons: false still puts icons in the .tex"; fi
if [ "${VITA_NO_TEX:-}" = 1 ] || ! command -v xelatex >/dev/null 2>&1; then
	skip icons_tex_compiles "TeX runs in the plain pass only (not VITA_NO_TEX=1), and needs xelatex"
elif (cd "$T/tex" && xelatex -no-shell-escape -halt-on-error -interaction=nonstopmode cv.tex >cv.out 2>&1) &&
	! grep -q 'Missing character' "$T/tex/cv.log" && pdffonts "$T/tex/cv.pdf" | grep -q '+FontAwesome6Brands-Regular '; then
	pass icons_tex_compiles
else grep -m3 'Missing character\|^!' "$T/tex/cv.log" | sed 's/^/    /'; fail icons_tex_compiles "xelatex failed, missed a character or embedded no icon font"; fi

# the HTML: each icon as inline SVG (the font's outline, no font file beside the page), inside the
# connection's link before its text, and none with show_icons: false; the outline is the PDF's glyph
mkdir -p "$T/html"
$VITA render "$T/cv.yaml" -o "$T/html/cv.html" 2>"$T/html.err"
n=$(grep -c '<li>\(<a href="[^"]*">\)\{0,1\}<svg class="icon" aria-hidden="true" viewBox="0 0 [0-9]* [0-9]*" style="[^"]*"><path d="M [^"]*Z"/></svg> ' "$T/html/cv.html")
if [ "$n" -eq 7 ] && [ ! -s "$T/html.err" ] && [ "$(ls "$T/html")" = cv.html ] &&
	grep -q '<a href="mailto:ada@example.org"><svg class="icon"[^>]*><path d="[^"]*"/></svg> ada@example.org</a>' "$T/html/cv.html"; then
	pass icons_html
else grep '<li>' "$T/html/cv.html" | cut -c1-160 | sed 's/^/    /'; fail icons_html "$n of 7 connections with an inline SVG icon"; fi
$VITA render "$T/noicons.yaml" -o "$T/html/off.html" 2>/dev/null
if [ -s "$T/html/off.html" ] && ! grep -q '<svg' "$T/html/off.html"; then pass icons_html_off
else fail icons_html_off "show_icons: false still puts icons in the HTML"; fi
# the envelope's outline: Font Awesome's regular envelope has three closed contours (the frame, the flap, the body)
env_path=$(grep -o 'mailto:ada@example.org"><svg[^>]*><path d="[^"]*"' "$T/html/cv.html" | sed 's/.*d="//; s/"$//')
if [ "$(printf '%s' "$env_path" | tr -cd 'Z' | wc -c)" -eq 3 ]; then pass icons_html_outline
else fail icons_html_outline "the envelope's path: $(printf '%s' "$env_path" | cut -c1-120)"; fi
