/*
 * The PDF backend: draws a laid-out document (struct vita_doc, include/vita/frame.h) with libharu
 * 2.3.0, to a file (atomically) or to memory.
 *
 * Everything is decided before this point: the layout placed every text piece, rule, link and image,
 * so this file only translates coordinates (frames have y down from the top; PDF has y up from the
 * bottom) and keeps the content streams small by not repeating unchanged state.  Text pieces are
 * placed with absolute text matrices, never relative moves, so that rounding does not accumulate
 * along a line.  Fonts are subset by HarfBuzz first (subset.c) and libharu's ToUnicode maps are
 * replaced by valid ones (tounicode.c); the notes in shared/notes/libharu-2.3.md say why.
 *
 * libharu's errors are sticky (after one, every later call fails), so the first failure stops the
 * document and is reported with libharu's code and a readable text.  Each call builds its own
 * HPDF_Doc and there is no global state, so documents can be written from several threads at once —
 * but libharu puts a 128 KiB array on the stack while it builds each Unicode font
 * (HPDF_Type0Font_New, which HPDF_GetFont calls): worker threads need stacks of at least 256 KiB
 * (glibc's default is 8 MiB; the batch builder must not go below 256 KiB when it sets its own).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <png.h>

#include "pdf/pdf_internal.h"

#define PRODUCER_NAME "vita " VITA_VERSION

/* A fake bold (for a family without a bold face, e.g. CJK) strokes the outline with this fraction
 * of the font size; 3% of an em looks as heavy as a real bold and keeps counters open.  A rendering
 * technique, not a layout dimension: the layout only says fake_bold. */
#define FAKE_BOLD_STROKE 0.03

/* Images beyond this many pixels are refused rather than decoded (a photo on a CV is far smaller). */
#define MAX_IMAGE_PIXELS (64u * 1024 * 1024)
#define MAX_IMAGE_BYTES ((size_t)64 * 1024 * 1024)

typedef struct font_slot {
	size_t canon;    /* the first entry of doc->fonts with the same file and face */
	pdf_cpset *used; /* on canonical slots: the code points drawn with this font */
	HPDF_Font font;  /* on canonical slots: NULL when not loaded (unused, or no glyph for any) */
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
	uint32_t *astral; /* code points above U+FFFF already warned about */
	size_t nastral;
	vita_buf scratch;
} pdf_writer;

/* The per-page drawing state, so that unchanged settings are not written again. */
typedef struct page_state {
	HPDF_Page page;
	double height;
	bool in_text;
	size_t font;
	double size;
	bool fill_set, stroke_set, width_set;
	vita_rgb fill, stroke;
	double width;
	HPDF_TextRenderingMode mode;
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

static bool is_astral_warned(pdf_writer *w, uint32_t cp)
{
	for (size_t i = 0; i < w->nastral; i++)
		if (w->astral[i] == cp)
			return true;
	w->astral = xrealloc(w->astral, (w->nastral + 1) * sizeof *w->astral);
	w->astral[w->nastral++] = cp;
	return false;
}

/* The text libharu can draw for s: s itself, or a copy in w->scratch without the characters above
 * U+FFFF (which libharu 2.3.0 would turn into spaces) and with invalid UTF-8 replaced by U+FFFD.
 * When used is given, adds the code points and reports what was left out (the collection pass). */
static const char *drawable_text(pdf_writer *w, const char *s, pdf_cpset *used, size_t page)
{
	size_t n = strlen(s);
	bool clean = true;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0 || cp > 0xFFFF) {
			clean = false;
			if (used && k == 0)
				vita_diag(w->d, VITA_WARNING, no_pos,
				          "page %zu: invalid UTF-8 in a text piece; replaced by U+FFFD", page + 1);
			else if (used && !is_astral_warned(w, cp))
				vita_diag(w->d, VITA_WARNING, no_pos,
				          "character U+%04X is outside the Basic Multilingual Plane, which the PDF "
				          "writer (libharu 2.3.0) cannot draw; it is left out of the PDF",
				          (unsigned)cp);
			i += k ? k : 1;
			if (k == 0 && used)
				pdf_cpset_add(used, 0xFFFD);
			continue;
		}
		if (used)
			pdf_cpset_add(used, cp);
		i += k;
	}
	if (clean)
		return s;
	buf_reset(&w->scratch);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0)
			buf_put_utf8(&w->scratch, 0xFFFD);
		else if (cp <= 0xFFFF)
			buf_put(&w->scratch, s + i, k);
		i += k ? k : 1;
	}
	return buf_str(&w->scratch);
}

