/*
 * The composition (src/compose/): RenderCV's template rules evaluated on the source text exactly as
 * RenderCV 2.8 does (the examples of its own docstrings and tests at the reference commit), fields
 * (dates, authors, URL/DOI), page templates with every documented placeholder, the PDF title, and
 * the drifts between the PDF and the .tex that the composition removed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/compose_internal.h"
#include "load/inline.h"
#include "test.h"
#include "vita/compose.h"
#include "vita/schema.h"

static vita_arena *A;
static vita_diags *D;

static vita_text T(const char *md)
{
	vita_text t = {0};
	if (md) {
		t.md = arena_strdup(A, md);
		t.pos = (vita_pos){"test.yaml", 1, 1};
		t.spans = vita_inline_parse(A, t.md, t.pos, D);
	}
	return t;
}

static vita_cv *cv_new(const char *name)
{
	vita_cv *cv = arena_alloc(A, sizeof *cv);
	cv->path = "test.yaml";
	cv->name = T(name);
	static const char *months[12] = {"January", "February", "March",     "April",   "May",      "June",
	                                 "July",    "August",   "September", "October", "November", "December"};
	static const char *abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"};
	for (int i = 0; i < 12; i++) {
		cv->locale.month_names[i] = months[i];
		cv->locale.month_abbreviations[i] = abbr[i];
	}
	cv->locale.last_updated = "Last updated in";
	cv->locale.degree_with_area = "DEGREE in AREA";
	cv->locale.single_date = "MONTH_ABBREVIATION YEAR";
	cv->locale.date_range = "START_DATE – END_DATE";
	cv->settings.current_date = (vita_date){VITA_DATE_EXACT, 2026, 12, 1, NULL, {0}};
	return cv;
}

/* The spans as text: **bold** and *italic* marked, links as their text. */
static void plain(vita_buf *b, const vita_span *s)
{
	for (; s; s = s->next) {
		switch (s->kind) {
		case VITA_SPAN_STRONG: buf_puts(b, "**"); plain(b, s->children); buf_puts(b, "**"); break;
		case VITA_SPAN_EMPH: buf_puts(b, "*"); plain(b, s->children); buf_puts(b, "*"); break;
		case VITA_SPAN_SUPER: buf_printf(b, "^%s", s->text); break;
		case VITA_SPAN_PAGE_NUMBER: buf_puts(b, "{P}"); break;
		case VITA_SPAN_TOTAL_PAGES: buf_puts(b, "{T}"); break;
		case VITA_SPAN_BREAK: buf_puts(b, "/"); break;
		default:
			if (s->text && s->kind != VITA_SPAN_LINK) /* a link's text is its url (vita_span) */
				buf_puts(b, s->text);
			plain(b, s->children);
		}
	}
}

static char *col_text(const vita_ccol *c)
{
	vita_buf b = {0};
	for (size_t i = 0; i < c->n; i++) {
		if (i)
			buf_putc(&b, '|');
		if (c->lines[i].kind == VITA_CLINE_SUMMARY)
			buf_puts(&b, "<SUMMARY>");
		else if (c->lines[i].kind == VITA_CLINE_HIGHLIGHTS)
			buf_puts(&b, "<HIGHLIGHTS>");
		else
			plain(&b, c->lines[i].spans);
	}
	char *r = buf_take(&b);
	return r ? r : xstrdup("");
}

/* Evaluates column 0 of a one-template kind for entry e (other columns: `other`). */
static char *eval2(const vita_cv *cv, const char *tmpl, const char *other, const vita_entry *e)
{
	ctmpl_set ts;
	const char *cols[2] = {tmpl, other};
	tmpl_set_init(&ts, A, cols, 2, &cv->locale);
	efields f = {A, cv, e, false};
	vita_cline *lines;
	vita_ccol c = {0};
	c.n = tmpl_lines(A, &ts, tmpl_resolve(&ts, 0, field_provided, &f), field_value, &f, e->pos, D, &lines);
	c.lines = lines;
	return col_text(&c);
}

static void expect(const vita_cv *cv, const char *tmpl, const vita_entry *e, const char *want)
{
	char *got = eval2(cv, tmpl, NULL, e);
	CHECK_STR(got, want);
	free(got);
}

