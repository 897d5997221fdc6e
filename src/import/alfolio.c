/*
 * The reader of al-folio's `_data/cv.yml`, in both of its shapes:
 *   - the legacy one, a list of sections {title, type, contents}: `map` (name/value rows →
 *     one-line entries), `list` (strings → bullets), `time_table` (items with title, institution,
 *     year, description, or a year with items → education, experience, awards or normal entries
 *     by the section's title), `nested_list` (a title with items → normal entries);
 *   - the RenderCV one, a `cv:` mapping, which is read by vita's RenderCV loader (merge.c).
 * Values may hold inline HTML (al-folio prints them as HTML): it goes through libxml2 (html.c).
 * Every key no field takes is listed in the "not imported" comments.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "import/import.h"

static bool title_has(const char *title, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		for (const char *p = title; *p; p++)
			if (strncasecmp(p, words[i], strlen(words[i])) == 0)
				return true;
	return false;
}

/* The kind a time_table's items become, from its title. */
static vita_entry_kind table_kind(const char *title)
{
	static const char *const edu[] = {"education", "degree", "studies", NULL};
	static const char *const exp[] = {"experience", "employment", "position", "appointment", "work",
	                                  "career", NULL};
	static const char *const awd[] = {"award", "honor", "honour", "scholarship", "prize", "grant",
	                                  "fellowship", NULL};
	if (title_has(title, edu))
		return VITA_ENTRY_EDUCATION;
	if (title_has(title, exp))
		return VITA_ENTRY_EXPERIENCE;
	if (title_has(title, awd))
		return VITA_ENTRY_AWARD;
	return VITA_ENTRY_NORMAL;
}

static bool is_str(const vita_node *n)
{
	return n && n->kind == VITA_NODE_SCALAR && !vita_node_is_null(n) && n->len;
}

/* A `year:` value: a date or a range ("2019 - 2023", "2015-now"), else kept as words. */
static void set_year(imp *m, vita_entry *e, const vita_node *y)
{
	if (!is_str(y))
		return;
	size_t n;
	const char *s = imp_trim(y->str, &n);
	if (!imp_parse_range(s, n, e, y->pos))
		imp_date_words(m, e, s, n, y->pos);
}

static vita_highlight *add_children(imp *m, vita_highlight *h, const vita_node *list)
{
	for (size_t i = 0; list && list->kind == VITA_NODE_SEQ && i < list->n; i++) {
		const char *md = is_str(list->kids[i]) ? imp_node_md(m, list->kids[i]) : NULL;
		if (!md) {
			imp_unmapped_node(m, NULL, list->kids[i]);
			continue;
		}
		h->children = imp_grow(m, h->children, h->nchildren, sizeof *h->children);
		vita_highlight *c = &h->children[h->nchildren++];
		memset(c, 0, sizeof *c);
		c->text = imp_text(m, md, list->kids[i]->pos);
	}
	return h;
}

/* `description:` a string (the summary) or a list of strings and {title, contents} sub-lists. */
static void description(imp *m, vita_entry *e, const vita_node *d)
{
	if (is_str(d)) {
		e->summary = imp_text(m, imp_node_md(m, d), d->pos);
		return;
	}
	for (size_t i = 0; d && d->kind == VITA_NODE_SEQ && i < d->n; i++) {
		const vita_node *it = d->kids[i];
		if (is_str(it))
			imp_highlight(m, e, imp_node_md(m, it), it->pos);
		else if (it->kind == VITA_NODE_MAP && is_str(vita_node_get(it, "title"))) {
			size_t before = e->nhighlights;
			imp_highlight(m, e, imp_node_md(m, vita_node_get(it, "title")), it->pos);
			if (e->nhighlights > before)
				add_children(m, &e->highlights[e->nhighlights - 1], vita_node_get(it, "contents"));
			for (size_t k = 0; k + 1 < it->n; k += 2)
				if (strcmp(it->kids[k]->str, "title") && strcmp(it->kids[k]->str, "contents"))
					imp_unmapped_node(m, it->kids[k], it->kids[k + 1]);
		} else
			imp_unmapped_node(m, NULL, it);
	}
	if (d && d->kind == VITA_NODE_MAP)
		imp_unmapped_node(m, NULL, d);
}

/* "PhD in Physics" → degree PhD, area Physics; "PhD" with a description's first line as area. */
static void degree_area(imp *m, vita_entry *e, const char *title, vita_pos pos)
{
	const char *in = strstr(title, " in ");
	if (in && in - title <= 24) {
		char *deg = arena_strndup(m->L.a, title, (size_t)(in - title));
		e->degree = imp_text(m, deg, pos);
		e->area = imp_text(m, in + 4, pos);
	} else if (strlen(title) <= 12 && e->nhighlights) { /* "MSc" + "Physics & Astronomy" */
		e->degree = imp_text(m, title, pos);
		e->area = e->highlights[0].text;
		memmove(e->highlights, e->highlights + 1, --e->nhighlights * sizeof *e->highlights);
	} else
		e->area = imp_text(m, title, pos);
}

