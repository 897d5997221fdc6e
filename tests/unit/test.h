/*
 * A minimal unit-test harness shared by tests/unit/test_*.c.
 *
 * Each test is a function; RUN(fn) runs it and prints one line `PASS name`, `FAIL name: …` or
 * `SKIP name: why`, which tests/run.sh counts.  CHECK* record a failure with file:line and go on, so
 * one run shows every broken expectation of a test.
 */
#ifndef VITA_TEST_H
#define VITA_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vita.h"

static int test_failures_;   /* in the current test */
static const char *test_skip_;
static int test_total_failed_;

#define CHECK(cond)                                                                                 \
	do {                                                                                            \
		if (!(cond)) {                                                                              \
			test_failures_++;                                                                       \
			fprintf(stdout, "  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);              \
		}                                                                                           \
	} while (0)

#define CHECK_STR(got, want)                                                                        \
	do {                                                                                            \
		const char *g_ = (got), *w_ = (want);                                                       \
		if (!g_ || !w_ || strcmp(g_, w_) != 0) {                                                    \
			test_failures_++;                                                                       \
			fprintf(stdout, "  %s:%d: %s\n    got:  \"%s\"\n    want: \"%s\"\n", __FILE__, __LINE__, \
			        #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                  \
		}                                                                                           \
	} while (0)

#define CHECK_INT(got, want)                                                                        \
	do {                                                                                            \
		long long g_ = (long long)(got), w_ = (long long)(want);                                    \
		if (g_ != w_) {                                                                             \
			test_failures_++;                                                                       \
			fprintf(stdout, "  %s:%d: %s = %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_);   \
		}                                                                                           \
	} while (0)

/* Marks the current test skipped, with the reason printed. */
#define SKIP(why)                                                                                   \
	do {                                                                                            \
		test_skip_ = (why);                                                                         \
		return;                                                                                     \
	} while (0)

#define RUN(fn)                                                                                     \
	do {                                                                                            \
		test_failures_ = 0;                                                                         \
		test_skip_ = NULL;                                                                          \
		fn();                                                                                       \
		if (test_skip_ && !test_failures_)                                                          \
			printf("SKIP %s: %s\n", #fn, test_skip_);                                               \
		else if (test_failures_) {                                                                  \
			printf("FAIL %s: %d check(s) failed\n", #fn, test_failures_);                          \
			test_total_failed_++;                                                                   \
		} else                                                                                      \
			printf("PASS %s\n", #fn);                                                               \
		fflush(stdout);                                                                             \
	} while (0)

#define TEST_EXIT() (test_total_failed_ ? 1 : 0)


/* Re-reads the process environment into vita_env after a test changed it with setenv (vita reads
 * the environment once; the tests that change it say so). */
static inline void test_env_reload(void)
{
	vita_env e;
	vita_env_from_process(&e, NULL, 0);
	vita_env_set(&e);
}

#endif
