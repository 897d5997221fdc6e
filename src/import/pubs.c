/*
 * One publication item of a homepage or a CV text → a publication entry.
 *
 * Shapes read: a venue tag first ("**[SOSP'25]**", a badge, "[3]" list numbers are dropped) or
 * last in the title line ("(**ICML '25**)"); the authors, comma-separated, with the owner in
 * **…** (or <u>/<b>, already turned into **…** by html.c) and marks (#, *, †, ^{*}) kept as
 * notes by parse_author; the title in quotes, in *italics*, after "Authors." or, in a CV text, on
 * the line before the authors; then links: the first "Paper"/"PDF"/"arXiv"/"DOI" link is the
 * entry's url (a DOI in it becomes doi), the other links and the venue text go to the summary, and
 * a link with no target ("[[Paper]]()") is listed as not imported.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import/blocks.h"
#include "load/inline.h"

static char *dup_trim(const char *s, size_t n, const char *chars)
{
	while (n && strchr(chars, *s))
		s++, n--;
	while (n && strchr(chars, s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* A tag at the start: "**[X]**", "**X**" (short) — removed from *s. */
static char *lead_tag(const char **s)
{
	const char *p = *s;
	while (*p == ' ')
		p++;
	if (strncmp(p, "**[", 3) == 0) {
		const char *e = strstr(p + 3, "]**");
		if (e) {
			*s = e + 3;
			return dup_trim(p + 3, (size_t)(e - p - 3), " ");
		}
	}
	if (*p == '[' && isdigit((unsigned char)p[1])) { /* "[3] " list numbers: not data */
		const char *e = strchr(p, ']');
		if (e && e[1] == ' ') {
			*s = e + 1;
			p = e + 1;
			while (*p == ' ')
				p++;
			if (strncmp(p, "**[", 3) == 0) { /* "[3] **[ICML'24]** …" */
				const char *t = strstr(p + 3, "]**");
				if (t) {
					*s = t + 3;
					return dup_trim(p + 3, (size_t)(t - p - 3), " ");
				}
			}
		}
	}
	return NULL;
}

/* A trailing "(**Venue**)" or "(Venue)" of a title line — removed from the string in place. */
static char *trail_tag(char *line)
{
	size_t n = strlen(line);
	while (n && (line[n - 1] == ' ' || line[n - 1] == '.'))
		n--;
	if (!n || line[n - 1] != ')')
		return NULL;
	char *open = NULL;
	int depth = 0;
	for (size_t i = n; i-- > 0;) {
		if (line[i] == ')')
			depth++;
		else if (line[i] == '(' && --depth == 0) {
			open = line + i;
			break;
		}
	}
	if (!open || open == line)
		return NULL;
	char *tag = dup_trim(open + 1, (size_t)(line + n - 1 - open - 1), " *");
	*open = 0;
	return tag;
}

static int tag_year(const char *t)
{
	for (const char *p = t; p && *p; p++) {
		if ((p[0] == '1' || p[0] == '2') && isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) &&
		    !isdigit((unsigned char)p[4]) && (p == t || !isdigit((unsigned char)p[-1])))
			return atoi(p) / 1 % 10000;
		if (*p == '\'' && isdigit((unsigned char)p[1]) && isdigit((unsigned char)p[2]) &&
		    !isdigit((unsigned char)p[3]))
			return 2000 + (p[1] - '0') * 10 + (p[2] - '0');
	}
	return 0;
}

