/*
 * Paragraphs: collecting styled runs (text, span trees, forced breaks), and setting them to a
 * measure — the glue between the stages of the text engine and the items the block layout places.
 *
 * Setting runs shape.c (characters, fallback, kerning), breaks.c (opportunities, hyphenation) and
 * linebreak.c (the breaks), then cuts each line into pieces that the PDF backend draws with one
 * text-show each: a piece ends at a space (justification moves words, and libharu ignores word
 * spacing for CID fonts), after a kerned character, and where the face, size or colour changes.
 * Pieces of one word abut, so text extraction still sees whole words; a piece followed by a word
 * space on its line is marked (vita_item.space_after) and the PDF draws a space glyph there.  The
 * pieces of a line in one look are then stored as one item with cuts (include/vita/frame.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>


#include "layout/textint.h"

/* ---- building ---- */

para *para_new(void)
{
	return xcalloc(1, sizeof(para));
}

void para_free(para *p)
{
	if (!p)
		return;
	buf_free(&p->text);
	buf_free(&p->strs);
	free(p->runs);
	free(p);
}

static size_t intern(para *p, const char *s)
{
	if (!s)
		return SIZE_MAX;
	size_t off = p->strs.len;
	buf_put(&p->strs, s, strlen(s) + 1);
	return off;
}

static prun *new_run(para *p, const text_attr *a, vita_pos pos)
{
	if (p->nruns == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		p->runs = xrealloc(p->runs, p->cap * sizeof *p->runs);
	}
	prun *r = &p->runs[p->nruns++];
	memset(r, 0, sizeof *r);
	r->a = *a;
	r->a.family = r->a.link = NULL;
	r->family_off = intern(p, a->family);
	r->link_off = intern(p, a->link);
	r->pos = pos;
	r->off = p->text.len;
	return r;
}

static bool same_str(const para *p, size_t off, const char *s)
{
	if (off == SIZE_MAX || !s)
		return off == SIZE_MAX && !s;
	return strcmp(p->strs.data + off, s) == 0;
}

/* Text appended in the same look and from the same place continues the last run (kerning then
 * also applies across the join, and the pieces are fewer). */
static bool continues(const para *p, const text_attr *a, vita_pos pos)
{
	if (!p->nruns)
		return false;
	const prun *r = &p->runs[p->nruns - 1];
	const text_attr *b = &r->a;
	return !r->brk && b->size == a->size && b->bold == a->bold && b->italic == a->italic && b->mono == a->mono &&
	       b->small_caps == a->small_caps && b->superscript == a->superscript && b->underline == a->underline &&
	       b->color.r == a->color.r && b->color.g == a->color.g && b->color.b == a->color.b &&
	       same_str(p, r->family_off, a->family) && same_str(p, r->link_off, a->link) && r->pos.line == pos.line &&
	       r->pos.col == pos.col && r->pos.file == pos.file;
}

void para_add(para *p, const char *utf8, size_t len, const text_attr *a, vita_pos pos)
{
	if (!utf8 || !len)
		return;
	if (continues(p, a, pos)) {
		buf_put(&p->text, utf8, len);
		p->runs[p->nruns - 1].len += len;
		return;
	}
	prun *r = new_run(p, a, pos);
	buf_put(&p->text, utf8, len);
	r->len = len;
}

void para_break(para *p)
{
	text_attr a = {0};
	/* a break takes the look of what precedes it, so an empty line gets that line height */
	if (p->nruns)
		a = p->runs[p->nruns - 1].a;
	vita_pos pos = p->nruns ? p->runs[p->nruns - 1].pos : (vita_pos){0};
	size_t fam = p->nruns ? p->runs[p->nruns - 1].family_off : SIZE_MAX;
	prun *r = new_run(p, &a, pos);
	r->family_off = fam;
	r->brk = true;
}

