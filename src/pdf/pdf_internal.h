/*
 * What the PDF backend's files share: the set of code points a font draws (which also numbers them:
 * the font's CIDs), the font subsetter (subset.c) and the ToUnicode writer (tounicode.c).  Internal
 * to src/pdf/.
 *
 * Each font's characters get dense CIDs: the code points drawn with the font, in increasing order,
 * are CIDs 1, 2, 3, … (CID 0 is .notdef), so the CID-to-glyph map, the widths and the ToUnicode map
 * hold only what the document draws.  A font's "used set" is a bitmap of code points (8 KiB per
 * font for the Basic Multilingual Plane, simple and branch-free compared with a sorted list or a
 * hash set, plus one for the other planes when the document draws from them), with per-word
 * counts for ranking.
 */
#ifndef VITA_PDF_INTERNAL_H
#define VITA_PDF_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "base/base.h"
#include "vita/frame.h"

/* The Basic Multilingual Plane is a bitmap in the set itself; planes 1–16 (emoji, math
 * alphanumerics, rare ideographs) get a second bitmap, allocated when the first such code point is
 * added (or the first glyph key), so a Latin or CJK document pays nothing for them.  Bit words are numbered across both:
 * word w < PDF_BMP_WORDS is bits[w], the rest are astral[w - PDF_BMP_WORDS]. */
#define PDF_BMP_WORDS (0x10000 / 64)
/* Members are code points, and glyph ids offset by PDF_GLYPH_KEY: the glyphs of shaped pieces
 * (vita_item.glyphs), which have no code point of their own; and from PDF_VARIANT_KEY, a glyph
 * drawn for another text than the first it was drawn for (gtext.c). */
#define PDF_GLYPH_KEY 0x110000u
#define PDF_VARIANT_KEY (PDF_GLYPH_KEY + 0x10000u)
#define PDF_MAX_VARIANTS 0x4000u
#define PDF_KEY_LIMIT (PDF_VARIANT_KEY + PDF_MAX_VARIANTS)
#define PDF_ASTRAL_WORDS ((PDF_KEY_LIMIT - 0x10000) / 64)
#define PDF_ALL_WORDS (PDF_BMP_WORDS + PDF_ASTRAL_WORDS)

typedef struct pdf_cpset {
	uint64_t bits[PDF_BMP_WORDS];
	size_t count;
	uint16_t before[PDF_BMP_WORDS]; /* after pdf_cpset_index: members below each word's first bit */
	uint64_t *astral;               /* [PDF_ASTRAL_WORDS], NULL until a code point above U+FFFF */
	uint16_t *astral_before;        /* [PDF_ASTRAL_WORDS], with astral */
} pdf_cpset;

static inline uint64_t pdf_cpset_word(const pdf_cpset *s, size_t w)
{
	return w < PDF_BMP_WORDS ? s->bits[w] : s->astral ? s->astral[w - PDF_BMP_WORDS] : 0;
}

static inline bool pdf_cpset_has(const pdf_cpset *s, uint32_t cp)
{
	return cp < PDF_KEY_LIMIT && (pdf_cpset_word(s, cp >> 6) >> (cp & 63) & 1);
}

/* Adds cp (keys beyond the glyph keys are ignored). */
static inline void pdf_cpset_add(pdf_cpset *s, uint32_t cp)
{
	if (cp >= PDF_KEY_LIMIT || pdf_cpset_has(s, cp))
		return;
	uint64_t bit = (uint64_t)1 << (cp & 63);
	if (cp < 0x10000) {
		s->bits[cp >> 6] |= bit;
	} else {
		if (!s->astral) {
			s->astral = xcalloc(PDF_ASTRAL_WORDS, sizeof *s->astral);
			s->astral_before = xcalloc(PDF_ASTRAL_WORDS, sizeof *s->astral_before);
		}
		s->astral[(cp >> 6) - PDF_BMP_WORDS] |= bit;
	}
	s->count++;
}

/* Frees the set (made with calloc) and its astral bitmap. */
static inline void pdf_cpset_free(pdf_cpset *s)
{
	if (!s)
		return;
	free(s->astral);
	free(s->astral_before);
	free(s);
}

/* Empties the set, keeping it allocated. */
static inline void pdf_cpset_clear(pdf_cpset *s)
{
	uint64_t *a = s->astral;
	uint16_t *ab = s->astral_before;
	memset(s, 0, sizeof *s);
	if (a) {
		memset(a, 0, PDF_ASTRAL_WORDS * sizeof *a);
		s->astral = a;
		s->astral_before = ab;
	}
}

