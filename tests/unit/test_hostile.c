/*
 * Hostile inputs for the stages that see raw bytes first (src/base/file.c, src/load/yaml.c), too
 * big to keep as files: generated here, then checked for a clear error (or success), bounded CPU
 * time and bounded memory.  Each case is a bug the fuzzing work found or a limit the README promises:
 * anchor lookups and merge keys that were quadratic, nesting and alias bombs, files at and over the
 * size limit, and paths that are not regular files.
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "io/io.h"
#include "load/yaml.h"
#include "normalize/normalize.h"
#include "test.h"

/* CPU seconds a case may take: generous, because only runaway (quadratic) behaviour must fail,
 * and valgrind (check-valgrind sets VITA_WRAP) runs code some 50 times slower. */
static double cpu_limit(double native)
{
	const char *w = getenv("VITA_WRAP");
	return w && *w ? native * 60 : native;
}

static double cpu_now(void)
{
	return (double)clock() / CLOCKS_PER_SEC;
}

static char *diag_text(vita_diags *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	vita_diags_print(d, f, false);
	fclose(f);
	return s;
}

/* Parses src with the default limits; returns the messages (caller frees) and the root's presence. */
static char *parse_timed(vita_buf *src, bool *ok, double *secs)
{
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	double t0 = cpu_now();
	*ok = vita_yaml_parse(a, "big.yaml", buf_str(src), src->len, NULL, d) != NULL;
	*secs = cpu_now() - t0;
	char *msgs = diag_text(d);
	vita_diags_free(d);
	arena_free(a);
	return msgs;
}

/* 100,000 anchors, then 100,000 aliases to the first one: each lookup used to scan every anchor. */
static void many_anchors(void)
{
	vita_buf b = {0};
	size_t n = 100000;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "- &a%zu x\n", i);
	for (size_t i = 0; i < n; i++)
		buf_puts(&b, "- *a0\n");
	bool ok;
	double secs;
	char *msgs = parse_timed(&b, &ok, &secs);
	CHECK(ok);
	CHECK_STR(msgs, "");
	if (secs > cpu_limit(2))
		printf("  %zu anchors + aliases took %.2f s\n", n, secs);
	CHECK(secs <= cpu_limit(2));
	free(msgs);
	buf_free(&b);
}

/* A mapping of 100,000 keys merged (<<) into three others: each merged key was compared with every
 * key already present. */
static void big_merge(void)
{
	vita_buf b = {0};
	size_t n = 100000;
	buf_puts(&b, "base: &b\n");
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "  k%zu: 1\n", i);
	buf_puts(&b, "x:\n  <<: *b\n  k7: own\ny:\n  <<: [*b]\nz: {<<: *b}\n");
	bool ok;
	double secs;
	char *msgs = parse_timed(&b, &ok, &secs);
	CHECK(ok);
	CHECK_STR(msgs, "");
	if (secs > cpu_limit(2))
		printf("  merging %zu keys took %.2f s\n", n, secs);
	CHECK(secs <= cpu_limit(2));
	free(msgs);
	buf_free(&b);

	/* The merged map keeps its own k7 and gets every other key once. */
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	const char *src = "b: &b {k1: 1, k7: base, k9: 9}\nx:\n  k7: own\n  <<: *b\n";
	vita_node *root = vita_yaml_parse(a, "m.yaml", src, strlen(src), NULL, d);
	const vita_node *x = vita_node_get(root, "x");
	CHECK(x && x->n == 6);
	CHECK_STR(vita_node_get(x, "k7") ? vita_node_get(x, "k7")->str : NULL, "own");
	CHECK_STR(vita_node_get(x, "k9") ? vita_node_get(x, "k9")->str : NULL, "9");
	vita_diags_free(d);
	arena_free(a);
}

/* A mapping with a non-scalar key that gets merged keys: an empty merged key was compared with the
 * list key's NULL string (undefined behaviour; UBSan).  Now: the list key is reported. */
