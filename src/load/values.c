/*
 * What every part of the loader uses while it walks the tree: the dotted path of the value being
 * read ("cv.sections.education[0].end_date") for messages, the messages themselves, growing arrays,
 * finding a value's text in the source, and turning a scalar into the model's text (normalized,
 * parsed into spans once, bounded in length).  The parts (cv.c, header.c, entries.c, …) call these;
 * these call none of them, so the loader's calls go one way.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/inline.h"
#include "load/load_internal.h"
#include "normalize/normalize.h"

/* ---- the path of the current value ---- */

/* Appends to the path, silently cut at its capacity (a path is only ever shown in a message). */
static void where_append(loader *L, const char *s, size_t n)
{
	size_t room = sizeof L->where - 1 - L->wlen;
	if (n > room) {
		n = room;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--; /* never half a character (it would show as \xNN) */
	}
	memcpy(L->where + L->wlen, s, n);
	L->wlen += n;
	L->where[L->wlen] = 0;
}

size_t where_push_key(loader *L, const char *key)
{
	size_t old = L->wlen;
	if (L->wlen)
		where_append(L, ".", 1);
	where_append(L, key, strlen(key));
	return old;
}

size_t where_push_index(loader *L, size_t i)
{
	size_t old = L->wlen;
	char digits[24], *p = digits + sizeof digits;
	*--p = ']';
	do
		*--p = (char)('0' + i % 10);
	while ((i /= 10) != 0);
	*--p = '[';
	where_append(L, p, (size_t)(digits + sizeof digits - p));
	return old;
}

void where_pop(loader *L, size_t len)
{
	L->wlen = len;
	L->where[len] = 0;
}

void lerr(loader *L, vita_severity sev, vita_pos pos, const char *fmt, ...)
{
	vita_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (L->wlen)
		vita_diag(L->d, sev, pos, "%s: %s", L->where, buf_str(&b));
	else
		vita_diag(L->d, sev, pos, "%s", buf_str(&b));
	buf_free(&b);
}

void *grow(loader *L, void *arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return arr;
	size_t nc = *cap ? *cap * 2 : 4;
	void *na = arena_array(L->a, nc, size);
	if (n)
		memcpy(na, arr, n * size);
	*cap = nc;
	return na;
}

vita_pos find_in_source(loader *L, vita_pos from, const char *text, size_t n)
{
	if (!L->data || from.line < 1 || !n)
		return from;
	if (!L->lines) {
		size_t cap = 64;
		L->lines = xmalloc(cap * sizeof *L->lines);
		L->lines[L->nlines++] = 0;
		for (size_t i = 0; i < L->len; i++)
			if (L->data[i] == '\n') {
				if (L->nlines == cap)
					L->lines = xrealloc(L->lines, (cap *= 2) * sizeof *L->lines);
				L->lines[L->nlines++] = i + 1;
			}
	}
	if ((size_t)from.line > L->nlines)
		return from;
	const char *nl = memchr(text, '\n', n);
	if (nl)
		n = (size_t)(nl - text);
	if (n > 32)
		n = 32;
	size_t start = L->lines[from.line - 1];
	/* A nested item is a few lines below its parent; never search far. */
	size_t end = start + 16384 < L->len ? start + 16384 : L->len;
	if (n == 0 || end - start < n)
		return from;
	const char *hit = NULL;
	for (const char *q = L->data + start; !hit && q + n <= L->data + end; q++) {
		q = memchr(q, text[0], (size_t)(L->data + end - q));
		if (!q || q + n > L->data + end)
			break;
		if (memcmp(q, text, n) == 0)
			hit = q;
	}
	if (!hit)
		return from;
	size_t off = (size_t)(hit - L->data);
	size_t lo = (size_t)from.line - 1, hi = L->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (L->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	int col = 1;
	for (size_t i = L->lines[lo]; i < off; i++)
		if (((unsigned char)L->data[i] & 0xC0) != 0x80)
			col++;
	vita_pos p = {from.file, (int)lo + 1, col};
	return p;
}

/* ---- values ---- */

const char *scalar_str(loader *L, const vita_node *n, const char *what)
{
	if (!n || vita_node_is_null(n))
		return NULL;
	if (n->kind != VITA_NODE_SCALAR) {
		lerr(L, VITA_ERROR, n->pos, "expected %s, got a %s", what, vita_node_type_name(n));
		return NULL;
	}
	return n->str;
}

static bool too_long(loader *L, size_t len, vita_pos pos)
{
	if (len <= VITA_MAX_FIELD_BYTES)
		return false;
	lerr(L, VITA_ERROR, pos, "this field is %zu bytes long; the limit for one field is %u bytes",
	     len, VITA_MAX_FIELD_BYTES);
	return true;
}

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r'))
		(*s)++, (*len)--;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\n' ||
	                (*s)[*len - 1] == '\r'))
		(*len)--;
}

vita_text make_text(loader *L, const char *s, size_t len, vita_pos pos)
{
	vita_text t = {0};
	t.pos = pos;
	trim(&s, &len);
	if (too_long(L, len, pos))
		return t;
	t.md = vita_normalize(L->a, s, len, pos, L->d);
	t.spans = vita_inline_parse(L->a, t.md, pos, L->d);
	return t;
}

vita_text load_text(loader *L, const vita_node *n)
{
	vita_text t = {0};
	if (n)
		t.pos = n->pos;
	const char *s = scalar_str(L, n, "text");
	if (!s)
		return t;
	return make_text(L, s, n->len, n->pos);
}

const char *load_plain(loader *L, const vita_node *n)
{
	const char *s = scalar_str(L, n, "text");
	if (!s)
		return NULL;
	size_t len = n->len;
	trim(&s, &len);
	if (too_long(L, len, n->pos))
		return NULL;
	return vita_normalize(L->a, s, len, n->pos, L->d);
}

void warn_unknown_key(loader *L, const vita_node *key, const char *const *known, const char *in)
{
	for (size_t i = 0; known[i]; i++)
		if (strcmp(key->str, known[i]) == 0)
			return;
	/* The mapping's own path names where the key is; no "path:" prefix repeating it. */
	char where[sizeof L->where + 2];
	if (L->wlen)
		snprintf(where, sizeof where, "`%s`", L->where);
	else
		snprintf(where, sizeof where, "%s", in);
	const char *s = suggest(key->str, known);
	if (s)
		vita_diag(L->d, VITA_WARNING, key->pos, "unknown key `%s` in %s; did you mean `%s`? (ignored)",
		          key->str, where, s);
	else
		vita_diag(L->d, VITA_WARNING, key->pos, "unknown key `%s` in %s (ignored)", key->str, where);
}
