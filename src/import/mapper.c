/*
 * Blocks (blocks.h) → sections and entries, for the homepage and CV-text readers.
 *
 * A heading opens a section; a sub-heading right under a heading with nothing yet is folded into
 * it (its words are listed as not imported).  The title decides the kind: education, experience,
 * publications, awards, news; anything else is paragraphs (text) or bullets.  Items are split by
 * their shape — a date or range anywhere in the item ("*2022.09 - Now*", "Aug. 2021 - July 2025",
 * ", 2020"), "Position @ **Company**", "Position at Company", a `code span` for the degree or
 * position, "Degree in Area, Institution", and for publications a venue tag, the authors, a quoted
 * or italic title and the links.  When one item of a section cannot be split, the whole section is
 * kept as bullets, so no section mixes kinds and no word is dropped.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/blocks.h"

void blocks_add(iblocks *bl, iblock_kind k, int level, const char *text, size_t len, vita_pos pos)
{
	if (bl->n == bl->cap) {
		bl->cap = bl->cap ? 2 * bl->cap : 16;
		bl->b = xrealloc(bl->b, bl->cap * sizeof *bl->b);
	}
	bl->b[bl->n++] = (iblock){k, level, xstrndup(text, len), pos};
}

void blocks_free(iblocks *bl)
{
	for (size_t i = 0; i < bl->n; i++)
		free(bl->b[i].text);
	free(bl->b);
}

/* ---- small string helpers (malloc'd results) ---- */

static char *trim_dup(const char *s, size_t n, const char *chars)
{
	while (n && strchr(chars, *s))
		s++, n--;
	while (n && strchr(chars, s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static bool contains_ci(const char *s, const char *w)
{
	for (size_t n = strlen(w); *s; s++)
		if (strncasecmp(s, w, n) == 0)
			return true;
	return false;
}

/* ---- dates inside an item ---- */

/* Finds the longest date or range in s; sets [*a, *b) and the entry's dates.  false if none. */
static bool find_dates(const char *s, size_t *a, size_t *b, vita_entry *e, vita_pos pos)
{
	size_t n = strlen(s), best = 0;
	vita_entry tmp;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ']' && s[i + 1] == '(') { /* a link's target is no date: ".../art/2025/x.html" */
			const char *close = strchr(s + i, ')');
			if (close) {
				i = (size_t)(close - s);
				continue;
			}
		}
		if (i && isalnum((unsigned char)s[i - 1]))
			continue;
		if (!isdigit((unsigned char)s[i]) && !isupper((unsigned char)s[i]))
			continue;
		for (size_t j = n - i > 40 ? i + 40 : n; j > i + 3; j--) { /* a date is short */
			if (j - i <= best || (j < n && isalnum((unsigned char)s[j])))
				continue;
			memset(&tmp, 0, sizeof tmp);
			if (imp_parse_range(s + i, j - i, &tmp, pos)) {
				best = j - i;
				*a = i;
				*b = j;
				e->date = tmp.date;
				e->start_date = tmp.start_date;
				e->end_date = tmp.end_date;
				break;
			}
		}
	}
	return best > 0;
}

/* s without the date at [a, b) and the punctuation around it: *before and *after, trimmed. */
static void cut_dates(const char *s, size_t a, size_t b, char **before, char **after)
{
	while (a && strchr("( ", s[a - 1]))
		a--;
	if (a && s[a - 1] == '*' && (a < 2 || s[a - 2] != '*')) /* "*2022.09 - Now*", not "**" */
		a--;
	size_t n = strlen(s);
	while (b < n && strchr(") ", s[b]))
		b++;
	if (b < n && s[b] == '*' && s[b + 1] != '*')
		b++;
	*before = trim_dup(s, a, " ,;:-\t");
	*after = trim_dup(s + b, n - b, " ,;:.-\t");
}

/* ---- splitting at top-level commas (not inside [...] or (...)) ---- */

static size_t split_commas(const char *s, char **out, size_t max)
{
	size_t n = 0;
	int depth = 0;
	const char *start = s;
	for (const char *p = s;; p++) {
		if (*p == '[' || *p == '(')
			depth++;
		else if ((*p == ']' || *p == ')') && depth)
			depth--;
		if (*p == 0 || (*p == ',' && depth == 0)) {
			if (n < max)
				out[n++] = trim_dup(start, (size_t)(p - start), " \t.");
			if (!*p)
				break;
			start = p + 1;
		}
	}
	return n;
}

static void free_parts(char **p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i]);
}

