/*
 * Colour emoji in the PDF (writer.h): a colour bitmap font (Noto Color Emoji's CBDT strikes) has
 * no outlines to embed, so each glyph a document draws becomes a glyph of a Type 3 font whose
 * procedure paints the glyph's PNG, decoded with libpng and embedded as an RGB image with its
 * alpha as a soft mask (PDF 32000-1 9.6.5, 11.6.5.3).  Emoji stay text: the Type 3 font has widths
 * and a ToUnicode map, and every piece is wrapped in /ActualText, so "👩‍🔬" extracts as its three
 * code points.  The map gives each glyph the first code point of its sequence, and the others
 * follow as empty glyphs of no width, one code point each: MuPDF ignores /ActualText and cannot
 * read a ToUnicode entry of several characters beyond the Basic Multilingual Plane (it gives the
 * surrogates), and this way it, pdfminer and poppler all give the whole sequence back.
 *
 * The slot's set holds glyph keys (PDF_GLYPH_KEY + id) and those code points.  A Type 3 font is a
 * simple font (one-byte codes), so keys go 255 to a font: key rank r (pdf_cpset_cid) is code
 * (r - 1) % 255 + 1 of font (r - 1) / 255.
 */
#include <hb-ot.h>

#include "image/image.h"
#include "pdf/writer.h"

#define PER_FONT 255
/* The width of the empty glyphs that carry a sequence's other code points (thousandths of an em):
 * they sit at the end of the emoji's advance, inside its box.  pdfminer's layout splits a line at
 * glyphs of no width. */
#define EXTRA_WIDTH 100
/* Images are few (one per distinct emoji) and worth compressing well. */
#define IMAGE_DEFLATE_LEVEL 6

/* The code points after the first of the cluster at byte c, [*from, *to) in the text; the last
 * glyph of a cluster is followed by them (empty glyphs). */
static void cluster_rest(const vita_item *it, uint32_t c, size_t *from, size_t *to)
{
	size_t textlen = strlen(it->text), end = textlen;
	for (size_t k = 0; k < it->nglyphs; k++)
		if (it->glyphs[k].cluster > c && it->glyphs[k].cluster < end)
			end = it->glyphs[k].cluster;
	uint32_t cp;
	size_t k = c < textlen ? utf8_decode(it->text + c, textlen - c, &cp) : 0;
	*from = c + (k ? k : 1);
	*to = it->glyphs && end > *from ? end : *from;
	if (*from > textlen)
		*from = *to = textlen;
}

/* Whether glyph i of the piece (after next_glyph took it) ends its cluster. */
static bool ends_cluster(const vita_item *it, size_t i, uint32_t cluster)
{
	return !it->glyphs || i >= it->nglyphs || it->glyphs[i].cluster != cluster;
}

void pdf_color_collect(pdf_writer *w, const vita_item *it, font_slot *s)
{
	hb_font_t *font = pdf_slot_font(w, s - w->fonts);
	if (!font)
		return;
	size_t textlen = strlen(it->text), i = 0;
	vita_glyph g;
	while (pdf_next_glyph(font, it, &i, &g)) {
		if (g.id >= 0x10000 || g.cluster >= textlen)
			continue;
		pdf_cpset_add(s->used, PDF_GLYPH_KEY + g.id);
		uint32_t cp;
		size_t k = utf8_decode(it->text + g.cluster, textlen - g.cluster, &cp);
		pdf_gtext_put(s->gt, g.id, it->text + g.cluster, k ? k : 1); /* its first code point */
		if (!ends_cluster(it, i, g.cluster))
			continue;
		size_t from, to;
		cluster_rest(it, g.cluster, &from, &to);
		while (from < to && (k = utf8_decode(it->text + from, to - from, &cp))) {
			pdf_cpset_add(s->used, cp);
			from += k;
		}
	}
	/* the word space after the piece, for extractors that do not judge gaps (as draw.c does) */
	hb_codepoint_t space;
	if (it->space_after && hb_font_get_nominal_glyph(font, ' ', &space) && space < 0x10000) {
		pdf_cpset_add(s->used, PDF_GLYPH_KEY + space);
		pdf_gtext_put(s->gt, space, " ", 1);
	}
}

