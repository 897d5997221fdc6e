/*
 * The LaTeX writer's state while it writes a CV's .tex (latex.c), and the writing of a field's
 * text (spans.c): inline emphasis, links, the characters the fonts lack, right-to-left runs and
 * the authors' tied names.
 */
#ifndef VITA_LATEX_WRITER_H
#define VITA_LATEX_WRITER_H

#include "base/base.h"
#include "latex/coverage.h"
#include "vita/compose.h"
#include "vita/cv.h"
#include "vita/style.h"

typedef struct writer {
	const vita_comp *comp;
	const vita_cv *cv;
	const vita_style *st;
	vita_buf *b;
	vita_diags *d;
	bool in_link; /* the text of a link: an address shown as text may break after its punctuation */
	latex_cov *cov;     /* the characters its fonts lack (coverage.c) */
	const char *family; /* the font of the text being written (body, name, …) */
	vita_pos at;        /* the field being written, for those warnings */
	bool icons_by_name; /* --system-fonts without vita's icon files: Font Awesome as installed */
	/* A right-to-left CV: which bytes of the field's text are in left-to-right runs (rtl.c), how
	 * far the field is written, and whether a run is open (\cvbeginlr written) */
	const bool *lr;
	size_t lr_off;
	bool lr_open;
	/* While an entry's authors are written: their names (plain text), whose spaces the .tex
	 * writes as ties (~), as vita's layout keeps a name on one line */
	const vita_entry *names;
} writer;

/* Notes a text the current font (w->family) must draw, for the fallback fonts (coverage.c). */
void latex_cover(writer *w, const char *s);
/* Whether the text has anything to show. */
bool latex_has_text(const vita_text *t);
/* A field's spans: escaped, emphasis as \textbf/\emph, links as \href, right-to-left runs marked,
 * an entry's author names tied while w->names is set. */
void latex_put_field_spans(writer *w, const vita_span *spans);
/* A text of the model (its spans, else its Markdown source escaped), its position noted for the
 * coverage warnings. */
void latex_put_text(writer *w, const vita_text *t);
/* \href to url showing `shown` (NULL: the URL as the text shows it, without the scheme). */
void latex_put_url_link(writer *w, const char *url, const char *shown);

#endif