/* The next code point of s at or after from, or -1. */
static inline long pdf_cpset_next(const pdf_cpset *s, long from)
{
	long end = s->astral ? (long)PDF_KEY_LIMIT : 0x10000;
	for (long cp = from; cp < end;) {
		uint64_t w = pdf_cpset_word(s, (size_t)cp >> 6) >> (cp & 63);
		if (w)
			return cp + __builtin_ctzll(w);
		cp = (cp | 63) + 1;
	}
	return -1;
}

/* The members of a word.  Written out because the compiler, for the x86-64 baseline Debian builds
 * for (no POPCNT instruction), calls libgcc's __popcountdi2 for __builtin_popcountll: 0.5% of a
 * render's instructions went there. */
static inline uint32_t pdf_popcount(uint64_t x)
{
	x -= (x >> 1) & 0x5555555555555555u;
	x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
	return (uint32_t)((x * 0x0101010101010101u) >> 56);
}

/* Fills the rank tables, for pdf_cpset_cid; call again after adding members. */
static inline void pdf_cpset_index(pdf_cpset *s)
{
	uint32_t n = 0;
	for (size_t i = 0; i < PDF_BMP_WORDS; i++) {
		s->before[i] = (uint16_t)n;
		n += s->bits[i] ? pdf_popcount(s->bits[i]) : 0;
	}
	for (size_t i = 0; s->astral && i < PDF_ASTRAL_WORDS; i++) {
		s->astral_before[i] = (uint16_t)n;
		n += s->astral[i] ? pdf_popcount(s->astral[i]) : 0;
	}
}

/* The CID of a member cp of an indexed set: its rank from 1 (65535 members at most: fits). */
static inline uint16_t pdf_cpset_cid(const pdf_cpset *s, uint32_t cp)
{
	size_t w = cp >> 6;
	uint64_t below = pdf_cpset_word(s, w) & (((uint64_t)1 << (cp & 63)) - 1);
	uint16_t before = w < PDF_BMP_WORDS ? s->before[w] : s->astral_before[w - PDF_BMP_WORDS];
	return (uint16_t)(before + pdf_popcount(below) + 1);
}

/* What each shaped glyph stands for, for the ToUnicode map (gtext.c): the first text seen for
 * each glyph id, and the variants, each a glyph id with another text (its key PDF_VARIANT_KEY + its
 * index).  Texts are copies in pool. */
typedef struct pdf_gvariant {
	uint32_t gid, off, len;
	uint32_t advance; /* in font units, for the /W array; 0: the font's */
} pdf_gvariant;

typedef struct pdf_gtext {
	uint32_t *gid;     /* open addressing: gid + 1, 0 empty */
	uint32_t *off, *len;
	size_t mask, n;
	pdf_gvariant *var;
	size_t nvar, vcap;
	uint32_t *vslot;   /* open addressing over var: index + 1, 0 empty */
	size_t vmask;
	vita_buf pool;
} pdf_gtext;

/* Records text for gid unless it has one (the first text seen is kept). */
void pdf_gtext_put(pdf_gtext *m, uint32_t gid, const char *text, size_t len);
/* The first text of gid, or NULL. */
const char *pdf_gtext_get(const pdf_gtext *m, uint32_t gid, size_t *len);
/* The key that draws gid standing for text, with the font's advance (advance 0) or another: its
 * glyph key when text is its first (or becomes it) and the advance the font's, else its variant's,
 * made when there is none yet (the glyph key when there are PDF_MAX_VARIANTS). */
uint32_t pdf_gtext_key(pdf_gtext *m, uint32_t gid, const char *text, size_t len, uint32_t advance);
/* The same key, found (the glyph key when pdf_gtext_key made none). */
uint32_t pdf_gtext_find(const pdf_gtext *m, uint32_t gid, const char *text, size_t len, uint32_t advance);
/* The advance a variant key gives its glyph (font units), or 0: the font's. */
uint32_t pdf_gtext_advance(const pdf_gtext *m, uint32_t key);
/* The glyph id a glyph or variant key draws; false for a code point or an unknown variant. */
bool pdf_gtext_glyph(const pdf_gtext *m, uint32_t key, uint32_t *gid);
/* The text a glyph or variant key stands for, or NULL. */
const char *pdf_gtext_text(const pdf_gtext *m, uint32_t key, size_t *len);
void pdf_gtext_free(pdf_gtext *m);

/* ---- subset.c ---- */

/* A font cut down to the characters a document draws with it, and what the PDF's font objects say
 * about it.  Everything is indexed by CID (see above): entry 0 is .notdef. */