/* Finds the title in s: sets [*a,*b) of the title and [*ta,*tb) of the title with its quotes. */
static bool find_title(const char *s, size_t *a, size_t *b, size_t *ta, size_t *tb, bool dot_rule)
{
	static const char *const q[][2] = {{"\"", "\""}, {"“", "”"}};
	for (size_t k = 0; k < 2; k++) {
		const char *o = strstr(s, q[k][0]);
		const char *c = o ? strstr(o + strlen(q[k][0]), q[k][1]) : NULL;
		if (c && c > o + 1) {
			*ta = (size_t)(o - s), *a = *ta + strlen(q[k][0]);
			*b = (size_t)(c - s), *tb = *b + strlen(q[k][1]);
			return true;
		}
	}
	for (const char *p = s; *p; p++) /* *italic*, not **bold**, not a mark ("Li*", "^{*}") */
		if (*p == '*' && p[1] != '*' && p[1] != ' ' && p[1] != '}' && p[1] &&
		    (p == s || p[-1] == ' ' || p[-1] == '(' || p[-1] == ',')) {
			const char *c = p + 1;
			while (*c && !(*c == '*' && c[1] != '*' && c[-1] != '*' && c[-1] != ' ' &&
			               c[-1] != '{' && !isalnum((unsigned char)c[1])))
				c++;
			if (*c && c - p > 8) {
				*ta = (size_t)(p - s), *a = *ta + 1, *b = (size_t)(c - s), *tb = *b + 1;
				return true;
			}
			if (*c)
				p = c;
		}
	const char *dot = dot_rule ? strstr(s, ". ") : NULL;
	if (dot && memchr(s, ',', (size_t)(dot - s))) { /* "A, B, C. Title." */
		*ta = *a = (size_t)(dot - s) + 2;
		const char *end = strstr(dot + 2, ". ");
		*tb = *b = end ? (size_t)(end - s) : strlen(s);
		while (*b > *a && (s[*b - 1] == '.' || s[*b - 1] == ' '))
			(*b)--;
		return *b > *a;
	}
	return false;
}

static void add_authors(imp *m, vita_entry *e, const char *s, size_t n, vita_pos pos)
{
	char *list = xstrndup(s, n);
	for (char *p = list; *p;) {
		size_t l = strcspn(p, ",");
		char *name = dup_trim(p, l, " \t.;");
		char *nm = name;
		if (strncmp(nm, "and ", 4) == 0)
			nm += 4;
		for (char *and; (and = strstr(nm, " and ")) != NULL; nm = and + 5) { /* "Yang and Lin" */
			*and = 0;
			if (*nm)
				imp_author(m, e, nm, pos);
		}
		if (*nm)
			imp_author(m, e, nm, pos);
		free(name);
		p += l + (p[l] ? 1 : 0);
	}
	free(list);
}

static const char *doi_in(const char *url)
{
	const char *d = strstr(url, "/10.");
	return d && valid_doi(d + 1) ? d + 1 : NULL;
}

static bool has_ci(const char *s, const char *w)
{
	for (size_t n = strlen(w); *s; s++)
		if (strncasecmp(s, w, n) == 0)
			return true;
	return false;
}

/* needle within the first max bytes of s (a link's text and target are short: a bounded search
 * keeps a line of ten thousand "[" linear). */
