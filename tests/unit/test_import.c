/*
 * `vita import` end to end, in process:
 *   roundtrip  the YAML the importer writes loads back (vita_cv_load_mem) to the same model: the two
 *              `vita dump`s are equal once source positions are taken out (they point into
 *              different files) — for the five profiles, every fixture in tests/fixtures/import/
 *              and every site folder in tests/fixtures/sites/group/.
 *   accept     each profile of ../shared/profiles/ imported raw (no overlay) and compared field by
 *              field with vita's hand transcription (tests/golden/import-reference/, a copy of
 *              content/ made before any regeneration): publications matched by title, their author
 *              lists exact and in order with the owner marked, education and experience entries with
 *              their dates, every section present.  The figures are printed.
 *   lost       nothing lost: every word of a source's visible text (front-matter keys, Liquid, HTML
 *              tags and link targets removed) is in the written YAML, as a value or in a
 *              "not imported" comment; and at most 5% of the words are in those comments.
 */
#include <ctype.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "base/base.h"
#include "io/io.h"
#include "normalize/normalize.h"
#include "test.h"
#include "vita/cv.h"

/* ---- helpers ---- */

static char *dump_of(const vita_cv *cv)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	vita_cv_dump(cv, f);
	fclose(f);
	/* positions ("@12:5") and the file's path say where, not what: removed */
	char *w = buf;
	for (const char *r = buf; *r;) {
		if (*r == '@' && isdigit((unsigned char)r[1])) {
			r++;
			while (isdigit((unsigned char)*r) || *r == ':')
				r++;
			continue;
		}
		*w++ = *r++;
	}
	*w = 0;
	char *nl = strchr(buf, '\n'); /* the first line names the file */
	if (nl)
		memmove(buf, nl + 1, strlen(nl + 1) + 1);
	return buf;
}

static vita_imported *import_one(const char *path, const char *owner, vita_diags *d)
{
	const char *paths[] = {path};
	vita_import_opts o = {.owner = owner};
	return vita_import(paths, 1, &o, d);
}

/* First differing line of a and b, printed. */
static void show_diff(const char *a, const char *b)
{
	int line = 1;
	while (*a && *a == *b) {
		line += *a == '\n';
		a++, b++;
	}
	printf("    first difference at dump line %d:\n    import: %.100s\n    loaded: %.100s\n", line, a, b);
}

static void check_roundtrip(const char *path, const char *owner)
{
	vita_diags *d = vita_diags_new();
	vita_imported *im = import_one(path, owner, d);
	CHECK(im != NULL);
	if (!im) {
		vita_diags_print(d, stdout, false);
		vita_diags_free(d);
		return;
	}
	size_t len;
	char *yaml = vita_imported_yaml(im, &len);
	vita_diags *d2 = vita_diags_new();
	vita_cv *back = vita_cv_load_mem("imported.yaml", yaml, len, d2);
	CHECK(back != NULL);
	CHECK_INT(vita_diags_count(d2, VITA_ERROR), 0);
	CHECK_INT(vita_diags_count(d2, VITA_WARNING), 0);
	if (vita_diags_count(d2, VITA_ERROR) || vita_diags_count(d2, VITA_WARNING))
		vita_diags_print(d2, stdout, false);
	if (back) {
		char *x = dump_of(vita_imported_cv(im)), *y = dump_of(back);
		if (strcmp(x, y) != 0) {
			printf("  %s: the written YAML does not load back to the same model\n", path);
			show_diff(x, y);
			CHECK(strcmp(x, y) == 0);
		}
		free(x);
		free(y);
	}
	vita_cv_free(back);
	free(yaml);
	vita_imported_free(im);
	vita_diags_free(d2);
	vita_diags_free(d);
}

/* ---- the five profiles ---- */

static const struct profile {
	const char *prefix;    /* ../shared/profiles/NNN_* */
	const char *reference; /* tests/golden/import-reference/NAME.yaml */
	const char *owner;     /* --owner, only where the source never names its owner */
	size_t min_dated;      /* education + experience entries whose dates the source lists */
	const char *prose;     /* reference sections the source has only as prose (not derived) */
} profiles[] = {
    {"000", "chenyu-jiang", NULL, 4, NULL},
    {"001", "chunyu-xue", NULL, 4, NULL},
    /* the Ph.D.'s date (July 2024) is in the bio's prose, not in the education list */
    {"002", "jiazhi-jiang", "Jiazhi Jiang", 3, NULL},
    {"003", "jiangfei-duan", NULL, 7, NULL},
    /* positions and degrees are sentences of the bio; the transcription made entries of them */
    {"004", "teleai-infra-lead", NULL, 0, "Experience, Education"},
};

