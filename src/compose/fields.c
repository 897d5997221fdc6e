/*
 * The value of each placeholder of an entry, as RenderCV computes it: text fields as the user wrote
 * them (empty counts as absent), DATE formatted with the locale's templates, START_DATE/END_DATE as
 * single dates, AUTHORS joined with ", " (the owner in bold, note markers as superscripts), URL as a
 * link showing the address without its scheme, DOI as a link showing the DOI — and URL shows the DOI
 * when there is one, RenderCV's rule — and any extra key of the entry under its name in capitals.
 */
#include <stdlib.h>
#include <string.h>

#include "compose/compose_internal.h"
#include "vita/schema.h"

vita_span *text_spans(vita_arena *a, const char *text)
{
	vita_span *head = NULL, **tail = &head;
	while (text && *text) {
		size_t n = strcspn(text, "\n");
		if (n) {
			vita_span *s = arena_alloc(a, sizeof *s);
			s->kind = VITA_SPAN_TEXT;
			s->text = arena_strndup(a, text, n);
			*tail = s;
			tail = &s->next;
		}
		text += n;
		if (*text == '\n') {
			vita_span *s = arena_alloc(a, sizeof *s);
			s->kind = VITA_SPAN_BREAK;
			*tail = s;
			tail = &s->next;
			text++;
		}
	}
	return head;
}

static vita_span *span_new(vita_arena *a, vita_span_kind k, const char *text)
{
	vita_span *s = arena_alloc(a, sizeof *s);
	s->kind = k;
	s->text = text ? arena_strdup(a, text) : NULL;
	return s;
}

static vita_span *link_span(vita_arena *a, const char *url, const char *shown, size_t n)
{
	vita_span *s = span_new(a, VITA_SPAN_LINK, NULL);
	s->url = arena_strdup(a, url);
	s->children = span_new(a, VITA_SPAN_TEXT, NULL);
	s->children->text = arena_strndup(a, shown, n);
	return s;
}

vita_span **spans_append_copy(vita_arena *a, vita_span **tail, const vita_span *s)
{
	for (; s; s = s->next) {
		vita_span *c = arena_alloc(a, sizeof *c);
		*c = *s;
		c->next = NULL;
		*tail = c;
		tail = &c->next;
	}
	return tail;
}

static vita_span **append_text(vita_arena *a, vita_span **tail, const char *t, size_t n)
{
	vita_span *x = span_new(a, VITA_SPAN_TEXT, NULL);
	x->text = arena_strndup(a, t, n);
	*tail = x;
	return &x->next;
}

vita_span *spans_substitute(vita_arena *a, const vita_span *s, span_match_fn match, void *ctx, bool share)
{
	vita_span *head = NULL, **tail = &head;
	for (; s; s = s->next) {
		if (s->kind != VITA_SPAN_TEXT || !s->text) {
			vita_span *c = arena_alloc(a, sizeof *c);
			*c = *s;
			c->next = NULL;
			if (c->children && c->kind != VITA_SPAN_CODE)
				c->children = spans_substitute(a, c->children, match, ctx, share);
			*tail = c;
			tail = &c->next;
			continue;
		}
		const char *t = s->text;
		size_t n = strlen(t), from = 0, lit = 0, ms, me;
		const vita_span *v;
		while (match(ctx, t, n, &from, &ms, &me, &v)) {
			if (ms > lit)
				tail = append_text(a, tail, t + lit, ms - lit);
			lit = me;
			if (share && lit == n && !s->next) { /* the value ends the result: linked, not copied
			                                      * (issue 17: a long CV's authors, dates and
			                                      * links were built, then copied) */
				*tail = (vita_span *)v;
				return head;
			}
			tail = spans_append_copy(a, tail, v);
		}
		if (lit == 0) { /* no placeholder: the text is shared (spans are never modified) */
			vita_span *x = span_new(a, VITA_SPAN_TEXT, NULL);
			x->text = t;
			*tail = x;
			tail = &x->next;
		} else if (lit < n)
			tail = append_text(a, tail, t + lit, n - lit);
	}
	return head;
}

static const vita_span *authors_spans(vita_arena *a, const vita_entry *e)
{
	vita_span *head = NULL, **tail = &head;
	for (size_t i = 0; i < e->nauthors; i++) {
		const vita_author *au = &e->authors[i];
		if (!au->name.spans)
			continue;
		if (head) {
			*tail = span_new(a, VITA_SPAN_TEXT, ", ");
			tail = &(*tail)->next;
		}
		if (au->emphasis || au->owner) {
			/* RenderCV's emphasis: 1 italic, 2 bold, 3 bold italic; a matched owner bold */
			int em = au->emphasis ? au->emphasis : 2;
			vita_span *s = span_new(a, em == 1 ? VITA_SPAN_EMPH : VITA_SPAN_STRONG, NULL);
			s->children = au->name.spans;
			if (em == 3) {
				vita_span *in = span_new(a, VITA_SPAN_EMPH, NULL);
				in->children = au->name.spans;
				s->children = in;
			}
			*tail = s;
			tail = &s->next;
		} else {
			tail = spans_append_copy(a, tail, au->name.spans);
		}
		if (au->notes && *au->notes) {
			*tail = span_new(a, VITA_SPAN_SUPER, au->notes);
			tail = &(*tail)->next;
		}
	}
	return head;
}

