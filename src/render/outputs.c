/*
 * Where `vita render` writes: the files of one render, decided once the CV is loaded.
 *
 * `-o OUT` (or `--format` with it) names one file and wins over everything, as RenderCV's command
 * line wins over its file.  Without it vita follows RenderCV: `settings.render_command` (its
 * `output_folder`, `pdf_path`, `markdown_path`, `html_path`, `png_path` with RenderCV's
 * placeholders, and the `dont_generate_*` switches), whose defaults give RenderCV's
 * `rendercv_output/NAME_IN_SNAKE_CASE_CV.pdf` beside the CV.  One difference on purpose: vita
 * writes the PDF by default and Markdown, HTML or PNG only when the CV (or the command line) names
 * their path — four files per save would make every render four times slower.  vita writes no
 * Typst, so `typst_path` is refused with a warning naming `.tex`.  The folders an output needs
 * are created, and removed again if the render fails (they were empty: nothing is left behind).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "base/base.h"
#include "render/cli.h"
#include "vita.h"
#include "vita/cv.h"

/* ---- RenderCV's file-name placeholders ---- */

typedef enum { AS_IS, LOWER, UPPER } name_case;

static void put_name(vita_buf *b, const char *name, char sep, name_case nc)
{
	utf8proc_int32_t cp;
	for (const char *p = name; *p;) {
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
		if (l <= 0)
			break;
		p += l;
		if (cp == ' ')
			cp = (utf8proc_int32_t)sep;
		else if (cp == '/' || cp < 0x20 || cp == 0x7F)
			cp = '_'; /* a name never makes a folder, nor a control character in a file name */
		else if (nc == LOWER)
			cp = utf8proc_tolower(cp);
		else if (nc == UPPER)
			cp = utf8proc_toupper(cp);
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
		buf_put(b, enc, (size_t)n);
	}
}

/* Substitutes RenderCV's placeholders in a file name (longest names first, so that NAME does not
 * eat NAME_IN_SNAKE_CASE). */
static void substitute(vita_buf *b, const char *s, const vita_cv *cv, const char *name)
{
	static const struct {
		const char *ph;
		char sep;
		name_case nc;
	} names[] = {{"NAME_IN_LOWER_SNAKE_CASE", '_', LOWER}, {"NAME_IN_UPPER_SNAKE_CASE", '_', UPPER},
	             {"NAME_IN_LOWER_KEBAB_CASE", '-', LOWER}, {"NAME_IN_UPPER_KEBAB_CASE", '-', UPPER},
	             {"NAME_IN_SNAKE_CASE", '_', AS_IS},       {"NAME_IN_KEBAB_CASE", '-', AS_IS},
	             {"NAME", ' ', AS_IS}};
	const vita_date *t = &cv->settings.current_date;
	int m = t->month >= 1 && t->month <= 12 ? t->month : 1;
	char num[8][16];
	snprintf(num[0], sizeof num[0], "%d", t->year);
	snprintf(num[1], sizeof num[1], "%02d", t->year % 100);
	snprintf(num[2], sizeof num[2], "%d", m);
	snprintf(num[3], sizeof num[3], "%02d", m);
	snprintf(num[4], sizeof num[4], "%d", t->day);
	snprintf(num[5], sizeof num[5], "%02d", t->day);
	const struct {
		const char *ph, *val;
	} dates[] = {{"MONTH_ABBREVIATION", cv->locale.month_abbreviations[m - 1]},
	             {"MONTH_IN_TWO_DIGITS", num[3]},
	             {"MONTH_NAME", cv->locale.month_names[m - 1]},
	             {"DAY_IN_TWO_DIGITS", num[5]},
	             {"YEAR_IN_TWO_DIGITS", num[1]},
	             {"MONTH", num[2]},
	             {"YEAR", num[0]},
	             {"DAY", num[4]}};
	while (*s) {
		size_t i, l = 0;
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strncmp(s, names[i].ph, l = strlen(names[i].ph)) == 0)
				break;
		if (i < sizeof names / sizeof names[0]) {
			put_name(b, name, names[i].sep, names[i].nc);
			s += l;
			continue;
		}
		for (i = 0; i < sizeof dates / sizeof dates[0]; i++)
			if (strncmp(s, dates[i].ph, l = strlen(dates[i].ph)) == 0)
				break;
		if (i < sizeof dates / sizeof dates[0]) {
			put_name(b, dates[i].val ? dates[i].val : "", ' ', AS_IS);
			s += l;
			continue;
		}
		buf_put(b, s++, 1);
	}
}

/* A render_command path → the file: OUTPUT_FOLDER (a whole component) becomes the folder,
 * placeholders are replaced in the file name, a relative result is relative to the CV's folder. */
static char *resolve(const char *tmpl, const char *folder, const char *cvdir, const vita_cv *cv,
                     const char *name)
{
	vita_buf p = {0}, b = {0};
	const char *rest = tmpl;
	for (const char *c = tmpl; c;) {
		const char *e = strchr(c, '/');
		size_t n = e ? (size_t)(e - c) : strlen(c);
		if (n == 13 && strncmp(c, "OUTPUT_FOLDER", 13) == 0) {
			buf_printf(&p, "%s", folder);
			rest = c + n;
			break;
		}
		c = e ? e + 1 : NULL;
	}
	if (rest == tmpl)
		buf_printf(&p, "%s", tmpl);
	else
		buf_printf(&p, "%s", rest);
	const char *whole = buf_str(&p), *slash = strrchr(whole, '/');
	if (whole[0] != '/' && *cvdir)
		buf_printf(&b, "%s/", cvdir);
	if (slash)
		buf_put(&b, whole, (size_t)(slash - whole + 1));
	substitute(&b, slash ? slash + 1 : whole, cv, name);
	buf_free(&p);
	char *r = xstrdup(buf_str(&b));
	buf_free(&b);
	return r;
}

