/*
 * Shaped pieces in the PDF: words of complex scripts that the layout shaped with HarfBuzz
 * (vita_item.glyphs) are drawn glyph by glyph, not by code point.
 *
 * Each glyph gets a CID like any character (its key in the font's used set is PDF_GLYPH_KEY + its
 * id), the /W array gives its nominal advance, and TJ adjustments move the pen from there to the
 * shaped advance and offsets; a vertical offset (a mark above or below) is a text rise (Ts).  A
 * shaped word's glyphs are in visual order and may be reordered, split or joined relative to its
 * characters (Indic vowel signs, Arabic ligatures), so the piece is wrapped in a marked-content
 * span whose /ActualText is the word in logical order: poppler and MuPDF extract that.  The
 * ToUnicode map also gives each glyph the text of the cluster it starts, for readers that ignore
 * /ActualText.  A cluster of several glyphs shares its text out over them in drawing order (see
 * glyph_text), so that those readers, which take the glyphs' texts in the order they are drawn,
 * give the cluster back in logical order: a glyph drawn for other text than elsewhere gets a
 * variant key of its own (gtext.c).
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "pdf/pdf_internal.h"

/* Clusters longer than this are not put into the ToUnicode map (the /ActualText has them). */
#define MAX_GLYPH_TEXT 32

/* The end (byte offset) of the cluster that starts at c: the next larger cluster, or the text's end. */
static size_t cluster_end(const vita_item *it, uint32_t c, size_t textlen)
{
	size_t end = textlen;
	for (size_t k = 0; k < it->nglyphs; k++)
		if (it->glyphs[k].cluster > c && it->glyphs[k].cluster < end)
			end = it->glyphs[k].cluster;
	return end;
}

bool pdf_glyphs_rtl(const vita_item *it)
{
	return it->nglyphs > 1 && it->glyphs[0].cluster > it->glyphs[it->nglyphs - 1].cluster;
}

/* Glyph k's rank among its cluster's glyphs in the order they are drawn (pdf_glyphs_show: a
 * right-to-left word from its last glyph), and how many glyphs the cluster has. */
static void cluster_rank(const vita_item *it, size_t k, bool rtl, size_t *rank, size_t *count)
{
	*rank = *count = 0;
	for (size_t j = 0; j < it->nglyphs; j++)
		if (it->glyphs[j].cluster == it->glyphs[k].cluster) {
			++*count;
			if (rtl ? j > k : j < k)
				++*rank;
		}
}

/* The text glyph k stands for (in buf): glyph r of a cluster's m glyphs, in drawing order, stands
 * for its r-th code point, the last for the rest.  Devanagari's कि is drawn ि first, which stands
 * for क.  A cluster of more glyphs than code points is decomposed first (Tamil's கொ is drawn
 * ெ, க, ா, which its decomposition க ெ ா covers); when that is not enough, or the cluster is longer
 * than MAX_GLYPH_TEXT, the first glyph stands for it all and the others for nothing (false). */
static bool glyph_text(const vita_item *it, size_t k, bool rtl, size_t textlen, char *buf, size_t *len)
{
	const vita_glyph *g = &it->glyphs[k];
	size_t end = cluster_end(it, g->cluster, textlen), rank, count;
	if (g->cluster >= textlen || end - g->cluster > MAX_GLYPH_TEXT)
		return false;
	cluster_rank(it, k, rtl, &rank, &count);
	const char *s = it->text + g->cluster;
	size_t n = end - g->cluster;
	if (count == 1) {
		memcpy(buf, s, n);
		*len = n;
		return true;
	}
	utf8proc_int32_t cps[MAX_GLYPH_TEXT];
	utf8proc_ssize_t ncp = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cps,
	                                          MAX_GLYPH_TEXT, UTF8PROC_STABLE);
	if (ncp >= 0 && ncp < (utf8proc_ssize_t)count)
		ncp = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cps, MAX_GLYPH_TEXT,
		                         UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	if (ncp < 0 || ncp > MAX_GLYPH_TEXT || ncp < (utf8proc_ssize_t)count) {
		if (rank)
			return false;
		memcpy(buf, s, n);
		*len = n;
		return true;
	}
	size_t from = rank, to = rank + 1 == count ? (size_t)ncp : rank + 1;
	*len = 0;
	for (size_t i = from; i < to; i++)
		*len += (size_t)utf8proc_encode_char(cps[i], (utf8proc_uint8_t *)buf + *len);
	return true;
}

