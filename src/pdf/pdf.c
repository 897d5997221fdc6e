/*
 * The PDF backend: draws a laid-out document (struct vita_doc, include/vita/frame.h) with libharu
 * 2.3.0, to a file (atomically) or to memory.
 *
 * Everything is decided before this point: the layout placed every text piece, rule, link and image,
 * so this file only translates coordinates (frames have y down from the top; PDF has y up from the
 * bottom) and keeps the content streams small by not repeating unchanged state.
 *
 * libharu provides the document structure (objects, pages, annotations, outlines, images, the
 * writer and its compression); the fonts and the page contents are written here:
 *   - Fonts are subset by HarfBuzz (subset.c) and embedded as Type0 fonts built from libharu's
 *     object API, with dense CIDs (pdf_internal.h): the CID-to-glyph map, the widths and the valid
 *     ToUnicode map (tounicode.c) hold only the characters drawn.  libharu's own Unicode fonts
 *     number characters by code point (a 16–128 KiB map per font, mostly zeros), spend ~1 ms per
 *     font building 64K-entry tables, write an invalid ToUnicode CMap, and drop glyphs (the notes
 *     in shared/notes/libharu-2.3.md).
 *   - Text, colours, rules and image placements go straight into the page's content stream as
 *     operators: libharu formats every number through its own routines and clears a buffer for
 *     each text matrix, which cost more than everything else in the backend.  Numbers are written
 *     in thousandths of a point from integers, so they do not depend on the locale; text moves
 *     with relative `Td` computed from those integers, and the pieces of a line that share font,
 *     size and colour go into one TJ array (draw_text): rounding cannot accumulate along a line
 *     either way.  libharu's graphics mode stays "page description" (it never sees these
 *     operators), and the page's stream is deflated here with the fonts (deflate_data).
 *
 * libharu's errors are sticky (after one, every later call fails), so the first failure stops the
 * document and is reported with libharu's code and a readable text.  Each call builds its own
 * HPDF_Doc and there is no global state, so documents can be written from several threads at once,
 * on small stacks (the unit test uses 128 KiB).
 */
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
#include <libdeflate.h>

#include "image/image.h"
#include "pdf/pdf_internal.h"

#define PRODUCER_NAME "vita " VITA_VERSION

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
	struct libdeflate_compressor *deflater; /* for deflater_level */
	int deflater_level;
	const char **font_names; /* per canonical font: its resource name on the current page */
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

/* ---- errors ---------------------------------------------------------------------------------- */

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	pdf_writer *w = user;
	w->error = error_no;
	w->detail = detail_no;
}

static const char *hpdf_error_text(HPDF_STATUS e)
{
	switch (e) {
	case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
	case HPDF_FILE_IO_ERROR: return "file input/output error";
	case HPDF_FILE_OPEN_ERROR: return "cannot open file";
	case HPDF_FONT_EXISTS: return "font already registered";
	case HPDF_INVALID_DATE_TIME: return "invalid date";
	case HPDF_INVALID_DESTINATION: return "invalid destination";
	case HPDF_INVALID_DOCUMENT: return "invalid document (an earlier error was not cleared)";
	case HPDF_INVALID_DOCUMENT_STATE: return "invalid document state";
	case HPDF_INVALID_ENCODER: return "invalid encoder";
	case HPDF_INVALID_ENCODING_NAME: return "unknown encoding";
	case HPDF_INVALID_FONTDEF_DATA: return "invalid font data";
	case HPDF_INVALID_FONTDEF_TYPE: return "unsupported font type";
	case HPDF_INVALID_FONT_NAME: return "invalid font name";
	case HPDF_INVALID_IMAGE: return "invalid image";
	case HPDF_INVALID_JPEG_DATA: return "invalid JPEG data";
	case HPDF_INVALID_OBJECT: return "invalid object";
	case HPDF_INVALID_OPERATION: return "invalid operation";
	case HPDF_INVALID_OUTLINE: return "invalid outline";
	case HPDF_INVALID_PAGE: return "invalid page";
	case HPDF_INVALID_PARAMETER: return "invalid parameter";
	case HPDF_INVALID_PNG_IMAGE: return "invalid PNG image";
	case HPDF_INVALID_STREAM: return "invalid stream";
	case HPDF_INVALID_TTC_FILE: return "invalid TrueType collection";
	case HPDF_INVALID_TTC_INDEX: return "no such face in the TrueType collection";
	case HPDF_LIBPNG_ERROR: return "libpng error";
	case HPDF_PAGE_FONT_NOT_FOUND: return "no font set";
	case HPDF_PAGE_INVALID_FONT: return "invalid font";
	case HPDF_PAGE_INVALID_FONT_SIZE: return "invalid font size";
	case HPDF_PAGE_INVALID_GMODE: return "operation not allowed here (graphics mode)";
	case HPDF_PAGE_INVALID_SIZE: return "invalid page size";
	case HPDF_PAGE_OUT_OF_RANGE: return "value out of range";
	case HPDF_REAL_OUT_OF_RANGE: return "number out of range";
	case HPDF_STREAM_EOF: return "unexpected end of stream";
	case HPDF_STRING_OUT_OF_RANGE: return "string too long";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font's license forbids embedding";
	case HPDF_TTF_INVALID_CMAP: return "the font has no usable Unicode cmap";
	case HPDF_TTF_INVALID_FOMAT: return "invalid TrueType font";
	case HPDF_TTF_MISSING_TABLE: return "the font lacks a required table";
	case HPDF_UNSUPPORTED_FONT_TYPE: return "unsupported font type";
	case HPDF_UNSUPPORTED_JPEG_FORMAT: return "unsupported JPEG format";
	case HPDF_ZLIB_ERROR: return "zlib error";
	case HPDF_INVALID_URI: return "invalid URI";
	case HPDF_ANNOT_INVALID_BORDER_STYLE: return "invalid border style";
	default: return "libharu error";
	}
}

/* Reports the failure of what (with libharu's code) and returns -1. */
static int fail(pdf_writer *w, vita_pos pos, const char *what)
{
	HPDF_STATUS e = w->error ? w->error : (w->pdf ? HPDF_GetError(w->pdf) : 0);
	HPDF_STATUS detail = w->error ? w->detail : (w->pdf ? HPDF_GetErrorDetail(w->pdf) : 0);
	if (!e)
		vita_diag(w->d, VITA_ERROR, pos, "cannot write the PDF: %s: libharu returned an unexpected state",
		          what);
	else if (detail)
		vita_diag(w->d, VITA_ERROR, pos, "cannot write the PDF: %s: libharu error 0x%04X (%s, detail %u)",
		          what, (unsigned)e, hpdf_error_text(e), (unsigned)detail);
	else
		vita_diag(w->d, VITA_ERROR, pos, "cannot write the PDF: %s: libharu error 0x%04X (%s)", what,
		          (unsigned)e, hpdf_error_text(e));
	return -1;
}