typedef struct pdf_subset {
	hb_blob_t *blob;    /* the subset TrueType file (embedded as it is) */
	const char *data;
	size_t size;
	size_t glyphs;      /* glyphs in the subset (including .notdef) */
	int upem;           /* the font's units per em */
	size_t ncids;       /* CIDs 1..ncids: the used code points in increasing order */
	uint16_t *gid;      /* [ncids + 1]: the CID's glyph in the subset; 0 when the font has none */
	bool cff;           /* CFF outlines: embedded as a CIDFontType0 with a FontFile3 … */
	bool cid_keyed;     /* … holding the bare CID-keyed CFF table (data, size), else the OpenType file */
	hb_blob_t *cff_blob; /* cid_keyed: the CFF table that data points into */
	uint16_t *code;     /* cff: [ncids + 1], the code the content stream draws each CID with (the
	                     * CFF's own CID of the glyph, see cff.c); NULL for TrueType: the CID itself */
	int16_t *width;     /* [ncids + 1]: advance in 1/1000 em, truncated as the layout measured it */
	char name[64];      /* PostScript name (only characters allowed in a PDF name unescaped) */
	uint32_t hash;      /* of the name and the code points: makes the subset tag */
	/* Font descriptor values, in 1/1000 em */
	int ascent, descent, cap_height, bbox[4], stem_v, flags;
	double italic_angle;
} pdf_subset;

/* f's face from the source faces this thread keeps across documents (subset.c): a new reference,
 * or NULL when the file cannot be read or has no face f->face_index. */
hb_face_t *pdf_kept_face(const vita_font_ref *f);
/* Frees this thread's kept compressor (fonts.c; part of vita_pdf_thread_done). */
void pdf_deflate_thread_done(void);
/* Subsets font to the code points of used (an indexed set) that it maps.  Code points the font has
 * no glyph for are reported as a warning and map to glyph 0 (they will draw as blank but still
 * extract).  Returns 0 on success, 1 when the font covers none of used (nothing to embed), -1 on
 * error (reported). */
int pdf_subset_font(const vita_font_ref *font, const pdf_cpset *used, const pdf_gtext *gt, pdf_subset *out,
                    vita_diags *d);
/* Raises the advance of each mark drawn back behind the pen in a TrueType subset (hmtx.c). */
void pdf_widen_marks(pdf_subset *sub, const pdf_cpset *used, const pdf_gtext *gt);
/* Frees what pdf_subset_font made; safe to call twice and on a zeroed struct. */
void pdf_subset_free(pdf_subset *s);

/* ---- cff.c ---- */

/* The code (CID) that selects each glyph g < nglyphs of a CFF table in a CIDFontType0: the
 * charset's CID in a CID-keyed font (*cid_keyed set), else g.  False when the table cannot be read. */
bool pdf_cff_codes(const char *cff, size_t len, size_t nglyphs, uint16_t *code, bool *cid_keyed);

/* ---- tounicode.c ---- */

/* Writes a ToUnicode CMap mapping each CID of used (see above) to its code point (a glyph key to
 * its text in gt; none when gt has none); with code, the codes drawn are code[CID] instead (a CFF
 * font: see pdf_subset), and where two CIDs share a code (two characters, one glyph) the first is
 * kept. */
void pdf_tounicode_cmap(const pdf_cpset *used, const uint16_t *code, const pdf_gtext *gt, vita_buf *out);

/* ---- glyphs.c ---- */

/* The parts of a font's record that drawing a shaped piece needs. */
typedef struct pdf_font_view {
	const pdf_cpset *used;
	const pdf_gtext *gt;  /* the glyphs' texts and variants */
	const int16_t *width; /* per CID, 1/1000 em */
	const uint16_t *code; /* per CID, or NULL (the CID itself) */
	int upem;
} pdf_font_view;

/* Collects a shaped piece's glyph keys into used and what each means into gt. */
void pdf_glyphs_collect(const vita_item *it, pdf_cpset *used, pdf_gtext *gt);
/* Writes a shaped piece at the current text position: an /ActualText span with the piece's text,
 * and its glyphs with TJ adjustments for advances and offsets (Ts for vertical offsets), then the
 * space glyph when it->space_after. */
void pdf_glyphs_show(vita_buf *b, const vita_item *it, const pdf_font_view *fv);
/* Whether a shaped piece is a right-to-left word (its glyphs' clusters fall). */
bool pdf_glyphs_rtl(const vita_item *it);
/* Appends s (UTF-8) as a PDF text string in UTF-16BE with its byte order mark, for /ActualText. */
void pdf_put_text_string(vita_buf *b, const char *s);
/* Numbers as the content stream writes them: v in thousandths (pdf.c). */
long long pdf_milli(double v);
void pdf_put_milli(vita_buf *b, long long m);

#endif
