/*
 * Unit tests for the CV loader (src/load/cv.c, entries.c, jsonresume.c, suggest.c): entry-kind
 * inference (award vs publication vs normal), mixed kinds, entries matching no kind, required
 * fields, unknown keys with did-you-mean and extra keys, section titles, highlights and their
 * nesting, authors and the owner, DOIs and links, connections in file order with their URLs,
 * JSON Resume, and the limits (entries, field length) with bounded time.
 */
#include <time.h>

#include "load/load_internal.h"
#include "test.h"
#include "vita/schema.h"

static vita_diags *D;
static char *msgs;

static vita_cv *load(const char *src)
{
	vita_diags_clear(D);
	vita_cv *cv = vita_cv_load_mem("t.yaml", src, strlen(src), D);
	free(msgs);
	size_t len;
	FILE *f = open_memstream(&msgs, &len);
	vita_diags_print(D, f, false);
	fclose(f);
	return cv;
}

static bool said(const char *piece)
{
	return msgs && strstr(msgs, piece);
}

#define CHECK_SAID(piece)                                                                           \
	do {                                                                                            \
		if (!said(piece)) {                                                                         \
			test_failures_++;                                                                       \
			printf("  %s:%d: no message with \"%s\"; got:\n%s", __FILE__, __LINE__, piece, msgs);  \
		}                                                                                           \
	} while (0)

static vita_entry_kind kind_of(const char *entry_yaml)
{
	char src[1024];
	snprintf(src, sizeof src, "cv:\n  sections:\n    s:\n      - %s\n", entry_yaml);
	vita_cv *cv = load(src);
	vita_entry_kind k = cv && cv->nsections ? cv->sections[0].kind : VITA_ENTRY_KIND_COUNT;
	if (vita_diags_count(D, VITA_ERROR))
		k = VITA_ENTRY_KIND_COUNT;
	vita_cv_free(cv);
	return k;
}

static void inference(void)
{
	CHECK_INT(kind_of("{institution: MIT, area: CS}"), VITA_ENTRY_EDUCATION);
	CHECK_INT(kind_of("{company: ACME, position: Dev}"), VITA_ENTRY_EXPERIENCE);
	CHECK_INT(kind_of("{name: Thing}"), VITA_ENTRY_NORMAL);
	CHECK_INT(kind_of("{title: Paper, authors: [A B]}"), VITA_ENTRY_PUBLICATION);
	CHECK_INT(kind_of("{title: Paper, authors: [A B], date: 2020}"), VITA_ENTRY_PUBLICATION);
	CHECK_INT(kind_of("{title: Prize, date: 2020}"), VITA_ENTRY_AWARD);
	CHECK_INT(kind_of("{title: Prize, awarder: ACM}"), VITA_ENTRY_AWARD);
	CHECK_INT(kind_of("{title: Grant, issuer: NSF, date: 2021-04}"), VITA_ENTRY_AWARD);
	CHECK_INT(kind_of("{label: L, details: D}"), VITA_ENTRY_ONELINE);
	CHECK_INT(kind_of("{bullet: B}"), VITA_ENTRY_BULLET);
	CHECK_INT(kind_of("{number: N}"), VITA_ENTRY_NUMBERED);
	CHECK_INT(kind_of("{reversed_number: R}"), VITA_ENTRY_REVERSED_NUMBERED);
	CHECK_INT(kind_of("Just text"), VITA_ENTRY_TEXT);
	CHECK_INT(kind_of("2020"), VITA_ENTRY_TEXT);
	/* RenderCV's order: `name` comes before the publication keys, `label` before everything. */
	CHECK_INT(kind_of("{name: Thing, url: 'https://x.org'}"), VITA_ENTRY_NORMAL);
	CHECK_INT(kind_of("{name: Talk, title: T}"), VITA_ENTRY_NORMAL);
	/* A title with a journal but no authors is a publication lacking authors: an error. */
	CHECK_INT(kind_of("{title: Paper, journal: J, date: 2020}"), VITA_ENTRY_KIND_COUNT);
	CHECK_SAID("a publication entry needs `authors`");
	CHECK_INT(kind_of("{title: Paper}"), VITA_ENTRY_KIND_COUNT);
	CHECK_SAID("(an entry with `title` and `date` or `awarder` but no `authors` is an award)");
}

