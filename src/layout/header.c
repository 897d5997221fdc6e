/*
 * The header block: the name, the headline, the contact line(s) packed and wrapped (each with its
 * Font Awesome icon when the style shows icons), and the photo beside them at the size the style
 * gives and the aspect the loader measured.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"
#include "vita/icons.h"

#define ICON_GAP (0.05 * 72 / 2.54) /* pt */
#define CONNECTIONS_LEADING 1.7    /* RenderCV's lib.typ: par(leading: typography-line-spacing * 1.7) */

/* RenderCV's icon before a connection (design.header.connections.show_icons): the Font Awesome
 * glyph at 0.9 em, then a word space and 0.05 cm (its lib.typ: `#fa-icon(name, size: 0.9em)
 * #h(0.05cm) #box[body]`), on the text's baseline.  Returns false when the connection has none. */
static bool icon_attr(const lay *L, size_t i, const text_attr *a, text_attr *ia, char glyph[5])
{
	const vita_comp *cc = L->comp;
	if (!cc->icons || !cc->icons[i].cp)
		return false;
	*ia = *a;
	ia->family = vita_icon_family(&cc->icons[i], &ia->bold);
	ia->italic = ia->small_caps = false;
	ia->size = 0.9 * a->size;
	vita_icon_utf8(&cc->icons[i], glyph);
	return true;
}

/* The width of a connection's icon and the gap after it; 0 without one. */
static double icon_width(lay *L, size_t i, const text_attr *a)
{
	text_attr ia;
	char glyph[5];
	if (!icon_attr(L, i, a, &ia, glyph))
		return 0;
	return text_width(L->fonts, glyph, &ia) + text_width(L->fonts, " ", a) + ICON_GAP;
}

/* The icon is part of its connection's link, as in RenderCV: the text's first link rectangle
 * (from item first on) is widened to the icon at [x, x + iw] (left of the text; right of it when
 * mirrored), so that one link covers both. */
static void link_icon(const lay *L, block *b, size_t first, double x, double iw)
{
	for (size_t i = first; i < b->n; i++)
		if (b->items[i].kind == VITA_ITEM_LINK) {
			vita_item *r = &b->items[i];
			if (L->rtl) {
				r->w = lay_mirror_x(L, x, iw) + iw - r->x;
				return;
			}
			r->w += r->x - x;
			r->x = x;
			return;
		}
}

/* The word space after an icon, drawn as the space glyph of the connection's font (a copy of its
 * first text piece, put before it), so that every text extractor sees icon and text as two words,
 * as in RenderCV's PDF; the icon fonts have no space glyph of their own. */
static void space_after_icon(const lay *L, block *b, size_t first, double x, double w)
{
	size_t i = first;
	while (i < b->n && b->items[i].kind != VITA_ITEM_TEXT)
		i++;
	if (i == b->n)
		return;
	vita_item sp = b->items[i];
	sp.text = " ";
	sp.glyphs = NULL;
	sp.nglyphs = 0;
	sp.has_cuts = false;
	sp.x = lay_mirror_x(L, x, w);
	sp.w = w;
	if (sp.x + w > sp.edge) /* mirrored, the space is right of its text's measure */
		sp.edge = sp.x + w;
	sp.space_after = false;
	block_add(b, &sp, block_top(b, i), block_bot(b, i));
	/* move it before the text's pieces, into reading order */
	vita_item it = b->items[b->n - 1];
	uint32_t span = b->span[b->n - 1];
	memmove(&b->items[first + 1], &b->items[first], (b->n - 1 - first) * sizeof *b->items);
	memmove(&b->span[first + 1], &b->span[first], (b->n - 1 - first) * sizeof *b->span);
	b->items[first] = it;
	b->span[first] = span;
}

/* The cap height of a contact line of connections [i, j): that of its text or of its tallest icon. */
static double line_cap(lay *L, size_t i, size_t j, const text_attr *a)
{
	double cap = lay_cap_height(L, a);
	for (size_t k = i; k < j; k++) {
		text_attr ia;
		char glyph[5];
		if (icon_attr(L, k, a, &ia, glyph))
			cap = fmax(cap, lay_cap_height(L, &ia));
	}
	return cap;
}