/* ---- fonts ----------------------------------------------------------------------------------- */

/* Gives every doc->fonts entry its canonical slot and collects each canonical font's code points. */
static int collect_fonts(pdf_writer *w)
{
	const vita_doc *doc = w->doc;
	w->fonts = xcalloc(doc->nfonts ? doc->nfonts : 1, sizeof *w->fonts);
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
			drawable_text(w, it->text, s->used, p);
		}
	}
	return 0;
}

/* libharu embeds only the glyphs it saw drawn and follows composite glyphs one level deep, so the
 * parts of nested composites (the caron of a bold "š") would be lost.  The font is already a subset
 * of what the document draws: keeping all of its glyphs costs nothing. */
static void keep_all_glyphs(HPDF_TTFontDefAttr ta)
{
	memset(ta->glyph_tbl.flgs, 1, ta->num_glyphs);
}

/* Writes the CIDToGIDMap (up to the highest code drawn) and the /W widths of the code points the
 * font covers; libharu's own width function gives the widths, truncated as the layout assumed. */
static HPDF_STATUS write_cid_tables(HPDF_Font font, const pdf_cpset *used, const pdf_cpset *covered)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_Dict cid_font = fa->descendant_font;
	HPDF_Array widths = HPDF_Dict_GetItem(cid_font, "W", HPDF_OCLASS_ARRAY);
	if (!widths) {
		widths = HPDF_Array_New(font->mmgr);
		if (!widths || HPDF_Dict_Add(cid_font, "W", widths) != HPDF_OK)
			return HPDF_FAILD_TO_ALLOC_MEM;
	}
	HPDF_Array_Clear(widths);
	/* Runs of consecutive codes: `first [w1 w2 …]`; widths equal to /DW are left to it. */
	HPDF_Array run = NULL;
	long prev = -2;
	for (long cp = pdf_cpset_next(covered, 0); cp >= 0; cp = pdf_cpset_next(covered, cp + 1)) {
		HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
		HPDF_INT16 width = HPDF_TTFontDef_GetGidWidth(def, gid);
		if (width == def->missing_width)
			continue;
		if (cp != prev + 1) {
			run = HPDF_Array_New(font->mmgr);
			if (!run || HPDF_Array_AddNumber(widths, (HPDF_INT32)cp) != HPDF_OK ||
			    HPDF_Array_Add(widths, run) != HPDF_OK)
				return HPDF_FAILD_TO_ALLOC_MEM;
		}
		if (HPDF_Array_AddNumber(run, width) != HPDF_OK)
			return HPDF_FAILD_TO_ALLOC_MEM;
		prev = cp;
	}

	long last = -1;
	for (long cp = pdf_cpset_next(used, 0); cp >= 0; cp = pdf_cpset_next(used, cp + 1))
		last = cp;
	size_t n = (size_t)(last + 1) * 2;
	HPDF_BYTE *map = xcalloc(n ? n : 2, 1);
	for (long cp = pdf_cpset_next(covered, 0); cp >= 0; cp = pdf_cpset_next(covered, cp + 1)) {
		HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
		map[2 * cp] = (HPDF_BYTE)(gid >> 8);
		map[2 * cp + 1] = (HPDF_BYTE)gid;
	}
	HPDF_MemStream_FreeData(fa->map_stream->stream);
	HPDF_STATUS rc = HPDF_Stream_Write(fa->map_stream->stream, map, (HPDF_UINT)n);
	free(map);
	return rc;
}

/* A stand-in for libharu's UTF-8 encoder while a font is built (see get_font): it maps one code
 * only, so that libharu's tables come out nearly empty.  Its lists are libharu lists, created
 * empty, because the CMap writer walks them. */
typedef struct build_encoder {
	HPDF_Encoder_Rec enc;
	HPDF_CMapEncoderAttr attr;
} build_encoder;

