/*
 * What the PDF backend's files share: the set of code points a font draws, the font subsetter
 * (subset.c) and the ToUnicode rewriter (tounicode.c).  Internal to src/pdf/.
 *
 * libharu's UTF-8 encoder maps every character to a 2-byte CID equal to its code point, and cannot
 * address anything above U+FFFF, so a font's "used set" is a bitmap of the Basic Multilingual Plane
 * (8 KiB per font, simple and branch-free compared with a sorted list or a hash set).
 */
#ifndef VITA_PDF_INTERNAL_H
#define VITA_PDF_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <hpdf.h>

#include "base/base.h"
#include "vita/frame.h"

typedef struct pdf_cpset {
	uint64_t bits[65536 / 64];
	size_t count;
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

/* ---- subset.c ---- */

/* A subset font written where libharu (which loads fonts only from a path) can open it. */
typedef struct pdf_subset {
	int fd;            /* the subset's bytes; -1 when none */
	char *path;        /* what to give HPDF_LoadTTFontFromFile: /proc/self/fd/N or a temp file */
	bool is_temp;      /* path is a named temporary file: unlink it once libharu opened it */
	size_t size;       /* bytes of the subset */
	size_t glyphs;     /* glyphs in the subset (including .notdef) */
} pdf_subset;

/* Subsets font to the code points of used that it maps, and writes the result to out.  Code points
 * the font has no glyph for are reported as a warning and left out of covered (they will draw as
 * blank).  Returns 0 on success, 1 when the font covers none of used (nothing written, no font to
 * load), -1 on error (reported). */
int pdf_subset_font(const vita_font_ref *font, const pdf_cpset *used, pdf_cpset *covered,
                    pdf_subset *out, vita_diags *d);
/* Closes the descriptor and removes a temporary file; safe to call twice. */
void pdf_subset_close(pdf_subset *s);

/* ---- tounicode.c ---- */

/* Writes a ToUnicode CMap mapping every code of used to the same code point (identity on the used
 * set, which is what libharu's UTF-8 encoder produces). */
void pdf_tounicode_cmap(const pdf_cpset *used, vita_buf *out);
/* Replaces the invalid ToUnicode stream libharu attached to a Type0 font with pdf_tounicode_cmap's.
 * HPDF_OK or a libharu error code. */
HPDF_STATUS pdf_tounicode_install(HPDF_Font font, const pdf_cpset *used);

#endif
