/*
 * Inline Markdown in text fields (cmark), turned into the span tree of include/vita/cv.h.
 *
 * A CV field is a line or a short paragraph, so only inline Markdown means something there.  cmark
 * parses the field with smart punctuation; a field that cmark would turn into block structure
 * ("- item", "# 1", "1. first", "> quote", a fence, an HTML block, several paragraphs) is parsed again
 * with the block markers escaped, so the text comes out exactly as written while its inline markup
 * still works.  Nothing the user typed is dropped: raw HTML stays as literal text (with a warning),
 * an image becomes its description, and a link with a scheme we do not allow becomes its text.
 *
 * Most fields contain no Markdown at all; those skip cmark (the fast path) and give exactly what
 * cmark would: one TEXT span.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <cmark.h>

#include "load/charref.h"
#include "load/inline.h"

#define CMARK_OPTS (CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8)
/* Deeper emphasis is flattened so that backends may recurse over spans without a depth check. */
#define MAX_NESTING 32

/* A span list under construction; adjacent text is collected in `text` and becomes one TEXT span. */
typedef struct list {
	vita_span *head, *tail;
	vita_buf text;
} list;

typedef struct ctx {
	vita_arena *a;
	vita_pos pos;
	vita_diags *d;
	vita_buf html; /* the raw HTML met, quoted, for the one warning per field */
	size_t nhtml;
	vita_buf dropped; /* characters from references that are not text, for one warning */
} ctx;

static vita_span *new_span(ctx *c, vita_span_kind kind)
{
	vita_span *s = arena_alloc(c->a, sizeof *s);
	s->kind = kind;
	return s;
}

static void list_flush(ctx *c, list *l)
{
	if (!l->text.len)
		return;
	vita_span *s = new_span(c, VITA_SPAN_TEXT);
	s->text = arena_strndup(c->a, l->text.data, l->text.len);
	buf_reset(&l->text);
	if (l->tail)
		l->tail->next = s;
	else
		l->head = s;
	l->tail = s;
}

static void list_add(ctx *c, list *l, vita_span *s)
{
	if (s->kind == VITA_SPAN_TEXT) {
		buf_puts(&l->text, s->text);
		return;
	}
	list_flush(c, l);
	s->next = NULL;
	if (l->tail)
		l->tail->next = s;
	else
		l->head = s;
	l->tail = s;
}

static vita_span *list_end(ctx *c, list *l)
{
	list_flush(c, l);
	buf_free(&l->text);
	return l->head;
}

/* Appends spans (a finished list) to l, merging text. */
static void list_splice(ctx *c, list *l, vita_span *s)
{
	while (s) {
		vita_span *next = s->next;
		list_add(c, l, s);
		s = next;
	}
}

static bool prefix_ci(const char *s, const char *p)
{
	for (; *p; s++, p++)
		if (tolower((unsigned char)*s) != *p)
			return false;
	return true;
}

const char *vita_url_refusal(vita_arena *a, const char *url)
{
	size_t n = url ? strlen(url) : 0;
	if (n > VITA_MAX_URL_BYTES)
		return arena_printf(a, "a link may be at most %d bytes long (this one is %zu)", VITA_MAX_URL_BYTES, n);
	return "only http, https, mailto and DOI links are allowed";
}

bool vita_url_allowed(const char *url)
{
	if (!url || strlen(url) > VITA_MAX_URL_BYTES)
		return false;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p == 0x7F)
			return false; /* a target never contains spaces or controls */
	if (prefix_ci(url, "https://"))
		return url[8] && url[8] != '/';
	if (prefix_ci(url, "http://"))
		return url[7] && url[7] != '/';
	if (prefix_ci(url, "mailto:"))
		return url[7] != '\0';
	return prefix_ci(url, "doi:10.") && url[7] != '\0';
}

/* ---- cmark tree to spans ------------------------------------------------------------------- */

/* Remembers raw HTML for the warning: the first three pieces, each shortened to 40 bytes. */
static void note_html(ctx *c, const char *literal, size_t n)
{
	if (c->nhtml++ >= 3) {
		if (c->nhtml == 4)
			buf_puts(&c->html, ", …");
		return;
	}
	if (c->html.len)
		buf_puts(&c->html, ", ");
	buf_putc(&c->html, '"');
	size_t k = n > 40 ? 40 : n;
	while (k < n && k > 0 && ((unsigned char)literal[k] & 0xC0) == 0x80)
		k--; /* whole characters only */
	buf_put(&c->html, literal, k);
	buf_puts(&c->html, k < n ? "…\"" : "\"");
}

