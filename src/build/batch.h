/*
 * The machinery of `vita build`, apart from the renderer: finding profiles, naming outputs, shards,
 * the up-to-date check, the worker pool and the progress display.
 *
 * None of it calls the rendering pipeline: the pool takes a render callback, so the unit tests drive
 * it with a fake renderer and build.c plugs in the real one (load → style → layout → PDF / LaTeX).
 * The flow is: build_discover (sorted, deduplicated, stems unique) → build_shard → build_mark_fresh
 * (incremental) → build_run (workers) with build_progress_report as the per-profile report.
 */
#ifndef VITA_BUILD_BATCH_H
#define VITA_BUILD_BATCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "base/base.h"

enum { BUILD_PDF = 1, BUILD_TEX = 2 }; /* output formats, a bit set */

/* One profile to render. */
typedef struct build_job {
	char *input;  /* the profile's path, as found */
	char *stem;   /* its file name without directory and extension: the outputs' name */
	char *out_pdf; /* OUTDIR/stem.pdf, or NULL when PDF is not wanted */
	char *out_tex; /* OUTDIR/stem.tex, or NULL */
	size_t index; /* position in the full sorted list (before sharding) */
	bool fresh;   /* every output is newer than everything it is made from: skip */
	bool variants; /* --variants: the outputs include OUTDIR/stem--VARIANT.* for each variant */
	dev_t dev;    /* identity of the input, to drop the same file named twice */
	ino_t ino;
} build_job;

typedef struct build_list {
	build_job *v;
	size_t n, cap;
} build_list;

void build_list_free(build_list *l);

/* ---- discover.c ---- */

/* True for the file names discovery picks up in folders: *.yaml, *.yml, *.json (any case). */
bool build_is_profile_name(const char *name);
/* The file name of path without its directory and its last extension ("a/b.x.yaml" -> "b.x"). */
char *build_stem(const char *path);
/* Adds the profiles named by paths: a file is taken as it is; a folder is searched recursively for
 * build_is_profile_name files (names starting with '.' and symbolic links to folders are not
 * followed).  The list comes back sorted by path (byte order) with the same file named twice kept
 * once.  Errors (a path that does not exist, an unreadable folder) go to d; returns their count. */
size_t build_discover(build_list *l, const char *const *paths, size_t npaths, vita_diags *d);
/* Reports every set of profiles that would write the same output name (same stem); returns how
 * many stems clash.  Nothing must be rendered when this is not 0. */
size_t build_check_stems(const build_list *l, vita_diags *d);
/* Sets each job's index and output paths OUTDIR/stem.pdf / .tex for the formats wanted. */
void build_name_outputs(build_list *l, const char *outdir, int formats);
/* Reports every profile whose output (as named by build_name_outputs) is the profile's own file,
 * which only an explicitly named input such as `cv.pdf` can be; returns how many.  Nothing must be
 * rendered when this is not 0. */
size_t build_check_outputs(const build_list *l, vita_diags *d);

/* ---- shard.c ---- */

/* Parses "K/N" (1 <= K <= N <= 1000000).  0 on success. */
int build_parse_shard(const char *s, unsigned *k, unsigned *n);
/* Round-robin: the profile at index i of the sorted list belongs to shard (i mod n) + 1, so every
 * shard gets a mix of the list and their sizes differ by at most one. */
bool build_in_shard(size_t i, unsigned k, unsigned n);
/* Keeps only the jobs of shard k of n of the full sorted list l (freeing the others), in order. */
void build_shard(build_list *l, unsigned k, unsigned n);

/* ---- fresh.c ---- */

/* The newest modification time of the regular files in dir (not recursive); {0, 0} when it has
 * none or cannot be read. */
struct timespec build_newest_in(const char *dir);
/* The newest time among the files every output depends on besides its profile:
 * every file in <data>/styles/ and, when PDF is wanted, in <data>/fonts/. */
struct timespec build_deps_time(const char *data_dir, int formats);
/* What the last build in an output folder recorded of each profile's render: every file it read
 * (OUTDIR/.vita-inputs; see fresh.c).  A profile without a record is judged by the rule above. */
