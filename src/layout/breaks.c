/*
 * Where a line may break: Unicode line-breaking opportunities from libunibreak (spaces, after
 * hyphens and slashes, between ideographs, never around a no-break space) and hyphenation points
 * from the TeX hyphenation patterns libhyphen's dictionary holds (hyph_en_US.dic).
 *
 * The patterns are matched here (Liang's algorithm over a sorted table that scripts/gen_hyph.sh
 * generates from the dictionary at build time) rather than by libhyphen itself: hnj_hyphen_load
 * builds its automaton in 25–60 ms per process, several times what a whole CV may take, while the
 * generated table costs nothing to load.  The results are the same (tests/unit/test_text.c
 * compares them with libhyphen's word by word).  The libunibreak tables are read-only once
 * initialised, so they are set up once per process (pthread_once) and shared by every thread.  Choosing among the
 * opportunities is linebreak.c's.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>
#include <linebreakdef.h>
#include <utf8proc.h>

#include "layout/hyph_patterns.h"
#include "layout/textint.h"

/* Hyphenation leaves at least this many letters on each side (the usual English choice, and the
 * dictionary's own LEFTHYPHENMIN/RIGHTHYPHENMIN), and skips words shorter than MIN_WORD. */
enum { LEFT_MIN = 2, RIGHT_MIN = 3, MIN_WORD = 5, MAX_WORD = 64, MAX_PATTERN = 32 };

static pthread_once_t unibreak_once = PTHREAD_ONCE_INIT;

/* The patterns come sorted from a table generated at build time (scripts/gen_hyph.sh), with the
 * longest pattern's length (vita_hyph_maxlen, which bounds the substrings worth trying), so
 * nothing is loaded or measured at run time; a lookup is a binary search. */

/* In the sorted table, the range [*lo, *hi) of patterns that share a prefix of length k is narrowed
 * to those whose next letter (at k) is ch; shorter patterns hold '\0' there and sort first. */
static void narrow(size_t *lo, size_t *hi, size_t k, unsigned char ch)
{
	size_t a = *lo, b = *hi;
	while (a < b) { /* first with letter >= ch */
		size_t m = a + (b - a) / 2;
		if ((unsigned char)HYPH_LETTERS(&vita_hyph_patterns[m])[k] < ch)
			a = m + 1;
		else
			b = m;
	}
	size_t first = a;
	b = *hi;
	while (a < b) { /* first with letter > ch */
		size_t m = a + (b - a) / 2;
		if ((unsigned char)HYPH_LETTERS(&vita_hyph_patterns[m])[k] <= ch)
			a = m + 1;
		else
			b = m;
	}
	*lo = first;
	*hi = a;
}

/* The range of patterns that start with each of '.' and 'a'..'z' (index 0 and 1..26), found once
 * per process: the first letter's two binary searches over the whole table were a third of a
 * word's walk. */
enum { FIRST_LETTERS = 27 };
static size_t first_lo[FIRST_LETTERS], first_hi[FIRST_LETTERS];
static pthread_once_t first_once = PTHREAD_ONCE_INIT;

static int first_index(unsigned char ch)
{
	return ch == '.' ? 0 : ch >= 'a' && ch <= 'z' ? ch - 'a' + 1 : -1;
}

static void first_init(void)
{
	for (int i = 0; i < FIRST_LETTERS; i++) {
		size_t lo = 0, hi = vita_hyph_npatterns;
		narrow(&lo, &hi, 0, i == 0 ? '.' : (unsigned char)('a' + i - 1));
		first_lo[i] = lo, first_hi[i] = hi;
	}
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
	/* From each position, walk down the sorted table one letter at a time: every prefix of the
	 * rest of the word that is a whole pattern votes its digits. */
	pthread_once(&first_once, first_init);
	for (size_t i = 0; i < n; i++) {
		size_t lo = 0, hi = vita_hyph_npatterns;
		for (size_t k = 0; i + k < n && k < vita_hyph_maxlen; k++) {
			int f = k == 0 ? first_index((unsigned char)w[i]) : -1;
			if (f >= 0)
				lo = first_lo[f], hi = first_hi[f];
			else
				narrow(&lo, &hi, k, (unsigned char)w[i + k]);
			if (lo >= hi)
				break;
			const vita_hyph_pattern *p = &vita_hyph_patterns[lo];
			if (HYPH_LETTERS(p)[k + 1] == '\0')
				for (size_t q = 0; q <= k + 1; q++)
					if (HYPH_DIGITS(p)[q] > v[i + q])
						v[i + q] = HYPH_DIGITS(p)[q];
		}
	}
	/* v[m] is the value before w[m]; after word[i] is before w[i + 2] */
	for (size_t i = 0; i < len; i++)
		points[i] = i + 1 >= LEFT_MIN && len - (i + 1) >= RIGHT_MIN && ((v[i + 2] - '0') & 1);
}

