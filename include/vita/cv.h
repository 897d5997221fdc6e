/*
 * The CV model: what the loader understood, normalized, with a source position on every value.
 *
 * Everything here is read-only for the backends and owned by the CV's arena (vita_cv_free frees it
 * all).  Text fields are already NFC-normalized, repaired and parsed from Markdown into a tree of
 * inline spans, so no backend ever re-parses Markdown.  An absent optional text field has
 * md == NULL; arrays come as pointer + count.
 */
#ifndef VITA_CV_H
#define VITA_CV_H

#include "vita.h"

/* ---- inline text ------------------------------------------------------------------------------ */

typedef enum vita_span_kind {
	VITA_SPAN_TEXT,   /* text */
	VITA_SPAN_STRONG, /* children */
	VITA_SPAN_EMPH,   /* children */
	VITA_SPAN_CODE,   /* text */
	VITA_SPAN_LINK,   /* url + children */
	VITA_SPAN_BREAK,  /* a hard line break */
	/* made by the composition (include/vita/compose.h), never by the loader: */
	VITA_SPAN_SUPER,       /* text set as a superscript (an author's note markers) */
	VITA_SPAN_PAGE_NUMBER, /* the footer's page number, filled in by each backend */
	VITA_SPAN_TOTAL_PAGES, /* the footer's page count */
} vita_span_kind;

typedef struct vita_span {
	vita_span_kind kind;
	/* One string: a LINK's text is in its children (32 bytes a span, which the arena does not
	 * round up: a long CV's model and composition hold some 40 spans a publication, issue 17).
	 * Code that reads text whatever the kind checks for LINK first. */
	union {
		const char *text;      /* TEXT, CODE, SUPER: UTF-8 */
		const char *url;       /* LINK: the target as written (already vetted: http, https, mailto, doi) */
	};
	struct vita_span *children; /* STRONG, EMPH, LINK */
	struct vita_span *next;
} vita_span;

/* A text field: its normalized Markdown source, its spans, and where it came from. */
typedef struct vita_text {
	const char *md;    /* NULL when the field is absent */
	vita_span *spans;  /* NULL when md is NULL or empty */
	vita_pos pos;
} vita_text;

/* ---- dates ------------------------------------------------------------------------------------ */

typedef enum vita_date_kind {
	VITA_DATE_NONE = 0,
	VITA_DATE_EXACT,   /* year, month? (0 = absent), day? (0 = absent) */
	VITA_DATE_PRESENT, /* "present" */
	VITA_DATE_TEXT,    /* free text, e.g. "Fall 2023" (only in `date`) */
} vita_date_kind;

typedef struct vita_date {
	vita_date_kind kind;
	int year, month, day;
	const char *text; /* TEXT: the text */
	vita_pos pos;
} vita_date;

/* ---- entries ---------------------------------------------------------------------------------- */

typedef enum vita_entry_kind {
#define KIND(id, ...) VITA_ENTRY_##id,
#include "vita/kinds.def"
#undef KIND
	VITA_ENTRY_KIND_COUNT
} vita_entry_kind;

/* "education", "experience", … as used in dumps and messages. */
const char *vita_entry_kind_name(vita_entry_kind k);

typedef struct vita_author {
	/* in this order, 48 bytes with no padding (a long CV holds three a publication, issue 17) */
	vita_text name;    /* the name without owner emphasis or note markers */
	const char *notes; /* markers kept as notes, e.g. "*", "#", "†"; "" when none */
	int emphasis;      /* as the user wrote it, RenderCV's meaning: 0 none, 1 *italic*, 2 **bold**,
	                    * 3 ***bold italic***; a matched owner (settings.bold_owner) has 0 */
	bool owner;        /* the CV's owner: marked by the user or matched against cv.name */
	bool owner_marked; /* the user marked it (`*Name*`, `**Name**`) rather than vita matching it */
} vita_author;

typedef struct vita_highlight {
	vita_text text;
	/* Nested highlights: RenderCV's " - " rule (an indented "- " line, which YAML folds into the
	 * string as " - "), a "- " line in a block scalar, or a YAML list right after the highlight. */
	struct vita_highlight *children;
	size_t nchildren;
} vita_highlight;

/* A key the entry has beyond its kind's fields (RenderCV passes these to templates). */
typedef struct vita_extra {
	const char *key;
	vita_text value;
} vita_extra;

