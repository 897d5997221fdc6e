/*
 * The YAML reader: libyaml's event stream → a tree of vita_nodes with positions.
 *
 * Built iteratively (an explicit stack, no recursion), so a deeply nested hostile file cannot
 * overflow the C stack, and capped: nesting depth, and the number of nodes *after* alias expansion.
 * Aliases share the anchored subtree (the tree is read-only), but every alias counts as the full
 * size of what it names, so a "billion laughs" file is stopped at the cap, in constant memory, with
 * an error at the alias that crossed it.  Merge keys (`<<: *base`) are honoured because people use
 * them to share blocks between CV variants.  Duplicate keys are an error (YAML requires unique keys
 * and a silent "last one wins" would lose a field).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "load/yaml.h"

typedef struct anchor {
	char *name;
	vita_node *node;
	size_t size; /* nodes in the subtree, aliases expanded */
} anchor;

typedef struct frame {
	vita_node *node;
	char *anchor;  /* anchor to register when the collection ends */
	size_t start;  /* expanded-node count when the collection began */
	vita_node **kids;
	size_t n, cap;
} frame;

/* A hash index from byte strings to small integers (1-based; 0 means absent), so that looking up
 * anchors and merged keys stays linear in the file: a hostile file with 10^5 anchors or a merge of
 * a 10^5-key mapping must not cost 10^10 string comparisons. */
typedef struct strindex {
	struct slot {
		const char *s;
		size_t len;
		size_t val;
	} *slots;
	size_t nslots, used;
} strindex;

