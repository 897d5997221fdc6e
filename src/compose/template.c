/*
 * RenderCV's entry templates, compiled once and evaluated per entry — the one template engine every
 * backend shares.
 *
 * A template ("**INSTITUTION**, DEGREE_WITH_AREA\nSUMMARY\nHIGHLIGHTS") is treated exactly as RenderCV
 * 2.8 treats it (renderer/templater/entry_templates_from_input.py at the reference commit):
 *   1. the locale's phrases are put in (DEGREE_WITH_AREA → "DEGREE in AREA");
 *   2. when any placeholder of the entry kind's templates is not provided by the entry:
 *      a connector word ("in", "at": a word starting with a letter that is not A–Z, between two
 *      spaces) between two placeholders of which one is missing is removed; each missing
 *      placeholder is removed together with the characters glued to it ("(JOURNAL)", "AREA,"); runs
 *      of spaces are collapsed; and every line loses its trailing characters other than letters,
 *      digits and . ! ? [ ] ( ) * _ % (the "," left by "**COMPANY**, POSITION" without POSITION),
 *      empty lines disappearing;
 *   3. each remaining line is parsed as inline Markdown and the field names in its text (found as
 *      RenderCV finds them: anywhere, not only as whole words) are replaced by the field's own
 *      spans, which inherit the emphasis around them and are never re-parsed (a `*` in a company
 *      name stays a `*`).
 * Step 2 works on the template's source text, as RenderCV's regular expressions do, so that every
 * backend can reproduce it: the LaTeX writer turns the same token groups (tmpl_groups) into TeX
 * conditionals.  The result of step 2 depends only on which placeholders are missing, so it is
 * cached per missing set.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "compose/compose_internal.h"
#include "load/inline.h"
#include "vita/schema.h"

/* ---- characters as Python's re module sees them (str patterns: Unicode) ---- */

static size_t cp_at(const char *s, size_t i, size_t n, uint32_t *cp)
{
	size_t k = utf8_decode(s + i, n - i, cp);
	if (!k) {
		*cp = (unsigned char)s[i];
		k = 1;
	}
	return k;
}

static bool cp_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool tmpl_is_connector_start(uint32_t cp)
{
	return cp_is_letter(cp) && !(cp >= 'A' && cp <= 'Z');
}

/* \w: letters, digits (any script) and the underscore. */
static bool cp_is_word(uint32_t cp)
{
	if (cp < 0x80)
		return cp_is_letter(cp) || (cp >= '0' && cp <= '9') || cp == '_';
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* Finds the next word (a maximal run of \w) at or after *i; false at the end. */
static bool next_word(const char *s, size_t n, size_t *i, size_t *ws, size_t *we)
{
	while (*i < n) {
		uint32_t cp;
		size_t k = cp_at(s, *i, n, &cp);
		if (cp_is_word(cp)) {
			*ws = *i;
			size_t j = *i + k;
			while (j < n) {
				size_t k2 = cp_at(s, j, n, &cp);
				if (!cp_is_word(cp))
					break;
				j += k2;
			}
			*we = j;
			*i = j;
			return true;
		}
		*i += k;
	}
	return false;
}

bool tmpl_is_placeholder(const char *w, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((w[i] >= 'A' && w[i] <= 'Z') || w[i] == '_'))
			return false;
	return true;
}

/* ---- compiling ---- */

static void add_name(ctmpl_set *ts, const char *w, size_t n)
{
	for (size_t i = 0; i < ts->nnames; i++)
		if (strlen(ts->names[i]) == n && memcmp(ts->names[i], w, n) == 0)
			return;
	if (ts->nnames == CTMPL_MAX_NAMES) {
		ts->overflow = true; /* more names than a mask holds: evaluated without the cache */
		return;
	}
	ts->names[ts->nnames++] = arena_strndup(ts->arena, w, n);
}

/* The locale's phrases replaced as plain text, as RenderCV does (so "DEGREE in AREA" takes part in
 * connector removal like any template text). */
static char *put_phrases(vita_arena *a, const char *t, const vita_locale *loc)
{
	const char *dwa = loc && loc->degree_with_area ? loc->degree_with_area : "DEGREE in AREA";
	vita_buf b = {0};
	for (const char *p = t; *p;) {
		const char *h = strstr(p, "DEGREE_WITH_AREA");
		if (!h) {
			buf_puts(&b, p);
			break;
		}
		buf_put(&b, p, (size_t)(h - p));
		buf_puts(&b, dwa);
		p = h + 16;
	}
	char *r = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return r;
}

static bool is_name_char(char c) { return (c >= 'A' && c <= 'Z') || c == '_'; }

