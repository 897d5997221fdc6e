/*
 * The Markdown backend: the composition as clean CommonMark a person would write.
 *
 * The shape follows RenderCV's Markdown output: the name as the title, the headline, the contact
 * items as a list, one `##` heading per section and, for a regular entry, its first main-column
 * line as a `###` heading followed by the degree and date-and-location lines and the rest of the
 * main column (summary as a paragraph, highlights as a nested list).  Text-based entries are list
 * items (bullets, numbers) or paragraphs.  Every line comes from the composition, so the words are
 * the PDF's words; the page furniture (footer, top note) has no place in a Markdown file.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "markdown/escape.h"
#include "vita.h"
#include "vita/compose.h"

typedef struct mdw {
	vita_buf *b;
	bool line_start; /* the next text begins a line */
} mdw;

static void put_spans(mdw *w, const vita_span *s);

/* Emphasis must hug its text in CommonMark ("** x**" is not bold): spaces move outside. */
static void put_delimited(mdw *w, const char *delim, const vita_span *children)
{
	vita_buf inner = {0};
	mdw iw = {&inner, w->line_start};
	put_spans(&iw, children);
	const char *t = buf_str(&inner);
	size_t n = inner.len, a = 0, e = n;
	while (a < n && t[a] == ' ')
		a++;
	while (e > a && t[e - 1] == ' ')
		e--;
	buf_put(w->b, t, a);
	if (e > a) {
		buf_puts(w->b, delim);
		buf_put(w->b, t + a, e - a);
		buf_puts(w->b, delim);
	}
	buf_put(w->b, t + e, n - e);
	buf_free(&inner);
	w->line_start = false;
}

static void put_code(mdw *w, const char *text)
{
	/* a fence longer than any run of backticks inside */
	size_t run = 0, best = 0;
	for (const char *p = text; p && *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	for (size_t i = 0; i <= best; i++)
		buf_putc(w->b, '`');
	bool pad = text && (text[0] == '`' || (*text && text[strlen(text) - 1] == '`'));
	if (pad)
		buf_putc(w->b, ' ');
	buf_puts(w->b, text ? text : "");
	if (pad)
		buf_putc(w->b, ' ');
	for (size_t i = 0; i <= best; i++)
		buf_putc(w->b, '`');
}

static void put_spans(mdw *w, const vita_span *s)
{
	for (; s; s = s->next) {
		switch (s->kind) {
		case VITA_SPAN_TEXT:
		case VITA_SPAN_SUPER:
			md_escape(w->b, s->text, w->line_start);
			break;
		case VITA_SPAN_STRONG: put_delimited(w, "**", s->children); break;
		case VITA_SPAN_EMPH: put_delimited(w, "*", s->children); break;
		case VITA_SPAN_CODE: put_code(w, s->text); break;
		case VITA_SPAN_LINK:
			buf_putc(w->b, '[');
			w->line_start = false;
			put_spans(w, s->children);
			buf_puts(w->b, "](");
			md_escape_url(w->b, s->url ? s->url : "");
			buf_putc(w->b, ')');
			break;
		case VITA_SPAN_BREAK:
			buf_puts(w->b, "\\\n");
			w->line_start = true;
			continue;
		case VITA_SPAN_PAGE_NUMBER:
		case VITA_SPAN_TOTAL_PAGES:
			break;
		}
		if (w->b->len)
			w->line_start = false;
	}
}

static void line(mdw *w, const char *prefix, const vita_span *s)
{
	buf_puts(w->b, prefix);
	w->line_start = !*prefix;
	put_spans(w, s);
	buf_puts(w->b, "\n");
	w->line_start = true;
}

static void highlights(mdw *w, const vita_highlight *h, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		buf_printf(w->b, "%*s- ", depth * 2, "");
		w->line_start = false;
		put_spans(w, h[i].text.spans);
		buf_putc(w->b, '\n');
		highlights(w, h[i].children, h[i].nchildren, depth + 1);
	}
}

