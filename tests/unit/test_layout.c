/*
 * Unit tests of the block layout and pagination (src/layout/blocks.c, template.c, pages.c, dump.c).
 *
 * CVs and styles are built by hand so these tests do not depend on the loaders.  They assert
 * invariants rather than pixels: items stay on the page and inside the margins, text never overlaps,
 * date columns are flush right, entries are not split, titles are not orphaned, footers count pages,
 * and — most important — every character of the CV reaches the page, in reading order.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/layout_internal.h"
#include "layout/textint.h"
#include "load/inline.h"
#include "style/fonts.h"
#include <sys/stat.h>
#include "pieces.h" /* the tests look at the pieces the backends draw */
#include "test.h"
#include "vita/cv.h"
#include "vita/frame.h"
#include "vita/style.h"

static vita_arena *A;
static vita_diags *D;

/* ---- building styles and CVs ---- */

static vita_font_role role(const char *fam, double size, bool bold, double r, double g, double b)
{
	vita_font_role f = {0};
	f.family = fam;
	f.size = size;
	f.bold = bold;
	f.color = (vita_rgb){r, g, b};
	return f;
}

/* RenderCV classic's defaults, in points. */
static vita_style *classic(void)
{
	vita_style *s = arena_alloc(A, sizeof *s);
	const double cm = 72 / 2.54, blue_g = 79 / 255.0, blue_b = 144 / 255.0, grey = 128 / 255.0;
	s->theme = "classic";
	s->page_size = "us-letter";
	s->page_width = 612;
	s->page_height = 792;
	s->margin_top = s->margin_bottom = s->margin_left = s->margin_right = 50.4;
	s->show_footer = s->show_top_note = true;
	s->body = role("Noto Sans", 10, false, 0, 0, 0);
	s->name = role("Noto Sans", 30, true, 0, blue_g, blue_b);
	s->headline = role("Noto Sans", 10, false, 0, blue_g, blue_b);
	s->connections = role("Noto Sans", 10, false, 0, blue_g, blue_b);
	s->section_titles = role("Noto Sans", 14, true, 0, blue_g, blue_b);
	s->footer = role("Noto Sans", 9, false, grey, grey, grey);
	s->top_note = role("Noto Sans", 9, false, grey, grey, grey);
	s->link_color = (vita_rgb){0, blue_g, blue_b};
	s->line_spacing = 6;
	s->alignment = VITA_ALIGN_JUSTIFIED;
	s->date_column_alignment = VITA_ALIGN_RIGHT;
	s->hyphenate = true;
	s->header_alignment = VITA_ALIGN_CENTER;
	s->photo_width = 3.5 * cm;
	s->photo_space_left = s->photo_space_right = 0.4 * cm;
	s->space_below_name = s->space_below_headline = s->space_below_connections = 0.7 * cm;
	s->connections_hyperlink = true;
	s->connections_separator = "";
	s->space_between_connections = 0.5 * cm;
	s->title_type = VITA_TITLE_WITH_PARTIAL_LINE;
	s->title_line_thickness = 0.5;
	s->title_space_above = 0.5 * cm;
	s->title_space_below = 0.3 * cm;
	s->sections_allow_page_break = true;
	s->space_between_regular_entries = 12;
	s->space_between_text_based_entries = 3;
	s->date_and_location_width = 4.15 * cm;
	s->side_space = 0.2 * cm;
	s->space_between_columns = 0.1 * cm;
	s->degree_width = 1 * cm;
	s->short_second_row = true;
	s->bullet = "\xE2\x80\xA2";
	s->nested_bullet = "\xE2\x80\xA2";
	s->highlights_space_left = 0.15 * cm;
	s->highlights_space_between_bullet_and_text = 5;
	s->photo_left = true;
	s->footer_template = "NAME \xE2\x80\x94 PAGE_NUMBER/TOTAL_PAGES";
	s->top_note_template = "LAST_UPDATED CURRENT_DATE";
	s->templates[VITA_ENTRY_ONELINE].main_column = "**LABEL:** DETAILS";
	s->templates[VITA_ENTRY_EDUCATION] = (vita_entry_templates){"**INSTITUTION**, AREA\nSUMMARY\nHIGHLIGHTS", "**DEGREE**", "LOCATION\nDATE"};
	s->templates[VITA_ENTRY_NORMAL] = (vita_entry_templates){"**NAME**\nSUMMARY\nHIGHLIGHTS", NULL, "LOCATION\nDATE"};
	s->templates[VITA_ENTRY_EXPERIENCE] = (vita_entry_templates){"**COMPANY**, POSITION\nSUMMARY\nHIGHLIGHTS", NULL, "LOCATION\nDATE"};
	s->templates[VITA_ENTRY_PUBLICATION] = (vita_entry_templates){"**TITLE**\nSUMMARY\nAUTHORS\nURL (JOURNAL)", NULL, "DATE"};
	s->templates[VITA_ENTRY_AWARD] = (vita_entry_templates){"**TITLE**, AWARDER\nSUMMARY", NULL, "DATE"};
	return s;
}

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

typedef struct cvb {
	vita_cv *cv;
	size_t cap;
} cvb;

static vita_cv *cv_new(const char *name)
{
	vita_cv *cv = arena_alloc(A, sizeof *cv);
	cv->path = "test.yaml";
	cv->name = T(name);
	cv->locale.last_updated = "Last updated in";
	cv->locale.degree_with_area = "DEGREE in AREA";
	cv->sections = arena_array(A, 64, sizeof *cv->sections);
	return cv;
}

