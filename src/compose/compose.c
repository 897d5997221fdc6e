/*
 * vita_compose: the CV and its style to the composition every backend reads (include/vita/compose.h).
 *
 * Per section: its title, and per entry its shape and its evaluated columns.  A regular entry's
 * templates come from its kind (education, experience, normal, publication, award), compiled once
 * per composition (template.c); text-based entries (bullets, numbered, one-line, text) take the
 * one-line template or none.  A non-empty field that no template of its kind shows is reported
 * once per entry, so that nothing disappears without a word.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/compose_internal.h"
#include "phone/phone.h"
#include "vita/icons.h"
#include "vita/schema.h"

static const vita_entry_templates *templates_of(const vita_style *st, vita_entry_kind k)
{
	return &st->templates[vita_kind_def_of(k)->style_key ? k : VITA_ENTRY_NORMAL];
}

static bool is_text_based(vita_entry_kind k)
{
	return vita_kind_def_of(k)->flags & VITA_KIND_TEXT_BASED;
}

/* Compiles the templates of every kind once, in the slots the schema gives it; the entries of a
 * kind whose slots are all empty fall back to normal's (warned at the first such entry). */
static void compile_kinds(vita_comp *c)
{
	const vita_style *st = c->st;
	for (int k = 0; k < VITA_ENTRY_KIND_COUNT; k++) {
		const char *cols[CTMPL_MAX_COLS] = {0};
		const vita_kind_def *kd = vita_kind_def_of((vita_entry_kind)k);
		size_t ncols = kd->slots == VITA_SLOT_MAIN ? 1 : 3;
		const vita_entry_templates *tp = templates_of(st, (vita_entry_kind)k);
		if (ncols == 3 && !tp->main_column && !tp->date_and_location_column)
			tp = &st->templates[VITA_ENTRY_NORMAL];
		cols[COL_MAIN] = tp->main_column;
		if (ncols == 3) {
			cols[COL_DATE] = tp->date_and_location_column;
			cols[COL_DEGREE] = tp->degree_column && *tp->degree_column ? tp->degree_column : NULL;
		}
		tmpl_set_init(&c->priv->kinds[k], c->arena, cols, ncols, &c->cv->locale);
	}
}

const ctmpl_set *vita_comp_templates(const vita_comp *c, vita_entry_kind k)
{
	return &c->priv->kinds[k < VITA_ENTRY_KIND_COUNT ? k : VITA_ENTRY_NORMAL];
}

static ctmpl_set *kind_templates(vita_comp *c, vita_entry_kind k, vita_pos pos, vita_diags *d)
{
	struct vita_compose_priv *p = c->priv;
	const vita_entry_templates *tp = templates_of(c->st, k);
	if ((vita_kind_def_of(k)->slots & VITA_SLOT_DATE) && !p->have[k] && !tp->main_column &&
	    !tp->date_and_location_column)
		vita_diag(d, VITA_WARNING, pos, "the style has no templates for %s entries; using normal's",
		          vita_entry_kind_name(k));
	p->have[k] = true;
	return &p->kinds[k];
}

static bool mentions(const ctmpl_set *ts, const char *name)
{
	return tmpl_mentions(ts, name);
}

/* Warns about an entry's non-empty fields that none of its kind's templates shows. */
static void check_shown(const ctmpl_set *ts, const vita_entry *e, vita_diags *d)
{
	for (const char *const *k = vita_kind_def_of(e->kind)->keys; *k; k++) {
		const vita_field_def *f = vita_field_by_key(*k);
		vita_pos pos = e->pos;
		bool present = false;
		const vita_text *t = vita_entry_text(e, f);
		switch (f->type) {
		case VITA_FIELD_TEXT: present = t && t->spans, pos = t ? t->pos : pos; break;
		case VITA_FIELD_DATE: present = e->date.kind || e->start_date.kind || e->end_date.kind; break;
		case VITA_FIELD_START_DATE: /* shown with DATE */
		case VITA_FIELD_END_DATE: continue;
		case VITA_FIELD_HIGHLIGHTS: present = e->nhighlights > 0; break;
		case VITA_FIELD_AUTHORS: present = e->nauthors > 0; break;
		case VITA_FIELD_DOI: present = e->doi != NULL, pos = e->doi_pos; break;
		case VITA_FIELD_URL: present = e->url != NULL, pos = e->url_pos; break;
		}
		if (!present || mentions(ts, f->placeholder))
			continue;
		if (f->type == VITA_FIELD_DOI && mentions(ts, "URL"))
			continue; /* URL shows the DOI */
		if (f->type == VITA_FIELD_DATE && (mentions(ts, "START_DATE") || mentions(ts, "END_DATE")))
			continue;
		if (strcmp(f->key, "issuer") == 0)
			continue; /* the awarder under its other name: said once, as `awarder` */
		vita_diag(d, VITA_WARNING, pos.line ? pos : e->pos,
		          "this %s entry's `%s` is not shown: the style's %s templates have no %s placeholder",
		          vita_entry_kind_name(e->kind), f->key, vita_entry_kind_name(e->kind), f->placeholder);
	}
	/* With both, the URL placeholder links the DOI: say so rather than lose the url quietly. */
	if (e->doi && e->url && !mentions(ts, "DOI") && mentions(ts, "URL"))
		vita_diag(d, VITA_WARNING, e->url_pos.line ? e->url_pos : e->pos,
		          "this %s entry's `url` is not shown: with a `doi`, the URL placeholder links the DOI "
		          "(RenderCV's rule); put the link in `summary` to show both",
		          vita_entry_kind_name(e->kind));
}

