/*
 * Font subsetting: each font a document uses is cut down by HarfBuzz's hb-subset to the characters
 * drawn with it, and the subset is embedded as it is (pdf.c writes the font objects itself):
 * TrueType outlines (glyf) as a CIDFontType2, CFF outlines (.otf, Noto Sans CJK's .ttc) as a
 * CIDFontType0 whose codes come from the subset's CFF (cff.c).
 *
 * libharu 2.3.0's own TrueType embedding copies every table but glyf whole, so a PDF with one CJK
 * font weighs hundreds of kilobytes; worse, it silently drops glyphs — components of nested
 * composites (a bold "š" loses its caron) and every glyph id above 32767 (Droid Sans Fallback draws
 * 江 as 工).  A real subset is small, has few glyphs, and keeps composite components.  Hinting and
 * the layout tables (GSUB, GPOS, …) are dropped: shaping already happened in the layout, and PDF
 * viewers do not hint.  Besides the file, this gives what the PDF's font objects need: each CID's
 * glyph in the subset (glyphs are renumbered), its width, and the font descriptor's metrics.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include "pdf/pdf_internal.h"

/* Tables a PDF viewer does not need once text is shaped and placed.  cmap and post too: every font
 * is embedded as a CIDFont, whose glyphs are chosen by the CIDToGIDMap (or the CFF charset), never
 * through the font's own cmap (PDF 32000-1 9.7.4.2) -- XeLaTeX's dvipdfmx embeds its TrueType
 * subsets without either.  Subsetting the cmap was 2.2 M of a batch CV's 19.4 M instructions (the
 * CJK fonts' cmaps are long); the text stays extractable through the ToUnicode CMap. */
static const hb_tag_t dropped_tables[] = {
	HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
	HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
	HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'), HB_TAG('k', 'e', 'r', 'x'),
	HB_TAG('D', 'S', 'I', 'G'), HB_TAG('S', 'T', 'A', 'T'), HB_TAG('m', 'e', 't', 'a'),
	HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'),
	HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('V', 'D', 'M', 'X'),
	HB_TAG('g', 'a', 's', 'p'), HB_TAG('P', 'C', 'L', 'T'), HB_TAG('c', 'm', 'a', 'p'),
	HB_TAG('p', 'o', 's', 't'),
};

static vita_pos font_pos(const vita_font_ref *f)
{
	vita_pos p = {f->path, 0, 0};
	return p;
}

/* Names the first few code points of missing in one warning, so a page of CJK text in a Latin font
 * gives one message, not hundreds. */
static void warn_missing(const vita_font_ref *f, const pdf_cpset *missing, const pdf_gtext *gt, vita_diags *d)
{
	vita_buf list = {0};
	size_t shown = 0;
	for (long cp = pdf_cpset_next(missing, 0); cp >= 0 && shown < 8; cp = pdf_cpset_next(missing, cp + 1)) {
		if (cp >= (long)PDF_GLYPH_KEY) { /* a shaped glyph, or its variant */
			uint32_t gid = 0;
			pdf_gtext_glyph(gt, (uint32_t)cp, &gid);
			buf_printf(&list, "%sglyph %lu", shown ? ", " : "", (unsigned long)gid);
			shown++;
			continue;
		}
		buf_printf(&list, "%sU+%04lX", shown ? ", " : "", (unsigned long)cp);
		if (cp >= 0x20 && cp != 0x7F) {
			buf_puts(&list, " '");
			buf_put_utf8(&list, (uint32_t)cp);
			buf_puts(&list, "'");
		}
		shown++;
	}
	if (missing->count > shown)
		buf_printf(&list, " and %zu more", missing->count - shown);
	vita_diag(d, VITA_WARNING, font_pos(f),
	          "the font has no glyph for %zu character%s drawn with it (%s); they will be blank in the PDF",
	          missing->count, missing->count == 1 ? "" : "s", buf_str(&list));
	buf_free(&list);
}

static uint32_t fnv1a(uint32_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

/* Big-endian fields of a table (0 when the table is too short). */
static unsigned be16(const char *t, unsigned len, unsigned off)
{
	return off + 2 <= len ? (unsigned)(unsigned char)t[off] << 8 | (unsigned char)t[off + 1] : 0;
}

static uint32_t be32(const char *t, unsigned len, unsigned off)
{
	return off + 4 <= len ? (uint32_t)be16(t, len, off) << 16 | be16(t, len, off + 2) : 0;
}

static int per_mille(long v, int upem)
{
	return (int)(v * 1000 / upem);
}

/* The PostScript name (name ID 6), reduced to the characters a PDF name takes unescaped; the family
 * name without spaces when the font has none. */
static void ps_name(hb_face_t *face, const vita_font_ref *f, char *out, size_t cap)
{
	char raw[64];
	unsigned n = sizeof raw;
	if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &n, raw) || n == 0)
		snprintf(raw, sizeof raw, "%s", f->family && *f->family ? f->family : "Font");
	size_t k = 0;
	for (const char *p = raw; *p && k + 1 < cap; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.')
			out[k++] = *p;
	if (k == 0)
		out[k++] = 'F';
	out[k] = 0;
}

