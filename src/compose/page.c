/*
 * The page templates — footer, top note — and the PDF title, with RenderCV's placeholders.
 *
 * RenderCV substitutes these as plain text, longest name first and without word boundaries (so
 * MONTH_NAME is not NAME), then reads the result as Markdown.  vita parses the template's Markdown
 * first and puts the values into its text, so a `*` in a name is never taken for emphasis.  One
 * difference on purpose: when NAME is empty, a separator it leaves at either end ("– 1/2") goes.
 * PAGE_NUMBER and TOTAL_PAGES become spans that each backend fills in (the layout with numbers,
 * LaTeX with \thepage and the last page's label).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/compose_internal.h"
#include "load/inline.h"

typedef struct pvals {
	const char *name[20];
	const vita_span *value[20];
	size_t n;
	bool name_empty;
} pvals;

static void put(pvals *v, const char *name, const vita_span *value)
{
	v->name[v->n] = name;
	v->value[v->n++] = value;
}

static vita_span *special(vita_arena *a, vita_span_kind k)
{
	vita_span *s = arena_alloc(a, sizeof *s);
	s->kind = k;
	return s;
}

/* The date placeholders of RenderCV's build_date_placeholders, for today. */
static void date_values(vita_arena *a, const vita_cv *cv, pvals *v)
{
	const vita_date *d = &cv->settings.current_date;
	int m = d->kind == VITA_DATE_EXACT ? d->month : 0;
	const char *mn = m >= 1 && m <= 12 ? cv->locale.month_names[m - 1] : NULL;
	const char *ma = m >= 1 && m <= 12 ? cv->locale.month_abbreviations[m - 1] : NULL;
	char *today = vita_date_text(cv, d); /* whole: a single_date template may be long (D5) */
	put(v, "CURRENT_DATE", today ? text_spans(a, today) : NULL);
	free(today);
	put(v, "MONTH_NAME", mn ? text_spans(a, mn) : NULL);
	put(v, "MONTH_ABBREVIATION", ma ? text_spans(a, ma) : NULL);
	put(v, "MONTH_IN_TWO_DIGITS", m ? text_spans(a, arena_printf(a, "%02d", m)) : NULL);
	put(v, "MONTH", m ? text_spans(a, arena_printf(a, "%d", m)) : NULL);
	put(v, "DAY_IN_TWO_DIGITS", d->day ? text_spans(a, arena_printf(a, "%02d", d->day)) : NULL);
	put(v, "DAY", d->day ? text_spans(a, arena_printf(a, "%d", d->day)) : NULL);
	put(v, "YEAR_IN_TWO_DIGITS", d->year ? text_spans(a, arena_printf(a, "%02d", d->year % 100)) : NULL);
	put(v, "YEAR", d->year ? text_spans(a, arena_printf(a, "%d", d->year)) : NULL);
}

/* The longest placeholder name starting at t (RenderCV matches without word boundaries). */
static int match_at(const pvals *v, const char *t)
{
	int best = -1;
	size_t bl = 0;
	for (size_t i = 0; i < v->n; i++) {
		size_t l = strlen(v->name[i]);
		if (l > bl && strncmp(t, v->name[i], l) == 0) {
			best = (int)i;
			bl = l;
		}
	}
	return best;
}

/* The page templates' matcher: the longest name starting at any capital letter (RenderCV puts
 * page placeholders in anywhere, "F[MONTH_NAME]F" included). */
static bool match_name(void *ctx, const char *t, size_t n, size_t *from, size_t *start, size_t *end,
                       const vita_span **value)
{
	const pvals *v = ctx;
	for (size_t i = *from; i < n; i++) {
		int m = (t[i] >= 'A' && t[i] <= 'Z') ? match_at(v, t + i) : -1;
		if (m >= 0) {
			*start = i, *end = i + strlen(v->name[m]), *value = v->value[m];
			*from = *end;
			return true;
		}
	}
	*from = n;
	return false;
}

/* Separators that mean nothing once the name they separated is gone. */
static bool dangling(const char *s, size_t *len)
{
	static const char *const set[] = {" ", ",", ";", ":", "-", "|", "/", "&", "+", "\xC2\xB7", "\xE2\x80\xA2",
	                                  "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x88\x92"};
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++) {
		size_t l = strlen(set[i]);
		if (strncmp(s, set[i], l) == 0) {
			*len = l;
			return true;
		}
	}
	return false;
}

/* Trims dangling separators from the front (or back) of a span list; returns true when something
 * other than separators remains at that end. */
