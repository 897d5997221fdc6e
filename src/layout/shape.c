/*
 * From a paragraph's runs to the flat array of characters the line breaker works on: the face of
 * each code point (the fallback chain), replacements for characters no font can draw, the warning
 * for each character that is left out, widths as libharu draws them, and kerning from HarfBuzz.
 *
 * Text is drawn by code point with the font's nominal advances, one glyph per code point, except
 * the words of complex scripts, which complex.c shapes as wholes.  For the rest shaping is only
 * used to learn kerning: ligatures and contextual alternates are turned off, and
 * where HarfBuzz's advance differs from the nominal one the difference is kept on the character
 * (para.c then starts a new, absolutely placed piece after it).  In a shipped font whose kerning is
 * pairwise a word of Latin characters takes its kerning from the table compiled at build time
 * (kerntab.h) and is not shaped at all.
 */
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>
#include <utf8proc.h>

#include "layout/kerntab.h"
#include "layout/textint.h"

/* Format characters that are not drawn; what they mean for breaking is kept. */
enum { FMT_NO, FMT_DROP, FMT_ZWSP, FMT_SHY };
static int format_char(uint32_t cp)
{
	switch (cp) {
	case 0x200B: return FMT_ZWSP;        /* zero width space: a break opportunity */
	case 0x00AD: return FMT_SHY;         /* soft hyphen: a hyphenation point */
	case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x200E: case 0x200F:
		return FMT_DROP;                 /* joiners, word joiner, BOM, direction marks */
	default:
		/* variation selectors (text or emoji presentation) and emoji tag characters: they choose
		 * a glyph where a font shapes sequences; drawn by code point, the base is what shows */
		if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
		    (cp >= 0xE0020 && cp <= 0xE007F))
			return FMT_DROP;
		return FMT_NO;
	}
}

/* Replacements for characters a font may lack, when compatibility decomposition gives nothing. */
static const char *replacement(uint32_t cp)
{
	switch (cp) {
	case 0x2026: return "...";
	case 0x2212: return "-";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: return "-";
	case 0x2014: case 0x2015: return "--";
	case 0x2018: case 0x2019: case 0x201A: case 0x2032: return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x2033: return "\"";
	case 0x2022: case 0x25CF: case 0x2219: return "*";
	case 0x2192: return "->";
	case 0x2190: return "<-";
	case 0x00A0: case 0x202F: case 0x2007: case 0x2009: case 0x200A: return " ";
	default: return NULL;
	}
}

typedef struct ctx {
	vita_fonts *f;
	tchar *c;
	size_t n, cap;
	vita_diags *d;
	bool warn;
	bool emoji;            /* an emoji sequence was emitted: shape_emoji has work */
	missing_list left_out; /* reported together when the paragraph is done (missing.c) */
	uint8_t pending_brk; /* from a dropped ZWSP or soft hyphen: the next char's opportunity */
} ctx;

static tchar *push(ctx *x)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->c = xrealloc(x->c, x->cap * sizeof *x->c);
	}
	tchar *t = &x->c[x->n++];
	memset(t, 0, sizeof *t);
	t->brk = x->pending_brk;
	x->pending_brk = BRK_NONE;
	return t;
}

/* Finds a face for every code point of s; false when one has none. */
static bool all_covered(ctx *x, const rattr *r, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (!k)
			return false;
		bool fb;
		if (cp != ' ' && !fonts_cover(x->f, r->fam, r->a->bold, r->a->italic, cp, &fb, x->d))
			return false;
		i += k;
	}
	return true;
}

static void emit(ctx *x, const rattr *r, uint32_t run, uint32_t cp, bool *fallback_ok);

/* A character no font has: a replacement when one can be drawn, else nothing; either way a
 * warning naming the character and where it came from. */
