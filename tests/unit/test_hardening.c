/*
 * Unit tests of the hardening helpers (issue 10): text made visible for a terminal, temporary
 * names, the cooperative deadline, the JSON reader's positions and checks, and the photo check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/base.h"
#include "image/image.h"
#include "io/io.h"
#include "load/json.h"
#include "test.h"

static char *visible(const char *s)
{
	vita_buf b = {0};
	buf_put_visible(&b, s, strlen(s), true);
	return b.data ? buf_take(&b) : xstrdup("");
}

static void test_visible(void)
{
	char *v;
	CHECK_STR(v = visible("Ada \033[31mRed\a"), "Ada \\e[31mRed\\x07"); free(v);
	CHECK_STR(v = visible("tab\tkept, new\nline"), "tab\tkept, new\\nline"); free(v);
	CHECK_STR(v = visible("C1 \xC2\x85, RLO \xE2\x80\xAE, ZWJ \xE2\x80\x8D"), "C1 \\u0085, RLO \\u202E, ZWJ \\u200D"); free(v);
	CHECK_STR(v = visible("bad \xE9 byte, U+FFFF \xEF\xBF\xBF"), "bad \\xE9 byte, U+FFFF \\uFFFF"); free(v);
	CHECK_STR(v = visible("Zoë 江宸宇 🚀"), "Zoë 江宸宇 🚀"); free(v);
	CHECK_STR(v = visible_dup("a\tb\nc"), "a\\tb\\nc"); free(v);
	CHECK(cp_needs_escape(0x2066) && cp_needs_escape(0x7F) && !cp_needs_escape(0xE9) && !cp_needs_escape(0x4E2D));
}

static void test_tmp_names(void)
{
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	char *t = tmp_name_for("out/cv.pdf");
	char want[64];
	snprintf(want, sizeof want, ".%ld.XXXXXX", (long)getpid());
	CHECK(strncmp(t, "out/.cv.pdf.", 12) == 0);
	CHECK(strlen(t) > strlen(want) && strcmp(t + strlen(t) - strlen(want), want) == 0);
	free(t);
	/* A 252-byte name: the temporary's file name is cut to fit in 255 bytes, never mid-UTF-8. */
	char longname[300];
	memset(longname, 'n', 250);
	strcpy(longname + 250, "é.pdf");
	char path[320];
	snprintf(path, sizeof path, "dir/%s", longname);
	t = tmp_name_for(path);
	const char *base = strrchr(t, '/') + 1;
	CHECK(strlen(base) <= 255);
	CHECK(strncmp(t, "dir/.nnnn", 9) == 0);
	for (const char *p = base; *p; p++)
		CHECK((unsigned char)*p < 0x80 || (p[0] == '\xC3' && p[1] == '\xA9') || (p[-1] == '\xC3' && p[0] == '\xA9'));
	free(t);
	unsigned m = output_mode();
	CHECK(m != 0 && (m & ~0666u) == 0);
}

/* A process killed while it writes an output leaves no temporary: the handler removes it. */
static void test_kill_in_flight(void)
{
	char dir[] = "/tmp/vita-kill-XXXXXX";
	if (!mkdtemp(dir))
		SKIP("no temporary folder");
	char out[64];
	snprintf(out, sizeof out, "%s/cv.pdf", dir);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		tmp_cleanup_on_signals();
		vita_tmpfile t;
		if (tmpfile_open(&t, out, NULL) != 0)
			_exit(3);
		if (write(t.fd, "%PDF-", 5) != 5)
			_exit(4);
		raise(SIGTERM);
		_exit(5); /* not reached */
	}
	int st = 0;
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	DIR *dh = opendir(dir);
	int left = 0;
	for (struct dirent *e; dh && (e = readdir(dh));)
		left += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (dh)
		closedir(dh);
	CHECK_INT(left, 0);
	rmdir(dir);
}

static void test_deadline(void)
{
	deadline_start(0);
	for (int i = 0; i < 10000; i++)
		CHECK(!deadline_passed());
	deadline_start(0.001);
	struct timespec ts = {0, 5000000};
	nanosleep(&ts, NULL);
	bool passed = false;
	for (int i = 0; i < 1000 && !passed; i++)
		passed = deadline_passed();
	CHECK(passed && deadline_expired());
	CHECK(deadline_limit() == 0.001);
	deadline_stop();
	CHECK(!deadline_passed());
}

