/*
 * JSON Resume (jsonresume.org, schema v1) → the same CV model as RenderCV YAML.
 *
 * JSON is YAML, so the file arrives as the same positioned tree and every value keeps its line and
 * column.  The mapping follows what a RenderCV user would write by hand: basics → the header (and a
 * Summary section for basics.summary), work → Experience, volunteer → Volunteering, education →
 * Education, awards and certificates → award entries, publications → publication entries (JSON
 * Resume has no authors), skills, languages and interests → one-line entries ("label: keywords"),
 * projects and references → normal entries.  Sections come in the order of the keys in the file.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "load/inline.h"
#include "load/load_internal.h"

static const vita_node *get(const vita_node *m, const char *key)
{
	const vita_node *v = vita_node_get(m, key);
	return v && !vita_node_is_null(v) ? v : NULL;
}

static vita_text field(loader *L, const vita_node *m, const char *key)
{
	vita_text t = {0};
	const vita_node *v = get(m, key);
	if (!v)
		return t;
	size_t w = where_push_key(L, key);
	t = load_text(L, v);
	where_pop(L, w);
	return t;
}

static const char *plain(loader *L, const vita_node *m, const char *key)
{
	const vita_node *v = get(m, key);
	if (!v)
		return NULL;
	size_t w = where_push_key(L, key);
	const char *s = load_plain(L, v);
	where_pop(L, w);
	return s;
}

static void dates(loader *L, vita_entry *e, const vita_node *m, const char *single)
{
	const vita_node *v;
	size_t w;
	if (single && (v = get(m, single))) {
		w = where_push_key(L, single);
		load_date(L, v, DATE_ARBITRARY, &e->date);
		where_pop(L, w);
	}
	if ((v = get(m, "startDate"))) {
		w = where_push_key(L, "startDate");
		load_date(L, v, DATE_START, &e->start_date);
		where_pop(L, w);
	}
	if ((v = get(m, "endDate"))) {
		w = where_push_key(L, "endDate");
		load_date(L, v, DATE_END, &e->end_date);
		where_pop(L, w);
	}
	resolve_dates(L, e);
}

static void url(loader *L, vita_entry *e, const vita_node *m, const char *key)
{
	const vita_node *v = get(m, key);
	if (!v)
		return;
	size_t w = where_push_key(L, key);
	const char *s = load_plain(L, v);
	if (s && *s) {
		if (vita_url_allowed(s)) {
			e->url = s;
			e->url_pos = v->pos;
		} else
			lerr(L, VITA_WARNING, v->pos, "link \"%s\" is not http, https or mailto; it is left out", s);
	}
	where_pop(L, w);
}

static void highlights(loader *L, vita_entry *e, const vita_node *m, const char *key)
{
	const vita_node *v = get(m, key);
	if (!v)
		return;
	size_t w = where_push_key(L, key);
	if (v->kind != VITA_NODE_SEQ)
		lerr(L, VITA_ERROR, v->pos, "expected a list, got a %s", vita_node_type_name(v));
	else {
		e->highlights = arena_array(L->a, v->n ? v->n : 1, sizeof *e->highlights);
		for (size_t i = 0; i < v->n; i++) {
			size_t w2 = where_push_index(L, i);
			vita_text t = load_text(L, v->kids[i]);
			if (t.md)
				e->highlights[e->nhighlights++].text = t;
			where_pop(L, w2);
		}
	}
	where_pop(L, w);
}

/* "a, b, c" from a list of strings, as one text positioned at the list. */
static vita_text joined(loader *L, const vita_node *m, const char *key)
{
	vita_text t = {0};
	const vita_node *v = get(m, key);
	if (!v)
		return t;
	size_t w = where_push_key(L, key);
	if (v->kind != VITA_NODE_SEQ)
		lerr(L, VITA_ERROR, v->pos, "expected a list, got a %s", vita_node_type_name(v));
	else {
		vita_buf b = {0};
		for (size_t i = 0; i < v->n; i++) {
			size_t w2 = where_push_index(L, i);
			const char *s = scalar_str(L, v->kids[i], "text");
			if (s && *s)
				buf_printf(&b, "%s%s", b.len ? ", " : "", s);
			where_pop(L, w2);
		}
		if (b.len)
			t = make_text(L, b.data, b.len, v->pos);
		buf_free(&b);
	}
	where_pop(L, w);
	return t;
}

