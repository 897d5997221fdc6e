/*
 * Full shaping for complex scripts: Arabic and Syriac joining, Hebrew and Arabic marks, Indic
 * reordering and conjuncts, Thai, Lao, Khmer, Myanmar and Tibetan stacking.
 *
 * Latin, Greek, Cyrillic and CJK text is drawn by code point with kerning (shape.c): one glyph per
 * character, which is what lets text extract character by character and keeps a Latin CV cheap.
 * A word in a complex script cannot be drawn that way, so it is shaped as a whole by HarfBuzz with
 * the script's default features (GSUB and GPOS) in its direction, and becomes one piece of glyphs
 * (vita_item.glyphs: ids of the original font, advances and offsets, each with the cluster of text
 * it came from; the PDF writer wraps it in /ActualText so that readers get the characters back in
 * logical order).  Such a word is never broken inside, unless it is wider than the measure: then
 * it is drawn character by character (unshaped) so that a line can break inside it.  Words repeat (names, affiliations), and
 * the layout sets a paragraph several times, so each document keeps the words it has shaped.
 *
 * Small caps go the same way: a run of lower-case letters in a small-caps role is shaped with the
 * font's `smcp` feature (a font without it sets them as written, shape.c); the piece's text keeps
 * the letters as written, so extraction gives "Welcome", not "WELCOME".
 * So do Latin words that form a standard ligature, when the style asks for them (shape_ligatures).
 */
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>
#include <utf8proc.h>

#include "layout/textint.h"

typedef struct shape_entry {
	const face *fc;
	uint32_t hash, len; /* code points at cps[off, off + len) */
	size_t off;
	size_t goff, ng;    /* glyphs at glyphs[goff, goff + ng) */
	int32_t advance;    /* font units */
	uint8_t mode;       /* 0 the script's default features; 1 small caps (smcp);
	                     * 3 Latin with its standard ligatures */
} shape_entry;

struct shape_cache {
	shape_entry *v;     /* the records: tchar.shaped - 1 indexes them */
	size_t n, cap;
	uint32_t *slots;    /* open addressing over v: record + 1, 0 empty */
	size_t mask;
	uint32_t *cps;
	size_t ncps, capcps;
	vita_glyph *glyphs;
	size_t nglyphs, capglyphs;
	hb_buffer_t *buf;
};

void shape_cache_free(struct shape_cache *sc)
{
	if (!sc)
		return;
	free(sc->v);
	free(sc->slots);
	free(sc->cps);
	free(sc->glyphs);
	if (sc->buf)
		hb_buffer_destroy(sc->buf);
	free(sc);
}

const vita_glyph *shaped_glyphs(const vita_fonts *f, uint32_t shaped, size_t *n)
{
	const shape_entry *e = &f->sc->v[shaped - 1];
	*n = e->ng;
	return f->sc->glyphs + e->goff;
}

/* Scripts whose words need shaping as wholes. */
static bool complex_script(hb_script_t s)
{
	switch (s) {
	case HB_SCRIPT_ARABIC: case HB_SCRIPT_SYRIAC: case HB_SCRIPT_THAANA: case HB_SCRIPT_NKO:
	case HB_SCRIPT_HEBREW: case HB_SCRIPT_DEVANAGARI: case HB_SCRIPT_BENGALI: case HB_SCRIPT_GURMUKHI:
	case HB_SCRIPT_GUJARATI: case HB_SCRIPT_ORIYA: case HB_SCRIPT_TAMIL: case HB_SCRIPT_TELUGU:
	case HB_SCRIPT_KANNADA: case HB_SCRIPT_MALAYALAM: case HB_SCRIPT_SINHALA: case HB_SCRIPT_THAI:
	case HB_SCRIPT_LAO: case HB_SCRIPT_TIBETAN: case HB_SCRIPT_MYANMAR: case HB_SCRIPT_KHMER:
	case HB_SCRIPT_MONGOLIAN:
		return true;
	default:
		return false;
	}
}

/* 1: a character of a complex script; 2: a mark or joiner that goes with its neighbours; 0: other. */
static int kind_of(uint32_t cp)
{
	hb_unicode_funcs_t *u = hb_unicode_funcs_get_default();
	hb_script_t s = hb_unicode_script(u, cp);
	if (complex_script(s))
		return 1;
	return s == HB_SCRIPT_INHERITED ? 2 : 0;
}

