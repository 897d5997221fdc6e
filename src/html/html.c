/*
 * The HTML backend: the composition as one self-contained, semantic, accessible page.
 *
 * Structure: <header> with the name (<h1>), headline and contacts (a list of links); one <section>
 * per CV section with its <h2>; an <article> per entry with its degree, main and date-and-location
 * columns as the composition gives them (lines as paragraphs, the summary, highlights as nested
 * lists); bullets and numbered entries as <ul>/<ol> (numbers kept with value=, so counting down
 * survives); the owner among authors in <strong>.  The page carries lang and dir from the CV's
 * locale.  Its style sheet is made from the same style as the PDF — fonts, sizes, colours, column
 * widths, spacing, section title type, the page size and margins for print — so the page looks like
 * the PDF on screen and prints like it.  Every user string goes through html/escape.c for its context.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "html/escape.h"
#include "html/icons.h"
#include "style/fonts.h"
#include "vita.h"
#include "vita/compose.h"

static void spans(vita_buf *b, const vita_span *s)
{
	for (; s; s = s->next) {
		switch (s->kind) {
		case VITA_SPAN_TEXT: html_text(b, s->text); break;
		case VITA_SPAN_STRONG: buf_puts(b, "<strong>"); spans(b, s->children); buf_puts(b, "</strong>"); break;
		case VITA_SPAN_EMPH: buf_puts(b, "<em>"); spans(b, s->children); buf_puts(b, "</em>"); break;
		case VITA_SPAN_CODE: buf_puts(b, "<code>"); html_text(b, s->text); buf_puts(b, "</code>"); break;
		case VITA_SPAN_LINK:
			buf_puts(b, "<a href=\"");
			html_url(b, s->url);
			buf_puts(b, "\">");
			spans(b, s->children);
			buf_puts(b, "</a>");
			break;
		case VITA_SPAN_SUPER: buf_puts(b, "<sup>"); html_text(b, s->text); buf_puts(b, "</sup>"); break;
		case VITA_SPAN_BREAK: buf_puts(b, "<br>"); break;
		case VITA_SPAN_PAGE_NUMBER:
		case VITA_SPAN_TOTAL_PAGES: break; /* a page has no page numbers */
		}
	}
}

/* ---- the style sheet ---- */

static void rgb(vita_buf *b, vita_rgb c)
{
	buf_printf(b, "rgb(%d, %d, %d)", (int)(c.r * 255 + 0.5), (int)(c.g * 255 + 0.5), (int)(c.b * 255 + 0.5));
}

static void pt(vita_buf *b, double v)
{
	buf_printf(b, "%.2fpt", v);
}

static void font(vita_buf *b, const vita_style *st, const vita_font_role *r)
{
	buf_puts(b, "font-family: ");
	html_css_string(b, r->family ? r->family : "sans-serif");
	if (st->cjk_family) {
		buf_puts(b, ", ");
		html_css_string(b, st->cjk_family);
	}
	buf_puts(b, ", sans-serif; font-size: ");
	pt(b, r->size);
	buf_printf(b, "; font-weight: %s;%s color: ", r->bold ? "bold" : "normal",
	           r->small_caps ? " font-variant: small-caps; font-synthesis-small-caps: none;" : "");
	rgb(b, r->color);
	buf_puts(b, ";");
	const vita_font_family *f = vita_font_family_stand_in(r->family);
	double space = f ? vita_font_family_space(f, 0) * f->metrics->scale[0] : 0;
	if (space > 0) /* a stand-in's word space is the original's, as in the PDF */
		buf_printf(b, " word-spacing: %.3fem;", f->metrics->space[0] - space);
}

/* An absolute alignment (RenderCV's header and date column: left stays left right to left). */
static const char *align(vita_align a)
{
	return a == VITA_ALIGN_CENTER ? "center" : a == VITA_ALIGN_RIGHT ? "right" : a == VITA_ALIGN_JUSTIFIED ? "justify" : "left";
}

/* The body's alignment, logical as RenderCV's start-align: "left" is the start of the line, its
 * right under dir="rtl".  The page's other sides are logical too (margin-inline-start, …), and the
 * grid of an entry follows the document's direction, so an RTL CV mirrors as its PDF does. */
static const char *start_align(vita_align a)
{
	return a == VITA_ALIGN_LEFT ? "start" : a == VITA_ALIGN_RIGHT ? "end" : align(a);
}