/* ---- text ------------------------------------------------------------------------------------ */

/* Adds the code points of s to used: invalid UTF-8 becomes U+FFFD.  draw_text makes the same
 * choice. */
static void collect_text(pdf_writer *w, const char *s, pdf_cpset *used, size_t page)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			vita_diag(w->d, VITA_WARNING, no_pos,
			          "page %zu: invalid UTF-8 in a text piece; replaced by U+FFFD", page + 1);
			pdf_cpset_add(used, 0xFFFD);
			i++;
		} else {
			pdf_cpset_add(used, cp);
			i += k;
		}
	}
}

/* ---- fonts ----------------------------------------------------------------------------------- */

/* Gives every doc->fonts entry its canonical slot and collects each canonical font's code points. */
static int collect_fonts(pdf_writer *w)
{
	const vita_doc *doc = w->doc;
	w->fonts = xcalloc(doc->nfonts ? doc->nfonts : 1, sizeof *w->fonts);
	w->font_names = xcalloc(doc->nfonts ? doc->nfonts : 1, sizeof *w->font_names);
	for (size_t i = 0; i < doc->nfonts; i++) {
		if (!doc->fonts[i].path) {
			vita_diag(w->d, VITA_ERROR, no_pos, "cannot write the PDF: font %zu has no file", i);
			return -1;
		}
		w->fonts[i].canon = i;
		for (size_t j = 0; j < i; j++)
			if (strcmp(doc->fonts[j].path, doc->fonts[i].path) == 0 &&
			    doc->fonts[j].face_index == doc->fonts[i].face_index) {
				w->fonts[i].canon = j;
				break;
			}
	}
	for (size_t p = 0; p < doc->npages; p++) {
		const vita_page *pg = &doc->pages[p];
		for (size_t k = 0; k < pg->nitems; k++) {
			const vita_item *it = &pg->items[k];
			if (it->kind != VITA_ITEM_TEXT || !it->text || !*it->text)
				continue;
			if (it->font < 0 || (size_t)it->font >= doc->nfonts) {
				vita_diag(w->d, VITA_ERROR, no_pos,
				          "cannot write the PDF: page %zu: a text piece uses font %d of %zu", p + 1,
				          it->font, doc->nfonts);
				return -1;
			}
			font_slot *s = &w->fonts[w->fonts[it->font].canon];
			if (!s->used)
				s->used = xcalloc(1, sizeof *s->used);
			if (it->glyphs) {
				if (!s->gt)
					s->gt = xcalloc(1, sizeof *s->gt);
				pdf_glyphs_collect(it, s->used, s->gt);
				continue;
			}
			collect_text(w, it->text, s->used, p);
			if (it->space_after)
				pdf_cpset_add(s->used, ' ');
		}
	}
	for (size_t i = 0; i < doc->nfonts; i++) {
		if (!w->fonts[i].used)
			continue;
		/* CIDs are 2-byte codes and CID 0 is .notdef */
		if (w->fonts[i].used->count > 0xFFFF) {
			vita_pos fpos = {doc->fonts[i].path, 0, 0};
			vita_diag(w->d, VITA_ERROR, fpos,
			          "cannot write the PDF: more than 65535 different characters in one font");
			return -1;
		}
		pdf_cpset_index(w->fonts[i].used);
	}
	return 0;
}

/* Deflates data into w->z (zlib format, as /FlateDecode wants) with libdeflate, which compresses a
 * whole buffer in one call: faster than zlib's streaming at the same ratio, with no per-stream
 * tables to clear.  One compressor per writer, made on first use.  false when deflating failed or
 * did not make the data smaller. */
static bool deflate_data(pdf_writer *w, const void *data, size_t len, int level)
{
	if (len < MIN_DEFLATE || len > 0x7FFFFFFF)
		return false;
	if (!w->deflater || w->deflater_level != level) {
		if (w->deflater)
			libdeflate_free_compressor(w->deflater);
		w->deflater = libdeflate_alloc_compressor(level);
		w->deflater_level = level;
		if (!w->deflater)
			return false; /* out of memory: the stream goes uncompressed */
	}
	size_t cap = libdeflate_zlib_compress_bound(w->deflater, len);
	if (cap > w->zcap) {
		free(w->z);
		w->z = xmalloc(cap);
		w->zcap = cap;
	}
	w->zlen = libdeflate_zlib_compress(w->deflater, data, len, w->z, cap);
	return w->zlen > 0 && w->zlen < len;
}