/* The text of the first `code span`, removed from s (in place); NULL if none. */
static char *take_code(char *s)
{
	char *a = strchr(s, '`');
	char *b = a ? strchr(a + 1, '`') : NULL;
	if (!b)
		return NULL;
	char *code = xstrndup(a + 1, (size_t)(b - a - 1));
	memmove(a, b + 1, strlen(b + 1) + 1);
	return code;
}

/* ---- the kinds ---- */

/* The first line of an item and the rest (lines after "\n"). */
static char *first_line(const char *t, const char **rest)
{
	const char *nl = strchr(t, '\n');
	*rest = nl ? nl + 1 : "";
	return xstrndup(t, nl ? (size_t)(nl - t) : strlen(t));
}

static void add_rest_lines(imp *m, vita_entry *e, const char *rest, vita_pos pos)
{
	while (*rest) {
		const char *nl = strchr(rest, '\n');
		size_t n = nl ? (size_t)(nl - rest) : strlen(rest);
		char *line = trim_dup(rest, n, " \t");
		vita_entry d = {0};
		size_t a, b;
		if (*line && e->date.kind == VITA_DATE_NONE && e->start_date.kind == VITA_DATE_NONE &&
		    find_dates(line, &a, &b, &d, pos) && b - a + 2 >= strlen(line)) {
			e->date = d.date;
			e->start_date = d.start_date;
			e->end_date = d.end_date;
		} else if (*line)
			imp_highlight(m, e, line, pos);
		free(line);
		rest += n + (nl ? 1 : 0);
	}
}

static void subs_as_highlights(imp *m, vita_entry *e, const item *it, size_t from)
{
	for (size_t i = from; i < it->nsubs; i++)
		imp_highlight(m, e, it->subs[i]->text, it->subs[i]->pos);
}

/* "Ph.D. in Computer Science" → degree, area (malloc'd). */
static void degree_area(const char *s, char **degree, char **area)
{
	const char *in = strstr(s, " in ");
	if (in) {
		*degree = trim_dup(s, (size_t)(in - s), " ,");
		*area = trim_dup(in + 4, strlen(in + 4), " ,.");
	} else {
		*degree = trim_dup(s, strlen(s), " ,.");
		*area = NULL;
	}
}

/* "Institution" with "Degree in Area. Dates" as its first sub-item (a PDF CV): the degree, area
 * and dates from the sub-item; false if it has no date. */
static bool degree_from_sub(imp *m, vita_entry *e, const iblock *sub, char **deg, char **area)
{
	vita_entry d = {0};
	size_t a, b;
	char *t = xstrdup(sub->text), *before = NULL, *after = NULL;
	bool ok = find_dates(t, &a, &b, &d, sub->pos);
	if (ok) {
		cut_dates(t, a, b, &before, &after);
		degree_area(before, deg, area);
		e->date = d.date, e->start_date = d.start_date, e->end_date = d.end_date;
		if (*after)
			imp_highlight(m, e, after, sub->pos);
	}
	free(t), free(before), free(after);
	return ok;
}

static bool education(imp *m, vita_entry *e, const item *it)
{
	const char *rest;
	char *line = first_line(it->blk->text, &rest);
	size_t a, b, from = 0;
	char *before = NULL, *after = NULL;
	if (find_dates(line, &a, &b, e, it->blk->pos))
		cut_dates(line, a, b, &before, &after);
	else
		before = xstrdup(line), after = xstrdup("");
	if (!*before) { /* "*2022.09 - Now*, Institution `Degree`": the date came first */
		char *t = before;
		before = after, after = t;
	}
	char *code = take_code(before), *deg = NULL, *area = NULL, *inst = NULL;
	char *parts[8];
	size_t np = split_commas(before, parts, 8);
	if (it->nsubs && e->date.kind == VITA_DATE_NONE && e->start_date.kind == VITA_DATE_NONE &&
	    degree_from_sub(m, e, it->subs[0], &deg, &area)) {
		inst = xstrdup(before);
		from = 1;
	}
	if (!inst && code) {
		degree_area(code, &deg, &area);
		inst = trim_dup(before, strlen(before), " ,.");
	} else if (!inst && np >= 2) {
		degree_area(parts[0], &deg, &area);
		inst = xstrdup(parts[np - 1]);
		if (!area && np >= 3)
			area = xstrdup(parts[1]);
	}
	bool ok = inst && *inst && deg;
	if (ok) {
		e->institution = imp_text(m, inst, it->blk->pos);
		e->area = imp_text(m, area ? area : deg, it->blk->pos);
		e->degree = area ? imp_text(m, deg, it->blk->pos) : e->degree;
		if (after && *after)
			imp_highlight(m, e, after, it->blk->pos);
		for (size_t i = 1; !code && i + 1 < np; i++)
			if (i != 1 || strcmp(parts[1], area ? area : "") != 0)
				imp_highlight(m, e, parts[i], it->blk->pos);
		add_rest_lines(m, e, rest, it->blk->pos);
		subs_as_highlights(m, e, it, from);
	}
	free_parts(parts, np);
	free(line), free(before), free(after), free(code), free(deg), free(area), free(inst);
	return ok;
}