/* Lines of a column as paragraphs (SUMMARY and HIGHLIGHTS as blocks), from line `from`. */
static void column(mdw *w, const vita_centry *e, const vita_ccol *c, size_t from)
{
	for (size_t i = from; i < c->n; i++) {
		const vita_cline *l = &c->lines[i];
		if (l->kind == VITA_CLINE_SUMMARY) {
			if (e->summary)
				line(w, "", e->summary);
		} else if (l->kind == VITA_CLINE_HIGHLIGHTS) {
			highlights(w, e->highlights, e->nhighlights, 0);
		} else {
			line(w, "", l->spans);
		}
		buf_putc(w->b, '\n');
	}
}

static void entry(mdw *w, const vita_csection *s, size_t i)
{
	const vita_centry *e = &s->entries[i];
	switch (e->shape) {
	case VITA_SHAPE_REGULAR: {
		size_t first = 0;
		if (e->main.n && e->main.lines[0].kind == VITA_CLINE_TEXT) {
			line(w, "### ", e->main.lines[0].spans);
			buf_putc(w->b, '\n');
			first = 1;
		}
		column(w, e, &e->degree, 0);
		column(w, e, &e->date, 0);
		column(w, e, &e->main, first);
		break;
	}
	case VITA_SHAPE_ONELINE:
		column(w, e, &e->main, 0);
		break;
	case VITA_SHAPE_BULLET:
		line(w, "- ", e->text);
		if (i + 1 == s->nentries)
			buf_putc(w->b, '\n');
		break;
	case VITA_SHAPE_NUMBERED:
		if (e->e->kind == VITA_ENTRY_NUMBERED) {
			/* an ordered list numbers itself: 1., 2., … as the composition does */
			buf_printf(w->b, "%s ", e->number);
			line(w, "", e->text);
			if (i + 1 == s->nentries)
				buf_putc(w->b, '\n');
		} else {
			/* counting down is no CommonMark list: the number is kept as text */
			buf_printf(w->b, "%.*s\\. ", (int)strcspn(e->number, "."), e->number);
			line(w, "", e->text);
			buf_putc(w->b, '\n');
		}
		break;
	case VITA_SHAPE_TEXT:
		line(w, "", e->text);
		buf_putc(w->b, '\n');
		break;
	}
}

static void header(mdw *w, const vita_comp *c)
{
	if (c->name) {
		line(w, "# ", c->name);
		buf_putc(w->b, '\n');
	}
	if (c->headline) {
		line(w, "", c->headline);
		buf_putc(w->b, '\n');
	}
	for (size_t i = 0; i < c->nconnections; i++) {
		const vita_connection *k = &c->connections[i];
		buf_puts(w->b, "- ");
		if (k->url) {
			buf_putc(w->b, '[');
			md_escape(w->b, k->text, false);
			buf_puts(w->b, "](");
			md_escape_url(w->b, k->url);
			buf_putc(w->b, ')');
		} else {
			md_escape(w->b, k->text, false);
		}
		buf_putc(w->b, '\n');
	}
	if (c->nconnections)
		buf_putc(w->b, '\n');
}

int vita_markdown_write_mem(const vita_comp *c, char **data, size_t *len, vita_diags *d)
{
	(void)d;
	vita_buf b = {0};
	mdw w = {&b, true};
	header(&w, c);
	for (size_t i = 0; i < c->nsections; i++) {
		const vita_csection *s = &c->sections[i];
		line(&w, "## ", s->title);
		buf_putc(&b, '\n');
		for (size_t j = 0; j < s->nentries; j++)
			entry(&w, s, j);
	}
	/* one newline at the end, none doubled */
	while (b.len >= 2 && b.data[b.len - 1] == '\n' && b.data[b.len - 2] == '\n')
		b.data[--b.len] = 0;
	*len = b.len;
	*data = buf_take(&b);
	if (!*data)
		*data = xstrdup("");
	return 0;
}
