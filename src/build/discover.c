/*
 * Finding the profiles `vita build` renders and naming their outputs.
 *
 * The list must be the same on every machine and every run, because shards are slices of it and
 * because output names must not depend on the order a directory happens to be read in: it is
 * sorted by path in byte order.  Two profiles whose outputs would have the same name (a.yaml and
 * a.json, or two folders each with a jane.yaml) are an error found before anything is rendered,
 * rather than one silently overwriting the other.  A site folder (_config.yml or config/_default/)
 * is one profile: it is not walked into, so its posts, pages and data files are not profiles.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "build/batch.h"
#include "io/io.h"
#include "vita/style.h"

static vita_pos at(const char *path)
{
	vita_pos p = {path, 0, 0};
	return p;
}

void build_list_free(build_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].input);
		free(l->v[i].stem);
		free(l->v[i].out_pdf);
		free(l->v[i].out_tex);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The extension starts at the last dot of the file name, unless that dot opens the name. */
static const char *extension(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && dot != name ? dot : NULL;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static bool is_json(const char *name)
{
	const char *e = extension(name);
	return e && strcasecmp(e, ".json") == 0;
}

bool build_is_profile_name(const char *name)
{
	const char *e = extension(name);
	return e && (strcasecmp(e, ".yaml") == 0 || strcasecmp(e, ".yml") == 0 ||
	             strcasecmp(e, ".json") == 0);
}

char *build_stem(const char *path)
{
	const char *b = base_name(path), *e = extension(b);
	return e ? xstrndup(b, (size_t)(e - b)) : xstrdup(b);
}

static void add(build_list *l, char *path, const struct stat *st)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	build_job *j = &l->v[l->n++];
	memset(j, 0, sizeof *j);
	j->input = path;
	j->stem = build_stem(path);
	j->dev = st->st_dev;
	j->ino = st->st_ino;
}

/* A site folder is one profile, named after the folder ("ana.github.io" keeps its dots). */
static void add_site(build_list *l, const char *path, const struct stat *st)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	char *p = xstrndup(path, n);
	add(l, p, st);
	free(l->v[l->n - 1].stem);
	l->v[l->n - 1].stem = xstrdup(base_name(p));
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	vita_buf b = {0};
	buf_put(&b, dir, n);
	if (n && dir[n - 1] != '/')
		buf_putc(&b, '/');
	buf_puts(&b, name);
	return buf_take(&b);
}

/* The folders given to build_discover, resolved: a profile reached through a symbolic link must
 * resolve inside one of them (S4), or a group's member could link another's private file (or
 * /etc/shadow) into the tree and get it printed in an error excerpt. */
typedef struct roots {
	char **v;
	size_t n;
} roots;

static bool inside_roots(const roots *r, const char *real)
{
	for (size_t i = 0; i < r->n; i++) {
		size_t n = strlen(r->v[i]);
		if (strncmp(real, r->v[i], n) == 0 && (real[n] == '/' || (n == 1 && r->v[i][0] == '/')))
			return true;
	}
	return false;
}

/* A symbolic link to a profile is followed only when it stays inside the roots. */
static bool link_allowed(const roots *r, const char *path, vita_diags *d)
{
	char *real = realpath(path, NULL);
	bool ok = real && inside_roots(r, real);
	free(real);
	if (!ok)
		vita_diag(d, VITA_WARNING, at(path),
		          "is a symbolic link to a file outside the folders given; skipped");
	return ok;
}

static size_t walk(build_list *l, const char *dir, const roots *r, vita_diags *d)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		vita_diag(d, VITA_ERROR, at(dir), "cannot read folder: %s", strerror(errno));
		return 1;
	}
	size_t errors = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		/* Hidden entries: ".", "..", version-control folders, and writers' temporary files. */
		if (e->d_name[0] == '.')
			continue;
		char *path = join(dir, e->d_name);
		struct stat lst, st;
		if (lstat(path, &lst) != 0) {
			vita_diag(d, VITA_ERROR, at(path), "cannot stat: %s", strerror(errno));
			errors++;
			free(path);
			continue;
		}
		if (S_ISDIR(lst.st_mode) && vita_profile_is_site(path)) {
			add_site(l, path, &lst); /* its posts, pages and data are parts, not profiles */
			free(path);
			continue;
		}
		if (S_ISDIR(lst.st_mode)) {
			errors += walk(l, path, r, d);
			free(path);
			continue;
		}
		bool named = build_is_profile_name(e->d_name);
		bool found = named && stat(path, &st) == 0;
		if (found && S_ISREG(st.st_mode) && !is_json(e->d_name) && vita_is_style_file(path)) {
			free(path); /* a custom theme or a split design file beside the CVs, not a profile */
			continue;
		}
		if (found && S_ISREG(st.st_mode) && (!S_ISLNK(lst.st_mode) || link_allowed(r, path, d))) {
			add(l, path, &st); /* a symbolic link to a file is followed; to a folder it is not */
			continue;
		}
		/* A profile's name on something that is not a regular file (a FIFO, a device, a link
		 * that is dangling or loops) is not passed over silently. */
		if (named && !(found && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))))
			vita_diag(d, VITA_WARNING, at(path), "is not a regular file (%s); skipped",
			          found ? "a device, pipe or socket" : "a symbolic link that leads nowhere or loops");
		free(path);
	}
	closedir(dp);
	return errors;
}

static int cmp_input(const void *a, const void *b)
{
	const build_job *x = a, *y = b;
	return strcmp(x->input, y->input);
}

static bool same_identity(const build_job *x, const build_job *y)
{
	return x->dev == y->dev && x->ino == y->ino && strcmp(x->stem, y->stem) == 0;
}

