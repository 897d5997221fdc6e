/*
 * The incremental check: a profile whose outputs are all newer than everything they are made from
 * is skipped, so re-running `vita build` after editing three profiles of a thousand renders three.
 *
 * "Everything they are made from" is the profile, every file its last render read (recorded in
 * OUTDIR/.vita-inputs: the theme, a locale file, the photo, a `from:` .bib, the fonts the PDF
 * embeds; for the style files compiled into vita, the tag of the styles it was built with) and, as a floor for a profile with no record, every file in styles/ and (for PDF) fonts/.  Outputs must be strictly newer: on a file
 * system with coarse timestamps an edit in the same tick as the last render re-renders rather than
 * being missed.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "build/batch.h"
#include "io/io.h"
#include "load/builtin.h"
#include "vita.h"

static bool later(struct timespec a, struct timespec b)
{
	return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

struct timespec build_newest_in(const char *dir)
{
	struct timespec newest = {0, 0};
	DIR *dp = opendir(dir);
	if (!dp)
		return newest;
	struct dirent *e;
	vita_buf path = {0};
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path.data, &st) == 0 && S_ISREG(st.st_mode) && later(st.st_mtim, newest))
			newest = st.st_mtim;
	}
	buf_free(&path);
	closedir(dp);
	return newest;
}

struct timespec build_deps_time(const char *data_dir, int formats)
{
	vita_buf dir = {0};
	buf_printf(&dir, "%s/styles", data_dir);
	struct timespec t = build_newest_in(dir.data);
	if (formats & BUILD_PDF) {
		buf_reset(&dir);
		buf_printf(&dir, "%s/fonts", data_dir);
		struct timespec f = build_newest_in(dir.data);
		if (later(f, t))
			t = f;
	}
	buf_free(&dir);
	return t;
}

static bool output_fresh(const char *out, struct timespec since)
{
	struct stat st;
	return stat(out, &st) == 0 && S_ISREG(st.st_mode) && later(st.st_mtim, since);
}

/* Every file of the record still there and older than the outputs' floor `since`... */
static bool record_older(const build_record *rec, struct timespec *since)
{
	for (size_t i = 0; i < rec->reads.n; i++) {
		struct stat st;
		if (rec->reads.paths[i][0] == '>')
			continue; /* a variant written, not a file read */
		if (rec->reads.paths[i][0] == '#') {
			if (strcmp(rec->reads.paths[i], vita_builtin_tag()) != 0)
				return false; /* taken from a vita built with other style files */
			continue;
		}
		if (stat(rec->reads.paths[i], &st) != 0)
			return false; /* gone (a renamed photo): render, and let the render say so */
		if (later(st.st_mtim, *since))
			*since = st.st_mtim;
	}
	return true;
}

/* One output of a variant: out with --NAME. */
static bool variant_fresh(const char *out, const char *name, struct timespec since)
{
	char *p = vita_variant_path(out, name);
	bool fresh = output_fresh(p, since);
	free(p);
	return fresh;
}

/* --variants: the record says the last render wrote the variants, and each is fresh. */
static bool variants_fresh(const build_job *job, const build_record *rec, struct timespec since)
{
	bool marked = false;
	for (size_t i = 0; rec && i < rec->reads.n; i++) {
		const char *p = rec->reads.paths[i];
		if (p[0] != '>')
			continue;
		if (!p[1]) {
			marked = true;
			continue;
		}
		if ((job->out_pdf && !variant_fresh(job->out_pdf, p + 1, since)) ||
		    (job->out_tex && !variant_fresh(job->out_tex, p + 1, since)))
			return false;
	}
	return marked;
}

void build_record_variants(vita_reads *r, char *const *names, size_t n)
{
	if (r->n + n + 1 > r->cap) {
		r->cap = r->n + n + 1;
		r->paths = xrealloc(r->paths, r->cap * sizeof *r->paths);
	}
	r->paths[r->n++] = xstrdup(">");
	for (size_t i = 0; i < n; i++) {
		vita_buf b = {0};
		buf_printf(&b, ">%s", names[i]);
		r->paths[r->n++] = xstrdup(buf_str(&b));
		buf_free(&b);
	}
}

bool build_is_fresh(const build_job *job, struct timespec deps, const build_record *rec)
{
	struct stat st;
	if (stat(job->input, &st) != 0)
		return false; /* let the renderer report it */
	struct timespec since = later(st.st_mtim, deps) ? st.st_mtim : deps;
	if (rec && !record_older(rec, &since))
		return false;
	if (!job->out_pdf && !job->out_tex)
		return false;
	return (!job->out_pdf || output_fresh(job->out_pdf, since)) &&
	       (!job->out_tex || output_fresh(job->out_tex, since)) && (!job->variants || variants_fresh(job, rec, since));
}

