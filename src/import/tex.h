/*
 * TeX text (BibTeX field values) → Unicode Markdown; see tex.c.
 */
#ifndef VITA_IMPORT_TEX_H
#define VITA_IMPORT_TEX_H

#include "base/base.h"

/* Appends the decoded text of s (n bytes) to out as Markdown (special characters escaped).  The
 * commands vita does not know are appended to unknown (if not NULL), each once: "\\input, \\foo". */
void tex_to_md(const char *s, size_t n, vita_buf *out, vita_buf *unknown);

#endif
