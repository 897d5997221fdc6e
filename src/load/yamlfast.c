/*
 * A fast path for the YAML reader (yaml.c): the block YAML that CV files are written in — mappings
 * and sequences by indentation, `- key: value` items, plain scalars (folded over lines), one-line
 * single- and double-quoted scalars, comments — scanned line by line into the same events, with the same positions, that
 * libyaml gives for it.  libyaml's scanner spends about 130 instructions per byte (a CV file cost
 * 1.2 M of a 19 M-instruction render); this one a few.
 *
 * It accepts only what it is sure of and returns false on anything else: flow collections,
 * anchors, aliases, tags, block scalars, multi-line quoted or empty values, escapes in double quotes,
 * quoted keys, tabs, CR, document markers and directives, characters libyaml treats as line breaks
 * or refuses.  Then yaml.c parses the file with libyaml, which also gives every error its message,
 * so nothing the fast path sees changes what a file means or what is said about it.
 * tests/unit/test_yaml.c compares the two readers' trees on every YAML file of the repository.
 */
#include <string.h>

#include "load/yamlfast.h"

#define FAST_MAX_DEPTH 64
/* libyaml refuses a simple key longer than 1024 characters: such a file goes to libyaml */
#define FAST_MAX_KEY 1000

typedef struct open_coll {
	int indent;      /* its column */
	bool map;
	bool want_value; /* a mapping whose last key has no value on its line */
} open_coll;

typedef struct fast {
	const char *s;
	size_t len;
	vita_arena *a;
	yaml_event_t *ev;
	size_t n, cap;
	open_coll st[FAST_MAX_DEPTH];
	size_t depth;
	bool root_done;
	/* the line being read */
	size_t line_start, eol;
	int line;
} fast;

static yaml_event_t *push(fast *f, yaml_event_type_t type, size_t at)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 256;
		f->ev = xrealloc(f->ev, f->cap * sizeof *f->ev);
	}
	yaml_event_t *e = &f->ev[f->n++];
	memset(e, 0, sizeof *e);
	e->type = type;
	/* columns count characters, as libyaml's do */
	size_t col = 0;
	for (size_t i = f->line_start; i < at; i++)
		col += ((unsigned char)f->s[i] & 0xC0) != 0x80;
	e->start_mark = (yaml_mark_t){at, (size_t)f->line, col};
	e->end_mark = e->start_mark;
	return e;
}

static void scalar(fast *f, size_t at, const char *v, size_t n, yaml_scalar_style_t style, size_t end)
{
	yaml_event_t *e = push(f, YAML_SCALAR_EVENT, at);
	e->data.scalar.value = (yaml_char_t *)(uintptr_t)v;
	e->data.scalar.length = n;
	e->data.scalar.plain_implicit = style == YAML_PLAIN_SCALAR_STYLE;
	e->data.scalar.quoted_implicit = style != YAML_PLAIN_SCALAR_STYLE;
	e->data.scalar.style = style;
	e->end_mark.column += end - at;
	e->end_mark.index = end;
}

/* The whole file first: only UTF-8 that libyaml reads as printable text, no tab or CR, and no
 * character libyaml takes as a line break (NEL, LS, PS) or refuses inside (BOM). */
static bool plain_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if ((unsigned char)(c - 0x20) < 0x5F || c == '\n') {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = c >= 0x80 ? utf8_decode(s + i, len - i, &cp) : 0;
		if (k == 0 || cp < 0xA0 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
			return false;
		i += k;
	}
	return true;
}

/* What may not begin a plain scalar here (YAML's indicators). */
static bool indicator(char c)
{
	return strchr("-?:,[]{}#&*!|>'\"%@`", c) != NULL;
}

/* The end of a plain key starting at p (the ':' of `key: `), or 0 when the line holds none. */
static size_t key_end(const fast *f, size_t p)
{
	if (indicator(f->s[p]))
		return 0;
	for (size_t i = p; i < f->eol; i++) {
		char c = f->s[i];
		if (c == ':' && (i + 1 == f->eol || f->s[i + 1] == ' '))
			return i;
		if (c == '#' && f->s[i - 1] == ' ')
			return 0;
	}
	return 0;
}

/* After a quoted scalar: spaces, then the end of the line or a comment. */
static bool rest_is_blank(const fast *f, size_t i)
{
	size_t j = i;
	while (j < f->eol && f->s[j] == ' ')
		j++;
	return j == f->eol || (f->s[j] == '#' && j > i);
}

