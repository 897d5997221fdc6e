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
