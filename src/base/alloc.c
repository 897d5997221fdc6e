/*
 * Allocation: the x* family (exit on out of memory) and the arena that owns a loaded CV; and the
 * LeakSanitizer hooks that name leaks inside Debian's libraries (at the end, with why they live here).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static void oom(size_t n)
{
	fprintf(stderr, "vita: out of memory (%zu bytes)\n", n);
	exit(70);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Chunks grow geometrically so a large CV needs few of them; a request larger than a chunk gets
 * a chunk of its own.  Blocks (16-byte aligned) fill a chunk from its start and strings, which need
 * no alignment, from its end: rounding each string up to 16 bytes wasted 8 a string on average,
 * and a long CV keeps some 30 strings a publication (issue 17). */
typedef struct chunk {
	struct chunk *next;
	size_t used, top, size; /* blocks in [0, used), strings in [top, size) */
	_Alignas(16) unsigned char data[];
} chunk;

struct vita_arena {
	chunk *head;
	size_t total;
	/* arena_intern's set: open addressing, a power of two long, at most half full */
	const char **set;
	size_t nset, capset;
	/* arena_intern_block's, the same way: each block is preceded by its size (16 bytes) */
	const unsigned char **bset;
	size_t nbset, capbset;
};

vita_arena *arena_new(void)
{
	return xcalloc(1, sizeof(vita_arena));
}

void arena_free(vita_arena *a)
{
	if (!a)
		return;
	chunk *c = a->head;
	while (c) {
		chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a->set);
	free(a->bset);
	free(a);
}

void arena_reset(vita_arena *a)
{
	chunk *keep = a->head;
	if (!keep)
		return;
	for (chunk *c = keep->next; c;) {
		chunk *next = c->next;
		a->total -= c->size;
		free(c);
		c = next;
	}
	keep->next = NULL;
	keep->used = 0;
	keep->top = keep->size;
	if (a->set)
		memset(a->set, 0, a->capset * sizeof *a->set);
	if (a->bset)
		memset(a->bset, 0, a->capbset * sizeof *a->bset);
	a->nset = a->nbset = 0;
}

/* A chunk with n bytes free between its blocks and its strings. */
static chunk *room(vita_arena *a, size_t n)
{
	chunk *c = a->head;
	if (c && c->top - c->used >= n)
		return c;
	size_t size = c ? c->size * 2 : 16384;
	if (size > (1u << 22))
		size = 1u << 22;
	if (size < n)
		size = (n + 15) & ~(size_t)15; /* a multiple of 16, as blocks are */
	chunk *nc = xmalloc(sizeof(chunk) + size);
	nc->size = nc->top = size;
	nc->used = 0;
	nc->next = a->head;
	a->head = nc;
	a->total += size;
	return nc;
}

void *arena_alloc(vita_arena *a, size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	chunk *c = room(a, n);
	void *p = c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

/* n bytes for a string, unaligned, from the chunk's end. */
static char *arena_chars(vita_arena *a, size_t n)
{
	chunk *c = room(a, n);
	c->top -= n;
	return (char *)c->data + c->top;
}

void *arena_array(vita_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom(SIZE_MAX);
	return arena_alloc(a, n * size);
}

char *arena_strdup(vita_arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_strndup(vita_arena *a, const char *s, size_t n)
{
	char *p = arena_chars(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static size_t intern_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return (size_t)h;
}

static void intern_grow(vita_arena *a)
{
	size_t cap = a->capset ? 2 * a->capset : 1024;
	const char **set = xcalloc(cap, sizeof *set);
	for (size_t i = 0; i < a->capset; i++) {
		if (!a->set[i])
			continue;
		size_t j = intern_hash(a->set[i], strlen(a->set[i])) & (cap - 1);
		while (set[j])
			j = (j + 1) & (cap - 1);
		set[j] = a->set[i];
	}
	free(a->set);
	a->set = set;
	a->capset = cap;
}

const char *arena_intern(vita_arena *a, const char *s, size_t n)
{
	if (2 * (a->nset + 1) > a->capset)
		intern_grow(a);
	size_t j = intern_hash(s, n) & (a->capset - 1);
	for (; a->set[j]; j = (j + 1) & (a->capset - 1))
		if (strncmp(a->set[j], s, n) == 0 && a->set[j][n] == '\0')
			return a->set[j];
	a->nset++;
	return a->set[j] = arena_strndup(a, s, n);
}

/* A block's hash, eight bytes a step: FNV-1a a byte at a time cost 1% of a render's instructions
 * for the blocks of the laid-out lines. */
static size_t block_hash(const unsigned char *p, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15u;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, sizeof w);
		h = (h ^ w) * 0x9E3779B97F4A7C15u;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 1099511628211u;
	return (size_t)(h ^ h >> 32);
}

static size_t block_size(const unsigned char *b)
{
	size_t n;
	memcpy(&n, b - 16, sizeof n);
	return n;
}

static void block_set_grow(vita_arena *a)
{
	size_t cap = a->capbset ? 2 * a->capbset : 1024;
	const unsigned char **set = xcalloc(cap, sizeof *set);
	for (size_t i = 0; i < a->capbset; i++) {
		if (!a->bset[i])
			continue;
		size_t j = block_hash(a->bset[i], block_size(a->bset[i])) & (cap - 1);
		while (set[j])
			j = (j + 1) & (cap - 1);
		set[j] = a->bset[i];
	}
	free(a->bset);
	a->bset = set;
	a->capbset = cap;
}

const void *arena_intern_block(vita_arena *a, const void *p, size_t n)
{
	if (2 * (a->nbset + 1) > a->capbset)
		block_set_grow(a);
	size_t j = block_hash(p, n) & (a->capbset - 1);
	for (; a->bset[j]; j = (j + 1) & (a->capbset - 1))
		if (block_size(a->bset[j]) == n && memcmp(a->bset[j], p, n) == 0)
			return a->bset[j];
	unsigned char *b = (unsigned char *)arena_alloc(a, 16 + n) + 16;
	memcpy(b - 16, &n, sizeof n);
	memcpy(b, p, n);
	a->nbset++;
	return a->bset[j] = b;
}

char *arena_printf(vita_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	char *p = arena_chars(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t arena_bytes(const vita_arena *a)
{
	return a ? a->total : 0;
}

/* ---- LeakSanitizer: leaks inside Debian's libraries, not vita's ----
 * The hooks live here because every program that links libvita.a allocates through this file, so
 * they are always linked in (a hook in the file that uses the library would be left out of a
 * program that does not use that file).  They are read only by LeakSanitizer.
 * - btparse 0.89 leaks the empty string it substitutes for an undefined macro (one strdup in
 *   bt_postprocess_value at parse time, whatever the string options; an undefined macro cannot be
 *   known before it is parsed).  It is an error path: the import fails.
 * - libhyphen 2.8.8's loader (hnj_hyphen_load_line) loses small strings of some dictionaries'
 *   patterns (German, Russian: 70 bytes in 49 blocks), once per dictionary and process
 *   (src/layout/hyphlang.c keeps each dictionary for the process).  LeakSanitizer's fast unwinder
 *   cannot walk libhyphen's frames (it is built without frame pointers), so it is named by its
 *   library; valgrind, which unwinds precisely, suppresses only the loader's frame, so vita's own
 *   use of libhyphen (the repair strings hnj_hyphen_hyphenate2 allocates) stays checked.
 * tests/valgrind.supp holds the same two for valgrind. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:bt_postprocess_value\nleak:libhyphen.so\n";
}

/* …and asked not to print a table of the suppressions used, which would end up in messages. */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
