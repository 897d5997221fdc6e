/*
 * Tests of `vita build`'s machinery with a fake renderer: discovery and its order, output names and
 * clashing stems, shards (an exact partition for many N and list sizes), the up-to-date check (file
 * times set with utimensat), the worker pool (each profile exactly once with 1 and 4 threads,
 * failures not stopping the others, stopping on request), the progress output, and the command's
 * usage errors.  The real pipeline is exercised end to end by tests/sh/build.sh.
 */
#include <fcntl.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "build/batch.h"
#include "build/build.h"
#include "test.h"

static char tmp_root[256];

static void touch(const char *path, time_t mtime)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("cv:\n  name: X\n", f);
		fclose(f);
	}
	struct timespec ts[2] = {{mtime, 0}, {mtime, 0}};
	utimensat(AT_FDCWD, path, ts, 0);
}

static char *in_tmp(const char *rel)
{
	vita_buf b = {0};
	buf_printf(&b, "%s/%s", tmp_root, rel);
	return buf_take(&b);
}

static void mk(const char *rel)
{
	char *p = in_tmp(rel);
	mkdir(p, 0755);
	free(p);
}

static void mkfile(const char *rel, time_t mtime)
{
	char *p = in_tmp(rel);
	touch(p, mtime);
	free(p);
}

/* A list of n fake jobs named p000.yaml … (with "bad" in every name listed in bad). */
static build_list fake_list(size_t n, const char *bad)
{
	build_list l = {0};
	l.v = xcalloc(n ? n : 1, sizeof *l.v);
	l.n = l.cap = n;
	for (size_t i = 0; i < n; i++) {
		vita_buf b = {0};
		bool is_bad = false;
		for (const char *p = bad; p && *p; p++)
			is_bad |= (size_t)(*p - '0') == i;
		buf_printf(&b, "in/p%03zu%s.yaml", i, is_bad ? "-bad" : "");
		l.v[i].input = buf_take(&b);
		l.v[i].stem = build_stem(l.v[i].input);
		l.v[i].index = i;
	}
	return l;
}

static void test_profile_names(void)
{
	CHECK(build_is_profile_name("a.yaml"));
	CHECK(build_is_profile_name("a.YML"));
	CHECK(build_is_profile_name("jane doe.json"));
	CHECK(!build_is_profile_name("a.txt"));
	CHECK(!build_is_profile_name(".yaml"));
	CHECK(!build_is_profile_name("yaml"));
	CHECK(!build_is_profile_name("a.yaml.bak"));
	char *s;
	CHECK_STR(s = build_stem("content/x/jane.doe.yaml"), "jane.doe"); free(s);
	CHECK_STR(s = build_stem("jane"), "jane"); free(s);
	CHECK_STR(s = build_stem("dir/.hidden"), ".hidden"); free(s);
	CHECK_STR(s = build_stem("张伟.yaml"), "张伟"); free(s);
}

