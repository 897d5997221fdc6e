/*
 * The composition: what the CV says, put into the shape its style gives it — the one interpretation
 * of the CV that every backend reads.
 *
 * vita_compose() applies the style's templates to every entry (src/compose/template.c: RenderCV's
 * placeholder and connector rules), formats dates, joins authors, picks the link an URL or DOI
 * placeholder shows, evaluates the page templates (footer, top note, PDF title) and fills in the
 * document's information.  What comes out is rows and columns of lines of inline spans: the layout
 * measures and paginates them, the LaTeX writer turns them into its macros, and neither interprets a
 * template again.  Backend-visible decisions (which side the date column is on, whether an entry has
 * a degree column, numbering) are fields here, decided once.
 *
 * Everything is allocated in the composition's arena; the CV and the style must outlive it.
 */
#ifndef VITA_COMPOSE_H
#define VITA_COMPOSE_H

#include "vita/cv.h"
#include "vita/style.h"

typedef enum vita_cline_kind {
	VITA_CLINE_TEXT,       /* spans */
	VITA_CLINE_SUMMARY,    /* the entry's summary, as a block (a line that is only SUMMARY) */
	VITA_CLINE_HIGHLIGHTS, /* the entry's highlights, as a bulleted list */
} vita_cline_kind;

typedef struct vita_cline {
	vita_cline_kind kind;
	const vita_span *spans; /* TEXT: never NULL */
} vita_cline;

/* A column of lines (an empty column has n == 0). */
typedef struct vita_ccol {
	const vita_cline *lines;
	size_t n;
} vita_ccol;

typedef enum vita_centry_shape {
	VITA_SHAPE_REGULAR,  /* main column, date-and-location column, maybe a degree column */
	VITA_SHAPE_ONELINE,  /* one line across the width (main column only) */
	VITA_SHAPE_BULLET,   /* a bullet and the text */
	VITA_SHAPE_NUMBERED, /* a number ("3.") and the text */
	VITA_SHAPE_TEXT,     /* a paragraph */
} vita_centry_shape;

typedef struct vita_centry {
	const vita_entry *e;
	vita_centry_shape shape;
	vita_ccol main, date, degree;   /* REGULAR (date and degree may be empty), ONELINE (main) */
	bool degree_column;              /* REGULAR: the kind's templates have a degree column */
	bool time_span;                  /* its DATE shows the time span too (show_time_spans_in) */
	const char *number;              /* NUMBERED: "3." */
	const vita_span *text;           /* BULLET, NUMBERED, TEXT */
	const vita_span *summary;        /* the spans a SUMMARY line stands for */
	const vita_highlight *highlights; /* what a HIGHLIGHTS line stands for */
	size_t nhighlights;
} vita_centry;

typedef struct vita_csection {
	const vita_section *s;
	const vita_span *title;
	const char *plain_title; /* for bookmarks and comments */
	vita_centry *entries;
	size_t nentries;
	bool text_based;         /* bullets, numbered, one-line or text entries: set closer together */
} vita_csection;

typedef struct vita_comp {
	const vita_cv *cv;
	const vita_style *st;
	/* header */
	const vita_span *name, *headline;
	/* the contact line, in the file's order, each shown as the style asks (a social network's
	 * username, or its URL with design.header.connections.display_urls_instead_of_usernames) */
	const vita_connection *connections;
	size_t nconnections;
	/* design.header.connections.show_icons: each connection's icon (cp 0: none), else NULL */
	const struct vita_icon *icons;
	/* sections */
	vita_csection *sections;
	size_t nsections;
	/* the date-and-location column on the left of the entries (moderncv), else on the right */
	bool dates_left;
	/* the CV is written right to left (design.typography.direction, by default the locale's:
	 * arabic, hebrew, persian): every backend mirrors the page as Typst does under text-direction rtl */
	bool rtl;
	/* page furniture: the footer's spans hold VITA_SPAN_PAGE_NUMBER / VITA_SPAN_TOTAL_PAGES, which
	 * each backend fills in; both are empty columns when the style shows none */
	vita_ccol footer, top_note;
	/* document information */
	const char *title, *author, *subject, *keywords;
	struct vita_arena *arena;
	struct vita_compose_priv *priv; /* compiled templates, for backends that generate macros */
} vita_comp;

/* Composes a CV with its style. NULL only when out of memory is impossible: always a composition,
 * with problems (a field no template shows, …) reported to d. */
vita_comp *vita_compose(const vita_cv *cv, const vita_style *st, vita_diags *d);
void vita_comp_free(vita_comp *c);
/* Whether a CV is set right to left: design.typography.direction, or (auto) RenderCV's
 * locale.is_rtl — locale.language arabic, hebrew or persian. */
bool vita_comp_is_rtl(const vita_cv *cv, const vita_style *st);
/* Prints the composition as stable, diffable text (`vita render --dump-compose`). */
void vita_comp_dump(const vita_comp *c, FILE *out);

#endif