static vita_node *json(vita_arena *a, const char *text, vita_diags *d)
{
	return vita_json_parse(a, "t.json", text, strlen(text), NULL, d);
}

static void test_json_positions(void)
{
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	const char *text = "{\n  \"basics\": {\"name\": \"Zoë \\ud83d\\ude80\", \"n\": -1.5e3,\n    \"ok\": true, \"x\": null}\n}";
	vita_node *root = json(a, text, d);
	CHECK(root && root->kind == VITA_NODE_MAP);
	const vita_node *b = vita_node_get(root, "basics");
	CHECK(b && b->kind == VITA_NODE_MAP && b->pos.line == 2 && b->pos.col == 13);
	const vita_node *name = vita_node_get(b, "name");
	CHECK(name && strcmp(name->str, "Zoë 🚀") == 0 && !name->plain && name->pos.line == 2 && name->pos.col == 22);
	const vita_node *n = vita_node_get(b, "n");
	CHECK(n && n->plain && strcmp(n->str, "-1.5e3") == 0 && strcmp(vita_node_type_name(n), "number") == 0);
	CHECK(n && n->pos.col == 47);
	const vita_node *ok = vita_node_get(b, "ok");
	CHECK(ok && strcmp(vita_node_type_name(ok), "boolean") == 0 && ok->pos.line == 3 && ok->pos.col == 11);
	CHECK(vita_node_is_null(vita_node_get(b, "x")));
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	/* refused: a lone surrogate, an escaped control character, a duplicate key, a trailing comma */
	const char *bad[] = {"{\"a\": \"\\ud83d\"}", "{\"a\": \"\\u001b\"}", "{\"a\": 1, \"a\": 2}", "[1, 2,]",
	                     "{\"a\": 1", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		vita_diags *e = vita_diags_new();
		CHECK(json(a, bad[i], e) == NULL);
		CHECK_INT(vita_diags_count(e, VITA_ERROR) > 0, 1);
		vita_diags_free(e);
	}
	vita_diags_free(d);
	arena_free(a);
}

static void test_photo_check(void)
{
	const char *dir = getenv("VITA_ROOT");
	if (!dir)
		SKIP("VITA_ROOT not set (run through tests/run.sh)");
	struct {
		const char *file;
		const char *why; /* prefix, or NULL when usable */
	} cases[] = {
	    {"good.jpg", NULL},
	    {"interlaced.png", NULL},
	    {"large-ztxt.png", NULL},
	    {"truncated.jpg", "is not a valid JPEG image"},
	    {"bogus.jpg", "is not a valid JPEG image"},
	    {"bad-crc.png", "is not a valid PNG image (IHDR: CRC error)"},
	    {"dimension-bomb.png", "is a PNG image of 100000 x 100000 pixels"},
	    {"../photos", "cannot be read"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char path[4096], why[256];
		snprintf(path, sizeof path, "%s/tests/bad-render/photos/%s", dir, cases[i].file);
		int w = 0, h = 0;
		const char *got = vita_image_check(path, NULL, &w, &h, why, sizeof why);
		if (!cases[i].why) {
			CHECK_STR(got ? got : "usable", "usable");
			CHECK(w > 0 && h > 0);
		} else {
			CHECK(got && strncmp(got, cases[i].why, strlen(cases[i].why)) == 0);
		}
	}
	char path[4096], why[256];
	snprintf(path, sizeof path, "%s/tests/bad-render/photos/interlaced.png", dir);
	vita_pixels px;
	CHECK_INT(vita_image_decode(path, &px, why, sizeof why), 0);
	CHECK(px.w == 16 && px.h == 16 && px.components == 3);
	/* the test image's pixel (x, y) is (16x, 16y, 128): Adam7 was undone */
	CHECK(px.data && px.data[(5 * 16 + 3) * 3] == 48 && px.data[(5 * 16 + 3) * 3 + 1] == 80);
	vita_pixels_free(&px);
}

int main(void)
{
	RUN(test_visible);
	RUN(test_tmp_names);
	RUN(test_kill_in_flight);
	RUN(test_deadline);
	RUN(test_json_positions);
	RUN(test_photo_check);
	return test_total_failed_ ? 1 : 0;
}