static int build_encoder_init(build_encoder *b, HPDF_Doc pdf)
{
	memset(&b->enc, 0, sizeof b->enc);
	b->attr = xcalloc(1, sizeof *b->attr); /* 260 KB of zeros: calloc gets fresh pages cheaply */
	HPDF_CMapEncoderAttr a = b->attr;
	snprintf(b->enc.name, sizeof b->enc.name, "UTF-8");
	b->enc.mmgr = pdf->mmgr;
	b->enc.error = pdf->mmgr->error;
	b->enc.type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
	b->enc.to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	b->enc.attr = a;
	a->writing_mode = HPDF_WMODE_HORIZONTAL;
	snprintf(a->registry, sizeof a->registry, "Adobe");
	snprintf(a->ordering, sizeof a->ordering, "Identity-H"); /* what the UTF-8 encoder says */
	a->uid_offset = -1;
	a->cid_map[0][1] = 1; /* code 1 -> CID 1 -> U+0000: the only entry */
	a->cmap_range = HPDF_List_New(pdf->mmgr, 1);
	a->notdef_range = HPDF_List_New(pdf->mmgr, 1);
	a->code_space_range = HPDF_List_New(pdf->mmgr, 1);
	return a->cmap_range && a->notdef_range && a->code_space_range ? 0 : -1;
}

static void build_encoder_free(build_encoder *b)
{
	if (!b->attr)
		return;
	if (b->attr->cmap_range)
		HPDF_List_Free(b->attr->cmap_range);
	if (b->attr->notdef_range)
		HPDF_List_Free(b->attr->notdef_range);
	if (b->attr->code_space_range)
		HPDF_List_Free(b->attr->code_space_range);
	free(b->attr);
	b->attr = NULL;
}

/* What HPDF_GetFont(pdf, name, "UTF-8") does, minus most of its cost.
 *
 * libharu builds a Unicode font by looking every one of the 65536 code points up in the font's
 * cmap (a linear scan of its segments each) and its width, then writes a 128 KiB CID-to-glyph map
 * and deflates it: about 1 ms per font, most of the time of a whole CV, for the few hundred
 * characters a CV uses.  So the font is built with a stand-in encoder that maps a single code
 * (libharu's tables then hold one entry), the UTF-8 encoder is put in its place, and the real
 * CIDToGIDMap and widths of the characters used are written from the real cmap.  The result is
 * the font HPDF_GetFont would have made, with a shorter map.  (HPDF_Type0Font_New still puts a
 * 128 KiB array on the stack.) */
static HPDF_Font get_font(pdf_writer *w, const char *name, build_encoder *be, const pdf_cpset *used,
                          const pdf_cpset *covered)
{
	HPDF_Doc pdf = w->pdf;
	HPDF_FontDef def = HPDF_GetFontDef(pdf, name);
	HPDF_Encoder utf8 = HPDF_GetEncoder(pdf, "UTF-8");
	if (!def || !utf8 || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr)
		return NULL;
	HPDF_TTFontDefAttr ta = (HPDF_TTFontDefAttr)def->attr;
	if (!ta->glyph_tbl.flgs)
		return NULL;
	HPDF_Font font = HPDF_Type0Font_New(pdf->mmgr, def, &be->enc, pdf->xref);
	if (!font)
		return NULL;
	/* Registered as HPDF_GetFont registers it; the font object itself belongs to the xref. */
	if (HPDF_List_Add(pdf->font_mgr, font) != HPDF_OK)
		return NULL;
	if (pdf->compression_mode & HPDF_COMP_METADATA)
		font->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	if (fa->type != HPDF_FONT_TYPE0_TT || !fa->descendant_font || !fa->map_stream)
		return NULL;
	fa->encoder = utf8;
	keep_all_glyphs(ta);
	HPDF_STATUS rc = write_cid_tables(font, used, covered);
	if (rc == HPDF_OK)
		rc = pdf_tounicode_install(font, used);
	if (rc != HPDF_OK) {
		if (!w->error)
			w->error = rc;
		return NULL;
	}
	return font;
}

