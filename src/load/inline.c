/* STUB — replaced by the inline Markdown module (cmark). */
#include <stdlib.h>
#include <string.h>

#include "load/inline.h"

vita_span *vita_inline_parse(vita_arena *a, const char *md, vita_pos pos, vita_diags *d)
{
	(void)pos; (void)d;
	if (!md || !*md)
		return NULL;
	vita_span *s = arena_alloc(a, sizeof *s);
	s->kind = VITA_SPAN_TEXT;
	s->text = arena_strdup(a, md);
	return s;
}

bool vita_url_allowed(const char *url)
{
	return strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0 ||
	       strncmp(url, "mailto:", 7) == 0;
}

char *vita_spans_plain(const vita_span *s)
{
	vita_buf b = {0};
	for (; s; s = s->next) {
		if (s->text)
			buf_puts(&b, s->text);
		if (s->children) {
			char *c = vita_spans_plain(s->children);
			buf_puts(&b, c);
			free(c);
		}
		if (s->kind == VITA_SPAN_BREAK)
			buf_putc(&b, '\n');
	}
	return buf_take(&b);
}
