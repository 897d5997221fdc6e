/*
 * Unit tests of the LaTeX writer with CVs built by hand (no loader needed): the structure of the
 * .tex (configuration from the style, one macro call per entry, escaped fields), atomic writing,
 * and, when XeLaTeX is installed, that a CV full of hostile text compiles with shell escape off,
 * runs nothing, and prints the hostile text literally.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "io/io.h"
#include "test.h"
#include "vita/compose.h"
#include "vita/cv.h"
#include "vita/style.h"

static vita_arena *A;

static vita_text T(const char *s)
{
	vita_text t = {0};
	if (!s)
		return t;
	t.md = arena_strdup(A, s);
	vita_span *sp = arena_alloc(A, sizeof *sp);
	sp->kind = VITA_SPAN_TEXT;
	sp->text = t.md;
	t.spans = sp;
	t.pos.file = "hand.yaml";
	return t;
}

/* A span tree: **bold** *emph* `code` [link](url) */
static vita_text rich(const char *bold, const char *url, const char *linktext)
{
	vita_text t = T(bold);
	vita_span *b = arena_alloc(A, sizeof *b), *l = arena_alloc(A, sizeof *l), *lt = arena_alloc(A, sizeof *lt),
	          *sep = arena_alloc(A, sizeof *sep);
	b->kind = VITA_SPAN_STRONG;
	b->children = t.spans;
	sep->kind = VITA_SPAN_TEXT;
	sep->text = " and ";
	lt->kind = VITA_SPAN_TEXT;
	lt->text = arena_strdup(A, linktext);
	l->kind = VITA_SPAN_LINK;
	l->url = arena_strdup(A, url);
	l->children = lt;
	b->next = sep;
	sep->next = l;
	t.spans = b;
	return t;
}

static const char *H[] = {"\\input{/etc/passwd}", "\\write18{touch /tmp/pwned}", "\\def\\x{}",
                          "^^5cinput", "{{{", "}", "% comment", "\\catcode`\\^^M=13",
                          "$x^2$", "~", "#1", "&", "_", "\\\\"};
#define NH (sizeof H / sizeof H[0])

