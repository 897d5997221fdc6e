/*
 * The JSON reader: yajl's callbacks → the same tree of vita_nodes with positions as the YAML
 * reader (src/load/yaml.c) builds, so the rest of the loader is unchanged.
 *
 * JSON used to go through libyaml (JSON is nearly YAML), which refused valid JSON — surrogate-pair
 * escapes such as Python's default `json.dumps` of an emoji ("\ud83d\ude80") were a "YAML syntax
 * error" — and said "YAML" to people who never wrote any.  yajl reads RFC 8259 JSON; it reports
 * only byte offsets, and only where a token ends, so each value's start is found from there (the
 * opening quote of a string, the length of a literal) and turned into line:column by a cursor
 * that only moves forward (linear even for a 16 MiB one-line file).
 *
 * Limits and checks are the YAML reader's: nesting depth, the number of nodes, duplicate keys (an
 * error: a silent "last one wins" would lose a field), control characters written as escapes
 * (\u001b, \b, \f, \r — refused at the escape), NUL, and lone surrogate escapes (yajl would turn
 * them into '?').
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <yajl_parse.h>

#include "base/base.h"
#include "load/json.h"

/* yajl, opened the first time a JSON file is read (base.h, vita_dl_bind). */
#define YAJL_FUNCS(X)                                                                               \
	X(yajl_alloc) X(yajl_parse) X(yajl_complete_parse) X(yajl_free) X(yajl_get_error)                \
	X(yajl_free_error) X(yajl_get_bytes_consumed)
typedef struct {
	YAJL_FUNCS(VITA_DL_POINTER)
	bool ok;
} yajl_lib;
static yajl_lib yl;
static pthread_once_t yl_once = PTHREAD_ONCE_INIT;

VITA_DL_BINDER(yl_bind, yajl_lib, YAJL_FUNCS, "libyajl.so.2")

static void yl_open(void)
{
	yl.ok = yl_bind(&yl);
}

/* From here on the names call through the table. */
#define yajl_alloc (*yl.yajl_alloc)
#define yajl_parse (*yl.yajl_parse)
#define yajl_complete_parse (*yl.yajl_complete_parse)
#define yajl_free (*yl.yajl_free)
#define yajl_get_error (*yl.yajl_get_error)
#define yajl_free_error (*yl.yajl_free_error)
#define yajl_get_bytes_consumed (*yl.yajl_get_bytes_consumed)

typedef struct jframe {
	vita_node *node;
	vita_node **kids;
	size_t n, cap;
} jframe;

typedef struct jreader {
	vita_arena *a;
	vita_diags *d;
	const char *path, *data;
	size_t len, base; /* base: bytes skipped before yajl's input (a byte-order mark) */
	const vita_yaml_limits *lim;
	size_t count;
	jframe *stack;
	size_t depth, cap;
	vita_node *root;
	yajl_handle h;
	size_t cur; /* the position cursor: byte offset, and its line and column */
	int line, col;
	bool failed, bad;
} jreader;

/* Line and column (characters) of byte offset off; offsets come in increasing order. */
static vita_pos pos_at(jreader *r, size_t off)
{
	if (off < r->cur) {
		r->cur = r->base;
		r->line = r->col = 1;
	}
	for (; r->cur < off && r->cur < r->len; r->cur++) {
		unsigned char c = (unsigned char)r->data[r->cur];
		if (c == '\n') {
			r->line++;
			r->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			r->col++;
		}
	}
	return (vita_pos){r->path, r->line, r->col};
}

/* Where the token yajl just read ends, as an offset in the whole file. */
static size_t token_end(jreader *r)
{
	return r->base + yajl_get_bytes_consumed(r->h);
}

/* The opening quote of the string token that ends at end (just after its closing quote). */
static size_t string_start(const jreader *r, size_t end)
{
	size_t i = end >= 2 ? end - 2 : 0;
	for (; i > r->base; i--) {
		if (r->data[i] != '"')
			continue;
		size_t bs = 0;
		while (i - bs > r->base && r->data[i - bs - 1] == '\\')
			bs++;
		if (bs % 2 == 0)
			return i;
	}
	return i;
}

static bool count_node(jreader *r, vita_pos pos)
{
	if (++r->count <= r->lim->max_nodes)
		return true;
	vita_diag(r->d, VITA_ERROR, pos, "document too large: more than %zu JSON values", r->lim->max_nodes);
	r->failed = true;
	return false;
}

