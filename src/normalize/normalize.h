/*
 * Unicode normalization of everything loaded from a user's file (utf8proc).
 *
 * The whole file is first checked for invalid UTF-8 and stray control characters, each reported at
 * its line and column; then every loaded string is put in NFC, compatibility ligatures U+FB00–FB06
 * become their letters, and mojibake (UTF-8 that was decoded as Windows-1252 or Mac Roman and
 * encoded again) is repaired with a warning that shows the text before and after.
 */
#ifndef VITA_NORMALIZE_H
#define VITA_NORMALIZE_H

#include "base/base.h"

/* Reports, as errors, every invalid UTF-8 sequence (invalid or stray byte, truncated sequence,
 * overlong form, surrogate, value above U+10FFFF) and every control character other than tab, LF and
 * CR before LF (so NUL, BEL, a lone CR, DEL and the C1 controls U+0080–U+009F) at its line:col.  Lines
 * and columns are 1-based; columns count characters, an invalid byte counts as one, a leading UTF-8
 * BOM (accepted) as none.  Returns the number of errors reported (all are reported; diag keeps 200). */
size_t vita_check_encoding(const char *path, const char *data, size_t len, vita_diags *d);

/* Normalizes one loaded string of len bytes (valid UTF-8) into an arena string: NFC, mojibake
 * repair (one warning at pos shows the repaired words before and after), NFC again, then U+FB00–FB06
 * unfolded to their letters (ff fi fl ffi ffl st st).  The result is stable: normalizing it again
 * gives the same bytes and no warning.  No other compatibility mapping: NBSP, superscripts,
 * full-width forms stay.  Pure ASCII is copied as is. */
const char *vita_normalize(vita_arena *a, const char *s, size_t len, vita_pos pos, vita_diags *d);

/* The mojibake repair alone: a malloc'd repaired string, or NULL when s is not mojibake.  Only the
 * damaged runs change; correct text beside them (and any correct text at all) is left as it is. */
char *vita_mojibake_repair(const char *s, size_t len);

#endif