/* A formatted date of any length (the formatter truncates to the buffer it is given). */
static const vita_span *dates_spans(const efields *f, const vita_date *one)
{
	size_t size = 256;
	for (;;) {
		char *buf = xmalloc(size);
		size_t n = one ? vita_format_date(f->cv, one, buf, size) : vita_format_dates(f->cv, f->e, buf, size);
		if (n + 1 < size || size >= (1u << 20)) {
			const vita_span *s = n ? text_spans(f->a, buf) : NULL;
			free(buf);
			return s;
		}
		free(buf);
		size *= 4;
	}
}

/* DATE: the range, and under it the time span in the sections that show one (RenderCV writes the
 * two as paragraphs of the date column). */
static const vita_span *date_with_span(const efields *f)
{
	const vita_span *range = dates_spans(f, NULL);
	char *span = f->time_span ? vita_time_span_text(f->cv, f->e) : NULL;
	if (!span || !range) {
		free(span);
		return range;
	}
	vita_span *head = NULL, **tail = spans_append_copy(f->a, &head, range);
	vita_span *br = span_new(f->a, VITA_SPAN_BREAK, NULL);
	*tail = br;
	br->next = text_spans(f->a, span);
	free(span);
	return head;
}

static bool name_is(const char *name, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(name, lit, n) == 0;
}

/* A text field by its placeholder, from the schema table (a member or a field kept by name). */
static const vita_text *text_field(const vita_entry *e, const char *name, size_t n)
{
	return vita_entry_text(e, vita_field_by_placeholder(name, n));
}

static const vita_span *extra_value(const vita_entry *e, const char *name, size_t n)
{
	for (size_t i = 0; i < e->nextras; i++) {
		const char *k = e->extras[i].key;
		size_t j = 0;
		for (; k[j] && j < n; j++) {
			char c = k[j] >= 'a' && k[j] <= 'z' ? (char)(k[j] - 32) : k[j];
			if (c != name[j])
				break;
		}
		if (!k[j] && j == n)
			return e->extras[i].value.spans;
	}
	return NULL;
}

const vita_span *field_value(void *ctx, const char *name, size_t n)
{
	efields *f = ctx;
	const vita_entry *e = f->e;
	static const vita_span highlights_marker = {.kind = VITA_SPAN_TEXT, .text = ""};
	const vita_text *t = text_field(e, name, n);
	if (t)
		return t->spans;
	if (name_is(name, n, "DATE"))
		return e->date.kind || e->start_date.kind || e->end_date.kind ? date_with_span(f) : NULL;
	if (name_is(name, n, "START_DATE"))
		return e->start_date.kind ? dates_spans(f, &e->start_date) : NULL;
	if (name_is(name, n, "END_DATE"))
		return e->end_date.kind ? dates_spans(f, &e->end_date) : NULL;
	if (name_is(name, n, "AUTHORS"))
		return authors_spans(f->a, e);
	if (name_is(name, n, "HIGHLIGHTS"))
		return e->nhighlights ? &highlights_marker : NULL;
	if (name_is(name, n, "DOI") || name_is(name, n, "URL")) {
		if (e->doi) {
			const char *url = arena_printf(f->a, "https://doi.org/%s", e->doi);
			return link_span(f->a, url, e->doi, strlen(e->doi));
		}
		if (name[0] == 'U' && e->url) {
			size_t len;
			const char *shown = vita_url_shown(e->url, &len);
			return link_span(f->a, e->url, shown, len);
		}
		return NULL;
	}
	return extra_value(e, name, n);
}

bool field_provided(void *ctx, const char *name, size_t n)
{
	efields *f = ctx;
	const vita_entry *e = f->e;
	/* cheap answers first: most placeholders are text fields */
	const vita_text *t = text_field(e, name, n);
	if (t)
		return t->spans != NULL;
	if (name_is(name, n, "DATE"))
		return e->date.kind || e->start_date.kind || e->end_date.kind;
	if (name_is(name, n, "START_DATE"))
		return e->start_date.kind != VITA_DATE_NONE;
	if (name_is(name, n, "END_DATE"))
		return e->end_date.kind != VITA_DATE_NONE;
	if (name_is(name, n, "AUTHORS"))
		return e->nauthors > 0;
	if (name_is(name, n, "HIGHLIGHTS"))
		return e->nhighlights > 0;
	if (name_is(name, n, "DOI"))
		return e->doi != NULL;
	if (name_is(name, n, "URL"))
		return e->doi != NULL || e->url != NULL;
	return extra_value(e, name, n) != NULL;
}
