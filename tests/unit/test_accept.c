/*
 * End-to-end acceptance tests of the PDF, for every profile in content/ and for the fixtures that use
 * every entry kind (tests/fixtures/all-kinds.yaml) and JSON Resume (tests/fixtures/jsonresume.json).
 *
 * Each CV is rendered in-process (load, style, layout, PDF) and the PDF is read back with the tools a
 * reader's software uses, never with vita's own code:
 *   text     `pdftotext -raw` shows every word of the CV in reading order.  The expected words come
 *            from the model, not from a golden file: the header, section titles and every field the
 *            style's templates show, in template order (an entry's degree column, main column, then
 *            date column); a cursor only moves forward.  -raw reads the content stream, which vita
 *            writes in reading order; poppler's default mode rebuilds the order from positions and
 *            cannot: RenderCV's columns are 0.1 cm apart, about a word space, so it reads a degree
 *            column's second line into the main column's line ("Infor-" "Candidate" "mation").
 *            Poppler must print nothing, in either mode.
 *   margins  `pdftotext -bbox`: every word lies between the left and right margins; only footer and
 *            top-note words lie in the top and bottom margins, and only there.
 *   overlap  no two word boxes on a page intersect.
 *   links    the URI annotations (`qpdf --qdf`) are exactly the URLs the CV shows, and an entry's URL
 *            that its templates cannot show was reported by a warning rather than dropped silently.
 * Output: `PASS accept_<cv>_<check>` or `FAIL accept_<cv>_<check>: reason`; SKIP when the tools are
 * missing (scripts/deps.sh test installs them).
 */
#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "phone/phone.h"
#include "vita/cv.h"
#include "vita/schema.h"
#include "vita/style.h"

static int failed;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void report(const char *cv, const char *check, const char *fmt, ...)
{
	if (!fmt) {
		printf("PASS accept_%s_%s\n", cv, check);
	} else {
		printf("FAIL accept_%s_%s: ", cv, check);
		va_list ap;
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		putchar('\n');
		failed++;
	}
	fflush(stdout);
}

/* ---- small string helpers ---- */

typedef struct strv {
	char **v;
	size_t n, cap;
} strv;

static void strv_push(strv *s, char *x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = x;
}

static bool strv_has(const strv *s, const char *x)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], x) == 0)
			return true;
	return false;
}

static void strv_add_unique(strv *s, const char *x)
{
	if (!strv_has(s, x))
		strv_push(s, xstrdup(x));
}

static void strv_free(strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* Length of the whitespace sequence at s: ASCII blanks, no-break and other Unicode spaces. */
static size_t space_len(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v')
		return 1;
	if (s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (s[0] == 0xE2 && s[1] == 0x80 && ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xAF))
		return 3;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

/* Splits text into words (malloc'd) at whitespace. */
static void split_words(const char *text, strv *out)
{
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		size_t k;
		while (*p && (k = space_len(p)))
			p += k;
		const unsigned char *w = p;
		while (*p && !space_len(p))
			p++;
		if (p > w)
			strv_push(out, xstrndup((const char *)w, (size_t)(p - w)));
	}
}

/* What two words are compared by: the word without ASCII punctuation (a template's "," after a
 * field, the "(" and ")" around a journal, hyphens a line break may add or pdftotext may remove),
 * soft hyphens and zero-width spaces.  Letters, digits and every other character count, case
 * included. */
static char *word_key(const char *w)
{
	size_t n = strlen(w);
	char *k = xmalloc(n + 1), *o = k;
	const unsigned char *p = (const unsigned char *)w;
	while (*p) {
		if (*p < 0x80 && ispunct(*p)) {
			p++;
		} else if (p[0] == 0xC2 && p[1] == 0xAD) {
			p += 2;
		} else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8B) {
			p += 3;
		} else {
			*o++ = (char)*p++;
		}
	}
	*o = 0;
	return k;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	vita_buf b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	if (len)
		*len = b.len;
	return b.data ? buf_take(&b) : xstrdup("");
}

/* Runs `tool args 'pdf' - > out 2> err` ("-": the output to stdout); returns the exit status and the stderr text (malloc'd). */
static int run_tool(const char *tool, const char *args, const char *pdf, const char *out, const char *err,
                    char **errtext)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "%s %s '%s' - > '%s' 2> '%s'", tool, args, pdf, out, err);
	int rc = system(cmd);
	*errtext = read_all(err, NULL);
	if (!*errtext)
		*errtext = xstrdup("(no stderr file)");
	return rc;
}

static bool have_tool(const char *tool)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

/* The first line of s, shortened, for messages. */
static const char *first_line(const char *s, char *buf, size_t size)
{
	size_t n = strcspn(s, "\n");
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
	return buf;
}

/* ---- what the CV shows, computed from the model ---- */

typedef struct field {
	char *label;  /* "section \"education\" entry 1 (line 24) INSTITUTION" */
	char *text;
} field;

typedef struct expect {
	const vita_cv *cv;
	const vita_style *st;
	field *v;
	size_t n, cap;
	strv urls;      /* links the PDF must have */
	strv unshown;   /* "LINE:COL key": entry URLs no template shows; each needs a warning */
} expect;

