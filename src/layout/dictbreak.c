/*
 * Word boundaries in the scripts written without spaces between words — Thai, Lao, Khmer, Myanmar
 * — from a dictionary: UAX #14, which libunibreak implements, leaves their runs (class SA) to one;
 * without it a sentence would be one unbreakable word.
 *
 * Thai goes to libthai's segmentation (Debian's libthai0 and libthai-data); Lao, Khmer and Myanmar
 * to ICU's line break iterator, whose dictionaries cover them (libicu72, which libphonenumber
 * already brings).  Both are opened with dlopen on the first such run, so a CV without these
 * scripts loads neither; without the library a run stays one word, with a warning once per
 * document.  libthai's one segmenter serves the process under a lock (a ThBrk is not safe to share
 * between threads otherwise; a batch renders on several); an ICU iterator is made per run.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

#include "layout/textint.h"

typedef struct ThBrk ThBrk;

static struct {
	ThBrk *(*brk_new)(const char *dictpath);
	int (*find_breaks)(ThBrk *brk, const wchar_t *s, int pos[], size_t pos_sz);
	ThBrk *brk;
	bool tried;
} th;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Opens libthai and its default dictionary; false when either is missing. */
static bool thai_open(void)
{
	if (th.tried)
		return th.brk != NULL;
	th.tried = true;
	void *h = dlopen("libthai.so.0", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return false;
	th.brk_new = (ThBrk * (*)(const char *))(uintptr_t)dlsym(h, "th_brk_new");
	th.find_breaks = (int (*)(ThBrk *, const wchar_t *, int[], size_t))(uintptr_t)dlsym(h, "th_brk_wc_find_breaks");
	if (th.brk_new && th.find_breaks)
		th.brk = th.brk_new(NULL); /* the process keeps it: freed at exit */
	return th.brk != NULL;
}

/* ---- ICU ---- */

typedef uint16_t UChar16;
typedef struct UBreakIterator UBreakIterator;
enum { ICU_LINE_BREAKS = 2 /* UBRK_LINE */, ICU_DONE = -1 /* UBRK_DONE */ };

static struct {
	UBreakIterator *(*open)(int type, const char *locale, const UChar16 *text, int32_t len, int *status);
	int32_t (*first)(UBreakIterator *bi);
	int32_t (*next)(UBreakIterator *bi);
	void (*close)(UBreakIterator *bi);
	bool ok;
} icu;
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;

/* ICU's C functions carry its major version in their names (ubrk_open_72): the first version
 * found, from the newest Debian might ship down. */
static void icu_open(void)
{
	void *h = NULL;
	int v;
	char lib[32], name[32];
	for (v = 90; v >= 60 && !h; v--) {
		snprintf(lib, sizeof lib, "libicuuc.so.%d", v);
		h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
	}
	if (!h)
		return;
	v++;
#define ICU_SYM(field, fn)                                                                          \
	snprintf(name, sizeof name, "%s_%d", fn, v);                                                    \
	*(void **)&icu.field = dlsym(h, name);
	ICU_SYM(open, "ubrk_open")
	ICU_SYM(first, "ubrk_first")
	ICU_SYM(next, "ubrk_next")
	ICU_SYM(close, "ubrk_close")
#undef ICU_SYM
	icu.ok = icu.open && icu.first && icu.next && icu.close;
}

/* ICU's line break opportunities inside the run (all its scripts' characters are in the BMP). */
static size_t icu_words(const tchar *c, size_t n, size_t *cuts, size_t cap, bool *missing)
{
	pthread_once(&icu_once, icu_open);
	if (!icu.ok) {
		*missing = true;
		return 0;
	}
	UChar16 small[128], *u = n <= 128 ? small : xmalloc(n * sizeof *u);
	for (size_t i = 0; i < n; i++)
		u[i] = c[i].cp <= 0xFFFF ? (UChar16)c[i].cp : 0xFFFD;
	int status = 0;
	UBreakIterator *bi = icu.open(ICU_LINE_BREAKS, "", u, (int32_t)n, &status);
	size_t k = 0;
	if (bi && status <= 0) { /* a U_ZERO_ERROR or a warning */
		icu.first(bi);
		for (int32_t p = icu.next(bi); p != ICU_DONE && k < cap; p = icu.next(bi))
			if (p > 0 && (size_t)p < n)
				cuts[k++] = (size_t)p;
	} else {
		*missing = true;
	}
	if (bi)
		icu.close(bi);
	if (u != small)
		free(u);
	return k;
}

/* ---- the runs ---- */

int dict_script(uint32_t cp)
{
	if (cp >= 0x0E01 && cp <= 0x0E7F)
		return DICT_THAI;
	if ((cp >= 0x0E80 && cp <= 0x0EFF) || (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0x19E0 && cp <= 0x19FF) ||
	    (cp >= 0x1000 && cp <= 0x109F) || (cp >= 0xA9E0 && cp <= 0xA9FF) || (cp >= 0xAA60 && cp <= 0xAA7F))
		return DICT_ICU; /* Lao, Khmer (and its symbols), Myanmar (and its extensions) */
	return DICT_NONE;
}

size_t dict_words(const tchar *c, size_t n, size_t *cuts, size_t cap, bool *missing)
{
	*missing = false;
	if (n < 2 || cap == 0)
		return 0;
	if (dict_script(c[0].cp) == DICT_ICU)
		return icu_words(c, n, cuts, cap, missing);
	wchar_t small[128], *s = n < 128 ? small : xmalloc((n + 1) * sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i] = (wchar_t)c[i].cp;
	s[n] = 0;
	int pos_small[64], *pos = cap <= 64 ? pos_small : xmalloc(cap * sizeof *pos);
	int got = 0;
	pthread_mutex_lock(&lock);
	if (thai_open())
		got = th.find_breaks(th.brk, s, pos, cap);
	else
		*missing = true;
	pthread_mutex_unlock(&lock);
	size_t k = 0;
	for (int i = 0; i < got; i++)
		if (pos[i] > 0 && (size_t)pos[i] < n)
			cuts[k++] = (size_t)pos[i];
	if (s != small)
		free(s);
	if (pos != pos_small)
		free(pos);
	return k;
}
