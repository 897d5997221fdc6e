/*
 * The reader of academicpages' collections: one Markdown file per item, its fields in the front
 * matter — `_publications/NAME.md` (title, venue, date, paperurl, citation, excerpt) become
 * publication entries, `_talks/NAME.md` (title, type, venue, date, location) talk entries.  The
 * authors come from the `citation` (the text before its year or quoted title, owner marks kept);
 * the body, the page a visitor opens, is the summary when there is no excerpt.  Site machinery
 * (permalink, collection, category) is dropped; every other key is listed as not imported.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/import.h"
#include "load/inline.h"

static bool is_str(const vita_node *n)
{
	return n && n->kind == VITA_NODE_SCALAR && !vita_node_is_null(n) && n->len;
}

static const char *const machinery[] = {"collection", "permalink", "category", "layout", "author_profile",
                                        "share", "comments", "redirect_from", "published", NULL};

/* Which collection an item belongs to: its `collection:` key, else its folder. */
static bool is_talk(const vita_node *fm, const char *path)
{
	const char *c = imp_node_str(fm, "collection");
	if (c)
		return strcmp(c, "talks") == 0;
	return strstr(path, "_talks/") != NULL;
}

static void set_date(imp *m, vita_entry *e, const vita_node *n)
{
	if (!is_str(n))
		return;
	size_t len;
	const char *s = imp_trim(n->str, &len);
	vita_date d = {0};
	char *t = arena_strndup(m->L.a, s, len);
	if (parse_exact_date(t, &d) != NULL && imp_parse_range(s, len, e, n->pos))
		return; /* "2021 - 2022" */
	imp_date_words(m, e, s, len, n->pos);
}

static bool set_url(imp *m, vita_entry *e, const vita_node *n)
{
	if (!is_str(n) || (strncmp(n->str, "https://", 8) != 0 && strncmp(n->str, "http://", 7) != 0) ||
	    strpbrk(n->str, " \t\n") || n->len > VITA_MAX_URL_BYTES)
		return false;
	e->url = arena_strdup(m->L.a, n->str);
	e->url_pos = n->pos;
	return true;
}

/* The body as one paragraph of Markdown (Liquid and HTML comments out, HTML converted). */
static char *body_text(imp *m, const char *path, const char *body, int line)
{
	vita_buf raw = {0}, md = {0};
	for (const char *p = body; *p; p++) { /* Liquid and comments blanked */
		const char *close = !strncmp(p, "{%", 2) ? "%}" : !strncmp(p, "{{", 2) ? "}}"
		                                        : !strncmp(p, "<!--", 4) ? "-->" : NULL;
		if (close) {
			const char *e = strstr(p, close);
			if (!e)
				break;
			p = e + strlen(close) - 1;
			buf_putc(&raw, ' ');
			continue;
		}
		buf_putc(&raw, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
	}
	imp_html_to_md(raw.data ? raw.data : "", raw.len, &md, m->L.d, (vita_pos){path, line, 1});
	vita_buf out = {0};
	for (const char *p = buf_str(&md); *p; p++)
		if (*p != ' ' || (out.len && out.data[out.len - 1] != ' '))
			buf_putc(&out, *p);
	while (out.len && out.data[out.len - 1] == ' ')
		out.data[--out.len] = 0;
	char *s = out.len ? arena_strdup(m->L.a, out.data) : NULL;
	buf_free(&raw);
	buf_free(&md);
	buf_free(&out);
	return s;
}

/* True for "J.", "A. B.", "JD", "J.-P.": given names written as initials ("Doe, J."); "Ng" is a
 * name. */
static bool initials(const char *s)
{
	if (!*s)
		return false;
	for (const char *w = s; *w;) {
		size_t n = strcspn(w, " -");
		size_t letters = 0, upper = 0;
		for (size_t i = 0; i < n; i++)
			if (isalpha((unsigned char)w[i]))
				letters++, upper += isupper((unsigned char)w[i]) != 0;
		bool dot = n && w[n - 1] == '.';
		if (n && !(letters >= 1 && letters <= 2 && isupper((unsigned char)w[0]) && (dot || upper == letters)))
			return false;
		w += n;
		while (*w == ' ' || *w == '-')
			w++;
	}
	return true;
}

/* The authors of a citation: "Doe, J., Lima, A. and Chen, B. (2021). "Title." Venue." — the
 * text before the year or the quoted title, split at commas and "and", initials joined to the
 * family name before them. */
static void citation_authors(imp *m, vita_entry *e, const char *cit, vita_pos pos)
{
	const char *end = NULL;
	for (const char *p = cit; *p && !end; p++)
		if ((*p == '(' && isdigit((unsigned char)p[1])) || *p == '"' || !strncmp(p, "“", 3))
			end = p;
	if (!end || end == cit)
		return;
	char *list = arena_strndup(m->L.a, cit, (size_t)(end - cit));
	char *parts[256];
	size_t n = 0;
	for (char *p = list; *p && n < 256;) {
		size_t k = strcspn(p, ",;&");
		char *a = strstr(p, " and ");
		if (a && (size_t)(a - p) < k)
			k = (size_t)(a - p);
		char sep = p[k];
		p[k] = 0;
		size_t l;
		const char *t = imp_trim(p, &l);
		if (l >= 4 && !strncmp(t, "and ", 4))
			t += 4, l -= 4;
		while (l && (t[l - 1] == '.' && l > 1 && !initials(t)))
			l--;
		if (l)
			parts[n++] = arena_strndup(m->L.a, t, l);
		if (!sep)
			break;
		p += k + (a && p + k == a ? 5 : 1);
	}
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && initials(parts[i + 1]) && !initials(parts[i])) {
			imp_author(m, e, arena_printf(m->L.a, "%s, %s", parts[i], parts[i + 1]), pos);
			i++;
		} else
			imp_author(m, e, parts[i], pos);
	}
}