/* Writes a deflated stream's /Filter (libharu would deflate the data again if told the filter). */
static HPDF_STATUS put_flate_filter(HPDF_Dict obj, HPDF_Stream out)
{
	(void)obj;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Puts data into the stream object s, deflated when that pays. */
static HPDF_STATUS fill_stream(pdf_writer *w, HPDF_Dict s, const void *data, size_t len, int level)
{
	s->filter = HPDF_STREAM_FILTER_NONE;
	if (deflate_data(w, data, len, level)) {
		s->write_fn = put_flate_filter;
		data = w->z;
		len = w->zlen;
	}
	return HPDF_Stream_Write(s->stream, data, (HPDF_UINT)len);
}

/* A new stream object holding data, deflated when that pays. */
static HPDF_Dict new_stream(pdf_writer *w, const void *data, size_t len, int level)
{
	HPDF_Dict s = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
	return s && fill_stream(w, s, data, len, level) == HPDF_OK ? s : NULL;
}

/* A new indirect dictionary, or NULL (libharu freed it and recorded the error). */
static HPDF_Dict new_dict(pdf_writer *w)
{
	HPDF_Dict d = HPDF_Dict_New(w->pdf->mmgr);
	return d && HPDF_Xref_Add(w->pdf->xref, d) == HPDF_OK ? d : NULL;
}

/* The subset tag: six capital letters from the font's name and characters, so that two subsets of
 * one font in different documents have different names (readers cache fonts by name), while the
 * same document always gets the same. */
static void subset_tag(uint32_t h, char tag[7])
{
	for (int i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = 0;
}

/* TrueType: the CIDs are 1 … n, one run of widths `1 [w1 w2 …]`, cut where libharu's arrays end. */
static int put_widths(HPDF_MMgr mm, HPDF_Array widths, const pdf_subset *sub)
{
	HPDF_Array run = NULL;
	for (size_t i = 1; i <= sub->ncids; i++) {
		if ((i - 1) % W_RUN == 0 &&
		    (HPDF_Array_AddNumber(widths, (HPDF_INT32)i) != HPDF_OK || !(run = HPDF_Array_New(mm)) ||
		     HPDF_Array_Add(widths, run) != HPDF_OK))
			return -1;
		if (HPDF_Array_AddNumber(run, sub->width[i]) != HPDF_OK)
			return -1;
	}
	return 0;
}

typedef struct code_width {
	uint16_t code;
	int16_t width;
} code_width;

static int by_code(const void *a, const void *b)
{
	const code_width *x = a, *y = b;
	return (x->code > y->code) - (x->code < y->code);
}

/* CFF: the codes are the CFF's CIDs, in no particular order: `c [w …]` for each run of
 * consecutive codes, in code order (a code two characters share is written once). */
static int put_code_widths(HPDF_MMgr mm, HPDF_Array widths, const pdf_subset *sub)
{
	code_width *cw = xmalloc((sub->ncids + 1) * sizeof *cw);
	size_t n = 0;
	for (size_t i = 1; i <= sub->ncids; i++)
		if (sub->code[i])
			cw[n++] = (code_width){sub->code[i], sub->width[i]};
	qsort(cw, n, sizeof *cw, by_code);
	HPDF_Array run = NULL;
	int rc = 0, in_run = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (i > 0 && cw[i].code == cw[i - 1].code)
			continue;
		if (i == 0 || cw[i].code != cw[i - 1].code + 1 || in_run == W_RUN) {
			in_run = 0;
			if (HPDF_Array_AddNumber(widths, cw[i].code) != HPDF_OK || !(run = HPDF_Array_New(mm)) ||
			    HPDF_Array_Add(widths, run) != HPDF_OK)
				rc = -1;
		}
		if (rc == 0 && HPDF_Array_AddNumber(run, cw[i].width) != HPDF_OK)
			rc = -1;
		in_run++;
	}
	free(cw);
	return rc;
}

static HPDF_Dict font_descriptor(pdf_writer *w, const pdf_subset *sub, const pdf_cpset *used,
                                 const pdf_gtext *gt, HPDF_Dict type0, HPDF_Dict desc, const char *base);

/* The font objects (PDF 32000-1 9.7): a Type0 font with Identity-H encoding over a CIDFontType2
 * whose CIDs are the used set's ranks, its descriptor, the embedded subset, the CID-to-glyph map
 * and the ToUnicode map; for CFF outlines a CIDFontType0 whose codes are the CFF's (no map).  Returns the Type0 dictionary, or NULL on a libharu error. */
static HPDF_Dict font_objects(pdf_writer *w, const pdf_subset *sub, const pdf_cpset *used, const pdf_gtext *gt)
{
	HPDF_MMgr mm = w->pdf->mmgr;
	char tag[7], base[96];
	subset_tag(sub->hash, tag);
	snprintf(base, sizeof base, "%s+%s", tag, sub->name);

	HPDF_Dict type0 = new_dict(w), cid = new_dict(w), desc = new_dict(w);
	if (!type0 || !cid || !desc)
		return NULL;
	/* (Each new object is attached at once: one that is not would outlive a failure.) */
	if (HPDF_Dict_AddName(type0, "Type", "Font") != HPDF_OK ||
	    HPDF_Dict_AddName(type0, "Subtype", "Type0") != HPDF_OK ||
	    HPDF_Dict_AddName(type0, "BaseFont", base) != HPDF_OK ||
	    HPDF_Dict_AddName(type0, "Encoding", "Identity-H") != HPDF_OK)
		return NULL;
	HPDF_Array descendants = HPDF_Array_New(mm);
	if (!descendants || HPDF_Dict_Add(type0, "DescendantFonts", descendants) != HPDF_OK ||
	    HPDF_Array_Add(descendants, cid) != HPDF_OK)
		return NULL;

	if (HPDF_Dict_AddName(cid, "Type", "Font") != HPDF_OK ||
	    HPDF_Dict_AddName(cid, "Subtype", sub->cff ? "CIDFontType0" : "CIDFontType2") != HPDF_OK ||
	    HPDF_Dict_AddName(cid, "BaseFont", base) != HPDF_OK)
		return NULL;
	HPDF_Dict info = HPDF_Dict_New(mm); /* direct: written inside the CIDFont */
	if (!info || HPDF_Dict_Add(cid, "CIDSystemInfo", info) != HPDF_OK ||
	    HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL)) != HPDF_OK ||
	    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL)) != HPDF_OK ||
	    HPDF_Dict_AddNumber(info, "Supplement", 0) != HPDF_OK ||
	    HPDF_Dict_Add(cid, "FontDescriptor", desc) != HPDF_OK ||
	    HPDF_Dict_AddNumber(cid, "DW", sub->width[0]) != HPDF_OK)
		return NULL;
	HPDF_Array widths = HPDF_Array_New(mm);
	if (!widths || HPDF_Dict_Add(cid, "W", widths) != HPDF_OK ||
	    (sub->cff ? put_code_widths(mm, widths, sub) : put_widths(mm, widths, sub)) != 0)
		return NULL;
	if (sub->cff) /* the CFF maps codes to glyphs itself: no CIDToGIDMap */
		return font_descriptor(w, sub, used, gt, type0, desc, base);
	size_t nmap = (sub->ncids + 1) * 2;
	HPDF_BYTE *map = xmalloc(nmap);
	for (size_t i = 0; i <= sub->ncids; i++) {
		map[2 * i] = (HPDF_BYTE)(sub->gid[i] >> 8);
		map[2 * i + 1] = (HPDF_BYTE)sub->gid[i];
	}
	HPDF_Dict map_stream = new_stream(w, map, nmap, DEFLATE_LEVEL);
	free(map);
	if (!map_stream || HPDF_Dict_Add(cid, "CIDToGIDMap", map_stream) != HPDF_OK)
		return NULL;
	return font_descriptor(w, sub, used, gt, type0, desc, base);
}