/* "Position @ **Company**", "Position at Company", "Company `Position`". */
static bool experience(imp *m, vita_entry *e, const item *it)
{
	const char *rest;
	char *line = first_line(it->blk->text, &rest);
	size_t a, b;
	char *before = NULL, *after = NULL;
	if (!find_dates(line, &a, &b, e, it->blk->pos)) {
		free(line);
		return false;
	}
	cut_dates(line, a, b, &before, &after);
	if (!*before) {
		char *t = before;
		before = after, after = t;
	}
	char *code = take_code(before), *pos = NULL, *comp = NULL;
	char *body = trim_dup(before, strlen(before), " ,.");
	size_t bl = strlen(body);
	if (bl > 4 && !code && !strncmp(body, "**", 2) && strstr(body + 2, "**") == body + bl - 2) {
		memmove(body, body + 2, bl - 1); /* "**Intern at AWS**" */
		body[bl - 4] = 0;
	}
	char *sep = strstr(body, " @ ");
	size_t sl = 3;
	if (!sep)
		sep = strstr(body, " at "), sl = 4;
	if (code) {
		pos = code, code = NULL;
		comp = xstrdup(body);
	} else if (sep) {
		pos = trim_dup(body, (size_t)(sep - body), " ,");
		comp = trim_dup(sep + sl, strlen(sep + sl), " ,*");
	}
	bool ok = pos && comp && *pos && *comp;
	if (ok) {
		e->position = imp_text(m, pos, it->blk->pos);
		e->company = imp_text(m, comp, it->blk->pos);
		if (*after)
			e->location = imp_text(m, after, it->blk->pos);
		add_rest_lines(m, e, rest, it->blk->pos);
		subs_as_highlights(m, e, it, 0);
	}
	free(line), free(before), free(after), free(code), free(pos), free(comp), free(body);
	return ok;
}

/* "Title, 2020", "[Title](url), Awarder, 2025: why" — an award needs a date. */
static bool award(imp *m, vita_entry *e, const item *it)
{
	const char *rest;
	char *line = first_line(it->blk->text, &rest);
	size_t a, b;
	char *before = NULL, *after = NULL;
	bool ok = find_dates(line, &a, &b, e, it->blk->pos);
	if (ok) {
		cut_dates(line, a, b, &before, &after);
		char *parts[4];
		size_t np = split_commas(before, parts, 4);
		ok = np >= 1 && *parts[0];
		if (ok) {
			e->title = imp_text(m, parts[0], it->blk->pos);
			if (np >= 2) {
				vita_buf aw = {0};
				for (size_t i = 1; i < np; i++)
					buf_printf(&aw, "%s%s", i > 1 ? ", " : "", parts[i]);
				e->awarder = imp_text(m, aw.data, it->blk->pos);
				buf_free(&aw);
			}
			if (*after)
				e->summary = imp_text(m, after, it->blk->pos);
			add_rest_lines(m, e, rest, it->blk->pos);
		}
		free_parts(parts, np);
	}
	free(line), free(before), free(after);
	return ok;
}

static bool dated(imp *m, vita_entry *e, const item *it);

/* "[01/11/24] text" or "*2024.01* text": a dated news item (free-text date). */
static bool news(imp *m, vita_entry *e, const item *it)
{
	const char *t = it->blk->text;
	const char *close = *t == '[' ? strchr(t, ']') : NULL;
	if (!close || close - t > 24 || close[1] == '(')
		return dated(m, e, it); /* "*2024.05*: text" */
	char *d = arena_strndup(m->L.a, t + 1, (size_t)(close - t - 1));
	const char *why = parse_exact_date(d, &e->date); /* as the loader will read it back */
	if (why && *why)
		return dated(m, e, it);
	if (why && strcasecmp(d, "present") == 0)
		e->date = (vita_date){.kind = VITA_DATE_PRESENT};
	else if (why)
		e->date = (vita_date){.kind = VITA_DATE_TEXT, .text = d};
	e->date.pos = it->blk->pos;
	e->name = imp_text(m, close + 1, it->blk->pos);
	return e->name.md && *e->name.md;
}

