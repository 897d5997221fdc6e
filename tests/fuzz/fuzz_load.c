/*
 * Fuzz harness: a whole CV file (YAML or JSON Resume) through the loader and the dump.
 * Covers libyaml → node tree (aliases, depth), encoding checks, normalization, inline Markdown,
 * entry-kind inference, dates, names, JSON Resume mapping.
 */
#include <stdint.h>
#include <stdio.h>

#include "vita.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vita_diags *d = vita_diags_new();
	vita_cv *cv = vita_cv_load_mem("fuzz.yaml", (const char *)data, size, d);
	if (cv) {
		FILE *out = fopen("/dev/null", "w");
		if (out) {
			vita_cv_dump(cv, out);
			fclose(out);
		}
	}
	FILE *sink = fopen("/dev/null", "w");
	if (sink) {
		vita_diags_print(d, sink, false);
		fclose(sink);
	}
	vita_cv_free(cv);
	vita_diags_free(d);
	return 0;
}