/* A word's hyphenation points, remembered per thread: a CV repeats its words, and the CVs of a
 * batch their vocabulary, while Liang's walk down the table takes a few thousand instructions a
 * word against some fifty for a look-up here.  Direct-mapped (a collision replaces the slot) and
 * bounded, so it stays small over any batch, and thread-local, so the workers of `vita build -j`
 * share no lock (freed by vita_layout_thread_done); the answer depends on the word alone (the
 * table is built in).  It starts at 256 slots, the two pages one CV's fifty-odd words need, and
 * grows fourfold, emptied, each time it has taken in half its size, up to 4096 (128 KB): a fresh
 * page costs a one-CV render a page fault, dearer than the look-ups it would save. */
enum { HCACHE_FIRST = 256, HCACHE_MAX = 4096, HCACHE_WORD = 27 };
typedef struct hcache_slot {
	uint32_t points; /* bit i: a hyphen may follow word[i] */
	uint8_t len;     /* 0: empty */
	char w[HCACHE_WORD];
} hcache_slot;
static _Thread_local hcache_slot *hcache; /* made on first use: not in every thread's TLS */
static _Thread_local size_t hcache_slots, hcache_taken;

void breaks_thread_done(void)
{
	free(hcache);
	hcache = NULL;
	hcache_slots = hcache_taken = 0;
}

/* The cache, made or grown (and emptied) as its use asks. */
static hcache_slot *hcache_ready(void)
{
	if (hcache && (hcache_slots == HCACHE_MAX || hcache_taken < hcache_slots / 2))
		return hcache;
	if (!hcache)
		thread_exit_call(breaks_thread_done);
	size_t n = hcache ? hcache_slots * 4 : HCACHE_FIRST;
	free(hcache);
	hcache = xcalloc(n, sizeof *hcache);
	hcache_slots = n;
	hcache_taken = 0;
	return hcache;
}

/* Liang's points for lower-case ASCII word[0..len), through the cache when the word fits. */
static void word_points(const char *word, size_t len, bool *points)
{
	if (len > HCACHE_WORD) {
		liang(word, len, points);
		return;
	}
	hcache_slot *cache = hcache_ready();
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)word[i]) * 16777619u;
	hcache_slot *sl = &cache[(h ^ h >> 16) & (hcache_slots - 1)];
	if (sl->len == len && memcmp(sl->w, word, len) == 0) {
		for (size_t i = 0; i < len; i++)
			points[i] = sl->points >> i & 1;
		return;
	}
	liang(word, len, points);
	hcache_taken++;
	sl->len = (uint8_t)len;
	memcpy(sl->w, word, len);
	sl->points = 0;
	for (size_t i = 0; i < len; i++)
		sl->points |= (uint32_t)points[i] << i;
}

bool breaks_hyphen_points(const char *word, bool *points)
{
	size_t len = strlen(word);
	if (!vita_hyph_npatterns || len > MAX_WORD)
		return false;
	word_points(word, len, points);
	return true;
}

/* Each code point below REP_MAX as the first of its line-breaking class in libunibreak's table.
 * libunibreak 1.1 finds a class by walking its table from the start of one of 40 slices, and
 * ASCII letters sit some 30 entries in: a third of a CV's line-breaking instructions went to the
 * walk.  Its breaks depend on the classes alone (set_linebreaks reads nothing else of a code
 * point), so a letter passed on as '#', the table's first alphabetic, breaks the same for half
 * the lookup.  The classes come from the table libunibreak itself reads (lb_prop_default, in its
 * linebreakdef.h); test_text's unibreak_representatives compares the breaks with the library's
 * on the original text. */
enum { REP_MAX = 0x100 };
static utf32_t rep[REP_MAX];

static void unibreak_init(void)
{
	init_linebreak();
	for (utf32_t c = 0; c < REP_MAX; c++)
		rep[c] = c; /* a code point the table leaves out (class XX) */
	utf32_t first[LBP_XX + 1];
	bool seen[LBP_XX + 1] = {false};
	/* the table is sorted by code point, so a class's first entry comes before its others */
	for (const struct LineBreakProperties *p = lb_prop_default; p->prop != LBP_Undefined && p->start < REP_MAX; p++) {
		if ((unsigned)p->prop > LBP_XX)
			continue;
		if (!seen[p->prop]) {
			seen[p->prop] = true;
			first[p->prop] = p->start;
		}
		for (utf32_t c = p->start; c <= p->end && c < REP_MAX; c++)
			rep[c] = first[p->prop];
	}
}

