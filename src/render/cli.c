/*
 * `vita render`: one CV to its outputs, with RenderCV's workflow.
 *
 * Besides vita's own options (-o FILE, --format, --dpi, the dumps), it takes what RenderCV's
 * `render` takes: dotted-path overrides (`--cv.phone VALUE`, `--design.theme sb2nov`,
 * `--settings.current_date 2025-01-01`: typed as YAML scalars, applied before validation, see
 * src/load/overlay.c), the split files (`--design FILE`, `--locale-catalog FILE`, `--settings
 * FILE`), the output options (`--output-folder`, `--pdf-path`, … `--dont-generate-png`, which are
 * overrides of settings.render_command) and `--watch` (watch.c).  Output paths: outputs.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "io/io.h"
#include "render/cli.h"
#include "vita.h"
#include "vita/cv.h"
#include "vita/schema.h"
#include "vita/style.h"

static const char *render_help =
    "Usage: vita render FILE [-o OUT] [--format FMT] [--dpi N] [--dump-layout|--dump-compose]\n"
    "                   [--system-fonts] [--watch] [--KEY.PATH VALUE]...\n"
    "Render one CV: RenderCV YAML, JSON Resume, or a file vita import reads (.md homepage, .bib,\n"
    "CV .txt), imported in memory.\n"
    "\n"
    "  -o, --output OUT     one output file: .pdf, .tex, .md, .html, .png, .svg or .zip (the .tex\n"
    "                       with its class, fonts and the photo in one archive); PNG and SVG\n"
    "                       write one file per page: OUT, then NAME-2.png, NAME-3.png, ...\n"
    "                       Without -o, RenderCV's outputs: settings.render_command's paths,\n"
    "                       by default rendercv_output/NAME_IN_SNAKE_CASE_CV.pdf beside FILE\n"
    "                       (folders are created; Markdown, HTML and PNG when their path is set)\n"
    "  -f, --format FMT     pdf, tex, markdown, html, png, svg or zip (default: from OUT's extension)\n"
    "      --dpi N          PNG resolution, 10 to 1200 (default 150)\n"
    "      --dump-layout    print the laid-out pages as text instead of writing a file\n"
    "      --dump-compose   print the composition (what every backend receives) as text\n"
    "      --system-fonts   LaTeX: name installed fonts instead of vita's fonts/ folder\n"
    "      --zip            the LaTeX output as one .zip (-o cv.tex writes cv.zip), for Overleaf\n"
    "      --only TAG       a variant: keep the untagged entries and those tagged TAG (repeatable:\n"
    "                       any of the tags); a section left empty is left out\n"
    "      --except TAG     a variant: leave out the entries and sections tagged TAG (repeatable)\n"
    "      --variant NAME   the variant NAME of settings.variants (its only: and except: tags)\n"
    "      --fit-pages N    fit the CV onto N pages (design.page.fit: N): spacing, then font sizes,\n"
    "                       then margins shrink, each down to its minimum; a note says what changed\n"
    "      --untrusted      the CV is someone else's: read the files it names (photo, from: .bib)\n"
    "                       only inside its own folder (vita build always does)\n"
    "      --allow-path DIR also let it read files inside DIR (repeatable; implies --untrusted)\n"
    "      --timeout SECONDS stop a render that takes longer (0: none; the default, and 60 with\n"
    "                       --untrusted or --allow-path)\n"
    "  -w, --watch          render, then again whenever FILE or a file it uses is saved\n"
    "                       (one line per render; a version with errors keeps the last output)\n"
    "\n"
    "RenderCV's options (paths relative to FILE's folder, as in settings.render_command):\n"
    "      --output-folder DIR, --pdf-path P, --markdown-path P, --html-path P, --png-path P\n"
    "      --typst-path P   (vita writes no Typst: refused with a warning)\n"
    "      --dont-generate-pdf, --dont-generate-markdown, --dont-generate-html,\n"
    "      --dont-generate-png, --dont-generate-typst (no Typst: no PDF and no PNG)\n"
    "      --design FILE, --locale-catalog FILE, --settings FILE\n"
    "                       take the design, locale or settings block from FILE\n"
    "  --cv.KEY VALUE, --design.KEY VALUE, --locale.KEY VALUE, --settings.KEY VALUE\n"
    "                       set a value by its dotted path before the CV is checked, e.g.\n"
    "                       --cv.phone \"+1 415 555 1234\", --design.theme sb2nov,\n"
    "                       --cv.sections.education.0.institution MIT (lists by index); VALUE\n"
    "                       is read as a YAML scalar (2024 a number, true a boolean, 'x' text)\n"
    "  -h, --help           show this help\n";

static int usage(const char *msg)
{
	fprintf(stderr, "vita render: %s\nTry 'vita render --help' for more information.\n", msg);
	return 2;
}

static const char *ext_of(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* Whether writing out would replace the file in: the same inode (also through a hard or symbolic
 * link, or another spelling of the path), or the same resolved path.  `vita render cv.yaml -o
 * cv.yaml` would otherwise destroy the CV it reads. */
