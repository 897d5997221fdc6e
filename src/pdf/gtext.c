/*
 * What each shaped glyph stands for, for the ToUnicode map (pdf_internal.h: pdf_gtext).
 *
 * A glyph's key in its font's used set is PDF_GLYPH_KEY + its id, and the text it maps to is the
 * first one seen for it.  Readers that ignore /ActualText (MuPDF, pdfminer, pdf.js, Ghostscript)
 * take a word's text glyph by glyph from that map, in drawing order, so a glyph that stands for
 * other text elsewhere (Devanagari's ि is drawn before the consonant it follows, and stands for that
 * consonant: glyphs.c) gets a second key, a variant (PDF_VARIANT_KEY + its number), with its own
 * CID: the CIDToGIDMap points both CIDs at the one glyph.  A variant may also give its glyph
 * another advance than the font's (see pdf_glyphs_collect: a mark drawn behind the pen).  The texts are copies held here, since a
 * cluster's text may be rewritten (decomposed) for its glyphs.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_internal.h"

static uint32_t text_hash(uint32_t gid, const char *t, size_t len)
{
	uint32_t h = 2166136261u ^ gid;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)t[i]) * 16777619u;
	return h;
}

/* Copies a text into the pool; returns its offset. */
static uint32_t pool_add(pdf_gtext *m, const char *text, size_t len)
{
	uint32_t off = (uint32_t)m->pool.len;
	buf_put(&m->pool, text, len);
	buf_putc(&m->pool, 0);
	return off;
}

/* The primary slot of gid: where it is, or where it would go. */
static size_t primary_slot(const pdf_gtext *m, uint32_t gid)
{
	size_t j = (gid * 2654435761u) & m->mask;
	while (m->gid[j] && m->gid[j] != gid + 1)
		j = (j + 1) & m->mask;
	return j;
}

static void grow_primary(pdf_gtext *m)
{
	size_t size = m->gid ? 2 * (m->mask + 1) : 64;
	uint32_t *gid = m->gid, *off = m->off, *len = m->len;
	size_t old = m->gid ? m->mask + 1 : 0;
	m->gid = xcalloc(size, sizeof *m->gid);
	m->off = xcalloc(size, sizeof *m->off);
	m->len = xcalloc(size, sizeof *m->len);
	m->mask = size - 1;
	for (size_t i = 0; i < old; i++)
		if (gid[i]) {
			size_t j = primary_slot(m, gid[i] - 1); /* stored as gid + 1 */
			while (m->gid[j])
				j = (j + 1) & m->mask;
			m->gid[j] = gid[i];
			m->off[j] = off[i];
			m->len[j] = len[i];
		}
	free(gid);
	free(off);
	free(len);
}

void pdf_gtext_put(pdf_gtext *m, uint32_t gid, const char *text, size_t len)
{
	if (2 * (m->n + 1) > (m->gid ? m->mask + 1 : 0))
		grow_primary(m);
	size_t j = primary_slot(m, gid);
	if (m->gid[j])
		return; /* the first text seen is kept */
	m->gid[j] = gid + 1;
	m->off[j] = pool_add(m, text, len);
	m->len[j] = (uint32_t)len;
	m->n++;
}

const char *pdf_gtext_get(const pdf_gtext *m, uint32_t gid, size_t *len)
{
	if (!m || !m->gid)
		return NULL;
	size_t j = primary_slot(m, gid);
	if (!m->gid[j])
		return NULL;
	*len = m->len[j];
	return m->pool.data + m->off[j];
}

/* The variant slot of (gid, text): where it is, or where it would go (vslot holds index + 1). */
static size_t variant_slot(const pdf_gtext *m, uint32_t gid, const char *text, size_t len, uint32_t advance)
{
	size_t j = (text_hash(gid, text, len) ^ advance * 2246822519u) & m->vmask;
	for (; m->vslot[j]; j = (j + 1) & m->vmask) {
		const pdf_gvariant *v = &m->var[m->vslot[j] - 1];
		if (v->gid == gid && v->advance == advance && v->len == len && !memcmp(m->pool.data + v->off, text, len))
			break;
	}
	return j;
}