/* libunibreak 5.1 aborts (an assertion in set_linebreaks) on regional indicators, the halves of
 * flags, and on U+FFFF, its end-of-text marker; they are passed on as a letter (no break inside a
 * flag or between flags) and U+FFFD. */
static utf32_t unibreak_safe(uint32_t cp)
{
	if (cp >= 0x1F1E6 && cp <= 0x1F1FF)
		return 'A';
	return cp == 0xFFFF ? 0xFFFD : cp;
}

/* What vita passes libunibreak for cp (unibreak_init must have run). */
static utf32_t unibreak_cp(uint32_t cp)
{
	return cp < REP_MAX ? rep[cp] : unibreak_safe(cp);
}

/* libunibreak's breaks for u[0..n) (representatives), asked of a shorter text: a run of class-AL
 * characters below U+0100 (the letters, and signs such as # & @ =, all passed as rep['a']) goes as
 * one.  UAX #14 never breaks inside such a run (LB28: AL × AL), and the characters around it see
 * an AL either way, as do the rules that look back over spaces (LB14-LB17), so the answers are the
 * same at a third of the length: most of a CV's characters are letters inside words.
 * unibreak_representatives in test_text compares them with the library's on the original text. */
static void unibreak_runs(const utf32_t *u, size_t n, char *brk)
{
	if (n == 0)
		return;
	const utf32_t al = rep['a'];
	utf32_t stack_v[256];
	char stack_b[256];
	utf32_t *v = n <= 256 ? stack_v : xmalloc(n * sizeof *v);
	char *vb = n <= 256 ? stack_b : xmalloc(n);
	v[0] = u[0];
	size_t m = 1;
	for (size_t i = 1; i < n; i++)
		if (!(u[i] == al && u[i - 1] == al))
			v[m++] = u[i];
	set_linebreaks_utf32(v, m, NULL, vb);
	for (size_t i = 0, k = 0; i < n; i++)
		brk[i] = i + 1 < n && u[i] == al && u[i + 1] == al ? LINEBREAK_NOBREAK : vb[k++];
	if (v != stack_v)
		free(v);
	if (vb != stack_b)
		free(vb);
}

void breaks_unibreak(const uint32_t *cp, size_t n, char *brk)
{
	pthread_once(&unibreak_once, unibreak_init);
	utf32_t *u = xmalloc((n ? n : 1) * sizeof *u);
	for (size_t i = 0; i < n; i++)
		u[i] = unibreak_cp(cp[i]);
	unibreak_runs(u, n, brk);
	free(u);
}

static bool alnum_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* The word that ends just before the space at i: a title or an initial that must not end a line
 * ("Prof." / "Shiguang"): Prof. Dr. Mr. Mrs. Ms. Mx. St. and a capital letter with a full stop. */
static bool title_before(const tchar *c, size_t i)
{
	static const char *const titles[] = {"Prof.", "Dr.", "Mr.", "Mrs.", "Ms.", "Mx.", "St.", "Sr.", "Jr."};
	if (i == 0 || c[i - 1].cp != '.') /* each title, and an initial, ends in a full stop */
		return false;
	size_t a = i;
	while (a > 0 && c[a - 1].kind == CH_TEXT && i - a < 8)
		a--;
	if (a > 0 && c[a - 1].kind == CH_TEXT)
		return false;
	size_t len = i - a;
	if (len == 2 && c[a].cp >= 'A' && c[a].cp <= 'Z' && c[a + 1].cp == '.')
		return true;
	for (size_t k = 0; k < sizeof titles / sizeof *titles; k++) {
		size_t tl = strlen(titles[k]);
		bool same = tl == len;
		for (size_t j = 0; same && j < len; j++)
			same = c[a + j].cp == (unsigned char)titles[k][j];
		if (same)
			return true;
	}
	return false;
}

/* Ties the opportunities libunibreak 1.1 allows and current UAX #14 (LB24) forbids — between a
 * letter or digit and a following + % or per-mille sign ("50M+") — and the space after a title
 * or an initial. */