static void need(loader *L, const vita_node *m, const vita_text *t, const char *key, const char *what)
{
	if (!t->md || !*t->md)
		lerr(L, VITA_ERROR, m->pos, "needs `%s` (%s)", key, what);
}

typedef void (*entry_fn)(loader *L, vita_entry *e, const vita_node *m);

/* work[] names the organization `name` (older files: `company`); volunteer[] `organization`. */
static void work_like(loader *L, vita_entry *e, const vita_node *m, const char *org)
{
	e->kind = VITA_ENTRY_EXPERIENCE;
	if (strcmp(org, "name") == 0 && !get(m, "name") && get(m, "company"))
		org = "company";
	e->company = field(L, m, org);
	e->position = field(L, m, "position");
	need(L, m, &e->company, org, "the organization");
	need(L, m, &e->position, "position", "the role");
	e->location = field(L, m, "location");
	e->summary = field(L, m, "summary");
	url(L, e, m, "url");
	dates(L, e, m, NULL);
	highlights(L, e, m, "highlights");
}

static void work(loader *L, vita_entry *e, const vita_node *m)
{
	work_like(L, e, m, "name");
}

static void volunteer(loader *L, vita_entry *e, const vita_node *m)
{
	work_like(L, e, m, "organization");
}

static void education(loader *L, vita_entry *e, const vita_node *m)
{
	e->kind = VITA_ENTRY_EDUCATION;
	e->institution = field(L, m, "institution");
	e->area = field(L, m, "area");
	e->degree = field(L, m, "studyType");
	need(L, m, &e->institution, "institution", "the school");
	need(L, m, &e->area, "area", "the field of study");
	url(L, e, m, "url");
	dates(L, e, m, NULL);
	size_t cap = 0;
	const vita_node *score = get(m, "score");
	if (score) {
		size_t w = where_push_key(L, "score");
		const char *s = scalar_str(L, score, "text");
		if (s) {
			char *line = arena_printf(L->a, "Score: %s", s);
			e->highlights = grow(L, e->highlights, &cap, e->nhighlights, sizeof *e->highlights);
			memset(&e->highlights[e->nhighlights], 0, sizeof *e->highlights);
			e->highlights[e->nhighlights++].text = make_text(L, line, strlen(line), score->pos);
		}
		where_pop(L, w);
	}
	vita_text courses = joined(L, m, "courses");
	if (courses.md) {
		char *line = arena_printf(L->a, "Courses: %s", courses.md);
		e->highlights = grow(L, e->highlights, &cap, e->nhighlights, sizeof *e->highlights);
		memset(&e->highlights[e->nhighlights], 0, sizeof *e->highlights);
		e->highlights[e->nhighlights++].text = make_text(L, line, strlen(line), courses.pos);
	}
}

static void award(loader *L, vita_entry *e, const vita_node *m)
{
	e->kind = VITA_ENTRY_AWARD;
	e->title = field(L, m, "title");
	e->awarder = field(L, m, "awarder");
	need(L, m, &e->title, "title", "the award's name");
	e->summary = field(L, m, "summary");
	dates(L, e, m, "date");
}

static void certificate(loader *L, vita_entry *e, const vita_node *m)
{
	e->kind = VITA_ENTRY_AWARD;
	e->title = field(L, m, "name");
	e->awarder = field(L, m, "issuer");
	need(L, m, &e->title, "name", "the certificate's name");
	url(L, e, m, "url");
	dates(L, e, m, "date");
}

static void publication(loader *L, vita_entry *e, const vita_node *m)
{
	e->kind = VITA_ENTRY_PUBLICATION;
	e->title = field(L, m, "name");
	e->journal = field(L, m, "publisher");
	need(L, m, &e->title, "name", "the title");
	e->summary = field(L, m, "summary");
	url(L, e, m, "url");
	dates(L, e, m, "releaseDate");
}

