/*
 * Text made safe to show on a terminal: what vita prints about a stranger's file (messages, source
 * excerpts, file names in `vita build`) must not be able to move the cursor, clear the screen,
 * retitle the window or reverse the line.
 *
 * Everything a terminal or a bidi algorithm acts on is written as the escape a YAML author would
 * type for it: \n \r \t \e, \xNN for the other C0 controls, DEL and invalid bytes, \uXXXX (or
 * \UXXXXXXXX) for C1 controls, format characters (Cf: ZWJ, LRM, RLO, …), line and paragraph
 * separators and noncharacters.  Everything else, including all printable non-ASCII, is kept.
 */
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "base/base.h"

bool cp_needs_escape(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return true;
	if (cp < 0xA0)
		return false;
	if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF))
		return true; /* noncharacters */
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)cp);
	return k == UTF8PROC_CATEGORY_CF || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP;
}

size_t buf_put_visible_char(vita_buf *b, const char *s, size_t n, bool keep_tab)
{
	unsigned char c = (unsigned char)s[0];
	if (c >= 0x20 && c < 0x7F) {
		buf_putc(b, c);
		return 1;
	}
	if (c == '\t' && keep_tab) {
		buf_putc(b, c);
		return 1;
	}
	static const char *const named[32] = {['\n'] = "\\n", ['\r'] = "\\r", ['\t'] = "\\t", [27] = "\\e"};
	if (c < 0x20 && named[c]) {
		buf_puts(b, named[c]);
		return 1;
	}
	if (c < 0x80) {
		buf_printf(b, "\\x%02X", c);
		return 1;
	}
	uint32_t cp;
	size_t l = utf8_decode(s, n, &cp);
	if (!l) {
		buf_printf(b, "\\x%02X", c);
		return 1;
	}
	if (!cp_needs_escape(cp))
		buf_put(b, s, l);
	else if (cp > 0xFFFF)
		buf_printf(b, "\\U%08X", (unsigned)cp);
	else
		buf_printf(b, "\\u%04X", (unsigned)cp);
	return l;
}

void buf_put_visible(vita_buf *b, const char *s, size_t n, bool keep_tab)
{
	for (size_t i = 0; i < n;)
		i += buf_put_visible_char(b, s + i, n - i, keep_tab);
}

char *visible_dup(const char *s)
{
	vita_buf b = {0};
	buf_put_visible(&b, s, strlen(s), false);
	if (!b.data)
		return xstrdup("");
	return buf_take(&b);
}