static void missing(ctx *x, const rattr *r, uint32_t run, uint32_t cp, vita_pos pos)
{
	char ch[5] = {0};
	vita_buf b = {0};
	buf_put_utf8(&b, cp);
	memcpy(ch, buf_str(&b), b.len < 4 ? b.len : 4);
	buf_free(&b);

	const char *rep = NULL;
	utf8proc_uint8_t *nfkc = NULL;
	utf8proc_ssize_t nl = utf8proc_map((const utf8proc_uint8_t *)ch, (utf8proc_ssize_t)strlen(ch), &nfkc,
	                                   UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (nl > 0 && strcmp((const char *)nfkc, ch) != 0 && all_covered(x, r, (const char *)nfkc, (size_t)nl))
		rep = (const char *)nfkc;
	else if (replacement(cp) && all_covered(x, r, replacement(cp), strlen(replacement(cp))))
		rep = replacement(cp);

	/* pos is where the field starts, not the character (see missing.c), so the message names it */
	if (x->warn && fonts_warn_once(x->f, cp, pos)) {
		if (rep)
			vita_diag(x->d, VITA_WARNING, pos, "character U+%04X '%s' in the field that starts here "
			          "is in none of the fonts; written as '%s'", (unsigned)cp, ch, rep);
		else
			missing_add(&x->left_out, cp, pos);
	}
	if (rep) {
		for (size_t i = 0; rep[i];) {
			uint32_t c2;
			size_t k = utf8_decode(rep + i, strlen(rep + i), &c2);
			if (!k)
				break;
			emit(x, r, run, c2, NULL);
			i += k;
		}
	}
	free(nfkc);
}

/* Appends one code point as drawn.  *fallback_ok is cleared when no face has it (the caller then
 * handles the missing character); NULL means the caller already knows a face has it. */
static void emit(ctx *x, const rattr *r, uint32_t run, uint32_t cp, bool *fallback_ok)
{
	const text_attr *a = r->a;
	double size = r->size;
	int kind = CH_TEXT;
	/* ASCII's one space separator is ' ': its other characters need no look-up */
	bool ascii = cp < 0x80;
	if (cp == ' ' || cp == 0xA0)
		kind = CH_SPACE;
	else if (!ascii && utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ZS)
		kind = CH_GAP;
	bool fb = false;
	face *fc = NULL;
	int w = -1;
	uint8_t smallcap = 0;
	/* Small caps are the font's own (smcp), as in Typst and fontspec: in a font without them the
	 * letters stay as written, never capitals scaled down, which come out lighter than the
	 * capitals beside them and which RenderCV does not draw. */
	fc = fonts_cover(x->f, r->fam, a->bold, a->italic, cp, &fb, x->d);
	if (a->small_caps && kind == CH_TEXT && fc &&
	    (ascii ? cp >= 'a' && cp <= 'z' : utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL) &&
	    (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp) != cp && face_has_smcp(fc))
		smallcap = 1;
	if (fc)
		w = face_width(fc, cp);
	size *= face_scale(fc); /* a stand-in face, drawn at the scale that gives the original's widths */
	if (!fc && kind != CH_TEXT && r->primary) {
		/* a space no font has: as wide as the primary face's space */
		fc = NULL;
		w = face_width(r->primary, ' ');
		if (w < 0)
			w = 250;
		if (cp == 0x3000)
			w = 1000;
	} else if (!fc) {
		if (fallback_ok)
			*fallback_ok = false;
		return;
	}
	tchar *t = push(x);
	t->cp = cp;
	t->run = run;
	t->fc = fc;
	t->size = size;
	t->rise = r->rise;
	t->kind = (uint8_t)kind;
	t->fake_bold = fb;
	t->adv = w * size / 1000.0;
	t->cjk = cp_is_cjk(cp);
	t->smallcap = smallcap;
}

/* Could an emoji sequence start with cp, followed by the byte next?  A cheap test before
 * emoji_sequence: pictographic characters are U+00A9, U+00AE, U+203C–U+3299 and from U+1F000 on
 * (so CJK text pays nothing), and a keycap's digit needs U+FE0F (EF B8 8F) or U+20E3 (E2 83 A3)
 * after it. */
static bool may_start_emoji(uint32_t cp, unsigned char next)
{
	if (cp < 0x203C) /* most text: one test of the next byte */
		return (next == 0xEF || next == 0xE2) &&
		       (cp == 0xA9 || cp == 0xAE || (cp >= '0' && cp <= '9') || cp == '#' || cp == '*');
	return cp <= 0x3299 || cp >= 0x1F000;
}

/* An emoji sequence at s (emoji.c): drawn by the colour font as one word that complex.c shapes, or
 * under typography.emoji: drop left out, said once.  Returns the bytes taken; 0 when no sequence
 * starts at s or the colour font lacks it: then each code point goes the usual way (the symbol
 * fonts draw it in monochrome). */
static size_t emit_emoji(ctx *x, const rattr *r, uint32_t run, const char *s, size_t len, vita_pos pos)
{
	size_t n = emoji_sequence(s, len);
	if (!n)
		return 0;
	if (x->f->st && x->f->st->emoji_drop) {
		if (x->warn && !x->f->said_emoji_drop) {
			x->f->said_emoji_drop = true;
			vita_diag(x->d, VITA_WARNING, pos, "emoji '%.*s' in the field that starts here, and any "
			          "others, left out: typography.emoji is drop", (int)n, s);
		}
		return n;
	}
	face *fc = emoji_face(x->f);
	uint32_t cp;
	if (!fc || !utf8_decode(s, n, &cp) || face_width(fc, cp) < 0)
		return 0;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_decode(s + i, n - i, &cp);
		tchar *t = push(x);
		t->cp = cp;
		t->run = run;
		t->fc = fc;
		t->size = r->size;
		t->rise = r->rise;
		t->kind = CH_TEXT;
		int w = face_width(fc, cp);
		t->adv = (w > 0 ? w : 0) * r->size / 1000.0;
		t->emoji = i == 0 ? 1 : 2;
		i += k;
	}
	x->emoji = true;
	return n;
}

