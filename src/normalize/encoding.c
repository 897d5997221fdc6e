/*
 * The encoding check of a whole file before it is parsed: every invalid UTF-8 sequence and every
 * stray control character reported at its line and column, so a user sees all of them at once
 * instead of a parser's first complaint; a file that is not text at all (UTF-16, an image, a PDF)
 * gets one sentence saying what it is.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "normalize/normalize_internal.h"

/* ---- encoding check -------------------------------------------------------------------------- */

static void hexbytes(vita_buf *b, const unsigned char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		buf_printf(b, "%s0x%02X", k ? " " : "", s[k]);
}

/* Reports the invalid sequence at s[0] (n bytes available); returns its length in bytes, each of
 * which counts as one column. */
static size_t report_invalid(const unsigned char *s, size_t n, const char *path, int line, int col,
                             vita_diags *d)
{
	vita_pos pos = {path, line, col};
	unsigned c = s[0];
	size_t need = c >= 0xC0 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF7 ? 3 : 0;
	size_t k = 0;
	while (k < need && 1 + k < n && (s[1 + k] & 0xC0) == 0x80)
		k++;
	vita_buf b = {0};
	if (k == 0 || (c >= 0x80 && c <= 0xBF)) {
		k = 0;
		buf_printf(&b, "invalid UTF-8 byte 0x%02X", c);
	} else if (k < need) {
		buf_puts(&b, "incomplete UTF-8 sequence ");
		hexbytes(&b, s, 1 + k);
		if (1 + k == n)
			buf_puts(&b, " at the end of the file");
	} else {
		uint32_t v = c & (0x7F >> (need + 1));
		for (size_t t = 1; t <= need; t++)
			v = (v << 6) | (s[t] & 0x3F);
		static const uint32_t min[] = {0, 0x80, 0x800, 0x10000};
		if (v < min[need]) {
			buf_puts(&b, "overlong UTF-8 encoding ");
			hexbytes(&b, s, 1 + k);
			buf_printf(&b, " of U+%04X", (unsigned)v);
		} else if (v >= 0xD800 && v <= 0xDFFF) {
			buf_printf(&b, "UTF-8-encoded surrogate U+%04X (", (unsigned)v);
			hexbytes(&b, s, 1 + k);
			buf_puts(&b, ") is not a character");
		} else {
			buf_puts(&b, "UTF-8 sequence ");
			hexbytes(&b, s, 1 + k);
			buf_puts(&b, " is beyond U+10FFFF");
		}
	}
	if (k == 0 && c >= 0x80) {
		/* A lone high byte is the signature of a file saved in a legacy code page. */
		uint32_t w = normalize_cp1252(c);
		if (w >= 0xA0) {
			buf_puts(&b, " (in Windows-1252 this byte is \"");
			buf_put_utf8(&b, w);
			buf_puts(&b, "\": is the file saved as UTF-8?)");
		}
	}
	vita_diag(d, VITA_ERROR, pos, "%s", buf_str(&b));
	buf_free(&b);
	return 1 + k;
}

/* A C1 control inside mojibake ("â€\u009d" is ” read as Latin-1): say what the text should be. */
static void c1_hint(vita_buf *b, const char *data, size_t len, size_t at)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t lo = at, hi = at;
	while (lo > 0 && at - lo < 48 && s[lo - 1] >= 0x80)
		lo--;
	while (hi < len && hi - at < 48 && s[hi] >= 0x80)
		hi++;
	/* Only whole characters: skip continuation bytes at the start of the window. */
	while (lo < at && (s[lo] & 0xC0) == 0x80)
		lo++;
	for (size_t k = lo; k < hi;) {
		uint32_t cp;
		size_t l = utf8_decode(data + k, hi - k, &cp);
		if (!l) {
			hi = k; /* stop at anything invalid (or cut) */
			break;
		}
		k += l;
	}
	if (hi <= at)
		return;
	char *fixed = normalize_repair(data + lo, hi - lo, NULL);
	if (!fixed)
		return;
	bool clean = true;
	for (const unsigned char *p = (const unsigned char *)fixed; *p; p++)
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			clean = false;
	if (clean)
		buf_printf(b, " (the text around it looks like UTF-8 read as Windows-1252 or Latin-1; "
		              "it should probably be \"%s\")", fixed);
	free(fixed);
}

/* What a file that is not UTF-8 text at all is, from its first bytes (NULL when it may be text):
 * one clear sentence instead of hundreds of "invalid byte" errors for a photo, a PDF, a Word file
 * or a UTF-16 export given as a CV. */