/* An extra key no template of the kind shows ("gpa", "note"): RenderCV shows nothing of it either,
 * so vita does not; it says so once per key and section (attack D4: they vanished without a word). */
static void check_extras(const ctmpl_set *ts, const vita_entry *e, const char ***warned, size_t *nwarned,
                         vita_diags *d)
{
	for (size_t i = 0; i < e->nextras; i++) {
		const char *k = e->extras[i].key;
		char up[128];
		size_t n = 0;
		for (; k[n] && n + 1 < sizeof up; n++)
			up[n] = k[n] >= 'a' && k[n] <= 'z' ? (char)(k[n] - 32) : k[n];
		up[n] = 0;
		if (mentions(ts, up))
			continue;
		bool seen = false;
		for (size_t j = 0; j < *nwarned && !seen; j++)
			seen = strcmp((*warned)[j], k) == 0;
		if (seen)
			continue;
		*warned = xrealloc(*warned, (*nwarned + 1) * sizeof **warned);
		(*warned)[(*nwarned)++] = k;
		vita_diag(d, VITA_WARNING, e->extras[i].value.pos.line ? e->extras[i].value.pos : e->pos,
		          "`%s` is not shown: no %s template has a %s placeholder (add one to design.templates to "
		          "show it; said once for this section)",
		          k, vita_entry_kind_name(e->kind), up);
	}
}

static vita_ccol column(vita_comp *c, ctmpl_set *ts, size_t col, efields *f, vita_diags *d)
{
	vita_ccol r = {0};
	const char *text = tmpl_resolve(ts, col, field_provided, f);
	vita_cline *lines;
	r.n = tmpl_lines(c->arena, ts, text, field_value, f, f->e->pos, d, &lines);
	r.lines = lines;
	return r;
}

/* Whether a section is one of design.sections.show_time_spans_in: its key as written, in snake case
 * (RenderCV's snake_case_title). */
static bool shows_time_span(const vita_style *st, const vita_section *s)
{
	if (!st->ntime_span_sections || !s->key)
		return false;
	for (size_t i = 0; i < st->ntime_span_sections; i++) {
		const char *a = s->key, *b = st->time_span_sections[i];
		for (; *a && *b; a++, b++)
			if ((*a == ' ' ? '_' : tolower((unsigned char)*a)) != *b)
				break;
		if (!*a && !*b)
			return true;
	}
	return false;
}

