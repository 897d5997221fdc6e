/*
 * Merging the parts of one person's profile (src/import/site.c reads a site as several files):
 * parts that are already in a CV format vita loads — al-folio's RenderCV-shaped _data/cv.yml, a
 * JSON Resume — are read by vita's own loader (src/load/) into a scratch CV that lives in the
 * import's arena, then merged into the CV being imported; contacts are kept once each, in the order
 * the writer writes them; publications that two parts both list (the about page and papers.bib)
 * are kept once, by their title.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "import/import.h"
#include "load/json.h"

void imp_scratch_begin(imp *m, imp_scratch *s, const char *path, const char *data, size_t len)
{
	memset(s, 0, sizeof *s);
	s->cv.arena = m->L.a;
	s->cv.path = path;
	s->cv.locale = m->L.cv->locale;
	s->cv.settings = m->L.cv->settings;
	s->L = (loader){.a = m->L.a, .d = m->L.d, .cv = &s->cv, .path = path, .start_key = "start_date",
	                .end_key = "end_date", .data = data, .len = len, .nentries = m->L.nentries,
	                .match_owner = true};
}

/* An ORCID iD as the loader takes it: XXXX-XXXX-XXXX-XXXX, digits, the last may be X. */
static bool orcid_ok(const char *u)
{
	if (strlen(u) != 19)
		return false;
	for (int i = 0; i < 19; i++)
		if (i % 5 == 4 ? u[i] != '-' : !((u[i] >= '0' && u[i] <= '9') || (i == 18 && u[i] == 'X')))
			return false;
	return true;
}

void imp_connection(imp *m, vita_conn_kind k, const char *net, const char *text, const char *url, vita_pos pos)
{
	vita_cv *cv = m->L.cv;
	if (k == VITA_CONN_SOCIAL && (strpbrk(text, " \t") || (!strcmp(net, "ORCID") && !orcid_ok(text)))) {
		vita_diag(m->L.d, VITA_WARNING, pos, "\"%s\" is not a %s username vita reads; it is listed as not imported",
		          text, net);
		imp_unmapped_add(m, pos, url ? url : text, strlen(url ? url : text));
		return;
	}
	for (size_t i = 0; i < cv->nconnections; i++)
		if (k == VITA_CONN_SOCIAL && cv->connections[i].kind == k && !strcmp(cv->connections[i].network, net))
			return; /* one account per network */
	cv->connections = imp_grow(m, cv->connections, cv->nconnections, sizeof *cv->connections);
	vita_connection *c = &cv->connections[cv->nconnections++];
	memset(c, 0, sizeof *c);
	c->kind = k;
	c->network = net;
	c->text = text;
	c->url = url;
	c->pos = pos;
}

void imp_append_entry(imp *m, vita_section *s, const vita_entry *e)
{
	s->entries = imp_grow(m, s->entries, s->nentries, sizeof *s->entries);
	s->entries[s->nentries++] = *e;
}

void imp_location(imp *m, const char *md, vita_pos pos)
{
	vita_cv *cv = m->L.cv;
	if (!md || !*md)
		return;
	if (cv->location.md) { /* the first part's stays; another one is not dropped silently */
		if (strcmp(cv->location.md, md) != 0)
			imp_unmapped_add(m, pos, arena_printf(m->L.a, "location: %s", md), strlen(md) + 10);
		return;
	}
	cv->location = imp_text(m, md, pos);
	cv->connections = imp_grow(m, cv->connections, cv->nconnections, sizeof *cv->connections);
	vita_connection *c = &cv->connections[cv->nconnections++];
	memset(c, 0, sizeof *c);
	c->kind = VITA_CONN_LOCATION;
	c->text = cv->location.md;
	c->pos = pos;
}

/* Whether the CV has this contact already: one location, e-mail, phone and website (the first
 * part's), one account per network, one custom contact per text. */
static bool has_connection(const vita_cv *cv, const vita_connection *c)
{
	for (size_t i = 0; i < cv->nconnections; i++) {
		const vita_connection *o = &cv->connections[i];
		if (o->kind != c->kind)
			continue;
		if (c->kind == VITA_CONN_SOCIAL && strcasecmp(o->network, c->network) != 0)
			continue;
		if (c->kind == VITA_CONN_CUSTOM && strcmp(o->text ? o->text : "", c->text ? c->text : "") != 0)
			continue;
		return true;
	}
	return false;
}

static void merge_connections(imp *m, const vita_cv *from)
{
	vita_cv *cv = m->L.cv;
	for (size_t i = 0; i < from->nconnections; i++) {
		const vita_connection *c = &from->connections[i];
		if (c->kind == VITA_CONN_LOCATION || has_connection(cv, c))
			continue; /* the location comes with cv.location below */
		cv->connections = imp_grow(m, cv->connections, cv->nconnections, sizeof *cv->connections);
		cv->connections[cv->nconnections++] = *c;
	}
}

static vita_section *same_section(imp *m, const vita_section *s)
{
	vita_cv *cv = m->L.cv;
	for (size_t i = 0; i < cv->nsections; i++)
		if (cv->sections[i].kind == s->kind && cv->sections[i].title.md && s->title.md &&
		    strcasecmp(cv->sections[i].title.md, s->title.md) == 0)
			return &cv->sections[i];
	return NULL;
}

