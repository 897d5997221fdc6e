/*
 * The reader of Hugo Blox (Wowchemy, Hugo Academic) author profiles,
 * `content/authors/NAME/_index.md`: the front matter holds the person — `name` or `title`, `role`
 * and `organizations` (the headline), `interests`, `education.courses` (or the newer `education:`
 * list with dates, and `work:`), `social`/`profiles` links (e-mail, GitHub, LinkedIn, X, ORCID;
 * any other web link a custom contact), a short `bio` — and the body is the biography, read as a
 * homepage's Markdown (homepage.c).  Site machinery (superuser, user_groups, weight) is dropped;
 * any other key is listed as not imported.
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

static const char *const machinery[] = {"superuser", "user_groups", "highlight_name", "weight", "first_name",
                                        "last_name", "status", "name_pronunciation", "draft", "type",
                                        "layout", "avatar_image", NULL};

/* "PhD in Artificial Intelligence" → degree and area; a course without " in " is the area. */
static void course(imp *m, vita_entry *e, const vita_node *c)
{
	const char *s = imp_node_md(m, c);
	const char *in = strstr(s, " in ");
	if (in && in - s <= 24) {
		e->degree = imp_text(m, arena_strndup(m->L.a, s, (size_t)(in - s)), c->pos);
		e->area = imp_text(m, in + 4, c->pos);
	} else
		e->area = imp_text(m, s, c->pos);
}

static void dates(imp *m, vita_entry *e, const vita_node *map, const char *single, const char *start,
                  const char *end)
{
	const vita_node *y = single ? vita_node_get(map, single) : NULL;
	const vita_node *a = start ? vita_node_get(map, start) : NULL, *b = end ? vita_node_get(map, end) : NULL;
	if (is_str(y)) {
		size_t n;
		const char *s = imp_trim(y->str, &n);
		if (!imp_parse_range(s, n, e, y->pos))
			imp_date_words(m, e, s, n, y->pos);
	}
	if (is_str(a) || is_str(b)) {
		/* "2019-09-01" to "" (ongoing): 2019-09 – present; each end read on its own, since
		 * "2019-09 - 2020-12" is no range imp_parse_range can split */
		vita_date s = {0}, t = {0};
		bool ok = is_str(a) && imp_parse_date(a->str, a->len < 7 ? a->len : 7, &s);
		if (ok && is_str(b))
			ok = imp_parse_date(b->str, b->len < 7 ? b->len : 7, &t);
		else if (ok)
			t.kind = VITA_DATE_PRESENT;
		if (ok && t.kind == VITA_DATE_EXACT && s.kind == VITA_DATE_EXACT &&
		    s.year * 12 + (s.month ? s.month : 1) > t.year * 12 + (t.month ? t.month : 1)) { /* reversed: refused */
			vita_diag(m->L.d, VITA_WARNING, a->pos, "this start date is after its end date; both are listed as not imported");
			ok = false;
		}
		if (ok) {
			s.pos = a->pos;
			t.pos = is_str(b) ? b->pos : a->pos;
			e->start_date = s;
			e->end_date = t;
		} else {
			imp_unmapped_node(m, NULL, is_str(a) ? a : b);
			if (is_str(a) && is_str(b))
				imp_unmapped_node(m, NULL, b);
		}
	}
}

static void education(imp *m, const vita_node *ed, vita_pos pos)
{
	const vita_node *list = ed->kind == VITA_NODE_MAP ? vita_node_get(ed, "courses") : ed;
	if (ed->kind == VITA_NODE_MAP) {
		static const char *const taken[] = {"courses", NULL};
		imp_unmapped_keys(m, ed, taken, NULL);
	}
	if (!list || list->kind != VITA_NODE_SEQ || !list->n)
		return;
	vita_section *s = imp_section(m, "Education", pos, VITA_ENTRY_EDUCATION);
	for (size_t i = 0; i < list->n; i++) {
		const vita_node *c = list->kids[i], *in = vita_node_get(c, "institution");
		const vita_node *what = is_str(vita_node_get(c, "course")) ? vita_node_get(c, "course") : vita_node_get(c, "area");
		if (c->kind != VITA_NODE_MAP || !is_str(in) || !is_str(what)) {
			imp_unmapped_node(m, NULL, c);
			continue;
		}
		static const char *const taken[] = {"course", "area", "institution", "year", "date_start", "date_end",
		                                    "summary", NULL};
		imp_unmapped_keys(m, c, taken, NULL);
		vita_entry *e = imp_entry(m, s, c->pos);
		e->institution = imp_text(m, imp_node_md(m, in), in->pos);
		course(m, e, what);
		dates(m, e, c, "year", "date_start", "date_end");
		const vita_node *sum = vita_node_get(c, "summary");
		if (is_str(sum))
			e->summary = imp_text(m, imp_node_md(m, sum), sum->pos);
	}
	if (!s->nentries)
		m->L.cv->nsections--;
}