static char *profile_path(const struct profile *p)
{
	char pat[256];
	snprintf(pat, sizeof pat, "../shared/profiles/%s_*.txt", p->prefix);
	glob_t g;
	char *path = NULL;
	if (glob(pat, 0, NULL, &g) == 0 && g.gl_pathc == 1)
		path = xstrdup(g.gl_pathv[0]);
	globfree(&g);
	return path;
}

static void test_roundtrip_profiles(void)
{
	for (size_t i = 0; i < sizeof profiles / sizeof *profiles; i++) {
		char *path = profile_path(&profiles[i]);
		if (!path)
			SKIP("../shared/profiles is not there");
		check_roundtrip(path, profiles[i].owner);
		free(path);
	}
}

static void test_roundtrip_fixtures(void)
{
	glob_t g;
	CHECK(glob("tests/fixtures/import/*", 0, NULL, &g) == 0);
	CHECK(g.gl_pathc >= 6);
	for (size_t i = 0; i < g.gl_pathc; i++)
		check_roundtrip(g.gl_pathv[i], "Ana Lima");
	globfree(&g);
	/* site folders (a pattern ending in "/" matches folders only) */
	CHECK(glob("tests/fixtures/sites/group/*/", 0, NULL, &g) == 0);
	CHECK(g.gl_pathc >= 2);
	for (size_t i = 0; i < g.gl_pathc; i++)
		check_roundtrip(g.gl_pathv[i], NULL);
	globfree(&g);
}

/* Letters and digits only, folded: how titles and names are compared (emoji and marks go). */
static char *key_of(const char *s)
{
	utf8proc_uint8_t *f = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)(s ? s : ""), 0, &f,
	                 UTF8PROC_NULLTERM | UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK) < 0)
		return xstrdup("");
	vita_buf b = {0};
	utf8proc_int32_t cp;
	for (const utf8proc_uint8_t *r = f; *r;) {
		utf8proc_ssize_t l = utf8proc_iterate(r, -1, &cp);
		if (l <= 0)
			break;
		utf8proc_category_t c = utf8proc_category(cp);
		if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
			buf_put(&b, r, (size_t)l);
		else if (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO)
			buf_put(&b, r, (size_t)l);
		r += l;
	}
	free(f);
	return b.data ? buf_take(&b) : xstrdup("");
}

static bool same_text(const char *a, const char *b)
{
	char *x = key_of(a), *y = key_of(b);
	bool same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

static const vita_entry *find_pub(const vita_cv *cv, const char *title)
{
	for (size_t s = 0; s < cv->nsections; s++)
		for (size_t i = 0; i < cv->sections[s].nentries; i++) {
			const vita_entry *e = &cv->sections[s].entries[i];
			if (e->kind == VITA_ENTRY_PUBLICATION && same_text(e->title.md, title))
				return e;
		}
	return NULL;
}

static bool same_authors(const vita_entry *a, const vita_entry *b)
{
	if (a->nauthors != b->nauthors)
		return false;
	for (size_t i = 0; i < a->nauthors; i++)
		if (!same_text(a->authors[i].name.md, b->authors[i].name.md) ||
		    a->authors[i].owner != b->authors[i].owner)
			return false;
	return true;
}

static bool same_date(const vita_date *a, const vita_date *b)
{
	return a->kind == b->kind && a->year == b->year && a->month == b->month;
}

static bool has_dated(const vita_cv *cv, const vita_entry *r)
{
	for (size_t s = 0; s < cv->nsections; s++)
		for (size_t i = 0; i < cv->sections[s].nentries; i++) {
			const vita_entry *e = &cv->sections[s].entries[i];
			if (e->kind == r->kind && same_date(&e->date, &r->date) &&
			    same_date(&e->start_date, &r->start_date) && same_date(&e->end_date, &r->end_date))
				return true;
		}
	return false;
}

static bool has_section(const vita_cv *cv, const char *title)
{
	for (size_t s = 0; s < cv->nsections; s++)
		if (same_text(cv->sections[s].title.md, title))
			return true;
	return false;
}

typedef struct figures {
	size_t pubs, pubs_found, authors_exact, dated, dated_found, sections, sections_found;
} figures;

static bool in_list(const char *list, const char *title)
{
	size_t n = strlen(title);
	for (const char *p = list; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] ? 1 : 0)) {
		while (*p == ' ')
			p++;
		if (strncmp(p, title, n) == 0 && (p[n] == ',' || !p[n]))
			return true;
	}
	return false;
}

