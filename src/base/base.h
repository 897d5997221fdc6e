/*
 * Small utilities every stage uses: the out-of-memory policy, an arena, a growable byte buffer, and
 * file reading/atomic writing.
 *
 * Out of memory is not recoverable in a command-line renderer: the x* allocators print one line and
 * exit(70).  Everything a loaded CV owns lives in one arena so that it is freed at once (batch workers
 * cannot leak one CV into the next).
 */
#ifndef VITA_BASE_H
#define VITA_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vita.h"

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* ---- arena: bump allocation in chunks, freed at once ---- */
typedef struct vita_arena vita_arena;
vita_arena *arena_new(void);
void arena_free(vita_arena *a);
void *arena_alloc(vita_arena *a, size_t n);      /* zeroed, 16-byte aligned */
void *arena_array(vita_arena *a, size_t n, size_t size); /* zeroed, overflow-checked */
char *arena_strdup(vita_arena *a, const char *s); /* NULL stays NULL */
char *arena_strndup(vita_arena *a, const char *s, size_t n); /* strings: not aligned */
/* The arena's one copy of s[0..n) (no NUL inside): for the many short strings that repeat, such as
 * the words of laid-out pages.  Read-only; one thread per arena, as for the rest of it. */
const char *arena_intern(vita_arena *a, const char *s, size_t n);
/* The arena's one copy of the n bytes at p, 16-byte aligned: for blocks that repeat, such as the
 * pieces of a line that recurs from entry to entry (an author list, a venue, a date). */
const void *arena_intern_block(vita_arena *a, const void *p, size_t n);
/* Empties the arena for reuse, keeping its latest chunk: a scratch arena used over and over. */
void arena_reset(vita_arena *a);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
char *arena_printf(vita_arena *a, const char *fmt, ...);
size_t arena_bytes(const vita_arena *a); /* total allocated, for limits and benchmarks */

/* ---- buf: a growable, always NUL-terminated byte string ---- */
typedef struct vita_buf {
	char *data; /* NUL-terminated; NULL until something was written */
	size_t len, cap;
} vita_buf;
/* Makes room for extra more bytes and the NUL (the slow path of buf_put). */
void buf_grow(vita_buf *b, size_t extra);
/* buf_put and buf_putc are inline: text is assembled a few bytes at a time (a PDF page's numbers,
 * a laid-out piece's characters), tens of thousands of calls per render, and a call cost as much
 * as the copy. */
static inline void buf_put(vita_buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap)
		buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}
static inline void buf_putc(vita_buf *b, int c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}
void buf_puts(vita_buf *b, const char *s);
void buf_put_utf8_wide(vita_buf *b, uint32_t cp); /* cp >= 0x80 */
/* ASCII inline: the layout writes each laid-out piece's text a character at a time. */
static inline void buf_put_utf8(vita_buf *b, uint32_t cp)
{
	if (cp < 0x80)
		buf_putc(b, (int)cp);
	else
		buf_put_utf8_wide(b, cp);
}
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void buf_printf(vita_buf *b, const char *fmt, ...);
void buf_vprintf(vita_buf *b, const char *fmt, va_list ap);
const char *buf_str(const vita_buf *b); /* "" for an empty buffer */
char *buf_take(vita_buf *b);            /* hands the string to the caller (malloc'd), resets b */
void buf_reset(vita_buf *b);            /* keeps the memory */
void buf_free(vita_buf *b);

/* ---- the files a render reads (reads.c) ---- */
/* One record of every file a render read (read_file, the fonts the PDF embeds) or looked for (a
 * split file or .bib that is not there yet): `vita build` keeps it to tell later whether outputs
 * are up to date, `vita render --watch` watches it.  Recording is per thread; a recording started
 * inside another one hides it until it ends. */
typedef struct vita_reads {
	char **paths; /* absolute, each once */
	size_t n, cap;
	struct vita_reads *outer;
} vita_reads;
void vita_reads_begin(vita_reads *r); /* this thread records into r from now on */
void vita_reads_end(void);            /* … and stops (the outer recording, if any, resumes) */
void vita_reads_note(const char *path); /* a file was read (nothing happens when not recording) */
void vita_reads_want(const char *path); /* a file was looked for, whether or not it is there */
/* An input that is no file, starting with '#' (the style files compiled into vita: load/builtin.h);
 * `vita build` compares it with the running vita's own instead of a file's time. */
void vita_reads_tag(const char *tag);
void vita_reads_free(vita_reads *r);

/* Runs fn (once) when the calling thread exits: for state a thread keeps from one CV to the next
 * (base/threadexit.c).  Idempotent per fn; at most four per thread. */
void thread_exit_call(void (*fn)(void));

/* ---- temporaries (tmpname.c) ---- */
/* The temporary name for an output: "DIR/.NAME.HOST.PID.XXXXXX" (a mkstemp template, malloc'd),
 * NAME cut so that the file name stays within 255 bytes. */
char *tmp_name_for(const char *path);
/* Removes the temporaries of path left by earlier runs: written on this host by a process that is
 * gone, or older than a day (whoever wrote them). */
void tmp_remove_stale(const char *path);
/* The same for a batch, in one pass over its output folder: the stale temporaries there whose
 * NAME is one of names (sorted here); afterwards tmp_remove_stale() does nothing (the folder was
 * cleaned).  NAMEs cut to fit 255 bytes are not matched (a single render of that output is). */