static vita_section *section(vita_cv *cv, const char *title, vita_entry_kind k, size_t n)
{
	vita_section *s = &cv->sections[cv->nsections++];
	s->key = title;
	s->title = T(title);
	s->kind = k;
	s->entries = arena_array(A, n ? n : 1, sizeof *s->entries);
	s->nentries = n;
	for (size_t i = 0; i < n; i++)
		s->entries[i].kind = k;
	return s;
}

static vita_highlight *highlights(size_t n, ...)
{
	vita_highlight *h = arena_array(A, n, sizeof *h);
	va_list ap;
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		h[i].text = T(va_arg(ap, const char *));
	va_end(ap);
	return h;
}

static void connections(vita_cv *cv)
{
	cv->nconnections = 3;
	cv->connections = arena_array(A, 3, sizeof *cv->connections);
	cv->connections[0] = (vita_connection){VITA_CONN_LOCATION, "San Francisco, CA", NULL, NULL, {0}};
	cv->connections[1] = (vita_connection){VITA_CONN_EMAIL, "john.doe@email.com", "mailto:john.doe@email.com", NULL, {0}};
	cv->connections[2] = (vita_connection){VITA_CONN_SOCIAL, "jdoe", "https://github.com/jdoe", "GitHub", {0}};
}

/* A CV with every entry kind, about two pages long. */
static vita_cv *full_cv(const char *name)
{
	vita_cv *cv = cv_new(name);
	cv->headline = T("Researcher in efficient machine learning");
	connections(cv);
	vita_section *s = section(cv, "Welcome", VITA_ENTRY_TEXT, 2);
	s->entries[0].text = T("RenderCV reads a CV written in a YAML file, and generates a PDF with professional typography.");
	s->entries[1].text = T("Each section title is arbitrary.");

	s = section(cv, "Education", VITA_ENTRY_EDUCATION, 2);
	s->entries[0].institution = T("Princeton University");
	s->entries[0].area = T("Computer Science");
	s->entries[0].degree = T("PhD");
	s->entries[0].location = T("Princeton, NJ");
	s->entries[0].highlights = highlights(3, "Thesis: Efficient Neural Architecture Search for Resource-Constrained Deployment",
	                                      "Advisor: Prof. Sanjeev Arora", "NSF Graduate Research Fellowship, Siebel Scholar (Class of 2022)");
	s->entries[0].nhighlights = 3;
	s->entries[1].institution = T("Boğaziçi University");
	s->entries[1].degree = T("BS");
	s->entries[1].location = T("Istanbul, Türkiye");
	s->entries[1].summary = T("Graduated first in class with a thesis on compilers.");

	s = section(cv, "Experience", VITA_ENTRY_EXPERIENCE, 4);
	for (size_t i = 0; i < 4; i++) {
		vita_entry *e = &s->entries[i];
		e->company = T(i % 2 ? "Nexus AI" : "Google DeepMind");
		e->position = T("Research Intern");
		e->location = T("London, UK");
		e->highlights = highlights(3, "Built foundation model infrastructure serving 2M+ monthly API requests with 99.97% uptime",
		                           "Raised $18M Series A led by Sequoia Capital, with participation from a16z and Founders Fund",
		                           "Published research at top-tier venues with significant academic impact");
		e->nhighlights = 3;
		e->highlights[2].children = highlights(2, "ICML 2022 main conference paper, cited 340+ times within two years",
		                                       "Invited journal extension in JMLR (2023)");
		e->highlights[2].nchildren = 2;
	}

	s = section(cv, "Publications", VITA_ENTRY_PUBLICATION, 2);
	for (size_t i = 0; i < 2; i++) {
		vita_entry *e = &s->entries[i];
		e->title = T("Sparse Mixture-of-Experts at Scale: Efficient Routing for Trillion-Parameter Models");
		e->nauthors = 3;
		e->authors = arena_array(A, 3, sizeof *e->authors);
		e->authors[0].name = T("John Doe");
		e->authors[0].owner = true;
		e->authors[0].notes = "*";
		e->authors[1].name = T("Sarah Williams");
		e->authors[1].notes = "";
		e->authors[2].name = T("David Park");
		e->authors[2].notes = "";
		e->journal = T("NeurIPS 2023");
		if (i == 0)
			e->doi = "10.1234/neurips.2023.1234";
	}

	s = section(cv, "Awards", VITA_ENTRY_AWARD, 1);
	s->entries[0].title = T("Best Paper Award");
	s->entries[0].awarder = T("ICLR");

	s = section(cv, "Skills", VITA_ENTRY_ONELINE, 2);
	s->entries[0].label = T("Languages");
	s->entries[0].details = T("Python, C++, CUDA, Rust, Julia");
	s->entries[1].label = T("Infrastructure");
	s->entries[1].details = T("Kubernetes, Ray, distributed training, AWS, GCP");

	s = section(cv, "Selected Honors", VITA_ENTRY_BULLET, 2);
	s->entries[0].text = T("MIT Technology Review 35 Under 35 Innovators (2024)");
	s->entries[1].text = T("Forbes 30 Under 30 in Enterprise Technology (2024)");

	s = section(cv, "Patents", VITA_ENTRY_NUMBERED, 3);
	for (size_t i = 0; i < 3; i++)
		s->entries[i].text = T("Adaptive Quantization for Neural Network Inference on Edge Devices");

	s = section(cv, "Invited Talks", VITA_ENTRY_REVERSED_NUMBERED, 2);
	s->entries[0].text = T("Scaling Laws for Efficient Inference — Stanford HAI Symposium (2024)");
	s->entries[1].text = T("Building AI Infrastructure for the Next Decade — TechCrunch Disrupt (2024)");
	return cv;
}

/* ---- looking at the result ---- */

static bool in_margin_area(const vita_style *st, const vita_item *it)
{
	return it->y < st->margin_top - 1e-6 || it->y > st->page_height - st->margin_bottom + 1e-6;
}

