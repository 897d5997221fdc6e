/*
 * Fuzz harness: a font file a user supplies, through everything vita does with font bytes.  The
 * input is written as the only font of a private data folder's fonts/ (a user drops a .ttf or
 * .otf there; fonts/ beside vita's styles), so it becomes the CV's body face: the catalogue reads
 * its name and OS/2 tables, the layout loads it (metrics, embedding permission), measures and
 * shapes a small CV with it (kerning, ligatures, small caps, fake bold and italic), falls back for
 * what it lacks, and the PDF writer subsets it with hb-subset, reads a CFF's charset (pdf/cff.c)
 * and embeds it with its widths and ToUnicode map.  Any input must end in a PDF or in a
 * diagnostic, never in a crash, a hang or a leak.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "style/fonts.h"
#include "vita.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Ink names no family vita has, so the body is the one face in fonts/; its section titles are in
 * small caps and it asks for ligatures.  The text has kerning pairs, ligatures, accents (composed
 * and decomposed), bold and italic, a dash and a character from another script (the fallback). */
static const char cv_text[] =
    "cv:\n"
    "  name: Ada Öffi Lovelace\n"
    "  headline: \"Efficient ﬁnance, AVA Wa To\"\n"
    "  email: ada@example.org\n"
    "  sections:\n"
    "    experience:\n"
    "      - company: Analytical Engines\n"
    "        position: Programmer\n"
    "        start_date: 1842-01\n"
    "        end_date: present\n"
    "        highlights:\n"
    "          - \"**Bold** and *italic* and ***both***, office affluent, 10–20, e\\u0301, Ωμέγα, 漢\"\n"
    "design:\n"
    "  theme: ink\n"
    "  typography:\n"
    "    font_family: Vita Fuzz Face\n";

static char root[] = "/tmp/vita-fuzz-font-XXXXXX";
static char font_path[PATH_MAX + 16];
static char fonts_dir[PATH_MAX];
static char styles[PATH_MAX];
static char cv_label[PATH_MAX + 16]; /* in a folder that does not exist: no fonts/ beside the CV */

static void cleanup(void)
{
	unlink(font_path);
	rmdir(fonts_dir);
	unlink(styles);
	rmdir(root);
}

/* Once per process: the private data folder, its styles/ a link to vita's own. */
static bool setup(void)
{
	static int state; /* 0 not yet, 1 ready, -1 failed */
	if (state)
		return state > 0;
	state = -1;
	vita_env env;
	if (vita_env_from_process(&env, NULL, 0) != 0)
		return false;
	char real_styles[PATH_MAX];
	if (!mkdtemp(root))
		return false;
	atexit(cleanup);
	snprintf(fonts_dir, sizeof fonts_dir, "%s/fonts", root);
	snprintf(styles, sizeof styles, "%s/styles", root);
	snprintf(real_styles, sizeof real_styles, "%s/styles", env.data_dir);
	snprintf(font_path, sizeof font_path, "%s/face.otf", fonts_dir);
	snprintf(cv_label, sizeof cv_label, "%s/cv/fuzz.yaml", root);
	if (mkdir(fonts_dir, 0700) != 0 || symlink(real_styles, styles) != 0)
		return false;
	env.data_dir = root;
	vita_env_set(&env);
	state = 1;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!setup())
		abort(); /* the harness itself cannot run: say so loudly rather than fuzz nothing */
	FILE *f = fopen(font_path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	vita_font_catalogue_forget(fonts_dir); /* the same path holds a new font */

	vita_diags *d = vita_diags_new();
	vita_cv *cv = vita_cv_load_mem(cv_label, cv_text, sizeof cv_text - 1, d);
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
