/*
 * The catalogue of the fonts vita ships (fonts/, fonts/themes/, fonts/icons/), read at build time:
 * scripts/gen_fonts.c runs the catalogue over those folders and writes $(BUILD)/gen/fonts.c, one
 * record per face with its file's size and modification time.  At run time a file whose size and
 * time still match is taken from the record instead of being opened and its name and OS/2 tables
 * read (0.3 M instructions for the 37 shipped files, on every render's first family look-up); a
 * changed or added file, another data folder ($VITA_DATA_DIR elsewhere, an installed copy) and a
 * CV's own fonts/ are read as before.
 */
#ifndef VITA_STYLE_FONTCAT_H
#define VITA_STYLE_FONTCAT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

typedef struct vita_known_face {
	char folder[8];  /* "" (fonts/), "themes" or "icons" */
	char file[64];   /* the file's name in it */
	char family[64]; /* "" for a file the catalogue takes no face from */
	long long size, mtime_sec;
	long mtime_nsec;
	int index;       /* in a collection */
	bool bold, italic;
} vita_known_face;

/* The generated records, in the catalogue's order (folder, file name, face index). */
extern const vita_known_face vita_known_faces[];
extern const size_t vita_known_nfaces;

/* "", "themes" or "icons" when dir is that folder of vita's own data folder (vita_env.own_data);
 * NULL otherwise. */
const char *fontcat_folder(const char *dir);
/* The records of file `name` of folder when its size and time (st) are the recorded ones, *n of
 * them (a file with no face has one record, family ""); NULL when not recorded: read the file. */
const vita_known_face *fontcat_lookup(const char *folder, const char *name, const struct stat *st, size_t *n);
/* Whether the catalogue reads a file of this name: .ttf, .ttc or .otf, not hidden. */
bool fontcat_is_font_file(const char *name);

#endif