/* Text of the content area (or of the margins) of one page, in item order, without spaces. */
static char *page_text(const vita_doc *doc, const vita_style *st, size_t p, bool margins, bool spaces)
{
	vita_buf b = {0};
	const vita_page *pg = &doc->pages[p];
	for (size_t i = 0; i < pg->nitems; i++) {
		const vita_item *it = &pg->items[i];
		if (it->kind != VITA_ITEM_TEXT || in_margin_area(st, it) != margins)
			continue;
		if (spaces && b.len)
			buf_putc(&b, ' ');
		for (const char *s = it->text; *s; s++)
			if (spaces || *s != ' ')
				buf_putc(&b, *s);
	}
	return buf_take(&b);
}

static char *doc_text(const vita_doc *doc, const vita_style *st)
{
	vita_buf b = {0};
	for (size_t p = 0; p < doc->npages; p++) {
		char *t = page_text(doc, st, p, false, false);
		buf_puts(&b, t ? t : "");
		free(t);
	}
	return buf_take(&b);
}

static char *nospace(const char *s)
{
	vita_buf b = {0};
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\n')
			buf_putc(&b, *s);
	return buf_take(&b);
}

static void check_geometry(const vita_doc *doc, const vita_style *st)
{
	const double eps = 0.01;
	for (size_t p = 0; p < doc->npages; p++) {
		const vita_page *pg = &doc->pages[p];
		for (size_t i = 0; i < pg->nitems; i++) {
			const vita_item *it = &pg->items[i];
			if (it->kind != VITA_ITEM_TEXT)
				continue;
			/* on the page */
			CHECK(it->x >= -eps && it->x + it->w <= st->page_width + eps);
			CHECK(it->y - it->size >= -eps && it->y <= st->page_height + eps);
			if (!in_margin_area(st, it)) {
				CHECK(it->x >= st->margin_left - eps);
				CHECK(it->x + it->w <= st->page_width - st->margin_right + eps);
				if (!(it->x + it->w <= st->page_width - st->margin_right + eps))
					printf("    outside right margin: \"%s\" x=%.2f w=%.2f\n", it->text, it->x, it->w);
			}
			/* no overlap with any later text item */
			for (size_t j = i + 1; j < pg->nitems; j++) {
				const vita_item *o = &pg->items[j];
				if (o->kind != VITA_ITEM_TEXT)
					continue;
				/* kerning cuts words into pieces that overlap by a fraction of an em */
				double kern = 0.2 * (it->size < o->size ? it->size : o->size);
				bool hx = it->x < o->x + o->w - kern && o->x < it->x + it->w - kern;
				bool hy = it->y - 0.7 * it->size < o->y + 0.2 * o->size - eps &&
				          o->y - 0.7 * o->size < it->y + 0.2 * it->size - eps;
				if (hx && hy) {
					test_failures_++;
					printf("    overlap on page %zu: \"%s\" (%.2f,%.2f w=%.2f) and \"%s\" (%.2f,%.2f w=%.2f)\n",
					       p + 1, it->text, it->x, it->y, it->w, o->text, o->x, o->y, o->w);
				}
			}
		}
	}
}

/* Every bookmark (section title) has body text below it on its page. */
static void check_titles_not_last(const vita_doc *doc, const vita_style *st)
{
	for (size_t k = 0; k < doc->nbookmarks; k++) {
		const vita_bookmark *bm = &doc->bookmarks[k];
		CHECK(bm->page >= 0 && (size_t)bm->page < doc->npages);
		const vita_page *pg = &doc->pages[bm->page];
		bool below = false;
		for (size_t i = 0; i < pg->nitems; i++) {
			const vita_item *it = &pg->items[i];
			if (it->kind == VITA_ITEM_TEXT && !in_margin_area(st, it) && it->size == st->body.size &&
			    it->y > bm->y + st->section_titles.size)
				below = true;
		}
		if (!below) {
			test_failures_++;
			printf("    section \"%s\" ends page %d\n", bm->title, bm->page + 1);
		}
	}
}

static const vita_item *find_text(const vita_doc *doc, const char *text, size_t *page)
{
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nitems; i++) {
			const vita_item *it = &doc->pages[p].items[i];
			if (it->kind == VITA_ITEM_TEXT && strstr(it->text, text)) {
				if (page)
					*page = p;
				return it;
			}
		}
	return NULL;
}

/* The page (0-based) whose content text contains s, or -1. */
static int page_of(const vita_doc *doc, const vita_style *st, const char *s)
{
	for (size_t p = 0; p < doc->npages; p++) {
		char *t = page_text(doc, st, p, false, false);
		bool hit = t && strstr(t, s);
		free(t);
		if (hit)
			return (int)p;
	}
	return -1;
}

/* ---- tests ---- */

static void test_full_cv_invariants(void)
{
	vita_cv *cv = full_cv("John Doe");
	vita_style *st = classic();
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->npages >= 1);
	CHECK_INT(doc->nbookmarks, cv->nsections);
	CHECK(doc->nfonts >= 1);
	check_geometry(doc, st);
	check_titles_not_last(doc, st);
	CHECK_STR(doc->title, "John Doe - CV");
	CHECK_STR(doc->author, "John Doe");
	CHECK_STR(doc->creator, "vita " VITA_VERSION);
	/* the name is the first text and uses the name role */
	CHECK(doc->pages[0].nitems > 0);
	const vita_item *name = find_text(doc, "John", NULL);
	CHECK(name && name->size == st->name.size);
	/* the email is a link */
	bool mail = false;
	for (size_t i = 0; i < doc->pages[0].nitems; i++) {
		const vita_item *it = &doc->pages[0].items[i];
		if (it->kind == VITA_ITEM_LINK && strcmp(it->text, "mailto:john.doe@email.com") == 0)
			mail = true;
	}
	CHECK(mail);
	/* the DOI is a link to doi.org */
	bool doi = false;
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nitems; i++) {
			const vita_item *it = &doc->pages[p].items[i];
			if (it->kind == VITA_ITEM_LINK && strcmp(it->text, "https://doi.org/10.1234/neurips.2023.1234") == 0)
				doi = true;
		}
	CHECK(doi);
	vita_doc_free(doc);
}