static void test_discover(void)
{
	mk("d");
	mk("d/sub");
	mk("d/.git");
	mk("d/sub/deeper");
	mkfile("d/b.yaml", 1000);
	mkfile("d/a.json", 1000);
	mkfile("d/sub/c.yml", 1000);
	mkfile("d/sub/deeper/e.YAML", 1000);
	mkfile("d/notes.txt", 1000);
	mkfile("d/.d.yaml.XXXXXX", 1000);
	mkfile("d/.git/g.yaml", 1000);
	mkfile("other.yaml", 1000);
	char *dir = in_tmp("d"), *link = in_tmp("d/link"), *sub = in_tmp("d/sub");
	CHECK_INT(symlink(sub, link), 0); /* a link to a folder: not followed, or c.yml comes twice */
	char *filelink = in_tmp("d/sub/f.yaml"), *other = in_tmp("other.yaml"), *inside = in_tmp("d/b.yaml");
	CHECK_INT(symlink(inside, filelink), 0); /* a link to a file inside the folder: followed */
	char *outlink = in_tmp("d/sub/g.yaml");
	CHECK_INT(symlink(other, outlink), 0); /* a link out of the folder given: skipped (S4) */

	vita_diags *d = vita_diags_new();
	build_list l = {0};
	const char *paths[] = {dir};
	CHECK_INT(build_discover(&l, paths, 1, d), 0);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 1);
	CHECK_INT(l.n, 5);
	const char *want[] = {"/d/a.json", "/d/b.yaml", "/d/sub/c.yml", "/d/sub/deeper/e.YAML", "/d/sub/f.yaml"};
	for (size_t i = 0; i < l.n && i < 5; i++) {
		char *w = in_tmp(want[i] + 1);
		CHECK_STR(l.v[i].input, w);
		free(w);
	}
	build_list_free(&l);

	/* The same files named again (directly, with a trailing slash, through "./") come once; an
	 * explicit file of any extension is taken. */
	char *b = in_tmp("d/b.yaml"), *txt = in_tmp("d/notes.txt"), *slash = in_tmp("d/sub/");
	vita_buf dot = {0};
	buf_printf(&dot, "%s/./d/b.yaml", tmp_root);
	const char *again[] = {b, dir, txt, slash, dot.data};
	CHECK_INT(build_discover(&l, again, 5, d), 0);
	CHECK_INT(l.n, 6);
	for (size_t i = 1; i < l.n; i++)
		CHECK(strcmp(l.v[i - 1].input, l.v[i].input) < 0);
	size_t n_txt = 0;
	for (size_t i = 0; i < l.n; i++)
		n_txt += strcmp(l.v[i].input, txt) == 0;
	CHECK_INT(n_txt, 1);
	build_list_free(&l);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);

	char *missing = in_tmp("nope");
	const char *bad[] = {missing, dir};
	CHECK_INT(build_discover(&l, bad, 2, d), 1);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	build_list_free(&l);

	free(b); free(txt); free(slash); buf_free(&dot); free(missing);
	free(dir); free(link); free(sub); free(filelink); free(other); free(inside); free(outlink);
	vita_diags_free(d);
}

static void test_stems(void)
{
	vita_diags *d = vita_diags_new();
	build_list l = fake_list(4, NULL);
	CHECK_INT(build_check_stems(&l, d), 0);
	free(l.v[2].stem);
	l.v[2].stem = xstrdup("p000"); /* p000.yaml and p002 would both write p000.pdf */
	CHECK_INT(build_check_stems(&l, d), 1);
	free(l.v[3].stem);
	l.v[3].stem = xstrdup("p000");
	free(l.v[1].stem);
	l.v[1].stem = xstrdup("x");
	CHECK_INT(build_check_stems(&l, d), 1); /* one stem, three files: one clash */
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 2);
	build_list_free(&l);
	vita_diags_free(d);
}

static void test_name_outputs(void)
{
	build_list l = fake_list(2, NULL);
	build_name_outputs(&l, "out/", BUILD_PDF);
	CHECK_STR(l.v[0].out_pdf, "out/p000.pdf");
	CHECK(l.v[0].out_tex == NULL);
	build_name_outputs(&l, "a/b", BUILD_PDF | BUILD_TEX);
	CHECK_STR(l.v[1].out_pdf, "a/b/p001.pdf");
	CHECK_STR(l.v[1].out_tex, "a/b/p001.tex");
	CHECK_INT(l.v[1].index, 1);
	build_name_outputs(&l, "/", BUILD_TEX);
	CHECK_STR(l.v[0].out_tex, "/p000.tex");
	CHECK(l.v[0].out_pdf == NULL);
	build_list_free(&l);
}

static void test_parse_shard(void)
{
	unsigned k = 0, n = 0;
	CHECK_INT(build_parse_shard("1/1", &k, &n), 0);
	CHECK_INT(k, 1); CHECK_INT(n, 1);
	CHECK_INT(build_parse_shard("3/8", &k, &n), 0);
	CHECK_INT(k, 3); CHECK_INT(n, 8);
	const char *bad[] = {"0/2", "3/2", "1/0", "1", "/2", "1/", "a/b", "-1/2", "1/-2", "1/2x",
	                     " 1/2", "1/+2", "1/99999999999999999999", "", "1//2"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (build_parse_shard(bad[i], &k, &n) == 0)
			printf("  accepted '%s'\n", bad[i]);
		CHECK(build_parse_shard(bad[i], &k, &n) != 0);
	}
}

