/*
 * Kerning of the shipped fonts compiled into the binary (scripts/gen_kern.c writes the tables at
 * build time): for the words whose characters are all in the table's set, the per-pair adjustments
 * HarfBuzz gives, so that a Latin CV's words are kerned without shaping them one by one (shaping
 * was a fifth of a render's instructions: about 2,500 per glyph in Source Sans 3's GPOS, HarfBuzz
 * 6.0).  A font enters the table only when its kerning is pairwise by construction: every lookup
 * of its `kern` feature is a pair adjustment that moves the first glyph only, and no substitution
 * vita leaves on changes a glyph; each pair was shaped with vita's own feature list
 * (kern_features), so the sum equals the word's shaping.
 */
#ifndef VITA_LAYOUT_KERNTAB_H
#define VITA_LAYOUT_KERNTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hb.h>

/* The characters of the table: printable ASCII, Latin-1 and Latin Extended-A without the spaces
 * and the soft hyphen, which never stand inside a shaped word. */
#define KERN_NCHARS 316
int kern_char_index(uint32_t cp); /* 0 .. KERN_NCHARS-1, -1 when not in the set */
uint32_t kern_char_at(int index);

/* A pair's entry: key (first index × KERN_NCHARS + second) << 15 | the adjustment's low 15 bits,
 * sorted; pairs without one are not listed.  KERN_UNSAFE: HarfBuzz did more than kern the pair
 * (a substitution, a second glyph moved), so a word holding it is shaped. */
#define KERN_UNSAFE (-16384)
typedef struct vita_kern_table {
	const char *file;      /* the file's name, without its folder */
	uint32_t size;         /* the file's size in bytes */
	uint32_t checksum;     /* head.checkSumAdjustment */
	bool common_same;      /* pairs of script-neutral characters (digits, punctuation) kern the
	                        * same in a word without a letter (HarfBuzz's script then is not
	                        * Latin): when false such words are shaped */
	uint32_t n;
	const uint32_t *pairs;
	const uint32_t *first; /* KERN_NCHARS + 1 offsets: the pairs of first character i are
	                        * pairs[first[i] .. first[i + 1]) */
} vita_kern_table;

extern const vita_kern_table vita_kern_tables[];
extern const size_t vita_kern_ntables;
extern const char vita_kern_language[]; /* hb_language_get_default() when the tables were made */

/* vita's shaping features for kerning: kern on, everything that would substitute or move marks
 * off (shape.c and the generator both use them). */
const hb_feature_t *kern_features(unsigned *n);

/* head.checkSumAdjustment of face, which a table records to know its file again (0 if none). */
uint32_t kern_head_checksum(hb_face_t *face);

/* The table of the font file at path (its blob size and head checksum from face), or NULL. */
const vita_kern_table *kern_table_find(const char *path, hb_face_t *face, size_t size);

/* The adjustment of the pair (a, b) in font units into *delta (0 when not listed); false when
 * the pair is KERN_UNSAFE. */
bool kern_pair(const vita_kern_table *t, int a, int b, int32_t *delta);

#endif
