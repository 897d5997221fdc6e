#!/bin/sh
# The style files compiled into vita (load/builtin.h) against the files in styles/: every theme is
# rendered to PDF and every locale to Markdown twice, once from the binary (VITA_DATA_DIR is the
# folder vita was built for) and once from a copy of styles/ in another data folder (read and parsed
# from disk, as a custom data folder is); the outputs must be byte-identical.  A copy with one
# colour changed must give another PDF: the proof that the copy is read, so the comparison can fail.
. tests/lib.sh
T="$VITA_TMP/builtin_styles"
mkdir -p "$T/data"
cp -r styles "$T/data/styles"
ln -s "$VITA_ROOT/fonts" "$T/data/fonts"
export SOURCE_DATE_EPOCH=1893456000

cv() { # theme language > cv.yaml
	cat <<CV
cv:
  name: Ada Example
  location: Berlin
  email: ada@example.com
  sections:
    experience:
      - company: Acme
        position: Engineer
        start_date: 2020-06
        end_date: present
        highlights:
          - Built the **fast** path of a renderer, measured with callgrind
    education:
      - institution: Uni
        area: Physics
        degree: BS
        start_date: 2016-09
        end_date: 2020-05
design:
  theme: $1
locale:
  language: $2
CV
}

bad=""
for f in styles/*.yaml; do
	theme=$(basename "$f" .yaml)
	cv "$theme" english >"$T/$theme.yaml"
	$VITA render "$T/$theme.yaml" -o "$T/$theme.builtin.pdf" 2>"$T/err" || bad="$bad [$theme: $(head -n 1 "$T/err")]"
	VITA_DATA_DIR="$T/data" $VITA render "$T/$theme.yaml" -o "$T/$theme.file.pdf" 2>"$T/err" ||
		bad="$bad [$theme from the copy: $(head -n 1 "$T/err")]"
	cmp -s "$T/$theme.builtin.pdf" "$T/$theme.file.pdf" || bad="$bad [$theme: the PDFs differ]"
done
if [ -z "$bad" ]; then pass builtin_themes_equal_files; else fail builtin_themes_equal_files "$bad"; fi

bad=""
for f in styles/locales/*.yaml; do
	lang=$(basename "$f" .yaml)
	cv classic "$lang" >"$T/cv-$lang.yaml"
	$VITA render "$T/cv-$lang.yaml" -o "$T/$lang.builtin.md" 2>"$T/err" || bad="$bad [$lang: $(head -n 1 "$T/err")]"
	VITA_DATA_DIR="$T/data" $VITA render "$T/cv-$lang.yaml" -o "$T/$lang.file.md" 2>"$T/err" ||
		bad="$bad [$lang from the copy: $(head -n 1 "$T/err")]"
	cmp -s "$T/$lang.builtin.md" "$T/$lang.file.md" || bad="$bad [$lang: the Markdown differs]"
done
if [ -z "$bad" ]; then pass builtin_locales_equal_files; else fail builtin_locales_equal_files "$bad"; fi

# the copy is really read: a changed colour in it changes its PDF, not the compiled one's
sed 's/^\(    name: \)rgb([^)]*)/\1rgb(200, 0, 0)/' styles/classic.yaml >"$T/data/styles/classic.yaml"
if cmp -s styles/classic.yaml "$T/data/styles/classic.yaml"; then
	fail builtin_copy_is_read "the sed found no name colour in styles/classic.yaml"
else
	VITA_DATA_DIR="$T/data" $VITA render "$T/classic.yaml" -o "$T/changed.pdf" 2>"$T/err"
	$VITA render "$T/classic.yaml" -o "$T/again.pdf" 2>"$T/err"
	if cmp -s "$T/changed.pdf" "$T/classic.builtin.pdf"; then fail builtin_copy_is_read "the changed copy gave the same PDF"
	elif ! cmp -s "$T/again.pdf" "$T/classic.builtin.pdf"; then fail builtin_copy_is_read "the compiled style read the copy"
	else pass builtin_copy_is_read; fi
fi