static int load_fonts(pdf_writer *w)
{
	const vita_doc *doc = w->doc;
	const char **names = xcalloc(doc->nfonts ? doc->nfonts : 1, sizeof *names);
	pdf_cpset *covered = xmalloc(sizeof *covered);
	build_encoder be;
	int rc = build_encoder_init(&be, w->pdf) == 0 ? 0 : fail(w, no_pos, "setting up fonts");
	for (size_t i = 0; i < doc->nfonts && rc == 0; i++) {
		font_slot *s = &w->fonts[i];
		if (s->canon != i || !s->used)
			continue;
		const vita_font_ref *f = &doc->fonts[i];
		vita_pos fpos = {f->path, 0, 0};
		pdf_subset sub;
		int r = pdf_subset_font(f, s->used, covered, &sub, w->d);
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r > 0)
			continue; /* no glyph for anything drawn with it: warned, nothing to embed */
		/* The subset is a single-face TrueType file even when the original is a collection. */
		const char *name = HPDF_LoadTTFontFromFile(w->pdf, sub.path, HPDF_TRUE);
		pdf_subset_close(&sub); /* libharu opened its own handle, which it keeps until HPDF_Free */
		if (!name) {
			rc = fail(w, fpos, "loading the font subset");
			break;
		}
		/* libharu identifies fonts by PostScript name and silently hands back the first of two
		 * fonts that share one: the second would draw with the wrong glyphs. */
		for (size_t j = 0; j < i; j++)
			if (names[j] && strcmp(names[j], name) == 0) {
				vita_diag(w->d, VITA_ERROR, fpos,
				          "cannot write the PDF: this font has the same PostScript name as %s, and "
				          "the PDF writer (libharu 2.3.0) cannot embed both",
				          doc->fonts[j].path);
				rc = -1;
				break;
			}
		if (rc)
			break;
		names[i] = name;
		s->font = get_font(w, name, &be, s->used, covered);
		if (!s->font) {
			rc = fail(w, fpos, "creating the font");
			break;
		}
	}
	build_encoder_free(&be);
	free(covered);
	free(names);
	return rc;
}

/* ---- drawing --------------------------------------------------------------------------------- */

static double unit(double v)
{
	return v > 0 ? (v < 1 ? v : 1) : 0; /* also maps NaN to 0 */
}

