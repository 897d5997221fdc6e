/*
 * Unicode normalization of everything loaded from a user's file (utf8proc).
 *
 * The whole file is first checked for invalid UTF-8 and stray control characters, each reported at
 * its line and column; then every loaded string is put in NFC, compatibility ligatures U+FB00–FB06
 * become their letters, and mojibake (UTF-8 that was decoded as Windows-1252 or Mac Roman and
 * encoded again) is repaired with a warning that shows the text before and after.
 */
#ifndef VITA_LOAD_NORMALIZE_H
#define VITA_LOAD_NORMALIZE_H

#include "base/base.h"

/* Reports every invalid UTF-8 sequence and every control character other than tab, LF and CR (CR
 * only before LF) at its line:col (col counts characters).  A leading UTF-8 BOM is accepted.
 * Returns the number of errors reported. */
size_t vita_check_encoding(const char *path, const char *data, size_t len, vita_diags *d);

/* Normalizes one loaded string (valid UTF-8).  Repairs are reported as warnings at pos. */
const char *vita_normalize(vita_arena *a, const char *s, size_t len, vita_pos pos, vita_diags *d);

/* The mojibake repair alone: a malloc'd repaired string, or NULL when s is not mojibake. */
char *vita_mojibake_repair(const char *s, size_t len);

#endif
