/*
 * The commands that work on one CV as a RenderCV user does: `vita render` (with RenderCV's
 * output paths, command-line overrides and --watch) and `vita new` (a starter file).  Shared by
 * src/render/cli.c, outputs.c, watch.c and new.c; main.c sees only the two entry points.
 */
#ifndef VITA_RENDER_CLI_H
#define VITA_RENDER_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "vita.h"

/* Run `vita render ARGS…` / `vita new ARGS…` (argv[0] is the command); the exit status. */
int vita_render_main(int argc, char **argv);
int vita_new_main(int argc, char **argv);

/* ---- where one render writes (outputs.c) ---- */

#define VITA_PLAN_MAX 6
typedef struct vita_output_plan {
	size_t n;
	const vita_backend *be[VITA_PLAN_MAX];
	char *path[VITA_PLAN_MAX];
	char *created[32]; /* folders made for the outputs, removed again if the render fails */
	size_t ncreated;
} vita_output_plan;

/* The outputs named by the CV's settings.render_command, with RenderCV's defaults
 * (rendercv_output/NAME_IN_SNAKE_CASE_CV.pdf beside the CV); with only, that format's file alone.
 * 0, or -1 after an error in d. */
int vita_output_plan_make(const vita_cv *cv, const char *in, const vita_backend *only, vita_output_plan *p,
                          vita_diags *d);
void vita_output_plan_free(vita_output_plan *p);
/* Creates the folders the plan's paths need (recorded in created); -1 after an error. */
int vita_output_dirs_make(vita_output_plan *p, vita_diags *d);
/* Removes the folders vita_output_dirs_make created, if they are still empty. */
void vita_output_dirs_undo(vita_output_plan *p);

/* ---- one render, as --watch repeats it (cli.c) ---- */

typedef struct vita_render_job {
	const char *in;               /* the CV */
	const char *out;              /* -o, or NULL */
	const vita_backend *format;   /* --format or -o's extension; NULL = from the plan */
	vita_load_opts load;          /* overrides and split files */
	vita_render_opts ro;
	const char *only[32], *except[32]; /* --only TAG, --except TAG: a variant (vita_cv_select) */
	double timeout;               /* --timeout: seconds for one render; 0 none */
	size_t nonly, nexcept;
	const char *variant;          /* --variant NAME: settings.variants' selection of that name */
	/* filled by each render: the files it read (the CV first), for --watch */
	char **inputs;
	size_t ninputs;
	/* filled by each render: what was written, for the watch line ("→ cv.pdf") */
	char *written;
} vita_render_job;

/* Loads, composes and writes the job's outputs; 0 on success.  Diagnostics go to d. */
int vita_render_job_run(vita_render_job *job, vita_diags *d);
void vita_render_job_free(vita_render_job *job);

/* Renders, then again each time one of the job's inputs is saved (watch.c); never returns unless
 * inotify fails (exit status 1). */
int vita_watch(vita_render_job *job, bool color);

#endif