void para_add_spans(para *p, const vita_span *s, const text_attr *base, const vita_style *st, vita_pos pos)
{
	for (; s; s = s->next) {
		text_attr a = *base;
		switch (s->kind) {
		case VITA_SPAN_TEXT:
			if (s->text)
				para_add(p, s->text, strlen(s->text), base, pos);
			break;
		case VITA_SPAN_SUPER:
			a.superscript = true;
			if (s->text)
				para_add(p, s->text, strlen(s->text), &a, pos);
			break;
		case VITA_SPAN_PAGE_NUMBER: /* the layout fills these in (blocks.c); alone, a placeholder digit */
		case VITA_SPAN_TOTAL_PAGES:
			para_add(p, "0", 1, base, pos);
			break;
		case VITA_SPAN_CODE:
			a.mono = true;
			if (s->text)
				para_add(p, s->text, strlen(s->text), &a, pos);
			break;
		case VITA_SPAN_STRONG:
			a.bold = true;
			para_add_spans(p, s->children, &a, st, pos);
			break;
		case VITA_SPAN_EMPH:
			a.italic = true;
			para_add_spans(p, s->children, &a, st, pos);
			break;
		case VITA_SPAN_LINK:
			a.link = s->url;
			if (st) {
				a.color = st->link_color;
				a.underline = a.underline || st->link_underline;
			}
			para_add_spans(p, s->children, &a, st, pos);
			break;
		case VITA_SPAN_BREAK:
			if (!p->nruns) /* keep the base look for the line height */
				new_run(p, base, pos)->brk = true;
			else
				para_break(p);
			break;
		}
	}
}

bool para_empty(const para *p)
{
	return !p || p->nruns == 0;
}

/* ---- setting ---- */

static void resolve(vita_fonts *f, const para *p, rattr *ra, vita_diags *d)
{
	const vita_style *st = f->st;
	for (size_t i = 0; i < p->nruns; i++) {
		const prun *ru = &p->runs[i];
		rattr *r = &ra[i];
		r->a = &ru->a;
		r->family = ru->family_off != SIZE_MAX ? p->strs.data + ru->family_off : NULL;
		r->link = ru->link_off != SIZE_MAX ? p->strs.data + ru->link_off : NULL;
		const char *fam = r->family;
		if (ru->a.mono)
			fam = st && st->mono_family ? st->mono_family : "Noto Sans Mono";
		else if (!fam)
			fam = st && st->body.family ? st->body.family : "Noto Sans";
		r->fam = fonts_family(f, fam, ru->pos, d);
		r->primary = fonts_face(f, r->fam, ru->a.bold, ru->a.italic, &r->primary_fake_bold, d);
		r->size = ru->a.size > 0 ? ru->a.size : (st && st->body.size > 0 ? st->body.size : 10);
		r->rise = 0;
		r->color = fonts_color(f, ru->a.color);
		if (ru->a.superscript && r->primary) {
			r->rise = r->size * r->primary->sup_rise;
			r->size *= r->primary->sup_size;
		}
	}
}

typedef struct items {
	vita_item *v;
	size_t n, cap;
} items;

static vita_item *item_push(items *it)
{
	if (it->n == it->cap) {
		it->cap = it->cap ? 2 * it->cap : 32;
		it->v = xrealloc(it->v, it->cap * sizeof *it->v);
	}
	vita_item *v = &it->v[it->n++];
	memset(v, 0, sizeof *v);
	return v;
}

static bool blank(const tchar *t)
{
	return t->kind != CH_TEXT;
}

