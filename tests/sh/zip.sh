#!/bin/sh
# The LaTeX output as one .zip (src/render/zip.c): -o cv.zip and --zip hold exactly the files
# -o cv.tex writes (the .tex named after the archive, its class vita-THEME.cls, fonts/, licences, the photo), byte
# for byte; two runs with SOURCE_DATE_EPOCH write the same archive with that date on every entry;
# the default output path ends in .zip; and vita does not link libzip (it is opened for a .zip).
. tests/lib.sh
T=$VITA_TMP/zip
rm -rf "$T"; mkdir -p "$T/a" "$T/b" "$T/c"
CV=tests/fixtures/all-kinds.yaml
export SOURCE_DATE_EPOCH=1700000000
if $VITA render "$CV" -o "$T/a/cv.zip" 2>"$T/a.err" && $VITA render "$CV" -o "$T/folder/cv.tex" 2>/dev/null &&
	python3 - "$T/a/cv.zip" "$T/folder" >"$T/cmp.txt" 2>&1 <<'PY'
import os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
folder = sys.argv[2]
on_disk = sorted(os.path.relpath(os.path.join(d, f), folder) for d, _, fs in os.walk(folder) for f in fs)
names = sorted(z.namelist())
if names != on_disk:
    sys.exit('entries %s, the folder %s' % (names, on_disk))
for n in names:
    if z.read(n) != open(os.path.join(folder, n), 'rb').read():
        sys.exit('%s differs' % n)
    if z.getinfo(n).date_time[:3] != (2023, 11, 14):
        sys.exit('%s dated %s' % (n, z.getinfo(n).date_time))
    if z.getinfo(n).compress_type != zipfile.ZIP_DEFLATED:
        sys.exit('%s stored, not deflated' % n)
print(len(names), 'entries')
PY
then pass zip_same_files
else sed 's/^/    /' "$T/a.err" "$T/cmp.txt"; fail zip_same_files "the archive does not hold the LaTeX output's files"; fi

$VITA render "$CV" -o "$T/b/cv.tex" --zip 2>/dev/null
if [ ! -e "$T/b/cv.tex" ] && cmp -s "$T/a/cv.zip" "$T/b/cv.zip"; then pass zip_flag_deterministic
else ls -l "$T/b" | sed 's/^/    /'; fail zip_flag_deterministic "--zip with -o cv.tex did not write the same cv.zip"; fi

cp "$CV" "$T/c/cv.yaml"
if $VITA render "$T/c/cv.yaml" --zip 2>/dev/null && ls "$T/c/rendercv_output/"*_CV.zip >/dev/null 2>&1; then
	pass zip_default_path
else find "$T/c" | sed 's/^/    /'; fail zip_default_path "no rendercv_output/NAME_CV.zip without -o"; fi

if command -v ldd >/dev/null 2>&1; then
	if ldd "$VITA_BUILD/vita" | grep -q libzip; then fail zip_not_linked "vita links libzip: every render would load it"
	else pass zip_not_linked; fi
else skip zip_not_linked "ldd is not installed"; fi
