/*
 * RenderCV's entry templates ("**INSTITUTION**, AREA\nSUMMARY\nHIGHLIGHTS"), expanded at the span level.
 *
 * A template line is parsed as inline Markdown first, so its emphasis becomes span structure; then
 * the placeholder words (runs of capitals and underscores) are replaced by the field's own spans,
 * which inherit the emphasis around the placeholder and are never re-parsed (a `*` in a company name
 * stays a `*`).  An empty field takes with it the punctuation attached to its placeholder ("AREA" and
 * the "," of "**INSTITUTION**," when absent), the connector words between it and its neighbour ("in"
 * of "DEGREE in AREA"), and separators left dangling at either end of the line ("– 1/2" when NAME is
 * missing from the footer); a line whose placeholders are all empty disappears.  A connector word
 * belongs to the placeholder after it: "DEGREE in AREA at INSTITUTION" without AREA is "PhD at MIT".  Working on the
 * parsed line rather than on the Markdown source means removing a field can never unbalance `**`.
 */
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"
#include "load/inline.h"

/* ---- small span helpers ---- */

vita_span *lay_text_spans(lay *L, const char *text)
{
	vita_span *head = NULL, **tail = &head;
	while (text && *text) {
		size_t n = strcspn(text, "\n");
		if (n) {
			vita_span *s = arena_alloc(L->tmp, sizeof *s);
			s->kind = VITA_SPAN_TEXT;
			s->text = arena_strndup(L->tmp, text, n);
			*tail = s;
			tail = &s->next;
		}
		text += n;
		if (*text == '\n') {
			vita_span *s = arena_alloc(L->tmp, sizeof *s);
			s->kind = VITA_SPAN_BREAK;
			*tail = s;
			tail = &s->next;
			text++;
		}
	}
	return head;
}

static vita_span *span_new(lay *L, vita_span_kind k, const char *text)
{
	vita_span *s = arena_alloc(L->tmp, sizeof *s);
	s->kind = k;
	s->text = text ? arena_strdup(L->tmp, text) : NULL;
	return s;
}

/* Appends copies of the top-level nodes of s (children are shared, never modified). */
static vita_span **span_append_copy(lay *L, vita_span **tail, const vita_span *s)
{
	for (; s; s = s->next) {
		vita_span *c = arena_alloc(L->tmp, sizeof *c);
		*c = *s;
		c->next = NULL;
		*tail = c;
		tail = &c->next;
	}
	return tail;
}

static vita_span *link_span(lay *L, const char *url, const char *text)
{
	vita_span *s = span_new(L, VITA_SPAN_LINK, NULL);
	s->url = arena_strdup(L->tmp, url);
	s->children = span_new(L, VITA_SPAN_TEXT, text);
	return s;
}

/* The URL as shown: without its scheme and a trailing slash (the link keeps the whole URL). */
static const char *url_label(lay *L, const char *url)
{
	size_t n;
	const char *s = vita_url_shown(url, &n);
	return arena_strndup(L->tmp, s, n);
}

static const vita_span *authors_spans(lay *L, const vita_entry *e)
{
	vita_span *head = NULL, **tail = &head;
	for (size_t i = 0; i < e->nauthors; i++) {
		const vita_author *a = &e->authors[i];
		if (!a->name.spans)
			continue;
		if (head) {
			*tail = span_new(L, VITA_SPAN_TEXT, ", ");
			tail = &(*tail)->next;
		}
		if (a->owner) {
			vita_span *s = span_new(L, VITA_SPAN_STRONG, NULL);
			s->children = a->name.spans;
			*tail = s;
			tail = &s->next;
		} else {
			tail = span_append_copy(L, tail, a->name.spans);
		}
		if (a->notes && *a->notes) {
			*tail = span_new(L, LAY_SPAN_SUPER, a->notes);
			tail = &(*tail)->next;
		}
	}
	return head;
}

static const vita_span *date_spans(lay *L, const vita_date *d)
{
	char *text = d->kind == VITA_DATE_NONE ? NULL : vita_date_text(L->cv, d);
	const vita_span *s = text ? lay_text_spans(L, text) : NULL;
	free(text);
	return s;
}