static vita_cv *hostile_cv(void)
{
	vita_cv *cv = arena_alloc(A, sizeof *cv);
	cv->path = "hostile.yaml";
	cv->arena = A;
	cv->name = T("Eve \\input{/etc/passwd} Mallory");
	cv->headline = T("\\write18{touch /tmp/pwned} $x^2$ ~ #1 & _ \\\\");
	cv->connections = arena_array(A, 2, sizeof *cv->connections);
	cv->nconnections = 2;
	cv->connections[0] = (vita_connection){VITA_CONN_EMAIL, "eve%{}@example.org", "mailto:eve%25@example.org", NULL, {0}};
	cv->connections[1] = (vita_connection){VITA_CONN_WEBSITE, "x.org/\\input{a}#1",
	                                       "https://x.org/\\input{a}%20#1~^", NULL, {0}};
	cv->locale.last_updated = "Last updated in";
	cv->locale.degree_with_area = "DEGREE in AREA";
	cv->settings.current_date = (vita_date){VITA_DATE_EXACT, 2026, 1, 15, NULL, {0}};
	cv->nsections = 6;
	cv->sections = arena_array(A, cv->nsections, sizeof *cv->sections);

	/* Section 0: every hostile string as a text entry; title hostile too. */
	vita_section *s = &cv->sections[0];
	s->key = "hostile";
	s->title = T("Section \\def\\x{} {{{ % comment");
	s->kind = VITA_ENTRY_TEXT;
	s->nentries = NH;
	s->entries = arena_array(A, NH, sizeof *s->entries);
	for (size_t i = 0; i < NH; i++) {
		s->entries[i].kind = VITA_ENTRY_TEXT;
		s->entries[i].text = T(H[i]);
	}
	/* Section 1: education with hostile fields and highlights. */
	s = &cv->sections[1];
	s->key = "education";
	s->title = T("Education");
	s->kind = VITA_ENTRY_EDUCATION;
	s->nentries = 1;
	s->entries = arena_array(A, 1, sizeof *s->entries);
	vita_entry *e = &s->entries[0];
	e->kind = VITA_ENTRY_EDUCATION;
	e->institution = T("Univ \\catcode`\\^^M=13");
	e->area = T("^^5cinput");
	e->degree = T("#1");
	e->location = T("}");
	e->highlights = arena_array(A, 2, sizeof *e->highlights);
	e->nhighlights = 2;
	e->highlights[0].text = T("[opt] highlight \\input{/etc/passwd}");
	e->highlights[1].text = rich("bold & _", "https://x.org/a_b?c=1&d=2#x%41", "link ~ text");
	e->highlights[1].children = arena_array(A, 1, sizeof(vita_highlight));
	e->highlights[1].nchildren = 1;
	e->highlights[1].children[0].text = T("nested }{ highlight");
	/* Section 2: experience. */
	s = &cv->sections[2];
	s->key = "experience";
	s->title = T("Experience");
	s->kind = VITA_ENTRY_EXPERIENCE;
	s->nentries = 1;
	s->entries = arena_array(A, 1, sizeof *s->entries);
	e = &s->entries[0];
	e->kind = VITA_ENTRY_EXPERIENCE;
	e->company = T("ACME $$ Inc");
	e->position = T("Engineer % boss");
	e->summary = T("Did \\write18{touch /tmp/pwned} things");
	/* Section 3: a publication with hostile authors, DOI and URL. */
	s = &cv->sections[3];
	s->key = "publications";
	s->title = T("Publications");
	s->kind = VITA_ENTRY_PUBLICATION;
	s->nentries = 2;
	s->entries = arena_array(A, 2, sizeof *s->entries);
	e = &s->entries[0];
	e->kind = VITA_ENTRY_PUBLICATION;
	e->title = T("On \\input{/etc/passwd} and $x^2$");
	e->journal = T("Journal of & _");
	e->doi = "10.1000/a{b}\\c%d#e";
	e->nauthors = 3;
	e->authors = arena_array(A, 3, sizeof *e->authors);
	e->authors[0] = (vita_author){.name = T("Eve \\input{/etc/passwd} Mallory"), .owner = true, .owner_marked = true, .notes = "*", .emphasis = 2};
	e->authors[1] = (vita_author){.name = T("Bob }{"), .notes = "#"};
	e->authors[2] = (vita_author){.name = T("Carol ^^5c"), .notes = ""};
	e = &s->entries[1];
	e->kind = VITA_ENTRY_PUBLICATION;
	e->title = T("Second");
	e->url = "https://x.org/p?a=1&b=%7B#s";
	/* Section 4: one-line and bullets. */
	s = &cv->sections[4];
	s->key = "skills";
	s->title = T("Skills");
	s->kind = VITA_ENTRY_ONELINE;
	s->nentries = 1;
	s->entries = arena_array(A, 1, sizeof *s->entries);
	s->entries[0].kind = VITA_ENTRY_ONELINE;
	s->entries[0].label = T("Lang #1");
	s->entries[0].details = T("C & \\TeX{} ~ 100%");
	s = &cv->sections[5];
	s->key = "talks";
	s->title = T("Talks");
	s->kind = VITA_ENTRY_REVERSED_NUMBERED;
	s->nentries = 2;
	s->entries = arena_array(A, 2, sizeof *s->entries);
	s->entries[0].kind = s->entries[1].kind = VITA_ENTRY_REVERSED_NUMBERED;
	s->entries[0].text = T("Talk one -- \\relax");
	s->entries[1].text = T("Talk two");
	return cv;
}

static char *slurp(const char *path)
{
	size_t len;
	vita_diags *d = vita_diags_new();
	char *s = read_file(path, 1 << 24, &len, d);
	vita_diags_free(d);
	return s;
}

static char tmpdir[256];

