/*
 * Personal names kept whole: the CV's own name and every author name of the document.  Where one
 * occurs whole in a paragraph (not inside a longer word), the line breaker may not break inside
 * it and hyphenation leaves it alone, as biblatex ties the parts of a name: "Prof. Quan Chen" in a
 * summary stays together though Quan Chen is an author of another entry.
 *
 * The names are kept once per document, hashed by their first word, so a paragraph is scanned
 * once whatever the number of names (a publication list has thousands): at each word start the
 * word's hash finds the few names that begin with it.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/base.h"
#include "layout/textint.h"

typedef struct tie_name {
	uint32_t hash; /* of the first word */
	uint32_t off, len; /* code points in cps[off, off + len) */
} tie_name;

struct vita_ties {
	tie_name *v;
	size_t n, cap;
	uint32_t *slots; /* open addressing over v: index + 1, 0 empty */
	size_t mask;
	uint32_t *cps;
	size_t ncps, capcps;
};

static bool is_letter(uint32_t cp)
{
	if (cp < 0x80) /* ASCII's letters and digits, without asking utf8proc */
		return (cp | 0x20) - 'a' < 26 || cp - '0' < 10;
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)cp);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) || k == UTF8PROC_CATEGORY_ND;
}

/* A letter or digit at i: a name found next to one is part of a longer word. */
static bool letter_at(const tchar *c, size_t n, size_t i)
{
	return i < n && c[i].kind == CH_TEXT && is_letter(c[i].cp);
}

static uint32_t mix(uint32_t h, uint32_t cp)
{
	return (h ^ cp) * 16777619u;
}

vita_ties *ties_new(void)
{
	return xcalloc(1, sizeof(vita_ties));
}

void ties_free(vita_ties *t)
{
	if (!t)
		return;
	free(t->v);
	free(t->slots);
	free(t->cps);
	free(t);
}

static void rehash(vita_ties *t)
{
	size_t size = t->slots ? 2 * (t->mask + 1) : 64;
	free(t->slots);
	t->slots = xcalloc(size, sizeof *t->slots);
	t->mask = size - 1;
	for (size_t i = 0; i < t->n; i++) {
		size_t s = t->v[i].hash & t->mask;
		while (t->slots[s])
			s = (s + 1) & t->mask;
		t->slots[s] = (uint32_t)(i + 1);
	}
}

static bool same(const vita_ties *t, const tie_name *e, const uint32_t *cp, size_t m)
{
	return e->len == m && memcmp(t->cps + e->off, cp, m * sizeof *cp) == 0;
}

void ties_add(vita_ties *t, const char *utf8, size_t len)
{
	uint32_t cp[128];
	size_t m = 0;
	for (size_t k = 0; k < len && m < 128;) {
		size_t l = utf8_decode(utf8 + k, len - k, &cp[m++]);
		k += l ? l : 1;
	}
	/* one word is nothing to tie; a name must start with a letter to be found at a word start */
	if (m < 2 || !is_letter(cp[0]))
		return;
	uint32_t h = 2166136261u;
	for (size_t k = 0; k < m && is_letter(cp[k]); k++)
		h = mix(h, cp[k]);
	if ((t->n + 1) * 2 > (t->slots ? t->mask + 1 : 0))
		rehash(t);
	size_t s = h & t->mask;
	for (; t->slots[s]; s = (s + 1) & t->mask)
		if (t->v[t->slots[s] - 1].hash == h && same(t, &t->v[t->slots[s] - 1], cp, m))
			return; /* already there */
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 32;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	if (t->ncps + m > t->capcps) {
		t->capcps = 2 * (t->ncps + m);
		t->cps = xrealloc(t->cps, t->capcps * sizeof *t->cps);
	}
	memcpy(t->cps + t->ncps, cp, m * sizeof *cp);
	t->v[t->n] = (tie_name){h, (uint32_t)t->ncps, (uint32_t)m};
	t->ncps += m;
	t->slots[s] = (uint32_t)++t->n;
}

/* Ties c[i, i + m): no break inside, no hyphenation. */
static void tie(tchar *c, size_t i, size_t m)
{
	for (size_t k = 0; k < m; k++) {
		c[i + k].tied = true;
		if (k > 0 && c[i + k].brk != BRK_MUST)
			c[i + k].brk = BRK_NONE;
	}
}

/* The longest name of t that starts at word start i with first-word hash h, or 0. */
static size_t match(const vita_ties *t, const tchar *c, size_t n, size_t i, uint32_t h)
{
	size_t best = 0;
	for (size_t s = h & t->mask; t->slots[s]; s = (s + 1) & t->mask) {
		const tie_name *e = &t->v[t->slots[s] - 1];
		if (e->hash != h || e->len <= best || i + e->len > n || letter_at(c, n, i + e->len))
			continue;
		size_t k = 0;
		while (k < e->len && c[i + k].cp == t->cps[e->off + k])
			k++;
		if (k == e->len)
			best = e->len;
	}
	return best;
}

void ties_apply(const vita_ties *t, double width, tchar *c, size_t n)
{
	if (!t || !t->n)
		return;
	for (size_t i = 0; i < n; i++) {
		if (!letter_at(c, n, i) || (i > 0 && letter_at(c, n, i - 1)))
			continue;
		uint32_t h = 2166136261u;
		size_t e = i;
		while (e < n && letter_at(c, n, e))
			h = mix(h, c[e++].cp);
		size_t m = match(t, c, n, i, h);
		if (!m) {
			i = e - 1;
			continue;
		}
		double w = 0;
		for (size_t k = 0; k < m; k++)
			w += c[i + k].adv;
		if (w <= width) /* wider than a line: broken where it must be, at a space rather than inside */
			tie(c, i, m);
		i += m - 1;
	}
}
