/*
 * What the block layout's files share: the layout context, measured blocks, and the entry templates.
 *
 * The layout runs in two steps.  blocks.c turns the CV into a list of blocks — the header, each
 * section title, each entry — each measured at the final width, with its items positioned relative
 * to the block's top edge, and with the places where it could be cut between lines.  pages.c then
 * stacks the blocks onto pages, decides the breaks, and adds footers, the top note and bookmarks.
 *
 * Vertical metrics follow RenderCV's Typst model so that the style's RenderCV spacings mean what they
 * mean there: a line's box runs from its cap height down to its baseline, lines are `line_spacing`
 * apart between those edges, and every spacing in the style is measured between those edges.
 */
#ifndef VITA_LAYOUT_INTERNAL_H
#define VITA_LAYOUT_INTERNAL_H

#include "layout/text.h"
#include "vita/compose.h"


typedef struct lay {
	const vita_comp *comp; /* what is laid out: the one composition of the CV */
	const vita_cv *cv;
	const vita_style *st;
	vita_diags *d;
	vita_fonts *fonts;
	vita_doc *doc;    /* strings of items live in doc->arena */
	vita_arena *tmp;  /* scratch for templates and spans, freed after layout */
	vita_arena *cuts; /* scratch for a paragraph's items with cuts, until put_para_w shares them */
	/* cap heights measured per (family, bold, italic), see lay_cap_height */
	struct cap_cache {
		const char *family;
		bool bold, italic;
		double per_pt;
	} caps[16];
	size_t ncaps;
	double degree_width; /* of the section being built: the style's, or its widest degree word + 1 em */
	size_t page_number, total_pages; /* what the footer's page fields show while it is set */
	bool margin_error;              /* a footer or top note ran off the page: said once */

	bool hyphenate;        /* the style's, unless the CV's language has no patterns (layout.c) */
	struct hyph_dict *hyph; /* its patterns; NULL: English (para_opts.hyph) */
	/* personal names that paragraphs keep whole (para_opts.ties): the CV's and every author's */
	vita_ties *ties;
	bool rtl; /* a right-to-left CV: the page mirrored (see lay_mirror_x) */
} lay;

/* ---- blocks ---- */

typedef struct block {
	vita_item *items;
	/* Per item, the vertical extent used to find clean cuts (cap top .. baseline): an index into
	 * ext, which holds each (top, bottom) pair once, since the pieces of a line share theirs (two
	 * doubles per item were 8% of a long CV's memory, issue 17).  Read with block_top/block_bot. */
	uint32_t *span;
	double *ext;
	size_t n, cap;
	size_t next, extcap;
	double height;       /* from the top edge (0) to the bottom edge (the last baseline) */
	double gap_before;   /* space above, dropped at the top of a page */
	bool breakable;      /* may be cut between lines (else only when taller than a page) */
	bool keep_with_next; /* a section title: never the last block on a page */
	bool header;         /* the CV header: nothing before it */
	bool break_before;   /* page_break_before: starts a new page (unless the page is still empty) */
	const char *bookmark; /* a section title: its text */
	size_t section;      /* index of the section + 1; 0 for the header */
} block;

typedef struct blocks {
	block *v;
	size_t n, cap;
} blocks;

void block_add(block *b, const vita_item *it, double top, double bot);
static inline double block_top(const block *b, size_t i)
{
	return b->ext[2 * b->span[i]];
}
static inline double block_bot(const block *b, size_t i)
{
	return b->ext[2 * b->span[i] + 1];
}
void block_free(block *b);
/* Frees a block's items once pagination has copied them onto pages, keeping its measurements. */
void block_drop_items(block *b);
/* Builds every block of the CV in reading order. 0, or -1 after an error. */
int lay_build_blocks(lay *L, blocks *out);
/* Stacks the blocks onto pages of L->doc, then adds footers, the top note and bookmarks. */
int lay_paginate(lay *L, blocks *bl);

/* ---- text helpers (blocks.c), used by the header (header.c) too ---- */

text_attr lay_role_attr(const lay *L, const vita_font_role *r);
/* Cap height of a font at a size, pt (measured from the font file; the ascent when unknown). */
double lay_cap_height(lay *L, const text_attr *a);
/* Adds a span tree to a paragraph with the layout's rules (links, bold keywords, superscripts). */
void lay_add_spans(lay *L, para *p, const vita_span *s, const text_attr *a, vita_pos pos);

/* Right to left (vita_comp.rtl), the page is Typst's under text-direction rtl: every block is built
 * left to right as usual, and each box is mirrored about the middle of the text area as it goes into
 * its block (the page margins stay where they are, as Typst's left/right margins do): grid columns
 * run right to left, bullets and numbers stand right of their items, lines grow from the right.
 * lay_mirror_x gives the left edge of the box [x, x + w] as placed (x itself left to right).  A
 * paragraph's alignment is logical (start = LEFT, end = RIGHT) and flips with the box; where Typst's
 * is absolute (header.alignment, the date column's) the caller passes lay_absolute(L, align), which
 * flips it beforehand so that it ends up as given. */
double lay_mirror_x(const lay *L, double x, double w);
vita_align lay_absolute(const lay *L, vita_align align);

/* A paragraph to place: returns the baseline of its last line (its bottom edge), relative to the
 * block.  The paragraph's top edge (cap height of its first line) is at y. */
double lay_put_para(lay *L, block *b, const para *p, const text_attr *base, double x, double y,
                    double width, vita_align align);

/* lay_put_para of a span tree, or of a plain string. */
double lay_put_spans(lay *L, block *b, const vita_span *s, const text_attr *a, vita_pos pos, double x,
                     double y, double width, vita_align align);
double lay_put_text(lay *L, block *b, const char *s, const text_attr *a, double x, double y,
                    double width, vita_align align);

/* The header block (header.c); *trailing gets the space below its last line.  False when empty. */
bool lay_build_header(lay *L, block *b, double *trailing);

/* Adds a composed line's spans to a paragraph. */
void lay_add_line(lay *L, para *p, const vita_cline *l, const text_attr *a, vita_pos pos);

#endif
