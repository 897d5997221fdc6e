/*
 * Did-you-mean: the known word closest to a misspelled one, for every stage that reads names a user
 * types (the CV loader's keys, the style's design keys, themes, values of a fixed set).
 *
 * Typos in YAML keys are mostly one slip (a swapped pair, a missing or doubled letter), so the
 * distance is Damerau-Levenshtein (the "optimal string alignment" variant: a transposition counts
 * one), and a key counts as close only when the distance is at most 2 and at most a third of its
 * length: `strat_date` → `start_date`, `hightlights` → `highlights`, but `note` is not `date`.
 * Failing that, a word the typed one is part of (see partial_word).
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "base/base.h"

#define MAX_KEY 64

size_t vita_edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > MAX_KEY || m > MAX_KEY)
		return (size_t)-1;
	/* Three rows are enough for the transposition rule. */
	size_t rows[3][MAX_KEY + 1];
	size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= m; j++)
		prev[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		int ca = tolower((unsigned char)a[i - 1]);
		for (size_t j = 1; j <= m; j++) {
			int cb = tolower((unsigned char)b[j - 1]);
			size_t cost = ca != cb;
			size_t v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
		}
		size_t *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

/* A value written as part of the right one: `letter` for `us-letter`, `justify` for `justified`
 * (all but its last letter begin the word).  Too many edits for the distance rule, but as likely a
 * slip; short words are left out, since they are part of too much. */
static bool contains_ci(const char *hay, const char *needle, size_t len)
{
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, len) == 0)
			return true;
	return false;
}

static const char *partial_word(const char *s, size_t len, const char *const *known, size_t n)
{
	if (len < 4)
		return NULL;
	for (size_t i = 0; i < n && known[i]; i++)
		if (contains_ci(known[i], s, len) || strncasecmp(known[i], s, len - 1) == 0)
			return known[i];
	return NULL;
}

const char *vita_suggest(const char *s, const char *const *known, size_t n)
{
	size_t len = strlen(s);
	size_t limit = len / 3;
	if (limit < 1)
		limit = 1;
	if (limit > 2)
		limit = 2;
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	for (size_t i = 0; i < n && known[i]; i++) {
		/* The distance is at least the difference in length: skip hopeless pairs cheaply, so
		 * that a file with many odd keys costs little. */
		size_t kl = strlen(known[i]);
		if ((kl > len ? kl - len : len - kl) > limit)
			continue;
		size_t d = vita_edit_distance(s, known[i]);
		if (d < bestd) {
			bestd = d;
			best = known[i];
		}
	}
	/* Distance 0 happens for a case-only difference ("Email"): that is a likely slip too. */
	if (best && bestd <= limit)
		return best;
	return partial_word(s, len, known, n);
}