static void test_date_column_flush_right(void)
{
	vita_cv *cv = full_cv("John Doe");
	vita_style *st = classic();
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	double right = st->page_width - st->margin_right - st->side_space;
	const char *ends[] = {"NJ", "kiye", "UK"};
	for (size_t k = 0; k < 3; k++) {
		const vita_item *it = find_text(doc, ends[k], NULL);
		CHECK(it != NULL);
		if (it) {
			CHECK(fabs(it->x + it->w - right) < 0.05);
			/* on the baseline of its entry's first main-column line */
		}
	}
	/* the location and the institution share a baseline */
	const vita_item *loc = find_text(doc, "NJ", NULL), *inst = find_text(doc, "Princeton", NULL);
	CHECK(loc && inst && fabs(loc->y - inst->y) < 0.01);
	/* the degree column is left of the main column */
	const vita_item *deg = find_text(doc, "PhD", NULL);
	CHECK(deg && inst && deg->x < inst->x && fabs(deg->y - inst->y) < 0.01);
	CHECK(deg && fabs(deg->x - (st->margin_left + st->side_space)) < 0.05);
	vita_doc_free(doc);
}

/* Every field's text reaches the page, in reading order; nothing is lost or reordered. */
static void no_character_lost(bool short_second_row)
{
	vita_cv *cv = full_cv("John Doe");
	vita_style *st = classic();
	st->alignment = VITA_ALIGN_LEFT; /* no hyphens added */
	st->short_second_row = short_second_row;
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	char *all = doc_text(doc, st);
	/* reading order: header, then per section its title and its entries' fields */
	const char *want[256];
	size_t n = 0;
	want[n++] = cv->name.md;
	want[n++] = cv->headline.md;
	for (size_t i = 0; i < cv->nconnections; i++)
		want[n++] = cv->connections[i].text;
	for (size_t si = 0; si < cv->nsections; si++) {
		const vita_section *s = &cv->sections[si];
		want[n++] = s->title.md;
		for (size_t i = 0; i < s->nentries; i++) {
			const vita_entry *e = &s->entries[i];
			/* the members of the entry's kind (the kinds share their room, cv.h), in reading
			 * order: those before the summary, then those after it */
			const vita_text *f[5] = {NULL};
			switch (e->kind) {
			case VITA_ENTRY_EDUCATION: f[0] = &e->degree, f[1] = &e->institution, f[2] = &e->area; break;
			case VITA_ENTRY_EXPERIENCE: f[0] = &e->company, f[1] = &e->position; break;
			case VITA_ENTRY_NORMAL: f[0] = &e->name; break;
			case VITA_ENTRY_AWARD: f[0] = &e->title, f[1] = &e->awarder; break;
			case VITA_ENTRY_TALK:
			case VITA_ENTRY_PUBLICATION: f[0] = &e->title; break;
			case VITA_ENTRY_ONELINE: f[3] = &e->label, f[4] = &e->details; break;
			default: f[3] = &e->text; break;
			}
			for (size_t k = 0; k < 5; k++) {
				if (k == 3 && e->summary.md)
					want[n++] = e->summary.md;
				if (f[k] && f[k]->md)
					want[n++] = f[k]->md;
			}
			for (size_t k = 0; k < e->nauthors; k++)
				want[n++] = e->authors[k].name.md;
			if (e->doi)
				want[n++] = e->doi;
			if (e->kind == VITA_ENTRY_PUBLICATION && e->journal.md)
				want[n++] = e->journal.md;
			for (size_t k = 0; k < e->nhighlights; k++) {
				want[n++] = e->highlights[k].text.md;
				for (size_t c = 0; c < e->highlights[k].nchildren; c++)
					want[n++] = e->highlights[k].children[c].text.md;
			}
			if (e->location.md)
				want[n++] = e->location.md;
		}
	}
	const char *cur = all;
	for (size_t k = 0; k < n; k++) {
		char *w = nospace(want[k]);
		const char *hit = strstr(cur, w);
		if (!hit) {
			test_failures_++;
			printf("    lost or out of order: \"%s\"\n", want[k]);
		} else {
			cur = hit + strlen(w);
		}
		free(w);
	}
	free(all);
	check_geometry(doc, st);
	vita_doc_free(doc);
}

static void test_no_character_lost(void)
{
	no_character_lost(true);
	no_character_lost(false); /* highlights below the date column, full width */
}

static void test_footer_and_pages(void)
{
	vita_cv *cv = full_cv("John Doe");
	vita_style *st = classic();
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->npages >= 2);
	char want[64];
	for (size_t p = 0; p < doc->npages; p++) {
		char *m = page_text(doc, st, p, true, false);
		snprintf(want, sizeof want, "JohnDoe\xE2\x80\x94%zu/%zu", p + 1, doc->npages);
		/* the top note has no date here (vita_format_date may be a stub); compare the footer part */
		CHECK(strstr(m, want) != NULL);
		if (!strstr(m, want))
			printf("    page %zu margins: \"%s\"\n", p + 1, m);
		free(m);
	}
	/* footer centred between the margins, in the bottom margin */
	const vita_page *pg = &doc->pages[0];
	double lo = 1e9, hi = -1e9, y = 0;
	for (size_t i = 0; i < pg->nitems; i++) {
		const vita_item *it = &pg->items[i];
		if (it->kind == VITA_ITEM_TEXT && it->y > st->page_height - st->margin_bottom) {
			lo = it->x < lo ? it->x : lo;
			hi = it->x + it->w > hi ? it->x + it->w : hi;
			y = it->y;
		}
	}
	CHECK(fabs((lo + hi) / 2 - (st->margin_left + st->page_width - st->margin_right) / 2) < 0.05);
	CHECK(y < st->page_height);
	vita_doc_free(doc);
}