static void ties(tchar *c, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint32_t q = c[i].cp;
		if ((q == '+' || q == '%' || q == 0x2030) && c[i].brk == BRK_ALLOW && alnum_cp(c[i - 1].cp))
			c[i].brk = BRK_NONE;
		if (c[i].brk == BRK_ALLOW && c[i].kind == CH_TEXT && c[i - 1].kind == CH_SPACE && i >= 2 &&
		    title_before(c, i - 1))
			c[i].brk = BRK_NONE;
	}
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
		cp[i] = unibreak_cp(c[i].cp);
	unibreak_runs(cp, n, brk);
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
	ties(c, n);
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

/* The word's letters [a, b) without its leading and trailing punctuation; false when it is too
 * short or long. */
static bool word_letters(const tchar *c, size_t *a, size_t *b)
{
	while (*a < *b && hyph_punct(c[*a].cp))
		(*a)++;
	while (*b > *a && hyph_punct(c[*b - 1].cp))
		(*b)--;
	return *b - *a >= MIN_WORD && *b - *a <= MAX_WORD;
}

/* A character inside the word that stops its hyphenation: not text, a break inside, a personal
 * name's, a glyph piece (one unit). */
static bool unbreakable(const tchar *t, bool first)
{
	return t->kind != CH_TEXT || (!first && t->brk != BRK_NONE) || t->tied || t->shaped || t->cont;
}

/* One English word: hyphenated by vita's table when it is all ASCII letters and not all capitals
 * (acronyms), with no capital inside (ImageNet, iPhone: brand names). */
static void hyphenate_word(tchar *c, size_t a, size_t b)
{
	if (!word_letters(c, &a, &b))
		return;
	size_t len = b - a;
	char word[MAX_WORD + 1];
	bool lower = false;
	for (size_t i = 0; i < len; i++) {
		const tchar *t = &c[a + i];
		if (unbreakable(t, i == 0) || !ascii_letter(t->cp) || (i > 0 && t->cp <= 'Z'))
			return;
		if (t->cp >= 'a')
			lower = true;
		word[i] = (char)tolower((int)t->cp);
	}
	if (!lower)
		return;
	word[len] = 0;
	bool points[MAX_WORD];
	word_points(word, len, points);
	for (size_t i = 0; i + 1 < len; i++)
		if (points[i])
			c[a + i + 1].brk = BRK_HYPHEN;
}

/* One word of another language, by its dictionary: letters and marks of any script (Hindi's
 * vowel signs are marks), the same rule for capitals as in English (utf8proc's case mapping). */
static void hyphenate_word_dict(tchar *c, size_t a, size_t b, hyph_dict *h)
{
	if (!word_letters(c, &a, &b))
		return;
	size_t len = b - a;
	uint32_t cps[MAX_WORD];
	bool lower = false;
	for (size_t i = 0; i < len; i++) {
		const tchar *t = &c[a + i];
		utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)t->cp);
		bool letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
		bool upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
		if (unbreakable(t, i == 0) || !letter || (i > 0 && upper))
			return;
		lower |= cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_MN ||
		         cat == UTF8PROC_CATEGORY_MC;
		cps[i] = t->cp;
	}
	bool points[MAX_WORD];
	if (!lower || !hyph_dict_points(h, cps, len, points))
		return;
	for (size_t i = 0; i + 1 < len; i++)
		if (points[i])
			c[a + i + 1].brk = BRK_HYPHEN;
}

bool breaks_hyphenate(tchar *c, size_t n, hyph_dict *h)
{
	if (h ? !hyph_dict_ready(h) : !vita_hyph_npatterns)
		return false;
	/* a paragraph's last word is not hyphenated (its last line would be a fragment) */
	size_t end = n;
	while (end > 0 && c[end - 1].kind != CH_TEXT)
		end--;
	size_t lw = end ? end - 1 : 0;
	while (lw > 0 && c[lw - 1].kind == CH_TEXT && c[lw].brk == BRK_NONE)
		lw--;
	for (size_t a = 0; a < n;) {
		if (c[a].kind != CH_TEXT) {
			a++;
			continue;
		}
		size_t b = a + 1;
		while (b < n && c[b].kind == CH_TEXT && c[b].brk == BRK_NONE)
			b++;
		if (a == lw) {
			a = b;
			continue;
		}
		/* a word ends at a space, a break, or an opportunity after a hyphen or slash: in the
		 * latter case the word is part of a compound or URL, which is left alone */
		bool alone = (a == 0 || c[a - 1].kind != CH_TEXT) && (b == n || c[b].kind != CH_TEXT);
		if (alone && h)
			hyphenate_word_dict(c, a, b, h);
		else if (alone)
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