static void title_rule(vita_buf *b, const vita_style *st)
{
	bool line = true, centered = false, partial = false;
	switch (st->title_type) {
	case VITA_TITLE_WITH_PARTIAL_LINE: partial = true; break;
	case VITA_TITLE_WITH_FULL_LINE: break;
	case VITA_TITLE_WITHOUT_LINE: line = false; break;
	case VITA_TITLE_MODERNCV: partial = true; break;
	case VITA_TITLE_CENTERED_WITHOUT_LINE: line = false; centered = true; break;
	case VITA_TITLE_CENTERED_WITH_PARTIAL_LINE:
	case VITA_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE: partial = true; centered = true; break;
	case VITA_TITLE_CENTERED_WITH_FULL_LINE: centered = true; break;
	}
	buf_printf(b, "h2 { margin: 0; text-align: %s; ", centered ? "center" : "start");
	if (line && partial) {
		buf_puts(b, "display: flex; align-items: center; gap: 0.3em; }\n");
		buf_puts(b, "h2::after { content: \"\"; flex: 1; border-bottom: ");
		pt(b, st->title_line_thickness);
		buf_puts(b, " solid currentColor; }\n");
		if (centered)
			buf_puts(b, "h2::before { content: \"\"; flex: 1; border-bottom: inherit; border-bottom: 0.5pt solid currentColor; }\n");
	} else if (line) {
		buf_puts(b, "border-bottom: ");
		pt(b, st->title_line_thickness);
		buf_puts(b, " solid currentColor; }\n");
	} else {
		buf_puts(b, "}\n");
	}
}

/* Whether any section or entry asks for page_break_before. */
static bool has_page_breaks(const vita_comp *c)
{
	for (size_t i = 0; i < c->nsections; i++) {
		if (c->sections[i].s->page_break_before)
			return true;
		for (size_t j = 0; j < c->sections[i].nentries; j++)
			if (c->sections[i].entries[j].e->page_break_before)
				return true;
	}
	return false;
}

/* A family the style names that vita sets in a stand-in (Gentium Book Plus for Fontin, style/
 * fonts.h): the browser gets the same face under the original's name, scaled as the PDF scales
 * it (CSS's size-adjust), where the original is not installed. */
static void stand_ins(vita_buf *b, const vita_style *st)
{
	const vita_font_role *roles[] = {&st->body, &st->name, &st->headline, &st->connections, &st->section_titles};
	const vita_font_family *done[sizeof roles / sizeof roles[0]];
	size_t ndone = 0;
	static const char *const suffix[4] = {"", " Bold", " Italic", " Bold Italic"};
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		const vita_font_family *f = vita_font_family_stand_in(roles[i]->family);
		bool seen = false;
		for (size_t k = 0; k < ndone && !seen; k++)
			seen = done[k] == f;
		if (!f || seen)
			continue;
		done[ndone++] = f;
		for (int s = 0; s < 4; s++) {
			buf_puts(b, "@font-face { font-family: ");
			html_css_string(b, f->family);
			buf_printf(b, ";%s%s src: local(", s & 1 ? " font-weight: bold;" : "", s & 2 ? " font-style: italic;" : "");
			vita_buf name = {0};
			buf_printf(&name, "%s%s", f->files_family, suffix[s]);
			html_css_string(b, buf_str(&name));
			buf_free(&name);
			buf_printf(b, "); size-adjust: %.1f%%; }\n", 100 * f->metrics->scale[s]);
		}
	}
}

