/*
 * Characters that arrive through character references and are not text (see charref.h).
 */
#include <stdio.h>
#include <string.h>

#include "load/charref.h"

/* U+0080-U+009F read as Windows-1252, as HTML reads a reference to them; 0 where Windows-1252
 * defines nothing (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
static const uint16_t c1_as_1252[32] = {
	0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
	0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

uint32_t vita_charref_char(uint32_t cp)
{
	if (cp == '\t' || cp == '\n')
		return cp;
	if (cp < 0x20 || cp == 0x7F || cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	if (cp >= 0x80 && cp <= 0x9F)
		return c1_as_1252[cp - 0x80];
	return cp;
}

bool vita_charref_needed(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\n') || u[i] == 0x7F)
			return true;
		if (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F)
			return true;
		if (u[i] == 0xEF && i + 2 < n && u[i + 1] == 0xBF && u[i + 2] >= 0xBE)
			return true;
	}
	return false;
}

static void name_char(vita_buf *dropped, uint32_t cp)
{
	static const char *const names[32] = {
	    [0] = " (NUL)", [7] = " (bell)", [8] = " (backspace)", [11] = " (vertical tab)",
	    [12] = " (form feed)", [13] = " (carriage return)", [27] = " (escape)"};
	char one[48];
	snprintf(one, sizeof one, "U+%04X%s", (unsigned)cp,
	         cp < 32 && names[cp] ? names[cp] : cp == 0x7F ? " (delete)" : "");
	if (dropped->len && strstr(buf_str(dropped), one))
		return;
	if (dropped->len)
		buf_puts(dropped, ", ");
	buf_puts(dropped, one);
}

size_t vita_charref_filter(vita_buf *out, const char *s, size_t n, vita_buf *dropped)
{
	size_t ndropped = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t l = utf8_decode(s + i, n - i, &cp);
		if (!l) { /* not UTF-8 (the caller's promise broken): kept as it is */
			buf_putc(out, s[i++]);
			continue;
		}
		uint32_t shown = vita_charref_char(cp);
		if (shown == cp)
			buf_put(out, s + i, l);
		else if (shown)
			buf_put_utf8(out, shown);
		else {
			name_char(dropped, cp);
			ndropped++;
		}
		i += l;
	}
	return ndropped;
}
