/*
 * The blocks of a CV: the header (header.c), section titles and entries of every kind, each measured and set
 * at its final width (pages.c stacks them).
 *
 * The look is RenderCV's classic theme: entries sit between the side spaces; a regular entry has a
 * main column and a right-hand date-and-location column (education also a degree column on the
 * left); highlights are bullets with a hanging indent; text-based entries (bullets, numbered lists,
 * one-liners, paragraphs) are set closer together.  Every length comes from the style; vertical
 * spacing is measured between cap height and baseline as in Typst (see layout_internal.h).
 */
#include <math.h>
#include <hb-ot.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"
#include "vita/schema.h"

/* ---- blocks ---- */

void block_add(block *b, const vita_item *it, double top, double bot)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 32;
		b->items = xrealloc(b->items, b->cap * sizeof *b->items);
		b->span = xrealloc(b->span, b->cap * sizeof *b->span);
	}
	if (!b->next || b->ext[2 * b->next - 2] != top || b->ext[2 * b->next - 1] != bot) {
		if (b->next == b->extcap) {
			b->extcap = b->extcap ? 2 * b->extcap : 8;
			b->ext = xrealloc(b->ext, 2 * b->extcap * sizeof *b->ext);
		}
		b->ext[2 * b->next] = top;
		b->ext[2 * b->next + 1] = bot;
		b->next++;
	}
	b->items[b->n] = *it;
	b->span[b->n] = (uint32_t)(b->next - 1);
	b->n++;
}

/* Gives back the room doubling left over, once a block is complete: a long CV holds every block at
 * once before pagination, and the slack was a third of it. */
static void block_trim(block *b)
{
	if (b->n && b->n < b->cap) {
		b->items = xrealloc(b->items, b->n * sizeof *b->items);
		b->span = xrealloc(b->span, b->n * sizeof *b->span);
		b->cap = b->n;
	}
	if (b->next && b->next < b->extcap) {
		b->ext = xrealloc(b->ext, 2 * b->next * sizeof *b->ext);
		b->extcap = b->next;
	}
}

void block_drop_items(block *b)
{
	free(b->items);
	free(b->span);
	free(b->ext);
	b->items = NULL;
	b->span = NULL;
	b->ext = NULL;
	b->n = b->cap = b->next = b->extcap = 0;
}

void block_free(block *b)
{
	free(b->items);
	free(b->span);
	free(b->ext);
	memset(b, 0, sizeof *b);
}

static block *blocks_push(blocks *bl)
{
	if (bl->n)
		block_trim(&bl->v[bl->n - 1]); /* it is complete: the blocks are built in order */
	if (bl->n == bl->cap) {
		bl->cap = bl->cap ? 2 * bl->cap : 16;
		bl->v = xrealloc(bl->v, bl->cap * sizeof *bl->v);
	}
	block *b = &bl->v[bl->n++];
	memset(b, 0, sizeof *b);
	return b;
}

/* ---- text helpers ---- */

text_attr lay_role_attr(const lay *L, const vita_font_role *r)
{
	(void)L;
	text_attr a = {0};
	a.family = r->family;
	a.size = r->size;
	a.bold = r->bold;
	a.small_caps = r->small_caps;
	a.color = r->color;
	return a;
}

double lay_cap_height(lay *L, const text_attr *a)
{
	if (a->size <= 0)
		return 0;
	for (size_t i = 0; i < L->ncaps; i++) {
		const struct cap_cache *c = &L->caps[i];
		if (c->bold == a->bold && c->italic == a->italic &&
		    (c->family == a->family || (c->family && a->family && strcmp(c->family, a->family) == 0)))
			return c->per_pt * a->size;
	}
	double cap = text_cap_height(L->fonts, a);
	if (L->ncaps < sizeof L->caps / sizeof L->caps[0])
		L->caps[L->ncaps++] = (struct cap_cache){a->family, a->bold, a->italic, cap / a->size};
	return cap;
}

