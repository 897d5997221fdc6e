/*
 * The incremental check: a profile whose outputs are all newer than everything they are made from
 * is skipped, so re-running `vita build` after editing three profiles of a thousand renders three.
 *
 * "Everything they are made from" is the profile, its style and, for PDF, the fonts.  The theme is
 * only known once the profile is loaded, which is most of the work the check wants to avoid, so a
 * change to any file in styles/ counts for every profile.  Outputs must be strictly newer: on a file
 * system with coarse timestamps an edit in the same tick as the last render re-renders rather than
 * being missed.
 */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "build/batch.h"

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

bool build_is_fresh(const build_job *job, struct timespec deps)
{
	struct stat st;
	if (stat(job->input, &st) != 0)
		return false; /* let the renderer report it */
	struct timespec since = later(st.st_mtim, deps) ? st.st_mtim : deps;
	if (!job->out_pdf && !job->out_tex)
		return false;
	return (!job->out_pdf || output_fresh(job->out_pdf, since)) &&
	       (!job->out_tex || output_fresh(job->out_tex, since));
}

size_t build_mark_fresh(build_list *l, struct timespec deps)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += (l->v[i].fresh = build_is_fresh(&l->v[i], deps));
	return n;
}