static void push_kid(jframe *f, vita_node *n)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 8;
		f->kids = xrealloc(f->kids, f->cap * sizeof *f->kids);
	}
	f->kids[f->n++] = n;
}

static void attach(jreader *r, vita_node *n)
{
	if (r->depth)
		push_kid(&r->stack[r->depth - 1], n);
	else
		r->root = n;
}

/* ---- escapes in strings ---- */

static int hexv(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}

static unsigned hex4(const char *s)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexv(s[i]);
		if (h < 0)
			return 0x10000; /* not an escape yajl accepted; cannot happen */
		v = v * 16 + (unsigned)h;
	}
	return v;
}

static const char *ctrl_name(unsigned c)
{
	static const char *const names[32] = {[0] = " (NUL)", [7] = " (bell)", [8] = " (backspace)",
	                                      [11] = " (vertical tab)", [12] = " (form feed)",
	                                      [13] = " (carriage return)", [27] = " (escape)"};
	return c < 32 && names[c] ? names[c] : c == 0x7F ? " (delete)" : c == 0x85 ? " (next line)" : "";
}

/* Reports the escapes of the string token [from, to) that write a control character (other than
 * tab and newline), a noncharacter or half a surrogate pair, each at the escape. */
static void check_escapes(jreader *r, size_t from, size_t to)
{
	const char *s = r->data;
	if (!memchr(s + from, '\\', to - from))
		return;
	for (size_t i = from + 1; i + 1 < to; i++) {
		if (s[i] != '\\')
			continue;
		char e = s[i + 1];
		unsigned cp = e == 'b' ? 8 : e == 'f' ? 12 : e == 'r' ? 13 : 0x10000;
		size_t elen = 2;
		if (e == 'u' && i + 6 <= to) {
			cp = hex4(s + i + 2);
			elen = 6;
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 12 <= to && s[i + 6] == '\\' && s[i + 7] == 'u') {
				unsigned lo = hex4(s + i + 8);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					i += 11; /* a whole pair: one character above U+FFFF */
					continue;
				}
			}
		}
		vita_pos pos = pos_at(r, i);
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			vita_diag(r->d, VITA_ERROR, pos, "the escape `%.6s` is half of a surrogate pair, not a character "
			          "(a high \\uD800–\\uDBFF must be followed by a low \\uDC00–\\uDFFF)", s + i);
			r->bad = true;
		} else if (cp == 0) {
			/* NUL: reported once, by on_string */
		} else if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE ||
		           cp == 0xFFFF) {
			vita_diag(r->d, VITA_ERROR, pos, "%scharacter U+%04X%s, written as the escape `%.*s`, is not allowed",
			          cp >= 0xFFFE ? "" : "control ", cp, cp >= 0xFFFE ? " (a noncharacter)" : ctrl_name(cp),
			          (int)elen, s + i);
			r->bad = true;
		}
		i += elen - 1;
	}
}

/* ---- yajl callbacks ---- */

static vita_node *scalar(jreader *r, size_t start, const char *s, size_t n, bool plain)
{
	vita_pos pos = pos_at(r, start);
	if (!count_node(r, pos))
		return NULL;
	vita_node *v = arena_alloc(r->a, sizeof *v);
	v->kind = VITA_NODE_SCALAR;
	v->pos = pos;
	v->str = arena_strndup(r->a, s, n);
	v->len = n;
	v->plain = plain;
	return v;
}

static int on_literal(jreader *r, const char *text)
{
	size_t n = strlen(text), end = token_end(r);
	vita_node *v = scalar(r, end >= n ? end - n : 0, text, n, true);
	if (!v)
		return 0;
	attach(r, v);
	return 1;
}

static int on_null(void *ctx)
{
	return on_literal(ctx, "null");
}

static int on_bool(void *ctx, int b)
{
	return on_literal(ctx, b ? "true" : "false");
}