static bool same_file(const char *in, const char *out)
{
	struct stat si, so;
	if (stat(in, &si) == 0 && stat(out, &so) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino)
		return true;
	char *ri = realpath(in, NULL), *ro = realpath(out, NULL);
	bool same = ri && ro && strcmp(ri, ro) == 0;
	free(ri);
	free(ro);
	return same;
}

/* ---- one render ---- */

/* The job's inputs for --watch: the CV first (watched even when it could not be read), then every
 * file the render read or looked for (the same record `vita build` keeps). */
static void record_inputs(vita_render_job *job, vita_reads *rd)
{
	for (size_t i = 0; i < job->ninputs; i++)
		free(job->inputs[i]);
	free(job->inputs);
	job->inputs = xcalloc(rd->n + 1, sizeof *job->inputs);
	job->ninputs = 0;
	job->inputs[job->ninputs++] = xstrdup(job->in);
	char *in = realpath(job->in, NULL);
	for (size_t i = 0; i < rd->n; i++)
		if (rd->paths[i][0] != '#' && (!in || strcmp(rd->paths[i], in) != 0)) /* '#': no file */
			job->inputs[job->ninputs++] = xstrdup(rd->paths[i]);
	free(in);
}

/* The outputs: -o's one file, or the CV's render_command (outputs.c). */
static int plan_outputs(vita_render_job *job, const vita_cv *cv, vita_output_plan *p, vita_diags *d)
{
	if (!job->out) {
		vita_cv plain;
		if (cv->settings.render.names_outputs && vita_env_get()->confined) {
			/* someone else's CV does not choose where a service writes (issue 10): RenderCV's
			 * default paths beside it, as if render_command named none */
			vita_diag(d, VITA_WARNING, cv->settings.render.first,
			          "settings.render_command: output paths and dont_generate_* are ignored under "
			          "--untrusted (the output is rendercv_output/NAME_IN_SNAKE_CASE_CV.pdf beside the CV, or -o)");
			plain = *cv;
			memset(&plain.settings.render, 0, sizeof plain.settings.render);
			cv = &plain;
		}
		int rc = vita_output_plan_make(cv, job->in, job->format, p, d);
		/* --variant: NAME_CV--VARIANT.pdf beside the CV's own outputs, not over them */
		for (size_t i = 0; rc == 0 && job->variant && i < p->n; i++) {
			char *v = vita_variant_path(p->path[i], job->variant);
			free(p->path[i]);
			p->path[i] = v;
		}
		return rc;
	}
	memset(p, 0, sizeof *p);
	p->n = 1;
	p->be[0] = job->format ? job->format : vita_backend_find("pdf");
	p->path[0] = xstrdup(job->out);
	if (cv->settings.render.names_outputs)
		vita_diag(d, VITA_NOTE, cv->settings.render.first,
		          "settings.render_command's output paths are not used: -o names the output");
	return 0;
}

