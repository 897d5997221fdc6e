/*
 * The layout's output: a document of pages of positioned items.
 *
 * This is the only thing the PDF backend draws from, and what `vita render --dump-layout` prints.
 * Coordinates are PostScript points with the origin at the page's top-left corner and y growing
 * downwards (the PDF backend flips them).  Text items are pieces already shaped and placed: a piece
 * is drawn with one text-show at (x, baseline y); kerning and justification are expressed by cutting
 * words into pieces, never by the backend.  Widths follow libharu's truncation of advances to
 * 1/1000 em so that what viewers draw matches what was measured.
 *
 * The pieces of one line in one font, size, colour and baseline are stored as one TEXT item whose
 * later pieces are cuts kept out of line: a kerned word was a dozen items of 64 bytes,
 * and a long CV holds every item at once (issue 17).  Whatever reads positions takes the pieces
 * through vita_item_npieces / vita_item_piece, so every backend sees the same ones.
 */
#ifndef VITA_FRAME_H
#define VITA_FRAME_H

#include <stdint.h>

#include "vita.h"
#include "vita/style.h"

typedef enum vita_item_kind {
	VITA_ITEM_TEXT,  /* text at (x, y = baseline), width w */
	VITA_ITEM_RULE,  /* a line from (x, y) to (x + w, y + h), thickness */
	VITA_ITEM_LINK,  /* a clickable rectangle: top-left (x, y), size (w, h), target url */
	VITA_ITEM_IMAGE, /* an image file: top-left (x, y), size (w, h), path */
} vita_item_kind;

/* A glyph of a shaped piece (complex scripts: Arabic joining, Indic reordering, marks).  Positions
 * are in the font's units (vita_font_ref.units_per_em), as HarfBuzz gives them. */
typedef struct vita_glyph {
	uint32_t id;       /* in the original font (before subsetting renumbers glyphs) */
	uint32_t cluster;  /* byte offset in the item's text of the characters it was shaped from */
	int32_t x_advance, x_offset, y_offset;
} vita_glyph;

/* The later pieces of a TEXT item with cuts (vita_item.has_cuts), n = vita_item.nglyphs of them,
 * are three arrays in one block, so that a piece costs 20 bytes: the pieces' x (vita_item.cuts),
 * then their widths, then a 32-bit code each, its text's offset in the item's text shifted left
 * by one and whether a word space follows it (as vita_item.space_after) in bit 0.  The item's
 * text holds the pieces' texts one after the other, each ending in its NUL.  Read through
 * vita_item_piece. */
/* Limits of vita_item's narrow fields: fonts (doc->fonts) and colours (doc->colors) per document. */
#define VITA_ITEM_MAX_FONTS 16384
#define VITA_ITEM_MAX_COLORS 16384

typedef struct vita_item {
	/* 64 bytes: a long CV holds every item of every page at once (issue 17: 474,000 items at
	 * 10,000 publications).  Fields of different kinds share their room (h and size, thickness and
	 * edge), the colour is an index into the document's palette rather than three doubles, and the
	 * kind, font and flags are bit-fields beside it. */
	double x, y, w;
	union {
		double h;      /* RULE, LINK, IMAGE: height (a text piece's extent is its font's, at size) */
		double size;   /* TEXT: font size, pt */
	};
	union {
		double thickness; /* RULE */
		double edge;      /* TEXT: x of the right edge of the measure the piece was set to (0: none);
		                   * printed by the layout dump when VITA_DUMP_MEASURE is set, for the tests */
	};
	const char *text;  /* TEXT: UTF-8 piece (the first, when the item has cuts); LINK: url; IMAGE: path */
	union {
		const vita_glyph *glyphs; /* TEXT: when set, the piece is drawn as these glyphs, left to
		                           * right (text is what they mean, in logical order); else by
		                           * code point */
		double *cuts;             /* TEXT with has_cuts: its pieces after the first, as above (x, w
		                           * and space_after are the first's); the item's own block */
	};
	uint32_t nglyphs : 31; /* glyphs, or cuts when has_cuts */
	bool has_cuts : 1;     /* TEXT: the union holds cuts (a shaped piece is never cut) */
	unsigned kind : 2;   /* a vita_item_kind */
	unsigned font : 14;  /* TEXT: index into doc->fonts */
	unsigned color : 14; /* TEXT, RULE: index into doc->colors */
	bool fake_bold : 1;  /* TEXT: draw with fill+stroke (a family without a bold face, e.g. CJK) */
	bool space_after : 1; /* TEXT: a word space follows on the same line: the backend draws the font's
	                       * space glyph after the piece (the next piece's position does not change),
	                       * so that every text extractor sees the word boundary */
} vita_item;