static char *cv_folder(const char *in)
{
	const char *slash = strrchr(in, '/');
	if (!slash)
		return xstrdup("");
	if (slash == in)
		return xstrdup("/");
	char *r = xmalloc((size_t)(slash - in) + 1);
	memcpy(r, in, (size_t)(slash - in));
	r[slash - in] = 0;
	return r;
}

/* The owner's name for NAME…, or the CV file's name without its extension when there is none. */
static char *owner_name(const vita_cv *cv, const char *in)
{
	char *s = cv->name.spans ? vita_spans_plain(cv->name.spans) : NULL;
	if (s && *s)
		return s;
	free(s);
	const char *base = strrchr(in, '/') ? strrchr(in, '/') + 1 : in;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	char *r = xmalloc(n + 1);
	memcpy(r, base, n);
	r[n] = 0;
	return r;
}

static void plan_add(vita_output_plan *p, const char *format, char *path)
{
	p->be[p->n] = vita_backend_find(format);
	p->path[p->n++] = path;
}

int vita_output_plan_make(const vita_cv *cv, const char *in, const vita_backend *only, vita_output_plan *p,
                          vita_diags *d)
{
	const vita_render_command *rc = &cv->settings.render;
	memset(p, 0, sizeof *p);
	char *dir = cv_folder(in), *name = owner_name(cv, in);
	/* relative to the CV's folder, like every path of render_command (resolve adds the folder) */
	const char *rel_folder = rc->output_folder ? rc->output_folder : "rendercv_output";
	const struct {
		const char *format, *tmpl;
		bool skip, needs_path;
	} f[] = {{"pdf", rc->pdf_path, rc->dont_pdf || rc->dont_typst, false},
	         {"markdown", rc->markdown_path, rc->dont_markdown, true},
	         {"html", rc->html_path, rc->dont_html || rc->dont_markdown, true},
	         {"png", rc->png_path, rc->dont_png || rc->dont_typst, true}};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		const vita_backend *be = vita_backend_find(f[i].format);
		if (only ? be != only : f[i].skip || (f[i].needs_path && !f[i].tmpl))
			continue;
		vita_buf t = {0};
		if (f[i].tmpl)
			buf_printf(&t, "%s", f[i].tmpl);
		else
			buf_printf(&t, "OUTPUT_FOLDER/NAME_IN_SNAKE_CASE_CV.%s", be->ext);
		plan_add(p, f[i].format, resolve(buf_str(&t), rel_folder, dir, cv, name));
		buf_free(&t);
	}
	if (only && !p->n) { /* tex, svg or zip: RenderCV has no path for them */
		vita_buf t = {0};
		buf_printf(&t, "OUTPUT_FOLDER/NAME_IN_SNAKE_CASE_CV.%s", only->ext);
		plan_add(p, only->name, resolve(buf_str(&t), rel_folder, dir, cv, name));
		buf_free(&t);
	}
	if (rc->typst_path && !rc->dont_typst)
		vita_diag(d, VITA_WARNING, rc->typst_pos, "settings.render_command.typst_path: vita writes no Typst "
		          "source; it is not written (an editable source: -o FILE.tex)");
	free(dir);
	free(name);
	if (!p->n) {
		vita_diag(d, VITA_ERROR, rc->first.line ? rc->first : (vita_pos){in, 0, 0},
		          "settings.render_command: every output is turned off (dont_generate_*); nothing to write");
		return -1;
	}
	return 0;
}

void vita_output_plan_free(vita_output_plan *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->path[i]);
	for (size_t i = 0; i < p->ncreated; i++)
		free(p->created[i]);
	memset(p, 0, sizeof *p);
}

/* ---- folders ---- */

int vita_output_dirs_make(vita_output_plan *p, vita_diags *d)
{
	for (size_t i = 0; i < p->n; i++) {
		char *path = xstrdup(p->path[i]);
		for (char *s = path + 1; (s = strchr(s, '/')) != NULL; s++) {
			*s = 0;
			struct stat st;
			if (stat(path, &st) != 0) {
				if (mkdir(path, 0777) != 0) {
					vita_diag(d, VITA_ERROR, (vita_pos){p->path[i], 0, 0}, "cannot create the folder `%s`: %s",
					          path, strerror(errno));
					free(path);
					return -1;
				}
				if (p->ncreated < sizeof p->created / sizeof p->created[0])
					p->created[p->ncreated++] = xstrdup(path);
			} else if (!S_ISDIR(st.st_mode)) {
				vita_diag(d, VITA_ERROR, (vita_pos){p->path[i], 0, 0},
				          "cannot create the folder `%s`: a file of that name is in the way", path);
				free(path);
				return -1;
			}
			*s = '/';
		}
		free(path);
	}
	return 0;
}

void vita_output_dirs_undo(vita_output_plan *p)
{
	while (p->ncreated) {
		p->ncreated--;
		rmdir(p->created[p->ncreated]); /* only when still empty */
		free(p->created[p->ncreated]);
	}
}