static bool same_rgb(vita_rgb a, vita_rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static int set_stroke(pdf_writer *w, page_state *ps, vita_rgb c, double width, const char *what)
{
	c = (vita_rgb){unit(c.r), unit(c.g), unit(c.b)};
	if ((!ps->stroke_set || !same_rgb(ps->stroke, c)) &&
	    HPDF_Page_SetRGBStroke(ps->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b) != HPDF_OK)
		return fail(w, no_pos, what);
	ps->stroke = c;
	ps->stroke_set = true;
	if ((!ps->width_set || ps->width != width) &&
	    HPDF_Page_SetLineWidth(ps->page, (HPDF_REAL)width) != HPDF_OK)
		return fail(w, no_pos, what);
	ps->width = width;
	ps->width_set = true;
	return 0;
}

static int end_text(pdf_writer *w, page_state *ps)
{
	if (ps->in_text && HPDF_Page_EndText(ps->page) != HPDF_OK)
		return fail(w, no_pos, "ending a text object");
	ps->in_text = false;
	return 0;
}

static int draw_text(pdf_writer *w, page_state *ps, const vita_item *it, size_t page)
{
	if (!it->text || !*it->text)
		return 0;
	size_t canon = w->fonts[it->font].canon;
	HPDF_Font font = w->fonts[canon].font;
	if (!font)
		return 0; /* the font has no glyph for any of it: already warned */
	const char *text = drawable_text(w, it->text, NULL, page);
	if (!*text)
		return 0;
	char what[128];
	snprintf(what, sizeof what, "page %zu: drawing the text \"%.60s\"", page + 1, it->text);
	HPDF_Page pg = ps->page;
	if (!ps->in_text) {
		if (HPDF_Page_BeginText(pg) != HPDF_OK)
			return fail(w, no_pos, what);
		ps->in_text = true;
	}
	if (ps->font != canon || ps->size != it->size) {
		if (HPDF_Page_SetFontAndSize(pg, font, (HPDF_REAL)it->size) != HPDF_OK)
			return fail(w, no_pos, what);
		ps->font = canon;
		ps->size = it->size;
	}
	vita_rgb c = {unit(it->color.r), unit(it->color.g), unit(it->color.b)};
	if (!ps->fill_set || !same_rgb(ps->fill, c)) {
		if (HPDF_Page_SetRGBFill(pg, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b) != HPDF_OK)
			return fail(w, no_pos, what);
		ps->fill = c;
		ps->fill_set = true;
	}
	HPDF_TextRenderingMode mode = it->fake_bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL;
	if (it->fake_bold && set_stroke(w, ps, c, FAKE_BOLD_STROKE * it->size, what) != 0)
		return -1;
	if (ps->mode != mode) {
		if (HPDF_Page_SetTextRenderingMode(pg, mode) != HPDF_OK)
			return fail(w, no_pos, what);
		ps->mode = mode;
	}
	if (HPDF_Page_SetTextMatrix(pg, 1, 0, 0, 1, (HPDF_REAL)it->x, (HPDF_REAL)(ps->height - it->y)) != HPDF_OK ||
	    HPDF_Page_ShowText(pg, text) != HPDF_OK)
		return fail(w, no_pos, what);
	return 0;
}

static int draw_rule(pdf_writer *w, page_state *ps, const vita_item *it, size_t page)
{
	if (!(it->thickness > 0))
		return 0;
	char what[64];
	snprintf(what, sizeof what, "page %zu: drawing a rule", page + 1);
	if (end_text(w, ps) != 0 || set_stroke(w, ps, it->color, it->thickness, what) != 0)
		return -1;
	HPDF_Page pg = ps->page;
	if (HPDF_Page_MoveTo(pg, (HPDF_REAL)it->x, (HPDF_REAL)(ps->height - it->y)) != HPDF_OK ||
	    HPDF_Page_LineTo(pg, (HPDF_REAL)(it->x + it->w), (HPDF_REAL)(ps->height - it->y - it->h)) != HPDF_OK ||
	    HPDF_Page_Stroke(pg) != HPDF_OK)
		return fail(w, no_pos, what);
	return 0;
}

static int draw_link(pdf_writer *w, page_state *ps, const vita_item *it, size_t page)
{
	if (!it->text || !*it->text)
		return 0;
	char what[160];
	snprintf(what, sizeof what, "page %zu: adding the link %.100s", page + 1, it->text);
	HPDF_Rect r = {(HPDF_REAL)it->x, (HPDF_REAL)(ps->height - it->y - it->h),
	               (HPDF_REAL)(it->x + it->w), (HPDF_REAL)(ps->height - it->y)};
	HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(ps->page, r, it->text);
	if (!a || HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0) != HPDF_OK)
		return fail(w, no_pos, what);
	return 0;
}

/* libharu hands corrupt PNGs to libpng with an error callback that returns, and libpng then calls
 * abort().  Decoding the file once with libpng's own error handling first turns that into a message. */
static bool png_decodes(const char *path, const char **why)
{
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	static _Thread_local char msg[64];
	if (!png_image_begin_read_from_file(&im, path)) {
		snprintf(msg, sizeof msg, "%s", im.message);
		*why = msg;
		png_image_free(&im);
		return false;
	}
	if ((unsigned long long)im.width * im.height > MAX_IMAGE_PIXELS) {
		png_image_free(&im);
		*why = "the image is too large";
		return false;
	}
	im.format = PNG_FORMAT_RGBA;
	void *pixels = xmalloc(PNG_IMAGE_SIZE(im));
	bool ok = png_image_finish_read(&im, NULL, pixels, 0, NULL) != 0;
	if (!ok) {
		snprintf(msg, sizeof msg, "%s", im.message);
		*why = msg;
	}
	free(pixels);
	png_image_free(&im);
	return ok;
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
		const char *why = NULL;
		if (!png_decodes(path, &why)) {
			vita_diag(w->d, VITA_ERROR, pos, "not a valid PNG image: %s", why);
			return NULL;
		}
		img = HPDF_LoadPngImageFromFile(w->pdf, path);
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
	if (end_text(w, ps) != 0)
		return -1;
	HPDF_Image img = load_image(w, it->text);
	if (!img)
		return -1;
	vita_pos pos = {it->text, 0, 0};
	if (HPDF_Page_DrawImage(ps->page, img, (HPDF_REAL)it->x, (HPDF_REAL)(ps->height - it->y - it->h),
	                        (HPDF_REAL)it->w, (HPDF_REAL)it->h) != HPDF_OK)
		return fail(w, pos, "drawing the image");
	return 0;
}

