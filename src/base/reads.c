/*
 * The files one render reads, recorded for `vita build`'s up-to-date check (base.h).
 *
 * A render reads more than its profile: classic.yaml and the theme, a locale file, a photo, the
 * .bib of a `from:` section, the fonts it embeds.  An output is up to date only when it is newer
 * than all of them, and only the render itself knows which they were (the theme and the photo are
 * named inside the profile).  The recorder is per thread, because `vita build` renders one profile
 * per worker thread; outside a recording, noting a file costs one test.  `vita render --watch` uses
 * the same record to know what to watch, so it also holds the files a render looked for and did not
 * find (a split file named in the CV, a `from:` .bib): creating one is a change.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static _Thread_local vita_reads *current;

void vita_reads_begin(vita_reads *r)
{
	memset(r, 0, sizeof *r);
	r->outer = current;
	current = r;
}

void vita_reads_end(void)
{
	if (current)
		current = current->outer;
}

static void add(char *abs)
{
	for (size_t i = 0; i < current->n; i++)
		if (strcmp(current->paths[i], abs) == 0) {
			free(abs);
			return;
		}
	if (current->n == current->cap) {
		current->cap = current->cap ? 2 * current->cap : 16;
		current->paths = xrealloc(current->paths, current->cap * sizeof *current->paths);
	}
	current->paths[current->n++] = abs;
}

void vita_reads_note(const char *path)
{
	if (!current || !path)
		return;
	/* Absolute, so that the record means the same file whatever the working folder. */
	char *abs = realpath(path, NULL);
	if (abs)
		add(abs); /* else not there: the reader reports it, and the render fails */
}

/* The absolute form of a path that may not exist: its folder resolved, its name kept. */
static char *absolute(const char *path)
{
	char *abs = realpath(path, NULL);
	if (abs)
		return abs;
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path + (slash == path))) : xstrdup(".");
	char *rdir = realpath(dir, NULL);
	free(dir);
	if (!rdir)
		return xstrdup(path); /* the folder is missing too: kept as written */
	vita_buf b = {0};
	buf_printf(&b, "%s/%s", strcmp(rdir, "/") ? rdir : "", slash ? slash + 1 : path);
	free(rdir);
	char *r = xstrdup(buf_str(&b));
	buf_free(&b);
	return r;
}

void vita_reads_want(const char *path)
{
	if (current && path && *path)
		add(absolute(path));
}

void vita_reads_tag(const char *tag)
{
	if (current)
		add(xstrdup(tag));
}

void vita_reads_free(vita_reads *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->paths[i]);
	free(r->paths);
	memset(r, 0, sizeof *r);
}
