/*
 * A per-thread deadline that long loops check cooperatively (`vita build --timeout`, `vita render
 * --timeout`).
 *
 * Threads cannot be killed safely, so a runaway profile is stopped by its own loops: layout,
 * line breaking and pagination call deadline_passed(), which reads the clock only every 256th
 * call (a few nanoseconds otherwise), and give up — returning early, the caller reporting the
 * time limit once.  The deadline is thread-local: each worker of `vita build` has its own.
 */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "base/base.h"

static _Thread_local struct timespec deadline;
static _Thread_local bool armed, expired;
static _Thread_local unsigned tick;
static _Thread_local double limit;

void deadline_start(double seconds)
{
	armed = seconds > 0;
	limit = seconds;
	expired = false;
	tick = 0;
	if (!armed)
		return;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	long long ns = (long long)(seconds * 1e9);
	deadline.tv_sec += (time_t)(ns / 1000000000);
	deadline.tv_nsec += (long)(ns % 1000000000);
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
}

int deadline_parse(const char *s, double *t)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (!*s || *end || errno || !(v >= 0 && v <= 86400))
		return -1;
	*t = v;
	return 0;
}

void deadline_stop(void)
{
	armed = expired = false;
}

bool deadline_passed(void)
{
	if (!armed || expired)
		return expired;
	if (++tick % 256 != 0)
		return false;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	expired = now.tv_sec > deadline.tv_sec || (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec);
	return expired;
}

bool deadline_expired(void)
{
	return expired;
}

double deadline_limit(void)
{
	return limit;
}
