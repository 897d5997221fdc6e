/*
 * The raster backend: the laid-out pages (include/vita/frame.h) drawn with cairo, as PNG images at
 * a chosen resolution or as SVG — a preview for READMEs and homepages, as RenderCV offers.
 *
 * It draws exactly what the PDF backend draws, from the same frames: each text piece at its
 * position with its font file (through FreeType) and size, fake bold as fill plus a stroke of the
 * same width the PDF uses, rules, and PNG photos.  Links have no picture.  This file is built into
 * its own shared object (vita-raster.so, linked with cairo and FreeType) that vita loads only when
 * a PNG or SVG is asked for (src/render/raster_load.c), so that a PDF render does not pay for
 * cairo's dozen shared libraries at start-up.  It uses nothing of libvita but the frame structures.
 */
#include <cairo-ft.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "raster/raster.h"

#define FAKE_BOLD_STROKE 0.03 /* of the font size: the PDF backend's value */

typedef struct out_buf {
	unsigned char *data;
	size_t len, cap;
} out_buf;

static cairo_status_t out_write(void *closure, const unsigned char *data, unsigned int length)
{
	out_buf *o = closure;
	if (o->len + length > o->cap) {
		size_t cap = o->cap ? o->cap : 65536;
		while (cap < o->len + length)
			cap *= 2;
		unsigned char *p = realloc(o->data, cap);
		if (!p)
			return CAIRO_STATUS_NO_MEMORY;
		o->data = p;
		o->cap = cap;
	}
	memcpy(o->data + o->len, data, length);
	o->len += length;
	return CAIRO_STATUS_SUCCESS;
}

/* One FreeType library for the process: cairo caches font faces past a render, and a face must not
 * outlive its library.  Renders are serialised (FreeType faces are not shared across threads). */
static FT_Library ft_lib;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct faces {
	cairo_font_face_t **face; /* per doc->fonts[i], NULL until used */
	FT_Face *ft;
	size_t n;
} faces;

static const cairo_user_data_key_t ft_key;

static void done_face(void *face)
{
	FT_Done_Face(face);
}

static cairo_font_face_t *face_for(faces *f, const vita_doc *doc, int i)
{
	if (i < 0 || (size_t)i >= f->n)
		return NULL;
	if (!f->face[i]) {
		if (FT_New_Face(ft_lib, doc->fonts[i].path, doc->fonts[i].face_index, &f->ft[i]) != 0)
			return NULL;
		f->face[i] = cairo_ft_font_face_create_for_ft_face(f->ft[i], 0);
		/* the FreeType face goes when cairo lets go of the font face, not before */
		if (cairo_font_face_set_user_data(f->face[i], &ft_key, f->ft[i], done_face) !=
		    CAIRO_STATUS_SUCCESS) {
			cairo_font_face_destroy(f->face[i]);
			FT_Done_Face(f->ft[i]);
			f->face[i] = NULL;
			return NULL;
		}
	}
	return f->face[i];
}

static void draw_text(cairo_t *cr, faces *f, const vita_doc *doc, const vita_item *it)
{
	cairo_font_face_t *face = face_for(f, doc, it->font);
	if (!face || !it->text)
		return;
	cairo_set_font_face(cr, face);
	cairo_set_font_size(cr, it->size);
	vita_rgb c = vita_item_rgb(doc, it);
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
	if (it->glyphs && it->nglyphs) {
		/* a shaped piece (complex scripts, emoji sequences): its glyphs where the layout put them */
		const vita_font_ref *r = &doc->fonts[it->font];
		double scale = it->size / (r->units_per_em > 0 ? r->units_per_em : 1000), pen = it->x;
		cairo_glyph_t *g = malloc(it->nglyphs * sizeof *g);
		if (!g)
			return;
		for (size_t i = 0; i < it->nglyphs; i++) {
			g[i] = (cairo_glyph_t){it->glyphs[i].id, pen + it->glyphs[i].x_offset * scale,
			                       it->y - it->glyphs[i].y_offset * scale};
			pen += it->glyphs[i].x_advance * scale;
		}
		if (it->fake_bold) {
			cairo_glyph_path(cr, g, (int)it->nglyphs);
			cairo_fill_preserve(cr);
			cairo_set_line_width(cr, FAKE_BOLD_STROKE * it->size);
			cairo_stroke(cr);
		} else {
			cairo_show_glyphs(cr, g, (int)it->nglyphs);
		}
		free(g);
		return;
	}
	cairo_move_to(cr, it->x, it->y);
	if (it->fake_bold) {
		cairo_text_path(cr, it->text);
		cairo_fill_preserve(cr);
		cairo_set_line_width(cr, FAKE_BOLD_STROKE * it->size);
		cairo_stroke(cr);
	} else {
		cairo_show_text(cr, it->text);
	}
}

static void draw_rule(cairo_t *cr, const vita_doc *doc, const vita_item *it)
{
	if (!(it->thickness > 0))
		return;
	vita_rgb c = vita_item_rgb(doc, it);
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
	cairo_set_line_width(cr, it->thickness);
	cairo_move_to(cr, it->x, it->y);
	cairo_line_to(cr, it->x + it->w, it->y + it->h);
	cairo_stroke(cr);
}

/* A PNG photo scaled into its box (a JPEG is left out: cairo reads only PNG; the caller warns). */
static bool draw_image(cairo_t *cr, const vita_item *it)
{
	size_t n = it->text ? strlen(it->text) : 0;
	if (n < 4 || strcmp(it->text + n - 4, ".png") != 0)
		return false;
	cairo_surface_t *img = cairo_image_surface_create_from_png(it->text);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return false;
	}
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	cairo_save(cr);
	cairo_translate(cr, it->x, it->y);
	cairo_scale(cr, it->w / w, it->h / h);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(img);
	return true;
}

