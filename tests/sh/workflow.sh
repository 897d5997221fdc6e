#!/bin/sh
# RenderCV's workflow in `vita render` and `vita new` (issue 13): where outputs go (-o creating its
# folder, an unknown extension, RenderCV's default rendercv_output/NAME_CV.pdf, every key of
# settings.render_command with its placeholders, the command line winning, vita build ignoring the
# CV's paths with a warning), the split design/locale/settings files, dotted-path overrides
# (--cv.phone VALUE) and their messages, and the starter file of `vita new`.  --watch: watch.sh.
. tests/lib.sh
T=$VITA_TMP/workflow
rm -rf "$T"; mkdir -p "$T/sub"
export SOURCE_DATE_EPOCH=1767225600 # 2026-01-01

cat >"$T/sub/cv.yaml" <<'EOF'
cv:
  name: Ada Lovelace
  sections:
    about:
      - Text.
EOF
printf 'cv:\n  name: Ada\n  sections:\n    about:\n      - date: 2020-13\n        name: x\n' >"$T/broken.yaml"

# ---- -o ----
$VITA render "$T/sub/cv.yaml" -o "$T/new/deeper/x.pdf" 2>"$T/e.txt"
if [ $? -eq 0 ] && [ -s "$T/new/deeper/x.pdf" ]; then pass workflow_o_creates_folders
else fail workflow_o_creates_folders "$(head -n 3 "$T/e.txt")"; fi

$VITA render "$T/broken.yaml" -o "$T/never/x.pdf" 2>"$T/e.txt"
if [ $? -eq 1 ] && [ ! -e "$T/never" ]; then pass workflow_failed_render_leaves_no_folder
else fail workflow_failed_render_leaves_no_folder "$(ls -R "$T/never" 2>&1 | head -n 3)"; fi

$VITA render "$T/sub/cv.yaml" -o "$T/x.docx" 2>"$T/e.txt"
if [ $? -eq 2 ] && grep -q "vita writes .pdf, .tex, .md, .html, .png, .svg" "$T/e.txt" && [ ! -e "$T/x.docx" ]
then pass workflow_unknown_extension; else fail workflow_unknown_extension "$(cat "$T/e.txt")"; fi

# ---- RenderCV's default: rendercv_output/NAME_IN_SNAKE_CASE_CV.pdf beside the CV ----
(cd "$T" && $VITA render sub/cv.yaml) 2>"$T/e.txt"
if [ $? -eq 0 ] && [ -s "$T/sub/rendercv_output/Ada_Lovelace_CV.pdf" ] &&
	grep -qx "vita render: wrote sub/rendercv_output/Ada_Lovelace_CV.pdf" "$T/e.txt"
then pass workflow_default_output; else fail workflow_default_output "$(cat "$T/e.txt")"; fi

# ---- settings.render_command ----
mkdir -p "$T/rc"
cat >"$T/rc/cv.yaml" <<'EOF'
cv:
  name: Ada Lovelace
  sections:
    about:
      - Text.
settings:
  current_date: 2025-03-07
  render_command:
    output_folder: myout
    pdf_path: OUTPUT_FOLDER/NAME_IN_LOWER_KEBAB_CASE-YEAR-MONTH_IN_TWO_DIGITS.pdf
    markdown_path: md/NAME_IN_UPPER_SNAKE_CASE_MONTH_NAME.md
    html_path: OUTPUT_FOLDER/NAME.html
    dont_generate_html: true
    typst_path: x.typ
    design: design.yaml
    locale: locale.yaml
    bogus: 1
EOF
printf 'design:\n  theme: sb2nov\n' >"$T/rc/design.yaml"
printf 'locale:\n  language: german\n' >"$T/rc/locale.yaml"
$VITA render "$T/rc/cv.yaml" 2>"$T/e.txt"
rc=$?
got=$(cd "$T/rc" && find myout md -type f | sort | tr '\n' ' ')
if [ $rc -eq 0 ] && [ "$got" = "md/ADA_LOVELACE_März.md myout/ada-lovelace-2025-03.pdf " ]; then
	pass workflow_render_command_paths