static bool same_color(vita_rgb a, vita_rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Shaped words longer than this many characters keep clusters past it at the word's end. */
#define MAX_OFFS 256

/* The glyphs of a shaped word's piece, their clusters turned from character indices into byte
 * offsets of the piece's text (offs: each character's). */
static void shaped_piece(const vita_fonts *f, const tchar *t, const uint32_t *offs, vita_arena *arena,
                         vita_item *v)
{
	size_t ng;
	const vita_glyph *g = shaped_glyphs(f, t->shaped, &ng);
	vita_glyph *out = ng ? arena_array(arena, ng, sizeof *out) : NULL;
	for (size_t k = 0; k < ng; k++) {
		out[k] = g[k];
		out[k].cluster = offs[g[k].cluster < MAX_OFFS ? g[k].cluster : MAX_OFFS - 1];
	}
	v->glyphs = out;
	v->nglyphs = (uint32_t)ng;
}

/* A word space on a right-to-left level, drawn as a space of its own where it is, so that text
 * extraction sees the boundary (vita_item.space_after would put it on the wrong side). */
static void space_piece(vita_fonts *f, const tchar *t, const rattr *ra, double x, double baseline,
                        vita_arena *arena, items *it)
{
	if (!t->fc || face_width(t->fc, ' ') < 0)
		return;
	vita_item *v = item_push(it);
	v->kind = VITA_ITEM_TEXT;
	v->x = x;
	v->y = baseline - t->rise;
	v->w = face_width(t->fc, ' ') * t->size / 1000.0;
	v->font = face_export(f, t->fc);
	v->size = t->size;
	v->color = ra[t->run].color;
	v->text = arena_intern(arena, " ", 1);
}

/* Cuts line [s, e) into pieces at positions x[] and appends TEXT items.  Their texts go to pool
 * (room for 5 bytes a character: UTF-8 and a NUL, and a hyphen), for join_pieces to store. */
static void emit_pieces(vita_fonts *f, const tchar *c, const rattr *ra, size_t s, size_t e, const double *x,
                        double baseline, bool hyphen, char *pool, vita_arena *arena, items *it)
{
	size_t used = 0;
	vita_buf b = {0};
	uint32_t offs[MAX_OFFS];
	size_t start = SIZE_MAX;
	for (size_t i = s; i <= e; i++) {
		bool cut = i == e || blank(&c[i]);
		if (!cut && start != SIZE_MAX) {
			const tchar *p = &c[i - 1], *q = &c[i];
			cut = p->kern != 0 || p->stretch != 0 || p->fc != q->fc || p->size != q->size || p->rise != q->rise ||
			      p->fake_bold != q->fake_bold || p->run != q->run || q->shaped ||
			      (c[start].shaped && !q->cont) || /* a shaped word is a piece of its own, */
			      (!q->cont && (p->level != q->level || (q->level & 1))); /* so is each unit of a
			                                                                * right-to-left run */
		}
		if (cut && start != SIZE_MAX) {
			const tchar *t = &c[start], *l = &c[i - 1];
			double w = x[i - 1] + l->adv - x[start];
			if (hyphen && i == e && face_width(l->fc, '-') >= 0) {
				buf_putc(&b, '-');
				w += breaks_hyphen_width(l);
			}
			vita_item *v = item_push(it);
			if (t->shaped)
				shaped_piece(f, t, offs, arena, v);
			v->kind = VITA_ITEM_TEXT;
			v->x = x[start];
			v->y = baseline - t->rise;
			v->w = w;
					v->font = face_export(f, t->fc);
			v->size = t->size;
			v->color = ra[t->run].color;
			v->fake_bold = t->fake_bold;
			/* a space inside the line (not its end) after this piece, in a face that has one (on a
			 * right-to-left level the space is on the other side: a piece of its own, below) */
			v->space_after = i < e && blank(&c[i]) && c[i].kind != CH_BREAK && !(c[i].level & 1) &&
			                 face_width(l->fc, ' ') >= 0;
			memcpy(pool + used, buf_str(&b), b.len + 1);
			v->text = pool + used;
			used += b.len + 1;
			buf_reset(&b);
			start = SIZE_MAX;
		}
		if (i < e && (c[i].level & 1) && c[i].kind == CH_SPACE && i > s && !blank(&c[i - 1]))
			space_piece(f, &c[i], ra, x[i], baseline, arena, it);
		if (i < e && !blank(&c[i])) {
			if (start == SIZE_MAX)
				start = i;
			if (i - start < MAX_OFFS)
				offs[i - start] = (uint32_t)b.len;
			buf_put_utf8(&b, c[i].cp);
		}
	}
	buf_free(&b);
}

/* Whether piece b can be drawn as a cut of the item a (include/vita/frame.h): text of the same look on the
 * same baseline, neither of it shaped (a shaped piece keeps its glyphs in the union). */
static bool joins(const vita_item *a, const vita_item *b)
{
	return a->kind == VITA_ITEM_TEXT && b->kind == VITA_ITEM_TEXT && !a->glyphs && !b->glyphs &&
	       a->font == b->font && a->size == b->size && a->color == b->color && a->fake_bold == b->fake_bold &&
	       a->y == b->y;
}

/* The pieces [i, j) as one item with cuts (include/vita/frame.h): their positions, widths and
 * codes, then their texts one after the other, each with its NUL, in one block of the arena. */
static vita_item joined(const vita_item *v, size_t i, size_t j, vita_arena *arena)
{
	vita_item head = v[i];
	size_t n = j - i - 1, len = 0;
	for (size_t k = i; k < j; k++)
		len += strlen(v[k].text) + 1;
	double *x = arena_alloc(arena, n * (2 * sizeof(double) + sizeof(uint32_t)) + len);
	uint32_t *code = (uint32_t *)(x + 2 * n);
	char *t = (char *)(code + n);
	size_t off = 0;
	for (size_t k = i; k < j; k++) {
		size_t m = strlen(v[k].text) + 1;
		memcpy(t + off, v[k].text, m);
		if (k > i) {
			x[k - i - 1] = v[k].x;
			x[n + k - i - 1] = v[k].w;
			code[k - i - 1] = (uint32_t)off << 1 | v[k].space_after;
		}
		off += m;
	}
	head.text = t;
	head.cuts = x;
	head.nglyphs = (uint32_t)n;
	head.has_cuts = true;
	return head;
}

/* Stores the pieces [first, it->n) of a line as few items: each run of pieces that joins becomes
 * one item with cuts, in the same order, so that every backend draws the same pieces (issue 17: a
 * long CV held about 47 items of 64 bytes a publication, most of them parts of kerned words).  The
 * texts move from emit_pieces' pool into the arena: a piece alone is interned (words repeat: one
 * copy each), the texts of joined pieces are copied into their item's block. */
static void join_pieces(items *it, size_t first, vita_arena *cuts, vita_arena *arena)
{
	size_t out = first;
	for (size_t i = first; i < it->n;) {
		size_t j = i + 1;
		while (j < it->n && joins(&it->v[i], &it->v[j]))
			j++;
		if (j - i > 1) {
			it->v[out] = joined(it->v, i, j, cuts);
		} else {
			it->v[out] = it->v[i];
			it->v[out].text = arena_intern(arena, it->v[i].text, strlen(it->v[i].text));
		}
		out++;
		i = j;
	}
	it->n = out;
}

/* One underline piece (a RULE) from x0 to x1. */
static void rule_piece(items *it, double x0, double x1, double y, double thick, unsigned color)
{
	if (x1 - x0 < 3 * thick)
		return; /* a sliver between two descenders reads as a dot */
	vita_item *v = item_push(it);
	v->kind = VITA_ITEM_RULE;
	v->x = x0;
	v->y = y;
	v->w = x1 - x0;
	v->thickness = thick;
	v->color = color;
}

/* The underline of characters [i, e) from x[i] to x1, broken around the ink of every glyph that
 * reaches down to it (p, g, y, the comma, "/"), with a gap of 1.5 times its thickness on each
 * side, as Typst and browsers set underlines: a line through descenders reads as strikethrough. */
static void underline(const tchar *c, const rattr *ra, size_t i, size_t e, const double *x, double x1,
                      double baseline, items *it)
{
	const rattr *r = &ra[c[i].run];
	face *fc = r->primary ? r->primary : c[i].fc;
	double size = r->a->size > 0 ? r->a->size : c[i].size;
	double y = baseline + (fc ? fc->ul_pos * size : 0);
	double thick = fc ? fc->ul_thick * size : size / 20;
	double gap = 1.5 * thick, from = x[i];
	for (size_t k = i; k < e; k++) {
		double l, rr;
		if (c[k].kind != CH_TEXT || !c[k].fc ||
		    !face_ink_below(c[k].fc, c[k].cp, (y - baseline - thick / 2 - gap / 2) / c[k].size, &l, &rr))
			continue;
		double a = x[k] + l * c[k].size - gap, b = x[k] + rr * c[k].size + gap;
		if (a > from)
			rule_piece(it, from, a, y, thick, r->color);
		if (b > from)
			from = b;
	}
	if (x1 > from)
		rule_piece(it, from, x1, y, thick, r->color);
}

/* LINK rectangles and underlines of line [s, e): one per stretch of the same link (or of
 * underlined text of one colour), spaces inside included, trailing spaces not. */
/* Which of emit_decor's passes a paragraph needs: bit 0 a run links, bit 1 a run is underlined
 * (most paragraphs do neither, and each pass reads every character). */
static unsigned decor_passes(const para *p, const rattr *ra)
{
	unsigned m = 0;
	for (size_t k = 0; k < p->nruns; k++)
		m |= (ra[k].link != NULL) | (unsigned)ra[k].a->underline << 1;
	return m;
}

static void emit_decor(const tchar *c, const rattr *ra, unsigned passes, size_t s, size_t e, const double *x,
                       double end_x, double baseline, double asc, double desc, vita_arena *arena, items *it)
{
	for (int pass = 0; pass < 2; pass++) {
		if (!(passes >> pass & 1))
			continue;
		for (size_t i = s; i < e;) {
			const rattr *r = &ra[c[i].run];
			bool on = pass == 0 ? r->link != NULL : r->a->underline;
			if (!on || blank(&c[i])) {
				i++;
				continue;
			}
			size_t j = i + 1, last = i;
			while (j < e) {
				const rattr *q = &ra[c[j].run];
				bool same = pass == 0 ? q->link && strcmp(q->link, r->link) == 0
				                      : q->a->underline && same_color(q->a->color, r->a->color);
				if (!same)
					break;
				if (!blank(&c[j]))
					last = j;
				j++;
			}
			double x1 = last + 1 == e ? end_x : x[last] + c[last].adv;
			if (pass == 0) {
				vita_item *v = item_push(it);
				v->kind = VITA_ITEM_LINK;
				v->x = x[i];
				v->y = baseline - asc;
				v->w = x1 - x[i];
				v->h = asc + desc;
				v->text = arena_strdup(arena, r->link);
			} else {
				underline(c, ra, i, last + 1, x, x1, baseline, it);
			}
			i = last + 1;
		}
	}
}

/* A justified line all in bold (an entry's title) whose spaces would grow past 1.5 times their
 * natural width (r = 1: SPACE_STRETCH is half a space) is set ragged right instead: display lines
 * read badly with wide gaps, and a title's ragged edge is expected (typography review, O3). */
#define BOLD_MAX_RATIO 1.0

static bool all_bold(const tchar *c, const rattr *ra, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (c[i].kind == CH_TEXT && !ra[c[i].run].a->bold)
			return false;
	return e > s;
}

/* Whether SPACE_MIN_EM keeps some space of the paragraph from shrinking as far as Typst's would. */
static bool space_floor_binds(const tchar *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].kind == CH_SPACE && c[i].adv * (1 - SPACE_SHRINK_TYPST) < SPACE_MIN_EM * c[i].size)
			return true;
	return false;
}

