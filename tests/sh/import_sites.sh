#!/bin/sh
# A site folder is one profile (issue 12): `vita import DIR`, `vita render DIR` and `vita build`
# over a folder of sites read a Jekyll site (_config.yml: the about page, _data/cv.yml,
# _publications/, _talks/, _bibliography/papers.bib, assets/json/resume.json) or a Hugo site
# (config/_default/: the site owner's content/authors/NAME/_index.md) as one CV, duplicates removed.
#   golden   each site of tests/fixtures/sites/group/ imported: YAML, messages and exit status equal
#            tests/golden/import-sites/NAME.txt
#   build    the group (two sites and a YAML file) renders three CVs, named after the sites; the
#            sites' posts, pages and data files are not profiles
#   render   vita render DIR writes the site owner's PDF
#   fresh    a second build skips all three; touching a part of a site renders that site again
#   bad      a site whose item has broken front matter: path:line:col, exit 1, no output
. tests/lib.sh
export SOURCE_DATE_EPOCH=1700000000
G=tests/fixtures/sites/group

for d in "$G"/*/; do
	name=$(basename "$d")
	$VITA import "$d" >"$VITA_TMP/site.txt" 2>"$VITA_TMP/site-err.txt"
	rc=$?
	{ echo "--- stderr"; cat "$VITA_TMP/site-err.txt"; echo "exit: $rc"; } >>"$VITA_TMP/site.txt"
	golden "import site $name" "$VITA_TMP/site.txt" "tests/golden/import-sites/$name.txt"
done

out="$VITA_TMP/group-out"
$VITA build "$G" -o "$out" -j2 >"$VITA_TMP/build.txt" 2>&1
rc=$?
got=$(cd "$out" 2>/dev/null && ls *.pdf 2>/dev/null | tr '\n' ' ')
if [ $rc -eq 0 ] && grep -q '^vita build: 3 rendered, 0 failed' "$VITA_TMP/build.txt" &&
	[ "$got" = "kim-cv.pdf lindqvist-hugo.pdf okafor-site.pdf " ]; then
	pass "build over sites and a YAML file renders three CVs"
else fail "build over sites and a YAML file renders three CVs" "rc=$rc, outputs: $got; $(tail -3 "$VITA_TMP/build.txt")"; fi
if command -v pdftotext >/dev/null && [ -s "$out/okafor-site.pdf" ]; then
	pdftotext "$out/okafor-site.pdf" - | tr -s ' \n' ' ' >"$VITA_TMP/okafor.txt"
	miss=""
	for w in "Marta Okafor" "Wave Loads on Floating Piers" "Cheap Tide Gauges" "Tides, Sensors and Budgets" \
		"Harbour Research Institute" "Beach Cleanup Bergen" "Coastal Monitoring Summit"; do
		grep -qF "$w" "$VITA_TMP/okafor.txt" || miss="$miss \"$w\""
	done
	n=$(grep -o "Sparse Sensing of Coastal Erosion" "$VITA_TMP/okafor.txt" | wc -l)
	if [ -z "$miss" ] && [ "$n" -eq 1 ]; then pass "site PDF holds every part, the duplicate paper once"
	else fail "site PDF holds every part, the duplicate paper once" "missing:$miss; 'Sparse Sensing' $n times"; fi
else skip "site PDF words" "pdftotext is not installed"; fi

$VITA build "$G" -o "$out" -j2 >"$VITA_TMP/build2.txt" 2>&1
touch "$G/okafor-site/_talks/2022-03-10-tides.md"
$VITA build "$G" -o "$out" -j2 >"$VITA_TMP/build3.txt" 2>&1
if grep -q '0 rendered, 0 failed, 3 skipped' "$VITA_TMP/build2.txt" && grep -q '1 rendered, 0 failed, 2 skipped' "$VITA_TMP/build3.txt"; then
	pass "build skips fresh sites and renders a site whose part changed"
else fail "build skips fresh sites and renders a site whose part changed" "$(tail -1 "$VITA_TMP/build2.txt"); $(tail -1 "$VITA_TMP/build3.txt")"; fi

rm -rf "$VITA_TMP/r" && mkdir -p "$VITA_TMP/r" && cp -r "$G/lindqvist-hugo" "$VITA_TMP/r/"
(cd "$VITA_TMP/r" && $VITA render lindqvist-hugo >"$VITA_TMP/render.txt" 2>&1)
if [ -s "$VITA_TMP/r/rendercv_output/Tomás_Lindqvist_CV.pdf" ]; then pass "render of a site folder"
else fail "render of a site folder" "$(cat "$VITA_TMP/render.txt"; ls -R "$VITA_TMP/r" | head)"; fi

# al-folio's profile picture (about.md's profile.image, in the site's assets/img/) is the photo:
# in the built PDF, and written into the imported YAML relative to the YAML's folder; one that
# lies outside the site is refused under vita build's confinement, with a note at its line
if command -v pdfimages >/dev/null && [ -s "$out/okafor-site.pdf" ]; then
	n=$(pdfimages -list "$out/okafor-site.pdf" 2>/dev/null | awk 'NR > 2' | wc -l)
	if [ "$n" -eq 1 ]; then pass "a site's profile picture is the CV's photo"
	else fail "a site's profile picture is the CV's photo" "$n images in the PDF"; fi
else skip "a site's profile picture is the CV's photo" "pdfimages is not installed or no PDF"; fi
mkdir -p "$VITA_TMP/imp"
$VITA import "$G/okafor-site" -o "$VITA_TMP/imp/okafor.yaml" 2>/dev/null
rel=$(sed -n 's/^  photo: \([^ ]*\).*/\1/p' "$VITA_TMP/imp/okafor.yaml")
if [ -n "$rel" ] && [ -f "$VITA_TMP/imp/$rel" ] && cmp -s "$VITA_TMP/imp/$rel" "$G/okafor-site/assets/img/prof_pic.jpg"; then
	pass "the imported YAML names the picture relative to itself"
else fail "the imported YAML names the picture relative to itself" "photo: $rel"; fi
rm -rf "$VITA_TMP/esc" && mkdir -p "$VITA_TMP/esc/g" && cp -r "$G/okafor-site" "$VITA_TMP/esc/g/site"
cp "$G/okafor-site/assets/img/prof_pic.jpg" "$VITA_TMP/esc/outside.jpg"
sed -i 's#image: prof_pic.jpg#image: ../../outside.jpg#' "$VITA_TMP/esc/g/site/_pages/about.md"
$VITA build "$VITA_TMP/esc/g" -o "$VITA_TMP/esc/out" >"$VITA_TMP/esc/build.txt" 2>&1
if grep -q 'about.md:6:10: note: the profile picture "../../outside.jpg" is not imported: .* is outside the folders' "$VITA_TMP/esc/build.txt"; then
	pass "a profile picture outside the site is refused under vita build"
else fail "a profile picture outside the site is refused under vita build" "$(cat "$VITA_TMP/esc/build.txt")"; fi
