/*
 * The header's connection icons in the HTML backend (icons.c): inline SVG outlines read from
 * fonts/icons/ with HarfBuzz.
 */
#ifndef VITA_HTML_ICONS_H
#define VITA_HTML_ICONS_H

#include <stddef.h>

#include "base/base.h"
#include "vita/compose.h"

/* Writes connection i's icon (an <svg> and a space) when the composition shows one; a font or
 * glyph that cannot be read is a warning at the connection, which is then shown without it. */
void html_connection_icon(vita_buf *b, const vita_comp *c, size_t i, vita_diags *d);

#endif