else fail workflow_render_command_paths "exit $rc, files: $got"; fi
grep -q "cv.yaml:14:17: warning: settings.render_command.typst_path: vita writes no Typst" "$T/e.txt" &&
	grep -q "cv.yaml:17:5: warning: unknown key \`bogus\` in \`settings.render_command\`" "$T/e.txt" &&
	pass workflow_render_command_warnings || fail workflow_render_command_warnings "$(cat "$T/e.txt")"
# the split files: German words, sb2nov's New Computer Modern
pdftotext "$T/rc/myout/ada-lovelace-2025-03.pdf" - 2>/dev/null | grep -q "Zuletzt aktualisiert" &&
	pdffonts "$T/rc/myout/ada-lovelace-2025-03.pdf" 2>/dev/null | grep -q NewCM10 &&
	pass workflow_split_files_from_cv || fail workflow_split_files_from_cv "no German or no serif"

# the command line wins: its own files and paths
printf 'design:\n  theme: classic\n' >"$T/classic.yaml"
printf 'settings:\n  current_date: 2024-11-02\n' >"$T/settings.yaml"
$VITA render "$T/rc/cv.yaml" --design "$T/classic.yaml" --settings "$T/settings.yaml" \
	--pdf-path cli/NAME_IN_SNAKE_CASE-DAY_IN_TWO_DIGITS.pdf 2>"$T/e.txt"
if [ $? -eq 0 ] && [ -s "$T/rc/cli/Ada_Lovelace-02.pdf" ] && pdffonts "$T/rc/cli/Ada_Lovelace-02.pdf" | grep -q SourceSans3-
then pass workflow_command_line_wins; else fail workflow_command_line_wins "$(cat "$T/e.txt")"; fi

$VITA render "$T/rc/cv.yaml" -o "$T/rc/o.pdf" 2>"$T/e.txt"
if [ $? -eq 0 ] && [ -s "$T/rc/o.pdf" ] && grep -q "note: settings.render_command's output paths are not used: -o" "$T/e.txt"
then pass workflow_o_wins_with_note; else fail workflow_o_wins_with_note "$(cat "$T/e.txt")"; fi

$VITA render "$T/rc/cv.yaml" --dont-generate-pdf --markdown-path only.md 2>"$T/e.txt"
if [ $? -eq 0 ] && [ -s "$T/rc/only.md" ]; then pass workflow_dont_generate_pdf
else fail workflow_dont_generate_pdf "$(cat "$T/e.txt")"; fi
$VITA render "$T/rc/cv.yaml" --dont-generate-pdf --dont-generate-markdown 2>"$T/e.txt"
[ $? -eq 1 ] && grep -q "every output is turned off" "$T/e.txt" &&
	pass workflow_nothing_to_write || fail workflow_nothing_to_write "$(cat "$T/e.txt")"

# a split file that is missing, or without its key
mkdir -p "$T/split"
printf 'cv:\n  name: X\nsettings:\n  render_command:\n    design: nowhere.yaml\n' >"$T/split/cv.yaml"
$VITA check "$T/split/cv.yaml" 2>"$T/e.txt"
[ $? -eq 1 ] && grep -q "cv.yaml:5:13: error: the design file .*nowhere.yaml. cannot be read: it does not exist" "$T/e.txt" &&
	pass workflow_split_file_missing || fail workflow_split_file_missing "$(cat "$T/e.txt")"
printf 'theme: sb2nov\n' >"$T/split/nowhere.yaml"
$VITA check "$T/split/cv.yaml" 2>"$T/e.txt"
[ $? -eq 1 ] && grep -q "nowhere.yaml:1:1: error: a design file holds a \`design:\` mapping" "$T/e.txt" &&
	pass workflow_split_file_without_key || fail workflow_split_file_without_key "$(cat "$T/e.txt")"