/* Kerning is a property of a face and a word: words repeat a lot in a CV (authors, venues, common
 * words), and HarfBuzz spends ~1 500 instructions a character on a large GPOS table, so each
 * document remembers the kerning of every word it shaped.  Entries hold the code points and the
 * kerning after each one, in font units (independent of size). */
typedef struct kern_entry {
	const hb_face_t *fc; /* the face store's (facestore.c): the same for every document of a thread */
	uint32_t hash, len;
	size_t off; /* code points at pool[off], kerning at kern[off] */
} kern_entry;

struct kern_cache {
	kern_entry *tab; /* open addressing; fc == NULL is empty */
	size_t mask, n;
	uint32_t *pool;
	int32_t *kern;
	size_t npool, cappool;
};

void kern_cache_free(struct kern_cache *kc)
{
	if (!kc)
		return;
	free(kc->tab);
	free(kc->pool);
	free(kc->kern);
	free(kc);
}

struct kern_cache *kern_cache_new(void)
{
	return xcalloc(1, sizeof(struct kern_cache));
}

size_t kern_cache_size(const struct kern_cache *kc)
{
	return kc->npool;
}

static uint32_t word_hash(const hb_face_t *fc, const tchar *c, size_t n)
{
	uint32_t h = 2166136261u ^ (uint32_t)(uintptr_t)fc;
	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i].cp) * 16777619u;
	return h;
}

static kern_entry *kc_slot(struct kern_cache *kc, const hb_face_t *fc, const tchar *c, size_t n, uint32_t h)
{
	for (size_t i = h & kc->mask;; i = (i + 1) & kc->mask) {
		kern_entry *e = &kc->tab[i];
		if (!e->fc)
			return e;
		if (e->fc == fc && e->hash == h && e->len == n) {
			size_t k = 0;
			while (k < n && kc->pool[e->off + k] == c[k].cp)
				k++;
			if (k == n)
				return e;
		}
	}
}

