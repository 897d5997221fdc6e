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
	int rc = lay_build_blocks(&L, &bl);
	if (rc == 0)
		rc = lay_paginate(&L, &bl);
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
		doc->creation_time = vita_env_get()->now;
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
