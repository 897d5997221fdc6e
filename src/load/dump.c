/*
 * `vita dump`: the loaded model as stable, diffable text — every field with its line:col, inline
 * spans as a tree, dates both as parsed and as vita_format_dates prints them, authors with their
 * owner flags and notes, connections with their links.  Golden tests diff this output, so it
 * depends on nothing but the model (no addresses, no locale of the process).
 *
 * Shape: one item per line, indented two spaces per level; strings in double quotes with \n, \t,
 * \" and \\ escaped and other control characters as \xNN.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load_internal.h"
#include "vita/schema.h"

static void indent(FILE *out, int level)
{
	for (int i = 0; i < level; i++)
		fputs("  ", out);
}

static void quoted(FILE *out, const char *s)
{
	if (!s) {
		fputs("-", out);
		return;
	}
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\x%02x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

static void pos(FILE *out, vita_pos p)
{
	fprintf(out, "@%d:%d", p.line, p.col);
}

static void spans(FILE *out, const vita_span *s)
{
	for (; s; s = s->next) {
		fputc('[', out);
		switch (s->kind) {
		case VITA_SPAN_TEXT: fputs("text ", out); quoted(out, s->text); break;
		case VITA_SPAN_CODE: fputs("code ", out); quoted(out, s->text); break;
		case VITA_SPAN_BREAK: fputs("break", out); break;
		case VITA_SPAN_SUPER: fputs("super ", out); quoted(out, s->text); break;
		case VITA_SPAN_PAGE_NUMBER: fputs("page-number", out); break;
		case VITA_SPAN_TOTAL_PAGES: fputs("total-pages", out); break;
		case VITA_SPAN_STRONG: fputs("strong ", out); spans(out, s->children); break;
		case VITA_SPAN_EMPH: fputs("emph ", out); spans(out, s->children); break;
		case VITA_SPAN_LINK:
			fputs("link ", out);
			quoted(out, s->url);
			fputc(' ', out);
			spans(out, s->children);
			break;
		}
		fputc(']', out);
		if (s->next)
			fputc(' ', out);
	}
}

/* `label "md" @l:c` and, when the spans say more than the text, ` = [spans]`. */
static void text(FILE *out, int level, const char *label, const vita_text *t)
{
	if (!t->md)
		return;
	indent(out, level);
	fprintf(out, "%s ", label);
	quoted(out, t->md);
	fputc(' ', out);
	pos(out, t->pos);
	const vita_span *s = t->spans;
	bool plain = !s || (s->kind == VITA_SPAN_TEXT && !s->next && strcmp(s->text, t->md) == 0);
	if (!plain) {
		fputs(" = ", out);
		spans(out, s);
	}
	fputc('\n', out);
}

static void date_iso(FILE *out, const vita_date *d)
{
	switch (d->kind) {
	case VITA_DATE_NONE: fputs("-", out); break;
	case VITA_DATE_PRESENT: fputs("present", out); break;
	case VITA_DATE_TEXT: fputs("text ", out); quoted(out, d->text); break;
	case VITA_DATE_EXACT:
		fprintf(out, "%04d", d->year);
		if (d->month)
			fprintf(out, "-%02d", d->month);
		if (d->day)
			fprintf(out, "-%02d", d->day);
		break;
	}
}

static void date(FILE *out, int level, const char *label, const vita_date *d)
{
	if (d->kind == VITA_DATE_NONE)
		return;
	indent(out, level);
	fprintf(out, "%s ", label);
	date_iso(out, d);
	fputc(' ', out);
	pos(out, d->pos);
	fputc('\n', out);
}

/* Entry e's text field under key, when e's kind has it. */
static void member(FILE *out, int level, const char *label, const vita_entry *e, const char *key)
{
	const vita_text *t = vita_entry_text(e, vita_field_by_key(key));
	if (t)
		text(out, level, label, t);
}

static void highlights(FILE *out, int level, const vita_highlight *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		text(out, level, "-", &h[i].text);
		highlights(out, level + 1, h[i].children, h[i].nchildren);
	}
}