static void add_field(expect *E, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	if (E->n == E->cap) {
		E->cap = E->cap ? 2 * E->cap : 64;
		E->v = xrealloc(E->v, E->cap * sizeof *E->v);
	}
	E->v[E->n++] = (field){xstrdup(label), xstrdup(text)};
}

static void collect_links(expect *E, const vita_span *s)
{
	for (; s; s = s->next) {
		if (s->kind == VITA_SPAN_LINK && s->url) {
			if (strncmp(s->url, "doi:", 4) == 0) {
				char *u = xmalloc(strlen(s->url) + 32);
				sprintf(u, "https://doi.org/%s", s->url + 4);
				strv_add_unique(&E->urls, u);
				free(u);
			} else {
				strv_add_unique(&E->urls, s->url);
			}
		}
		collect_links(E, s->children);
	}
}

static void add_spans(expect *E, const char *label, const vita_text *t)
{
	if (!t->spans)
		return;
	char *plain = vita_spans_plain(t->spans);
	add_field(E, label, plain);
	free(plain);
	collect_links(E, t->spans);
}

static void add_highlights(expect *E, const char *label, const vita_highlight *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char lab[512];
		snprintf(lab, sizeof lab, "%s.%zu", label, i + 1);
		add_spans(E, lab, &h[i].text);
		add_highlights(E, lab, h[i].children, h[i].nchildren);
	}
}

static bool is_word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80;
}

/* Calls fn for each placeholder of a template (the layout's rule: a run of capitals and underscores
 * with a letter, at least two long, standing as a word of its own). */
typedef void (*ph_fn)(void *ctx, const char *name);
static void each_placeholder(const char *tmpl, ph_fn fn, void *ctx)
{
	if (!tmpl)
		return;
	for (size_t i = 0; tmpl[i];) {
		char c = tmpl[i];
		if (((c >= 'A' && c <= 'Z') || c == '_') && (i == 0 || !is_word_char(tmpl[i - 1]))) {
			size_t j = i;
			bool letter = false;
			while ((tmpl[j] >= 'A' && tmpl[j] <= 'Z') || tmpl[j] == '_')
				letter |= tmpl[j++] != '_';
			if (j - i >= 2 && letter && !is_word_char(tmpl[j])) {
				char *name = xstrndup(tmpl + i, j - i);
				fn(ctx, name);
				free(name);
			}
			i = j;
			continue;
		}
		i++;
	}
}

typedef struct entry_ctx {
	expect *E;
	const vita_entry *e;
	const char *label;
} entry_ctx;

/* The URL as the layout shows it: without its scheme and a trailing slash. */
static char *url_label(const char *url)
{
	size_t n;
	const char *s = vita_url_shown(url, &n);
	return xstrndup(s, n);
}

#define KB(k) (1u << VITA_ENTRY_##k)

