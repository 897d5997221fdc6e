/*
 * The schema table (include/vita/schema.h): the kind rows of include/vita/kinds.def, and the
 * fields that have a member of their own in vita_entry or a type other than text.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vita/schema.h"

#define VITA_KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define VITA_NO_KEYS ((const char *const[]){NULL})
/* The keys of every kind that has dates, a summary and highlights. */
#define VITA_DATED_KEYS "date", "start_date", "end_date", "location", "summary", "highlights", "url"

static const vita_kind_def kinds[VITA_ENTRY_KIND_COUNT] = {
#define KIND(id, nm, art, style, tex, sl, fl, ks, req, mk, nd)                                        \
	{VITA_ENTRY_##id, nm, art, style, tex, sl, fl, ks, req, mk, nd},
#include "vita/kinds.def"
#undef KIND
};

_Static_assert(VITA_ENTRY_KIND_COUNT <= 32, "member_kinds holds a kind per bit");

#define TEXT(k, P, m) {k, P, VITA_FIELD_TEXT, offsetof(vita_entry, m)}
static const vita_field_def fields[] = {
    TEXT("institution", "INSTITUTION", institution),
    TEXT("area", "AREA", area),
    TEXT("degree", "DEGREE", degree),
    TEXT("company", "COMPANY", company),
    TEXT("position", "POSITION", position),
    TEXT("name", "NAME", name),
    TEXT("title", "TITLE", title),
    TEXT("awarder", "AWARDER", awarder),
    TEXT("issuer", "AWARDER", awarder), /* the same field under RenderCV's other name */
    TEXT("journal", "JOURNAL", journal),
    TEXT("label", "LABEL", label),
    TEXT("details", "DETAILS", details),
    TEXT("bullet", "TEXT", text),
    TEXT("number", "TEXT", text),
    TEXT("reversed_number", "TEXT", text),
    TEXT("location", "LOCATION", location),
    TEXT("summary", "SUMMARY", summary),
    {"date", "DATE", VITA_FIELD_DATE, 0},
    {"start_date", "START_DATE", VITA_FIELD_START_DATE, 0},
    {"end_date", "END_DATE", VITA_FIELD_END_DATE, 0},
    {"highlights", "HIGHLIGHTS", VITA_FIELD_HIGHLIGHTS, 0},
    {"authors", "AUTHORS", VITA_FIELD_AUTHORS, 0},
    {"doi", "DOI", VITA_FIELD_DOI, 0},
    {"url", "URL", VITA_FIELD_URL, 0},
};
#undef TEXT
#define NFIELDS (sizeof fields / sizeof fields[0])

/* The keys the kind rows name that have no row above: text fields kept by name.  Built once,
 * lazily (the table is small; a fixed bound keeps it static). */
#define MAX_NAMED 32
static struct {
	vita_field_def def[MAX_NAMED];
	char placeholder[MAX_NAMED][32];
	size_t n;
	const char *all[NFIELDS + MAX_NAMED + 1];
} named;
static pthread_once_t named_once = PTHREAD_ONCE_INIT;

/* The row of key (first letters compared before strcmp: the composition asks for every key of
 * every entry's kind). */
static const vita_field_def *member_field(const char *key)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (fields[i].key[0] == key[0] && strcmp(fields[i].key, key) == 0)
			return &fields[i];
	return NULL;
}

/* Of fields[i] with a member: the kinds (bit k) whose entries have it, since the kinds share the
 * members' room (cv.h): those with its key, or with the key of another row that has the same
 * member and placeholder (issuer for awarder; number for bullet).  Built once per process, by
 * first character before strcmp: a render asks for it, and the table's strings are few. */
static unsigned member_kinds[NFIELDS];
static pthread_once_t member_once = PTHREAD_ONCE_INIT;

static void build_member_kinds(void)
{
	for (size_t k = 0; k < VITA_ENTRY_KIND_COUNT; k++)
		for (const char *const *p = kinds[k].keys; *p; p++)
			for (size_t j = 0; j < NFIELDS; j++) {
				if (fields[j].key[0] != (*p)[0] || fields[j].member == VITA_FIELD_NO_MEMBER ||
				    strcmp(fields[j].key, *p) != 0)
					continue;
				for (size_t i = 0; i < NFIELDS; i++)
					if (fields[i].member == fields[j].member &&
					    fields[i].placeholder[0] == fields[j].placeholder[0] &&
					    strcmp(fields[i].placeholder, fields[j].placeholder) == 0)
						member_kinds[i] |= 1u << k;
			}
	/* a text entry (a plain string in a section) has no key: its paragraph is the bullet's
	 * member (the rows of placeholder TEXT; other rows share the offset, not the field) */
	for (size_t i = 0; i < NFIELDS; i++)
		if (strcmp(fields[i].placeholder, "TEXT") == 0)
			member_kinds[i] |= 1u << VITA_ENTRY_TEXT;
}

