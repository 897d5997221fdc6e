/*
 * Where a line may break: Unicode line-breaking opportunities from libunibreak (spaces, after
 * hyphens and slashes, between ideographs, never around a no-break space) and hyphenation points
 * from libhyphen for justified text.
 *
 * Both libraries keep read-only state after initialisation, so each is initialised once per process
 * (pthread_once) and then shared by every thread.  Choosing among the opportunities is linebreak.c's.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <hyphen.h>
#include <linebreak.h>

#include "layout/textint.h"

#ifndef VITA_HYPHEN_DICT
#define VITA_HYPHEN_DICT "/usr/share/hyphen/hyph_en_US.dic"
#endif

/* Hyphenation leaves at least this many letters on each side (the usual English choice, and the
 * dictionary's own LEFTHYPHENMIN/RIGHTHYPHENMIN), and skips words shorter than MIN_WORD. */
enum { LEFT_MIN = 2, RIGHT_MIN = 3, MIN_WORD = 5, MAX_WORD = 64 };

static pthread_once_t unibreak_once = PTHREAD_ONCE_INIT;
static pthread_once_t hyph_once = PTHREAD_ONCE_INIT;
static HyphenDict *hyph_dict;

static void unibreak_init(void)
{
	init_linebreak();
}

static void hyph_load(void)
{
	const char *path = getenv("VITA_HYPHEN_DICT");
	hyph_dict = hnj_hyphen_load(path && *path ? path : VITA_HYPHEN_DICT);
}

void breaks_mark(tchar *c, size_t n)
{
	if (n < 2)
		return;
	pthread_once(&unibreak_once, unibreak_init);
	utf32_t stack_cp[256];
	char stack_brk[256];
	utf32_t *cp = n <= 256 ? stack_cp : xmalloc(n * sizeof *cp);
	char *brk = n <= 256 ? stack_brk : xmalloc(n);
	for (size_t i = 0; i < n; i++)
		cp[i] = c[i].cp;
	set_linebreaks_utf32(cp, n, NULL, brk);
	for (size_t i = 0; i + 1 < n; i++) {
		uint8_t b = brk[i] == LINEBREAK_MUSTBREAK ? BRK_MUST : brk[i] == LINEBREAK_ALLOWBREAK ? BRK_ALLOW : BRK_NONE;
		if (c[i].kind == CH_BREAK)
			b = BRK_MUST;
		if (b > c[i + 1].brk || b == BRK_MUST)
			c[i + 1].brk = b;
	}
	if (cp != stack_cp)
		free(cp);
	if (brk != stack_brk)
		free(brk);
}

static bool ascii_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static bool hyph_punct(uint32_t cp)
{
	if (cp < 0x80)
		return cp && strchr("\"'([{,.;:!?)]}", (int)cp) != NULL;
	return cp >= 0x2018 && cp <= 0x201F; /* typographic quotes */
}

/* One word [a, b): the letters between leading and trailing punctuation are hyphenated when they
 * are all ASCII letters (the dictionary is English) and not all capitals (acronyms). */
static void hyphenate_word(tchar *c, size_t a, size_t b)
{
	while (a < b && hyph_punct(c[a].cp))
		a++;
	while (b > a && hyph_punct(c[b - 1].cp))
		b--;
	size_t len = b - a;
	if (len < MIN_WORD || len > MAX_WORD)
		return;
	char word[MAX_WORD + 1];
	bool lower = false;
	for (size_t i = 0; i < len; i++) {
		const tchar *t = &c[a + i];
		if (t->kind != CH_TEXT || !ascii_letter(t->cp) || (i > 0 && t->brk != BRK_NONE))
			return;
		if (t->cp >= 'a')
			lower = true;
		word[i] = (char)tolower((int)t->cp);
	}
	if (!lower)
		return;
	word[len] = 0;
	char hyphens[MAX_WORD + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate3(hyph_dict, word, (int)len, hyphens, NULL, &rep, &pos, &cut, LEFT_MIN, RIGHT_MIN,
	                          LEFT_MIN, RIGHT_MIN) == 0) {
		for (size_t i = LEFT_MIN - 1; i + RIGHT_MIN < len; i++)
			if ((hyphens[i] & 1) && !(rep && rep[i]))
				c[a + i + 1].brk = BRK_HYPHEN;
	}
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
}

bool breaks_hyphenate(tchar *c, size_t n)
{
	pthread_once(&hyph_once, hyph_load);
	if (!hyph_dict)
		return false;
	for (size_t a = 0; a < n;) {
		if (c[a].kind != CH_TEXT) {
			a++;
			continue;
		}
		size_t b = a + 1;
		while (b < n && c[b].kind == CH_TEXT && c[b].brk == BRK_NONE)
			b++;
		/* a word ends at a space, a break, or an opportunity after a hyphen or slash: in the
		 * latter case the word is part of a compound or URL, which is left alone */
		bool alone = (a == 0 || c[a - 1].kind != CH_TEXT) && (b == n || c[b].kind != CH_TEXT);
		if (alone)
			hyphenate_word(c, a, b);
		a = b;
	}
	return true;
}

double breaks_hyphen_width(const tchar *c)
{
	if (!c->fc)
		return 0;
	int w = face_width(c->fc, '-');
	return w < 0 ? 0 : w * c->size / 1000.0;
}