static void entry_placeholder(void *ctx, const char *name)
{
	entry_ctx *c = ctx;
	expect *E = c->E;
	const vita_entry *e = c->e;
	const vita_cv *cv = E->cv;
	char lab[512];
	snprintf(lab, sizeof lab, "%s %s", c->label, name);
	if (strcmp(name, "DEGREE_WITH_AREA") == 0) {
		each_placeholder(cv->locale.degree_with_area, entry_placeholder, ctx);
		return;
	}
	/* each text member with the kinds that own it (the kinds share the members' room, cv.h): a
	 * placeholder of another kind's field is looked up among the extras, as any other name */
	const unsigned all = ~0u, edu = KB(EDUCATION), exp = KB(EXPERIENCE), one = KB(ONELINE),
	               titled = KB(TALK) | KB(PUBLICATION) | KB(AWARD),
	               text = KB(BULLET) | KB(NUMBERED) | KB(REVERSED_NUMBERED) | KB(TEXT);
	const struct {
		const char *name;
		const vita_text *t;
		unsigned kinds;
	} texts[] = {
	    {"INSTITUTION", &e->institution, edu}, {"AREA", &e->area, edu},
	    {"DEGREE", &e->degree, edu},           {"COMPANY", &e->company, exp},
	    {"POSITION", &e->position, exp},       {"NAME", &e->name, KB(NORMAL)},
	    {"TITLE", &e->title, titled},          {"AWARDER", &e->awarder, KB(AWARD)},
	    {"JOURNAL", &e->journal, KB(PUBLICATION)}, {"LOCATION", &e->location, all},
	    {"SUMMARY", &e->summary, all},         {"LABEL", &e->label, one},
	    {"DETAILS", &e->details, one},         {"TEXT", &e->text, text},
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (strcmp(name, texts[i].name) == 0 && (texts[i].kinds >> e->kind & 1)) {
			add_spans(E, lab, texts[i].t);
			return;
		}
	char buf[512];
	if (strcmp(name, "DATE") == 0) {
		if (vita_format_dates(cv, e, buf, sizeof buf))
			add_field(E, lab, buf);
	} else if (strcmp(name, "START_DATE") == 0 || strcmp(name, "END_DATE") == 0) {
		const vita_date *d = name[0] == 'S' ? &e->start_date : &e->end_date;
		if (d->kind != VITA_DATE_NONE && vita_format_date(cv, d, buf, sizeof buf))
			add_field(E, lab, buf);
	} else if (strcmp(name, "HIGHLIGHTS") == 0) {
		add_highlights(E, lab, e->highlights, e->nhighlights);
	} else if (strcmp(name, "AUTHORS") == 0) {
		/* each name with its note markers, which are set right after it as superscripts */
		vita_buf b = {0};
		for (size_t i = 0; i < e->nauthors; i++) {
			const vita_author *a = &e->authors[i];
			if (!a->name.spans)
				continue;
			char *plain = vita_spans_plain(a->name.spans);
			buf_printf(&b, "%s%s%s", b.len ? " " : "", plain, a->notes ? a->notes : "");
			free(plain);
			collect_links(E, a->name.spans);
		}
		add_field(E, lab, buf_str(&b));
		buf_free(&b);
	} else if (strcmp(name, "DOI") == 0 || strcmp(name, "URL") == 0) {
		/* RenderCV's rule: the DOI when there is one (linked to doi.org), else the URL */
		if (e->doi) {
			snprintf(buf, sizeof buf, "https://doi.org/%s", e->doi);
			strv_add_unique(&E->urls, buf);
			add_field(E, lab, e->doi);
		} else if (name[0] == 'U' && e->url) {
			strv_add_unique(&E->urls, e->url);
			char *shown = url_label(e->url);
			add_field(E, lab, shown);
			free(shown);
		}
	} else {
		for (size_t i = 0; i < e->nextras; i++) {
			const char *k = e->extras[i].key;
			size_t j = 0;
			for (; k[j] && name[j] && toupper((unsigned char)k[j]) == name[j]; j++)
				;
			if (!k[j] && !name[j])
				add_spans(E, lab, &e->extras[i].value);
		}
	}
}

typedef struct mention_ctx {
	const char *want;
	bool found;
} mention_ctx;

static void mention_fn(void *ctx, const char *name)
{
	mention_ctx *m = ctx;
	m->found |= strcmp(name, m->want) == 0;
}

static bool mentions(const char *const *tmpls, size_t n, const char *word)
{
	mention_ctx m = {word, false};
	for (size_t i = 0; i < n; i++)
		each_placeholder(tmpls[i], mention_fn, &m);
	return m.found;
}

static const vita_entry_templates *entry_templates(const vita_style *st, vita_entry_kind k)
{
	const vita_entry_templates *t = &st->templates[vita_kind_def_of(k)->style_key ? k : VITA_ENTRY_NORMAL];
	if (!t->main_column && !t->date_and_location_column)
		t = &st->templates[VITA_ENTRY_NORMAL];
	return t;
}

static void expect_entry(expect *E, const vita_section *s, size_t idx, const char *slabel)
{
	const vita_entry *e = &s->entries[idx];
	char lab[512];
	snprintf(lab, sizeof lab, "%s entry %zu (line %d)", slabel, idx + 1, e->pos.line);
	entry_ctx c = {E, e, lab};
	switch (e->kind) {
	case VITA_ENTRY_BULLET:
	case VITA_ENTRY_NUMBERED:
	case VITA_ENTRY_REVERSED_NUMBERED:
	case VITA_ENTRY_TEXT:
		snprintf(lab, sizeof lab, "%s entry %zu (line %d) text", slabel, idx + 1, e->pos.line);
		add_spans(E, lab, &e->text);
		return;
	case VITA_ENTRY_ONELINE:
		each_placeholder(E->st->templates[VITA_ENTRY_ONELINE].main_column, entry_placeholder, &c);
		return;
	default:
		break;
	}
	const vita_entry_templates *t = entry_templates(E->st, e->kind);
	if (t->degree_column && *t->degree_column)
		each_placeholder(t->degree_column, entry_placeholder, &c);
	each_placeholder(t->main_column, entry_placeholder, &c);
	each_placeholder(t->date_and_location_column, entry_placeholder, &c);
	/* an entry's own URL that no template can show must have been warned about */
	const char *all[3] = {t->main_column, t->degree_column, t->date_and_location_column};
	if (e->url && !mentions(all, 3, "URL")) {
		char buf[64];
		snprintf(buf, sizeof buf, "%d:%d `url`", e->url_pos.line, e->url_pos.col);
		strv_push(&E->unshown, xstrdup(buf));
	}
	if (e->doi && !mentions(all, 3, "URL") && !mentions(all, 3, "DOI")) {
		char buf[64];
		snprintf(buf, sizeof buf, "%d:%d `doi`", e->doi_pos.line, e->doi_pos.col);
		strv_push(&E->unshown, xstrdup(buf));
	}
}

static void expect_cv(expect *E)
{
	const vita_cv *cv = E->cv;
	add_spans(E, "name", &cv->name);
	add_spans(E, "headline", &cv->headline);
	/* phone numbers are shown in the style's phone_number_format (src/phone/, tested by
	 * tests/sh/phone.sh): their words here are the formatter's */
	vita_connection *shown = xcalloc(cv->nconnections + 1, sizeof *shown);
	for (size_t i = 0; i < cv->nconnections; i++)
		shown[i] = cv->connections[i];
	vita_arena *a = arena_new();
	vita_diags *quiet = vita_diags_new();
	vita_phones_format(shown, cv->nconnections, E->st->phone_format, a, quiet);
	for (size_t i = 0; i < cv->nconnections; i++) {
		const vita_connection *c = &shown[i];
		char lab[64];
		snprintf(lab, sizeof lab, "connection %zu (line %d)", i + 1, c->pos.line);
		add_field(E, lab, c->text);
		if (c->url && E->st->connections_hyperlink)
			strv_add_unique(&E->urls, c->url);
	}
	vita_diags_free(quiet);
	arena_free(a);
	free(shown);
	for (size_t si = 0; si < cv->nsections; si++) {
		const vita_section *s = &cv->sections[si];
		char lab[256];
		snprintf(lab, sizeof lab, "section \"%s\"", s->key);
		char tlab[300];
		snprintf(tlab, sizeof tlab, "%s title", lab);
		add_spans(E, tlab, &s->title);
		for (size_t i = 0; i < s->nentries; i++)
			expect_entry(E, s, i, lab);
	}
}

static void expect_free(expect *E)
{
	for (size_t i = 0; i < E->n; i++) {
		free(E->v[i].label);
		free(E->v[i].text);
	}
	free(E->v);
	strv_free(&E->urls);
	strv_free(&E->unshown);
}

/* ---- check 1: the text, in reading order ---- */

typedef struct token {
	char *text, *key;
	bool eol; /* last word of its line: a word may continue on the next line */
} token;

typedef struct tokens {
	token *v;
	size_t n, cap;
} tokens;

static void tokenize(const char *text, tokens *t)
{
	const char *p = text;
	while (*p) {
		size_t n = strcspn(p, "\n\f");
		char *line = xstrndup(p, n);
		strv w = {0};
		split_words(line, &w);
		for (size_t i = 0; i < w.n; i++) {
			if (t->n == t->cap) {
				t->cap = t->cap ? 2 * t->cap : 256;
				t->v = xrealloc(t->v, t->cap * sizeof *t->v);
			}
			t->v[t->n++] = (token){w.v[i], word_key(w.v[i]), i + 1 == w.n};
		}
		free(w.v);
		free(line);
		p += n;
		if (*p)
			p++;
	}
}

static void tokens_free(tokens *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].text);
		free(t->v[i].key);
	}
	free(t->v);
}