static void test_shards_partition(void)
{
	const size_t sizes[] = {0, 1, 2, 5, 7, 13, 100};
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		size_t len = sizes[s];
		for (unsigned n = 1; n <= 7; n++) {
			unsigned *owner = xcalloc(len ? len : 1, sizeof *owner);
			size_t min = (size_t)-1, max = 0;
			for (unsigned k = 1; k <= n; k++) {
				build_list l = fake_list(len, NULL);
				build_shard(&l, k, n);
				for (size_t i = 0; i < l.n; i++) {
					owner[l.v[i].index]++;
					CHECK(build_in_shard(l.v[i].index, k, n));
					if (i)
						CHECK(l.v[i - 1].index < l.v[i].index); /* order kept */
				}
				min = l.n < min ? l.n : min;
				max = l.n > max ? l.n : max;
				build_list_free(&l);
			}
			for (size_t i = 0; i < len; i++)
				if (owner[i] != 1) { /* union = all, pairwise disjoint */
					printf("  size %zu, N %u: index %zu in %u shards\n", len, n, i, owner[i]);
					CHECK(owner[i] == 1);
				}
			CHECK(max - min <= 1); /* balanced */
			free(owner);
		}
	}
	/* Round-robin, as documented: index 0 → shard 1, index N → shard 1, index 1 → shard 2. */
	CHECK(build_in_shard(0, 1, 3));
	CHECK(build_in_shard(3, 1, 3));
	CHECK(build_in_shard(1, 2, 3));
	CHECK(!build_in_shard(1, 1, 3));
}

static void test_fresh(void)
{
	mk("f");
	mk("f/out");
	mk("f/styles");
	mk("f/fonts");
	mkfile("f/p.yaml", 2000);
	mkfile("f/styles/classic.yaml", 1500);
	mkfile("f/styles/other.yaml", 1800);
	mkfile("f/fonts/A.ttf", 1900);
	char *data = in_tmp("f"), *styles = in_tmp("f/styles"), *empty = in_tmp("f/out");
	CHECK_INT(build_newest_in(styles).tv_sec, 1800);
	CHECK_INT(build_newest_in(empty).tv_sec, 0);
	CHECK_INT(build_deps_time(data, BUILD_TEX).tv_sec, 1800);
	CHECK_INT(build_deps_time(data, BUILD_PDF).tv_sec, 1900);

	build_job j = {0};
	j.input = in_tmp("f/p.yaml");
	j.out_pdf = in_tmp("f/out/p.pdf");
	j.out_tex = in_tmp("f/out/p.tex");
	struct timespec deps = build_deps_time(data, BUILD_PDF | BUILD_TEX);
	CHECK(!build_is_fresh(&j, deps, NULL)); /* no outputs */
	touch(j.out_pdf, 3000);
	CHECK(!build_is_fresh(&j, deps, NULL)); /* the .tex is missing */
	touch(j.out_tex, 3000);
	CHECK(build_is_fresh(&j, deps, NULL));
	touch(j.out_tex, 2000); /* as old as the profile: not strictly newer */
	CHECK(!build_is_fresh(&j, deps, NULL));
	touch(j.out_tex, 3000);
	mkfile("f/p.yaml", 3500); /* the profile was edited */
	CHECK(!build_is_fresh(&j, deps, NULL));
	mkfile("f/p.yaml", 2000);
	mkfile("f/fonts/A.ttf", 4000); /* a font changed: PDF is stale, LaTeX is not */
	CHECK(!build_is_fresh(&j, build_deps_time(data, BUILD_PDF | BUILD_TEX), NULL));
	char *tex = j.out_tex;
	j.out_tex = NULL;
	free(j.out_pdf);
	j.out_pdf = NULL;
	j.out_tex = tex;
	CHECK(build_is_fresh(&j, build_deps_time(data, BUILD_TEX), NULL));
	mkfile("f/styles/new.yaml", 3200); /* any style changed */
	CHECK(!build_is_fresh(&j, build_deps_time(data, BUILD_TEX), NULL));

	build_list l = {0};
	l.v = &j;
	l.n = 1;
	touch(j.out_tex, 5000);
	CHECK_INT(build_mark_fresh(&l, build_deps_time(data, BUILD_TEX), NULL), 1);
	CHECK(j.fresh);
	free(j.input);
	free(j.out_tex);
	free(data); free(styles); free(empty);
}