/* The descriptor with the embedded font program, and the Type0 font's ToUnicode map. */
static HPDF_Dict font_descriptor(pdf_writer *w, const pdf_subset *sub, const pdf_cpset *used,
                                 const pdf_gtext *gt, HPDF_Dict type0, HPDF_Dict desc, const char *base)
{
	HPDF_MMgr mm = w->pdf->mmgr;
	if (HPDF_Dict_AddName(desc, "Type", "FontDescriptor") != HPDF_OK ||
	    HPDF_Dict_AddName(desc, "FontName", base) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "Flags", sub->flags) != HPDF_OK)
		return NULL;
	HPDF_Array bbox = HPDF_Array_New(mm);
	if (!bbox || HPDF_Dict_Add(desc, "FontBBox", bbox) != HPDF_OK)
		return NULL;
	for (int i = 0; i < 4; i++)
		if (HPDF_Array_AddNumber(bbox, sub->bbox[i]) != HPDF_OK)
			return NULL;
	if (HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)sub->italic_angle) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "Ascent", sub->ascent) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "Descent", sub->descent) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "CapHeight", sub->cap_height) != HPDF_OK ||
	    HPDF_Dict_AddNumber(desc, "StemV", sub->stem_v) != HPDF_OK)
		return NULL;
	HPDF_Dict file = new_stream(w, sub->data, sub->size, FONT_DEFLATE_LEVEL);
	if (!file)
		return NULL;
	if (sub->cff) {
		/* a bare CID-keyed CFF, or an OpenType font program (PDF 1.6); see cff.c */
		if (HPDF_Dict_AddName(file, "Subtype", sub->cid_keyed ? "CIDFontType0C" : "OpenType") != HPDF_OK ||
		    HPDF_Dict_Add(desc, "FontFile3", file) != HPDF_OK)
			return NULL;
		if (!sub->cid_keyed && w->pdf->pdf_version < HPDF_VER_16)
			w->pdf->pdf_version = HPDF_VER_16;
	} else if (HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)sub->size) != HPDF_OK ||
	           HPDF_Dict_Add(desc, "FontFile2", file) != HPDF_OK) {
		return NULL;
	}

	vita_buf cmap = {0};
	pdf_tounicode_cmap(used, sub->code, gt, &cmap);
	HPDF_Dict tu = new_stream(w, cmap.data, cmap.len, DEFLATE_LEVEL);
	buf_free(&cmap);
	if (!tu || HPDF_Dict_Add(type0, "ToUnicode", tu) != HPDF_OK)
		return NULL;
	return type0;
}

static int load_fonts(pdf_writer *w)
{
	const vita_doc *doc = w->doc;
	for (size_t i = 0; i < doc->nfonts; i++) {
		font_slot *s = &w->fonts[i];
		if (s->canon != i || !s->used)
			continue;
		const vita_font_ref *f = &doc->fonts[i];
		pdf_subset sub;
		int r = pdf_subset_font(f, s->used, &sub, w->d);
		s->upem = sub.upem;
		if (r < 0)
			return -1;
		if (r > 0)
			continue; /* no glyph for anything drawn with it: warned, nothing to embed */
		s->font = font_objects(w, &sub, s->used, s->gt);
		s->width = sub.width; /* kept to place the pieces of a line (draw_text) */
		s->code = sub.code;
		sub.width = NULL;
		sub.code = NULL;
		pdf_subset_free(&sub);
		if (!s->font) {
			vita_pos fpos = {f->path, 0, 0};
			return fail(w, fpos, "embedding the font");
		}
	}
	return 0;
}

/* ---- drawing --------------------------------------------------------------------------------- */

/* v in thousandths, rounded half away from zero; NaN and infinities become 0 and huge values are
 * clamped (a PDF reader's real numbers do not go beyond about ±3.4e38 anyway). */
static long long milli(double v)
{
	if (!(v > -1e12 && v < 1e12))
		return 0;
	double m = v * 1000;
	return (long long)(m < 0 ? m - 0.5 : m + 0.5);
}

/* Writes m/1000 as a PDF number: no exponent, no trailing zeros, no locale. */
static void put_milli(vita_buf *b, long long m)
{
	char s[32], *e = s + sizeof s, *p = e;
	bool neg = m < 0;
	unsigned long long u = neg ? 0ULL - (unsigned long long)m : (unsigned long long)m;
	unsigned frac = (unsigned)(u % 1000);
	u /= 1000;
	if (frac) {
		int digits = 3;
		while (frac % 10 == 0) {
			frac /= 10;
			digits--;
		}
		for (int i = 0; i < digits; i++) {
			*--p = (char)('0' + frac % 10);
			frac /= 10;
		}
		*--p = '.';
	}
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg && (p[0] != '0' || p + 1 < e))
		*--p = '-';
	buf_put(b, p, (size_t)(e - p));
}

/* Writes the numbers, each followed by a space, then op and a line end. */
static void put_op(vita_buf *b, const long long *v, int n, const char *op)
{
	for (int i = 0; i < n; i++) {
		put_milli(b, v[i]);
		buf_putc(b, ' ');
	}
	buf_puts(b, op);
	buf_putc(b, '\n');
}

long long pdf_milli(double v)
{
	return milli(v);
}

void pdf_put_milli(vita_buf *b, long long m)
{
	put_milli(b, m);
}

static double unit(double v)
{
	return v > 0 ? (v < 1 ? v : 1) : 0; /* also maps NaN to 0 */
}

static void rgb_milli(vita_rgb c, long long out[3])
{
	out[0] = milli(unit(c.r));
	out[1] = milli(unit(c.g));
	out[2] = milli(unit(c.b));
}

static void set_stroke(pdf_writer *w, page_state *ps, vita_rgb c, long long width)
{
	long long v[3];
	rgb_milli(c, v);
	if (!ps->stroke_set || memcmp(ps->stroke, v, sizeof v) != 0) {
		put_op(&w->cs, v, 3, "RG");
		memcpy(ps->stroke, v, sizeof v);
		ps->stroke_set = true;
	}
	if (!ps->width_set || ps->width != width) {
		put_op(&w->cs, &width, 1, "w");
		ps->width = width;
		ps->width_set = true;
	}
}

/* Ends the text-showing operator being written: a single string is shown with Tj, several (with
 * the moves between them) with TJ. */