static void skill(loader *L, vita_entry *e, const vita_node *m)
{
	e->kind = VITA_ENTRY_ONELINE;
	e->label = field(L, m, "name");
	need(L, m, &e->label, "name", "the skill");
	e->details = joined(L, m, "keywords");
	vita_text level = field(L, m, "level");
	if (!e->details.md)
		e->details = level;
	else if (level.md && *level.md) {
		/* both: "Python, C (Advanced)", so the level is not lost */
		vita_buf b = {0};
		buf_printf(&b, "%s (%s)", e->details.md, level.md);
		e->details = make_text(L, b.data, b.len, e->details.pos);
		buf_free(&b);
	}
}

static void language(loader *L, vita_entry *e, const vita_node *m)
{
	e->kind = VITA_ENTRY_ONELINE;
	e->label = field(L, m, "language");
	need(L, m, &e->label, "language", "the language");
	e->details = field(L, m, "fluency");
}

static void interest(loader *L, vita_entry *e, const vita_node *m)
{
	e->kind = VITA_ENTRY_ONELINE;
	e->label = field(L, m, "name");
	need(L, m, &e->label, "name", "the interest");
	e->details = joined(L, m, "keywords");
}

static void reference(loader *L, vita_entry *e, const vita_node *m)
{
	e->kind = VITA_ENTRY_NORMAL;
	e->name = field(L, m, "name");
	need(L, m, &e->name, "name", "who gives the reference");
	e->summary = field(L, m, "reference");
}

static void project(loader *L, vita_entry *e, const vita_node *m)
{
	e->kind = VITA_ENTRY_NORMAL;
	e->name = field(L, m, "name");
	need(L, m, &e->name, "name", "the project");
	e->summary = field(L, m, "description");
	e->location = field(L, m, "entity");
	url(L, e, m, "url");
	dates(L, e, m, NULL);
	highlights(L, e, m, "highlights");
}

static const struct jr_section {
	const char *key, *title;
	vita_entry_kind kind;
	entry_fn fn;
} jr_sections[] = {
    {"work", "Experience", VITA_ENTRY_EXPERIENCE, work},
    {"volunteer", "Volunteering", VITA_ENTRY_EXPERIENCE, volunteer},
    {"education", "Education", VITA_ENTRY_EDUCATION, education},
    {"awards", "Awards", VITA_ENTRY_AWARD, award},
    {"certificates", "Certificates", VITA_ENTRY_AWARD, certificate},
    {"publications", "Publications", VITA_ENTRY_PUBLICATION, publication},
    {"skills", "Skills", VITA_ENTRY_ONELINE, skill},
    {"languages", "Languages", VITA_ENTRY_ONELINE, language},
    {"interests", "Interests", VITA_ENTRY_ONELINE, interest},
    {"references", "References", VITA_ENTRY_NORMAL, reference},
    {"projects", "Projects", VITA_ENTRY_NORMAL, project},
};
#define NJR (sizeof jr_sections / sizeof *jr_sections)

static vita_section *new_section(loader *L, size_t *cap, const char *key, const char *title,
                                 vita_pos pos, vita_entry_kind kind)
{
	vita_cv *cv = L->cv;
	cv->sections = grow(L, cv->sections, cap, cv->nsections, sizeof *cv->sections);
	vita_section *s = &cv->sections[cv->nsections++];
	memset(s, 0, sizeof *s);
	s->key = key;
	s->title = make_text(L, title, strlen(title), pos);
	s->kind = kind;
	s->pos = pos;
	return s;
}

