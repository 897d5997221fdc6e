#!/bin/sh
# `vita dump --rendercv` (issue 16): a file using every vita extension — tags, settings.variants,
# design.page.fit and fit_minimum, page_break_before, a sorted section, a `from:` section,
# settings.sections, settings.bold_owner — is written as a RenderCV file: it loads with `vita
# check` without a message, holds none of those keys, keeps the sorted order and the .bib's entries,
# and each extension is named in a note on standard error.
. tests/lib.sh
T=$VITA_TMP/dump_rendercv; mkdir -p "$T"
cp tests/fixtures/bibsection/papers.bib "$T/"
cat >"$T/cv.yaml" <<'YAML'
cv:
  name: Ada Example
  email: ada@example.org
  sections:
    experience:
      sort: date-desc
      page_break_before: true
      entries:
        - {company: Older, position: Intern, start_date: 2015-01, end_date: 2016-01, tags: [industry]}
        - company: Newer
          position: "Engineer: systems"
          start_date: 2020-01
          end_date: present
          highlights:
            - Built "things" that shipped
    publications:
      from: papers.bib
    teaching:
      tags: academic
      entries:
        - Taught compilers.
    skills:
      - label: Languages
        details: C, Python
        page_break_before: true
        tags: [industry]
design:
  theme: classic
  page:
    size: us-letter
    fit: 1
    fit_minimum: {spacing: 0.7}
settings:
  bold_owner: true
  variants:
    industry: {only: [industry]}
  sections: [Experience, Publications, Skills]
YAML
$VITA dump --rendercv "$T/cv.yaml" >"$T/out.yaml" 2>"$T/dump.err"; rc=$?
$VITA check "$T/out.yaml" >"$T/check.err" 2>&1; crc=$?
keys=$(grep -nE '^ *(- )?(tags|variants|fit|fit_minimum|fit_factor|page_break_before|sort|from|bold_owner|entries):' "$T/out.yaml")
sections=$(grep -nE '^  sections:|^settings:' "$T/out.yaml" | tr '\n' ' ')
if [ $rc = 0 ] && [ $crc = 0 ] && [ ! -s "$T/check.err" ] && [ -z "$keys" ]; then
	pass "dump --rendercv: the dump loads with vita check, without a message, and has none of vita's keys"
else fail "dump --rendercv: the dump loads with vita check, without a message, and has none of vita's keys" "rc=$rc check=$crc keys=$keys $(cat "$T/check.err" "$T/dump.err")"; fi
order=$(grep -oE 'company: (Newer|Older)|Tiny Models|Queues|label: Languages|Taught' "$T/out.yaml" | tr '\n' ',')
if [ "$order" = "company: Newer,company: Older,Tiny Models,Queues,label: Languages," ] &&
	grep -q '^settings: {}$' "$T/out.yaml" && grep -q "position: 'Engineer: systems'" "$T/out.yaml"; then
	pass "dump --rendercv: sorted entries as a plain list in vita's order, the .bib's entries flattened, settings.sections applied"
else fail "dump --rendercv: sorted entries as a plain list in vita's order, the .bib's entries flattened, settings.sections applied" "$order"; fi
n=0
for what in "section \`experience\` is written as a mapping" "section \`publications\` is written as a mapping, vita's form: flattened" \
	"\`tags\` is vita's own key" "\`page_break_before\` is vita's own key" "page_break_before is vita's own key" \
	"design.page.fit is vita's own key" "design.page.fit_minimum is vita's own key" "settings.variants is vita's own key" \
	"settings.bold_owner is vita's own key" "settings.sections is vita's own key"; do
	grep -q "note: $what" "$T/dump.err" && n=$((n + 1))
done
if [ $n = 10 ]; then pass "dump --rendercv: a note on standard error for each extension left out or flattened"
else fail "dump --rendercv: a note on standard error for each extension left out or flattened" "$n of 10: $(cat "$T/dump.err")"; fi
printf '{"basics": {"name": "A"}}\n' >"$T/cv.json"
if ! $VITA dump --rendercv "$T/cv.json" >"$T/json.out" 2>"$T/json.err" && [ ! -s "$T/json.out" ] && grep -q "this is JSON Resume" "$T/json.err"; then
	pass "dump --rendercv: a JSON Resume file is refused"
else fail "dump --rendercv: a JSON Resume file is refused" "$(cat "$T/json.err")"; fi
cat >"$T/aw.yaml" <<'YAML'
cv:
  name: Ada
  sections:
    awards:
      - {title: Best Paper, awarder: ACM, date: 2020}
design:
  templates:
    award_entry:
      main_column: "**TITLE**"
YAML
$VITA dump --rendercv "$T/aw.yaml" >"$T/aw.out" 2>"$T/aw.err"
if grep -q '^      - name: Best Paper$' "$T/aw.out" && grep -q '^        summary: ACM$' "$T/aw.out" && ! grep -q 'award_entry\|title:' "$T/aw.out" &&
	$VITA dump "$T/aw.out" 2>/dev/null | grep -q 'entry normal' && grep -q "1 award or talk entry (vita's kinds) written as RenderCV's normal entry" "$T/aw.err"; then
	pass "dump --rendercv: an award (vita's kind) becomes a normal entry, its templates left out"
else fail "dump --rendercv: an award (vita's kind) becomes a normal entry, its templates left out" "$(cat "$T/aw.out" "$T/aw.err")"; fi
cat >"$T/bo.yaml" <<'YAML'
cv:
  name: Ana Lima
  sections:
    publications:
      - {title: A paper, authors: [Bo Chen, A. Lima], date: 2020}
      - {title: Marked, authors: [Ana Lima, "*Cy Dee*"], date: 2021}
settings:
  bold_owner: true
YAML
$VITA dump --rendercv "$T/bo.yaml" >"$T/bo.out" 2>/dev/null
if grep -q "^          - '\*\*A. Lima\*\*'$" "$T/bo.out" && grep -q "^          - Ana Lima$" "$T/bo.out" && ! grep -q bold_owner "$T/bo.out"; then
	pass "dump --rendercv: settings.bold_owner is applied as **Name** where the entry marks no one"
else fail "dump --rendercv: settings.bold_owner is applied as **Name** where the entry marks no one" "$(cat "$T/bo.out")"; fi
# A RenderCV file without vita's keys comes back as the same CV (vita dump equal but for positions).
same=""
for f in minimal templates; do
	$VITA dump --rendercv "tests/fixtures/$f.yaml" >"$T/rt-$f.yaml" 2>/dev/null
	$VITA dump "tests/fixtures/$f.yaml" 2>/dev/null | tail -n +2 | sed 's/ *@[0-9]*:[0-9]*//g' >"$T/a-$f.txt"
	$VITA dump "$T/rt-$f.yaml" 2>/dev/null | tail -n +2 | sed 's/ *@[0-9]*:[0-9]*//g' >"$T/b-$f.txt"
	[ -s "$T/a-$f.txt" ] && cmp -s "$T/a-$f.txt" "$T/b-$f.txt" && same="$same $f"
done
if [ "$same" = " minimal templates" ]; then pass "dump --rendercv: a file without vita's keys loads back as the same CV"
else fail "dump --rendercv: a file without vita's keys loads back as the same CV" "same:$same; $(diff "$T/a-templates.txt" "$T/b-templates.txt" | head -5)"; fi
