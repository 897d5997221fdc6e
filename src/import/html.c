/*
 * Inline HTML in homepage Markdown → Markdown, through libxml2's HTML parser (not regular
 * expressions): <b>/<strong> and <u> (how homepages mark the owner) → **…**, <i>/<em> → *…*,
 * <a href> → [text](url), <br> → a line break, <sup> kept as its text (a contribution mark), entities
 * decoded; a badge (<span style=…>, <img alt=…> is dropped) becomes "**[text]**", the venue-tag
 * form the publication reader knows.  Text nodes are Markdown already and pass through.
 */
#include <pthread.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "import/import.h"

static void walk(xmlNode *n, vita_buf *out);

static void wrap(xmlNode *n, vita_buf *out, const char *open, const char *close)
{
	buf_puts(out, open);
	walk(n->children, out);
	buf_puts(out, close);
}

static void element(xmlNode *n, vita_buf *out)
{
	const char *name = (const char *)n->name;
	if (!strcmp(name, "b") || !strcmp(name, "strong") || !strcmp(name, "u"))
		wrap(n, out, "**", "**");
	else if (!strcmp(name, "i") || !strcmp(name, "em"))
		wrap(n, out, "*", "*");
	else if (!strcmp(name, "br"))
		buf_putc(out, '\n'); /* a line of its own: the item readers split at it */
	else if (!strcmp(name, "a")) {
		xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
		if (href && *href) {
			buf_putc(out, '[');
			walk(n->children, out);
			buf_printf(out, "](%s)", (const char *)href);
		} else
			walk(n->children, out);
		xmlFree(href);
	} else if (!strcmp(name, "span")) {
		xmlChar *style = xmlGetProp(n, (const xmlChar *)"style");
		bool badge = style && strstr((const char *)style, "background");
		xmlFree(style);
		if (badge)
			wrap(n, out, "**[", "]** ");
		else
			walk(n->children, out);
	} else if (!strcmp(name, "script") || !strcmp(name, "style"))
		return;
	else
		walk(n->children, out);
}

static void walk(xmlNode *n, vita_buf *out)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			buf_puts(out, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			element(n, out);
	}
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser(); /* once, before any thread parses (libxml2's rule for threaded use) */
}

void imp_html_to_md(const char *html, size_t len, vita_buf *out)
{
	if (!memchr(html, '<', len) && !memchr(html, '&', len)) {
		buf_put(out, html, len);
		return;
	}
	pthread_once(&xml_once, xml_init);
	/* Wrapped so that the parser sees one body and keeps leading text. */
	vita_buf doc = {0};
	buf_puts(&doc, "<html><head><meta charset=\"utf-8\"></head><body><div>");
	buf_put(&doc, html, len);
	buf_puts(&doc, "</div></body></html>");
	htmlDocPtr d = htmlReadMemory(doc.data, (int)doc.len, NULL, "UTF-8",
	                              HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	buf_free(&doc);
	if (!d) {
		buf_put(out, html, len);
		return;
	}
	xmlNode *root = xmlDocGetRootElement(d);
	walk(root ? root->children : NULL, out);
	xmlFreeDoc(d);
}