/* A link, image, emphasis or strong node is finished: wrap its children or hand them to the parent. */
static void finish(ctx *c, cmark_node *n, vita_span *children, list *parent, size_t depth)
{
	cmark_node_type t = cmark_node_get_type(n);
	if (t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG) {
		if (!children || depth > MAX_NESTING) {
			list_splice(c, parent, children);
			return;
		}
		vita_span *s = new_span(c, t == CMARK_NODE_EMPH ? VITA_SPAN_EMPH : VITA_SPAN_STRONG);
		s->children = children;
		list_add(c, parent, s);
		return;
	}
	const char *url = cmark_node_get_url(n);
	if (!url)
		url = "";
	if (t == CMARK_NODE_IMAGE) {
		char *alt = vita_spans_plain(children);
		if (*alt)
			vita_diag(c->d, VITA_WARNING, c->pos, "image \"%s\" is not shown in a text field; its description "
			          "\"%s\" is shown instead", url, alt);
		else
			vita_diag(c->d, VITA_WARNING, c->pos, "image \"%s\" is not shown: a text field cannot hold "
			          "images", url);
		free(alt);
		list_splice(c, parent, children);
		return;
	}
	/* A link. */
	if (!*url) {
		char *text = vita_spans_plain(children);
		vita_diag(c->d, VITA_WARNING, c->pos, "link has no target: \"%s\" is kept as text", text);
		free(text);
		list_splice(c, parent, children);
		return;
	}
	if (!vita_url_allowed(url) || depth > MAX_NESTING) {
		vita_diag(c->d, VITA_WARNING, c->pos, "link to \"%.200s%s\" removed: %s (its text is kept)", url,
		          strlen(url) > 200 ? "…" : "",
		          depth > MAX_NESTING ? "links nested too deep" : vita_url_refusal(c->a, url));
		list_splice(c, parent, children);
		return;
	}
	vita_span *s = new_span(c, VITA_SPAN_LINK);
	s->url = prefix_ci(url, "doi:") ? arena_printf(c->a, "https://doi.org/%s", url + 4)
	                                : arena_strdup(c->a, url);
	if (!children) {
		/* "[](https://x)": the link would be invisible; show its target. */
		vita_diag(c->d, VITA_WARNING, c->pos, "link to \"%s\" has no text; the address is shown", url);
		children = new_span(c, VITA_SPAN_TEXT);
		children->text = arena_strdup(c->a, url);
	}
	s->children = children;
	list_add(c, parent, s);
}

typedef struct frame {
	cmark_node *node;
	list l;
} frame;

/* cmark has decoded the references in a text node: &#127; is a control character again, which
 * the source check refused when written as itself (charref.h). */
static void text_literal(ctx *c, vita_buf *text, const char *lit)
{
	size_t n = strlen(lit);
	if (vita_charref_needed(lit, n))
		vita_charref_filter(text, lit, n, &c->dropped);
	else
		buf_put(text, lit, n);
}

/* Converts the inline content of one paragraph, iteratively (hostile nesting cannot overflow the
 * stack), appending to out. */
static void convert(ctx *c, cmark_node *para, list *out)
{
	size_t cap = 16, depth = 0;
	frame *st = xmalloc(cap * sizeof *st);
	cmark_iter *it = cmark_iter_new(para);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == para)
			continue;
		list *top = depth ? &st[depth - 1].l : out;
		const char *lit = cmark_node_get_literal(n);
		vita_span *s;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			text_literal(c, &top->text, lit ? lit : "");
			break;
		case CMARK_NODE_SOFTBREAK:
			buf_putc(&top->text, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			list_add(c, top, new_span(c, VITA_SPAN_BREAK));
			break;
		case CMARK_NODE_CODE:
			s = new_span(c, VITA_SPAN_CODE);
			s->text = arena_strdup(c->a, lit ? lit : "");
			list_add(c, top, s);
			break;
		case CMARK_NODE_HTML_INLINE:
			note_html(c, lit ? lit : "", lit ? strlen(lit) : 0);
			buf_puts(&top->text, lit ? lit : "");
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (ev == CMARK_EVENT_ENTER) {
				if (depth == cap) {
					cap *= 2;
					st = xrealloc(st, cap * sizeof *st);
				}
				st[depth++] = (frame){n, {0}};
			} else {
				frame f = st[--depth];
				vita_span *children = list_end(c, &f.l);
				finish(c, n, children, depth ? &st[depth - 1].l : out, depth + 1);
			}
			break;
		default:
			break; /* block nodes never occur inside a paragraph */
		}
	}
	cmark_iter_free(it);
	free(st);
}