static void build_named(void)
{
	size_t nall = 0;
	for (size_t i = 0; i < NFIELDS; i++)
		named.all[nall++] = fields[i].key;
	for (size_t k = 0; k < VITA_ENTRY_KIND_COUNT; k++)
		for (const char *const *p = kinds[k].keys; *p; p++) {
			bool seen = member_field(*p) != NULL;
			for (size_t j = 0; j < named.n && !seen; j++)
				seen = strcmp(named.def[j].key, *p) == 0;
			if (seen)
				continue;
			/* a table too big for these bounds is a mistake in kinds.def, not input: said and
			 * stopped, rather than a key that loads as nothing */
			if (named.n == MAX_NAMED || strlen(*p) >= sizeof named.placeholder[0]) {
				fprintf(stderr, "vita: internal error: include/vita/kinds.def names more than %d keys "
				                "without a member, or `%s` is longer than %zu bytes\n",
				        MAX_NAMED, *p, sizeof named.placeholder[0] - 1);
				abort();
			}
			char *up = named.placeholder[named.n];
			size_t l = 0;
			for (; (*p)[l]; l++)
				up[l] = (*p)[l] >= 'a' && (*p)[l] <= 'z' ? (char)((*p)[l] - 32) : (*p)[l];
			up[l] = 0;
			named.def[named.n] = (vita_field_def){*p, up, VITA_FIELD_TEXT, VITA_FIELD_NO_MEMBER};
			named.all[nall++] = *p;
			named.n++;
		}
	named.all[nall] = NULL;
}

static void ensure_built(void)
{
	pthread_once(&named_once, build_named); /* batch renders call from several threads */
}

const vita_kind_def *vita_kind_def_of(vita_entry_kind k)
{
	return &kinds[(unsigned)k < VITA_ENTRY_KIND_COUNT ? k : VITA_ENTRY_TEXT];
}

const char *vita_entry_kind_name(vita_entry_kind k)
{
	return (unsigned)k < VITA_ENTRY_KIND_COUNT ? kinds[k].name : "?";
}

const vita_field_def *vita_field_by_key(const char *key)
{
	const vita_field_def *f = member_field(key);
	if (f)
		return f;
	ensure_built();
	for (size_t i = 0; i < named.n; i++)
		if (named.def[i].key[0] == key[0] && strcmp(named.def[i].key, key) == 0)
			return &named.def[i];
	return NULL;
}

/* Whether placeholder ph is name[0..n): compared character by character, without measuring ph
 * first, since templates look placeholders up a few hundred times per CV in these tables. */
static bool placeholder_is(const char *ph, const char *name, size_t n)
{
	size_t i = 0;
	while (i < n && ph[i] && ph[i] == name[i])
		i++;
	return i == n && ph[n] == 0;
}

const vita_field_def *vita_field_by_placeholder(const char *name, size_t n)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (placeholder_is(fields[i].placeholder, name, n))
			return &fields[i];
	ensure_built();
	for (size_t i = 0; i < named.n; i++)
		if (placeholder_is(named.def[i].placeholder, name, n))
			return &named.def[i];
	return NULL;
}

bool vita_kind_has_key(vita_entry_kind k, const char *key)
{
	for (const char *const *p = vita_kind_def_of(k)->keys; *p; p++)
		if (strcmp(*p, key) == 0)
			return true;
	return false;
}

const vita_text *vita_entry_text(const vita_entry *e, const vita_field_def *f)
{
	if (!f || f->type != VITA_FIELD_TEXT)
		return NULL;
	if (f->member != VITA_FIELD_NO_MEMBER) {
		pthread_once(&member_once, build_member_kinds); /* batch renders call from several threads */
		size_t i = (size_t)(f - fields); /* rows with a member are all in fields[] */
		if ((unsigned)e->kind >= VITA_ENTRY_KIND_COUNT || !(member_kinds[i] >> e->kind & 1))
			return NULL; /* another kind's member: its room holds this kind's fields */
		return (const vita_text *)((const char *)e + f->member);
	}
	for (size_t i = 0; i < e->nfields; i++)
		if (strcmp(e->fields[i].key, f->key) == 0)
			return &e->fields[i].value;
	return NULL;
}

const char *const *vita_schema_all_keys(void)
{
	ensure_built();
	return named.all;
}