/* Placeholders of entries; extras are looked up by their key in capitals. */
const vita_span *tmpl_entry_field(lay *L, const char *name, const void *ctx)
{
	const vita_entry *e = ctx;
	static const vita_span highlights_marker = {.kind = VITA_SPAN_TEXT, .text = ""};
	struct {
		const char *name;
		const vita_text *t;
	} texts[] = {
	    {"INSTITUTION", &e->institution}, {"AREA", &e->area},       {"DEGREE", &e->degree},
	    {"COMPANY", &e->company},         {"POSITION", &e->position}, {"NAME", &e->name},
	    {"TITLE", &e->title},             {"AWARDER", &e->awarder}, {"JOURNAL", &e->journal},
	    {"LOCATION", &e->location},       {"SUMMARY", &e->summary}, {"LABEL", &e->label},
	    {"DETAILS", &e->details},         {"TEXT", &e->text},
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (strcmp(name, texts[i].name) == 0)
			return texts[i].t->spans;
	if (strcmp(name, "DATE") == 0) {
		char *text = vita_dates_text(L->cv, e);
		const vita_span *s = text ? lay_text_spans(L, text) : NULL;
		free(text);
		return s;
	}
	if (strcmp(name, "START_DATE") == 0)
		return date_spans(L, &e->start_date);
	if (strcmp(name, "END_DATE") == 0)
		return date_spans(L, &e->end_date);
	if (strcmp(name, "AUTHORS") == 0)
		return authors_spans(L, e);
	if (strcmp(name, "HIGHLIGHTS") == 0)
		return e->nhighlights ? &highlights_marker : NULL;
	if (strcmp(name, "DOI") == 0 || strcmp(name, "URL") == 0) {
		if (e->doi) {
			const char *url = arena_printf(L->tmp, "https://doi.org/%s", e->doi);
			return link_span(L, url, e->doi);
		}
		if (name[0] == 'U' && e->url)
			return link_span(L, e->url, url_label(L, e->url));
		return NULL;
	}
	for (size_t i = 0; i < e->nextras; i++) {
		const char *k = e->extras[i].key;
		size_t j = 0;
		for (; k[j] && name[j]; j++) {
			char c = k[j] >= 'a' && k[j] <= 'z' ? (char)(k[j] - 32) : k[j];
			if (c != name[j])
				break;
		}
		if (!k[j] && !name[j])
			return e->extras[i].value.spans;
	}
	return NULL;
}

/* ---- expansion ---- */

typedef struct trun {
	const char *text;
	size_t len;
	bool strong, emph, code;
	const char *link;
} trun;

typedef struct runs {
	trun *v;
	size_t n, cap;
} runs;

static void flatten(const vita_span *s, trun ctx, runs *r)
{
	for (; s; s = s->next) {
		trun t = ctx;
		switch ((int)s->kind) {
		case VITA_SPAN_STRONG: t.strong = true; flatten(s->children, t, r); continue;
		case VITA_SPAN_EMPH: t.emph = true; flatten(s->children, t, r); continue;
		case VITA_SPAN_LINK: t.link = s->url; flatten(s->children, t, r); continue;
		case VITA_SPAN_CODE: t.code = true; break;
		case VITA_SPAN_BREAK: t.text = " "; t.len = 1; break;
		default: break;
		}
		if (s->text) {
			t.text = s->text;
			t.len = strlen(s->text);
		}
		if (!t.text)
			continue;
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 8;
			r->v = xrealloc(r->v, r->cap * sizeof *r->v);
		}
		r->v[r->n++] = t;
	}
}

/* A cell of the line being cleaned: one byte of the template, or a whole placeholder. */
typedef struct cell {
	int run;
	int ph;      /* placeholder index, or -1 for a byte */
	char byte;
} cell;

typedef struct ph {
	size_t start, len;
	const vita_span *content;
} ph;

static bool is_ph_char(char c) { return (c >= 'A' && c <= 'Z') || c == '_'; }
static bool is_word_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	       (unsigned char)c >= 0x80;
}

/* Separators that mean nothing once the thing they separate is gone. */
static bool is_dangling(uint32_t cp)
{
	static const uint32_t set[] = {',', ';', ':', '-', '|', '/', '&', '+', 0x00B7, 0x2022, 0x2013, 0x2014, 0x2212};
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (cp == set[i])
			return true;
	return false;
}

/* Decodes the code point formed by byte cells [i, i+k) if they are all bytes; returns k or 0. */
static size_t cell_cp(const cell *c, size_t n, size_t i, uint32_t *cp)
{
	char tmp[4];
	size_t k = 0;
	for (; k < 4 && i + k < n && c[i + k].ph < 0; k++)
		tmp[k] = c[i + k].byte;
	if (!k)
		return 0;
	return utf8_decode(tmp, k, cp);
}