static size_t str_hash(const char *s, size_t len)
{
	size_t h = 1469598103934665603u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static struct slot *strindex_find(const strindex *x, const char *s, size_t len)
{
	if (!x->nslots)
		return NULL;
	for (size_t i = str_hash(s, len) & (x->nslots - 1);; i = (i + 1) & (x->nslots - 1)) {
		struct slot *sl = &x->slots[i];
		if (!sl->val || (sl->len == len && memcmp(sl->s, s, len) == 0))
			return sl;
	}
}

static size_t strindex_get(const strindex *x, const char *s, size_t len)
{
	const struct slot *sl = strindex_find(x, s, len);
	return sl ? sl->val : 0;
}

/* Sets s's value (replacing an earlier one); s must outlive the index. */
static void strindex_set(strindex *x, const char *s, size_t len, size_t val)
{
	if (2 * (x->used + 1) > x->nslots) {
		strindex old = *x;
		x->nslots = old.nslots ? old.nslots * 2 : 16;
		x->slots = xcalloc(x->nslots, sizeof *x->slots);
		x->used = 0;
		for (size_t i = 0; i < old.nslots; i++)
			if (old.slots[i].val)
				strindex_set(x, old.slots[i].s, old.slots[i].len, old.slots[i].val);
		free(old.slots);
	}
	struct slot *sl = strindex_find(x, s, len);
	if (!sl->val)
		x->used++;
	sl->s = s;
	sl->len = len;
	sl->val = val;
}

static void strindex_free(strindex *x)
{
	free(x->slots);
	memset(x, 0, sizeof *x);
}

typedef struct reader {
	vita_arena *a;
	vita_diags *d;
	const char *path;
	const char *data;
	size_t len;
	const vita_yaml_limits *lim;
	size_t count; /* nodes so far, aliases expanded */
	frame *stack;
	size_t depth, stack_cap;
	anchor *anchors;
	size_t nanchors, anchors_cap;
	strindex anchor_index; /* name -> 1 + index in anchors of its latest definition */
	size_t *lines;         /* byte offset of each line start, built on first use */
	size_t nlines;
	int at_line, at_col;   /* byte_at's last answer, to go on from */
	size_t at_off;
	bool failed;
	bool bad; /* an error that does not stop the reading (to report all): return NULL at the end */
} reader;

static vita_pos mark_pos(const reader *r, yaml_mark_t m)
{
	vita_pos p = {r->path, (int)m.line + 1, (int)m.column + 1};
	return p;
}

/* ---- control characters written as escapes (S3, D2) ----
 * The encoding check refuses raw control characters before libyaml runs; a double-quoted scalar
 * can still produce them from escapes (\e, \x07, \u0085, \N).  They are refused the same way, at
 * the escape that wrote them. */

static bool is_refused_control(uint32_t c)
{
	return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
}

/* The byte offset of 1-based line:col (columns count characters) in the file. */
static size_t byte_at(reader *r, int line, int col)
{
	if (!r->lines) {
		size_t cap = 64;
		r->lines = xmalloc(cap * sizeof *r->lines);
		r->lines[r->nlines++] = 0;
		for (size_t i = 0; i < r->len; i++)
			if (r->data[i] == '\n') {
				if (r->nlines == cap)
					r->lines = xrealloc(r->lines, (cap *= 2) * sizeof *r->lines);
				r->lines[r->nlines++] = i + 1;
			}
	}
	if (line < 1 || (size_t)line > r->nlines)
		return r->len;
	/* Go on from the previous answer on the same line: positions come in file order, and a
	 * 15 MB one-line flow mapping with 600 escapes took 35 s walked from the line start. */
	size_t i = r->lines[line - 1];
	int c = 1;
	if (r->at_line == line && r->at_col <= col) {
		i = r->at_off;
		c = r->at_col;
	}
	for (; c < col && i < r->len && r->data[i] != '\n'; c++) {
		i++;
		while (i < r->len && ((unsigned char)r->data[i] & 0xC0) == 0x80)
			i++;
	}
	r->at_line = line;
	r->at_col = c;
	r->at_off = i;
	return i;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}

/* The code point that the escape at s (after its backslash, n bytes available) writes and the
 * escape's length after the backslash; 0 for escapes that write no control character. */
static size_t escape_at(const char *s, size_t n, uint32_t *cp)
{
	static const char simple[] = "0\0a\ab\bv\vf\fr\re\x1b";
	for (const char *p = simple; *p; p += 2)
		if (n && s[0] == p[0]) {
			*cp = (unsigned char)p[1];
			return 1;
		}
	if (n && s[0] == 'N') {
		*cp = 0x85;
		return 1;
	}
	size_t digits = n && s[0] == 'x' ? 2 : n && s[0] == 'u' ? 4 : n && s[0] == 'U' ? 8 : 0;
	if (!digits || n < digits + 1)
		return 0;
	uint32_t v = 0;
	for (size_t i = 1; i <= digits; i++) {
		int h = hexval(s[i]);
		if (h < 0)
			return 0;
		v = v * 16 + (uint32_t)h;
	}
	*cp = v;
	return digits + 1;
}

static const char *control_name(uint32_t c)
{
	static const char *const names[32] = {
	    [0] = " (NUL)", [7] = " (bell)", [8] = " (backspace)", [11] = " (vertical tab)",
	    [12] = " (form feed)", [13] = " (carriage return)", [27] = " (escape)"};
	return c < 32 && names[c] ? names[c] : c == 0x7F ? " (delete)" : c == 0x85 ? " (next line)" :
	       c >= 0xFFFE ? " (a noncharacter: it is not text)" : "";
}

/* Reports each escape in the double-quoted scalar [from, to) of the file that writes a refused
 * control character; returns how many. */
static size_t report_escapes(reader *r, size_t from, size_t to, int line, int col)
{
	size_t found = 0;
	for (size_t i = from; i < to && i < r->len; i++) {
		char c = r->data[i];
		if (c == '\n') {
			line++;
			col = 1;
			continue;
		}
		if (((unsigned char)c & 0xC0) != 0x80)
			col++;
		if (c != '\\' || i + 1 >= r->len)
			continue;
		if (r->data[i + 1] == '\n' || r->data[i + 1] == '\r')
			continue; /* an escaped line break: the next turn counts the line */
		uint32_t cp = 0;
		size_t l = escape_at(r->data + i + 1, r->len - i - 1, &cp);
		if (l && cp != 0 && is_refused_control(cp)) {
			vita_diag(r->d, VITA_ERROR, (vita_pos){r->path, line, col - 1},
			          "%scharacter U+%04X%s, written as the escape `\\%.*s`, is not allowed",
			          cp >= 0xFFFE ? "" : "control ", (unsigned)cp, control_name(cp), (int)l, r->data + i + 1);
			found++;
		}
		i += l ? l : 1; /* skip the escaped character (\\ and \" included) */
		col += l ? (int)l : 1;
	}
	return found;
}

static void check_scalar_controls(reader *r, const yaml_event_t *ev, const vita_node *n)
{
	bool any = false;
	for (size_t i = 0; i < n->len && !any; i++) {
		unsigned char c = (unsigned char)n->str[i];
		const unsigned char *u = (const unsigned char *)n->str + i;
		size_t left = n->len - i;
		any = (c && c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ||
		      (c == 0xC2 && left > 1 && u[1] <= 0x9F) ||
		      (c == 0xEF && left > 2 && u[1] == 0xBF && u[2] >= 0xBE);
	}
	if (!any)
		return;
	r->bad = true;
	size_t from = byte_at(r, n->pos.line, n->pos.col);
	size_t to = byte_at(r, (int)ev->end_mark.line + 1, (int)ev->end_mark.column + 1);
	if (!report_escapes(r, from, to, n->pos.line, n->pos.col))
		vita_diag(r->d, VITA_ERROR, n->pos, "a control character in this string is not allowed");
}

static void kid_push(frame *f, vita_node *n)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->kids = xrealloc(f->kids, f->cap * sizeof *f->kids);
	}
	f->kids[f->n++] = n;
}