static void entry_errors(void)
{
	vita_cv *cv = load("cv:\n  sections:\n    education:\n      - institution: MIT\n        degree: BS\n"
	                   "      - company: ACME\n        position: Dev\n      - foo: 1\n        nmae: x\n"
	                   "      -\n      - [a, b]\n");
	CHECK(cv != NULL);
	CHECK_SAID("t.yaml:4:9: error: cv.sections.education[0]: an education entry needs `area`");
	CHECK_SAID("t.yaml:6:9: error: cv.sections.education[1]: this is an experience entry, but the "
	           "section holds education entries (its first entry, at line 4, is an education entry)");
	CHECK_SAID("t.yaml:8:9: error: cv.sections.education[2]: this entry matches no entry kind: it has "
	           "`foo`, `nmae`; did you mean `nmae` for `name`?");
	CHECK_SAID("education `institution` and `area`; talk `title` and `event`; publication `title` and `authors`");
	CHECK_SAID("t.yaml:10:8: error: cv.sections.education[3]: an entry cannot be empty");
	CHECK_SAID("t.yaml:11:9: error: cv.sections.education[4]: an entry cannot be a list");
	CHECK_INT(vita_diags_count(D, VITA_ERROR), 5);
	CHECK(cv && cv->nsections == 1 && cv->sections[0].nentries == 1);
	vita_cv_free(cv);
	/* A typo in a required key is named. */
	cv = load("cv:\n  sections:\n    e:\n      - institution: MIT\n        aera: CS\n");
	CHECK_SAID("an education entry needs `area` (is `aera` a typo for it?)");
	vita_cv_free(cv);
}

/* The talk kind, added by a row of the schema table alone: inferred from `event`, its required
 * keys checked, and its own field kept by name and shown by its placeholder. */
static void talk_kind(void)
{
	CHECK_INT(kind_of("{title: On proofs, event: Systems Day, date: 2024}"), VITA_ENTRY_TALK);
	CHECK_INT(kind_of("{title: On proofs, authors: [A B]}"), VITA_ENTRY_PUBLICATION);
	vita_cv *cv = load("cv:\n  sections:\n    talks:\n      - {event: Systems Day}\n");
	CHECK_SAID("t.yaml:4:9: error: cv.sections.talks[0]: a talk entry needs `title`");
	vita_cv_free(cv);
	cv = load("cv:\n  sections:\n    talks:\n      - {title: On proofs, event: Systems Day, evnt: x}\n");
	CHECK_SAID("unknown key `evnt` in a talk entry; did you mean `event`? (ignored)");
	CHECK(cv && cv->sections[0].nentries == 1);
	if (cv && cv->sections[0].nentries == 1) {
		const vita_entry *e = &cv->sections[0].entries[0];
		const vita_text *t = vita_entry_text(e, vita_field_by_placeholder("EVENT", 5));
		CHECK(t && t->md && strcmp(t->md, "Systems Day") == 0);
		CHECK_INT((long)e->nextras, 0);
	}
	vita_cv_free(cv);
	CHECK_STR(vita_entry_kind_name(VITA_ENTRY_TALK), "talk");
}

/* `{sort: ..., entries: [...]}`: by end date then start date, `present` latest, years alone,
 * stable; an entry with a date in words stays after the one it followed, with a warning. */
/* RenderCV's count of a time span (its date.py): years of 365 days, then months of 30 rounded up,
 * 12 months a year; two bare years give years only, at least one; `present` is the current date. */
static void time_spans(void)
{
	vita_cv *cv = load("cv:\n  sections:\n    experience:\n"
	                   "      - {company: A, position: P, start_date: 2020-06, end_date: 2023-09}\n"
	                   "      - {company: B, position: P, start_date: 2018, end_date: 2019}\n"
	                   "      - {company: C, position: P, start_date: 2015, end_date: 2020}\n"
	                   "      - {company: D, position: P, start_date: 2024-01, end_date: 2024-01}\n"
	                   "      - {company: E, position: P, start_date: 2020-01, end_date: 2020-12}\n"
	                   "      - {company: F, position: P, start_date: 2023-10, end_date: present}\n"
	                   "      - {company: G, position: P, date: Fall 2015}\n"
	                   "settings:\n  current_date: 2025-01-01\n"
	                   "locale:\n  years: ans\n  year: an\n  months: mois\n  month: mois\n");
	CHECK(cv != NULL);
	if (!cv)
		return;
	const char *want[] = {"3 ans 4 mois", "1 an", "5 ans", "1 mois", "1 an", "1 an 4 mois", NULL};
	for (size_t i = 0; i < 7 && i < cv->sections[0].nentries; i++) {
		char *got = vita_time_span_text(cv, &cv->sections[0].entries[i]);
		if (want[i])
			CHECK_STR(got ? got : "(none)", want[i]);
		else
			CHECK(got == NULL); /* a free-text date has no span */
		free(got);
	}
	vita_cv_free(cv);
}

