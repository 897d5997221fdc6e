/*
 * The faces one thread has loaded, kept from one document to the next.
 *
 * A `vita build` worker lays out hundreds of CVs in the same few fonts.  Loading a face (mapping
 * the file, HarfBuzz's face and font, the shape plans, whose GPOS/GSUB set-up alone is ~240 000
 * instructions a face) and learning its glyphs and the kerning of common words cost the same for
 * every CV, so each thread keeps what it loaded here and every later document of that thread
 * borrows it.  Nothing is shared between threads: a worker's store is its own (thread-local), so
 * the caches need no lock and ThreadSanitizer has nothing to see.  A document's face record copies
 * the loaded fields (face_store_borrow) and hands back, when the document ends, what it computed
 * lazily (face_store_return); the store owns HarfBuzz's objects and the caches.
 *
 * A face is found by its file, its index in a collection and its stand-in metrics (the same file
 * drawn as a stand-in has other widths for the space and another cap height).  A file that failed
 * to load is not kept, so each document reports it again.  The store lives until the thread ends
 * (vita_layout_thread_done, called by each worker and by main): its size is bounded by the fonts
 * on the machine, and the kerning cache is emptied between documents once it grows past a bound.
 */
#include <stdlib.h>
#include <string.h>

#include "layout/textint.h"
#include "vita.h"

/* Each kept face holds its path and identity fields as loaded; the loaded state is owned here. */
struct face_store {
	face *v;
	size_t n, cap;
	struct kern_cache *kc;
};

static _Thread_local struct face_store *store;

static struct face_store *get(void)
{
	if (!store) {
		store = xcalloc(1, sizeof *store);
		thread_exit_call(vita_layout_thread_done); /* a caller's own thread frees it too */
	}
	return store;
}

static face *find(const face *fc)
{
	struct face_store *s = store;
	for (size_t i = 0; s && i < s->n; i++) {
		face *k = &s->v[i];
		if (k->index == fc->index && k->metrics == fc->metrics && strcmp(k->path, fc->path) == 0)
			return k;
	}
	return NULL;
}

/* The fields load_face (font.c) and the lazy caches fill in: every one of them must be here. */
static void copy_loaded(face *to, const face *from)
{
	to->blob = from->blob;
	to->hbface = from->hbface;
	to->font = from->font;
	to->upem = from->upem;
	to->kerns = from->kerns;
	to->ascent = from->ascent;
	to->descent = from->descent;
	to->cap = from->cap;
	to->sup_size = from->sup_size;
	to->sup_rise = from->sup_rise;
	to->ul_pos = from->ul_pos;
	to->ul_thick = from->ul_thick;
	to->smcp = from->smcp;
	to->wcache = from->wcache;
	to->gcache = from->gcache;
	to->adjust = from->adjust;
	to->plans = from->plans;
	to->ktab = from->ktab;
}

bool face_store_borrow(face *fc)
{
	const face *k = find(fc);
	if (!k)
		return false;
	copy_loaded(fc, k);
	fc->borrowed = true;
	return true;
}

void face_store_keep(face *fc)
{
	struct face_store *s = get();
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	face *k = &s->v[s->n++];
	memset(k, 0, sizeof *k);
	k->path = xstrdup(fc->path);
	k->index = fc->index;
	k->metrics = fc->metrics;
	copy_loaded(k, fc);
	fc->borrowed = true;
}

static void free_gcache(struct face_glyph **gcache)
{
	for (size_t i = 0; gcache && i < FACE_WCACHE / 256; i++)
		free(gcache[i]);
	free(gcache);
}

/* Caches a document created while the store had none become the store's; when two records of
 * one document borrowed the same face, the second one's own copy is freed. */
void face_store_return(face *fc)
{
	face *k = find(fc);
	if (!k || k->hbface != fc->hbface) {
		/* Cannot happen (a borrowed face is always found), but if it did, the caches this
		 * document built are its own and nobody else would free them. */
		face_wcache_free(fc->wcache);
		free_gcache(fc->gcache);
		face_plans_free(fc);
		return;
	}
	if (k->kerns < 0)
		k->kerns = fc->kerns;
	if (!k->smcp)
		k->smcp = fc->smcp;
	if (fc->wcache != k->wcache) {
		if (k->wcache)
			face_wcache_free(fc->wcache);
		else
			k->wcache = fc->wcache;
	}
	if (fc->gcache != k->gcache) {
		if (k->gcache)
			free_gcache(fc->gcache);
		else
			k->gcache = fc->gcache;
	}
	if (fc->plans != k->plans) {
		if (k->plans)
			face_plans_free(fc);
		else
			k->plans = fc->plans;
	}
}


struct kern_cache *face_store_kerns(void)
{
	struct face_store *s = get();
	if (!s->kc)
		s->kc = kern_cache_new();
	return s->kc;
}

size_t face_store_faces(void)
{
	return store ? store->n : 0;
}

void face_store_document_done(void)
{
	if (store && store->kc && kern_cache_size(store->kc) > KERN_CACHE_MAX) {
		kern_cache_free(store->kc);
		store->kc = NULL;
	}
}

void vita_layout_thread_done(void)
{
	breaks_thread_done();
	struct face_store *s = store;
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		face_release(&s->v[i]);
		free(s->v[i].path);
	}
	free(s->v);
	kern_cache_free(s->kc);
	free(s);
	store = NULL;
}
