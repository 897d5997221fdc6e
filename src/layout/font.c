/*
 * Fonts of one document: which families <data>/fonts/ holds, loading faces on first use, widths as
 * libharu draws them, vertical metrics, and the per-code-point fallback chain.
 *
 * Families are found by reading each font file's name table and OS/2 style bits (so a user can drop
 * a .ttf into fonts/), then, on the first character none of them has, the default chain of
 * installed fonts (fallback.c); faces are only mapped and parsed when a character needs them: a Latin CV
 * never opens the 4 MB CJK font.  Widths are HarfBuzz's nominal advances truncated to 1/1000 em
 * exactly as libharu writes them into the PDF's /W array; positions computed from anything else
 * would drift from what viewers draw.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <hb-ot.h>

#include "layout/kerntab.h"
#include "layout/textint.h"
#include "style/fonts.h"

/* ---- discovery ---- */

/* The style's families that <data>/fonts/ lacks: at most this many, four faces each. */
#define STYLE_FAMILIES 7
/* Font Awesome's two families (fonts/icons/), added when the style shows icons. */
static const char *const icon_families[] = {"Font Awesome 6 Free", "Font Awesome 6 Brands"};
#define ICON_FAMILIES (sizeof icon_families / sizeof icon_families[0])

/* A family the style names that is not in <data>/fonts/ but in fonts/themes/ or installed
 * (style/fonts.c found it when the style was loaded): its faces join this document's. */
static void add_named(vita_fonts *f, const char *name)
{
	const vita_font_family *ff = name ? vita_font_family_find_near(f->st ? f->st->cv_fonts : NULL, name) : NULL;
	if (!ff)
		ff = vita_font_family_stand_in(name);
	if (!ff)
		return;
	for (size_t k = 0; k < f->nfams; k++)
		if (strcasecmp(f->fams[k].name, ff->family) == 0)
			return;
	const char *files[4] = {ff->regular, ff->bold, ff->italic, ff->bold_italic};
	vita_buf path = {0};
	buf_printf(&path, "%s/%s", ff->dir ? ff->dir : f->dir, files[0]);
	bool there = access(buf_str(&path), R_OK) == 0; /* the shipped table names files in any case */
	buf_free(&path);
	if (!there)
		return;
	f->fams = xrealloc(f->fams, (f->nfams + 1) * sizeof *f->fams);
	family *fm = &f->fams[f->nfams++];
	memset(fm, 0, sizeof *fm);
	for (int s = 0; s < 4; s++) {
		fm->faces[s] = -1;
		if (!files[s])
			continue;
		face *fc = &f->faces[f->nfaces];
		vita_buf b = {0};
		buf_printf(&b, "%s/%s", ff->dir ? ff->dir : f->dir, files[s]);
		fc->path = buf_take(&b);
		fc->index = ff->index[s];
		fc->family = xstrdup(ff->family);
		fc->bold = s & 1;
		fc->italic = s & 2;
		fc->export_index = -1;
		fc->metrics = ff->metrics;
		fm->faces[s] = (int)f->nfaces++;
	}
	fm->name = f->faces[fm->faces[0]].family;
}

/* cp's slot in fc's kept widths (cp < FACE_WCACHE), its block made on first use. */
static int16_t *wslot(face *fc, uint32_t cp)
{
	if (!fc->wcache)
		fc->wcache = xcalloc(FACE_WCACHE / 256, sizeof *fc->wcache);
	int16_t **b = &fc->wcache[cp >> 8];
	if (!*b)
		*b = xcalloc(256, sizeof **b);
	return &(*b)[cp & 255];
}

/* The faces come from the shared font catalogue (style/fonts.c), which reads each file's name
 * table once per process; this document keeps its own face records to load them lazily. */
