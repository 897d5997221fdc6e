/*
 * Pagination: the measured blocks stacked onto pages, then footers, the top note and bookmarks.
 *
 * Rules: an entry is kept whole (moved to the next page) unless the style allows entries to break or
 * it is taller than a page — then it is cut between lines, at the lowest clean cut that fits.  A
 * cut is clean when no line of any column straddles it, found from the items' vertical extents, so
 * a date column is never separated from its main column's first line; a cut entry keeps its first two
 * lines together and never leaves its last line alone.  A section title is never the last thing on a
 * page and never stands with a single entry: it goes with its first two entries, or with the whole
 * section when the section has three entries or fewer (or sections may not break).  Spacing above a
 * block is dropped at the top of a page.  A block marked break_before (`page_break_before: true` on
 * its entry or section) starts a new page unless nothing is on the current one yet.
 *
 * The footer and top note sit in the margins (the footer's baseline and the top note's cap height in
 * the middle of the bottom and top margin, as in RenderCV); the top note is on the first page only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"

#define EPS 1e-6

typedef struct cut {
	double bot; /* bottom edge of what stays above */
	double top; /* top edge of what goes below */
} cut;

static int cmp_iv(const void *a, const void *b)
{
	const double *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* The clean cuts of a block: the gaps between the merged vertical extents of its items. */
static size_t block_cuts(const block *b, cut **out)
{
	*out = NULL;
	if (b->n < 2)
		return 0;
	double *iv = xmalloc(2 * b->n * sizeof *iv);
	for (size_t i = 0; i < b->n; i++) {
		iv[2 * i] = block_top(b, i);
		iv[2 * i + 1] = block_bot(b, i);
	}
	qsort(iv, b->n, 2 * sizeof *iv, cmp_iv);
	cut *c = xmalloc(b->n * sizeof *c);
	size_t nc = 0;
	double end = iv[1];
	for (size_t i = 1; i < b->n; i++) {
		if (iv[2 * i] > end + EPS)
			c[nc++] = (cut){end, iv[2 * i]};
		if (iv[2 * i + 1] > end)
			end = iv[2 * i + 1];
	}
	free(iv);
	*out = c;
	return nc;
}

typedef struct pager {
	lay *L;
	vita_doc *doc;
	double top, bottom; /* content area */
	double y;           /* cursor */
	bool at_top;        /* nothing placed on this page yet */
	size_t pages_cap;   /* doc->pages' room: grown by doubling, so a long CV is not quadratic */
} pager;

static void page_add(vita_page *p, const vita_item *it)
{
	if (p->nitems == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->items = xrealloc(p->items, p->cap * sizeof *p->items);
	}
	p->items[p->nitems++] = *it;
}

/* Gives back the room doubling left over, once a page is complete: at its end every page holds
 * its items at once until the backends have drawn them, and a page left at twice its size made
 * half the layout's memory at 10,000 publications (issue 17). */
static void page_trim(vita_page *p)
{
	if (p->nitems && p->nitems < p->cap) {
		p->items = xrealloc(p->items, p->nitems * sizeof *p->items);
		p->cap = p->nitems;
	}
}

static void new_page(pager *pg)
{
	vita_doc *doc = pg->doc;
	if (doc->npages)
		page_trim(&doc->pages[doc->npages - 1]);
	if (doc->npages == pg->pages_cap) {
		pg->pages_cap = pg->pages_cap ? 2 * pg->pages_cap : 4;
		doc->pages = xrealloc(doc->pages, pg->pages_cap * sizeof *doc->pages);
	}
	memset(&doc->pages[doc->npages], 0, sizeof doc->pages[0]);
	doc->npages++;
	pg->y = pg->top;
	pg->at_top = true;
}

/* Places the part [from, to) of a block (block coordinates) with its top edge at page y. */
static void place(pager *pg, const block *b, double from, double to, double y)
{
	vita_page *p = &pg->doc->pages[pg->doc->npages - 1];
	for (size_t i = 0; i < b->n; i++) {
		if (block_top(b, i) < from - EPS || block_top(b, i) >= to - EPS)
			continue;
		vita_item it = b->items[i];
		it.y += y - from;
		page_add(p, &it);
	}
}

/* Height of the first piece of a block that pagination would have to keep together: the whole
 * block, or, when it may be cut, its first two lines (an entry never leaves one line at a page foot). */
static double first_piece(const pager *pg, const block *b)
{
	if (!b->breakable && b->height <= pg->bottom - pg->top + EPS)
		return b->height;
	cut *c;
	size_t nc = block_cuts(b, &c);
	double h = nc > 1 ? c[1].bot : nc ? c[0].bot : b->height;
	free(c);
	return h;
}

/* Whether cut k of nc may end a page of a block being placed from `from` (0: its top): not after
 * its first line, and not before its last (no orphan, no widow), when it has lines to spare. */
static bool cut_allowed(size_t k, size_t nc, double from)
{
	if (nc < 3)
		return !(from == 0 && k == 0 && nc == 2);
	return !(from == 0 && k == 0) && k + 1 != nc;
}

static void add_bookmark(pager *pg, const block *b, double y)
{
	vita_doc *doc = pg->doc;
	vita_bookmark *bm = &doc->bookmarks[doc->nbookmarks++];
	bm->title = b->bookmark;
	bm->page = (int)doc->npages - 1;
	bm->y = y;
}

static void place_block(pager *pg, const block *b, double need)
{
	double gap = pg->at_top ? 0 : b->gap_before;
	if (!pg->at_top && pg->y + gap + need > pg->bottom + EPS) {
		new_page(pg);
		gap = 0;
	}
	if (b->bookmark)
		add_bookmark(pg, b, pg->y + gap);
	vita_doc *doc = pg->doc;
	doc->placed[doc->nplaced++] = (vita_placed){(int)doc->npages - 1, (int)b->section, b->keep_with_next};
	double from = 0;
	cut *cuts = NULL;
	size_t nc = 0;
	bool have_cuts = false;
	for (;;) {
		double avail = pg->bottom - (pg->y + gap);
		double rest = b->height - from;
		if (rest <= avail + EPS) {
			place(pg, b, from, b->height + 1, pg->y + gap);
			pg->y += gap + rest;
			pg->at_top = false;
			break;
		}
		if (!pg->at_top && from == 0 && !b->breakable && b->height <= pg->bottom - pg->top + EPS) {
			new_page(pg);
			gap = 0;
			continue;
		}
		if (!have_cuts) {
			nc = block_cuts(b, &cuts);
			have_cuts = true;
		}
		/* the lowest clean cut that fits */
		const cut *best = NULL;
		for (size_t i = 0; i < nc; i++)
			if (cuts[i].bot > from + EPS && cuts[i].bot - from <= avail + EPS && cut_allowed(i, nc, from))
				best = &cuts[i];
		if (!best) {
			if (!pg->at_top) {
				new_page(pg);
				gap = 0;
				continue;
			}
			/* not even one line fits on an empty page: let the next piece overflow */
			for (size_t i = 0; i < nc && !best; i++)
				if (cuts[i].bot > from + EPS)
					best = &cuts[i];
			if (!best) {
				place(pg, b, from, b->height + 1, pg->y + gap);
				pg->y += gap + rest;
				pg->at_top = false;
				break;
			}
		}
		place(pg, b, from, best->top, pg->y + gap);
		from = best->top;
		new_page(pg);
		gap = 0;
	}
	free(cuts);
}

/* ---- footer and top note ---- */

/* Sets composed lines as a paragraph with its first baseline at `baseline` (or its cap top at `top`
 * when baseline < 0) and copies the items onto the page.  A footer or top note that would run off
 * the page (a template repeating a placeholder hundreds of times) is an error at its template,
 * naming it, and is left off the page (attack A41). */
static void put_margin_text(lay *L, vita_page *pg, const vita_ccol *col, const vita_font_role *role, double x,
                            double w, vita_align align, double baseline, double top, const char *what,
                            vita_pos tpos)
{
	if (!col->n)
		return;
	text_attr a = lay_role_attr(L, role);
	para *p = para_new();
	vita_pos pos = {L->cv->path, 0, 0};
	for (size_t i = 0; i < col->n; i++) {
		if (col->lines[i].kind != VITA_CLINE_TEXT)
			continue;
		if (!para_empty(p))
			para_break(p);
		lay_add_line(L, p, &col->lines[i], &a, pos);
	}
	block b = {0};
	double cap = lay_cap_height(L, &a);
	double y = baseline >= 0 ? baseline - cap : top;
	lay_put_para(L, &b, p, &a, x, y, w, align);
	bool off = false;
	for (size_t i = 0; i < b.n && !off; i++)
		off = b.items[i].kind == VITA_ITEM_TEXT &&
		      (b.items[i].y > L->st->page_height + 0.5 || b.items[i].y - b.items[i].size < -0.5);
	if (off && !L->margin_error) {
		L->margin_error = true;
		vita_diag(L->d, VITA_ERROR, tpos.file ? tpos : pos,
		          "design.templates.%s: the %s runs off the page (it takes more lines than the page's "
		          "%s margin holds); shorten the template",
		          what, strcmp(what, "footer") == 0 ? "footer" : "top note",
		          strcmp(what, "footer") == 0 ? "bottom" : "top");
	}
	for (size_t i = 0; i < b.n && !off; i++)
		page_add(pg, &b.items[i]);
	block_free(&b);
	para_free(p);
}

static void margins_text(lay *L)
{
	const vita_style *st = L->st;
	vita_doc *doc = L->doc;
	double left = st->margin_left, w = st->page_width - st->margin_left - st->margin_right;
	L->total_pages = doc->npages;
	for (size_t i = 0; i < doc->npages; i++) {
		L->page_number = i + 1;
		put_margin_text(L, &doc->pages[i], &L->comp->footer, &st->footer, left, w, VITA_ALIGN_CENTER,
		                st->page_height - st->margin_bottom / 2, 0, "footer", st->footer_template_pos);
		if (i) /* the first page gets the top note yet */
			page_trim(&doc->pages[i]);
	}
	if (doc->npages) {
		put_margin_text(L, &doc->pages[0], &L->comp->top_note, &st->top_note, left + st->side_space,
		                w - 2 * st->side_space, VITA_ALIGN_RIGHT, -1, st->margin_top / 2, "top_note",
		                st->top_note_template_pos);
		page_trim(&doc->pages[0]);
	}
}

/* What a section title (block i) needs below it on its page: the whole section when sections may
 * not break or when it has KEEP_WHOLE entries or fewer, else its first entry and the first piece of
 * its second (a title never stands with one entry at a page foot); each only if it fits a page. */
#define KEEP_WHOLE 3
static double title_need(const pager *pg, const blocks *bl, size_t i)
{
	const block *b = &bl->v[i];
	double page = pg->bottom - pg->top + EPS;
	double whole = b->height;
	size_t n = 0;
	for (size_t j = i + 1; j < bl->n && bl->v[j].section == b->section && !bl->v[j].break_before; j++, n++)
		whole += bl->v[j].gap_before + bl->v[j].height;
	if ((!pg->L->st->sections_allow_page_break || n <= KEEP_WHOLE) && whole <= page)
		return whole;
	const block *e1 = &bl->v[i + 1];
	double one = b->height + e1->gap_before + first_piece(pg, e1);
	if (n >= 2) {
		const block *e2 = &bl->v[i + 2];
		double two = b->height + e1->gap_before + e1->height + e2->gap_before + first_piece(pg, e2);
		if (two <= page)
			return two;
	}
	return one;
}

int lay_paginate(lay *L, blocks *bl)
{
	const vita_style *st = L->st;
	pager pg = {0};
	pg.L = L;
	pg.doc = L->doc;
	pg.top = st->margin_top;
	pg.bottom = st->page_height - st->margin_bottom;
	if (pg.bottom - pg.top <= 0) {
		vita_pos pos = {L->cv->path, 0, 0};
		vita_diag(L->d, VITA_ERROR, pos, "the page margins leave no room for text (%.1fpt high page)",
		          st->page_height);
		return -1;
	}
	size_t ntitles = 0;
	for (size_t i = 0; i < bl->n; i++)
		ntitles += bl->v[i].bookmark != NULL;
	L->doc->bookmarks = arena_array(L->doc->arena, ntitles ? ntitles : 1, sizeof *L->doc->bookmarks);
	L->doc->placed = arena_array(L->doc->arena, bl->n ? bl->n : 1, sizeof *L->doc->placed);
	new_page(&pg);
	for (size_t i = 0; i < bl->n; i++) {
		if (deadline_passed())
			return -1; /* --timeout: vita_layout reports it */
		const block *b = &bl->v[i];
		if (b->break_before && !pg.at_top)
			new_page(&pg);
		double need = b->height;
		if (b->keep_with_next && i + 1 < bl->n && bl->v[i + 1].section == b->section) {
			need = title_need(&pg, bl, i);
		} else if (b->breakable) {
			need = first_piece(&pg, b);
		}
		if (need > pg.bottom - pg.top)
			need = first_piece(&pg, b);
		place_block(&pg, b, need);
		/* its items are on the pages now, and the keep rules only look ahead: without this a long
		 * CV held every item twice at the end of pagination */
		block_drop_items(&bl->v[i]);
	}
	margins_text(L);
	return 0;
}
