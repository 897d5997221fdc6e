/*
 * The HTML backend's escaping, by context (src/html/escape.c): text, attributes, URLs and CSS
 * strings hold whatever a user wrote without changing the page's structure.
 */
#include <stdlib.h>
#include <string.h>

#include "html/escape.h"
#include "test.h"

static char *run(void (*f)(vita_buf *, const char *), const char *in)
{
	vita_buf b = {0};
	f(&b, in);
	char *r = buf_take(&b);
	return r ? r : strdup("");
}

#define EXPECT(f, in, want)                 \
	do {                                    \
		char *got_ = run(f, in);            \
		CHECK_STR(got_, want);              \
		free(got_);                         \
	} while (0)

static void test_text_and_attr(void)
{
	EXPECT(html_text, "a < b & c > d \"q\" 'a'", "a &lt; b &amp; c &gt; d \"q\" 'a'");
	EXPECT(html_text, "</style><script>x</script>", "&lt;/style&gt;&lt;script&gt;x&lt;/script&gt;");
	EXPECT(html_attr, "\" onload=\"x", "&quot; onload=&quot;x");
	EXPECT(html_attr, "it's", "it&#39;s");
	EXPECT(html_text, "Zoë 江宸宇", "Zoë 江宸宇");
}

static void test_url(void)
{
	EXPECT(html_url, "https://x.org/a?b=1&c=2", "https://x.org/a?b=1&amp;c=2");
	EXPECT(html_url, "https://x.org/\"><script>", "https://x.org/%22%3E%3Cscript%3E");
	EXPECT(html_url, "https://x.org/a b{c}", "https://x.org/a%20b%7Bc%7D");
	EXPECT(html_url, "https://x.org/é", "https://x.org/%C3%A9");
	EXPECT(html_url, "mailto:a@b.org", "mailto:a@b.org");
	EXPECT(html_url, "javascript:alert(1)", "#");
	EXPECT(html_url, "JaVaScRiPt:alert(1)", "#");
	EXPECT(html_url, "data:text/html,x", "#");
}

static void test_css(void)
{
	EXPECT(html_css_string, "Noto Sans", "\"Noto Sans\"");
	EXPECT(html_css_string, "x\"; } body { color: red", "\"x\\22 \\3B  \\7D  body \\7B  color\\3A  red\"");
	EXPECT(html_css_string, "</style>", "\"\\3C \\2F style\\3E \"");
	EXPECT(html_css_string, "a\\b\nc", "\"a\\5C b\\A c\"");
	EXPECT(html_css_string, "• ", "\"• \"");
}

int main(void)
{
	RUN(test_text_and_attr);
	RUN(test_url);
	RUN(test_css);
	return TEST_EXIT();
}