static void kc_grow(struct kern_cache *kc)
{
	size_t size = kc->tab ? 2 * (kc->mask + 1) : 256;
	kern_entry *old = kc->tab;
	size_t oldsize = old ? kc->mask + 1 : 0;
	kc->tab = xcalloc(size, sizeof *kc->tab);
	kc->mask = size - 1;
	for (size_t i = 0; i < oldsize; i++)
		if (old[i].fc) {
			size_t j = old[i].hash & kc->mask;
			while (kc->tab[j].fc)
				j = (j + 1) & kc->mask;
			kc->tab[j] = old[i];
		}
	free(old);
}

/* Shape plans per feature set, for the last two segment properties shaped with it (a Latin word,
 * a word of digits and punctuation): hb_shape builds a plan key (GSUB/GPOS feature look-ups) on
 * every call, which a word's kerning repeats hundreds of times per CV. */
struct face_plans {
	hb_shape_plan_t *plan[FACE_PLANS][2];
	hb_segment_properties_t props[FACE_PLANS][2];
	uint8_t next[FACE_PLANS]; /* the slot to replace next */
};

void face_shape(face *fc, hb_buffer_t *b, int set, const hb_feature_t *feats, unsigned n)
{
	if (!hb_buffer_get_length(b))
		return;
	if (!fc->plans)
		fc->plans = xcalloc(1, sizeof *fc->plans);
	struct face_plans *p = fc->plans;
	hb_segment_properties_t props;
	hb_buffer_get_segment_properties(b, &props);
	int k = 0;
	while (k < 2 && !(p->plan[set][k] && hb_segment_properties_equal(&props, &p->props[set][k])))
		k++;
	if (k == 2) {
		k = p->next[set];
		p->next[set] = (uint8_t)!k;
		if (p->plan[set][k])
			hb_shape_plan_destroy(p->plan[set][k]);
		p->plan[set][k] = hb_shape_plan_create_cached(fc->hbface, &props, feats, n, NULL);
		p->props[set][k] = props;
	}
	hb_shape_plan_execute(p->plan[set][k], fc->font, b, feats, n);
}

void face_plans_free(face *fc)
{
	for (int i = 0; fc->plans && i < FACE_PLANS; i++)
		for (int k = 0; k < 2; k++)
			if (fc->plans->plan[i][k])
				hb_shape_plan_destroy(fc->plans->plan[i][k]);
	free(fc->plans);
}

/* Shapes one word alone and records its kerning; false when HarfBuzz did anything but kern
 * (merged or substituted glyphs), in which case the word is drawn without kerning. */
static bool shape_word(vita_fonts *f, face *fc, const tchar *c, size_t n, int32_t *out)
{
	if (!f->buf)
		f->buf = hb_buffer_create();
	hb_buffer_t *b = f->buf;
	hb_buffer_clear_contents(b);
	for (size_t i = 0; i < n; i++)
		hb_buffer_add(b, c[i].cp, (unsigned)i);
	hb_buffer_set_content_type(b, HB_BUFFER_CONTENT_TYPE_UNICODE);
	hb_buffer_guess_segment_properties(b);
	/* kerning only: everything else HarfBuzz would apply by default either substitutes glyphs
	 * (which libharu cannot draw) or costs time for nothing we use */
	unsigned nf;
	const hb_feature_t *feats = kern_features(&nf);
	face_shape(fc, b, PLAN_KERN, feats, nf);
	unsigned int ng;
	hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(b, &ng);
	hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(b, &ng);
	if (ng != n)
		return false;
	for (unsigned int i = 0; i < ng; i++) { /* out[i]: the glyph's own advance, for now */
		uint32_t g;
		if (gi[i].cluster != i || !face_glyph(fc, c[i].cp, &g, &out[i]) || g != gi[i].codepoint)
			return false;
	}
	for (unsigned int i = 0; i < ng; i++)
		out[i] = i + 1 < ng ? gp[i].x_advance - out[i] : 0;
	return true;
}