static figures compare(const vita_cv *got, const vita_cv *ref, const char *prose)
{
	figures f = {0};
	for (size_t s = 0; s < ref->nsections; s++) {
		const vita_section *sec = &ref->sections[s];
		if (in_list(prose, sec->title.md))
			continue;
		f.sections++;
		f.sections_found += has_section(got, sec->title.md);
		for (size_t i = 0; i < sec->nentries; i++) {
			const vita_entry *r = &sec->entries[i];
			if (r->kind == VITA_ENTRY_PUBLICATION) {
				const vita_entry *e = find_pub(got, r->title.md);
				f.pubs++;
				f.pubs_found += e != NULL;
				f.authors_exact += e && same_authors(e, r);
			} else if (r->kind == VITA_ENTRY_EDUCATION || r->kind == VITA_ENTRY_EXPERIENCE) {
				f.dated++;
				f.dated_found += has_dated(got, r);
			}
		}
	}
	return f;
}

static void test_accept_profiles(void)
{
	for (size_t i = 0; i < sizeof profiles / sizeof *profiles; i++) {
		char *path = profile_path(&profiles[i]);
		if (!path)
			SKIP("../shared/profiles is not there");
		char ref_path[256];
		snprintf(ref_path, sizeof ref_path, "tests/golden/import-reference/%s.yaml",
		         profiles[i].reference);
		vita_diags *d = vita_diags_new();
		vita_imported *im = import_one(path, profiles[i].owner, d);
		vita_cv *ref = vita_cv_load(ref_path, d);
		CHECK(im && ref);
		if (im && ref) {
			figures f = compare(vita_imported_cv(im), ref, profiles[i].prose);
			printf("  %s: publications %zu/%zu matched by title, %zu/%zu author lists exact; "
			       "education+experience %zu/%zu with their dates; sections %zu/%zu%s%s%s\n",
			       profiles[i].reference, f.pubs_found, f.pubs, f.authors_exact, f.pubs,
			       f.dated_found, f.dated, f.sections_found, f.sections,
			       profiles[i].prose ? " (not counted, prose in the source: " : "",
			       profiles[i].prose ? profiles[i].prose : "", profiles[i].prose ? ")" : "");
			CHECK(f.pubs_found * 100 >= f.pubs * 95);
			CHECK_INT(f.authors_exact, f.pubs_found);
			CHECK(f.dated_found >= profiles[i].min_dated);
			CHECK_INT(f.sections_found, f.sections);
		}
		vita_cv_free(ref);
		vita_imported_free(im);
		vita_diags_free(d);
		free(path);
	}
}

/* ---- nothing lost ---- */

/* The source's visible text: front matter, Liquid, HTML comments and tags, link targets out. */
static char *visible(const char *src)
{
	char *s = xstrdup(src);
	if (strncmp(s, "---\n", 4) == 0) {
		char *e = strstr(s + 3, "\n---");
		if (e)
			memset(s, ' ', (size_t)(e + 4 - s));
	}
	static const char *const pairs[][2] = {{"{%", "%}"}, {"{{", "}}"}, {"<!--", "-->"}, {"<", ">"},
	                                       {"](", ")"}};
	for (size_t k = 0; k < 5; k++)
		for (char *a = strstr(s, pairs[k][0]); a; a = strstr(a + 1, pairs[k][0])) {
			char *b = strstr(a + 1, pairs[k][1]);
			if (!b)
				break;
			memset(a + (k == 4), ' ', (size_t)(b + strlen(pairs[k][1]) - a - (k == 4)));
		}
	return s;
}

