/*
 * Font Awesome 6 Free icons by RenderCV's names: the header's connection icons
 * (design.header.connections.show_icons) and custom_connections[].fontawesome_icon.  The table is
 * generated from the npm package's metadata (scripts/gen_icons.py); the fonts are in fonts/icons/.
 */
#ifndef VITA_ICONS_H
#define VITA_ICONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vita/cv.h"

typedef enum vita_icon_face {
	VITA_ICON_SOLID,   /* "Font Awesome 6 Free", its Solid (bold) face */
	VITA_ICON_REGULAR, /* "Font Awesome 6 Free", its Regular face (outlined) */
	VITA_ICON_BRANDS,  /* "Font Awesome 6 Brands" */
} vita_icon_face;

typedef struct vita_icon {
	const char *name; /* RenderCV's (Font Awesome's) name: "envelope", "github" */
	uint32_t cp;      /* its code point in the font (0: no icon) */
	vita_icon_face face;
} vita_icon;

/* The icon of a Font Awesome name (or one of its aliases); false when the free fonts lack it. */
bool vita_icon_find(const char *name, vita_icon *out);
/* The i-th known name, in order (NULL after the last): for `vita schema`. */
const char *vita_icon_name(size_t i);
/* The known name closest to a misspelled one, or NULL. */
const char *vita_icon_suggest(const char *name);
/* The icon RenderCV draws before a connection (its network's or its custom icon); false for none. */
bool vita_icon_of_connection(const vita_connection *c, vita_icon *out);
/* The font family and whether its bold (Solid) face draws the icon. */
const char *vita_icon_family(const vita_icon *ic, bool *bold);
/* The icon's character as UTF-8 (buf holds at least 5 bytes). */
const char *vita_icon_utf8(const vita_icon *ic, char buf[5]);

#endif