static void test_no_name(void)
{
	vita_cv *cv = full_cv(NULL);
	vita_style *st = classic();
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK_STR(doc->title, "CV");
	CHECK(doc->author == NULL);
	for (size_t i = 0; i < doc->pages[0].nitems; i++)
		CHECK(doc->pages[0].items[i].kind != VITA_ITEM_TEXT || doc->pages[0].items[i].size != st->name.size);
	/* the footer drops NAME and its dash */
	char *m = page_text(doc, st, 0, true, false);
	char want[32];
	snprintf(want, sizeof want, "1/%zu", doc->npages);
	CHECK(strstr(m, want) != NULL);
	CHECK(strstr(m, "\xE2\x80\x94") == NULL);
	free(m);
	check_geometry(doc, st);
	vita_doc_free(doc);
}

/* A CV of many tall entries: none is split, and each page but the last is reasonably full. */
static void test_entries_kept_whole(void)
{
	vita_cv *cv = cv_new("Jane Roe");
	vita_section *s = section(cv, "Experience", VITA_ENTRY_EXPERIENCE, 12);
	for (size_t i = 0; i < 12; i++) {
		vita_entry *e = &s->entries[i];
		e->company = T(arena_printf(A, "Startmark%zu", i));
		e->position = T("Engineer");
		e->highlights = highlights(5, "Designed sparse attention mechanism reducing transformer memory footprint by 4.2x",
		                           "Co-authored paper accepted at NeurIPS 2022 (spotlight presentation, top 5%)",
		                           "Scaled engineering team from 3 to 28 across ML research, platform, and applied AI",
		                           "Developed proprietary inference optimization reducing latency by 73% compared to baseline",
		                           arena_printf(A, "Endmark%zu", i));
		e->nhighlights = 5;
	}
	vita_style *st = classic();
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->npages >= 2);
	for (size_t i = 0; i < 12; i++) {
		char a[32], b[32];
		snprintf(a, sizeof a, "Startmark%zu,", i);
		snprintf(b, sizeof b, "Endmark%zu", i);
		int pa = page_of(doc, st, a), pb = page_of(doc, st, b);
		CHECK(pa >= 0 && pb >= 0);
		if (pa != pb) {
			test_failures_++;
			printf("    entry %zu split across pages %d and %d\n", i, pa + 1, pb + 1);
		}
	}
	check_geometry(doc, st);
	check_titles_not_last(doc, st);
	vita_doc_free(doc);

	/* allowed to break: some entry does split, and still nothing overlaps */
	st->entries_allow_page_break = true;
	doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	bool split = false;
	for (size_t i = 0; i < 12; i++) {
		char a[32], b[32];
		snprintf(a, sizeof a, "Startmark%zu,", i);
		snprintf(b, sizeof b, "Endmark%zu", i);
		int pa = page_of(doc, st, a), pb = page_of(doc, st, b);
		if (pa >= 0 && pb >= 0 && pa != pb)
			split = true;
	}
	CHECK(split);
	check_geometry(doc, st);
	vita_doc_free(doc);
}

/* One entry taller than a page is cut between lines; every highlight still appears once. */
static void test_entry_taller_than_page(void)
{
	vita_cv *cv = cv_new("Jane Roe");
	vita_section *s = section(cv, "Publications list", VITA_ENTRY_NORMAL, 1);
	vita_entry *e = &s->entries[0];
	e->name = T("Everything");
	e->nhighlights = 120;
	e->highlights = arena_array(A, 120, sizeof *e->highlights);
	for (size_t i = 0; i < 120; i++)
		e->highlights[i].text = T(arena_printf(A, "Item%zu of a very long list", i));
	vita_style *st = classic();
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	CHECK(doc->npages >= 3);
	for (size_t i = 0; i < 120; i++) {
		char w[32];
		snprintf(w, sizeof w, "Item%zuof", i);
		CHECK(page_of(doc, st, w) >= 0);
	}
	check_geometry(doc, st);
	/* the body never runs into the bottom margin */
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nitems; i++) {
			const vita_item *it = &doc->pages[p].items[i];
			if (it->kind == VITA_ITEM_TEXT && it->size == st->body.size)
				CHECK(it->y <= st->page_height - st->margin_bottom + 0.01);
		}
	vita_doc_free(doc);
}

/* Sections of growing filler move a later title across the page end: it is never left alone. */
static void test_titles_never_orphaned(void)
{
	vita_style *st = classic();
	for (size_t fill = 20; fill < 60; fill += 3) {
		vita_cv *cv = cv_new("Jane Roe");
		vita_section *s = section(cv, "Filler", VITA_ENTRY_TEXT, fill);
		for (size_t i = 0; i < fill; i++)
			s->entries[i].text = T("A line of filler text.");
		for (int k = 0; k < 3; k++) {
			s = section(cv, "Next section", VITA_ENTRY_EXPERIENCE, 1);
			s->entries[0].company = T("Acme");
			s->entries[0].position = T("Engineer");
			s->entries[0].highlights = highlights(2, "Did one thing", "Did another");
			s->entries[0].nhighlights = 2;
		}
		vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
		CHECK(doc != NULL);
		if (!doc)
			continue;
		check_titles_not_last(doc, st);
		vita_doc_free(doc);
	}
}