static void close_show(pdf_writer *w, page_state *ps)
{
	if (!ps->tj_open)
		return;
	vita_buf *b = &w->cs;
	if (ps->tj_strings > 1) {
		buf_putc(b, '[');
		memmove(b->data + ps->tj_start + 1, b->data + ps->tj_start, b->len - 1 - ps->tj_start);
		b->data[ps->tj_start] = '[';
		buf_puts(b, "]TJ\n");
	} else {
		buf_puts(b, "Tj\n");
	}
	ps->tj_open = false;
}

static void end_text(pdf_writer *w, page_state *ps)
{
	close_show(w, ps);
	if (ps->in_text)
		buf_puts(&w->cs, "ET\n");
	ps->in_text = false;
}

/* Makes the operators written on the page its content stream. */
static int finish_page(pdf_writer *w, page_state *ps)
{
	HPDF_PageAttr attr = (HPDF_PageAttr)ps->page->attr;
	if (w->cs.len && fill_stream(w, attr->contents, w->cs.data, w->cs.len, DEFLATE_LEVEL) != HPDF_OK)
		return fail(w, no_pos, "writing a page");
	buf_reset(&w->cs);
	return 0;
}

/* Appends the text's CIDs as a string of 2-byte codes; false when nothing of it can be drawn.  A
 * literal string with the bytes as they are, not a hex string: half the size before compression.
 * Only the delimiters, the backslash and the line ends need escapes (an unescaped CR would be read
 * as a line feed). */
static void put_cid(char *tmp, size_t *k, unsigned c)
{
	unsigned char two[2] = {(unsigned char)(c >> 8), (unsigned char)c};
	for (int j = 0; j < 2; j++) {
		switch (two[j]) {
		case '(': case ')': case '\\': tmp[(*k)++] = '\\'; tmp[(*k)++] = (char)two[j]; break;
		case '\r': tmp[(*k)++] = '\\'; tmp[(*k)++] = 'r'; break;
		case '\n': tmp[(*k)++] = '\\'; tmp[(*k)++] = 'n'; break;
		default: tmp[(*k)++] = (char)two[j];
		}
	}
}

/* space: the piece is followed by a word space (vita_item.space_after), drawn as the font's space
 * glyph so that extractors that do not judge gaps (Ghostscript, pdfminer) see two words. */
static bool put_cids(vita_buf *b, const char *s, bool space, const font_slot *fs, long *advance)
{
	/* Written through a small local buffer: a byte at a time into the vita_buf costs a call each. */
	char tmp[256];
	size_t k = 0, n = strlen(s), chars = 0;
	long adv = 0;
	tmp[k++] = '(';
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i++];
		} else {
			size_t m = utf8_decode(s + i, n - i, &cp);
			if (m == 0) {
				cp = 0xFFFD;
				m = 1;
			}
			i += m;
		}
		unsigned c = pdf_cpset_cid(fs->used, cp);
		adv += fs->width[c];
		chars++;
		put_cid(tmp, &k, fs->code ? fs->code[c] : c);
		if (k > sizeof tmp - 8) {
			buf_put(b, tmp, k);
			k = 0;
		}
	}
	if (!chars)
		return false; /* nothing written yet: the buffer is flushed only after a character */
	if (space && pdf_cpset_has(fs->used, ' ')) {
		unsigned c = pdf_cpset_cid(fs->used, ' ');
		adv += fs->width[c];
		put_cid(tmp, &k, fs->code ? fs->code[c] : c);
	}
	tmp[k++] = ')';
	buf_put(b, tmp, k);
	*advance = adv;
	return true;
}

/* A text piece.  Pieces on one baseline in the same font, size, colour and mode go into one TJ
 * array: the move from where a reader puts the next glyph (the end of the last piece, from the
 * /W widths) to where the piece starts is an adjustment in thousandths of the font size, rounded
 * to three decimals and taken from the position the reader really reached, so rounding does not
 * accumulate along the line. */
static int draw_text(pdf_writer *w, page_state *ps, const vita_item *it, size_t page)
{
	if (!it->text || !*it->text)
		return 0;
	size_t canon = w->fonts[it->font].canon;
	font_slot *fs = &w->fonts[canon];
	if (!fs->font)
		return 0; /* the font has no glyph for any of it: already warned */
	vita_buf *b = &w->cs;
	long long size = milli(it->size);
	long long c[3];
	rgb_milli(it->color, c);
	int mode = it->fake_bold ? 2 : 0;
	long long stroke[3], stroke_w = milli(FAKE_BOLD_STROKE * it->size);
	rgb_milli(it->color, stroke);
	bool same_stroke = ps->stroke_set && memcmp(ps->stroke, stroke, sizeof stroke) == 0 &&
	                   ps->width_set && ps->width == stroke_w;
	bool same_state = ps->font == canon && ps->size == size && ps->fill_set &&
	                  memcmp(ps->fill, c, sizeof c) == 0 && ps->mode == mode &&
	                  (!it->fake_bold || same_stroke);
	long long x = milli(it->x), y = ps->height - milli(it->y);
	double size_pt = (double)size / 1000;
	long advance = 0;

	if (ps->tj_open && same_state && y == ps->ty && size > 0 && !it->glyphs) {
		size_t undo = b->len;
		long long adj = milli((ps->tj_x - (double)x / 1000) * 1000 / size_pt);
		if (adj)
			put_milli(b, adj);
		if (!put_cids(b, it->text, it->space_after, fs, &advance)) {
			b->len = undo;
			return 0;
		}
		ps->tj_strings++;
		ps->tj_x += ((double)advance - (double)adj / 1000) * size_pt / 1000;
		return 0;
	}

	close_show(w, ps);
	size_t undo = b->len;
	page_state saved = *ps;
	if (!ps->in_text) {
		buf_puts(b, "BT\n");
		ps->in_text = true;
		ps->tx = ps->ty = 0;
	}
	if (ps->font != canon || ps->size != size) {
		const char *name = w->font_names[canon];
		if (!name) {
			name = w->font_names[canon] = HPDF_Page_GetLocalFontName(ps->page, fs->font);
			if (!name) {
				char what[128];
				snprintf(what, sizeof what, "page %zu: drawing the text \"%.60s\"", page + 1, it->text);
				return fail(w, no_pos, what);
			}
		}
		buf_putc(b, '/');
		buf_puts(b, name);
		buf_putc(b, ' ');
		put_op(b, &size, 1, "Tf");
		ps->font = canon;
		ps->size = size;
	}
	if (!ps->fill_set || memcmp(ps->fill, c, sizeof c) != 0) {
		put_op(b, c, 3, "rg");
		memcpy(ps->fill, c, sizeof c);
		ps->fill_set = true;
	}
	if (it->fake_bold)
		set_stroke(w, ps, it->color, stroke_w);
	if (ps->mode != mode) {
		buf_putc(b, mode == 2 ? '2' : '0');
		buf_puts(b, " Tr\n");
		ps->mode = mode;
	}
	long long d[2] = {x - ps->tx, y - ps->ty};
	put_op(b, d, 2, "Td");
	if (it->glyphs) { /* a shaped word: shown on its own (glyphs.c) */
		pdf_font_view fv = {fs->used, fs->width, fs->code, fs->upem};
		pdf_glyphs_show(b, it, &fv);
		ps->tx = x;
		ps->ty = y;
		return 0;
	}
	size_t start = b->len;
	if (!put_cids(b, it->text, it->space_after, fs, &advance)) {
		/* nothing drawable: leave no trace */
		b->len = undo;
		*ps = saved;
		return 0;
	}
	ps->tx = x;
	ps->ty = y;
	ps->tj_open = true;
	ps->tj_start = start;
	ps->tj_strings = 1;
	ps->tj_x = (double)x / 1000 + (double)advance * size_pt / 1000;
	return 0;
}

