/*
 * Fuzz harness: the readers of a site's parts — al-folio's _data/cv.yml (legacy and RenderCV
 * shapes), a JSON Resume, an academicpages _publications/ or _talks/ item, a Hugo Blox author
 * profile or publication page — through vita import and the YAML writer.  The first byte of the
 * input picks the reader (its value modulo 6: "0" al-folio, "1" JSON Resume, "2" a publication
 * item, "3" a Hugo author, "4" a talk item, "5" a Hugo publication), the rest is the file.  The written
 * YAML must load back with no error (else abort: a bug of the writer or a reader).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vita.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = {"alfolio-cv", "jsonresume", "collection", "hugo-author", "collection",
	                                     "hugo-publication"};
	if (size < 1)
		return 0;
	unsigned pick = data[0] % 6;
	/* a talk item is told by its folder when its front matter names no collection */
	char dir[] = "/tmp/vita-fuzz-site-XXXXXX";
	if (!mkdtemp(dir))
		return 0;
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, pick == 4 ? "_talks.md" : "part");
	FILE *f = fopen(path, "wb");
	if (!f) {
		remove(dir);
		return 0;
	}
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	vita_diags *d = vita_diags_new();
	const char *paths[] = {path};
	vita_import_opts o = {.from = formats[pick]};
	vita_imported *im = vita_import(paths, 1, &o, d);
	if (im) {
		size_t len;
		char *yaml = vita_imported_yaml(im, &len);
		vita_diags *d2 = vita_diags_new();
		vita_cv *back = vita_cv_load_mem("imported.yaml", yaml, len, d2);
		if (!back || vita_diags_count(d2, VITA_ERROR)) {
			fwrite(yaml, 1, len, stderr);
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
	remove(dir);
	return 0;
}