static bool quoted(fast *f, size_t v)
{
	char q = f->s[v];
	size_t i = v + 1;
	bool doubled = false;
	for (;; i++) {
		if (i >= f->eol)
			return false; /* continues on the next line */
		if (q == '"' && f->s[i] == '\\')
			return false;
		if (f->s[i] == q) {
			if (q == '\'' && i + 1 < f->eol && f->s[i + 1] == '\'') {
				doubled = true;
				i++;
				continue;
			}
			break;
		}
	}
	if (!rest_is_blank(f, i + 1))
		return false;
	const char *text = f->s + v + 1;
	size_t n = i - v - 1;
	if (doubled) { /* '' is one quote */
		char *c = arena_alloc(f->a, n + 1);
		size_t k = 0;
		for (size_t j = 0; j < n; j++) {
			c[k++] = text[j];
			if (text[j] == '\'')
				j++;
		}
		text = c;
		n = k;
	}
	scalar(f, v, text, n, q == '"' ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_SINGLE_QUOTED_SCALAR_STYLE, i + 1);
	return true;
}

/* Whether the next line that is neither blank nor a comment is indented deeper than the open
 * collection: libyaml would read it as more of the scalar (or as an error). */
static bool next_line_deeper(const fast *f)
{
	int indent = f->st[f->depth - 1].indent;
	for (size_t p = f->eol + 1; p < f->len;) {
		size_t i = p;
		while (i < f->len && f->s[i] == ' ')
			i++;
		if (i < f->len && f->s[i] != '\n' && f->s[i] != '#')
			return (int)(i - p) > indent;
		const char *nl = memchr(f->s + i, '\n', f->len - i);
		if (!nl)
			break;
		p = (size_t)(nl - f->s) + 1;
	}
	return false;
}

/* The end of a line's part of a plain scalar from i (trailing spaces dropped); *bad when the line
 * holds `: ` (a key, which libyaml refuses there), *comment when a comment ends it. */
static size_t plain_end(const char *s, size_t i, size_t eol, bool *bad, bool *comment)
{
	size_t e = i;
	for (; e < eol; e++) {
		if (s[e] == ':' && (e + 1 == eol || s[e + 1] == ' ')) {
			*bad = true;
			return e;
		}
		if (s[e] == '#' && e > i && s[e - 1] == ' ') {
			*comment = true;
			break;
		}
	}
	while (e > i && s[e - 1] == ' ')
		e--;
	return e;
}

/* A plain scalar whose first line is [v, e), with the lines after it that continue it: indented
 * deeper than the open collection, not a comment.  libyaml folds them in, a line break becoming a
 * space and each blank line between them a line break; the lines read are skipped (f->eol,
 * f->line).  false when one holds what the fast path leaves to libyaml. */
static bool plain(fast *f, size_t v, size_t e)
{
	int indent = f->st[f->depth - 1].indent;
	vita_buf b = {0};
	size_t p = f->eol + 1, breaks = 0, last_eol = f->eol;
	int line = f->line, last_line = f->line;
	bool ok = true;
	while (ok && p < f->len) {
		const char *nl = memchr(f->s + p, '\n', f->len - p);
		size_t eol = nl ? (size_t)(nl - f->s) : f->len, i = p;
		line++;
		while (i < eol && f->s[i] == ' ')
			i++;
		if (i == eol) {
			breaks++;
			p = eol + 1;
			continue;
		}
		if (f->s[i] == '#' || (int)(i - p) <= indent)
			break;
		bool bad = false, comment = false;
		char c = f->s[i];
		size_t pe = plain_end(f->s, i, eol, &bad, &comment);
		/* an indicator that begins a line, or a comment inside: left to libyaml */
		ok = !bad && !comment && !((c == '-' || c == '?' || c == ':') && (i + 1 == eol || f->s[i + 1] == ' '));
		if (!ok)
			break;
		if (!b.len)
			buf_put(&b, f->s + v, e - v);
		if (!breaks)
			buf_putc(&b, ' ');
		for (; breaks; breaks--)
			buf_putc(&b, '\n');
		buf_put(&b, f->s + i, pe - i);
		last_eol = eol;
		last_line = line;
		p = eol + 1;
	}
	if (ok && !b.len)
		scalar(f, v, f->s + v, e - v, YAML_PLAIN_SCALAR_STYLE, e);
	else if (ok)
		scalar(f, v, arena_strndup(f->a, b.data, b.len), b.len, YAML_PLAIN_SCALAR_STYLE, e);
	buf_free(&b);
	f->eol = last_eol;
	f->line = last_line;
	return ok;
}

/* A value that starts at v, on the line of its key or dash. */
static bool value(fast *f, size_t v)
{
	char c = f->s[v];
	if (c == '\'' || c == '"')
		return !next_line_deeper(f) && quoted(f, v);
	if (indicator(c))
		return false;
	bool bad = false, comment = false;
	size_t e = plain_end(f->s, v, f->eol, &bad, &comment);
	if (bad)
		return false; /* `a: b: c` */
	if (comment) { /* the scalar ends at the comment: a deeper line after it is an error */
		if (next_line_deeper(f))
			return false;
		scalar(f, v, f->s + v, e - v, YAML_PLAIN_SCALAR_STYLE, e);
		return true;
	}
	return plain(f, v, e);
}