static void sorted_sections(void)
{
	const char *src = "cv:\n  sections:\n    s:\n      sort: %s\n      entries:\n"
	                  "        - {name: A, start_date: 2010-01, end_date: 2012-06}\n"
	                  "        - {name: B, start_date: 2020-01, end_date: present}\n"
	                  "        - {name: C, date: Fall 2015}\n"
	                  "        - {name: D, start_date: 2014, end_date: 2016}\n"
	                  "        - {name: E, start_date: 2013, end_date: 2016}\n"
	                  "        - {name: F, date: 2016}\n";
	const char *sorts[] = {"date-desc", "date-asc", "none"};
	const char *want[] = {"BCFDEA", "AEDFBC", "ABCDEF"};
	for (int t = 0; t < 3; t++) {
		char buf[1024];
		snprintf(buf, sizeof buf, src, sorts[t]);
		vita_cv *cv = load(buf);
		char got[16] = {0};
		for (size_t i = 0; cv && cv->nsections && i < cv->sections[0].nentries && i < 15; i++)
			got[i] = cv->sections[0].entries[i].name.md[0];
		CHECK_STR(got, want[t]);
		if (t < 2)
			CHECK_SAID("t.yaml:8:11: warning: cv.sections.s: this entry has a date in words");
		vita_cv_free(cv);
	}
	vita_cv *cv = load("cv:\n  sections:\n    s:\n      sort: newest\n      entries:\n        - x\n");
	CHECK_SAID("t.yaml:4:13: error: cv.sections.s: unknown sort \"newest\"; use date-desc, date-asc or none");
	vita_cv_free(cv);
}

/* settings.sections: reorder and select, matched case-insensitively by title or key. */
static void section_order(void)
{
	vita_cv *cv = load("cv:\n  sections:\n    education:\n      - x\n    Selected Talks:\n      - y\n"
	                   "    skills:\n      - z\nsettings:\n  sections: [selected talks, Education, Nope]\n");
	CHECK(cv && cv->nsections == 2);
	if (cv && cv->nsections == 2) {
		CHECK_STR(cv->sections[0].key, "Selected Talks");
		CHECK_STR(cv->sections[1].key, "education");
	}
	CHECK_SAID("note: settings.sections: sections not listed here are left out: `skills`");
	CHECK_SAID("t.yaml:10:41: warning: settings.sections: no section `Nope` in cv.sections");
	vita_cv_free(cv);
}

/* Variants: `tags` on entries and sections; only keeps untagged and matching, except removes. */
static void variants_by_tag(void)
{
	const char *src = "cv:\n  sections:\n    s:\n      - {name: A}\n      - {name: B, tags: [industry]}\n"
	                  "      - {name: C, tags: [academic, short]}\n    t:\n      tags: academic\n"
	                  "      entries:\n        - {name: D}\n";
	struct {
		const char *only[2], *except[2];
		size_t no, ne;
		const char *want;
	} cases[] = {
	    {{0}, {0}, 0, 0, "ABC|D"},
	    {{"industry"}, {0}, 1, 0, "AB"},
	    {{"academic"}, {0}, 1, 0, "AC|D"},
	    {{"industry", "academic"}, {0}, 2, 0, "ABC|D"},
	    {{0}, {"short"}, 0, 1, "AB|D"},
	    {{"academic"}, {"short"}, 1, 1, "A|D"},
	};
	for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
		vita_cv *cv = load(src);
		CHECK(cv != NULL && !vita_diags_count(D, VITA_ERROR));
		if (!cv)
			continue;
		vita_select sel = {cases[t].only, cases[t].no, cases[t].except, cases[t].ne};
		vita_cv_select(cv, &sel, D);
		char got[32] = {0};
		size_t k = 0;
		for (size_t i = 0; i < cv->nsections; i++) {
			if (i)
				got[k++] = '|';
			for (size_t j = 0; j < cv->sections[i].nentries && k < 30; j++)
				got[k++] = cv->sections[i].entries[j].name.md[0];
		}
		CHECK_STR(got, cases[t].want);
		vita_cv_free(cv);
	}
}