static uint32_t hash_word(const face *fc, const tchar *c, size_t n, int mode)
{
	uint32_t h = (2166136261u ^ (uint32_t)(uintptr_t)fc) + (uint32_t)mode;
	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i].cp) * 16777619u;
	return h ? h : 1;
}

static void grow_slots(struct shape_cache *sc)
{
	size_t size = sc->slots ? 2 * (sc->mask + 1) : 64;
	free(sc->slots);
	sc->slots = xcalloc(size, sizeof *sc->slots);
	sc->mask = size - 1;
	for (size_t r = 0; r < sc->n; r++) {
		size_t j = sc->v[r].hash & sc->mask;
		while (sc->slots[j])
			j = (j + 1) & sc->mask;
		sc->slots[j] = (uint32_t)r + 1;
	}
}

/* The record of word c[0, n) in fc, or 0 with *slot where a new one goes. */
static uint32_t lookup(struct shape_cache *sc, const face *fc, const tchar *c, size_t n, uint32_t h, int mode,
                       size_t *slot)
{
	size_t j = h & sc->mask;
	for (;; j = (j + 1) & sc->mask) {
		uint32_t r = sc->slots[j];
		if (!r)
			break;
		const shape_entry *e = &sc->v[r - 1];
		if (e->fc == fc && e->hash == h && e->len == n && e->mode == mode) {
			size_t k = 0;
			while (k < n && sc->cps[e->off + k] == c[k].cp)
				k++;
			if (k == n)
				return r;
		}
	}
	*slot = j;
	return 0;
}

/* Shapes c[0, n) in face fc and records it; returns the record + 1. */
static uint32_t shape_new(struct shape_cache *sc, face *fc, const tchar *c, size_t n, uint32_t h, int mode,
                          size_t slot)
{
	if (!sc->buf)
		sc->buf = hb_buffer_create();
	hb_buffer_t *b = sc->buf;
	hb_buffer_clear_contents(b);
	for (size_t i = 0; i < n; i++)
		hb_buffer_add(b, c[i].cp, (unsigned)i);
	hb_buffer_set_content_type(b, HB_BUFFER_CONTENT_TYPE_UNICODE);
	hb_buffer_guess_segment_properties(b);
	static const hb_feature_t smcp = {HB_TAG('s', 'm', 'c', 'p'), 1, 0, (unsigned)-1};
	face_shape(fc, b, mode == 1 ? PLAN_SMCP : PLAN_DEFAULT, mode == 1 ? &smcp : NULL, mode == 1 ? 1 : 0);
	unsigned ng;
	hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(b, &ng);
	hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(b, &ng);
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 32;
		sc->v = xrealloc(sc->v, sc->cap * sizeof *sc->v);
	}
	if (sc->ncps + n > sc->capcps) {
		sc->capcps = 2 * (sc->ncps + n) + 256;
		sc->cps = xrealloc(sc->cps, sc->capcps * sizeof *sc->cps);
	}
	if (sc->nglyphs + ng > sc->capglyphs) {
		sc->capglyphs = 2 * (sc->nglyphs + ng) + 256;
		sc->glyphs = xrealloc(sc->glyphs, sc->capglyphs * sizeof *sc->glyphs);
	}
	shape_entry *e = &sc->v[sc->n];
	*e = (shape_entry){fc, h, (uint32_t)n, sc->ncps, sc->nglyphs, ng, 0, (uint8_t)mode};
	for (size_t i = 0; i < n; i++)
		sc->cps[sc->ncps++] = c[i].cp;
	for (unsigned i = 0; i < ng; i++) {
		sc->glyphs[sc->nglyphs++] = (vita_glyph){gi[i].codepoint, gi[i].cluster, gp[i].x_advance,
		                                         gp[i].x_offset, gp[i].y_offset};
		e->advance += gp[i].x_advance;
	}
	sc->slots[slot] = (uint32_t)++sc->n;
	return (uint32_t)sc->n;
}

/* The end of the complex word starting at s: characters of one face, size and rise, drawn text,
 * complex or marks, with at least one complex character; s itself when there is none. */
