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
#include "load/charref.h"

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
	/* libxml2 exports a function named `comment`, as btparse does; both are opened RTLD_LOCAL
	 * (btparse by bibtex.c), so each one's references resolve in its own scope and neither takes
	 * the other's.  (RTLD_DEEPBIND would say so too, but the sanitizers refuse it.) */
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

/* The code point of the numeric reference at s ("&#127", "&#x85;"; at most n bytes), its length in
 * *len; -1 when s holds none.  Values past U+10FFFF saturate there (still not a character). */
static long numeric_ref(const char *s, size_t n, size_t *len)
{
	if (n < 3 || s[0] != '&' || s[1] != '#')
		return -1;
	bool hex = s[2] == 'x' || s[2] == 'X';
	size_t i = hex ? 3 : 2, start = i;
	long v = 0;
	for (; i < n; i++) {
		int c = (unsigned char)s[i], d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			break;
		v = v * (hex ? 16 : 10) + d;
		if (v > 0x110000)
			v = 0x110000;
	}
	if (i == start)
		return -1;
	*len = i + (i < n && s[i] == ';');
	return v;
}

/* Where byte off of a block that starts at pos is (the block's lines are joined by line feeds). */
static vita_pos pos_at(const char *s, size_t off, vita_pos pos)
{
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n') {
			pos.line++;
			pos.col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80)
			pos.col++;
	return pos;
}

/* Numeric references to what is not text (charref.h) are decided here, not left to libxml2, which
 * drops some silently (&#x1;) and decodes others into controls (&#127;): a C1 reference becomes
 * its Windows-1252 character, the rest are left out with a warning at the reference. */
static void settle_refs(const char *html, size_t len, vita_buf *clean, vita_diags *d, vita_pos pos)
{
	size_t done = 0;
	for (const char *p = memchr(html, '&', len); p; p = memchr(p + 1, '&', len - (size_t)(p + 1 - html))) {
		size_t off = (size_t)(p - html), rl;
		long v = numeric_ref(p, len - off, &rl);
		if (v < 0)
			continue;
		bool valid = v > 0 && v < 0x110000 && !(v >= 0xD800 && v <= 0xDFFF);
		uint32_t shown = valid ? vita_charref_char((uint32_t)v) : 0;
		if (valid && shown == (uint32_t)v)
			continue;
		buf_put(clean, html + done, off - done);
		if (shown)
			buf_put_utf8(clean, shown);
		else if (valid)
			vita_diag(d, VITA_WARNING, pos_at(html, off, pos), "the character reference \"%.*s\" stands "
			          "for U+%04lX, %s, which is not text: left out", (int)rl, p, v,
			          v >= 0xFFFE ? "a noncharacter" : "a control character");
		else
			vita_diag(d, VITA_WARNING, pos_at(html, off, pos), "the character reference \"%.*s\" names no "
			          "character (%s): left out", (int)rl, p,
			          v == 0 ? "U+0000" : v < 0x110000 ? "a surrogate code point" : "past U+10FFFF");
		done = off + rl;
		if (len - off < 2)
			break;
	}
	buf_put(clean, html + done, len - done);
}

void imp_html_to_md(const char *html, size_t len, vita_buf *out, vita_diags *d, vita_pos pos)
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
	settle_refs(html, len, &doc, d, pos);
	buf_puts(&doc, "</div></body></html>");
	htmlDocPtr doc_tree = X.read(doc.data, (int)doc.len, NULL, "UTF-8",
	                              HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	buf_free(&doc);
	if (!doc_tree) {
		buf_put(out, html, len);
		return;
	}
	xmlNode *root = X.root(doc_tree);
	walk(root ? root->children : NULL, out);
	X.free_doc(doc_tree);
}
