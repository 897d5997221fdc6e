/*
 * Fuzz harness: a CV file through the whole PDF pipeline in memory — load, style, layout (fonts,
 * shaping, line breaking, pagination) and the libharu writer.
 */
#include <stdint.h>
#include <stdlib.h>

#include "vita.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vita_diags *d = vita_diags_new();
	vita_cv *cv = vita_cv_load_mem("fuzz.yaml", (const char *)data, size, d);
	vita_style *st = cv && !vita_diags_count(d, VITA_ERROR) ? vita_style_load(cv, d) : NULL;
	vita_doc *doc = st && !vita_diags_count(d, VITA_ERROR) ? vita_layout(cv, st, d) : NULL;
	if (doc && !vita_diags_count(d, VITA_ERROR)) {
		unsigned char *pdf = NULL;
		size_t len = 0;
		if (vita_pdf_write_mem(doc, &pdf, &len, d) == 0)
			free(pdf);
	}
	vita_doc_free(doc);
	vita_style_free(st);
	vita_cv_free(cv);
	vita_diags_free(d);
	return 0;
}