/* --variants: fresh only when the record says the last render wrote the variants (">") and each
 * variant's output (OUTDIR/stem--NAME.pdf) is fresh too. */
static void test_fresh_variants(void)
{
	mk("v");
	mk("v/out");
	mkfile("v/p.yaml", 2000);
	build_job j = {0};
	j.input = in_tmp("v/p.yaml");
	j.stem = xstrdup("p");
	j.out_pdf = in_tmp("v/out/p.pdf");
	touch(j.out_pdf, 3000);
	struct timespec deps = {0, 0};
	build_record rec = {0};
	rec.stem = j.stem;
	CHECK(build_is_fresh(&j, deps, &rec));
	j.variants = true;
	CHECK(!build_is_fresh(&j, deps, &rec)); /* no record of a render with --variants */
	char *names[] = {"industry"};
	build_record_variants(&rec.reads, names, 1);
	CHECK_INT(rec.reads.n, 2);
	CHECK_STR(rec.reads.paths[1], ">industry");
	CHECK(!build_is_fresh(&j, deps, &rec)); /* p--industry.pdf is missing */
	mkfile("v/out/p--industry.pdf", 3000);
	CHECK(build_is_fresh(&j, deps, &rec));
	mkfile("v/out/p--industry.pdf", 1000); /* older than the profile */
	CHECK(!build_is_fresh(&j, deps, &rec));
	j.variants = false;
	CHECK(build_is_fresh(&j, deps, &rec)); /* the markers are not files read */
	vita_reads_free(&rec.reads);
	free(j.input);
	free(j.stem);
	free(j.out_pdf);
}

/* ---- the pool, with a fake renderer ---- */

typedef struct fake {
	atomic_int calls[64];
	atomic_int total;
	atomic_int running, max_running;
	int stop_after; /* set *stop once this many renders started (0: never) */
	atomic_int *stop;
	atomic_int in_report; /* reports must never overlap */
	int reports, overlaps;
	int report_status[64];
} fake;

static build_status fake_render(void *ctx, const build_job *job, vita_buf *msgs)
{
	fake *f = ctx;
	atomic_fetch_add(&f->calls[job->index], 1);
	int t = atomic_fetch_add(&f->total, 1) + 1;
	if (f->stop_after && t >= f->stop_after)
		atomic_store(f->stop, 1);
	int r = atomic_fetch_add(&f->running, 1) + 1;
	int m = atomic_load(&f->max_running);
	while (r > m && !atomic_compare_exchange_weak(&f->max_running, &m, r))
		;
	struct timespec ts = {0, 2000000}; /* 2 ms: long enough for threads to overlap */
	nanosleep(&ts, NULL);
	atomic_fetch_sub(&f->running, 1);
	if (strstr(job->input, "bad")) {
		buf_printf(msgs, "%s:1:1: error: bad profile\n", job->input);
		return BUILD_FAILED;
	}
	return BUILD_OK;
}

static void fake_report(void *ctx, const build_job *job, build_status st, const char *msgs)
{
	fake *f = ctx;
	if (atomic_fetch_add(&f->in_report, 1) != 0)
		f->overlaps++;
	struct timespec ts = {0, 100000};
	nanosleep(&ts, NULL);
	f->reports++;
	f->report_status[job->index] = (int)st + 1;
	if (st == BUILD_FAILED && !strstr(msgs, "bad profile"))
		f->overlaps += 1000; /* the failing profile's messages must reach the report */
	atomic_fetch_sub(&f->in_report, 1);
}

