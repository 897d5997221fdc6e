/*
 * The PDF backend's pages (writer.h): text, rules, links and images as content-stream operators,
 * written from integers in thousandths of a point, without repeating unchanged state.
 */
#include "image/image.h"
#include "io/io.h"
#include "pdf/writer.h"

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
	if (w->cs.len && pdf_fill_stream(w, attr->contents, w->cs.data, w->cs.len, DEFLATE_LEVEL) != HPDF_OK)
		return pdf_fail(w, no_pos, "writing a page");
	buf_reset(&w->cs);
	return 0;
}

/* Appends the text's CIDs as a string of 2-byte codes; false when nothing of it can be drawn.  A
 * literal string with the bytes as they are, not a hex string: half the size before compression.
 * Only the delimiters, the backslash and the line ends need escapes (an unescaped CR would be read
 * as a line feed). */
/* Per byte: 0 when a literal string holds it as it is, else the character after its backslash. */
static const char string_escape[256] = {['('] = '(', [')'] = ')', ['\\'] = '\\', ['\r'] = 'r', ['\n'] = 'n'};

static inline size_t put_byte(char *tmp, size_t k, unsigned char x)
{
	char e = string_escape[x];
	if (e) {
		tmp[k++] = '\\';
		tmp[k++] = e;
	} else {
		tmp[k++] = (char)x;
	}
	return k;
}

/* k is an index passed by value, not a pointer: a store through char * could change *k, so the
 * compiler would reload it after every byte. */
