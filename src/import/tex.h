/*
 * TeX text (BibTeX field values) → Unicode Markdown; see tex.c.
 */
#ifndef VITA_IMPORT_TEX_H
#define VITA_IMPORT_TEX_H

#include "base/base.h"

/* Appends the decoded text of s (n bytes) to out as Markdown (special characters escaped).
 * *unknown (if unknown is not NULL) is set to the first command vita does not know (pointing into
 * s, a run of letters), else NULL. */
void tex_to_md(const char *s, size_t n, vita_buf *out, const char **unknown);

#endif
