/*
 * The text of a field as the .tex writes it: the model's inline spans (bold, italic, code, links,
 * note markers) escaped for TeX, URLs shown as the PDF shows them with break points after their
 * punctuation, left-to-right runs marked in a right-to-left CV (rtl.c), and an entry's author
 * names tied (~) as vita's layout keeps a name on one line.  The characters written are noted for
 * the fallback fonts (coverage.c).
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/base.h"
#include "io/io.h"
#include "latex/coverage.h"
#include "latex/escape.h"
#include "latex/latex_internal.h"
#include "load/yaml.h"
#include "style/fonts.h"
#include "vita/cv.h"
#include "vita/style.h"
#include "latex/writer.h"

void latex_cover(writer *w, const char *s)
{
	if (w->cov)
		latex_cov_text(w->cov, w->family, s, w->at);
}

/* Text with a break opportunity after the punctuation of an address ("arxiv.org/abs/…"). */
static void put_breakable(vita_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		/* whole UTF-8 sequences: a byte alone would be two U+FFFD in the .tex (attack D6) */
		size_t k = 1;
		while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		latex_escape(b, s + i, k);
		if (k == 1 && strchr("/.?&=_#", s[i]) && i + 1 < n)
			buf_puts(b, "\\allowbreak{}");
		i += k;
	}
}

/* An address shown as text: \nolinkurl, which xurl lets break where a URL may, when TeX reads it
 * right inside an argument (printable ASCII; % and # escaped, which url.sty prints bare);
 * otherwise escaped text that may break after its punctuation. */
static void put_shown_url(vita_buf *b, const char *s, size_t n)
{
	bool plain = n > 0 && n < LATEX_LINE_MAX;
	for (size_t i = 0; i < n && plain; i++)
		plain = s[i] > 0x20 && s[i] < 0x7f && !strchr("\\{}~^$\"'`[]", s[i]);
	if (!plain) {
		put_breakable(b, s, n);
		return;
	}
	buf_puts(b, "\\nolinkurl{");
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' || s[i] == '#')
			buf_putc(b, '\\');
		buf_putc(b, s[i]);
	}
	buf_putc(b, '}');
}

/* Link text that is an address ("arxiv.org/abs/1", "a@b.org"), not a word such as "Slides". */
static bool looks_like_address(const char *s)
{
	size_t n = strlen(s);
	if (strchr(s, '/') || strchr(s, '@'))
		return true;
	const char *dot = strchr(s, '.');
	return dot && dot > s && (size_t)(dot - s) + 1 < n;
}

bool latex_has_text(const vita_text *t)
{
	return t->md && *t->md;
}

/* ---- inline spans --------------------------------------------------------------------------- */

/* Opens or closes a left-to-right run where the field's text at w->lr_off starts or leaves one. */
static void lr_switch(writer *w)
{
	bool in = w->lr && w->lr[w->lr_off];
	if (in != w->lr_open)
		buf_puts(w->b, in ? "\\cvbeginlr{}" : "\\cvendlr{}");
	w->lr_open = in;
}

static void span_text(vita_buf *b, const vita_span *s);

static bool alnum_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80;
}

/* The length of the entry's author name that starts s[i] as a whole word, or 0. */
static size_t name_at(const vita_entry *e, const char *s, size_t i, size_t n, vita_buf *tmp)
{
	if (i > 0 && alnum_byte((unsigned char)s[i - 1]))
		return 0;
	for (size_t k = 0; k < e->nauthors; k++) {
		buf_reset(tmp);
		span_text(tmp, e->authors[k].name.spans);
		size_t m = tmp->len;
		if (m && strchr(buf_str(tmp), ' ') && i + m <= n && memcmp(s + i, buf_str(tmp), m) == 0 &&
		    (i + m == n || !alnum_byte((unsigned char)s[i + m])))
			return m;
	}
	return 0;
}

/* Text with the entry's author names tied: each name's spaces written as ~, so that TeX, like
 * vita's layout (layout/ties.c), never breaks a line inside "Yutong Lu". */
static void put_tied_text(writer *w, const char *s, size_t n)
{
	vita_buf tmp = {0};
	size_t from = 0;
	for (size_t i = 0; i < n;) {
		size_t m = name_at(w->names, s, i, n, &tmp);
		if (!m) {
			i++;
			continue;
		}
		latex_escape_text_n(w->b, s + from, i - from);
		for (size_t a = i, b; a < i + m; a = b + 1) {
			b = a;
			while (b < i + m && s[b] != ' ')
				b++;
			latex_escape_text_n(w->b, s + a, b - a);
			if (b < i + m)
				buf_putc(w->b, '~');
		}
		i = from = i + m;
	}
	latex_escape_text_n(w->b, s + from, n - from);
	buf_free(&tmp);
}