static void scan(vita_fonts *f)
{
	f->scanned = true;
	const vita_font_catalogue *c = vita_font_catalogue_of(f->dir);
	f->faces = xcalloc(c->nfaces + 4 * (STYLE_FAMILIES + ICON_FAMILIES) + fallback_max_faces(), sizeof *f->faces);
	for (size_t i = 0; i < c->nfaces; i++) {
		face *fc = &f->faces[f->nfaces++];
		fc->path = xstrdup(c->faces[i].path);
		fc->index = c->faces[i].index;
		fc->family = xstrdup(c->faces[i].family);
		fc->bold = c->faces[i].bold;
		fc->italic = c->faces[i].italic;
		fc->export_index = -1;
	}

	/* group into families */
	for (size_t i = 0; i < f->nfaces; i++) {
		face *fc = &f->faces[i];
		size_t k = 0;
		while (k < f->nfams && strcasecmp(f->fams[k].name, fc->family) != 0)
			k++;
		if (k == f->nfams) {
			f->fams = xrealloc(f->fams, (f->nfams + 1) * sizeof *f->fams);
			family *fm = &f->fams[f->nfams++];
			memset(fm, 0, sizeof *fm);
			fm->name = fc->family;
			for (int s = 0; s < 4; s++)
				fm->faces[s] = -1;
		}
		int slot = (fc->bold ? 1 : 0) | (fc->italic ? 2 : 0);
		if (f->fams[k].faces[slot] < 0)
			f->fams[k].faces[slot] = (int)i;
	}
	if (f->st) {
		const vita_style *st = f->st;
		const char *named[STYLE_FAMILIES] = {st->body.family,        st->name.family,
		                                     st->headline.family,    st->connections.family,
		                                     st->section_titles.family, st->mono_family,
		                                     st->cjk_family};
		for (size_t i = 0; i < STYLE_FAMILIES; i++)
			add_named(f, named[i]);
		if (st->show_icons) /* the header's icons (layout/header.c), out of the fallback order */
			for (size_t i = 0; i < ICON_FAMILIES; i++) {
				size_t before = f->nfams;
				add_named(f, icon_families[i]);
				if (f->nfams > before)
					f->fams[before].icons = true;
			}
	}
	/* the default chain's families are added on the first character no family here has */
}

static int find_family(vita_fonts *f, const char *name)
{
	if (!name)
		return -1;
	for (size_t k = 0; k < f->nfams; k++)
		if (strcasecmp(f->fams[k].name, name) == 0)
			return (int)k;
	return -1;
}

static void ensure_scanned(vita_fonts *f)
{
	if (f->scanned)
		return;
	scan(f);
	f->body_fam = find_family(f, f->st && f->st->body.family ? f->st->body.family : "Noto Sans");
	if (f->body_fam < 0)
		f->body_fam = find_family(f, "Noto Sans");
	if (f->body_fam < 0 && f->nfams) {
		/* any family that is not the CJK one */
		for (size_t k = 0; k < f->nfams && f->body_fam < 0; k++)
			if (!f->fams[k].chain && !f->fams[k].icons &&
			    (!f->st || !f->st->cjk_family || strcasecmp(f->fams[k].name, f->st->cjk_family)))
				f->body_fam = (int)k;
	}
	f->cjk_fam = find_family(f, f->st && f->st->cjk_family ? f->st->cjk_family : "Droid Sans Fallback");
	if (f->cjk_fam >= 0)
		f->fams[f->cjk_fam].cjk = true;
	f->mono_fam = find_family(f, f->st && f->st->mono_family ? f->st->mono_family : "Noto Sans Mono");
}

/* ---- the document's fonts ---- */

vita_fonts *fonts_new(const vita_style *st, vita_diags *d)
{
	vita_fonts *f = xcalloc(1, sizeof *f);
	vita_buf b = {0};
	buf_printf(&b, "%s/fonts", vita_data_dir());
	f->dir = buf_take(&b);
	f->st = st;
	f->d = d;
	f->body_fam = f->cjk_fam = f->mono_fam = -1;
	f->emoji_fam = -2; /* not looked for yet (emoji.c) */
	return f;
}

