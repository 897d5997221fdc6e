/*
 * What the importers share (src/import/): the state of one `vita import`, and the helpers every
 * reader uses to build the CV model (include/vita/cv.h) directly — sections, entries, authors,
 * dates, connections — and to record each piece of the source it did not map.
 *
 * Readers never write YAML: they fill struct vita_cv through these helpers, with the source
 * position of every value, exactly as the YAML loader would have built it (text goes through the
 * loader's make_text, so it is normalized, mojibake-repaired and parsed into spans the same way).
 * write_yaml.c turns the model into YAML afterwards; a test loads that YAML back and compares.
 */
#ifndef VITA_IMPORT_H
#define VITA_IMPORT_H

#include "base/base.h"
#include "load/load_internal.h"

/* A piece of the source that no field took, kept verbatim for the "not imported" comments. */
typedef struct imp_unmapped {
	vita_pos pos;
	const char *text;
} imp_unmapped;

/* One source file of the import and the reader that read it. */
typedef struct imp_source {
	const char *path;
	const char *format;
} imp_source;

struct vita_imported {
	loader L; /* arena, diagnostics, the CV being built */
	imp_source *sources;
	size_t nsources;
	imp_unmapped *unmapped;
	size_t nunmapped;
	const char *derived; /* "" or notes on what was derived, for the file's header */
};
typedef struct vita_imported imp;

/* ---- building the model ---- */
/* Arena text for the model (normalized, parsed as Markdown); md may be NULL (absent). */
vita_text imp_text(imp *m, const char *md, vita_pos pos);
/* Appends a section titled title (Markdown allowed) holding entries of kind k. */
vita_section *imp_section(imp *m, const char *title, vita_pos pos, vita_entry_kind k);
/* The section titled title if there is one (compared as written), else NULL. */
vita_section *imp_find_section(imp *m, const char *title);
/* Appends an entry to s (zeroed, kind = the section's kind). */
vita_entry *imp_entry(imp *m, vita_section *s, vita_pos pos);
/* Appends an author written the RenderCV way ("**Name**#": emphasis = owner, markers = notes). */
void imp_author(imp *m, vita_entry *e, const char *raw, vita_pos pos);
/* Appends a highlight (Markdown). */
void imp_highlight(imp *m, vita_entry *e, const char *md, vita_pos pos);
/* Appends a connection: email, website (a URL) or GitHub user. */
void imp_email(imp *m, const char *addr, vita_pos pos);
void imp_website(imp *m, const char *url, vita_pos pos);
void imp_github(imp *m, const char *user, vita_pos pos);
/* Records a piece of the source that was not mapped (verbatim, trimmed; empty text is ignored). */
void imp_unmapped_add(imp *m, vita_pos pos, const char *text, size_t len);

/* Records a source file (for the YAML's header); returns its path, copied into the arena. */
const char *imp_add_source(imp *m, const char *path, const char *format);

/* ---- dates ---- */
/* Reads one date as people write it: "2022.09", "2022-09", "Aug. 2021", "July 2025", "2020",
 * "Now"/"Present" (PRESENT).  Returns false when s (len bytes, trimmed) is not one date. */
bool imp_parse_date(const char *s, size_t len, vita_date *out);
/* Reads a range "A - B" / "A – B" / "A to B" (or one date) into the entry's dates at pos; false
 * when s is not a date or range. */
bool imp_parse_range(const char *s, size_t len, vita_entry *e, vita_pos pos);
/* A month name or abbreviation ("Aug", "Sept.", "july") → 1..12, 0 if none. */
int imp_month(const char *s, size_t len);

/* ---- text helpers ---- */
/* Appends plain text to b with Markdown's special characters escaped (\ * _ [ ] ` < >). */
void imp_md_escape(vita_buf *b, const char *s, size_t len);
/* Words (runs of letters/digits) in s. */
size_t imp_count_words(const char *s);
/* s without leading/trailing blanks: sets *len. */
const char *imp_trim(const char *s, size_t *len);

/* ---- the readers ---- */
/* Each reads one file's bytes (already checked as UTF-8) into m; false after an error. */
bool imp_read_bibtex(imp *m, const char *path, const char *data, size_t len);
bool imp_read_homepage(imp *m, const char *path, const char *data, size_t len);
bool imp_read_cvtext(imp *m, const char *path, const char *data, size_t len);

/* ---- BibTeX for a CV section (`Publications: {from: papers.bib}`) ---- */
typedef enum imp_sort { IMP_SORT_DATE_DESC, IMP_SORT_DATE_ASC, IMP_SORT_NONE } imp_sort;
typedef struct imp_bib_opts {
	imp_sort sort;
	const char *const *keywords; /* keep entries with one of these keywords; NULL = all */
	size_t nkeywords;
	bool selected_only;          /* keep entries with selected={true} (al-folio) */
	bool record_unmapped;        /* list fields no key takes (import) or not (a CV section) */
} imp_bib_opts;
/* Parses the .bib into publication entries appended to sec. */
bool imp_bib_entries(imp *m, const char *path, const char *data, size_t len, vita_section *sec,
                     const imp_bib_opts *o);
/* The loader's hook: a section `{from: FILE.bib, owner, sort, select}` (cv.c calls this). */
void import_section_from(loader *L, vita_section *sec, const vita_node *key, const vita_node *v);

/* ---- HTML fragments (html.c, libxml2's HTML parser) ---- */
/* Turns an HTML fragment into Markdown: <b>/<strong> → **, <i>/<em> → *, <u> → ** (an owner mark),
 * <a href> → [text](url), <br> → " ", <sup>X</sup> → X, entities decoded, other tags dropped
 * (their text kept).  Appends to out. */
void imp_html_to_md(const char *html, size_t len, vita_buf *out, vita_diags *d, vita_pos pos);

/* ---- write_yaml.c's pieces that `vita dump --rendercv` (src/render/dump_rendercv.c) uses ---- */
/* A YAML scalar for s: plain where YAML allows it, else quoted. */
void vita_yaml_scalar(vita_buf *b, const char *s);
/* One entry of the model as a list item under a section ("      - " and its fields). */
void vita_yaml_entry(vita_buf *b, const vita_entry *e);

#endif