/* Whether Typst's glue could set the paragraph in fewer than nl lines at all: not when its width,
 * every space shrunk by Typst's third, still fills nl - 1 measures (a lower bound on the lines any
 * breaking needs: indents and hyphens only add to it).  Most paragraphs end in a part-filled line
 * and fail this test, so they are not broken a second time (0.7 M instructions of a classic CV). */
static bool typst_could_save(const tchar *c, size_t n, const para_opts *o, size_t nl)
{
	double w = 0, widest = 0;
	for (size_t i = 0; i < n; i++) {
		w += c[i].adv + c[i].kern - (c[i].kind == CH_SPACE ? c[i].adv * SPACE_SHRINK_TYPST : 0);
		if (c[i].kind == CH_SPACE && c[i].adv > widest)
			widest = c[i].adv;
	}
	/* a space where a line breaks takes no room: at most nl - 1 of them */
	w -= (double)(nl - 1) * widest;
	return w <= (double)(nl - 1) * o->width + 1e-6;
}

/* The paragraph broken with Typst's glue (spaces shrink by a third) when that saves a line over
 * the nl lines of *lb (see SPACE_MIN_EM); else *lb and the glue of the first breaking are kept. */
static size_t typst_breaks(tchar *c, size_t n, const para_opts *o, size_t nl, lbreak **lb)
{
	double *shrink = xmalloc(n * sizeof *shrink);
	for (size_t i = 0; i < n; i++)
		shrink[i] = c[i].shrink;
	lbreak *t = NULL;
	bool no_dict;
	size_t nt = breaks_lines(c, n, o, false, 0, &t, &no_dict);
	if (nt && nt < nl) {
		free(*lb);
		*lb = t;
		nl = nt;
	} else {
		free(t);
		for (size_t i = 0; i < n; i++)
			c[i].shrink = shrink[i];
	}
	free(shrink);
	return nl;
}