static bool open_coll_at(fast *f, size_t at, bool map)
{
	if (f->depth == FAST_MAX_DEPTH)
		return false;
	push(f, map ? YAML_MAPPING_START_EVENT : YAML_SEQUENCE_START_EVENT, at);
	f->st[f->depth++] = (open_coll){(int)(at - f->line_start), map, false};
	return true;
}

/* `key: value` or `key:` at p, in the open mapping. */
static bool key_line(fast *f, size_t p)
{
	size_t k = key_end(f, p);
	if (!k)
		return false;
	size_t e = k;
	while (e > p && f->s[e - 1] == ' ')
		e--;
	if (e == p || e - p > FAST_MAX_KEY)
		return false;
	scalar(f, p, f->s + p, e - p, YAML_PLAIN_SCALAR_STYLE, e);
	size_t v = k + 1;
	while (v < f->eol && f->s[v] == ' ')
		v++;
	if (v == f->eol || f->s[v] == '#') {
		f->st[f->depth - 1].want_value = true;
		return true;
	}
	return value(f, v);
}

/* `- value` or `- key: value` at p (the dash), in the open sequence. */
static bool item_line(fast *f, size_t p)
{
	size_t v = p + 1;
	while (v < f->eol && f->s[v] == ' ')
		v++;
	if (v == p + 1 || v == f->eol || f->s[v] == '#' || f->s[v] == '-')
		return false;
	if (key_end(f, v))
		return open_coll_at(f, v, true) && key_line(f, v);
	return value(f, v);
}

static bool is_dash(const fast *f, size_t p)
{
	return f->s[p] == '-' && (p + 1 == f->eol || f->s[p + 1] == ' ');
}

static bool close_top(fast *f)
{
	if (f->st[f->depth - 1].want_value)
		return false; /* a key without a value: libyaml's empty scalar has its own position */
	push(f, f->st[f->depth - 1].map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT, f->line_start);
	f->depth--;
	return true;
}

/* A line that is neither blank nor a comment, its content from p at column col. */
static bool line(fast *f, size_t p, int col)
{
	bool dash = is_dash(f, p);
	while (f->depth && f->st[f->depth - 1].indent > col)
		if (!close_top(f))
			return false;
	/* an indentless sequence (`key:` then `- item` at the key's column) ends at its next key */
	if (f->depth >= 2 && !dash && !f->st[f->depth - 1].map && f->st[f->depth - 1].indent == col &&
	    f->st[f->depth - 2].map && f->st[f->depth - 2].indent == col && !close_top(f))
		return false;
	if (!f->depth) {
		if (f->root_done)
			return false;
		f->root_done = true;
		return dash ? open_coll_at(f, p, false) && item_line(f, p) : open_coll_at(f, p, true) && key_line(f, p);
	}
	open_coll *top = &f->st[f->depth - 1];
	if (top->map && top->want_value) {
		top->want_value = false;
		if (col > top->indent || (col == top->indent && dash))
			return dash ? open_coll_at(f, p, false) && item_line(f, p) : open_coll_at(f, p, true) && key_line(f, p);
		return false;
	}
	if (col != top->indent || dash != !top->map)
		return false;
	return dash ? item_line(f, p) : key_line(f, p);
}

bool yaml_fast_scan(vita_arena *a, const char *s, size_t len, yaml_event_t **events, size_t *nevents)
{
	*events = NULL;
	*nevents = 0;
	if (!plain_text(s, len))
		return false;
	fast f = {.s = s, .len = len, .a = a};
	push(&f, YAML_STREAM_START_EVENT, 0);
	push(&f, YAML_DOCUMENT_START_EVENT, 0);
	bool ok = true;
	for (size_t p = 0; ok && p < len; f.line++) {
		const char *nl = memchr(s + p, '\n', len - p);
		f.line_start = p;
		f.eol = nl ? (size_t)(nl - s) : len;
		size_t i = p;
		while (i < f.eol && s[i] == ' ')
			i++;
		if (i == p && f.eol - p >= 3 && (memcmp(s + p, "---", 3) == 0 || memcmp(s + p, "...", 3) == 0))
			ok = false;
		else if (i == p && i < f.eol && s[i] == '%')
			ok = false;
		else if (i < f.eol && s[i] != '#')
			ok = line(&f, i, (int)(i - p));
		p = f.eol + 1;
	}
	f.line_start = len;
	while (ok && f.depth)
		ok = close_top(&f);
	if (!ok || !f.root_done) {
		free(f.ev);
		return false;
	}
	push(&f, YAML_DOCUMENT_END_EVENT, len);
	push(&f, YAML_STREAM_END_EVENT, len);
	*events = f.ev;
	*nevents = f.n;
	return true;
}
