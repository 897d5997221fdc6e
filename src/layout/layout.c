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

/* A long CV holds every item of every page at once (issue 17): keep vita_item at its 64 bytes. */
_Static_assert(sizeof(void *) != 8 || sizeof(vita_item) == 64, "vita_item is larger than 64 bytes");


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
			/* the last piece's right edge (the pieces of an item go left to right but for a
			 * right-to-left line's, so the widest reach is checked) */
			double right = it->x + it->w;
			for (size_t k = 1; k < vita_item_npieces(it); k++) {
				vita_item q = vita_item_piece(it, k);
				if (q.x + q.w > right)
					right = q.x + q.w;
			}
			bool off = it->y - it->size < -0.5 || it->y > doc->page_height + 0.5 || it->x < -0.5 ||
			           right > doc->page_width + 0.5;
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

/* Hyphenation in the CV's language (hyphlang.c): English by vita's own table, a language Debian
 * has patterns for by them, and a language without patterns not at all, with a note — English
 * patterns would break its words in the wrong places.  CJK lines break between characters. */
static void choose_hyphenation(lay *L)
{
	L->hyphenate = L->st->hyphenate;
	const char *lang = L->cv ? L->cv->locale.language : NULL;
	hyph_choice h = hyph_for_language(lang);
	if (h.kind == HYPH_DICT)
		L->hyph = h.dict; /* loaded by the first paragraph that needs it */
	else if (h.kind != HYPH_ENGLISH)
		L->hyphenate = false;
	if (h.kind == HYPH_NONE && L->st->hyphenate)
		vita_diag(L->d, VITA_NOTE, L->cv->locale.language_pos,
		          "locale.language: there are no hyphenation patterns for %s (Debian has none); justified "
		          "text is not hyphenated",
		          lang);
}

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
	L.cuts = arena_new();
	L.rtl = comp->rtl;
	L.fonts = fonts_new(style, d);
	if (!L.fonts || !fonts_check(L.fonts)) {
		fonts_free(L.fonts);
		arena_free(L.tmp);
		arena_free(L.cuts);
		vita_doc_free(doc);
		return NULL;
	}
	choose_hyphenation(&L);
	blocks bl = {0};
	size_t errors = vita_diags_count(d, VITA_ERROR);
	int rc = lay_build_blocks(&L, &bl);
	if (rc == 0)
		rc = lay_paginate(&L, &bl);
	if (rc == 0 && vita_diags_count(d, VITA_ERROR) == errors)
		rc = check_on_page(doc, style, comp->cv, d); /* only when nothing more precise was said */
	if (deadline_expired()) {
		vita_diag(d, VITA_ERROR, (vita_pos){comp->cv->path, 0, 0},
		          "stopped: laying out this CV took longer than the time limit of %g s (--timeout)",
		          deadline_limit());
		rc = -1;
	}
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
	arena_free(L.cuts);
	ties_free(L.ties);
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