static void test_rendercv_removal(void)
{
	vita_cv *cv = cv_new("John Doe");
	vita_entry e = {0};
	e.kind = VITA_ENTRY_EDUCATION;
	e.institution = T("MIT");
	e.area = T("Physics");
	expect(cv, "INSTITUTION, AREA", &e, "MIT, Physics");
	/* RenderCV's docstring: "**INSTITUTION**, DEGREE in AREA" without DEGREE */
	expect(cv, "**INSTITUTION**, DEGREE in AREA", &e, "**MIT**, Physics");
	expect(cv, "**INSTITUTION**, DEGREE_WITH_AREA", &e, "**MIT**, Physics");
	e.area = T(NULL);
	expect(cv, "INSTITUTION, AREA", &e, "MIT");
	/* a missing placeholder takes what is glued to it; trailing separators of the line go */
	expect(cv, "AREA, INSTITUTION", &e, "MIT");
	expect(cv, "(AREA) INSTITUTION", &e, "MIT");
	/* both connectors touch a missing placeholder */
	expect(cv, "DEGREE in AREA at INSTITUTION", &e, "MIT");
	e.degree = T("PhD");
	expect(cv, "DEGREE in AREA at INSTITUTION", &e, "PhD MIT");
	expect(cv, "DEGREE_WITH_AREA", &e, "PhD");
	e.area = T("Physics");
	expect(cv, "DEGREE_WITH_AREA", &e, "PhD in Physics");
	expect(cv, "DEGREE in AREA at INSTITUTION", &e, "PhD in Physics at MIT");
	/* field names are put in wherever they stand, as RenderCV's substitute_placeholders does
	 * (Hebrew's "DEGREE בAREA", or glued to a digit), the longest first; capitals in a word
	 * naming no field are kept */
	expect(cv, "DEGREE בAREA", &e, "PhD בPhysics");
	expect(cv, "DEGREE (MSc) 2AREA", &e, "PhD (MSc) 2Physics");
	/* RenderCV keeps a trailing * . ) etc.: "**LABEL:**" without details keeps its colon */
	vita_entry o = {0};
	o.kind = VITA_ENTRY_ONELINE;
	o.label = T("Languages");
	expect(cv, "**LABEL:** DETAILS", &o, "**Languages:**");
	o.details = T("C, Go");
	expect(cv, "**LABEL:** DETAILS", &o, "**Languages:** C, Go");
	/* RenderCV's line-end class is ASCII: a CJK word ending a line goes when something of the kind
	 * is missing (here DATE, in another column), and stays when nothing is */
	char *cjk = eval2(cv, "LABEL 江宸宇", "DATE", &o);
	CHECK_STR(cjk, "Languages");
	free(cjk);
	cjk = eval2(cv, "LABEL 江宸宇", "DETAILS", &o);
	CHECK_STR(cjk, "Languages 江宸宇");
	free(cjk);
	/* the cleaning of line ends happens only when something is missing */
	expect(cv, "LABEL –", &o, "Languages –");
	o.details = T(NULL);
	expect(cv, "LABEL – DETAILS", &o, "Languages");
	/* a line whose placeholders are all missing goes; SUMMARY and HIGHLIGHTS stand alone */
	e.location = T(NULL);
	expect(cv, "INSTITUTION\nLOCATION\nSUMMARY\nHIGHLIGHTS", &e, "MIT");
	e.summary = T("Did things.");
	expect(cv, "INSTITUTION\nLOCATION\nSUMMARY", &e, "MIT|<SUMMARY>");
	/* field text is never read as a template or as Markdown */
	e.institution = T("AREA Labs");
	expect(cv, "**INSTITUTION**", &e, "**AREA Labs**");
	/* missing in another column of the kind still cleans this one (RenderCV looks at all) */
	vita_entry x = {0};
	x.kind = VITA_ENTRY_EXPERIENCE;
	x.company = T("Acme");
	x.position = T("Engineer");
	char *got = eval2(cv, "**COMPANY**, POSITION –", "LOCATION", &x);
	CHECK_STR(got, "**Acme**, Engineer");
	free(got);
	got = eval2(cv, "**COMPANY**, POSITION –", "DATE", &x);
	CHECK_STR(got, "**Acme**, Engineer");
	free(got);
	x.date = (vita_date){VITA_DATE_EXACT, 2020, 0, 0, NULL, {0}};
	got = eval2(cv, "**COMPANY**, POSITION –", "DATE", &x);
	CHECK_STR(got, "**Acme**, Engineer –");
	free(got);
	/* an unknown placeholder is missing: it goes; an extra key of the entry is a field */
	expect(cv, "NOPE", &x, "");
	vita_extra ex = {"team", T("Compilers")};
	x.extras = &ex;
	x.nextras = 1;
	expect(cv, "**POSITION** at COMPANY (TEAM)", &x, "**Engineer** at Acme (Compilers)");
	x.nextras = 0;
	expect(cv, "**POSITION** at COMPANY (TEAM)", &x, "**Engineer** at Acme");
	x.company = T(NULL);
	expect(cv, "**POSITION** at COMPANY (TEAM)", &x, "**Engineer**");
}