static void publication(imp *m, vita_section *s, const vita_node *fm, const char *path, const char *body,
                        int line)
{
	static const char *const taken[] = {"title", "venue", "date", "paperurl", "citation", "excerpt", "doi",
	                                    NULL};
	const vita_node *t = vita_node_get(fm, "title");
	vita_entry *e = imp_entry(m, s, t ? t->pos : fm->pos);
	e->title = imp_text(m, imp_node_md(m, t), t->pos);
	const vita_node *v = vita_node_get(fm, "venue");
	if (is_str(v))
		e->journal = imp_text(m, imp_node_md(m, v), v->pos);
	set_date(m, e, vita_node_get(fm, "date"));
	const vita_node *u = vita_node_get(fm, "paperurl"), *doi = vita_node_get(fm, "doi");
	if (is_str(u) && !set_url(m, e, u))
		imp_unmapped_node(m, NULL, u);
	if (is_str(doi) && valid_doi(doi->str)) {
		e->doi = arena_strdup(m->L.a, doi->str);
		e->doi_pos = doi->pos;
	} else if (is_str(doi))
		imp_unmapped_node(m, NULL, doi);
	const vita_node *c = vita_node_get(fm, "citation");
	const char *cit = imp_node_md(m, c);
	if (cit) {
		citation_authors(m, e, cit, c->pos);
		/* the rest repeats the title, venue and year, unless it says more: then it is listed */
		const char *hay = arena_printf(m->L.a, "%s %s %d %s", e->title.md ? e->title.md : "",
		                               e->journal.md ? e->journal.md : "", e->date.year,
		                               e->date.kind == VITA_DATE_TEXT ? e->date.text : "");
		vita_buf names = {0};
		for (size_t i = 0; i < e->nauthors; i++)
			buf_printf(&names, "%s ", e->authors[i].name.md);
		if (!imp_words_in(cit, arena_printf(m->L.a, "%s %s and et al", hay, buf_str(&names))))
			imp_unmapped_add(m, c->pos, arena_printf(m->L.a, "citation: %s", cit), strlen(cit) + 10);
		buf_free(&names);
	}
	const vita_node *x = vita_node_get(fm, "excerpt");
	char *b = body_text(m, path, body, line);
	if (is_str(x))
		e->summary = imp_text(m, imp_node_md(m, x), x->pos);
	if (b && !e->summary.md)
		e->summary = imp_text(m, b, (vita_pos){path, line, 1});
	else if (b && !imp_words_in(b, e->summary.md))
		imp_unmapped_add(m, (vita_pos){path, line, 1}, b, strlen(b));
	imp_unmapped_keys(m, fm, taken, machinery);
}

static void set_field(imp *m, vita_entry *e, const char *key, const char *md, vita_pos pos)
{
	e->fields = imp_grow(m, e->fields, e->nfields, sizeof *e->fields);
	vita_extra *x = &e->fields[e->nfields++];
	x->key = key;
	x->value = imp_text(m, md, pos);
}

static void talk(imp *m, vita_section *s, const vita_node *fm, const char *path, const char *body, int line)
{
	static const char *const taken[] = {"title", "venue", "date", "location", "type", "talkurl", "talk_url",
	                                    NULL};
	const vita_node *t = vita_node_get(fm, "title"), *v = vita_node_get(fm, "venue");
	const vita_node *ty = vita_node_get(fm, "type"), *loc = vita_node_get(fm, "location");
	vita_entry *e = imp_entry(m, s, t->pos);
	e->title = imp_text(m, imp_node_md(m, t), t->pos);
	/* the event is the venue; with none, the talk's type ("Keynote") says what it was */
	const vita_node *ev = is_str(v) ? v : is_str(ty) ? ty : NULL;
	set_field(m, e, "event", ev ? imp_node_md(m, ev) : "Talk", ev ? ev->pos : t->pos);
	if (is_str(ty) && ev != ty && strcasecmp(ty->str, "Talk") != 0)
		imp_unmapped_node(m, NULL, ty);
	if (is_str(loc))
		e->location = imp_text(m, imp_node_md(m, loc), loc->pos);
	set_date(m, e, vita_node_get(fm, "date"));
	const vita_node *u = vita_node_get(fm, "talkurl") ? vita_node_get(fm, "talkurl") : vita_node_get(fm, "talk_url");
	if (is_str(u) && !set_url(m, e, u))
		imp_unmapped_node(m, NULL, u);
	char *b = body_text(m, path, body, line);
	if (b)
		e->summary = imp_text(m, b, (vita_pos){path, line, 1});
	imp_unmapped_keys(m, fm, taken, machinery);
}

bool imp_read_collection_item(imp *m, const char *path, const char *data, size_t len)
{
	const vita_node *fm;
	size_t body;
	int line;
	if (!imp_front_matter(m, path, data, len, &fm, &body, &line))
		return false;
	if (!fm || !is_str(vita_node_get(fm, "title"))) {
		vita_diag(m->L.d, VITA_ERROR, (vita_pos){path, 1, 1},
		          "a collection item needs a front matter with its `title:`");
		return false;
	}
	bool tk = is_talk(fm, path);
	const char *title = tk ? "Talks" : "Publications";
	vita_entry_kind k = tk ? VITA_ENTRY_TALK : VITA_ENTRY_PUBLICATION;
	vita_section *s = imp_find_section(m, title);
	if (!s || s->kind != k)
		s = imp_section(m, title, vita_node_get(fm, "title")->pos, k);
	char *text = xstrndup(data + body, len - body);
	if (tk)
		talk(m, s, fm, path, text, line);
	else
		publication(m, s, fm, path, text, line);
	free(text);
	return true;
}