/* The one paragraph of a document, or NULL when cmark saw block structure (or nothing). */
static cmark_node *single_paragraph(cmark_node *doc)
{
	cmark_node *p = cmark_node_first_child(doc);
	if (!p || cmark_node_next(p) || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return NULL;
	return p;
}

/* ---- block markers kept as text ---------------------------------------------------------------- */

static bool is_sp(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Whether line[0..n) consists of at least `min` copies of ch, optionally separated by spaces. */
static bool only_of(const char *line, size_t n, char ch, size_t min)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		if (line[i] == ch)
			count++;
		else if (!is_sp(line[i]))
			return false;
	}
	return count >= min;
}

/* Whether the line opens an HTML block: a tag-like "<" at its start that is not an autolink. */
static bool html_block_start(const char *line, size_t n)
{
	if (n < 2 || line[0] != '<')
		return false;
	if (!(isalpha((unsigned char)line[1]) || line[1] == '/' || line[1] == '!' || line[1] == '?'))
		return false;
	/* "<https://…>" and "<a@b.org>" are autolinks, not HTML. */
	size_t i = 1;
	while (i < n && !is_sp(line[i]) && line[i] != '>' && line[i] != '<')
		i++;
	if (i < n && line[i] == '>') {
		const char *colon = memchr(line + 1, ':', i - 1), *at = memchr(line + 1, '@', i - 1);
		if (colon || at)
			return false;
	}
	return true;
}

/* Appends line[0..n) to out with whatever would open a block escaped, so that cmark reads it as
 * paragraph text; *what names the construct (NULL when the line is ordinary text). */
static void escape_line(ctx *c, vita_buf *out, const char *line, size_t n, const char **what)
{
	*what = NULL;
	while (n && is_sp(*line)) { /* indentation would make a code block */
		line++;
		n--;
	}
	/* Markers are recognised without trailing blanks; the line is written whole (two trailing
	 * spaces are a hard break). */
	size_t full = n;
	while (n && is_sp(line[n - 1]))
		n--;
	size_t i = 0;
	char ch = n ? line[0] : '\0';
	bool all = false; /* escape every punctuation character of the line */
	size_t at = (size_t)-1;
	if (ch == '#') {
		while (i < n && line[i] == '#')
			i++;
		if (i <= 6 && (i == n || is_sp(line[i])))
			*what = "heading", at = 0;
	} else if ((ch == '-' || ch == '*' || ch == '_') && only_of(line, n, ch, 3)) {
		*what = "thematic break", all = true;
	} else if ((ch == '=' || ch == '-') && only_of(line, n, ch, 1)) {
		*what = "heading underline", all = true;
	} else if ((ch == '-' || ch == '+' || ch == '*') && (n == 1 || is_sp(line[1]))) {
		*what = "list", at = 0;
	} else if (isdigit((unsigned char)ch)) {
		while (i < n && i < 10 && isdigit((unsigned char)line[i]))
			i++;
		if (i <= 9 && i < n && (line[i] == '.' || line[i] == ')') && (i + 1 == n || is_sp(line[i + 1])))
			*what = "numbered list", at = i;
	} else if (ch == '>') {
		*what = "block quote", at = 0;
	} else if (n >= 3 && (ch == '`' || ch == '~') && line[1] == ch && line[2] == ch &&
	           (ch == '~' || !memchr(line + 3, '`', n - 3))) {
		*what = "code block", all = true;
	} else if (html_block_start(line, n)) {
		*what = "HTML", all = true;
		note_html(c, line, n);
	} else if (ch == '[') {
		const char *close = memchr(line, ']', n);
		if (close && close > line + 1 && (size_t)(close - line) + 1 < n && close[1] == ':')
			*what = "link reference definition", at = 0;
	}
	for (i = 0; i < full; i++) {
		if (i == at || (all && ispunct((unsigned char)line[i])))
			buf_putc(out, '\\');
		buf_putc(out, line[i]);
	}
}

/* Parses text that cmark saw as blocks: each paragraph (blank-line separated) with its block
 * markers escaped; paragraphs are joined by an empty line (two breaks). */
