/*
 * The text engine: fonts, per-character fallback, shaping, and line breaking.
 *
 * The block layout (blocks.c, pages.c) builds a paragraph from styled runs — usually straight from a
 * field's span tree — and asks for it to be set to a width.  The result is lines of positioned
 * pieces (vita_items, relative to the paragraph's top-left corner) that the block layout moves into
 * place.  Everything typographic lives behind this interface: HarfBuzz metrics and kerning, the
 * fallback chain (Latin family → CJK fallback → a warning), libunibreak break opportunities,
 * libhyphen hyphenation, Knuth–Plass (first-fit for pathological lengths), and the last-resort
 * break of an unbreakable string (a long URL) at a character boundary.
 */
#ifndef VITA_LAYOUT_TEXT_H
#define VITA_LAYOUT_TEXT_H

#include "base/base.h"
#include "vita/cv.h"
#include "vita/frame.h"
#include "vita/style.h"

/* The fonts of one document: families found in <data>/fonts/, loaded on first use, and the list of
 * font files the document uses (which becomes doc->fonts). One per document (not thread-shared). */
typedef struct vita_fonts vita_fonts;

vita_fonts *fonts_new(const vita_style *st, vita_diags *d);
void fonts_free(vita_fonts *f);
/* Copies the fonts actually used into doc->fonts (arena-allocated in doc->arena). */
void fonts_export(const vita_fonts *f, vita_doc *doc);

/* How a run of text looks. */
typedef struct text_attr {
	const char *family; /* a family name from the style, e.g. "Noto Sans" */
	double size;        /* pt */
	bool bold, italic, mono, small_caps;
	bool superscript;   /* smaller and raised, e.g. author notes "*", "#" */
	vita_rgb color;
	const char *link;   /* when set, the run's words are also covered by LINK items */
	bool underline;     /* draw a rule under the run */
} text_attr;

typedef struct para para;

para *para_new(void);
void para_free(para *p);
/* Appends UTF-8 text.  pos is where it came from (for the warning about a character no font has). */
void para_add(para *p, const char *utf8, size_t len, const text_attr *a, vita_pos pos);
/* Appends a span tree: STRONG → bold, EMPH → italic, CODE → mono, LINK → link (+ link colour),
 * BREAK → forced line break. */
void para_add_spans(para *p, const vita_span *s, const text_attr *base, const vita_style *st,
                    vita_pos pos);
/* A forced line break. */
void para_break(para *p);
bool para_empty(const para *p);

typedef struct para_opts {
	double width;        /* the measure, pt */
	vita_align align;    /* LEFT, CENTER, RIGHT, JUSTIFIED (last line of a justified paragraph: left) */
	double extra;        /* space between lines, pt (style->line_spacing): a line's height is its
	                      * largest ascent + largest descent, and lines are `extra` apart */
	bool hyphenate;      /* allow hyphenation (only justified text uses it) */
	double indent_first; /* first-line indent (negative values are not supported) */
} para_opts;

typedef struct set_line {
	double top;       /* of the line box, relative to the paragraph top */
	double baseline;  /* relative to the paragraph top */
	double width;     /* natural width of the content */
	size_t first, n;  /* items of this line in set_para.items */
} set_line;

typedef struct set_para {
	vita_item *items; /* TEXT, LINK (and RULE for underlines), x/y relative to the paragraph's top-left */
	size_t nitems;
	set_line *lines;
	size_t nlines;
	double height;    /* total, including descent of the last line */
	double width;     /* widest line */
} set_para;

/* Sets a paragraph; returns 0, or -1 after reporting an error.  Items' strings live in arena. */
int para_set(vita_fonts *f, const para *p, const para_opts *o, vita_arena *arena, set_para *out,
             vita_diags *d);
void set_para_free(set_para *s);

/* Width of a single-line string in the given attributes (no breaking), pt. */
double text_width(vita_fonts *f, const char *utf8, const text_attr *a);
/* Ascent and descent (positive) of a size in a family, pt — for spacing computations. */
void text_metrics(vita_fonts *f, const text_attr *a, double *ascent, double *descent);

#endif