/* Lays out the contact line(s): items packed greedily, wrapped when too wide, each line aligned. */
static double put_connections(lay *L, block *b, double hx, double hw, double y)
{
	const vita_style *st = L->st;
	const vita_comp *cc = L->comp; /* the contact line as composed */
	text_attr a = lay_role_attr(L, &st->connections);
	const char *sepstr = st->connections_separator ? st->connections_separator : "";
	double sep_text = *sepstr ? text_width(L->fonts, sepstr, &a) : 0;
	double sep_w = sep_text + st->space_between_connections;
	double *w = xmalloc((cc->nconnections + 1) * sizeof *w);
	for (size_t i = 0; i < cc->nconnections; i++) {
		w[i] = icon_width(L, i, &a) + text_width(L->fonts, cc->connections[i].text ? cc->connections[i].text : "", &a);
		/* A connection is never broken across lines: one wider than the header would run off the
		 * page (M4: a 64 KiB website), so it is refused at its line:col. */
		if (w[i] > hw + 0.5)
			vita_diag(L->d, VITA_ERROR, cc->connections[i].pos,
			          "this connection is %.0f pt wide as shown, wider than the header (%.0f pt); a "
			          "connection is not broken across lines: shorten it",
			          w[i], hw);
	}
	double bottom = y;
	size_t i = 0;
	bool first_line = true;
	while (i < cc->nconnections) {
		/* the connections of this line */
		size_t j = i;
		double lw = 0;
		while (j < cc->nconnections) {
			double add = (j > i ? sep_w : 0) + w[j];
			if (j > i && lw + add > hw)
				break;
			lw += add;
			j++;
		}
		/* right to left, the connections run from the right (each box mirrored), and the line keeps
		 * the header's absolute alignment (layout_internal.h) */
		vita_align align = lay_absolute(L, st->header_alignment);
		double x = hx;
		if (align == VITA_ALIGN_CENTER)
			x += (hw - lw) / 2;
		else if (align == VITA_ALIGN_RIGHT)
			x += hw - lw;
		if (x < hx)
			x = hx;
		/* RenderCV sets the connections with a leading of 1.7 times the line spacing; a line's top
		 * is the highest cap height on it (Typst's top-edge), an icon's font included */
		double ly = first_line ? y : bottom + CONNECTIONS_LEADING * st->line_spacing;
		ly += line_cap(L, i, j, &a) - lay_cap_height(L, &a);
		double lb = ly;
		for (size_t k = i; k < j; k++) {
			const vita_connection *c = &cc->connections[k];
			if (k > i) {
				if (*sepstr)
					lb = fmax(lb, lay_put_text(L, b, sepstr, &a, x + st->space_between_connections / 2, ly,
					                       sep_text + st->space_between_connections, VITA_ALIGN_LEFT));
				x += sep_w;
			}
			text_attr ca = a;
			if (st->connections_hyperlink && c->url)
				ca.link = c->url;
			double iw = icon_width(L, k, &a), tx = x + iw;
			text_attr ia;
			char glyph[5];
			if (iw > 0 && icon_attr(L, k, &a, &ia, glyph)) {
				para *ip = para_new();
				para_add(ip, glyph, strlen(glyph), &ia, c->pos);
				lb = fmax(lb, lay_put_para(L, b, ip, &a, x, ly, iw, VITA_ALIGN_LEFT));
				para_free(ip);
			}
			para *p = para_new();
			if (c->text)
				para_add(p, c->text, strlen(c->text), &ca, c->pos);
			size_t first = b->n;
			lb = fmax(lb, lay_put_para(L, b, p, &a, tx, ly, fmax(w[k] - iw, hx + hw - tx), VITA_ALIGN_LEFT));
			para_free(p);
			if (iw > 0) {
				link_icon(L, b, first, x, iw);
				space_after_icon(L, b, first, x + iw - text_width(L->fonts, " ", &a) - ICON_GAP, text_width(L->fonts, " ", &a));
			}
			x += w[k];
		}
		bottom = lb;
		first_line = false;
		i = j;
	}
	free(w);
	return bottom;
}

/* The header block; *trailing gets the space below its last line. Returns false when empty. */
bool lay_build_header(lay *L, block *b, double *trailing)
{
	const vita_style *st = L->st;
	const vita_cv *cv = L->cv;
	double left = st->margin_left, right = st->page_width - st->margin_right;
	double hx = left, hw = right - left;
	double pw = 0, ph = 0, px = 0;
	if (cv->photo) {
		pw = st->photo_width;
		ph = cv->photo_w > 0 && cv->photo_h > 0 ? pw * cv->photo_h / cv->photo_w : pw;
		double room = st->photo_space_left + pw + st->photo_space_right;
		/* RenderCV pads the photo left and right in absolute terms, so before mirroring the two
		 * spaces change sides */
		double space_left = L->rtl ? st->photo_space_right : st->photo_space_left;
		double space_right = L->rtl ? st->photo_space_left : st->photo_space_right;
		if (st->photo_left) {
			px = left + space_left;
			hx = left + room;
		} else {
			px = right - space_right - pw;
		}
		hw -= room;
	}
	block text = {0};
	double y = 0, bottom = 0;
	bool any = false;
	*trailing = 0;
	if (cv->name.spans) {
		text_attr a = lay_role_attr(L, &st->name);
		bottom = lay_put_spans(L, &text, cv->name.spans, &a, cv->name.pos, hx, y, hw,
		                   lay_absolute(L, st->header_alignment));
		*trailing = st->space_below_name;
		any = true;
	}
	if (cv->headline.spans) {
		text_attr a = lay_role_attr(L, &st->headline);
		y = any ? bottom + *trailing : 0;
		bottom = lay_put_spans(L, &text, cv->headline.spans, &a, cv->headline.pos, hx, y, hw,
		                       lay_absolute(L, st->header_alignment));
		*trailing = st->space_below_headline;
		any = true;
	}
	if (L->comp->nconnections) {
		y = any ? bottom + *trailing : 0;
		bottom = put_connections(L, &text, hx, hw, y);
		*trailing = st->space_below_connections;
		any = true;
	}
	if (!any && !cv->photo) {
		block_free(&text);
		return false;
	}
	/* the photo and the text are centred on each other, as in RenderCV */
	double th = any ? bottom : 0, dy_text = 0, dy_photo = 0;
	if (cv->photo) {
		if (ph > th)
			dy_text = (ph - th) / 2;
		else
			dy_photo = (th - ph) / 2;
		vita_item im = {0};
		im.kind = VITA_ITEM_IMAGE;
		im.x = lay_mirror_x(L, px, pw);
		im.y = dy_photo;
		im.w = pw;
		im.h = ph;
		im.text = arena_strdup(L->doc->arena, cv->photo);
		block_add(b, &im, im.y, im.y + ph);
		if (!any)
			*trailing = st->space_below_connections;
	}
	for (size_t i = 0; i < text.n; i++) {
		vita_item it = text.items[i];
		it.y += dy_text;
		block_add(b, &it, block_top(&text, i) + dy_text, block_bot(&text, i) + dy_text);
	}
	b->height = fmax(th + dy_text, ph + dy_photo);
	b->header = true;
	block_free(&text);
	return true;
}