static int on_number(void *ctx, const char *s, size_t n)
{
	jreader *r = ctx;
	size_t end = token_end(r);
	vita_node *v = scalar(r, end >= n ? end - n : 0, s, n, true);
	if (!v)
		return 0;
	attach(r, v);
	return 1;
}

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
	jreader *r = ctx;
	size_t end = token_end(r), start = string_start(r, end);
	vita_node *v = scalar(r, start, (const char *)s, n, false);
	if (!v)
		return 0;
	check_escapes(r, start, end); /* after the string's own position: the cursor only moves on */
	if (memchr(v->str, '\0', n)) {
		vita_diag(r->d, VITA_ERROR, v->pos, "a NUL character (\\u0000) in a string");
		r->bad = true;
	}
	attach(r, v);
	return 1;
}

static int open_collection(jreader *r, vita_node_kind kind)
{
	vita_pos pos = pos_at(r, token_end(r) - 1);
	if (!count_node(r, pos))
		return 0;
	if (r->depth >= r->lim->max_depth) {
		vita_diag(r->d, VITA_ERROR, pos, "nesting deeper than %zu levels", r->lim->max_depth);
		r->failed = true;
		return 0;
	}
	if (r->depth == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->stack = xrealloc(r->stack, r->cap * sizeof *r->stack);
	}
	jframe *f = &r->stack[r->depth++];
	memset(f, 0, sizeof *f);
	f->node = arena_alloc(r->a, sizeof *f->node);
	f->node->kind = kind;
	f->node->pos = pos;
	return 1;
}

static int cmp_keys(const void *x, const void *y)
{
	const vita_node *a = *(vita_node *const *)x, *b = *(vita_node *const *)y;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	int c = memcmp(a->str, b->str, a->len);
	if (c)
		return c;
	return a->pos.line != b->pos.line ? (a->pos.line < b->pos.line ? -1 : 1) : (a->pos.col > b->pos.col) - (a->pos.col < b->pos.col);
}

/* Duplicate keys of a finished object: each one after the first is an error at it. */
static void check_duplicates(jreader *r, const jframe *f)
{
	size_t np = f->n / 2;
	if (np < 2)
		return;
	vita_node **keys = xmalloc(np * sizeof *keys);
	for (size_t i = 0; i < np; i++)
		keys[i] = f->kids[2 * i];
	qsort(keys, np, sizeof *keys, cmp_keys);
	for (size_t i = 1; i < np; i++)
		if (keys[i]->len == keys[i - 1]->len && memcmp(keys[i]->str, keys[i - 1]->str, keys[i]->len) == 0) {
			vita_diag(r->d, VITA_ERROR, keys[i]->pos, "duplicate key \"%s\" (first defined at line %d)",
			          keys[i]->str, keys[i - 1]->pos.line);
			r->bad = true;
		}
	free(keys);
}

static int close_collection(void *ctx)
{
	jreader *r = ctx;
	jframe *f = &r->stack[r->depth - 1];
	if (f->node->kind == VITA_NODE_MAP)
		check_duplicates(r, f);
	vita_node *n = f->node;
	n->n = f->n;
	n->kids = arena_array(r->a, f->n, sizeof *n->kids);
	if (f->n)
		memcpy(n->kids, f->kids, f->n * sizeof *f->kids);
	free(f->kids);
	r->depth--;
	attach(r, n);
	return 1;
}

static int on_start_map(void *ctx)
{
	return open_collection(ctx, VITA_NODE_MAP);
}

static int on_start_array(void *ctx)
{
	return open_collection(ctx, VITA_NODE_SEQ);
}

static const yajl_callbacks callbacks = {
    .yajl_null = on_null,
    .yajl_boolean = on_bool,
    .yajl_number = on_number,
    .yajl_string = on_string,
    .yajl_start_map = on_start_map,
    .yajl_map_key = on_string,
    .yajl_end_map = close_collection,
    .yajl_start_array = on_start_array,
    .yajl_end_array = close_collection,
};

/* ---- errors ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The start of the token yajl stopped after (it stops just past the offending token). */
static size_t last_token_start(const jreader *r, size_t off)
{
	if (off <= r->base || is_space(r->data[off - 1]))
		return off;
	char c = r->data[off - 1];
	if (c == '"')
		return string_start(r, off);
	if (strchr("{}[],:", c))
		return off - 1;
	size_t k = off - 1;
	while (k > r->base && !is_space(r->data[k - 1]) && !strchr("{}[],:\"", r->data[k - 1]))
		k--;
	return k;
}

