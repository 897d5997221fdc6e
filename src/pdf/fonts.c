/*
 * The PDF backend's fonts (writer.h): the characters each font draws, the subsets HarfBuzz makes of
 * them, embedded as Type0 fonts with dense CIDs, widths and a ToUnicode map; and the compressed
 * streams (libdeflate) they and the pages are written in.
 */
#include <libdeflate.h>

#include "pdf/writer.h"

/* ---- text ------------------------------------------------------------------------------------ */

/* Adds the code points of s to used: invalid UTF-8 becomes U+FFFD.  draw_text makes the same
 * choice. */
static void collect_text(pdf_writer *w, const char *s, pdf_cpset *used, size_t page)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) { /* most characters: no decoding call */
			pdf_cpset_add(used, (unsigned char)s[i++]);
			continue;
		}
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
int pdf_collect_fonts(pdf_writer *w)
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
		for (size_t k = 0, j = 0; k < pg->nitems; j + 1 < vita_item_npieces(&pg->items[k]) ? j++ : (j = 0, k++)) {
			/* piece by piece, in drawing order (an item's cuts hold its later pieces) */
			vita_item piece = vita_item_piece(&pg->items[k], j);
			const vita_item *it = &piece;
			if (it->kind != VITA_ITEM_TEXT || !it->text || !*it->text)
				continue;
			if ((size_t)it->font >= doc->nfonts) {
				vita_diag(w->d, VITA_ERROR, no_pos,
				          "cannot write the PDF: page %zu: a text piece uses font %d of %zu", p + 1,
				          it->font, doc->nfonts);
				return -1;
			}
			if (doc->fonts[it->font].outlines)
				continue; /* drawn as paths (outline.c): not embedded */
			font_slot *s = &w->fonts[w->fonts[it->font].canon];
			if (!s->used)
				s->used = xcalloc(1, sizeof *s->used);
			if (doc->fonts[it->font].color || it->glyphs) {
				if (!s->gt)
					s->gt = xcalloc(1, sizeof *s->gt);
			}
			if (doc->fonts[it->font].color) { /* a Type 3 font of glyphs (color.c) */
				pdf_color_collect(w, it, s);
				continue;
			}
			if (it->glyphs) {
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

/* This thread's compressor, kept from one document to the next: making one (its hash tables)
 * costs some 30 000 instructions, as much as compressing a small stream.  Freed with the thread's
 * other kept state (vita_pdf_thread_done, or when the thread ends). */
static _Thread_local struct libdeflate_compressor *kept_deflater;
static _Thread_local int kept_level;

static struct libdeflate_compressor *deflater(int level)
{
	if (kept_deflater && kept_level == level)
		return kept_deflater;
	pdf_deflate_thread_done();
	kept_deflater = libdeflate_alloc_compressor(level);
	kept_level = level;
	if (kept_deflater)
		thread_exit_call(vita_pdf_thread_done);
	return kept_deflater;
}

void pdf_deflate_thread_done(void)
{
	if (kept_deflater)
		libdeflate_free_compressor(kept_deflater);
	kept_deflater = NULL;
}

/* Deflates data into w->z (zlib format, as /FlateDecode wants) with libdeflate, which compresses a
 * whole buffer in one call: faster than zlib's streaming at the same ratio, with no per-stream
 * tables to clear.  false when deflating failed or did not make the data smaller. */
static bool deflate_data(pdf_writer *w, const void *data, size_t len, int level)
{
	if (len < MIN_DEFLATE || len > 0x7FFFFFFF)
		return false;
	struct libdeflate_compressor *c = deflater(level);
	if (!c)
		return false; /* out of memory: the stream goes uncompressed */
	size_t cap = libdeflate_zlib_compress_bound(c, len);
	if (cap > w->zcap) {
		free(w->z);
		w->z = xmalloc(cap);
		w->zcap = cap;
	}
	w->zlen = libdeflate_zlib_compress(c, data, len, w->z, cap);
	return w->zlen > 0 && w->zlen < len;
}

/* Writes a deflated stream's /Filter (libharu would deflate the data again if told the filter). */
static HPDF_STATUS put_flate_filter(HPDF_Dict obj, HPDF_Stream out)
{
	(void)obj;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* A stream object's bytes, kept in the writer's arena until the document is saved: libharu's memory
 * stream would copy them with a byte loop into its buffers, and out again when saving (0.23 M
 * instructions for a three-page CV).  A reading stream over these bytes replaces it. */
typedef struct held_bytes {
	const unsigned char *p;
	size_t len, pos;
} held_bytes;

static HPDF_STATUS held_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
	held_bytes *h = s->attr;
	size_t n = h->len - h->pos < *size ? h->len - h->pos : *size;
	memcpy(ptr, h->p + h->pos, n);
	h->pos += n;
	*size = (HPDF_UINT)n;
	return h->pos == h->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS held_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	held_bytes *h = s->attr;
	long long to = mode == HPDF_SEEK_SET ? 0 : mode == HPDF_SEEK_CUR ? (long long)h->pos : (long long)h->len;
	to += pos;
	if (to < 0 || to > (long long)h->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	h->pos = (size_t)to;
	return HPDF_OK;
}

static HPDF_INT32 held_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((held_bytes *)s->attr)->pos;
}

static HPDF_UINT32 held_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((held_bytes *)s->attr)->len;
}

/* Gives the empty stream object s a copy of data as its contents, read back when it is saved.  It
 * has no write function: a later write to it fails instead of mixing the two. */
static HPDF_STATUS hold_stream(pdf_writer *w, HPDF_Dict s, const void *data, size_t len)
{
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Stream r = HPDF_GetMem(mm, sizeof *r);
	if (!r)
		return HPDF_Error_GetCode(mm->error);
	if (!w->held)
		w->held = arena_new();
	held_bytes *h = arena_alloc(w->held, sizeof *h + len);
	unsigned char *copy = (unsigned char *)(h + 1);
	memcpy(copy, data, len);
	*h = (held_bytes){copy, len, 0};
	memset(r, 0, sizeof *r);
	r->sig_bytes = HPDF_STREAM_SIG_BYTES;
	r->type = HPDF_STREAM_CALLBACK;
	r->mmgr = mm;
	r->error = mm->error;
	r->read_fn = held_read;
	r->seek_fn = held_seek;
	r->tell_fn = held_tell;
	r->size_fn = held_size;
	r->attr = h;
	HPDF_Stream_Free(s->stream);
	s->stream = r;
	return HPDF_OK;
}

/* Puts data into the stream object s, deflated when that pays. */
HPDF_STATUS pdf_fill_stream(pdf_writer *w, HPDF_Dict s, const void *data, size_t len, int level)
{
	s->filter = HPDF_STREAM_FILTER_NONE;
	if (deflate_data(w, data, len, level)) {
		s->write_fn = put_flate_filter;
		data = w->z;
		len = w->zlen;
	}
	/* a stream libharu wrote into already (none of vita's) keeps its memory stream */
	if (len && len <= 0x7FFFFFFF && s->stream && HPDF_Stream_Size(s->stream) == 0)
		return hold_stream(w, s, data, len);
	return HPDF_Stream_Write(s->stream, data, (HPDF_UINT)len);
}

/* A new stream object holding data, deflated when that pays. */
HPDF_Dict pdf_new_stream(pdf_writer *w, const void *data, size_t len, int level)
{
	HPDF_Dict s = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
	return s && pdf_fill_stream(w, s, data, len, level) == HPDF_OK ? s : NULL;
}

/* A new indirect dictionary, or NULL (libharu freed it and recorded the error). */
HPDF_Dict pdf_new_dict(pdf_writer *w)
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

/* ---- the CIDFont dictionary ----------------------------------------------------------------
 * Written from text made here, by the dictionary's write hook (HPDF_Dict_Rec.write_fn, between
 * libharu's "<<" and ">>"), in the bytes libharu would write for the same entries: a /W array was
 * one libharu object per width, built and then written number by number (0.2 M instructions for
 * three fonts).  Arrays are "[ " and each element followed by a space, then "]"; the runs are cut
 * where libharu's arrays would end (W_RUN). */

static void put_int(vita_buf *b, long v)
{
	char t[24], *e = t + sizeof t, *p = e;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	buf_put(b, p, (size_t)(e - p));
}

/* Opens a run of widths from code c (closing the previous one). */
static void open_run(vita_buf *b, long c, bool first)
{
	if (!first)
		buf_puts(b, "] ");
	put_int(b, c);
	buf_puts(b, " [ ");
}

/* TrueType: the CIDs are 1 … n, one run of widths `1 [w1 w2 …]`. */
static void put_widths(vita_buf *b, const pdf_subset *sub)
{
	for (size_t i = 1; i <= sub->ncids; i++) {
		if ((i - 1) % W_RUN == 0)
			open_run(b, (long)i, i == 1);
		put_int(b, sub->width[i]);
		buf_putc(b, ' ');
	}
	if (sub->ncids)
		buf_puts(b, "] ");
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
static void put_code_widths(vita_buf *b, const pdf_subset *sub)
{
	code_width *cw = xmalloc((sub->ncids + 1) * sizeof *cw);
	size_t n = 0;
	for (size_t i = 1; i <= sub->ncids; i++)
		if (sub->code[i])
			cw[n++] = (code_width){sub->code[i], sub->width[i]};
	qsort(cw, n, sizeof *cw, by_code);
	int in_run = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && cw[i].code == cw[i - 1].code)
			continue;
		if (i == 0 || cw[i].code != cw[i - 1].code + 1 || in_run == W_RUN) {
			in_run = 0;
			open_run(b, cw[i].code, i == 0);
		}
		put_int(b, cw[i].width);
		buf_putc(b, ' ');
		in_run++;
	}
	if (n)
		buf_puts(b, "] ");
	free(cw);
}

