/*
 * Inline HTML in homepage Markdown → Markdown, through libxml2's HTML parser (not regular
 * expressions): <b>/<strong> and <u> (how homepages mark the owner) → **…**, <i>/<em> → *…*,
 * <a href> → [text](url), <br> → a line break, <sup> kept as its text (a contribution mark), entities
 * decoded; a badge (<span style=…>, <img alt=…> is dropped) becomes "**[text]**", the venue-tag
 * form the publication reader knows.  Text nodes are Markdown already and pass through.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "import/import.h"

/* libxml2 (with ICU and libstdc++ behind it) is opened only when a page holds HTML: linked into
 * vita it cost every render 5 M instructions of start-up relocations (a sixth of a whole render),
 * for a parser only `vita import` uses. */
static struct {
	void (*init)(void);
	htmlDocPtr (*read)(const char *, int, const char *, const char *, int);
	xmlNodePtr (*root)(const xmlDoc *);
	void (*free_doc)(xmlDocPtr);
	xmlChar *(*get_prop)(const xmlNode *, const xmlChar *);
	xmlFreeFunc *free;
	bool ok;
} X;

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
		xmlChar *href = X.get_prop(n, (const xmlChar *)"href");
		if (href && *href) {
			buf_putc(out, '[');
			walk(n->children, out);
			buf_printf(out, "](%s)", (const char *)href);
		} else
			walk(n->children, out);
		(*X.free)(href);
	} else if (!strcmp(name, "span")) {
		xmlChar *style = X.get_prop(n, (const xmlChar *)"style");
		bool badge = style && strstr((const char *)style, "background");
		(*X.free)(style);
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
	/* libxml2 exports a function named `comment`, as btparse (linked into vita) does; libxml2 calls
	 * its own directly (no dynamic relocation names it), and btparse's references were bound
	 * before libxml2 is opened, so neither takes the other's.  (RTLD_DEEPBIND would say so too,
	 * but the sanitizers refuse it.) */
	void *h = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return;
	X.init = (void (*)(void))(uintptr_t)dlsym(h, "xmlInitParser");
	X.read = (htmlDocPtr(*)(const char *, int, const char *, const char *, int))(uintptr_t)dlsym(h, "htmlReadMemory");
	X.root = (xmlNodePtr(*)(const xmlDoc *))(uintptr_t)dlsym(h, "xmlDocGetRootElement");
	X.free_doc = (void (*)(xmlDocPtr))(uintptr_t)dlsym(h, "xmlFreeDoc");
	X.get_prop = (xmlChar * (*)(const xmlNode *, const xmlChar *))(uintptr_t)dlsym(h, "xmlGetProp");
	X.free = (xmlFreeFunc *)dlsym(h, "xmlFree"); /* a variable holding libxml2's free() */
	X.ok = X.init && X.read && X.root && X.free_doc && X.get_prop && X.free && *X.free;
	if (X.ok)
		X.init(); /* once, before any thread parses (libxml2's rule for threaded use) */
}

void imp_html_to_md(const char *html, size_t len, vita_buf *out)
{
	if (!memchr(html, '<', len) && !memchr(html, '&', len)) {
		buf_put(out, html, len);
		return;
	}
	pthread_once(&xml_once, xml_init);
	if (!X.ok) {
		/* no libxml2 on this machine: the HTML is kept as written (nothing is lost) */
		buf_put(out, html, len);
		return;
	}
	/* Wrapped so that the parser sees one body and keeps leading text. */
	vita_buf doc = {0};
	buf_puts(&doc, "<html><head><meta charset=\"utf-8\"></head><body><div>");
	buf_put(&doc, html, len);
	buf_puts(&doc, "</div></body></html>");
	htmlDocPtr d = X.read(doc.data, (int)doc.len, NULL, "UTF-8",
	                              HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	buf_free(&doc);
	if (!d) {
		buf_put(out, html, len);
		return;
	}
	xmlNode *root = X.root(d);
	walk(root ? root->children : NULL, out);
	X.free_doc(d);
}
