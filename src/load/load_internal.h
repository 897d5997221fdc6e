/*
 * What the loader's files share (src/load/cv.c, values.c, header.c, settings.c, entries.c, date.c, locale.c,
 * jsonresume.c, dump.c).  Not part of the public API: backends see only include/vita/cv.h.
 *
 * A `loader` carries the state of one vita_cv_load(): the arena that will own the CV, the
 * diagnostics, and the dotted path of the value being read ("cv.sections.education[0].end_date"),
 * which every message starts with so that a user can find a value the way RenderCV names it.
 */
#ifndef VITA_LOAD_INTERNAL_H
#define VITA_LOAD_INTERNAL_H

#include "base/base.h"
#include "load/yaml.h"
#include "model/names.h"
#include "vita.h"
#include "vita/cv.h"

/* ---- limits (documented in cv.c) ---- */
#define VITA_MAX_ENTRIES 50000        /* entries in one CV, all sections together */
#define VITA_MAX_FIELD_BYTES (64u << 10) /* bytes in one text field */
#define VITA_MAX_NAME_BYTES 1024      /* cv.name */
#define VITA_MAX_BOLD_KEYWORDS 1000   /* settings.bold_keywords: each is searched in every text */

typedef struct loader {
	vita_arena *a;
	vita_diags *d;
	vita_cv *cv;
	const char *path;  /* the CV file, as given (arena copy) */
	char where[512];   /* dotted path of the current value */
	size_t wlen;
	size_t nentries;   /* entries so far, against VITA_MAX_ENTRIES */
	bool entries_capped;
	const char *start_key, *end_key; /* "start_date"/"end_date"; JSON Resume: "startDate"/"endDate" */
	const char *data;  /* the file's bytes, to place nested highlights folded into one string */
	size_t len;
	size_t *lines;     /* byte offset of each line start, built on first use */
	size_t nlines;
	const vita_node *section_order; /* settings.sections, applied once the sections are read */
	bool match_owner;  /* find the owner among unmarked authors whatever the file says (vita import) */
} loader;

/* Where text (its first line) appears in the file at or after pos; pos itself if not found. */
vita_pos find_in_source(loader *L, vita_pos from, const char *text, size_t n);

/* ---- path of the current value ---- */
size_t where_push_key(loader *L, const char *key); /* returns the length to restore */
size_t where_push_index(loader *L, size_t i);
void where_pop(loader *L, size_t len);

/* ---- messages: "PATH: message" at pos ---- */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void lerr(loader *L, vita_severity sev, vita_pos pos, const char *fmt, ...);

/* ---- scalar and text values ---- */
/* The node's string if it is a scalar that is not null, else NULL after an error that names the
 * expected type ("expected text, got a list"); NULL silently for null. */
const char *scalar_str(loader *L, const vita_node *n, const char *what);
/* A text field: normalized, length-checked, parsed into spans.  Absent (md == NULL) for null. */
vita_text load_text(loader *L, const vita_node *n);
/* The same for a string that does not come straight from a node (JSON Resume joins, split
 * highlights). */
vita_text make_text(loader *L, const char *s, size_t len, vita_pos pos);
/* A normalized plain string (no Markdown), length-checked; NULL for null or on error. */
const char *load_plain(loader *L, const vita_node *n);
/* True when s is a bare DOI as the doi field takes it: "10." + registrant digits + "/" + a suffix
 * without white space (the importers check theirs with it too, so that what they write loads). */
bool valid_doi(const char *s);
/* True when s is an email address as cv.email takes it (the importers check theirs with it). */
bool valid_email(const char *s);

/* ---- unknown keys ---- */
/* Warns about a key that none of known[] (NULL-terminated) names, suggesting the closest. */
void warn_unknown_key(loader *L, const vita_node *key, const char *const *known, const char *in);

/* ---- did-you-mean (src/base/suggest.c) over a NULL-terminated list ---- */
#define suggest(s, known) vita_suggest((s), (known), SIZE_MAX)

/* ---- dates (date.c) ---- */
typedef enum date_rule {
	DATE_ARBITRARY, /* `date`: strict forms, present, or free text */
	DATE_START,     /* start_date: strict forms only */
	DATE_END,       /* end_date: strict forms or present */
} date_rule;
/* Parses a date value; false (after an error) when it is invalid. */
bool load_date(loader *L, const vita_node *n, date_rule rule, vita_date *out);
/* Parses YYYY, YYYY-MM or YYYY-MM-DD; 0 on success, else a reason ("the month must be …"), or
 * "" when s does not have one of these shapes at all. */
const char *parse_exact_date(const char *s, vita_date *out);
/* Resolves date / start_date / end_date as RenderCV does and checks their order. */
void resolve_dates(loader *L, vita_entry *e);
/* Today (UTC), or the day of SOURCE_DATE_EPOCH when it is set. */
vita_date today_date(void);
/* -1, 0, 1; PRESENT is the CV's current date; missing month/day count as 1. */
int date_cmp(const vita_cv *cv, const vita_date *a, const vita_date *b);

/* ---- names: src/model/names.h ---- */

/* ---- locale (locale.c) ---- */
void locale_english(vita_locale *loc);
void load_locale(loader *L, const vita_node *n);
/* design.templates.single_date / date_range / time_span, if the CV sets them. */
void load_date_templates(loader *L, const vita_node *design);

/* ---- entries and sections (entries.c) ---- */
void load_sections(loader *L, const vita_node *n);
/* A list of tags, or one tag, in the arena; *n gets how many. */
const char **load_tags(loader *L, const vita_node *v, size_t *n);
/* settings.sections: the sections in the order listed, the others left out (a note names them). */
void order_sections(loader *L, const vita_node *list);
/* After everything is read: marks the owner among publication authors (cv.name may come last). */
void finish_cv(loader *L);
vita_highlight *split_highlight(loader *L, vita_highlight *h, const char *s, vita_pos pos);

/* ---- the header (header.c) and settings (settings.c) of a RenderCV file ---- */
void load_header(loader *L, const vita_node *m);
void load_settings(loader *L, const vita_node *m);

/* ---- contacts (header.c), shared with JSON Resume so that both are validated alike (M5) ---- */
/* Each appends one connection to cv->connections (cap: its capacity) or reports why not. */
void load_email(loader *L, const vita_node *v, size_t *cap);
void load_phone(loader *L, const vita_node *v, size_t *cap);
void load_website(loader *L, const vita_node *v, size_t *cap);

/* ---- JSON Resume (jsonresume.c) ---- */
void load_jsonresume(loader *L, const vita_node *root);

/* ---- overlay.c: split files, command-line overrides, settings.render_command ---- */
/* Applies them to root; true when the tree changed. */
bool apply_overlays(loader *L, vita_node *root, const vita_load_opts *o);
void load_render_command(loader *L, const vita_node *m);

/* ---- settings.variants (variants.c) ---- */
void load_variants(loader *L, const vita_node *m);
/* Once the sections are read: warns about a variant's tag that no entry or section carries. */
void check_variants(loader *L);

/* ---- helpers shared by the builders ---- */
/* A growable array in the arena; *n is the count, *cap the capacity (in elements). */
void *grow(loader *L, void *arr, size_t *cap, size_t n, size_t size);

#endif