static void test_fields(void)
{
	vita_cv *cv = cv_new("John Doe");
	vita_entry p = {0};
	p.kind = VITA_ENTRY_PUBLICATION;
	p.journal = T("ICML 2022");
	expect(cv, "URL (JOURNAL)", &p, "(ICML 2022)");
	p.doi = "10.1/x";
	expect(cv, "URL (JOURNAL)", &p, "10.1/x (ICML 2022)");
	p.journal = T(NULL);
	expect(cv, "URL (JOURNAL)", &p, "10.1/x");
	p.doi = NULL;
	p.url = "https://example.com/paper/";
	expect(cv, "URL", &p, "example.com/paper");
	p.nauthors = 2;
	p.authors = arena_array(A, 2, sizeof *p.authors);
	p.authors[0].name = T("A. One");
	p.authors[0].notes = "#";
	p.authors[1].name = T("J. Doe");
	p.authors[1].owner = true;
	p.authors[1].notes = "";
	expect(cv, "AUTHORS", &p, "A. One^#, **J. Doe**");
	expect(cv, "Hello world", &p, "Hello world");
	vita_entry e = {0};
	e.kind = VITA_ENTRY_EXPERIENCE;
	e.start_date = (vita_date){VITA_DATE_EXACT, 2021, 3, 0, NULL, {0}};
	e.end_date = (vita_date){VITA_DATE_EXACT, 2024, 11, 0, NULL, {0}};
	expect(cv, "START_DATE to END_DATE", &e, "Mar 2021 to Nov 2024");
	expect(cv, "DATE", &e, "Mar 2021 – Nov 2024");
}

/* The kinds share their members' room (cv.h): a field of another kind is no field of this entry,
 * though its bytes are this kind's (COMPANY is an education entry's institution, AWARDER a
 * publication's journal); a placeholder of such a name reads the entry's extra keys, as any other
 * name does (before the kinds shared it, a normal entry's `title:` was lost there without a
 * word). */
static void test_kind_members(void)
{
	vita_cv *cv = cv_new("John Doe");
	vita_entry e = {0};
	e.kind = VITA_ENTRY_EDUCATION;
	e.institution = T("MIT");
	CHECK(vita_entry_text(&e, vita_field_by_key("institution")) == &e.institution);
	CHECK(vita_entry_text(&e, vita_field_by_key("company")) == NULL);
	CHECK(vita_entry_text(&e, vita_field_by_key("name")) == NULL);
	CHECK(vita_entry_text(&e, vita_field_by_key("location")) == &e.location);
	expect(cv, "INSTITUTION COMPANY NAME TITLE LABEL", &e, "MIT");
	vita_entry p = {0};
	p.kind = VITA_ENTRY_PUBLICATION;
	p.title = T("On Rooms");
	p.journal = T("ICML");
	CHECK(vita_entry_text(&p, vita_field_by_key("journal")) == &p.journal);
	CHECK(vita_entry_text(&p, vita_field_by_key("awarder")) == NULL);
	CHECK(vita_entry_text(&p, vita_field_by_key("issuer")) == NULL);
	expect(cv, "TITLE, JOURNAL, AWARDER", &p, "On Rooms, ICML");
	vita_entry a = {0};
	a.kind = VITA_ENTRY_AWARD;
	a.awarder = T("ACM");
	CHECK(vita_entry_text(&a, vita_field_by_key("issuer")) == &a.awarder); /* its other name */
	CHECK(vita_entry_text(&a, vita_field_by_key("journal")) == NULL);
	vita_entry t = {0};
	t.kind = VITA_ENTRY_TEXT; /* no key: the paragraph is the bullets' member */
	t.text = T("A paragraph.");
	CHECK(vita_entry_text(&t, vita_field_by_key("bullet")) == &t.text);
	CHECK(vita_entry_text(&t, vita_field_by_key("label")) == NULL);
	vita_entry n = {0};
	n.kind = VITA_ENTRY_NUMBERED;
	CHECK(vita_entry_text(&n, vita_field_by_key("number")) == &n.text);
	CHECK(vita_entry_text(&n, vita_field_by_key("bullet")) == &n.text); /* the TEXT placeholder's row */
	vita_entry x = {0};
	x.kind = VITA_ENTRY_NORMAL;
	x.name = T("Lighthouse");
	vita_extra extra = {"title", T("Keeper")};
	x.extras = &extra;
	x.nextras = 1;
	expect(cv, "NAME: TITLE", &x, "Lighthouse: Keeper");
}

