/*
 * The reader of Hugo Blox (Wowchemy) publication pages, `content/publication/NAME/index.md`: the
 * front matter is the entry — `title`, `authors` (the list of names, where an author profile's
 * folder name such as `admin` stands for the site owner), `date` (an ISO date-time), `publication`
 * (the venue, Markdown, "In *X*"), `doi`, `url_pdf`, `abstract` or `summary`.  The site's page
 * machinery (publishDate, publication_types, featured, tags, image, the other url_* buttons) is
 * dropped; any other key, and a body that says more than the abstract, is listed as not imported.
 */
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "load/inline.h"

static bool is_str(const vita_node *n)
{
	return n && n->kind == VITA_NODE_SCALAR && !vita_node_is_null(n) && n->len;
}

static bool machinery(const char *k)
{
	static const char *const keys[] = {"publishDate", "publication_types", "featured", "tags", "categories",
	                                   "projects", "image", "slides", "draft", "weight", "links", "lastmod",
	                                   "publication_short", "url_pdf", "doi", "title", "authors", "date",
	                                   "publication", "abstract", "summary", "author_notes", NULL};
	if (!strncmp(k, "url_", 4))
		return true; /* the page's buttons (code, slides, video): links, not words */
	for (size_t i = 0; keys[i]; i++)
		if (strcmp(k, keys[i]) == 0)
			return true;
	return false;
}

/* "In *Proceedings of X*" → "*Proceedings of X*". */
static const char *venue(imp *m, const vita_node *n)
{
	const char *s = imp_node_md(m, n);
	if (s && !strncmp(s, "In ", 3))
		s += 3;
	return s;
}

static void authors(imp *m, vita_entry *e, const vita_node *list, const char *owner_folder)
{
	for (size_t i = 0; list && list->kind == VITA_NODE_SEQ && i < list->n; i++) {
		const vita_node *a = list->kids[i];
		if (!is_str(a)) {
			imp_unmapped_node(m, NULL, a);
			continue;
		}
		/* the owner's profile folder ("admin") is the owner: written **Name** when the CV has one */
		if (owner_folder && strcmp(a->str, owner_folder) == 0 && m->L.cv->name.md)
			imp_author(m, e, arena_printf(m->L.a, "**%s**", m->L.cv->name.md), a->pos);
		else
			imp_author(m, e, a->str, a->pos);
	}
}

bool imp_read_hugo_publication(imp *m, const char *path, const char *data, size_t len)
{
	const char *owner_folder = m->owner_folder;
	const vita_node *fm;
	size_t body;
	int line;
	if (!imp_front_matter(m, path, data, len, &fm, &body, &line))
		return false;
	const vita_node *t = fm ? vita_node_get(fm, "title") : NULL;
	if (!is_str(t)) {
		vita_diag(m->L.d, VITA_ERROR, (vita_pos){path, 1, 1},
		          "a Hugo publication page needs a front matter with its `title:`");
		return false;
	}
	vita_section *s = imp_find_section(m, "Publications");
	if (!s || s->kind != VITA_ENTRY_PUBLICATION)
		s = imp_section(m, "Publications", t->pos, VITA_ENTRY_PUBLICATION);
	vita_entry *e = imp_entry(m, s, t->pos);
	e->title = imp_text(m, imp_node_md(m, t), t->pos);
	authors(m, e, vita_node_get(fm, "authors"), owner_folder);
	const vita_node *v = vita_node_get(fm, "publication"), *d = vita_node_get(fm, "date");
	if (is_str(v))
		e->journal = imp_text(m, venue(m, v), v->pos);
	if (is_str(d)) /* "2013-07-01T00:00:00Z": the day */
		imp_date_words(m, e, d->str, d->len > 10 ? 10 : d->len, d->pos);
	const vita_node *doi = vita_node_get(fm, "doi"), *pdf = vita_node_get(fm, "url_pdf");
	if (is_str(doi) && valid_doi(doi->str))
		e->doi = arena_strdup(m->L.a, doi->str), e->doi_pos = doi->pos;
	else if (is_str(doi))
		imp_unmapped_node(m, NULL, doi);
	if (is_str(pdf) && !strncmp(pdf->str, "http", 4) && !strpbrk(pdf->str, " \t") && pdf->len <= VITA_MAX_URL_BYTES)
		e->url = arena_strdup(m->L.a, pdf->str), e->url_pos = pdf->pos;
	const vita_node *ab = is_str(vita_node_get(fm, "abstract")) ? vita_node_get(fm, "abstract") : vita_node_get(fm, "summary");
	if (is_str(ab))
		e->summary = imp_text(m, imp_node_md(m, ab), ab->pos);
	const vita_node *sum = vita_node_get(fm, "summary");
	if (ab != sum && is_str(sum) && !imp_words_in(sum->str, e->summary.md)) /* a short summary beside it */
		imp_unmapped_node(m, NULL, sum);
	size_t n;
	const char *b = imp_trim(data + body, &n);
	if (n && !(e->summary.md && imp_words_in(arena_strndup(m->L.a, b, n), e->summary.md)))
		imp_unmapped_add(m, (vita_pos){path, line, 1}, b, n);
	for (size_t k = 0; k + 1 < fm->n; k += 2)
		if (!machinery(fm->kids[k]->str))
			imp_unmapped_node(m, fm->kids[k], fm->kids[k + 1]);
	return true;
}