static bool count_nodes(reader *r, size_t k, yaml_mark_t m)
{
	r->count += k;
	if (r->count > r->lim->max_nodes) {
		vita_diag(r->d, VITA_ERROR, mark_pos(r, m),
		          "document too large: more than %zu YAML nodes after expanding aliases "
		          "(an alias bomb?)",
		          r->lim->max_nodes);
		r->failed = true;
		return false;
	}
	return true;
}

static void add_anchor(reader *r, char *name, vita_node *node, size_t size)
{
	if (!name)
		return;
	/* A later anchor with the same name shadows the earlier one, as YAML says. */
	if (r->nanchors == r->anchors_cap) {
		r->anchors_cap = r->anchors_cap ? r->anchors_cap * 2 : 8;
		r->anchors = xrealloc(r->anchors, r->anchors_cap * sizeof *r->anchors);
	}
	r->anchors[r->nanchors].name = name;
	r->anchors[r->nanchors].node = node;
	r->anchors[r->nanchors].size = size;
	r->nanchors++;
	strindex_set(&r->anchor_index, name, strlen(name), r->nanchors);
}

static const anchor *find_anchor(const reader *r, const char *name)
{
	size_t i = strindex_get(&r->anchor_index, name, strlen(name));
	return i ? &r->anchors[i - 1] : NULL;
}

/* Adds a finished node to the collection being built, or makes it the root. */
static void attach(reader *r, vita_node *n, vita_node **root)
{
	if (r->depth == 0)
		*root = n;
	else
		kid_push(&r->stack[r->depth - 1], n);
}

static int cmp_key(const void *x, const void *y)
{
	const vita_node *a = *(vita_node *const *)x, *b = *(vita_node *const *)y;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	int c = memcmp(a->str, b->str, a->len);
	if (c)
		return c;
	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	return a->pos.col < b->pos.col ? -1 : a->pos.col > b->pos.col;
}

static bool is_merge_key(const vita_node *k)
{
	return k->kind == VITA_NODE_SCALAR && k->plain && strcmp(k->str, "<<") == 0;
}

