/*
 * What the LaTeX writer's files share: turning compiled templates into TeX (template.c) for the
 * writer (latex.c).
 */
#ifndef VITA_LATEX_INTERNAL_H
#define VITA_LATEX_INTERNAL_H

#include "base/base.h"
#include "compose/compose_internal.h"

/* Writes \MACRO{key}: key is the placeholder's name in lower case ("START_DATE" → start_date), the
 * name a field has in the .tex (\cvset{start_date}{…}). */
void latex_put_macro_key(vita_buf *b, const char *macro, const char *name);
/* The TeX that prints column col of an entry kind from its fields. */
void latex_put_column(vita_buf *b, const ctmpl_set *ts, size_t col);
/* \ifcvall: every placeholder of the kind is set (RenderCV cleans line ends only otherwise). */
void latex_put_all_test(vita_buf *b, const ctmpl_set *ts);
/* \ifcvany: some placeholder of column col is set. */
void latex_put_any_test(vita_buf *b, const ctmpl_set *ts, size_t col);

#endif
