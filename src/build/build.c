/*
 * `vita build`: renders every profile of a folder tree (or the files named) into one output folder,
 * in parallel, skipping what is up to date, optionally only one shard of the list.
 *
 * This file is the command — options, the output folder, signals, the summary — and the one render
 * callback that runs the real pipeline (load → style → layout → PDF, and LaTeX).  The machinery it
 * drives (discover.c, shard.c, fresh.c, pool.c, progress.c) knows nothing of rendering, which is
 * what lets tests/unit/test_build.c exercise it with a fake renderer.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build/batch.h"
#include "base/base.h"
#include "build/build.h"
#include "vita.h"

static const char *help_text =
    "Usage: vita build [DIR|FILE]... [-o OUTDIR] [OPTION]...\n"
    "Render many CVs at once: every *.yaml, *.yml and *.json file found in the folders (searched\n"
    "recursively; names starting with '.' and symbolic links to folders are not followed) and every\n"
    "FILE named.  Without DIR or FILE, the folder content/ is used.  Profiles are taken in byte order\n"
    "of their paths; each is written as OUTDIR/NAME.pdf (and .tex), NAME being its file name without\n"
    "the extension, so two profiles with the same NAME are an error reported before rendering.\n"
    "\n"
    "  -o, --output OUTDIR  output folder, created if missing (default: out)\n"
    "  -f, --format LIST    pdf, tex or pdf,tex (default: pdf)\n"
    "  -j, --jobs N         render N profiles at a time (default: the number of online CPUs)\n"
    "      --force          render every profile, even those whose outputs are up to date\n"
    "      --shard K/N      render only shard K of N (1 <= K <= N): the profiles at positions\n"
    "                       K, K+N, K+2N, ... of the sorted list, so N machines can share a corpus\n"
    "      --variants       also render every variant of a profile's settings.variants, as\n"
    "                       OUTDIR/NAME--VARIANT.pdf (and .tex)\n"
    "      --system-fonts   LaTeX: name installed fonts instead of vita's fonts/ folder\n"
    "      --timeout SECONDS\n"
    "                       fail a profile whose layout takes longer (default 60; 0: none)\n"
    "      --allow-path DIR let profiles read files they name inside DIR too (repeatable); otherwise a\n"
    "                       photo or `from:` .bib outside the profile's folder is left out, with a warning\n"
    "  -q, --quiet          print only the diagnostics of profiles that failed, and the summary\n"
    "  -h, --help           show this help\n"
    "\n"
    "A profile is up to date, and skipped, when all its outputs are newer than the profile, than\n"
    "every file its last render read (its theme, locale file, photo, a `from:` .bib, the fonts the\n"
    "PDF embeds; recorded in OUTDIR/.vita-inputs), and than every file in styles/ and, for PDF,\n"
    "fonts/ of vita's data folder ($VITA_DATA_DIR, else the folder compiled in: the checkout, or\n"
    "PREFIX/share/vita if installed).\n"
    "\n"
    "On a terminal a progress line is redrawn in place; otherwise each profile rendered prints one\n"
    "line `[i/n] PATH ok` (or FAILED) after its diagnostics.  Diagnostics of a profile are printed\n"
    "together, in the order the profiles finish.  A failed profile does not stop the others.\n"
    "Outputs are written to a temporary file and renamed; on Ctrl-C (or SIGTERM) no new profile is\n"
    "started, those under way are finished, and vita exits with 130 (143); a second Ctrl-C (or\n"
    "SIGTERM) stops at once, removing the temporary files being written.\n"
    "\n"
    "Exit status: 0 all rendered or skipped, 1 a profile failed (or the inputs or OUTDIR are\n"
    "unusable), 2 bad usage, 130/143 interrupted.\n";

/* --allow-path names a folder that exists: a misspelt one would widen nothing, without a word. */
static bool is_folder(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("vita build: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'vita build --help' for more information.\n", stderr);
	return 2;
}

static int parse_formats(const char *s, int *formats)
{
	*formats = 0;
	const char *p = s;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (n == 3 && strncmp(p, "pdf", 3) == 0)
			*formats |= BUILD_PDF;
		else if (n == 3 && strncmp(p, "tex", 3) == 0)
			*formats |= BUILD_TEX;
		else
			return -1;
		p += n;
		if (*p == ',' && *++p == '\0')
			return -1;
	}
	return *formats ? 0 : -1;
}

static int parse_jobs(const char *s, unsigned *jobs)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 1 || v > 1024)
		return -1;
	*jobs = (unsigned)v;
	return 0;
}