/* By identity, then path, so that the first of a run of duplicates is the first in path order. */
static int cmp_identity(const void *a, const void *b)
{
	const build_job *x = *(const build_job *const *)a, *y = *(const build_job *const *)b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	int c = strcmp(x->stem, y->stem);
	return c ? c : strcmp(x->input, y->input);
}

size_t build_discover(build_list *l, const char *const *paths, size_t npaths, vita_diags *d)
{
	size_t errors = 0;
	roots r = {xcalloc(npaths ? npaths : 1, sizeof *r.v), 0};
	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode) && (r.v[r.n] = realpath(paths[i], NULL)))
			r.n++;
	}
	for (size_t i = 0; i < npaths; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			vita_diag(d, VITA_ERROR, at(paths[i]), "%s", strerror(errno));
			errors++;
		} else if (S_ISDIR(st.st_mode) && vita_profile_is_site(paths[i])) {
			add_site(l, paths[i], &st);
		} else if (S_ISDIR(st.st_mode)) {
			errors += walk(l, paths[i], &r, d);
		} else {
			/* A file named explicitly is taken whatever its extension; the loader judges it. */
			add(l, xstrdup(paths[i]), &st);
		}
	}
	for (size_t i = 0; i < r.n; i++)
		free(r.v[i]);
	free(r.v);
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, cmp_input);
	/* The same file reached twice ("content/" and "content/a.yaml", or through "./") renders
	 * once: among the entries with one identity and stem, the first in path order is kept. */
	if (l->n > 1) {
		build_job **by = xmalloc(l->n * sizeof *by);
		for (size_t i = 0; i < l->n; i++)
			by[i] = &l->v[i];
		qsort(by, l->n, sizeof *by, cmp_identity);
		for (size_t i = 1; i < l->n; i++)
			if (same_identity(by[i - 1], by[i])) {
				free(by[i]->input);
				by[i]->input = NULL; /* marks it dropped; its stem is kept for the next compare */
			}
		free(by);
	}
	size_t kept = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].input)
			l->v[kept++] = l->v[i];
		else
			free(l->v[i].stem);
	}
	l->n = kept;
	return errors;
}

static int cmp_stem_ptr(const void *a, const void *b)
{
	const build_job *x = *(const build_job *const *)a, *y = *(const build_job *const *)b;
	int c = strcmp(x->stem, y->stem);
	return c ? c : strcmp(x->input, y->input);
}

size_t build_check_stems(const build_list *l, vita_diags *d)
{
	if (l->n < 2)
		return 0;
	const build_job **by = xmalloc(l->n * sizeof *by);
	for (size_t i = 0; i < l->n; i++)
		by[i] = &l->v[i];
	qsort(by, l->n, sizeof *by, cmp_stem_ptr);
	size_t clashes = 0;
	for (size_t i = 0; i < l->n;) {
		size_t j = i + 1;
		while (j < l->n && strcmp(by[j]->stem, by[i]->stem) == 0)
			j++;
		if (j - i > 1) {
			clashes++;
			vita_buf names = {0};
			for (size_t k = i; k < j; k++)
				buf_printf(&names, "%s%s", k > i ? (k + 1 == j ? " and " : ", ") : "", by[k]->input);
			vita_diag(d, VITA_ERROR, at(by[i]->input),
			          "%s would %s be written as '%s.*'; rename %s (nothing was rendered)",
			          buf_str(&names), j - i == 2 ? "both" : "all", by[i]->stem,
			          j - i == 2 ? "one" : "all but one");
			buf_free(&names);
		}
		i = j;
	}
	free(by);
	return clashes;
}

/* The same file: the input's identity from discovery, or the same resolved path. */
static bool is_input(const build_job *j, const char *out)
{
	struct stat st;
	if (!out || stat(out, &st) != 0)
		return false;
	if (st.st_dev == j->dev && st.st_ino == j->ino)
		return true;
	char *ri = realpath(j->input, NULL), *ro = realpath(out, NULL);
	bool same = ri && ro && strcmp(ri, ro) == 0;
	free(ri);
	free(ro);
	return same;
}

size_t build_check_outputs(const build_list *l, vita_diags *d)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		const build_job *j = &l->v[i];
		/* A device, FIFO or folder where an output goes is refused before rendering (S1). */
		for (int k = 0; k < 2; k++) {
			const char *o = k ? j->out_tex : j->out_pdf;
			char *t = o ? output_target(o, d) : NULL;
			if (o && !t)
				n++;
			free(t);
		}
		const char *out = is_input(j, j->out_pdf) ? j->out_pdf : is_input(j, j->out_tex) ? j->out_tex : NULL;
		if (!out)
			continue;
		n++;
		vita_diag(d, VITA_ERROR, at(j->input),
		          "its output '%s' is this file itself, which rendering would overwrite; rename it or "
		          "choose another -o (nothing was rendered)",
		          out);
	}
	return n;
}

void build_name_outputs(build_list *l, const char *outdir, int formats)
{
	for (size_t i = 0; i < l->n; i++) {
		build_job *j = &l->v[i];
		j->index = i;
		free(j->out_pdf);
		free(j->out_tex);
		j->out_pdf = j->out_tex = NULL;
		char *base = join(outdir, j->stem);
		vita_buf b = {0};
		if (formats & BUILD_PDF) {
			buf_printf(&b, "%s.pdf", base);
			j->out_pdf = buf_take(&b);
		}
		if (formats & BUILD_TEX) {
			buf_printf(&b, "%s.tex", base);
			j->out_tex = buf_take(&b);
		}
		free(base);
	}
}
