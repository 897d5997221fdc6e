/*
 * What the PDF backend's files share: the set of code points a font draws (which also numbers them:
 * the font's CIDs), the font subsetter (subset.c) and the ToUnicode writer (tounicode.c).  Internal
 * to src/pdf/.
 *
 * Each font's characters get dense CIDs: the code points drawn with the font, in increasing order,
 * are CIDs 1, 2, 3, … (CID 0 is .notdef), so the CID-to-glyph map, the widths and the ToUnicode map
 * hold only what the document draws.  The text libharu cannot draw — above U+FFFF — stays out, so a
 * font's "used set" is a bitmap of the Basic Multilingual Plane (8 KiB per font, simple and
 * branch-free compared with a sorted list or a hash set), with per-word counts for ranking.
 */
#ifndef VITA_PDF_INTERNAL_H
#define VITA_PDF_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <hb.h>

#include "base/base.h"
#include "vita/frame.h"

typedef struct pdf_cpset {
	uint64_t bits[65536 / 64];
	size_t count;
	uint16_t before[65536 / 64]; /* after pdf_cpset_index: members below each word's first bit */
} pdf_cpset;

static inline bool pdf_cpset_has(const pdf_cpset *s, uint32_t cp)
{
	return cp < 65536 && (s->bits[cp >> 6] >> (cp & 63) & 1);
}

static inline void pdf_cpset_add(pdf_cpset *s, uint32_t cp)
{
	if (cp < 65536 && !pdf_cpset_has(s, cp)) {
		s->bits[cp >> 6] |= (uint64_t)1 << (cp & 63);
		s->count++;
	}
}

/* The next code point of s at or after from, or -1. */
static inline long pdf_cpset_next(const pdf_cpset *s, long from)
{
	for (long cp = from; cp < 65536;) {
		uint64_t w = s->bits[cp >> 6] >> (cp & 63);
		if (w)
			return cp + __builtin_ctzll(w);
		cp = (cp | 63) + 1;
	}
	return -1;
}

/* Fills s->before, for pdf_cpset_cid; call again after adding members. */
static inline void pdf_cpset_index(pdf_cpset *s)
{
	uint32_t n = 0;
	for (size_t i = 0; i < 65536 / 64; i++) {
		s->before[i] = (uint16_t)n;
		n += (uint32_t)__builtin_popcountll(s->bits[i]);
	}
}

/* The CID of a member cp of an indexed set: its rank from 1 (65535 members at most: fits). */
static inline uint16_t pdf_cpset_cid(const pdf_cpset *s, uint32_t cp)
{
	uint64_t below = s->bits[cp >> 6] & (((uint64_t)1 << (cp & 63)) - 1);
	return (uint16_t)(s->before[cp >> 6] + __builtin_popcountll(below) + 1);
}

/* ---- subset.c ---- */

/* A font cut down to the characters a document draws with it, and what the PDF's font objects say
 * about it.  Everything is indexed by CID (see above): entry 0 is .notdef. */
typedef struct pdf_subset {
	hb_blob_t *blob;    /* the subset TrueType file (embedded as it is) */
	const char *data;
	size_t size;
	size_t glyphs;      /* glyphs in the subset (including .notdef) */
	size_t ncids;       /* CIDs 1..ncids: the used code points in increasing order */
	uint16_t *gid;      /* [ncids + 1]: the CID's glyph in the subset; 0 when the font has none */
	int16_t *width;     /* [ncids + 1]: advance in 1/1000 em, truncated as the layout measured it */
	char name[64];      /* PostScript name (only characters allowed in a PDF name unescaped) */
	uint32_t hash;      /* of the name and the code points: makes the subset tag */
	/* Font descriptor values, in 1/1000 em */
	int ascent, descent, cap_height, bbox[4], stem_v, flags;
	double italic_angle;
} pdf_subset;

/* Subsets font to the code points of used (an indexed set) that it maps.  Code points the font has
 * no glyph for are reported as a warning and map to glyph 0 (they will draw as blank but still
 * extract).  Returns 0 on success, 1 when the font covers none of used (nothing to embed), -1 on
 * error (reported). */
int pdf_subset_font(const vita_font_ref *font, const pdf_cpset *used, pdf_subset *out, vita_diags *d);
/* Frees what pdf_subset_font made; safe to call twice and on a zeroed struct. */
void pdf_subset_free(pdf_subset *s);

/* ---- tounicode.c ---- */

/* Writes a ToUnicode CMap mapping each CID of used (see above) to its code point. */
void pdf_tounicode_cmap(const pdf_cpset *used, vita_buf *out);

#endif
