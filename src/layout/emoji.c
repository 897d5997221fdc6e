/*
 * Emoji drawn in colour: which stretches of text are emoji sequences (Unicode Technical Standard
 * #51), and the colour font that draws them (Noto Color Emoji, Debian's fonts-noto-color-emoji).
 *
 * A sequence is kept whole — its base, skin-tone modifier, variation selector, keycap, tag
 * characters and the parts a zero width joiner links, or a pair of regional indicators (a flag) —
 * and shaped by HarfBuzz as one word, so that the colour font's ligatures give the one glyph it has
 * for "👩‍🔬" or "🇩🇪", and the piece's text keeps every code point for extraction (/ActualText).
 * A character with a text presentation by default (☎, ❤, ★) is an emoji only when U+FE0F follows
 * it; without the colour font, or under typography.emoji: drop, the old path applies (shape.c: the
 * symbol fonts draw each code point in monochrome; drop leaves the sequence out and says so once).
 */
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "layout/textint.h"

#include "layout/emoji_table.h"

#define COLOR_FAMILY "Noto Color Emoji"

static bool in_ranges(const emoji_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* Emoji_Presentation; Perl's Unicode 14 tables lack Unicode 15's additions, which all fall in
 * Symbols and Pictographs Extended-A (U+1FA70–U+1FAFF), where every character is an emoji. */
static bool presentation(uint32_t cp)
{
	return in_ranges(emoji_presentation, sizeof emoji_presentation / sizeof *emoji_presentation, cp) ||
	       (cp >= 0x1FA70 && cp <= 0x1FAFF);
}

static bool pictographic(uint32_t cp)
{
	return in_ranges(extended_pictographic, sizeof extended_pictographic / sizeof *extended_pictographic, cp) ||
	       (cp >= 0x1FA70 && cp <= 0x1FAFF);
}

static bool regional(uint32_t cp)
{
	return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

static bool modifier(uint32_t cp)
{
	return cp >= 0x1F3FB && cp <= 0x1F3FF;
}

typedef struct cursor {
	const char *s;
	size_t len, at;
} cursor;

static uint32_t peek(const cursor *c, size_t *k)
{
	uint32_t cp = 0;
	*k = c->at < c->len ? utf8_decode(c->s + c->at, c->len - c->at, &cp) : 0;
	return *k ? cp : 0;
}

static bool take(cursor *c, uint32_t want)
{
	size_t k;
	if (peek(c, &k) != want || !k)
		return false;
	c->at += k;
	return true;
}

/* One element: a pictographic character with what may follow it.  1: an emoji (emoji presentation,
 * or made one by FE0F, a modifier or tags); 0: a character in text presentation; -1: none here. */
static int element(cursor *c)
{
	size_t k;
	uint32_t cp = peek(c, &k);
	if (!k || !pictographic(cp))
		return -1;
	c->at += k;
	if (take(c, 0xFE0E))
		return 0;
	bool emoji = presentation(cp);
	emoji |= take(c, 0xFE0F);
	uint32_t next = peek(c, &k);
	if (k && modifier(next)) {
		c->at += k;
		emoji = true;
	}
	/* a tag sequence (the flags of England, Scotland, Wales): tag characters up to CANCEL TAG */
	size_t save = c->at;
	bool tags = false;
	while ((next = peek(c, &k)) >= 0xE0020 && next <= 0xE007E && k) {
		c->at += k;
		tags = true;
	}
	if (tags && take(c, 0xE007F))
		emoji = true;
	else
		c->at = save;
	return emoji ? 1 : 0;
}

size_t emoji_sequence(const char *s, size_t len)
{
	cursor c = {s, len, 0};
	size_t k;
	uint32_t cp = peek(&c, &k);
	if (!k)
		return 0;
	if (regional(cp)) {
		c.at += k;
		uint32_t second = peek(&c, &k);
		if (k && regional(second))
			c.at += k;
		return c.at;
	}
	if ((cp >= '0' && cp <= '9') || cp == '#' || cp == '*') { /* a keycap: 1️⃣ */
		c.at += k;
		take(&c, 0xFE0F);
		return take(&c, 0x20E3) ? c.at : 0;
	}
	int e = element(&c);
	if (e < 0)
		return 0;
	bool emoji = e == 1;
	for (;;) { /* parts joined by ZERO WIDTH JOINER: 👩‍🔬, ❤️‍🔥, 🏳️‍🌈 */
		size_t save = c.at;
		if (!take(&c, 0x200D) || element(&c) < 0) {
			c.at = save;
			break;
		}
		emoji = true;
	}
	return emoji ? c.at : 0;
}

face *emoji_face(vita_fonts *f)
{
	if (f->emoji_fam == -1)
		return NULL;
	if (f->emoji_fam < -1) {
		f->emoji_fam = -1;
		fallback_add(f);
		for (size_t k = 0; k < f->nfams; k++)
			if (strcmp(f->fams[k].name, COLOR_FAMILY) == 0) {
				bool fb;
				face *fc = fonts_face(f, (int)k, false, false, &fb, NULL);
				if (fc && hb_ot_color_has_png(fc->hbface))
					f->emoji_fam = (int)k;
				break;
			}
	}
	if (f->emoji_fam < 0)
		return NULL;
	bool fb;
	return fonts_face(f, f->emoji_fam, false, false, &fb, NULL);
}
