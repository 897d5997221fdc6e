/*
 * The characters the .tex's fonts lack, warned about as the PDF backend warns about its own
 * (coverage.c).
 */
#ifndef VITA_LATEX_COVERAGE_H
#define VITA_LATEX_COVERAGE_H

#include "base/base.h"
#include "vita/style.h"

typedef struct latex_cov_char {
	uint32_t cp;
	vita_pos at;        /* the field it is in */
	const char *family; /* the font the .tex sets it in */
} latex_cov_char;

typedef struct latex_cov {
	const struct vita_font_family *cjk; /* the .tex's CJK font */
	latex_cov_char *v;
	size_t n, cap;
} latex_cov;

void latex_cov_init(latex_cov *c, const vita_style *st);
/* Notes the characters of s that family (as the .tex names it; CJK text: the CJK font) lacks. */
void latex_cov_text(latex_cov *c, const char *family, const char *s, vita_pos at);
/* One warning per field and font, naming the characters; then empties c. */
void latex_cov_report(latex_cov *c, vita_diags *d);

#endif
