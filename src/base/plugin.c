/*
 * vita's own shared objects (vita-raster.so, vita-phone.so), opened with dlopen only when a render
 * needs them, so that their libraries (cairo; libphonenumber with ICU and protobuf) cost nothing to
 * the renders that do not.
 *
 * One rule for where they are: beside the running program (build/vita-raster.so next to build/vita,
 * also from build/tests/), then in the library folder vita was configured with (VITA_LIBDIR, which
 * the installed binary's copy of this file names).  When none opens, `why` says why: the dynamic
 * loader's message for an object that is there but cannot be loaded (its own library missing), else
 * where it was looked for.
 *
 * Also the system libraries opened on first use (vita_dl_bind).
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"

#ifndef VITA_LIBDIR
#define VITA_LIBDIR "/usr/local/lib/vita"
#endif

void *vita_plugin_open(const char *file, char *why, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = 0;
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = 0;
	char cand[3][PATH_MAX + 64];
	snprintf(cand[0], sizeof cand[0], "%s/%s", exe, file);
	snprintf(cand[1], sizeof cand[1], "%s/../%s", exe, file);
	snprintf(cand[2], sizeof cand[2], "%s/%s", VITA_LIBDIR, file);
	char tried[3 * (PATH_MAX + 64) + 8] = "";
	for (int i = 0; i < 3; i++) {
		struct stat st;
		if (stat(cand[i], &st) == 0) {
			void *h = dlopen(cand[i], RTLD_NOW | RTLD_LOCAL);
			if (h)
				return h;
			const char *e = dlerror();
			snprintf(why, size, "%s", e ? e : cand[i]);
			return NULL; /* the object is there: its loader's reason is the one to give */
		}
		size_t k = strlen(tried);
		snprintf(tried + k, sizeof tried - k, "%s%s", k ? ", " : "", cand[i]);
	}
	snprintf(why, size, "looked for %s", tried);
	return NULL;
}

bool vita_dl_bind(const char *soname, const char *const *names, vita_dl_fn *slots, size_t n)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return false;
	for (size_t i = 0; i < n; i++) {
		/* through uintptr_t: ISO C has no conversion from an object pointer to a function's */
		slots[i] = (vita_dl_fn)(uintptr_t)dlsym(h, names[i]);
		if (!slots[i])
			return false; /* the handle stays open: the library may be in use elsewhere */
	}
	return true;
}
