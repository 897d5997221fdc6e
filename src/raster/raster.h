/*
 * The raster backend's interface (src/raster/raster.c, built as vita-raster.so and loaded on
 * demand by src/render/raster_load.c).
 */
#ifndef VITA_RASTER_H
#define VITA_RASTER_H

#include "vita/frame.h"

typedef struct vita_raster_page {
	char *data; /* malloc'd PNG or SVG bytes */
	size_t len;
} vita_raster_page;

/* Draws every page of doc as "png" (at dpi) or "svg" into pages[0 .. doc->npages).  0 on success;
 * err gets a sentence on failure, or a note on success (a photo left out), else "". */
int vita_raster_write(const vita_doc *doc, const char *format, double dpi, vita_raster_page *pages,
                      char *err, size_t errlen);
typedef int (*vita_raster_write_fn)(const vita_doc *, const char *, double, vita_raster_page *, char *, size_t);

#endif
