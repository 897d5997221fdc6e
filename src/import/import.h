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

/* A hand correction (corrections.c): the value at path, expected to be `was`, becomes `set`. */
typedef struct imp_fix {
	const char *path;
	const vita_node *was, *set;
	const char *rename; /* instead of set: the key's new name */
	vita_pos pos;
} imp_fix;

struct vita_imported {
	loader L; /* arena, diagnostics, the CV being built */
	imp_source *sources;
	size_t nsources;
	imp_unmapped *unmapped;
	size_t nunmapped;
	const char *derived; /* "" or notes on what was derived, for the file's header */
	/* --overlay: the hand corrections, the sources and owner it names, the corrected YAML */
	const char *overlay;
	imp_fix *fixes;
	size_t nfixes;
	const char **osources;
	size_t nosources;
	const char *oowner;
	const char *overlay_why; /* the overlay's opening comment, for the header */
	const char *owner_folder; /* a Hugo site: the owner's author folder ("admin"), as publications name them */
	char *corrected; /* malloc'd */
	size_t corrected_len;
	char *out_dir; /* the folder the YAML is written to (absolute; NULL: standard output, then the working folder), for
	                * the photo's path relative to it */
};
typedef struct vita_imported imp;

/* ---- building the model ---- */
/* The arena arrays of the model grow to the next power of two of their count: a new array when
 * n is 0 or a power of two from 4 on, else arr itself. */
void *imp_grow(imp *m, void *arr, size_t n, size_t size);
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

/* al-folio's _data/cv.yml, legacy (a list of {title, type, contents}) or RenderCV-shaped (alfolio.c) */
bool imp_read_alfolio_cv(imp *m, const char *path, const char *data, size_t len);
/* a JSON Resume (merge.c, through src/load/jsonresume.c) */
bool imp_read_jsonresume(imp *m, const char *path, const char *data, size_t len);
/* one academicpages _publications/ or _talks/ item (collection.c) */
bool imp_read_collection_item(imp *m, const char *path, const char *data, size_t len);
/* a Hugo Blox / Wowchemy content/authors/NAME/_index.md (hugo.c) */
bool imp_read_hugo_author(imp *m, const char *path, const char *data, size_t len);
/* a Hugo Blox content/publication/NAME/index.md (hugo_pubs.c); m->owner_folder names the owner */
bool imp_read_hugo_publication(imp *m, const char *path, const char *data, size_t len);
/* Reads one file (format from, or detected when NULL) or a site folder into m. */
bool imp_read_path(imp *m, const char *path, const char *from, vita_diags *d);

/* ---- sites (site.c) ---- */
/* True for a folder holding _config.yml (Jekyll) or config/_default/ (Hugo): one person's site. */
bool imp_is_site(const char *path);
/* Every part of the site merged into m, duplicate publications removed. */
bool imp_read_site(imp *m, const char *dir, vita_diags *d);
/* The format of a file that is part of a site, by its content (and its folder for a collection
 * item), or NULL: "alfolio-cv", "jsonresume", "collection", "hugo-author", "hugo-publication". */
const char *imp_detect_site_part(const char *path, const char *data, size_t len);

/* ---- front matter (frontmatter.c) ---- */
/* The YAML front matter of a Markdown file, parsed: *fm (NULL when the file has none) and the
 * offset and line of the body.  False after an error (a front matter with no end, bad YAML). */
bool imp_front_matter(imp *m, const char *path, const char *data, size_t len, const vita_node **fm,
                      size_t *body, int *body_line);
/* A scalar value of a mapping, NULL when absent, null, empty or not a scalar. */
const char *imp_node_str(const vita_node *map, const char *key);
/* A value as Markdown: inline HTML (al-folio's values hold it) converted, else as written. */
const char *imp_node_md(imp *m, const vita_node *n);
/* Records a key of a mapping that no field took, as "key: value" (nested values by their lines). */
void imp_unmapped_node(imp *m, const vita_node *key, const vita_node *v);
/* Records every key of a mapping that is in neither taken nor also (NULL-terminated; either may be
 * NULL: the fields a reader took, and a site's machinery it drops on purpose). */
void imp_unmapped_keys(imp *m, const vita_node *map, const char *const *taken, const char *const *also);
/* A date that is not a range: exact when it is one, else kept as words — unless it has a date's
 * shape with a bad part, which is listed as not imported (the loader refuses it). */
void imp_date_words(imp *m, vita_entry *e, const char *s, size_t n, vita_pos pos);
/* Reads a Markdown body (Liquid, HTML, headings, lists) into sections; intro titles the text
 * before the first heading (homepage.c). */
void imp_read_markdown_body(imp *m, const char *path, const char *body, int first_line, const char *intro);

/* ---- merging (merge.c) ---- */
/* A part read by vita's own loader (RenderCV-shaped, JSON Resume) into a scratch CV of the import's
 * arena, then merged: the name, headline and location where the CV has none, contacts not already
 * there, sections appended (into a section of the same title and kind when there is one). */
typedef struct imp_scratch {
	loader L;
	vita_cv cv;
} imp_scratch;
void imp_scratch_begin(imp *m, imp_scratch *s, const char *path, const char *data, size_t len);
void imp_scratch_merge(imp *m, imp_scratch *s);
/* Appends a contact: a social account (network: "LinkedIn", "X", "ORCID"; one per network) or a
 * custom one (network: its icon or NULL); text is the username or what is shown. */
void imp_connection(imp *m, vita_conn_kind k, const char *net, const char *text, const char *url, vita_pos pos);
/* Appends a copy of e to s (a section of the import). */
void imp_append_entry(imp *m, vita_section *s, const vita_entry *e);
/* Sets cv.location (and its connection) when the CV has none. */
void imp_location(imp *m, const char *md, vita_pos pos);
/* Contacts in the order the writer writes them (location, email, phone, website, social, custom),
 * so that the written YAML loads back in the same order. */
void imp_order_connections(imp *m);
/* Removes publications whose title (letters and digits, case-folded) an earlier one has; returns
 * how many, and drops sections left empty. */
size_t imp_dedupe_publications(imp *m);
/* True when every word of text (of three characters or more) is in hay, case-insensitive: text that
 * repeats what is mapped. */
bool imp_words_in(const char *text, const char *hay);

/* ---- writing (write_yaml.c) and hand corrections (corrections.c) ---- */
/* The YAML of cv — m's own CV, or the CV m's YAML became after hand corrections — with m's
 * sources and not-imported pieces; note (may be NULL) is one more header line. malloc'd. */
char *imp_write_yaml(const imp *m, const vita_cv *cv, const char *note, size_t *len);
/* A YAML tree as block YAML (the corrected import before it is loaded again). */
void imp_emit_node(vita_buf *b, const vita_node *n);
/* Reads an overlay file into m (its sources, owner and corrections); false after an error. */
bool imp_overlay_read(imp *m, const char *path);
/* Applies the corrections to the import's YAML and loads the result: m->corrected. */
bool imp_overlay_apply(imp *m);

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