static bool word_char_at(const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Text with the CV's bold keywords set in bold (whole words only). */
static void add_text(lay *L, para *p, const char *s, const text_attr *a, vita_pos pos)
{
	const vita_settings *set = &L->cv->settings;
	size_t len = strlen(s);
	while (len) {
		size_t best = len, blen = 0;
		for (size_t k = 0; k < set->nbold_keywords; k++) {
			const char *kw = set->bold_keywords[k];
			size_t kl = kw ? strlen(kw) : 0;
			if (!kl)
				continue;
			for (const char *h = strstr(s, kw); h; h = strstr(h + 1, kw)) {
				size_t at = (size_t)(h - s);
				if (at + kl > len)
					break;
				bool ok = (at == 0 || !word_char_at(s, at - 1) || !word_char_at(kw, 0)) &&
				          (at + kl == len || !word_char_at(s, at + kl) || !word_char_at(kw, kl - 1));
				if (ok) {
					if (at < best || (at == best && kl > blen)) {
						best = at;
						blen = kl;
					}
					break;
				}
			}
		}
		if (best)
			para_add(p, s, best, a, pos);
		if (!blen)
			return;
		text_attr b = *a;
		b.bold = true;
		para_add(p, s + best, blen, &b, pos);
		s += best + blen;
		len -= best + blen;
	}
}

void lay_add_spans(lay *L, para *p, const vita_span *s, const text_attr *a, vita_pos pos)
{
	for (; s; s = s->next) {
		text_attr x = *a;
		switch ((int)s->kind) {
		case VITA_SPAN_TEXT:
			if (s->text)
				add_text(L, p, s->text, &x, pos);
			break;
		case VITA_SPAN_CODE:
			x.mono = true;
			if (L->st->mono_family)
				x.family = L->st->mono_family;
			if (s->text)
				para_add(p, s->text, strlen(s->text), &x, pos);
			break;
		case VITA_SPAN_STRONG:
			x.bold = true;
			lay_add_spans(L, p, s->children, &x, pos);
			break;
		case VITA_SPAN_EMPH:
			x.italic = true;
			lay_add_spans(L, p, s->children, &x, pos);
			break;
		case VITA_SPAN_LINK: {
			const char *url = s->url;
			if (url && strncmp(url, "doi:", 4) == 0)
				url = arena_printf(L->tmp, "https://doi.org/%s", url + 4);
			x.link = url;
			x.color = L->st->link_color;
			x.underline = L->st->link_underline;
			lay_add_spans(L, p, s->children, &x, pos);
			if (L->st->show_external_link_icon) { /* RenderCV's mark after a link: raised, small */
				x.underline = false;
				x.superscript = true;
				para_add(p, "\u202F\u2197", strlen("\u202F\u2197"), &x, pos);
			}
			break;
		}
		case VITA_SPAN_BREAK:
			para_break(p);
			break;
		case VITA_SPAN_SUPER:
			x.superscript = true;
			if (s->text)
				para_add(p, s->text, strlen(s->text), &x, pos);
			break;
		case VITA_SPAN_PAGE_NUMBER:
		case VITA_SPAN_TOTAL_PAGES: {
			char num[24];
			snprintf(num, sizeof num, "%zu", s->kind == VITA_SPAN_PAGE_NUMBER ? L->page_number : L->total_pages);
			para_add(p, num, strlen(num), &x, pos);
			break;
		}
		default:
			if (s->text)
				add_text(L, p, s->text, &x, pos);
			lay_add_spans(L, p, s->children, &x, pos);
			break;
		}
	}
}

/* ---- right to left (layout_internal.h) ---- */

double lay_mirror_x(const lay *L, double x, double w)
{
	if (!L->rtl)
		return x;
	return L->st->margin_left + (L->st->page_width - L->st->margin_right) - (x + w);
}

static vita_align flip_align(vita_align a)
{
	return a == VITA_ALIGN_LEFT ? VITA_ALIGN_RIGHT : a == VITA_ALIGN_RIGHT ? VITA_ALIGN_LEFT : a;
}

vita_align lay_absolute(const lay *L, vita_align align)
{
	return L->rtl ? flip_align(align) : align;
}

/* Sets a paragraph and moves it into the block; *last_w gets the width of its last line. */
static double put_para_w(lay *L, block *b, const para *p, const text_attr *base, double x, double y,
                         double width, vita_align align, double *last_w)
{
	double asc, desc, cap = lay_cap_height(L, base);
	text_metrics(L->fonts, base, &asc, &desc);
	para_opts o = {0};
	o.width = width > 0 ? width : 1;
	o.align = L->rtl ? flip_align(align) : align;
	o.rtl = L->rtl;
	x = lay_mirror_x(L, x, o.width);
	o.extra = cap + L->st->line_spacing - asc - desc;
	o.hyphenate = L->hyphenate && align == VITA_ALIGN_JUSTIFIED;
	o.hyph = L->hyph;
	o.ties = L->ties;
	o.cuts = L->cuts;
	set_para sp;
	if (last_w)
		*last_w = 0;
	if (para_empty(p) || para_set(L->fonts, p, &o, L->doc->arena, &sp, L->d) != 0)
		return y;
	if (!sp.nlines) {
		set_para_free(&sp);
		return y;
	}
	double y0 = y + cap - sp.lines[0].baseline;
	for (size_t l = 0; l < sp.nlines; l++) {
		const set_line *ln = &sp.lines[l];
		double bl = y0 + ln->baseline;
		for (size_t i = ln->first; i < ln->first + ln->n && i < sp.nitems; i++) {
			vita_item it = sp.items[i];
			it.x += x;
			for (size_t k = 0; it.has_cuts && k < it.nglyphs; k++) /* the item's own cuts */
				it.cuts[k] += x; /* the pieces' x (include/vita/frame.h) */
			para_share_cuts(&it, L->doc->arena);
			it.y += y0;
			if (it.kind == VITA_ITEM_TEXT)
				it.edge = x + o.width;
			block_add(b, &it, bl - cap, bl);
		}
	}
	if (last_w)
		*last_w = sp.lines[sp.nlines - 1].width;
	double bottom = y0 + sp.lines[sp.nlines - 1].baseline;
	set_para_free(&sp);
	arena_reset(L->cuts); /* what was set there has its copies in the document's arena */
	return bottom;
}

double lay_put_para(lay *L, block *b, const para *p, const text_attr *base, double x, double y,
                    double width, vita_align align)
{
	return put_para_w(L, b, p, base, x, y, width, align, NULL);
}

double lay_put_spans(lay *L, block *b, const vita_span *s, const text_attr *a, vita_pos pos, double x,
                     double y, double width, vita_align align)
{
	para *p = para_new();
	lay_add_spans(L, p, s, a, pos);
	double r = lay_put_para(L, b, p, a, x, y, width, align);
	para_free(p);
	return r;
}

double lay_put_text(lay *L, block *b, const char *s, const text_attr *a, double x, double y,
                    double width, vita_align align)
{
	para *p = para_new();
	vita_pos pos = {0};
	para_add(p, s, strlen(s), a, pos);
	double r = lay_put_para(L, b, p, a, x, y, width, align);
	para_free(p);
	return r;
}

static double max2(double a, double b) { return a > b ? a : b; }

/* ---- geometry shared by entries ---- */

typedef struct cols {
	double x0, x1; /* the entry's box: margins plus side space */
} cols;

static cols entry_cols(const lay *L)
{
	const vita_style *st = L->st;
	cols c;
	c.x0 = st->margin_left + st->side_space;
	c.x1 = st->page_width - st->margin_right - st->side_space;
	return c;
}

/* ---- section titles ---- */

static void rule(const lay *L, block *b, double x, double y, double w, double thickness, vita_rgb color)
{
	if (w <= 0)
		return;
	vita_item r = {0};
	r.kind = VITA_ITEM_RULE;
	r.x = lay_mirror_x(L, x, w);
	r.y = y;
	r.w = w;
	r.thickness = thickness;
	r.color = fonts_color(L->fonts, color);
	block_add(b, &r, y - thickness / 2, y + thickness / 2);
}

#define FULL_LINE_GAP_EM 0.3 /* lib.typ: #v(typography-font-size-body * 0.3) above a full line */

static void build_title(lay *L, const vita_csection *s, block *b)
{
	const vita_style *st = L->st;
	text_attr a = lay_role_attr(L, &st->section_titles);
	double left = st->margin_left, right = st->page_width - st->margin_right, w = right - left;
	double cap = lay_cap_height(L, &a);
	double t = st->title_line_thickness;
	vita_rgb col = st->section_titles.color;
	double space = text_width(L->fonts, " ", &a);
	vita_title_type type = st->title_type;
	bool centered = type == VITA_TITLE_CENTERED_WITHOUT_LINE || type == VITA_TITLE_CENTERED_WITH_PARTIAL_LINE ||
	                type == VITA_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE ||
	                type == VITA_TITLE_CENTERED_WITH_FULL_LINE;
	/* moderncv: a thick rule in the date column's place, the title where entries' text starts */
	double tx = left, lcol = 0;
	if (type == VITA_TITLE_MODERNCV) {
		lcol = st->date_and_location_width + st->side_space;
		tx = left + lcol + st->space_between_columns;
	}
	para *p = para_new();
	lay_add_spans(L, p, s->title, &a, s->s->title.pos);
	double lw = 0;
	double base = put_para_w(L, b, p, &a, tx, 0, right - tx, centered ? VITA_ALIGN_CENTER : VITA_ALIGN_LEFT, &lw);
	para_free(p);
	double bottom = base;
	switch (type) {
	case VITA_TITLE_WITH_PARTIAL_LINE:
		rule(L, b, left + lw + space, base - t / 2, right - (left + lw + space), t, col);
		break;
	case VITA_TITLE_WITH_FULL_LINE:
	case VITA_TITLE_CENTERED_WITH_FULL_LINE: {
		/* RenderCV: the title, v(0.3 x the body size), then the line as a box of its thickness */
		double top = base + FULL_LINE_GAP_EM * st->body.size;
		rule(L, b, left, top + t / 2, w, t, col);
		bottom = top + t;
		break;
	}
	case VITA_TITLE_MODERNCV:
		rule(L, b, left, base - cap / 2, lcol, t, col);
		break;
	case VITA_TITLE_CENTERED_WITH_PARTIAL_LINE:
	case VITA_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE: {
		double ry = type == VITA_TITLE_CENTERED_WITH_PARTIAL_LINE ? base - t / 2 : base - cap / 2;
		double tl = left + (w - lw) / 2;
		rule(L, b, left, ry, tl - space - left, t, col);
		rule(L, b, tl + lw + space, ry, right - (tl + lw + space), t, col);
		break;
	}
	default:
		break;
	}
	b->height = bottom;
	b->keep_with_next = true;
	b->bookmark = arena_strdup(L->doc->arena, s->plain_title);
}

/* The space from a section title's block to its first entry: RenderCV's rule (style/rules.c). */
static double title_gap_below(const vita_style *st)
{
	return vita_style_title_gap_below(st);
}

/* ---- entries ---- */

/* A bullet as RenderCV draws it (style/rules.c: "●" is a 13 pt "•" raised 0.6 pt); any other
 * bullet is the text itself in the body's look.  In Typst the marker is a cell of its own, from the item's top to its own baseline (its cap
 * height below: top-edge to bottom-edge), and the raise moves the glyph, not the cell; so a
 * one-line item under a 13 pt marker ends at the marker's baseline, lower than the text's. */
typedef struct bullet_look {
	const char *text;
	text_attr a;
	double width, raise;
} bullet_look;

static bullet_look bullet_of(lay *L, const char *bullet, const text_attr *body)
{
	bullet_look k = {bullet ? bullet : "", *body, 0, 0};
	double size;
	k.text = vita_style_bullet_shown(bullet, &size, &k.raise);
	if (size > 0)
		k.a.size = size;
	k.width = *k.text ? text_width(L->fonts, k.text, &k.a) : 0;
	return k;
}

/* Draws a bullet beside an item whose top is at y; returns the bottom of its cell (y when none). */
static double put_bullet(lay *L, block *b, const bullet_look *k, double x, double y)
{
	if (!*k->text)
		return y;
	lay_put_text(L, b, k->text, &k->a, x, y - k->raise, k->width + 1, VITA_ALIGN_LEFT);
	return y + lay_cap_height(L, &k->a);
}

static double put_highlights(lay *L, block *b, const vita_highlight *h, size_t n, double x, double width,
                             double y, int depth)
{
	const vita_style *st = L->st;
	text_attr a = lay_role_attr(L, &st->body);
	bullet_look k = bullet_of(L, depth ? st->nested_bullet : st->bullet, &a);
	double bx = x + st->highlights_space_left;
	double tx = bx + k.width + st->highlights_space_between_bullet_and_text;
	double tw = x + width - tx;
	double bottom = y;
	for (size_t i = 0; i < n; i++) {
		double iy = i ? bottom + st->line_spacing + st->highlights_space_between_items : y;
		double bb = put_bullet(L, b, &k, bx, iy);
		double tb = h[i].text.spans ? lay_put_spans(L, b, h[i].text.spans, &a, h[i].text.pos, tx, iy, tw,
		                                        st->alignment)
		                            : iy;
		bottom = max2(bb, tb);
		if (h[i].nchildren)
			bottom = put_highlights(L, b, h[i].children, h[i].nchildren, tx, x + width - tx,
			                        bottom + st->line_spacing + st->highlights_space_between_items, depth + 1);
	}
	return bottom;
}

/* Adds a composed line's spans to a paragraph. */
void lay_add_line(lay *L, para *p, const vita_cline *l, const text_attr *a, vita_pos pos)
{
	lay_add_spans(L, p, l->spans, a, pos);
}

/* Lays out lines [from, to) of a composed column from y down; returns the bottom edge (y when none). */
static double put_lines(lay *L, block *b, const vita_centry *ce, const vita_ccol *col, double x, double width,
                        double y, vita_align align, size_t from, size_t to)
{
	const vita_style *st = L->st;
	const vita_entry *e = ce->e;
	text_attr a = lay_role_attr(L, &st->body);
	double bottom = y;
	bool first = true;
	for (size_t i = from; i < to && i < col->n; i++) {
		const vita_cline *t = &col->lines[i];
		double ly = first ? y : bottom + st->line_spacing;
		/* a summary's or highlights' space above counts below the column's first line, also when
		 * they open RenderCV's second row (lines from `from` > 0 on, under the first row) */
		bool top = first && i == 0;
		switch (t->kind) {
		case VITA_CLINE_SUMMARY:
			ly += top ? 0 : st->summary_space_above;
			bottom = lay_put_spans(L, b, ce->summary, &a, e->summary.pos, x + st->summary_space_left, ly,
			                   width - st->summary_space_left, align);
			break;
		case VITA_CLINE_HIGHLIGHTS:
			ly += top ? 0 : st->highlights_space_above;
			bottom = put_highlights(L, b, ce->highlights, ce->nhighlights, x, width, ly, 0);
			break;
		default: {
			para *p = para_new();
			lay_add_line(L, p, t, &a, e->pos);
			bottom = lay_put_para(L, b, p, &a, x, ly, width, align);
			para_free(p);
			break;
		}
		}
		first = false;
	}
	return bottom;
}

static void build_regular(lay *L, const vita_centry *ce, block *b)
{
	const vita_style *st = L->st;
	const vita_ccol *main = &ce->main, *date = &ce->date, *degree = &ce->degree;
	bool degree_col = ce->degree_column;
	double degree_x = 0;

	cols c = entry_cols(L);
	double dx = c.x1 - st->date_and_location_width;
	double mx = c.x0 + (degree_col ? L->degree_width + st->space_between_columns : 0);
	double mw = dx - st->space_between_columns - mx;
	size_t nmain = main->n, ndate = date->n;
	size_t first_row = st->short_second_row ? nmain : (ndate ? ndate : 1);
	if (L->comp->dates_left) {
		/* moderncv: the date column on the left, everything else to its right */
		dx = c.x0;
		mx = c.x0 + st->date_and_location_width + st->space_between_columns;
		if (degree_col) {
			degree_x = mx;
			mx += L->degree_width + st->space_between_columns;
		}
		mw = c.x1 - mx;
		first_row = nmain;
	}

	/* items go out in reading order — degree, main column, date column — for text extraction */
	block dcol = {0};
	double bottom = 0;
	if (ndate)
		bottom = put_lines(L, &dcol, ce, date, dx, st->date_and_location_width, 0,
		                   lay_absolute(L, st->date_column_alignment), 0, ndate);
	if (degree->n)
		bottom = max2(bottom, put_lines(L, b, ce, degree, degree_x ? degree_x : c.x0, L->degree_width, 0,
		                                VITA_ALIGN_LEFT, 0, degree->n));
	bottom = max2(bottom, put_lines(L, b, ce, main, mx, mw, 0, st->alignment, 0, first_row));
	if (first_row < nmain) {
		/* RenderCV's second row: below the first row, across the date column */
		bottom = put_lines(L, b, ce, main, mx, c.x1 - mx, bottom + st->line_spacing, st->alignment, first_row,
		                   nmain);
	}
	for (size_t i = 0; i < dcol.n; i++)
		block_add(b, &dcol.items[i], block_top(&dcol, i), block_bot(&dcol, i));
	block_free(&dcol);
	b->height = bottom;
}

static void build_textlike(lay *L, const vita_centry *ce, double label_w, block *b)
{
	const vita_style *st = L->st;
	const vita_entry *e = ce->e;
	text_attr a = lay_role_attr(L, &st->body);
	cols c = entry_cols(L);
	if (L->comp->dates_left)
		c.x0 += st->date_and_location_width + st->space_between_columns;
	double w = c.x1 - c.x0;
	double bottom = 0;
	switch (ce->shape) {
	case VITA_SHAPE_BULLET: {
		bullet_look k = bullet_of(L, st->bullet, &a);
		double tx = c.x0 + k.width + st->highlights_space_between_bullet_and_text;
		double bb = put_bullet(L, b, &k, c.x0, 0);
		bottom = max2(bb, lay_put_spans(L, b, ce->text, &a, e->text.pos, tx, 0, c.x1 - tx, st->alignment));
		break;
	}
	case VITA_SHAPE_NUMBERED: {
		double tx = c.x0 + label_w + st->highlights_space_between_bullet_and_text;
		double bb = lay_put_text(L, b, ce->number, &a, c.x0, 0, label_w, VITA_ALIGN_RIGHT);
		bottom = max2(bb, lay_put_spans(L, b, ce->text, &a, e->text.pos, tx, 0, c.x1 - tx, st->alignment));
		break;
	}
	case VITA_SHAPE_ONELINE:
		bottom = put_lines(L, b, ce, &ce->main, c.x0, w, 0, st->alignment, 0, ce->main.n);
		break;
	default: /* text */
		bottom = lay_put_spans(L, b, ce->text, &a, e->text.pos, c.x0, 0, w, st->alignment);
		break;
	}
	b->height = bottom;
}

static bool is_text_based(vita_entry_kind k)
{
	return vita_kind_def_of(k)->flags & VITA_KIND_TEXT_BASED;
}

/* Accumulates the widths of the words of spans set with attribute a (pt). */
static void widest_in(lay *L, const vita_span *s, const text_attr *a, double *word, double *widest)
{
	for (; s; s = s->next) {
		text_attr x = *a;
		if (s->kind == VITA_SPAN_STRONG)
			x.bold = true;
		if (s->kind == VITA_SPAN_EMPH)
			x.italic = true;
		if (s->children) {
			widest_in(L, s->children, &x, word, widest);
			continue;
		}
		if (s->kind == VITA_SPAN_BREAK) {
			*word = 0;
			continue;
		}
		const char *t = s->text && s->kind != VITA_SPAN_LINK ? s->text : ""; /* a link's is its url */
		while (*t) {
			size_t n = strcspn(t, " \n\t");
			if (n) {
				char *run = xstrndup(t, n);
				*word += text_width(L->fonts, run, &x);
				free(run);
				*widest = max2(*widest, *word);
			}
			t += n;
			if (*t) {
				*word = 0;
				t++;
			}
		}
	}
}

/* The degree column of a section keeps the style's width unless a degree has a word wider than
 * that ("Ph.D. Candidate" in RenderCV's 1 cm): then the section's degree column takes its widest
 * such word, so that no word is cut and its entries stay aligned, and keeps at least 1 em (the
 * body size) between that word and the main column, where space_between_columns alone would make
 * "Visiting National University" read as one phrase (typography review, O6). */
static double degree_column_width(lay *L, const vita_csection *s)
{
	const vita_style *st = L->st;
	double widest = 0;
	text_attr a = lay_role_attr(L, &st->body);
	for (size_t i = 0; i < s->nentries; i++) {
		const vita_ccol *d = &s->entries[i].degree;
		for (size_t k = 0; k < d->n; k++)
			if (d->lines[k].kind == VITA_CLINE_TEXT) {
				double word = 0;
				widest_in(L, d->lines[k].spans, &a, &word, &widest);
			}
	}
	double min_gap = max2(st->space_between_columns, a.size);
	if (widest + min_gap <= st->degree_width + st->space_between_columns)
		return st->degree_width;
	return widest + min_gap - st->space_between_columns;
}


/* The plain text of spans (emphasis dropped), in the scratch arena; NULL when empty. */
static void spans_text(const vita_span *s, vita_buf *b)
{
	for (; s; s = s->next) {
		if (s->text && s->kind != VITA_SPAN_SUPER && s->kind != VITA_SPAN_LINK) /* a link's: its url */
			buf_put(b, s->text, strlen(s->text));
		spans_text(s->children, b);
	}
}

static void add_tie(lay *L, const vita_span *s)
{
	vita_buf b = {0};
	spans_text(s, &b);
	if (b.len)
		ties_add(L->ties, buf_str(&b), b.len);
	buf_free(&b);
}

/* The names every paragraph keeps whole: the CV's and all its authors' (a name is tied wherever
 * it occurs, as in an entry's summary naming an advisor). */
static void document_ties(lay *L)
{
	L->ties = ties_new();
	add_tie(L, L->cv->name.spans);
	for (size_t si = 0; si < L->comp->nsections; si++) {
		const vita_section *s = L->comp->sections[si].s;
		for (size_t i = 0; i < s->nentries; i++)
			for (size_t k = 0; k < s->entries[i].nauthors; k++)
				add_tie(L, s->entries[i].authors[k].name.spans);
	}
}

int lay_build_blocks(lay *L, blocks *out)
{
	document_ties(L);
	const vita_style *st = L->st;
	double trailing = 0;
	block *h = blocks_push(out);
	bool have_header = lay_build_header(L, h, &trailing);
	if (!have_header) {
		block_free(h);
		out->n--;
	}
	text_attr body = lay_role_attr(L, &st->body);
	for (size_t si = 0; si < L->comp->nsections; si++) {
		const vita_csection *cs = &L->comp->sections[si];
		const vita_section *s = cs->s;
		L->degree_width = degree_column_width(L, cs);
		block *t = blocks_push(out);
		build_title(L, cs, t);
		t->section = si + 1;
		t->gap_before = out->n == 1 ? 0 : (out->n == 2 && have_header) ? trailing : st->title_space_above;
		/* page_break_before (pages.c): a first entry's break is its title's, which stays with it */
		t->break_before = s->page_break_before || (s->nentries && s->entries[0].page_break_before);
		/* numbered lists: the widest label sets the column */
		double label_w = 0;
		for (size_t i = 0; i < s->nentries; i++) {
			if (cs->entries[i].number)
				label_w = max2(label_w, text_width(L->fonts, cs->entries[i].number, &body));
		}
		for (size_t i = 0; i < s->nentries; i++) {
			if (deadline_passed())
				return -1; /* --timeout: vita_layout reports it */
			const vita_entry *e = &s->entries[i];
			const vita_centry *ce = &cs->entries[i];
			block *b = blocks_push(out);
			if (ce->shape == VITA_SHAPE_REGULAR)
				build_regular(L, ce, b);
			else
				build_textlike(L, ce, label_w, b);
			b->section = si + 1;
			b->breakable = st->entries_allow_page_break;
			b->break_before = i > 0 && e->page_break_before;
			if (i == 0)
				b->gap_before = title_gap_below(st);
			else if (is_text_based(e->kind))
				b->gap_before = st->space_between_text_based_entries + st->line_spacing;
			else
				b->gap_before = st->space_between_regular_entries + st->line_spacing;
		}
	}
	if (out->n)
		block_trim(&out->v[out->n - 1]);
	return 0;
}