/* Whether page p (0-based) has the text item s. */
static bool on_page(const vita_doc *doc, size_t p, const char *s)
{
	for (size_t i = 0; p < doc->npages && i < doc->pages[p].nitems; i++) {
		const vita_item *it = &doc->pages[p].items[i];
		if (it->kind == VITA_ITEM_TEXT && strcmp(it->text, s) == 0)
			return true;
	}
	return false;
}

/* Keep rules, with sections allowed to break: as filler pushes them across the page end, a section
 * of three one-line entries moves whole, and a title of a longer section keeps two entries. */
static void test_section_keeps_two_entries(void)
{
	vita_style *st = classic();
	st->sections_allow_page_break = true;
	for (size_t fill = 30; fill < 50; fill++) {
		vita_cv *cv = cv_new("Jane Roe");
		vita_section *s = section(cv, "Filler", VITA_ENTRY_TEXT, fill);
		for (size_t i = 0; i < fill; i++)
			s->entries[i].text = T("A line of filler text.");
		s = section(cv, "Patents", VITA_ENTRY_BULLET, 3);
		for (size_t i = 0; i < 3; i++)
			s->entries[i].text = T(arena_printf(A, "Patentmark%zu", i));
		s = section(cv, "Skills", VITA_ENTRY_TEXT, 6);
		for (size_t i = 0; i < 6; i++)
			s->entries[i].text = T(arena_printf(A, "Skillmark%zu", i));
		vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
		CHECK(doc != NULL);
		if (!doc)
			continue;
		for (size_t k = 0; k < doc->nbookmarks; k++) {
			const vita_bookmark *bm = &doc->bookmarks[k];
			const char *mark = strcmp(bm->title, "Patents") == 0 ? "Patentmark%zu"
			                   : strcmp(bm->title, "Skills") == 0 ? "Skillmark%zu" : NULL;
			if (!mark)
				continue;
			size_t want = mark[0] == 'P' ? 3 : 2, have = 0;
			for (size_t i = 0; i < want; i++)
				have += on_page(doc, (size_t)bm->page, arena_printf(A, mark, i));
			if (have != want) {
				test_failures_++;
				printf("    fill %zu: \"%s\" has %zu of its first %zu entries on its page\n", fill, bm->title,
				       have, want);
			}
		}
		check_titles_not_last(doc, st);
		vita_doc_free(doc);
	}
}

/* The degree column is sized per section: a section of short degrees keeps the style's width; one
 * whose degree has a wider word ("Visiting") is widened so that 1 em stays between that word and
 * the institution (space_between_columns alone, 0.1 cm, read as a word space). */
static void test_degree_column_per_section(void)
{
	vita_cv *cv = cv_new("Jane Roe");
	vita_section *s = section(cv, "Education", VITA_ENTRY_EDUCATION, 2);
	s->entries[0].institution = T("Princeton University");
	s->entries[0].degree = T("BS");
	s->entries[1].institution = T("Boston University");
	s->entries[1].degree = T("MSc");
	s = section(cv, "Visits", VITA_ENTRY_EDUCATION, 1);
	s->entries[0].institution = T("National University of Singapore");
	s->entries[0].degree = T("Visiting Scholar");
	vita_style *st = classic();
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	double x0 = st->margin_left + st->side_space;
	const vita_item *pr = find_text(doc, "Princeton", NULL), *bo = find_text(doc, "Boston", NULL);
	CHECK(pr && bo);
	if (pr && bo) {
		CHECK(fabs(pr->x - (x0 + st->degree_width + st->space_between_columns)) < 0.05);
		CHECK(fabs(bo->x - pr->x) < 0.05);
	}
	size_t page = 0;
	const vita_item *na = find_text(doc, "National", &page);
	CHECK(na != NULL);
	if (na) {
		double right = 0;
		for (size_t i = 0; i < doc->pages[page].nitems; i++) {
			const vita_item *it = &doc->pages[page].items[i];
			if (it->kind == VITA_ITEM_TEXT && fabs(it->y - na->y) < 0.01 && it->x < na->x && it->x + it->w > right)
				right = it->x + it->w;
		}
		CHECK(right > x0);
		if (na->x - right < st->body.size - 0.01) {
			test_failures_++;
			printf("    %.2f pt between the degree and the institution\n", na->x - right);
		}
	}
	vita_doc_free(doc);
}

static void test_dump_deterministic(void)
{
	vita_cv *cv = full_cv("John Doe");
	vita_style *st = classic();
	char *out[2];
	size_t len[2];
	for (int k = 0; k < 2; k++) {
		vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
		CHECK(doc != NULL);
		FILE *f = open_memstream(&out[k], &len[k]);
		vita_doc_dump(doc, f);
		fclose(f);
		vita_doc_free(doc);
	}
	CHECK(len[0] == len[1] && memcmp(out[0], out[1], len[0]) == 0);
	CHECK(strstr(out[0], "page 1: ") != NULL);
	CHECK(strstr(out[0], "bookmarks 9") != NULL);
	CHECK(strstr(out[0], "  text ") != NULL);
	CHECK(strstr(out[0], "  rule ") != NULL);
	free(out[0]);
	free(out[1]);
}

static char *layout_dump(const vita_cv *cv, const vita_style *st)
{
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	if (doc)
		vita_doc_dump(doc, f);
	fclose(f);
	vita_doc_free(doc);
	return out;
}

/* The faces a thread loaded serve its next CVs (layout/facestore.c, what a `vita build` worker
 * does): a CV laid out with borrowed faces, after another CV in other fonts and scripts, equals
 * the same CV laid out with faces loaded afresh, and the thread's end frees them all. */
