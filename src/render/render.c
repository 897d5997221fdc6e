/*
 * The render driver: one CV file to one or more outputs, through a table of backends.
 *
 * `vita render` and `vita build` both come here.  The CV is loaded and composed once; the layout is
 * made once if any requested backend needs pages; each backend writes its document into memory;
 * only when every output succeeded are they written, each to a temporary file beside its target,
 * and only when every temporary is complete are they renamed into place — so a failing PDF never
 * leaves a new .tex beside a stale PDF.  (Two renames are not atomic as a pair: if vita is killed
 * between them, the first output is new and the second old; both are whole files.)
 */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "io/io.h"
#include "render/zip.h"
#include "vita.h"
#include "vita/compose.h"
#include "vita/cv.h"
#include "vita/frame.h"

static int pdf_write(const vita_comp *c, const vita_doc *doc, const vita_render_opts *o, char **data,
                     size_t *len, vita_diags *d)
{
	(void)c;
	(void)o;
	unsigned char *p = NULL;
	int rc = vita_pdf_write_mem(doc, &p, len, d);
	*data = (char *)p;
	return rc;
}

/* The .tex and the files beside it (its class vita-THEME.cls, fonts/, the photo). */
static int tex_files(const vita_comp *c, const vita_doc *doc, const vita_render_opts *o, vita_output **files,
                     size_t *n, vita_diags *d)
{
	(void)doc;
	vita_latex_opts lo = {.system_fonts = o && o->system_fonts};
	return vita_latex_write_files(c, &lo, files, n, d);
}

static int md_write(const vita_comp *c, const vita_doc *doc, const vita_render_opts *o, char **data,
                    size_t *len, vita_diags *d)
{
	(void)doc;
	(void)o;
	return vita_markdown_write_mem(c, data, len, d);
}

static int html_write(const vita_comp *c, const vita_doc *doc, const vita_render_opts *o, char **data,
                      size_t *len, vita_diags *d)
{
	(void)doc;
	(void)o;
	return vita_html_write_mem(c, data, len, d);
}

static int png_pages(const vita_comp *c, const vita_doc *doc, const vita_render_opts *o, vita_output **pages,
                     size_t *n, vita_diags *d)
{
	(void)c;
	return vita_raster_pages(doc, "png", o && o->dpi > 0 ? o->dpi : 150, pages, n, d);
}

static int svg_pages(const vita_comp *c, const vita_doc *doc, const vita_render_opts *o, vita_output **pages,
                     size_t *n, vita_diags *d)
{
	(void)c;
	(void)o;
	return vita_raster_pages(doc, "svg", 72, pages, n, d);
}

static const vita_backend backends[] = {
    {"pdf", "pdf", "PDF (vita's layout, libharu)", true, pdf_write, NULL, false},
    {"tex", "tex", "LaTeX source (XeLaTeX or LuaLaTeX)", false, NULL, tex_files, false},
    {"markdown", "md", "CommonMark Markdown", false, md_write, NULL, false},
    {"html", "html", "one self-contained HTML page", false, html_write, NULL, false},
    {"png", "png", "a PNG image per page (cairo)", true, NULL, png_pages, false},
    {"svg", "svg", "an SVG image per page (cairo)", true, NULL, svg_pages, false},
    {"zip", "zip", "the LaTeX source with its class, fonts and photo as one .zip (an Overleaf upload)", false, NULL,
     tex_files, true},
};

const vita_backend *vita_backend_find(const char *name_or_ext)
{
	for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++)
		if (strcmp(backends[i].name, name_or_ext) == 0 || strcmp(backends[i].ext, name_or_ext) == 0)
			return &backends[i];
	return NULL;
}

const vita_backend *vita_backend_at(size_t i)
{
	return i < sizeof backends / sizeof backends[0] ? &backends[i] : NULL;
}

const char *vita_backend_exts(void)
{
	return ".pdf, .tex, .md, .html, .png, .svg, .zip";
}

/* Writes every document to its temporary file, then renames them all; nothing is renamed unless
 * every temporary is complete. */
static int write_all(size_t n, const char *const *paths, char **data, const size_t *len, vita_diags *d)
{
	vita_tmpfile *t = xcalloc(n ? n : 1, sizeof *t);
	size_t opened = 0;
	int rc = 0;
	for (; opened < n && rc == 0; opened++) {
		if (tmpfile_open(&t[opened], paths[opened], d) != 0) {
			rc = -1;
			break;
		}
		const char *p = data[opened];
		size_t left = len[opened];
		while (left && rc == 0) {
			ssize_t w = write(t[opened].fd, p, left);
			if (w < 0) {
				vita_diag(d, VITA_ERROR, (vita_pos){paths[opened], 0, 0}, "cannot write: %s", strerror(errno));
				rc = -1;
			} else {
				p += w;
				left -= (size_t)w;
			}
		}
	}
	for (size_t i = 0; i < opened && i < n; i++) {
		if (rc == 0)
			rc = tmpfile_commit(&t[i], d);
		else
			tmpfile_abort(&t[i]);
	}
	free(t);
	return rc;
}