/* Checks every output before any work: not the CV itself, not a device or folder (S1). */
static int check_targets(const vita_render_job *job, const vita_output_plan *p, vita_diags *d)
{
	for (size_t i = 0; i < p->n; i++) {
		if (same_file(job->in, p->path[i])) {
			vita_diag(d, VITA_ERROR, (vita_pos){0},
			          "the output `%s` is the input file `%s`; rendering would overwrite the CV. Choose "
			          "another -o (e.g. a .pdf file)",
			          p->path[i], job->in);
			return -1;
		}
		char *target = output_target(p->path[i], d);
		if (!target)
			return -1;
		free(target);
	}
	return 0;
}

static int write_outputs(vita_render_job *job, const vita_comp *c, vita_output_plan *p, vita_diags *d)
{
	if (check_targets(job, p, d) != 0 || vita_output_dirs_make(p, d) != 0) {
		vita_output_dirs_undo(p);
		return -1;
	}
	int rc = vita_render_comp(c, p->n, p->be, (const char *const *)p->path, &job->ro, d);
	if (rc != 0 || vita_diags_count(d, VITA_ERROR)) {
		vita_output_dirs_undo(p);
		return -1;
	}
	vita_buf b = {0};
	for (size_t i = 0; i < p->n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", p->path[i]);
	free(job->written);
	job->written = xstrdup(buf_str(&b));
	buf_free(&b);
	return 0;
}

/* The job's CV, as the variant asked for (--only, --except) when one is. */
static vita_cv *job_cv(const vita_render_job *job, vita_diags *d)
{
	vita_cv *cv = vita_profile_load_opts(job->in, &job->load, d);
	if (cv && job->variant && !vita_diags_count(d, VITA_ERROR))
		vita_cv_select_variant(cv, job->variant, d);
	if (cv && (job->nonly || job->nexcept)) {
		vita_select sel = {job->only, job->nonly, job->except, job->nexcept};
		vita_cv_select(cv, &sel, d);
	}
	return cv;
}

static int render_once(vita_render_job *job, vita_diags *d)
{
	vita_cv *cv = job_cv(job, d);
	vita_style *st = cv && !vita_diags_count(d, VITA_ERROR) ? vita_style_load(cv, d) : NULL;
	int rc = -1;
	if (st && !vita_diags_count(d, VITA_ERROR)) {
		vita_style fitted; /* design.page.fit: a scaled copy of st (fit.c) */
		vita_comp *c = vita_compose(cv, vita_fit_style(cv, st, &fitted, d), d);
		vita_output_plan p;
		/* a composition with errors (text expanded past its bound) is not rendered */
		if (!vita_diags_count(d, VITA_ERROR) && plan_outputs(job, cv, &p, d) == 0) {
			rc = write_outputs(job, c, &p, d);
			vita_output_plan_free(&p);
		}
		vita_comp_free(c);
	}
	vita_style_free(st);
	vita_cv_free(cv);
	return rc == 0 && !vita_diags_count(d, VITA_ERROR) ? 0 : -1;
}

int vita_render_job_run(vita_render_job *job, vita_diags *d)
{
	vita_reads rd;
	vita_reads_begin(&rd);
	deadline_start(job->timeout); /* checked by the layout's loops (R6) */
	int rc = render_once(job, d);
	deadline_stop();
	vita_reads_end();
	record_inputs(job, &rd);
	vita_reads_free(&rd);
	return rc;
}

void vita_render_job_free(vita_render_job *job)
{
	for (size_t i = 0; i < job->ninputs; i++)
		free(job->inputs[i]);
	free(job->inputs);
	free(job->written);
	free((void *)job->load.overrides);
	memset(job, 0, sizeof *job);
}

/* ---- the command line ---- */


/* The dumps: the composition, or the laid-out pages, as text on standard output. */
static int render_dump(const vita_render_job *job, bool layout)
{
	vita_diags *d = vita_diags_new();
	vita_cv *cv = job_cv(job, d);
	vita_style *st = cv && !vita_diags_count(d, VITA_ERROR) ? vita_style_load(cv, d) : NULL;
	if (st && !vita_diags_count(d, VITA_ERROR)) {
		vita_style fitted;
		vita_comp *c = vita_compose(cv, vita_fit_style(cv, st, &fitted, d), d);
		if (vita_diags_count(d, VITA_ERROR)) {
			/* nothing to show: the messages say why */
		} else if (!layout) {
			vita_comp_dump(c, stdout);
		} else {
			vita_doc *doc = vita_layout_comp(c, d);
			if (doc)
				vita_doc_dump(doc, stdout);
			vita_doc_free(doc);
		}
		vita_comp_free(c);
	}
	vita_style_free(st);
	vita_cv_free(cv);
	return vita_diags_finish(d);
}

static void add_override(vita_render_job *job, size_t *cap, const char *path, const char *value)
{
	vita_override *o = (vita_override *)job->load.overrides;
	if (job->load.noverrides == *cap)
		o = xrealloc(o, (*cap = *cap ? *cap * 2 : 8) * sizeof *o);
	o[job->load.noverrides++] = (vita_override){path, value};
	job->load.overrides = o;
}

static bool is_override(const char *a)
{
	static const char *const tops[] = {"--cv.", "--design.", "--locale.", "--settings."};
	for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++)
		if (strncmp(a, tops[i], strlen(tops[i])) == 0)
			return true;
	return false;
}