static void entry(FILE *out, const vita_cv *cv, const vita_entry *e)
{
	indent(out, 2);
	fprintf(out, "entry %s ", vita_entry_kind_name(e->kind));
	pos(out, e->pos);
	fputc('\n', out);
	int l = 3;
	/* the kind's own members only (the kinds share their room): in this order, as the goldens */
	static const char *const members[][2] = {
	    {"institution", "institution"}, {"area", "area"}, {"degree", "degree"}, {"company", "company"},
	    {"position", "position"}, {"name", "name"}, {"title", "title"}, {"awarder", "awarder"},
	    {"label", "label"}, {"details", "details"}, {"text", "bullet"}};
	for (size_t i = 0; i < sizeof members / sizeof *members; i++)
		member(out, l, members[i][0], e, members[i][1]);
	for (size_t i = 0; i < e->nfields; i++) /* the kind's fields that have no member */
		text(out, l, e->fields[i].key, &e->fields[i].value);
	for (size_t i = 0; i < e->nauthors; i++) {
		const vita_author *a = &e->authors[i];
		indent(out, l);
		fputs("author ", out);
		quoted(out, a->name.md);
		fputc(' ', out);
		pos(out, a->name.pos);
		if (a->owner)
			fputs(a->owner_marked ? " owner(marked)" : " owner(matched)", out);
		if (a->notes && *a->notes) {
			fputs(" notes=", out);
			quoted(out, a->notes);
		}
		fputc('\n', out);
	}
	member(out, l, "journal", e, "journal");
	if (e->doi) {
		indent(out, l);
		fputs("doi ", out);
		quoted(out, e->doi);
		fputc(' ', out);
		pos(out, e->doi_pos);
		fputc('\n', out);
	}
	if (e->url) {
		indent(out, l);
		fputs("url ", out);
		quoted(out, e->url);
		fputc(' ', out);
		pos(out, e->url_pos);
		fputc('\n', out);
	}
	text(out, l, "location", &e->location);
	date(out, l, "date", &e->date);
	date(out, l, "start_date", &e->start_date);
	date(out, l, "end_date", &e->end_date);
	char *shown = vita_dates_text(cv, e);
	if (shown) {
		indent(out, l);
		fputs("dates-shown ", out);
		quoted(out, shown);
		fputc('\n', out);
	}
	free(shown);
	text(out, l, "summary", &e->summary);
	if (e->nhighlights) {
		indent(out, l);
		fputs("highlights\n", out);
		highlights(out, l + 1, e->highlights, e->nhighlights);
	}
	for (size_t i = 0; i < e->nextras; i++) {
		vita_buf label = {0}; /* the key is the user's: any length (D5) */
		buf_printf(&label, "extra %s", e->extras[i].key);
		text(out, l, label.data, &e->extras[i].value);
		buf_free(&label);
	}
}

static void strs(FILE *out, const char *const *s, size_t n)
{
	fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		quoted(out, s[i]);
	}
	fputc(']', out);
}

void vita_cv_dump(const vita_cv *cv, FILE *out)
{
	static const char *conn_names[] = {"location", "email", "phone", "website", "social", "custom"};
	fputs("cv ", out);
	quoted(out, cv->path);
	fputc('\n', out);
	text(out, 1, "name", &cv->name);
	text(out, 1, "headline", &cv->headline);
	text(out, 1, "location", &cv->location);
	if (cv->photo) {
		indent(out, 1);
		fputs("photo ", out);
		quoted(out, cv->photo);
		fputc(' ', out);
		pos(out, cv->photo_pos);
		fputc('\n', out);
	}
	for (size_t i = 0; i < cv->nconnections; i++) {
		const vita_connection *c = &cv->connections[i];
		indent(out, 1);
		fprintf(out, "connection %s ", conn_names[c->kind]);
		if (c->network) {
			quoted(out, c->network);
			fputc(' ', out);
		}
		quoted(out, c->text);
		fputs(" -> ", out);
		quoted(out, c->url);
		fputc(' ', out);
		pos(out, c->pos);
		fputc('\n', out);
	}
	const vita_locale *lo = &cv->locale;
	fputs("locale ", out);
	quoted(out, lo->language);
	fputc('\n', out);
	indent(out, 1);
	fputs("month_names ", out);
	strs(out, lo->month_names, 12);
	fputc('\n', out);
	indent(out, 1);
	fputs("month_abbreviations ", out);
	strs(out, lo->month_abbreviations, 12);
	fputc('\n', out);
	const char *const words[] = {lo->present, lo->last_updated, lo->month, lo->months, lo->year,
	                             lo->years, lo->degree_with_area, lo->single_date, lo->date_range,
	                             lo->time_span};
	const char *const wnames[] = {"present", "last_updated", "month", "months", "year", "years",
	                              "degree_with_area", "single_date", "date_range", "time_span"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		indent(out, 1);
		fprintf(out, "%s ", wnames[i]);
		quoted(out, words[i]);
		fputc('\n', out);
	}
	fputs("settings\n", out);
	indent(out, 1);
	fputs("current_date ", out);
	date_iso(out, &cv->settings.current_date);
	fputc('\n', out);
	if (cv->settings.nbold_keywords) {
		indent(out, 1);
		fputs("bold_keywords ", out);
		strs(out, cv->settings.bold_keywords, cv->settings.nbold_keywords);
		fputc('\n', out);
	}
	if (cv->settings.pdf_title) {
		indent(out, 1);
		fputs("pdf_title ", out);
		quoted(out, cv->settings.pdf_title);
		fputc('\n', out);
	}
	if (cv->design) {
		fputs("design ", out);
		pos(out, cv->design->pos);
		fputs(" (for the style loader)\n", out);
	}
	for (size_t s = 0; s < cv->nsections; s++) {
		const vita_section *sec = &cv->sections[s];
		fprintf(out, "section %s ", vita_entry_kind_name(sec->kind));
		quoted(out, sec->key);
		fputc(' ', out);
		pos(out, sec->pos);
		fprintf(out, " entries=%zu\n", sec->nentries);
		text(out, 1, "title", &sec->title);
		for (size_t i = 0; i < sec->nentries; i++)
			entry(out, cv, &sec->entries[i]);
	}
}
