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
 * The work is in three files (writer.h): this one (the document, libharu's errors, the outline and
 * the information dictionary), fonts.c (fonts and compressed streams) and draw.c (the pages).
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

#include "io/io.h"
#include "pdf/writer.h"

#define PRODUCER_NAME "vita " VITA_VERSION

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
int pdf_fail(pdf_writer *w, vita_pos pos, const char *what)
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
			return pdf_fail(w, no_pos, what);
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
		return pdf_fail(w, no_pos, "setting the document information");
	for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
		if (attrs[i].value && *attrs[i].value &&
		    HPDF_Dict_Add(w->pdf->info, attrs[i].key, text_string(w, attrs[i].value, attrs[i].key)) != HPDF_OK)
			return pdf_fail(w, no_pos, "setting the document information");
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
		return pdf_fail(w, no_pos, "setting the document dates");
	return 0;
}

/* ---- the document ---------------------------------------------------------------------------- */

/* libharu's own memory stream copies every byte of the saved file twice with a byte loop
 * (HPDF_MemCpy), into its buffers and out of them (0.4 M instructions for a three-page CV): the file
 * goes straight into a vita_buf instead, through a callback stream. */
static HPDF_STATUS append_saved(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	buf_put((vita_buf *)s->attr, p, n);
	return HPDF_OK;
}

static int save_to_memory(pdf_writer *w, unsigned char **out, size_t *len)
{
	vita_buf b = {0};
	HPDF_Stream s = HPDF_CallbackWriter_New(w->pdf->mmgr, append_saved, &b);
	if (!s)
		return pdf_fail(w, no_pos, "saving");
	/* HPDF_SaveToStream saves into the document's stream when it has one, and HPDF_Free frees it
	 * (libharu 2.3.0, hpdf_doc.c) */
	w->pdf->stream = s;
	if (HPDF_SaveToStream(w->pdf) != HPDF_OK) {
		buf_free(&b);
		return pdf_fail(w, no_pos, "saving");
	}
	*len = b.len;
	*out = b.len ? (unsigned char *)buf_take(&b) : xmalloc(1);
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
		pdf_fail(&w, no_pos, "setting up the document");
		goto done;
	}
	if (pdf_collect_fonts(&w) != 0 || pdf_load_fonts(&w) != 0 || pdf_draw_pages(&w, pages) != 0 ||
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
		if (w.fonts[i].outline)
			hb_font_destroy(w.fonts[i].outline);
		free(w.fonts[i].color);
		free(w.fonts[i].color_width);
	}
	free(w.fonts);
	free(w.font_names);
	free(w.images);
	arena_free(w.links);
	arena_free(w.held);
	buf_free(&w.cs);
	free(w.z);
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
