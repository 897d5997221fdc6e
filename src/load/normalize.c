/* STUB — replaced by the normalization module (utf8proc). */
#include "load/normalize.h"

size_t vita_check_encoding(const char *path, const char *data, size_t len, vita_diags *d)
{
	(void)path; (void)data; (void)len; (void)d;
	return 0;
}

const char *vita_normalize(vita_arena *a, const char *s, size_t len, vita_pos pos, vita_diags *d)
{
	(void)pos; (void)d;
	return arena_strndup(a, s, len);
}

char *vita_mojibake_repair(const char *s, size_t len)
{
	(void)s; (void)len;
	return NULL;
}
