/*
 * Shards: `--shard K/N` renders the K-th of N slices of the sorted profile list, so that N machines
 * (a Slurm job array, a Kubernetes indexed job, GNU parallel over ssh) split a corpus with no
 * coordination beyond knowing K and N.
 *
 * Round-robin (index i goes to shard (i mod N) + 1) rather than contiguous ranges: neighbours in
 * sorted order often come from the same group and are alike in size, so dealing them out balances
 * the shards' work, and shard sizes differ by at most one.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "build/batch.h"

#define MAX_SHARDS 1000000UL

static int parse_count(const char *s, const char *end, unsigned long *v)
{
	if (s == end || *s < '0' || *s > '9')
		return -1;
	char *e;
	errno = 0;
	*v = strtoul(s, &e, 10);
	return e == end && errno == 0 ? 0 : -1;
}

int build_parse_shard(const char *s, unsigned *k, unsigned *n)
{
	const char *slash = strchr(s, '/');
	unsigned long kk, nn;
	if (!slash || parse_count(s, slash, &kk) != 0 ||
	    parse_count(slash + 1, slash + 1 + strlen(slash + 1), &nn) != 0)
		return -1;
	if (nn < 1 || nn > MAX_SHARDS || kk < 1 || kk > nn)
		return -1;
	*k = (unsigned)kk;
	*n = (unsigned)nn;
	return 0;
}

bool build_in_shard(size_t i, unsigned k, unsigned n)
{
	return n > 0 && i % n == (size_t)(k - 1);
}

void build_shard(build_list *l, unsigned k, unsigned n)
{
	size_t kept = 0;
	for (size_t i = 0; i < l->n; i++) {
		build_job *j = &l->v[i];
		if (build_in_shard(i, k, n)) {
			l->v[kept++] = *j;
		} else {
			free(j->input);
			free(j->stem);
			free(j->out_pdf);
			free(j->out_tex);
		}
	}
	l->n = kept;
}