/* The width of a word space shrunk by r, never narrower than SPACE_MIN_EM. */
static double space_gap(const tchar *t, double r)
{
	double g = t->adv + t->kern + r * t->shrink;
	return fmax(g, fmin(t->adv + t->kern, SPACE_MIN_EM * t->size));
}

/* On a line whose spaces SPACE_MIN_EM keeps wider than r would set them, the letters of its words
 * give up the difference between them (as kerning, so each becomes a piece of its own). */
static void track_line(tchar *c, size_t s, size_t e, double r)
{
	double excess = 0, room = 0;
	size_t gaps = 0;
	for (size_t i = s; i + 1 < e; i++) {
		if (c[i].kind == CH_SPACE)
			excess += space_gap(&c[i], r) - (c[i].adv + c[i].kern + r * c[i].shrink);
		else if (c[i].kind == CH_TEXT && c[i + 1].kind == CH_TEXT && !c[i].shaped && !c[i + 1].shaped) {
			gaps++;
			room += TRACK_MAX_EM * c[i].size;
		}
	}
	if (excess <= 1e-9 || !gaps || excess > room)
		return;
	for (size_t i = s; i + 1 < e; i++)
		if (c[i].kind == CH_TEXT && c[i + 1].kind == CH_TEXT && !c[i].shaped && !c[i + 1].shaped)
			c[i].kern -= excess / (double)gaps;
}

