/*
 * Unit tests of the LaTeX escaper (src/latex/escape.c): every character TeX treats specially,
 * TeX's ^^ notation, attempts to run commands or change catcodes, unbalanced braces, ligature
 * sequences, line ends, and URLs.
 */
#include "base/base.h"
#include "latex/escape.h"
#include "test.h"

static char *esc(const char *s)
{
	vita_buf b = {0};
	latex_escape_str(&b, s);
	return buf_take(&b);
}

static char *esc_url(const char *s)
{
	vita_buf b = {0};
	latex_escape_url(&b, s);
	return buf_take(&b);
}

#define CHECK_ESC(in, want)                                                                         \
	do {                                                                                            \
		char *g = esc(in);                                                                          \
		CHECK_STR(g, want);                                                                         \
		free(g);                                                                                    \
	} while (0)

#define CHECK_URL(in, want)                                                                         \
	do {                                                                                            \
		char *g = esc_url(in);                                                                      \
		CHECK_STR(g, want);                                                                         \
		free(g);                                                                                    \
	} while (0)

/* No backslash of the output may start anything but the commands the escaper itself writes, and
 * no character with a special catcode may appear bare. */
static bool output_is_inert(const char *out)
{
	static const char *allowed[] = {"\\textbackslash{}", "\\textasciicircum{}", "\\textasciitilde{}",
	                                "\\{", "\\}", "\\$", "\\&", "\\#", "\\%", "\\_",
	                                "\\textquotesingle{}", "\\textasciigrave{}", "\\textquotedbl{}",
	                                "\\kern0pt "};
	for (const char *p = out; *p;) {
		if (*p == '\\') {
			size_t k = 0;
			for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
				if (strncmp(p, allowed[i], strlen(allowed[i])) == 0)
					k = strlen(allowed[i]);
			if (!k)
				return false;
			p += k;
			continue;
		}
		if (*p == '{' || *p == '}') { /* only as {[} {]} {} */
			if (!(strncmp(p, "{[}", 3) == 0 || strncmp(p, "{]}", 3) == 0 || strncmp(p, "{}", 2) == 0))
				return false;
			p += p[1] == '}' ? 2 : 3;
			continue;
		}
		if (strchr("$&#^_%~\n\r", *p) && !(*p == '~' && p > out && p[-1] != '\\'))
			return false;
		p++;
	}
	return true;
}

static void test_specials(void)
{
	CHECK_ESC("plain text, 1.5", "plain text, 1.5");
	CHECK_ESC("\\", "\\textbackslash{}");
	CHECK_ESC("{", "\\{");
	CHECK_ESC("}", "\\}");
	CHECK_ESC("$", "\\$");
	CHECK_ESC("&", "\\&");
	CHECK_ESC("#", "\\#");
	CHECK_ESC("^", "\\textasciicircum{}");
	CHECK_ESC("_", "\\_");
	CHECK_ESC("%", "\\%");
	CHECK_ESC("~", "\\textasciitilde{}");
	CHECK_ESC("[x]", "{[}x{]}");
	CHECK_ESC("$x^2$", "\\$x\\textasciicircum{}2\\$");
	CHECK_ESC("AT&T #1 50% a_b", "AT\\&T \\#1 50\\% a\\_b");
	CHECK_ESC("\\\\", "\\textbackslash{}\\textbackslash{}");
	CHECK_ESC("C:\\new", "C:\\textbackslash{}new");
}

static void test_attacks(void)
{
	CHECK_ESC("\\input{/etc/passwd}", "\\textbackslash{}input\\{/etc/passwd\\}");
	CHECK_ESC("\\write18{touch /tmp/pwned}", "\\textbackslash{}write18\\{touch /tmp/pwned\\}");
	CHECK_ESC("\\def\\x{}", "\\textbackslash{}def\\textbackslash{}x\\{\\}");
	/* ^^5c is a backslash to TeX only when the two ^ have catcode 7. */
	CHECK_ESC("^^5cinput", "\\textasciicircum{}\\textasciicircum{}5cinput");
	CHECK_ESC("\\catcode`\\^^M=13", "\\textbackslash{}catcode\\textasciigrave{}\\textbackslash{}\\textasciicircum{}"
	                                "\\textasciicircum{}M=13");
	CHECK_ESC("{{{", "\\{\\{\\{");
	CHECK_ESC("}", "\\}");
	CHECK_ESC("% comment", "\\% comment");
	CHECK_ESC("\\end{document}", "\\textbackslash{}end\\{document\\}");
	CHECK_ESC("\\makeatletter\\@@end", "\\textbackslash{}makeatletter\\textbackslash{}@@end");
	static const char *hostile[] = {"\\input{/etc/passwd}", "\\write18{touch /tmp/pwned}",
	                                "\\def\\x{}",           "^^5cinput",
	                                "{{{",                  "}",
	                                "% comment",            "\\catcode`\\^^M=13",
	                                "$x^2$",                "~",
	                                "#1",                   "&",
	                                "_",                    "\\\\",
	                                "a\nb\r\n\nc",          "\\csname relax\\endcsname"};
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		char *g = esc(hostile[i]);
		if (!output_is_inert(g)) {
			printf("  not inert: \"%s\" -> \"%s\"\n", hostile[i], g);
			CHECK(0);
		}
		free(g);
	}
}