void tmp_remove_stale_in(const char *dir, const char **names, size_t n);
/* The mode a new output gets: 0666 less the process's umask. */
unsigned output_mode(void);
/* Records a temporary in flight so that tmp_remove_in_flight() (async-signal-safe, for a handler
 * that then _exit()s) removes it; returns the slot for tmp_unregister, or -1 when not recorded. */
int tmp_register(const char *tmp_path);
void tmp_unregister(int slot);
void tmp_remove_in_flight(void);
/* A signal handler: removes the temporaries in flight and dies of sig. */
void tmp_die_of_signal(int sig);
/* Installs tmp_die_of_signal for SIGINT, SIGTERM and SIGHUP (vita render). */
void tmp_cleanup_on_signals(void);

/* ---- a cooperative deadline, per thread (deadline.c) ---- */
void deadline_start(double seconds); /* 0: none */
void deadline_stop(void);
/* True once the deadline has passed (the clock is read every 256th call): the long loops give up. */
bool deadline_passed(void);
/* Whether a deadline_passed() call has seen it pass (no clock read): for the one message. */
bool deadline_expired(void);
double deadline_limit(void); /* the seconds given to deadline_start */
/* A --timeout value: seconds from 0 (none) to 86400; -1 when s is not one. */
int deadline_parse(const char *s, double *t);

/* ---- text shown on a terminal (visible.c) ---- */
/* True for what must not reach a terminal raw: C0/C1 controls, DEL, format characters (Cf),
 * line/paragraph separators, noncharacters. */
bool cp_needs_escape(uint32_t cp);
/* Appends one character of s (n bytes available) in visible form (\e, \x07, \u202E, …); returns the
 * bytes it used.  keep_tab: a tab stays a tab (source excerpts) instead of \t (file names). */
size_t buf_put_visible_char(vita_buf *b, const char *s, size_t n, bool keep_tab);
void buf_put_visible(vita_buf *b, const char *s, size_t n, bool keep_tab);
/* A malloc'd visible copy of s (tabs escaped too): for file names printed by vita build. */
char *visible_dup(const char *s);

/* ---- did-you-mean (suggest.c) ---- */
/* Damerau-Levenshtein distance (optimal string alignment), bytes compared case-insensitively. */
size_t vita_edit_distance(const char *a, const char *b);
/* The word of known[0..n) (stopping early at a NULL) closest to s, if close enough to be a likely
 * typo: at most 2 edits and at most a third of its length; else NULL. */
const char *vita_suggest(const char *s, const char *const *known, size_t n);

/* ---- UTF-8 ---- */
/* Decodes one code point from s (n bytes available); returns its length, or 0 when invalid
 * (then *cp is U+FFFD).  Rejects overlongs, surrogates and values above U+10FFFF. */
size_t utf8_decode_wide(const char *s, size_t n, uint32_t *cp);
/* ASCII inline: the loader, the layout and the writers decode every character. */
static inline size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	if (n && (unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return utf8_decode_wide(s, n, cp);
}
/* Han, Kana, Hangul and their punctuation and width forms (buf.c); below U+1100 (every Latin,
 * Greek and Cyrillic letter) answered inline, since the layout asks for every character. */
bool cp_is_cjk_above(uint32_t cp);
static inline bool cp_is_cjk(uint32_t cp)
{
	return cp >= 0x1100 && cp_is_cjk_above(cp);
}

/* ---- vita's shared objects (plugin.c) ---- */
/* Opens FILE (e.g. "vita-phone.so") beside the program, else in vita's library folder; NULL with
 * the reason in why (the loader's message, or where it was looked for). */
void *vita_plugin_open(const char *file, char *why, size_t size);

/* A system library only some inputs need (libjpeg for a JPEG photo, libyajl for JSON, libbtparse
 * for BibTeX, libhyphen for another language's hyphenation), opened on first use instead of being
 * linked: each linked library's symbol relocations cost every render's start (0.64 M instructions
 * for these four).  dlopen(soname) and dlsym of names[0, n) into slots; false when the library or
 * one of the names is missing.  The callers keep the slots in a struct of pointers typed from the
 * library's own header (VITA_DL_POINTER). */
typedef void (*vita_dl_fn)(void);
bool vita_dl_bind(const char *soname, const char *const *names, vita_dl_fn *slots, size_t n);
#define VITA_DL_POINTER(name) __typeof__(&name) name;
#define VITA_DL_NAME(name) #name,
#define VITA_DL_SET(name) t->name = (__typeof__(t->name))slots[k++];
/* Defines `static bool FN(TYPE *t)`, which binds the functions FUNCS lists (an X-macro of their
 * names) from SONAME into the struct *t declared with FUNCS(VITA_DL_POINTER): one definition for
 * every library opened on first use. */
#define VITA_DL_BINDER(fn, type, FUNCS, soname)                                                     \
	static bool fn(type *t)                                                                         \
	{                                                                                               \
		static const char *const names[] = {FUNCS(VITA_DL_NAME)};                                   \
		vita_dl_fn slots[sizeof names / sizeof *names];                                             \
		if (!vita_dl_bind(soname, names, slots, sizeof names / sizeof *names))                      \
			return false;                                                                           \
		size_t k = 0;                                                                               \
		FUNCS(VITA_DL_SET)                                                                          \
		return true;                                                                                \
	}

#endif
