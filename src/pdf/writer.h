/*
 * The PDF writer's state, shared by the three files of the backend: pdf.c (the document, its
 * errors, outline and information), fonts.c (collecting the characters drawn, subsetting and
 * embedding the fonts, compressed streams) and draw.c (the pages' content streams and images).
 */
#ifndef VITA_PDF_WRITER_H
#define VITA_PDF_WRITER_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "pdf/pdf_internal.h"

/* A fake bold (for a family without a bold face, e.g. CJK) strokes the outline with this fraction
 * of the font size; 3% of an em looks as heavy as a real bold and keeps counters open.  A rendering
 * technique, not a layout dimension: the layout only says fake_bold. */
#define FAKE_BOLD_STROKE 0.03

/* Images beyond this many pixels are refused rather than decoded (a photo on a CV is far smaller). */
#define MAX_IMAGE_PIXELS (64u * 1024 * 1024)
#define MAX_IMAGE_BYTES ((size_t)64 * 1024 * 1024)

/* Widths per run of the /W array (libharu's arrays hold at most HPDF_LIMIT_MAX_ARRAY items). */
#define W_RUN 8192

/* Streams shorter than this are stored uncompressed: deflate's setup costs more than it saves. */
#define MIN_DEFLATE 512
/* libdeflate level 1: for jiazhi-jiang (three pages) 31.0 M instructions per render and 28,145
 * bytes, against 32.8 M and 28,657 bytes with zlib's level 1 and 32.3 M / 27,644 bytes with
 * libdeflate's level 6 (callgrind, December 2026). */
#define DEFLATE_LEVEL 1
#define FONT_DEFLATE_LEVEL 1

typedef struct font_slot {
	size_t canon;    /* the first entry of doc->fonts with the same file and face */
	pdf_cpset *used; /* on canonical slots: the code points drawn with this font (indexed: CIDs) */
	HPDF_Dict font;  /* on canonical slots: the Type0 font; NULL when not embedded (unused, or no
	                    glyph for any of its characters) */
	int16_t *width;  /* with font: each CID's width in 1/1000 em, as the /W array says */
	uint16_t *code;  /* with a CFF font: the code drawn for each CID (pdf_subset.code) */
	pdf_gtext *gt;   /* on canonical slots: what the shaped glyphs drawn with it stand for */
	int upem;
	hb_font_t *outline; /* a font drawn as outlines (vita_font_ref.outlines), opened on first use */
	int outline_upem;
	bool outline_failed;
	HPDF_Dict *color;      /* a colour bitmap font (color.c): its Type 3 fonts, 255 glyphs each */
	size_t ncolor;
	int16_t *color_width;  /* per Type 3 font, 256 widths by code */
} font_slot;

typedef struct image_slot {
	const char *path;
	HPDF_Image image;
} image_slot;

typedef struct pdf_writer {
	const vita_doc *doc;
	vita_diags *d;
	HPDF_Doc pdf;
	HPDF_STATUS error, detail; /* the last error libharu reported to the handler */
	font_slot *fonts;
	image_slot *images;
	size_t nimages;
	vita_buf cs;             /* the current page's operators */
	unsigned char *z;        /* deflate's output */
	size_t zlen, zcap;
	const char **font_names; /* per canonical font: its resource name on the current page */
	struct vita_arena *links; /* the link annotations' records (links.c), made on the first */
	struct vita_arena *held;  /* the stream objects' bytes until the save (fonts.c), likewise */
} pdf_writer;

/* The per-page drawing state, so that unchanged settings are not written again.  Positions are in
 * thousandths of a point. */
typedef struct page_state {
	HPDF_Page page;
	long long height;
	bool in_text;
	long long tx, ty; /* the text line's origin inside a text object (the last Td) */
	bool tj_open;     /* a TJ array is being written … */
	size_t tj_start;  /* … from this offset of the buffer, */
	int tj_strings;   /* with this many strings; */
	double tj_x;      /* where a reader places its next glyph, in points */
	size_t font;
	long long size;
	bool fill_set, stroke_set, width_set;
	long long fill[3], stroke[3];
	long long width;
	int mode; /* text rendering mode: 0 fill, 2 fill then stroke */
} page_state;

static const vita_pos no_pos = {NULL, 0, 0};

/* ---- pdf.c ---- */
/* Reports libharu's sticky error (or what failed) at pos; returns -1. */
int pdf_fail(pdf_writer *w, vita_pos pos, const char *what);

/* ---- links.c ---- */
/* Adds a link annotation to page: rect is left, bottom, right, top in PDF points, uri 7-bit ASCII of
 * len bytes.  0, or -1 when libharu failed or the URI is longer than a PDF string may be. */
int pdf_add_link(pdf_writer *w, HPDF_Page page, const double rect[4], const char *uri, size_t len);

/* ---- fonts.c ---- */
/* Collects the characters drawn with each font and merges fonts of one file and face; 0 or -1. */
int pdf_collect_fonts(pdf_writer *w);
/* Subsets and embeds every font that draws something; 0 or -1. */
int pdf_load_fonts(pdf_writer *w);
/* A new stream object holding data, deflated at level when that pays; a new indirect dictionary.
 * NULL on a libharu error (recorded). */
HPDF_Dict pdf_new_stream(pdf_writer *w, const void *data, size_t len, int level);
HPDF_Dict pdf_new_dict(pdf_writer *w);
/* Puts data into the stream object s, deflated at level when that pays. */
HPDF_STATUS pdf_fill_stream(pdf_writer *w, HPDF_Dict s, const void *data, size_t len, int level);

/* ---- draw.c ---- */
/* Draws every page of w->doc into pages (made here); 0 or -1. */
int pdf_draw_pages(pdf_writer *w, HPDF_Page *pages);

/* ---- outline.c ---- */
/* Appends the piece's glyphs as one filled path at (x, y), thousandths of a point from the page's
 * bottom left, in the fill colour already set; 0. */
int pdf_draw_outlines(pdf_writer *w, const vita_item *it, long long x, long long y);
/* The piece's next glyph from *i: its shaped glyphs, or for a piece drawn by code point each
 * character's nominal glyph with its advance (font units; a character the font lacks is skipped:
 * the layout measured it with another face and said so); false after the last. */
bool pdf_next_glyph(hb_font_t *font, const vita_item *it, size_t *i, vita_glyph *g);
/* The font file of a canonical slot opened with HarfBuzz at its units per em, on first use; NULL
 * (warned once) when it cannot be read. */
hb_font_t *pdf_slot_font(pdf_writer *w, size_t canon);

/* ---- color.c ---- */
/* Adds the glyphs of a piece in a colour bitmap font to its slot's set, with their texts. */
void pdf_color_collect(pdf_writer *w, const vita_item *it, font_slot *s);
/* Makes the Type 3 fonts of a colour slot's glyphs; 0 or -1. */
int pdf_color_fonts(pdf_writer *w, size_t canon);
/* Shows a colour piece at (x, y), thousandths of a point, inside a text object; 0 or -1. */
int pdf_color_show(pdf_writer *w, page_state *ps, const vita_item *it, long long x, long long y);

#endif