/* Whether the face has GPOS or kern: worth shaping for kerning (looked at once per face). */
static bool face_kerns(face *fc)
{
	if (fc->kerns < 0) {
		hb_blob_t *kern = hb_face_reference_table(fc->hbface, HB_TAG('k', 'e', 'r', 'n'));
		fc->kerns = hb_ot_layout_has_positioning(fc->hbface) || hb_blob_get_length(kern) > 0;
		hb_blob_destroy(kern);
	}
	return fc->kerns > 0;
}

/* Kerning of a word [s, e) from the face's compiled table (kerntab.h); false when a character is
 * not in the table's set or a pair needs shaping, and nothing is set. */
static bool kern_word_table(const face *fc, tchar *c, size_t s, size_t e)
{
	const vita_kern_table *t = fc->ktab;
	int32_t d[64];
	if (e - s > sizeof d / sizeof *d)
		return false;
	int prev = kern_char_index(c[s].cp);
	bool script_ok = t->common_same; /* else the word needs a letter (HarfBuzz then guesses Latin) */
	for (size_t i = s; prev >= 0 && i + 1 < e; i++) {
		int next = kern_char_index(c[i + 1].cp);
		if (next < 0 || !kern_pair(t, prev, next, &d[i - s]))
			return false;
		prev = next;
	}
	if (prev < 0)
		return false;
	for (size_t i = s; !script_ok && i < e; i++)
		script_ok = hb_unicode_script(hb_unicode_funcs_get_default(), c[i].cp) == HB_SCRIPT_LATIN;
	if (!script_ok)
		return false;
	for (size_t i = s; i + 1 < e; i++)
		if (d[i - s])
			c[i].kern = (double)d[i - s] * c[i].size / fc->upem;
	return true;
}

/* Kerning of a word [s, e) of drawn characters in one face and size, from the compiled table, the
 * cache, or shaped. */
static void kern_word(vita_fonts *f, tchar *c, size_t s, size_t e)
{
	face *fc = c[s].fc;
	size_t n = e - s;
	if (fc->ktab && kern_word_table(fc, c, s, e))
		return;
	if (!face_kerns(fc))
		return;
	struct kern_cache *kc = face_store_kerns();
	if (kc->npool + n > KERN_CACHE_MAX && kc->tab) { /* full: start over (textint.h) */
		memset(kc->tab, 0, (kc->mask + 1) * sizeof *kc->tab);
		kc->n = kc->npool = 0;
	}
	if (!kc->tab || 2 * (kc->n + 1) > kc->mask + 1)
		kc_grow(kc);
	uint32_t h = word_hash(fc->hbface, c + s, n);
	kern_entry *en = kc_slot(kc, fc->hbface, c + s, n, h);
	if (!en->fc) {
		if (kc->npool + n > kc->cappool) {
			kc->cappool = 2 * (kc->npool + n) + 1024;
			kc->pool = xrealloc(kc->pool, kc->cappool * sizeof *kc->pool);
			kc->kern = xrealloc(kc->kern, kc->cappool * sizeof *kc->kern);
		}
		int32_t *k = kc->kern + kc->npool;
		if (!shape_word(f, fc, c + s, n, k))
			memset(k, 0, n * sizeof *k);
		for (size_t i = 0; i < n; i++)
			kc->pool[kc->npool + i] = c[s + i].cp;
		*en = (kern_entry){fc->hbface, h, (uint32_t)n, kc->npool};
		kc->npool += n;
		kc->n++;
	}
	for (size_t i = 0; i + 1 < n; i++) {
		int32_t delta = kc->kern[en->off + i];
		if (delta)
			c[s + i].kern = (double)delta * c[s + i].size / fc->upem;
	}
}

/* Kerning of a stretch [s, e) of drawn characters in one face and size: word by word, since
 * kerning next to a space is dropped anyway (spaces are gaps between pieces, not drawn). */
