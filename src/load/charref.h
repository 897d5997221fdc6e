/*
 * What a character reference (&#127;, &#x85;, &#150;) may decode to, and text cannot hold.
 *
 * The source check refuses control characters written into a file, but a reference decoded by
 * cmark (in any CV field) or by libxml2 (in a homepage's HTML) puts them back after it: they would
 * reach the PDF as nothing, the YAML that `vita import` writes as a character vita's own loader
 * refuses.  HTML reads U+0080-U+009F in a reference as Windows-1252 (&#150; is an en dash, as every
 * browser shows it); every other control character and U+FFFE/U+FFFF are dropped, with a warning
 * naming them.
 */
#ifndef VITA_LOAD_CHARREF_H
#define VITA_LOAD_CHARREF_H

#include "base/base.h"

/* The character a reference to cp shows: cp itself, its Windows-1252 reading for U+0080-U+009F,
 * or 0 when it is dropped (C0 controls but tab and line feed, U+007F, the five C1 codes
 * Windows-1252 leaves undefined, U+FFFE, U+FFFF). */
uint32_t vita_charref_char(uint32_t cp);

/* True when the UTF-8 text s (n bytes) holds a character vita_charref_char changes. */
bool vita_charref_needed(const char *s, size_t n);

/* Appends s (valid UTF-8, n bytes) to out with vita_charref_char applied to each character, and
 * names each dropped character in `dropped` ("U+007F (delete)"), comma-separated, each once.
 * Returns the number of characters dropped. */
size_t vita_charref_filter(vita_buf *out, const char *s, size_t n, vita_buf *dropped);

#endif