static void run_pool(unsigned threads)
{
	build_list l = fake_list(40, "37"); /* p003 and p007 fail */
	l.v[10].fresh = l.v[11].fresh = true;
	fake *f = xcalloc(1, sizeof *f);
	build_pool_opts o = {.threads = threads, .render = fake_render, .render_ctx = f,
	                     .report = fake_report, .report_ctx = f};
	build_counts c;
	CHECK_INT(build_run(&l, &o, &c), 0);
	for (size_t i = 0; i < l.n; i++) {
		CHECK_INT(f->calls[i], l.v[i].fresh ? 0 : 1); /* exactly once; fresh never */
		CHECK_INT(f->report_status[i], l.v[i].fresh ? BUILD_SKIPPED + 1
		                               : strstr(l.v[i].input, "bad") ? BUILD_FAILED + 1 : BUILD_OK + 1);
	}
	CHECK_INT(c.rendered, 36);
	CHECK_INT(c.failed, 2);
	CHECK_INT(c.skipped, 2);
	CHECK_INT(c.not_started, 0);
	CHECK_INT(f->reports, 40);
	CHECK_INT(f->overlaps, 0);
	if (threads == 1)
		CHECK_INT(f->max_running, 1);
	else
		CHECK(f->max_running > 1); /* 2 ms renders over 4 threads do overlap */
	CHECK(f->max_running <= (int)threads);
	free(f);
	build_list_free(&l);
}

static void test_pool_j1(void) { run_pool(1); }
static void test_pool_j4(void) { run_pool(4); }

static void test_pool_more_threads_than_jobs(void)
{
	build_list l = fake_list(3, NULL);
	fake *f = xcalloc(1, sizeof *f);
	build_pool_opts o = {.threads = 16, .render = fake_render, .render_ctx = f};
	build_counts c;
	build_run(&l, &o, &c);
	CHECK_INT(c.rendered, 3);
	CHECK_INT(f->total, 3);
	build_list_free(&l);
	build_list empty = {0};
	build_run(&empty, &o, &c);
	CHECK_INT(c.rendered + c.failed + c.skipped + c.not_started, 0);
	free(f);
}

static void test_pool_stop(void)
{
	for (unsigned threads = 1; threads <= 4; threads += 3) {
		build_list l = fake_list(50, NULL);
		atomic_int stop;
		atomic_init(&stop, 0);
		fake *f = xcalloc(1, sizeof *f);
		f->stop_after = 5;
		f->stop = &stop;
		build_pool_opts o = {.threads = threads, .render = fake_render, .render_ctx = f, .stop = &stop};
		build_counts c;
		build_run(&l, &o, &c);
		/* Renders started before the flag was seen finish; no new one starts after it. */
		CHECK(c.rendered >= 5);
		CHECK(c.rendered <= 5 + threads - 1);
		CHECK_INT(c.rendered + c.not_started, 50);
		CHECK_INT(f->total, (int)c.rendered);
		free(f);
		build_list_free(&l);
	}
}

/* ---- progress ---- */

static char *progress_output(build_progress_mode mode)
{
	FILE *f = tmpfile();
	build_progress p;
	build_progress_init(&p, mode, f, 2);
	build_list l = fake_list(3, "1");
	build_progress_report(&p, &l.v[0], BUILD_OK, "");
	build_progress_report(&p, &l.v[2], BUILD_SKIPPED, "");
	build_progress_report(&p, &l.v[1], BUILD_FAILED, "in/p001-bad.yaml:1:1: error: x\n");
	build_progress_end(&p);
	build_list_free(&l);
	long n = ftell(f);
	rewind(f);
	char *s = xcalloc(1, (size_t)n + 1);
	CHECK_INT(fread(s, 1, (size_t)n, f), n);
	fclose(f);
	return s;
}

