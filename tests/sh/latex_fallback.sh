#!/bin/sh
# The .tex names the fallback fonts vita's PDF drew with: a CV mixing Latin, Greek, Cyrillic,
# Chinese, Korean (which the CJK font, Droid Sans Fallback, lacks), Georgian and ★ (which the theme's
# Source Sans 3 lacks) gets \cvfallback{Noto Sans CJK KR}, {Noto Sans Georgian} and {Noto Sans
# Symbols2} (the font's own name, not the chain's label) with exactly those characters, the same families for LuaLaTeX before \documentclass, and no warning
# that the .tex would leave characters out; the PDF draws them in the same families.  Then (not
# under VITA_NO_TEX) xelatex compiles it with no "Missing character" in its log, and pdftotext of
# its PDF gives back every word (Greek words without α and ι: xdvipdfmx maps Source Sans 3's
# glyphs shared by α/ɑ and ι/ɩ back to the Latin letters, whatever font names the .tex has).  Needs the fonts scripts/deps.sh installs (skipped without them).
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
T="$VITA_TMP/latex_fallback"
mkdir -p "$T/out"
words="Latin Λέξη κόσμε Русские слова 中文字符 한국어 ქართული ★"
cat >"$T/cv.yaml" <<CV
cv:
  name: Ada Example
  sections:
    summary:
      - "$words"
CV
if [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] ||
	[ ! -f /usr/share/fonts/truetype/noto/NotoSansGeorgian-Regular.ttf ]; then
	skip latex_fallback "fonts-noto-cjk or fonts-noto-core is not installed (scripts/deps.sh installs them)"
	exit 0
fi
if ! $VITA render "$T/cv.yaml" -o "$T/out/cv.tex" 2>"$T/err"; then
	fail latex_fallback_tex "vita render failed: $(cat "$T/err")"
	exit 0
fi
bad=""
[ -s "$T/err" ] && bad="$bad [messages: $(cat "$T/err")]"
tex="$T/out/cv.tex"
grep -qxF '\cvfallback{Noto Sans CJK KR}{%' "$tex" && grep -qxF '"AD6D,"C5B4,"D55C}' "$tex" ||
	bad="$bad [no Noto Sans CJK KR for 한국어]"
grep -qxF '\cvfallback{Noto Sans Georgian}{%' "$tex" && grep -qxF '"10D0,"10D7,"10D8,"10DA,"10E0,"10E3,"10E5}' "$tex" ||
	bad="$bad [no Noto Sans Georgian for ქართული]"
# ★: the chain calls the family "Noto Sans Symbols 2"; TeX needs the font's own name
grep -qxF '\cvfallback{Noto Sans Symbols2}{%' "$tex" && grep -qxF '"2605}' "$tex" || bad="$bad [no Noto Sans Symbols2 for ★]"
[ "$(grep -c '^\\cvfallback' "$tex")" = 3 ] || bad="$bad [$(grep -c '^\\cvfallback' "$tex") fallback families, want 3]"
grep -qF "\\def\\vitafallbackfonts{'Noto Sans CJK KR:mode=node;','Noto Sans Georgian:mode=node;','Noto Sans Symbols2:mode=node;',}" "$tex" ||
	bad="$bad [no LuaLaTeX fallback list]"
# the line before \documentclass, which is where luaotfload needs it
awk '/^\\documentclass/ { exit !seen } /^\\def\\vitafallbackboldfonts/ { seen = 1 }' "$tex" ||
	bad="$bad [fallback list not before \\documentclass]"
$VITA render "$T/cv.yaml" -o "$T/cv.pdf" 2>/dev/null
for f in NotoSansCJKkr NotoSansGeorgian NotoSansSymbols2; do
	pdffonts "$T/cv.pdf" 2>/dev/null | grep -q "+$f-Regular" || bad="$bad [vita's PDF does not use $f]"
done
if [ -z "$bad" ]; then pass latex_fallback_tex; else fail latex_fallback_tex "$bad"; fi

# without the default chain (VITA_FALLBACK_FONTS empty) the .tex names none, and says what it lacks
if VITA_FALLBACK_FONTS= $VITA render "$T/cv.yaml" -o "$T/none/cv.tex" 2>"$T/err-none" &&
	! grep -q '^\\cvfallback' "$T/none/cv.tex" && ! grep -q 'vitafallbackfonts' "$T/none/cv.tex" &&
	grep -qF "'ქ' U+10E5" "$T/err-none" && grep -qF "'한' U+D55C" "$T/err-none"; then
	pass latex_fallback_none
else fail latex_fallback_none "$(cat "$T/err-none")"; fi

# the bullets the class sets (ember's ◆ and ◦, which Ubuntu lacks) are looked up too
printf 'cv:\n  name: A\n  sections:\n    s:\n      - company: C\n        position: P\n        highlights: [one]\ndesign:\n  theme: ember\n' >"$T/ember.yaml"
if $VITA render "$T/ember.yaml" -o "$T/ember/cv.tex" 2>"$T/err-ember" &&
	grep -qxF '\cvfallback{Noto Sans Symbols2}{%' "$T/ember/cv.tex" && grep -qxF '"25C6,"25E6}' "$T/ember/cv.tex"; then
	pass latex_fallback_bullets
else fail latex_fallback_bullets "$(cat "$T/err-ember"; grep -A1 cvfallback "$T/ember/cv.tex")"; fi

# a script whose words need shaping gets fontspec's Script= for XeTeX (Devanagari's vowel signs)
printf 'cv:\n  name: A\n  sections:\n    s:\n      - "हिन्दी"\n' >"$T/hi.yaml"
if $VITA render "$T/hi.yaml" -o "$T/hi/cv.tex" 2>"$T/err-hi" &&
	grep -qxF '\cvfallback[Script=Devanagari]{Noto Sans Devanagari}{%' "$T/hi/cv.tex"; then
	pass latex_fallback_script
else fail latex_fallback_script "$(cat "$T/err-hi"; grep cvfallback "$T/hi/cv.tex")"; fi

if [ "${VITA_NO_TEX:-}" = 1 ]; then
	skip latex_fallback_xelatex "TeX runs in the plain pass only (make test), not under the sanitizers, valgrind or check-fast"
	exit 0
fi
if ! command -v xelatex >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
	skip latex_fallback_xelatex "xelatex or pdftotext is not installed"
	exit 0
fi
(cd "$T/out" && xelatex -no-shell-escape -interaction=nonstopmode -halt-on-error cv.tex) >"$T/xelatex.txt" 2>&1
bad=""
[ -f "$T/out/cv.pdf" ] || bad="$bad [xelatex failed: $(tail -n 5 "$T/xelatex.txt")]"
grep -i 'Missing character' "$T/out/cv.log" >"$T/missing" 2>/dev/null && bad="$bad [$(head -n 3 "$T/missing")]"
text=$(pdftotext "$T/out/cv.pdf" - 2>/dev/null)
for w in $words; do
	case "$text" in *"$w"*) ;; *) bad="$bad [no \"$w\" in the compiled PDF]" ;; esac
done
if [ -z "$bad" ]; then pass latex_fallback_xelatex; else fail latex_fallback_xelatex "$bad"; fi