typedef struct vita_entry {
	vita_entry_kind kind;
	bool page_break_before; /* `page_break_before: true` (vita's): a new page starts here (beside
	                         * kind, in what would be padding) */
	vita_pos pos;
	/* The members of the entry's kind only: the kinds share their room (a long CV holds
	 * thousands of entries, issue 17), so code reads a member after checking e->kind, or through
	 * vita_entry_text, which gives NULL for a field the kind does not have. */
	union {
		struct { /* education */
			vita_text institution, area, degree;
		};
		struct { /* experience */
			vita_text company, position;
		};
		vita_text name; /* normal */
		struct { /* talk, publication, award */
			vita_text title;
			union {
				vita_text awarder; /* award: awarder or issuer */
				vita_text journal; /* publication: venue */
			};
		};
		struct { /* one-line */
			vita_text label, details;
		};
		vita_text text; /* bullet, numbered, reversed-numbered: the item; text: the paragraph */
	};
	/* publication (outside the union: code that walks every entry's authors or DOI need not
	 * check the kind; 32 bytes) */
	const char *doi;     /* bare DOI, e.g. "10.1145/1234" ("doi:", "https://doi.org/" prefixes
	                      * removed); NULL if none.  RenderCV links the DOI when a publication has
	                      * both doi and url. */
	vita_pos doi_pos;
	vita_author *authors;
	size_t nauthors;
	const char *url;     /* any kind: vetted URL (http, https, mailto); NULL if none */
	vita_pos url_pos;
	/* common */
	vita_text location, summary;
	/* As resolved (RenderCV's rules): either `date` alone (a single date, also what an entry with
	 * only end_date gets), or start_date + end_date (end_date PRESENT when the entry gave only a
	 * start), never both; all NONE when the entry has no date. */
	vita_date date, start_date, end_date;
	vita_highlight *highlights;
	size_t nhighlights;
	vita_extra *extras;  /* text-valued keys that are not fields of the kind, in file order */
	size_t nextras;
	/* Text fields of the kind that have no member above (a kind added by a row of the schema
	 * table alone, include/vita/kinds.def), in file order. */
	vita_extra *fields;
	size_t nfields;
	const char **tags; /* `tags: [industry, short]` (vita's): what variants select by */
	size_t ntags;
} vita_entry;

typedef struct vita_section {
	const char *key;   /* as written in the file, e.g. "selected_honors" */
	vita_text title;   /* as shown, e.g. "Selected Honors" */
	vita_entry_kind kind;
	vita_entry *entries;
	size_t nentries;
	vita_pos pos;
	bool refused; /* while loading: its `from:` file may not be read (confinement): left out */
	const char **tags; /* a section written {tags: [...], entries: [...]}: for all its entries */
	size_t ntags;
	bool match_owner;  /* entries from a .bib (`from:`): the owner is found by name (BibTeX marks no one) */
	bool page_break_before; /* {page_break_before: true, entries: [...]} (vita's): a new page before its title */
} vita_section;

/* ---- header ----------------------------------------------------------------------------------- */

typedef enum vita_conn_kind {
	VITA_CONN_LOCATION,
	VITA_CONN_EMAIL,
	VITA_CONN_PHONE,
	VITA_CONN_WEBSITE,
	VITA_CONN_SOCIAL,
	VITA_CONN_CUSTOM,
} vita_conn_kind;

/* One item of the contact line, in the order the keys appear in the file. */
typedef struct vita_connection {
	vita_conn_kind kind;
	const char *text;    /* what is shown: "john@doe.org", "github.com/jdoe", "San Francisco, CA" */
	const char *url;     /* the link ("mailto:…", "tel:…", "https://…"), NULL for none */
	const char *network; /* SOCIAL: the canonical name ("GitHub", "Google Scholar"); CUSTOM: the
	                      * fontawesome icon name or NULL (JSON Resume: the profile's network,
	                      * lowercased, as an icon guess) */
	vita_pos pos;
} vita_connection;

/* ---- locale and settings ---------------------------------------------------------------------- */

typedef struct vita_locale {
	const char *language;              /* "english" */
	const char *month_names[12];
	const char *month_abbreviations[12];
	const char *present, *last_updated;
	const char *month, *months, *year, *years;
	const char *degree_with_area;      /* "DEGREE in AREA" */
	/* design.templates that format dates (RenderCV keeps them there; dates are formatted once, here) */
	const char *single_date;           /* "MONTH_ABBREVIATION YEAR" (a language file may set another) */
	const char *date_range;            /* "START_DATE – END_DATE" */
	const char *time_span;             /* "HOW_MANY_YEARS YEARS HOW_MANY_MONTHS MONTHS" */
	vita_pos language_pos;             /* of locale.language (0 when the CV names none) */
} vita_locale;