bool fonts_check(vita_fonts *f)
{
	ensure_scanned(f);
	if (f->body_fam >= 0)
		return true;
	const char *fam = f->st && f->st->body.family ? f->st->body.family : "Noto Sans";
	vita_diag(f->d, VITA_ERROR, (vita_pos){0},
	          "no usable font: %s has no font (.ttf, .otf, .ttc) for family \"%s\" or any other; "
	          "set VITA_DATA_DIR to a folder whose fonts/ holds vita's fonts",
	          f->dir, fam);
	return false;
}

void fonts_free(vita_fonts *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nfaces; i++) {
		face *fc = &f->faces[i];
		if (fc->borrowed)
			face_store_return(fc);
		else
			face_release(fc);
		free(fc->path);
		free(fc->family);
	}
	free(f->faces);
	free(f->fams);
	for (size_t i = 0; i < f->nunknown; i++)
		free(f->unknown[i]);
	free(f->unknown);
	free(f->unknown_to);
	free(f->used);
	free(f->colors);
	free(f->warned);
	if (f->buf)
		hb_buffer_destroy(f->buf);
	shape_cache_free(f->sc);
	face_store_document_done();
	free(f->dir);
	free(f);
}

void face_release(face *fc)
{
	face_plans_free(fc);
	if (fc->font)
		hb_font_destroy(fc->font);
	if (fc->hbface)
		hb_face_destroy(fc->hbface);
	if (fc->blob)
		hb_blob_destroy(fc->blob);
	face_wcache_free(fc->wcache);
	for (size_t k = 0; fc->gcache && k < FACE_WCACHE / 256; k++)
		free(fc->gcache[k]);
	free(fc->gcache);
}

void fonts_export(const vita_fonts *f, vita_doc *doc)
{
	doc->nfonts = f->nused;
	doc->fonts = f->nused ? arena_array(doc->arena, f->nused, sizeof *doc->fonts) : NULL;
	for (size_t i = 0; i < f->nused; i++) {
		const face *fc = f->used[i];
		vita_font_ref *r = &doc->fonts[i];
		r->path = arena_strdup(doc->arena, fc->path);
		r->face_index = fc->index;
		r->family = arena_strdup(doc->arena, fc->family);
		r->bold = fc->bold;
		r->italic = fc->italic;
		r->units_per_em = fc->upem;
		for (size_t k = 0; k < ICON_FAMILIES; k++)
			r->outlines |= strcasecmp(fc->family, icon_families[k]) == 0;
		r->color = fc->hbface && hb_ot_color_has_png(fc->hbface);
		if (fc->metrics && fc->wcache && fc->wcache[0] && fc->wcache[0][' '] > 0)
			r->word_space = (fc->wcache[0][' '] - 1) / 1000.0;
	}
	doc->ncolors = f->ncolors;
	doc->colors = f->ncolors ? arena_array(doc->arena, f->ncolors, sizeof *doc->colors) : NULL;
	if (f->ncolors)
		memcpy(doc->colors, f->colors, f->ncolors * sizeof *f->colors);
}

/* vita_item's font and colour fields are 14 bits wide; past that the text keeps its characters
 * and is drawn in the last font or colour, which the user is told (once per document). */
static void say_palette_full(vita_fonts *f, const char *what, unsigned max)
{
	if (f->warned_palette)
		return;
	f->warned_palette = true;
	vita_diag(f->d, VITA_WARNING, (vita_pos){0},
	          "the document uses more than %u %s; the rest are drawn in the last one", max, what);
}

