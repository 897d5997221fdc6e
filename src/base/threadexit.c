/*
 * Frees a thread's kept state when the thread ends, whoever started it.
 *
 * The layout keeps faces and hyphenation points per thread, the PDF writer the source faces it
 * subsets (layout/facestore.c, layout/breaks.c, pdf/subset.c), so that the CVs of one worker share
 * them without a lock.  vita's own threads free them on the way out (vita_layout_thread_done,
 * vita_pdf_thread_done), but a program that calls the library from its own threads need not know
 * that: each keeper arms thread_exit_call when it first keeps something, and a pthread key's
 * destructor runs what was armed when that thread exits.  The main thread exits through exit(),
 * which runs no such destructors; main.c frees its own.
 */
#include <pthread.h>
#include <stdlib.h>

#include "base/base.h"

enum { EXIT_FNS = 4 };
typedef struct exit_fns {
	void (*fn[EXIT_FNS])(void);
	size_t n;
} exit_fns;

static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static _Thread_local exit_fns armed;

static void run(void *p)
{
	exit_fns *e = p;
	/* A done function may clear what it freed but never arms again, so one pass suffices. */
	for (size_t i = 0; i < e->n; i++)
		e->fn[i]();
	e->n = 0;
}

static void make_key(void)
{
	if (pthread_key_create(&key, run) != 0)
		abort(); /* only when the process has run out of keys: a programming error */
}

void thread_exit_call(void (*fn)(void))
{
	for (size_t i = 0; i < armed.n; i++)
		if (armed.fn[i] == fn)
			return;
	if (armed.n == EXIT_FNS)
		abort(); /* more keepers than EXIT_FNS: raise it */
	pthread_once(&key_once, make_key);
	armed.fn[armed.n++] = fn;
	pthread_setspecific(key, &armed);
}