/* settings.render_command: where RenderCV writes its outputs (paths as written, relative to the
 * CV's folder, with RenderCV's placeholders; NULL = not given).  vita render honours them
 * (src/render/outputs.c); vita build and --untrusted ignore them with a warning.  design and locale (split files)
 * are applied to the tree before loading (src/load/overlay.c). */
typedef struct vita_render_command {
	const char *output_folder, *pdf_path, *markdown_path, *html_path, *png_path, *typst_path;
	bool dont_pdf, dont_markdown, dont_html, dont_png, dont_typst;
	bool names_outputs; /* any of the above given */
	vita_pos pos;       /* settings.render_command; 0 when absent */
	vita_pos first;     /* the first output key given, for the message that ignores them */
	vita_pos typst_pos; /* typst_path's value (vita writes no Typst: a warning there) */
} vita_render_command;

/* settings.variants (vita's): a named selection by tag, rendered by `vita render --variant NAME`
 * and, for every variant, by `vita build --variants` (OUTDIR/STEM--NAME.pdf). */
typedef struct vita_variant {
	const char *name; /* letters, digits, '_' and '-' (a part of a file name), never "--" */
	const char **only, **except; /* as vita_select (include/vita/schema.h) */
	size_t nonly, nexcept;
	vita_pos pos;
} vita_variant;

typedef struct vita_settings {
	vita_date current_date;     /* settings.current_date; "today" resolved (SOURCE_DATE_EPOCH honoured) */
	const char **bold_keywords; /* settings.bold_keywords */
	size_t nbold_keywords;
	const char *pdf_title;      /* settings.pdf_title, template with NAME; NULL = default */
	vita_render_command render; /* settings.render_command */
	bool bold_owner;            /* settings.bold_owner: bold the author matching cv.name where no
	                             * author of the entry is marked (vita's key; RenderCV marks no one) */
	vita_variant *variants;     /* settings.variants, in file order; a plain render ignores them */
	size_t nvariants;
} vita_settings;

/* ---- the CV ----------------------------------------------------------------------------------- */

struct vita_node; /* the loader's YAML tree (src/load/yaml.h); opaque to backends */

struct vita_cv {
	const char *path;
	size_t source_len;   /* bytes of the file it was read from (bounds what expansion may make of it) */
	vita_text name;      /* may be absent: a CV need not name its owner */
	vita_text headline;
	vita_text location;
	const char *photo;   /* path resolved against the CV's folder; NULL if none */
	vita_pos photo_pos;
	int photo_w, photo_h; /* its size in pixels, as the loader's check decoded it (for the aspect) */
	vita_connection *connections;
	size_t nconnections;
	vita_section *sections;
	size_t nsections;
	vita_locale locale;
	vita_settings settings;
	const struct vita_node *design; /* the `design:` mapping as loaded, for vita_style_load; may be NULL */
	struct vita_arena *arena;
};

/* ---- helpers every backend shares ------------------------------------------------------------- */

/* Formats an entry's dates with the CV's locale: "Sept 2018 – May 2023", "2021", "Fall 2023".
 * Writes a NUL-terminated string into buf (truncating safely) and returns its length; 0 if no date. */
size_t vita_format_dates(const vita_cv *cv, const vita_entry *e, char *buf, size_t size);
/* Today (UTC) as the environment's clock says: SOURCE_DATE_EPOCH when set. */
vita_date vita_env_today(const vita_env *env);

/* Formats one date (single_date template). */
size_t vita_format_date(const vita_cv *cv, const vita_date *d, char *buf, size_t size);
/* The same, whole, malloc'd (NULL when there is no date): what every backend should use, since a
 * free-text date or a locale's "present" may be as long as a field. */
char *vita_dates_text(const vita_cv *cv, const vita_entry *e);
char *vita_date_text(const vita_cv *cv, const vita_date *d);
/* How long an entry with a start date and an end date (or `present`) lasted, in the locale's words
 * through its time_span template ("2 years 3 months"), counted as RenderCV counts; malloc'd, NULL
 * when the entry has no such range. */
char *vita_time_span_text(const vita_cv *cv, const vita_entry *e);

/* The plain text of spans (links keep their text, breaks become "\n"), allocated with malloc. */
char *vita_spans_plain(const vita_span *s);

/* How a URL is shown as text: without its http://, https:// or mailto: scheme and without trailing
 * slashes ("https://www.example.com/" → "www.example.com"; the link keeps the whole URL).  Returns
 * a pointer into url and sets *len. */
const char *vita_url_shown(const char *url, size_t *len);

#endif
