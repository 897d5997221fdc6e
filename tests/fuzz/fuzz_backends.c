/*
 * Fuzz harness: a CV file through the composition and the text backends — Markdown and HTML —
 * in memory, with what escaping must guarantee checked on the output whatever the user wrote.
 *
 * HTML: the only elements are the ones the writer makes (every "<" opens one of its tags), there
 * is no <script>, exactly one <style> element, and no attribute value holds a javascript: URL.
 * Markdown: CommonMark reads it without raw HTML (every user "<" was escaped).
 */
#include <cmark.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vita.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(c)                  \
	do {                            \
		if (!(c))                   \
			__builtin_trap();       \
	} while (0)

static const char *const tags[] = {"!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header",
                                   "main", "section", "article", "div", "h1", "h2", "p", "ul", "ol", "li",
                                   "a", "strong", "em", "code", "sup", "br", "svg", "path"}; /* svg: the icons */

static bool known_tag(const char *p)
{
	if (*p == '/')
		p++;
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		size_t n = strlen(tags[i]);
		if (strncmp(p, tags[i], n) == 0 && (p[n] == '>' || p[n] == ' '))
			return true;
	}
	return false;
}

static void check_html(const char *h)
{
	char *low = strdup(h);
	REQUIRE(low);
	for (char *p = low; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 32;
	REQUIRE(!strstr(low, "<script"));
	/* a link vita wrote (text cannot hold a raw "<", see below; `href="javascript:` in a title is
	 * only text) */
	REQUIRE(!strstr(low, "<a href=\"javascript:"));
	free(low);
	const char *open = strstr(h, "<style>");
	REQUIRE(open && !strstr(open + 1, "<style"));
	const char *close = strstr(h, "</style>");
	REQUIRE(close && !strstr(close + 1, "</style"));
	/* the style sheet is between them; everything else is markup vita made or escaped text */
	for (const char *p = h; (p = strchr(p, '<')); p++) {
		if (p > open && p < close)
			continue;
		REQUIRE(known_tag(p + 1));
	}
}

static void check_md(const char *md, size_t len)
{
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node_type t = cmark_node_get_type(cmark_iter_get_node(it));
		REQUIRE(t != CMARK_NODE_HTML_INLINE && t != CMARK_NODE_HTML_BLOCK);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vita_diags *d = vita_diags_new();
	vita_cv *cv = vita_cv_load_mem("fuzz.yaml", (const char *)data, size, d);
	vita_style *st = cv && !vita_diags_count(d, VITA_ERROR) ? vita_style_load(cv, d) : NULL;
	if (st && !vita_diags_count(d, VITA_ERROR)) {
		vita_comp *c = vita_compose(cv, st, d);
		char *out = NULL;
		size_t len = 0;
		if (vita_html_write_mem(c, &out, &len, d) == 0) {
			check_html(out);
			free(out);
		}
		if (vita_markdown_write_mem(c, &out, &len, d) == 0) {
			check_md(out, len);
			free(out);
		}
		vita_comp_free(c);
	}
	vita_style_free(st);
	vita_cv_free(cv);
	vita_diags_free(d);
	return 0;
}