static void kern_segment(vita_fonts *f, tchar *c, size_t s, size_t e)
{
	if (e - s < 2)
		return;
	size_t k = s;
	while (k < e && (c[k].cjk || c[k].kind != CH_TEXT))
		k++;
	if (k == e || (!c[s].fc->ktab && !face_kerns(c[s].fc))) /* ideographs only (not kerned), or a face
	                                                           * without kerning */
		return;
	for (size_t a = s; a < e;) {
		if (c[a].kind != CH_TEXT || c[a].shaped || c[a].cont) { /* a shaped word has its own GPOS */
			a++;
			continue;
		}
		size_t b = a + 1;
		while (b < e && c[b].kind == CH_TEXT && !c[b].shaped)
			b++;
		if (b - a >= 2)
			kern_word(f, c, a, b);
		a = b;
	}
}

size_t shape_para(vita_fonts *f, const para *p, rattr *ra, tchar **out, bool warn, vita_diags *d)
{
	ctx x = {.f = f, .d = d, .warn = warn};
	/* One character per code point, hence at most one per byte and one per break run: sized once,
	 * the array is not copied as it grows (push still grows it should a character ever add more). */
	x.cap = p->text.len + p->nruns + 1;
	x.c = xmalloc(x.cap * sizeof *x.c);
	for (size_t ri = 0; ri < p->nruns; ri++) {
		const prun *ru = &p->runs[ri];
		const rattr *r = &ra[ri];
		if (ru->brk) {
			tchar *t = push(&x);
			t->cp = '\n';
			t->run = (uint32_t)ri;
			t->fc = r->primary;
			t->size = r->size;
			t->kind = CH_BREAK;
			continue;
		}
		const char *s = p->text.data + ru->off;
		for (size_t i = 0; i < ru->len;) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, ru->len - i, &cp);
			if (!k) { /* invalid UTF-8 cannot come from the loader; skip the byte */
				i++;
				continue;
			}
			if (may_start_emoji(cp, i + k < ru->len ? (unsigned char)s[i + k] : 0)) {
				size_t e = emit_emoji(&x, r, (uint32_t)ri, s + i, ru->len - i, ru->pos);
				if (e) {
					i += e;
					continue;
				}
			}
			i += k;
			if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
				if (cp == '\t')
					cp = ' ';
				else
					continue; /* the loader rejects control characters */
			}
			if (cp == 0x2028 || cp == 0x2029) { /* line and paragraph separators */
				tchar *t = push(&x);
				t->cp = '\n';
				t->run = (uint32_t)ri;
				t->fc = r->primary;
				t->size = r->size;
				t->kind = CH_BREAK;
				continue;
			}
			switch (format_char(cp)) {
			case FMT_DROP: continue;
			case FMT_ZWSP: x.pending_brk = BRK_ALLOW; continue;
			case FMT_SHY: x.pending_brk = BRK_HYPHEN; continue;
			default: break;
			}
			bool ok = true;
			emit(&x, r, (uint32_t)ri, cp, &ok);
			if (!ok)
				missing(&x, r, (uint32_t)ri, cp, ru->pos);
		}
	}
	shape_complex(f, x.c, x.n);
	if (x.emoji)
		shape_emoji(f, x.c, x.n);
	shape_smallcaps(f, x.c, x.n);
	if (f->st && f->st->ligatures)
		shape_ligatures(f, x.c, x.n);
	/* kerning per stretch of text in one face, size and rise (see kern_segment) */
	for (size_t s = 0; s < x.n;) {
		if (x.c[s].kind == CH_BREAK || !x.c[s].fc) {
			s++;
			continue;
		}
		size_t e = s + 1;
		while (e < x.n && x.c[e].kind != CH_BREAK && x.c[e].fc == x.c[s].fc && x.c[e].size == x.c[s].size &&
		       x.c[e].rise == x.c[s].rise)
			e++;
		kern_segment(f, x.c, s, e);
		for (size_t i = s; i < e; i++)
			if (x.c[i].kind != CH_TEXT || (i + 1 < e && (x.c[i + 1].kind != CH_TEXT || x.c[i + 1].shaped)))
				x.c[i].kern = 0;
		s = e;
	}
	missing_flush(f, &x.left_out, x.d);
	*out = x.c;
	return x.n;
}