/* A file named relative to PATH's folder ("fonts/NotoSans-Regular.ttf"); its folder is created. */
static char *sibling_path(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = dir + strlen(name) + 1;
	char *r = xmalloc(n);
	snprintf(r, n, "%.*s%s", (int)dir, path, name);
	char *sub = strrchr(r + dir, '/');
	if (sub) {
		*sub = '\0';
		(void)mkdir(r, 0777); /* a failure is reported when the file cannot be opened */
		*sub = '/';
	}
	return r;
}

/* An archive backend's files as one .zip at path: the .tex named after it (cv.zip holds cv.tex). */
static int pack(vita_output **files, size_t *n, const char *path, vita_diags *d)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path, *dot = strrchr(base, '.');
	vita_buf tex = {0};
	buf_printf(&tex, "%.*s.tex", (int)(dot && dot > base ? (size_t)(dot - base) : strlen(base)), base);
	vita_output one = {0};
	int rc = vita_zip_files(*files, *n, buf_str(&tex), vita_env_get()->now, &one.data, &one.len, path, d);
	buf_free(&tex);
	for (size_t i = 0; i < *n; i++) {
		free((*files)[i].data);
		free((*files)[i].name);
	}
	**files = one;
	*n = rc == 0 ? 1 : 0;
	return rc;
}

/* PATH with "-N" before its extension: cv.png, cv-2.png, … */
static char *page_path(const char *path, size_t page)
{
	if (page == 1)
		return xstrdup(path);
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
	size_t n = strlen(path) + 24;
	char *r = xmalloc(n);
	snprintf(r, n, "%.*s-%zu%s", (int)stem, path, page, path + stem);
	return r;
}

/* Whether one of b[from..n) reads the laid-out pages. */
static bool layout_after(const vita_backend *const *b, size_t from, size_t n)
{
	for (size_t i = from; i < n; i++)
		if (b[i]->needs_layout)
			return true;
	return false;
}

int vita_render_comp(const vita_comp *c, size_t n, const vita_backend *const *b, const char *const *paths,
                     const vita_render_opts *o, vita_diags *d)
{
	bool need_layout = false;
	for (size_t i = 0; i < n; i++)
		need_layout |= b[i]->needs_layout;
	vita_doc *doc = need_layout ? vita_layout_comp(c, d) : NULL;
	if (need_layout && (!doc || vita_diags_count(d, VITA_ERROR))) {
		vita_doc_free(doc);
		return -1;
	}
	/* every file to write: a backend's one file, or one per page */
	size_t cap = n + 8, nf = 0;
	char **data = xcalloc(cap, sizeof *data), **fpath = xcalloc(cap, sizeof *fpath);
	size_t *len = xcalloc(cap, sizeof *len);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		vita_output *pages = NULL;
		size_t np = 0;
		if (doc)
			doc->drop_drawn = b[i]->needs_layout && !layout_after(b, i + 1, n);
		if (b[i]->write_pages) {
			rc = b[i]->write_pages(c, doc, o, &pages, &np, d);
			if (rc == 0 && b[i]->archive && np)
				rc = pack(&pages, &np, paths[i], d);
		} else {
			pages = xcalloc(1, sizeof *pages);
			np = 1;
			rc = b[i]->write(c, doc, o, &pages[0].data, &pages[0].len, d);
		}
		for (size_t p = 0; p < np; p++) {
			if (nf == cap) {
				cap *= 2;
				data = xrealloc(data, cap * sizeof *data);
				fpath = xrealloc(fpath, cap * sizeof *fpath);
				len = xrealloc(len, cap * sizeof *len);
			}
			data[nf] = pages[p].data;
			len[nf] = pages[p].len;
			fpath[nf] = pages[p].name ? sibling_path(paths[i], pages[p].name) : page_path(paths[i], p + 1);
			/* a file the outputs of a folder share (the .tex's fonts/): written once, never replaced */
			int fresh = pages[p].shared ? vita_output_shared(fpath[nf], &pages[p], d) : 1;
			if (fresh < 0)
				rc = -1;
			if (fresh <= 0) {
				free(data[nf]);
				free(fpath[nf]);
			} else {
				nf++;
			}
			free(pages[p].name);
		}
		free(pages);
		if (vita_diags_count(d, VITA_ERROR))
			rc = -1;
	}
	if (rc == 0)
		rc = write_all(nf, (const char *const *)fpath, data, len, d);
	for (size_t i = 0; i < nf; i++) {
		free(data[i]);
		free(fpath[i]);
	}
	free(data);
	free(fpath);
	free(len);
	vita_doc_free(doc);
	return rc;
}

/* vita_render_file: src/render/variants.c, with the variants of `vita build --variants`. */