static void test_faces_kept_across_documents(void)
{
	vita_layout_thread_done();
	CHECK_INT(face_store_faces(), 0);
	vita_cv *cv = full_cv("John Doe");
	vita_style *st = classic();
	char *fresh = layout_dump(cv, st);
	size_t kept = face_store_faces();
	CHECK(kept > 0);
	vita_style *serif = classic();
	serif->body.family = serif->name.family = serif->headline.family = "Noto Serif";
	free(layout_dump(full_cv("Zoë Ñúñez 李小龍 Παπαδόπουλος"), serif));
	CHECK(face_store_faces() > kept);
	char *borrowed = layout_dump(cv, st);
	CHECK(fresh && borrowed && strcmp(fresh, borrowed) == 0);
	vita_layout_thread_done();
	CHECK_INT(face_store_faces(), 0);
	char *again = layout_dump(cv, st);
	CHECK(fresh && again && strcmp(fresh, again) == 0);
	free(fresh);
	free(borrowed);
	free(again);
}

/* Every section title type draws without overlap; the partial line runs from the title to the margin. */
static void test_title_types(void)
{
	vita_cv *cv = full_cv("John Doe");
	vita_style *st = classic();
	for (int t = VITA_TITLE_WITH_PARTIAL_LINE; t <= VITA_TITLE_CENTERED_WITH_FULL_LINE; t++) {
		st->title_type = (vita_title_type)t;
		vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
		CHECK(doc != NULL);
		if (!doc)
			continue;
		check_geometry(doc, st);
		check_titles_not_last(doc, st);
		size_t rules = 0;
		for (size_t p = 0; p < doc->npages; p++)
			for (size_t i = 0; i < doc->pages[p].nitems; i++) {
				const vita_item *it = &doc->pages[p].items[i];
				if (it->kind != VITA_ITEM_RULE)
					continue;
				rules++;
				CHECK(it->x >= st->margin_left - 0.01);
				CHECK(it->x + it->w <= st->page_width - st->margin_right + 0.01);
				CHECK(it->thickness == st->title_line_thickness);
			}
		size_t want = t == VITA_TITLE_WITHOUT_LINE || t == VITA_TITLE_CENTERED_WITHOUT_LINE ? 0
		              : t == VITA_TITLE_CENTERED_WITH_PARTIAL_LINE || t == VITA_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE
		                  ? 2 * cv->nsections
		                  : cv->nsections;
		CHECK_INT(rules, want);
		if (t == VITA_TITLE_WITH_PARTIAL_LINE) {
			const vita_item *r = NULL;
			for (size_t i = 0; i < doc->pages[0].nitems && !r; i++)
				if (doc->pages[0].items[i].kind == VITA_ITEM_RULE)
					r = &doc->pages[0].items[i];
			CHECK(r && fabs(r->x + r->w - (st->page_width - st->margin_right)) < 0.01);
		}
		vita_doc_free(doc);
	}
}

/* A photo becomes an IMAGE item beside the header, which moves over to make room. */
static void test_photo(void)
{
	vita_cv *cv = full_cv("John Doe");
	cv->photo = "/nonexistent/photo.png";
	vita_style *st = classic();
	st->header_alignment = VITA_ALIGN_LEFT;
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	const vita_item *img = NULL;
	for (size_t i = 0; i < doc->pages[0].nitems; i++)
		if (doc->pages[0].items[i].kind == VITA_ITEM_IMAGE)
			img = &doc->pages[0].items[i];
	CHECK(img != NULL);
	if (img) {
		CHECK(fabs(img->x - (st->margin_left + st->photo_space_left)) < 0.01);
		CHECK(fabs(img->w - st->photo_width) < 0.01);
		CHECK_STR(img->text, "/nonexistent/photo.png");
		const vita_item *name = find_text(doc, "John", NULL);
		CHECK(name && name->x >= img->x + img->w + st->photo_space_right - 0.01);
	}
	check_geometry(doc, st);
	vita_doc_free(doc);
}

/* bold_keywords: whole words set in bold wherever they appear in body text. */
static void test_bold_keywords(void)
{
	vita_cv *cv = full_cv("John Doe");
	static const char *kw[] = {"Python", "ICLR"};
	cv->settings.bold_keywords = kw;
	cv->settings.nbold_keywords = 2;
	vita_style *st = classic();
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	const vita_item *py = find_text(doc, "Python", NULL);
	CHECK(py && (size_t)py->font < doc->nfonts && doc->fonts[py->font].bold);
	const vita_item *cu = find_text(doc, "Julia", NULL);
	CHECK(cu && (size_t)cu->font < doc->nfonts && !doc->fonts[cu->font].bold);
	vita_doc_free(doc);
}

/* Footer off, top note off: nothing in the margins; the top note is on the first page only. */
static void test_margins_switches(void)
{
	vita_cv *cv = full_cv("John Doe");
	vita_style *st = classic();
	st->show_footer = false;
	vita_doc *doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	for (size_t p = 0; p < doc->npages; p++) {
		char *m = page_text(doc, st, p, true, false);
		CHECK_STR(m ? m : "", p == 0 ? "Lastupdatedin" : "");
		free(m);
	}
	vita_doc_free(doc);
	st->show_top_note = false;
	doc = pieces_doc(vita_layout(cv, st, D));
	CHECK(doc != NULL);
	if (!doc)
		return;
	char *m = page_text(doc, st, 0, true, false);
	CHECK_STR(m ? m : "", "");
	free(m);
	vita_doc_free(doc);
}

/* With no font in <data>/fonts the layout refuses (an error naming the folder), rather than
 * dropping every character with a warning and producing an empty document. */