/* Whether every item of a time_table can be of kind k (a section holds one kind). */
static bool table_fits(const vita_node *contents, vita_entry_kind k)
{
	for (size_t i = 0; i < contents->n; i++) {
		const vita_node *it = contents->kids[i];
		if (it->kind != VITA_NODE_MAP)
			return false;
		bool title = is_str(vita_node_get(it, "title")), inst = is_str(vita_node_get(it, "institution"));
		const vita_node *in = vita_node_get(it, "items");
		bool items = in && in->kind == VITA_NODE_SEQ, year = is_str(vita_node_get(it, "year"));
		if ((k == VITA_ENTRY_EDUCATION || k == VITA_ENTRY_EXPERIENCE) && (!title || !inst || items))
			return false;
		if (k == VITA_ENTRY_AWARD && !(items && year) && !(title && (year || inst)))
			return false;
		if (k == VITA_ENTRY_NORMAL && !title && !items)
			return false;
	}
	return true;
}

static void table_item(imp *m, vita_section *s, const vita_node *it)
{
	static const char *const taken[] = {"title", "institution", "year", "description", "items", NULL};
	const vita_node *title = vita_node_get(it, "title"), *inst = vita_node_get(it, "institution");
	const vita_node *items = vita_node_get(it, "items"), *year = vita_node_get(it, "year");
	imp_unmapped_keys(m, it, taken, NULL);
	if (items && items->kind == VITA_NODE_SEQ && !is_str(title)) { /* {year, items: [...]} */
		for (size_t i = 0; i < items->n; i++) {
			if (!is_str(items->kids[i])) {
				imp_unmapped_node(m, NULL, items->kids[i]);
				continue;
			}
			vita_entry *e = imp_entry(m, s, items->kids[i]->pos);
			const char *md = imp_node_md(m, items->kids[i]);
			if (s->kind == VITA_ENTRY_AWARD)
				e->title = imp_text(m, md, items->kids[i]->pos);
			else
				e->name = imp_text(m, md, items->kids[i]->pos);
			set_year(m, e, year);
		}
		return;
	}
	if (!is_str(title)) { /* table_fits lets none through; kept, not lost, all the same */
		imp_unmapped_node(m, NULL, it);
		return;
	}
	vita_entry *e = imp_entry(m, s, it->pos);
	const char *t = imp_node_md(m, title), *in = imp_node_md(m, inst);
	set_year(m, e, year);
	description(m, e, vita_node_get(it, "description"));
	if (items)
		imp_unmapped_node(m, NULL, items);
	switch (s->kind) {
	case VITA_ENTRY_EDUCATION:
		e->institution = imp_text(m, in, inst->pos);
		degree_area(m, e, t, title->pos);
		break;
	case VITA_ENTRY_EXPERIENCE:
		e->position = imp_text(m, t, title->pos);
		e->company = imp_text(m, in, inst->pos);
		break;
	case VITA_ENTRY_AWARD:
		e->title = imp_text(m, t, title->pos);
		if (in)
			e->awarder = imp_text(m, in, inst->pos);
		break;
	default:
		e->name = imp_text(m, t, title->pos);
		if (in)
			e->location = imp_text(m, in, inst->pos);
	}
}

static void time_table(imp *m, const char *title, vita_pos pos, const vita_node *contents)
{
	vita_entry_kind k = table_kind(title);
	if (!table_fits(contents, k))
		k = VITA_ENTRY_NORMAL;
	if (!table_fits(contents, k)) { /* items of no shape vita knows: kept as text */
		for (size_t i = 0; i < contents->n; i++)
			imp_unmapped_node(m, NULL, contents->kids[i]);
		return;
	}
	vita_section *s = imp_section(m, title, pos, k);
	for (size_t i = 0; i < contents->n; i++)
		table_item(m, s, contents->kids[i]);
}

/* `map`: name/value rows; "Full Name" names the CV, "Email" is its e-mail. */
static void map_rows(imp *m, const char *title, vita_pos pos, const vita_node *contents)
{
	vita_section *s = NULL;
	for (size_t i = 0; i < contents->n; i++) {
		const vita_node *it = contents->kids[i], *n = vita_node_get(it, "name"), *v = vita_node_get(it, "value");
		if (it->kind != VITA_NODE_MAP || !is_str(n) || !is_str(v)) {
			imp_unmapped_node(m, NULL, it);
			continue;
		}
		static const char *const taken[] = {"name", "value", NULL};
		imp_unmapped_keys(m, it, taken, NULL);
		if (!m->L.cv->name.md && (strcasecmp(n->str, "Full Name") == 0 || strcasecmp(n->str, "Name") == 0)) {
			m->L.cv->name = imp_text(m, imp_node_md(m, v), v->pos);
			continue;
		}
		if (strcasecmp(n->str, "Email") == 0 && valid_email(v->str)) {
			imp_email(m, v->str, v->pos);
			continue;
		}
		if (!s)
			s = imp_section(m, title, pos, VITA_ENTRY_ONELINE);
		vita_entry *e = imp_entry(m, s, it->pos);
		e->label = imp_text(m, imp_node_md(m, n), n->pos);
		e->details = imp_text(m, imp_node_md(m, v), v->pos);
	}
}