static void section(loader *L, size_t *cap, const struct jr_section *js, const vita_node *kn,
                    const vita_node *v)
{
	if (v->kind != VITA_NODE_SEQ) {
		lerr(L, VITA_ERROR, v->pos, "expected a list, got a %s", vita_node_type_name(v));
		return;
	}
	if (!v->n)
		return;
	vita_section *s = new_section(L, cap, js->key, js->title, kn->pos, js->kind);
	s->entries = arena_array(L->a, v->n, sizeof *s->entries);
	for (size_t i = 0; i < v->n; i++) {
		const vita_node *m = v->kids[i];
		if (++L->nentries > VITA_MAX_ENTRIES) {
			if (!L->entries_capped)
				lerr(L, VITA_ERROR, m->pos,
				     "too many entries: a CV may have at most %d entries; the rest are not read",
				     VITA_MAX_ENTRIES);
			L->entries_capped = true;
			return;
		}
		size_t w = where_push_index(L, i);
		if (m->kind != VITA_NODE_MAP)
			lerr(L, VITA_ERROR, m->pos, "expected an object, got a %s", vita_node_type_name(m));
		else {
			vita_entry *e = &s->entries[s->nentries++];
			memset(e, 0, sizeof *e);
			e->pos = m->pos;
			js->fn(L, e, m);
		}
		where_pop(L, w);
	}
}

/* A JSON Resume profile: a known network becomes a social connection, anything else a custom
 * connection with its link. */
static void profile(loader *L, size_t *cap, const vita_node *p)
{
	static const char *const known[] = {"LinkedIn", "GitHub", "GitLab", "ORCID", "X",
	                                    "Instagram", "YouTube", "Telegram", "Reddit", NULL};
	static const char *const prefix[] = {
	    "https://linkedin.com/in/", "https://github.com/", "https://gitlab.com/", "https://orcid.org/",
	    "https://x.com/", "https://instagram.com/", "https://youtube.com/@", "https://t.me/",
	    "https://reddit.com/user/"};
	if (p->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, p->pos, "expected an object, got a %s", vita_node_type_name(p));
		return;
	}
	const char *net = plain(L, p, "network");
	const char *user = plain(L, p, "username");
	const char *link = plain(L, p, "url");
	vita_cv *cv = L->cv;
	cv->connections = grow(L, cv->connections, cap, cv->nconnections, sizeof *cv->connections);
	vita_connection *c = &cv->connections[cv->nconnections];
	memset(c, 0, sizeof *c);
	c->pos = p->pos;
	if (net && strcasecmp(net, "Twitter") == 0)
		net = "X";
	for (size_t i = 0; net && user && *user && known[i]; i++)
		if (strcasecmp(net, known[i]) == 0) {
			c->kind = VITA_CONN_SOCIAL;
			c->network = known[i];
			c->text = user;
			c->url = arena_printf(L->a, "%s%s", prefix[i], user);
		}
	if (c->kind != VITA_CONN_SOCIAL) {
		c->kind = VITA_CONN_CUSTOM;
		c->text = user && *user ? user : link;
		if (net) {
			char *icon = arena_strdup(L->a, net);
			for (char *q = icon; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
			c->network = icon;
		}
		if (link && vita_url_allowed(link))
			c->url = link;
		else if (link)
			lerr(L, VITA_WARNING, get(p, "url")->pos,
			     "link \"%s\" is not http, https or mailto; it is left out", link);
		if (!c->text) {
			lerr(L, VITA_WARNING, p->pos, "a profile with neither `username` nor `url` (ignored)");
			return;
		}
	}
	cv->nconnections++;
}

