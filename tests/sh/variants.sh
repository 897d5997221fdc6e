#!/bin/sh
# Tailored variants from one CV (issue 16): `tags:` on entries and sections, `vita render --only TAG`
# and `--except TAG`.  The variants' words differ from the full CV's by exactly the tagged entries,
# and a section left empty is left out with a note.
. tests/lib.sh
T=$VITA_TMP/variants; mkdir -p "$T"
cat >"$T/cv.yaml" <<'YAML'
cv:
  name: Ada Example
  sections:
    experience:
      - {company: Acme, position: Engineer, date: 2020}
      - {company: Bank, position: Quant, date: 2019, tags: [industry]}
      - {company: Lab, position: Postdoc, date: 2018, tags: [academic]}
    teaching:
      tags: academic
      entries:
        - Taught compilers.
YAML
words() { $VITA render "$T/cv.yaml" -o "$T/$1.md" $2 2>"$T/$1.err" && tr -cs 'A-Za-z' '\n' <"$T/$1.md" | sort -u; }
words all "" >"$T/all.w"
words ind "--only industry" >"$T/ind.w"
words noind "--except industry" >"$T/noind.w"
gone_ind=$(comm -23 "$T/all.w" "$T/ind.w" | tr '\n' ' ')
gone_noind=$(comm -23 "$T/all.w" "$T/noind.w" | tr '\n' ' ')
if [ "$gone_ind" = "Lab Postdoc Taught Teaching compilers " ] && [ "$gone_noind" = "Bank Quant " ] &&
	grep -q "section \`teaching\` has no entry left in this variant: left out" "$T/ind.err"; then
	pass "variants: --only and --except remove exactly the tagged entries"
else fail "variants: --only and --except remove exactly the tagged entries" "only: $gone_ind; except: $gone_noind; $(cat "$T/ind.err")"; fi

# settings.variants: a plain render ignores them, --variant NAME renders one, and bad ones are
# refused at their line:col.
cat >"$T/named.yaml" <<'YAML'
cv:
  name: Ada Example
  sections:
    experience:
      - {company: Acme, position: Engineer, date: 2020}
      - {company: Bank, position: Quant, date: 2019, tags: [industry]}
      - {company: Lab, position: Postdoc, date: 2018, tags: [academic]}
settings:
  variants:
    industry: {only: [industry]}
    academic: {except: [industry]}
YAML
$VITA render "$T/named.yaml" -o "$T/plain.md" 2>"$T/plain.err"
$VITA render "$T/named.yaml" -o "$T/vind.md" --variant industry 2>"$T/vind.err"
if grep -q Bank "$T/plain.md" && grep -q Lab "$T/plain.md" && grep -q Bank "$T/vind.md" && ! grep -q Lab "$T/vind.md" &&
	[ ! -s "$T/plain.err" ]; then
	pass "variants: a plain render ignores settings.variants; --variant industry renders that one"
else fail "variants: a plain render ignores settings.variants; --variant industry renders that one" "$(cat "$T/plain.err" "$T/vind.err")"; fi
if ! $VITA render "$T/named.yaml" -o "$T/nope.md" --variant nope 2>"$T/nope.err" && [ ! -e "$T/nope.md" ] &&
	grep -q "no variant \`nope\` in settings.variants (it has \`industry\`, \`academic\`)" "$T/nope.err"; then
	pass "variants: --variant with an unknown name is an error naming the variants"
else fail "variants: --variant with an unknown name is an error naming the variants" "$(cat "$T/nope.err")"; fi
mkdir -p "$T/rc" && cp "$T/named.yaml" "$T/rc/cv.yaml"
$VITA render "$T/rc/cv.yaml" 2>/dev/null && $VITA render "$T/rc/cv.yaml" --variant industry 2>/dev/null
if [ -f "$T/rc/rendercv_output/Ada_Example_CV.pdf" ] && [ -f "$T/rc/rendercv_output/Ada_Example_CV--industry.pdf" ] &&
	! pdftotext "$T/rc/rendercv_output/Ada_Example_CV--industry.pdf" - | grep -q Postdoc; then
	pass "variants: --variant without -o writes RenderCV's output names with --VARIANT, beside the full CV's"
else fail "variants: --variant without -o writes RenderCV's output names with --VARIANT, beside the full CV's" "$(ls "$T/rc/rendercv_output")"; fi
cat >"$T/badvar.yaml" <<'YAML'
cv:
  name: Ada Example
settings:
  variants:
    a/b: {only: [x]}
    ok: {only: [x], exept: [y]}
    x--y: {}
    typo: {only: [industy]}
