#!/bin/sh
# `vita schema`: vita's JSON Schema is JSON, and a real validator (ajv-cli from the npm registry,
# installed once into a cache folder; skipped, saying why, without npm or the registry) accepts
# every CV in content/ and tests/fixtures/ (and RenderCV's examples when RENDERCV_DIR is given),
# knows vita's own keys, and rejects a misspelled key in cv and in design.
. tests/lib.sh
T=$VITA_TMP/schema
mkdir -p "$T"
if $VITA schema >"$T/schema.json" 2>"$T/schema.err" && [ ! -s "$T/schema.err" ] &&
	python3 -m json.tool "$T/schema.json" >/dev/null 2>&1 && grep -q '"calendar-days"' "$T/schema.json" &&
	grep -q '"fit": {"type": "integer"' "$T/schema.json"; then
	pass schema_json
else fail schema_json "vita schema printed no JSON (or no icon names, no page.fit)"; fi
$VITA schema extra >/dev/null 2>"$T/usage.err"
if [ $? -eq 2 ] && grep -q "takes no arguments" "$T/usage.err"; then pass schema_usage
else fail schema_usage "vita schema extra is not a usage error"; fi

CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/vita-tests/ajv
AJV=$CACHE/node_modules/.bin/ajv
if [ ! -x "$AJV" ] && command -v npm >/dev/null 2>&1; then
	mkdir -p "$CACHE"
	timeout 180 npm install --no-audit --no-fund --silent --prefix "$CACHE" ajv-cli@5 >"$T/npm.log" 2>&1 || true
fi
if [ ! -x "$AJV" ]; then
	why="npm is not installed"
	command -v npm >/dev/null 2>&1 && why="npm could not install ajv-cli (no registry?): $(tail -n 1 "$T/npm.log" 2>/dev/null)"
	for t in schema_validates_cvs schema_vita_keys schema_rejects_typos; do skip $t "$why"; done
	exit 0
fi
valid() { "$AJV" validate --spec=draft7 --strict=false -s "$T/schema.json" -d "$1" >"$T/ajv.out" 2>&1; }

bad=""
n=0
for cv in content/*.yaml tests/fixtures/*.yaml tests/fixtures/*/*.yaml ${RENDERCV_DIR:+"$RENDERCV_DIR"/examples/*.yaml}; do
	[ -f "$cv" ] || continue
	grep -q '^basics:' "$cv" && continue # JSON Resume, not this schema's format
	n=$((n + 1))
	valid "$cv" || { bad="$bad $cv"; sed -n '2,12p' "$T/ajv.out" | sed 's/^/    /'; }
done
if [ -z "$bad" ] && [ $n -gt 5 ]; then pass "schema_validates_cvs ($n files)"
else fail schema_validates_cvs "rejected:$bad"; fi

cat >"$T/vita.yaml" <<'YAML'
cv:
  name: Ada Lovelace
  custom_connections:
    - placeholder: Calendly
      fontawesome_icon: calendar-days
  sections:
    experience:
      page_break_before: true
      entries:
        - company: Analytical Engines
          position: Programmer
          tags: [research]
design:
  theme: classic
  page:
    fit: 1
  typography:
    hyphenate: true
settings:
  variants:
    short:
      only: [research]
YAML
if valid "$T/vita.yaml"; then pass schema_vita_keys
else sed 's/^/    /' "$T/ajv.out" | head -12; fail schema_vita_keys "vita's own keys (tags, page.fit, variants, …) rejected"; fi

sed 's/^  name: Ada Lovelace/  name: Ada Lovelace\n  emial: ada@example.org/' "$T/vita.yaml" >"$T/typo-cv.yaml"
sed 's/^    fit: 1/    top_margn: 1cm/' "$T/vita.yaml" >"$T/typo-design.yaml"
sed 's/fontawesome_icon: calendar-days/fontawesome_icon: calender-days/' "$T/vita.yaml" >"$T/typo-icon.yaml"
ok=1
for f in typo-cv typo-design typo-icon; do
	if valid "$T/$f.yaml"; then ok=0; echo "    $f.yaml validated"; fi
done
if [ $ok = 1 ] && valid "$T/vita.yaml"; then pass schema_rejects_typos
else fail schema_rejects_typos "a misspelled key (cv.emial, design.page.top_margn) or icon validated"; fi
