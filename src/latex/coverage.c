/*
 * The characters the .tex's fonts lack (attack D7).  vita's own PDF draws a character that the
 * style's font lacks with a fallback font (src/layout/fallback.c) and warns only when no font has
 * it; the .tex names just the role's font and, for CJK text, the CJK font, so TeX leaves every other
 * character out with no word to the user ("Missing character" lands in the .log at best).  The
 * writer calls latex_cov_text for every piece of user text it writes, with the font of the role
 * that sets it; latex_cov_report then warns once per field, naming the characters and the font, as
 * the PDF backend does for its own.
 *
 * A character that none of them has but a family of vita's default fallback chain has (the one the
 * PDF draws it in, src/layout/fallback.c) is not warned about: it is noted with that family, and the
 * .tex names the family for those characters (latex_cov_fallbacks; latex.c writes \\cvfallback).
 *
 * A font's coverage is its cmap (hb_face_collect_unicodes), read once per process and file into
 * ranges: a batch of .tex renders opens each font file once.
 */
#include <hb.h>
#include <hb-ot.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "latex/coverage.h"
#include "layout/text.h"
#include "style/fonts.h"

/* ---- the coverage of a font file, cached for the process ---- */

/* A cmap as sorted ranges of code points: immutable once built, so any thread may read it (an
 * hb_set_t caches its last lookup, which would be a write shared between threads). */
typedef struct cmap {
	uint32_t (*r)[2];
	size_t n;
} cmap;

typedef struct cached {
	char *path;
	cmap *set; /* NULL: the file could not be read (then nothing is reported for it) */
} cached;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static cached *cache;
static size_t ncache, cache_cap;

static bool cmap_has(const cmap *m, uint32_t cp)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < m->r[mid][0])
			hi = mid;
		else if (cp > m->r[mid][1])
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static cmap *read_cmap(const char *path, int index)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (!blob)
		return NULL;
	hb_face_t *face = hb_face_create(blob, (unsigned)(index < 0 ? 0 : index));
	hb_set_t *set = hb_set_create();
	hb_face_collect_unicodes(face, set);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	cmap *m = NULL;
	if (!hb_set_is_empty(set)) { /* else not a font we can read: say nothing rather than everything */
		m = xcalloc(1, sizeof *m);
		size_t cap = 0;
		hb_codepoint_t first = HB_SET_VALUE_INVALID, last = HB_SET_VALUE_INVALID;
		while (hb_set_next_range(set, &first, &last)) {
			if (m->n == cap) {
				cap = cap ? 2 * cap : 64;
				m->r = xrealloc(m->r, cap * sizeof *m->r);
			}
			m->r[m->n][0] = first;
			m->r[m->n++][1] = last;
		}
	}
	hb_set_destroy(set);
	return m;
}

/* The cmap of a font file's face, read once per process and file. */
static const cmap *path_cmap(const char *path, int index)
{
	const cmap *set = NULL;
	pthread_mutex_lock(&cache_lock);
	size_t i = 0;
	while (i < ncache && strcmp(cache[i].path, path) != 0)
		i++;
	if (i == ncache) {
		if (ncache == cache_cap) {
			cache_cap = cache_cap ? 2 * cache_cap : 8;
			cache = xrealloc(cache, cache_cap * sizeof *cache);
		}
		cache[ncache++] = (cached){xstrdup(path), read_cmap(path, index)};
	}
	set = cache[i].set;
	pthread_mutex_unlock(&cache_lock);
	return set;
}

/* The cmap of a family's regular face. */
static const cmap *family_cmap(const vita_font_family *f)
{
	if (!f || !f->regular)
		return NULL;
	vita_buf path = {0};
	if (f->dir)
		buf_printf(&path, "%s/%s", f->dir, f->regular);
	else
		buf_printf(&path, "%s/fonts/%s", vita_data_dir(), f->regular);
	const cmap *set = path_cmap(buf_str(&path), f->index[0]);
	buf_free(&path);
	return set;
}

/* ---- one .tex ---- */

/* A character that shows as a glyph: not a format character (a joiner, a direction mark, a
 * variation selector), a space or a control, which a font need not have. */
static bool drawn(uint32_t cp)
{
	if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
		return false;
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_CF:
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return false;
	default:
		return true;
	}
}

void latex_cov_init(latex_cov *c, const vita_style *st)
{
	memset(c, 0, sizeof *c);
	c->cv_fonts = st->cv_fonts;
	c->cjk = vita_font_family_substitute_near(c->cv_fonts, st->cjk_family);
}

/* The family a font file's face names itself (typographic family, else family), which fontspec
 * and luaotfload look up — the chain's own label may differ ("Noto Sans Symbols 2" is the file's
 * "Noto Sans Symbols2"); the label when the file has neither. */
static char *font_family_name(const char *path, int index, const char *label)
{
	char name[256];
	unsigned len = 0;
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (blob) {
		hb_face_t *face = hb_face_create(blob, (unsigned)(index < 0 ? 0 : index));
		len = sizeof name;
		if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, HB_LANGUAGE_INVALID, &len, name) ||
		    !len) {
			len = sizeof name;
			if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, HB_LANGUAGE_INVALID, &len, name))
				len = 0;
		}
		hb_face_destroy(face);
		hb_blob_destroy(blob);
	}
	/* a name TeX can take as it is: no braces, backslashes, quotes or control characters */
	for (unsigned i = 0; i < len; i++)
		if (strchr("{}\\%#'", name[i]) || (unsigned char)name[i] < 0x20)
			len = 0;
	return xstrdup(len ? name : label);
}

