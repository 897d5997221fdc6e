/* STUB — replaced by the CV loader. */
#include "base/base.h"
#include "vita/cv.h"

vita_cv *vita_cv_load(const char *path, vita_diags *d)
{
	vita_pos p = {path, 0, 0};
	vita_diag(d, VITA_ERROR, p, "the loader is not built yet");
	return NULL;
}

vita_cv *vita_cv_load_mem(const char *path, const char *data, size_t len, vita_diags *d)
{
	(void)data; (void)len;
	return vita_cv_load(path, d);
}

void vita_cv_free(vita_cv *cv) { (void)cv; }
void vita_cv_dump(const vita_cv *cv, FILE *out) { (void)cv; (void)out; }
const char *vita_entry_kind_name(vita_entry_kind k) { (void)k; return "?"; }
size_t vita_format_dates(const vita_cv *cv, const vita_entry *e, char *buf, size_t size)
{
	(void)cv; (void)e; if (size) buf[0] = 0; return 0;
}
size_t vita_format_date(const vita_cv *cv, const vita_date *dt, char *buf, size_t size)
{
	(void)cv; (void)dt; if (size) buf[0] = 0; return 0;
}