static int draw_rule(pdf_writer *w, page_state *ps, const vita_item *it)
{
	if (!(it->thickness > 0))
		return 0;
	end_text(w, ps);
	set_stroke(w, ps, it->color, milli(it->thickness));
	long long x = milli(it->x), y = ps->height - milli(it->y);
	long long v[4] = {x, y, milli(it->x + it->w), ps->height - milli(it->y + it->h)};
	put_op(&w->cs, v, 2, "m");
	put_op(&w->cs, v + 2, 2, "l S");
	return 0;
}

static int draw_link(pdf_writer *w, page_state *ps, const vita_item *it, size_t page)
{
	if (!it->text || !*it->text)
		return 0;
	double h = w->doc->page_height;
	HPDF_Rect r = {(HPDF_REAL)it->x, (HPDF_REAL)(h - it->y - it->h), (HPDF_REAL)(it->x + it->w),
	               (HPDF_REAL)(h - it->y)};
	/* A /URI is 7-bit ASCII (PDF 32000 12.6.4.7): non-ASCII bytes percent-encoded, as the .tex
	 * writes them (M5); readers then open the same IRI the CV names. */
	vita_buf uri = {0};
	for (const unsigned char *p = (const unsigned char *)it->text; *p; p++)
		if (*p >= 0x80 || *p <= 0x20 || *p == 0x7F)
			buf_printf(&uri, "%%%02X", *p);
		else
			buf_putc(&uri, *p);
	HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(ps->page, r, buf_str(&uri));
	buf_free(&uri);
	if (!a || HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0) != HPDF_OK) {
		char what[160];
		snprintf(what, sizeof what, "page %zu: adding the link %.100s", page + 1, it->text);
		return fail(w, no_pos, what);
	}
	return 0;
}

/* libharu copies a JPEG's bytes into the PDF after a loose look at its header, and accepts files
 * that are not JPEG images at all.  Walks the markers up to the frame header (SOFn) and checks it. */
static const char *jpeg_problem(const unsigned char *d, size_t n)
{
	size_t p = 2; /* after SOI */
	while (p + 4 <= n) {
		if (d[p] != 0xFF)
			return "corrupt marker";
		unsigned m = d[p + 1];
		if (m == 0xFF) { /* fill byte */
			p++;
			continue;
		}
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD8)) { /* markers without a length */
			p += 2;
			continue;
		}
		if (m == 0xD9 || m == 0xDA)
			return "no frame header before the image data";
		size_t len = (size_t)d[p + 2] << 8 | d[p + 3];
		if (len < 2 || p + 2 + len > n)
			return "truncated";
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (m != 0xC0 && m != 0xC1 && m != 0xC2)
				return "unsupported JPEG coding (only baseline and progressive)";
			if (len < 8)
				return "truncated frame header";
			unsigned h = (unsigned)d[p + 5] << 8 | d[p + 6], w = (unsigned)d[p + 7] << 8 | d[p + 8];
			unsigned comps = d[p + 9];
			if (d[p + 4] != 8)
				return "unsupported sample precision";
			if (w == 0 || h == 0)
				return "zero width or height";
			if (comps != 1 && comps != 3 && comps != 4)
				return "unsupported number of colour components";
			return NULL;
		}
		p += 2 + len;
	}
	return "truncated";
}

static HPDF_Image load_image(pdf_writer *w, const char *path)
{
	for (size_t i = 0; i < w->nimages; i++)
		if (strcmp(w->images[i].path, path) == 0)
			return w->images[i].image;
	vita_pos pos = {path, 0, 0};
	FILE *f = fopen(path, "rb");
	if (!f) {
		vita_diag(w->d, VITA_ERROR, pos, "cannot read the image: %s", strerror(errno));
		return NULL;
	}
	unsigned char magic[8] = {0};
	size_t got = fread(magic, 1, sizeof magic, f);
	fclose(f);
	HPDF_Image img = NULL;
	if (got == 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0) {
		/* Decoded by vita (libpng) and embedded as pixels: libharu's own PNG reader aborts on a
		 * corrupt file and refuses valid interlaced ones or large ancillary chunks (M1). */
		char why[256];
		vita_pixels px;
		if (vita_image_decode(path, &px, why, sizeof why) != 0) {
			vita_diag(w->d, VITA_ERROR, pos, "the image %s", why);
			return NULL;
		}
		img = HPDF_LoadRawImageFromMem(w->pdf, px.data, (HPDF_UINT)px.w, (HPDF_UINT)px.h, HPDF_CS_DEVICE_RGB, 8);
		vita_pixels_free(&px);
	} else if (got >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF) {
		size_t n = 0;
		char *data = read_file(path, MAX_IMAGE_BYTES, &n, w->d);
		if (!data)
			return NULL;
		const char *why = jpeg_problem((const unsigned char *)data, n);
		free(data);
		if (why) {
			vita_diag(w->d, VITA_ERROR, pos, "not a valid JPEG image: %s", why);
			return NULL;
		}
		img = HPDF_LoadJpegImageFromFile(w->pdf, path);
	} else {
		vita_diag(w->d, VITA_ERROR, pos, "not a PNG or JPEG image");
		return NULL;
	}
	if (!img) {
		fail(w, pos, "loading the image");
		return NULL;
	}
	w->images = xrealloc(w->images, (w->nimages + 1) * sizeof *w->images);
	w->images[w->nimages++] = (image_slot){path, img};
	return img;
}


