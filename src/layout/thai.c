/*
 * Word boundaries in Thai, which is written without spaces between words: libthai's dictionary
 * segmentation (Debian's libthai0 and libthai-data) says where a line may break inside a run of
 * Thai letters.  UAX #14, which libunibreak implements, leaves such runs (class SA) to a
 * dictionary; without one a Thai sentence would be one unbreakable word.
 *
 * libthai is opened with dlopen on the first Thai run, so a CV without Thai loads neither it nor
 * libdatrie; without the library every run stays one word, with a warning once per process.  One
 * segmenter serves the process under a lock (a ThBrk is not safe to share between threads
 * otherwise; a batch renders on several).
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
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

bool thai_letter(uint32_t cp)
{
	return cp >= 0x0E01 && cp <= 0x0E7F;
}

size_t thai_words(const tchar *c, size_t n, size_t *cuts, size_t cap, bool *missing)
{
	*missing = false;
	if (n < 2 || cap == 0)
		return 0;
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
