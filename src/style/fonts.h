/*
 * The font families vita ships in <data>/fonts/, and the file of each face.
 *
 * The style loader replaces a family vita does not ship (RenderCV's "Source Sans 3", "XCharter", …)
 * by the nearest shipped one, so the PDF and the LaTeX backends always name a family that exists;
 * the LaTeX writer uses the file names to load the faces with fontspec's Path= option.
 */
#ifndef VITA_STYLE_FONTS_H
#define VITA_STYLE_FONTS_H

#include <stdbool.h>

typedef struct vita_font_family {
	const char *family;      /* "Noto Sans" */
	const char *regular;     /* file names in <data>/fonts/; a missing face is NULL */
	const char *bold, *italic, *bold_italic;
} vita_font_family;

/* The shipped family of that name (case-insensitive), or NULL. */
const vita_font_family *vita_font_family_find(const char *family);
/* The shipped family that best stands in for any family name: the family itself when shipped,
 * else Noto Serif for serif-looking names, Noto Sans Mono for monospaced ones, Noto Sans otherwise. */
const vita_font_family *vita_font_family_substitute(const char *family);

#endif