/* fmax without the call (no value here is NaN); a tie keeps a, as fmax does. */
static inline double larger(double a, double b)
{
	return b > a ? b : a;
}

int para_set(vita_fonts *f, const para *p, const para_opts *o, vita_arena *arena, set_para *out, vita_diags *d)
{
	memset(out, 0, sizeof *out);
	if (!p || p->nruns == 0)
		return 0;
	/* A character no font has is warned about once per position; with a NULL collector that one
	 * warning would be spent on nothing, so it goes to the fonts' own, like the font-level ones. */
	if (!d)
		d = f->d;
	rattr *ra = xmalloc(p->nruns * sizeof *ra);
	resolve(f, p, ra, d);
	unsigned passes = decor_passes(p, ra);
	tchar *c = NULL;
	size_t n = shape_para(f, p, ra, &c, true, d);
	unshape_wider(c, n, o->width - (o->indent_first > 0 ? o->indent_first : 0));
	bool bidi = bidi_levels(c, n, o->rtl);
	breaks_mark(c, n);
	ties_apply(o->ties, o->width - (o->indent_first > 0 ? o->indent_first : 0), c, n);
	for (size_t i = 0; i < n; i++)
		if (c[i].cont) /* a shaped word is not broken inside */
			c[i].brk = BRK_NONE;
	bool justified = o->align == VITA_ALIGN_JUSTIFIED, no_dict;
	lbreak *lb = NULL;
	size_t nl = breaks_lines(c, n, o, !justified, SPACE_MIN_EM, &lb, &no_dict);
	if (justified && nl > 1 && space_floor_binds(c, n) && typst_could_save(c, n, o, nl))
		nl = typst_breaks(c, n, o, nl, &lb);
	if (no_dict && !f->warned_hyphen) {
		f->warned_hyphen = true;
		if (o->hyph)
			vita_diag(d, VITA_WARNING, (vita_pos){0},
			          "the %s hyphenation patterns are not installed (Debian's %s); text is not hyphenated",
			          hyph_dict_language(o->hyph), hyph_dict_package(o->hyph));
		else
			vita_diag(d, VITA_WARNING, (vita_pos){0}, "no hyphenation dictionary; text is not hyphenated");
	}

	items it = {0};
	out->lines = nl ? xcalloc(nl, sizeof *out->lines) : NULL;
	out->nlines = nl;
	double *x = xmalloc((n + 1) * sizeof *x);
	char *pool = xmalloc(5 * n + 8); /* a line's piece texts, until join_pieces stores them */
	double y = 0, prev_desc = 0;
	for (size_t li = 0; li < nl; li++) {
		const lbreak *b = &lb[li];
		size_t s = b->start, e = b->end;
		double x0 = li == 0 && o->indent_first > 0 ? o->indent_first : 0;
		double m = o->width - x0;
		/* natural width, stretch and shrink */
		double nat = 0, st = 0, sh = 0;
		for (size_t i = s; i < e; i++) {
			nat += c[i].adv;
			if (i + 1 < e) {
				nat += c[i].kern;
				st += c[i].stretch;
				sh += c[i].shrink;
			}
		}
		double hyw = b->hyphen && e > s ? breaks_hyphen_width(&c[e - 1]) : 0;
		nat += hyw;
		/* Justified lines fill the measure; the last line is set at its natural width unless it is
		 * wider than the measure: the breaker accepted it only on condition that its spaces shrink
		 * (never past their shrinkability, which it checked), so they shrink here too. */
		double r = 0, slack = m - nat;
		if (justified && slack > 0 && st > 0 && !b->last && (slack / st <= BOLD_MAX_RATIO || !all_bold(c, ra, s, e)))
			r = slack / st;
		else if (justified && slack < 0 && sh > 0)
			r = fmax(slack / sh, -1);
		double off = 0;
		if (o->align == VITA_ALIGN_CENTER)
			off = fmax((m - nat) / 2, 0);
		else if (o->align == VITA_ALIGN_RIGHT || (justified && o->rtl && r <= 0))
			off = fmax(m - nat, 0); /* right to left, a justified paragraph's last line goes right */
		double xx = x0 + off;
		bool tracked = false;
		if (r < 0) {
			double before = 0;
			for (size_t i = s; i < e; i++)
				before += c[i].kern;
			track_line(c, s, e, r);
			double after = 0;
			for (size_t i = s; i < e; i++)
				after += c[i].kern;
			tracked = after < before;
		}
		for (size_t i = s; i < e; i++) {
			x[i] = xx;
			if (tracked && c[i].kind == CH_SPACE)
				xx += space_gap(&c[i], r);
			else
				xx += c[i].adv + c[i].kern + (r > 0 ? r * c[i].stretch : r * c[i].shrink);
		}
		double end_x = e > s ? x[e - 1] + c[e - 1].adv + hyw : x0 + off;
		if (bidi)
			bidi_reorder_line(c, s, e, x, end_x);

		/* line height: the faces on the line, and each run's own face at its size */
		double asc = 0, desc = 0;
		size_t last = e > s ? e : (s < n ? s + 1 : s);
		/* a line's characters come in long stretches of one face, size and run: each stretch is
		 * measured once (the maximum does not change when a value repeats) */
		const tchar *prev = NULL;
		for (size_t i = s; i < last; i++) {
			const tchar *t = &c[i];
			bool same = prev && t->fc == prev->fc && t->size == prev->size && t->rise == prev->rise &&
			            t->run == prev->run;
			prev = t;
			if (same)
				continue;
			if (t->fc) {
				asc = larger(asc, t->fc->ascent * t->size + t->rise);
				desc = larger(desc, t->fc->descent * t->size - t->rise);
			}
			const rattr *ru = &ra[t->run];
			if (ru->primary) {
				double size = ru->a->size > 0 ? ru->a->size * face_scale(ru->primary) : t->size;
				asc = larger(asc, ru->primary->ascent * size);
				desc = larger(desc, ru->primary->descent * size);
			}
		}
		double baseline = li == 0 ? asc : y + prev_desc + o->extra + asc;
		y = baseline;
		prev_desc = desc;

		set_line *L = &out->lines[li];
		L->first = it.n;
		emit_pieces(f, c, ra, s, e, x, baseline, b->hyphen, pool, arena, &it);
		join_pieces(&it, L->first, o->cuts ? o->cuts : arena, arena);
		emit_decor(c, ra, passes, s, e, x, end_x, baseline, asc, desc, arena, &it);
		L->n = it.n - L->first;
		L->top = baseline - asc;
		L->baseline = baseline;
		L->width = end_x - x0 - off;
		if (x0 + L->width > out->width)
			out->width = x0 + L->width;
	}
	out->height = nl ? y + prev_desc : 0;
	out->items = it.v;
	out->nitems = it.n;
	free(pool);
	free(x);
	free(lb);
	free(c);
	free(ra);
	return 0;
}

