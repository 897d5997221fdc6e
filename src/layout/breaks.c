/*
 * Where a line may break: Unicode line-breaking opportunities from libunibreak (spaces, after
 * hyphens and slashes, between ideographs, never around a no-break space) and hyphenation points
 * from the TeX hyphenation patterns libhyphen's dictionary holds (hyph_en_US.dic).
 *
 * The patterns are matched here (Liang's algorithm over a hash of the patterns) rather than by
 * libhyphen itself: hnj_hyphen_load builds its automaton in about 25 ms, two and a half times the
 * time a whole CV may take, while reading the patterns into a hash takes about one millisecond.
 * The results are the same (tests/unit/test_text.c compares them with libhyphen's word by word).
 * Both the libunibreak tables and the patterns are read-only once initialised, so each is set up
 * once per process (pthread_once) and then shared by every thread.  Choosing among the
 * opportunities is linebreak.c's.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>

#include "layout/textint.h"

#ifndef VITA_HYPHEN_DICT
#define VITA_HYPHEN_DICT "/usr/share/hyphen/hyph_en_US.dic"
#endif

/* Hyphenation leaves at least this many letters on each side (the usual English choice, and the
 * dictionary's own LEFTHYPHENMIN/RIGHTHYPHENMIN), and skips words shorter than MIN_WORD. */
enum { LEFT_MIN = 2, RIGHT_MIN = 3, MIN_WORD = 5, MAX_WORD = 64, MAX_PATTERN = 32 };

static pthread_once_t unibreak_once = PTHREAD_ONCE_INIT;
static pthread_once_t hyph_once = PTHREAD_ONCE_INIT;

/* The patterns: letters → the digits between them (one more digit than letters). */
typedef struct pattern {
	uint32_t hash;
	uint8_t len;      /* letters */
	uint32_t off;     /* letters at pool[off], digits at pool[off + len] */
} pattern;

static struct {
	pattern *tab;     /* open addressing, power-of-two size; len 0 = empty */
	size_t mask;
	char *pool;
	size_t maxlen;
	bool ok;
} hyph;

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static const char *pattern_find(const char *s, size_t n)
{
	uint32_t h = hash_bytes(s, n);
	for (size_t i = h & hyph.mask;; i = (i + 1) & hyph.mask) {
		const pattern *p = &hyph.tab[i];
		if (!p->len)
			return NULL;
		if (p->hash == h && p->len == n && memcmp(hyph.pool + p->off, s, n) == 0)
			return hyph.pool + p->off + n;
	}
}

static void add_pattern(pattern **pats, size_t *npat, size_t *cap, size_t *npool, size_t *poolcap,
                        const char *line, size_t n)
{
	char letters[MAX_PATTERN], digits[MAX_PATTERN + 1];
	size_t nl = 0;
	memset(digits, '0', sizeof digits);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)line[i];
		if (ch >= '0' && ch <= '9')
			digits[nl] = (char)ch;
		else if (ch >= 0x80 || ch == '/' || nl >= MAX_PATTERN)
			return; /* ligature characters and non-standard hyphenation: not for us */
		else
			letters[nl++] = (char)ch;
	}
	if (!nl)
		return;
	if (*npool + 2 * nl + 1 > *poolcap) {
		*poolcap = *poolcap ? 2 * *poolcap : 1 << 17;
		hyph.pool = xrealloc(hyph.pool, *poolcap);
	}
	if (*npat == *cap) {
		*cap = *cap ? 2 * *cap : 1 << 14;
		*pats = xrealloc(*pats, *cap * sizeof **pats);
	}
	(*pats)[(*npat)++] = (pattern){hash_bytes(letters, nl), (uint8_t)nl, (uint32_t)*npool};
	memcpy(hyph.pool + *npool, letters, nl);
	memcpy(hyph.pool + *npool + nl, digits, nl + 1);
	*npool += 2 * nl + 1;
	if (nl > hyph.maxlen)
		hyph.maxlen = nl;
}

static void hyph_load(void)
{
	const char *path = getenv("VITA_HYPHEN_DICT");
	FILE *fp = fopen(path && *path ? path : VITA_HYPHEN_DICT, "rb");
	if (!fp)
		return;
	vita_buf text = {0};
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_put(&text, chunk, got);
	fclose(fp);
	size_t cap = 0, npool = 0, npat = 0, poolcap = 0;
	pattern *pats = NULL;
	const char *p = buf_str(&text), *end = p + text.len;
	bool first = true;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		size_t n = strcspn(p, "\r\n \t%");
		if (n > (size_t)(nl - p))
			n = (size_t)(nl - p);
		/* the first line names the character set; upper-case lines are settings (LEFTHYPHENMIN) */
		if (!first && n && !isupper((unsigned char)p[0]))
			add_pattern(&pats, &npat, &cap, &npool, &poolcap, p, n);
		first = false;
		p = nl + 1;
	}
	buf_free(&text);
	size_t size = 1;
	while (size < 2 * npat + 2)
		size <<= 1;
	hyph.tab = xcalloc(size, sizeof *hyph.tab);
	hyph.mask = size - 1;
	for (size_t k = 0; k < npat; k++) {
		size_t i = pats[k].hash & hyph.mask;
		while (hyph.tab[i].len)
			i = (i + 1) & hyph.mask;
		hyph.tab[i] = pats[k];
	}
	free(pats);
	hyph.ok = npat > 0;
}

/* Liang: every pattern found in ".word." votes a digit between letters; odd means a hyphen may go
 * there.  word is lower-case ASCII; points[i] says whether a hyphen may follow word[i]. */
static void liang(const char *word, size_t len, bool *points)
{
	char w[MAX_WORD + 3];
	char v[MAX_WORD + 4];
	w[0] = '.';
	memcpy(w + 1, word, len);
	w[len + 1] = '.';
	size_t n = len + 2;
	memset(v, '0', n + 1);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j <= n && j - i <= hyph.maxlen; j++) {
			const char *d = pattern_find(w + i, j - i);
			if (d)
				for (size_t k = 0; k <= j - i; k++)
					if (d[k] > v[i + k])
						v[i + k] = d[k];
		}
	/* v[m] is the value before w[m]; after word[i] is before w[i + 2] */
	for (size_t i = 0; i < len; i++)
		points[i] = i + 1 >= LEFT_MIN && len - (i + 1) >= RIGHT_MIN && ((v[i + 2] - '0') & 1);
}

bool breaks_hyphen_points(const char *word, bool *points)
{
	pthread_once(&hyph_once, hyph_load);
	size_t len = strlen(word);
	if (!hyph.ok || len > MAX_WORD)
		return false;
	liang(word, len, points);
	return true;
}

static void unibreak_init(void)
{
	init_linebreak();
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
	bool points[MAX_WORD];
	liang(word, len, points);
	for (size_t i = 0; i + 1 < len; i++)
		if (points[i])
			c[a + i + 1].brk = BRK_HYPHEN;
}

bool breaks_hyphenate(tchar *c, size_t n)
{
	pthread_once(&hyph_once, hyph_load);
	if (!hyph.ok)
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
