/*
 * Diagnostics: the one place where messages are collected and printed.
 *
 * Every stage reports through vita_diag(); nothing is printed until vita_diags_print(), which sorts
 * by position and prints GNU-style `path:line:col: severity: message` lines (1-based, columns count
 * characters) with an excerpt of the source line and a caret, the way compilers do.  Collecting
 * rather than printing lets a batch worker keep one profile's messages together and lets every error
 * of a file be reported instead of only the first.
 *
 * A NULL collector is accepted everywhere and discards what it is given: a stage that measures or
 * tries something silently may pass NULL, and a message emitted deep inside must not crash it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"

/* A hostile file can produce a message per entry; keep the first ones and count the rest. */
#define MAX_KEPT 200

typedef struct message {
	vita_severity sev;
	vita_pos pos;
	char *file; /* owned copy of pos.file */
	char *text;
	size_t seq;
} message;

typedef struct source {
	char *path;
	char *data;
	size_t len;
} source;

struct vita_diags {
	message *msgs;
	size_t n, cap;
	size_t counts[3];
	size_t dropped[3];
	size_t kept[3];
	source *srcs;
	size_t nsrcs;
};

vita_diags *vita_diags_new(void)
{
	return xcalloc(1, sizeof(vita_diags));
}

void vita_diags_clear(vita_diags *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->msgs[i].file);
		free(d->msgs[i].text);
	}
	d->n = 0;
	memset(d->counts, 0, sizeof d->counts);
	memset(d->dropped, 0, sizeof d->dropped);
	memset(d->kept, 0, sizeof d->kept);
}

void vita_diags_free(vita_diags *d)
{
	if (!d)
		return;
	vita_diags_clear(d);
	free(d->msgs);
	for (size_t i = 0; i < d->nsrcs; i++) {
		free(d->srcs[i].path);
		free(d->srcs[i].data);
	}
	free(d->srcs);
	free(d);
}

void vita_diags_add_source(vita_diags *d, const char *path, const char *data, size_t len)
{
	if (!d)
		return;
	d->srcs = xrealloc(d->srcs, (d->nsrcs + 1) * sizeof *d->srcs);
	source *s = &d->srcs[d->nsrcs++];
	s->path = xstrdup(path);
	s->data = xstrndup(data, len);
	s->len = len;
}

void vita_diag(vita_diags *d, vita_severity sev, vita_pos pos, const char *fmt, ...)
{
	if (!d)
		return;
	d->counts[sev]++;
	if (d->kept[sev] >= MAX_KEPT) {
		d->dropped[sev]++;
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->msgs = xrealloc(d->msgs, d->cap * sizeof *d->msgs);
	}
	message *m = &d->msgs[d->n];
	vita_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	m->sev = sev;
	m->pos = pos;
	m->file = pos.file ? xstrdup(pos.file) : NULL;
	m->pos.file = m->file;
	/* A message may quote the file (a key, a URL, a name) and a file name may hold anything:
	 * both are stored in visible form, so no message can drive the terminal (S3). */
	vita_buf vis = {0};
	buf_put_visible(&vis, buf_str(&b), b.len, false);
	buf_free(&b);
	m->text = vis.data ? buf_take(&vis) : xstrdup("");
	m->seq = d->n;
	d->n++;
	d->kept[sev]++;
}

size_t vita_diags_count(const vita_diags *d, vita_severity sev)
{
	return d ? d->counts[sev] : 0;
}

