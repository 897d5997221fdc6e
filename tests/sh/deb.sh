#!/bin/sh
# The Debian package (debian/, `make deb`): it builds with dpkg-buildpackage in a copy of the tree;
# the .deb holds the binary, the raster backend, the data, the manual and the completion; its
# Depends are the shared libraries vita links (${shlibs:Depends}) and the fallback chain's font
# packages; lintian reports no error; as root, it installs with dpkg -i, the installed /usr/bin/vita
# renders a profile from / with an empty environment (the same bytes as build/vita: the fonts the
# package links from fonts-noto-core are vita's own), and dpkg --purge removes every file.
# Not in the sanitizer and valgrind passes (the package is built with its own flags, not theirs)
# nor with VITA_NO_TEX (it takes a minute or two, like the TeX tests).
. tests/lib.sh
T=$VITA_TMP/deb
rm -rf "$T"; mkdir -p "$T"
if [ "${VITA_SANITIZED:-}" = 1 ] || [ -n "${VITA_WRAP:-}" ]; then
	skip deb "the package is built with Debian's flags, not the sanitizer's or valgrind's: the plain suite checks it"; exit 0
fi
if [ "${VITA_NO_TEX:-}" = 1 ]; then skip deb "VITA_NO_TEX=1 (quick run): building the package takes minutes"; exit 0; fi
for tool in dpkg-buildpackage dh lintian; do
	command -v $tool >/dev/null 2>&1 || { skip deb "$tool is not installed (debhelper, devscripts, lintian: make deps-test)"; exit 0; }
done
ROOT=$VITA_ROOT
if ! make -C "$ROOT" --no-print-directory deb DEB_DIR="$T/pkg" >"$T/build.txt" 2>&1; then
	tail -n 25 "$T/build.txt"; fail deb_builds "make deb failed"; exit 0
fi
DEB=$(ls "$T"/pkg/vita_*.deb 2>/dev/null | head -n 1)
if [ -n "$DEB" ]; then pass deb_builds; else fail deb_builds "no vita_*.deb in $T/pkg"; exit 0; fi

bad=""
dpkg-deb -c "$DEB" | awk '{print $6}' >"$T/files.txt"
for f in ./usr/bin/vita ./usr/lib/vita/vita-raster.so ./usr/lib/vita/vita-phone.so ./usr/share/vita/styles/classic.yaml \
	./usr/share/vita/styles/locales/german.yaml ./usr/share/vita/fonts/NotoSans-Regular.ttf \
	./usr/share/vita/fonts/LICENSE-OFL-1.1.txt ./usr/share/man/man1/vita.1.gz \
	./usr/share/bash-completion/completions/vita ./usr/share/doc/vita/copyright; do
	grep -q -x -F "$f" "$T/files.txt" || bad="$bad [no $f]"
done
dep=$(dpkg-deb -f "$DEB" Depends)
for p in libhpdf libyaml libharfbuzz0b libharfbuzz-subset libcmark libutf8proc libunibreak libfribidi \
	libpng16 libdeflate0 libcairo2 fonts-noto-core fonts-noto-cjk fonts-symbola; do
	case "$dep" in *"$p"*) ;; *) bad="$bad [Depends lacks $p]" ;; esac
done
if [ -z "$bad" ]; then pass deb_contents_and_depends; else fail deb_contents_and_depends "$bad (Depends: $dep)"; fi

lintian --fail-on error "$DEB" >"$T/lintian.txt" 2>&1
rc=$?
if [ $rc -eq 0 ] && ! grep -q '^E: ' "$T/lintian.txt"; then pass deb_lintian_no_errors
else grep '^E: ' "$T/lintian.txt" | head -n 10; fail deb_lintian_no_errors "lintian exit $rc"; fi

if [ "$(id -u)" -ne 0 ]; then skip deb_install_purge "dpkg -i needs root"; exit 0; fi
if dpkg-query -W -f='${Status}' vita 2>/dev/null | grep -q installed; then
	skip deb_install_purge "a vita package is already installed on this machine; not replacing it"; exit 0
fi
bad=""
dpkg -i "$DEB" >"$T/dpkg.txt" 2>&1 || bad="$bad [dpkg -i: $(tail -n 3 "$T/dpkg.txt")]"
cp "$ROOT/content/jiazhi-jiang.yaml" "$T/cv.yaml"
(cd / && env -i SOURCE_DATE_EPOCH=1767225600 /usr/bin/vita render "$T/cv.yaml" -o "$T/cv.pdf") 2>"$T/err.txt" ||
	bad="$bad [render: $(head -n 2 "$T/err.txt")]"
SOURCE_DATE_EPOCH=1767225600 $VITA render "$T/cv.yaml" -o "$T/ref.pdf" 2>/dev/null
cmp -s "$T/cv.pdf" "$T/ref.pdf" || bad="$bad [the package's PDF differs from build/vita's]"
(cd / && env -i /usr/bin/vita render "$T/cv.yaml" -o "$T/cv.tex") 2>>"$T/err.txt" || bad="$bad [render .tex: $(head -n 2 "$T/err.txt")]"
head -c 5 "$T/cv.pdf" 2>/dev/null | grep -q '%PDF-' || bad="$bad [no PDF]"
# the .tex's class loads the fonts copied beside it from the package's /usr/share/vita/fonts/
cmp -s /usr/share/vita/fonts/themes/SourceSans3-Regular.ttf "$T/fonts/SourceSans3-Regular.ttf" ||
	bad="$bad [no fonts/SourceSans3-Regular.ttf copied from /usr/share/vita/fonts/themes/ beside the .tex (classic's font)]"
dpkg --purge vita >>"$T/dpkg.txt" 2>&1 || bad="$bad [dpkg --purge: $(tail -n 3 "$T/dpkg.txt")]"
for f in /usr/bin/vita /usr/lib/vita /usr/share/vita /usr/share/man/man1/vita.1.gz /usr/share/doc/vita \
	/usr/share/bash-completion/completions/vita; do
	[ -e "$f" ] && bad="$bad [$f left after purge]"
done
dpkg-query -W -f='${Status}' vita 2>/dev/null | grep -q installed && bad="$bad [still installed]"
if [ -z "$bad" ]; then pass deb_install_purge; else fail deb_install_purge "$bad"; fi