bool tmpl_next_field(const char *t, size_t n, size_t *from, size_t *start, size_t *end,
                     bool (*is_field)(void *, const char *, size_t), void *ctx)
{
	for (size_t i = *from; i < n; i++) {
		size_t r = i;
		while (r < n && is_name_char(t[r]))
			r++;
		for (size_t e = r; e > i; e--)
			if (is_field(ctx, t + i, e - i)) {
				*start = i, *end = e, *from = e;
				return true;
			}
	}
	*from = n;
	return false;
}

static bool schema_field(void *ctx, const char *w, size_t n)
{
	(void)ctx;
	return vita_field_by_placeholder(w, n) != NULL;
}

/* The field names glued inside a word that is not one ("בAREA", Hebrew's DEGREE_WITH_AREA): those
 * the schema knows, found by step 3's matcher, so that macro-generating backends know them too. */
static void add_glued_names(ctmpl_set *ts, const char *w, size_t n)
{
	size_t from = 0, a, b;
	while (tmpl_next_field(w, n, &from, &a, &b, schema_field, NULL))
		add_name(ts, w + a, b - a);
}

void tmpl_set_init(ctmpl_set *ts, vita_arena *a, const char *const *cols, size_t ncols, const vita_locale *loc)
{
	memset(ts, 0, sizeof *ts);
	ts->arena = a;
	ts->ncols = ncols < CTMPL_MAX_COLS ? ncols : CTMPL_MAX_COLS;
	for (size_t c = 0; c < ts->ncols; c++) {
		ts->src[c] = cols[c] ? put_phrases(a, cols[c], loc) : NULL;
		if (!ts->src[c])
			continue;
		const char *s = ts->src[c];
		size_t n = strlen(s), i = 0, ws, we;
		while (next_word(s, n, &i, &ws, &we))
			if (tmpl_is_placeholder(s + ws, we - ws))
				add_name(ts, s + ws, we - ws);
			else
				add_glued_names(ts, s + ws, we - ws);
	}
}

int tmpl_name_index(const ctmpl_set *ts, const char *w, size_t n)
{
	for (size_t i = 0; i < ts->nnames; i++)
		if (strlen(ts->names[i]) == n && memcmp(ts->names[i], w, n) == 0)
			return (int)i;
	return -1;
}

/* Whether a column shows the field: its name as a whole run of capitals and underscores, a word
 * of its own or glued to other letters ("בAREA"), where step 3 puts the field in. */
bool tmpl_mentions(const ctmpl_set *ts, const char *name)
{
	size_t n = strlen(name);
	for (size_t c = 0; c < ts->ncols; c++)
		for (const char *s = ts->src[c], *h; s && (h = strstr(s, name)); s = h + 1)
			if ((h == ts->src[c] || !is_name_char(h[-1])) && !is_name_char(h[n]))
				return true;
	return false;
}

/* ---- step 2: RenderCV's removal, on the source text ---- */

typedef struct missing_fn_ctx {
	const ctmpl_set *ts;
	uint64_t mask;
	bool (*provided)(void *ctx, const char *name, size_t n);
	void *ctx;
} missing_fn_ctx;

static bool is_missing(const missing_fn_ctx *m, const char *w, size_t n)
{
	int i = tmpl_name_index(m->ts, w, n);
	if (i >= 0 && !m->ts->overflow)
		return (m->mask >> i) & 1;
	return !m->provided(m->ctx, w, n);
}

/* Removes connector words from s[a, b): words that follow and precede whitespace inside the piece,
 * start with a letter that is not A–Z, and run to the next whitespace. */
static void strip_connectors(const char *s, size_t a, size_t b, bool *del)
{
	size_t i = a;
	while (i < b) {
		if (is_space(s[i]) || i == a || !is_space(s[i - 1])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < b && !is_space(s[j]))
			j++;
		uint32_t cp;
		cp_at(s, i, b, &cp);
		if (tmpl_is_connector_start(cp) && j < b)
			for (size_t k = i; k < j; k++)
				del[k] = true;
		i = j;
	}
}

typedef struct tok {
	size_t start, end;
	bool ph;
} tok;

/* Splits s into placeholder words and the text between them (RenderCV's re.split on \b[A-Z_]+\b). */
static size_t tokenize(const char *s, size_t n, tok **out)
{
	tok *t = xmalloc((2 * n + 2) * sizeof *t);
	size_t nt = 0, i = 0, prev = 0, ws, we;
	while (next_word(s, n, &i, &ws, &we)) {
		if (!tmpl_is_placeholder(s + ws, we - ws))
			continue;
		if (ws > prev)
			t[nt++] = (tok){prev, ws, false};
		t[nt++] = (tok){ws, we, true};
		prev = we;
	}
	if (prev < n)
		t[nt++] = (tok){prev, n, false};
	*out = t;
	return nt;
}

