/*
 * Unit tests for src/base and src/diag: arena, buffers, UTF-8 decoding, atomic writes, diagnostics.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "io/io.h"
#include "test.h"

static void arena_strings(void)
{
	vita_arena *a = arena_new();
	char *s = arena_strdup(a, "hello");
	CHECK_STR(s, "hello");
	CHECK(arena_strdup(a, NULL) == NULL);
	for (int i = 0; i < 10000; i++)
		CHECK(arena_alloc(a, 100) != NULL);
	CHECK_STR(arena_printf(a, "%d-%s", 42, "x"), "42-x");
	CHECK(arena_bytes(a) >= 10000 * 100);
	arena_free(a);
}

/* Strings and aligned blocks share chunks without overlapping; arena_intern_block keeps one copy
 * of equal blocks, aligned, and arena_reset empties an arena that stays usable. */
static void arena_blocks(void)
{
	vita_arena *a = arena_new();
	char *strs[300];
	double *blocks[300];
	for (int i = 0; i < 300; i++) { /* interleaved, across several chunks */
		strs[i] = arena_printf(a, "string %d", i);
		blocks[i] = arena_alloc(a, 3 * sizeof(double));
		CHECK(((uintptr_t)blocks[i] & 15) == 0);
		for (int k = 0; k < 3; k++)
			blocks[i][k] = i + k / 10.0;
	}
	for (int i = 0; i < 300; i++) {
		char want[32];
		snprintf(want, sizeof want, "string %d", i);
		CHECK_STR(strs[i], want);
		CHECK(blocks[i][0] == i && blocks[i][2] == i + 0.2);
	}
	double x[3] = {1, 2, 3}, y[3] = {1, 2, 3}, z[3] = {1, 2, 4};
	const void *px = arena_intern_block(a, x, sizeof x), *py = arena_intern_block(a, y, sizeof y);
	const void *pz = arena_intern_block(a, z, sizeof z), *ps = arena_intern_block(a, x, 2 * sizeof(double));
	CHECK(px == py && px != pz && px != ps && px != (const void *)x);
	CHECK(((uintptr_t)px & 15) == 0 && memcmp(px, x, sizeof x) == 0 && memcmp(pz, z, sizeof z) == 0);
	for (int i = 0; i < 2000; i++) { /* the set grows and keeps its blocks */
		double v[2] = {i, -i};
		CHECK(arena_intern_block(a, v, sizeof v) == arena_intern_block(a, v, sizeof v));
	}
	CHECK(arena_intern_block(a, y, sizeof y) == px);
	arena_reset(a);
	CHECK(arena_intern_block(a, z, sizeof z) != NULL);
	CHECK_STR(arena_strdup(a, "after"), "after");
	arena_free(a);
}

static void buf_utf8(void)
{
	vita_buf b = {0};
	CHECK_STR(buf_str(&b), "");
	buf_put_utf8(&b, 0x6C5F); /* 江 */
	buf_put_utf8(&b, 0x1F4C4); /* 📄 */
	buf_printf(&b, "%s", "é");
	CHECK_STR(buf_str(&b), "江📄é");
	uint32_t cp;
	CHECK_INT(utf8_decode("江", 3, &cp), 3);
	CHECK_INT(cp, 0x6C5F);
	CHECK_INT(utf8_decode("\xC0\xAF", 2, &cp), 0);      /* overlong */
	CHECK_INT(utf8_decode("\xED\xA0\x80", 3, &cp), 0);  /* surrogate */
	CHECK_INT(utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* above U+10FFFF */
	CHECK_INT(utf8_decode("\xE6\xB1", 2, &cp), 0);      /* truncated */
	buf_free(&b);
}

static void atomic_write(void)
{
	vita_diags *d = vita_diags_new();
	char dir[] = "/tmp/vita-test-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256];
	snprintf(path, sizeof path, "%s/out.txt", dir);
	CHECK_INT(write_file_atomic(path, "abc", 3, d), 0);
	size_t len = 0;
	char *data = read_file(path, 100, &len, d);
	CHECK_STR(data, "abc");
	free(data);
	/* An unwritable target leaves nothing behind and reports an error. */
	char bad[300];
	snprintf(bad, sizeof bad, "%s/missing/out.txt", dir);
	CHECK(write_file_atomic(bad, "abc", 3, d) != 0);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	/* A directory is refused as input. */
	CHECK(read_file(dir, 100, &len, d) == NULL);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 2);
	unlink(path);
	rmdir(dir);
	vita_diags_free(d);
}

static void diag_format(void)
{
	vita_diags *d = vita_diags_new();
	const char *src = "cv:\n  name: Zoë\n  phone: [1\n";
	vita_diags_add_source(d, "x.yaml", src, strlen(src));
	vita_pos p2 = {"x.yaml", 3, 10};
	vita_pos p1 = {"x.yaml", 2, 9};
	vita_diag(d, VITA_ERROR, p2, "unclosed sequence");
	vita_diag(d, VITA_WARNING, p1, "odd name");
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	vita_diags_print(d, f, false);
	fclose(f);
	CHECK_STR(out, "x.yaml:2:9: warning: odd name\n"
	               "    2 |   name: Zoë\n"
	               "      |         ^\n"
	               "x.yaml:3:10: error: unclosed sequence\n"
	               "    3 |   phone: [1\n"
	               "      |          ^\n");
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 1);
	free(out);
	vita_diags_free(d);
}

int main(void)
{
	RUN(arena_strings);
	RUN(arena_blocks);
	RUN(buf_utf8);
	RUN(atomic_write);
	RUN(diag_format);
	return TEST_EXIT();
}
