/*
 * The composition's side of phone formats: opens vita-phone.so (vita-phone.cc, libphonenumber) the
 * first time a CV's phone number is to be shown — once per process, for every thread of a batch —
 * and writes each number as design.header.connections.phone_number_format asks.  A number it cannot
 * format is shown as written, never dropped: a warning at the number says why, and one warning per
 * render says why when the object or its library cannot be loaded.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "base/base.h"
#include "phone/phone.h"
#include "vita/compose.h"

static struct {
	pthread_once_t once;
	vita_phone_format_number_fn fn;
	char why[4096];
} lib = {PTHREAD_ONCE_INIT, NULL, ""};

static void lib_open(void)
{
	void *h = vita_plugin_open("vita-phone.so", lib.why, sizeof lib.why);
	if (!h)
		return;
	lib.fn = (vita_phone_format_number_fn)(uintptr_t)dlsym(h, "vita_phone_format_number");
	if (!lib.fn)
		snprintf(lib.why, sizeof lib.why, "vita-phone.so has no vita_phone_format_number");
	/* kept loaded for the process */
}

/* One number: its formatted text in the arena, or the text as written with a warning. */
static const char *shown(const vita_connection *c, vita_phone_format f, struct vita_arena *a, vita_diags *d)
{
	char out[128];
	int r = lib.fn(c->text, (int)f, out, sizeof out);
	if (r == VITA_PHONE_OK)
		return arena_strdup(a, out);
	if (r == VITA_PHONE_UNPARSED)
		vita_diag(d, VITA_WARNING, c->pos,
		          "phone number \"%s\" is shown as written: libphonenumber cannot read it (write it with "
		          "its country code, e.g. \"+1 609 555 0100\")",
		          c->text);
	else
		vita_diag(d, VITA_WARNING, c->pos,
		          "phone number \"%s\" is shown as written: libphonenumber knows no number of this shape "
		          "in its country (RenderCV refuses it)",
		          c->text);
	return c->text;
}

void vita_phones_format(vita_connection *v, size_t n, vita_phone_format f, struct vita_arena *a, vita_diags *d)
{
	bool any = false;
	for (size_t i = 0; i < n && !any; i++)
		any = v[i].kind == VITA_CONN_PHONE && v[i].text;
	if (!any)
		return;
	pthread_once(&lib.once, lib_open);
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind != VITA_CONN_PHONE || !v[i].text)
			continue;
		if (!lib.fn) {
			vita_diag(d, VITA_WARNING, v[i].pos,
			          "phone numbers are shown as written (design.header.connections.phone_number_format "
			          "needs vita-phone.so, with libphonenumber): %s",
			          lib.why);
			return;
		}
		v[i].text = shown(&v[i], f, a, d);
	}
}