static void trim_edges(cell *c, size_t *n, size_t *start)
{
	bool changed = true;
	while (changed) {
		changed = false;
		while (*start < *n && c[*start].ph < 0 && c[*start].byte == ' ') {
			(*start)++;
			changed = true;
		}
		while (*n > *start && c[*n - 1].ph < 0 && c[*n - 1].byte == ' ') {
			(*n)--;
			changed = true;
		}
		uint32_t cp;
		size_t k = cell_cp(c, *n, *start, &cp);
		if (k && is_dangling(cp)) {
			*start += k;
			changed = true;
		}
		/* the last code point: walk back to its lead byte */
		size_t j = *n;
		while (j > *start && c[j - 1].ph < 0 && ((unsigned char)c[j - 1].byte & 0xC0) == 0x80)
			j--;
		if (j > *start && c[j - 1].ph < 0) {
			k = cell_cp(c, *n, j - 1, &cp);
			if (k && j - 1 + k == *n && is_dangling(cp)) {
				*n = j - 1;
				changed = true;
			}
		}
	}
}

static tline *expand_line(lay *L, const char *line, size_t len, tfield_fn field, const void *ctx,
                          vita_pos pos)
{
	char *src = arena_strndup(L->tmp, line, len);
	/* standalone blocks */
	size_t a = 0, b = len;
	while (a < b && (src[a] == ' ' || src[a] == '\t'))
		a++;
	while (b > a && (src[b - 1] == ' ' || src[b - 1] == '\t' || src[b - 1] == '\r'))
		b--;
	if (b - a == 7 && memcmp(src + a, "SUMMARY", 7) == 0) {
		if (!field(L, "SUMMARY", ctx))
			return NULL;
		tline *t = arena_alloc(L->tmp, sizeof *t);
		t->kind = TL_SUMMARY;
		return t;
	}
	if (b - a == 10 && memcmp(src + a, "HIGHLIGHTS", 10) == 0) {
		if (!field(L, "HIGHLIGHTS", ctx))
			return NULL;
		tline *t = arena_alloc(L->tmp, sizeof *t);
		t->kind = TL_HIGHLIGHTS;
		return t;
	}
	if (a == b)
		return NULL;

	runs r = {0};
	trun base = {0};
	flatten(vita_inline_parse(L->tmp, src, pos, L->d), base, &r);
	size_t total = 0;
	for (size_t i = 0; i < r.n; i++)
		total += r.v[i].len;
	char *flat = xmalloc(total + 1);
	int *owner = xmalloc((total + 1) * sizeof *owner);
	size_t o = 0;
	for (size_t i = 0; i < r.n; i++) {
		memcpy(flat + o, r.v[i].text, r.v[i].len);
		for (size_t k = 0; k < r.v[i].len; k++)
			owner[o + k] = (int)i;
		o += r.v[i].len;
	}
	flat[total] = 0;

	/* placeholders */
	ph *phs = xmalloc((total / 2 + 1) * sizeof *phs);
	size_t nph = 0, nempty = 0;
	for (size_t i = 0; i < total;) {
		if (is_ph_char(flat[i]) && (i == 0 || !is_word_char(flat[i - 1]))) {
			size_t j = i;
			while (j < total && is_ph_char(flat[j]))
				j++;
			bool letters = false;
			for (size_t k = i; k < j; k++)
				letters |= flat[k] != '_';
			if (j - i >= 2 && letters && (j == total || !is_word_char(flat[j]))) {
				char *name = xstrndup(flat + i, j - i);
				phs[nph] = (ph){i, j - i, field(L, name, ctx)};
				nempty += phs[nph].content == NULL;
				nph++;
				free(name);
			}
			i = j;
			continue;
		}
		i++;
	}

	tline *t = NULL;
	if (nph && nempty == nph)
		goto done;

	/* what goes: empty placeholders with the characters glued to them, and connector words
	 * between two placeholders of which one is empty */
	bool *del = xcalloc(total + 1, sizeof *del);
	int *phat = xmalloc((total + 1) * sizeof *phat);
	for (size_t i = 0; i < total; i++)
		phat[i] = -1;
	for (size_t p = 0; p < nph; p++)
		for (size_t k = 0; k < phs[p].len; k++)
			phat[phs[p].start + k] = (int)p;
	bool deleted = false;
	for (size_t p = 0; p < nph; p++) {
		if (phs[p].content)
			continue;
		size_t s = phs[p].start, e = s + phs[p].len;
		while (s > 0 && flat[s - 1] != ' ')
			s--;
		while (e < total && flat[e] != ' ')
			e++;
		for (size_t k = s; k < e; k++)
			del[k] = true;
		deleted = true;
	}
	for (size_t i = 0; i < total;) {
		if (flat[i] == ' ') {
			i++;
			continue;
		}
		size_t j = i;
		bool has_ph = false;
		while (j < total && flat[j] != ' ')
			has_ph |= phat[j++] >= 0;
		bool lower_start = !(flat[i] >= 'A' && flat[i] <= 'Z') && is_word_char(flat[i]) &&
		                   !(flat[i] >= '0' && flat[i] <= '9') && flat[i] != '_';
		if (!has_ph && lower_start && i > 0 && j < total) {
			/* a connector belongs to the placeholder after it ("in AREA", "at COMPANY") and
			 * needs something shown before it */
			bool any_before = false, shown_before = false;
			int after = -1;
			for (size_t k = 0; k < i; k++)
				if (phat[k] >= 0) {
					any_before = true;
					shown_before |= phs[phat[k]].content != NULL;
				}
			for (size_t k = j; k < total; k++)
				if (phat[k] >= 0) {
					after = phat[k];
					break;
				}
			if (any_before && after >= 0 && (!phs[after].content || !shown_before)) {
				for (size_t k = i; k < j; k++)
					del[k] = true;
				deleted = true;
			}
		}
		i = j;
	}

	/* cells, with runs of spaces collapsed */
	cell *c = xmalloc((total + 1) * sizeof *c);
	size_t n = 0;
	for (size_t i = 0; i < total;) {
		if (del[i]) {
			i++;
			continue;
		}
		if (phat[i] >= 0) {
			int p = phat[i];
			c[n++] = (cell){owner[i], p, 0};
			i += phs[p].len;
			continue;
		}
		if (flat[i] == ' ' && n && c[n - 1].ph < 0 && c[n - 1].byte == ' ') {
			i++;
			continue;
		}
		c[n++] = (cell){owner[i], -1, flat[i]};
		i++;
	}
	size_t start = 0;
	if (deleted)
		trim_edges(c, &n, &start);
	if (start < n) {
		t = arena_alloc(L->tmp, sizeof *t);
		t->kind = TL_TEXT;
		tpiece **tail = &t->pieces;
		for (size_t i = start; i < n;) {
			const trun *ru = &r.v[c[i].run];
			tpiece *pc = arena_alloc(L->tmp, sizeof *pc);
			pc->strong = ru->strong;
			pc->emph = ru->emph;
			pc->code = ru->code;
			pc->link = ru->link;
			if (c[i].ph >= 0) {
				pc->spans = phs[c[i].ph].content;
				i++;
			} else {
				size_t j = i;
				while (j < n && c[j].ph < 0 && c[j].run == c[i].run)
					j++;
				char *txt = arena_alloc(L->tmp, j - i + 1);
				for (size_t k = i; k < j; k++)
					txt[k - i] = c[k].byte;
				pc->text = txt;
				i = j;
			}
			*tail = pc;
			tail = &pc->next;
		}
	}
	free(c);
	free(del);
	free(phat);
done:
	free(phs);
	free(flat);
	free(owner);
	free(r.v);
	return t;
}