static bool strcasestr_(const char *h, const char *w)
{
	for (size_t n = strlen(w); *h; h++)
		if (strncasecmp(h, w, n) == 0)
			return true;
	return false;
}

/* Month names and "Now"/"Present" are in the YAML as structured dates (2021-08, present). */
static bool date_word(const char *w)
{
	static const char *const m[] = {"Jan", "January", "Feb", "February", "Mar", "March", "Apr",
	                                "April", "May", "Jun", "June", "Jul", "July", "Aug", "August",
	                                "Sep", "Sept", "September", "Oct", "October", "Nov", "November",
	                                "Dec", "December", "Now", "Present", NULL};
	for (size_t i = 0; m[i]; i++)
		if (strcasecmp(w, m[i]) == 0)
			return true;
	return false;
}

static void test_nothing_lost(void)
{
	for (size_t i = 0; i < sizeof profiles / sizeof *profiles; i++) {
		char *path = profile_path(&profiles[i]);
		if (!path)
			SKIP("../shared/profiles is not there");
		vita_diags *d = vita_diags_new();
		vita_imported *im = import_one(path, profiles[i].owner, d);
		size_t len, slen;
		char *src = read_file(path, 1 << 24, &slen, d);
		CHECK(im && src);
		if (im && src) {
			char *yaml = vita_imported_yaml(im, &len);
			vita_arena *a = arena_new();
			char *vis = visible(src);
			const char *text = vita_normalize(a, vis, strlen(vis), (vita_pos){0}, NULL);
			size_t words = 0, missing = 0;
			for (const char *p = text; *p;) {
				if (!isalnum((unsigned char)*p)) {
					p++;
					continue;
				}
				const char *q = p;
				while (isalnum((unsigned char)*q))
					q++;
				char *w = xstrndup(p, (size_t)(q - p));
				words++;
				if (!strcasestr_(yaml, w) && !date_word(w)) {
					if (missing++ < 10)
						printf("  %s: word \"%s\" is nowhere in the imported YAML\n", profiles[i].reference, w);
				}
				free(w);
				p = q;
			}
			size_t un, total;
			vita_imported_words(im, &un, &total);
			printf("  %s: %zu visible words, %zu missing; %zu of %zu (%.1f%%) in not-imported comments\n",
			       profiles[i].reference, words, missing, un, total, total ? 100.0 * (double)un / (double)total : 0);
			CHECK_INT(missing, 0);
			CHECK(un * 100 <= total * 5);
			free(vis);
			free(yaml);
			arena_free(a);
		}
		free(src);
		vita_imported_free(im);
		vita_diags_free(d);
		free(path);
	}
}

static size_t bib_errors(const char *const *paths, size_t n)
{
	vita_diags *d = vita_diags_new();
	vita_import_opts o = {.from = "bibtex"};
	vita_imported *im = vita_import(paths, n, &o, d);
	size_t e = vita_diags_count(d, VITA_ERROR);
	if (im)
		e += 1000; /* must not succeed */
	vita_imported_free(im);
	vita_diags_free(d);
	return e;
}

/* A .bib that ends in a syntax error, or that btparse stops reading before its end, must not
 * spoil the next one: btparse keeps per-file state and exit()s on "interleaved" files (found by
 * fuzz_bibtex).  Imported together with a good file, the errors are the bad file's alone. */
static void test_bibtex_after_error(void)
{
	static const char *const bad[] = {"tests/fuzz/regressions/fuzz_bibtex/syntax-error-at-end.bib",
	                                  "tests/fuzz/regressions/fuzz_bibtex/null-before-eof.bib"};
	for (size_t i = 0; i < 2; i++) {
		const char *both[] = {bad[i], "tests/fixtures/import/forty-authors.bib", bad[1 - i],
		                      "tests/fixtures/import/every-type.bib"};
		size_t alone = bib_errors(bad, 2);
		CHECK(alone >= 2 && alone < 1000);
		CHECK_INT(bib_errors(both, 4), alone);
	}
}

int main(void)
{
	RUN(test_roundtrip_profiles);
	RUN(test_roundtrip_fixtures);
	RUN(test_accept_profiles);
	RUN(test_nothing_lost);
	RUN(test_bibtex_after_error);
	return TEST_EXIT();
}
