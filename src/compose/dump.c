/*
 * `vita render --dump-compose`: the composition as stable text, one line per evaluated line, so
 * that what every backend receives can be read and diffed (tests/golden/compose/).
 *
 * Spans are written as a small markup: "text" quoted, **(…) strong, *(…) emphasis, `…` code,
 * [… -> url] a link, ^(…) superscript, {PAGE} and {PAGES} the footer's page fields, / a hard break.
 */
#include <stdio.h>

#include "compose/compose_internal.h"
#include "vita/icons.h"

static void quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void spans(FILE *out, const vita_span *s)
{
	for (bool first = true; s; s = s->next, first = false) {
		if (!first)
			fputc(' ', out);
		switch (s->kind) {
		case VITA_SPAN_TEXT: quoted(out, s->text); break;
		case VITA_SPAN_CODE: fputc('`', out); quoted(out, s->text); fputc('`', out); break;
		case VITA_SPAN_STRONG: fputs("**(", out); spans(out, s->children); fputc(')', out); break;
		case VITA_SPAN_EMPH: fputs("*(", out); spans(out, s->children); fputc(')', out); break;
		case VITA_SPAN_LINK:
			fputc('[', out);
			spans(out, s->children);
			fputs(" -> ", out);
			quoted(out, s->url);
			fputc(']', out);
			break;
		case VITA_SPAN_BREAK: fputc('/', out); break;
		case VITA_SPAN_SUPER: fputs("^(", out); quoted(out, s->text); fputc(')', out); break;
		case VITA_SPAN_PAGE_NUMBER: fputs("{PAGE}", out); break;
		case VITA_SPAN_TOTAL_PAGES: fputs("{PAGES}", out); break;
		}
	}
}

static void col(FILE *out, const char *label, const vita_ccol *c)
{
	for (size_t i = 0; i < c->n; i++) {
		fprintf(out, "    %s: ", label);
		const vita_cline *l = &c->lines[i];
		if (l->kind == VITA_CLINE_SUMMARY)
			fputs("SUMMARY", out);
		else if (l->kind == VITA_CLINE_HIGHLIGHTS)
			fputs("HIGHLIGHTS", out);
		else
			spans(out, l->spans);
		fputc('\n', out);
	}
}

static void highlights(FILE *out, const vita_highlight *h, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "      %*s- ", depth * 2, "");
		spans(out, h[i].text.spans);
		fputc('\n', out);
		highlights(out, h[i].children, h[i].nchildren, depth + 1);
	}
}

static const char *shape_name(vita_centry_shape s)
{
	static const char *const names[] = {"regular", "one-line", "bullet", "numbered", "text"};
	return names[s];
}

static void entry(FILE *out, const vita_centry *e)
{
	fprintf(out, "  entry %s (%s, line %d)%s\n", shape_name(e->shape), vita_entry_kind_name(e->e->kind),
	        e->e->pos.line, e->degree_column ? " degree-column" : "");
	if (e->number)
		fprintf(out, "    number: %s\n", e->number);
	if (e->text) {
		fputs("    text: ", out);
		spans(out, e->text);
		fputc('\n', out);
	}
	col(out, "degree", &e->degree);
	col(out, "main", &e->main);
	col(out, "date", &e->date);
	bool shows_summary = false, shows_highlights = false;
	for (size_t i = 0; i < e->main.n; i++) {
		shows_summary |= e->main.lines[i].kind == VITA_CLINE_SUMMARY;
		shows_highlights |= e->main.lines[i].kind == VITA_CLINE_HIGHLIGHTS;
	}
	if (shows_summary && e->summary) {
		fputs("    summary: ", out);
		spans(out, e->summary);
		fputc('\n', out);
	}
	if (shows_highlights) {
		fputs("    highlights:\n", out);
		highlights(out, e->highlights, e->nhighlights, 0);
	}
}

void vita_comp_dump(const vita_comp *c, FILE *out)
{
	fputs("info title=", out);
	quoted(out, c->title);
	fputs(" author=", out);
	quoted(out, c->author);
	fputs(" keywords=", out);
	quoted(out, c->keywords);
	fprintf(out, "\ndates %s\n", c->dates_left ? "left" : "right");
	if (c->rtl)
		fputs("direction rtl\n", out);
	fputs("header\n", out);
	if (c->name) {
		fputs("  name: ", out);
		spans(out, c->name);
		fputc('\n', out);
	}
	if (c->headline) {
		fputs("  headline: ", out);
		spans(out, c->headline);
		fputc('\n', out);
	}
	for (size_t i = 0; i < c->nconnections; i++) {
		const vita_connection *k = &c->connections[i];
		fputs("  connection: ", out);
		if (c->icons && c->icons[i].cp)
			fprintf(out, "[icon %s U+%04X] ", c->icons[i].name, (unsigned)c->icons[i].cp);
		quoted(out, k->text);
		if (k->url) {
			fputs(" -> ", out);
			quoted(out, k->url);
		}
		fputc('\n', out);
	}
	for (size_t i = 0; i < c->nsections; i++) {
		const vita_csection *s = &c->sections[i];
		fputs("section ", out);
		spans(out, s->title);
		fprintf(out, "%s\n", s->text_based ? " text-based" : "");
		for (size_t j = 0; j < s->nentries; j++)
			entry(out, &s->entries[j]);
	}
	fputs("footer\n", out);
	col(out, "line", &c->footer);
	fputs("top note\n", out);
	col(out, "line", &c->top_note);
}