static void unknown_keys_and_extras(void)
{
	vita_cv *cv = load("cv:\n  name: A\n  emial: a@b.org\n  experience:\n    - x\n  sections:\n"
	                   "    education:\n      - institution: MIT\n        area: CS\n        strat_date: 2020\n"
	                   "        gpa: '3.9'\n        hightlights: [a]\n        labels: [x, y]\n"
	                   "settings:\n  bold_keyword: [x]\n  render_command:\n    pdf_path: x.pdf\n"
	                   "locale:\n  presnt: now\nfoo: 1\nsetings: {}\n");
	CHECK(cv != NULL);
	CHECK_SAID("3:3: warning: unknown key `emial` in `cv`; did you mean `email`? (ignored)");
	CHECK_SAID("4:3: warning: unknown key `experience` in `cv` (ignored); sections go under `cv.sections`");
	CHECK_SAID("10:9: warning: cv.sections.education[0]: unknown key `strat_date` in an education "
	           "entry; did you mean `start_date`? (ignored)");
	CHECK_SAID("12:9: warning: cv.sections.education[0]: unknown key `hightlights` in an education "
	           "entry; did you mean `highlights`?");
	CHECK_SAID("13:9: warning: cv.sections.education[0]: `labels` is not a field of an education entry "
	           "and holds a list");
	CHECK_SAID("15:3: warning: unknown key `bold_keyword` in `settings`; did you mean `bold_keywords`?");
	CHECK_SAID("19:3: warning: unknown key `presnt` in `locale`; did you mean `present`?");
	CHECK_SAID("20:1: error: unknown top-level key `foo` (the top level holds only `cv`, `design`, "
	           "`locale` and `settings`)");
	CHECK_SAID("21:1: error: unknown top-level key `setings`; did you mean `settings`?");
	CHECK(!said("render_command"));
	CHECK(!said("gpa"));
	const vita_entry *e = cv && cv->nsections ? &cv->sections[0].entries[0] : NULL;
	CHECK(e && e->nextras == 1);
	if (e && e->nextras) {
		CHECK_STR(e->extras[0].key, "gpa");
		CHECK_STR(e->extras[0].value.md, "3.9");
		CHECK_INT(e->extras[0].value.pos.line, 11);
	}
	vita_cv_free(cv);
}

static void suggestions(void)
{
	const char *keys[] = {"start_date", "end_date", "date", "highlights", "location", NULL};
	CHECK_STR(suggest("strat_date", keys), "start_date");
	CHECK_STR(suggest("enddate", keys), "end_date");
	CHECK_STR(suggest("hightlights", keys), "highlights");
	CHECK_STR(suggest("lcoation", keys), "location");
	CHECK_STR(suggest("Date", keys), "date");
	CHECK(suggest("note", keys) == NULL);
	CHECK(suggest("tags", keys) == NULL);
	/* Part of a word (src/base/suggest.c partial_word): too many edits, as likely a slip. */
	CHECK_STR(suggest("start", keys), "start_date");
	CHECK_STR(suggest("locations", keys), "location");
	CHECK(suggest("end", keys) == NULL); /* too short to be telling */
	CHECK_INT(vita_edit_distance("ab", "ba"), 1);
	CHECK_INT(vita_edit_distance("kitten", "sitting"), 3);
	CHECK_INT(vita_edit_distance("", "abc"), 3);
}

static void titles_and_text(void)
{
	vita_cv *cv = load("cv:\n  sections:\n    selected_honors: [a]\n    education_and_training: [a]\n"
	                   "    Welcome to RenderCV: [a]\n    myPapers: [a]\n    of_note: [a]\n    éducation: [a]\n");
	const char *want[] = {"Selected Honors", "Education and Training", "Welcome to RenderCV",
	                      "myPapers", "Of Note", "Éducation"};
	CHECK(cv && cv->nsections == 6);
	for (size_t i = 0; cv && i < cv->nsections && i < 6; i++)
		CHECK_STR(cv->sections[i].title.md, want[i]);
	vita_cv_free(cv);
	cv = load("cv:\n  name: '**Bold** Name'\n  headline: 2020\n  location: |\n    Multi\n");
	CHECK(cv && cv->name.spans && cv->name.spans->kind == VITA_SPAN_STRONG);
	CHECK_STR(cv ? cv->headline.md : NULL, "2020");
	CHECK_STR(cv ? cv->location.md : NULL, "Multi");
	CHECK_INT(cv ? cv->name.pos.line : 0, 2);
	CHECK_INT(cv ? cv->name.pos.col : 0, 9);
	vita_cv_free(cv);
	/* No name is fine. */
	cv = load("cv:\n  sections:\n    s: [a]\n");
	CHECK(cv && !cv->name.md);
	CHECK_INT(vita_diags_count(D, VITA_ERROR) + vita_diags_count(D, VITA_WARNING), 0);
	vita_cv_free(cv);
}