/* Replaces every occurrence of word `from` (delimited by non-word characters) with `to`. */
static const char *replace_word(lay *L, const char *s, const char *from, const char *to)
{
	size_t fl = strlen(from);
	const char *hit = strstr(s, from);
	if (!hit || !to)
		return s;
	vita_buf b = {0};
	const char *p = s;
	while ((hit = strstr(p, from))) {
		bool ok = (hit == s || !is_word_char(hit[-1])) && !is_word_char(hit[fl]);
		buf_put(&b, p, (size_t)(hit - p));
		buf_puts(&b, ok ? to : from);
		p = hit + fl;
	}
	buf_puts(&b, p);
	char *r = arena_strdup(L->tmp, buf_str(&b));
	buf_free(&b);
	return r;
}

tline *tmpl_expand(lay *L, const char *tmpl, tfield_fn field, const void *ctx, vita_pos pos)
{
	if (!tmpl)
		return NULL;
	/* locale phrases are templates themselves (RenderCV: "DEGREE in AREA", "AREA DEGREE") */
	tmpl = replace_word(L, tmpl, "DEGREE_WITH_AREA", L->cv->locale.degree_with_area);
	tline *head = NULL, **tail = &head;
	const char *p = tmpl;
	for (;;) {
		size_t n = strcspn(p, "\n");
		tline *t = expand_line(L, p, n, field, ctx, pos);
		if (t) {
			*tail = t;
			tail = &t->next;
		}
		if (!p[n])
			break;
		p += n + 1;
	}
	return head;
}