/* Splices merge keys and reports duplicate keys of a finished mapping. */
static void finish_map(reader *r, frame *f)
{
	vita_node **kids = f->kids;
	size_t n = f->n;
	bool has_merge = false;
	for (size_t i = 0; i + 1 < n; i += 2)
		if (is_merge_key(kids[i]))
			has_merge = true;
	if (has_merge) {
		/* Own keys first, then merged keys that are not already present.  Keys that are not
		 * scalars are kept (and reported below); they never match a merged key. */
		frame out = {0};
		strindex present = {0};
		for (size_t i = 0; i + 1 < n; i += 2)
			if (!is_merge_key(kids[i])) {
				if (kids[i]->kind == VITA_NODE_SCALAR)
					strindex_set(&present, kids[i]->str, kids[i]->len, 1);
				kid_push(&out, kids[i]);
				kid_push(&out, kids[i + 1]);
			}
		for (size_t i = 0; i + 1 < n; i += 2) {
			if (!is_merge_key(kids[i]))
				continue;
			const vita_node *v = kids[i + 1];
			const vita_node *const *srcs = (const vita_node *const *)&kids[i + 1];
			size_t nsrc = 1;
			if (v->kind == VITA_NODE_SEQ) {
				srcs = (const vita_node *const *)v->kids;
				nsrc = v->n;
			}
			for (size_t s = 0; s < nsrc; s++) {
				const vita_node *m = srcs[s];
				if (m->kind != VITA_NODE_MAP) {
					vita_diag(r->d, VITA_ERROR, m->pos, "a merge key (<<) needs a mapping, got a %s",
					          vita_node_type_name(m));
					r->failed = true;
					continue;
				}
				for (size_t j = 0; j + 1 < m->n; j += 2) {
					const vita_node *k = m->kids[j];
					if (k->kind == VITA_NODE_SCALAR) {
						if (strindex_get(&present, k->str, k->len))
							continue;
						strindex_set(&present, k->str, k->len, 1);
					}
					kid_push(&out, m->kids[j]);
					kid_push(&out, m->kids[j + 1]);
				}
			}
		}
		strindex_free(&present);
		free(f->kids);
		f->kids = out.kids;
		f->n = out.n;
		f->cap = out.cap;
		kids = f->kids;
		n = f->n;
	}
	size_t npairs = n / 2;
	if (npairs < 2)
		return;
	vita_node **keys = xmalloc(npairs * sizeof *keys);
	size_t nk = 0;
	for (size_t i = 0; i + 1 < n; i += 2) {
		if (kids[i]->kind != VITA_NODE_SCALAR) {
			vita_diag(r->d, VITA_ERROR, kids[i]->pos, "a mapping key must be a plain value, not a %s",
			          vita_node_type_name(kids[i]));
			r->failed = true;
			continue;
		}
		keys[nk++] = kids[i];
	}
	qsort(keys, nk, sizeof *keys, cmp_key);
	for (size_t i = 1; i < nk; i++)
		if (keys[i]->len == keys[i - 1]->len && memcmp(keys[i]->str, keys[i - 1]->str, keys[i]->len) == 0 &&
		    !(keys[i]->pos.line == keys[i - 1]->pos.line && keys[i]->pos.col == keys[i - 1]->pos.col)) {
			vita_diag(r->d, VITA_ERROR, keys[i]->pos, "duplicate key '%s' (first defined at line %d)",
			          keys[i]->str, keys[i - 1]->pos.line);
			r->bad = true; /* keep reading: every duplicate of the file is reported */
		}
	free(keys);
}

