/*
 * What `vita build` shows while it works.
 *
 * On a terminal: one line redrawn in place (count, percent, the profile just finished, elapsed
 * time), with each profile's diagnostics printed above it as they come.  In a log (stderr is not a
 * terminal): one plain line per profile, `[12/1000] content/jane.yaml ok`, after its diagnostics.
 * With -q: only the diagnostics of profiles that failed.  Profiles skipped as up to date print
 * nothing; the summary counts them.  Reports arrive in completion order under the pool's lock.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "build/batch.h"

static double seconds(struct timespec a, struct timespec b)
{
	return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
}

static struct timespec now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t;
}

void build_progress_init(build_progress *p, build_progress_mode mode, FILE *out, size_t total)
{
	memset(p, 0, sizeof *p);
	p->mode = mode;
	p->out = out;
	p->total = total;
	p->start = now();
	p->width = 80;
	struct winsize ws;
	if (mode == PROGRESS_BAR && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		p->width = ws.ws_col;
}

double build_progress_elapsed(const build_progress *p)
{
	return seconds(p->start, now());
}

static void erase(build_progress *p)
{
	if (!p->drawn)
		return;
	fprintf(p->out, "\r%*s\r", (int)p->drawn, "");
	p->drawn = 0;
}

/* [#########...........]  12/1000   1%  2.1 s  content/jane.yaml — cut to the terminal's width
 * (one column spare, so the cursor never wraps). */
static void draw(build_progress *p, const char *name)
{
	char line[512];
	int bar = 20, fill = p->total ? (int)(p->done * (size_t)bar / p->total) : bar;
	int n = snprintf(line, sizeof line, "[%.*s%.*s] %zu/%zu %3d%%  %.1f s  %s", fill,
	                 "####################", bar - fill, "....................", p->done, p->total,
	                 p->total ? (int)(p->done * 100 / p->total) : 100, build_progress_elapsed(p), name);
	if (n < 0)
		return;
	size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
	if (len > (size_t)p->width - 1)
		len = (size_t)p->width - 1;
	/* Never cut a UTF-8 sequence in the middle. */
	while (len > 0 && ((unsigned char)line[len] & 0xC0) == 0x80)
		len--;
	fputc('\r', p->out);
	fwrite(line, 1, len, p->out);
	if (len < p->drawn)
		fprintf(p->out, "%*s\r", (int)(p->drawn - len), "");
	/* After padding the cursor is at column 0; the next redraw starts with \r anyway. */
	p->drawn = len;
	fflush(p->out);
	p->last_draw = now();
}

void build_progress_report(void *ctx, const build_job *job, build_status st, const char *msgs)
{
	build_progress *p = ctx;
	if (st == BUILD_SKIPPED)
		return;
	p->done++;
	bool has_msgs = msgs && *msgs;
	switch (p->mode) {
	case PROGRESS_QUIET:
		if (st == BUILD_FAILED && has_msgs)
			fputs(msgs, p->out);
		break;
	case PROGRESS_LINES: {
		if (has_msgs)
			fputs(msgs, p->out);
		char *name = visible_dup(job->input); /* a file name may hold escapes or newlines (S3) */
		fprintf(p->out, "[%zu/%zu] %s %s\n", p->done, p->total, name, st == BUILD_OK ? "ok" : "FAILED");
		free(name);
		break;
	}
	case PROGRESS_BAR:
		if (has_msgs) {
			erase(p);
			fputs(msgs, p->out);
		}
		/* Redrawing a thousand times a second costs more than it shows. */
		if (has_msgs || p->done == p->total || seconds(p->last_draw, now()) >= 0.05) {
			char *name = visible_dup(job->input);
			draw(p, name);
			free(name);
		}
		break;
	}
	fflush(p->out);
}

void build_progress_end(build_progress *p)
{
	if (p->mode == PROGRESS_BAR)
		erase(p);
	fflush(p->out);
}