static size_t word_end(const tchar *c, size_t n, size_t s)
{
	size_t e = s;
	bool any = false;
	while (e < n && c[e].kind == CH_TEXT && c[e].fc == c[s].fc && c[e].size == c[s].size &&
	       c[e].rise == c[s].rise && c[e].fake_bold == c[s].fake_bold && c[e].run == c[s].run && !c[e].emoji) {
		int k = kind_of(c[e].cp);
		if (!k && !(any && c[e].cp >= 0x0590)) /* punctuation of the script's own font (the
		                                           * Arabic comma) goes with the word before it */
			break;
		any = any || k == 1;
		e++;
	}
	return any ? e : s;
}

/* Shapes word c[s, e) (one face, size and run) in the given mode, through the document's cache:
 * its first character gets the record and the word's advance, the others none. */
static void shape_word(vita_fonts *f, tchar *c, size_t s, size_t e, int mode)
{
	if (!f->sc)
		f->sc = xcalloc(1, sizeof *f->sc);
	struct shape_cache *sc = f->sc;
	if (!sc->slots || 2 * (sc->n + 1) > sc->mask + 1)
		grow_slots(sc);
	uint32_t h = hash_word(c[s].fc, c + s, e - s, mode);
	size_t slot = 0;
	uint32_t r = lookup(sc, c[s].fc, c + s, e - s, h, mode, &slot);
	if (!r)
		r = shape_new(sc, c[s].fc, c + s, e - s, h, mode, slot);
	c[s].shaped = r;
	c[s].adv = (double)sc->v[r - 1].advance * c[s].size / c[s].fc->upem;
	c[s].kern = 0;
	for (size_t i = s + 1; i < e; i++) {
		c[i].cont = true;
		c[i].adv = c[i].kern = 0;
	}
}

/* A run [s, e) of Thai, Lao, Khmer or Myanmar as its dictionary segments it (dictbreak.c): each
 * word shaped on its own, with a break opportunity before it, so a line can break between the
 * words of a sentence written without spaces. */
static void shape_dict_words(vita_fonts *f, tchar *c, size_t s, size_t e)
{
	size_t cuts[64];
	/* a run of more words than cuts holds is segmented again from its last cut, so a long
	 * paragraph keeps every break opportunity */
	for (size_t a = s; a < e;) {
		bool missing;
		size_t ncuts = dict_words(c + a, e - a, cuts, sizeof cuts / sizeof *cuts, &missing);
		if (missing && !f->warned_thai) {
			f->warned_thai = true;
			bool thai = dict_script(c[s].cp) == DICT_THAI;
			vita_diag(f->d, VITA_WARNING, (vita_pos){0}, "%s text is not broken between its words: %s is not "
			          "installed (Debian's %s)", thai ? "Thai" : "Lao, Khmer or Myanmar", thai ? "libthai" : "ICU",
			          thai ? "libthai0" : "libicu72");
		}
		bool full = ncuts == sizeof cuts / sizeof *cuts;
		size_t stop = full ? a + cuts[ncuts - 1] : e, from = a;
		for (size_t k = 0; k <= ncuts && from < stop; k++) {
			size_t b = k < ncuts ? a + cuts[k] : e;
			if (b > stop)
				b = stop;
			if (b <= from)
				continue;
			shape_word(f, c, from, b, 0);
			if (from > s && c[from].brk == BRK_NONE)
				c[from].brk = BRK_ALLOW;
			from = b;
		}
		a = stop;
	}
}

void shape_complex(vita_fonts *f, tchar *c, size_t n)
{
	for (size_t s = 0; s < n;) {
		if (c[s].kind != CH_TEXT || !c[s].fc || c[s].cp < 0x0590 || c[s].emoji) { /* below Hebrew: not complex */
			s++;
			continue;
		}
		size_t e = word_end(c, n, s);
		if (e == s) {
			s++;
			continue;
		}
		if (dict_script(c[s].cp) != DICT_NONE && e - s > 1)
			shape_dict_words(f, c, s, e);
		else
			shape_word(f, c, s, e, 0);
		s = e;
	}
}

void shape_emoji(vita_fonts *f, tchar *c, size_t n)
{
	for (size_t s = 0; s < n; s++) {
		if (c[s].emoji != 1)
			continue;
		size_t e = s + 1;
		while (e < n && c[e].emoji == 2)
			e++;
		shape_word(f, c, s, e, 0); /* the font's own features join the sequence into one glyph */
		s = e - 1;
	}
}