/* mkdir -p; reports why not. */
static int make_dirs(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "vita build: cannot create the output folder '%s': %s\n", p, strerror(errno));
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	if (rc)
		return rc;
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "vita build: the output folder '%s' is not a folder\n", dir);
		return -1;
	}
	if (access(dir, W_OK | X_OK) != 0) {
		fprintf(stderr, "vita build: cannot write into the output folder '%s': %s\n", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/* Printing an empty collector is skipped: nothing to say, and it saves a sort per profile. */
static bool any_diags(const vita_diags *d)
{
	return vita_diags_count(d, VITA_NOTE) + vita_diags_count(d, VITA_WARNING) +
	       vita_diags_count(d, VITA_ERROR) > 0;
}

/* --variants writes OUTDIR/NAME--VARIANT.*: a profile whose name is another's with "--VARIANT"
 * after it (a variant's name holds no "--") could be overwritten by that one's variant.  Returns
 * how many such profiles there are, reported. */
static size_t check_variant_stems(const build_list *l)
{
	size_t bad = 0;
	for (size_t i = 0; i < l->n; i++) {
		const char *stem = l->v[i].stem, *cut = NULL;
		for (const char *p = strstr(stem, "--"); p; p = strstr(p + 1, "--"))
			cut = p;
		for (size_t j = 0; cut && j < l->n; j++)
			if (strlen(l->v[j].stem) == (size_t)(cut - stem) && strncmp(l->v[j].stem, stem, (size_t)(cut - stem)) == 0) {
				char *a = visible_dup(l->v[i].input), *b = visible_dup(l->v[j].input);
				fprintf(stderr, "vita build: %s: error: its outputs would have the name of variant `%s` of %s "
				                "(--variants writes NAME--VARIANT.pdf); rename one of them\n",
				        a, cut + 2, b);
				free(a);
				free(b);
				bad++;
				break;
			}
	}
	return bad;
}

/* ---- the real renderer ---- */

typedef struct render_ctx {
	bool color;
	vita_latex_opts latex;
	double timeout; /* seconds per profile; 0: none */
	bool variants;  /* --variants */
	const build_job *jobs; /* the list rendered: reads[i] and ok[i] belong to jobs[i] */
	vita_reads *reads;     /* what each render read, for the next run's up-to-date check */
	bool *ok;
} render_ctx;

/* Loads and renders one profile with its own diagnostics, as `vita render` would. */
static build_status render_profile(void *ctx, const build_job *job, vita_buf *msgs)
{
	const render_ctx *rc = ctx;
	vita_diags *d = vita_diags_new();
	deadline_start(rc->timeout); /* checked by the layout's loops (R6) */
	/* ok also catches a stage that returns NULL or fails without saying why. */
	/* every output of the profile is written, or none (the render driver's rule) */
	const vita_backend *be[2];
	const char *paths[2];
	size_t n = 0;
	if (job->out_pdf) {
		be[n] = vita_backend_find("pdf");
		paths[n++] = job->out_pdf;
	}
	if (job->out_tex) {
		be[n] = vita_backend_find("tex");
		paths[n++] = job->out_tex;
	}
	vita_render_opts ro = {.system_fonts = rc->latex.system_fonts};
	size_t at = (size_t)(job - rc->jobs);
	vita_reads_begin(&rc->reads[at]);
	char **names = NULL;
	size_t nnames = 0;
	bool ok = vita_render_file_variants(job->input, n, be, paths, &ro, rc->variants ? &names : NULL, &nnames, d) == 0 &&
	          !vita_diags_count(d, VITA_ERROR);
	vita_reads_end();
	if (rc->variants)
		build_record_variants(&rc->reads[at], names, nnames);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	rc->ok[at] = ok;
	deadline_stop();
	if (any_diags(d)) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		if (f) {
			vita_diags_print(d, f, rc->color);
			fclose(f);
			buf_put(msgs, text, len);
		}
		free(text);
	}
	if (!ok && !vita_diags_count(d, VITA_ERROR)) {
		char *name = visible_dup(job->input);
		buf_printf(msgs, "%s: error: could not be rendered\n", name);
		free(name);
	}
	vita_diags_free(d);
	return ok ? BUILD_OK : BUILD_FAILED;
}

/* The variant outputs (NAME--VARIANT.*) the last run recorded for job (its ">NAME" entries). */
static size_t recorded_variants(const build_job *job, const build_records *recs, char ***out)
{
	const build_record *rec = build_records_find(recs, job->stem);
	size_t n = 0;
	*out = NULL;
	for (size_t i = 0; rec && i < rec->reads.n; i++) {
		const char *p = rec->reads.paths[i];
		for (int k = 0; p[0] == '>' && p[1] && k < 2; k++) {
			const char *o = k ? job->out_tex : job->out_pdf;
			if (!o)
				continue;
			*out = xrealloc(*out, (n + 1) * sizeof **out);
			(*out)[n++] = vita_variant_path(strrchr(o, '/') ? strrchr(o, '/') + 1 : o, p + 1);
		}
	}
	return n;
}

/* P3: the temporaries earlier runs of this host left for these outputs (the variants' too), in
 * one pass over the output folder (not one per output). */
static void remove_stale_temporaries(const build_list *l, const build_records *recs, const char *outdir)
{
	size_t cap = 2 * l->n + 1, n = 0, nv = 0;
	const char **names = xmalloc(cap * sizeof *names);
	char **owned = NULL;
	for (size_t i = 0; i < l->n; i++) {
		for (int k = 0; k < 2; k++) {
			const char *o = k ? l->v[i].out_tex : l->v[i].out_pdf;
			if (o)
				names[n++] = strrchr(o, '/') ? strrchr(o, '/') + 1 : o;
		}
		char **v;
		size_t m = recorded_variants(&l->v[i], recs, &v);
		if (!m)
			continue;
		names = xrealloc(names, (cap += m) * sizeof *names);
		owned = xrealloc(owned, (nv + m) * sizeof *owned);
		for (size_t j = 0; j < m; j++)
			names[n++] = owned[nv++] = v[j];
		free(v);
	}
	tmp_remove_stale_in(outdir, names, n);
	for (size_t i = 0; i < nv; i++)
		free(owned[i]);
	free(owned);
	free(names);
}

/* ---- signals ---- */

/* Lock-free, so that a handler may store to it (C11 7.14.1.1); the workers poll it. */
static atomic_int stop_signal;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the stop flag must be lock-free to be set from a signal handler");

/* The first SIGINT/SIGTERM lets the profiles under way finish; a second stops at once, removing
 * the temporaries in flight (R6). */
static void on_signal(int sig)
{
	int saved = errno;
	if (atomic_exchange(&stop_signal, sig) != 0)
		tmp_die_of_signal(sig);
	errno = saved;
}

/* ---- the command ---- */

int vita_build_main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"output", required_argument, 0, 'o'}, {"format", required_argument, 0, 'f'},
	    {"jobs", required_argument, 0, 'j'},   {"force", no_argument, 0, 'F'},
	    {"shard", required_argument, 0, 'S'},  {"system-fonts", no_argument, 0, 'T'},
	    {"quiet", no_argument, 0, 'q'},        {"help", no_argument, 0, 'h'},
	    {"timeout", required_argument, 0, 't'}, {"allow-path", required_argument, 0, 'P'},
	    {"variants", no_argument, 0, 'V'},
	    {0, 0, 0, 0}};
	static const char *allow[64]; /* the environment keeps pointers to them */
	size_t nallow = 0;
	double timeout = 60;
	const char *outdir = "out";
	int formats = BUILD_PDF;
	unsigned jobs = 0, shard_k = 1, shard_n = 1;
	bool force = false, quiet = false, system_fonts = false, sharded = false, variants = false;
	int c;
	optind = 0; /* glibc and musl: a full reset, as the test suite calls this more than once */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:f:j:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o': outdir = optarg; break;
		case 'f':
			if (parse_formats(optarg, &formats) != 0)
				return usage_error("--format must be pdf, tex or pdf,tex, not '%s'", optarg);
			break;
		case 'j':
			if (parse_jobs(optarg, &jobs) != 0)
				return usage_error("--jobs must be a number from 1 to 1024, not '%s'", optarg);
			break;
		case 'F': force = true; break;
		case 'S':
			if (build_parse_shard(optarg, &shard_k, &shard_n) != 0)
				return usage_error("--shard must be K/N with 1 <= K <= N, not '%s'", optarg);
			sharded = true;
			break;
		case 'T': system_fonts = true; break;
		case 'V': variants = true; break;
		case 't':
			if (deadline_parse(optarg, &timeout) != 0)
				return usage_error("--timeout must be a number of seconds from 0 (none) to 86400, not '%s'", optarg);
			break;
		case 'q': quiet = true; break;
		case 'P':
			if (nallow == sizeof allow / sizeof allow[0])
				return usage_error("%s", "--allow-path may be given at most 64 times");
			if (!is_folder(optarg)) /* a typo would allow nothing, silently */
				return usage_error("--allow-path must name an existing folder, not '%s'", optarg);
			allow[nallow++] = optarg;
			break;
		case 'h': fputs(help_text, stdout); return 0;
		case ':':
			return optopt ? usage_error("option '-%s' needs a value", (char[]){(char)optopt, 0})
			              : usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return optopt ? usage_error("unknown option '-%s'", (char[]){(char)optopt, 0})
			              : usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (!*outdir)
		return usage_error("%s", "the output folder must not be empty");
	/* a group's folder: each profile reads only inside its own folder (and --allow-path) */
	vita_env_confine(allow, nallow);
	if (jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n < 1 ? 1 : n > 1024 ? 1024 : (unsigned)n;
	}

	static const char *const default_inputs[] = {"content"};
	const char *const *inputs = default_inputs;
	size_t ninputs = 1;
	if (optind < argc) {
		inputs = (const char *const *)argv + optind;
		ninputs = (size_t)(argc - optind);
	}
	bool color = vita_diags_color();

	/* Everything that can be wrong with the inputs is reported before anything is rendered. */
	vita_diags *d = vita_diags_new();
	build_list l = {0};
	size_t errors = build_discover(&l, inputs, ninputs, d);
	if (!errors)
		errors = build_check_stems(&l, d);
	if (!errors && variants)
		errors = check_variant_stems(&l);
	if (any_diags(d))
		vita_diags_print(d, stderr, color);
	vita_diags_free(d);
	if (!errors && l.n == 0) {
		fputs("vita build: no profiles (*.yaml, *.yml, *.json) found in", stderr);
		for (size_t i = 0; i < ninputs; i++)
			fprintf(stderr, " %s", inputs[i]);
		fputc('\n', stderr);
		errors = 1;
	}
	if (errors || make_dirs(outdir) != 0) {
		build_list_free(&l);
		return 1;
	}
	size_t all = l.n;
	build_name_outputs(&l, outdir, formats);
	vita_diags *od = vita_diags_new();
	if (build_check_outputs(&l, od)) {
		vita_diags_print(od, stderr, color);
		vita_diags_free(od);
		build_list_free(&l);
		return 1;
	}
	vita_diags_free(od);
	if (sharded)
		build_shard(&l, shard_k, shard_n);
	for (size_t i = 0; i < l.n; i++)
		l.v[i].variants = variants;
	build_records recs;
	build_records_load(&recs, outdir);
	size_t fresh = force ? 0 : build_mark_fresh(&l, build_deps_time(vita_data_dir(), formats), &recs);
	remove_stale_temporaries(&l, &recs, outdir);

	build_progress_mode mode = quiet ? PROGRESS_QUIET
	                           : isatty(2) && !vita_env_get()->dumb_terminal ? PROGRESS_BAR
	                                                                                : PROGRESS_LINES;
	build_progress prog;
	build_progress_init(&prog, mode, stderr, l.n - fresh);

	/* SA_RESTART: a signal must not turn a writer's write() into a failed profile. */
	struct sigaction sa, old_int, old_term;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	atomic_store(&stop_signal, 0);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);

	render_ctx rc = {.color = color, .latex = {.system_fonts = system_fonts}, .timeout = timeout,
	                 .variants = variants, .jobs = l.v,
	                 .reads = xcalloc(l.n ? l.n : 1, sizeof(vita_reads)), .ok = xcalloc(l.n ? l.n : 1, sizeof(bool))};
	build_pool_opts po = {.threads = jobs,
	                      .render = render_profile,
	                      .render_ctx = &rc,
	                      .report = build_progress_report,
	                      .report_ctx = &prog,
	                      .stop = &stop_signal};
	build_counts counts;
	build_run(&l, &po, &counts);

	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	build_progress_end(&prog);
	build_records_save(&recs, &l, rc.reads, rc.ok, outdir);
	for (size_t i = 0; i < l.n; i++)
		vita_reads_free(&rc.reads[i]);
	free(rc.reads);
	free(rc.ok);
	build_records_free(&recs);

	int sig = atomic_load(&stop_signal);
	fprintf(stderr, "vita build: %s%zu rendered, %zu failed, %zu skipped", sig ? "interrupted: " : "",
	        counts.rendered, counts.failed, counts.skipped);
	if (counts.not_started)
		fprintf(stderr, ", %zu not started", counts.not_started);
	if (sharded)
		fprintf(stderr, " (%zu of %zu profiles, shard %u/%u)", l.n, all, shard_k, shard_n);
	else
		fprintf(stderr, " (%zu profiles)", l.n);
	fprintf(stderr, " in %.2f s\n", build_progress_elapsed(&prog));
	build_list_free(&l);
	if (sig)
		return 128 + sig;
	return counts.failed ? 1 : 0;
}
