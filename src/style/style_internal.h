/*
 * What the style loader's files share (style.c: the key table and the walk; values.c: the
 * parsers of the values a design key holds).  Not part of the public API.
 */
#ifndef VITA_STYLE_INTERNAL_H
#define VITA_STYLE_INTERNAL_H

#include <stdbool.h>

#include "vita/cv.h"
#include "vita/style.h"

/* A length as written: kept with its unit until every file is read, because `em` is relative to
 * a body size that a later file may set. */
typedef struct length {
	double value;
	char unit[3]; /* "pt", "in", "cm", "mm", "em" */
	bool set;
	bool from_cv; /* written in the CV's own design block, not a theme file */
	vita_pos pos;
} length;

/* "0.7in", "-0.1cm", "10pt", "1.2em", or a bare 0; false for anything else. */
bool style_parse_length(const char *s, length *out);
/* The length in points, `em` taken relative to body (pt). */
double style_length_pt(const length *l, double body);
/* A colour as RenderCV accepts it: a keyword, #rgb/#rrggbb (with or without #), rgb(), hsl(). */
bool style_parse_color(const char *s, vita_rgb *out);

#endif
