/*
 * The `vita` command: check, dump, render, build.
 *
 * Exit status: 0 success (warnings allowed), 1 when any error was reported, 2 for bad usage —
 * the convention of compilers and linters, so scripts and make can rely on it.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "build/build.h"
#include "vita.h"
#include "vita/cv.h"

static const char *usage_text =
    "Usage: vita COMMAND [OPTION]... FILE...\n"
    "Render CVs written as RenderCV YAML (or JSON Resume) to PDF and LaTeX.\n"
    "\n"
    "Commands:\n"
    "  check FILE...            validate CV files and report every problem\n"
    "  dump FILE                print the CV as vita understood it (normalized)\n"
    "  render FILE -o OUT       write OUT.pdf or OUT.tex\n"
    "  build [DIR|FILE]... -o DIR  render every profile found, in parallel\n"
    "  import FILE... [-o OUT]  read a homepage, .bib or CV text into vita YAML\n"
    "\n"
    "Options:\n"
    "  -h, --help               show this help (or a command's: vita COMMAND --help)\n"
    "  -V, --version            show the version\n"
    "\n"
    "Environment: VITA_DATA_DIR (styles/ and fonts/), SOURCE_DATE_EPOCH (fixed dates),\n"
    "NO_COLOR (plain diagnostics).\n";

static const char *check_help =
    "Usage: vita check FILE...\n"
    "Validate CV files (loaded, styled and laid out, nothing written); print every error and\n"
    "warning as path:line:col: severity: message.\n"
    "Exit status 1 if any file has an error.\n";

static const char *dump_help =
    "Usage: vita dump FILE\n"
    "Print the CV as vita understood it: every field, normalized, with its source line.\n";

static const char *render_help =
    "Usage: vita render FILE [-o OUT] [--format FMT] [--dpi N] [--dump-layout|--dump-compose]\n"
    "                   [--system-fonts]\n"
    "Render one CV: RenderCV YAML, JSON Resume, or a file vita import reads (.md homepage, .bib,\n"
    "CV .txt), imported in memory.\n"
    "\n"
    "  -o, --output OUT     output file: .pdf, .tex, .md, .html, .png or .svg (default: FILE's\n"
    "                       name with .pdf, in the current folder); PNG and SVG write one file\n"
    "                       per page: OUT, then NAME-2.png, NAME-3.png, ...\n"
    "  -f, --format FMT     pdf, tex, markdown, html, png or svg (default: from OUT's extension)\n"
    "      --dpi N          PNG resolution, 10 to 1200 (default 150)\n"
    "      --dump-layout    print the laid-out pages as text instead of writing a file\n"
    "      --dump-compose   print the composition (what every backend receives) as text\n"
    "      --system-fonts   LaTeX: name installed fonts instead of vita's fonts/ folder\n"
    "      --untrusted      the CV is someone else's: read the files it names (photo, from: .bib)\n"
    "                       only inside its own folder (vita build always does)\n"
    "      --allow-path DIR also let it read files inside DIR (repeatable; implies --untrusted)\n"
    "  -h, --help           show this help\n";

static bool use_color(void)
{
	return isatty(2) && !vita_env_get()->no_color;
}

static int finish(vita_diags *d)
{
	vita_diags_print(d, stderr, use_color());
	int rc = vita_diags_count(d, VITA_ERROR) ? 1 : 0;
	vita_diags_free(d);
	return rc;
}

static int want_help(int argc, char **argv, const char *help)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(help, stdout);
			return 1;
		}
	}
	return 0;
}

/* --allow-path names a folder that exists: a misspelt one would widen nothing, without a word. */
static bool is_folder(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int usage_error(const char *cmd, const char *msg)
{
	fprintf(stderr, "vita %s: %s\nTry 'vita %s --help' for more information.\n", cmd, msg, cmd);
	return 2;
}

static int cmd_check(int argc, char **argv)
{
	if (want_help(argc, argv, check_help))
		return 0;
	if (argc < 2)
		return usage_error("check", "no file given");
	vita_diags *d = vita_diags_new();
	for (int i = 1; i < argc; i++) {
		vita_cv *cv = vita_profile_load(argv[i], d);
		size_t errors = vita_diags_count(d, VITA_ERROR);
		vita_style *st = cv ? vita_style_load(cv, d) : NULL;
		/* Laid out, not written, so that what only rendering finds (characters no font has, text
		 * off the page, a connection wider than the header) is reported too (M5). */
		if (st && vita_diags_count(d, VITA_ERROR) == errors)
			vita_doc_free(vita_layout(cv, st, d));
		vita_style_free(st);
		vita_cv_free(cv);
	}
	return finish(d);
}

static int cmd_dump(int argc, char **argv)
{
	if (want_help(argc, argv, dump_help))
		return 0;
	if (argc != 2)
		return usage_error("dump", "expects exactly one file");
	vita_diags *d = vita_diags_new();
	vita_cv *cv = vita_profile_load(argv[1], d);
	if (cv)
		vita_cv_dump(cv, stdout);
	vita_cv_free(cv);
	return finish(d);
}

static const char *ext(const char *path)
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

/* The dumps: the composition, or the laid-out pages, as text on standard output. */
static int render_dump(const char *in, bool layout, vita_diags *d)
{
	vita_cv *cv = vita_profile_load(in, d);
	vita_style *st = cv && !vita_diags_count(d, VITA_ERROR) ? vita_style_load(cv, d) : NULL;
	if (st && !vita_diags_count(d, VITA_ERROR)) {
		vita_comp *c = vita_compose(cv, st, d);
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
	return finish(d);
}

static int cmd_render(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"output", required_argument, 0, 'o'},  {"format", required_argument, 0, 'f'},
	    {"dump-layout", no_argument, 0, 'L'},   {"dump-compose", no_argument, 0, 'C'},
	    {"system-fonts", no_argument, 0, 'S'},  {"dpi", required_argument, 0, 'D'},
	    {"untrusted", no_argument, 0, 'U'},     {"allow-path", required_argument, 0, 'P'},
	    {"help", no_argument, 0, 'h'},          {0, 0, 0, 0}};
	const char *out = NULL, *format = NULL;
	bool dump_layout = false, dump_compose = false, untrusted = false;
	static const char *allow[64]; /* the environment keeps pointers to them */
	size_t nallow = 0;
	vita_render_opts ro = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'f': format = optarg; break;
		case 'L': dump_layout = true; break;
		case 'C': dump_compose = true; break;
		case 'S': ro.system_fonts = true; break;
		case 'D': {
			char *end;
			ro.dpi = strtod(optarg, &end);
			if (*end || !(ro.dpi >= 10 && ro.dpi <= 1200))
				return usage_error("render", "--dpi must be a number from 10 to 1200");
			break;
		}
		case 'U': untrusted = true; break;
		case 'P':
			if (nallow == sizeof allow / sizeof allow[0])
				return usage_error("render", "--allow-path may be given at most 64 times");
			if (!is_folder(optarg)) /* a typo would allow nothing, silently */
				return usage_error("render", "--allow-path must name an existing folder");
			allow[nallow++] = optarg;
			break;
		case 'h': fputs(render_help, stdout); return 0;
		default: return usage_error("render", "unknown option");
		}
	}
	if (untrusted || nallow)
		vita_env_confine(allow, nallow);
	if (optind != argc - 1)
		return usage_error("render", "expects exactly one input file");
	if (out && !*out)
		return usage_error("render", "-o needs a file name");
	const char *in = argv[optind];
	if (dump_layout || dump_compose)
		return render_dump(in, dump_layout, vita_diags_new());
	if (out && same_file(in, out)) {
		vita_diags *d = vita_diags_new();
		vita_diag(d, VITA_ERROR, (vita_pos){0},
		          "the output `%s` is the input file `%s`; rendering would overwrite the CV. Choose "
		          "another -o (e.g. a .pdf file)",
		          out, in);
		return finish(d);
	}
	const vita_backend *be = NULL;
	if (format) {
		be = vita_backend_find(format);
		if (!be)
			return usage_error("render", "--format must be pdf, tex, markdown, html, png or svg");
	} else if (out) {
		be = vita_backend_find(ext(out));
		if (!be) {
			fprintf(stderr, "vita render: cannot tell the format of '%s' from its extension: vita writes %s "
			                "(or give --format)\n", out, vita_backend_exts());
			return 2;
		}
	} else {
		be = vita_backend_find("pdf");
	}
	char *def = NULL;
	if (!out) {
		const char *base = strrchr(in, '/') ? strrchr(in, '/') + 1 : in;
		const char *e = ext(base);
		size_t stem = *e ? (size_t)(e - base - 1) : strlen(base);
		size_t n = stem + strlen(be->ext) + 2;
		def = xmalloc(n);
		snprintf(def, n, "%.*s.%s", (int)stem, base, be->ext);
		out = def;
	}
	vita_diags *d = vita_diags_new();
	/* A device, FIFO or folder (or a link to one) is refused before any work (S1). */
	char *target = output_target(out, d);
	if (!target) {
		free(def);
		return finish(d);
	}
	free(target);
	tmp_cleanup_on_signals(); /* a kill leaves no temporary (P3) */
	const char *paths[1] = {out};
	vita_render_file(in, 1, &be, paths, &ro, d);
	free(def);
	return finish(d);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("vita %s\n", VITA_VERSION);
		return 0;
	}
	/* The environment is read once, here; a bad SOURCE_DATE_EPOCH is a usage error (exit 2). */
	vita_env env;
	char err[200];
	if (vita_env_from_process(&env, err, sizeof err) != 0) {
		fprintf(stderr, "vita: %s\n", err);
		return 2;
	}
	vita_env_set(&env);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(cmd, "dump") == 0)
		return cmd_dump(argc - 1, argv + 1);
	if (strcmp(cmd, "render") == 0)
		return cmd_render(argc - 1, argv + 1);
	if (strcmp(cmd, "build") == 0)
		return vita_build_main(argc - 1, argv + 1);
	if (strcmp(cmd, "import") == 0)
		return vita_import_main(argc - 1, argv + 1);
	fprintf(stderr, "vita: unknown command '%s'\nTry 'vita --help' for more information.\n", cmd);
	return 2;
}