static void merge_with_list_key(void)
{
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	const char *src = "a: &a {\"\": 1}\nc:\n  ? [y]\n  : 3\n  <<: *a\n";
	CHECK(vita_yaml_parse(a, "m.yaml", src, strlen(src), NULL, d) == NULL);
	char *msgs = diag_text(d);
	CHECK(strstr(msgs, "m.yaml:3:5: error: a mapping key must be a plain value, not a list") != NULL);
	free(msgs);
	vita_diags_free(d);
	arena_free(a);
}

/* 200,000 open brackets, and 200 levels of block mappings: stopped at depth 64. */
static void deep_nesting(void)
{
	vita_buf b = {0};
	for (size_t i = 0; i < 200000; i++)
		buf_putc(&b, '[');
	bool ok;
	double secs;
	char *msgs = parse_timed(&b, &ok, &secs);
	CHECK(!ok);
	CHECK(strstr(msgs, "big.yaml:1:65: error: nesting deeper than 64 levels") != NULL);
	CHECK(secs <= cpu_limit(2));
	free(msgs);
	buf_reset(&b);
	for (size_t i = 0; i < 200; i++)
		buf_printf(&b, "%*sk%zu:\n", (int)(2 * i), "", i);
	msgs = parse_timed(&b, &ok, &secs);
	CHECK(!ok);
	CHECK(strstr(msgs, "big.yaml:65:129: error: nesting deeper than 64 levels") != NULL);
	free(msgs);
	buf_free(&b);
}

/* The classic "billion laughs": nine levels of ten aliases each (10^9 nodes if expanded). */
static void alias_bomb(void)
{
	vita_buf b = {0};
	buf_puts(&b, "a0: &a0 [lol]\n");
	for (int i = 1; i <= 9; i++) {
		buf_printf(&b, "a%d: &a%d [", i, i);
		for (int j = 0; j < 10; j++)
			buf_printf(&b, "%s*a%d", j ? ", " : "", i - 1);
		buf_puts(&b, "]\n");
	}
	bool ok;
	double secs;
	char *msgs = parse_timed(&b, &ok, &secs);
	CHECK(!ok);
	CHECK(strstr(msgs, "error: document too large: more than 1000000 YAML nodes after expanding aliases") != NULL);
	CHECK(secs <= cpu_limit(1));
	free(msgs);
	buf_free(&b);
}

static char *tmp_path(const char *name)
{
	const char *dir = getenv("VITA_TMP");
	static char path[4096];
	snprintf(path, sizeof path, "%s/hostile-%ld-%s", dir && *dir ? dir : "/tmp", (long)getpid(), name);
	return path;
}

/* A file of exactly the limit is read; one byte more is refused with its size.  (A file of exactly
 * the limit used to be refused as "grew past the limit".) */
static void file_size_limit(void)
{
	char *p = tmp_path("limit.yaml");
	vita_diags *d = vita_diags_new();
	char data[1000];
	memset(data, 'x', sizeof data);
	CHECK_INT(write_file_atomic(p, data, sizeof data, d), 0);
	size_t len = 0;
	char *s = read_file(p, 1000, &len, d);
	CHECK(s != NULL);
	CHECK_INT(len, 1000);
	free(s);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	s = read_file(p, 999, &len, d);
	CHECK(s == NULL);
	char *msgs = diag_text(d);
	CHECK(strstr(msgs, "limit.yaml: error: file is 1000 bytes; the limit is 999 bytes") != NULL);
	free(msgs);
	unlink(p);
	vita_diags_free(d);
}

static void not_regular_files(void)
{
	const char *paths[] = {"/", "/dev/null", "/dev/zero", "/nonexistent/cv.yaml"};
	const char *want[] = {"/: error: is a directory, not a CV file",
	                      "/dev/null: error: is not a regular file (a device, pipe or socket)",
	                      "/dev/zero: error: is not a regular file (a device, pipe or socket)",
	                      "/nonexistent/cv.yaml: error: cannot open: No such file or directory"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
		vita_diags *d = vita_diags_new();
		size_t len = 0;
		char *s = read_file(paths[i], VITA_MAX_FILE_SIZE, &len, d);
		CHECK(s == NULL);
		free(s);
		char *msgs = diag_text(d);
		if (!strstr(msgs, want[i]))
			printf("  %s: got %s", paths[i], msgs);
		CHECK(strstr(msgs, want[i]) != NULL);
		free(msgs);
		vita_diags_free(d);
	}
	/* A FIFO with no writer would block a plain open() forever. */
	char *fifo = tmp_path("fifo.yaml");
	if (mkfifo(fifo, 0600) == 0) {
		vita_diags *d = vita_diags_new();
		size_t len = 0;
		CHECK(read_file(fifo, VITA_MAX_FILE_SIZE, &len, d) == NULL);
		CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
		vita_diags_free(d);
		unlink(fifo);
	}
}