/* The font descriptor's values (PDF 32000-1 9.8), from head, hhea, OS/2 and post. */
static void describe(hb_face_t *face, hb_font_t *font, const vita_font_ref *f, int upem, pdf_subset *out)
{
	hb_font_extents_t ext;
	if (!hb_font_get_h_extents(font, &ext))
		ext.ascender = upem * 4 / 5, ext.descender = -upem / 5;
	out->ascent = per_mille(ext.ascender, upem);
	out->descent = per_mille(ext.descender, upem);
	hb_position_t cap;
	out->cap_height = hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0
	                      ? per_mille(cap, upem)
	                      : out->ascent;
	unsigned len;
	hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
	const char *t = hb_blob_get_data(head, &len);
	for (int i = 0; i < 4; i++)
		out->bbox[i] = per_mille((int16_t)be16(t, len, 36 + 2 * (unsigned)i), upem);
	hb_blob_destroy(head);
	hb_blob_t *post = hb_face_reference_table(face, HB_TAG('p', 'o', 's', 't'));
	t = hb_blob_get_data(post, &len);
	out->italic_angle = (int32_t)be32(t, len, 4) / 65536.0;
	bool fixed = be32(t, len, 12) != 0;
	hb_blob_destroy(post);
	hb_blob_t *os2 = hb_face_reference_table(face, HB_TAG('O', 'S', '/', '2'));
	t = hb_blob_get_data(os2, &len);
	unsigned weight = be16(t, len, 4);
	hb_blob_destroy(os2);
	if (weight == 0)
		weight = f->bold ? 700 : 400;
	/* The usual estimate of the dominant stem width from the weight class. */
	double k = ((double)weight - 50) / 900;
	out->stem_v = (int)(10 + 220 * k * k + 0.5);
	/* Nonsymbolic (32), as libharu declared its fonts; FixedPitch (1); Italic (64). */
	out->flags = 32 | (fixed ? 1 : 0) | (out->italic_angle != 0 || f->italic ? 64 : 0);
}

static bool has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	bool has = hb_blob_get_length(b) > 0;
	hb_blob_destroy(b);
	return has;
}

/* A CFF subset's code for each CID (see cff.c); false when its CFF table cannot be read. */
static bool cff_codes(hb_face_t *sub, pdf_subset *out)
{
	hb_blob_t *cff = hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '));
	unsigned len = 0;
	const char *data = hb_blob_get_data(cff, &len);
	uint16_t *bygid = xcalloc(out->glyphs ? out->glyphs : 1, sizeof *bygid);
	bool ok = data && pdf_cff_codes(data, len, out->glyphs, bygid, &out->cid_keyed);
	if (ok) {
		out->code = xcalloc(out->ncids + 1, sizeof *out->code);
		for (size_t i = 0; i <= out->ncids; i++)
			out->code[i] = out->gid[i] < out->glyphs ? bygid[out->gid[i]] : 0;
	}
	free(bygid);
	if (ok && out->cid_keyed) { /* embedded alone (see cff.c) */
		out->cff_blob = cff;
		out->data = data;
		out->size = len;
	} else {
		hb_blob_destroy(cff);
	}
	return ok;
}

/* Each CID's glyph in the original font (old[cid]; 0 for the characters it lacks, which go into
 * missing), and the subset's hash, which names it; returns how many CIDs the font covers. */
static size_t map_cids(hb_face_t *face, hb_font_t *font, const pdf_cpset *used, const pdf_gtext *gt,
                       uint32_t *old, pdf_cpset *missing, pdf_subset *out)
{
	size_t covered = 0, cid = 0;
	uint32_t h = fnv1a(2166136261u, out->name, strlen(out->name));
	unsigned nglyphs = hb_face_get_glyph_count(face);
	for (long cp = pdf_cpset_next(used, 0); cp >= 0; cp = pdf_cpset_next(used, cp + 1)) {
		hb_codepoint_t g;
		cid++;
		uint32_t id;
		if (cp >= (long)PDF_GLYPH_KEY) { /* a shaped glyph: its id is the key, or its variant's */
			g = pdf_gtext_glyph(gt, (uint32_t)cp, &id) ? id : nglyphs;
			if (g < nglyphs) {
				old[cid] = g;
				covered++;
			} else {
				pdf_cpset_add(missing, (uint32_t)cp);
			}
		} else if (hb_font_get_nominal_glyph(font, (hb_codepoint_t)cp, &g) && g != 0) {
			old[cid] = g;
			covered++;
		} else {
			pdf_cpset_add(missing, (uint32_t)cp);
		}
		uint32_t c = (uint32_t)cp;
		h = fnv1a(h, &c, sizeof c);
	}
	out->hash = h;
	return covered;
}