static void syntax_error(reader *r, yaml_parser_t *p)
{
	yaml_mark_t m = p->problem_mark;
	/* libyaml's messages are terse; name the common causes. */
	size_t off = p->problem_offset;
	if (p->error == YAML_SCANNER_ERROR && m.index < r->len) {
		/* problem_mark.index counts characters; find the byte at line/column instead. */
		const char *s = r->data;
		size_t line = 0;
		size_t i = 0;
		while (i < r->len && line < m.line)
			if (s[i++] == '\n')
				line++;
		size_t col = 0;
		while (i < r->len && col < m.column && s[i] != '\n') {
			i++;
			while (i < r->len && ((unsigned char)s[i] & 0xC0) == 0x80)
				i++;
			col++;
		}
		off = i;
		if (off < r->len && s[off] == '\t') {
			vita_diag(r->d, VITA_ERROR, mark_pos(r, m),
			          "YAML syntax error: a tab character where YAML allows only spaces "
			          "(indent with spaces)");
			return;
		}
	}
	const char *prob = p->problem ? p->problem : "unknown problem";
	/* An unclosed quote is found only at the end of the file; the useful place is the opening
	 * quote, which libyaml keeps as the context mark. */
	if (p->context && strstr(p->context, "quoted scalar") && strstr(prob, "end of stream")) {
		vita_diag(r->d, VITA_ERROR, mark_pos(r, p->context_mark),
		          "YAML syntax error: this quoted string is never closed");
		return;
	}
	/* libyaml gives up on a plain key after 1024 characters with a puzzling "could not find
	 * expected ':'" far along the line (M5): say what happened, at the key. */
	if (p->context && strstr(p->context, "simple key") && strstr(prob, "expected ':'") &&
	    m.line == p->context_mark.line && m.column >= p->context_mark.column + 1024) {
		vita_diag(r->d, VITA_ERROR, mark_pos(r, p->context_mark),
		          "YAML syntax error: a key longer than 1024 characters (YAML's limit for a key); "
		          "shorten it");
		return;
	}
	/* The same limit on a quoted key reads "mapping values are not allowed in this context" at its
	 * colon: the quote before the colon, the key's opening quote over 1024 bytes back. */
	if (p->error == YAML_SCANNER_ERROR && strstr(prob, "mapping values are not allowed") && off > 0 &&
	    off <= r->len && (r->data[off - 1] == '"' || r->data[off - 1] == '\'')) {
		size_t bol = off - 1;
		while (bol > 0 && r->data[bol - 1] != '\n')
			bol--;
		size_t key = bol;
		while (key < off && (r->data[key] == ' ' || r->data[key] == '-'))
			key++;
		if (off - key > 1024 && (r->data[key] == '"' || r->data[key] == '\'')) {
			yaml_mark_t at = m;
			at.column = key - bol;
			vita_diag(r->d, VITA_ERROR, mark_pos(r, at),
			          "YAML syntax error: a key longer than 1024 characters (YAML's limit for a key); "
			          "shorten it");
			return;
		}
	}
	if (p->context)
		vita_diag(r->d, VITA_ERROR, mark_pos(r, m), "YAML syntax error: %s %s (line %zu)", prob,
		          p->context, (size_t)p->context_mark.line + 1);
	else
		vita_diag(r->d, VITA_ERROR, mark_pos(r, m), "YAML syntax error: %s", prob);
}

/* A tag vita does not act on: the core schema's (str, int, float, bool, null, seq, map) only say
 * what the value already is, so they pass; any other (!!binary, !!timestamp, !!set, a local !tag)
 * asks for a meaning vita does not give, and the value is read as written, with a warning (A51). */
static void check_tag(reader *r, const yaml_char_t *tag, yaml_mark_t at)
{
	static const char *const core[] = {"str", "int", "float", "bool", "null", "seq", "map"};
	static const char prefix[] = "tag:yaml.org,2002:";
	if (!tag)
		return;
	const char *t = (const char *)tag;
	if (strncmp(t, prefix, sizeof prefix - 1) == 0)
		for (size_t i = 0; i < sizeof core / sizeof *core; i++)
			if (strcmp(t + sizeof prefix - 1, core[i]) == 0)
				return;
	bool std = strncmp(t, prefix, sizeof prefix - 1) == 0;
	vita_buf shown = {0};
	buf_put_visible(&shown, std ? t + sizeof prefix - 1 : t, strlen(std ? t + sizeof prefix - 1 : t), false);
	vita_diag(r->d, VITA_WARNING, mark_pos(r, at),
	          "the YAML tag `%s%s` is ignored: vita reads the value as it is written", std ? "!!" : "",
	          buf_str(&shown));
	buf_free(&shown);
}

