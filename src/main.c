/*
 * The `vita` command: check, dump, render, build, schema, themes.
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
#include "render/cli.h"
#include "vita.h"
#include "vita/cv.h"
#include "vita/jsonschema.h"
#include "vita/style.h"

static const char *usage_text =
    "Usage: vita COMMAND [OPTION]... FILE...\n"
    "Render CVs written as RenderCV YAML (or JSON Resume) to PDF and LaTeX.\n"
    "\n"
    "Commands:\n"
    "  check FILE...            validate CV files and report every problem\n"
    "  dump [--rendercv] FILE   print the CV as vita understood it (normalized), or for RenderCV\n"
    "  render FILE [-o OUT]     write OUT (.pdf .tex .md .html .png .svg), or RenderCV's\n"
    "                           rendercv_output/NAME_CV.pdf; --watch, --cv.phone VALUE, ...\n"
    "  new \"Full Name\" [--theme T] [--locale L]  write a starter Full_Name_CV.yaml\n"
    "  build [DIR|FILE]... -o DIR  render every profile found, in parallel\n"
    "  import FILE... [-o OUT]  read a homepage, .bib or CV text into vita YAML\n"
    "  schema                   print vita's JSON Schema of a CV file (for editors)\n"
    "  themes [DIR]             list the themes, and the custom themes in DIR (default .)\n"
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
    "Usage: vita dump [--rendercv] FILE\n"
    "Print the CV as vita understood it: every field, normalized, with its source line.\n"
    "\n"
    "      --rendercv   print instead a YAML file RenderCV reads: vita's own keys (tags, variants,\n"
    "                   fit, page_break_before) left out, settings.sections and bold_owner applied,\n"
    "                   sorted and `from:` sections written as plain lists, awards and talks as\n"
    "                   normal entries; a note for each\n";


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
	return vita_diags_finish(d);
}

static int cmd_dump(int argc, char **argv)
{
	if (want_help(argc, argv, dump_help))
		return 0;
	if (argc == 3 && strcmp(argv[1], "--rendercv") == 0)
		return vita_dump_rendercv(argv[2], stdout);
	if (argc != 2 || argv[1][0] == '-')
		return usage_error("dump", argc == 2 ? "unknown option" : "expects exactly one file (and --rendercv)");
	vita_diags *d = vita_diags_new();
	vita_cv *cv = vita_profile_load(argv[1], d);
	if (cv)
		vita_cv_dump(cv, stdout);
	vita_cv_free(cv);
	return vita_diags_finish(d);
}

static const char *schema_help =
    "Usage: vita schema\n"
    "Print vita's JSON Schema (draft-07) of a CV file: RenderCV's keys and vita's own (tags,\n"
    "variants, page.fit, ...), generated from the tables vita reads them with. Save it and point\n"
    "the editor at it, e.g. with a first line `# yaml-language-server: $schema=vita.schema.json`.\n";

static int cmd_schema(int argc, char **argv)
{
	if (want_help(argc, argv, schema_help))
		return 0;
	if (argc != 1)
		return usage_error("schema", "takes no arguments");
	vita_json_schema(stdout);
	return fflush(stdout) == 0 ? 0 : 1;
}

static const char *themes_help =
    "Usage: vita themes [DIR]\n"
    "List vita's themes (RenderCV's nine) with their look, then the custom themes in DIR (default:\n"
    "the current folder): NAME.yaml or NAME/theme.yaml, a vita style file that `design.theme: NAME`\n"
    "in a CV beside it uses.  RenderCV's own theme folders (Jinja/Typst templates) are listed as\n"
    "such: vita cannot run them.\n";

static int cmd_themes(int argc, char **argv)
{
	if (want_help(argc, argv, themes_help))
		return 0;
	if (argc > 2 || (argc == 2 && argv[1][0] == '-'))
		return usage_error("themes", argc == 2 ? "unknown option" : "takes at most one folder");
	const char *dir = argc == 2 ? argv[1] : ".";
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "vita themes: %s is not a folder\n", dir);
		return 1;
	}
	vita_themes_list(dir, stdout);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int run(const char *cmd, int argc, char **argv);

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
	int rc = run(cmd, argc, argv);
	vita_layout_thread_done(); /* the faces this thread kept for its next CV (layout/facestore.c) */
	vita_pdf_thread_done();    /* and the source faces its PDF writer subset (pdf/subset.c) */
	return rc;
}

static int run(const char *cmd, int argc, char **argv)
{
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(cmd, "dump") == 0)
		return cmd_dump(argc - 1, argv + 1);
	if (strcmp(cmd, "render") == 0)
		return vita_render_main(argc - 1, argv + 1);
	if (strcmp(cmd, "new") == 0)
		return vita_new_main(argc - 1, argv + 1);
	if (strcmp(cmd, "build") == 0)
		return vita_build_main(argc - 1, argv + 1);
	if (strcmp(cmd, "themes") == 0)
		return cmd_themes(argc - 1, argv + 1);
	if (strcmp(cmd, "schema") == 0)
		return cmd_schema(argc - 1, argv + 1);
	if (strcmp(cmd, "import") == 0)
		return vita_import_main(argc - 1, argv + 1);
	fprintf(stderr, "vita: unknown command '%s'\nTry 'vita --help' for more information.\n", cmd);
	return 2;
}