/* Writing under a path whose folder is a file (works as root too, unlike chmod): an error and no
 * temporary file left behind. */
static void unwritable_output(void)
{
	char *p = tmp_path("plain.txt");
	vita_diags *d = vita_diags_new();
	CHECK_INT(write_file_atomic(p, "x", 1, d), 0);
	char under[4200];
	snprintf(under, sizeof under, "%s/cv.pdf", p);
	CHECK_INT(write_file_atomic(under, "%PDF", 4, d), -1);
	CHECK_INT(write_file_atomic("/proc/vita-test.pdf", "%PDF", 4, d), -1);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 2);
	char *msgs = diag_text(d);
	CHECK(strstr(msgs, "plain.txt/cv.pdf: error: cannot write: Not a directory") != NULL);
	free(msgs);
	struct stat st;
	CHECK(stat(under, &st) != 0);
	unlink(p);
	vita_diags_free(d);
}

/* A stage that measures silently passes a NULL collector; a warning emitted deep inside (a missing
 * glyph while measuring, with no fonts installed) crashed vita render. */
static void null_diags(void)
{
	vita_diag(NULL, VITA_WARNING, (vita_pos){"x", 1, 1}, "dropped %d", 1);
	vita_diags_add_source(NULL, "x", "y", 1);
	CHECK_INT(vita_diags_count(NULL, VITA_WARNING), 0);
	vita_diags_print(NULL, stdout, false);
	vita_diags_clear(NULL);
	vita_diags_free(NULL);
}

/* A photo, a PDF, a Word file or a UTF-16 export given as a CV: one sentence, not 200 byte errors. */
static void not_text_files(void)
{
	static const struct {
		const char *data;
		size_t len;
		const char *want;
	} cases[] = {
	    {"\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16, "f:1:1: error: the file is a PNG image, not a CV"},
	    {"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", 15, "f:1:1: error: the file is a PDF file, not a CV"},
	    {"PK\x03\x04\x14\0\x06\0", 8, "error: the file is a ZIP archive (a .docx, .odt or .xlsx file is one)"},
	    {"\xFF\xFE" "c\0v\0:\0", 8, "error: the file is UTF-16 text (it starts with a byte-order mark); vita reads UTF-8"},
	    {"\xFE\xFF\0c\0v\0:", 8, "error: the file is UTF-16 text (it starts"},
	    {"c\0v\0:\0\n\0 \0", 10, "error: the file is UTF-16 text; vita reads UTF-8: save it as UTF-8"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		vita_diags *d = vita_diags_new();
		CHECK_INT(vita_check_encoding("f", cases[i].data, cases[i].len, d), 1);
		CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
		char *msgs = diag_text(d);
		if (!strstr(msgs, cases[i].want))
			printf("  case %zu: %s", i, msgs);
		CHECK(strstr(msgs, cases[i].want) != NULL);
		free(msgs);
		vita_diags_free(d);
	}
	/* Text that merely starts like one of them is still checked byte by byte. */
	vita_diags *d = vita_diags_new();
	CHECK_INT(vita_check_encoding("f", "cv:\n  name: PK\n", 15, d), 0);
	CHECK_INT(vita_check_encoding("f", "\xFF" "cv:", 4, d), 1);
	vita_diags_free(d);
}

int main(void)
{
	RUN(null_diags);
	RUN(not_text_files);
	RUN(many_anchors);
	RUN(big_merge);
	RUN(merge_with_list_key);
	RUN(deep_nesting);
	RUN(alias_bomb);
	RUN(file_size_limit);
	RUN(not_regular_files);
	RUN(unwritable_output);
	return TEST_EXIT();
}
