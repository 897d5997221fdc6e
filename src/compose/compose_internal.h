/*
 * What the composition's files share: the compiled templates of an entry kind and the field values
 * of an entry.  Backends that generate code from the templates (the LaTeX writer's macros) include
 * this header too, so that they read the same compiled form the composition evaluates.
 */
#ifndef VITA_COMPOSE_INTERNAL_H
#define VITA_COMPOSE_INTERNAL_H

#include "base/base.h"
#include "vita/compose.h"

#define CTMPL_MAX_COLS 3   /* main, date and location, degree */
#define CTMPL_MAX_NAMES 64 /* placeholders a missing-set mask can hold */
#define CTMPL_CACHE 32     /* distinct missing sets cached per kind */
#define CTMPL_PARSED 64    /* template lines kept parsed per kind */

enum { COL_MAIN, COL_DATE, COL_DEGREE };

/* The templates of one entry kind, compiled: their text with the locale's phrases in, and the
 * placeholder names they use (the order of bits in a missing-set mask). */
typedef struct ctmpl_set {
	const char *src[CTMPL_MAX_COLS]; /* NULL: the kind has no such column */
	size_t ncols;
	const char *names[CTMPL_MAX_NAMES];
	size_t nnames;
	bool overflow; /* more names than a mask holds: each entry evaluated afresh */
	struct ctmpl_cached {
		uint64_t mask;
		const char *text[CTMPL_MAX_COLS];
	} cache[CTMPL_CACHE];
	size_t ncache;
	/* Template lines parsed into spans, by the line's address in a text of this set (src or
	 * cache[].text, which live as long as the set): every entry of a kind parsed the same lines
	 * again, 370 B per entry of a long CV (issue 17).  Only lines whose parse said nothing. */
	struct ctmpl_parsed {
		const char *line;
		size_t len;
		vita_span *spans;
	} parsed[CTMPL_PARSED];
	size_t nparsed;
	vita_arena *arena;
} ctmpl_set;

void tmpl_set_init(ctmpl_set *ts, vita_arena *a, const char *const *cols, size_t ncols, const vita_locale *loc);
int tmpl_name_index(const ctmpl_set *ts, const char *w, size_t n);
/* A word of capitals and underscores: a placeholder (RenderCV's \b[A-Z_]+\b). */
bool tmpl_is_placeholder(const char *w, size_t n);
/* Whether some column of the set shows the field `name` (as a word or glued to letters). */
bool tmpl_mentions(const ctmpl_set *ts, const char *name);
/* The matcher of step 3 (RenderCV's substitute_placeholders), for every backend: the next field name
 * in t[*from, n) — at each place the longest run of capitals and underscores is_field accepts, found
 * anywhere, glued to other letters too ("בAREA") — as [*start, *end), *from moved past it; false
 * when none is left. */
bool tmpl_next_field(const char *t, size_t n, size_t *from, size_t *start, size_t *end,
                     bool (*is_field)(void *, const char *, size_t), void *ctx);
/* A character a connector word may start with: a letter that is not A–Z (RenderCV's
 * (?![A-Z])[^\W\d_]). */
bool tmpl_is_connector_start(uint32_t cp);
/* A character clean_trailing_parts keeps at the end of a line. */
bool tmpl_keeps_trailing(uint32_t cp);
/* Column col of the set after RenderCV's removal of what the entry does not provide. */
const char *tmpl_resolve(ctmpl_set *ts, size_t col, bool (*provided)(void *, const char *, size_t), void *ctx);
/* The lines of a resolved column: Markdown parsed, placeholders replaced by value(). */
size_t tmpl_lines(vita_arena *a, ctmpl_set *ts, const char *text, const vita_span *(*value)(void *, const char *, size_t),
                  void *ctx, vita_pos pos, vita_diags *d, vita_cline **out);

/* ---- fields (fields.c) ---- */

/* An entry's placeholder values, as spans: INSTITUTION … TEXT, DATE, START_DATE, END_DATE, AUTHORS,
 * URL, DOI, SUMMARY, HIGHLIGHTS (a marker), and extra keys by their name in capitals. */
typedef struct efields {
	vita_arena *a;
	const vita_cv *cv;
	const vita_entry *e;
	bool time_span; /* DATE shows the entry's length under its range (the section's style) */
} efields;

const vita_span *field_value(void *ctx, const char *name, size_t n);
bool field_provided(void *ctx, const char *name, size_t n);
/* Appends copies of the top-level nodes of s at *tail (their children are shared: spans are never
 * modified); returns the new tail. */
vita_span **spans_append_copy(vita_arena *a, vita_span **tail, const vita_span *s);

/* Finds the next placeholder in t[0..n) at or after *from: its bytes [*start, *end) and its value;
 * advances *from past what it looked at.  False when there is none. */
typedef bool (*span_match_fn)(void *ctx, const char *t, size_t n, size_t *from, size_t *start, size_t *end,
                              const vita_span **value);
/* A copy of the span list s with every placeholder that match finds in its TEXT spans (at any
 * depth, code spans excepted) replaced by a copy of its value's spans.  One walker for entry
 * templates (template.c: whole words) and page templates (page.c: names anywhere).  share: the
 * caller never modifies the result, so a value that ends it (a line ending in AUTHORS, DATE, a
 * DOI) is linked rather than copied; page.c trims its result and passes false. */
vita_span *spans_substitute(vita_arena *a, const vita_span *s, span_match_fn match, void *ctx, bool share);
/* A span list of plain text (newlines become breaks). */
vita_span *text_spans(vita_arena *a, const char *text);

/* ---- page templates (page.c) ---- */

/* Footer, top note and PDF title: RenderCV substitutes their placeholders as plain text (NAME,
 * CURRENT_DATE, LAST_UPDATED, MONTH_NAME, …, YEAR_IN_TWO_DIGITS, and in the footer PAGE_NUMBER and
 * TOTAL_PAGES); vita also drops a separator left dangling by an empty NAME. */
void compose_page(vita_comp *c, vita_diags *d);

/* The compiled templates of kind k (every kind is compiled when the composition is made). */
const ctmpl_set *vita_comp_templates(const vita_comp *c, vita_entry_kind k);

/* The bound on what expansion may make of a file: aliases (one scalar shown a thousand times) and
 * templates (a placeholder repeated, NAME in the PDF title) multiply text; the composition stops,
 * with an error naming what expanded, once its text passes COMPOSE_GROWTH times the file's size
 * (at least COMPOSE_FLOOR bytes). */
#define COMPOSE_GROWTH 64
#define COMPOSE_FLOOR ((size_t)4 << 20)

/* The bytes of text in spans (children included). */
size_t spans_bytes(const vita_span *s);
/* Adds n bytes to the composition's text; false (after one error at pos naming what) once over. */
bool compose_spend(vita_comp *c, size_t n, vita_pos pos, const char *what, vita_diags *d);

struct vita_compose_priv {
	ctmpl_set kinds[VITA_ENTRY_KIND_COUNT];
	bool have[VITA_ENTRY_KIND_COUNT];
	size_t spent, budget; /* text bytes composed, and the bound */
	bool over;            /* the bound was passed: nothing more is composed */
};

#endif
