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

/* A family of the default fallback chain and the characters the .tex draws with it. */
typedef struct latex_cov_fb {
	const char *chain;  /* the chain's name for it (static) */
	char *family;       /* as the font names itself (its name table), which is what TeX looks up */
	bool bold;          /* has a bold face (else bold text is the regular, emboldened) */
	const char *script; /* fontspec's Script= for XeTeX's shaping, or NULL */
	uint32_t *cps;
	size_t n, cap;
} latex_cov_fb;

typedef struct latex_cov {
	const struct vita_font_family *cjk; /* the .tex's CJK font */
	const char *cv_fonts;               /* the CV's own fonts/ folder (vita_style.cv_fonts) */
	latex_cov_char *v;
	size_t n, cap;
	latex_cov_fb *fb; /* in the order first needed */
	size_t nfb;
} latex_cov;

void latex_cov_init(latex_cov *c, const vita_style *st);
/* Notes the characters of s that family (as the .tex names it; CJK text: the CJK font) lacks. */
void latex_cov_text(latex_cov *c, const char *family, const char *s, vita_pos at);
/* One warning per field and font, naming the characters; then forgets them (not the fallbacks). */
void latex_cov_report(latex_cov *c, vita_diags *d);
/* The fallback families the text needed, each with its characters in code-point order. */
const latex_cov_fb *latex_cov_fallbacks(latex_cov *c, size_t *n);
void latex_cov_free(latex_cov *c);

#endif