static bool tmpl_mentions(const char *const *tmpls, size_t n, const char *word)
{
	size_t wl = strlen(word);
	for (size_t i = 0; i < n; i++) {
		for (const char *h = tmpls[i] ? strstr(tmpls[i], word) : NULL; h; h = strstr(h + 1, word))
			if ((h == tmpls[i] || !is_word_char(h[-1])) && !is_word_char(h[wl]))
				return true;
	}
	return false;
}

void tmpl_check_fields(lay *L, const vita_entry *e, const char *const *tmpls, size_t n)
{
	struct {
		const char *ph, *alt, *key;
		bool present;
		vita_pos pos;
	} f[] = {
	    {"INSTITUTION", NULL, "institution", e->institution.spans != NULL, e->institution.pos},
	    {"AREA", "DEGREE_WITH_AREA", "area", e->area.spans != NULL, e->area.pos},
	    {"DEGREE", "DEGREE_WITH_AREA", "degree", e->degree.spans != NULL, e->degree.pos},
	    {"COMPANY", NULL, "company", e->company.spans != NULL, e->company.pos},
	    {"POSITION", NULL, "position", e->position.spans != NULL, e->position.pos},
	    {"NAME", NULL, "name", e->name.spans != NULL, e->name.pos},
	    {"TITLE", NULL, "title", e->title.spans != NULL, e->title.pos},
	    {"AWARDER", NULL, "awarder", e->awarder.spans != NULL, e->awarder.pos},
	    {"JOURNAL", NULL, "journal", e->journal.spans != NULL, e->journal.pos},
	    {"LOCATION", NULL, "location", e->location.spans != NULL, e->location.pos},
	    {"SUMMARY", NULL, "summary", e->summary.spans != NULL, e->summary.pos},
	    {"HIGHLIGHTS", NULL, "highlights", e->nhighlights > 0, e->pos},
	    {"AUTHORS", NULL, "authors", e->nauthors > 0, e->pos},
	    {"DOI", "URL", "doi", e->doi != NULL, e->doi_pos},
	    /* a URL is shown by the URL placeholder only (DOI shows the DOI); with a DOI as well, the
	     * DOI is linked instead, RenderCV's rule */
	    {"URL", NULL, "url", e->url != NULL, e->url_pos},
	    {"DATE", "START_DATE", "date", e->date.kind || e->start_date.kind || e->end_date.kind, e->pos},
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (!f[i].present || tmpl_mentions(tmpls, n, f[i].ph) ||
		    (f[i].alt && tmpl_mentions(tmpls, n, f[i].alt)))
			continue;
		vita_diag(L->d, VITA_WARNING, f[i].pos.line ? f[i].pos : e->pos,
		          "this %s entry's `%s` is not shown: the style's %s templates have no %s placeholder",
		          vita_entry_kind_name(e->kind), f[i].key, vita_entry_kind_name(e->kind), f[i].ph);
	}
	/* With both, the URL placeholder links the DOI: say so rather than lose the url quietly. */
	if (e->doi && e->url && !tmpl_mentions(tmpls, n, "DOI") && tmpl_mentions(tmpls, n, "URL"))
		vita_diag(L->d, VITA_WARNING, e->url_pos.line ? e->url_pos : e->pos,
		          "this %s entry's `url` is not shown: with a `doi`, the URL placeholder links the DOI "
		          "(RenderCV's rule); put the link in `summary` to show both",
		          vita_entry_kind_name(e->kind));
}

void tmpl_add_line(lay *L, para *p, const tline *t, const text_attr *a, vita_pos pos)
{
	for (const tpiece *pc = t->pieces; pc; pc = pc->next) {
		text_attr x = *a;
		x.bold |= pc->strong;
		x.italic |= pc->emph;
		if (pc->code) {
			x.mono = true;
			if (L->st->mono_family)
				x.family = L->st->mono_family;
		}
		if (pc->link) {
			x.link = pc->link;
			x.color = L->st->link_color;
			x.underline = L->st->link_underline;
		}
		if (pc->text)
			para_add(p, pc->text, strlen(pc->text), &x, pos);
		else
			lay_add_spans(L, p, pc->spans, &x, pos);
	}
}