static void test_progress(void)
{
	char *s = progress_output(PROGRESS_LINES);
	CHECK_STR(s, "[1/2] in/p000.yaml ok\nin/p001-bad.yaml:1:1: error: x\n[2/2] in/p001-bad.yaml FAILED\n");
	free(s);
	s = progress_output(PROGRESS_QUIET);
	CHECK_STR(s, "in/p001-bad.yaml:1:1: error: x\n");
	free(s);
	s = progress_output(PROGRESS_BAR);
	CHECK(strstr(s, "\r[##########..........] 1/2  50%") != NULL);
	CHECK(strstr(s, "in/p001-bad.yaml:1:1: error: x\n") != NULL);
	CHECK(strstr(s, "2/2 100%") != NULL);
	CHECK(strchr(s, '\033') == NULL); /* no colour codes of its own */
	size_t len = strlen(s);
	CHECK(len > 0 && s[len - 1] == '\r'); /* the bar is erased at the end */
	free(s);
}

/* ---- the command's usage errors (exit 2) and help (exit 0), which need no renderer ---- */

static int run_main(const char *a0, const char *a1, const char *a2)
{
	char *argv[] = {(char *)"build", (char *)a0, (char *)a1, (char *)a2, NULL};
	int argc = 1 + (a0 != NULL) + (a1 != NULL) + (a2 != NULL);
	fflush(stdout);
	int saved_out = dup(1), saved_err = dup(2), null = open("/dev/null", O_WRONLY);
	dup2(null, 1);
	dup2(null, 2);
	int rc = vita_build_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	close(null);
	return rc;
}

static void test_usage(void)
{
	CHECK_INT(run_main("--help", NULL, NULL), 0);
	CHECK_INT(run_main("--shard", "0/3", NULL), 2);
	CHECK_INT(run_main("--shard", "4/3", NULL), 2);
	CHECK_INT(run_main("-j", "0", NULL), 2);
	CHECK_INT(run_main("-j", "x", NULL), 2);
	CHECK_INT(run_main("--format", "png", NULL), 2);
	CHECK_INT(run_main("--format", "pdf,,tex", NULL), 2);
	CHECK_INT(run_main("--bogus", NULL, NULL), 2);
	CHECK_INT(run_main("-o", NULL, NULL), 2);
	char *missing = in_tmp("no-such-folder"), *out = in_tmp("never");
	CHECK_INT(run_main(missing, "-o", out), 1);
	CHECK(access(out, F_OK) != 0); /* nothing created when the inputs are wrong */
	char *dup_dir = in_tmp("dups");
	mk("dups");
	mk("dups/x");
	mkfile("dups/jane.yaml", 1000);
	mkfile("dups/x/jane.json", 1000);
	CHECK_INT(run_main(dup_dir, "-o", out), 1);
	CHECK(access(out, F_OK) != 0);
	mk("empty");
	char *empty = in_tmp("empty");
	CHECK_INT(run_main(empty, "-o", out), 1);
	char *file_as_out = in_tmp("dups/jane.yaml/out");
	mk("one");
	mkfile("one/a.yaml", 1000);
	char *one = in_tmp("one");
	CHECK_INT(run_main(one, "-o", file_as_out), 1);
	free(missing); free(out); free(dup_dir); free(empty); free(file_as_out); free(one);
}

int main(void)
{
	snprintf(tmp_root, sizeof tmp_root, "%s/vita-test-build-XXXXXX",
	         getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp_root)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_profile_names);
	RUN(test_discover);
	RUN(test_stems);
	RUN(test_name_outputs);
	RUN(test_parse_shard);
	RUN(test_shards_partition);
	RUN(test_fresh);
	RUN(test_fresh_variants);
	RUN(test_pool_j1);
	RUN(test_pool_j4);
	RUN(test_pool_more_threads_than_jobs);
	RUN(test_pool_stop);
	RUN(test_progress);
	RUN(test_usage);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmp_root);
	return TEST_EXIT();
}