static void test_no_fonts(void)
{
	char dir[] = "/tmp/vita-test-nofonts-XXXXXX";
	if (!mkdtemp(dir)) {
		SKIP("mkdtemp failed");
		return;
	}
	const char *old = getenv("VITA_DATA_DIR");
	char *saved = old ? strdup(old) : NULL;
	setenv("VITA_DATA_DIR", dir, 1);
	test_env_reload();
	vita_diags *d = vita_diags_new();
	vita_doc *doc = pieces_doc(vita_layout(full_cv("John Doe"), classic(), d));
	CHECK(doc == NULL);
	vita_doc_free(doc);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	char *msgs = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&msgs, &len);
	vita_diags_print(d, f, false);
	fclose(f);
	char want[200];
	snprintf(want, sizeof want, "error: no usable font: %s/fonts has no font (.ttf, .otf, .ttc)", dir);
	CHECK(strstr(msgs, want) != NULL);
	free(msgs);
	vita_diags_free(d);
	if (saved)
		setenv("VITA_DATA_DIR", saved, 1);
	else
		unsetenv("VITA_DATA_DIR");
	test_env_reload();
	free(saved);
	rmdir(dir);
}

/* A TrueType font dropped into fonts/ is usable by its family name: the style keeps the name (no
 * substitution note), and the layout draws with that file — one catalogue serves both. */
static void test_user_font(void)
{
	const char *dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
	if (access(dejavu, R_OK) != 0) {
		SKIP("DejaVu Sans is not installed (fonts-dejavu-core)");
		return;
	}
	char dir[] = "/tmp/vita-test-userfont-XXXXXX";
	if (!mkdtemp(dir)) {
		SKIP("mkdtemp failed");
		return;
	}
	char path[512], target[512];
	snprintf(path, sizeof path, "%s/fonts", dir);
	mkdir(path, 0755);
	static const char *shipped[] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
	                                "NotoSans-BoldItalic.ttf", "NotoSansMono-Regular.ttf"};
	const char *root = getenv("VITA_ROOT") ? getenv("VITA_ROOT") : vita_data_dir();
	for (size_t i = 0; i < sizeof shipped / sizeof *shipped; i++) {
		snprintf(target, sizeof target, "%s/fonts/%s", root, shipped[i]);
		snprintf(path, sizeof path, "%s/fonts/%s", dir, shipped[i]);
		CHECK(symlink(target, path) == 0);
	}
	snprintf(path, sizeof path, "%s/fonts/DejaVuSans.ttf", dir);
	CHECK(symlink(dejavu, path) == 0);
	snprintf(target, sizeof target, "%s/styles", root);
	snprintf(path, sizeof path, "%s/styles", dir);
	CHECK(symlink(target, path) == 0);
	const char *old = getenv("VITA_DATA_DIR");
	char *saved = old ? strdup(old) : NULL;
	setenv("VITA_DATA_DIR", dir, 1);
	test_env_reload();

	const vita_font_family *fam = vita_font_family_find("dejavu sans");
	CHECK(fam != NULL);
	if (fam) {
		CHECK_STR(fam->family, "DejaVu Sans");
		CHECK_STR(fam->regular, "DejaVuSans.ttf");
	}
	const char *yaml = "cv:\n  name: Zoë Example\n  sections:\n    about:\n      - Plain text.\n"
	                   "design:\n  typography:\n    font_family:\n      body: DejaVu Sans\n";
	vita_diags *d = vita_diags_new();
	vita_cv *cv = vita_cv_load_mem("user-font.yaml", yaml, strlen(yaml), d);
	vita_style *st = cv ? vita_style_load(cv, d) : NULL;
	CHECK(st != NULL);
	if (st) {
		CHECK_STR(st->body.family, "DejaVu Sans");
		vita_doc *doc = pieces_doc(vita_layout(cv, st, d));
		CHECK(doc != NULL);
		bool used = false;
		for (size_t i = 0; doc && i < doc->nfonts; i++)
			used = used || strstr(doc->fonts[i].path, "DejaVuSans.ttf") != NULL;
		CHECK(used);
		vita_doc_free(doc);
	}
	/* no "is not shipped; using Noto Sans" note, no error (the italic footer may warn: only the
	 * regular DejaVu face is in the folder) */
	CHECK_INT(vita_diags_count(d, VITA_NOTE), 0);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	vita_style_free(st);
	vita_cv_free(cv);
	vita_diags_free(d);
	if (saved)
		setenv("VITA_DATA_DIR", saved, 1);
	else
		unsetenv("VITA_DATA_DIR");
	test_env_reload();
	free(saved);
	for (size_t i = 0; i < sizeof shipped / sizeof *shipped; i++) {
		snprintf(path, sizeof path, "%s/fonts/%s", dir, shipped[i]);
		unlink(path);
	}
	snprintf(path, sizeof path, "%s/fonts/DejaVuSans.ttf", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/fonts", dir);
	rmdir(path);
	snprintf(path, sizeof path, "%s/styles", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	test_env_reload();
	A = arena_new();
	D = vita_diags_new();
	RUN(test_full_cv_invariants);
	RUN(test_user_font);
	RUN(test_date_column_flush_right);
	RUN(test_no_character_lost);
	RUN(test_footer_and_pages);
	RUN(test_no_name);
	RUN(test_entries_kept_whole);
	RUN(test_entry_taller_than_page);
	RUN(test_titles_never_orphaned);
	RUN(test_section_keeps_two_entries);
	RUN(test_degree_column_per_section);
	RUN(test_dump_deterministic);
	RUN(test_faces_kept_across_documents);
	RUN(test_title_types);
	RUN(test_photo);
	RUN(test_bold_keywords);
	RUN(test_margins_switches);
	RUN(test_no_fonts);
	if (vita_diags_count(D, VITA_ERROR))
		vita_diags_print(D, stdout, false);
	vita_diags_free(D);
	arena_free(A);
	return TEST_EXIT();
}