static void test_ligatures_and_spaces(void)
{
	CHECK_ESC("1990--1995", "1990-\\kern0pt -1995");
	CHECK_ESC("a---b", "a-\\kern0pt -\\kern0pt -b");
	CHECK_ESC("``quoted''", "\\textasciigrave{}\\textasciigrave{}quoted\\textquotesingle{}\\textquotesingle{}");
	CHECK_ESC("!`?`", "!\\textasciigrave{}?\\textasciigrave{}");
	CHECK_ESC("\"a\",,<<b>>", "\\textquotedbl{}a\\textquotedbl{},\\kern0pt ,<\\kern0pt <b>\\kern0pt >");
	CHECK_ESC("well-known", "well-known");
	CHECK_ESC("line\nbreak", "line break");
	CHECK_ESC("para\n\npara", "para  para"); /* never a \par */
	CHECK_ESC("tab\there", "tab here");
	CHECK_ESC("a\xc2\xa0" "b", "a~b");   /* no-break space */
	CHECK_ESC("a\xe2\x80\xa8" "b", "a b"); /* line separator */
	CHECK_ESC("x\x7fy", "x y");
	CHECK_ESC("\xff", "\xef\xbf\xbd");   /* invalid UTF-8 -> U+FFFD */
	CHECK_ESC("江宸宇 Zoë", "江宸宇 Zoë");
	CHECK_ESC("<a|b> \"q\"", "<a|b> \\textquotedbl{}q\\textquotedbl{}");
	vita_buf b = {0};
	latex_escape(&b, "ab\0cd", 5); /* an explicit length: a NUL is a control character */
	CHECK_STR(buf_str(&b), "ab cd");
	buf_free(&b);
}

static void test_urls(void)
{
	CHECK_URL("https://example.org/a_b?x=1&y=2#frag", "https://example.org/a_b?x=1\\&y=2\\#frag");
	CHECK_URL("https://x.org/%7Euser/50%25", "https://x.org/\\%7Euser/50\\%25");
	CHECK_URL("https://x.org/~cwu/", "https://x.org/\\%7Ecwu/");
	CHECK_URL("https://x.org/{a}\\b^c", "https://x.org/\\%7Ba\\%7D\\%5Cb\\%5Ec");
	CHECK_URL("https://x.org/a b\"<>|`", "https://x.org/a\\%20b\\%22\\%3C\\%3E\\%7C\\%60");
	CHECK_URL("https://x.org/[1]", "https://x.org/\\%5B1\\%5D");
	CHECK_URL("https://x.org/日", "https://x.org/\\%E6\\%97\\%A5");
	CHECK_URL("https://x.org/\\input{/etc/passwd}", "https://x.org/\\%5Cinput\\%7B/etc/passwd\\%7D");
	CHECK_URL("mailto:a@b.org", "mailto:a@b.org");
	/* Only \%, \#, \& may follow a backslash. */
	char *g = esc_url("https://h/\\x\\y%{}#&~^\n");
	for (const char *p = g; *p; p++)
		if (*p == '\\')
			CHECK(p[1] == '%' || p[1] == '#' || p[1] == '&');
	CHECK(!strchr(g, '{') && !strchr(g, '}') && !strchr(g, '~') && !strchr(g, '^') && !strchr(g, '\n'));
	free(g);
}

static void test_comments(void)
{
	vita_buf b = {0};
	latex_escape_comment(&b, "Title\n\\input{/etc/passwd}\r\xe2\x80\xa8x");
	CHECK_STR(buf_str(&b), "Title \\input{/etc/passwd}  x");
	CHECK(!strchr(buf_str(&b), '\n'));
	buf_free(&b);
}

/* Text as the .tex writes the CV's words (latex_escape_text): a run of spaces keeps its width, as
 * in vita's PDF (the second and later spaces are control spaces). */
static void test_space_runs(void)
{
	vita_buf b = {0};
	latex_escape_text(&b, "scheduling.  Currently,   I am");
	CHECK_STR(buf_str(&b), "scheduling. \\ Currently, \\ \\ I am");
	buf_free(&b);
	/* no break before a closing or infix mark, spaces or not (UAX #14's LB13, as the layout) */
	vita_buf c = {0};
	latex_escape_text(&c, "jiangjz@bnu.edu.cn . (a ) b");
	CHECK_STR(buf_str(&c), "jiangjz@bnu.edu.cn~. (a~) b");
	buf_free(&c);
}

int main(void)
{
	RUN(test_specials);
	RUN(test_attacks);
	RUN(test_ligatures_and_spaces);
	RUN(test_urls);
	RUN(test_comments);
	RUN(test_space_runs);
	return TEST_EXIT();
}
