/*
 * Fuzz harness: the LaTeX escaper (src/latex/escape.c) on arbitrary bytes, with its promise checked.
 *
 * The first byte picks the function: text (paragraph or macro argument), URL (\href's first
 * argument) or comment.  For text, the output is read back the way TeX would read it (standard
 * catcodes, TeX's ligatures on) and must give exactly the input as the escaper documents
 * it — control characters and line ends as spaces, U+00A0 as ~, invalid UTF-8 as U+FFFD — and must
 * contain no character with a special catcode that is not part of an escape, no group other than
 * {}, {[} and {]}, and no ligature-forming pair.  For URLs, no byte TeX or hyperref treats
 * specially survives unescaped and percent-decoding gives the input back; for comments, nothing
 * can end the comment line.  A broken promise aborts (__builtin_trap), which libFuzzer reports.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "latex/escape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(c)                  \
	do {                            \
		if (!(c))                   \
			__builtin_trap();       \
	} while (0)

/* What the escaper promises the reader sees for s: see escape.h. */
static void expected_text(vita_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			buf_putc(b, c < 0x20 || c == 0x7f ? ' ' : (char)c);
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (!k) {
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

static bool starts(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

/* Reads escaped text back as TeX would print it; traps on anything that is not a plain character
 * or one of the escaper's forms. */
static void read_back(vita_buf *out, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while (p < end) {
		unsigned char c = (unsigned char)*p;
		if (c == '\\') {
			REQUIRE(p + 1 < end);
			if (strchr("{}$&#%_", p[1]) && p[1]) {
				buf_putc(out, p[1]);
				p += 2;
			} else if (starts(p, end, "\\textbackslash{}")) {
				buf_putc(out, '\\');
				p += strlen("\\textbackslash{}");
			} else if (starts(p, end, "\\textasciicircum{}")) {
				buf_putc(out, '^');
				p += strlen("\\textasciicircum{}");
			} else if (starts(p, end, "\\textasciitilde{}")) {
				buf_putc(out, '~');
				p += strlen("\\textasciitilde{}");
			} else if (starts(p, end, "\\textquotesingle{}")) {
				buf_putc(out, '\'');
				p += strlen("\\textquotesingle{}");
			} else if (starts(p, end, "\\textasciigrave{}")) {
				buf_putc(out, '`');
				p += strlen("\\textasciigrave{}");
			} else if (starts(p, end, "\\textquotedbl{}")) {
				buf_putc(out, '"');
				p += strlen("\\textquotedbl{}");
			} else if (starts(p, end, "\\kern0pt ")) {
				p += strlen("\\kern0pt "); /* ends a ligature, prints nothing */
			} else {
				REQUIRE(!"a control sequence the escaper does not write");
			}
			continue;
		}
		if (c == '{') {
			if (starts(p, end, "{}")) {
				p += 2;
			} else if (starts(p, end, "{[}") || starts(p, end, "{]}")) {
				buf_putc(out, p[1]);
				p += 3;
			} else {
				REQUIRE(!"a group that is not {}, {[} or {]}");
			}
			continue;
		}
		REQUIRE(c >= 0x20 && c != 0x7f && c != '}' && !strchr("$&#^_%'`\"", c));
		/* TeX's ligatures (on): -- --- ,, << >> must be split, ' ` " never bare. */
		if (p + 1 < end)
			REQUIRE(!(strchr("-,<>", c) && p[1] == (char)c));
		if (c == '~')
			buf_puts(out, "\xc2\xa0");
		else
			buf_putc(out, (char)c);
		p++;
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void percent_decode(vita_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '%' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
			buf_putc(b, (char)(hexval(s[1]) * 16 + hexval(s[2])));
			s += 2;
		} else {
			buf_putc(b, *s);
		}
	}
}

static void check_url(const char *in)
{
	vita_buf o = {0}, un = {0}, a = {0}, b = {0};
	latex_escape_url(&o, in);
	const char *s = buf_str(&o);
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		REQUIRE(c > 0x20 && c < 0x7f && !strchr("{}^~\"<>|`[] ", c));
		if (c == '\\') {
			REQUIRE(s[i + 1] == '%' || s[i + 1] == '#' || s[i + 1] == '&');
			buf_putc(&un, s[++i]);
			continue;
		}
		REQUIRE(c != '%' && c != '#' && c != '&');
		buf_putc(&un, (char)c);
	}
	percent_decode(&a, in);
	percent_decode(&b, buf_str(&un));
	REQUIRE(a.len == b.len && memcmp(buf_str(&a), buf_str(&b), a.len) == 0);
	buf_free(&o);
	buf_free(&un);
	buf_free(&a);
	buf_free(&b);
}

static void check_comment(const char *in)
{
	vita_buf o = {0};
	latex_escape_comment(&o, in);
	const char *s = buf_str(&o);
	for (size_t i = 0; i < o.len;) {
		unsigned char c = (unsigned char)s[i];
		REQUIRE(c >= 0x20 && c != 0x7f);
		uint32_t cp = c;
		size_t k = c < 0x80 ? 1 : utf8_decode(s + i, o.len - i, &cp);
		REQUIRE(k > 0); /* valid UTF-8 */
		REQUIRE(cp != 0x85 && cp != 0x2028 && cp != 0x2029 && !(cp >= 0x80 && cp < 0xA0));
		i += k;
	}
	buf_free(&o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	int mode = data[0] % 3;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;
	if (mode == 0) {
		vita_buf esc = {0}, back = {0}, want = {0};
		latex_escape(&esc, s, n);
		read_back(&back, buf_str(&esc), esc.len);
		expected_text(&want, s, n);
		REQUIRE(back.len == want.len && memcmp(buf_str(&back), buf_str(&want), back.len) == 0);
		buf_free(&esc);
		buf_free(&back);
		buf_free(&want);
	} else {
		char *z = xstrndup(s, n); /* the URL and comment functions take C strings */
		if (mode == 1)
			check_url(z);
		else
			check_comment(z);
		free(z);
	}
	return 0;
}