/* The family of the default chain that draws cp in vita's PDF (the first whose font has it, in the
 * chain's order): noted for the .tex to name; false when none has it. */
static bool fallback(latex_cov *c, uint32_t cp)
{
	char path[4096];
	int index;
	bool bold;
	const char *fam;
	for (size_t i = 0; (fam = vita_fallback_family(cp, i, path, sizeof path, &index, &bold)); i++) {
		const cmap *m = path_cmap(path, index);
		if (!m || !cmap_has(m, cp))
			continue;
		size_t k = 0;
		while (k < c->nfb && strcmp(c->fb[k].chain, fam) != 0)
			k++;
		if (k == c->nfb) {
			c->fb = xrealloc(c->fb, (c->nfb + 1) * sizeof *c->fb);
			c->fb[c->nfb++] = (latex_cov_fb){fam, font_family_name(path, index, fam), bold,
			                                  vita_fallback_script(cp), NULL, 0, 0};
		}
		latex_cov_fb *fb = &c->fb[k];
		for (size_t j = 0; j < fb->n; j++)
			if (fb->cps[j] == cp)
				return true;
		if (fb->n == fb->cap) {
			fb->cap = fb->cap ? 2 * fb->cap : 16;
			fb->cps = xrealloc(fb->cps, fb->cap * sizeof *fb->cps);
		}
		fb->cps[fb->n++] = cp;
		return true;
	}
	return false;
}

void latex_cov_text(latex_cov *c, const char *family, const char *s, vita_pos at)
{
	if (!s || !*s)
		return;
	const vita_font_family *f = vita_font_family_substitute_near(c->cv_fonts, family);
	const cmap *main = family_cmap(f), *cjk = NULL;
	if (!main)
		return;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		if (cp < 0x21 || cmap_has(main, cp) || !drawn(cp))
			continue;
		const char *in = f->family;
		if (cp_is_cjk(cp)) { /* the .tex switches to its CJK font for these */
			cjk = cjk ? cjk : family_cmap(c->cjk);
			if (!cjk || cmap_has(cjk, cp))
				continue;
			in = c->cjk->family;
		}
		if (fallback(c, cp))
			continue;
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 16;
			c->v = xrealloc(c->v, c->cap * sizeof *c->v);
		}
		c->v[c->n++] = (latex_cov_char){cp, at, in};
	}
}

static bool same_field(const latex_cov_char *a, const latex_cov_char *b)
{
	return a->at.line == b->at.line && a->at.col == b->at.col && a->family == b->family &&
	       (a->at.file == b->at.file || (a->at.file && b->at.file && !strcmp(a->at.file, b->at.file)));
}

/* Characters named in one message; the rest are counted. */
#define SHOWN 8

static void report_field(latex_cov *c, size_t first, bool *done, vita_diags *d)
{
	const latex_cov_char *c0 = &c->v[first];
	vita_buf list = {0};
	size_t count = 0;
	for (size_t i = first; i < c->n; i++) {
		if (done[i] || !same_field(&c->v[i], c0))
			continue;
		done[i] = true;
		bool again = false; /* the same character twice in a field is named once */
		for (size_t j = first; j < i && !again; j++)
			again = same_field(&c->v[j], c0) && c->v[j].cp == c->v[i].cp;
		if (again)
			continue;
		if (count++ < SHOWN) {
			buf_printf(&list, "%s'", count > 1 ? ", " : "");
			buf_put_utf8(&list, c->v[i].cp);
			buf_printf(&list, "' U+%04X", (unsigned)c->v[i].cp);
		}
	}
	if (count > SHOWN)
		buf_printf(&list, " and %zu more", count - SHOWN);
	vita_diag(d, VITA_WARNING, c0->at,
	          "%s %s in the field that starts here %s not in the font the .tex sets %s in, %s; the compiled PDF will "
	          "leave %s out (set another font with \\setmainfont in the .tex, or choose one in design:)",
	          count == 1 ? "character" : "characters", buf_str(&list), count == 1 ? "is" : "are",
	          count == 1 ? "it" : "them", c0->family, count == 1 ? "it" : "them");
	buf_free(&list);
}

/* A character of page furniture (a footer repeating the name) has no field of its own: it is not
 * named again when a field has it. */
static bool said_elsewhere(const latex_cov *c, size_t i)
{
	if (c->v[i].at.line)
		return false;
	for (size_t j = 0; j < c->n; j++)
		if (c->v[j].at.line && c->v[j].cp == c->v[i].cp)
			return true;
	return false;
}

void latex_cov_report(latex_cov *c, vita_diags *d)
{
	if (c->n) {
		bool *done = xcalloc(c->n, sizeof *done);
		for (size_t i = 0; i < c->n; i++)
			done[i] = said_elsewhere(c, i);
		for (size_t i = 0; i < c->n; i++)
			if (!done[i])
				report_field(c, i, done, d);
		free(done);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

static int cp_order(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

const latex_cov_fb *latex_cov_fallbacks(latex_cov *c, size_t *n)
{
	for (size_t i = 0; i < c->nfb; i++)
		qsort(c->fb[i].cps, c->fb[i].n, sizeof *c->fb[i].cps, cp_order);
	*n = c->nfb;
	return c->fb;
}

void latex_cov_free(latex_cov *c)
{
	for (size_t i = 0; i < c->nfb; i++) {
		free(c->fb[i].cps);
		free(c->fb[i].family);
	}
	free(c->fb);
	free(c->v);
	memset(c, 0, sizeof *c);
}