size_t build_mark_fresh(build_list *l, struct timespec deps, const build_records *recs)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++) {
		const build_record *rec = recs ? build_records_find(recs, l->v[i].stem) : NULL;
		n += (l->v[i].fresh = build_is_fresh(&l->v[i], deps, rec));
	}
	return n;
}

/* ---- the record of what each render read: OUTDIR/.vita-inputs ----
 * "vita-inputs 1", then per profile its stem and the absolute paths it read, each string ended by
 * a NUL and the profile by an empty string (paths may hold any byte but NUL; an absolute path
 * never starts with '>', which marks the variants written, build_record_variants).  Written after each
 * build; a build that stops half-way leaves the old one, whose missing or older records only make
 * profiles render again. */

static const char magic[] = "vita-inputs 1";

void build_records_load(build_records *r, const char *outdir)
{
	memset(r, 0, sizeof *r);
	vita_buf path = {0};
	buf_printf(&path, "%s/%s", outdir, BUILD_RECORDS_FILE);
	struct stat st;
	size_t len = 0;
	char *data = stat(path.data, &st) == 0 ? read_file(path.data, 64u << 20, &len, NULL) : NULL;
	buf_free(&path);
	if (!data || len < sizeof magic || memcmp(data, magic, sizeof magic) != 0 || data[len - 1] != 0) {
		free(data);
		return;
	}
	size_t cap = 0;
	for (size_t i = sizeof magic; i < len;) {
		const char *stem = data + i;
		i += strlen(stem) + 1;
		if (!*stem)
			continue;
		if (r->n == cap) {
			cap = cap ? 2 * cap : 64;
			r->v = xrealloc(r->v, cap * sizeof *r->v);
		}
		build_record *rec = &r->v[r->n++];
		memset(rec, 0, sizeof *rec);
		rec->stem = xstrdup(stem);
		while (i < len && data[i]) {
			const char *p = data + i;
			i += strlen(p) + 1;
			if (rec->reads.n == rec->reads.cap) {
				rec->reads.cap = rec->reads.cap ? 2 * rec->reads.cap : 8;
				rec->reads.paths = xrealloc(rec->reads.paths, rec->reads.cap * sizeof(char *));
			}
			rec->reads.paths[rec->reads.n++] = xstrdup(p);
		}
		i++; /* the empty string that ends the profile */
	}
	free(data);
}

const build_record *build_records_find(const build_records *r, const char *stem)
{
	for (size_t i = 0; r && i < r->n; i++)
		if (strcmp(r->v[i].stem, stem) == 0)
			return &r->v[i];
	return NULL;
}

static void put_record(vita_buf *b, const char *stem, const vita_reads *reads)
{
	buf_put(b, stem, strlen(stem) + 1);
	for (size_t i = 0; i < reads->n; i++)
		buf_put(b, reads->paths[i], strlen(reads->paths[i]) + 1);
	buf_putc(b, 0);
}

int build_records_save(const build_records *old, const build_list *l, const vita_reads *reads,
                       const bool *ok, const char *outdir)
{
	vita_buf b = {0};
	buf_put(&b, magic, sizeof magic);
	for (size_t i = 0; i < l->n; i++) {
		const build_record *prev = build_records_find(old, l->v[i].stem);
		if (ok[i])
			put_record(&b, l->v[i].stem, &reads[i]);
		else if (l->v[i].fresh && prev)
			put_record(&b, prev->stem, &prev->reads);
	}
	/* the records of profiles outside this run (another shard, another input folder) stay */
	for (size_t i = 0; old && i < old->n; i++) {
		bool here = false;
		for (size_t j = 0; j < l->n && !here; j++)
			here = strcmp(l->v[j].stem, old->v[i].stem) == 0;
		if (!here)
			put_record(&b, old->v[i].stem, &old->v[i].reads);
	}
	vita_buf path = {0};
	buf_printf(&path, "%s/%s", outdir, BUILD_RECORDS_FILE);
	vita_diags *d = vita_diags_new();
	int rc = write_file_atomic(path.data, b.data, b.len, d);
	vita_diags_free(d); /* a record that cannot be written only costs renders next time */
	buf_free(&path);
	buf_free(&b);
	return rc;
}

void build_records_free(build_records *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].stem);
		vita_reads_free(&r->v[i].reads);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}
