/*
 * An entry kind's compiled templates (src/compose/template.c) as TeX: the body of the entry macro
 * that prints each column from the entry's fields.
 *
 * The .tex holds an entry as its fields (company = {Acme}); the class vita.cls (class.c) holds one
 * macro per kind that reproduces, at TeX run time, what the composition computes for the PDF, with
 * the same rules in the same order:
 *   - a line is split at spaces into runs; a run holding a placeholder shows only when every
 *     placeholder in it is set (RenderCV removes a missing placeholder with the characters glued to
 *     it);
 *   - a connector word between two placeholders ("in", "at") shows only when both are set;
 *   - when any placeholder of the kind is unset, a line's trailing characters other than letters,
 *     digits and . ! ? [ ] ( ) * _ % go: each run's trailing such characters show only when
 *     something that stays follows on the line;
 *   - runs are joined by one space; a line that prints nothing adds no paragraph.
 * Emphasis (`**bold**`, `*italic*`) is read from the template line by toggling, and each piece is
 * set in its own \textbf/\emph so that no brace spans a condition.  Smart punctuation is applied
 * as cmark applies it to the PDF's text ("--" is an en dash).
 */
#include <stdlib.h>
#include <string.h>

#include "compose/compose_internal.h"
#include "latex/escape.h"
#include "latex/latex_internal.h"

typedef enum run_kind { RUN_LIT, RUN_PH, RUN_CONN } run_kind;

typedef struct run {
	size_t a, b, core; /* [a, core) the core, [core, b) the strippable tail */
	run_kind kind;
	int ph[16];        /* RUN_PH: the names in it; RUN_CONN: [0] previous and [1] next placeholder */
	size_t nph;
} run;