/* What hb-subset keeps: the characters and shaped glyphs used and covered, no hinting, none of the
 * tables a PDF viewer does not read.  NULL when out of memory. */
static hb_subset_input_t *subset_input(const pdf_cpset *used, const pdf_gtext *gt, const pdf_cpset *missing)
{
	hb_subset_input_t *input = hb_subset_input_create_or_fail();
	if (!input)
		return NULL;
	hb_set_t *unicodes = hb_subset_input_unicode_set(input);
	hb_set_t *gids = hb_subset_input_glyph_set(input);
	for (long cp = pdf_cpset_next(used, 0); cp >= 0; cp = pdf_cpset_next(used, cp + 1))
		if (!pdf_cpset_has(missing, (uint32_t)cp)) {
			uint32_t id;
			if (cp >= (long)PDF_GLYPH_KEY) {
				if (pdf_gtext_glyph(gt, (uint32_t)cp, &id))
					hb_set_add(gids, id);
			} else
				hb_set_add(unicodes, (hb_codepoint_t)cp);
		}
	hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof dropped_tables / sizeof *dropped_tables; i++)
		hb_set_add(drop, dropped_tables[i]);
	hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
	return input;
}

/* Glyphs are renumbered in the subset; widths come from the original font exactly as the layout
 * computed them (advance × 1000 / units per em, truncated), or from a variant's own advance
 * (gtext.c) in a TrueType font: in a CFF font a variant has its glyph's code (cff.c), and so its
 * width. */
static void renumber(hb_subset_plan_t *plan, hb_font_t *font, const uint32_t *old, const pdf_cpset *used,
                     const pdf_gtext *gt, int upem, pdf_subset *out)
{
	const hb_map_t *to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
	out->gid = xcalloc(out->ncids + 1, sizeof *out->gid);
	out->width = xcalloc(out->ncids + 1, sizeof *out->width);
	long key = -1;
	for (size_t i = 0; i <= out->ncids; i++) {
		hb_codepoint_t g = i == 0 || old[i] ? hb_map_get(to_new, old[i]) : HB_MAP_VALUE_INVALID;
		out->gid[i] = g == HB_MAP_VALUE_INVALID || g > 0xFFFF ? 0 : (uint16_t)g;
		if (i > 0)
			key = pdf_cpset_next(used, key + 1); /* CID i's key */
		uint32_t own = key >= (long)PDF_VARIANT_KEY && !out->cff ? pdf_gtext_advance(gt, (uint32_t)key) : 0;
		hb_position_t adv = own ? (hb_position_t)own : hb_font_get_glyph_h_advance(font, old[i]);
		long w = adv > 0 ? (long)adv * 1000 / upem : 0;
		out->width[i] = (int16_t)(w > 32767 ? 32767 : w);
	}
}

/* The source faces this thread has subset, kept from one document to the next: hb-subset's plan
 * builds its tables' accelerators (the cmap's, the glyphs', the layout closures') on the source
 * face, lazily and once per face, so a `vita build` worker that subsets the same few fonts for
 * hundreds of CVs builds them once.  Thread-local, like the layout's face store
 * (layout/facestore.c), so no lock; bounded by SRC_FACES (a face beyond them is made and dropped
 * per use, as before); freed by vita_pdf_thread_done. */
enum { SRC_FACES = 32 };
static _Thread_local struct src_face {
	char *path;
	int index;
	hb_blob_t *blob;
	hb_face_t *face;
} src_faces[SRC_FACES];
static _Thread_local size_t nsrc_faces;

/* f's face (a new reference) and its file's blob (borrowed in *blob, or a new reference when the
 * store is full); NULL face with *blob NULL when the file cannot be read, with *blob set when it
 * has no face f->face_index. */
static hb_face_t *source_face(const vita_font_ref *f, hb_blob_t **blob, bool *owned)
{
	*owned = false;
	for (size_t i = 0; i < nsrc_faces; i++)
		if (src_faces[i].index == f->face_index && strcmp(src_faces[i].path, f->path) == 0) {
			*blob = src_faces[i].blob;
			return hb_face_reference(src_faces[i].face);
		}
	*blob = hb_blob_create_from_file_or_fail(f->path);
	if (!*blob)
		return NULL;
	*owned = true;
	if (f->face_index < 0 || (unsigned)f->face_index >= hb_face_count(*blob))
		return NULL;
	hb_face_t *face = hb_face_create(*blob, (unsigned)f->face_index);
	if (nsrc_faces < SRC_FACES) {
		if (nsrc_faces == 0)
			thread_exit_call(vita_pdf_thread_done); /* a caller's own thread frees them too */
		src_faces[nsrc_faces++] = (struct src_face){xstrdup(f->path), f->face_index, *blob, hb_face_reference(face)};
		*owned = false; /* the store holds the blob's reference now */
	}
	return face;
}

