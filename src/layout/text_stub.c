/* STUB — a stand-in for the text engine (branch layout-text) so that the block layout can be built
 * and tested before it is merged: fixed-pitch metrics, greedy breaking at spaces.  Deleted when
 * layout-text is merged. */
#include <stdlib.h>
#include <string.h>

#include "layout/text.h"

struct vita_fonts {
	const vita_style *st;
	bool used[4];
};

vita_fonts *fonts_new(const vita_style *st, vita_diags *d)
{
	(void)d;
	vita_fonts *f = xcalloc(1, sizeof *f);
	f->st = st;
	return f;
}

void fonts_free(vita_fonts *f) { free(f); }

static const char *face_file[4] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
                                   "NotoSans-BoldItalic.ttf"};

void fonts_export(const vita_fonts *f, vita_doc *doc)
{
	size_t n = 0;
	for (int i = 0; i < 4; i++)
		n += f->used[i];
	doc->fonts = arena_array(doc->arena, n ? n : 1, sizeof *doc->fonts);
	doc->nfonts = 0;
	for (int i = 0; i < 4; i++) {
		vita_font_ref *r = &doc->fonts[doc->nfonts++];
		r->path = arena_printf(doc->arena, "%s/fonts/%s", vita_data_dir(), face_file[i]);
		r->family = "Noto Sans";
		r->bold = i & 1;
		r->italic = i & 2;
		r->units_per_em = 1000;
	}
}

typedef struct run {
	char *text;
	text_attr a;
	bool brk;
} run;

struct para {
	run *v;
	size_t n, cap;
};

para *para_new(void) { return xcalloc(1, sizeof(para)); }

void para_free(para *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].text);
	free(p->v);
	free(p);
}

static run *push(para *p)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	run *r = &p->v[p->n++];
	memset(r, 0, sizeof *r);
	return r;
}

void para_add(para *p, const char *utf8, size_t len, const text_attr *a, vita_pos pos)
{
	(void)pos;
	run *r = push(p);
	r->text = xstrndup(utf8, len);
	r->a = *a;
}

void para_add_spans(para *p, const vita_span *s, const text_attr *base, const vita_style *st, vita_pos pos)
{
	for (; s; s = s->next) {
		text_attr a = *base;
		switch (s->kind) {
		case VITA_SPAN_TEXT: para_add(p, s->text, strlen(s->text), &a, pos); break;
		case VITA_SPAN_CODE: a.mono = true; para_add(p, s->text, strlen(s->text), &a, pos); break;
		case VITA_SPAN_STRONG: a.bold = true; para_add_spans(p, s->children, &a, st, pos); break;
		case VITA_SPAN_EMPH: a.italic = true; para_add_spans(p, s->children, &a, st, pos); break;
		case VITA_SPAN_LINK: a.link = s->url; a.color = st->link_color; para_add_spans(p, s->children, &a, st, pos); break;
		case VITA_SPAN_BREAK: para_break(p); break;
		}
	}
}

void para_break(para *p) { push(p)->brk = true; }

bool para_empty(const para *p) { return p->n == 0; }