static void compose_entry(vita_comp *c, const vita_section *s, size_t idx, vita_centry *ce, const char ***warned,
                          size_t *nwarned, vita_diags *d)
{
	const vita_entry *e = &s->entries[idx];
	ce->e = e;
	ce->summary = e->summary.spans;
	ce->highlights = e->highlights;
	ce->nhighlights = e->nhighlights;
	ce->time_span = shows_time_span(c->st, s);
	efields f = {c->arena, c->cv, e, ce->time_span};
	switch (e->kind) {
	case VITA_ENTRY_BULLET:
		ce->shape = VITA_SHAPE_BULLET;
		ce->text = e->text.spans;
		return;
	case VITA_ENTRY_NUMBERED:
	case VITA_ENTRY_REVERSED_NUMBERED:
		ce->shape = VITA_SHAPE_NUMBERED;
		ce->text = e->text.spans;
		ce->number = arena_printf(c->arena, "%zu.", e->kind == VITA_ENTRY_NUMBERED ? idx + 1 : s->nentries - idx);
		return;
	case VITA_ENTRY_TEXT:
	case VITA_ENTRY_KIND_COUNT:
		ce->shape = VITA_SHAPE_TEXT;
		ce->text = e->text.spans;
		return;
	case VITA_ENTRY_ONELINE: {
		ce->shape = VITA_SHAPE_ONELINE;
		ctmpl_set *ts = kind_templates(c, e->kind, e->pos, d);
		check_extras(ts, e, warned, nwarned, d);
		ce->main = column(c, ts, COL_MAIN, &f, d);
		if (!ce->main.n && (e->label.spans || e->details.spans))
			vita_diag(d, VITA_WARNING, e->pos, "the style's one-line template shows nothing of this entry");
		return;
	}
	default:
		break;
	}
	ce->shape = VITA_SHAPE_REGULAR;
	ctmpl_set *ts = kind_templates(c, e->kind, e->pos, d);
	check_shown(ts, e, d);
	check_extras(ts, e, warned, nwarned, d);
	ce->main = column(c, ts, COL_MAIN, &f, d);
	ce->date = column(c, ts, COL_DATE, &f, d);
	ce->degree_column = ts->src[COL_DEGREE] != NULL;
	if (ce->degree_column)
		ce->degree = column(c, ts, COL_DEGREE, &f, d);
}

size_t spans_bytes(const vita_span *s)
{
	size_t n = 0;
	for (; s; s = s->next) {
		if (s->kind != VITA_SPAN_LINK && s->text) /* a link's text is its url (vita_span) */
			n += strlen(s->text);
		if (s->children)
			n += spans_bytes(s->children);
	}
	return n;
}

bool compose_spend(vita_comp *c, size_t n, vita_pos pos, const char *what, vita_diags *d)
{
	struct vita_compose_priv *p = c->priv;
	if (p->over)
		return false;
	p->spent += n;
	if (p->spent <= p->budget)
		return true;
	p->over = true;
	vita_diag(d, VITA_ERROR, pos,
	          "%s expands the CV's text past %zu bytes (%d times the file's %zu bytes, at least %zu): "
	          "aliases or templates repeat text too often; nothing is rendered",
	          what, p->budget, COMPOSE_GROWTH, c->cv->source_len, COMPOSE_FLOOR);
	return false;
}

static size_t col_bytes(const vita_ccol *col)
{
	size_t n = 0;
	for (size_t i = 0; i < col->n; i++)
		n += spans_bytes(col->lines[i].spans);
	return n;
}

/* What an entry adds to the composition's text, highlights and summary included. */
static size_t entry_bytes(const vita_centry *ce)
{
	size_t n = col_bytes(&ce->main) + col_bytes(&ce->date) + col_bytes(&ce->degree) + spans_bytes(ce->text);
	bool shows = false;
	for (size_t i = 0; i < ce->main.n; i++)
		shows |= ce->main.lines[i].kind == VITA_CLINE_SUMMARY;
	if (shows)
		n += spans_bytes(ce->summary);
	return n;
}

static const char *keywords(vita_comp *c)
{
	vita_buf b = {0};
	for (size_t i = 0; i < c->nsections; i++) {
		const char *t = c->sections[i].plain_title;
		if (t && *t) {
			if (b.len)
				buf_puts(&b, ", ");
			buf_puts(&b, t);
		}
	}
	const char *r = arena_strdup(c->arena, buf_str(&b));
	buf_free(&b);
	return r;
}

/* RenderCV's icon before each connection, when the style shows icons. */
static void compose_icons(vita_comp *c)
{
	if (!c->st->show_icons || !c->nconnections)
		return;
	vita_icon *ic = arena_array(c->arena, c->nconnections, sizeof *ic);
	for (size_t i = 0; i < c->nconnections; i++)
		if (!vita_icon_of_connection(&c->cv->connections[i], &ic[i]))
			ic[i] = (vita_icon){0}; /* an unknown name was warned about at its line:col */
	c->icons = ic;
}

static bool has_phone(const vita_cv *cv)
{
	for (size_t i = 0; i < cv->nconnections; i++)
		if (cv->connections[i].kind == VITA_CONN_PHONE)
			return true;
	return false;
}

