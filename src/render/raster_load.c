/*
 * The PNG and SVG backends: vita-raster.so (src/raster/, linked with cairo) loaded with dlopen only
 * when a raster output is asked for, so that the PDF path starts no faster or slower for cairo.
 *
 * The object is found as vita's other shared objects are (src/base/plugin.c).  A missing object
 * is an error naming where it was looked for.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "raster/raster.h"
#include "vita.h"

static vita_raster_write_fn load(char *why, size_t size)
{
	static vita_raster_write_fn fn;
	if (fn)
		return fn;
	void *h = vita_plugin_open("vita-raster.so", why, size);
	if (!h)
		return NULL;
	fn = (vita_raster_write_fn)(uintptr_t)dlsym(h, "vita_raster_write");
	if (!fn) {
		snprintf(why, size, "vita-raster.so has no vita_raster_write");
		dlclose(h);
	}
	return fn; /* kept loaded for the process */
}

int vita_raster_pages(const vita_doc *doc, const char *format, double dpi, vita_output **pages, size_t *npages,
                      vita_diags *d)
{
	char why[3 * PATH_MAX + 256];
	vita_raster_write_fn fn = load(why, sizeof why);
	*pages = NULL;
	*npages = 0;
	if (!fn) {
		vita_diag(d, VITA_ERROR, (vita_pos){0},
		          "PNG and SVG need vita's raster backend (vita-raster.so, built with cairo), which cannot "
		          "be loaded: %s",
		          why);
		return -1;
	}
	vita_raster_page *p = xcalloc(doc->npages ? doc->npages : 1, sizeof *p);
	char err[300] = "";
	int rc = fn(doc, format, dpi, p, err, sizeof err);
	if (rc != 0) {
		vita_diag(d, VITA_ERROR, (vita_pos){0}, "%s", err);
		for (size_t i = 0; i < doc->npages; i++)
			free(p[i].data);
		free(p);
		return -1;
	}
	if (*err)
		vita_diag(d, VITA_WARNING, (vita_pos){0}, "%s", err);
	*pages = xcalloc(doc->npages ? doc->npages : 1, sizeof **pages);
	for (size_t i = 0; i < doc->npages; i++) {
		(*pages)[i].data = p[i].data;
		(*pages)[i].len = p[i].len;
	}
	*npages = doc->npages;
	free(p);
	return 0;
}