/* How many tokens from i spell the word key (a word broken across lines spans several); 0 if none. */
static size_t match_at(const tokens *t, size_t i, const char *key)
{
	if (strcmp(t->v[i].key, key) == 0)
		return 1;
	size_t pos = 0, k = i;
	while (k < t->n && k - i < 6) {
		size_t l = strlen(t->v[k].key);
		if (!l || strncmp(key + pos, t->v[k].key, l) != 0)
			return 0;
		pos += l;
		if (!key[pos])
			return k > i ? k - i + 1 : 0;
		if (!t->v[k].eol)
			return 0;
		k++;
	}
	return 0;
}

static void context(const tokens *t, size_t at, char *buf, size_t size)
{
	buf[0] = 0;
	size_t from = at > 4 ? at - 4 : 0;
	for (size_t i = from; i < at + 5 && i < t->n; i++) {
		size_t l = strlen(buf);
		snprintf(buf + l, size - l, "%s%s%s", i == at ? "|" : "", t->v[i].text, i + 1 < at + 5 ? " " : "");
	}
}

static void check_text(const char *name, const expect *E, const char *pdf, const char *tmp)
{
	char out[1024], err[1024];
	snprintf(out, sizeof out, "%s/%s.txt", tmp, name);
	snprintf(err, sizeof err, "%s/%s.txt.err", tmp, name);
	char *errtext;
	/* the default mode: only that poppler reads the file without a word of complaint */
	int rc = run_tool("pdftotext", "-enc UTF-8", pdf, out, err, &errtext);
	if (rc == 0 && !*errtext) {
		free(errtext);
		rc = run_tool("pdftotext", "-raw -enc UTF-8", pdf, out, err, &errtext);
	}
	char *text = read_all(out, NULL);
	char msg[1024];
	if (rc != 0 || !text) {
		report(name, "text", "pdftotext failed (status %d): %s", rc, first_line(errtext, msg, 300));
	} else if (*errtext) {
		report(name, "text", "poppler warns: %s", first_line(errtext, msg, 300));
	} else {
		tokens t = {0};
		tokenize(text, &t);
		size_t cur = 0;
		const char *fail = NULL;
		char why[2048];
		size_t nwords = 0;
		for (size_t f = 0; f < E->n && !fail; f++) {
			const field *fd = &E->v[f];
			size_t *c = &cur;
			strv w = {0};
			split_words(fd->text, &w);
			for (size_t i = 0; i < w.n && !fail; i++) {
				char *key = word_key(w.v[i]);
				if (*key) {
					nwords++;
					size_t j = *c, m = 0;
					for (; j < t.n; j++)
						if ((m = match_at(&t, j, key)))
							break;
					if (m) {
						*c = j + m;
					} else {
						size_t before = 0;
						bool earlier = false;
						for (; before < *c && before < t.n; before++)
							if ((earlier = match_at(&t, before, key) > 0))
								break;
						char ctx[600];
						context(&t, *c < t.n ? *c : t.n - 1, ctx, sizeof ctx);
						snprintf(why, sizeof why, "word %zu \"%s\" of %s (\"%.120s\") %s; pdftotext near the cursor: \"%s\"",
						         i + 1, w.v[i], fd->label, fd->text,
						         earlier ? "is out of reading order (found only before the cursor)" : "is missing",
						         ctx);
						fail = why;
					}
				}
				free(key);
			}
			strv_free(&w);
		}
		if (fail)
			report(name, "text", "%s", fail);
		else if (nwords < 20)
			report(name, "text", "only %zu words expected: the model walk found almost nothing", nwords);
		else
			report(name, "text", NULL);
		tokens_free(&t);
	}
	free(text);
	free(errtext);
}