static void put_ref(vita_buf *b, const char *key, HPDF_Dict obj)
{
	buf_puts(b, key);
	put_int(b, (long)(obj->header.obj_id & 0x00FFFFFF));
	buf_putc(b, ' ');
	put_int(b, (long)obj->header.gen_no);
	buf_puts(b, " R\012");
}

static HPDF_STATUS write_cid_font(HPDF_Dict d, HPDF_Stream s)
{
	const held_bytes *h = d->attr;
	return HPDF_Stream_Write(s, h->p, (HPDF_UINT)h->len);
}

/* base holds only letters, digits, "+-_." (ps_name, subset_tag): no name escapes. */
static void cid_font_text(vita_buf *b, const pdf_subset *sub, const char *base, HPDF_Dict desc, HPDF_Dict map)
{
	buf_puts(b, "/Type /Font\012/Subtype /");
	buf_puts(b, sub->cff ? "CIDFontType0" : "CIDFontType2");
	buf_puts(b, "\012/BaseFont /");
	buf_puts(b, base);
	buf_puts(b, "\012/CIDSystemInfo <<\012/Registry (Adobe)\012/Ordering (Identity)\012/Supplement 0\012>>\012");
	put_ref(b, "/FontDescriptor ", desc);
	buf_puts(b, "/DW ");
	put_int(b, sub->width[0]);
	buf_puts(b, "\012/W [ ");
	if (sub->cff)
		put_code_widths(b, sub);
	else
		put_widths(b, sub);
	buf_puts(b, "]\012");
	if (map)
		put_ref(b, "/CIDToGIDMap ", map);
}