unsigned fonts_color(vita_fonts *f, vita_rgb c)
{
	/* a style has a handful of colours: a scan finds one sooner than a hash would be built */
	for (size_t i = f->ncolors; i-- > 0;)
		if (f->colors[i].r == c.r && f->colors[i].g == c.g && f->colors[i].b == c.b)
			return (unsigned)i;
	if (f->ncolors == VITA_ITEM_MAX_COLORS) {
		/* a style's colour keys are far fewer: only a generated style could get here */
		say_palette_full(f, "colours", VITA_ITEM_MAX_COLORS);
		return VITA_ITEM_MAX_COLORS - 1;
	}
	if (f->ncolors == f->capcolors) {
		f->capcolors = f->capcolors ? 2 * f->capcolors : 8;
		f->colors = xrealloc(f->colors, f->capcolors * sizeof *f->colors);
	}
	f->colors[f->ncolors] = c;
	return (unsigned)f->ncolors++;
}

int face_export(vita_fonts *f, face *fc)
{
	if (fc->export_index < 0) {
		/* vita_item.font's width: that many faces are more files than any fonts folder holds */
		if (f->nused == VITA_ITEM_MAX_FONTS) {
			say_palette_full(f, "fonts", VITA_ITEM_MAX_FONTS);
			return VITA_ITEM_MAX_FONTS - 1;
		}
		if (f->nused == f->capused) {
			f->capused = f->capused ? 2 * f->capused : 8;
			f->used = xrealloc(f->used, f->capused * sizeof *f->used);
		}
		fc->export_index = (int)f->nused;
		f->used[f->nused++] = fc;
	}
	return fc->export_index;
}

bool fonts_warn_once(vita_fonts *f, uint32_t cp, vita_pos pos)
{
	for (size_t i = 0; i < f->nwarned; i++) {
		const warned *w = &f->warned[i];
		if (w->cp == cp && w->line == pos.line && w->col == pos.col &&
		    (w->file == pos.file || (w->file && pos.file && strcmp(w->file, pos.file) == 0)))
			return false;
	}
	if (f->nwarned == f->capwarned) {
		f->capwarned = f->capwarned ? 2 * f->capwarned : 8;
		f->warned = xrealloc(f->warned, f->capwarned * sizeof *f->warned);
	}
	f->warned[f->nwarned++] = (warned){cp, pos.file, pos.line, pos.col};
	return true;
}

/* ---- loading a face ---- */

static double metric(hb_font_t *font, hb_ot_metrics_tag_t tag, int upem, double dflt)
{
	hb_position_t v;
	if (!hb_ot_metrics_get_position(font, tag, &v) || v == 0)
		return dflt;
	return (double)v / upem;
}

/* OS/2 fsType says "restricted license embedding" (bits 0-3 = 2): the font may not be embedded. */
static bool restricted(hb_face_t *hf)
{
	hb_blob_t *os2 = hb_face_reference_table(hf, HB_TAG('O', 'S', '/', '2'));
	unsigned n;
	const unsigned char *t = (const unsigned char *)hb_blob_get_data(os2, &n);
	bool r = n >= 10 && (((unsigned)t[8] << 8 | t[9]) & 0x000F) == 0x0002;
	hb_blob_destroy(os2);
	return r;
}

static void stand_in(face *fc);