void para_share_cuts(vita_item *it, vita_arena *arena)
{
	if (!it->has_cuts)
		return;
	size_t n = it->nglyphs, arrays = n * (2 * sizeof(double) + sizeof(uint32_t));
	uint32_t last = ((const uint32_t *)(it->cuts + 2 * n))[n - 1] >> 1;
	size_t bytes = arrays + last + strlen(it->text + last) + 1;
	it->cuts = (double *)arena_intern_block(arena, it->cuts, bytes);
	it->text = (const char *)it->cuts + arrays;
}

void set_para_free(set_para *s)
{
	if (!s)
		return;
	free(s->items);
	free(s->lines);
	memset(s, 0, sizeof *s);
}

/* ---- measuring ---- */

double text_width(vita_fonts *f, const char *utf8, const text_attr *a)
{
	if (!utf8 || !*utf8)
		return 0;
	para *p = para_new();
	para_add(p, utf8, strlen(utf8), a, (vita_pos){0});
	rattr ra;
	resolve(f, p, &ra, f->d);
	tchar *c = NULL;
	size_t n = shape_para(f, p, &ra, &c, false, f->d);
	double w = 0;
	for (size_t i = 0; i < n; i++)
		w += c[i].adv + (i + 1 < n ? c[i].kern : 0);
	free(c);
	para_free(p);
	return w;
}