/* ---- the font objects ---- */

/* The glyph's bitmap as an image XObject with its soft mask; NULL when the font has no bitmap for
 * it (then the glyph draws nothing, as an empty glyph would). */
static HPDF_Dict glyph_image(pdf_writer *w, hb_font_t *font, hb_codepoint_t gid)
{
	hb_blob_t *png = hb_ot_color_glyph_reference_png(font, gid);
	unsigned n = 0;
	const char *data = hb_blob_get_data(png, &n);
	vita_pixels px = {0};
	char why[160];
	HPDF_Dict img = NULL;
	if (n && vita_image_decode_rgba((const unsigned char *)data, n, &px, why, sizeof why) == 0) {
		size_t count = (size_t)px.w * (size_t)px.h;
		unsigned char *rgb = xmalloc(3 * count), *alpha = xmalloc(count);
		for (size_t p = 0; p < count; p++) {
			memcpy(rgb + 3 * p, px.data + 4 * p, 3);
			alpha[p] = px.data[4 * p + 3];
		}
		img = pdf_new_stream(w, rgb, 3 * count, IMAGE_DEFLATE_LEVEL);
		HPDF_Dict mask = pdf_new_stream(w, alpha, count, IMAGE_DEFLATE_LEVEL);
		free(rgb);
		free(alpha);
		for (int k = 0; k < 2 && img && mask; k++) {
			HPDF_Dict d = k ? mask : img;
			if (HPDF_Dict_AddName(d, "Type", "XObject") != HPDF_OK ||
			    HPDF_Dict_AddName(d, "Subtype", "Image") != HPDF_OK ||
			    HPDF_Dict_AddNumber(d, "Width", px.w) != HPDF_OK ||
			    HPDF_Dict_AddNumber(d, "Height", px.h) != HPDF_OK ||
			    HPDF_Dict_AddName(d, "ColorSpace", k ? "DeviceGray" : "DeviceRGB") != HPDF_OK ||
			    HPDF_Dict_AddNumber(d, "BitsPerComponent", 8) != HPDF_OK)
				img = NULL;
		}
		if (img && (!mask || HPDF_Dict_Add(img, "SMask", mask) != HPDF_OK))
			img = NULL;
		vita_pixels_free(&px);
	}
	hb_blob_destroy(png);
	return img;
}

/* The glyph procedure: its width (d0: a coloured glyph) and its image over the bitmap's extents,
 * in thousandths of an em (the font matrix is 0.001). */
static HPDF_Dict glyph_proc(pdf_writer *w, hb_font_t *font, hb_codepoint_t gid, int upem, HPDF_Dict res,
                            unsigned code, int16_t *width)
{
	double em = 1000.0 / upem;
	*width = (int16_t)(hb_font_get_glyph_h_advance(font, gid) * em);
	vita_buf b = {0};
	pdf_put_milli(&b, (long long)*width * 1000);
	buf_puts(&b, " 0 d0\n");
	hb_glyph_extents_t ext;
	HPDF_Dict img = glyph_image(w, font, gid);
	hb_codepoint_t space;
	if (!img && !(hb_font_get_nominal_glyph(font, ' ', &space) && space == gid))
		/* a bitmap HarfBuzz or libpng cannot read: the glyph keeps its width and its text */
		vita_diag(w->d, VITA_WARNING, no_pos, "the colour emoji font has no readable bitmap for its glyph %u: "
		          "drawn empty (its text is kept)", (unsigned)gid);
	if (img && hb_font_get_glyph_extents(font, gid, &ext) && ext.width > 0 && ext.height < 0) {
		char name[16];
		snprintf(name, sizeof name, "I%u", code);
		if (HPDF_Dict_Add(res, name, img) != HPDF_OK) {
			buf_free(&b);
			return NULL;
		}
		long long m[6] = {pdf_milli(ext.width * em), 0, 0, pdf_milli(-ext.height * em),
		                  pdf_milli(ext.x_bearing * em), pdf_milli((ext.y_bearing + ext.height) * em)};
		buf_puts(&b, "q\n");
		for (int k = 0; k < 6; k++) {
			pdf_put_milli(&b, m[k]);
			buf_putc(&b, ' ');
		}
		buf_printf(&b, "cm\n/%s Do\nQ\n", name);
	}
	HPDF_Dict proc = pdf_new_stream(w, b.data, b.len, DEFLATE_LEVEL);
	buf_free(&b);
	return proc;
}

