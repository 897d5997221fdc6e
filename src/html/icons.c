/*
 * The header's Font Awesome icons in the HTML page, as inline SVG: each icon's outline is read from
 * the same font files the PDF embeds (fonts/icons/, through the font catalogue) with HarfBuzz's
 * glyph-shape API and written as one <path>, so the page stays one self-contained file (no font
 * files beside it, no web font to fetch) and shows exactly the PDF's glyph.  The SVG's box is the
 * glyph's advance wide and one em high from the font's descent (grown where the glyph reaches out),
 * at 0.9 em with the baseline where the font puts it, as the PDF draws the icon; fill is the text
 * colour.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "base/base.h"
#include "html/icons.h"
#include "style/fonts.h"
#include "vita/icons.h"

static void num(vita_buf *b, double v)
{
	v = round(v * 10) / 10;
	buf_printf(b, "%.10g", v == 0 ? 0.0 : v); /* no "-0" */
}

typedef struct pen {
	vita_buf *b;
	double asc; /* the font's ascender: SVG's y grows downwards from the em box's top */
} pen;

static void pt2(pen *p, float x, float y)
{
	buf_putc(p->b, ' ');
	num(p->b, x);
	buf_putc(p->b, ' ');
	num(p->b, p->asc - y);
}

static void move_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	buf_putc(((pen *)data)->b, 'M');
	pt2(data, x, y);
}

static void line_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)u;
	if (st->current_x == x && st->current_y == y)
		return; /* a segment to where the pen is (HarfBuzz draws one between on-curve points) */
	buf_putc(((pen *)data)->b, 'L');
	pt2(data, x, y);
}

static void quad_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float cx, float cy, float x, float y,
                    void *u)
{
	(void)f, (void)st, (void)u;
	buf_putc(((pen *)data)->b, 'Q');
	pt2(data, cx, cy);
	pt2(data, x, y);
}

static void cubic_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float c1x, float c1y, float c2x,
                     float c2y, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	buf_putc(((pen *)data)->b, 'C');
	pt2(data, c1x, c1y);
	pt2(data, c2x, c2y);
	pt2(data, x, y);
}

static void close_path(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, void *u)
{
	(void)f, (void)st, (void)u;
	buf_putc(((pen *)data)->b, 'Z');
}

/* The file of the icon's face: the font catalogue's, as the layout finds it. */
static char *icon_font_path(const vita_icon *ic)
{
	bool bold = false;
	const vita_font_family *fam = vita_font_family_find(vita_icon_family(ic, &bold));
	const char *file = fam ? (bold && fam->bold ? fam->bold : fam->regular) : NULL;
	if (!file)
		return NULL;
	vita_buf p = {0};
	if (fam->dir)
		buf_printf(&p, "%s/%s", fam->dir, file);
	else
		buf_printf(&p, "%s/fonts/%s", vita_data_dir(), file);
	return buf_take(&p);
}

/* The icon as <svg>…</svg> into b; false (nothing written) when its font or glyph is missing. */
static bool icon_svg(vita_buf *b, const vita_icon *ic)
{
	char *path = icon_font_path(ic);
	if (!path)
		return false;
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	free(path);
	if (!blob)
		return false;
	hb_face_t *face = hb_face_create(blob, 0);
	hb_font_t *font = hb_font_create(face);
	hb_codepoint_t g;
	bool ok = hb_font_get_nominal_glyph(font, ic->cp, &g);
	if (ok) {
		/* the box: the font's descent to one em above it, grown to the glyph where it reaches out */
		hb_font_extents_t fx;
		hb_glyph_extents_t gx = {0};
		hb_font_get_h_extents(font, &fx);
		hb_font_get_glyph_extents(font, g, &gx);
		double upem = hb_face_get_upem(face);
		double adv = hb_font_get_glyph_h_advance(font, g);
		double lo = fmin(fx.descender, gx.y_bearing + gx.height), hi = fmax(gx.y_bearing, lo + upem);
		buf_puts(b, "<svg class=\"icon\" aria-hidden=\"true\" viewBox=\"0 0 ");
		num(b, adv);
		buf_putc(b, ' ');
		num(b, hi - lo);
		buf_printf(b, "\" style=\"width: %.3fem; height: %.3fem; vertical-align: %.3fem", 0.9 * adv / upem,
		           0.9 * (hi - lo) / upem, 0.9 * lo / upem);
		buf_puts(b, "\"><path d=\"");
		hb_draw_funcs_t *f = hb_draw_funcs_create();
		hb_draw_funcs_set_move_to_func(f, move_to, NULL, NULL);
		hb_draw_funcs_set_line_to_func(f, line_to, NULL, NULL);
		hb_draw_funcs_set_quadratic_to_func(f, quad_to, NULL, NULL);
		hb_draw_funcs_set_cubic_to_func(f, cubic_to, NULL, NULL);
		hb_draw_funcs_set_close_path_func(f, close_path, NULL, NULL);
		pen p = {b, hi};
		hb_font_get_glyph_shape(font, g, f, &p);
		hb_draw_funcs_destroy(f);
		buf_puts(b, "\"/></svg> ");
	}
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return ok;
}

void html_connection_icon(vita_buf *b, const vita_comp *c, size_t i, vita_diags *d)
{
	if (!c->icons || !c->icons[i].cp)
		return;
	if (!icon_svg(b, &c->icons[i]))
		vita_diag(d, VITA_WARNING, c->connections[i].pos,
		          "the HTML shows this connection without its icon `%s`: its Font Awesome font is not in "
		          "fonts/icons/",
		          c->icons[i].name);
}
