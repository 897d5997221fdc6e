/*
 * Rendering a CV's variants (settings.variants, issue 16) for `vita build --variants`: the CV as
 * written to its outputs, then each variant to the same paths with "--NAME" before the extension
 * (out/cv.pdf, out/cv--industry.pdf).
 *
 * Each variant is a fresh load of the profile with the variant's selection applied
 * (vita_cv_select_variant), so that no render sees another's selection; the loads repeat the
 * same messages at the same places, which the collector prints once.  Every output of one render
 * is written or none (vita_render_comp); a variant that fails fails the profile.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "vita.h"
#include "vita/compose.h"
#include "vita/cv.h"
#include "vita/schema.h"

char *vita_variant_path(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
	vita_buf b = {0};
	buf_printf(&b, "%.*s--%s%s", (int)stem, path, name, path + stem);
	char *r = xstrdup(buf_str(&b));
	buf_free(&b);
	return r;
}

/* Style, composition and outputs of a loaded CV; 0 on success. */
static int render_cv(const vita_cv *cv, size_t n, const vita_backend *const *b, const char *const *paths,
                     const vita_render_opts *o, vita_diags *d)
{
	vita_style *st = vita_style_load(cv, d);
	int rc = -1;
	if (st && !vita_diags_count(d, VITA_ERROR)) {
		vita_style fitted; /* design.page.fit: a scaled copy of st (fit.c) */
		vita_comp *c = vita_compose(cv, vita_fit_style(cv, st, &fitted, d), d);
		/* a composition with errors (text expanded past its bound) is not rendered */
		rc = vita_diags_count(d, VITA_ERROR) ? -1 : vita_render_comp(c, n, b, paths, o, d);
		vita_comp_free(c);
	}
	vita_style_free(st);
	return rc;
}

/* One variant of in to paths with --NAME; 0 on success. */
static int render_variant(const char *in, const char *name, size_t n, const vita_backend *const *b,
                          const char *const *paths, const vita_render_opts *o, vita_diags *d)
{
	vita_cv *cv = vita_profile_load(in, d);
	int rc = -1;
	if (cv && !vita_diags_count(d, VITA_ERROR) && vita_cv_select_variant(cv, name, d) == 0) {
		char **vpaths = xcalloc(n ? n : 1, sizeof *vpaths);
		for (size_t i = 0; i < n; i++)
			vpaths[i] = vita_variant_path(paths[i], name);
		rc = render_cv(cv, n, b, (const char *const *)vpaths, o, d);
		for (size_t i = 0; i < n; i++)
			free(vpaths[i]);
		free(vpaths);
	}
	vita_cv_free(cv);
	return rc;
}

int vita_render_file_variants(const char *in, size_t n, const vita_backend *const *b, const char *const *paths,
                              const vita_render_opts *o, char ***names, size_t *nnames, vita_diags *d)
{
	if (names) {
		*names = NULL;
		*nnames = 0;
	}
	vita_cv *cv = vita_profile_load(in, d);
	/* vita build names every output itself (OUTDIR/NAME.EXT): a CV does not choose where a batch
	 * writes; vita render honours render_command (src/render/outputs.c). */
	if (cv && cv->settings.render.names_outputs)
		vita_diag(d, VITA_WARNING, cv->settings.render.first,
		          "settings.render_command: output paths and dont_generate_* are ignored by vita build "
		          "(it writes OUTDIR/NAME.pdf; they apply to vita render of this file)");
	int rc = cv && !vita_diags_count(d, VITA_ERROR) ? render_cv(cv, n, b, paths, o, d) : -1;
	if (rc == 0 && names && cv->settings.nvariants) {
		*names = xcalloc(cv->settings.nvariants, sizeof **names);
		for (size_t i = 0; i < cv->settings.nvariants && rc == 0; i++) {
			rc = render_variant(in, cv->settings.variants[i].name, n, b, paths, o, d);
			if (rc == 0)
				(*names)[(*nnames)++] = xstrdup(cv->settings.variants[i].name);
		}
	}
	vita_cv_free(cv);
	return rc == 0 && !vita_diags_count(d, VITA_ERROR) ? 0 : -1;
}

int vita_render_file(const char *in, size_t n, const vita_backend *const *b, const char *const *paths,
                     const vita_render_opts *o, vita_diags *d)
{
	return vita_render_file_variants(in, n, b, paths, o, NULL, NULL, d);
}