static const char *find_near(const char *s, const char *needle, size_t max)
{
	size_t n = strlen(needle);
	for (size_t i = 0; s[i] && i < max; i++)
		if (strncmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

/* Links and venue text after the title. */
static void tail(imp *m, vita_entry *e, const char *s, vita_pos pos, vita_buf *venue, vita_buf *links)
{
	for (const char *p = s; *p;) {
		const char *lb = *p == '[' ? p : NULL;
		if (lb) {
			bool dbl = lb[1] == '[';
			const char *te = find_near(lb, dbl ? "]](" : "](", 512);
			const char *ue = te ? find_near(te, ")", 4096) : NULL;
			if (te && ue) {
				const char *txt = lb + (dbl ? 2 : 1), *url = te + (dbl ? 3 : 2);
				size_t tl = (size_t)(te - txt), ul = (size_t)(ue - url);
				char *t = xstrndup(txt, tl), *u = xstrndup(url, ul);
				bool paper = has_ci(t, "paper") || has_ci(t, "pdf") || has_ci(t, "arxiv") ||
				             has_ci(t, "doi");
				if (!ul)
					imp_unmapped_add(m, pos, lb, (size_t)(ue + 1 - lb));
				else if (paper && !e->url && !e->doi && strncmp(u, "http", 4) == 0 && vita_url_allowed(u)) {
					/* the url field; the link stays in the summary so its words are kept */
					buf_printf(links, "%s[%s](%s)", links->len ? " · " : "", t, u);
					e->url = arena_strdup(m->L.a, u);
					e->url_pos = pos;
					const char *d = doi_in(u);
					if (d) {
						e->doi = arena_strdup(m->L.a, d);
						e->doi_pos = pos;
					}
				} else
					buf_printf(links, "%s[%s](%s)", links->len ? " · " : "", t, u);
				free(t), free(u);
				p = ue + 1;
				continue;
			}
		}
		if (*p == '\\' && p[1])
			p++; /* "\[" "\|" "\]": the link list's frame */
		else if (!strchr("|", *p))
			buf_putc(venue, *p);
		p++;
	}
}

/* What a publication item says besides title and authors, gathered while it is split. */
typedef struct pub_rest {
	char *tag;        /* the venue tag, malloc'd; NULL if none */
	vita_buf venue;   /* venue text after the title */
	vita_buf links;   /* "[Code](url) · …" and notes, for the summary */
} pub_rest;

static char *one_line(const char *s)
{
	char *t = xstrdup(s);
	for (char *p = t; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return t;
}

/* A CV text: "Title (**Venue**)", then the authors' line, then notes ("Best Paper Award"). */
static bool pub_lines(imp *m, vita_entry *e, const char *s, const char *nl, vita_pos pos, pub_rest *r)
{
	char *line = dup_trim(s, (size_t)(nl - s), " ");
	char *t2 = trail_tag(line);
	if (t2 && !r->tag)
		r->tag = t2;
	else if (t2)
		buf_puts(&r->venue, t2), free(t2);
	char *title = dup_trim(line, strlen(line), " .");
	const char *au = nl + 1, *au_end = strchr(au, '\n');
	e->title = imp_text(m, title, pos);
	add_authors(m, e, au, au_end ? (size_t)(au_end - au) : strlen(au), pos);
	for (const char *q = au_end; q && *q;) {
		const char *n2 = strchr(q + 1, '\n');
		char *note = dup_trim(q, n2 ? (size_t)(n2 - q) : strlen(q), " \n");
		if (*note)
			buf_printf(&r->links, "%s%s", r->links.len ? " · " : "", note);
		free(note);
		q = n2;
	}
	bool ok = *title && e->nauthors;
	free(line), free(title);
	return ok;
}

/* A homepage: "Authors, "Title" or *Title*, venue, links" on one (joined) line. */
static bool pub_inline(imp *m, vita_entry *e, const char *s, vita_pos pos, pub_rest *r)
{
	size_t a, b, ta, tb;
	char *one = one_line(s);
	bool ok = false;
	if (find_title(one, &a, &b, &ta, &tb, true)) {
		char *title = dup_trim(one + a, b - a, " ,.");
		e->title = imp_text(m, title, pos);
		add_authors(m, e, one, ta, pos);
		tail(m, e, one + tb, pos, &r->venue, &r->links);
		ok = *title && e->nauthors;
		free(title);
	}
	free(one);
	return ok;
}

/* Journal (the tag, else the venue text), year (from the tag or venue), summary. */
static void pub_finish(imp *m, vita_entry *e, pub_rest *r, vita_pos pos)
{
	char *v = dup_trim(buf_str(&r->venue), r->venue.len, " ,.;"); /* its *italics* stay */
	if (r->tag)
		e->journal = imp_text(m, r->tag, pos);
	int y = tag_year(r->tag ? r->tag : v);
	if (y) {
		e->date.kind = VITA_DATE_EXACT;
		e->date.year = y;
		e->date.pos = pos;
	}
	vita_buf sum = {0};
	if (*v && r->tag)
		buf_puts(&sum, v);
	else if (*v)
		e->journal = imp_text(m, v, pos);
	if (r->links.len)
		buf_printf(&sum, "%s%s", sum.len ? " · " : "", r->links.data);
	if (sum.len)
		e->summary = imp_text(m, sum.data, pos);
	buf_free(&sum);
	free(v);
}

bool imp_publication(imp *m, vita_entry *e, const item *it)
{
	const char *s = it->blk->text;
	vita_pos pos = it->blk->pos;
	pub_rest r = {0};
	r.tag = lead_tag(&s);
	const char *nl = strchr(s, '\n');
	size_t a, b, ta, tb;
	char *joined = one_line(s);
	bool inline_title = find_title(joined, &a, &b, &ta, &tb, false);
	free(joined);
	bool ok = nl && !inline_title ? pub_lines(m, e, s, nl, pos, &r) : pub_inline(m, e, s, pos, &r);
	if (ok)
		pub_finish(m, e, &r, pos);
	buf_free(&r.venue), buf_free(&r.links);
	free(r.tag);
	return ok;
}
