/*
 * The escaping of user text for the LaTeX backend (see escape.h).
 *
 * Text: the ten characters with a catcode of their own (\ { } $ & # ^ _ % ~) become the commands
 * that print them, which also disarms TeX's ^^ notation (it needs two ^ of catcode 7) and any
 * attempt to form a control sequence.  [ and ] are braced so that text at the start of an \item or
 * after \\ is never read as an optional argument.  TeX's ligature mapping is on (a person editing the
 * .tex types -- for an en dash), so what it would turn into other characters is written so that it
 * cannot: ' ` " as the commands that print them straight, -- ,, << >> split by a kern.  Line ends
 * and control characters become spaces (a blank line would otherwise end the paragraph, and
 * control bytes have catcodes that are errors), a no-break space becomes ~, and invalid UTF-8 becomes U+FFFD.
 */
#include <string.h>

#include "latex/escape.h"

void latex_escape(vita_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			uint32_t cp;
			size_t k = utf8_decode(s + i, n - i, &cp);
			if (k == 0) {
				buf_put_utf8(b, 0xFFFD);
				i++;
				continue;
			}
			if (cp == 0xA0)
				buf_putc(b, '~');
			else if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
				buf_putc(b, ' ');
			else if (cp >= 0x80 && cp < 0xA0)
				buf_putc(b, ' '); /* C1 controls */
			else
				buf_put(b, s + i, k);
			i += k;
			continue;
		}
		char next = i + 1 < n ? s[i + 1] : '\0';
		switch (c) {
		case '\\': buf_puts(b, "\\textbackslash{}"); break;
		case '{': buf_puts(b, "\\{"); break;
		case '}': buf_puts(b, "\\}"); break;
		case '$': buf_puts(b, "\\$"); break;
		case '&': buf_puts(b, "\\&"); break;
		case '#': buf_puts(b, "\\#"); break;
		case '%': buf_puts(b, "\\%"); break;
		case '_': buf_puts(b, "\\_"); break;
		case '^': buf_puts(b, "\\textasciicircum{}"); break;
		case '~': buf_puts(b, "\\textasciitilde{}"); break;
		case '[': buf_puts(b, "{[}"); break;
		case ']': buf_puts(b, "{]}"); break;
		case '\'':
			buf_puts(b, "\\textquotesingle{}");
			break;
		case '`':
			buf_puts(b, "\\textasciigrave{}");
			break;
		case '"':
			buf_puts(b, "\\textquotedbl{}");
			break;
		case '-':
		case ',':
		case '<':
		case '>':
			/* -- --- ,, << >> are ligatures of TeX's input mapping (on, so that what a person
			 * types works); a kern ends a ligature in XeTeX and LuaTeX alike ({} does not in
			 * LuaTeX) */
			buf_putc(b, (char)c);
			if (next == (char)c)
				buf_puts(b, "\\kern0pt ");
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_putc(b, ' ');
			else
				buf_putc(b, (char)c);
		}
		i++;
	}
}

void latex_escape_str(vita_buf *b, const char *s)
{
	if (s)
		latex_escape(b, s, strlen(s));
}

void latex_escape_url(vita_buf *b, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		unsigned char c = *p;
		if (c == '%' || c == '#' || c == '&') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c <= 0x20 || c >= 0x7f || strchr("{}\\^~\"<>|`[]", c)) {
			/* [ ] are legal in a URL only as IPv6 brackets; encoded they are still read right by
			 * browsers in paths and queries, and they cannot confuse an optional argument. */
			buf_puts(b, "\\%");
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		} else {
			buf_putc(b, (char)c);
		}
	}
}

void latex_escape_comment(vita_buf *b, const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			buf_putc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			buf_put_utf8(b, 0xFFFD);
			i++;
		} else {
			if (cp == 0x85 || cp == 0x2028 || cp == 0x2029 || (cp >= 0x80 && cp < 0xA0))
				buf_putc(b, ' ');
			else
				buf_put(b, s + i, k);
			i += k;
		}
	}
}

/* Whether the output's current line is longer than `limit` bytes (looking back at most limit+1). */
static bool line_longer(const vita_buf *b, size_t limit)
{
	size_t n = b->len, k = 0;
	while (k <= limit && k < n) {
		if (b->data[n - 1 - k] == '\n')
			return false;
		k++;
	}
	return k > limit;
}

void latex_escape_text(vita_buf *b, const char *s)
{
	latex_escape_text_n(b, s, s ? strlen(s) : 0);
}

/* Whether the spaces from s[i] are followed by a mark no line may start with (UAX #14's CL, CP,
 * EX, IS and SY classes, in ASCII). */
static bool no_break_before(const char *s, size_t i, size_t n)
{
	while (i < n && s[i] == ' ')
		i++;
	return i < n && strchr(".,:;!?)]}/", s[i]) != NULL;
}

void latex_escape_text_n(vita_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ' && no_break_before(s, i, n)) {
			/* UAX #14 (LB13), as vita's PDF breaks lines: never before a closing or infix
			 * punctuation mark, spaces or not ("jiangjz@bnu.edu.cn ." keeps its full stop) */
			buf_putc(b, '~');
			i++;
			continue;
		}
		if (s[i] == ' ' && i > 0 && s[i - 1] == ' ') {
			/* vita's PDF keeps every space of a run (two after a full stop are two) where TeX
			 * reads one: the second and later are control spaces, breakable as the first */
			buf_puts(b, "\\ ");
			i++;
			continue;
		}
		if (s[i] == ' ') {
			/* TeX reads a line into a buffer of limited size: a space may become a line end */
			buf_putc(b, line_longer(b, LATEX_LINE_MAX) ? '\n' : ' ');
			i++;
			continue;
		}
		/* a word, escaped whole (the escaper looks ahead: "--" stays two hyphens), up to
		 * LATEX_WORD_MAX characters since the word's start or its last hyphen or slash */
		size_t j = i, run = 0;
		while (j < n && s[j] != ' ' && run < LATEX_WORD_MAX) {
			run = s[j] == '-' || s[j] == '/' ? 0 : run + 1;
			j++;
			while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80)
				j++;
		}
		latex_escape(b, s + i, j - i);
		i = j;
		/* past that, a word this long could not be set (xelatex crashed on 4,000 characters): it
		 * may break between any two characters, as the PDF's last-resort break does, and the
		 * source line ends now and then */
		while (run >= LATEX_WORD_MAX && i < n && s[i] != ' ') {
			size_t k = 1;
			while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
				k++;
			buf_puts(b, "\\allowbreak{}");
			if (line_longer(b, LATEX_LINE_MAX))
				buf_puts(b, "%\n");
			latex_escape(b, s + i, k);
			i += k;
		}
	}
}
