/*
 * vita_layout: a CV and its style to a document of pages, and the document's information fields.
 *
 * The layout reads the composition (include/vita/compose.h: templates already applied, dates
 * formatted): blocks.c measures what each part looks like and pages.c decides where the pages
 * break; this file ties them together and owns the document's lifetime.  Everything the document points to lives in doc->arena, except the pages'
 * item arrays, which grow while paginating.
 */
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"
#include "vita/compose.h"


vita_doc *vita_layout_comp(const vita_comp *comp, vita_diags *d)
{
	if (!comp)
		return NULL;
	const vita_style *style = comp->st;
	vita_doc *doc = xcalloc(1, sizeof *doc);
	doc->arena = arena_new();
	doc->page_width = style->page_width;
	doc->page_height = style->page_height;
	lay L = {0};
	L.comp = comp;
	L.cv = comp->cv;
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
		doc->title = arena_strdup(doc->arena, comp->title);
		doc->author = arena_strdup(doc->arena, comp->author);
		doc->subject = arena_strdup(doc->arena, comp->subject);
		doc->keywords = arena_strdup(doc->arena, comp->keywords);
		doc->creator = "vita " VITA_VERSION;
		doc->creation_time = vita_env_get()->now;
	}
	fonts_free(L.fonts);
	arena_free(L.tmp);
	free(L.ties);
	if (rc != 0) {
		vita_doc_free(doc);
		return NULL;
	}
	return doc;
}

vita_doc *vita_layout(const vita_cv *cv, const vita_style *style, vita_diags *d)
{
	vita_comp *c = vita_compose(cv, style, d);
	vita_doc *doc = vita_layout_comp(c, d);
	vita_comp_free(c);
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
