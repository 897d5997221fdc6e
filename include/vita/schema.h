/*
 * The schema of entries: what each entry kind is made of (include/vita/kinds.def holds the rows).
 *
 * Every stage that needs to know a kind's keys, required keys, template slots, placeholders or
 * LaTeX macro asks here, so that the stages cannot disagree and a new kind is one row.
 */
#ifndef VITA_SCHEMA_H
#define VITA_SCHEMA_H

#include <stddef.h>

#include "vita/cv.h"

/* The template slots a kind's design templates fill (design.templates.<kind>_entry.<slot>). */
enum {
	VITA_SLOT_MAIN = 1,   /* main_column */
	VITA_SLOT_DATE = 2,   /* date_and_location_column */
	VITA_SLOT_DEGREE = 4, /* degree_column */
};

/* Kind flags. */
enum {
	VITA_KIND_TEXT_BASED = 1, /* spaced as text-based entries (RenderCV's rule) */
};

typedef struct vita_kind_def {
	vita_entry_kind kind;
	const char *name;      /* "education", "one-line": in messages and dumps */
	const char *article;   /* "an" education entry, "a" normal entry */
	const char *style_key; /* "education_entry"; NULL when the kind has no templates */
	const char *latex;     /* its LaTeX macro, "cveducation"; NULL when written otherwise */
	unsigned slots;        /* VITA_SLOT_* */
	unsigned flags;        /* VITA_KIND_* */
	const char *const *keys;     /* every key it takes, NULL-terminated */
	const char *const *required; /* the keys it must have */
	const char *const *marks;    /* a mapping with one of these is of this kind */
	const char *needs;           /* "`company` and `position`": for the error message */
} vita_kind_def;

/* What a key of an entry holds, and so how it is loaded and shown. */
typedef enum vita_field_type {
	VITA_FIELD_TEXT,       /* inline Markdown text */
	VITA_FIELD_DATE,       /* date */
	VITA_FIELD_START_DATE, /* start_date */
	VITA_FIELD_END_DATE,   /* end_date */
	VITA_FIELD_HIGHLIGHTS, /* a list of highlights */
	VITA_FIELD_AUTHORS,    /* a list of authors */
	VITA_FIELD_DOI,        /* a DOI */
	VITA_FIELD_URL,        /* a vetted link */
} vita_field_type;

/* NO_MEMBER: a text field kept by name in the entry's `fields` (a key of a kind added by a row of
 * the table alone); otherwise the offset of its vita_text in vita_entry. */
#define VITA_FIELD_NO_MEMBER ((size_t)-1)

typedef struct vita_field_def {
	const char *key;         /* "institution" */
	const char *placeholder; /* "INSTITUTION" */
	vita_field_type type;
	size_t member;           /* TEXT: offsetof(vita_entry, …) or VITA_FIELD_NO_MEMBER */
} vita_field_def;

/* The row of kind k (k < VITA_ENTRY_KIND_COUNT). */
const vita_kind_def *vita_kind_def_of(vita_entry_kind k);

/* The field a key names (any kind's), or a TEXT field with no member for a key the table lists
 * only in a kind row; NULL for a key no kind has. */
const vita_field_def *vita_field_by_key(const char *key);

/* The field whose placeholder is name[0..n), as vita_field_by_key; NULL if none. */
const vita_field_def *vita_field_by_placeholder(const char *name, size_t n);

/* True when kind k takes key. */
bool vita_kind_has_key(vita_entry_kind k, const char *key);

/* An entry's text field (member or kept by name); NULL when the entry has no such text. */
const vita_text *vita_entry_text(const vita_entry *e, const vita_field_def *f);

/* Every key of every kind, NULL-terminated, each once (for suggestions). */
const char *const *vita_schema_all_keys(void);

/* ---- variants by tag (src/model/variants.c) ---- */
typedef struct vita_select {
	const char *const *only; /* keep untagged entries and those with any of these tags (none: all) */
	size_t nonly;
	const char *const *except; /* then remove those with any of these */
	size_t nexcept;
} vita_select;
/* Applies sel to the CV's entries (a section's tags count for its entries); drops the sections
 * left empty, with a note each.  Returns the number of entries removed. */
size_t vita_cv_select(vita_cv *cv, const vita_select *sel, vita_diags *d);
/* The variant of settings.variants called name; NULL when there is none. */
const vita_variant *vita_cv_variant(const vita_cv *cv, const char *name);
/* Applies settings.variants' variant name (vita_cv_select); -1, after an error naming the
 * variants there are, when the CV has none of that name. */
int vita_cv_select_variant(vita_cv *cv, const char *name, vita_diags *d);

/* ---- sorting by date (src/model/sort.c) ---- */
/* The entry's sort keys: the end of its time (end_date; `present` latest; else date), then its
 * start.  False when it has no date to sort by (none, or free text). */
bool vita_entry_sort_keys(const vita_entry *e, long *end, long *start);
/* Sorts e[0..n) by those keys, stably; entries without keys stay right after the entry they
 * followed in the file (at the top when none did).  Returns how many had no keys. */
size_t vita_sort_entries(vita_entry *e, size_t n, bool newest_first);

#endif