/* ---- checks 2 and 3: word boxes ---- */

typedef struct wbox {
	double x0, y0, x1, y1;
	char *text, *key;
} wbox;

typedef struct bpage {
	double w, h;
	wbox *v;
	size_t n, cap;
} bpage;

static char *html_unescape(const char *s, size_t n)
{
	static const struct {
		const char *ent;
		char c;
	} ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}, {"&#39;", '\''}};
	char *o = xmalloc(n + 1), *q = o;
	for (size_t i = 0; i < n;) {
		bool done = false;
		if (s[i] == '&')
			for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++) {
				size_t l = strlen(ents[k].ent);
				if (i + l <= n && memcmp(s + i, ents[k].ent, l) == 0) {
					*q++ = ents[k].c;
					i += l;
					done = true;
					break;
				}
			}
		if (!done)
			*q++ = s[i++];
	}
	*q = 0;
	return o;
}

/* Parses `pdftotext -bbox` output; returns the number of pages, -1 when malformed. */
static long parse_bbox(const char *html, bpage **pages)
{
	long np = 0;
	*pages = NULL;
	for (const char *p = html; (p = strstr(p, "<page ")) != NULL;) {
		bpage pg = {0};
		if (sscanf(p, "<page width=\"%lf\" height=\"%lf\"", &pg.w, &pg.h) != 2)
			return -1;
		const char *end = strstr(p, "</page>");
		if (!end)
			return -1;
		for (const char *w = p; (w = strstr(w, "<word ")) && w < end;) {
			wbox b = {0};
			if (sscanf(w, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &b.x0, &b.y0, &b.x1, &b.y1) != 4)
				return -1;
			const char *gt = strchr(w, '>'), *close = gt ? strstr(gt, "</word>") : NULL;
			if (!close)
				return -1;
			b.text = html_unescape(gt + 1, (size_t)(close - gt - 1));
			b.key = word_key(b.text);
			if (pg.n == pg.cap) {
				pg.cap = pg.cap ? 2 * pg.cap : 256;
				pg.v = xrealloc(pg.v, pg.cap * sizeof *pg.v);
			}
			pg.v[pg.n++] = b;
			w = close;
		}
		*pages = xrealloc(*pages, (size_t)(np + 1) * sizeof **pages);
		(*pages)[np++] = pg;
		p = end;
	}
	return np;
}

static void pages_free(bpage *pages, long n)
{
	for (long i = 0; i < n; i++) {
		for (size_t k = 0; k < pages[i].n; k++) {
			free(pages[i].v[k].text);
			free(pages[i].v[k].key);
		}
		free(pages[i].v);
	}
	free(pages);
}

/* A margin template (footer, top note) with its placeholders filled, as word keys. */
static void margin_words(const vita_cv *cv, const char *tmpl, size_t page, size_t total, strv *keys)
{
	if (!tmpl)
		return;
	char *name = cv->name.spans ? vita_spans_plain(cv->name.spans) : xstrdup("");
	char date[128] = "", num[32], tot[32];
	vita_format_date(cv, &cv->settings.current_date, date, sizeof date);
	snprintf(num, sizeof num, "%zu", page);
	snprintf(tot, sizeof tot, "%zu", total);
	const struct {
		const char *ph, *val;
	} subst[] = {{"NAME", name},
	             {"PAGE_NUMBER", num},
	             {"TOTAL_PAGES", tot},
	             {"LAST_UPDATED", cv->locale.last_updated ? cv->locale.last_updated : ""},
	             {"CURRENT_DATE", date}};
	vita_buf b = {0};
	for (const char *p = tmpl; *p;) {
		bool done = false;
		for (size_t i = 0; i < sizeof subst / sizeof subst[0] && !done; i++) {
			size_t l = strlen(subst[i].ph);
			if (strncmp(p, subst[i].ph, l) == 0 && !is_word_char(p[l])) {
				buf_puts(&b, subst[i].val);
				p += l;
				done = true;
			}
		}
		if (done)
			continue;
		if (strncmp(p, "---", 3) == 0) {
			buf_puts(&b, "\xE2\x80\x94"); /* smart punctuation: an em dash */
			p += 3;
		} else if (strncmp(p, "--", 2) == 0) {
			buf_puts(&b, "\xE2\x80\x93"); /* an en dash */
			p += 2;
		} else {
			buf_putc(&b, *p++);
		}
	}
	strv w = {0};
	split_words(buf_str(&b), &w);
	for (size_t i = 0; i < w.n; i++)
		strv_push(keys, word_key(w.v[i]));
	strv_free(&w);
	buf_free(&b);
	free(name);
}