static void css(vita_buf *b, const vita_comp *c)
{
	const vita_style *st = c->st;
	buf_puts(b, "<style>\n");
	stand_ins(b, st);
	buf_puts(b, "@page { size: ");
	pt(b, st->page_width);
	buf_putc(b, ' ');
	pt(b, st->page_height);
	buf_puts(b, "; margin: ");
	pt(b, st->margin_top);
	buf_putc(b, ' ');
	pt(b, st->margin_right);
	buf_putc(b, ' ');
	pt(b, st->margin_bottom);
	buf_putc(b, ' ');
	pt(b, st->margin_left);
	buf_puts(b, "; }\nbody { margin: 0 auto; max-width: ");
	pt(b, st->page_width - st->margin_left - st->margin_right);
	buf_puts(b, "; padding: ");
	pt(b, st->margin_top);
	buf_puts(b, " 1em; ");
	font(b, st, &st->body);
	/* vita's lines are a capital height plus the line spacing apart */
	buf_puts(b, " line-height: calc(0.72em + ");
	pt(b, st->line_spacing);
	buf_printf(b, "); text-align: %s; hyphens: %s; }\n", start_align(st->alignment), st->hyphenate ? "auto" : "manual");
	buf_puts(b, "p, ul, ol { margin: 0; }\na { color: ");
	rgb(b, st->link_color);
	buf_printf(b, "; text-decoration: %s; }\n", st->link_underline ? "underline" : "none");
	/* design.links.show_external_link_icon: after the links of the sections (the contact line has
	 * none, as in RenderCV), raised and small, a quarter of the body size after the text */
	if (st->show_external_link_icon)
		buf_puts(b, "section a::after { content: \"\\2197\"; font-size: 0.65em; vertical-align: super; "
		            "margin-inline-start: 0.25em; }\n");
	buf_printf(b, "header { text-align: %s; margin-bottom: ", align(st->header_alignment));
	pt(b, st->space_below_connections);
	buf_puts(b, "; }\nh1 { margin: 0 0 ");
	pt(b, st->space_below_name);
	buf_puts(b, "; line-height: 1.1; ");
	font(b, st, &st->name);
	buf_puts(b, " }\n.headline { margin-bottom: ");
	pt(b, st->space_below_headline);
	buf_puts(b, "; ");
	font(b, st, &st->headline);
	buf_puts(b, " }\n.connections { list-style: none; padding: 0; display: flex; flex-wrap: wrap; justify-content: ");
	/* the header's alignment is absolute (RenderCV's), and flex-start is the right under dir="rtl" */
	bool to_right = (st->header_alignment == VITA_ALIGN_RIGHT) != c->rtl;
	buf_puts(b, st->header_alignment == VITA_ALIGN_CENTER ? "center" : to_right ? "flex-end" : "flex-start");
	buf_puts(b, "; column-gap: ");
	pt(b, st->space_between_connections);
	buf_puts(b, "; ");
	font(b, st, &st->connections);
	buf_puts(b, " }\n");
	/* the icons (html/icons.c): the text's colour, 0.05 cm before the word space, as in the PDF */
	if (c->icons)
		buf_puts(b, ".connections svg { fill: currentColor; overflow: visible; margin-inline-end: 0.05cm; }\n");
	buf_puts(b, ".top-note { text-align: end; ");
	font(b, st, &st->top_note);
	buf_puts(b, " }\nsection { margin-top: ");
	pt(b, st->title_space_above);
	buf_puts(b, "; }\n");
	title_rule(b, st);
	buf_puts(b, "h2 { ");
	font(b, st, &st->section_titles);
	buf_puts(b, " margin-bottom: ");
	pt(b, vita_style_title_gap_below(st)); /* RenderCV's rule, as the PDF's layout (style/rules.c) */
	buf_puts(b, "; }\n.entry { display: grid; column-gap: ");
	pt(b, st->space_between_columns);
	buf_puts(b, "; padding: 0 ");
	pt(b, st->side_space);
	buf_puts(b, "; margin-top: ");
	pt(b, st->space_between_regular_entries);
	buf_puts(b, "; grid-template-columns: ");
	if (c->dates_left) {
		pt(b, st->date_and_location_width);
		buf_puts(b, " auto 1fr; grid-template-areas: \"date degree main\"; }\n");
	} else {
		buf_puts(b, "auto 1fr ");
		pt(b, st->date_and_location_width);
		buf_puts(b, "; grid-template-areas: \"degree main date\"; }\n");
	}
	buf_puts(b, "h2 + .entry, h2 + ul, h2 + ol, h2 + p { margin-top: 0; }\n"
	            ".degree { grid-area: degree; min-width: ");
	pt(b, st->degree_width);
	buf_printf(b, "; }\n.main { grid-area: main; }\n.date { grid-area: date; text-align: %s; }\n",
	           align(st->date_column_alignment));
	buf_puts(b, ".summary { margin-top: ");
	pt(b, st->summary_space_above);
	buf_puts(b, "; margin-inline-start: ");
	pt(b, st->summary_space_left);
	buf_puts(b, "; }\n.highlights { margin-top: ");
	pt(b, st->highlights_space_above);
	buf_puts(b, "; padding-inline-start: ");
	pt(b, st->highlights_space_left + 8);
	buf_puts(b, "; list-style-type: ");
	double bsize, braise;
	vita_buf bullet = {0};
	buf_printf(&bullet, "%s ", vita_style_bullet_shown(st->bullet, &bsize, &braise));
	html_css_string(b, buf_str(&bullet));
	buf_free(&bullet);
	if (bsize > 0) { /* RenderCV's 13 pt bullet (a marker cannot be raised in CSS) */
		buf_puts(b, "; }\n.highlights li::marker { font-size: ");
		pt(b, bsize);
	}
	buf_puts(b, "; }\n.highlights li + li { margin-top: ");
	pt(b, st->highlights_space_between_items);
	buf_puts(b, "; }\n.text-entries > * + * { margin-top: ");
	pt(b, st->space_between_text_based_entries);
	buf_puts(b, "; }\n@media print { body { max-width: none; padding: 0; } .entry, li { break-inside: avoid; }"
	            " h2 { break-after: avoid; }");
	if (has_page_breaks(c)) /* only then: a CV without them keeps its page byte for byte */
		buf_puts(b, " .page-break { break-before: page; }");
	buf_puts(b, " }\n</style>\n");
}