/* test_substitute's placeholder: every "X", replaced by the span list ctx. */
static bool match_x(void *ctx, const char *t, size_t n, size_t *from, size_t *start, size_t *end,
                    const vita_span **value)
{
	const char *x = memchr(t + *from, 'X', n - *from);
	if (!x)
		return false;
	*start = (size_t)(x - t);
	*end = *from = *start + 1;
	*value = ctx;
	return true;
}

/* A value that ends the result is linked when the caller shares (entry templates), copied when it
 * does not (page templates, which trim their result); a value elsewhere is always copied and left
 * as it was. */
static void test_substitute(void)
{
	vita_span *val = vita_inline_parse(A, "**v**", (vita_pos){0}, D);
	const vita_span *line = vita_inline_parse(A, "a X b X", (vita_pos){0}, D);
	vita_buf b = {0};
	for (int share = 0; share <= 1; share++) {
		vita_span *s = spans_substitute(A, line, match_x, val, share);
		plain(&b, s);
		CHECK_STR(buf_str(&b), "a **v** b **v**");
		buf_reset(&b);
		const vita_span *last = s, *middle = NULL;
		for (; last && last->next; last = last->next)
			if (last->kind == VITA_SPAN_STRONG)
				middle = last;
		CHECK(last && (last == val) == share);
		CHECK(middle && middle != val);
		CHECK(!val->next);
	}
	buf_free(&b);
}

static vita_style *style_new(void)
{
	vita_style *s = arena_alloc(A, sizeof *s);
	s->show_footer = s->show_top_note = true;
	s->footer_template = "*NAME -- PAGE_NUMBER/TOTAL_PAGES*";
	s->top_note_template = "*LAST_UPDATED CURRENT_DATE*";
	s->templates[VITA_ENTRY_ONELINE].main_column = "**LABEL:** DETAILS";
	s->templates[VITA_ENTRY_EDUCATION] = (vita_entry_templates){"**INSTITUTION**, DEGREE_WITH_AREA", NULL, "DATE"};
	s->templates[VITA_ENTRY_NORMAL] = (vita_entry_templates){"**NAME**", NULL, "DATE"};
	return s;
}

static void test_page_templates(void)
{
	vita_cv *cv = cv_new("John Doe");
	vita_style *st = style_new();
	vita_comp *c = vita_compose(cv, st, D);
	char *f = col_text(&c->footer), *t = col_text(&c->top_note);
	CHECK_STR(f, "*John Doe – {P}/{T}*");
	CHECK_STR(t, "*Last updated in Dec 2026*");
	CHECK_STR(c->title, "John Doe - CV"); /* RenderCV's default, as the .tex always had */
	free(f);
	free(t);
	vita_comp_free(c);
	/* every documented placeholder, matched longest first and without word boundaries */
	st->footer_template = "F[MONTH_NAME]F NAME PAGE_NUMBER of TOTAL_PAGES CURRENT_DATE DAY_IN_TWO_DIGITS.MONTH_IN_TWO_DIGITS.YEAR_IN_TWO_DIGITS";
	st->top_note_template = "MONTH_ABBREVIATION MONTH/DAY/YEAR";
	cv->settings.pdf_title = "NAME MONTH_NAME YEAR";
	c = vita_compose(cv, st, D);
	f = col_text(&c->footer);
	t = col_text(&c->top_note);
	CHECK_STR(f, "F[December]F John Doe {P} of {T} Dec 2026 01.12.26");
	CHECK_STR(t, "Dec 12/1/2026");
	CHECK_STR(c->title, "John Doe December 2026");
	free(f);
	free(t);
	vita_comp_free(c);
	/* no name: the separator it leaves goes, in the footer and the title */
	vita_cv *anon = cv_new(NULL);
	st->footer_template = "*NAME -- PAGE_NUMBER/TOTAL_PAGES*";
	anon->settings.pdf_title = NULL;
	c = vita_compose(anon, st, D);
	f = col_text(&c->footer);
	CHECK_STR(f, "*{P}/{T}*");
	CHECK_STR(c->title, "CV");
	free(f);
	vita_comp_free(c);
}