/*
 * Where a word's glyphs sit vertically.  Poppler's box runs from the font's ascent above the baseline
 * to its descent below it (Noto: 1.069 em and 0.293 em, 1.362 em in all), while the layout keeps a
 * line's cap height (0.714 em) below the top margin and its baseline above the bottom margin, as
 * Typst and RenderCV do.  So the cap top is 0.26 of the box height below yMin and the baseline 0.785
 * of it; the fallback CJK font differs by under 2% of the box, which the tolerance absorbs.
 */
#define CAP_FRAC 0.26
#define BASE_FRAC 0.785
static double cap_top(const wbox *b) { return b->y0 + CAP_FRAC * (b->y1 - b->y0); }
static double baseline(const wbox *b) { return b->y0 + BASE_FRAC * (b->y1 - b->y0); }
static double vtol(const wbox *b) { return 0.5 + 0.02 * (b->y1 - b->y0); }

static void check_boxes(const char *name, const vita_cv *cv, const vita_style *st, const char *pdf,
                        const char *tmp)
{
	char out[1024], err[1024], msg[400];
	snprintf(out, sizeof out, "%s/%s.bbox.html", tmp, name);
	snprintf(err, sizeof err, "%s/%s.bbox.err", tmp, name);
	char *errtext;
	int rc = run_tool("pdftotext", "-bbox -enc UTF-8", pdf, out, err, &errtext);
	char *html = read_all(out, NULL);
	bpage *pages = NULL;
	long np = rc == 0 && html ? parse_bbox(html, &pages) : -1;
	if (rc != 0 || np <= 0 || *errtext) {
		const char *why = rc != 0 ? "pdftotext -bbox failed" : np <= 0 ? "no pages in pdftotext -bbox output" : "poppler warns";
		report(name, "margins", "%s: %s", why, first_line(errtext, msg, 300));
		report(name, "overlap", "%s", why);
		pages_free(pages, np > 0 ? np : 0);
		free(html);
		free(errtext);
		return;
	}
	double left = st->margin_left - 0.5, right = st->page_width - st->margin_right + 0.5;
	double top = st->margin_top, bottom = st->page_height - st->margin_bottom;
	char why[1024] = "";
	strv top_keys = {0};
	if (st->show_top_note)
		margin_words(cv, st->top_note_template, 1, (size_t)np, &top_keys);
	size_t nwords = 0;
	for (long p = 0; p < np && !*why; p++) {
		const bpage *pg = &pages[p];
		if (pg->w < st->page_width - 0.5 || pg->w > st->page_width + 0.5 || pg->h < st->page_height - 0.5 ||
		    pg->h > st->page_height + 0.5) {
			snprintf(why, sizeof why, "page %ld is %.2f x %.2f pt, the style says %.2f x %.2f", p + 1, pg->w,
			         pg->h, st->page_width, st->page_height);
			break;
		}
		strv foot_keys = {0};
		if (st->show_footer)
			margin_words(cv, st->footer_template, (size_t)p + 1, (size_t)np, &foot_keys);
		size_t nfoot = 0, ntop = 0;
		for (size_t i = 0; i < pg->n && !*why; i++) {
			const wbox *b = &pg->v[i];
			nwords++;
			if (b->x0 < left || b->x1 > right) {
				snprintf(why, sizeof why, "page %ld: \"%s\" spans x %.2f..%.2f, outside the margins %.2f..%.2f",
				         p + 1, b->text, b->x0, b->x1, st->margin_left, st->page_width - st->margin_right);
				break;
			}
			double t = vtol(b), ct = cap_top(b), bl = baseline(b);
			if (ct >= top - t && bl <= bottom + t)
				continue; /* in the text area */
			bool allowed_key = !*b->key;
			if (p == 0 && bl <= top + t && b->y0 >= -t) {
				if (allowed_key || strv_has(&top_keys, b->key)) {
					ntop++;
					continue;
				}
			} else if (ct >= bottom - t && b->y1 <= pg->h + t) {
				if (allowed_key || strv_has(&foot_keys, b->key)) {
					nfoot++;
					continue;
				}
			}
			snprintf(why, sizeof why,
			         "page %ld: \"%s\" (cap top %.2f, baseline %.2f) reaches into the %s margin (%.2f..%.2f is "
			         "the text area) and is not footer or top-note text",
			         p + 1, b->text, ct, bl, ct < top - t ? "top" : "bottom", top, bottom);
		}
		if (!*why && foot_keys.n && !nfoot)
			snprintf(why, sizeof why, "page %ld has no footer in its bottom margin", p + 1);
		if (!*why && p == 0 && top_keys.n && !ntop)
			snprintf(why, sizeof why, "page 1 has no top note in its top margin");
		strv_free(&foot_keys);
	}
	strv_free(&top_keys);
	if (!*why && nwords < 20)
		snprintf(why, sizeof why, "only %zu words in the PDF", nwords);
	report(name, "margins", *why ? "%s" : NULL, why);

	/* Overlap.  Words on one line are a space apart (over 1.6 pt at these sizes), so 0.3 pt only
	 * absorbs rounding.  Vertically the boxes span the font's whole ascent and descent while lines
	 * are set cap height + 0.6 em apart (RenderCV's leading), so boxes of adjacent lines overlap by
	 * design: by 0.05 em in Noto Sans (1.362 em boxes, 1.314 em lines), by 0.164 em in Source Sans 3,
	 * classic's family (1.424 em boxes, 1.26 em lines), and by 0.21 em where a Noto Sans Mono code
	 * span sits under a Source Sans 3 line.  Each box loses 8% of its height at top and bottom
	 * (0.11 em), far less than any real collision of two lines or of two columns. */
	*why = 0;
	for (long p = 0; p < np && !*why; p++) {
		const bpage *pg = &pages[p];
		for (size_t i = 0; i < pg->n && !*why; i++) {
			const wbox *a = &pg->v[i];
			double ah = 0.08 * (a->y1 - a->y0);
			for (size_t j = i + 1; j < pg->n; j++) {
				const wbox *b = &pg->v[j];
				double bh = 0.08 * (b->y1 - b->y0);
				if (a->x0 + 0.3 < b->x1 - 0.3 && b->x0 + 0.3 < a->x1 - 0.3 && a->y0 + ah < b->y1 - bh &&
				    b->y0 + bh < a->y1 - ah) {
					snprintf(why, sizeof why,
					         "page %ld: \"%s\" (%.2f,%.2f)-(%.2f,%.2f) overlaps \"%s\" (%.2f,%.2f)-(%.2f,%.2f)",
					         p + 1, a->text, a->x0, a->y0, a->x1, a->y1, b->text, b->x0, b->y0, b->x1, b->y1);
					break;
				}
			}
		}
	}
	report(name, "overlap", *why ? "%s" : NULL, why);
	pages_free(pages, np);
	free(html);
	free(errtext);
}