static void draw_page(cairo_t *cr, faces *f, const vita_doc *doc, const vita_page *p, bool *images_left_out)
{
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	for (size_t i = 0; i < p->nitems; i++) {
		const vita_item *it = &p->items[i];
		switch (it->kind) {
		case VITA_ITEM_TEXT:
			for (size_t k = 0; k < vita_item_npieces(it); k++) {
				vita_item piece = vita_item_piece(it, k);
				draw_text(cr, f, doc, &piece);
			}
			break;
		case VITA_ITEM_RULE: draw_rule(cr, doc, it); break;
		case VITA_ITEM_IMAGE:
			if (!draw_image(cr, it))
				*images_left_out = true;
			break;
		case VITA_ITEM_LINK: break;
		}
	}
}

/* The families the page uses, for the SVG's description (cairo draws glyphs as paths). */
static void font_desc(const vita_doc *doc, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = 0;
	for (size_t i = 0; i < doc->nfonts && o + 1 < size; i++) {
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen |= strcmp(doc->fonts[j].family, doc->fonts[i].family) == 0;
		if (seen)
			continue;
		int k = snprintf(buf + o, size - o, "%s%s", o ? ", " : "", doc->fonts[i].family);
		if (k < 0 || (size_t)k >= size - o)
			break;
		o += (size_t)k;
	}
}

/* Puts <desc>fonts: …</desc> after the opening <svg …> tag. */
static int add_desc(out_buf *o, const vita_doc *doc)
{
	char fonts[1024], desc[1200];
	font_desc(doc, fonts, sizeof fonts);
	/* family names are the fonts' own name tables: escape what XML needs */
	size_t k = (size_t)snprintf(desc, sizeof desc, "\n<desc>fonts: ");
	for (const char *p = fonts; *p && k + 8 < sizeof desc; p++)
		k += (size_t)snprintf(desc + k, sizeof desc - k, "%s",
		                      *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : (char[2]){*p, 0});
	k += (size_t)snprintf(desc + k, sizeof desc - k, "</desc>");
	char *start = o->len ? strstr((char *)o->data, "<svg") : NULL;
	char *end = start ? strchr(start, '>') : NULL;
	if (!end)
		return 0;
	size_t at = (size_t)(end + 1 - (char *)o->data);
	if (out_write(o, (const unsigned char *)desc, (unsigned)k) != CAIRO_STATUS_SUCCESS)
		return -1;
	memmove(o->data + at + k, o->data + at, o->len - k - at);
	memcpy(o->data + at, desc, k);
	return 0;
}

int vita_raster_write(const vita_doc *doc, const char *format, double dpi, vita_raster_page *pages,
                      char *err, size_t errlen)
{
	bool svg = strcmp(format, "svg") == 0;
	faces f = {0};
	f.n = doc->nfonts;
	f.face = calloc(f.n + 1, sizeof *f.face);
	f.ft = calloc(f.n + 1, sizeof *f.ft);
	pthread_mutex_lock(&lock);
	if (!f.face || !f.ft || (!ft_lib && FT_Init_FreeType(&ft_lib) != 0)) {
		snprintf(err, errlen, "cannot start FreeType");
		free(f.face);
		free(f.ft);
		pthread_mutex_unlock(&lock);
		return -1;
	}
	double scale = svg ? 1 : dpi / 72.0;
	int rc = 0;
	bool left_out = false;
	for (size_t p = 0; p < doc->npages && rc == 0; p++) {
		out_buf o = {0};
		cairo_surface_t *s;
		if (svg) {
			s = cairo_svg_surface_create_for_stream(out_write, &o, doc->page_width, doc->page_height);
			cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
		} else {
			/* whole pixels, rounded up as poppler does, so that previews and pdftoppm agree */
			int w = (int)ceil(doc->page_width * scale - 1e-9), h = (int)ceil(doc->page_height * scale - 1e-9);
			s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		}
		cairo_t *cr = cairo_create(s);
		cairo_scale(cr, scale, scale);
		/* advances as the font gives them, not rounded to pixels: the layout measured them so */
		cairo_font_options_t *fo = cairo_font_options_create();
		cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
		cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
		cairo_set_font_options(cr, fo);
		cairo_font_options_destroy(fo);
		draw_page(cr, &f, doc, &doc->pages[p], &left_out);
		cairo_destroy(cr);
		cairo_surface_flush(s);
		if (!svg && cairo_surface_write_to_png_stream(s, out_write, &o) != CAIRO_STATUS_SUCCESS)
			rc = -1;
		cairo_surface_finish(s);
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
			rc = -1;
		cairo_surface_destroy(s);
		if (rc == 0 && svg)
			rc = add_desc(&o, doc);
		if (rc != 0) {
			snprintf(err, errlen, "cairo could not draw page %zu", p + 1);
			free(o.data);
			break;
		}
		pages[p].data = (char *)o.data;
		pages[p].len = o.len;
	}
	for (size_t i = 0; i < f.n; i++)
		if (f.face[i])
			cairo_font_face_destroy(f.face[i]);
	/* cairo's caches hold the faces until reset: let them go, so that a face never outlives the
	 * render that opened its file */
	cairo_debug_reset_static_data();
	pthread_mutex_unlock(&lock);
	free(f.face);
	free(f.ft);
	if (rc == 0 && left_out)
		snprintf(err, errlen, "the photo is not a PNG: the %s leaves it out", svg ? "SVG" : "PNG");
	return rc;
}
