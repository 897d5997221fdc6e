/*
 * The .bib text before and after btparse (bibtext.c), for the BibTeX reader (bibtex.c).
 */
#ifndef VITA_IMPORT_BIBTEXT_H
#define VITA_IMPORT_BIBTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "import/import.h"

/* A copy of the file (NUL-terminated) with a leading front-matter block replaced by blank lines. */
char *bib_blank_front_matter(const char *data, size_t len);
/* Text between entries is blanked (recorded as not imported when record), a stray '@' warned
 * about, and every '@' inside an entry's values masked, so that btparse cannot exit on one. */
void bib_blank_between_entries(imp *m, const char *path, char *s, bool record);
/* The masked '@'s of a value turned back. */
void bib_unmask(char *s);
/* The column of needle on line (1-based) of data, 1 when it is not there. */
int bib_col_of(const char *data, int line, const char *needle);
/* btparse's messages, read back from msgs, as diagnostics at path's lines and columns. */
void bib_report_messages(imp *m, const char *path, const char *data, FILE *msgs);

#endif
