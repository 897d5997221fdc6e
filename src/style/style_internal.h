/*
 * What the style loader's files share (keys.c: the key table; style.c: the walk; values.c: the
 * parsers of the values a design key holds).  Not part of the public API.
 */
#ifndef VITA_STYLE_INTERNAL_H
#define VITA_STYLE_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "vita/cv.h"
#include "vita/style.h"

typedef enum kind {
	K_THEME,       /* design.theme: read before the walk */
	K_LEN,         /* a length: number + unit */
	K_BOOL,
	K_COLOR,
	K_FAMILY,      /* a font family name */
	K_FAMILY_ALL,  /* typography.font_family given as one string: every role */
	K_STR,         /* any string ("" allowed) */
	K_TEMPLATE,    /* a string, or null for "no such column" */
	K_BODY_ALIGN,  /* left, justified, justified-with-no-hyphenation */
	K_ALIGN,       /* left, center, right */
	K_TITLE_TYPE,
	K_PAGE_SIZE,
	K_PHOTO_POS,   /* left, right */
	K_BULLET,      /* a short non-empty string */
	K_PHONE,       /* header.connections.phone_number_format: national, international, E164 */
	K_IGNORED_BOOL,/* accepted and checked, not used */
	K_STR_LIST,    /* accepted and checked, not used */
	K_LOADER,      /* read by the CV loader (date templates): not checked here */
	K_FIT_PAGES,   /* page.fit (vita's): a whole number of pages, 1 to 99 */
	K_DIRECTION,   /* typography.direction (vita's): auto, ltr, rtl */
	K_FRACTION,    /* page.fit_minimum.* and page.fit_factor (vita's): a number from 0 to 1 */
	K_EMOJI,       /* typography.emoji (vita's): keep, drop */
} kind;

typedef struct key {
	const char *path;
	kind k;
	size_t off;
} key;

/* An upper bound on the rows of the key table (keys.c checks it when it compiles). */
#define STYLE_MAX_KEYS 192

/* The key table (keys.c): filled by style_keys_ready(), once whatever the thread, and read-only
 * after it returns. */
extern key style_key_table[STYLE_MAX_KEYS];
extern size_t style_nkeys;
void style_keys_ready(void);
/* The row of a key's path ("page.top_margin"), or -1; whether path is a group of keys (a proper
 * prefix of some key's path up to a dot: "typography", "typography.font_size"). */
int style_find_key(const char *path);
bool style_is_group(const char *path);

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
/* A number from lo to hi (a whole one when whole): design.page.fit and its fractions. */
bool style_parse_number(const char *s, double lo, double hi, bool whole, double *out);

/* The walk's state over the theme files and the CV's design block (style.c), which the last
 * stage (resolve.c) turns into final values. */
typedef struct loader {
	vita_style *s;
	vita_diags *d;
	length len[STYLE_MAX_KEYS];
	vita_pos family_pos[STYLE_MAX_KEYS];
	bool no_hyphenation; /* alignment: justified-with-no-hyphenation */
	bool in_cv;          /* walking the CV's design block (else a theme file) */
	vita_pos size_pos;   /* page.size as last set, and whether the CV set it */
	bool size_from_cv;
} loader;

/* The member of a style at a key's offset. */
static inline void *style_field(vita_style *s, size_t off)
{
	return (char *)s + off;
}

/* Lengths into points, sizes and margins checked, families found or replaced (resolve.c). */
void style_resolve(loader *L);

/* The themes and the page sizes by name, i from 0 until NULL (style.c; for `vita schema`). */
const char *style_theme_name(size_t i);
const char *style_page_size_name(size_t i);

/* A theme name vita looks for: lowercase letters, digits, _ and -, at most 64 (style.c). */
bool style_theme_name_ok(const char *t);
/* Custom themes (custom.c): the style file of theme name beside the CV, or NULL; *reported when
 * that was an error (a RenderCV Jinja theme folder) or a warning (confinement) at pos. */
char *style_custom_theme(const char *cv_path, const char *name, vita_pos pos, vita_diags *d, bool *reported);
/* Prints the custom themes in folder dir, one line each; returns how many. */
size_t style_list_custom_themes(const char *dir, FILE *out);

#endif
