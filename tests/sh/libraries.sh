#!/bin/sh
# The libraries only some inputs need are opened when one does (base.h, vita_dl_bind), never
# linked: libjpeg for a JPEG photo, yajl for a JSON Resume, libbtparse for a .bib section,
# libhyphen for a German CV's hyphenation, FriBidi for an Arabic CV.  vita links none of them; a YAML CV to PDF loads none
# (the dynamic loader's LD_DEBUG=files names every object it maps); each input loads its own, and
# renders.
. tests/lib.sh
T=$VITA_TMP/libraries
rm -rf "$T"; mkdir -p "$T"
V=$VITA_BUILD/vita
LIBS='libbtparse|libyajl|libjpeg|libhyphen|libfribidi'

if ! command -v ldd >/dev/null 2>&1; then skip libraries_not_linked "ldd is not installed"
elif ldd "$V" | grep -Eq "$LIBS"; then fail libraries_not_linked "vita links $(ldd "$V" | grep -Eo "$LIBS" | tr '\n' ' ')"
else pass libraries_not_linked; fi

# loaded INPUT OUT: the libraries of $LIBS the render of INPUT to OUT maps (LD_DEBUG writes stderr)
loaded() {
	LD_DEBUG=files "$V" render "$1" -o "$2" 2>&1 >/dev/null | grep -Eo "file=($LIBS)[^ ]*" | sort -u | tr '\n' ' '
}
got=$(loaded tests/fixtures/minimal.yaml "$T/minimal.pdf")
if [ -s "$T/minimal.pdf" ] && [ -z "$got" ]; then pass libraries_not_loaded_for_yaml
else fail libraries_not_loaded_for_yaml "a YAML CV to PDF loaded: ${got:-(no PDF)}"; fi

# opened NAME LIB INPUT: INPUT renders and loads LIB
opened() {
	got=$(loaded "$3" "$T/$1.pdf")
	if [ -s "$T/$1.pdf" ] && echo "$got" | grep -q "file=$2"; then pass "$1"
	else fail "$1" "loaded '${got}' for $3 (want $2), or no PDF"; fi
}
opened libraries_json_opens_yajl libyajl tests/fixtures/jsonresume.json
opened libraries_bib_opens_btparse libbtparse tests/fixtures/bibsection/cv.yaml
opened libraries_rtl_opens_fribidi libfribidi tests/fixtures/rtl-arabic.yaml
cp tests/fixtures/pdf/photo.jpg "$T/photo.jpg"
printf 'cv:\n  name: Ada Lovelace\n  photo: photo.jpg\n  sections:\n    about:\n      - "A photo."\n' >"$T/photo.yaml"
opened libraries_jpeg_opens_libjpeg libjpeg "$T/photo.yaml"
if [ -f /usr/share/hyphen/hyph_de_DE.dic ]; then
	printf 'cv:\n  name: Ada Lovelace\n  sections:\n    about:\n      - "Die Universitätsbibliothek koordiniert Forschungsdatenmanagement, Langzeitarchivierung und Digitalisierungsprojekte."\ndesign:\n  page:\n    left_margin: 7cm\n    right_margin: 7cm\nlocale:\n  language: german\n' >"$T/german.yaml"
	opened libraries_german_opens_libhyphen libhyphen "$T/german.yaml"
else skip libraries_german_opens_libhyphen "hyphen-de is not installed (scripts/deps.sh installs it)"; fi
