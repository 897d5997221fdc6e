/*
 * Escaping for the HTML backend, one function per context a user's string can reach: element text,
 * attribute values, URLs (in href), and CSS strings (font family names from the CV's design:).
 */
#ifndef VITA_HTML_ESCAPE_H
#define VITA_HTML_ESCAPE_H

#include "base/base.h"

void html_text(vita_buf *b, const char *s);
void html_attr(vita_buf *b, const char *s);
/* A vetted URL (http, https, mailto, DOI) as an attribute value; anything else becomes "#". */
void html_url(vita_buf *b, const char *url);
/* A CSS string literal, quotes included: no character of s can end the string, the rule or the
 * <style> element. */
void html_css_string(vita_buf *b, const char *s);

#endif