static void work(imp *m, const vita_node *list, vita_pos pos)
{
	if (list->kind != VITA_NODE_SEQ || !list->n)
		return;
	vita_section *s = imp_section(m, "Experience", pos, VITA_ENTRY_EXPERIENCE);
	for (size_t i = 0; i < list->n; i++) {
		const vita_node *w = list->kids[i], *p = vita_node_get(w, "position"), *c = vita_node_get(w, "company_name");
		if (w->kind != VITA_NODE_MAP || !is_str(p) || !is_str(c)) {
			imp_unmapped_node(m, NULL, w);
			continue;
		}
		static const char *const taken[] = {"position", "company_name", "company_url", "date_start",
		                                    "date_end", "summary", "company_logo", NULL};
		imp_unmapped_keys(m, w, taken, NULL);
		vita_entry *e = imp_entry(m, s, w->pos);
		e->position = imp_text(m, imp_node_md(m, p), p->pos);
		e->company = imp_text(m, imp_node_md(m, c), c->pos);
		dates(m, e, w, NULL, "date_start", "date_end");
		const vita_node *u = vita_node_get(w, "company_url");
		if (is_str(u) && !strncmp(u->str, "http", 4) && !strpbrk(u->str, " \t"))
			e->url = arena_strdup(m->L.a, u->str), e->url_pos = u->pos;
		const vita_node *sum = vita_node_get(w, "summary");
		if (is_str(sum))
			e->summary = imp_text(m, imp_node_md(m, sum), sum->pos);
	}
	if (!s->nentries)
		m->L.cv->nsections--;
}

/* The part of a link after a known prefix ("https://github.com/ana" → "ana"), or NULL. */
static const char *after(const char *link, const char *host)
{
	const char *p = strstr(link, host);
	if (!p)
		return NULL;
	p += strlen(host);
	size_t n = strcspn(p, "/?#");
	return n ? p : NULL;
}

/* One `social:` ({icon, link}) or `profiles:` ({icon, url, label}) item. */
static void social_item(imp *m, const vita_node *it)
{
	const vita_node *ln = is_str(vita_node_get(it, "link")) ? vita_node_get(it, "link") : vita_node_get(it, "url");
	const char *icon = imp_node_str(it, "icon"), *label = imp_node_str(it, "label");
	if (it->kind != VITA_NODE_MAP || !is_str(ln)) {
		imp_unmapped_node(m, NULL, it);
		return;
	}
	const char *link = ln->str, *u;
	icon = icon ? icon : "";
	if (!strncmp(link, "mailto:", 7))
		imp_email(m, link + 7, ln->pos);
	else if ((u = after(link, "github.com/")) != NULL)
		imp_github(m, arena_strndup(m->L.a, u, strcspn(u, "/?#")), ln->pos);
	else if ((strncmp(link, "https://", 8) && strncmp(link, "http://", 7)) || strpbrk(link, " \t") ||
	         strlen(link) > VITA_MAX_URL_BYTES)
		imp_unmapped_node(m, NULL, ln); /* a page of the site itself ("uploads/cv.pdf") */
	else if ((u = after(link, "linkedin.com/in/")) != NULL)
		imp_connection(m, VITA_CONN_SOCIAL, "LinkedIn", arena_strndup(m->L.a, u, strcspn(u, "/?#")),
		            arena_printf(m->L.a, "https://linkedin.com/in/%.*s", (int)strcspn(u, "/?#"), u), ln->pos);
	else if ((u = after(link, "orcid.org/")) != NULL)
		imp_connection(m, VITA_CONN_SOCIAL, "ORCID", arena_strndup(m->L.a, u, strcspn(u, "/?#")),
		            arena_printf(m->L.a, "https://orcid.org/%.*s", (int)strcspn(u, "/?#"), u), ln->pos);
	else if ((u = after(link, "twitter.com/")) != NULL || (u = after(link, "//x.com/")) != NULL)
		imp_connection(m, VITA_CONN_SOCIAL, "X", arena_strndup(m->L.a, u, strcspn(u, "/?#")),
		            arena_printf(m->L.a, "https://x.com/%.*s", (int)strcspn(u, "/?#"), u), ln->pos);
	else if (!strcmp(icon, "home") || !strcmp(icon, "globe") || !strcmp(icon, "link"))
		imp_website(m, link, ln->pos);
	else {
		size_t n;
		const char *shown = vita_url_shown(link, &n);
		const char *text = label ? label : strstr(link, "scholar.google") ? "Google Scholar" : arena_strndup(m->L.a, shown, n);
		vita_cv *cv = m->L.cv;
		bool dup = false;
		for (size_t i = 0; i < cv->nconnections && !dup; i++)
			dup = cv->connections[i].kind == VITA_CONN_CUSTOM && !strcmp(cv->connections[i].text, text);
		if (!dup)
			imp_connection(m, VITA_CONN_CUSTOM, *icon ? arena_strdup(m->L.a, icon) : NULL, arena_strdup(m->L.a, text),
			            arena_strdup(m->L.a, link), ln->pos);
	}
}

