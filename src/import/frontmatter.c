/*
 * What the readers of a site's parts share about YAML: a Markdown file's front matter (the block
 * between two "---" lines, read with vita's YAML reader so that its errors are path:line:col),
 * scalar values by key, values holding inline HTML as Markdown, and the keys no field took, kept
 * verbatim for the "not imported" comments.
 */
#include <stdlib.h>
#include <string.h>

#include "import/import.h"

/* The byte after the closing "---" line, 0 when the file has no front matter; *open says whether
 * it starts like one. */
static size_t front_end(const char *data, size_t len, bool *open)
{
	*open = len >= 3 && strncmp(data, "---", 3) == 0 && (len == 3 || data[3] == '\n' || data[3] == '\r');
	if (!*open)
		return 0;
	for (const char *p = memchr(data, '\n', len); p && p + 1 < data + len;
	     p = memchr(p + 1, '\n', (size_t)(data + len - p - 1))) {
		size_t rest = (size_t)(data + len - p - 1);
		if (rest >= 3 && strncmp(p + 1, "---", 3) == 0 &&
		    (rest == 3 || p[4] == '\n' || p[4] == '\r')) {
			const char *e = memchr(p + 1, '\n', rest);
			return e ? (size_t)(e + 1 - data) : len;
		}
	}
	return 0;
}

bool imp_front_matter(imp *m, const char *path, const char *data, size_t len, const vita_node **fm,
                      size_t *body, int *body_line)
{
	bool open;
	size_t end = front_end(data, len, &open);
	*fm = NULL;
	*body = 0;
	*body_line = 1;
	if (open && !end) {
		vita_diag(m->L.d, VITA_ERROR, (vita_pos){path, 1, 1},
		          "the front matter that starts here has no closing \"---\" line");
		return false;
	}
	if (!end)
		return true;
	size_t yl = end; /* up to the closing "---" line */
	while (yl && data[yl - 1] != '-')
		yl--;
	yl = yl >= 3 ? yl - 3 : 0;
	/* the opening "---" is blanked rather than cut, so that lines and columns stay the file's */
	char *y = xstrndup(data, yl);
	memset(y, ' ', 3);
	bool blank = true;
	for (size_t i = 0; i < yl && blank; i++)
		blank = y[i] == ' ' || y[i] == '\n' || y[i] == '\r' || y[i] == '\t';
	if (!blank) {
		*fm = vita_yaml_parse(m->L.a, path, y, yl, NULL, m->L.d);
		if (!*fm) {
			free(y);
			return false;
		}
	}
	free(y);
	if (*fm && (*fm)->kind != VITA_NODE_MAP) {
		vita_diag(m->L.d, VITA_ERROR, (*fm)->pos, "the front matter must be a mapping of keys, not a %s",
		          vita_node_type_name(*fm));
		return false;
	}
	*body = end;
	for (size_t i = 0; i < end; i++)
		*body_line += data[i] == '\n';
	return true;
}

const char *imp_node_str(const vita_node *map, const char *key)
{
	const vita_node *n = map && map->kind == VITA_NODE_MAP ? vita_node_get(map, key) : NULL;
	return n && n->kind == VITA_NODE_SCALAR && !vita_node_is_null(n) && n->len ? n->str : NULL;
}

const char *imp_node_md(imp *m, const vita_node *n)
{
	if (!n || n->kind != VITA_NODE_SCALAR || vita_node_is_null(n))
		return NULL;
	if (!strpbrk(n->str, "<&"))
		return n->str;
	vita_buf b = {0};
	vita_pos at = n->pos;
	at.col += !n->plain; /* past the opening quote */
	imp_html_to_md(n->str, n->len, &b, m->L.d, at);
	char *s = arena_strdup(m->L.a, buf_str(&b));
	buf_free(&b);
	return s;
}

static void flatten(vita_buf *b, const vita_node *v, int depth)
{
	if (v->kind == VITA_NODE_SCALAR) {
		buf_put(b, v->str, v->len);
		return;
	}
	for (size_t i = 0; i < v->n && depth < 16; i++) {
		if (v->kind == VITA_NODE_MAP && i % 2) {
			buf_puts(b, ": ");
			flatten(b, v->kids[i], depth + 1);
			continue;
		}
		if (i)
			buf_puts(b, v->kind == VITA_NODE_MAP ? "; " : ", ");
		flatten(b, v->kids[i], depth + 1);
	}
}

void imp_unmapped_node(imp *m, const vita_node *key, const vita_node *v)
{
	if (!v || vita_node_is_null(v))
		return;
	vita_buf b = {0};
	if (key) {
		buf_put(&b, key->str, key->len);
		buf_puts(&b, ": ");
	}
	flatten(&b, v, 0);
	imp_unmapped_add(m, key ? key->pos : v->pos, buf_str(&b), b.len);
	buf_free(&b);
}

void imp_date_words(imp *m, vita_entry *e, const char *s, size_t n, vita_pos pos)
{
	char *t = arena_strndup(m->L.a, s, n);
	vita_date d = {0};
	const char *why = parse_exact_date(t, &d);
	if (!why) { /* YYYY, YYYY-MM, YYYY-MM-DD */
		d.pos = pos;
		e->date = d;
		return;
	}
	if (*why) { /* a date's shape with a bad part ("2021-06-00"): the loader would refuse it */
		vita_diag(m->L.d, VITA_WARNING, pos, "\"%s\" is not a valid date (%s); it is listed as not imported", t, why);
		imp_unmapped_add(m, pos, arena_printf(m->L.a, "date: %s", t), n + 6);
		return;
	}
	e->date.kind = VITA_DATE_TEXT; /* "Fall 2023", "2015–" */
	e->date.text = t;
	e->date.pos = pos;
}

static bool listed(const char *k, const char *const *names)
{
	for (size_t i = 0; names && names[i]; i++)
		if (strcmp(k, names[i]) == 0)
			return true;
	return false;
}

void imp_unmapped_keys(imp *m, const vita_node *map, const char *const *taken, const char *const *also)
{
	for (size_t k = 0; map && map->kind == VITA_NODE_MAP && k + 1 < map->n; k += 2)
		if (!listed(map->kids[k]->str, taken) && !listed(map->kids[k]->str, also))
			imp_unmapped_node(m, map->kids[k], map->kids[k + 1]);
}