static int draw_image(pdf_writer *w, page_state *ps, const vita_item *it, size_t page)
{
	if (!it->text || !*it->text) {
		vita_diag(w->d, VITA_ERROR, no_pos, "cannot write the PDF: page %zu: an image without a file", page + 1);
		return -1;
	}
	end_text(w, ps);
	HPDF_Image img = load_image(w, it->text);
	if (!img)
		return -1;
	const char *name = HPDF_Page_GetXObjectName(ps->page, img);
	if (!name) {
		vita_pos pos = {it->text, 0, 0};
		return fail(w, pos, "drawing the image");
	}
	long long m[6] = {milli(it->w), 0, 0, milli(it->h), milli(it->x), ps->height - milli(it->y + it->h)};
	buf_puts(&w->cs, "q\n");
	put_op(&w->cs, m, 6, "cm");
	buf_putc(&w->cs, '/');
	buf_puts(&w->cs, name);
	buf_puts(&w->cs, " Do\nQ\n");
	return 0;
}

static int draw_pages(pdf_writer *w, HPDF_Page *pages)
{
	const vita_doc *doc = w->doc;
	for (size_t p = 0; p < doc->npages; p++) {
		page_state ps = {0};
		ps.font = (size_t)-1;
		ps.height = milli(doc->page_height);
		ps.page = pages[p] = HPDF_AddPage(w->pdf);
		if (!ps.page || HPDF_Page_SetWidth(ps.page, (HPDF_REAL)doc->page_width) != HPDF_OK ||
		    HPDF_Page_SetHeight(ps.page, (HPDF_REAL)doc->page_height) != HPDF_OK)
			return fail(w, no_pos, "adding a page");
		memset(w->font_names, 0, (doc->nfonts ? doc->nfonts : 1) * sizeof *w->font_names);
		buf_reset(&w->cs);
		const vita_page *pg = &doc->pages[p];
		for (size_t k = 0; k < pg->nitems; k++) {
			const vita_item *it = &pg->items[k];
			int rc = 0;
			switch (it->kind) {
			case VITA_ITEM_TEXT: rc = draw_text(w, &ps, it, p); break;
			case VITA_ITEM_RULE: rc = draw_rule(w, &ps, it); break;
			case VITA_ITEM_LINK: rc = draw_link(w, &ps, it, p); break;
			case VITA_ITEM_IMAGE: rc = draw_image(w, &ps, it, p); break;
			}
			if (rc != 0)
				return -1;
		}
		end_text(w, &ps);
		if (finish_page(w, &ps) != 0)
			return -1;
	}
	return 0;
}

/* ---- outline and information ----------------------------------------------------------------- */

/* A PDF text string for UTF-8 s: UTF-16BE with a byte order mark, as a hex string (characters
 * above U+FFFF as surrogate pairs, invalid UTF-8 as U+FFFD, bidi controls left out).  NULL on a
 * libharu error. */
static HPDF_Binary text_string(pdf_writer *w, const char *s, const char *what)
{
	size_t n = strlen(s);
	HPDF_BYTE *u = xmalloc(2 + 4 * n);
	size_t k = 0, chars = 0;
	u[k++] = 0xFE;
	u[k++] = 0xFF;
	for (size_t i = 0; i < n;) {
		/* libharu refuses strings over 65,535 bytes with an error code (M4): a huge title or
		 * 3000 section titles as keywords are cut, whole characters, with a warning. */
		if (k + 4 > 65535) {
			vita_diag(w->d, VITA_WARNING, no_pos,
			          "the PDF's %s is cut to its first %zu characters (a PDF string holds at most "
			          "65535 bytes)",
			          what, chars);
			break;
		}
		chars++;
		uint32_t cp;
		size_t m = utf8_decode(s + i, n - i, &cp);
		if (m == 0) {
			cp = 0xFFFD;
			m = 1;
		}
		i += m;
		/* Bidi embeddings, overrides and isolates would make a viewer's title bar or a file
		 * manager show the text reordered (a "gpj.exe" trick): left out of the metadata (S3).
		 * Controls cannot reach here (the loader refuses them), but are left out too. */
		if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp < 0x20 ||
		    (cp >= 0x7F && cp <= 0x9F))
			continue;
		if (cp > 0xFFFF) {
			uint32_t v = cp - 0x10000;
			uint32_t hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
			u[k++] = (HPDF_BYTE)(hi >> 8);
			u[k++] = (HPDF_BYTE)hi;
			cp = lo;
		}
		u[k++] = (HPDF_BYTE)(cp >> 8);
		u[k++] = (HPDF_BYTE)cp;
	}
	HPDF_Binary b = HPDF_Binary_New(w->pdf->mmgr, u, (HPDF_UINT)k);
	free(u);
	return b;
}

static int add_bookmarks(pdf_writer *w, const HPDF_Page *pages)
{
	const vita_doc *doc = w->doc;
	for (size_t i = 0; i < doc->nbookmarks; i++) {
		const vita_bookmark *b = &doc->bookmarks[i];
		if (b->page < 0 || (size_t)b->page >= doc->npages) {
			vita_diag(w->d, VITA_ERROR, no_pos,
			          "cannot write the PDF: bookmark \"%s\" points to page %d of %zu",
			          b->title ? b->title : "", b->page + 1, doc->npages);
			return -1;
		}
		/* Created with an empty title, then given a UTF-16 one: libharu encodes text strings only
		 * through its UTF-8 encoder, whose 64K-entry tables cost more to build than the rest. */
		HPDF_Outline o = HPDF_CreateOutline(w->pdf, NULL, "", NULL);
		HPDF_Destination dst = o ? HPDF_Page_CreateDestination(pages[b->page]) : NULL;
		/* Zoom 1: libharu refuses 0 ("keep the reader's zoom"); it accepts 0.08 to 32. */
		if (!dst || HPDF_Dict_Add(o, "Title", text_string(w, b->title ? b->title : "", "bookmark")) != HPDF_OK ||
		    HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(doc->page_height - b->y), 1) != HPDF_OK ||
		    HPDF_Outline_SetDestination(o, dst) != HPDF_OK) {
			char what[128];
			snprintf(what, sizeof what, "adding the bookmark \"%.80s\"", b->title ? b->title : "");
			return fail(w, no_pos, what);
		}
	}
	return 0;
}