static int draw_pages(pdf_writer *w, HPDF_Page *pages)
{
	const vita_doc *doc = w->doc;
	for (size_t p = 0; p < doc->npages; p++) {
		page_state ps = {0};
		ps.font = (size_t)-1;
		ps.mode = HPDF_FILL;
		ps.height = doc->page_height;
		ps.page = pages[p] = HPDF_AddPage(w->pdf);
		if (!ps.page || HPDF_Page_SetWidth(ps.page, (HPDF_REAL)doc->page_width) != HPDF_OK ||
		    HPDF_Page_SetHeight(ps.page, (HPDF_REAL)doc->page_height) != HPDF_OK)
			return fail(w, no_pos, "adding a page");
		const vita_page *pg = &doc->pages[p];
		for (size_t k = 0; k < pg->nitems; k++) {
			const vita_item *it = &pg->items[k];
			int rc = 0;
			switch (it->kind) {
			case VITA_ITEM_TEXT: rc = draw_text(w, &ps, it, p); break;
			case VITA_ITEM_RULE: rc = draw_rule(w, &ps, it, p); break;
			case VITA_ITEM_LINK: rc = draw_link(w, &ps, it, p); break;
			case VITA_ITEM_IMAGE: rc = draw_image(w, &ps, it, p); break;
			}
			if (rc != 0)
				return -1;
		}
		if (end_text(w, &ps) != 0)
			return -1;
	}
	return 0;
}

/* ---- outline and information ----------------------------------------------------------------- */

static int add_bookmarks(pdf_writer *w, const HPDF_Page *pages)
{
	const vita_doc *doc = w->doc;
	if (!doc->nbookmarks)
		return 0;
	HPDF_Encoder utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
	if (!utf8)
		return fail(w, no_pos, "adding bookmarks");
	for (size_t i = 0; i < doc->nbookmarks; i++) {
		const vita_bookmark *b = &doc->bookmarks[i];
		if (b->page < 0 || (size_t)b->page >= doc->npages) {
			vita_diag(w->d, VITA_ERROR, no_pos,
			          "cannot write the PDF: bookmark \"%s\" points to page %d of %zu",
			          b->title ? b->title : "", b->page + 1, doc->npages);
			return -1;
		}
		char what[128];
		snprintf(what, sizeof what, "adding the bookmark \"%.80s\"", b->title ? b->title : "");
		HPDF_Outline o = HPDF_CreateOutline(w->pdf, NULL, b->title ? b->title : "", utf8);
		HPDF_Destination dst = o ? HPDF_Page_CreateDestination(pages[b->page]) : NULL;
		/* Zoom 1: libharu refuses 0 ("keep the reader's zoom"); it accepts 0.08 to 32. */
		if (!dst || HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(doc->page_height - b->y), 1) != HPDF_OK ||
		    HPDF_Outline_SetDestination(o, dst) != HPDF_OK)
			return fail(w, no_pos, what);
	}
	return 0;
}

static int set_info(pdf_writer *w)
{
	const vita_doc *doc = w->doc;
	char producer[96];
	snprintf(producer, sizeof producer, "%s (libharu %s)", PRODUCER_NAME, HPDF_GetVersion());
	struct {
		HPDF_InfoType type;
		const char *value;
	} attrs[] = {
		{HPDF_INFO_TITLE, doc->title},
		{HPDF_INFO_AUTHOR, doc->author},
		{HPDF_INFO_SUBJECT, doc->subject},
		{HPDF_INFO_KEYWORDS, doc->keywords},
		{HPDF_INFO_CREATOR, doc->creator && *doc->creator ? doc->creator : PRODUCER_NAME},
		{HPDF_INFO_PRODUCER, producer},
	};
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
		if (attrs[i].value && *attrs[i].value &&
		    HPDF_SetInfoAttr(w->pdf, attrs[i].type, attrs[i].value) != HPDF_OK)
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
	if (HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL) != HPDF_OK || HPDF_UseUTFEncodings(w.pdf) != HPDF_OK ||
	    HPDF_SetCurrentEncoder(w.pdf, "UTF-8") != HPDF_OK) {
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
	for (size_t i = 0; w.fonts && i < doc->nfonts; i++)
		free(w.fonts[i].used);
	free(w.fonts);
	free(w.images);
	free(w.astral);
	buf_free(&w.scratch);
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
