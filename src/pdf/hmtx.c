/*
 * Advances of marks in a TrueType subset, for readers that judge word gaps by the font's own
 * metrics.
 *
 * A mark that HarfBuzz places back under or over the glyph before it (Devanagari's ु under क) has
 * no advance and a leftward offset: vita draws it at its place with a TJ adjustment, and the pen
 * then moves on to the next glyph.  MuPDF measures each glyph's end with the advance in the
 * embedded font's hmtx table (not the PDF's /W widths, which every viewer uses to place glyphs), so
 * it saw a gap as wide as the offset after the mark and split "कुमार" into "कु मार".  Such a mark's
 * advance in the subset is raised to the largest offset it is drawn back by (gtext.c records it per
 * variant), so that the next glyph starts where MuPDF expects it or a little behind, which it
 * ignores.  Drawing does not change: the /W widths and TJ adjustments place every glyph.  The
 * table checksums are recomputed.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

static uint32_t be16(const unsigned char *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
	return be16(p) << 16 | be16(p + 2);
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* The sum of the big-endian words of len bytes at p (the last one padded with zeros). */
static uint32_t checksum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;
	for (size_t i = 0; i < len; i += 4) {
		unsigned char w[4] = {0};
		memcpy(w, p + i, len - i < 4 ? len - i : 4);
		sum += be32(w);
	}
	return sum;
}

/* The table record of tag in the font's directory, or NULL (also for one outside the file). */
static unsigned char *table(unsigned char *font, size_t size, const char *tag)
{
	size_t n = size >= 12 ? be16(font + 4) : 0;
	for (size_t i = 0; i < n && 12 + 16 * (i + 1) <= size; i++) {
		unsigned char *rec = font + 12 + 16 * i;
		if (!memcmp(rec, tag, 4))
			return be32(rec + 8) <= size && be32(rec + 12) <= size - be32(rec + 8) ? rec : NULL;
	}
	return NULL;
}

/* Sets the advance of each glyph new_gid[i] to at least adv[i], where it has its own metric. */
static bool raise_advances(unsigned char *font, size_t size, const uint16_t *gid, const uint32_t *adv, size_t n)
{
	unsigned char *hhea = table(font, size, "hhea"), *hmtx = table(font, size, "hmtx");
	unsigned char *head = table(font, size, "head");
	if (!hhea || !hmtx || !head || be32(hhea + 12) < 36 || be32(head + 12) < 12)
		return false;
	uint32_t metrics = be16(font + be32(hhea + 8) + 34), hoff = be32(hmtx + 8), hlen = be32(hmtx + 12);
	bool changed = false;
	for (size_t i = 0; i < n; i++) {
		if (gid[i] >= metrics || 4u * gid[i] + 2 > hlen || adv[i] > 0xFFFF)
			continue; /* shares the last metric: left as it is */
		unsigned char *p = font + hoff + 4u * gid[i];
		if (be16(p) < adv[i]) {
			p[0] = (unsigned char)(adv[i] >> 8);
			p[1] = (unsigned char)adv[i];
			changed = true;
		}
	}
	if (!changed)
		return false;
	put32(hmtx + 4, checksum(font + hoff, hlen));
	unsigned char *adjust = font + be32(head + 8) + 8;
	put32(adjust, 0);
	put32(adjust, 0xB1B0AFBAu - checksum(font, size));
	return true;
}

void pdf_widen_marks(pdf_subset *sub, const pdf_cpset *used, const pdf_gtext *gt)
{
	if (sub->cff || !gt || !gt->nvar)
		return;
	uint16_t *gid = xmalloc(gt->nvar * sizeof *gid);
	uint32_t *adv = xmalloc(gt->nvar * sizeof *adv);
	size_t n = 0, cid = 0;
	for (long key = pdf_cpset_next(used, 0); key >= 0 && cid < sub->ncids; key = pdf_cpset_next(used, key + 1)) {
		cid++;
		uint32_t a = pdf_gtext_advance(gt, (uint32_t)key);
		if (a && sub->gid[cid] && n < gt->nvar) {
			gid[n] = sub->gid[cid];
			adv[n++] = a;
		}
	}
	unsigned len = 0;
	char *data = n ? hb_blob_get_data_writable(sub->blob, &len) : NULL;
	if (data && len == sub->size) {
		raise_advances((unsigned char *)data, len, gid, adv, n);
		sub->data = data;
	}
	free(gid);
	free(adv);
}
