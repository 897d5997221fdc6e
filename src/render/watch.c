/*
 * `vita render --watch`: render, then render again each time an input is saved — a live preview,
 * since a render takes milliseconds.
 *
 * inotify watches the folder of every input (the CV, its split design/locale files, its photo,
 * its .bib files), not the files: editors save by writing a new file and renaming it over the
 * old one, which a watch on the file itself would lose after the first save.  An event counts
 * when its name is one of the inputs of that folder (the outputs and the editors' temporaries
 * are ignored); the events of one save (write, rename, attributes) are gathered for a short
 * quiet time and give one render.  The list of inputs is taken again after every render, since
 * the CV may now name another photo or design file.  A version with errors writes nothing (every
 * render is all-or-nothing), so the last good output stays; each render prints one line with its
 * time of day, what it wrote and how long it took.  Ctrl-C ends it (exit status 130).
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "render/cli.h"
#include "style/fonts.h"

#define QUIET_MS 15 /* one save's events arrive within this; more would add to every render's latency */

typedef struct watched {
	int wd;
	char *dir;
} watched;

typedef struct watcher {
	int fd;
	watched *w;
	size_t n, cap;
} watcher;

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	char *r = xmalloc((size_t)(slash - path) + 1);
	memcpy(r, path, (size_t)(slash - path));
	r[slash - path] = 0;
	return r;
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Watches the folder of every input (a folder already watched is kept). */
static void watch_inputs(watcher *wt, const vita_render_job *job)
{
	for (size_t i = 0; i < job->ninputs; i++) {
		char *dir = dir_of(job->inputs[i]);
		bool have = false;
		for (size_t j = 0; j < wt->n && !have; j++)
			have = strcmp(wt->w[j].dir, dir) == 0;
		int wd = have ? -1 : inotify_add_watch(wt->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_ATTRIB);
		if (wd < 0) {
			if (!have)
				fprintf(stderr, "vita render: warning: cannot watch the folder %s: %s\n", dir, strerror(errno));
			free(dir);
			continue;
		}
		if (wt->n == wt->cap)
			wt->w = xrealloc(wt->w, (wt->cap = wt->cap ? wt->cap * 2 : 4) * sizeof *wt->w);
		wt->w[wt->n++] = (watched){wd, dir};
	}
}

/* Whether the event names an input of the folder it came from. */
static bool is_input(const watcher *wt, const vita_render_job *job, const struct inotify_event *ev)
{
	if (!ev->len)
		return false;
	for (size_t j = 0; j < wt->n; j++) {
		if (wt->w[j].wd != ev->wd)
			continue;
		for (size_t i = 0; i < job->ninputs; i++) {
			char *dir = dir_of(job->inputs[i]);
			bool same = strcmp(dir, wt->w[j].dir) == 0 && strcmp(base_of(job->inputs[i]), ev->name) == 0;
			free(dir);
			if (same)
				return true;
		}
	}
	return false;
}

/* Reads what is pending; true if an input changed. */
static bool drain(const watcher *wt, const vita_render_job *job)
{
	_Alignas(struct inotify_event) char buf[4096];
	bool hit = false;
	ssize_t n;
	while ((n = read(wt->fd, buf, sizeof buf)) > 0)
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			hit |= is_input(wt, job, ev);
			p += sizeof *ev + ev->len;
		}
	return hit;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* One render and its line: "12:04:31 cv.yaml → rendercv_output/Jane_Doe_CV.pdf (23 ms)".  Every
 * render after the first reads the font folders again (a font added to the fonts/ beside the CV
 * while watching is used at the next save); the catalogues cost 0.1 M instructions to rebuild. */
static void render_and_report(vita_render_job *job, bool color, bool again)
{
	if (again)
		vita_font_catalogue_forget(NULL);
	double t0 = now_ms();
	vita_diags *d = vita_diags_new();
	int rc = vita_render_job_run(job, d);
	double ms = now_ms() - t0;
	vita_diags_print(d, stderr, color);
	size_t errors = vita_diags_count(d, VITA_ERROR);
	vita_diags_free(d);
	time_t wall = time(NULL);
	char hms[16];
	strftime(hms, sizeof hms, "%H:%M:%S", localtime(&wall));
	if (rc == 0)
		fprintf(stderr, "%s %s → %s (%.0f ms)\n", hms, job->in, job->written, ms);
	else
		fprintf(stderr, "%s %s: %zu error%s; nothing written (the last good output is kept)\n", hms, job->in,
		        errors, errors == 1 ? "" : "s");
	fflush(stderr);
}

int vita_watch(vita_render_job *job, bool color)
{
	watcher wt = {.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)};
	if (wt.fd < 0) {
		fprintf(stderr, "vita render: error: --watch needs inotify: %s\n", strerror(errno));
		return 1;
	}
	render_and_report(job, color, false);
	watch_inputs(&wt, job);
	fprintf(stderr, "watching %zu file%s for changes (Ctrl-C to stop)\n", job->ninputs, job->ninputs == 1 ? "" : "s");
	struct pollfd pf = {.fd = wt.fd, .events = POLLIN};
	for (;;) {
		if (poll(&pf, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (!drain(&wt, job))
			continue;
		/* the rest of this save's events (an editor's write, rename and chmod) */
		while (poll(&pf, 1, QUIET_MS) > 0)
			drain(&wt, job);
		render_and_report(job, color, true);
		watch_inputs(&wt, job);
	}
	fprintf(stderr, "vita render: error: --watch stopped: %s\n", strerror(errno));
	for (size_t i = 0; i < wt.n; i++)
		free(wt.w[i].dir);
	free(wt.w);
	close(wt.fd);
	return 1;
}