hb_face_t *pdf_kept_face(const vita_font_ref *f)
{
	hb_blob_t *blob;
	bool own;
	hb_face_t *face = source_face(f, &blob, &own);
	if (own)
		hb_blob_destroy(blob); /* the face holds its own reference */
	return face;
}

void vita_pdf_thread_done(void)
{
	for (size_t i = 0; i < nsrc_faces; i++) {
		hb_face_destroy(src_faces[i].face);
		hb_blob_destroy(src_faces[i].blob);
		free(src_faces[i].path);
	}
	nsrc_faces = 0;
	pdf_deflate_thread_done();
}

int pdf_subset_font(const vita_font_ref *f, const pdf_cpset *used, const pdf_gtext *gt, pdf_subset *out,
                    vita_diags *d)
{
	memset(out, 0, sizeof *out);
	int rc = -1;
	vita_reads_note(f->path); /* an embedded font: its output depends on it */
	bool own_blob;
	hb_blob_t *blob = NULL;
	hb_face_t *face = source_face(f, &blob, &own_blob), *sub = NULL;
	hb_font_t *font = NULL;
	hb_subset_input_t *input = NULL;
	hb_subset_plan_t *plan = NULL;
	pdf_cpset *missing = NULL;
	uint32_t *old = NULL;
	if (!blob) {
		vita_diag(d, VITA_ERROR, font_pos(f), "cannot read the font file");
		goto done;
	}
	if (!face) {
		vita_diag(d, VITA_ERROR, font_pos(f), "not a font file, or it has no face %d", f->face_index);
		goto done;
	}
	bool has_glyf = has_table(face, HB_TAG('g', 'l', 'y', 'f'));
	out->cff = !has_glyf && has_table(face, HB_TAG('C', 'F', 'F', ' '));
	if (!has_glyf && !out->cff) {
		vita_diag(d, VITA_ERROR, font_pos(f),
		          "the font has neither TrueType (glyf) nor CFF outlines (a CFF2 variable font or a "
		          "bitmap-only font?); the PDF writer embeds those two kinds only");
		goto done;
	}
	int upem = (int)hb_face_get_upem(face);
	if (upem <= 0)
		upem = 1000;
	out->upem = upem;
	font = hb_font_create(face);
	hb_font_set_scale(font, upem, upem);

	out->ncids = used->count;
	old = xcalloc(out->ncids + 1, sizeof *old);
	missing = xcalloc(1, sizeof *missing);
	ps_name(face, f, out->name, sizeof out->name);
	size_t covered = map_cids(face, font, used, gt, old, missing, out);
	if (missing->count)
		warn_missing(f, missing, gt, d);
	if (covered == 0) {
		rc = 1;
		goto done;
	}

	input = subset_input(used, gt, missing);
	if (!input) {
		vita_diag(d, VITA_ERROR, font_pos(f), "cannot subset the font: out of memory");
		goto done;
	}
	plan = hb_subset_plan_create_or_fail(face, input);
	sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
	if (sub)
		out->blob = hb_face_reference_blob(sub);
	unsigned len = 0;
	out->data = out->blob ? hb_blob_get_data(out->blob, &len) : NULL;
	if (!out->data || len == 0) {
		vita_diag(d, VITA_ERROR, font_pos(f), "HarfBuzz could not subset the font");
		goto done;
	}
	out->size = len;
	out->glyphs = hb_face_get_glyph_count(sub);

	renumber(plan, font, old, used, gt, upem, out);
	pdf_widen_marks(out, used, gt);
	if (out->cff && !cff_codes(sub, out)) {
		vita_diag(d, VITA_ERROR, font_pos(f), "cannot read the CFF outlines of the font's subset");
		goto done;
	}
	describe(face, font, f, upem, out);
	rc = 0;

done:
	if (rc != 0)
		pdf_subset_free(out);
	free(old);
	pdf_cpset_free(missing);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
	hb_subset_input_destroy(input);
	hb_font_destroy(font);
	hb_face_destroy(face);
	if (own_blob)
		hb_blob_destroy(blob);
	return rc;
}

void pdf_subset_free(pdf_subset *s)
{
	hb_blob_destroy(s->blob);
	hb_blob_destroy(s->cff_blob);
	s->blob = NULL;
	s->cff_blob = NULL;
	s->data = NULL;
	free(s->gid);
	free(s->width);
	free(s->code);
	s->gid = NULL;
	s->width = NULL;
	s->code = NULL;
}