static void highlights(void)
{
	vita_cv *cv = load("cv:\n  sections:\n    s:\n      - name: N\n        highlights:\n"
	                   "          - Plain one\n"
	                   "          - Main point\n            - sub one\n            - sub two\n"
	                   "          - |\n            Block\n            - sub three\n"
	                   "          - Listed\n          - [sub four, sub five]\n");
	const vita_entry *e = cv && cv->nsections ? &cv->sections[0].entries[0] : NULL;
	CHECK(e && e->nhighlights == 4);
	if (e && e->nhighlights == 4) {
		CHECK_STR(e->highlights[0].text.md, "Plain one");
		CHECK_INT(e->highlights[0].nchildren, 0);
		CHECK_STR(e->highlights[1].text.md, "Main point");
		CHECK_INT(e->highlights[1].nchildren, 2);
		if (e->highlights[1].nchildren == 2) {
			CHECK_STR(e->highlights[1].children[0].text.md, "sub one");
			CHECK_STR(e->highlights[1].children[1].text.md, "sub two");
		}
		CHECK_STR(e->highlights[2].text.md, "Block");
		CHECK_INT(e->highlights[2].nchildren, 1);
		CHECK_STR(e->highlights[3].text.md, "Listed");
		CHECK_INT(e->highlights[3].nchildren, 2);
	}
	vita_cv_free(cv);
	cv = load("cv:\n  sections:\n    s:\n      - name: N\n        highlights: just one\n");
	CHECK_SAID("5:21: error: cv.sections.s[0].highlights: expected a list of highlights, got a string");
	vita_cv_free(cv);
}

/* ... unless the file asks vita to find the owner by name (settings.bold_owner). */
static void publications_bold_owner(void)
{
	vita_cv *cv = load("cv:\n  name: John Doe\n  sections:\n    p:\n"
	                   "      - title: T1\n        authors: ['J. Doe', 'Jane Doe']\n"
	                   "      - title: T2\n        authors: ['*Max Li*', 'J. Doe']\n"
	                   "settings:\n  bold_owner: true\n");
	CHECK(cv && cv->nsections == 1 && cv->sections[0].nentries == 2);
	if (cv && cv->nsections == 1 && cv->sections[0].nentries == 2) {
		const vita_entry *e = cv->sections[0].entries;
		CHECK(e[0].authors[0].owner && !e[0].authors[0].owner_marked && !e[0].authors[1].owner);
		/* an entry that marks someone (in italic) is left as written */
		CHECK(e[1].authors[0].owner_marked && e[1].authors[0].emphasis == 1 && !e[1].authors[1].owner);
	}
	vita_cv_free(cv);
}

