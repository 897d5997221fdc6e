/*
 * What the PDF needs to know about a CFF font program (an OpenType font with PostScript outlines:
 * .otf, Noto Sans CJK's .ttc): the code that selects each glyph.
 *
 * A CFF font is embedded as a CIDFontType0, and a PDF reader finds a glyph from the code in the
 * content stream (Identity-H: the code is the CID) through the CFF itself, not through a
 * CIDToGIDMap: in a CID-keyed CFF (Noto Sans CJK) the CID is the one the CFF's charset gives the
 * glyph, in a name-keyed CFF (Source Sans 3) the CID is the glyph id (PDF 32000-1 9.7.4.2).  A
 * CID-keyed CFF is embedded as the bare CFF table (FontFile3 /CIDFontType0C): poppler takes the
 * codes of an /OpenType font program as glyph ids even when its CFF is CID-keyed, and draws
 * nothing; a name-keyed one as the whole OpenType subset (/OpenType).  HarfBuzz's subsetter renumbers glyphs and keeps each
 * glyph's CID, so the codes are read back from the subset's charset.  Only the parts of the CFF
 * that lead there are read: the header, the Top DICT's ROS and charset operators, the charset.
 */
#include <stdlib.h>

#include "pdf/pdf_internal.h"

typedef struct span {
	const unsigned char *p;
	size_t n;
} span;

static unsigned get(span s, size_t off, int bytes)
{
	unsigned v = 0;
	for (int i = 0; i < bytes; i++)
		v = v << 8 | (off + (size_t)i < s.n ? s.p[off + (size_t)i] : 0);
	return v;
}

/* The first entry of the INDEX at *off (and *off moved past the INDEX); false when it is broken. */
static bool index_first(span s, size_t *off, span *first)
{
	unsigned count = get(s, *off, 2);
	if (*off + 2 > s.n)
		return false;
	if (count == 0) {
		*off += 2;
		first->n = 0;
		return true;
	}
	int osz = (int)get(s, *off + 2, 1);
	if (osz < 1 || osz > 4)
		return false;
	size_t base = *off + 3 + (size_t)(count + 1) * (size_t)osz - 1;
	size_t o0 = get(s, *off + 3, osz), o1 = get(s, *off + 3 + (size_t)osz, osz);
	size_t last = get(s, *off + 3 + (size_t)count * (size_t)osz, osz);
	if (o0 < 1 || o1 < o0 || base + last > s.n)
		return false;
	first->p = s.p + base + o0;
	first->n = o1 - o0;
	*off = base + last;
	return true;
}

/* Reads a Top DICT for the charset offset and whether it has ROS (a CID-keyed font). */
static bool top_dict(span d, long *charset, bool *cid_keyed)
{
	long operand[48];
	int n = 0;
	for (size_t i = 0; i < d.n;) {
		unsigned b = d.p[i];
		if (b <= 21) { /* an operator */
			unsigned op = b;
			if (b == 12) {
				if (i + 1 >= d.n)
					return false;
				op = 1200 + d.p[i + 1];
				i++;
			}
			i++;
			if (op == 15 && n > 0)
				*charset = operand[n - 1];
			if (op == 1230)
				*cid_keyed = true;
			n = 0;
			continue;
		}
		long v = 0;
		if (b == 28) {
			v = (int16_t)get(d, i + 1, 2);
			i += 3;
		} else if (b == 29) {
			v = (int32_t)get(d, i + 1, 4);
			i += 5;
		} else if (b == 30) { /* a real: nibbles up to 0xF */
			i++;
			while (i < d.n && (d.p[i] & 0x0F) != 0x0F && (d.p[i] & 0xF0) != 0xF0)
				i++;
			i++;
		} else if (b >= 32 && b <= 246) {
			v = (long)b - 139;
			i++;
		} else if (b >= 247 && b <= 250) {
			v = ((long)b - 247) * 256 + (long)get(d, i + 1, 1) + 108;
			i += 2;
		} else if (b >= 251 && b <= 254) {
			v = -((long)b - 251) * 256 - (long)get(d, i + 1, 1) - 108;
			i += 2;
		} else {
			return false; /* 22–27, 31, 255: reserved */
		}
		if (n < 48)
			operand[n++] = v;
	}
	return true;
}

/* Fills cid[g] for each glyph g < nglyphs from the charset at off (glyph 0 is CID 0). */
static bool read_charset(span s, size_t off, uint16_t *cid, size_t nglyphs)
{
	unsigned fmt = get(s, off, 1);
	size_t g = 1, p = off + 1;
	cid[0] = 0;
	while (g < nglyphs) {
		if (p + 2 > s.n)
			return false;
		unsigned first = get(s, p, 2);
		if (fmt == 0) {
			cid[g++] = (uint16_t)first;
			p += 2;
			continue;
		}
		if (fmt != 1 && fmt != 2)
			return false;
		unsigned left = get(s, p + 2, fmt == 1 ? 1 : 2);
		p += fmt == 1 ? 3 : 4;
		for (unsigned k = 0; k <= left && g < nglyphs; k++)
			cid[g++] = (uint16_t)(first + k);
	}
	return true;
}

bool pdf_cff_codes(const char *cff, size_t len, size_t nglyphs, uint16_t *code, bool *cid_keyed_out)
{
	span s = {(const unsigned char *)cff, len};
	if (len < 4 || get(s, 0, 1) != 1)
		return false;
	size_t off = get(s, 2, 1); /* hdrSize */
	span name, top;
	if (!index_first(s, &off, &name) || !index_first(s, &off, &top) || top.n == 0)
		return false;
	long charset = 0;
	bool cid_keyed = false;
	if (!top_dict(top, &charset, &cid_keyed))
		return false;
	*cid_keyed_out = cid_keyed;
	if (!cid_keyed) {
		for (size_t g = 0; g < nglyphs; g++)
			code[g] = (uint16_t)g;
		return true;
	}
	return charset > 2 && (size_t)charset < len && read_charset(s, (size_t)charset, code, nglyphs);
}