# vita build names its outputs: the CV's paths are ignored, with a warning at them
$VITA build "$T/rc/cv.yaml" -o "$T/bout" >"$T/e.txt" 2>&1
if [ $? -eq 0 ] && [ -s "$T/bout/cv.pdf" ] &&
	grep -q "cv.yaml:9:20: warning: settings.render_command: output paths and dont_generate_\* are ignored by vita build" "$T/e.txt"
then pass workflow_build_ignores_cv_paths; else fail workflow_build_ignores_cv_paths "$(cat "$T/e.txt")"; fi

# ---- overrides ----
$VITA render "$T/sub/cv.yaml" -o "$T/ov.pdf" --cv.name "Grace Hopper" --design.theme=sb2nov \
	--cv.sections.about.0 "Other text." --settings.current_date 2024-01-01 2>"$T/e.txt"
txt=$(pdftotext "$T/ov.pdf" - 2>/dev/null | tr '\n' ' ')
case "$txt" in
*"Jan 2024"*"Grace Hopper"*"Other text."*) pdffonts "$T/ov.pdf" | grep -q NewCM10 && pass workflow_overrides ||
	fail workflow_overrides "theme not applied" ;;
*) fail workflow_overrides "$txt $(cat "$T/e.txt")" ;;
esac

: >"$T/msgs.txt"
for o in "--cv.phone abc" "--cv.sections.about.5 x" "--cv.sections.about.x x" "--cv.name.first x" \
	"--cv..name x" "--settings.current_date 2024-02-30" "--design.theme 3"; do
	# shellcheck disable=SC2086
	$VITA render "$T/sub/cv.yaml" -o "$T/bad.pdf" $o >>"$T/msgs.txt" 2>&1
	echo "exit: $?" >>"$T/msgs.txt"
done
golden workflow_override_messages "$T/msgs.txt" tests/golden/workflow/overrides.txt
[ ! -e "$T/bad.pdf" ] && pass workflow_bad_override_writes_nothing || fail workflow_bad_override_writes_nothing "bad.pdf written"

$VITA render "$T/sub/cv.yaml" --cv.phone 2>"$T/e.txt"
[ $? -eq 2 ] && grep -q "needs a value" "$T/e.txt" && pass workflow_override_without_value ||
	fail workflow_override_without_value "$(cat "$T/e.txt")"
printf '{"basics": {"name": "J"}}\n' >"$T/jr.json"
$VITA render "$T/jr.json" -o "$T/jr.pdf" --cv.name X 2>"$T/e.txt"
[ $? -eq 1 ] && grep -q "apply to RenderCV YAML files; this is a JSON Resume file" "$T/e.txt" &&
	pass workflow_override_json_resume || fail workflow_override_json_resume "$(cat "$T/e.txt")"

# ---- vita new ----
mkdir -p "$T/new-cv"
(cd "$T/new-cv" && $VITA new "Jane Q. Doe" --theme sb2nov --locale german) >"$T/o.txt" 2>&1
f="$T/new-cv/Jane_Q._Doe_CV.yaml"
if [ $? -eq 0 ] && [ -s "$f" ] && grep -q '^  theme: sb2nov$' "$f" && grep -q '^  language: german$' "$f"
then pass workflow_new_writes_starter; else fail workflow_new_writes_starter "$(cat "$T/o.txt")"; fi
$VITA check "$f" >"$T/o.txt" 2>&1
[ $? -eq 0 ] && [ ! -s "$T/o.txt" ] && pass workflow_new_checks_clean || fail workflow_new_checks_clean "$(head -n 5 "$T/o.txt")"
(cd "$T/new-cv" && $VITA render Jane_Q._Doe_CV.yaml) >"$T/o.txt" 2>&1
[ $? -eq 0 ] && pdftotext "$T/new-cv/rendercv_output/Jane_Q._Doe_CV.pdf" - | grep -q "Jane Q. Doe" &&
	pass workflow_new_renders || fail workflow_new_renders "$(cat "$T/o.txt")"