static void remove_connectors(const missing_fn_ctx *m, const char *s, size_t n, bool *del)
{
	tok *t;
	size_t nt = tokenize(s, n, &t);
	for (size_t i = 0; i < nt; i++) {
		if (t[i].ph)
			continue;
		const tok *prev = NULL, *next = NULL;
		for (size_t j = i; j-- > 0;)
			if (t[j].ph) {
				prev = &t[j];
				break;
			}
		for (size_t j = i + 1; j < nt; j++)
			if (t[j].ph) {
				next = &t[j];
				break;
			}
		if (prev && next &&
		    (is_missing(m, s + prev->start, prev->end - prev->start) ||
		     is_missing(m, s + next->start, next->end - next->start)))
			strip_connectors(s, t[i].start, t[i].end, del);
	}
	free(t);
}

/* Keeps the bytes not deleted, collapsing runs of two or more spaces into one. */
static void squeeze(vita_buf *out, const char *s, size_t n, const bool *del)
{
	for (size_t i = 0; i < n; i++) {
		if (del && del[i])
			continue;
		if (s[i] == ' ' && out->len && out->data[out->len - 1] == ' ')
			continue;
		buf_putc(out, s[i]);
	}
}

/* Each missing placeholder goes with the non-space characters glued to it. */
static void remove_missing(const missing_fn_ctx *m, const char *s, size_t n, bool *del)
{
	size_t i = 0, ws, we;
	while (next_word(s, n, &i, &ws, &we)) {
		if (!tmpl_is_placeholder(s + ws, we - ws) || !is_missing(m, s + ws, we - ws))
			continue;
		size_t a = ws, b = we;
		while (a > 0 && !is_space(s[a - 1]))
			a--;
		while (b < n && !is_space(s[b]))
			b++;
		for (size_t k = a; k < b; k++)
			del[k] = true;
	}
}

bool tmpl_keeps_trailing(uint32_t cp)
{
	/* RenderCV's class is ASCII: a letter of another script at a line's end goes like punctuation */
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
	       (cp > 0 && cp < 0x80 && strchr(".!?[]()*_%", (int)cp) != NULL);
}

/* RenderCV's clean_trailing_parts: per line, trailing whitespace and then every trailing character
 * that is not a letter, digit or . ! ? [ ] ( ) * _ % goes; empty lines go. */
static void clean_trailing(vita_buf *out, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\n\r");
		size_t e = n;
		for (;;) {
			while (e > 0 && is_space(s[e - 1]))
				e--;
			size_t j = e;
			while (j > 0) {
				size_t st = j - 1;
				while (st > 0 && ((unsigned char)s[st] & 0xC0) == 0x80)
					st--;
				uint32_t cp;
				cp_at(s, st, j, &cp);
				if (tmpl_keeps_trailing(cp))
					break;
				j = st;
			}
			if (j == e)
				break;
			e = j;
		}
		if (e) {
			if (out->len)
				buf_putc(out, '\n');
			buf_put(out, s, e);
		}
		s += n;
		if (*s == '\r' && s[1] == '\n')
			s++;
		if (*s)
			s++;
	}
}

static char *apply_removal(const missing_fn_ctx *m, const char *src)
{
	size_t n = strlen(src);
	bool *del = xcalloc(n + 1, 1);
	remove_connectors(m, src, n, del);
	vita_buf a = {0};
	squeeze(&a, src, n, del);
	free(del);
	const char *s = buf_str(&a);
	n = a.len;
	del = xcalloc(n + 1, 1);
	remove_missing(m, s, n, del);
	vita_buf b = {0};
	squeeze(&b, s, n, del);
	free(del);
	vita_buf c = {0};
	clean_trailing(&c, buf_str(&b));
	buf_free(&a);
	buf_free(&b);
	return buf_take(&c);
}

/* The text of column `col` after step 2 for an entry (NULL when the column has no template).
 * The result lives in the set's arena and is shared by every entry with the same missing set. */
const char *tmpl_resolve(ctmpl_set *ts, size_t col, bool (*provided)(void *, const char *, size_t), void *ctx)
{
	if (col >= ts->ncols || !ts->src[col])
		return NULL;
	missing_fn_ctx m = {ts, 0, provided, ctx};
	bool any = false;
	for (size_t i = 0; i < ts->nnames; i++)
		if (!provided(ctx, ts->names[i], strlen(ts->names[i]))) {
			m.mask |= 1ull << i;
			any = true;
		}
	if (!any && !ts->overflow)
		return ts->src[col];
	if (!ts->overflow)
		for (size_t i = 0; i < ts->ncache; i++)
			if (ts->cache[i].mask == m.mask)
				return ts->cache[i].text[col];
	if (!any) {
		/* overflow: the names past the mask decide */
		bool miss = false;
		size_t i = 0, ws, we, n = strlen(ts->src[col]);
		const char *s = ts->src[col];
		for (size_t c = 0; c < ts->ncols && !miss; c++)
			for (i = 0, s = ts->src[c], n = s ? strlen(s) : 0; s && next_word(s, n, &i, &ws, &we);)
				if (tmpl_is_placeholder(s + ws, we - ws) && !provided(ctx, s + ws, we - ws))
					miss = true;
		if (!miss)
			return ts->src[col];
	}
	struct ctmpl_cached *c = NULL;
	if (!ts->overflow && ts->ncache < CTMPL_CACHE) {
		c = &ts->cache[ts->ncache++];
		c->mask = m.mask;
		for (size_t k = 0; k < ts->ncols; k++) {
			char *r = ts->src[k] ? apply_removal(&m, ts->src[k]) : NULL;
			c->text[k] = r ? arena_strdup(ts->arena, r) : NULL;
			free(r);
		}
		return c->text[col];
	}
	char *r = apply_removal(&m, ts->src[col]);
	const char *out = arena_strdup(ts->arena, r);
	free(r);
	return out;
}