/* ---- check 4: links ---- */

/* Parses a PDF string (literal or hex) at p; returns it malloc'd, or NULL. */
static char *pdf_string(const char *p, const char *end)
{
	vita_buf b = {0};
	if (*p == '(') {
		int depth = 1;
		for (p++; p < end; p++) {
			char c = *p;
			if (c == '\\' && p + 1 < end) {
				char e = *++p;
				switch (e) {
				case 'n': buf_putc(&b, '\n'); break;
				case 'r': buf_putc(&b, '\r'); break;
				case 't': buf_putc(&b, '\t'); break;
				case 'b': buf_putc(&b, '\b'); break;
				case 'f': buf_putc(&b, '\f'); break;
				case '\r':
					if (p + 1 < end && p[1] == '\n')
						p++;
					break;
				case '\n': break;
				default:
					if (e >= '0' && e <= '7') {
						int v = e - '0';
						for (int k = 0; k < 2 && p + 1 < end && p[1] >= '0' && p[1] <= '7'; k++)
							v = v * 8 + (*++p - '0');
						buf_putc(&b, v & 0xFF);
					} else {
						buf_putc(&b, e); /* \( \) \\ and unknown escapes: the character */
					}
				}
				continue;
			}
			if (c == '(')
				depth++;
			else if (c == ')' && --depth == 0)
				return b.data ? buf_take(&b) : xstrdup("");
			buf_putc(&b, c);
		}
		buf_free(&b);
		return NULL;
	}
	if (*p == '<' && p + 1 < end && p[1] != '<') {
		int hi = -1;
		for (p++; p < end && *p != '>'; p++) {
			int v = isdigit((unsigned char)*p) ? *p - '0'
			        : isxdigit((unsigned char)*p) ? tolower((unsigned char)*p) - 'a' + 10 : -1;
			if (v < 0)
				continue;
			if (hi < 0) {
				hi = v;
			} else {
				buf_putc(&b, hi * 16 + v);
				hi = -1;
			}
		}
		if (hi >= 0)
			buf_putc(&b, hi * 16);
		return b.data ? buf_take(&b) : xstrdup("");
	}
	return NULL;
}