/* Takes the overrides out of argv (into job), leaving the rest for getopt; -1 on bad usage. */
static int take_overrides(int *argc, char **argv, vita_render_job *job, size_t *cap)
{
	int k = 1;
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[k++] = argv[i++];
			break;
		}
		if (!is_override(argv[i])) {
			argv[k++] = argv[i];
			continue;
		}
		char *eq = strchr(argv[i], '=');
		if (eq) {
			*eq = 0;
			add_override(job, cap, argv[i] + 2, eq + 1);
		} else if (i + 1 < *argc) {
			add_override(job, cap, argv[i] + 2, argv[i + 1]);
			i++;
		} else {
			fprintf(stderr, "vita render: %s needs a value (--cv.phone VALUE)\n", argv[i]);
			return -1;
		}
	}
	*argc = k;
	argv[k] = NULL;
	return 0;
}

enum { O_DUMP_LAYOUT = 256, O_DUMP_COMPOSE, O_SYSTEM_FONTS, O_DPI, O_DESIGN, O_LOCALE, O_SETTINGS, O_RC_PATH,
       O_RC_FLAG, O_UNTRUSTED, O_ALLOW_PATH, O_ONLY, O_EXCEPT, O_TIMEOUT, O_VARIANT, O_FIT_PAGES, O_ZIP };

/* RenderCV's output options, as overrides of settings.render_command (its own rule). */
static const struct option opts[] = {
    {"output", required_argument, 0, 'o'},           {"format", required_argument, 0, 'f'},
    {"dump-layout", no_argument, 0, O_DUMP_LAYOUT},  {"dump-compose", no_argument, 0, O_DUMP_COMPOSE},
    {"system-fonts", no_argument, 0, O_SYSTEM_FONTS}, {"dpi", required_argument, 0, O_DPI},
    {"zip", no_argument, 0, O_ZIP},
    {"watch", no_argument, 0, 'w'},                  {"design", required_argument, 0, O_DESIGN},
    {"locale-catalog", required_argument, 0, O_LOCALE}, {"settings", required_argument, 0, O_SETTINGS},
    {"output-folder", required_argument, 0, O_RC_PATH}, {"pdf-path", required_argument, 0, O_RC_PATH},
    {"markdown-path", required_argument, 0, O_RC_PATH}, {"html-path", required_argument, 0, O_RC_PATH},
    {"png-path", required_argument, 0, O_RC_PATH},   {"typst-path", required_argument, 0, O_RC_PATH},
    {"dont-generate-pdf", no_argument, 0, O_RC_FLAG}, {"dont-generate-markdown", no_argument, 0, O_RC_FLAG},
    {"dont-generate-html", no_argument, 0, O_RC_FLAG}, {"dont-generate-png", no_argument, 0, O_RC_FLAG},
    {"dont-generate-typst", no_argument, 0, O_RC_FLAG}, {"help", no_argument, 0, 'h'},
    {"untrusted", no_argument, 0, O_UNTRUSTED},      {"allow-path", required_argument, 0, O_ALLOW_PATH},
    {"only", required_argument, 0, O_ONLY},          {"except", required_argument, 0, O_EXCEPT},
    {"timeout", required_argument, 0, O_TIMEOUT},
    {"variant", required_argument, 0, O_VARIANT},    {"fit-pages", required_argument, 0, O_FIT_PAGES},
    {0, 0, 0, 0}};

