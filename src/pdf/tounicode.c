/*
 * The ToUnicode CMap of each embedded font: what lets readers (and applicant-tracking systems)
 * extract the text.
 *
 * A font's codes are its dense CIDs (pdf_internal.h): CID k is the k-th code point drawn with the
 * font, so the map pairs each CID with that code point, written as `bfrange` runs (consecutive
 * CIDs for consecutive code points) and `bfchar` singles, in blocks of at most 100 entries (the
 * CMap format's limit); a code point above U+FFFF maps to its UTF-16 surrogate pair.  A CFF font's
 * codes are the CFF's own CIDs (cff.c), so its pairs are sorted by code first.  (libharu's own ToUnicode CMap is invalid — `begincidrange` — which is one
 * reason pdf.c writes the font objects itself.)
 */
#include <stdlib.h>

#include "pdf/pdf_internal.h"

#define CMAP_BLOCK 100

typedef struct cmap_run {
	uint32_t cid, lo, hi; /* CIDs cid … cid + (hi - lo) are the code points lo … hi */
	const char *text;     /* a shaped glyph's single: it stands for this UTF-8 text */
	uint32_t tlen;
} cmap_run;

static void put_hex4(vita_buf *out, uint32_t v)
{
	static const char hex[] = "0123456789ABCDEF";
	char s[6] = {'<', hex[v >> 12 & 15], hex[v >> 8 & 15], hex[v >> 4 & 15], hex[v & 15], '>'};
	buf_put(out, s, sizeof s);
}

/* A destination: the code point in UTF-16BE, so above U+FFFF a surrogate pair (<D83CDF93>). */
static void put_utf16(vita_buf *out, uint32_t cp)
{
	if (cp < 0x10000) {
		put_hex4(out, cp);
		return;
	}
	static const char hex[] = "0123456789ABCDEF";
	uint32_t v = cp - 0x10000, pair = (0xD800 + (v >> 10)) << 16 | (0xDC00 + (v & 0x3FF));
	char s[10];
	s[0] = '<';
	for (int i = 0; i < 8; i++)
		s[1 + i] = hex[pair >> (28 - 4 * i) & 15];
	s[9] = '>';
	buf_put(out, s, sizeof s);
}

/* A destination of several characters: their UTF-16BE in one hex string. */
static void put_utf16_text(vita_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	buf_putc(out, '<');
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (!k) {
			cp = 0xFFFD;
			k = 1;
		}
		i += k;
		uint32_t units[2] = {cp, 0};
		int nu = 1;
		if (cp > 0xFFFF) {
			units[0] = 0xD800 + ((cp - 0x10000) >> 10);
			units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
			nu = 2;
		}
		for (int u = 0; u < nu; u++) {
			char h[4] = {hex[units[u] >> 12 & 15], hex[units[u] >> 8 & 15], hex[units[u] >> 4 & 15],
			             hex[units[u] & 15]};
			buf_put(out, h, 4);
		}
	}
	buf_putc(out, '>');
}

/* Writes one kind of block (ranges when want_ranges, else singles) over the runs. */
static void put_blocks(vita_buf *out, const cmap_run *runs, size_t nruns, bool want_ranges)
{
	size_t total = 0;
	for (size_t i = 0; i < nruns; i++)
		total += (runs[i].hi > runs[i].lo) == want_ranges;
	const char *kind = want_ranges ? "bfrange" : "bfchar";
	size_t done = 0, in_block = 0;
	for (size_t i = 0; i < nruns; i++) {
		if ((runs[i].hi > runs[i].lo) != want_ranges)
			continue;
		if (in_block == 0) {
			size_t n = total - done < CMAP_BLOCK ? total - done : CMAP_BLOCK;
			buf_printf(out, "%zu begin%s\n", n, kind);
		}
		put_hex4(out, runs[i].cid);
		buf_putc(out, ' ');
		if (want_ranges) {
			put_hex4(out, runs[i].cid + (runs[i].hi - runs[i].lo));
			buf_putc(out, ' ');
		}
		if (runs[i].text)
			put_utf16_text(out, runs[i].text, runs[i].tlen);
		else
			put_utf16(out, runs[i].lo);
		buf_putc(out, '\n');
		done++;
		if (++in_block == CMAP_BLOCK || done == total) {
			buf_printf(out, "end%s\n", kind);
			in_block = 0;
		}
	}
}

typedef struct pair {
	uint32_t code, cp;
} pair;

static int by_code(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	return x->code != y->code ? (x->code < y->code ? -1 : 1) : (x->cp < y->cp ? -1 : x->cp > y->cp);
}

void pdf_tounicode_cmap(const pdf_cpset *used, const uint16_t *code, const pdf_gtext *gt, vita_buf *out)
{
	/* The (code, code point) pairs in code order: for TrueType the CIDs, already in order. */
	size_t n = used->count, np = 0;
	pair *pairs = xmalloc((n ? n : 1) * sizeof *pairs);
	uint32_t cid = 0;
	for (long cp = pdf_cpset_next(used, 0); cp >= 0; cp = pdf_cpset_next(used, cp + 1)) {
		cid++;
		pairs[np++] = (pair){code ? code[cid] : cid, (uint32_t)cp};
	}
	if (code)
		qsort(pairs, np, sizeof *pairs, by_code);
	/* A bfrange may only vary in the last byte of its codes, and its destination is incremented in
	 * its last byte: a run also ends where either the code's or the code point's high byte changes.
	 * Code points above U+FFFF are singles (their destination is a surrogate pair). */
	cmap_run *runs = xmalloc((np ? np : 1) * sizeof *runs);
	size_t nruns = 0;
	for (size_t i = 0; i < np; i++) {
		uint32_t c = pairs[i].cp, k = pairs[i].code;
		if (code && (k == 0 || (i > 0 && pairs[i - 1].code == k)))
			continue; /* no glyph (.notdef), or a second character of one glyph */
		if (c >= PDF_GLYPH_KEY) { /* a shaped glyph: the text of its cluster, if known */
			size_t tlen = 0;
			const char *t = pdf_gtext_text(gt, c, &tlen);
			if (t)
				runs[nruns++] = (cmap_run){k, c, c, t, (uint32_t)tlen};
			continue;
		}
		const cmap_run *last = nruns ? &runs[nruns - 1] : NULL;
		if (last && last->hi + 1 == c && last->cid + (last->hi - last->lo) + 1 == k && (c & 0xFF) != 0 &&
		    (k & 0xFF) != 0 && c < 0x10000)
			runs[nruns - 1].hi = c;
		else
			runs[nruns++] = (cmap_run){k, c, c, NULL, 0};
	}
	free(pairs);
	buf_puts(out, "/CIDInit /ProcSet findresource begin\n"
	              "12 dict begin\n"
	              "begincmap\n"
	              "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	              "/CMapName /Adobe-Identity-UCS def\n"
	              "/CMapType 2 def\n"
	              "1 begincodespacerange\n"
	              "<0000> <FFFF>\n"
	              "endcodespacerange\n");
	put_blocks(out, runs, nruns, true);
	put_blocks(out, runs, nruns, false);
	buf_puts(out, "endcmap\n"
	              "CMapName currentdict /CMap defineresource pop\n"
	              "end\n"
	              "end\n");
	free(runs);
}