static void plain_list(imp *m, const char *title, vita_pos pos, const vita_node *contents, bool nested)
{
	vita_section *s = imp_section(m, title, pos, nested ? VITA_ENTRY_NORMAL : VITA_ENTRY_BULLET);
	for (size_t i = 0; i < contents->n; i++) {
		const vita_node *it = contents->kids[i];
		if (!nested && is_str(it)) {
			imp_entry(m, s, it->pos)->text = imp_text(m, imp_node_md(m, it), it->pos);
			continue;
		}
		const vita_node *t = vita_node_get(it, "title");
		if (!nested || it->kind != VITA_NODE_MAP || !is_str(t)) {
			imp_unmapped_node(m, NULL, it);
			continue;
		}
		static const char *const taken[] = {"title", "items", NULL};
		imp_unmapped_keys(m, it, taken, NULL);
		vita_entry *e = imp_entry(m, s, it->pos);
		e->name = imp_text(m, imp_node_md(m, t), t->pos);
		const vita_node *items = vita_node_get(it, "items");
		for (size_t j = 0; items && items->kind == VITA_NODE_SEQ && j < items->n; j++)
			if (is_str(items->kids[j]))
				imp_highlight(m, e, imp_node_md(m, items->kids[j]), items->kids[j]->pos);
			else
				imp_unmapped_node(m, NULL, items->kids[j]);
	}
	if (!s->nentries)
		m->L.cv->nsections--; /* nothing of it was usable: listed above instead */
}

static void legacy_section(imp *m, const vita_node *sec)
{
	const vita_node *t = vita_node_get(sec, "title"), *ty = vita_node_get(sec, "type");
	const vita_node *c = vita_node_get(sec, "contents");
	static const char *const taken[] = {"title", "type", "contents", NULL};
	if (sec->kind != VITA_NODE_MAP || !is_str(t) || !c || c->kind != VITA_NODE_SEQ || !c->n) {
		imp_unmapped_node(m, NULL, sec);
		return;
	}
	imp_unmapped_keys(m, sec, taken, NULL);
	const char *type = is_str(ty) ? ty->str : "";
	const char *title = imp_node_md(m, t);
	if (strcmp(type, "time_table") == 0)
		time_table(m, title, t->pos, c);
	else if (strcmp(type, "map") == 0)
		map_rows(m, title, t->pos, c);
	else if (strcmp(type, "list") == 0 || strcmp(type, "nested_list") == 0)
		plain_list(m, title, t->pos, c, type[0] == 'n');
	else {
		vita_diag(m->L.d, VITA_WARNING, ty ? ty->pos : sec->pos,
		          "section type \"%s\" is not one al-folio defines (map, list, time_table, nested_list); "
		          "its contents are listed as not imported",
		          type);
		imp_unmapped_node(m, t, c);
	}
}

/* The RenderCV shape: `cv:` (and `design:`, `locale:`, `settings:`, which a CV of vita's own
 * takes; an import keeps only the CV's content). */
static bool rendercv_shape(imp *m, const char *path, const char *data, size_t len, const vita_node *root)
{
	size_t errors = vita_diags_count(m->L.d, VITA_ERROR);
	const vita_node *c = vita_node_get(root, "cv");
	if (c->kind != VITA_NODE_MAP) {
		vita_diag(m->L.d, VITA_ERROR, c->pos, "`cv:` must be a mapping (name, sections, …), not a %s",
		          vita_node_type_name(c));
		return false;
	}
	imp_scratch s;
	imp_scratch_begin(m, &s, path, data, len);
	size_t w = where_push_key(&s.L, "cv");
	load_header(&s.L, c); /* src/load/header.c: RenderCV's cv: */
	where_pop(&s.L, w);
	finish_cv(&s.L);
	imp_scratch_merge(m, &s);
	for (size_t i = 0; i + 1 < root->n; i += 2)
		if (strcmp(root->kids[i]->str, "cv") != 0)
			vita_diag(m->L.d, VITA_NOTE, root->kids[i]->pos,
			          "`%s` is not imported: vita import writes the CV's content (name it again in the "
			          "imported file)",
			          root->kids[i]->str);
	return vita_diags_count(m->L.d, VITA_ERROR) == errors;
}

bool imp_read_alfolio_cv(imp *m, const char *path, const char *data, size_t len)
{
	vita_node *root = vita_yaml_parse(m->L.a, path, data, len, NULL, m->L.d);
	if (!root)
		return false;
	if (root->kind == VITA_NODE_MAP && vita_node_get(root, "cv"))
		return rendercv_shape(m, path, data, len, root);
	if (root->kind != VITA_NODE_SEQ) {
		vita_diag(m->L.d, VITA_ERROR, root->pos,
		          "al-folio's cv.yml is a list of sections ({title, type, contents}) or a RenderCV `cv:` "
		          "mapping, not a %s",
		          vita_node_type_name(root));
		return false;
	}
	for (size_t i = 0; i < root->n; i++)
		legacy_section(m, root->kids[i]);
	return true;
}