static void on_scalar(reader *r, yaml_event_t *ev, vita_node **root)
{
	check_tag(r, ev->data.scalar.tag, ev->start_mark);
	if (!count_nodes(r, 1, ev->start_mark))
		return;
	vita_node *n = arena_alloc(r->a, sizeof *n);
	n->kind = VITA_NODE_SCALAR;
	n->pos = mark_pos(r, ev->start_mark);
	n->len = ev->data.scalar.length;
	n->str = arena_strndup(r->a, (const char *)ev->data.scalar.value, n->len);
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
	if (memchr(n->str, '\0', n->len)) {
		vita_diag(r->d, VITA_ERROR, n->pos, "a NUL character (\\0) in a string");
		r->failed = true;
	} else
		check_scalar_controls(r, ev, n);
	if (ev->data.scalar.anchor)
		add_anchor(r, xstrdup((const char *)ev->data.scalar.anchor), n, 1);
	attach(r, n, root);
}

static void on_alias(reader *r, yaml_event_t *ev, vita_node **root)
{
	const anchor *an = find_anchor(r, (const char *)ev->data.alias.anchor);
	if (!an) {
		vita_diag(r->d, VITA_ERROR, mark_pos(r, ev->start_mark), "unknown alias '*%s'",
		          (const char *)ev->data.alias.anchor);
		r->failed = true;
		return;
	}
	if (!count_nodes(r, an->size, ev->start_mark))
		return;
	/* A scalar alias gets a node of its own at the alias, so that a duplicate key written
	 * through an alias (`&k name: Ada` … `*k : Bob`) is reported there (D3); collections
	 * stay shared (their size is what the node cap counts). */
	vita_node *target = an->node;
	if (target->kind == VITA_NODE_SCALAR) {
		vita_node *copy = arena_alloc(r->a, sizeof *copy);
		*copy = *target;
		copy->pos = mark_pos(r, ev->start_mark);
		target = copy;
	}
	attach(r, target, root);
}

static void on_collection_start(reader *r, yaml_event_t *ev)
{
	if (!count_nodes(r, 1, ev->start_mark))
		return;
	if (r->depth >= r->lim->max_depth) {
		vita_diag(r->d, VITA_ERROR, mark_pos(r, ev->start_mark), "nesting deeper than %zu levels",
		          r->lim->max_depth);
		r->failed = true;
		return;
	}
	if (r->depth == r->stack_cap) {
		r->stack_cap = r->stack_cap ? r->stack_cap * 2 : 16;
		r->stack = xrealloc(r->stack, r->stack_cap * sizeof *r->stack);
	}
	frame *f = &r->stack[r->depth++];
	memset(f, 0, sizeof *f);
	f->node = arena_alloc(r->a, sizeof *f->node);
	f->node->kind = ev->type == YAML_SEQUENCE_START_EVENT ? VITA_NODE_SEQ : VITA_NODE_MAP;
	f->node->pos = mark_pos(r, ev->start_mark);
	f->start = r->count - 1;
	const yaml_char_t *an = ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.anchor
	                                                              : ev->data.mapping_start.anchor;
	check_tag(r, ev->type == YAML_SEQUENCE_START_EVENT ? ev->data.sequence_start.tag : ev->data.mapping_start.tag,
	          ev->start_mark);
	f->anchor = an ? xstrdup((const char *)an) : NULL;
}

static void on_collection_end(reader *r, vita_node **root)
{
	frame *f = &r->stack[r->depth - 1];
	if (f->node->kind == VITA_NODE_MAP)
		finish_map(r, f);
	f->node->n = f->n;
	f->node->kids = arena_array(r->a, f->n, sizeof *f->node->kids);
	if (f->n)
		memcpy(f->node->kids, f->kids, f->n * sizeof *f->kids);
	free(f->kids);
	vita_node *n = f->node;
	char *anc = f->anchor;
	size_t size = r->count - f->start;
	r->depth--;
	add_anchor(r, anc, n, size);
	attach(r, n, root);
}

/* One event into the tree; false at the end of the stream. */
static bool on_event(reader *r, yaml_event_t *ev, int *docs, vita_node **root)
{
	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return false;
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1) {
			vita_diag(r->d, VITA_ERROR, mark_pos(r, ev->start_mark),
			          "a second YAML document ('---'); a CV file holds one document");
			r->failed = true;
		}
		break;
	case YAML_SCALAR_EVENT:
		on_scalar(r, ev, root);
		break;
	case YAML_ALIAS_EVENT:
		on_alias(r, ev, root);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		on_collection_start(r, ev);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		on_collection_end(r, root);
		break;
	default:
		break;
	}
	return true;
}