/* "*2024.12 - Now*, Name, rest", or "Name" with "Where, 2024" on the next line — a dated normal
 * entry. */
static bool dated(imp *m, vita_entry *e, const item *it)
{
	const char *rest;
	char *line = first_line(it->blk->text, &rest);
	size_t a, b;
	char *before = NULL, *after = NULL;
	bool ok = find_dates(line, &a, &b, e, it->blk->pos);
	if (ok) {
		cut_dates(line, a, b, &before, &after);
		const char *name = *before ? before : after;
		ok = *name;
		e->name = imp_text(m, name, it->blk->pos);
		if (*before && *after)
			e->summary = imp_text(m, after, it->blk->pos);
		add_rest_lines(m, e, rest, it->blk->pos);
	} else if (*rest && !strchr(rest, '\n')) {
		char *r = xstrdup(rest);
		if ((ok = find_dates(r, &a, &b, e, it->blk->pos))) {
			cut_dates(r, a, b, &before, &after);
			e->name = imp_text(m, line, it->blk->pos);
			vita_buf sum = {0};
			buf_printf(&sum, "%s%s%s", before, *before && *after ? ", " : "", after);
			if (sum.len)
				e->summary = imp_text(m, sum.data, it->blk->pos);
			buf_free(&sum);
		}
		free(r);
	}
	if (ok)
		subs_as_highlights(m, e, it, 0);
	free(line), free(before), free(after);
	return ok;
}

typedef bool (*item_fn)(imp *m, vita_entry *e, const item *it);

static const struct {
	const char *word;
	vita_entry_kind kind;
	item_fn fn;
} kinds[] = {
    {"education", VITA_ENTRY_EDUCATION, education},   {"experience", VITA_ENTRY_EXPERIENCE, experience},
    {"employment", VITA_ENTRY_EXPERIENCE, experience}, {"position", VITA_ENTRY_EXPERIENCE, experience},
    {"intern", VITA_ENTRY_EXPERIENCE, experience},     {"work", VITA_ENTRY_EXPERIENCE, experience},
    {"publication", VITA_ENTRY_PUBLICATION, imp_publication}, {"paper", VITA_ENTRY_PUBLICATION, imp_publication},
    {"preprint", VITA_ENTRY_PUBLICATION, imp_publication}, {"conference", VITA_ENTRY_PUBLICATION, imp_publication},
    {"journal", VITA_ENTRY_PUBLICATION, imp_publication}, {"award", VITA_ENTRY_AWARD, award},
    {"honor", VITA_ENTRY_AWARD, award},                {"news", VITA_ENTRY_NORMAL, news},
    {"project", VITA_ENTRY_NORMAL, dated},             {"talk", VITA_ENTRY_NORMAL, dated},
};

/* ---- sections ---- */

typedef struct group {
	const char *title;
	vita_pos pos;
	int level;
	size_t from, to; /* blocks [from, to) */
} group;

static size_t collect_items(const iblocks *bl, const group *g, item *items, const iblock **subs)
{
	size_t n = 0, ns = 0;
	for (size_t i = g->from; i < g->to; i++) {
		const iblock *b = &bl->b[i];
		if ((b->kind == B_ITEM && b->level == 0) || b->kind == B_PARA) {
			items[n] = (item){b, subs + ns, 0};
			n++;
		} else if (b->kind == B_ITEM && n) {
			subs[ns++] = b;
			items[n - 1].nsubs++;
		}
	}
	return n;
}

static void as_plain(imp *m, const iblocks *bl, const group *g, bool has_paras, bool has_items)
{
	vita_section *s = imp_section(m, g->title, g->pos,
	                              has_paras || !has_items ? VITA_ENTRY_TEXT : VITA_ENTRY_BULLET);
	for (size_t i = g->from; i < g->to; i++) {
		const iblock *b = &bl->b[i];
		if (b->kind == B_HEADING)
			continue;
		vita_entry *e = imp_entry(m, s, b->pos);
		char *t = xstrdup(b->text);
		for (char *p = t; *p; p++)
			if (*p == '\n')
				*p = ' ';
		e->text = imp_text(m, t, b->pos);
		free(t);
	}
}