static const char *not_text_kind(const unsigned char *s, size_t len)
{
	static const struct {
		const char *magic;
		size_t n;
		const char *kind;
	} magics[] = {
	    {"\x00\x00\xFE\xFF", 4, "UTF-32 text (it starts with a byte-order mark)"},
	    {"\xFF\xFE\x00\x00", 4, "UTF-32 text (it starts with a byte-order mark)"},
	    {"\xFE\xFF", 2, "UTF-16 text (it starts with a byte-order mark)"},
	    {"\xFF\xFE", 2, "UTF-16 text (it starts with a byte-order mark)"},
	    {"\x89PNG\r\n\x1A\n", 8, "a PNG image"},
	    {"\xFF\xD8\xFF", 3, "a JPEG image"},
	    {"GIF8", 4, "a GIF image"},
	    {"%PDF-", 5, "a PDF file"},
	    {"PK\x03\x04", 4, "a ZIP archive (a .docx, .odt or .xlsx file is one)"},
	    {"\xD0\xCF\x11\xE0", 4, "an old Microsoft Office file (.doc)"},
	    {"\x1F\x8B", 2, "a gzip archive"},
	    {"\x7F" "ELF", 4, "a program (ELF)"},
	};
	for (size_t i = 0; i < sizeof magics / sizeof *magics; i++)
		if (len >= magics[i].n && memcmp(s, magics[i].magic, magics[i].n) == 0)
			return magics[i].kind;
	/* UTF-16 without a byte-order mark: ASCII characters each followed or preceded by a NUL. */
	if (len >= 8) {
		bool le = true, be = true;
		for (size_t i = 0; i < 8; i += 2) {
			le = le && s[i] >= 0x09 && s[i] < 0x7F && s[i + 1] == 0;
			be = be && s[i] == 0 && s[i + 1] >= 0x09 && s[i + 1] < 0x7F;
		}
		if (le || be)
			return "UTF-16 text";
	}
	return NULL;
}

size_t vita_check_encoding(const char *path, const char *data, size_t len, vita_diags *d)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0, errors = 0;
	int line = 1, col = 1;
	const char *kind = not_text_kind(s, len);
	if (kind) {
		vita_pos pos = {path, 1, 1};
		if (strncmp(kind, "UTF-", 4) == 0)
			vita_diag(d, VITA_ERROR, pos, "the file is %s; vita reads UTF-8: save it as UTF-8", kind);
		else
			vita_diag(d, VITA_ERROR, pos, "the file is %s, not a CV (a CV is a YAML or JSON text file)", kind);
		return 1;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	while (i < len) {
		/* a run of printable ASCII, most of a file, with one comparison per byte */
		size_t run = i;
		while (run < len && (unsigned char)(s[run] - 0x20) < 0x5F)
			run++;
		col += (int)(run - i);
		i = run;
		if (i == len)
			break;
		unsigned c = s[i];
		if (c == '\t') {
			i++;
			col++;
			continue;
		}
		if (c == '\n') {
			i++;
			line++;
			col = 1;
			continue;
		}
		if (c == '\r' && i + 1 < len && s[i + 1] == '\n') {
			i++;
			continue;
		}
		vita_pos pos = {path, line, col};
		if (c < 0x80) {
			static const char *const names[32] = {
			    [0] = " (NUL)", [7] = " (bell)", [8] = " (backspace)", [11] = " (vertical tab)",
			    [12] = " (form feed)", [27] = " (escape)"};
			if (c == '\r')
				vita_diag(d, VITA_ERROR, pos,
				          "control character U+000D (a carriage return not followed by a line feed) "
				          "is not allowed");
			else
				vita_diag(d, VITA_ERROR, pos, "control character U+%04X%s is not allowed", c,
				          c < 32 && names[c] ? names[c] : c == 0x7F ? " (delete)" : "");
			errors++;
			i++;
			col++;
			continue;
		}
		uint32_t cp;
		size_t l = utf8_decode(data + i, len - i, &cp);
		if (l) {
			if (cp <= 0x9F) {
				vita_buf b = {0};
				buf_printf(&b, "control character U+%04X is not allowed", (unsigned)cp);
				c1_hint(&b, data, len, i);
				vita_diag(d, VITA_ERROR, pos, "%s", buf_str(&b));
				buf_free(&b);
				errors++;
			} else if (cp == 0xFFFE || cp == 0xFFFF) {
				/* YAML refuses these two (libyaml says only "control characters are not allowed",
				 * at the start of the file): name them where they are (M3). */
				vita_diag(d, VITA_ERROR, pos, "character U+%04X is not allowed (a noncharacter: it is not text)",
				          (unsigned)cp);
				errors++;
			} else if (cp == 0xFEFF && i == 3 && s[0] == 0xEF) {
				vita_diag(d, VITA_ERROR, pos, "a second byte-order mark (U+FEFF) after the first: the file "
				          "was saved with two; remove one");
				errors++;
			}
			i += l;
			col++;
			continue;
		}
		size_t bad = report_invalid(s + i, len - i, path, line, col, d);
		errors++;
		i += bad;
		col += (int)bad;
	}
	return errors;
}