static bool trim_end(vita_arena *a, vita_span **list, bool front)
{
	for (;;) {
		vita_span **pp = list, **last = NULL;
		if (!*pp)
			return false;
		if (!front)
			for (; *pp; pp = &(*pp)->next)
				last = pp;
		vita_span **at = front ? list : last;
		vita_span *s = *at;
		if (s->kind == VITA_SPAN_TEXT && s->text) {
			const char *t = s->text;
			size_t n = strlen(t), b = 0, e = n, l;
			if (front)
				while (b < n && dangling(t + b, &l))
					b += l;
			else
				for (bool more = true; more && e > 0;) {
					more = false;
					for (size_t k = 1; k <= 3 && k <= e; k++)
						if (dangling(t + e - k, &l) && l == k) {
							e -= k;
							more = true;
							break;
						}
				}
			if (b < e) {
				if (b || e < n)
					s->text = arena_strndup(a, t + b, e - b);
				return true;
			}
			*at = s->next; /* all separators: drop it */
			continue;
		}
		if ((s->kind == VITA_SPAN_STRONG || s->kind == VITA_SPAN_EMPH) && s->children) {
			vita_span *c = arena_alloc(a, sizeof *c);
			*c = *s;
			*at = c;
			if (trim_end(a, &c->children, front))
				return true;
			*at = c->next;
			continue;
		}
		return true;
	}
}

static vita_ccol page_line(vita_comp *c, const char *tmpl, const pvals *v, vita_diags *d)
{
	vita_ccol col = {0};
	if (!tmpl || !*tmpl)
		return col;
	vita_pos pos = {c->cv->path, 0, 0};
	size_t cap = 1;
	for (const char *p = tmpl; *p; p++)
		cap += *p == '\n';
	vita_cline *lines = arena_array(c->arena, cap, sizeof *lines);
	for (const char *p = tmpl;;) {
		size_t len = strcspn(p, "\n");
		char *src = arena_strndup(c->arena, p, len);
		vita_span *s = spans_substitute(c->arena, vita_inline_parse(c->arena, src, pos, d), match_name, (void *)v, false);
		if (!compose_spend(c, spans_bytes(s), pos, "a page template (footer or top note)", d))
			break;
		if (s && v->name_empty) {
			trim_end(c->arena, &s, true);
			trim_end(c->arena, &s, false);
		}
		if (s) {
			lines[col.n].kind = VITA_CLINE_TEXT;
			lines[col.n++].spans = s;
		}
		if (!p[len])
			break;
		p += len + 1;
	}
	col.lines = lines;
	return col;
}

/* The PDF title: plain text, the name in plain text. */
static const char *pdf_title(vita_comp *c, const pvals *v, vita_diags *d)
{
	const vita_cv *cv = c->cv;
	const char *t = cv->settings.pdf_title ? cv->settings.pdf_title : "NAME - CV";
	vita_buf b = {0};
	vita_pos pos = {cv->path, 0, 0};
	for (size_t i = 0; t[i];) {
		int m = (t[i] >= 'A' && t[i] <= 'Z') ? match_at(v, t + i) : -1;
		if (m < 0) {
			buf_putc(&b, t[i++]);
			continue;
		}
		char *plain = vita_spans_plain(v->value[m]);
		bool ok = compose_spend(c, strlen(plain), pos, "settings.pdf_title", d);
		if (ok)
			buf_puts(&b, plain);
		free(plain);
		if (!ok)
			break;
		i += strlen(v->name[m]);
	}
	const char *s = buf_str(&b);
	size_t st = 0, n = strlen(s), l;
	if (v->name_empty) {
		while (st < n && dangling(s + st, &l))
			st += l;
		while (n > st && strchr(" -,:|", s[n - 1]))
			n--;
	} else {
		while (st < n && s[st] == ' ')
			st++;
		while (n > st && s[n - 1] == ' ')
			n--;
	}
	const char *r = n > st ? arena_strndup(c->arena, s + st, n - st) : "CV";
	buf_free(&b);
	return r;
}

void compose_page(vita_comp *c, vita_diags *d)
{
	const vita_cv *cv = c->cv;
	const vita_style *st = c->st;
	vita_arena *a = c->arena;
	pvals top = {0};
	top.name_empty = cv->name.spans == NULL;
	put(&top, "NAME", cv->name.spans);
	put(&top, "LAST_UPDATED", cv->locale.last_updated ? text_spans(a, cv->locale.last_updated) : NULL);
	date_values(a, cv, &top);
	if (st->show_top_note)
		c->top_note = page_line(c, st->top_note_template, &top, d);

	pvals foot = top;
	put(&foot, "PAGE_NUMBER", special(a, VITA_SPAN_PAGE_NUMBER));
	put(&foot, "TOTAL_PAGES", special(a, VITA_SPAN_TOTAL_PAGES));
	if (st->show_footer)
		c->footer = page_line(c, st->footer_template, &foot, d);

	/* the title names the owner in plain text */
	pvals title = top;
	char *plain = vita_spans_plain(cv->name.spans);
	title.value[0] = *plain ? text_spans(a, plain) : NULL;
	free(plain);
	c->title = pdf_title(c, &title, d);
}