static void map_group(imp *m, const iblocks *bl, const group *g)
{
	bool has_paras = false, has_items = false;
	for (size_t i = g->from; i < g->to; i++)
		has_paras |= bl->b[i].kind == B_PARA, has_items |= bl->b[i].kind == B_ITEM;
	if (!has_paras && !has_items) {
		imp_unmapped_add(m, g->pos, g->title, strlen(g->title)); /* an empty section */
		return;
	}
	size_t k = 0;
	while (k < sizeof kinds / sizeof *kinds && !contains_ci(g->title, kinds[k].word))
		k++;
	if (k < sizeof kinds / sizeof *kinds && kinds[k].fn == news)
		has_paras = false, has_items = true; /* "[01/11/24] …" paragraphs are the items */
	/* A lead-in paragraph (a legend) before the items stays as its own text section. */
	group items_g = *g;
	if (k < sizeof kinds / sizeof *kinds && has_paras && has_items && bl->b[g->from].kind == B_PARA) {
		group lead = *g;
		lead.to = g->from;
		while (lead.to < g->to && bl->b[lead.to].kind == B_PARA)
			lead.to++;
		bool rest_items = true;
		for (size_t i = lead.to; i < g->to; i++)
			rest_items &= bl->b[i].kind == B_ITEM;
		if (rest_items) {
			as_plain(m, bl, &lead, true, false);
			items_g.from = lead.to;
			items_g.title = arena_printf(m->L.a, "%s (list)", g->title);
			has_paras = false;
		}
	}
	if (k == sizeof kinds / sizeof *kinds || has_paras) {
		as_plain(m, bl, g, has_paras, has_items);
		return;
	}
	size_t nb = items_g.to - items_g.from;
	item *items = xcalloc(nb ? nb : 1, sizeof *items);
	const iblock **subs = xcalloc(nb ? nb : 1, sizeof *subs);
	size_t n = collect_items(bl, &items_g, items, subs);
	/* Try the kind on every item in a scratch section; all must split, else bullets. */
	vita_section scratch = {0};
	scratch.kind = kinds[k].kind;
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++) {
		vita_entry *e = imp_entry(m, &scratch, items[i].blk->pos);
		ok = kinds[k].fn(m, e, &items[i]);
	}
	if (ok && n) {
		vita_section *s = imp_section(m, items_g.title, g->pos, kinds[k].kind);
		s->entries = scratch.entries;
		s->nentries = scratch.nentries;
	} else
		as_plain(m, bl, &items_g, false, true);
	free(items);
	free(subs);
}

void imp_map_blocks(imp *m, const iblocks *bl, const char *intro)
{
	group g = {intro, bl->n ? bl->b[0].pos : (vita_pos){0}, 0, 0, 0};
	for (size_t i = 0; i <= bl->n; i++) {
		const iblock *b = i < bl->n ? &bl->b[i] : NULL;
		if (b && b->kind != B_HEADING) {
			g.to = i + 1;
			continue;
		}
		if (b && g.to == g.from && g.level && b->level > g.level) {
			/* a sub-heading right under an empty heading: folded into it */
			imp_unmapped_add(m, b->pos, b->text, strlen(b->text));
			g.from = g.to = i + 1;
			continue;
		}
		if (g.to > g.from || g.level)
			map_group(m, bl, &g);
		if (b)
			g = (group){b->text, b->pos, b->level, i + 1, i + 1};
	}
}

char *imp_name_from_intro(const char *text)
{
	static const char *const leads[] = {"I am ", "I'm ", "I’m ", "My name is ", NULL};
	const char *p = NULL;
	for (size_t i = 0; leads[i] && !p; i++)
		if ((p = strstr(text, leads[i])) != NULL)
			p += strlen(leads[i]);
	if (!p)
		return NULL;
	const char *q = p;
	int words = 0;
	while (isupper((unsigned char)*q) && words < 4) {
		while (*q && *q != ' ' && *q != ',' && *q != '(')
			q++;
		words++;
		if (*q == ' ' && isupper((unsigned char)q[1]))
			q++;
		else
			break;
	}
	if (words < 2)
		return NULL;
	const char *end = q;
	if (q[0] == ' ' && q[1] == '(') { /* "Chenyu Jiang (江宸宇)" */
		const char *c = strchr(q, ')');
		if (c && c - q < 40)
			end = c + 1;
	}
	return xstrndup(p, (size_t)(end - p));
}
