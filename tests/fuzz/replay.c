/*
 * Replays saved inputs through a fuzz harness without libFuzzer, as an ordinary test binary.
 *
 * The Makefile links this file with each tests/fuzz/fuzz_NAME.c into build/tests/test_replay_fuzz_NAME,
 * so tests/run.sh runs it with the rest of the suite (and under ASan/UBSan and valgrind in
 * check-asan and check-valgrind).  Every file under tests/fuzz/regressions/fuzz_NAME/ is an input
 * that once crashed, hung, leaked or broke an invariant of that harness (or a hostile case worth
 * keeping: a few come from tests/bad-render/); each must now run to the
 * end within a CPU-time bound.  A crash kills the binary, which tests/run.sh reports as a failure
 * with the last lines of output — the name of the input being replayed is printed before it runs.
 * Files given on the command line are replayed instead of the folder.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"
#include "io/io.h"

#ifndef REPLAY_HARNESS
#define REPLAY_HARNESS "fuzz"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay(const char *path, const char *label)
{
	vita_diags *d = vita_diags_new();
	size_t len = 0;
	char *data = read_file(path, (64u << 20), &len, d);
	vita_diags_free(d);
	if (!data) {
		printf("FAIL %s: cannot read %s\n", label, path);
		return 1;
	}
	/* Valgrind runs code some 50 times slower; the bound only has to catch runaway inputs. */
	const char *wrap = getenv("VITA_WRAP");
	double limit = wrap && *wrap ? 300 : 10;
	printf("replaying %s\n", path);
	fflush(stdout);
	clock_t t0 = clock();
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	free(data);
	if (secs > limit) {
		printf("FAIL %s: took %.1f s of CPU (limit %.0f s)\n", label, secs, limit);
		return 1;
	}
	printf("PASS %s\n", label);
	return 0;
}

int main(int argc, char **argv)
{
	int failed = 0;
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			failed += replay(argv[i], argv[i]);
		return failed ? 1 : 0;
	}
	const char *root = getenv("VITA_ROOT");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/tests/fuzz/regressions/%s", root && *root ? root : ".", REPLAY_HARNESS);
	DIR *dp = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; dp && (e = readdir(dp));) {
		if (e->d_name[0] == '.')
			continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	if (dp)
		closedir(dp);
	if (!n)
		printf("SKIP replay_%s: no saved inputs in %s\n", REPLAY_HARNESS, dir);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char path[8192], label[8192];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		snprintf(label, sizeof label, "replay_%s/%s", REPLAY_HARNESS, names[i]);
		failed += replay(path, label);
		free(names[i]);
	}
	free(names);
	return failed ? 1 : 0;
}
