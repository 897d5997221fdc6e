/*
 * The process's environment, read once: where the data folder is and what "now" is.
 *
 * No stage calls getenv itself; they ask vita_env_get().  main() reads and validates the environment
 * first (vita_env_from_process), so an unusable SOURCE_DATE_EPOCH is a usage error before any file
 * is touched, and every stage of every worker of a batch sees the same instant — a batch started
 * a second before midnight does not date half its CVs the next day.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"
#include "vita/cv.h"

#ifndef VITA_DATA_DIR
#define VITA_DATA_DIR "."
#endif

/* 9999-12-31T23:59:59Z: the last second a four-digit year can show. */
#define EPOCH_MAX 253402300799LL

int vita_parse_epoch(const char *s, long long *out)
{
	if (!s || !*s)
		return -1;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return -1; /* no sign, no spaces, no exponent, no trailing garbage */
	if (strlen(s) > 12)
		return -1;
	errno = 0;
	long long v = strtoll(s, NULL, 10);
	if (errno || v < 0 || v > EPOCH_MAX)
		return -1;
	*out = v;
	return 0;
}

/* The same folder, by name or (for a name spelt otherwise: a trailing slash, a link) by realpath. */
static bool same_folder(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
	bool same = ra && rb && strcmp(ra, rb) == 0;
	free(ra);
	free(rb);
	return same;
}

int vita_env_from_process(vita_env *env, char *err, size_t errlen)
{
	memset(env, 0, sizeof *env);
	const char *dd = getenv("VITA_DATA_DIR");
	env->data_dir = dd && *dd ? dd : VITA_DATA_DIR;
	env->own_data = same_folder(env->data_dir, VITA_DATA_DIR);
	env->now = (long long)time(NULL);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		long long v;
		if (vita_parse_epoch(sde, &v) != 0) {
			if (err)
				snprintf(err, errlen,
				         "SOURCE_DATE_EPOCH=\"%.40s%s\" is not a number of seconds between 0 and %lld "
				         "(1970-01-01 to 9999-12-31)",
				         sde, strlen(sde) > 40 ? "..." : "", EPOCH_MAX);
			return -1;
		}
		env->now = v;
		env->fixed_time = true;
	}
	const char *nc = getenv("NO_COLOR");
	env->no_color = nc && *nc;
	const char *term = getenv("TERM");
	env->dumb_terminal = term && strcmp(term, "dumb") == 0;
	env->fallback_fonts = getenv("VITA_FALLBACK_FONTS"); /* NULL: the system's folder */
	const char *dm = getenv("VITA_DUMP_MEASURE");
	env->dump_measure = dm && *dm && strcmp(dm, "0") != 0;
	return 0;
}

static vita_env g_env;
static bool g_set;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void env_init_once(void)
{
	if (g_set)
		return;
	if (vita_env_from_process(&g_env, NULL, 0) != 0) {
		/* main() refuses such a value; a library caller gets the clock instead */
		g_env.now = (long long)time(NULL);
		g_env.fixed_time = false;
	}
	g_set = true;
}

const vita_env *vita_env_get(void)
{
	pthread_once(&g_once, env_init_once);
	return &g_env;
}

void vita_env_set(const vita_env *env)
{
	g_env = *env;
	g_set = true;
}

void vita_env_confine(const char *const *allow, size_t nallow)
{
	pthread_once(&g_once, env_init_once);
	g_env.confined = true;
	g_env.allow = allow;
	g_env.nallow = nallow;
}

const char *vita_data_dir(void)
{
	return vita_env_get()->data_dir;
}

vita_date vita_env_today(const vita_env *env)
{
	time_t now = (time_t)env->now;
	struct tm tm;
	vita_date d = {0};
	if (!gmtime_r(&now, &tm))
		return d; /* cannot happen within EPOCH_MAX; an absent date rather than garbage */
	d.kind = VITA_DATE_EXACT;
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return d;
}