static size_t ncp(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

static double adv(const text_attr *a) { return a->size * (a->superscript ? 0.3 : 0.5) * (a->bold ? 1.1 : 1.0); }

double text_width(vita_fonts *f, const char *utf8, const text_attr *a)
{
	(void)f;
	return (double)ncp(utf8, strlen(utf8)) * adv(a);
}

void text_metrics(vita_fonts *f, const text_attr *a, double *ascent, double *descent)
{
	(void)f;
	*ascent = a->size * 1.069;
	*descent = a->size * 0.293;
}

typedef struct word {
	const char *s;
	size_t len;
	const text_attr *a;
	bool space_before, brk;
} word;

int para_set(vita_fonts *f, const para *p, const para_opts *o, vita_arena *arena, set_para *out, vita_diags *d)
{
	(void)d;
	memset(out, 0, sizeof *out);
	word *w = NULL;
	size_t nw = 0, cw = 0;
	bool space = false;
	for (size_t i = 0; i < p->n; i++) {
		const run *r = &p->v[i];
		if (r->brk) {
			if (nw == cw) w = xrealloc(w, (cw = cw * 2 + 8) * sizeof *w);
			w[nw++] = (word){.brk = true};
			space = false;
			continue;
		}
		const char *s = r->text;
		while (*s) {
			if (*s == ' ') { space = true; s++; continue; }
			size_t n = strcspn(s, " ");
			if (nw == cw) w = xrealloc(w, (cw = cw * 2 + 8) * sizeof *w);
			w[nw++] = (word){s, n, &r->a, space, false};
			space = false;
			s += n;
		}
	}
	size_t ci = 0, cl = 0;
	double y = 0, x = 0;
	double asc = 0, desc = 0;
	size_t line_first = 0;
	bool line_open = false;
	for (size_t i = 0; i <= nw; i++) {
		bool end = i == nw || w[i].brk;
		double ww = 0, sp = 0;
		if (!end) {
			ww = (double)ncp(w[i].s, w[i].len) * adv(w[i].a);
			sp = (line_open && w[i].space_before) ? adv(w[i].a) * 0.5 : 0;
		}
		if (end || (line_open && x + sp + ww > o->width + 1e-6)) {
			if (line_open || end) {
				if (cl == 0 || 1) {
					if (out->nlines == cl) out->lines = xrealloc(out->lines, (cl = cl * 2 + 4) * sizeof *out->lines);
				}
				double a0 = 0, d0 = 0;
				for (size_t k = line_first; k < out->nitems; k++) {
					if (out->items[k].kind != VITA_ITEM_TEXT) continue;
					if (out->items[k].size * 1.069 > a0) a0 = out->items[k].size * 1.069;
					if (out->items[k].size * 0.293 > d0) d0 = out->items[k].size * 0.293;
				}
				if (a0 == 0) { a0 = asc; d0 = desc; }
				double top = out->nlines ? y + o->extra : 0;
				double shift = 0;
				if (o->align == VITA_ALIGN_RIGHT) shift = o->width - x;
				else if (o->align == VITA_ALIGN_CENTER) shift = (o->width - x) / 2;
				for (size_t k = line_first; k < out->nitems; k++) {
					out->items[k].x += shift;
					if (out->items[k].kind == VITA_ITEM_TEXT) out->items[k].y = top + a0;
					else out->items[k].y = top;
				}
				out->lines[out->nlines++] = (set_line){top, top + a0, x, line_first, out->nitems - line_first};
				if (x > out->width) out->width = x;
				y = top + a0 + d0;
				line_first = out->nitems;
				x = 0;
				line_open = false;
			}
			if (end) { if (i == nw) break; continue; }
			sp = 0;
		}
		if (out->nitems + 2 > ci) out->items = xrealloc(out->items, (ci = ci * 2 + 8) * sizeof *out->items);
		vita_item *it = &out->items[out->nitems++];
		memset(it, 0, sizeof *it);
		it->kind = VITA_ITEM_TEXT;
		it->x = x + sp;
		it->w = ww;
		it->size = w[i].a->size * (w[i].a->superscript ? 0.7 : 1);
		it->color = w[i].a->color;
		int face = (w[i].a->bold ? 1 : 0) | (w[i].a->italic ? 2 : 0);
		((vita_fonts *)f)->used[face] = true;
		it->font = face;
		it->text = arena_strndup(arena, w[i].s, w[i].len);
		asc = w[i].a->size * 1.069;
		desc = w[i].a->size * 0.293;
		if (w[i].a->link) {
			vita_item *l = &out->items[out->nitems++];
			memset(l, 0, sizeof *l);
			l->kind = VITA_ITEM_LINK;
			l->x = x + sp;
			l->w = ww;
			l->h = asc + desc;
			l->text = arena_strdup(arena, w[i].a->link);
		}
		x += sp + ww;
		line_open = true;
	}
	out->height = y;
	free(w);
	return 0;
}

void set_para_free(set_para *s)
{
	free(s->items);
	free(s->lines);
	memset(s, 0, sizeof *s);
}