bool face_has_smcp(face *fc)
{
	if (!fc->smcp) {
		hb_tag_t tags[64];
		unsigned start = 0, count;
		fc->smcp = 2;
		do {
			count = sizeof tags / sizeof *tags;
			hb_ot_layout_table_get_feature_tags(fc->hbface, HB_OT_TAG_GSUB, start, &count, tags);
			for (unsigned i = 0; i < count; i++)
				if (tags[i] == HB_TAG('s', 'm', 'c', 'p'))
					fc->smcp = 1;
			start += count;
		} while (count == sizeof tags / sizeof *tags && fc->smcp == 2);
	}
	return fc->smcp == 1;
}

void shape_smallcaps(vita_fonts *f, tchar *c, size_t n)
{
	for (size_t s = 0; s < n;) {
		if (!c[s].smallcap || c[s].kind != CH_TEXT || !c[s].fc || c[s].shaped || c[s].cont) {
			s++;
			continue;
		}
		size_t e = s + 1;
		while (e < n && c[e].smallcap == c[s].smallcap && c[e].kind == CH_TEXT && c[e].fc == c[s].fc &&
		       c[e].size == c[s].size && c[e].rise == c[s].rise && c[e].fake_bold == c[s].fake_bold &&
		       c[e].run == c[s].run && !c[e].shaped && !c[e].cont)
			e++;
		shape_word(f, c, s, e, c[s].smallcap);
		s = e;
	}
}

/* A letter of a Latin word that a standard ligature can join (ASCII letters and the apostrophe). */
static bool liga_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Standard ligatures (typography.ligatures): a Latin word with "f" before f, i, j, l or t is shaped
 * whole with the font's default features (liga, kerning) and kept as a glyph piece only when a
 * ligature formed (fewer glyphs than letters); the piece's text keeps the letters, so extraction
 * gives "efficient", not a ligature glyph.  Other words stay drawn by code point, which keeps them
 * hyphenable: a ligature word is not hyphenated (its glyphs are one piece). */
void shape_ligatures(vita_fonts *f, tchar *c, size_t n)
{
	for (size_t s = 0; s < n;) {
		if (c[s].kind != CH_TEXT || !c[s].fc || c[s].shaped || c[s].cont || !liga_letter(c[s].cp) ||
		    (s > 0 && c[s - 1].kind == CH_TEXT && liga_letter(c[s - 1].cp))) {
			s++;
			continue;
		}
		size_t e = s + 1;
		bool cand = false;
		while (e < n && c[e].kind == CH_TEXT && liga_letter(c[e].cp) && c[e].fc == c[s].fc &&
		       c[e].size == c[s].size && c[e].rise == c[s].rise && c[e].fake_bold == c[s].fake_bold &&
		       c[e].run == c[s].run && !c[e].shaped && !c[e].cont && c[e].brk == BRK_NONE) {
			cand = cand || (c[e - 1].cp == 'f' && strchr("fijlt", (int)c[e].cp));
			e++;
		}
		if (!cand || e - s > 64) {
			s = e;
			continue;
		}
		shape_word(f, c, s, e, 3);
		const shape_entry *r = &f->sc->v[c[s].shaped - 1];
		if (r->ng >= r->len) /* no ligature in this font: back to code points */
			for (size_t i = s; i < e; i++) {
				int w = face_width(c[i].fc, c[i].cp);
				c[i].adv = (w > 0 ? w : 0) * c[i].size / 1000.0;
				c[i].shaped = 0;
				c[i].cont = false;
			}
		s = e;
	}
}

void unshape_wider(tchar *c, size_t n, double width)
{
	for (size_t s = 0; s < n; s++) {
		if (!c[s].shaped || c[s].adv <= width)
			continue;
		/* wider than the measure: drawn character by character, so that it can break anywhere */
		for (size_t i = s; i < n && (i == s || c[i].cont); i++) {
			int w = face_width(c[i].fc, c[i].cp);
			c[i].adv = (w > 0 ? w : 0) * c[i].size / 1000.0;
			c[i].shaped = 0;
			c[i].cont = false;
		}
	}
}