static void publications(void)
{
	vita_cv *cv = load(
	    "cv:\n  name: John Doe\n  sections:\n    p:\n"
	    "      - title: T1\n        authors: ['J. Doe', 'Jane Doe*', '#Bo Wu']\n        doi: 'https://doi.org/10.1145/123.456'\n"
	    "      - title: T2\n        authors: ['**John Doe**', 'J. Doe']\n        doi: doi:10.5555/x\n        url: 'javascript:alert(1)'\n"
	    "      - title: T3\n        authors: [A B]\n        doi: 11.1/x\n        url: https://example.org/p.pdf\n");
	CHECK(cv && cv->nsections == 1 && cv->sections[0].nentries == 3);
	if (cv && cv->nsections == 1 && cv->sections[0].nentries == 3) {
		const vita_entry *e = cv->sections[0].entries;
		/* RenderCV bolds only whom the file marks (issue 13): "J. Doe" is not the owner ... */
		CHECK(e[0].nauthors == 3 && !e[0].authors[0].owner && !e[0].authors[0].owner_marked);
		CHECK(!e[0].authors[1].owner);
		CHECK_STR(e[0].authors[1].notes, "*");
		CHECK_STR(e[0].authors[1].name.md, "Jane Doe");
		CHECK_STR(e[0].authors[2].notes, "#");
		CHECK_STR(e[0].doi, "10.1145/123.456");
		CHECK_INT(e[0].doi_pos.line, 7);
		/* The user marked the owner: vita does not match anyone else in that entry. */
		CHECK(e[1].authors[0].owner && e[1].authors[0].owner_marked && !e[1].authors[1].owner);
		CHECK_STR(e[1].doi, "10.5555/x");
		CHECK(e[1].url == NULL);
		CHECK(e[2].doi == NULL);
		CHECK_STR(e[2].url, "https://example.org/p.pdf");
	}
	CHECK_SAID("11:14: warning: cv.sections.p[1].url: link \"javascript:alert(1)\" is not http, https or mailto; it is left out");
	CHECK_SAID("14:14: error: cv.sections.p[2].doi: \"11.1/x\" is not a DOI");
	CHECK_INT(vita_diags_count(D, VITA_ERROR), 1);
	vita_cv_free(cv);
	cv = load("cv:\n  sections:\n    p:\n      - title: T\n        authors: A, B\n");
	CHECK_SAID("5:18: error: cv.sections.p[0].authors: expected a list of authors, got a string");
	vita_cv_free(cv);
}

static void connections(void)
{
	vita_cv *cv = load(
	    "cv:\n  website: [https://a.org/, 'http://b.org/x/']\n  name: N\n  phone: '+1 (609) 555-0100'\n"
	    "  location: Kraków\n  email: [a@b.org, c@d.org]\n"
	    "  social_networks:\n    - {network: GitHub, username: jdoe}\n    - {network: Mastodon, username: '@jd@fosstodon.org'}\n"
	    "    - {network: ORCID, username: 0000-0002-1825-0097}\n    - {network: Google Scholar, username: AbC123}\n"
	    "    - {network: github, username: other}\n    - {network: YouTube, username: chan}\n"
	    "  custom_connections:\n    - {placeholder: Book a call, url: 'https://cal.com/x', fontawesome_icon: calendar-days}\n"
	    "    - {placeholder: No link, fontawesome_icon: star}\n");
	struct {
		vita_conn_kind kind;
		const char *text, *url, *network;
	} want[] = {
	    {VITA_CONN_WEBSITE, "a.org", "https://a.org/", NULL},
	    {VITA_CONN_WEBSITE, "b.org/x", "http://b.org/x/", NULL},
	    {VITA_CONN_PHONE, "+1 (609) 555-0100", "tel:+16095550100", NULL},
	    {VITA_CONN_LOCATION, "Kraków", NULL, NULL},
	    {VITA_CONN_EMAIL, "a@b.org", "mailto:a@b.org", NULL},
	    {VITA_CONN_EMAIL, "c@d.org", "mailto:c@d.org", NULL},
	    {VITA_CONN_SOCIAL, "jdoe", "https://github.com/jdoe", "GitHub"},
	    {VITA_CONN_SOCIAL, "@jd@fosstodon.org", "https://fosstodon.org/@jd", "Mastodon"},
	    {VITA_CONN_SOCIAL, "0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097", "ORCID"},
	    {VITA_CONN_SOCIAL, "Google Scholar", "https://scholar.google.com/citations?user=AbC123", "Google Scholar"},
	    {VITA_CONN_SOCIAL, "other", "https://github.com/other", "GitHub"},
	    {VITA_CONN_SOCIAL, "chan", "https://youtube.com/@chan", "YouTube"},
	    {VITA_CONN_CUSTOM, "Book a call", "https://cal.com/x", "calendar-days"},
	    {VITA_CONN_CUSTOM, "No link", NULL, "star"},
	};
	size_t n = sizeof want / sizeof *want;
	CHECK_INT(cv ? cv->nconnections : 0, n);
	CHECK_INT(vita_diags_count(D, VITA_ERROR) + vita_diags_count(D, VITA_WARNING), 0);
	for (size_t i = 0; cv && i < n && i < cv->nconnections; i++) {
		const vita_connection *c = &cv->connections[i];
		CHECK_INT(c->kind, want[i].kind);
		CHECK_STR(c->text, want[i].text);
		if (want[i].url)
			CHECK_STR(c->url, want[i].url);
		else
			CHECK(c->url == NULL);
		if (want[i].network)
			CHECK_STR(c->network, want[i].network);
	}
	vita_cv_free(cv);
	cv = load("cv:\n  email: not-an-email\n  phone: call me\n  website: 'javascript:x'\n"
	          "  social_networks:\n    - {network: Mastodon, username: jd}\n    - {network: Linkdin, username: x}\n"
	          "    - {network: ORCID, username: 1234}\n    - {network: YouTube, username: '@chan'}\n"
	          "    - {network: GitHub}\n");
	CHECK_SAID("2:10: error: cv.email: \"not-an-email\" is not a valid email address");
	CHECK_SAID("3:10: error: cv.phone: \"call me\" is not a valid phone number");
	CHECK_SAID("4:12: warning: cv.website: website \"javascript:x\" is not an http or https link");
	CHECK_SAID("6:37: error: cv.social_networks[0].username: \"jd\": a Mastodon username is written \"@username@domain\"");
	CHECK_SAID("unknown network \"Linkdin\" (did you mean \"LinkedIn\"?)");
	CHECK_SAID("an ORCID iD is written");
	CHECK_SAID("a YouTube username is written without the leading \"@\"");
	CHECK_SAID("10:7: error: cv.social_networks[4]: a social network needs `username`");
	CHECK(cv && cv->nconnections == 0);
	vita_cv_free(cv);
}