/* yajl's message, reworded: "JSON syntax error: ..." at the offset where it stopped. */
static void syntax_error(jreader *r, bool at_end)
{
	if (at_end) { /* yajl_complete_parse: the text stopped inside a value */
		vita_diag(r->d, VITA_ERROR, pos_at(r, r->len),
		          "JSON syntax error: the file ends inside a value (an unclosed {, [ or \"?)");
		return;
	}
	size_t off = token_end(r);
	if (off > r->len)
		off = r->len;
	/* The most common hand-editing mistake, said plainly: a comma before } or ] (yajl stops
	 * just after the bracket). */
	size_t q = off;
	while (q < r->len && is_space(r->data[q]))
		q++;
	size_t close = off > r->base && (r->data[off - 1] == '}' || r->data[off - 1] == ']') ? off - 1 : q;
	size_t k = close;
	while (k > r->base && is_space(r->data[k - 1]))
		k--;
	if (close < r->len && (r->data[close] == '}' || r->data[close] == ']') && k > r->base && r->data[k - 1] == ',') {
		vita_diag(r->d, VITA_ERROR, pos_at(r, k - 1),
		          "JSON syntax error: a comma before `%c` (JSON allows no comma after the last item)",
		          r->data[close]);
		return;
	}
	unsigned char *msg = yajl_get_error(r->h, 0, (const unsigned char *)r->data + r->base, r->len - r->base);
	vita_buf b = {0};
	const char *m = msg ? (const char *)msg : "invalid JSON";
	const char *colon = strstr(m, "error: ");
	buf_puts(&b, colon ? colon + 7 : m);
	while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '.' || b.data[b.len - 1] == ' '))
		b.data[--b.len] = '\0';
	vita_pos pos = pos_at(r, last_token_start(r, off));
	vita_diag(r->d, VITA_ERROR, pos, "JSON syntax error: %s", buf_str(&b));
	buf_free(&b);
	if (msg)
		yajl_free_error(r->h, msg);
}

vita_node *vita_json_parse(vita_arena *a, const char *path, const char *data, size_t len,
                           const vita_yaml_limits *lim, vita_diags *d)
{
	static const vita_yaml_limits defaults = {VITA_YAML_MAX_NODES, VITA_YAML_MAX_DEPTH};
	jreader r = {.a = a, .d = d, .path = path, .data = data, .len = len, .lim = lim ? lim : &defaults,
	             .line = 1, .col = 1};
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r.base = r.cur = 3; /* a leading byte-order mark: accepted, no column */
	size_t i = r.base;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	if (i == len) {
		vita_diag(d, VITA_ERROR, (vita_pos){path, 1, 1}, "the file is empty: a JSON Resume needs at least "
		          "{\"basics\": {\"name\": …}}");
		return NULL;
	}
	if (data[i] != '{' && data[i] != '[' && data[i] != '"' && data[i] != '-' && !(data[i] >= '0' && data[i] <= '9') &&
	    strncmp(data + i, "true", 4) != 0 && strncmp(data + i, "false", 5) != 0 && strncmp(data + i, "null", 4) != 0) {
		/* A YAML CV saved as .json (it used to be read as YAML): say so instead of yajl's
		 * "invalid char in json text". */
		vita_diag(d, VITA_ERROR, pos_at(&r, i),
		          "JSON syntax error: a JSON file starts with `{`; this one does not (if it is a "
		          "RenderCV YAML file, name it .yaml)");
		return NULL;
	}
	pthread_once(&yl_once, yl_open);
	if (!yl.ok) {
		vita_diag(d, VITA_ERROR, (vita_pos){path, 1, 1},
		          "cannot read JSON: libyajl.so.2 (Debian's libyajl2) is not installed");
		return NULL;
	}
	r.h = yajl_alloc(&callbacks, NULL, &r);
	yajl_status st = yajl_parse(r.h, (const unsigned char *)data + r.base, len - r.base);
	bool at_end = false;
	if (st == yajl_status_ok) {
		st = yajl_complete_parse(r.h);
		at_end = true;
	}
	if (st == yajl_status_error)
		syntax_error(&r, at_end);
	for (size_t k = 0; k < r.depth; k++)
		free(r.stack[k].kids);
	free(r.stack);
	yajl_free(r.h);
	if (st != yajl_status_ok || r.failed || r.bad || !r.root)
		return NULL;
	return r.root;
}
