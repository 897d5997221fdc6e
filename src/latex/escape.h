/*
 * Escaping for the LaTeX backend: user text in, TeX that prints exactly that text out.
 *
 * No user text may run a TeX command, open a file, change a catcode, start math, end a group or an
 * argument, or be changed by a ligature (TeX's ligatures are on, for what a person types).  Every character TeX treats specially becomes a command
 * that prints it; everything else is passed through as UTF-8 (XeTeX and LuaTeX read it natively).
 */
#ifndef VITA_LATEX_ESCAPE_H
#define VITA_LATEX_ESCAPE_H

#include "base/base.h"

/* Appends n bytes of UTF-8 text, escaped for a paragraph or a macro argument. */
void latex_escape(vita_buf *b, const char *s, size_t n);
void latex_escape_str(vita_buf *b, const char *s);

/* Body text: as latex_escape_str, and also bounded for TeX's reading: past LATEX_WORD_MAX characters
 * without a space a word may break between any two characters, and a space past LATEX_LINE_MAX bytes of a source
 * line becomes a line end (TeX's input buffer holds a few hundred thousand bytes per line). */
#define LATEX_WORD_MAX 48
#define LATEX_LINE_MAX 2000
void latex_escape_text(vita_buf *b, const char *s);
/* The same for the n bytes at s. */
void latex_escape_text_n(vita_buf *b, const char *s, size_t n);

/* Appends a URL for the first argument of \href (also safe inside another macro's argument):
 * characters TeX or hyperref treat specially are percent-encoded or escaped so that the PDF gets
 * the URL unchanged (%, # and & as \%, \#, \&; {, }, \, ^, ~, spaces, quotes and non-ASCII as
 * percent-encoded bytes, themselves written \%XX). */
void latex_escape_url(vita_buf *b, const char *url);

/* Appends text for a TeX comment (after %): line ends and other control characters become spaces,
 * so the text cannot end the comment. */
void latex_escape_comment(vita_buf *b, const char *s);

#endif
