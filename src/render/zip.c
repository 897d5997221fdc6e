/*
 * A backend's files as one .zip archive, through libzip: `vita render cv.yaml -o cv.zip` (or
 * `--zip` beside a .tex) writes the .tex, its class vita-THEME.cls, fonts/ and the photo in one file, the upload
 * Overleaf takes as a new project.
 *
 * libzip (and libcrypto and libbz2 behind it) is opened on first use, as libxml2 and fontconfig
 * are: a PDF render does not load it.  The archive is made in memory, so the driver writes it like
 * any other output (a temporary beside the target, renamed when every output is complete), and
 * every entry carries the same time (the render's: SOURCE_DATE_EPOCH when set) so that two runs
 * write the same bytes.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "base/base.h"
#include "render/zip.h"

static struct {
	zip_source_t *(*buffer_create)(const void *, zip_uint64_t, int, zip_error_t *);
	zip_t *(*open_from_source)(zip_source_t *, int, zip_error_t *);
	zip_source_t *(*buffer)(zip_t *, const void *, zip_uint64_t, int);
	zip_int64_t (*file_add)(zip_t *, const char *, zip_source_t *, zip_flags_t);
	int (*set_mtime)(zip_t *, zip_uint64_t, time_t, zip_flags_t);
	int (*set_compression)(zip_t *, zip_uint64_t, zip_int32_t, zip_uint32_t);
	int (*close)(zip_t *);
	void (*discard)(zip_t *);
	const char *(*strerror)(zip_t *);
	void (*keep)(zip_source_t *);
	int (*src_open)(zip_source_t *);
	zip_int64_t (*src_read)(zip_source_t *, void *, zip_uint64_t);
	int (*src_close)(zip_source_t *);
	void (*src_free)(zip_source_t *);
	int (*src_stat)(zip_source_t *, zip_stat_t *);
	void (*stat_init)(zip_stat_t *);
	void (*error_init)(zip_error_t *);
	const char *(*error_strerror)(zip_error_t *);
	void (*error_fini)(zip_error_t *);
	bool ok;
} Z;

static pthread_once_t zip_once = PTHREAD_ONCE_INIT;

#define SYM(field, name) (*(void **)(&Z.field) = dlsym(h, name), Z.field != NULL)

static void zip_init(void)
{
	void *h = dlopen("libzip.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return;
	Z.ok = SYM(buffer_create, "zip_source_buffer_create") && SYM(open_from_source, "zip_open_from_source") &&
	       SYM(buffer, "zip_source_buffer") && SYM(file_add, "zip_file_add") &&
	       SYM(set_mtime, "zip_file_set_mtime") && SYM(set_compression, "zip_set_file_compression") &&
	       SYM(close, "zip_close") && SYM(discard, "zip_discard") && SYM(strerror, "zip_strerror") &&
	       SYM(keep, "zip_source_keep") && SYM(src_open, "zip_source_open") && SYM(src_read, "zip_source_read") &&
	       SYM(src_close, "zip_source_close") && SYM(src_free, "zip_source_free") &&
	       SYM(src_stat, "zip_source_stat") && SYM(stat_init, "zip_stat_init") &&
	       SYM(error_init, "zip_error_init") && SYM(error_strerror, "zip_error_strerror") &&
	       SYM(error_fini, "zip_error_fini");
}

/* The entries, each from its buffer (libzip reads them when the archive is closed). */
static bool add_entries(zip_t *za, const vita_output *files, size_t n, const char *tex_name, time_t when,
                        const char **why)
{
	for (size_t i = 0; i < n; i++) {
		const char *name = files[i].name ? files[i].name : tex_name;
		zip_source_t *s = Z.buffer(za, files[i].data, files[i].len, 0);
		zip_int64_t k = s ? Z.file_add(za, name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (k < 0) {
			Z.src_free(s);
			*why = Z.strerror(za);
			return false;
		}
		if (Z.set_mtime(za, (zip_uint64_t)k, when, 0) != 0 ||
		    Z.set_compression(za, (zip_uint64_t)k, ZIP_CM_DEFLATE, 0) != 0) {
			*why = Z.strerror(za);
			return false;
		}
	}
	return true;
}

/* The archive's bytes, read back from the memory source it was closed into. */
static char *read_back(zip_source_t *src, size_t *len)
{
	zip_stat_t st;
	Z.stat_init(&st);
	if (Z.src_stat(src, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) || Z.src_open(src) != 0)
		return NULL;
	char *data = xmalloc(st.size ? (size_t)st.size : 1);
	zip_int64_t got = Z.src_read(src, data, st.size);
	Z.src_close(src);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(data);
		return NULL;
	}
	*len = (size_t)st.size;
	return data;
}

int vita_zip_files(const vita_output *files, size_t n, const char *tex_name, long long when, char **data,
                   size_t *len, const char *path, vita_diags *d)
{
	pthread_once(&zip_once, zip_init);
	vita_pos at = {path, 0, 0};
	if (!Z.ok) {
		vita_diag(d, VITA_ERROR, at, "cannot write a .zip: libzip (Debian's libzip4) is not installed");
		return -1;
	}
	zip_error_t ze;
	Z.error_init(&ze);
	zip_source_t *src = Z.buffer_create(NULL, 0, 0, &ze);
	zip_t *za = src ? Z.open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	const char *why = NULL;
	if (!za) {
		vita_diag(d, VITA_ERROR, at, "cannot make the archive: %s", Z.error_strerror(&ze));
		Z.src_free(src);
		Z.error_fini(&ze);
		return -1;
	}
	Z.keep(src); /* it holds the archive after zip_close */
	/* the zip format's times start in 1980 */
	time_t t = when < 315532800 ? (time_t)315532800 : (time_t)when;
	bool ok = add_entries(za, files, n, tex_name, t, &why);
	if (ok && Z.close(za) != 0) {
		why = Z.strerror(za);
		ok = false;
	}
	if (!ok) {
		vita_diag(d, VITA_ERROR, at, "cannot make the archive: %s", why ? why : "out of memory");
		Z.discard(za);
	}
	*data = ok ? read_back(src, len) : NULL;
	if (ok && !*data)
		vita_diag(d, VITA_ERROR, at, "cannot read the archive back from memory");
	Z.src_free(src);
	Z.error_fini(&ze);
	return *data ? 0 : -1;
}