static void reader_free(reader *r)
{
	for (size_t i = 0; i < r->depth; i++) {
		free(r->stack[i].kids);
		free(r->stack[i].anchor);
	}
	free(r->stack);
	for (size_t i = 0; i < r->nanchors; i++)
		free(r->anchors[i].name);
	free(r->anchors);
	free(r->lines);
	strindex_free(&r->anchor_index);
}

vita_node *vita_yaml_parse(vita_arena *a, const char *path, const char *data, size_t len,
                           const vita_yaml_limits *lim, vita_diags *d)
{
	static const vita_yaml_limits defaults = {VITA_YAML_MAX_NODES, VITA_YAML_MAX_DEPTH};
	reader r = {.a = a, .d = d, .path = path, .data = data, .len = len, .lim = lim ? lim : &defaults};
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		vita_diag(d, VITA_ERROR, (vita_pos){path, 0, 0}, "cannot initialise the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	vita_node *root = NULL;
	int docs = 0;
	bool more = true;
	while (more && !r.failed) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			syntax_error(&r, &p);
			r.failed = true;
			break;
		}
		more = on_event(&r, &ev, &docs, &root);
		yaml_event_delete(&ev);
	}
	reader_free(&r);
	yaml_parser_delete(&p);
	if (r.failed || r.bad)
		return NULL;
	if (!root) {
		vita_diag(d, VITA_ERROR, (vita_pos){path, 1, 1}, "the file is empty: a CV needs at least `cv:`");
		return NULL;
	}
	return root;
}

vita_node *vita_node_copy(vita_arena *a, const vita_node *n)
{
	if (!n)
		return NULL;
	vita_node *c = arena_alloc(a, sizeof *c);
	*c = *n;
	if (n->kind == VITA_NODE_SCALAR) {
		c->str = arena_strndup(a, n->str, n->len);
		return c;
	}
	c->kids = arena_array(a, n->n ? n->n : 1, sizeof *c->kids);
	for (size_t i = 0; i < n->n; i++)
		c->kids[i] = vita_node_copy(a, n->kids[i]);
	return c;
}

const vita_node *vita_node_get(const vita_node *map, const char *key)
{
	if (!map || map->kind != VITA_NODE_MAP)
		return NULL;
	size_t kl = strlen(key);
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const vita_node *k = map->kids[i];
		if (k->kind == VITA_NODE_SCALAR && k->len == kl && memcmp(k->str, key, kl) == 0)
			return map->kids[i + 1];
	}
	return NULL;
}

bool vita_node_is_null(const vita_node *n)
{
	if (!n)
		return true;
	if (n->kind != VITA_NODE_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
	       strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

static bool is_number(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (!*s)
		return false;
	bool digits = false, dot = false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digits = true;
		else if (*s == '.' && !dot)
			dot = true;
		else if ((*s == 'e' || *s == 'E') && digits) {
			/* an exponent (1.5e3, JSON's and YAML 1.2's floats) */
			s++;
			if (*s == '-' || *s == '+')
				s++;
			if (!*s)
				return false;
			for (; *s; s++)
				if (*s < '0' || *s > '9')
					return false;
			return true;
		} else
			return false;
	}
	return digits;
}

const char *vita_node_type_name(const vita_node *n)
{
	if (!n)
		return "nothing";
	switch (n->kind) {
	case VITA_NODE_MAP: return "mapping";
	case VITA_NODE_SEQ: return "list";
	case VITA_NODE_SCALAR: break;
	}
	if (vita_node_is_null(n))
		return "null";
	if (n->plain) {
		static const char *bools[] = {"true", "false", "True", "False", "TRUE", "FALSE", "yes", "no"};
		for (size_t i = 0; i < sizeof bools / sizeof *bools; i++)
			if (strcmp(n->str, bools[i]) == 0)
				return "boolean";
		if (is_number(n->str))
			return "number";
	}
	return "string";
}
