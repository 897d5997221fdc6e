/*
 * Fuzz harness: the text of a PDF CV through the CV-text reader,
 * the block mapper and the YAML writer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "vita.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/vita-fuzz-cvtext-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	FILE *f = fdopen(fd, "wb");
	fwrite(data, 1, size, f);
	fclose(f);
	vita_diags *d = vita_diags_new();
	const char *paths[] = {path};
	vita_import_opts o = {.from = "cvtext"};
	vita_imported *im = vita_import(paths, 1, &o, d);
	if (im) {
		size_t len;
		free(vita_imported_yaml(im, &len));
	}
	vita_imported_free(im);
	vita_diags_free(d);
	remove(path);
	return 0;
}
