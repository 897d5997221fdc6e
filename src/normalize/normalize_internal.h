/*
 * What the normalization files share (mojibake.c, normalize.c, encoding.c).  Not part of the
 * public API: the loaders see normalize.h.
 */
#ifndef VITA_NORMALIZE_INTERNAL_H
#define VITA_NORMALIZE_INTERNAL_H

#include "normalize/normalize.h"

/* The mojibake repair of s: a malloc'd repaired string, or NULL when nothing was damaged; msg (may
 * be NULL) gets the damaged words before and after, for the one warning. */
char *normalize_repair(const char *s, size_t len, vita_buf *msg);

/* The character byte b (0x80–0xFF) stands for in Windows-1252 (its C1 value where it has none). */
uint32_t normalize_cp1252(unsigned b);

/* The letters of U+FB00–FB06, in order. */
extern const char *const normalize_ligatures[7];

#endif