/* The key glyph k of a shaped piece is drawn with (made in gt, or found in found): a variant when
 * it stands for other text than the first its glyph stood for, or when it is a mark drawn back
 * under or over the glyph before it (no advance, offset to the left).  Such a mark gets the
 * advance that brings the pen back to where it was: readers that judge word gaps from the pen
 * (MuPDF, pdfminer) saw a gap as wide as the offset after it, and split "कुमार" into "कु मार". */
static uint32_t glyph_key(const vita_item *it, size_t k, size_t textlen, bool rtl, pdf_gtext *gt,
                          const pdf_gtext *found)
{
	char buf[4 * MAX_GLYPH_TEXT];
	size_t len;
	const vita_glyph *g = &it->glyphs[k];
	uint32_t advance = g->x_advance == 0 && g->x_offset < 0 ? (uint32_t)-g->x_offset : 0;
	if (!glyph_text(it, k, rtl, textlen, buf, &len)) {
		size_t plen;
		const char *p = pdf_gtext_get(gt ? gt : found, g->id, &plen);
		if (!advance || !p)
			return PDF_GLYPH_KEY + g->id;
		memcpy(buf, p, len = plen < sizeof buf ? plen : sizeof buf);
	}
	return gt ? pdf_gtext_key(gt, g->id, buf, len, advance) : pdf_gtext_find(found, g->id, buf, len, advance);
}

void pdf_glyphs_collect(const vita_item *it, pdf_cpset *used, pdf_gtext *gt)
{
	size_t textlen = strlen(it->text);
	bool rtl = pdf_glyphs_rtl(it);
	for (size_t k = 0; k < it->nglyphs; k++)
		if (it->glyphs[k].id < 0x10000) /* beyond what a glyph id can be */
			pdf_cpset_add(used, glyph_key(it, k, textlen, rtl, gt, NULL));
	if (it->space_after || rtl)
		pdf_cpset_add(used, ' '); /* a right-to-left word's edges are marked with it (pdf_glyphs_show) */
}

static void put_hex16(vita_buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char s[4] = {hex[v >> 12 & 15], hex[v >> 8 & 15], hex[v >> 4 & 15], hex[v & 15]};
	buf_put(b, s, 4);
}

static void put_utf16_cp(vita_buf *b, uint32_t cp)
{
	if (cp > 0xFFFF) {
		put_hex16(b, 0xD800 + ((cp - 0x10000) >> 10));
		cp = 0xDC00 + ((cp - 0x10000) & 0x3FF);
	}
	put_hex16(b, cp);
}

/* Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko, their presentation forms and the
 * right-to-left blocks above U+FFFF). */
static bool rtl_letter(uint32_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) ||
	       (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF);
}

/* The piece's text as a UTF-16BE hex string with a byte order mark (surrogate pairs above U+FFFF).
 * A right-to-left word goes in backwards: readers (poppler, MuPDF) take what a span shows to be in
 * the order it is drawn, and turn right-to-left runs around to get logical order. */
void pdf_put_text_string(vita_buf *b, const char *s)
{
	buf_puts(b, "<FEFF");
	size_t n = strlen(s);
	uint32_t small[64], *cps = n <= 64 ? small : xmalloc(n * sizeof *cps);
	size_t m = 0;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_decode(s + i, n - i, &cps[m]);
		if (!k) {
			cps[m] = 0xFFFD;
			k = 1;
		}
		i += k;
		m++;
	}
	bool rtl = m && rtl_letter(cps[0]);
	for (size_t i = 0; i < m; i++)
		put_utf16_cp(b, cps[rtl ? m - 1 - i : i]);
	if (cps != small)
		free(cps);
	buf_putc(b, '>');
}

/* A TJ adjustment of v thousandths of an em (positive moves left), closing an open string. */
static void put_adjust(vita_buf *b, double v, bool *in_string)
{
	long long m = pdf_milli(v);
	if (!m)
		return;
	if (*in_string) {
		buf_putc(b, '>');
		*in_string = false;
	}
	buf_putc(b, ' '); /* two numbers in a row need a separator */
	pdf_put_milli(b, m);
}