static void test_structure(void)
{
	vita_diags *d = vita_diags_new();
	vita_cv *cv = hostile_cv();
	vita_style *st = vita_style_load(cv, d);
	CHECK(st != NULL);
	if (!st) {
		vita_diags_print(d, stdout, false);
		vita_diags_free(d);
		return;
	}
	char path[300];
	snprintf(path, sizeof path, "%s/hostile.tex", tmpdir);
	vita_latex_opts o = {0};
	CHECK_INT(vita_latex_write(cv, st, &o, path, d), 0);
	char *tex = slurp(path);
	CHECK(tex != NULL);
	if (tex) {
		CHECK(strncmp(tex, "% !TEX program = xelatex\n", 25) == 0);
		CHECK(strstr(tex, "\\documentclass[version=4]{vita-classic}\n") != NULL);
		CHECK(strstr(tex, "\\usepackage") == NULL && strstr(tex, "\\definecolor") == NULL); /* all in vita-classic.cls */
		CHECK(strstr(tex, "xeCJK") == NULL); /* no CJK text */
		CHECK(strstr(tex, "\\name{Eve \\textbackslash{}input\\{/etc/passwd\\} Mallory}\n") != NULL);
		CHECK(strstr(tex, "\\cveducation{\n  institution = {Univ \\textbackslash{}catcode\\textasciigrave{}"
		                  "\\textbackslash{}\\textasciicircum{}\\textasciicircum{}M=13},\n") != NULL);
		CHECK(strstr(tex, "\\item {[}opt{]} highlight") != NULL);
		CHECK(strstr(tex, "\\href{https://x.org/a_b?c=1\\&d=2\\#x\\%41}{link \\textasciitilde{} text}") != NULL);
		/* an author's name is tied (~), its text escaped */
		CHECK(strstr(tex, "\\textbf{Eve~\\textbackslash{}input\\{/etc/passwd\\}~Mallory}\\cvnote{*}") != NULL);
		/* a DOI shown as text breaks after its punctuation, like any address */
		CHECK(strstr(tex, "\\href{https://doi.org/10.1000/a\\%7Bb\\%7D\\%5Cc\\%d\\#e}"
		                  "{10.\\allowbreak{}1000/\\allowbreak{}a\\{b\\}\\textbackslash{}c\\%d\\#\\allowbreak{}e}") != NULL);
		/* reversed numbering: the class counts (no number in the .tex) */
		CHECK(strstr(tex, "\\cvreversenumbered{Talk one -\\kern0pt - \\textbackslash{}relax}") != NULL);
		CHECK(strstr(tex, "\\cvreversenumbered{Talk two}") != NULL);
		/* The section banner comment cannot end early. */
		CHECK(strstr(tex, "%% ==== Section \\def\\x{} {{{ % comment ===") != NULL);
		/* Nothing a user wrote appears as an unescaped control sequence. */
		CHECK(strstr(tex, "\\input{") == NULL && strstr(tex, "\\write18") == NULL &&
		      strstr(tex, "\\catcode") == NULL && strstr(tex, "^^") == NULL);
	}
	free(tex);
	/* A folder that does not exist: an error, no file. */
	CHECK(vita_latex_write(cv, st, &o, "/nonexistent-dir/x.tex", d) != 0);
	CHECK(vita_diags_count(d, VITA_ERROR) == 1);
	vita_style_free(st);
	vita_diags_free(d);
}

/* A data folder without the font files the .tex would name: an error, no file (unless the .tex
 * names installed fonts). */
static void test_no_fonts(void)
{
	vita_diags *d = vita_diags_new();
	vita_cv *cv = hostile_cv();
	vita_style *st = vita_style_load(cv, d);
	CHECK(st != NULL);
	if (!st) {
		vita_diags_free(d);
		return;
	}
	char data[300], path[320];
	snprintf(data, sizeof data, "%s/data-no-fonts", tmpdir);
	mkdir(data, 0700);
	snprintf(path, sizeof path, "%s/nofonts.tex", tmpdir);
	const char *old = getenv("VITA_DATA_DIR");
	char *saved = old ? strdup(old) : NULL;
	setenv("VITA_DATA_DIR", data, 1);
	test_env_reload();
	vita_latex_opts o = {0};
	CHECK(vita_latex_write(cv, st, &o, path, d) != 0);
	struct stat sb;
	CHECK(stat(path, &sb) != 0);
	CHECK(vita_diags_count(d, VITA_ERROR) >= 1);
	char *msgs = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&msgs, &len);
	vita_diags_print(d, f, false);
	fclose(f);
	CHECK(strstr(msgs, "error: no usable font: ") && strstr(msgs, "data-no-fonts/fonts has no "
	                                                              "NotoSans-Regular.ttf"));
	free(msgs);
	vita_diags *d2 = vita_diags_new();
	o.system_fonts = true;
	CHECK_INT(vita_latex_write(cv, st, &o, path, d2), 0);
	CHECK_INT(vita_diags_count(d2, VITA_ERROR), 0);
	vita_diags_free(d2);
	if (saved)
		setenv("VITA_DATA_DIR", saved, 1);
	else
		unsetenv("VITA_DATA_DIR");
	test_env_reload();
	free(saved);
	vita_style_free(st);
	vita_diags_free(d);
}