/* Connector words of the column: [start, end) with the placeholders on either side. */
typedef struct conn {
	size_t start, end;
	int prev, next;
} conn;

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static bool word_byte(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

static bool known_name(void *ts, const char *w, size_t n)
{
	return tmpl_name_index(ts, w, n) >= 0;
}

/* The placeholders of s[0, n) by name index, and where they are: whole words, and the names the
 * composition finds glued inside other words. */
typedef struct phword {
	size_t start, end;
	int name;
} phword;

static size_t find_placeholders(const ctmpl_set *ts, const char *s, size_t n, phword *out, size_t max)
{
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		if (!word_byte((unsigned char)s[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && word_byte((unsigned char)s[j]))
			j++;
		if (tmpl_is_placeholder(s + i, j - i)) {
			if (k < max && (out[k].name = tmpl_name_index(ts, s + i, j - i)) >= 0) {
				out[k].start = i;
				out[k].end = j;
				k++;
			}
		} else {
			/* names glued to other letters ("בAREA"): the composition's own matcher */
			size_t from = i, a, e;
			while (k < max && tmpl_next_field(s, j, &from, &a, &e, known_name, (void *)ts)) {
				out[k].start = a;
				out[k].end = e;
				out[k].name = tmpl_name_index(ts, s + a, e - a);
				k++;
			}
		}
		i = j;
	}
	return k;
}

/* RenderCV's connector candidates: words inside the text between two placeholders, preceded and
 * followed by whitespace, starting with a letter that is not A–Z. */
static size_t find_connectors(const char *s, const phword *ph, size_t nph, conn *out, size_t max)
{
	size_t k = 0;
	for (size_t p = 0; p + 1 < nph; p++) {
		size_t a = ph[p].end, b = ph[p + 1].start;
		for (size_t i = a + 1; i < b; i++) {
			if (is_space(s[i]) || !is_space(s[i - 1]))
				continue;
			size_t j = i;
			while (j < b && !is_space(s[j]))
				j++;
			uint32_t cp;
			if (!utf8_decode(s + i, j - i, &cp))
				cp = (unsigned char)s[i];
			if (tmpl_is_connector_start(cp) && j < b && k < max)
				out[k++] = (conn){i, j, ph[p].name, ph[p + 1].name};
			i = j;
		}
	}
	return k;
}

static size_t core_end(const char *s, size_t a, size_t b)
{
	size_t e = b;
	while (e > a) {
		size_t st = e - 1;
		while (st > a && ((unsigned char)s[st] & 0xC0) == 0x80)
			st--;
		uint32_t cp;
		if (!utf8_decode(s + st, e - st, &cp))
			cp = (unsigned char)s[st];
		if (tmpl_keeps_trailing(cp))
			break;
		e = st;
	}
	return e;
}

/* ---- TeX output ---- */

/* Template text as cmark's smart punctuation would show it, escaped. */
static void put_literal(vita_buf *b, const char *s, size_t n, bool at_start)
{
	for (size_t i = 0; i < n;) {
		if (i + 2 < n + 0 && strncmp(s + i, "---", 3) == 0) {
			latex_escape_str(b, "\xE2\x80\x94");
			i += 3;
		} else if (i + 1 < n && strncmp(s + i, "--", 2) == 0) {
			latex_escape_str(b, "\xE2\x80\x93");
			i += 2;
		} else if (i + 2 < n && strncmp(s + i, "...", 3) == 0) {
			latex_escape_str(b, "\xE2\x80\xA6");
			i += 3;
		} else if (s[i] == '"') {
			bool open = (i == 0 && at_start) || (i > 0 && strchr(" ([", s[i - 1]));
			latex_escape_str(b, open ? "\xE2\x80\x9C" : "\xE2\x80\x9D");
			i++;
		} else if (s[i] == '\'') {
			bool open = (i == 0 && at_start) || (i > 0 && strchr(" ([", s[i - 1]));
			latex_escape_str(b, open ? "\xE2\x80\x98" : "\xE2\x80\x99");
			i++;
		} else {
			size_t k = 1;
			while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
				k++;
			latex_escape(b, s + i, k);
			i += k;
		}
	}
}

typedef struct fmt {
	bool bold, emph;
} fmt;

/* The emphasis in force at each byte of a line: `**` toggles bold, `*` toggles italic (the marks
 * themselves print nothing). */
static void scan_fmt(const char *s, size_t n, fmt *f, bool *mark)
{
	fmt cur = {0};
	for (size_t i = 0; i < n;) {
		if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
			cur.bold = !cur.bold;
			mark[i] = mark[i + 1] = true;
			f[i] = f[i + 1] = cur;
			i += 2;
			continue;
		}
		if (s[i] == '*') {
			cur.emph = !cur.emph;
			mark[i] = true;
			f[i++] = cur;
			continue;
		}
		mark[i] = false;
		f[i++] = cur;
	}
}

typedef struct gen {
	const ctmpl_set *ts;
	vita_buf *b;
	const char *line;
	size_t len;
	const fmt *f;
	const bool *mark;
	const phword *ph;
	size_t nph;
} gen;

static void open_fmt(vita_buf *b, fmt f)
{
	if (f.bold)
		buf_puts(b, "\\textbf{");
	if (f.emph)
		buf_puts(b, "\\emph{");
}

static void close_fmt(vita_buf *b, fmt f)
{
	if (f.emph)
		buf_putc(b, '}');
	if (f.bold)
		buf_putc(b, '}');
}

/* The bytes [a, b) of the line: literal text and placeholders, each piece in its emphasis. */
static void put_pieces(const gen *g, size_t a, size_t e)
{
	size_t i = a;
	while (i < e) {
		if (g->mark[i]) {
			i++;
			continue;
		}
		const phword *w = NULL;
		for (size_t k = 0; k < g->nph; k++)
			if (g->ph[k].start == i)
				w = &g->ph[k];
		fmt f = g->f[i];
		open_fmt(g->b, f);
		if (w) {
			latex_put_macro_key(g->b, "cvget", g->ts->names[w->name]);
			i = w->end;
		} else {
			size_t j = i;
			bool stop = false;
			while (j < e && !g->mark[j] && g->f[j].bold == f.bold && g->f[j].emph == f.emph && !stop) {
				for (size_t k = 0; k < g->nph; k++)
					if (g->ph[k].start == j)
						stop = true;
				if (!stop)
					j++;
			}
			put_literal(g->b, g->line + i, j - i, i == 0);
			i = j;
		}
		close_fmt(g->b, f);
	}
}

/* Opens "when the run shows": one \cvifset per placeholder; returns how many braces to close. */
static int open_visible(const gen *g, const run *r)
{
	int n = 0;
	if (r->kind == RUN_LIT)
		return 0;
	for (size_t k = 0; k < r->nph; k++) {
		latex_put_macro_key(g->b, "cvifset", g->ts->names[r->ph[k]]);
		buf_putc(g->b, '{');
		n++;
	}
	return n;
}

static void close_n(vita_buf *b, int n)
{
	while (n-- > 0)
		buf_putc(b, '}');
}

/* Sets \ifcvtail: nothing is missing, or something that stays follows run i on the line. */
static bool put_tail_test(const gen *g, const run *runs, size_t nruns, size_t i)
{
	for (size_t q = i + 1; q < nruns; q++)
		if (runs[q].kind == RUN_LIT && runs[q].core > runs[q].a)
			return true; /* always something after it */
	buf_puts(g->b, "\\ifcvall\\cvtailtrue\\else\\cvtailfalse\\fi");
	for (size_t q = i + 1; q < nruns; q++) {
		if (runs[q].kind == RUN_LIT)
			continue;
		int n = open_visible(g, &runs[q]);
		buf_puts(g->b, "\\cvtailtrue");
		close_n(g->b, n);
	}
	return false;
}

static void put_run(const gen *g, const run *runs, size_t nruns, size_t i)
{
	const run *r = &runs[i];
	int open = open_visible(g, r);
	bool has_tail = r->core < r->b, always = false;
	if (has_tail)
		always = put_tail_test(g, runs, nruns, i);
	if (r->core > r->a) {
		buf_puts(g->b, "\\cvsp ");
		put_pieces(g, r->a, r->core);
		if (has_tail) {
			if (!always)
				buf_puts(g->b, "\\ifcvtail ");
			put_pieces(g, r->core, r->b);
			if (!always)
				buf_puts(g->b, "\\fi ");
		}
	} else if (has_tail) {
		if (!always)
			buf_puts(g->b, "\\ifcvtail ");
		buf_puts(g->b, "\\cvsp ");
		put_pieces(g, r->core, r->b);
		if (!always)
			buf_puts(g->b, "\\fi ");
	}
	close_n(g->b, open);
	buf_puts(g->b, "%\n");
}

/* "[b]", "[i]" or "[bi]" when the whole line [s, e) is bold, italic or both (the layout sets its
 * lines apart by that face's height, \cvline's option), else "". */
static const char *line_style(const char *line, size_t s, size_t e, const fmt *f, const bool *mark)
{
	bool any = false, bold = true, emph = true;
	for (size_t i = s; i < e; i++) {
		if (mark[i] || line[i] == ' ' || line[i] == '\t')
			continue;
		any = true;
		bold = bold && f[i].bold;
		emph = emph && f[i].emph;
	}
	if (!any)
		return "";
	return bold && emph ? "[bi]" : bold ? "[b]" : emph ? "[i]" : "";
}

/* One line of the column [ls, le) of src (offsets into the whole column, for connectors). */
static void put_line(const ctmpl_set *ts, vita_buf *b, const char *src, size_t ls, size_t le, const conn *cs,
                     size_t ncs)
{
	const char *line = src + ls;
	size_t len = le - ls;
	size_t s = 0, e = len;
	while (s < e && (line[s] == ' ' || line[s] == '\t'))
		s++;
	while (e > s && (line[e - 1] == ' ' || line[e - 1] == '\t' || line[e - 1] == '\r'))
		e--;
	if (s == e)
		return;
	if (e - s == 7 && memcmp(line + s, "SUMMARY", 7) == 0) {
		buf_puts(b, "    \\cvsummary%\n");
		return;
	}
	if (e - s == 10 && memcmp(line + s, "HIGHLIGHTS", 10) == 0) {
		buf_puts(b, "    \\cvhighlights%\n");
		return;
	}
	fmt *f = xcalloc(len + 1, sizeof *f);
	bool *mark = xcalloc(len + 1, sizeof *mark);
	scan_fmt(line, len, f, mark);
	phword ph[64];
	size_t nph = find_placeholders(ts, line, len, ph, 64);
	run *runs = xmalloc((len + 1) * sizeof *runs);
	size_t nr = 0;
	for (size_t i = s; i < e;) {
		if (line[i] == ' ' || line[i] == '\t') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < e && line[j] != ' ' && line[j] != '\t')
			j++;
		run r = {i, j, core_end(line, i, j), RUN_LIT, {0}, 0};
		for (size_t k = 0; k < nph; k++)
			if (ph[k].start >= i && ph[k].end <= j && r.nph < 16) {
				r.kind = RUN_PH;
				r.ph[r.nph++] = ph[k].name;
			}
		for (size_t k = 0; r.kind == RUN_LIT && k < ncs; k++)
			if (cs[k].start == ls + i && cs[k].end == ls + j) {
				r.kind = RUN_CONN;
				r.ph[0] = cs[k].prev;
				r.ph[1] = cs[k].next;
				r.nph = cs[k].prev == cs[k].next ? 1 : 2;
			}
		runs[nr++] = r;
		i = j;
	}
	gen g = {ts, b, line, len, f, mark, ph, nph};
	buf_printf(b, "    \\cvline%s{%%\n", line_style(line, s, e, f, mark));
	for (size_t i = 0; i < nr; i++) {
		buf_puts(b, "      ");
		put_run(&g, runs, nr, i);
	}
	buf_puts(b, "    }%\n");
	free(runs);
	free(f);
	free(mark);
}