static void basics(loader *L, const vita_node *b, size_t *scap)
{
	static const char *const keys[] = {"name", "label", "image", "email", "phone", "url",
	                                   "summary", "location", "profiles", NULL};
	vita_cv *cv = L->cv;
	size_t w = where_push_key(L, "basics");
	if (b->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, b->pos, "expected an object, got a %s", vita_node_type_name(b));
		where_pop(L, w);
		return;
	}
	size_t cap = 0;
	for (size_t i = 0; i + 1 < b->n; i += 2) {
		const vita_node *k = b->kids[i], *v = b->kids[i + 1];
		if (vita_node_is_null(v))
			continue;
		const char *key = k->str;
		size_t w2 = where_push_key(L, key);
		if (strcmp(key, "name") == 0)
			cv->name = load_text(L, v);
		else if (strcmp(key, "label") == 0)
			cv->headline = load_text(L, v);
		else if (strcmp(key, "image") == 0) {
			const char *s = load_plain(L, v);
			if (s && *s)
				lerr(L, VITA_WARNING, v->pos,
				     "the photo in `image` is not used: vita reads a photo from a file named in a "
				     "RenderCV `photo:`");
		} else if (strcmp(key, "email") == 0) {
			load_email(L, v, &cap); /* validated as RenderCV's `email` is (M5) */
		} else if (strcmp(key, "phone") == 0) {
			load_phone(L, v, &cap);
		} else if (strcmp(key, "url") == 0) {
			load_website(L, v, &cap);
		} else if (strcmp(key, "summary") == 0) {
			vita_text t = load_text(L, v);
			if (t.md && *t.md) {
				vita_section *s = new_section(L, scap, "summary", "Summary", k->pos, VITA_ENTRY_TEXT);
				s->entries = arena_alloc(L->a, sizeof *s->entries);
				s->entries[0].kind = VITA_ENTRY_TEXT;
				s->entries[0].pos = v->pos;
				s->entries[0].text = t;
				s->nentries = 1;
			}
		} else if (strcmp(key, "location") == 0) {
			if (v->kind != VITA_NODE_MAP)
				lerr(L, VITA_ERROR, v->pos, "expected an object (city, region, countryCode, …), got a %s",
				     vita_node_type_name(v));
			else {
				/* every part the file gives, in postal order: "1 Rue X, 69000 Lyon, ARA, FR" */
				vita_buf t = {0};
				const char *address = plain(L, v, "address"), *postal = plain(L, v, "postalCode");
				if (address && *address)
					buf_puts(&t, address);
				if (postal && *postal)
					buf_printf(&t, "%s%s", t.len ? ", " : "", postal);
				static const char *const parts[] = {"city", "region", "countryCode", NULL};
				for (size_t j = 0; parts[j]; j++) {
					const char *s = plain(L, v, parts[j]);
					if (s && *s)
						buf_printf(&t, "%s%s", t.len ? (j == 0 && postal && *postal ? " " : ", ") : "", s);
				}
				if (t.len) {
					cv->location = make_text(L, t.data, t.len, v->pos);
					cv->connections = grow(L, cv->connections, &cap, cv->nconnections, sizeof *cv->connections);
					vita_connection *c = &cv->connections[cv->nconnections++];
					memset(c, 0, sizeof *c);
					c->kind = VITA_CONN_LOCATION;
					c->text = cv->location.md;
					c->pos = v->pos;
				}
				buf_free(&t);
			}
		} else if (strcmp(key, "profiles") == 0) {
			if (v->kind != VITA_NODE_SEQ)
				lerr(L, VITA_ERROR, v->pos, "expected a list, got a %s", vita_node_type_name(v));
			else
				for (size_t j = 0; j < v->n; j++) {
					size_t w3 = where_push_index(L, j);
					profile(L, &cap, v->kids[j]);
					where_pop(L, w3);
				}
		} else {
			where_pop(L, w2);
			warn_unknown_key(L, k, keys, "`basics`");
			continue;
		}
		where_pop(L, w2);
	}
	where_pop(L, w);
}

void load_jsonresume(loader *L, const vita_node *root)
{
	size_t scap = 0;
	const char *known[NJR + 4];
	for (size_t j = 0; j < NJR; j++)
		known[j] = jr_sections[j].key;
	known[NJR] = "basics";
	known[NJR + 1] = "meta";
	known[NJR + 2] = "$schema";
	known[NJR + 3] = NULL;
	for (size_t i = 0; i + 1 < root->n && !L->entries_capped; i += 2) {
		const vita_node *k = root->kids[i], *v = root->kids[i + 1];
		if (vita_node_is_null(v))
			continue;
		if (strcmp(k->str, "basics") == 0) {
			basics(L, v, &scap);
			continue;
		}
		const struct jr_section *js = NULL;
		for (size_t j = 0; j < NJR; j++)
			if (strcmp(k->str, jr_sections[j].key) == 0)
				js = &jr_sections[j];
		if (js) {
			size_t w = where_push_key(L, k->str);
			section(L, &scap, js, k, v);
			where_pop(L, w);
		} else if (strcmp(k->str, "meta") != 0 && strcmp(k->str, "$schema") != 0)
			warn_unknown_key(L, k, known, "a JSON Resume");
	}
	finish_cv(L);
}
