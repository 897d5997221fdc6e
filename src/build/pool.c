/*
 * The worker pool of `vita build`: N threads take profiles from one shared atomic index over the
 * list, so a slow profile never holds up a queue behind it and no thread sits idle while work
 * remains.
 *
 * Workers share nothing but that index, the counts and the report lock: each render callback loads
 * and renders its profile with its own diagnostics, so the output is the same as rendering the
 * profiles one by one.  Each worker keeps the fonts it loaded for its next CVs (its own, in
 * layout/facestore.c) and frees them when it ends.  Stopping (Ctrl-C) only stops handing out new profiles; those under way are
 * finished, so their writers commit or remove their temporary files themselves.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build/batch.h"
#include "vita.h"

typedef struct pool {
	const build_list *l;
	const build_pool_opts *o;
	atomic_size_t next;
	pthread_mutex_t lock; /* guards counts and serializes reports */
	build_counts counts;
} pool;

static void finish(pool *p, const build_job *j, build_status st, const char *msgs)
{
	pthread_mutex_lock(&p->lock);
	if (st == BUILD_OK)
		p->counts.rendered++;
	else if (st == BUILD_FAILED)
		p->counts.failed++;
	else
		p->counts.skipped++;
	if (p->o->report)
		p->o->report(p->o->report_ctx, j, st, msgs);
	pthread_mutex_unlock(&p->lock);
}

static void *worker(void *arg)
{
	pool *p = arg;
	vita_buf msgs = {0};
	for (;;) {
		if (p->o->stop && atomic_load(p->o->stop))
			break;
		size_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->l->n)
			break;
		const build_job *j = &p->l->v[i];
		if (j->fresh) {
			finish(p, j, BUILD_SKIPPED, "");
			continue;
		}
		buf_reset(&msgs);
		build_status st = p->o->render(p->o->render_ctx, j, &msgs);
		finish(p, j, st, buf_str(&msgs));
	}
	buf_free(&msgs);
	vita_layout_thread_done(); /* this worker's fonts, kept from one CV to the next */
	vita_pdf_thread_done();
	return NULL;
}

int build_run(const build_list *l, const build_pool_opts *o, build_counts *c)
{
	pool p = {.l = l, .o = o};
	atomic_init(&p.next, 0);
	pthread_mutex_init(&p.lock, NULL);
	unsigned n = o->threads ? o->threads : 1;
	if (n > l->n)
		n = l->n ? (unsigned)l->n : 1;
	pthread_t *t = xcalloc(n, sizeof *t);
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, BUILD_STACK_SIZE);
	/* Threads inherit the creator's signal mask. */
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	unsigned started = 0;
	for (; started < n; started++)
		if (pthread_create(&t[started], &attr, worker, &p) != 0)
			break;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	/* With fewer threads than asked the others still take every job; with none, run here. */
	if (started == 0 && l->n) {
		fprintf(stderr, "vita build: cannot start worker threads; rendering in one thread\n");
		worker(&p);
	}
	for (unsigned i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
	pthread_mutex_destroy(&p.lock);
	p.counts.not_started = l->n - p.counts.rendered - p.counts.failed - p.counts.skipped;
	*c = p.counts;
	return 0;
}