static void parse_blocks(ctx *c, const char *md, list *out)
{
	const char *what = NULL, *chunk_what = NULL;
	size_t chunk_lines = 0;
	vita_buf chunk = {0};
	bool first_para = true;
	const char *p = md;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t m = n;
		if (m && p[m - 1] == '\r')
			m--;
		bool blank = only_of(p, m, ' ', 0);
		if (!blank) {
			const char *w;
			if (chunk.len)
				buf_putc(&chunk, '\n');
			escape_line(c, &chunk, p, m, &w);
			if (w && strcmp(w, "HTML") != 0 && !chunk_what)
				chunk_what = w;
			chunk_lines++;
		}
		if ((blank || !nl) && chunk.len) {
			if (!first_para) {
				list_add(c, out, new_span(c, VITA_SPAN_BREAK));
				list_add(c, out, new_span(c, VITA_SPAN_BREAK));
			}
			first_para = false;
			cmark_node *doc = cmark_parse_document(chunk.data, chunk.len, CMARK_OPTS);
			cmark_node *para = single_paragraph(doc);
			if (para) {
				convert(c, para, out);
			} else {
				/* Something escaping did not foresee: the text exactly as written. */
				for (char *q = chunk.data; *q; q++)
					if (*q == '\n')
						*q = ' ';
				buf_puts(&out->text, chunk.data);
			}
			cmark_node_free(doc);
			buf_reset(&chunk);
			/* A marker on a one-line paragraph ("- item", "# 1") is just text; on several lines the
			 * user probably meant the block, and the lines run together: say so. */
			if (chunk_what && chunk_lines > 1 && !what)
				what = chunk_what;
			chunk_what = NULL;
			chunk_lines = 0;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	buf_free(&chunk);
	if (what)
		vita_diag(c->d, VITA_WARNING, c->pos, "Markdown %s is not available in a text field; the lines are "
		          "shown as written", what);
}

/* ---- entry points ---------------------------------------------------------------------------- */

/* True when cmark would return md unchanged as one text span: one line, no character that inline
 * Markdown or smart punctuation reacts to, nothing at the start that opens a block. */
static bool plain_text(const char *md)
{
	const unsigned char *s = (const unsigned char *)md;
	if (is_sp((char)s[0]) || strchr("#+-=~>|", s[0]))
		return false;
	if (isdigit(s[0])) {
		size_t i = 0;
		while (isdigit(s[i]))
			i++;
		if (s[i] == '.' || s[i] == ')')
			return false;
	}
	/* the characters inline Markdown or smart punctuation reacts to, by table: strchr for each
	 * character of every text took 78 K instructions a CV */
	static const bool reacts[256] = {['*'] = true, ['_'] = true, ['['] = true, [']'] = true, ['`'] = true,
	                                 ['<'] = true, ['>'] = true, ['\\'] = true, ['!'] = true, ['&'] = true,
	                                 ['"'] = true, ['\''] = true};
	size_t i = 0;
	for (; s[i]; i++) {
		unsigned char ch = s[i];
		if (ch < 0x20 || reacts[ch])
			return false;
		if ((ch == '-' && s[i + 1] == '-') || (ch == '.' && s[i + 1] == '.' && s[i + 2] == '.'))
			return false;
	}
	return !is_sp((char)s[i - 1]);
}

static vita_span *parse(vita_arena *a, const char *md, vita_pos pos, vita_diags *d, bool fast)
{
	if (!md || !*md)
		return NULL;
	if (fast && plain_text(md)) {
		vita_span *s = arena_alloc(a, sizeof *s);
		s->kind = VITA_SPAN_TEXT;
		s->text = md; /* not copied: every field of a long CV kept its text twice (issue 17) */
		return s;
	}
	ctx c = {a, pos, d, {0}, 0, {0}};
	list out = {0};
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPTS);
	cmark_node *para = single_paragraph(doc);
	if (para)
		convert(&c, para, &out);
	else if (md[strspn(md, " \t\r\n")]) /* else only whitespace: no spans */
		parse_blocks(&c, md, &out);
	cmark_node_free(doc);
	if (c.nhtml)
		vita_diag(d, VITA_WARNING, pos, "raw HTML is shown as text: %s", buf_str(&c.html));
	buf_free(&c.html);
	if (c.dropped.len)
		vita_diag(d, VITA_WARNING, pos, "a character reference here stands for %s, which is not text: "
		          "left out", buf_str(&c.dropped));
	buf_free(&c.dropped);
	return list_end(&c, &out);
}

vita_span *vita_inline_parse(vita_arena *a, const char *md, vita_pos pos, vita_diags *d)
{
	return parse(a, md, pos, d, true);
}

vita_span *vita_inline_parse_cmark(vita_arena *a, const char *md, vita_pos pos, vita_diags *d)
{
	return parse(a, md, pos, d, false);
}

static void plain(vita_buf *b, const vita_span *s)
{
	for (; s; s = s->next) {
		if (s->text && s->kind != VITA_SPAN_LINK) /* a link's text is its url (vita_span) */
			buf_puts(b, s->text);
		if (s->children)
			plain(b, s->children);
		if (s->kind == VITA_SPAN_BREAK)
			buf_putc(b, '\n');
	}
}

char *vita_spans_plain(const vita_span *s)
{
	vita_buf b = {0};
	plain(&b, s);
	char *r = buf_take(&b);
	return r ? r : xstrdup("");
}