/* ---- step 3: the lines as spans, fields put in ---- */

/* The entry templates' matcher, as RenderCV's substitute_placeholders: the field names are found
 * anywhere in the text, not only as whole words (its pattern is the names joined by "|", longest
 * first, without \b), so the AREA of Hebrew's "DEGREE בAREA" is put in.  At each place the longest
 * run of capitals and underscores that is a field with a value wins; text in capitals that holds no
 * field name ("USA", "PhD") is kept as written. */
typedef struct word_ctx {
	const vita_span *(*value)(void *, const char *, size_t);
	void *ctx;
	const vita_span *found; /* the value of the name tmpl_next_field stopped at */
} word_ctx;

static bool has_value(void *ctx, const char *t, size_t n)
{
	word_ctx *w = ctx;
	w->found = w->value(w->ctx, t, n);
	return w->found != NULL;
}

static bool match_word(void *ctx, const char *t, size_t n, size_t *from, size_t *start, size_t *end,
                       const vita_span **value)
{
	if (!tmpl_next_field(t, n, from, start, end, has_value, ctx))
		return false;
	*value = ((word_ctx *)ctx)->found;
	return true;
}

static size_t diags_total(const vita_diags *d)
{
	return vita_diags_count(d, VITA_NOTE) + vita_diags_count(d, VITA_WARNING) + vita_diags_count(d, VITA_ERROR);
}

/* The template line [line, line + len) parsed into spans: from ts's cache when it was parsed
 * before (ts may be NULL).  A parse that reported something is not kept, so that each entry
 * reports it as before. */
static vita_span *parse_line(vita_arena *a, ctmpl_set *ts, const char *line, size_t len, vita_pos pos,
                             vita_diags *d)
{
	for (size_t i = 0; ts && i < ts->nparsed; i++)
		if (ts->parsed[i].line == line && ts->parsed[i].len == len)
			return ts->parsed[i].spans;
	size_t before = diags_total(d);
	vita_span *sp = vita_inline_parse(a, arena_strndup(a, line, len), pos, d);
	if (ts && ts->nparsed < CTMPL_PARSED && diags_total(d) == before)
		ts->parsed[ts->nparsed++] = (struct ctmpl_parsed){line, len, sp};
	return sp;
}

size_t tmpl_lines(vita_arena *a, ctmpl_set *ts, const char *text, const vita_span *(*value)(void *, const char *, size_t),
                  void *ctx, vita_pos pos, vita_diags *d, vita_cline **out)
{
	*out = NULL;
	if (!text || !*text)
		return 0;
	size_t cap = 1;
	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	vita_cline *lines = arena_array(a, cap, sizeof *lines);
	size_t n = 0;
	for (const char *p = text;;) {
		size_t len = strcspn(p, "\n");
		size_t s = 0, e = len;
		while (s < e && (p[s] == ' ' || p[s] == '\t'))
			s++;
		while (e > s && (p[e - 1] == ' ' || p[e - 1] == '\t' || p[e - 1] == '\r'))
			e--;
		if (e - s == 7 && memcmp(p + s, "SUMMARY", 7) == 0 && value(ctx, "SUMMARY", 7)) {
			lines[n++].kind = VITA_CLINE_SUMMARY;
		} else if (e - s == 10 && memcmp(p + s, "HIGHLIGHTS", 10) == 0 && value(ctx, "HIGHLIGHTS", 10)) {
			lines[n++].kind = VITA_CLINE_HIGHLIGHTS;
		} else if (e > s) {
			word_ctx w = {value, ctx, NULL};
			vita_span *sp = spans_substitute(a, parse_line(a, ts, p + s, e - s, pos, d), match_word, &w, true);
			if (sp) {
				lines[n].kind = VITA_CLINE_TEXT;
				lines[n++].spans = sp;
			}
		}
		if (!p[len])
			break;
		p += len + 1;
	}
	*out = lines;
	return n;
}
