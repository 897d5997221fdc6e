/*
 * Fuzz harness: a CV file through the LaTeX pipeline — load, style, and the LaTeX writer — with
 * the written .tex read back and checked.
 *
 * vita_latex_write writes a file, so each process writes into its own folder under /dev/shm (or
 * $TMPDIR) and deletes the file after each input.  The check is what escaping must guarantee
 * whatever the user wrote: outside comments, braces balance (user text can never close a macro's
 * argument or group early), and every control word is one the writer itself uses — any word in
 * the C files of src/latex (read at start from $VITA_DATA_DIR, which the fuzz script and the suite
 * point at the source tree; without it only the braces are checked).  A user's `\input` or `\foo`
 * that escaped escaping would show up as a foreign control word.  The file must also be valid UTF-8
 * with no control characters but line ends.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "io/io.h"
#include "vita.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(c)                  \
	do {                            \
		if (!(c))                   \
			__builtin_trap();       \
	} while (0)

static char dir[256];
static char *words; /* "\nword\nword\n…": every identifier in the LaTeX writer's sources and the schema table */
static bool have_words;

static void cleanup(void)
{
	if (dir[0])
		rmdir(dir);
	free(words);
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@';
}

static void learn_words(vita_buf *wb, const char *src, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (!is_word_char(src[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && is_word_char(src[j]))
			j++;
		buf_putc(wb, '\n');
		buf_put(wb, src + i, j - i);
		i = j;
	}
}

static void setup(void)
{
	const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(dir, sizeof dir, "%s/vita-fuzz-latex-XXXXXX", tmp);
	if (!mkdtemp(dir))
		abort();
	const char *root = getenv("VITA_DATA_DIR");
	vita_buf wb = {0};
	char path[4096];
	snprintf(path, sizeof path, "%s/src/latex", root ? root : ".");
	DIR *dp = opendir(path);
	for (struct dirent *e; dp && (e = readdir(dp));) {
		size_t l = strlen(e->d_name);
		if (l < 3 || strcmp(e->d_name + l - 2, ".c") != 0)
			continue;
		char file[8192];
		snprintf(file, sizeof file, "%s/%s", path, e->d_name);
		vita_diags *d = vita_diags_new();
		size_t len = 0;
		char *src = read_file(file, 16u << 20, &len, d);
		if (src)
			learn_words(&wb, src, len);
		free(src);
		vita_diags_free(d);
		have_words = true;
	}
	if (dp)
		closedir(dp);
	/* the entry macros' names are in the schema table */
	snprintf(path, sizeof path, "%s/include/vita/kinds.def", root ? root : ".");
	vita_diags *kd = vita_diags_new();
	size_t klen = 0;
	char *ksrc = read_file(path, 1u << 20, &klen, kd);
	if (ksrc)
		learn_words(&wb, ksrc, klen);
	free(ksrc);
	vita_diags_free(kd);
	buf_putc(&wb, '\n');
	words = buf_take(&wb);
	atexit(cleanup);
}

static bool known_word(const char *w, size_t n)
{
	char key[128];
	if (n + 3 > sizeof key)
		return false;
	key[0] = '\n';
	memcpy(key + 1, w, n);
	key[n + 1] = '\n';
	key[n + 2] = '\0';
	return strstr(words, key) != NULL;
}

static void check_tex(const char *s, size_t n)
{
	long depth = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, n - i, &cp);
			REQUIRE(k > 0);
			i += k;
			continue;
		}
		REQUIRE(c >= 0x20 || c == '\n');
		REQUIRE(c != 0x7f);
		if (c == '%') { /* a comment runs to the end of the line */
			while (i < n && s[i] != '\n')
				i++;
			continue;
		}
		if (c == '\\') {
			REQUIRE(i + 1 < n);
			size_t j = i + 1;
			while (j < n && is_word_char(s[j]))
				j++;
			if (j > i + 1 && have_words)
				REQUIRE(known_word(s + i + 1, j - i - 1));
			i = j > i + 1 ? j : i + 2; /* a control word, or a control symbol such as \{ */
			continue;
		}
		if (c == '{')
			depth++;
		if (c == '}')
			REQUIRE(--depth >= 0);
		i++;
	}
	REQUIRE(depth == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0])
		setup();
	char path[512];
	snprintf(path, sizeof path, "%s/cv.tex", dir);
	vita_diags *d = vita_diags_new();
	vita_cv *cv = vita_cv_load_mem("fuzz.yaml", (const char *)data, size, d);
	vita_style *st = cv && !vita_diags_count(d, VITA_ERROR) ? vita_style_load(cv, d) : NULL;
	if (st && !vita_diags_count(d, VITA_ERROR)) {
		vita_latex_opts lo = {.system_fonts = size && (data[size - 1] & 1)};
		if (vita_latex_write(cv, st, &lo, path, d) == 0) {
			size_t len = 0;
			char *tex = read_file(path, 1u << 30, &len, d);
			REQUIRE(tex != NULL);
			check_tex(tex, len);
			free(tex);
			unlink(path);
		} else {
			REQUIRE(access(path, F_OK) != 0); /* no partial output */
		}
	}
	FILE *sink = fopen("/dev/null", "w");
	if (sink) {
		vita_diags_print(d, sink, false);
		fclose(sink);
	}
	vita_style_free(st);
	vita_cv_free(cv);
	vita_diags_free(d);
	return 0;
}