YAML
$VITA check "$T/badvar.yaml" >"$T/badvar.err" 2>&1
if grep -q "badvar.yaml:5:5: error: settings.variants.a/b: \`a/b\` cannot name a variant: only letters" "$T/badvar.err" &&
	grep -q "badvar.yaml:6:21: warning: .*unknown key \`exept\`.*did you mean \`except\`" "$T/badvar.err" &&
	grep -q "badvar.yaml:7:5: error: .*\`x--y\` cannot name a variant: it holds \"--\"" "$T/badvar.err" &&
	grep -q "badvar.yaml:8:5: warning: settings.variants.typo: no entry or section is tagged \`industy\`" "$T/badvar.err"; then
	pass "variants: a variant name that cannot be part of a file name, unknown keys and unused tags, are reported at line:col"
else fail "variants: a variant name that cannot be part of a file name, unknown keys and unused tags, are reported at line:col" "$(cat "$T/badvar.err")"; fi

# vita build --variants over a folder of tagged profiles: NAME.pdf and NAME--VARIANT.pdf, the same
# bytes with -j1 and -j2, and skipped when up to date (the records know the variant outputs).
B=$T/batch; mkdir -p "$B/in"
cp "$T/named.yaml" "$B/in/ada.yaml"
sed 's/Ada Example/Bo Example/; s/industry: {only: \[industry\]}/short: {except: [academic]}/' "$T/named.yaml" >"$B/in/bo.yaml"
printf 'cv:\n  name: Cy Example\n' >"$B/in/cy.yaml"
SOURCE_DATE_EPOCH=1700000000 $VITA build "$B/in" -o "$B/o1" -j1 --variants -q 2>"$B/o1.err"
SOURCE_DATE_EPOCH=1700000000 $VITA build "$B/in" -o "$B/o2" -j2 --variants -q 2>"$B/o2.err"
list=$(cd "$B/o1" && LC_ALL=C ls | tr '\n' ' ')
same=1
for f in "$B"/o1/*.pdf; do cmp -s "$f" "$B/o2/$(basename "$f")" || same=0; done
if [ "$list" = "ada--academic.pdf ada--industry.pdf ada.pdf bo--academic.pdf bo--short.pdf bo.pdf cy.pdf " ] && [ $same = 1 ] &&
	pdftotext "$B/o1/ada--industry.pdf" - | grep -q Bank && ! pdftotext "$B/o1/ada--industry.pdf" - | grep -q Postdoc; then
	pass "variants: vita build --variants writes NAME--VARIANT.pdf for every variant, byte-identical under -j1 and -j2"
else fail "variants: vita build --variants writes NAME--VARIANT.pdf for every variant, byte-identical under -j1 and -j2" "$list same=$same $(cat "$B/o1.err")"; fi
$VITA build "$B/in" -o "$B/o1" --variants 2>"$B/again.err"
rm "$B/o1/bo--short.pdf"
$VITA build "$B/in" -o "$B/o1" --variants 2>"$B/third.err"
if grep -q "0 rendered, 0 failed, 3 skipped" "$B/again.err" && grep -q "1 rendered, 0 failed, 2 skipped" "$B/third.err" &&
	[ -f "$B/o1/bo--short.pdf" ]; then
	pass "variants: build --variants skips profiles whose variants are up to date and re-renders one whose variant output is gone"
else fail "variants: build --variants skips profiles whose variants are up to date and re-renders one whose variant output is gone" "$(cat "$B/again.err" "$B/third.err")"; fi
$VITA build "$B/in" -o "$B/o4" -q 2>/dev/null
$VITA build "$B/in" -o "$B/o4" --variants 2>"$B/o4.err"
if grep -q "3 rendered, 0 failed, 0 skipped" "$B/o4.err" && [ -f "$B/o4/ada--industry.pdf" ]; then
	pass "variants: outputs built without --variants are not up to date for a build with it"
else fail "variants: outputs built without --variants are not up to date for a build with it" "$(cat "$B/o4.err")"; fi
host=$(hostname | tr -c 'A-Za-z0-9\n-' '-')
sh -c 'exit 0' &
dead=$!
wait $dead
echo x >"$B/o1/.ada--industry.pdf.$host.$dead.AbC123"
$VITA build "$B/in" -o "$B/o1" --variants -q 2>/dev/null
if [ ! -e "$B/o1/.ada--industry.pdf.$host.$dead.AbC123" ]; then
	pass "variants: a stale temporary of a recorded variant output is removed"
else fail "variants: a stale temporary of a recorded variant output is removed" "$(ls -a "$B/o1")"; fi
printf 'cv:\n  name: Ada Two\n' >"$B/in/ada--industry.yaml"
if ! $VITA build "$B/in" -o "$B/o3" --variants 2>"$B/clash.err" && grep -q "would have the name of variant \`industry\`" "$B/clash.err"; then
	pass "variants: a profile named like another's variant output is refused under --variants"
else fail "variants: a profile named like another's variant output is refused under --variants" "$(cat "$B/clash.err")"; fi
rm "$B/in/ada--industry.yaml"
