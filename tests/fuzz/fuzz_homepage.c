/*
 * Fuzz harness: a homepage (Markdown with front matter, Liquid and inline HTML) through the
 * homepage reader, the block mapper and the YAML writer.
 * The written YAML must load back with no error (else abort: a bug of the writer or a reader).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "vita.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/vita-fuzz-home-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	FILE *f = fdopen(fd, "wb");
	fwrite(data, 1, size, f);
	fclose(f);
	vita_diags *d = vita_diags_new();
	const char *paths[] = {path};
	vita_import_opts o = {.from = "homepage"};
	vita_imported *im = vita_import(paths, 1, &o, d);
	if (im) {
		size_t len;
		char *yaml = vita_imported_yaml(im, &len);
		vita_diags *d2 = vita_diags_new();
		vita_cv *back = vita_cv_load_mem("imported.yaml", yaml, len, d2);
		if (!back || vita_diags_count(d2, VITA_ERROR)) {
			vita_diags_print(d2, stderr, false);
			abort();
		}
		vita_cv_free(back);
		vita_diags_free(d2);
		free(yaml);
	}
	vita_imported_free(im);
	vita_diags_free(d);
	remove(path);
	return 0;
}