static int cmp_msg(const void *a, const void *b)
{
	const message *x = a, *y = b;
	const char *fx = x->file ? x->file : "", *fy = y->file ? y->file : "";
	int c = strcmp(fx, fy);
	if (c)
		return c;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const source *find_source(const vita_diags *d, const char *path)
{
	if (!path)
		return NULL;
	for (size_t i = d->nsrcs; i-- > 0;)
		if (strcmp(d->srcs[i].path, path) == 0)
			return &d->srcs[i];
	return NULL;
}

/* Prints the source line and a caret under the column; long lines are cut around the column so
 * that a 1 MB one-line field does not flood the terminal. */
/* Where the previous excerpt was: messages are printed in file order, so each excerpt goes on
 * from there instead of from the start of the file (600 messages on a 16 MiB one-line JSON file
 * took 14 s of walking columns). */
typedef struct excerpt_cursor {
	const source *s;
	int line, col;         /* of the last excerpt; col as far as the line went */
	const char *line_start, *col_at;
} excerpt_cursor;

static void excerpt(FILE *out, excerpt_cursor *cur, const source *s, int line, int col, bool color)
{
	const char *p = s->data, *end = s->data + s->len;
	int l = 1;
	bool resume = cur->s == s && cur->line_start && (line > cur->line || (line == cur->line && col >= cur->col));
	if (resume) {
		p = cur->line_start;
		l = cur->line;
	}
	for (; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return;
		p = nl + 1;
	}
	if (p >= end && line > 1)
		return;
	if (p == s->data && s->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3; /* a leading byte-order mark is accepted and counts as no column */
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	if (eol > p && eol[-1] == '\r')
		eol--;
	/* Find the byte offset of the column (counted in characters). */
	const char *cp = p;
	int c = 1;
	if (resume && line == cur->line && cur->col_at) {
		cp = cur->col_at;
		c = cur->col;
	}
	for (; c < col && cp < eol; c++) {
		cp++;
		while (cp < eol && ((unsigned char)*cp & 0xC0) == 0x80)
			cp++;
	}
	*cur = (excerpt_cursor){s, line, c, p, cp};
	const char *from = p;
	if (cp - from > 60) {
		from = cp - 40;
		while (from < cp && ((unsigned char)*from & 0xC0) == 0x80)
			from++;
	}
	const char *to = eol;
	if (to - cp > 80) {
		to = cp + 80;
		while (to > cp && ((unsigned char)*to & 0xC0) == 0x80)
			to--;
	}
	/* Control and format characters (often the very errors we report) are shown as escapes so
	 * that the terminal stays sane; the caret line pads by the width of what was shown. */
	vita_buf shown = {0}, pad = {0};
	for (const char *q = from; q < to;) {
		size_t before = shown.len;
		size_t used = buf_put_visible_char(&shown, q, (size_t)(to - q), true);
		if (q < cp) {
			if (*q == '\t')
				buf_putc(&pad, '\t');
			else if (shown.len - before > used || (unsigned char)*q < 0x80)
				for (size_t k = before; k < shown.len; k++)
					buf_putc(&pad, ' ');
			else
				buf_putc(&pad, ' '); /* one printable non-ASCII character */
		}
		q += used;
	}
	fprintf(out, "%5d | %s%s%s\n", line, from > p ? "..." : "", buf_str(&shown), to < eol ? "..." : "");
	buf_free(&shown);
	if (col <= 0) {
		buf_free(&pad);
		return;
	}
	fprintf(out, "      | %s%s", from > p ? "   " : "", buf_str(&pad));
	buf_free(&pad);
	fprintf(out, "%s^%s\n", color ? "\033[1;32m" : "", color ? "\033[0m" : "");
}

/* Whether an earlier message at the same place (sorted) says the same thing: one design key can
 * set several values (typography.font_family sets five families) and each would report it. */
static bool said_before(const message *sorted, size_t i)
{
	const message *m = &sorted[i];
	for (size_t j = i; j-- > 0;) {
		const message *p = &sorted[j];
		if (p->pos.line != m->pos.line || p->pos.col != m->pos.col ||
		    strcmp(p->file ? p->file : "", m->file ? m->file : "") != 0)
			return false;
		if (p->sev == m->sev && strcmp(p->text, m->text) == 0)
			return true;
	}
	return false;
}

void vita_diags_print(const vita_diags *d, FILE *out, bool color)
{
	static const char *names[] = {"note", "warning", "error"};
	static const char *colors[] = {"\033[1;36m", "\033[1;35m", "\033[1;31m"};
	if (!d)
		return;
	message *sorted = xmalloc((d->n ? d->n : 1) * sizeof *sorted);
	if (d->n)
		memcpy(sorted, d->msgs, d->n * sizeof *sorted);
	qsort(sorted, d->n, sizeof *sorted, cmp_msg);
	excerpt_cursor cur = {0};
	for (size_t i = 0; i < d->n; i++) {
		const message *m = &sorted[i];
		if (said_before(sorted, i))
			continue;
		if (color)
			fputs("\033[1m", out);
		char *file = m->file ? visible_dup(m->file) : NULL;
		if (file && m->pos.line > 0)
			fprintf(out, "%s:%d:%d: ", file, m->pos.line, m->pos.col > 0 ? m->pos.col : 1);
		else if (file)
			fprintf(out, "%s: ", file);
		else
			fputs("vita: ", out);
		if (color)
			fprintf(out, "%s%s:\033[0m\033[1m %s\033[0m\n", colors[m->sev], names[m->sev], m->text);
		else
			fprintf(out, "%s: %s\n", names[m->sev], m->text);
		free(file);
		const source *s = find_source(d, m->file);
		if (s && m->pos.line > 0 && m->sev != VITA_NOTE)
			excerpt(out, &cur, s, m->pos.line, m->pos.col, color);
	}
	for (int s = VITA_ERROR; s >= VITA_NOTE; s--)
		if (d->dropped[s])
			fprintf(out, "vita: %zu more %s%s not shown\n", d->dropped[s], names[s],
			        d->dropped[s] == 1 ? "" : "s");
	free(sorted);
}

bool vita_diags_color(void)
{
	return isatty(2) && !vita_env_get()->no_color;
}

int vita_diags_finish(vita_diags *d)
{
	vita_diags_print(d, stderr, vita_diags_color());
	int rc = vita_diags_count(d, VITA_ERROR) ? 1 : 0;
	vita_diags_free(d);
	return rc;
}