static void put_code(vita_buf *b, unsigned code, bool *in_string)
{
	if (!*in_string) {
		buf_putc(b, '<');
		*in_string = true;
	}
	put_hex16(b, code);
}

void pdf_glyphs_show(vita_buf *b, const vita_item *it, const pdf_font_view *fv)
{
	double em = 1000.0 / (fv->upem > 0 ? fv->upem : 1000); /* font units → thousandths of an em */
	buf_puts(b, "/Span<</ActualText");
	pdf_put_text_string(b, it->text);
	buf_puts(b, ">>BDC\n[");
	long long rise = 0;
	bool in_string = false;
	/* A right-to-left word's glyphs (HarfBuzz gives them in visual order, clusters falling) are
	 * drawn in logical order, from the right, so that readers that take the text in drawing order
	 * and ignore /ActualText (MuPDF, pdfminer) give the word in logical order.  Each glyph is put at
	 * its place by the TJ adjustment from where the reader's pen is (cur, thousandths of an em from
	 * the piece's start) to its own (at).  poppler takes the box of an /ActualText span from its
	 * first glyph's origin to its last glyph's end, so the word's two edges are marked with a space
	 * glyph: one at its left edge first, one ending at its right edge last. */
	bool rtl = pdf_glyphs_rtl(it) && pdf_cpset_has(fv->used, ' ');
	unsigned space = rtl ? pdf_cpset_cid(fv->used, ' ') : 0;
	double total = 0, cur = 0;
	for (size_t k = 0; k < it->nglyphs; k++)
		total += it->glyphs[k].x_advance * em;
	double pos = rtl ? total : 0;
	/* the keys as pdf_glyphs_collect made them (its drawing order is this one: it adds the space) */
	size_t textlen = strlen(it->text);
	bool shaped_rtl = pdf_glyphs_rtl(it);
	if (rtl) {
		put_code(b, fv->code ? fv->code[space] : space, &in_string);
		cur = fv->width[space];
	}
	for (size_t j = 0; j < it->nglyphs; j++) {
		size_t k = rtl ? it->nglyphs - 1 - j : j;
		const vita_glyph *g = &it->glyphs[k];
		if (rtl)
			pos -= g->x_advance * em;
		double at = pos + g->x_offset * em;
		if (!rtl)
			pos += g->x_advance * em;
		if (g->id >= 0x10000)
			continue;
		long long r = pdf_milli((double)g->y_offset * it->size / (fv->upem > 0 ? fv->upem : 1000));
		if (r != rise) { /* a mark above or below: a new show at that rise */
			buf_puts(b, in_string ? ">]TJ\n" : "]TJ\n");
			in_string = false;
			pdf_put_milli(b, r);
			buf_puts(b, " Ts\n[");
			rise = r;
		}
		unsigned cid = pdf_cpset_cid(fv->used, glyph_key(it, k, textlen, shaped_rtl, NULL, fv->gt));
		put_adjust(b, cur - at, &in_string);
		put_code(b, fv->code ? fv->code[cid] : cid, &in_string);
		cur = at + fv->width[cid];
	}
	if (rtl) {
		if (rise) { /* the edge on the baseline */
			buf_puts(b, in_string ? ">]TJ\n0 Ts\n[" : "]TJ\n0 Ts\n[");
			in_string = false;
			rise = 0;
		}
		put_adjust(b, cur - (total - fv->width[space]), &in_string);
		put_code(b, fv->code ? fv->code[space] : space, &in_string);
		cur = total;
	}
	put_adjust(b, cur - total, &in_string); /* the pen at the piece's end */
	buf_puts(b, in_string ? ">]TJ\n" : "]TJ\n");
	if (rise)
		buf_puts(b, "0 Ts\n");
	buf_puts(b, "EMC\n");
	if (it->space_after && pdf_cpset_has(fv->used, ' ')) {
		unsigned cid = pdf_cpset_cid(fv->used, ' ');
		buf_putc(b, '<');
		put_hex16(b, fv->code ? fv->code[cid] : cid);
		buf_puts(b, ">Tj\n");
	}
}