/* ToUnicode for one Type 3 font: one-byte codes to the text their keys stand for. */
static void tounicode(const font_slot *s, const uint32_t *keys, unsigned n, vita_buf *b)
{
	buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	            "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
	buf_printf(b, "%u beginbfchar\n", n);
	for (unsigned c = 1; c <= n; c++) {
		size_t len = 0;
		char one[5];
		const char *t = keys[c - 1] >= PDF_GLYPH_KEY ? pdf_gtext_get(s->gt, keys[c - 1] - PDF_GLYPH_KEY, &len) : one;
		if (t == one) {
			vita_buf u = {0};
			buf_put_utf8(&u, keys[c - 1]);
			len = u.len < 4 ? u.len : 4;
			memcpy(one, buf_str(&u), len);
			buf_free(&u);
		}
		buf_printf(b, "<%02X> <", c);
		for (size_t i = 0; t && i < len;) {
			uint32_t cp;
			size_t k = utf8_decode(t + i, len - i, &cp);
			i += k ? k : 1;
			if (!k)
				cp = 0xFFFD;
			if (cp >= 0x10000)
				buf_printf(b, "%04X%04X", 0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF));
			else
				buf_printf(b, "%04X", cp);
		}
		if (!t)
			buf_puts(b, "FFFD");
		buf_puts(b, ">\n");
	}
	buf_puts(b, "endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* One Type 3 font for keys[0, n) (codes 1 … n); widths[c] gets code c's width. */
static HPDF_Dict type3_font(pdf_writer *w, font_slot *s, hb_font_t *font, const uint32_t *keys, unsigned n,
                            int16_t *widths)
{
	HPDF_MMgr mm = w->pdf->mmgr;
	HPDF_Dict f = pdf_new_dict(w), procs = HPDF_Dict_New(mm), enc = HPDF_Dict_New(mm),
	          res = HPDF_Dict_New(mm), xobj = HPDF_Dict_New(mm);
	HPDF_Array diff = HPDF_Array_New(mm), wa = HPDF_Array_New(mm), matrix = HPDF_Array_New(mm),
	           bbox = HPDF_Array_New(mm);
	if (!f || !procs || !enc || !res || !xobj || !diff || !wa || !matrix || !bbox ||
	    HPDF_Dict_AddName(f, "Type", "Font") != HPDF_OK || HPDF_Dict_AddName(f, "Subtype", "Type3") != HPDF_OK ||
	    HPDF_Dict_Add(f, "FontBBox", bbox) != HPDF_OK || HPDF_Dict_Add(f, "FontMatrix", matrix) != HPDF_OK ||
	    HPDF_Dict_Add(f, "CharProcs", procs) != HPDF_OK || HPDF_Dict_Add(f, "Encoding", enc) != HPDF_OK ||
	    HPDF_Dict_Add(f, "Resources", res) != HPDF_OK || HPDF_Dict_Add(res, "XObject", xobj) != HPDF_OK ||
	    HPDF_Dict_AddName(enc, "Type", "Encoding") != HPDF_OK || HPDF_Dict_Add(enc, "Differences", diff) != HPDF_OK ||
	    HPDF_Dict_AddNumber(f, "FirstChar", 0) != HPDF_OK || HPDF_Dict_AddNumber(f, "LastChar", (HPDF_INT32)n) != HPDF_OK ||
	    HPDF_Dict_Add(f, "Widths", wa) != HPDF_OK || HPDF_Array_AddNumber(diff, 0) != HPDF_OK)
		return NULL;
	/* Code 0 is an empty glyph named "m", 0.6 em wide, never drawn: poppler's text extraction guesses
	 * a Type 3 font's scale from the width of its "m" (else of any glyph, as if it were 0.5 em), and
	 * an emoji's 1.245 em would make it take the emoji for 2.5 times their size and put them on
	 * lines of their own. */
	HPDF_Dict m = pdf_new_stream(w, "600 0 d0\n", 9, DEFLATE_LEVEL);
	if (!m || HPDF_Dict_Add(procs, "m", m) != HPDF_OK || HPDF_Array_Add(diff, HPDF_Name_New(mm, "m")) != HPDF_OK ||
	    HPDF_Array_AddNumber(wa, 600) != HPDF_OK)
		return NULL;
	static const double fm[6] = {0.001, 0, 0, 0.001, 0, 0};
	for (int k = 0; k < 6; k++)
		if (HPDF_Array_AddReal(matrix, (HPDF_REAL)fm[k]) != HPDF_OK)
			return NULL;
	/* the bitmaps' box (Noto Color Emoji's strikes all lie within it); 0 0 0 0 would also be legal */
	static const int box[4] = {0, -250, 1300, 950};
	for (int k = 0; k < 4; k++)
		if (HPDF_Array_AddNumber(bbox, box[k]) != HPDF_OK)
			return NULL;
	int upem = (int)hb_face_get_upem(hb_font_get_face(font));
	for (unsigned c = 1; c <= n; c++) {
		char name[16];
		snprintf(name, sizeof name, "g%u", c);
		HPDF_Dict proc;
		if (keys[c - 1] < PDF_GLYPH_KEY) { /* a code point after its sequence's first: empty */
			widths[c] = EXTRA_WIDTH;
			proc = pdf_new_stream(w, "100 0 d0\n", 9, DEFLATE_LEVEL);
		} else {
			proc = glyph_proc(w, font, keys[c - 1] - PDF_GLYPH_KEY, upem > 0 ? upem : 1000, xobj, c, &widths[c]);
		}
		if (!proc || HPDF_Dict_Add(procs, name, proc) != HPDF_OK ||
		    HPDF_Array_Add(diff, HPDF_Name_New(mm, name)) != HPDF_OK ||
		    HPDF_Array_AddNumber(wa, widths[c]) != HPDF_OK)
			return NULL;
	}
	vita_buf cmap = {0};
	tounicode(s, keys, n, &cmap);
	HPDF_Dict tu = pdf_new_stream(w, cmap.data, cmap.len, DEFLATE_LEVEL);
	buf_free(&cmap);
	return tu && HPDF_Dict_Add(f, "ToUnicode", tu) == HPDF_OK ? f : NULL;
}

int pdf_color_fonts(pdf_writer *w, size_t canon)
{
	font_slot *s = &w->fonts[canon];
	hb_font_t *font = pdf_slot_font(w, canon);
	if (!font || !s->used->count)
		return 0; /* warned: nothing of it is drawn */
	size_t n = s->used->count;
	uint32_t *keys = xmalloc(n * sizeof *keys);
	size_t k = 0;
	for (long key = pdf_cpset_next(s->used, 0); key >= 0 && k < n; key = pdf_cpset_next(s->used, key + 1))
		keys[k++] = (uint32_t)key;
	s->ncolor = (k + PER_FONT - 1) / PER_FONT;
	s->color = xcalloc(s->ncolor, sizeof *s->color);
	s->color_width = xcalloc(s->ncolor * (PER_FONT + 1), sizeof *s->color_width);
	int rc = 0;
	for (size_t i = 0; i < s->ncolor && rc == 0; i++) {
		unsigned m = (unsigned)(k - i * PER_FONT < PER_FONT ? k - i * PER_FONT : PER_FONT);
		s->color[i] = type3_font(w, s, font, keys + i * PER_FONT, m, s->color_width + i * (PER_FONT + 1));
		if (!s->color[i])
			rc = pdf_fail(w, (vita_pos){w->doc->fonts[canon].path, 0, 0}, "embedding the colour emoji");
	}
	free(keys);
	return rc;
}

/* ---- drawing ---- */

/* Selects font i of the slot at size (thousandths of a point) unless it is the current one. */
static int select_font(pdf_writer *w, page_state *ps, font_slot *s, size_t i, long long size)
{
	const char *name = HPDF_Page_GetLocalFontName(ps->page, s->color[i]);
	if (!name)
		return pdf_fail(w, no_pos, "drawing an emoji");
	buf_printf(&w->cs, "/%s ", name);
	pdf_put_milli(&w->cs, size);
	buf_puts(&w->cs, " Tf\n");
	return 0;
}

/* Draws key (a glyph key, or a code point: an empty glyph) at pen (points) on baseline y
 * (thousandths of a point) with the font that has it. */
static int put_key(pdf_writer *w, page_state *ps, font_slot *s, uint32_t key, const vita_glyph *g, double pen,
                   long long y, double scale, long long size, size_t *cur)
{
	if (!pdf_cpset_has(s->used, key))
		return 0;
	unsigned r = pdf_cpset_cid(s->used, key) - 1u;
	if (r / PER_FONT != *cur && select_font(w, ps, s, *cur = r / PER_FONT, size) != 0)
		return -1;
	/* each glyph at its own place: a Tm per glyph is simplest for a handful of emoji */
	ps->tx = pdf_milli(pen + g->x_offset * scale);
	ps->ty = y + pdf_milli(g->y_offset * scale);
	buf_puts(&w->cs, "1 0 0 1 ");
	pdf_put_milli(&w->cs, ps->tx);
	buf_putc(&w->cs, ' ');
	pdf_put_milli(&w->cs, ps->ty);
	buf_printf(&w->cs, " Tm\n<%02X>Tj\n", r % PER_FONT + 1);
	return 0;
}

int pdf_color_show(pdf_writer *w, page_state *ps, const vita_item *it, long long x, long long y)
{
	size_t canon = w->fonts[it->font].canon;
	font_slot *s = &w->fonts[canon];
	hb_font_t *font = pdf_slot_font(w, canon);
	if (!font || !s->color || !(it->size > 0))
		return 0;
	long long size = pdf_milli(it->size);
	double scale = it->size / hb_face_get_upem(hb_font_get_face(font)); /* points per font unit */
	buf_puts(&w->cs, "/Span<</ActualText");
	pdf_put_text_string(&w->cs, it->text);
	buf_puts(&w->cs, ">>BDC\n");
	size_t i = 0, cur = (size_t)-1;
	double pen = (double)x / 1000;
	vita_glyph g;
	while (pdf_next_glyph(font, it, &i, &g)) {
		if (g.id < 0x10000 && put_key(w, ps, s, PDF_GLYPH_KEY + g.id, &g, pen, y, scale, size, &cur) != 0)
			return -1;
		pen += g.x_advance * scale;
		if (!ends_cluster(it, i, g.cluster))
			continue;
		size_t from, to, k, extra = 0;
		uint32_t cp;
		cluster_rest(it, g.cluster, &from, &to);
		for (size_t j = from; j < to && (k = utf8_decode(it->text + j, to - j, &cp)); j += k)
			extra++;
		vita_glyph none = {0, 0, 0, 0, 0};
		double at = pen - (double)extra * EXTRA_WIDTH / 1000 * it->size;
		for (; from < to && (k = utf8_decode(it->text + from, to - from, &cp)); from += k) {
			if (put_key(w, ps, s, cp, &none, at, y, scale, size, &cur) != 0)
				return -1;
			at += EXTRA_WIDTH / 1000.0 * it->size;
		}
	}
	buf_puts(&w->cs, "EMC\n");
	hb_codepoint_t space;
	if (it->space_after && hb_font_get_nominal_glyph(font, ' ', &space)) {
		g = (vita_glyph){space, 0, 0, 0, 0};
		if (put_key(w, ps, s, PDF_GLYPH_KEY + space, &g, pen, y, scale, size, &cur) != 0)
			return -1;
	}
	/* the text line's origin is now the last Tm (ps->tx, ps->ty); the next piece sets its font again */
	ps->font = (size_t)-1;
	return 0;
}
