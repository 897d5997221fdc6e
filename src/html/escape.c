/*
 * HTML escaping by context.  Text and attribute values escape the five characters that can change
 * the parse (& < > " '); a URL is written only when its scheme is one the loader allows (the loader
 * vetted it; checking again here keeps the rule local) and is percent-encoded where an attribute
 * would otherwise hold a space or control character; a CSS string escapes every character that is
 * not a plain letter, digit, space or safe punctuation as \HEX , so that neither a quote nor "</style>"
 * can leave it.
 */
#include <string.h>
#include <strings.h>

#include "html/escape.h"

static void esc(vita_buf *b, const char *s, bool attr)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"':
			if (attr)
				buf_puts(b, "&quot;");
			else
				buf_putc(b, '"');
			break;
		case '\'':
			if (attr)
				buf_puts(b, "&#39;");
			else
				buf_putc(b, '\'');
			break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n')
				buf_printf(b, "&#xFFFD;");
			else
				buf_putc(b, *s);
		}
	}
}

void html_text(vita_buf *b, const char *s) { esc(b, s, false); }
void html_attr(vita_buf *b, const char *s) { esc(b, s, true); }

void html_url(vita_buf *b, const char *url)
{
	static const char *const ok[] = {"http://", "https://", "mailto:", "tel:"};
	bool allowed = false;
	for (size_t i = 0; url && i < sizeof ok / sizeof ok[0]; i++)
		allowed |= strncasecmp(url, ok[i], strlen(ok[i])) == 0;
	if (!allowed) {
		buf_putc(b, '#');
		return;
	}
	/* what RFC 3986 allows in a URI stays (minus the quote, which would end the attribute); every
	 * other byte — spaces, braces, non-ASCII — is percent-encoded */
	for (const char *p = url; *p; p++) {
		unsigned char c = (unsigned char)*p;
		bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		            (c && strchr("-._~:/?#[]@!$()*+,;=%", c));
		if (c == '&')
			buf_puts(b, "&amp;");
		else if (keep)
			buf_putc(b, (char)c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

void html_css_string(vita_buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
		             c == '-' || c == '_' || c == '.' || c >= 0x80;
		if (plain)
			buf_putc(b, (char)c);
		else
			buf_printf(b, "\\%X ", c);
	}
	buf_putc(b, '"');
}