/* Text of a span, cut where a left-to-right run of a right-to-left CV starts or ends. */
static void put_run_text(writer *w, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!w->lr) {
		if (w->names && w->names->nauthors)
			put_tied_text(w, s, n);
		else
			latex_escape_text(w->b, s);
		return;
	}
	for (size_t i = 0; i < n;) {
		lr_switch(w);
		size_t j = i;
		while (j < n && w->lr[w->lr_off + j - i] == w->lr_open)
			j++;
		latex_escape_text_n(w->b, s + i, j - i);
		w->lr_off += j - i;
		i = j;
	}
}

/* The field's text as the spans hold it, in order (what latex_ltr_bytes reads). */
static void span_text(vita_buf *b, const vita_span *s)
{
	for (; s; s = s->next) {
		if (s->kind == VITA_SPAN_TEXT && s->text)
			buf_puts(b, s->text);
		span_text(b, s->children);
	}
}

static void put_spans(writer *w, const vita_span *s)
{
	for (; s; s = s->next) {
		switch (s->kind) {
		case VITA_SPAN_TEXT:
			latex_cover(w, s->text);
			if (w->in_link && s->text && !strchr(s->text, ' ') && looks_like_address(s->text)) {
				lr_switch(w);
				put_shown_url(w->b, s->text, strlen(s->text));
				w->lr_off += w->lr ? strlen(s->text) : 0;
			} else {
				put_run_text(w, s->text);
			}
			break;
		case VITA_SPAN_STRONG:
			buf_puts(w->b, "\\textbf{");
			put_spans(w, s->children);
			buf_putc(w->b, '}');
			break;
		case VITA_SPAN_EMPH:
			buf_puts(w->b, "\\emph{");
			put_spans(w, s->children);
			buf_putc(w->b, '}');
			break;
		case VITA_SPAN_CODE: {
			const char *outer = w->family; /* \texttt is set in the mono family */
			w->family = w->st->mono_family ? w->st->mono_family : outer;
			latex_cover(w, s->text);
			w->family = outer;
			buf_puts(w->b, "\\texttt{");
			latex_escape_str(w->b, s->text);
			buf_putc(w->b, '}');
			break;
		}
		case VITA_SPAN_LINK:
			buf_puts(w->b, "\\href{");
			latex_escape_url(w->b, s->url ? s->url : "");
			buf_puts(w->b, "}{");
			w->in_link = true;
			put_spans(w, s->children);
			w->in_link = false;
			buf_putc(w->b, '}');
			if (w->st->show_external_link_icon) /* design.links.show_external_link_icon (vita.cls) */
				buf_puts(w->b, "\\cvlinkicon{}");
			break;
		case VITA_SPAN_BREAK:
			buf_puts(w->b, "\\newline{}");
			break;
		case VITA_SPAN_SUPER:
			latex_cover(w, s->text);
			buf_puts(w->b, "\\cvnote{");
			latex_escape_str(w->b, s->text);
			buf_putc(w->b, '}');
			break;
		case VITA_SPAN_PAGE_NUMBER:
			buf_puts(w->b, "\\thepage{}");
			break;
		case VITA_SPAN_TOTAL_PAGES:
			buf_puts(w->b, "\\pageref*{LastPage}");
			break;
		}
	}
}

/* A field's spans; in a right-to-left CV, with its left-to-right runs marked (rtl.c). */
void latex_put_field_spans(writer *w, const vita_span *spans)
{
	if (!w->comp->rtl || w->lr) { /* (a field inside a field keeps the outer one's runs) */
		put_spans(w, spans);
		return;
	}
	vita_buf plain = {0};
	span_text(&plain, spans);
	bool *lr = latex_ltr_bytes(plain.data ? plain.data : "", plain.len);
	buf_free(&plain);
	w->lr = lr;
	w->lr_off = 0;
	w->lr_open = false;
	put_spans(w, spans);
	if (w->lr_open)
		buf_puts(w->b, "\\cvendlr{}");
	w->lr = NULL;
	w->lr_open = false;
	free(lr);
}

void latex_put_text(writer *w, const vita_text *t)
{
	vita_pos outer = w->at;
	if (t->pos.line)
		w->at = t->pos;
	if (t->spans)
		latex_put_field_spans(w, t->spans);
	else if (t->md) {
		latex_cover(w, t->md);
		latex_escape_str(w->b, t->md);
	}
	w->at = outer;
}

/* A URL as the text shows it: without the scheme and a trailing slash. */
void latex_put_url_link(writer *w, const char *url, const char *shown)
{
	buf_puts(w->b, "\\href{");
	latex_escape_url(w->b, url);
	buf_puts(w->b, "}{");
	if (!shown) {
		size_t n;
		shown = vita_url_shown(url, &n);
		put_shown_url(w->b, shown, n);
	} else {
		latex_escape_str(w->b, shown);
	}
	buf_putc(w->b, '}');
}