static void grow_variants(pdf_gtext *m)
{
	size_t size = m->vslot ? 2 * (m->vmask + 1) : 64;
	free(m->vslot);
	m->vslot = xcalloc(size, sizeof *m->vslot);
	m->vmask = size - 1;
	for (size_t i = 0; i < m->nvar; i++) {
		const pdf_gvariant *v = &m->var[i];
		m->vslot[variant_slot(m, v->gid, m->pool.data + v->off, v->len, v->advance)] = (uint32_t)i + 1;
	}
}

/* Whether gid's first text is text (true when it has none yet). */
static bool is_first(const pdf_gtext *m, uint32_t gid, const char *text, size_t len, bool *none)
{
	size_t plen;
	const char *p = pdf_gtext_get(m, gid, &plen);
	*none = !p;
	return !p || (plen == len && !memcmp(p, text, len));
}

uint32_t pdf_gtext_find(const pdf_gtext *m, uint32_t gid, const char *text, size_t len, uint32_t advance)
{
	bool none;
	if (is_first(m, gid, text, len, &none) && !advance)
		return PDF_GLYPH_KEY + gid;
	if (m->vslot) {
		size_t j = variant_slot(m, gid, text, len, advance);
		if (m->vslot[j])
			return PDF_VARIANT_KEY + m->vslot[j] - 1;
	}
	return PDF_GLYPH_KEY + gid; /* the glyph as first drawn, as when there are too many variants */
}

uint32_t pdf_gtext_key(pdf_gtext *m, uint32_t gid, const char *text, size_t len, uint32_t advance)
{
	bool none;
	if (is_first(m, gid, text, len, &none) && !advance) {
		if (none)
			pdf_gtext_put(m, gid, text, len);
		return PDF_GLYPH_KEY + gid;
	}
	uint32_t key = pdf_gtext_find(m, gid, text, len, advance);
	if (key >= PDF_VARIANT_KEY || m->nvar >= PDF_MAX_VARIANTS)
		return key;
	if (2 * (m->nvar + 1) > (m->vslot ? m->vmask + 1 : 0))
		grow_variants(m);
	if (m->nvar == m->vcap) {
		m->vcap = m->vcap ? 2 * m->vcap : 16;
		m->var = xrealloc(m->var, m->vcap * sizeof *m->var);
	}
	m->var[m->nvar] = (pdf_gvariant){gid, pool_add(m, text, len), (uint32_t)len, advance};
	m->vslot[variant_slot(m, gid, text, len, advance)] = (uint32_t)++m->nvar;
	return PDF_VARIANT_KEY + (uint32_t)m->nvar - 1;
}

uint32_t pdf_gtext_advance(const pdf_gtext *m, uint32_t key)
{
	if (key < PDF_VARIANT_KEY || !m || key - PDF_VARIANT_KEY >= m->nvar)
		return 0;
	return m->var[key - PDF_VARIANT_KEY].advance;
}

bool pdf_gtext_glyph(const pdf_gtext *m, uint32_t key, uint32_t *gid)
{
	if (key >= PDF_VARIANT_KEY) {
		if (!m || key - PDF_VARIANT_KEY >= m->nvar)
			return false;
		*gid = m->var[key - PDF_VARIANT_KEY].gid;
		return true;
	}
	if (key < PDF_GLYPH_KEY)
		return false;
	*gid = key - PDF_GLYPH_KEY;
	return true;
}

const char *pdf_gtext_text(const pdf_gtext *m, uint32_t key, size_t *len)
{
	if (key < PDF_VARIANT_KEY)
		return key >= PDF_GLYPH_KEY ? pdf_gtext_get(m, key - PDF_GLYPH_KEY, len) : NULL;
	if (!m || key - PDF_VARIANT_KEY >= m->nvar)
		return NULL;
	const pdf_gvariant *v = &m->var[key - PDF_VARIANT_KEY];
	*len = v->len;
	return m->pool.data + v->off;
}

void pdf_gtext_free(pdf_gtext *m)
{
	if (!m)
		return;
	free(m->gid);
	free(m->off);
	free(m->len);
	free(m->var);
	free(m->vslot);
	free(m->pool.data);
	free(m);
}