static bool load_face(vita_fonts *f, face *fc, vita_diags *d)
{
	if (fc->loaded)
		return !fc->failed;
	fc->loaded = true;
	if (face_store_borrow(fc)) /* loaded by an earlier document of this thread */
		return true;
	fc->blob = hb_blob_create_from_file_or_fail(fc->path);
	if (!fc->blob) {
		fc->failed = true;
		if (!fc->optional) /* a default-chain font that is not installed: the fallback goes on */
			vita_diag(d ? d : f->d, VITA_WARNING, (vita_pos){fc->path, 0, 0}, "cannot read the font file");
		return false;
	}
	fc->hbface = hb_face_create(fc->blob, (unsigned)fc->index);
	if (restricted(fc->hbface)) {
		fc->failed = true;
		vita_diag(d ? d : f->d, VITA_NOTE, (vita_pos){fc->path, 0, 0},
		          "the font's embedding permission (OS/2 fsType: restricted license) forbids embedding "
		          "it in a PDF; it is not used");
		return false;
	}
	fc->upem = (int)hb_face_get_upem(fc->hbface);
	if (fc->upem <= 0)
		fc->upem = 1000;
	fc->font = hb_font_create(fc->hbface);
	hb_font_set_scale(fc->font, fc->upem, fc->upem);
	/* a shipped font's kerning, compiled in: its Latin words need no shaping (kerntab.h) */
	fc->ktab = fc->index == 0 ? kern_table_find(fc->path, fc->hbface, hb_blob_get_length(fc->blob)) : NULL;
	hb_font_extents_t ext;
	hb_font_get_h_extents(fc->font, &ext);
	fc->ascent = (double)ext.ascender / fc->upem;
	fc->descent = -(double)ext.descender / fc->upem;
	/* Superscript size and offset, and underline come from the font (OS/2, post);
	 * the defaults are the usual typographic proportions for a font that does not say. */
	fc->sup_size = metric(fc->font, HB_OT_METRICS_TAG_SUPERSCRIPT_EM_Y_SIZE, fc->upem, 0.65);
	fc->sup_rise = metric(fc->font, HB_OT_METRICS_TAG_SUPERSCRIPT_EM_Y_OFFSET, fc->upem, 0.35);
	fc->ul_pos = -metric(fc->font, HB_OT_METRICS_TAG_UNDERLINE_OFFSET, fc->upem, -0.1);
	fc->ul_thick = metric(fc->font, HB_OT_METRICS_TAG_UNDERLINE_SIZE, fc->upem, 0.05);
	hb_position_t capv = 0;
	hb_ot_metrics_get_position_with_fallback(fc->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &capv);
	fc->cap = capv > 0 ? (double)capv / fc->upem : fc->ascent;
	fc->kerns = -1; /* shape.c looks when a word needs it */
	if (fc->metrics)
		stand_in(fc);
	face_store_keep(fc);
	return true;
}

/* A stand-in face takes the original's room: drawn larger by its scale, with the original's cap
 * height (of the run's size, as text_cap_height reads it) and word space (in the face's width
 * units, which shape.c multiplies by the scaled size). */
static void stand_in(face *fc)
{
	int slot = (fc->bold ? 1 : 0) | (fc->italic ? 2 : 0);
	const vita_font_metrics *m = fc->metrics;
	fc->adjust = m->scale[slot] > 0 ? m->scale[slot] : 1;
	if (m->cap[slot] > 0)
		fc->cap = m->cap[slot];
	if (m->space[slot] > 0) {
		int w = (int)lround(m->space[slot] / fc->adjust * 1000);
		*wslot(fc, ' ') = *wslot(fc, 0xA0) = (int16_t)(w + 1);
	}
}

struct face_glyph {
	uint32_t glyph;
	int32_t advance;
	uint8_t state; /* 0 not looked up yet, 1 in the face, 2 not */
};

bool face_glyph(face *fc, uint32_t cp, uint32_t *glyph, int32_t *advance)
{
	struct face_glyph *m = NULL;
	if (cp < FACE_WCACHE) {
		if (!fc->gcache)
			fc->gcache = xcalloc(FACE_WCACHE / 256, sizeof *fc->gcache);
		struct face_glyph **block = &fc->gcache[cp >> 8];
		if (!*block)
			*block = xcalloc(256, sizeof **block);
		m = &(*block)[cp & 255];
		if (m->state) {
			*glyph = m->glyph;
			*advance = m->advance;
			return m->state == 1;
		}
	}
	hb_codepoint_t g = 0;
	bool ok = hb_font_get_nominal_glyph(fc->font, cp, &g);
	hb_position_t adv = ok ? hb_font_get_glyph_h_advance(fc->font, g) : 0;
	if (m)
		*m = (struct face_glyph){g, adv, ok ? 1 : 2};
	*glyph = g;
	*advance = adv;
	return ok;
}

