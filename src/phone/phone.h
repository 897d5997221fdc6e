/*
 * Phone numbers as RenderCV shows them (design.header.connections.phone_number_format): Google's
 * libphonenumber, whose C++ (with ICU, protobuf and boost behind it) is kept in one shared object,
 * vita-phone.so (vita-phone.cc), that phone.c opens the first time a number is formatted.  This
 * header is the whole interface between the two, plain C on both sides.
 */
#ifndef VITA_PHONE_H
#define VITA_PHONE_H

#include <stddef.h>

#include "vita/style.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What vita_phone_format_number answers. */
enum {
	VITA_PHONE_OK = 0,      /* out holds the number in the format asked */
	VITA_PHONE_UNPARSED,    /* libphonenumber cannot read it (no country code, …) */
	VITA_PHONE_INVALID,     /* read, but no number of its country has that shape; out holds it formatted */
};

/* The function vita-phone.so exports as "vita_phone_format_number": number as written in the CV, format
 * one of vita_phone_format; out gets at most size bytes, NUL-terminated. */
typedef int (*vita_phone_format_number_fn)(const char *number, int format, char *out, size_t size);
int vita_phone_format_number(const char *number, int format, char *out, size_t size);

/* phone.c, in vita: rewrites the text of the phone connections among v[0..n) in format f (in arena
 * a), opening vita-phone.so on the first call that has a number; what cannot be formatted stays as
 * written, with a warning to d. */
void vita_phones_format(vita_connection *v, size_t n, vita_phone_format f, struct vita_arena *a, vita_diags *d);

#ifdef __cplusplus
}
#endif

#endif