static void top_level(void)
{
	vita_cv *cv = load("- a\n- b\n");
	CHECK(cv == NULL);
	CHECK_SAID("t.yaml:1:1: error: the top level must be a mapping with `cv:`");
	cv = load("design:\n  theme: classic\n");
	CHECK(cv == NULL);
	CHECK_SAID("no `cv:` key");
	cv = load("");
	CHECK(cv == NULL);
	CHECK_SAID("the file is empty");
	cv = load("cv:\n  name: x\n  sections: [a]\n");
	CHECK_SAID("3:13: error: cv.sections: expected a mapping of section titles to lists of entries, got a list");
	vita_cv_free(cv);
	cv = load("cv:\n  sections:\n    s: text\n    t:\n");
	CHECK_SAID("3:8: error: cv.sections.s: a section must be a list of entries, got a string");
	CHECK_SAID("4:5: warning: cv.sections.t: section `t` has no entries (left out)");
	vita_cv_free(cv);
	cv = load("cv:\n  name: x\nlocale:\n  month_abbreviations: [a, b]\n");
	CHECK_SAID("4:24: error: locale.month_abbreviations: expected 12 items (January to December), got 2");
	CHECK(cv && strcmp(cv->locale.month_abbreviations[0], "Jan") == 0);
	vita_cv_free(cv);
	cv = load("cv:\n  name: x\nsettings:\n  current_date: 2024-13-01\n  bold_keywords: [a, a, b]\n  pdf_title: NAME CV\n");
	CHECK_SAID("4:17: error: settings.current_date: \"2024-13-01\" is not a valid date: the month must be between 1 and 12");
	CHECK(cv && cv->settings.nbold_keywords == 2);
	CHECK_STR(cv ? cv->settings.pdf_title : NULL, "NAME CV");
	vita_cv_free(cv);
}