/* role and organizations: "Professor of Robotics, [Example University](https://…)" */
static void headline(imp *m, const vita_node *fm)
{
	const vita_node *role = vita_node_get(fm, "role"), *orgs = vita_node_get(fm, "organizations");
	vita_buf h = {0};
	if (is_str(role))
		buf_puts(&h, imp_node_md(m, role));
	for (size_t i = 0; orgs && orgs->kind == VITA_NODE_SEQ && i < orgs->n; i++) {
		const vita_node *o = orgs->kids[i];
		const char *name = imp_node_str(o, "name"), *url = imp_node_str(o, "url");
		if (!name) {
			imp_unmapped_node(m, NULL, o);
			continue;
		}
		buf_puts(&h, h.len ? ", " : "");
		if (url && !strncmp(url, "http", 4) && !strpbrk(url, " \t()[]"))
			buf_printf(&h, "[%s](%s)", name, url);
		else
			imp_md_escape(&h, name, strlen(name));
	}
	if (h.len && !m->L.cv->headline.md)
		m->L.cv->headline = imp_text(m, h.data, is_str(role) ? role->pos : orgs->pos);
	buf_free(&h);
}

static void name(imp *m, const vita_node *fm)
{
	const vita_node *n = is_str(vita_node_get(fm, "name")) ? vita_node_get(fm, "name") : vita_node_get(fm, "title");
	const char *first = imp_node_str(fm, "first_name"), *last = imp_node_str(fm, "last_name");
	if (m->L.cv->name.md)
		return;
	if (is_str(n))
		m->L.cv->name = imp_text(m, imp_node_md(m, n), n->pos);
	else if (first && last)
		m->L.cv->name = imp_text(m, arena_printf(m->L.a, "%s %s", first, last), vita_node_get(fm, "first_name")->pos);
}

static void lists(imp *m, const vita_node *fm, const char *body)
{
	const vita_node *in = vita_node_get(fm, "interests");
	if (in && in->kind == VITA_NODE_SEQ && in->n) {
		vita_section *s = imp_section(m, "Interests", in->pos, VITA_ENTRY_BULLET);
		for (size_t i = 0; i < in->n; i++)
			if (is_str(in->kids[i]))
				imp_entry(m, s, in->kids[i]->pos)->text = imp_text(m, imp_node_md(m, in->kids[i]), in->kids[i]->pos);
			else
				imp_unmapped_node(m, NULL, in->kids[i]);
	}
	const vita_node *ed = vita_node_get(fm, "education");
	if (ed)
		education(m, ed, ed->pos);
	const vita_node *wk = vita_node_get(fm, "work");
	if (wk)
		work(m, wk, wk->pos);
	const vita_node *bio = vita_node_get(fm, "bio");
	const char *b = imp_node_md(m, bio);
	if (b && !imp_words_in(b, body)) { /* the short bio, unless the body says it already */
		vita_section *s = imp_find_section(m, "Biography");
		if (!s)
			s = imp_section(m, "Biography", bio->pos, VITA_ENTRY_TEXT);
		imp_entry(m, s, bio->pos)->text = imp_text(m, b, bio->pos);
	}
}

bool imp_read_hugo_author(imp *m, const char *path, const char *data, size_t len)
{
	const vita_node *fm;
	size_t body;
	int line;
	if (!imp_front_matter(m, path, data, len, &fm, &body, &line))
		return false;
	if (!fm) {
		vita_diag(m->L.d, VITA_ERROR, (vita_pos){path, 1, 1},
		          "a Hugo author profile holds its fields in a front matter (---), and this file has none");
		return false;
	}
	name(m, fm);
	headline(m, fm);
	static const char *const social_keys[] = {"social", "profiles", NULL};
	for (size_t k = 0; social_keys[k]; k++) {
		const vita_node *soc = vita_node_get(fm, social_keys[k]);
		for (size_t i = 0; soc && soc->kind == VITA_NODE_SEQ && i < soc->n; i++)
			social_item(m, soc->kids[i]);
	}
	const char *email = imp_node_str(fm, "email");
	if (email)
		imp_email(m, email, vita_node_get(fm, "email")->pos);
	char *text = xstrndup(data + body, len - body);
	imp_read_markdown_body(m, path, text, line, "Biography");
	lists(m, fm, text);
	free(text);
	static const char *const taken[] = {"name", "title", "role", "organizations", "social", "profiles", "email",
	                                    "interests", "education", "work", "bio", NULL};
	imp_unmapped_keys(m, fm, taken, machinery);
	return true;
}
