/*
 * Text as CommonMark reads it back literally: the characters that would start emphasis, code,
 * links, HTML or entities are backslash-escaped, and so is what would open a block at the start of
 * a line (#, -, +, >, "1." …).  Escaping every punctuation mark is valid CommonMark but unreadable
 * ("Ph\.D\."); only what can change the meaning is escaped.
 */
#include <string.h>

#include "markdown/escape.h"

void md_escape(vita_buf *b, const char *s, bool line_start)
{
	for (size_t i = 0; s && s[i]; i++) {
		char c = s[i];
		bool at_start = line_start && i == 0;
		if (strchr("\\`*_[]<>|~", c) || (c == '&' && s[i + 1] && s[i + 1] != ' ') ||
		    (c == '!' && s[i + 1] == '[')) {
			buf_putc(b, '\\');
		} else if (at_start && strchr("#+-=>", c)) {
			buf_putc(b, '\\');
		} else if (at_start && c >= '0' && c <= '9') {
			/* "2020. Award" or "3) item" at the start of a line would be a list item */
			size_t j = i;
			while (s[j] >= '0' && s[j] <= '9')
				j++;
			if ((s[j] == '.' || s[j] == ')') && (s[j + 1] == ' ' || !s[j + 1])) {
				buf_put(b, s + i, j - i);
				buf_putc(b, '\\');
				i = j - 1;
				continue;
			}
		}
		if (c == '\n') {
			buf_putc(b, ' '); /* text never breaks a line by itself: that would end the paragraph */
			continue;
		}
		buf_putc(b, c);
	}
}

void md_escape_url(vita_buf *b, const char *url)
{
	/* a plain destination unless the URL has what would end it (spaces, brackets) */
	if (url && !strpbrk(url, " <>()\\")) {
		bool ctl = false;
		for (const char *p = url; *p; p++)
			ctl |= (unsigned char)*p < 0x20;
		if (!ctl) {
			buf_puts(b, url);
			return;
		}
	}
	/* inside <…> a URL may hold anything but spaces, < and >: percent-encode those */
	buf_putc(b, '<');
	for (const char *p = url; p && *p; p++) {
		if (*p == ' ' || *p == '<' || *p == '>' || (unsigned char)*p < 0x20)
			buf_printf(b, "%%%02X", (unsigned char)*p);
		else if (*p == '\\')
			buf_puts(b, "%5C");
		else
			buf_putc(b, *p);
	}
	buf_putc(b, '>');
}
