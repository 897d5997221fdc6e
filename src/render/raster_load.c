/*
 * The PNG and SVG backends: vita-raster.so (src/raster/, linked with cairo) loaded with dlopen only
 * when a raster output is asked for, so that the PDF path starts no faster or slower for cairo.
 *
 * The object is looked for beside the running program (build/vita-raster.so next to build/vita,
 * also from build/tests/), then in the library folder vita was configured with.  A missing object
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

#ifndef VITA_LIBDIR
#define VITA_LIBDIR "/usr/local/lib/vita"
#endif

static vita_raster_write_fn load(char *tried, size_t size)
{
	static vita_raster_write_fn fn;
	if (fn)
		return fn;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = 0;
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = 0;
	char cand[3][PATH_MAX + 32];
	snprintf(cand[0], sizeof cand[0], "%s/vita-raster.so", exe);
	snprintf(cand[1], sizeof cand[1], "%s/../vita-raster.so", exe);
	snprintf(cand[2], sizeof cand[2], "%s/vita-raster.so", VITA_LIBDIR);
	tried[0] = 0;
	for (int i = 0; i < 3; i++) {
		void *h = dlopen(cand[i], RTLD_NOW | RTLD_LOCAL);
		if (h) {
			fn = (vita_raster_write_fn)(uintptr_t)dlsym(h, "vita_raster_write");
			if (fn)
				return fn; /* kept loaded for the process */
			dlclose(h);
		}
		size_t k = strlen(tried);
		snprintf(tried + k, size - k, "%s%s", k ? ", " : "", cand[i]);
	}
	return NULL;
}

int vita_raster_pages(const vita_doc *doc, const char *format, double dpi, vita_output **pages, size_t *npages,
                      vita_diags *d)
{
	char tried[3 * PATH_MAX + 128];
	vita_raster_write_fn fn = load(tried, sizeof tried);
	*pages = NULL;
	*npages = 0;
	if (!fn) {
		vita_diag(d, VITA_ERROR, (vita_pos){0},
		          "PNG and SVG need vita's raster backend (vita-raster.so, built with cairo), which is not "
		          "installed: looked for %s",
		          tried);
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