void latex_put_column(vita_buf *b, const ctmpl_set *ts, size_t col)
{
	const char *src = col < ts->ncols ? ts->src[col] : NULL;
	if (!src)
		return;
	size_t n = strlen(src);
	phword ph[256];
	size_t nph = find_placeholders(ts, src, n, ph, 256);
	conn cs[256];
	size_t ncs = find_connectors(src, ph, nph, cs, 256);
	buf_putc(b, '\n');
	for (size_t ls = 0; ls <= n;) {
		size_t le = ls;
		while (le < n && src[le] != '\n')
			le++;
		put_line(ts, b, src, ls, le, cs, ncs);
		ls = le + 1;
	}
	buf_puts(b, "  ");
}

void latex_put_all_test(vita_buf *b, const ctmpl_set *ts)
{
	buf_puts(b, "\\cvalltrue");
	for (size_t i = 0; i < ts->nnames; i++)
{
		latex_put_macro_key(b, "cvifunset", ts->names[i]);
		buf_puts(b, "{\\cvallfalse}");
	}
	buf_puts(b, "%\n");
}

void latex_put_any_test(vita_buf *b, const ctmpl_set *ts, size_t col)
{
	const char *src = col < ts->ncols ? ts->src[col] : NULL;
	buf_puts(b, "\\cvanyfalse");
	if (src) {
		size_t n = strlen(src);
		phword ph[256];
		size_t nph = find_placeholders(ts, src, n, ph, 256);
		for (size_t i = 0; i < nph; i++)
{
			latex_put_macro_key(b, "cvifset", ts->names[ph[i].name]);
			buf_puts(b, "{\\cvanytrue}");
		}
	}
	buf_puts(b, "%\n");
}

void latex_put_macro_key(vita_buf *b, const char *macro, const char *name)
{
	buf_printf(b, "\\%s{", macro);
	for (const char *p = name; *p; p++)
		buf_putc(b, *p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	buf_putc(b, '}');
}