/* The contact line as shown: RenderCV shows a social network by its username ("Google Scholar" by
 * its name) unless the style asks for the URLs, then as the link without its scheme; a phone number
 * in the style's phone_number_format (src/phone/; its tel: link stays E.164, as loaded). */
static void compose_connections(vita_comp *c, vita_diags *d)
{
	const vita_cv *cv = c->cv;
	c->nconnections = cv->nconnections;
	compose_icons(c);
	if (!c->st->display_urls_instead_of_usernames && !has_phone(cv)) {
		c->connections = cv->connections;
		return;
	}
	vita_connection *v = arena_array(c->arena, cv->nconnections ? cv->nconnections : 1, sizeof *v);
	for (size_t i = 0; i < cv->nconnections; i++) {
		v[i] = cv->connections[i];
		if (c->st->display_urls_instead_of_usernames && v[i].kind == VITA_CONN_SOCIAL && v[i].url) {
			size_t n;
			const char *shown = vita_url_shown(v[i].url, &n);
			v[i].text = arena_strndup(c->arena, shown, n);
		}
	}
	vita_phones_format(v, cv->nconnections, c->st->phone_format, c->arena, d);
	c->connections = v;
}

bool vita_comp_is_rtl(const vita_cv *cv, const vita_style *st)
{
	if (st->direction != VITA_DIR_AUTO)
		return st->direction == VITA_DIR_RTL;
	static const char *const rtl[] = {"arabic", "hebrew", "persian"};
	const char *lang = cv ? cv->locale.language : NULL;
	for (size_t i = 0; lang && i < sizeof rtl / sizeof rtl[0]; i++)
		if (strcmp(lang, rtl[i]) == 0)
			return true;
	return false;
}

vita_comp *vita_compose(const vita_cv *cv, const vita_style *st, vita_diags *d)
{
	if (!cv || !st)
		return NULL;
	vita_comp *c = xcalloc(1, sizeof *c);
	c->arena = arena_new();
	c->priv = arena_alloc(c->arena, sizeof *c->priv);
	c->cv = cv;
	c->st = st;
	c->name = cv->name.spans;
	c->headline = cv->headline.spans;
	compose_connections(c, d);
	c->dates_left = st->title_type == VITA_TITLE_MODERNCV;
	c->rtl = vita_comp_is_rtl(cv, st);
	compile_kinds(c);
	size_t grow = cv->source_len > COMPOSE_FLOOR / COMPOSE_GROWTH ? cv->source_len * COMPOSE_GROWTH : COMPOSE_FLOOR;
	c->priv->budget = grow;
	c->nsections = cv->nsections;
	c->sections = arena_array(c->arena, cv->nsections ? cv->nsections : 1, sizeof *c->sections);
	for (size_t i = 0; i < cv->nsections; i++) {
		const vita_section *s = &cv->sections[i];
		vita_csection *cs = &c->sections[i];
		cs->s = s;
		cs->title = s->title.spans;
		char *plain = vita_spans_plain(s->title.spans);
		cs->plain_title = arena_strdup(c->arena, *plain ? plain : s->key ? s->key : "");
		free(plain);
		cs->text_based = s->nentries && is_text_based(s->entries[0].kind);
		cs->nentries = s->nentries;
		cs->entries = arena_array(c->arena, s->nentries ? s->nentries : 1, sizeof *cs->entries);
		const char **warned = NULL;
		size_t nwarned = 0;
		for (size_t j = 0; j < s->nentries && !c->priv->over; j++) {
			compose_entry(c, s, j, &cs->entries[j], &warned, &nwarned, d);
			char what[160];
			snprintf(what, sizeof what, "this %s entry (with its section's templates)",
			         vita_entry_kind_name(s->entries[j].kind));
			if (!compose_spend(c, entry_bytes(&cs->entries[j]), s->entries[j].pos, what, d))
				cs->nentries = j; /* what was composed stays consistent; the error stops the render */
		}
		free(warned);
		if (c->priv->over) {
			c->nsections = i + 1;
			break;
		}
	}
	compose_page(c, d);
	char *name = vita_spans_plain(cv->name.spans);
	c->author = *name ? arena_strdup(c->arena, name) : NULL;
	free(name);
	c->subject = "Curriculum vitae";
	c->keywords = keywords(c);
	return c;
}

void vita_comp_free(vita_comp *c)
{
	if (!c)
		return;
	arena_free(c->arena);
	free(c);
}