double text_cap_height(vita_fonts *f, const text_attr *a)
{
	const vita_style *st = f->st;
	const char *name = a->mono ? (st && st->mono_family ? st->mono_family : "Noto Sans Mono")
	                           : a->family ? a->family : (st && st->body.family ? st->body.family : "Noto Sans");
	int fam = fonts_family(f, name, (vita_pos){0}, f->d);
	bool fb;
	face *fc = fonts_face(f, fam, a->bold, a->italic, &fb, f->d);
	return fc ? fc->cap * a->size : 0.7 * a->size;
}

void text_metrics(vita_fonts *f, const text_attr *a, double *ascent, double *descent)
{
	const vita_style *st = f->st;
	const char *name = a->mono ? (st && st->mono_family ? st->mono_family : "Noto Sans Mono")
	                           : a->family ? a->family : (st && st->body.family ? st->body.family : "Noto Sans");
	int fam = fonts_family(f, name, (vita_pos){0}, f->d);
	bool fb;
	face *fc = fonts_face(f, fam, a->bold, a->italic, &fb, f->d);
	/* a stand-in's glyphs, and so its ascent and descent, are drawn larger (font.c) */
	*ascent = fc ? fc->ascent * a->size * face_scale(fc) : 0.8 * a->size;
	*descent = fc ? fc->descent * a->size * face_scale(fc) : 0.2 * a->size;
}