/* ---- the document ---- */

static void column(vita_buf *b, const char *cls, const vita_centry *e, const vita_ccol *col);

static void highlights(vita_buf *b, const vita_highlight *h, size_t n)
{
	buf_puts(b, "<ul class=\"highlights\">");
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, "<li>");
		spans(b, h[i].text.spans);
		if (h[i].nchildren)
			highlights(b, h[i].children, h[i].nchildren);
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul>");
}

static void column(vita_buf *b, const char *cls, const vita_centry *e, const vita_ccol *col)
{
	if (!col->n)
		return;
	buf_printf(b, "<div class=\"%s\">", cls);
	for (size_t i = 0; i < col->n; i++) {
		const vita_cline *l = &col->lines[i];
		if (l->kind == VITA_CLINE_SUMMARY) {
			buf_puts(b, "<div class=\"summary\">");
			spans(b, e->summary);
			buf_puts(b, "</div>");
		} else if (l->kind == VITA_CLINE_HIGHLIGHTS) {
			highlights(b, e->highlights, e->nhighlights);
		} else {
			buf_puts(b, "<p>");
			spans(b, l->spans);
			buf_puts(b, "</p>");
		}
	}
	buf_puts(b, "</div>");
}

/* first: the section's first entry, whose page_break_before its section carries (its title stays
 * with it) */
static void entry(vita_buf *b, const vita_centry *e, bool first)
{
	bool pb = e->e->page_break_before && !first;
	const char *brk = pb ? " class=\"page-break\"" : "";
	switch (e->shape) {
	case VITA_SHAPE_REGULAR:
		buf_printf(b, "<article class=\"entry %s%s\">", vita_entry_kind_name(e->e->kind),
		           pb ? " page-break" : "");
		column(b, "degree", e, &e->degree);
		column(b, "main", e, &e->main);
		column(b, "date", e, &e->date);
		buf_puts(b, "</article>\n");
		break;
	case VITA_SHAPE_ONELINE:
		column(b, pb ? "one-line page-break" : "one-line", e, &e->main);
		buf_putc(b, '\n');
		break;
	case VITA_SHAPE_BULLET:
		buf_printf(b, "<li%s>", brk);
		spans(b, e->text);
		buf_puts(b, "</li>\n");
		break;
	case VITA_SHAPE_NUMBERED:
		buf_printf(b, "<li value=\"%.*s\"%s>", (int)strcspn(e->number, "."), e->number, brk);
		spans(b, e->text);
		buf_puts(b, "</li>\n");
		break;
	case VITA_SHAPE_TEXT:
		buf_printf(b, "<p%s>", brk);
		spans(b, e->text);
		buf_puts(b, "</p>\n");
		break;
	}
}

