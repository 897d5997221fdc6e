/*
 * The text engine: fonts, per-character fallback, shaping, and line breaking.
 *
 * The block layout (blocks.c, pages.c) builds a paragraph from styled runs — usually straight from a
 * field's span tree — and asks for it to be set to a width.  The result is lines of positioned
 * pieces (vita_items, relative to the paragraph's top-left corner) that the block layout moves into
 * place.  Everything typographic lives behind this interface: HarfBuzz metrics and kerning, the
 * fallback chain (Latin family → CJK fallback → a warning), libunibreak break opportunities,
 * hyphenation with the TeX patterns of hyph_en_US.dic, Knuth–Plass for justified text and first-fit
 * for ragged text (and for pathological lengths), and the last-resort break of an unbreakable string
 * (a long URL) at a character boundary.
 *
 * Files: font.c (faces, fallback chain, widths), shape.c (characters, replacements, kerning),
 * breaks.c (opportunities, hyphenation), linebreak.c (choosing breaks), para.c (paragraphs and the
 * items they become); textint.h is their shared internal header.
 */
#ifndef VITA_LAYOUT_TEXT_H
#define VITA_LAYOUT_TEXT_H

#include "base/base.h"
#include "vita/cv.h"
#include "vita/frame.h"
#include "vita/style.h"

/* The fonts of one document: families found in <data>/fonts/ (by each file's name table, so any
 * TrueType file dropped there is a family), faces loaded on first use, and the list of font files
 * the document draws with (which becomes doc->fonts).  One per document (not thread-shared).
 * d (not NULL) receives font-level warnings: an unknown family (once per name; the body family is
 * used), a family without italic (once; set upright), a character no font has (see para_set). */
typedef struct vita_fonts vita_fonts;

vita_fonts *fonts_new(const vita_style *st, vita_diags *d);
void fonts_free(vita_fonts *f);
/* Whether <data>/fonts/ holds at least one usable TrueType family; if not, an error naming the
 * folder and the body family goes to the fonts' diagnostics and the document cannot be set (every
 * character would be dropped). */
bool fonts_check(vita_fonts *f);
/* Copies the fonts actually used (by TEXT items of para_set, in order of first use, which is what
 * vita_item.font indexes) into doc->fonts (arena-allocated in doc->arena). */
void fonts_export(const vita_fonts *f, vita_doc *doc);
/* The index of colour c in the document's palette (vita_item.color), added on first use; a
 * document with more than VITA_ITEM_MAX_COLORS colours draws the others in the last one, with a
 * warning. */
unsigned fonts_color(vita_fonts *f, vita_rgb c);

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

/* The personal names a document keeps whole (ties.c), added once (UTF-8; duplicates are kept
 * once) and looked up by every paragraph. */
typedef struct vita_ties vita_ties;
vita_ties *ties_new(void);
void ties_add(vita_ties *t, const char *utf8, size_t len);
void ties_free(vita_ties *t);

para *para_new(void);
void para_free(para *p);
/* Appends UTF-8 text (copied; a's strings are copied too).  pos is where it came from (for the
 * warning about a character no font has).  Text in the same look from the same pos continues the
 * previous run. */
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
	struct hyph_dict *hyph; /* the CV's language's patterns (hyphlang.c); NULL: English, vita's table */
	double indent_first; /* first-line indent (negative values are not supported) */
	/* personal names (the CV's, its authors'; ties.c): where one occurs whole in the text it is
	 * neither hyphenated nor broken inside ("Yutong Lu", "Lin-mei Wang"); NULL: none */
	const struct vita_ties *ties;
	bool rtl;            /* base direction right to left (a right-to-left CV); align is as drawn */
	/* where the blocks of items with cuts go (vita/frame.h); NULL: para_set's arena.  The block
	 * layout sets them in a scratch arena and keeps one copy of each (para_share_cuts). */
	struct vita_arena *cuts;
} para_opts;

typedef struct set_line {
	double top;       /* of the line box, relative to the paragraph top */
	double baseline;  /* relative to the paragraph top */
	double width;     /* width of the content as set (a justified line: the measure less the first
	                   * line's indent), without the indent and the centring/right offset */
	size_t first, n;  /* items of this line in set_para.items: its TEXT pieces left to right (with cuts), then
	                   * its LINK rectangles, then its underline RULEs */
} set_line;