typedef struct vita_page {
	vita_item *items;
	size_t nitems, cap;
} vita_page;

/* A font file the document uses.  The PDF backend subsets each one once to the code points of the
 * text items that use it. */
typedef struct vita_font_ref {
	const char *path;   /* absolute path of the .ttf/.ttc */
	int face_index;     /* index in a collection, 0 otherwise */
	const char *family; /* "Noto Sans" */
	bool bold, italic;
	int units_per_em;
	bool outlines;      /* drawn as filled outlines, not embedded as a font: the icon fonts, whose
	                     * private-use code points mean nothing to a reader (pdf/outline.c) */
	bool color;         /* colour bitmaps (Noto Color Emoji's CBDT): Type 3 fonts of images (pdf/color.c) */
	double word_space;  /* a stand-in face (Gentium for Fontin): its word space, em of the size its
	                     * text items give (the original's, not the file's); 0 for any other font */
} vita_font_ref;

typedef struct vita_bookmark {
	const char *title;
	int page; /* 0-based */
	double y; /* top of the section title */
} vita_bookmark;

/* Where pagination put the start of each block of the body: the record of its keep rules that the
 * layout dump prints with VITA_DUMP_MEASURE, for the typography test. */
typedef struct vita_placed {
	int page;     /* 0-based */
	int section;  /* 1-based; 0 for the header */
	bool title;   /* the section's title (else one of its entries) */
} vita_placed;

struct vita_doc {
	double page_width, page_height;
	vita_page *pages;
	size_t npages;
	vita_font_ref *fonts;
	size_t nfonts;
	vita_bookmark *bookmarks;
	size_t nbookmarks;
	vita_placed *placed;
	size_t nplaced;
	vita_rgb *colors;   /* the palette vita_item.color indexes */
	size_t ncolors;
	/* document information */
	const char *title, *author, *subject, *keywords, *creator;
	long long creation_time; /* seconds since the epoch (SOURCE_DATE_EPOCH when set); -1 = none */
	/* Set by vita_render_comp for the last backend of a render that reads the pages: it may free
	 * each page's items once it has drawn them (leaving the page empty).  A long CV otherwise held
	 * every item of every page beside the whole PDF being built (issue 17). */
	bool drop_drawn;
	struct vita_arena *arena;
};

/* The pieces an item draws: 1, or 1 + its cuts. */
static inline size_t vita_item_npieces(const vita_item *it)
{
	return it->has_cuts ? 1 + (size_t)it->nglyphs : 1;
}

/* Piece k (< vita_item_npieces) of an item, as an item of its own without cuts. */
static inline vita_item vita_item_piece(const vita_item *it, size_t k)
{
	vita_item p = *it;
	if (!it->has_cuts)
		return p;
	p.has_cuts = false;
	p.glyphs = NULL;
	p.nglyphs = 0;
	if (k > 0) {
		size_t n = it->nglyphs;
		uint32_t code = ((const uint32_t *)(it->cuts + 2 * n))[k - 1];
		p.x = it->cuts[k - 1];
		p.w = it->cuts[n + k - 1];
		p.text = it->text + (code >> 1);
		p.space_after = code & 1;
	}
	return p;
}

/* An item's colour; black for an index past the palette (an item made without one). */
static inline vita_rgb vita_item_rgb(const vita_doc *doc, const vita_item *it)
{
	return it->color < doc->ncolors ? doc->colors[it->color] : (vita_rgb){0, 0, 0};
}

#endif