typedef struct build_record {
	char *stem;
	vita_reads reads;
} build_record;
typedef struct build_records {
	build_record *v;
	size_t n;
} build_records;
#define BUILD_RECORDS_FILE ".vita-inputs"
/* Reads OUTDIR/.vita-inputs (none, or a damaged one, gives no records). */
void build_records_load(build_records *r, const char *outdir);
const build_record *build_records_find(const build_records *r, const char *stem);
/* Writes OUTDIR/.vita-inputs atomically: for each job of l, reads[i] when ok[i] (rendered this
 * run), else its old record when it was skipped as fresh, else nothing. */
int build_records_save(const build_records *old, const build_list *l, const vita_reads *reads,
                       const bool *ok, const char *outdir);
void build_records_free(build_records *r);
/* True when every output of job exists and is strictly newer than its profile, than deps and than
 * every file rec (when not NULL) says its last render read — each of which must still exist. */
bool build_is_fresh(const build_job *job, struct timespec deps, const build_record *rec);
/* A render with --variants records the variants it wrote in its reads: ">" (made with
 * --variants), then ">NAME" for each; a job with job->variants is fresh only when its record has
 * them and each variant's outputs are fresh too. */
void build_record_variants(vita_reads *r, char *const *names, size_t n);
/* Sets job->fresh for every job; returns how many are fresh.  recs may be NULL. */
size_t build_mark_fresh(build_list *l, struct timespec deps, const build_records *recs);

/* ---- pool.c ---- */

typedef enum build_status { BUILD_OK, BUILD_FAILED, BUILD_SKIPPED } build_status;

/* Renders one profile; called from worker threads, concurrently for different jobs.  Whatever the
 * renderer wants shown about the profile (its diagnostics) it appends to msgs. */
typedef build_status (*build_render_fn)(void *ctx, const build_job *job, vita_buf *msgs);
/* Called once per job when it is done (fresh jobs included, as BUILD_SKIPPED), under the pool's
 * lock so that one profile's report is never interleaved with another's: in completion order. */
typedef void (*build_report_fn)(void *ctx, const build_job *job, build_status st, const char *msgs);

typedef struct build_pool_opts {
	unsigned threads;        /* worker threads, >= 1 (capped to the number of jobs) */
	build_render_fn render;
	void *render_ctx;
	build_report_fn report;  /* may be NULL */
	void *report_ctx;
	/* Set (by a signal handler) to stop handing out jobs; those already started finish.  An atomic,
	 * not a volatile sig_atomic_t: the workers that read it are other threads. */
	atomic_int *stop;
} build_pool_opts;

typedef struct build_counts {
	size_t rendered, failed, skipped, not_started;
} build_counts;

/* Worker stacks: libharu's HPDF_GetFont alone puts 128 KiB on the stack, and layout recurses. */
#define BUILD_STACK_SIZE ((size_t)8 << 20)

/* Runs every job of l (fresh ones are reported as skipped without rendering).  Each worker takes
 * the next job from a shared atomic index (when no thread can be started the calling thread does
 * the work).  The workers block SIGINT and SIGTERM, so a handler runs on the calling thread (waiting
 * in pthread_join) and never interrupts a writer.  Returns 0. */
int build_run(const build_list *l, const build_pool_opts *o, build_counts *c);

/* ---- progress.c ---- */

typedef enum build_progress_mode {
	PROGRESS_BAR,   /* a terminal: one line redrawn in place */
	PROGRESS_LINES, /* a log: one line per profile rendered or failed */
	PROGRESS_QUIET, /* -q: nothing but the diagnostics of failed profiles */
} build_progress_mode;

typedef struct build_progress {
	build_progress_mode mode;
	FILE *out;
	size_t total; /* jobs to render (fresh ones excluded) */
	size_t done;  /* of those */
	struct timespec start, last_draw;
	size_t drawn; /* width of the bar on screen, to erase it */
	int width;    /* terminal columns */
} build_progress;

void build_progress_init(build_progress *p, build_progress_mode mode, FILE *out, size_t total);
/* A build_report_fn (ctx is the build_progress). */
void build_progress_report(void *ctx, const build_job *job, build_status st, const char *msgs);
/* Erases the bar, so that the summary line starts on a clean line. */
void build_progress_end(build_progress *p);
/* Seconds since start. */
double build_progress_elapsed(const build_progress *p);

#endif