typedef struct set_para {
	vita_item *items; /* TEXT, LINK (and RULE for underlines), x/y relative to the paragraph's top-left */
	size_t nitems;
	set_line *lines;
	size_t nlines;
	double height;    /* total, including descent of the last line; 0 for an empty paragraph */
	double width;     /* widest line (indent + set_line.width): what a shrink-wrapped box needs */
} set_para;

/* Sets a paragraph; returns 0, or -1 after reporting an error.  Items' strings live in arena;
 * items and lines are malloc'd (set_para_free).  A paragraph may be set several times (e.g. to try
 * widths): a character no font has is reported once per document and source position, naming it
 * ("U+1F4C4 '📄'"), and is left out or replaced by a drawable equivalent (NFKC, "…" → "...").
 * Every plane is drawn (emoji, math alphanumerics), through the default chain of fallback.c.  A
 * piece is drawn with one text-show at (x, baseline y) with nominal (truncated) advances; pieces of
 * a word abut; the pieces of a line in one look are one TEXT item with cuts (vita/frame.h), their
 * cuts' arrays in arena.  Lines are `extra` apart (see para_opts). */
int para_set(vita_fonts *f, const para *p, const para_opts *o, vita_arena *arena, set_para *out,
             vita_diags *d); /* d NULL: the fonts' collector (fonts_new's d) */
void set_para_free(set_para *s);
/* Moves the block of an item with cuts (positions, widths, codes and texts) to arena's one copy
 * of it: lines that recur from entry to entry share theirs.  Nothing for other items. */
void para_share_cuts(vita_item *it, struct vita_arena *arena);

/* Width of a single-line string in the given attributes (no breaking, kerning included), pt.
 * Characters no font has count as nothing and are not reported here (para_set reports them). */
double text_width(vita_fonts *f, const char *utf8, const text_attr *a);
/* Cap height of the face the attributes select, pt: RenderCV/Typst measure a line from the cap
 * height to the baseline, and the block layout spaces lines the same way. */
double text_cap_height(vita_fonts *f, const text_attr *a);
/* Ascent and descent (positive) of a size in a family, pt — for spacing computations. */
void text_metrics(vita_fonts *f, const text_attr *a, double *ascent, double *descent);

/* The default fallback chain (fallback.c) as the PDF tries it for cp: the i-th family (i from 0;
 * NULL after the last, or when the chain is off), with its regular face's file in path, its face
 * index, and whether it has a bold face (else bold is made from the regular).  The LaTeX writer
 * names the same families for the characters its fonts lack. */
const char *vita_fallback_family(uint32_t cp, size_t i, char *path, size_t cap, int *index, bool *bold);
/* fontspec's name of cp's script when its words need shaping (Devanagari, Arabic, Thai, …), else NULL. */
const char *vita_fallback_script(uint32_t cp);

/* ---- hyphlang.c ---- */
typedef struct hyph_dict hyph_dict;
typedef enum { HYPH_ENGLISH, HYPH_DICT, HYPH_NONE, HYPH_UNNEEDED } hyph_kind;
typedef struct hyph_choice {
	hyph_kind kind; /* vita's English table; a Debian dictionary; none exists; none needed (CJK) */
	hyph_dict *dict;
} hyph_choice;
/* The patterns for locale.language (RenderCV's names: "german"). */
hyph_choice hyph_for_language(const char *language);
/* Loads the dictionary on first use (once per process); false when it is not installed. */
bool hyph_dict_ready(hyph_dict *h);
/* The Debian package that installs it ("hyphen-de") and the language it is for. */
const char *hyph_dict_package(const hyph_dict *h);
const char *hyph_dict_language(const hyph_dict *h);
/* points[i]: a hyphen may follow character i of the word (code points, any case; at least 2
 * characters before and 3 after).  False when the word cannot be written in the dictionary's
 * character set. */
bool hyph_dict_points(hyph_dict *h, const uint32_t *cps, size_t n, bool *points);

#endif