/* "pdf-path" → "settings.render_command.pdf_path" (kept for the run: the overrides point at it). */
static char *rc_key(const char *opt)
{
	vita_buf b = {0};
	buf_printf(&b, "settings.render_command.%s", opt);
	char *s = xstrdup(buf_str(&b));
	buf_free(&b);
	for (char *p = s + strlen("settings.render_command."); *p; p++)
		if (*p == '-')
			*p = '_';
	return s;
}

typedef struct cli_state {
	vita_render_job job;
	size_t cap;
	char *keys[16]; /* rc_key strings to free */
	size_t nkeys;
	bool dump_layout, dump_compose, watch, untrusted, timeout_set, zip;
	const char *format;
	size_t nallow;
} cli_state;

/* --allow-path names a folder that exists: a misspelt one would widen nothing, without a word. */
static bool is_folder(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* --allow-path: the environment keeps pointers to these for the whole run */
static const char *allow_paths[64];

static int parse_option(cli_state *s, int c, int idx)
{
	switch (c) {
	case 'o': s->job.out = optarg; return 0;
	case 'f': s->format = optarg; return 0;
	case 'w': s->watch = true; return 0;
	case O_DUMP_LAYOUT: s->dump_layout = true; return 0;
	case O_DUMP_COMPOSE: s->dump_compose = true; return 0;
	case O_SYSTEM_FONTS: s->job.ro.system_fonts = true; return 0;
	case O_ZIP: s->zip = true; s->format = "zip"; return 0;
	case O_UNTRUSTED: s->untrusted = true; return 0;
	case O_TIMEOUT:
		if (deadline_parse(optarg, &s->job.timeout) != 0)
			return usage("--timeout must be a number of seconds from 0 (none) to 86400");
		s->timeout_set = true;
		return 0;
	case O_ONLY:
	case O_EXCEPT: {
		size_t *n = c == O_ONLY ? &s->job.nonly : &s->job.nexcept;
		if (*n == 32)
			return usage("--only and --except may each be given at most 32 times");
		(c == O_ONLY ? s->job.only : s->job.except)[(*n)++] = optarg;
		return 0;
	}
	case O_VARIANT: s->job.variant = optarg; return 0;
	case O_FIT_PAGES: { /* an override of design.page.fit, which the style checks as the file's */
		char *end;
		long n = strtol(optarg, &end, 10);
		if (*end || end == optarg || n < 1 || n > 99)
			return usage("--fit-pages must be a whole number of pages from 1 to 99");
		add_override(&s->job, &s->cap, "design.page.fit", optarg);
		return 0;
	}
	case O_ALLOW_PATH:
		if (s->nallow == sizeof allow_paths / sizeof allow_paths[0])
			return usage("--allow-path may be given at most 64 times");
		if (!is_folder(optarg)) /* a typo would allow nothing, silently */
			return usage("--allow-path must name an existing folder");
		allow_paths[s->nallow++] = optarg;
		return 0;
	case O_DESIGN: s->job.load.design_file = optarg; return 0;
	case O_LOCALE: s->job.load.locale_file = optarg; return 0;
	case O_SETTINGS: s->job.load.settings_file = optarg; return 0;
	case O_RC_PATH:
	case O_RC_FLAG:
		if (s->nkeys == sizeof s->keys / sizeof s->keys[0])
			return usage("too many output options");
		s->keys[s->nkeys] = rc_key(opts[idx].name);
		add_override(&s->job, &s->cap, s->keys[s->nkeys++], c == O_RC_FLAG ? "true" : optarg);
		return 0;
	case O_DPI: {
		char *end;
		s->job.ro.dpi = strtod(optarg, &end);
		if (*end || !(s->job.ro.dpi >= 10 && s->job.ro.dpi <= 1200))
			return usage("--dpi must be a number from 10 to 1200");
		return 0;
	}
	case 'h': fputs(render_help, stdout); return 1;
	default: return usage("unknown option");
	}
}

/* The backend from --format or -o's extension; NULL with *bad set on a usage error. */
static const vita_backend *pick_format(const cli_state *s, int *bad)
{
	*bad = 0;
	if (s->format) {
		const vita_backend *be = vita_backend_find(s->format);
		if (!be)
			*bad = usage("--format must be pdf, tex, markdown, html, png, svg or zip");
		return be;
	}
	if (!s->job.out)
		return NULL;
	const vita_backend *be = vita_backend_find(ext_of(s->job.out));
	if (!be) {
		fprintf(stderr, "vita render: cannot tell the format of '%s' from its extension: vita writes %s "
		                "(or give --format; for a folder, --output-folder DIR)\n",
		        s->job.out, vita_backend_exts());
		*bad = 2;
	}
	return be;
}

static int run(cli_state *s)
{
	int bad;
	if (s->untrusted || s->nallow) {
		vita_env_confine(allow_paths, s->nallow);
		if (!s->timeout_set) /* someone else's CV: bounded time unless the operator says otherwise */
			s->job.timeout = 60;
	}
	if (s->job.out && same_file(s->job.in, s->job.out)) { /* before the extension: -o cv.yaml */
		vita_diags *d = vita_diags_new();
		vita_output_plan p = {.n = 1, .path = {(char *)s->job.out}};
		check_targets(&s->job, &p, d);
		return vita_diags_finish(d);
	}
	if (s->zip && s->job.out && strcmp(ext_of(s->job.out), "tex") == 0 && s->nkeys < 16) {
		char *z = xstrdup(s->job.out); /* --zip with -o cv.tex: cv.zip */
		memcpy(z + strlen(z) - 3, "zip", 3);
		s->job.out = s->keys[s->nkeys++] = z;
	}
	s->job.format = pick_format(s, &bad);
	if (bad)
		return bad;
	if (s->dump_layout || s->dump_compose)
		return render_dump(&s->job, s->dump_layout);
	tmp_cleanup_on_signals(); /* a kill leaves no temporary (P3) */
	if (s->watch)
		return vita_watch(&s->job, vita_diags_color());
	vita_diags *d = vita_diags_new();
	int rc = vita_render_job_run(&s->job, d);
	int status = vita_diags_finish(d);
	if (rc == 0 && !s->job.out)
		fprintf(stderr, "vita render: wrote %s\n", s->job.written); /* the user did not name it */
	return status;
}

int vita_render_main(int argc, char **argv)
{
	cli_state s = {0};
	char **args = xcalloc((size_t)argc + 1, sizeof *args);
	memcpy(args, argv, (size_t)argc * sizeof *args);
	int status = take_overrides(&argc, args, &s.job, &s.cap) ? 2 : -1;
	int c, idx = 0;
	optind = 1;
	while (status < 0 && (c = getopt_long(argc, args, "o:f:wh", opts, &idx)) != -1) {
		int r = parse_option(&s, c, idx);
		if (r)
			status = r == 1 ? 0 : r;
	}
	if (status < 0) {
		if (optind != argc - 1)
			status = usage("expects exactly one input file");
		else if (s.job.out && !*s.job.out)
			status = usage("-o needs a file name");
		else {
			s.job.in = args[optind];
			status = run(&s);
		}
	}
	for (size_t i = 0; i < s.nkeys; i++)
		free(s.keys[i]);
	vita_render_job_free(&s.job);
	free(args);
	return status;
}