static void jsonresume(void)
{
	vita_cv *cv = load(
	    "{\"basics\": {\"name\": \"Ada Example\", \"label\": \"Engineer\", \"email\": \"ada@example.org\",\n"
	    " \"location\": {\"address\": \"1 Rue X\", \"postalCode\": \"69000\", \"city\": \"Lyon\", \"countryCode\": \"FR\"},\n"
	    " \"profiles\": [{\"network\": \"GitHub\", \"username\": \"ada\"}, {\"network\": \"Blog\", \"url\": \"https://ada.example.org\"}]},\n"
	    " \"work\": [{\"name\": \"Acme\", \"position\": \"Dev\", \"startDate\": \"2020-01-15\", \"highlights\": [\"Did x\"]}],\n"
	    " \"education\": [{\"institution\": \"Uni\", \"area\": \"CS\", \"studyType\": \"MSc\", \"endDate\": \"2019\"}],\n"
	    " \"awards\": [{\"title\": \"Prize\", \"awarder\": \"ACM\", \"date\": \"2021\"}],\n"
	    " \"skills\": [{\"name\": \"C\", \"level\": \"Expert\", \"keywords\": [\"C11\", \"POSIX\"]}],\n"
	    " \"publications\": [{\"name\": \"Paper\", \"publisher\": \"J\", \"releaseDate\": \"2022-03\"}]}\n");
	CHECK(cv != NULL);
	CHECK_INT(vita_diags_count(D, VITA_ERROR) + vita_diags_count(D, VITA_WARNING), 0);
	if (!cv)
		return;
	CHECK_STR(cv->name.md, "Ada Example");
	CHECK_STR(cv->headline.md, "Engineer");
	CHECK_STR(cv->location.md, "1 Rue X, 69000 Lyon, FR"); /* every part kept */
	CHECK_INT(cv->nconnections, 4);
	if (cv->nconnections == 4) {
		CHECK_STR(cv->connections[2].url, "https://github.com/ada");
		CHECK_INT(cv->connections[3].kind, VITA_CONN_CUSTOM);
		CHECK_STR(cv->connections[3].url, "https://ada.example.org");
	}
	CHECK_INT(cv->nsections, 5);
	if (cv->nsections == 5) {
		CHECK_STR(cv->sections[0].title.md, "Experience");
		CHECK_INT(cv->sections[0].kind, VITA_ENTRY_EXPERIENCE);
		const vita_entry *w = &cv->sections[0].entries[0];
		CHECK_STR(w->company.md, "Acme");
		CHECK(w->start_date.kind == VITA_DATE_EXACT && w->end_date.kind == VITA_DATE_PRESENT);
		CHECK_INT(w->company.pos.line, 4);
		CHECK_STR(cv->sections[1].entries[0].degree.md, "MSc");
		CHECK(cv->sections[1].entries[0].date.kind == VITA_DATE_EXACT);
		CHECK_INT(cv->sections[2].kind, VITA_ENTRY_AWARD);
		CHECK_STR(cv->sections[2].entries[0].awarder.md, "ACM");
		CHECK_STR(cv->sections[3].entries[0].details.md, "C11, POSIX (Expert)"); /* the level is kept */
		CHECK_INT(cv->sections[4].kind, VITA_ENTRY_PUBLICATION);
		CHECK_STR(cv->sections[4].entries[0].journal.md, "J");
	}
	vita_cv_free(cv);
	cv = load("{\"basics\": {\"name\": \"A\"}, \"work\": [{\"position\": \"Dev\", \"startDate\": \"2020-13\"}]}\n");
	CHECK_SAID("error: work[0]: needs `name` (the organization)");
	CHECK_SAID("error: work[0].startDate: \"2020-13\" is not a valid date: the month must be between 1 and 12");
	vita_cv_free(cv);
}

static void limits(void)
{
	/* 100,000 entries: one error, bounded time. */
	vita_buf b = {0};
	buf_puts(&b, "cv:\n  sections:\n    s:\n");
	for (int i = 0; i < 100000; i++)
		buf_puts(&b, "      - x\n");
	clock_t t0 = clock();
	vita_cv *cv = load(buf_str(&b));
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK(cv != NULL);
	CHECK_INT(vita_diags_count(D, VITA_ERROR), 1);
	CHECK_SAID("50004:9: error: cv.sections.s: too many entries: a CV may have at most 50000 entries");
	CHECK(cv && cv->sections[0].nentries == VITA_MAX_ENTRIES);
	CHECK(secs < 5);
	vita_cv_free(cv);
	buf_free(&b);
	/* A 1 MB field. */
	buf_puts(&b, "cv:\n  name: '");
	for (int i = 0; i < (1 << 20); i++)
		buf_putc(&b, 'a' + i % 26);
	buf_puts(&b, "'\n  headline: ok\n");
	cv = load(buf_str(&b));
	CHECK(cv != NULL);
	CHECK_SAID("2:9: error: cv.name: this field is 1048576 bytes long; the limit for one field is 65536 bytes");
	CHECK(cv && !cv->name.md && cv->headline.md);
	vita_cv_free(cv);
	buf_free(&b);
}

int main(void)
{
	D = vita_diags_new();
	RUN(inference);
	RUN(entry_errors);
	RUN(talk_kind);
	RUN(time_spans);
	RUN(sorted_sections);
	RUN(section_order);
	RUN(variants_by_tag);
	RUN(unknown_keys_and_extras);
	RUN(suggestions);
	RUN(titles_and_text);
	RUN(highlights);
	RUN(publications);
	RUN(publications_bold_owner);
	RUN(connections);
	RUN(top_level);
	RUN(jsonresume);
	RUN(limits);
	vita_diags_free(D);
	free(msgs);
	return TEST_EXIT();
}