static int run(const char *cmd)
{
	int rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_compiles(void)
{
	if (getenv("VITA_NO_TEX"))
		SKIP("TeX runs in the plain pass only (make test), not under the sanitizers, valgrind or check-fast");
	if (run("command -v xelatex >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1") != 0)
		SKIP("xelatex or pdftotext is not installed");
	unlink("/tmp/pwned");
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
	         "cd %s && for i in 1 2; do xelatex -no-shell-escape -halt-on-error "
	         "-interaction=nonstopmode hostile.tex >/dev/null 2>&1 || exit 1; done",
	         tmpdir);
	int rc = run(cmd);
	CHECK_INT(rc, 0);
	if (rc) {
		snprintf(cmd, sizeof cmd, "grep -A5 '^!' %s/hostile.log | head -20", tmpdir);
		run(cmd);
		return;
	}
	struct stat sb;
	CHECK(stat("/tmp/pwned", &sb) != 0);
	snprintf(cmd, sizeof cmd, "cd %s && pdftotext -layout hostile.pdf hostile.txt", tmpdir);
	CHECK_INT(run(cmd), 0);
	char path[300];
	snprintf(path, sizeof path, "%s/hostile.txt", tmpdir);
	char *txt = slurp(path);
	CHECK(txt != NULL);
	if (!txt)
		return;
	for (size_t i = 0; i < NH; i++)
		if (!strstr(txt, H[i])) {
			printf("  not printed literally: %s\n", H[i]);
			CHECK(0);
		}
	CHECK(strstr(txt, "Eve \\input{/etc/passwd} Mallory") != NULL);
	/* Source Sans 3 draws U+2010 and U+2011 with the hyphen's glyph, and xdvipdfmx's ToUnicode map
	 * may give that glyph back as U+2011: either way the two hyphens are there, not an en dash. */
	bool hyphens = strstr(txt, "Talk one -- \\relax") ||
	               strstr(txt, "Talk one \xE2\x80\x91\xE2\x80\x91 \\relax");
	CHECK(hyphens);
	if (!hyphens && strstr(txt, "Talk"))
		printf("  pdftotext has: %.60s\n", strstr(txt, "Talk"));
	/* footer, second run: the template's "--" is an en dash, as in the PDF, then the page count */
	CHECK(strstr(txt, "Eve \\input{/etc/passwd} Mallory \xE2\x80\x93 1/") != NULL);
	free(txt);
	snprintf(cmd, sizeof cmd, "grep -q 'Overfull \\\\hbox' %s/hostile.log", tmpdir);
	CHECK(run(cmd) != 0);
}

/* Non-ASCII text reaches the .tex whole wherever it comes from: a publication URL shown as text
 * (broken after its punctuation), the PDF title, template text around placeholders (attack D6:
 * each once became pairs of U+FFFD). */
static void test_non_ascii_whole(void)
{
	static const char yaml[] =
	    "cv:\n  name: Jürgen Straße\n  sections:\n    publications:\n"
	    "      - title: Über Straßen\n        authors: [Jürgen Straße]\n"
	    "        url: https://de.wikipedia.org/wiki/Straße_München\n        date: 2020\n"
	    "design:\n  templates:\n    publication_entry:\n"
	    "      main_column: \"**TITLE** — ÄÖÜ äöü ßñ 江宸宇 — URL\"\n"
	    "settings:\n  pdf_title: \"NAME — Lebenslauf für München\"\n";
	vita_diags *d = vita_diags_new();
	vita_cv *cv = vita_cv_load_mem("nonascii.yaml", yaml, sizeof yaml - 1, d);
	vita_style *st = cv ? vita_style_load(cv, d) : NULL;
	CHECK(st != NULL);
	if (st) {
		vita_comp *c = vita_compose(cv, st, d);
		char *tex = NULL;
		size_t len = 0;
		CHECK(vita_latex_write_mem(c, NULL, &tex, &len, d) == 0);
		if (tex) {
			CHECK(strstr(tex, "\xEF\xBF\xBD") == NULL);
			CHECK(strstr(tex, "Stra\xC3\x9F" "e\\_\\allowbreak{}M\xC3\xBC" "nchen") != NULL);
			CHECK(strstr(tex, "\\title{J\xC3\xBCrgen Stra\xC3\x9F" "e \xE2\x80\x94 Lebenslauf f\xC3\xBCr M\xC3\xBC" "nchen}% the PDF's title") != NULL);
			/* template words are runs of their own (RenderCV's connector rule applies to them) */
			CHECK(strstr(tex, "\\cvsp \xC3\x84\xC3\x96\xC3\x9C") != NULL);
			CHECK(strstr(tex, "\\cvsp \xC3\x9F\xC3\xB1") != NULL);
			CHECK(strstr(tex, "\\cvsp \xE6\xB1\x9F\xE5\xAE\xB8\xE5\xAE\x87") != NULL);
		}
		free(tex);
		vita_comp_free(c);
	}
	vita_style_free(st);
	vita_cv_free(cv);
	vita_diags_free(d);
}

int main(void)
{
	A = arena_new();
	const char *base = getenv("VITA_TMP") ? getenv("VITA_TMP") : "/tmp";
	snprintf(tmpdir, sizeof tmpdir, "%s/latexXXXXXX", base);
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_structure);
	RUN(test_compiles);
	RUN(test_no_fonts);
	RUN(test_non_ascii_whole);
	char cmd[400];
	if (!getenv("VITA_KEEP"))
		snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	else
		snprintf(cmd, sizeof cmd, "echo kept %s", tmpdir);
	run(cmd);
	arena_free(A);
	return TEST_EXIT();
}
