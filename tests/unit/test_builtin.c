/*
 * Unit tests of the style files compiled into vita (load/builtin.h): every compiled tree must equal
 * what the YAML reader makes of the file in styles/ today (so a stale or wrong table fails here), a
 * message at a compiled style's node must still name path:line:col and quote the line, and a
 * render's record must hold the styles tag instead of the files, fresh only for the same tag.
 * Runs with VITA_DATA_DIR at the source tree (tests/run.sh), which is the folder vita was built for.
 */
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "build/batch.h"
#include "io/io.h"
#include "load/builtin.h"
#include "load/yaml.h"
#include "test.h"

/* Whether two trees agree in kind, text, plainness, line and column, all the way down. */
static bool same_tree(const vita_node *a, const vita_node *b)
{
	if (a->kind != b->kind || a->pos.line != b->pos.line || a->pos.col != b->pos.col)
		return false;
	if (a->kind == VITA_NODE_SCALAR)
		return a->len == b->len && memcmp(a->str, b->str, a->len) == 0 && a->str[a->len] == 0 &&
		       a->plain == b->plain;
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!same_tree(a->kids[i], b->kids[i]))
			return false;
	return true;
}

static void test_compiled_equals_files(void)
{
	CHECK(vita_env_get()->own_data);
	CHECK(vita_builtin_nfiles >= 30); /* 9 themes and 21 locales */
	for (size_t i = 0; i < vita_builtin_nfiles; i++) {
		const char *rel = vita_builtin_pool + vita_builtin_files[i].name;
		char path[4096];
		snprintf(path, sizeof path, "%s/styles/%s", vita_data_dir(), rel);
		vita_arena *a = arena_new();
		vita_diags *d = vita_diags_new();
		size_t len = 0;
		char *data = read_file(path, VITA_MAX_FILE_SIZE, &len, d);
		vita_node *file = data ? vita_yaml_parse(a, path, data, len, NULL, d) : NULL;
		vita_node *compiled = vita_builtin_parse(a, path, NULL);
		bool ok = file && compiled && same_tree(file, compiled) && strcmp(compiled->pos.file, path) == 0 &&
		          vita_builtin_files[i].text_len == len &&
		          memcmp(vita_builtin_pool + vita_builtin_files[i].text, data, len) == 0;
		if (!ok)
			printf("  styles/%s: the compiled tree is not the file's (rebuild vita)\n", rel);
		CHECK(ok);
		free(data);
		vita_diags_free(d);
		arena_free(a);
	}
	char other[4096];
	snprintf(other, sizeof other, "%s/tests/classic.yaml", vita_data_dir());
	vita_arena *a = arena_new();
	CHECK(!vita_builtin_parse(a, other, NULL)); /* only files under <data>/styles/ */
	CHECK(!vita_builtin_parse(a, "styles/classic.yaml", NULL));
	arena_free(a);
	CHECK(vita_builtin_has("sb2nov.yaml"));
	CHECK(vita_builtin_has("locales/german.yaml"));
	CHECK(!vita_builtin_has("nosuch.yaml"));
}

/* A message at a compiled node: path:line:col and the quoted line, as when the file was read. */
static void test_diagnostic_position(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/styles/classic.yaml", vita_data_dir());
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	vita_node *root = vita_builtin_parse(a, path, d);
	const vita_node *design = vita_node_get(root, "design");
	const vita_node *page = vita_node_get(design, "page");
	const vita_node *size = vita_node_get(page, "size");
	CHECK(size && size->kind == VITA_NODE_SCALAR);
	if (!size) {
		vita_diags_free(d);
		arena_free(a);
		return;
	}
	vita_diag(d, VITA_ERROR, size->pos, "a test message");
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	vita_diags_print(d, f, false);
	fclose(f);
	char want[4200];
	snprintf(want, sizeof want, "%s:%d:%d: error: a test message", path, size->pos.line, size->pos.col);
	CHECK(strstr(buf, want) != NULL);
	/* the quoted line is the file's line */
	size_t flen = 0;
	char *text = read_file(path, VITA_MAX_FILE_SIZE, &flen, NULL);
	const char *line = text;
	for (int i = 1; line && i < size->pos.line; i++)
		line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL;
	CHECK(line && size->pos.line > 1);
	if (line) {
		char quoted[300];
		snprintf(quoted, sizeof quoted, "%.*s", (int)strcspn(line, "\n"), line);
		CHECK(strstr(buf, quoted) != NULL);
	}
	if (test_failures_)
		printf("  printed:\n%s", buf);
	free(text);
	free(buf);
	vita_diags_free(d);
	arena_free(a);
}

static void set_mtime(const char *path, time_t t)
{
	struct timespec ts[2] = {{t, 0}, {t, 0}};
	utimensat(AT_FDCWD, path, ts, 0);
}

/* The record holds the tag (not the style files), and is fresh only under the same tag. */
static void test_record_tag(void)
{
	char dir[] = "/tmp/vita-test-builtin-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char in[100], out[100], path[4096];
	snprintf(in, sizeof in, "%s/p.yaml", dir);
	snprintf(out, sizeof out, "%s/p.pdf", dir);
	CHECK(write_file_atomic(in, "cv: {}\n", 7, NULL) == 0);
	CHECK(write_file_atomic(out, "%PDF", 4, NULL) == 0);
	set_mtime(in, 2000);
	set_mtime(out, 3000);

	vita_reads r;
	vita_reads_begin(&r);
	vita_arena *a = arena_new();
	snprintf(path, sizeof path, "%s/styles/classic.yaml", vita_data_dir());
	CHECK(vita_builtin_parse(a, path, NULL) != NULL);
	snprintf(path, sizeof path, "%s/styles/sb2nov.yaml", vita_data_dir());
	CHECK(vita_builtin_parse(a, path, NULL) != NULL);
	vita_reads_end();
	arena_free(a);
	CHECK_INT(r.n, 1); /* once, however many compiled files */
	CHECK_STR(r.n ? r.paths[0] : NULL, vita_builtin_tag());
	CHECK(strncmp(vita_builtin_tag(), "#styles ", 8) == 0);

	build_job j = {0};
	j.input = in;
	j.out_pdf = out;
	build_record rec = {"p", r};
	struct timespec zero = {0, 0};
	CHECK(build_is_fresh(&j, zero, &rec));
	free(rec.reads.paths[0]);
	rec.reads.paths[0] = xstrdup("#styles 0000000000000000"); /* a vita built with other styles */
	CHECK(!build_is_fresh(&j, zero, &rec));
	vita_reads_free(&rec.reads);
	remove(in);
	remove(out);
	rmdir(dir);
}

int main(void)
{
	RUN(test_compiled_equals_files);
	RUN(test_diagnostic_position);
	RUN(test_record_tag);
	return TEST_EXIT();
}
