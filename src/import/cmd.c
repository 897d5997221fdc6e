/*
 * `vita import FILE... [-o OUT.yaml] [--owner NAME] [--from FORMAT] [--overlay FIX]`: the command around
 * vita_import().  Writes the YAML atomically (or to standard output) and prints, on standard error,
 * the share of the sources' visible words that went into "not imported" comments (vita's target
 * is at most 5%).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "io/io.h"
#include "vita.h"

static const char *import_help =
    "Usage: vita import FILE... [-o OUT.yaml] [--owner NAME] [--from FORMAT] [--overlay FIX.yaml]\n"
    "Read profiles as people keep them and write one vita/RenderCV YAML CV.\n"
    "\n"
    "  -o, --output OUT     write the YAML to OUT (default: standard output)\n"
    "      --owner NAME     the CV's owner, when the source does not name them\n"
    "      --from FORMAT    bibtex, homepage, cvtext, alfolio-cv, jsonresume, collection,\n"
    "                       hugo-author, hugo-publication or site (default: detected from\n"
    "                       the content)\n"
    "      --overlay FILE   hand corrections applied after the import; FILE may name the\n"
    "                       sources (then no FILE... is needed) and the owner\n"
    "  -h, --help           show this help\n"
    "\n"
    "What was not mapped to a field is listed, verbatim with its line, at the end of the YAML.\n";

static int import_usage(const char *msg)
{
	fprintf(stderr, "vita import: %s\nTry 'vita import --help' for more information.\n", msg);
	return 2;
}

static bool is_input(const char *out, char **in, int n)
{
	char *ro = realpath(out, NULL);
	bool same = false;
	for (int i = 0; ro && i < n && !same; i++) {
		char *ri = realpath(in[i], NULL);
		same = ri && strcmp(ri, ro) == 0;
		free(ri);
	}
	free(ro);
	return same;
}

static void print_share(const vita_imported *im, const char *out)
{
	size_t un, total;
	vita_imported_words(im, &un, &total);
	double pct = total ? 100.0 * (double)un / (double)total : 0.0;
	fprintf(stderr, "vita import: %zu of %zu visible words (%.1f%%) not imported%s%s%s\n", un, total,
	        pct, un ? " (listed at the end of " : "", un ? (out ? out : "the output") : "",
	        un ? ")" : "");
}

int vita_import_main(int argc, char **argv)
{
	static const struct option opts[] = {{"output", required_argument, 0, 'o'},
	                                     {"owner", required_argument, 0, 'O'},
	                                     {"from", required_argument, 0, 'F'},
	                                     {"overlay", required_argument, 0, 'V'},
	                                     {"help", no_argument, 0, 'h'},
	                                     {0, 0, 0, 0}};
	vita_import_opts io = {0};
	const char *out = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'O': io.owner = optarg; break;
		case 'F': io.from = optarg; break;
		case 'V': io.overlay = optarg; break;
		case 'h': fputs(import_help, stdout); return 0;
		default: return import_usage("unknown option");
		}
	}
	if (optind >= argc && !io.overlay)
		return import_usage("no file given");
	char *ov[] = {(char *)io.overlay};
	if (out && (is_input(out, argv + optind, argc - optind) || (io.overlay && is_input(out, ov, 1))))
		return import_usage("the output would replace an input file");
	vita_diags *d = vita_diags_new();
	vita_imported *im = vita_import((const char *const *)argv + optind, (size_t)(argc - optind), &io, d);
	int rc = 1;
	if (im) {
		size_t len;
		if (out)
			vita_imported_set_output(im, out);
		char *yaml = vita_imported_yaml(im, &len);
		if (out)
			rc = write_file_atomic(out, yaml, len, d) ? 1 : 0;
		else
			rc = fwrite(yaml, 1, len, stdout) == len ? 0 : 1;
		free(yaml);
		if (rc == 0)
			print_share(im, out);
	}
	vita_diags_print(d, stderr, vita_diags_color());
	if (vita_diags_count(d, VITA_ERROR))
		rc = 1;
	vita_imported_free(im);
	vita_diags_free(d);
	return rc;
}