static int set_info(pdf_writer *w)
{
	const vita_doc *doc = w->doc;
	char producer[96];
	snprintf(producer, sizeof producer, "%s (libharu %s)", PRODUCER_NAME, HPDF_GetVersion());
	struct {
		const char *key;
		const char *value;
	} attrs[] = {
		{"Title", doc->title},
		{"Author", doc->author},
		{"Subject", doc->subject},
		{"Keywords", doc->keywords},
		{"Creator", doc->creator && *doc->creator ? doc->creator : PRODUCER_NAME},
		{"Producer", producer},
	};
	/* libharu makes the information dictionary on its first entry; the entries are then replaced
	 * by UTF-16 text strings (see add_bookmarks). */
	if (HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, "") != HPDF_OK || !w->pdf->info)
		return fail(w, no_pos, "setting the document information");
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
		if (attrs[i].value && *attrs[i].value &&
		    HPDF_Dict_Add(w->pdf->info, attrs[i].key, text_string(w, attrs[i].value, attrs[i].key)) != HPDF_OK)
			return fail(w, no_pos, "setting the document information");
	if (doc->creation_time < 0)
		return 0;
	time_t t = (time_t)doc->creation_time;
	struct tm tm;
	if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999) {
		vita_diag(w->d, VITA_WARNING, no_pos, "creation time %lld is out of range; the PDF has no date",
		          doc->creation_time);
		return 0;
	}
	HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	                  tm.tm_sec > 59 ? 59 : tm.tm_sec, 'Z', 0, 0};
	if (HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date) != HPDF_OK ||
	    HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date) != HPDF_OK)
		return fail(w, no_pos, "setting the document dates");
	return 0;
}

/* ---- the document ---------------------------------------------------------------------------- */

static int save_to_memory(pdf_writer *w, unsigned char **out, size_t *len)
{
	if (HPDF_SaveToStream(w->pdf) != HPDF_OK)
		return fail(w, no_pos, "saving");
	HPDF_UINT32 size = HPDF_GetStreamSize(w->pdf);
	unsigned char *data = xmalloc(size ? size : 1);
	HPDF_UINT32 got = 0;
	while (got < size) {
		HPDF_UINT32 n = size - got;
		HPDF_STATUS rc = HPDF_ReadFromStream(w->pdf, data + got, &n);
		got += n;
		if (rc == HPDF_STREAM_EOF || n == 0)
			break;
		if (rc != HPDF_OK) {
			free(data);
			return fail(w, no_pos, "reading the saved document");
		}
	}
	if (got != size) {
		free(data);
		return fail(w, no_pos, "reading the saved document");
	}
	*out = data;
	*len = size;
	return 0;
}

static int check_doc(const vita_doc *doc, vita_diags *d)
{
	if (!doc || doc->npages == 0) {
		vita_diag(d, VITA_ERROR, no_pos, "cannot write the PDF: the document has no pages");
		return -1;
	}
	if (!(doc->page_width >= HPDF_MIN_PAGE_SIZE && doc->page_width <= HPDF_MAX_PAGE_SIZE &&
	      doc->page_height >= HPDF_MIN_PAGE_SIZE && doc->page_height <= HPDF_MAX_PAGE_SIZE)) {
		vita_diag(d, VITA_ERROR, no_pos,
		          "cannot write the PDF: page size %gx%g pt is outside %d..%d pt", doc->page_width,
		          doc->page_height, HPDF_MIN_PAGE_SIZE, HPDF_MAX_PAGE_SIZE);
		return -1;
	}
	return 0;
}

static int render(const vita_doc *doc, unsigned char **out, size_t *len, vita_diags *d)
{
	*out = NULL;
	*len = 0;
	if (check_doc(doc, d) != 0)
		return -1;
	pdf_writer w = {0};
	w.doc = doc;
	w.d = d;
	HPDF_Page *pages = xcalloc(doc->npages, sizeof *pages);
	int rc = -1;
	w.pdf = HPDF_New(on_error, &w);
	if (!w.pdf) {
		vita_diag(d, VITA_ERROR, no_pos, "cannot write the PDF: libharu could not start (out of memory)");
		goto done;
	}
	if (HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL) != HPDF_OK) {
		fail(&w, no_pos, "setting up the document");
		goto done;
	}
	if (collect_fonts(&w) != 0 || load_fonts(&w) != 0 || draw_pages(&w, pages) != 0 ||
	    add_bookmarks(&w, pages) != 0 || set_info(&w) != 0 || save_to_memory(&w, out, len) != 0)
		goto done;
	rc = 0;
done:
	if (w.pdf)
		HPDF_Free(w.pdf);
	for (size_t i = 0; w.fonts && i < doc->nfonts; i++) {
		pdf_cpset_free(w.fonts[i].used);
		pdf_gtext_free(w.fonts[i].gt);
		free(w.fonts[i].width);
		free(w.fonts[i].code);
	}
	free(w.fonts);
	free(w.font_names);
	free(w.images);
	buf_free(&w.cs);
	free(w.z);
	if (w.deflater)
		libdeflate_free_compressor(w.deflater);
	free(pages);
	return rc;
}

int vita_pdf_write_mem(const vita_doc *doc, unsigned char **out, size_t *len, vita_diags *d)
{
	return render(doc, out, len, d);
}

int vita_pdf_write(const vita_doc *doc, const char *path, vita_diags *d)
{
	/* Open the output first: an unwritable folder fails before any work, and leaves nothing. */
	vita_tmpfile t;
	if (tmpfile_open(&t, path, d) != 0)
		return -1;
	unsigned char *data = NULL;
	size_t len = 0;
	if (render(doc, &data, &len, d) != 0) {
		tmpfile_abort(&t);
		return -1;
	}
	const unsigned char *p = data;
	size_t left = len;
	while (left) {
		ssize_t n = write(t.fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			vita_pos pos = {path, 0, 0};
			vita_diag(d, VITA_ERROR, pos, "cannot write: %s", n < 0 ? strerror(errno) : "short write");
			free(data);
			tmpfile_abort(&t);
			return -1;
		}
		p += n;
		left -= (size_t)n;
	}
	free(data);
	return tmpfile_commit(&t, d);
}
