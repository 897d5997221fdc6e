/*
 * Inline Markdown in text fields (cmark): `**bold**`, `*italic*`, `` `code` ``, `[text](url)`, with
 * smart punctuation (-- and --- to dashes, straight quotes to curly ones) as a typesetter would.
 *
 * Only inline constructs are meaningful in a CV field; block constructs and raw HTML are kept as
 * literal text, with a warning, so no character is lost.  Links are vetted: http, https, mailto and
 * DOI links are kept; any other scheme (javascript:, file:, …) is reported and the link becomes its
 * text.
 */
#ifndef VITA_LOAD_INLINE_H
#define VITA_LOAD_INLINE_H

#include "base/base.h"
#include "vita/cv.h"

/* Parses md (NFC UTF-8) into spans allocated in a; NULL for an empty string. */
vita_span *vita_inline_parse(vita_arena *a, const char *md, vita_pos pos, vita_diags *d);

/* The same, always through cmark (never the fast path for plain text): for tests. */
vita_span *vita_inline_parse_cmark(vita_arena *a, const char *md, vita_pos pos, vita_diags *d);

/* True for http://, https://, mailto: URLs and DOIs ("doi:10.…", "https://doi.org/…"). */
bool vita_url_allowed(const char *url);

#endif