/* A composed CV: shapes, numbering, the date column's side. */
static void test_entries(void)
{
	vita_cv *cv = cv_new("John Doe");
	cv->sections = arena_array(A, 2, sizeof *cv->sections);
	cv->nsections = 2;
	vita_section *s = &cv->sections[0];
	s->title = T("Education");
	s->nentries = 1;
	s->entries = arena_array(A, 1, sizeof *s->entries);
	s->entries[0].kind = VITA_ENTRY_EDUCATION;
	s->entries[0].institution = T("MIT");
	s->entries[0].area = T("Physics");
	vita_section *n = &cv->sections[1];
	n->title = T("Talks");
	n->nentries = 3;
	n->entries = arena_array(A, 3, sizeof *n->entries);
	for (int i = 0; i < 3; i++) {
		n->entries[i].kind = VITA_ENTRY_REVERSED_NUMBERED;
		n->entries[i].text = T("A talk");
	}
	vita_style *st = style_new();
	vita_comp *c = vita_compose(cv, st, D);
	CHECK_INT(c->nsections, 2);
	char *m = col_text(&c->sections[0].entries[0].main);
	CHECK_STR(m, "**MIT**, Physics"); /* was "MIT, in Physics" in the PDF */
	free(m);
	CHECK(c->sections[0].entries[0].shape == VITA_SHAPE_REGULAR);
	CHECK(!c->sections[0].entries[0].degree_column);
	CHECK_STR(c->sections[1].entries[0].number, "3.");
	CHECK_STR(c->sections[1].entries[2].number, "1.");
	CHECK(c->sections[1].text_based);
	CHECK(!c->dates_left);
	CHECK_STR(c->keywords, "Education, Talks");
	vita_comp_free(c);
	st->title_type = VITA_TITLE_MODERNCV;
	c = vita_compose(cv, st, D);
	CHECK(c->dates_left);
	vita_comp_free(c);
}

/* The lines of one template are parsed once per set and shared by its entries (issue 17): the
 * second entry finds the line in the set's cache, and each still gets its own values. */
static char *eval_in(ctmpl_set *ts, const vita_cv *cv, const vita_entry *e)
{
	efields f = {A, cv, e, false};
	vita_cline *lines;
	vita_ccol c = {0};
	c.n = tmpl_lines(A, ts, tmpl_resolve(ts, 0, field_provided, &f), field_value, &f, e->pos, D, &lines);
	c.lines = lines;
	return col_text(&c);
}

static void test_parse_cache(void)
{
	vita_cv *cv = cv_new("John Doe");
	ctmpl_set ts;
	const char *cols[1] = {"**INSTITUTION**, AREA\n*AREA*"};
	tmpl_set_init(&ts, A, cols, 1, &cv->locale);
	vita_entry a = {0}, b = {0};
	a.kind = b.kind = VITA_ENTRY_EDUCATION;
	a.institution = T("MIT");
	a.area = T("Physics");
	b.institution = T("ETH");
	b.area = T("Biology");
	char *ga = eval_in(&ts, cv, &a);
	CHECK(ts.nparsed == 2);
	const vita_span *first = ts.parsed[0].spans;
	char *gb = eval_in(&ts, cv, &b);
	CHECK_STR(ga, "**MIT**, Physics|*Physics*");
	CHECK_STR(gb, "**ETH**, Biology|*Biology*");
	CHECK(ts.nparsed == 2 && ts.parsed[0].spans == first);
	free(ga);
	free(gb);
}

int main(void)
{
	A = arena_new();
	D = vita_diags_new();
	RUN(test_rendercv_removal);
	RUN(test_fields);
	RUN(test_kind_members);
	RUN(test_substitute);
	RUN(test_page_templates);
	RUN(test_entries);
	RUN(test_parse_cache);
	vita_diags_free(D);
	arena_free(A);
	return TEST_EXIT();
}
