/*
 * vita_layout: a CV and its style to a document of pages, and the document's information fields.
 *
 * The work is in blocks.c (what each part of the CV looks like), template.c (RenderCV's entry
 * templates) and pages.c (where the pages break); this file ties them together and owns the
 * document's lifetime.  Everything the document points to lives in doc->arena, except the pages'
 * item arrays, which grow while paginating.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout/layout_internal.h"

/* SOURCE_DATE_EPOCH when set to an integer (reproducible builds), else now. */
static long long creation_time(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (s && *s) {
		char *end;
		errno = 0;
		long long v = strtoll(s, &end, 10);
		if (!*end && !errno && v >= 0)
			return v;
	}
	return (long long)time(NULL);
}

/* settings.pdf_title with NAME replaced; without a name, the template minus NAME and its separator. */
static const char *doc_title(const vita_cv *cv, vita_arena *a)
{
	char *name = vita_spans_plain(cv->name.spans);
	const char *t = cv->settings.pdf_title;
	const char *r;
	if (!t) {
		r = name && *name ? arena_printf(a, "%s \xE2\x80\x94 CV", name) : "CV";
	} else {
		vita_buf b = {0};
		const char *p = t, *h;
		while ((h = strstr(p, "NAME"))) {
			buf_put(&b, p, (size_t)(h - p));
			if (name && *name)
				buf_puts(&b, name);
			p = h + 4;
		}
		buf_puts(&b, p);
		/* with no name, trim what separated it */
		const char *s = buf_str(&b);
		size_t st = 0, n = strlen(s);
		if (!(name && *name)) {
			while (st < n && strchr(" -,:|", s[st]))
				st++;
			while (n > st && strchr(" -,:|", s[n - 1]))
				n--;
		}
		r = n > st ? arena_strndup(a, s + st, n - st) : "CV";
		buf_free(&b);
	}
	free(name);
	return r;
}

static const char *doc_keywords(const vita_cv *cv, vita_arena *a)
{
	vita_buf b = {0};
	for (size_t i = 0; i < cv->nsections; i++) {
		char *t = vita_spans_plain(cv->sections[i].title.spans);
		if (t && *t) {
			if (b.len)
				buf_puts(&b, ", ");
			buf_puts(&b, t);
		}
		free(t);
	}
	const char *r = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return r;
}

/* D1: no text may land off the page, whatever the spacings did (a negative spacing is allowed,
 * as in RenderCV, until it moves text past the page's edge).  One error, at the negative spacing
 * the CV set when there is one; 0 when every text item is on its page. */
static int check_on_page(const vita_doc *doc, const vita_style *st, const vita_cv *cv, vita_diags *d)
{
	for (size_t p = 0; p < doc->npages; p++)
		for (size_t i = 0; i < doc->pages[p].nitems; i++) {
			const vita_item *it = &doc->pages[p].items[i];
			if (it->kind != VITA_ITEM_TEXT)
				continue;
			bool off = it->y - it->size < -0.5 || it->y > doc->page_height + 0.5 || it->x < -0.5 ||
			           it->x + it->w > doc->page_width + 0.5;
			if (!off)
				continue;
			vita_pos pos = st->negative_spacing ? st->negative_spacing_pos : (vita_pos){cv->path, 0, 0};
			vita_diag(d, VITA_ERROR, pos,
			          "%s%s%stext would be placed off page %zu (\"%.40s\" at x %.0f, y %.0f of a "
			          "%.0f x %.0f pt page); %s",
			          st->negative_spacing ? "design." : "", st->negative_spacing ? st->negative_spacing : "",
			          st->negative_spacing ? ": " : "", p + 1, it->text ? it->text : "", it->x, it->y,
			          doc->page_width, doc->page_height,
			          st->negative_spacing ? "a negative spacing may pull text up, not past the edge"
			                               : "a part that is never split (the header, a line that "
			                                 "cannot be broken) does not fit on the page");
			return -1;
		}
	return 0;
}

vita_doc *vita_layout(const vita_cv *cv, const vita_style *style, vita_diags *d)
{
	if (!cv || !style)
		return NULL;
	vita_doc *doc = xcalloc(1, sizeof *doc);
	doc->arena = arena_new();
	doc->page_width = style->page_width;
	doc->page_height = style->page_height;
	lay L = {0};
	L.cv = cv;
	L.st = style;
	L.d = d;
	L.doc = doc;
	L.tmp = arena_new();
	L.fonts = fonts_new(style, d);
	if (!L.fonts || !fonts_check(L.fonts)) {
		fonts_free(L.fonts);
		arena_free(L.tmp);
		vita_doc_free(doc);
		return NULL;
	}
	blocks bl = {0};
	size_t errors = vita_diags_count(d, VITA_ERROR);
	int rc = lay_build_blocks(&L, &bl);
	if (rc == 0)
		rc = lay_paginate(&L, &bl);
	if (rc == 0 && vita_diags_count(d, VITA_ERROR) == errors)
		rc = check_on_page(doc, style, cv, d); /* only when nothing more precise was said */
	if (deadline_expired()) {
		vita_diag(d, VITA_ERROR, (vita_pos){cv->path, 0, 0},
		          "stopped: laying out this CV took longer than the time limit of %g s (--timeout)",
		          deadline_limit());
		rc = -1;
	}
	for (size_t i = 0; i < bl.n; i++)
		block_free(&bl.v[i]);
	free(bl.v);
	if (rc == 0) {
		fonts_export(L.fonts, doc);
		char *name = vita_spans_plain(cv->name.spans);
		doc->title = doc_title(cv, doc->arena);
		doc->author = name && *name ? arena_strdup(doc->arena, name) : NULL;
		free(name);
		doc->subject = "Curriculum vitae";
		doc->keywords = doc_keywords(cv, doc->arena);
		doc->creator = "vita " VITA_VERSION;
		doc->creation_time = creation_time();
	}
	fonts_free(L.fonts);
	arena_free(L.tmp);
	if (rc != 0) {
		vita_doc_free(doc);
		return NULL;
	}
	return doc;
}

void vita_doc_free(vita_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->npages; i++)
		free(doc->pages[i].items);
	free(doc->pages);
	arena_free(doc->arena);
	free(doc);
}
