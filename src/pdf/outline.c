/*
 * Pieces drawn as filled outlines instead of text (writer.h): the header's Font Awesome icons.
 *
 * An icon font's characters are private-use code points: to a reader or a text extractor they
 * mean nothing (copying RenderCV's header gives "\uF0E0 ada@example.org"), so embedding the font
 * buys only a subset, a /W array, a ToUnicode map and a compressed font program for one or two
 * glyphs — 0.8 M instructions per font, 2.5% of a whole render.  Each glyph's outline is taken
 * from the font with HarfBuzz's drawing callbacks and written as a path in the font's units, under
 * a matrix that scales them to the piece's size at its origin, and filled with the nonzero rule
 * (TrueType's and CFF's).  Viewers draw the same shape; extractors see only the connection's text.
 */
#include <pthread.h>

#include <hb-ot.h>

#include "pdf/writer.h"

/* The font of a slot drawn as outlines or colour bitmaps, opened on first use (NULL when the file
 * cannot be read). */
hb_font_t *pdf_slot_font(pdf_writer *w, size_t canon)
{
	font_slot *fs = &w->fonts[canon];
	if (fs->outline || fs->outline_failed)
		return fs->outline;
	const vita_font_ref *r = &w->doc->fonts[canon];
	hb_face_t *face = pdf_kept_face(r); /* kept from one document to the next */
	if (!face) {
		fs->outline_failed = true;
		vita_diag(w->d, VITA_WARNING, (vita_pos){r->path, 0, 0}, "cannot read the font file; what it draws is left out");
		return NULL;
	}
	fs->outline = hb_font_create(face);
	fs->outline_upem = (int)hb_face_get_upem(face);
	hb_face_destroy(face);
	hb_font_set_scale(fs->outline, fs->outline_upem, fs->outline_upem); /* outlines in font units */
	return fs->outline;
}

/* ---- the path: font units scaled to points at the piece's origin (PDF's y grows upwards, as the
 * font's does) ---- */

typedef struct pen {
	vita_buf *b;
	double ox, oy, scale; /* the glyph's origin on the page and points per font unit */
	float x, y;           /* the current point, in font units, for quadratic curves */
	bool drawn;           /* a segment was written */
} pen;

static void put_xy(pen *p, float x, float y)
{
	pdf_put_milli(p->b, pdf_milli(p->ox + x * p->scale));
	buf_putc(p->b, ' ');
	pdf_put_milli(p->b, pdf_milli(p->oy + y * p->scale));
	buf_putc(p->b, ' ');
}

static void move_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	pen *p = data;
	put_xy(p, x, y);
	buf_puts(p->b, "m\n");
	p->x = x, p->y = y;
}

static void line_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	pen *p = data;
	put_xy(p, x, y);
	buf_puts(p->b, "l\n");
	p->x = x, p->y = y;
	p->drawn = true;
}

static void cubic_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float x1, float y1, float x2,
                     float y2, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	pen *p = data;
	put_xy(p, x1, y1);
	put_xy(p, x2, y2);
	put_xy(p, x, y);
	buf_puts(p->b, "c\n");
	p->x = x, p->y = y;
	p->drawn = true;
}

/* PDF has no quadratic curve: the same curve as a cubic, its controls 2/3 of the way from each end
 * to the quadratic's control point. */
static void quad_to(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, float qx, float qy, float x,
                    float y, void *u)
{
	pen *p = data;
	cubic_to(f, data, st, p->x + 2.0f / 3 * (qx - p->x), p->y + 2.0f / 3 * (qy - p->y),
	         x + 2.0f / 3 * (qx - x), y + 2.0f / 3 * (qy - y), x, y, u);
}

static void close_path(hb_draw_funcs_t *f, void *data, hb_draw_state_t *st, void *u)
{
	(void)f, (void)st, (void)u;
	buf_puts(((pen *)data)->b, "h\n");
}

/* One set of callbacks for the process (made once: a batch draws from several threads). */
static hb_draw_funcs_t *funcs;
static pthread_once_t funcs_once = PTHREAD_ONCE_INIT;

static void make_funcs(void)
{
	funcs = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(funcs, move_to, NULL, NULL);
	hb_draw_funcs_set_line_to_func(funcs, line_to, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(funcs, quad_to, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(funcs, cubic_to, NULL, NULL);
	hb_draw_funcs_set_close_path_func(funcs, close_path, NULL, NULL);
	hb_draw_funcs_make_immutable(funcs);
}

/* ---- a piece ---- */

bool pdf_next_glyph(hb_font_t *font, const vita_item *it, size_t *i, vita_glyph *g)
{
	if (it->glyphs) {
		if (*i >= it->nglyphs)
			return false;
		*g = it->glyphs[(*i)++];
		return true;
	}
	size_t n = strlen(it->text);
	while (*i < n) {
		uint32_t cp;
		size_t start = *i, k = utf8_decode(it->text + *i, n - *i, &cp);
		*i += k ? k : 1;
		hb_codepoint_t gid;
		if (k && hb_font_get_nominal_glyph(font, cp, &gid)) {
			*g = (vita_glyph){gid, (uint32_t)start, hb_font_get_glyph_h_advance(font, gid), 0, 0};
			return true;
		}
	}
	return false;
}

int pdf_draw_outlines(pdf_writer *w, const vita_item *it, long long x, long long y)
{
	size_t canon = w->fonts[it->font].canon;
	hb_font_t *font = pdf_slot_font(w, canon);
	if (!font || !(it->size > 0))
		return 0;
	pthread_once(&funcs_once, make_funcs);
	pen p = {&w->cs, (double)x / 1000, (double)y / 1000, it->size / w->fonts[canon].outline_upem, 0, 0, false};
	size_t undo = w->cs.len, i = 0;
	vita_glyph g;
	while (pdf_next_glyph(font, it, &i, &g)) {
		hb_font_get_glyph_shape(font, g.id, funcs, &p);
		p.ox += g.x_advance * p.scale;
	}
	if (p.drawn)
		buf_puts(&w->cs, "f\n");
	else
		w->cs.len = undo; /* no ink (a space): no path at all, which "f" would need */
	return 0;
}