void imp_scratch_merge(imp *m, imp_scratch *s)
{
	vita_cv *cv = m->L.cv, *from = &s->cv;
	free(s->L.lines);
	s->L.lines = NULL;
	m->L.nentries = s->L.nentries;
	if (!cv->name.md)
		cv->name = from->name;
	if (!cv->headline.md)
		cv->headline = from->headline;
	if (from->location.md)
		imp_location(m, from->location.md, from->location.pos);
	merge_connections(m, from);
	for (size_t i = 0; i < from->nsections; i++) {
		const vita_section *fs = &from->sections[i];
		if (!fs->nentries)
			continue;
		vita_section *to = same_section(m, fs);
		if (!to)
			to = imp_section(m, fs->title.md, fs->pos, fs->kind);
		for (size_t j = 0; j < fs->nentries; j++)
			imp_append_entry(m, to, &fs->entries[j]);
	}
}

bool imp_read_jsonresume(imp *m, const char *path, const char *data, size_t len)
{
	size_t errors = vita_diags_count(m->L.d, VITA_ERROR);
	vita_node *root = vita_json_parse(m->L.a, path, data, len, NULL, m->L.d);
	if (!root)
		return false;
	if (root->kind != VITA_NODE_MAP) {
		vita_diag(m->L.d, VITA_ERROR, root->pos, "a JSON Resume is an object (basics, work, …), not a %s",
		          vita_node_type_name(root));
		return false;
	}
	imp_scratch s;
	imp_scratch_begin(m, &s, path, data, len);
	s.L.start_key = "startDate";
	s.L.end_key = "endDate";
	load_jsonresume(&s.L, root);
	imp_scratch_merge(m, &s);
	return vita_diags_count(m->L.d, VITA_ERROR) == errors;
}

/* ---- contacts in the writer's order ---- */

static int conn_rank(vita_conn_kind k)
{
	switch (k) {
	case VITA_CONN_LOCATION: return 0;
	case VITA_CONN_EMAIL: return 1;
	case VITA_CONN_PHONE: return 2;
	case VITA_CONN_WEBSITE: return 3;
	case VITA_CONN_SOCIAL: return 4;
	case VITA_CONN_CUSTOM: return 5;
	}
	return 6;
}

void imp_order_connections(imp *m)
{
	vita_cv *cv = m->L.cv;
	for (size_t i = 1; i < cv->nconnections; i++) { /* insertion sort: stable, a handful of items */
		vita_connection c = cv->connections[i];
		size_t j = i;
		while (j > 0 && conn_rank(cv->connections[j - 1].kind) > conn_rank(c.kind)) {
			cv->connections[j] = cv->connections[j - 1];
			j--;
		}
		cv->connections[j] = c;
	}
}

/* ---- duplicate publications ---- */

/* Letters and digits of s, case-folded and without accents: how two titles are compared. */
static char *title_key(const char *s)
{
	utf8proc_uint8_t *f = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)(s ? s : ""), 0, &f,
	                 UTF8PROC_NULLTERM | UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK) < 0)
		return xstrdup("");
	vita_buf b = {0};
	utf8proc_int32_t cp;
	for (const utf8proc_uint8_t *r = f; *r;) {
		utf8proc_ssize_t l = utf8proc_iterate(r, -1, &cp);
		if (l <= 0)
			break;
		utf8proc_category_t c = utf8proc_category(cp);
		if ((c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
		    (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO))
			buf_put(&b, r, (size_t)l);
		r += l;
	}
	free(f);
	return b.data ? buf_take(&b) : xstrdup("");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t imp_dedupe_publications(imp *m)
{
	vita_cv *cv = m->L.cv;
	size_t cap = 16, n = 0, dropped = 0;
	char **seen = xmalloc(cap * sizeof *seen); /* sorted keys of the titles kept so far */
	for (size_t si = 0; si < cv->nsections; si++) {
		vita_section *s = &cv->sections[si];
		size_t kept = 0;
		for (size_t i = 0; i < s->nentries; i++) {
			vita_entry *e = &s->entries[i];
			char *k = e->kind == VITA_ENTRY_PUBLICATION && e->title.md ? title_key(e->title.md) : NULL;
			if (k && *k && bsearch(&k, seen, n, sizeof *seen, cmp_str)) {
				free(k);
				dropped++;
				continue;
			}
			if (k && *k) {
				if (n == cap)
					seen = xrealloc(seen, (cap *= 2) * sizeof *seen);
				size_t at = n;
				while (at > 0 && strcmp(seen[at - 1], k) > 0)
					at--;
				memmove(seen + at + 1, seen + at, (n - at) * sizeof *seen);
				seen[at] = k;
				n++;
			} else
				free(k);
			s->entries[kept++] = *e;
		}
		s->nentries = kept;
	}
	for (size_t i = 0; i < n; i++)
		free(seen[i]);
	free(seen);
	size_t kept = 0;
	for (size_t si = 0; si < cv->nsections; si++)
		if (cv->sections[si].nentries)
			cv->sections[kept++] = cv->sections[si];
	cv->nsections = kept;
	return dropped;
}

/* ---- text that repeats what is mapped ---- */

bool imp_words_in(const char *text, const char *hay)
{
	for (const char *p = text; *p;) {
		const unsigned char c = (unsigned char)*p;
		if (!(c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'))) {
			p++;
			continue;
		}
		const char *q = p;
		while (*q && ((unsigned char)*q >= 0x80 || (*q >= '0' && *q <= '9') || ((*q | 32) >= 'a' && (*q | 32) <= 'z')))
			q++;
		size_t n = (size_t)(q - p);
		bool found = n <= 2; /* "4(2)", "of": a volume and issue, small words, say nothing new */
		for (const char *h = hay; *h && !found; h++)
			found = strncasecmp(h, p, n) == 0;
		if (!found)
			return false;
		p = q;
	}
	return true;
}

