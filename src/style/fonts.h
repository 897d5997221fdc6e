/*
 * The font families vita can use: the faces found in <data>/fonts/ (read from each file's name
 * table, so a TrueType font dropped into that folder is usable by name), and the families vita ships
 * there, which stand in for any family the folder lacks.
 *
 * One catalogue serves the style loader (is a named family available, or what replaces it), the
 * layout (which file holds which face) and the LaTeX writer (the file names fontspec loads), so the
 * backends can never disagree about a family.  A catalogue is built once per process and folder,
 * then read-only (threads share it).
 */
#ifndef VITA_STYLE_FONTS_H
#define VITA_STYLE_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a stand-in face is set so that it takes the room of the face it replaces (as CSS's
 * size-adjust and ascent-override do for a fallback font): its glyphs drawn `scale` times the
 * font size, so that a line of it is as long as one of the original; the word space and the cap
 * height (which sets the line height, as in Typst) the original's, in em of the font size.  Per
 * face: regular, bold, italic, bold italic. */
typedef struct vita_font_metrics {
	const char *instead_of;  /* "Fontin": the family the stand-in takes the room of */
	double scale[4];
	double space[4];
	double cap[4];
} vita_font_metrics;

typedef struct vita_font_family {
	const char *family;      /* "Noto Sans" */
	const char *regular;     /* file names in <data>/fonts/ (or in dir); a missing face is NULL */
	const char *bold, *italic, *bold_italic;
	const char *dir;         /* NULL: <data>/fonts/; else the absolute folder of the files */
	int index[4];            /* the face in a collection: regular, bold, italic, bold italic */
	const vita_font_metrics *metrics; /* a stand-in (family is then the name it stands in for, the
	                                   * files another family's): the original's metrics; else NULL */
	const char *files_family;         /* a stand-in: the family whose files these are */
} vita_font_family;

/* One face of a font file in the folder. */
typedef struct vita_font_face {
	const char *path;   /* the file */
	int index;          /* the face in a collection (.ttc), 0 otherwise */
	const char *family; /* the typographic family name from the name table */
	bool bold, italic;  /* from OS/2 (weight, fsSelection), else head.macStyle */
} vita_font_face;

typedef struct vita_font_catalogue {
	const char *dir;
	const vita_font_face *faces; /* in file-name order: the layout's fallback order */
	size_t nfaces;
	const vita_font_family *families; /* those with a regular face */
	size_t nfamilies;
} vita_font_catalogue;

/* The catalogue of a folder (empty when the folder is missing or has no .ttf/.ttc). */
const vita_font_catalogue *vita_font_catalogue_of(const char *dir);
/* Drops the cached catalogue of dir (of every folder when dir is NULL), so that the next lookup
 * reads the folder again: for a caller that changed the fonts in it (the font fuzz harness writes
 * each input to the same path).  No family or face of a dropped catalogue may still be in use. */
void vita_font_catalogue_forget(const char *dir);

/* The family of that name (case-insensitive): in <data>/fonts/, else in <data>/fonts/themes/ (the
 * themes' own families), else among the families vita ships, else among the installed fonts
 * (src/style/installed.c).  dir is set for all but <data>/fonts/'s own.  NULL when none has it.
 * Families of fonts/themes/ and installed ones are not in the per-character fallback order: they
 * are used where a style names them. */
const vita_font_family *vita_font_family_find(const char *family);
/* A family RenderCV names whose fonts vita cannot ship, when it is not installed: the open face
 * that stands in for it, under the original's name and with its metrics (Fontin: Gentium Book
 * Plus at 1.038 of the size, Fontin's word space and cap height).  NULL for any other name. */
const vita_font_family *vita_font_family_stand_in(const char *family);
/* The width of the word space of one face of the family (slot 0-3: regular, bold, italic, bold
 * italic), em (0: unreadable); for the LaTeX and HTML writers, which give a stand-in the
 * original's word space as a ratio of, or an addition to, its own. */
double vita_font_family_space(const vita_font_family *f, int slot);
/* A face's ascender plus descender, em of the font size (a stand-in's scaled): the height the layout
 * gives a line set in it (slot as above; the regular's file when the family lacks the face). */
double vita_font_family_extent(const vita_font_family *f, int slot);
/* Whether the family's regular face joins letters into ligatures (fi, ffi or fl shaped into fewer
 * glyphs than letters), as the layout forms them under typography.ligatures; for the LaTeX writer,
 * which turns the font's ligatures off where vita's PDF forms none. */
bool vita_font_family_ligates(const vita_font_family *f);
/* The height of the capital H of the family's regular face, em (0: unreadable): what TeX's
 * \fontcharht gives, which the class scales to a stand-in's cap height. */
double vita_font_family_cap(const vita_font_family *f);
/* The cap height the layout gives the family's regular face, em of the font size: OS/2
 * sCapHeight (else HarfBuzz's estimate), a stand-in's the original's. */
double vita_font_family_layout_cap(const vita_font_family *f);
/* The same for one face (slot 0-3: regular, bold, italic, bold italic; the regular's file when the
 * family lacks the face): a bold role's line is measured by the bold face's cap height. */
double vita_font_family_layout_cap_face(const vita_font_family *f, int slot);
/* The family that best stands in for any family name: the family itself when available, else a
 * known open equivalent (vita_font_family_stand_in), else the shipped Noto Serif for
 * serif-looking names, Noto Sans Mono for monospaced ones, Noto Sans otherwise. */
const vita_font_family *vita_font_family_substitute(const char *family);
/* The same two, looking first in cv_fonts, the CV's own fonts/ folder (vita_style.cv_fonts; NULL:
 * none), as RenderCV adds the folder beside the CV to Typst's font paths. */
const vita_font_family *vita_font_family_find_near(const char *cv_fonts, const char *family);
const vita_font_family *vita_font_family_substitute_near(const char *cv_fonts, const char *family);
/* An installed family of that name (fontconfig; src/style/installed.c), or NULL; asked once per
 * process and name. */
const vita_font_family *vita_font_installed(const char *family);
/* The installed font (fontconfig) whose regular upright face has code point cp, for a character
 * no other font draws; NULL when none has it.  Asked once per process and character. */
const vita_font_face *vita_font_installed_for(uint32_t cp);
/* The Debian package that installs a family vita knows by name (Lato: fonts-lato), or NULL. */
const char *vita_font_family_package(const char *family);

#endif