cp "$f" "$T/before.yaml"
(cd "$T/new-cv" && $VITA new "Jane Q. Doe") >"$T/o.txt" 2>&1
[ $? -eq 1 ] && cmp -s "$f" "$T/before.yaml" && grep -q "exists already" "$T/o.txt" &&
	pass workflow_new_never_overwrites || fail workflow_new_never_overwrites "$(cat "$T/o.txt")"
(cd "$T/new-cv" && $VITA new 'Ann "Q" O\Brien') >/dev/null 2>&1
$VITA dump "$T/new-cv/Ann_\"Q\"_O\\Brien_CV.yaml" 2>&1 | grep -q 'name "Ann \\"Q\\" O\\\\Brien"' &&
	pass workflow_new_quotes_the_name || fail workflow_new_quotes_the_name "$($VITA dump "$T/new-cv/Ann_\"Q\"_O\\Brien_CV.yaml" 2>&1 | head -n 3)"
(cd "$T/new-cv" && $VITA new X --theme nosuch) >"$T/o.txt" 2>&1
[ $? -eq 2 ] && grep -q "unknown theme \`nosuch\` (vita has: classic, " "$T/o.txt" && [ ! -e "$T/new-cv/X_CV.yaml" ] &&
	pass workflow_new_unknown_theme || fail workflow_new_unknown_theme "$(cat "$T/o.txt")"
(cd "$T/new-cv" && $VITA new X --locale klingon) >"$T/o.txt" 2>&1
[ $? -eq 2 ] && grep -q "unknown locale \`klingon\` (vita has: english, " "$T/o.txt" &&
	pass workflow_new_unknown_locale || fail workflow_new_unknown_locale "$(cat "$T/o.txt")"

# ---- authors as RenderCV shows them: *italic*, **bold**, ***both***, no one bolded unmarked ----
cat >"$T/authors.yaml" <<'Y'
cv:
  name: John Doe
  sections:
    publications:
      - title: T
        authors: ['*John Doe*', '**Max Mustermann**', '***Ann Li***', 'Bo Wu']
        date: 2020-01
      - title: U
        authors: ['J. Doe', 'Bo Wu']
        date: 2020-01
Y
$VITA render "$T/authors.yaml" --dump-compose 2>&1 | grep 'main: .*", "' >"$T/au.txt"
$VITA render "$T/authors.yaml" --dump-compose --settings.bold_owner true 2>&1 | grep 'main: .*", "' >>"$T/au.txt"
want='    main: *("John Doe") ", " **("Max Mustermann") ", " **(*("Ann Li")) ", " "Bo Wu"
    main: "J. Doe" ", " "Bo Wu"
    main: *("John Doe") ", " **("Max Mustermann") ", " **(*("Ann Li")) ", " "Bo Wu"
    main: **("J. Doe") ", " "Bo Wu"'
[ "$(cat "$T/au.txt")" = "$want" ] && pass workflow_author_emphasis || fail workflow_author_emphasis "$(cat "$T/au.txt")"
$VITA render "$T/authors.yaml" -o "$T/au.pdf" 2>/dev/null
pdffonts "$T/au.pdf" | grep -q 'Italic' && pdffonts "$T/au.pdf" | grep -q 'BoldItalic' &&
	pass workflow_author_emphasis_fonts || fail workflow_author_emphasis_fonts "$(pdffonts "$T/au.pdf")"
$VITA render "$T/authors.yaml" -o "$T/au.pdf" --settings.bold_owner yes 2>"$T/e.txt"
[ $? -eq 1 ] && grep -q -- '--settings.bold_owner: error: settings.bold_owner: expected true or false, got `yes`' "$T/e.txt" &&
	pass workflow_bold_owner_checked || fail workflow_bold_owner_checked "$(cat "$T/e.txt")"
