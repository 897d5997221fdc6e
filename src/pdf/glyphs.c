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
 * /ActualText.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

/* Clusters longer than this are not put into the ToUnicode map (the /ActualText has them). */
#define MAX_GLYPH_TEXT 32

void pdf_gtext_put(pdf_gtext *m, uint32_t gid, const char *text, size_t len)
{
	if (2 * (m->n + 1) > (m->gid ? m->mask + 1 : 0)) {
		size_t size = m->gid ? 2 * (m->mask + 1) : 64;
		pdf_gtext old = *m;
		m->gid = xcalloc(size, sizeof *m->gid);
		m->text = xcalloc(size, sizeof *m->text);
		m->len = xcalloc(size, sizeof *m->len);
		m->mask = size - 1;
		m->n = 0;
		for (size_t i = 0; old.gid && i <= old.mask; i++)
			if (old.gid[i])
				pdf_gtext_put(m, old.gid[i] - 1, old.text[i], old.len[i]);
		free(old.gid);
		free(old.text);
		free(old.len);
	}
	size_t j = (gid * 2654435761u) & m->mask;
	while (m->gid[j] && m->gid[j] != gid + 1)
		j = (j + 1) & m->mask;
	if (m->gid[j])
		return; /* the first text seen is kept */
	m->gid[j] = gid + 1;
	m->text[j] = text;
	m->len[j] = (uint32_t)len;
	m->n++;
}

const char *pdf_gtext_get(const pdf_gtext *m, uint32_t gid, size_t *len)
{
	if (!m || !m->gid)
		return NULL;
	for (size_t j = (gid * 2654435761u) & m->mask; m->gid[j]; j = (j + 1) & m->mask)
		if (m->gid[j] == gid + 1) {
			*len = m->len[j];
			return m->text[j];
		}
	return NULL;
}

void pdf_gtext_free(pdf_gtext *m)
{
	if (!m)
		return;
	free(m->gid);
	free(m->text);
	free(m->len);
	free(m);
}

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

void pdf_glyphs_collect(const vita_item *it, pdf_cpset *used, pdf_gtext *gt)
{
	size_t textlen = strlen(it->text);
	for (size_t k = 0; k < it->nglyphs; k++) {
		const vita_glyph *g = &it->glyphs[k];
		if (g->id >= 0x10000)
			continue; /* beyond what a glyph id can be */
		pdf_cpset_add(used, PDF_GLYPH_KEY + g->id);
		/* the first glyph of its cluster (in visual order) stands for the cluster's text */
		bool first = true;
		for (size_t j = 0; j < k && first; j++)
			first = it->glyphs[j].cluster != g->cluster;
		size_t end = cluster_end(it, g->cluster, textlen);
		if (first && g->cluster < textlen && end - g->cluster <= MAX_GLYPH_TEXT)
			pdf_gtext_put(gt, g->id, it->text + g->cluster, end - g->cluster);
	}
	if (it->space_after || pdf_glyphs_rtl(it))
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
	if (rtl) {
		put_code(b, fv->code ? fv->code[space] : space, &in_string);
		cur = fv->width[space];
	}
	for (size_t j = 0; j < it->nglyphs; j++) {
		const vita_glyph *g = &it->glyphs[rtl ? it->nglyphs - 1 - j : j];
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
		unsigned cid = pdf_cpset_cid(fv->used, PDF_GLYPH_KEY + g->id);
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
