/*
 * Fuzz harness: the encoding check on raw bytes, then NFC/ligature normalization and mojibake
 * repair on whatever passes it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "normalize/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vita_diags *d = vita_diags_new();
	if (vita_check_encoding("fuzz", (const char *)data, size, d) == 0 && !memchr(data, 0, size)) {
		vita_arena *a = arena_new();
		vita_pos pos = {"fuzz", 1, 1};
		vita_normalize(a, (const char *)data, size, pos, d);
		free(vita_mojibake_repair((const char *)data, size));
		arena_free(a);
	}
	vita_diags_free(d);
	return 0;
}