int face_width_miss(face *fc, uint32_t cp)
{
	uint32_t g;
	int32_t adv;
	int w = -1;
	if (face_glyph(fc, cp, &g, &adv)) {
		if (adv < 0)
			adv = 0;
		/* libharu: (advance × 1000) / units_per_em in integers, i.e. truncated */
		w = (int)((long)adv * 1000 / fc->upem);
	}
	if (cp < FACE_WCACHE)
		*wslot(fc, cp) = (int16_t)(w < 0 ? -1 : (w > 32000 ? 32001 : w + 1));
	return w;
}

void face_wcache_free(int16_t **wcache)
{
	for (size_t i = 0; wcache && i < FACE_WCACHE / 256; i++)
		free(wcache[i]);
	free(wcache);
}

/* The horizontal extent of cp's ink (em, from the pen position) when the ink reaches below
 * `depth` em under the baseline: what an underline at that depth must skip.  False when it does
 * not reach so low (or the face lacks cp). */
bool face_ink_below(face *fc, uint32_t cp, double depth, double *left, double *right)
{
	hb_codepoint_t g;
	hb_glyph_extents_t ex;
	if (!hb_font_get_nominal_glyph(fc->font, cp, &g) || !hb_font_get_glyph_extents(fc->font, g, &ex))
		return false;
	/* y_bearing is the top of the ink, height is negative (font units, y up) */
	if (ex.y_bearing + ex.height > -depth * fc->upem)
		return false;
	*left = (double)ex.x_bearing / fc->upem;
	*right = (double)(ex.x_bearing + ex.width) / fc->upem;
	return true;
}

/* ---- families ---- */

int fonts_family(vita_fonts *f, const char *name, vita_pos pos, vita_diags *d)
{
	ensure_scanned(f);
	int k = find_family(f, name);
	if (k >= 0)
		return k;
	for (size_t i = 0; i < f->nunknown; i++)
		if (strcasecmp(f->unknown[i], name ? name : "") == 0)
			return f->unknown_to[i];
	int to = f->body_fam;
	f->unknown = xrealloc(f->unknown, (f->nunknown + 1) * sizeof *f->unknown);
	f->unknown_to = xrealloc(f->unknown_to, (f->nunknown + 1) * sizeof *f->unknown_to);
	f->unknown[f->nunknown] = xstrdup(name ? name : "");
	f->unknown_to[f->nunknown++] = to;
	if (to >= 0)
		vita_diag(d ? d : f->d, VITA_WARNING, pos, "font family \"%s\" is not in %s; using \"%s\"",
		          name ? name : "", f->dir, f->fams[to].name);
	else
		vita_diag(d ? d : f->d, VITA_WARNING, pos, "font family \"%s\" is not in %s, which has no usable font",
		          name ? name : "", f->dir);
	return to;
}

face *fonts_face(vita_fonts *f, int fam, bool bold, bool italic, bool *fake_bold, vita_diags *d)
{
	*fake_bold = false;
	if (fam < 0 || (size_t)fam >= f->nfams)
		return NULL;
	family *fm = &f->fams[fam];
	int want = (bold ? 1 : 0) | (italic ? 2 : 0);
	/* preference: exact; then keep the weight (bold is synthesized less visibly than italic);
	 * then the other combinations */
	static const int order[4][4] = {
		{0, 1, 2, 3}, /* regular */
		{1, 0, 3, 2}, /* bold */
		{2, 0, 3, 1}, /* italic */
		{3, 1, 2, 0}, /* bold italic */
	};
	for (int i = 0; i < 4; i++) {
		int slot = order[want][i];
		int idx = fm->faces[slot];
		if (idx < 0)
			continue;
		face *fc = &f->faces[idx];
		if (!load_face(f, fc, d))
			continue;
		if (bold && !(slot & 1))
			*fake_bold = true;
		/* d == NULL: a fallback family being probed for coverage, not chosen yet: no warning */
		if (italic && !(slot & 2) && !fm->warned_italic && !fm->cjk && d) {
			fm->warned_italic = true;
			vita_diag(d, VITA_WARNING, (vita_pos){0},
			          "font family \"%s\" has no italic face; italic text is set upright", fm->name);
		}
		return fc;
	}
	return NULL;
}