/* Gives the empty dictionary cid the entries of a CIDFont (cid_font_text), held in w's arena. */
static void hold_cid_font(pdf_writer *w, HPDF_Dict cid, const pdf_subset *sub, const char *base, HPDF_Dict desc,
                          HPDF_Dict map)
{
	vita_buf b = {0};
	cid_font_text(&b, sub, base, desc, map);
	if (!w->held)
		w->held = arena_new();
	held_bytes *h = arena_alloc(w->held, sizeof *h + b.len);
	memcpy(h + 1, b.data, b.len);
	*h = (held_bytes){(const unsigned char *)(h + 1), b.len, 0};
	buf_free(&b);
	cid->attr = h;
	cid->write_fn = write_cid_font;
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

	HPDF_Dict type0 = pdf_new_dict(w), cid = pdf_new_dict(w), desc = pdf_new_dict(w);
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

	HPDF_Dict map_stream = NULL;
	if (!sub->cff) { /* the CFF maps codes to glyphs itself: no CIDToGIDMap */
		size_t nmap = (sub->ncids + 1) * 2;
		HPDF_BYTE *map = xmalloc(nmap);
		for (size_t i = 0; i <= sub->ncids; i++) {
			map[2 * i] = (HPDF_BYTE)(sub->gid[i] >> 8);
			map[2 * i + 1] = (HPDF_BYTE)sub->gid[i];
		}
		map_stream = pdf_new_stream(w, map, nmap, DEFLATE_LEVEL);
		free(map);
		if (!map_stream)
			return NULL;
	}
	hold_cid_font(w, cid, sub, base, desc, map_stream);
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
	HPDF_Dict file = pdf_new_stream(w, sub->data, sub->size, FONT_DEFLATE_LEVEL);
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
	HPDF_Dict tu = pdf_new_stream(w, cmap.data, cmap.len, DEFLATE_LEVEL);
	buf_free(&cmap);
	if (!tu || HPDF_Dict_Add(type0, "ToUnicode", tu) != HPDF_OK)
		return NULL;
	return type0;
}

int pdf_load_fonts(pdf_writer *w)
{
	const vita_doc *doc = w->doc;
	for (size_t i = 0; i < doc->nfonts; i++) {
		font_slot *s = &w->fonts[i];
		if (s->canon != i || !s->used)
			continue;
		const vita_font_ref *f = &doc->fonts[i];
		if (f->color) {
			if (pdf_color_fonts(w, i) != 0)
				return -1;
			continue;
		}
		pdf_subset sub;
		int r = pdf_subset_font(f, s->used, s->gt, &sub, w->d);
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
			return pdf_fail(w, fpos, "embedding the font");
		}
	}
	return 0;
}

