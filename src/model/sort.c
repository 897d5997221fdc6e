/*
 * Sorting a section's entries by date (a section written `{sort: date-desc, entries: [...]}`, and
 * the publications of a `from:` .bib), include/vita/schema.h.
 *
 * The key is the end of the entry's time (its end_date, `present` latest of all, else its date),
 * then its start; equal keys keep file order (stable).  An entry with no date to sort by (none, or
 * free text such as "Fall 2023") cannot be placed: it stays right after the entry it followed in
 * the file, and the caller warns.
 */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "vita/schema.h"

/* One date as a number that orders as the date does; a missing month or day counts as 0.
 * PRESENT is later than any date. */
static long date_value(const vita_date *d)
{
	if (d->kind == VITA_DATE_PRESENT)
		return 100000000L;
	return d->kind == VITA_DATE_EXACT ? d->year * 10000L + d->month * 100L + d->day : -1;
}

bool vita_entry_sort_keys(const vita_entry *e, long *end, long *start)
{
	const vita_date *last = e->end_date.kind ? &e->end_date : &e->date;
	const vita_date *first = e->start_date.kind ? &e->start_date : &e->date;
	*end = date_value(last);
	*start = date_value(first);
	if (*end < 0 && *start >= 0)
		*end = *start;
	return *end >= 0;
}

typedef struct keyed {
	long end, start;
	size_t at; /* position in the file */
} keyed;

static int cmp_asc(const void *pa, const void *pb)
{
	const keyed *a = pa, *b = pb;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

static int cmp_desc(const void *pa, const void *pb)
{
	const keyed *a = pa, *b = pb;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	if (a->start != b->start)
		return a->start > b->start ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at; /* file order among equals, both ways */
}

size_t vita_sort_entries(vita_entry *e, size_t n, bool newest_first)
{
	if (n < 2)
		return 0;
	keyed *k = xmalloc(n * sizeof *k);
	size_t nk = 0, unplaced = 0;
	for (size_t i = 0; i < n; i++)
		if (vita_entry_sort_keys(&e[i], &k[nk].end, &k[nk].start))
			k[nk++].at = i;
		else
			unplaced++;
	qsort(k, nk, sizeof *k, newest_first ? cmp_desc : cmp_asc);
	vita_entry *out = xmalloc(n * sizeof *out);
	size_t o = 0;
	long a, b;
	for (size_t i = 0; i < n && !vita_entry_sort_keys(&e[i], &a, &b); i++)
		out[o++] = e[i]; /* the undated entries before the first dated one keep the top */
	for (size_t j = 0; j < nk; j++) {
		out[o++] = e[k[j].at];
		for (size_t i = k[j].at + 1; i < n && !vita_entry_sort_keys(&e[i], &a, &b); i++)
			out[o++] = e[i]; /* the undated ones that followed it */
	}
	memcpy(e, out, n * sizeof *e);
	free(out);
	free(k);
	return unplaced;
}