static void check_links(const char *name, const expect *E, const char *diag_text, const char *pdf,
                        const char *tmp)
{
	char out[1024], err[1024], msg[400];
	snprintf(out, sizeof out, "%s/%s.qdf", tmp, name);
	snprintf(err, sizeof err, "%s/%s.qdf.err", tmp, name);
	char *errtext;
	int rc = run_tool("qpdf", "--qdf --object-streams=disable", pdf, out, err, &errtext);
	size_t len = 0;
	char *q = read_all(out, &len);
	if (rc != 0 || !q || *errtext) {
		report(name, "links", "qpdf --qdf failed (status %d): %s", rc, first_line(errtext, msg, 300));
		free(q);
		free(errtext);
		return;
	}
	strv got = {0};
	const char *end = q + len;
	for (const char *p = q; p + 4 < end; p++) {
		if (memcmp(p, "/URI", 4) != 0 || is_word_char(p[4]))
			continue;
		const char *s = p + 4;
		while (s < end && (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t'))
			s++;
		char *u = s < end ? pdf_string(s, end) : NULL;
		if (u) {
			strv_add_unique(&got, u);
			free(u);
		}
	}
	vita_buf why = {0};
	for (size_t i = 0; i < E->urls.n; i++)
		if (!strv_has(&got, E->urls.v[i]))
			buf_printf(&why, "%smissing %s", why.len ? "; " : "", E->urls.v[i]);
	for (size_t i = 0; i < got.n; i++)
		if (!strv_has(&E->urls, got.v[i]))
			buf_printf(&why, "%sextra %s", why.len ? "; " : "", got.v[i]);
	/* a URL no template shows: the layout must have said so */
	for (size_t i = 0; i < E->unshown.n; i++) {
		int line = 0, col = 0;
		char key[16] = "";
		sscanf(E->unshown.v[i], "%d:%d %15s", &line, &col, key);
		char at[64];
		snprintf(at, sizeof at, ":%d:%d: warning: ", line, col);
		const char *h = strstr(diag_text, at);
		size_t ll = h ? strcspn(h, "\n") : 0;
		char *l = h ? xstrndup(h, ll) : NULL;
		if (!l || !strstr(l, key))
			buf_printf(&why, "%sthe entry's %s at line %d is neither linked nor warned about", why.len ? "; " : "",
			           key, line);
		free(l);
	}
	if (!why.len && got.n < 2)
		buf_printf(&why, "only %zu links in the PDF", got.n);
	report(name, "links", why.len ? "%s" : NULL, buf_str(&why));
	buf_free(&why);
	strv_free(&got);
	free(q);
	free(errtext);
}

/* ---- driver ---- */

static void test_cv(const char *path, const char *tmp, bool tools)
{
	char name[256];
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strcspn(base, ".");
	if (n >= sizeof name)
		n = sizeof name - 1;
	for (size_t i = 0; i < n; i++)
		name[i] = isalnum((unsigned char)base[i]) ? base[i] : '_';
	name[n] = 0;

	vita_diags *d = vita_diags_new();
	vita_cv *cv = vita_cv_load(path, d);
	vita_style *st = cv && !vita_diags_count(d, VITA_ERROR) ? vita_style_load(cv, d) : NULL;
	vita_doc *doc = st && !vita_diags_count(d, VITA_ERROR) ? vita_layout(cv, st, d) : NULL;
	char pdf[1024];
	snprintf(pdf, sizeof pdf, "%s/%s.pdf", tmp, name);
	int wrc = doc && !vita_diags_count(d, VITA_ERROR) ? vita_pdf_write(doc, pdf, d) : -1;
	char *diag_text = NULL;
	size_t diag_len = 0;
	FILE *mf = open_memstream(&diag_text, &diag_len);
	vita_diags_print(d, mf, false);
	fclose(mf);
	if (wrc != 0 || vita_diags_count(d, VITA_ERROR)) {
		char msg[400];
		report(name, "render", "%s does not render: %s", path, first_line(diag_text, msg, 300));
	} else if (!tools) {
		printf("SKIP accept_%s: pdftotext (poppler-utils) or qpdf is not installed (scripts/deps.sh test)\n", name);
	} else {
		expect E = {0};
		E.cv = cv;
		E.st = st;
		expect_cv(&E);
		check_text(name, &E, pdf, tmp);
		check_boxes(name, cv, st, pdf, tmp);
		check_links(name, &E, diag_text, pdf, tmp);
		expect_free(&E);
	}
	free(diag_text);
	vita_doc_free(doc);
	vita_style_free(st);
	vita_cv_free(cv);
	vita_diags_free(d);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
	/* the top note's date, and the PDF's, from a fixed clock as in the other output tests */
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	vita_env env;
	vita_env_from_process(&env, NULL, 0);
	vita_env_set(&env);
	const char *root = getenv("VITA_ROOT");
	if (root && chdir(root) != 0) {
		printf("FAIL accept_setup: cannot enter VITA_ROOT %s\n", root);
		return 1;
	}
	char tmpbuf[] = "/tmp/vita-accept-XXXXXX";
	const char *tmp = getenv("VITA_TMP");
	if (!tmp || !*tmp) {
		tmp = mkdtemp(tmpbuf);
		if (!tmp) {
			printf("FAIL accept_setup: cannot create a scratch folder\n");
			return 1;
		}
		fprintf(stderr, "test_accept: output in %s\n", tmp);
	}
	if (strchr(tmp, '\'')) {
		printf("SKIP accept: the scratch folder's name has a quote: %s\n", tmp);
		return 0;
	}
	bool tools = have_tool("pdftotext") && have_tool("qpdf");

	strv files = {0};
	DIR *dir = opendir("content");
	if (dir) {
		struct dirent *de;
		while ((de = readdir(dir))) {
			size_t l = strlen(de->d_name);
			if (l > 5 && strcmp(de->d_name + l - 5, ".yaml") == 0) {
				char *p = xmalloc(l + 16);
				sprintf(p, "content/%s", de->d_name);
				strv_push(&files, p);
			}
		}
		closedir(dir);
	}
	if (files.n)
		qsort(files.v, files.n, sizeof *files.v, cmp_str);
	else
		printf("FAIL accept_content: no profiles in content/\n"), failed++;
	strv_push(&files, xstrdup("tests/fixtures/all-kinds.yaml"));
	strv_push(&files, xstrdup("tests/fixtures/jsonresume.json"));
	for (size_t i = 0; i < files.n; i++)
		test_cv(files.v[i], tmp, tools);
	strv_free(&files);
	return failed ? 1 : 0;
}
