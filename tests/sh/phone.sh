#!/bin/sh
# Phone numbers as RenderCV shows them (design.header.connections.phone_number_format, through
# src/phone/ and libphonenumber): national (the default), international and E164 for numbers of the
# US, Germany, Great Britain and Japan, one libphonenumber reads but finds invalid and one it cannot
# read (both shown as written, with a warning), in the composition and every backend that writes
# text (.tex, HTML, Markdown: one golden per format, tests/golden/phone/); the tel: link stays E.164.
# vita-phone.so is opened only by a render that shows a phone number (the dynamic loader's own log),
# vita itself links no libphonenumber, and a vita without the object warns once and shows the
# numbers as written.
. tests/lib.sh
T=$VITA_TMP/phone
rm -rf "$T"; mkdir -p "$T"
cat >"$T/cv.yaml" <<'YAML'
cv:
  name: Ada Lovelace
  phone:
    - "+1 415 555 2671"
    - "+49 30 901820"
    - "+44 20 7946 0958"
    - "+81 3-1234-5678"
    - "+1 55555"
    - "555 1234"
  sections:
    about:
      - Plain text.
YAML
for fmt in default national international E164; do
	f=$T/$fmt.yaml
	cp "$T/cv.yaml" "$f"
	[ $fmt = default ] || printf 'design:\n  header:\n    connections:\n      phone_number_format: %s\n' $fmt >>"$f"
	out=$T/$fmt.txt
	{
		echo "== stderr"
		$VITA render "$f" -o "$T/$fmt.pdf" 2>&1 | sed "s|$f|cv.yaml|g"
		echo "== composition"
		$VITA render --dump-compose "$f" 2>/dev/null | grep '^  connection:'
		echo "== .tex"
		$VITA render "$f" -o "$T/$fmt.tex" 2>/dev/null && grep -o '\\connection{.*' "$T/$fmt.tex"
		echo "== HTML"
		$VITA render "$f" -o "$T/$fmt.html" 2>/dev/null && sed 's|<svg.*</svg> ||' "$T/$fmt.html" | grep -o '<a href="tel:[^<]*</a>\|<li>555[^<]*'
		echo "== Markdown"
		$VITA render "$f" -o "$T/$fmt.md" 2>/dev/null && grep -o '\[[^]]*\](tel:[^)]*)\|555 1234' "$T/$fmt.md"
	} >"$out"
	[ $fmt = default ] && continue
	golden "phone_format_$fmt" "$out" "tests/golden/phone/$fmt.txt"
done
# RenderCV's default is national
if cmp -s "$T/default.txt" "$T/national.txt"; then pass phone_default_national
else diff "$T/national.txt" "$T/default.txt" | head -20; fail phone_default_national "the default is not national"; fi

# the PDF shows the same text (its text layer)
if pdftotext "$T/international.pdf" - 2>/dev/null | grep -q '+44 20 7946 0958' &&
	pdftotext "$T/national.pdf" - 2>/dev/null | grep -q '(415) 555-2671'; then pass phone_pdf_text
else fail phone_pdf_text "the PDF does not show the formatted numbers"; fi

# opened only when a number is shown; never linked into vita
V=$VITA_BUILD/vita
printf 'cv:\n  name: Ada\n  email: ada@example.org\n' >"$T/nophone.yaml"
LD_DEBUG=files "$V" render "$T/nophone.yaml" -o "$T/nophone.pdf" 2>"$T/nophone.ld"
LD_DEBUG=files "$V" render "$T/national.yaml" -o "$T/national2.pdf" 2>"$T/phone.ld"
if ! grep -q 'vita-phone.so\|libphonenumber' "$T/nophone.ld" && grep -q 'file=.*vita-phone.so.*dynamically loaded' "$T/phone.ld" &&
	grep -q 'file=libphonenumber' "$T/phone.ld"; then pass phone_loaded_on_demand
else fail phone_loaded_on_demand "vita-phone.so loaded without a phone number, or not with one"; fi
if ldd "$V" | grep -q 'phonenumber\|icu\|protobuf'; then fail phone_not_linked "$(ldd "$V" | grep 'phonenumber\|icu\|protobuf')"
else pass phone_not_linked; fi

# without the object: one warning naming why, the numbers as written, the render succeeds
if [ -e /usr/local/lib/vita/vita-phone.so ]; then
	skip phone_object_missing "/usr/local/lib/vita/vita-phone.so is installed"
else
	mkdir -p "$T/alone/bin"
	cp "$V" "$T/alone/bin/vita"
	$VITA_WRAP "$T/alone/bin/vita" render --dump-compose "$T/international.yaml" >"$T/alone.compose" 2>"$T/alone.err"
	rc=$?
	n=$(grep -c 'warning' "$T/alone.err")
	if [ $rc -eq 0 ] && [ "$n" -eq 1 ] &&
		grep -q 'warning: phone numbers are shown as written (design.header.connections.phone_number_format needs vita-phone.so, with libphonenumber): looked for .*alone/bin/vita-phone.so' "$T/alone.err" &&
		grep -q 'connection: .*"+1 415 555 2671"' "$T/alone.compose"; then pass phone_object_missing
	else sed 's/^/    /' "$T/alone.err"; fail phone_object_missing "exit $rc, $n warnings"; fi
fi