/* Bold text in the CJK family, which has one weight: the default chain's real bold (Noto Sans CJK)
 * when it is installed and has the character; the stroked fake bold only otherwise. */
static face *real_bold(vita_fonts *f, face *fc, uint32_t cp, bool *fake_bold)
{
	if (!*fake_bold)
		return fc;
	bool fb;
	face *b = fallback_cover(f, cp, true, &fb);
	if (b && !fb && b->bold) {
		*fake_bold = false;
		return b;
	}
	*fake_bold = true;
	return fc;
}

static face *cover_search(vita_fonts *f, int fam, bool bold, bool italic, uint32_t cp, bool *fake_bold,
                          vita_diags *d)
{
	face *fc = fonts_face(f, fam, bold, italic, fake_bold, d);
	if (fc && face_width(fc, cp) >= 0)
		return fam == f->cjk_fam ? real_bold(f, fc, cp, fake_bold) : fc;
	/* a bold face with fewer characters than its family's regular one (Debian's EB Garamond 12
	 * Bold lacks ğ and ç): the same family's letter, made bold, before another family's */
	if (bold && fam >= 0 && (size_t)fam < f->nfams && !f->fams[fam].chain) {
		face *reg = fonts_face(f, fam, false, italic, fake_bold, d);
		if (reg && reg != fc && face_width(reg, cp) >= 0) {
			*fake_bold = true;
			return fam == f->cjk_fam ? real_bold(f, reg, cp, fake_bold) : reg;
		}
	}
	/* the other Latin families: the body family first, then in file-name order */
	if (f->body_fam >= 0 && f->body_fam != fam && !f->fams[f->body_fam].cjk) {
		fc = fonts_face(f, f->body_fam, bold, italic, fake_bold, d);
		if (fc && face_width(fc, cp) >= 0)
			return fc;
	}
	for (size_t k = 0; k < f->nfams; k++) {
		if ((int)k == fam || (int)k == f->body_fam || f->fams[k].cjk || f->fams[k].chain || f->fams[k].icons)
			continue;
		fc = fonts_face(f, (int)k, bold, italic, fake_bold, NULL);
		if (fc && face_width(fc, cp) >= 0)
			return fc;
	}
	if (f->cjk_fam >= 0 && f->cjk_fam != fam) {
		fc = fonts_face(f, f->cjk_fam, bold, italic, fake_bold, d);
		if (fc && face_width(fc, cp) >= 0)
			return real_bold(f, fc, cp, fake_bold);
	}
	return fallback_cover(f, cp, bold, fake_bold);
}

/* Every drawn character asks which face draws it, and nearly all ask again for the same few
 * letters in the same style: the answer found is kept.  Only found faces are kept (a missing
 * character takes the slow path, which reports it), and only for families that fit in the key.
 * The kept answers are read by fonts_cover, inline (textint.h); this is its miss. */
face *fonts_cover_miss(vita_fonts *f, int fam, bool bold, bool italic, uint32_t cp, bool *fake_bold,
                       vita_diags *d)
{
	if (f->cover_nfams != f->nfams) {
		memset(f->cover, 0, sizeof f->cover);
		f->cover_nfams = f->nfams;
	}
	uint32_t key;
	struct cover_slot *sl = fonts_cover_slot(f, fam, bold, italic, cp, &key);
	if (key && sl->key == key) {
		*fake_bold = sl->fake_bold;
		return sl->fc;
	}
	face *fc = cover_search(f, fam, bold, italic, cp, fake_bold, d);
	if (key && fc)
		*sl = (struct cover_slot){key, *fake_bold, fc};
	return fc;
}