static void section(vita_buf *b, const vita_csection *s)
{
	/* page_break_before: print CSS (.page-break) starts a new page there */
	bool pb = s->s->page_break_before || (s->nentries && s->entries[0].e->page_break_before);
	buf_puts(b, pb ? "<section class=\"page-break\">\n<h2>" : "<section>\n<h2>");
	spans(b, s->title);
	buf_puts(b, "</h2>\n");
	const char *wrap = NULL;
	if (s->nentries && s->entries[0].shape == VITA_SHAPE_BULLET)
		wrap = "ul";
	else if (s->nentries && s->entries[0].shape == VITA_SHAPE_NUMBERED)
		wrap = "ol";
	if (wrap)
		buf_printf(b, "<%s class=\"text-entries\">\n", wrap);
	else if (s->text_based)
		buf_puts(b, "<div class=\"text-entries\">\n");
	for (size_t j = 0; j < s->nentries; j++)
		entry(b, &s->entries[j], j == 0);
	if (wrap)
		buf_printf(b, "</%s>\n", wrap);
	else if (s->text_based)
		buf_puts(b, "</div>\n");
	buf_puts(b, "</section>\n");
}

/* The locale's language as a BCP 47 tag (whether the CV is right to left is vita_comp.rtl). */
static const char *lang_tag(const char *language)
{
	static const struct {
		const char *name, *tag;
	} map[] = {{"english", "en"},   {"german", "de"},     {"french", "fr"},   {"spanish", "es"},
	           {"italian", "it"},   {"portuguese", "pt"}, {"dutch", "nl"},    {"russian", "ru"},
	           {"turkish", "tr"},   {"japanese", "ja"},   {"korean", "ko"},   {"mandarin_chinese", "zh"},
	           {"hindi", "hi"},     {"arabic", "ar"},     {"hebrew", "he"},   {"persian", "fa"},
	           {"danish", "da"},    {"indonesian", "id"}, {"norwegian", "no"}, {"polish", "pl"},
	           {"swedish", "sv"},   {"vietnamese", "vi"}, {"greek", "el"},    {"czech", "cs"}};
	for (size_t i = 0; language && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(language, map[i].name) == 0)
			return map[i].tag;
	return "en";
}

static void head(vita_buf *b, const vita_comp *c)
{
	const char *lang = lang_tag(c->cv->locale.language);
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
	           lang, c->rtl ? "rtl" : "ltr");
	html_text(b, c->title);
	buf_puts(b, "</title>\n");
	if (c->author) {
		buf_puts(b, "<meta name=\"author\" content=\"");
		html_attr(b, c->author);
		buf_puts(b, "\">\n");
	}
	if (c->keywords && *c->keywords) {
		buf_puts(b, "<meta name=\"keywords\" content=\"");
		html_attr(b, c->keywords);
		buf_puts(b, "\">\n");
	}
	buf_puts(b, "<meta name=\"generator\" content=\"vita " VITA_VERSION "\">\n");
	css(b, c);
	buf_puts(b, "</head>\n");
}

static void header(vita_buf *b, const vita_comp *c, vita_diags *d)
{
	buf_puts(b, "<header>\n");
	for (size_t i = 0; i < c->top_note.n; i++) {
		buf_puts(b, "<p class=\"top-note\">");
		spans(b, c->top_note.lines[i].spans);
		buf_puts(b, "</p>\n");
	}
	if (c->name) {
		buf_puts(b, "<h1>");
		spans(b, c->name);
		buf_puts(b, "</h1>\n");
	}
	if (c->headline) {
		buf_puts(b, "<p class=\"headline\">");
		spans(b, c->headline);
		buf_puts(b, "</p>\n");
	}
	if (c->nconnections) {
		buf_puts(b, "<ul class=\"connections\">\n");
		for (size_t i = 0; i < c->nconnections; i++) {
			const vita_connection *k = &c->connections[i];
			buf_puts(b, "<li>");
			if (k->url && c->st->connections_hyperlink) {
				buf_puts(b, "<a href=\"");
				html_url(b, k->url);
				buf_puts(b, "\">");
				html_connection_icon(b, c, i, d);
				html_text(b, k->text);
				buf_puts(b, "</a>");
			} else {
				html_connection_icon(b, c, i, d);
				html_text(b, k->text);
			}
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "</header>\n");
}

int vita_html_write_mem(const vita_comp *c, char **data, size_t *len, vita_diags *d)
{
	vita_buf b = {0};
	head(&b, c);
	buf_puts(&b, "<body>\n");
	header(&b, c, d);
	buf_puts(&b, "<main>\n");
	for (size_t i = 0; i < c->nsections; i++)
		section(&b, &c->sections[i]);
	buf_puts(&b, "</main>\n</body>\n</html>\n");
	*len = b.len;
	*data = buf_take(&b);
	return 0;
}
