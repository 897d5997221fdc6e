/*
 * Inline Markdown in text fields (cmark): `**bold**`, `*italic*`, `` `code` ``, `[text](url)`, with
 * smart punctuation (-- and --- to dashes, straight quotes to curly ones) as a typesetter would.
 *
 * Only inline constructs are meaningful in a CV field.  Text that would open a block ("- item",
 * "# 1", "1. first", "> q", a fence) is shown exactly as written, its inline markup still applied; a
 * warning is given only when such markers span several lines (the user probably wanted a list).
 * Paragraphs (blank lines) become two BREAK spans.  Raw HTML is kept as literal text and an image
 * becomes its description, each with a warning, so no character is lost.  Links are vetted: http,
 * https, mailto and DOI links are kept (doi:10.… becomes https://doi.org/10.…); any other target
 * (javascript:, file:, a relative path, none) is reported and the link becomes its text.
 * Adjacent text is merged into one TEXT span; soft line breaks become a space.
 */
#ifndef VITA_LOAD_INLINE_H
#define VITA_LOAD_INLINE_H

#include "base/base.h"
#include "vita/cv.h"

/* Parses md (NFC UTF-8) into spans allocated in a; NULL for an empty or blank string.  Warnings go
 * to d at pos (the field's position).  The spans may point into md (plain text is not copied): md
 * must stay unchanged as long as they are used. */
vita_span *vita_inline_parse(vita_arena *a, const char *md, vita_pos pos, vita_diags *d);

/* The same, always through cmark (never the fast path for plain text): for tests. */
vita_span *vita_inline_parse_cmark(vita_arena *a, const char *md, vita_pos pos, vita_diags *d);

/* True for http://, https://, mailto: URLs and DOIs ("doi:10.…", "https://doi.org/…") of at most
 * VITA_MAX_URL_BYTES. */
bool vita_url_allowed(const char *url);
/* A link target longer than this is refused (with its text kept): the PDF's URI strings are
 * limited (libharu: 65,535 bytes) and no browser opens one much longer (M4). */
#define VITA_MAX_URL_BYTES 8192
/* Why url is refused, for a message: "only http, https, mailto and DOI links are allowed" or
 * "a link may be at most 8192 bytes long (this one is N)". */
const char *vita_url_refusal(vita_arena *a, const char *url);

#endif
