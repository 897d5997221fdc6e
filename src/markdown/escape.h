/*
 * Escaping for the Markdown backend: user text that CommonMark gives back as the same characters.
 */
#ifndef VITA_MARKDOWN_ESCAPE_H
#define VITA_MARKDOWN_ESCAPE_H

#include "base/base.h"

/* Appends s escaped; line_start: s begins a line (block markers are escaped too). */
void md_escape(vita_buf *b, const char *s, bool line_start);
/* Appends a link destination in <…> form. */
void md_escape_url(vita_buf *b, const char *url);

#endif