static inline size_t put_cid(char *tmp, size_t k, unsigned c)
{
	return put_byte(tmp, put_byte(tmp, k, (unsigned char)(c >> 8)), (unsigned char)c);
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
		k = put_cid(tmp, k, fs->code ? fs->code[c] : c);
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
		k = put_cid(tmp, k, fs->code ? fs->code[c] : c);
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
static int draw_outlines(pdf_writer *w, page_state *ps, const vita_item *it);
static int draw_color(pdf_writer *w, page_state *ps, const vita_item *it);

static int draw_text(pdf_writer *w, page_state *ps, const vita_item *it, size_t page)
{
	if (!it->text || !*it->text)
		return 0;
	if (w->doc->fonts[it->font].outlines)
		return draw_outlines(w, ps, it);
	if (w->doc->fonts[it->font].color)
		return draw_color(w, ps, it);
	size_t canon = w->fonts[it->font].canon;
	font_slot *fs = &w->fonts[canon];
	if (!fs->font)
		return 0; /* the font has no glyph for any of it: already warned */
	vita_buf *b = &w->cs;
	long long size = milli(it->size);
	long long c[3];
	rgb_milli(vita_item_rgb(w->doc, it), c);
	int mode = it->fake_bold ? 2 : 0;
	/* a fake bold strokes in the fill colour */
	long long stroke_w = milli(FAKE_BOLD_STROKE * it->size);
	bool same_stroke = ps->stroke_set && memcmp(ps->stroke, c, sizeof c) == 0 &&
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
				return pdf_fail(w, no_pos, what);
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
		set_stroke(w, ps, vita_item_rgb(w->doc, it), stroke_w);
	if (ps->mode != mode) {
		buf_putc(b, mode == 2 ? '2' : '0');
		buf_puts(b, " Tr\n");
		ps->mode = mode;
	}
	long long d[2] = {x - ps->tx, y - ps->ty};
	put_op(b, d, 2, "Td");
	if (it->glyphs) { /* a shaped word: shown on its own (glyphs.c) */
		pdf_font_view fv = {fs->used, fs->gt, fs->width, fs->code, fs->upem};
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

/* Colour emoji: glyphs of Type 3 fonts (color.c), in a text object in fill mode (a Type 3 glyph
 * painted with d0 carries its own colours). */
static int draw_color(pdf_writer *w, page_state *ps, const vita_item *it)
{
	close_show(w, ps);
	if (!ps->in_text) {
		buf_puts(&w->cs, "BT\n");
		ps->in_text = true;
		ps->tx = ps->ty = 0;
	}
	if (ps->mode != 0) {
		buf_puts(&w->cs, "0 Tr\n");
		ps->mode = 0;
	}
	return pdf_color_show(w, ps, it, milli(it->x), ps->height - milli(it->y));
}

/* An icon: a path outside any text object, filled in the piece's colour (outline.c). */
static int draw_outlines(pdf_writer *w, page_state *ps, const vita_item *it)
{
	end_text(w, ps);
	long long c[3];
	rgb_milli(vita_item_rgb(w->doc, it), c);
	if (!ps->fill_set || memcmp(ps->fill, c, sizeof c) != 0) {
		put_op(&w->cs, c, 3, "rg");
		memcpy(ps->fill, c, sizeof c);
		ps->fill_set = true;
	}
	return pdf_draw_outlines(w, it, milli(it->x), ps->height - milli(it->y));
}

static int draw_rule(pdf_writer *w, page_state *ps, const vita_item *it)
{
	if (!(it->thickness > 0))
		return 0;
	end_text(w, ps);
	set_stroke(w, ps, vita_item_rgb(w->doc, it), milli(it->thickness));
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
	double r[4] = {it->x, h - it->y - it->h, it->x + it->w, h - it->y};
	/* A /URI is 7-bit ASCII (PDF 32000 12.6.4.7): non-ASCII bytes percent-encoded, as the .tex
	 * writes them (M5); readers then open the same IRI the CV names. */
	vita_buf uri = {0};
	for (const unsigned char *p = (const unsigned char *)it->text; *p; p++)
		if (*p >= 0x80 || *p <= 0x20 || *p == 0x7F)
			buf_printf(&uri, "%%%02X", *p);
		else
			buf_putc(&uri, *p);
	int rc = pdf_add_link(w, ps->page, r, buf_str(&uri), uri.len);
	buf_free(&uri);
	if (rc != 0) {
		char what[160];
		snprintf(what, sizeof what, "page %zu: adding the link %.100s", page + 1, it->text);
		return pdf_fail(w, no_pos, what);
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
	vita_image_kind kind = vita_image_kind_of(magic, got);
	if (kind == VITA_IMAGE_PNG) {
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
	} else if (kind == VITA_IMAGE_JPEG) {
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
		pdf_fail(w, pos, "loading the image");
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
		return pdf_fail(w, pos, "drawing the image");
	}
	long long m[6] = {milli(it->w), 0, 0, milli(it->h), milli(it->x), ps->height - milli(it->y + it->h)};
	buf_puts(&w->cs, "q\n");
	put_op(&w->cs, m, 6, "cm");
	buf_putc(&w->cs, '/');
	buf_puts(&w->cs, name);
	buf_puts(&w->cs, " Do\nQ\n");
	return 0;
}

int pdf_draw_pages(pdf_writer *w, HPDF_Page *pages)
{
	const vita_doc *doc = w->doc;
	for (size_t p = 0; p < doc->npages; p++) {
		page_state ps = {0};
		ps.font = (size_t)-1;
		ps.height = milli(doc->page_height);
		ps.page = pages[p] = HPDF_AddPage(w->pdf);
		if (!ps.page || HPDF_Page_SetWidth(ps.page, (HPDF_REAL)doc->page_width) != HPDF_OK ||
		    HPDF_Page_SetHeight(ps.page, (HPDF_REAL)doc->page_height) != HPDF_OK)
			return pdf_fail(w, no_pos, "adding a page");
		memset(w->font_names, 0, (doc->nfonts ? doc->nfonts : 1) * sizeof *w->font_names);
		buf_reset(&w->cs);
		const vita_page *pg = &doc->pages[p];
		for (size_t k = 0; k < pg->nitems; k++) {
			const vita_item *it = &pg->items[k];
			int rc = 0;
			switch (it->kind) {
			case VITA_ITEM_TEXT:
				for (size_t j = 0; j < vita_item_npieces(it) && rc == 0; j++) {
					vita_item piece = vita_item_piece(it, j);
					rc = draw_text(w, &ps, &piece, p);
				}
				break;
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
		if (doc->drop_drawn) { /* nothing after this reads a page's items (vita_doc.drop_drawn) */
			free(doc->pages[p].items);
			doc->pages[p].items = NULL;
			doc->pages[p].nitems = doc->pages[p].cap = 0;
		}
	}
	return 0;
}

