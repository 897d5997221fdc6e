/*
 * Fuzz harness: one text field through inline Markdown parsing (cmark → spans) and back to plain
 * text.  The input is made valid UTF-8 first, as the loader guarantees for real fields.
 */
#include <stdint.h>
#include <stdlib.h>

#include "base/base.h"
#include "load/inline.h"
#include "normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vita_diags *d = vita_diags_new();
	if (vita_check_encoding("fuzz", (const char *)data, size, d) == 0) {
		vita_arena *a = arena_new();
		char *s = xstrndup((const char *)data, size);
		vita_pos pos = {"fuzz", 1, 1};
		vita_span *sp = vita_inline_parse(a, s, pos, d);
		free(vita_spans_plain(sp));
		free(s);
		arena_free(a);
	}
	vita_diags_free(d);
	return 0;
}
