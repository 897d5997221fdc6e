/*
 * Unit tests for src/load/inline.c: every span kind, nesting, smart punctuation, breaks, the fast
 * path against cmark, fields that look like Markdown blocks kept as written, raw HTML, images, link
 * vetting and DOI links, and vita_spans_plain.
 */
#include "base/base.h"
#include "load/inline.h"
#include "test.h"

/* A compact, unambiguous picture of a span tree: T"text" S(…) E(…) C"code" L<url>(…) BR. */
static void dump(vita_buf *b, const vita_span *s)
{
	static const char *const kinds[] = {"T", "S", "E", "C", "L", "BR"};
	for (const vita_span *x = s; x; x = x->next) {
		if (x != s)
			buf_putc(b, ' ');
		buf_puts(b, kinds[x->kind]);
		if (x->kind == VITA_SPAN_LINK) { /* text and url share their room (vita_span) */
			if (x->url)
				buf_printf(b, "<%s>", x->url);
		} else if (x->text) {
			buf_printf(b, "\"%s\"", x->text);
		}
		if (x->children) {
			buf_putc(b, '(');
			dump(b, x->children);
			buf_putc(b, ')');
		}
	}
}

typedef struct result {
	char *tree, *plain;
	size_t warnings;
	char *first; /* the first warning's text */
} result;

static result parse_with(const char *md, bool cmark_only)
{
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	vita_pos pos = {"t.yaml", 4, 7};
	vita_span *s = cmark_only ? vita_inline_parse_cmark(a, md, pos, d) : vita_inline_parse(a, md, pos, d);
	vita_buf b = {0};
	dump(&b, s);
	result r = {buf_take(&b), vita_spans_plain(s), vita_diags_count(d, VITA_WARNING), NULL};
	if (!r.tree)
		r.tree = xstrdup("");
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	char *out = NULL;
	size_t len = 0;
	if (r.warnings) { /* (diag.c's vita_diags_print passes NULL to memcpy when empty: UBSan) */
		FILE *f = open_memstream(&out, &len);
		vita_diags_print(d, f, false);
		fclose(f);
	} else {
		out = xstrdup("");
	}
	char *nl = strchr(out, '\n');
	if (nl)
		*nl = '\0';
	r.first = out;
	vita_diags_free(d);
	arena_free(a);
	return r;
}

static void result_free(result *r)
{
	free(r->tree);
	free(r->plain);
	free(r->first);
}

/* Checks the tree and warning count of md (both paths must agree). */
#define CHECK_MD(md, want_tree, want_warnings)                                                      \
	do {                                                                                            \
		result r_ = parse_with(md, false), c_ = parse_with(md, true);                               \
		CHECK_STR(r_.tree, want_tree);                                                              \
		CHECK_INT(r_.warnings, want_warnings);                                                      \
		CHECK_STR(c_.tree, r_.tree);                                                                \
		result_free(&r_);                                                                           \
		result_free(&c_);                                                                           \
	} while (0)

/* Checks the first warning's text. */
#define CHECK_WARN(md, want)                                                                        \
	do {                                                                                            \
		result r_ = parse_with(md, false);                                                          \
		CHECK_STR(r_.first, "t.yaml:4:7: warning: " want);                                          \
		result_free(&r_);                                                                           \
	} while (0)

static void span_kinds(void)
{
	CHECK_MD("plain text", "T\"plain text\"", 0);
	CHECK_MD("**bold**", "S(T\"bold\")", 0);
	CHECK_MD("*it* and _it_", "E(T\"it\") T\" and \" E(T\"it\")", 0);
	CHECK_MD("use `a*b` here", "T\"use \" C\"a*b\" T\" here\"", 0);
	CHECK_MD("see [site](https://example.org/x?a=1&b=2)", "T\"see \" L<https://example.org/x?a=1&b=2>(T\"site\")", 0);
	CHECK_MD("[**Paper**](http://x.org)", "L<http://x.org>(S(T\"Paper\"))", 0);
	CHECK_MD("mail [me](mailto:a@b.org)", "T\"mail \" L<mailto:a@b.org>(T\"me\")", 0);
	CHECK_MD("<https://a.org/p>", "L<https://a.org/p>(T\"https://a.org/p\")", 0);
	CHECK_MD("<me@x.org>", "L<mailto:me@x.org>(T\"me@x.org\")", 0);
	CHECK_MD("", "", 0);
	CHECK_MD("   ", "", 0);
	/* Nesting stays a tree. */
	CHECK_MD("**bold *both***", "S(T\"bold \" E(T\"both\"))", 0);
	CHECK_MD("*a **b** c*", "E(T\"a \" S(T\"b\") T\" c\")", 0);
	/* Intraword underscores and lone stars are text (corresponding-author marks). */
	CHECK_MD("snake_case_name", "T\"snake_case_name\"", 0);
	CHECK_MD("Chenyu Jiang*, Wei Li*", "T\"Chenyu Jiang*, Wei Li*\"", 0);
	CHECK_MD("a * b", "T\"a * b\"", 0);
	/* Escapes and entities. */
	CHECK_MD("\\*not\\* \\[x\\]", "T\"*not* [x]\"", 0);
	CHECK_MD("&amp; &copy; AT&T", "T\"& © AT&T\"", 0);
	CHECK_MD("Zoë 江宸宇 📄", "T\"Zoë 江宸宇 📄\"", 0);
}

static void deep_nesting(void)
{
	/* Hostile nesting neither overflows the stack nor produces an unbounded tree. */
	vita_buf b = {0};
	for (int i = 0; i < 5000; i++)
		buf_puts(&b, "*a **b ");
	buf_puts(&b, "x");
	for (int i = 0; i < 5000; i++)
		buf_puts(&b, "** c*");
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	vita_pos pos = {"t", 1, 1};
	vita_span *s = vita_inline_parse(a, b.data, pos, d);
	int depth = 0;
	for (const vita_span *x = s; x; x = x->children)
		depth++;
	CHECK(depth <= 40);
	char *plain = vita_spans_plain(s);
	CHECK(strstr(plain, "a b a b") != NULL && strchr(plain, 'x') != NULL);
	free(plain);
	vita_diags_free(d);
	arena_free(a);
	buf_free(&b);
}

static void smart_punctuation(void)
{
	CHECK_MD("1990--2000", "T\"1990–2000\"", 0);
	CHECK_MD("yes---no", "T\"yes—no\"", 0);
	CHECK_MD("\"quoted\" and 'single' it's", "T\"“quoted” and ‘single’ it’s\"", 0);
	CHECK_MD("wait...", "T\"wait…\"", 0);
	CHECK_MD("`a--b`", "C\"a--b\"", 0); /* not inside code */
	CHECK_MD("a\\-\\-b", "T\"a--b\"", 0);
}

static void breaks(void)
{
	CHECK_MD("line1  \nline2", "T\"line1\" BR T\"line2\"", 0);
	CHECK_MD("a\\\nb", "T\"a\" BR T\"b\"", 0);
	CHECK_MD("soft\nbreak", "T\"soft break\"", 0);
	CHECK_MD("soft\r\nbreak", "T\"soft break\"", 0);
	CHECK_MD("para1\n\npara2 *x*", "T\"para1\" BR BR T\"para2 \" E(T\"x\")", 0);
	result r = parse_with("a  \nb", false);
	CHECK_STR(r.plain, "a\nb");
	result_free(&r);
}

/* The fast path must give what cmark gives for every text it accepts. */
static void fast_path_agrees(void)
{
	static const char *const texts[] = {
	    "plain text", "Zoë Ångström", "C# and F#", "2019 - 2022", "a - b", "a.b", "St. John", "1999",
	    "v1.2", "x = 1", "50%", "a|b", "~tilde", "ends with dot.", "Q&A", "mid*dle", "a_b", "x (y) z",
	    "江宸宇 (Chenyu)", "e-mail", "a -- b", "a---b", "2.5", "1) no", "12. no", "#1", "# 1", "- x", "+ x",
	    "> q", "= x", "a\tb", " lead", "trail ", "a..b", "a...b", "\"q\"", "don't", "http://x.org",
	    "10:30", "@user", "$5", "a/b", "a{b}", "a;b", "a?", "a!", "x^2", "1234567890. big",
	    "\xC2\xA0nbsp first", "nbsp last\xC2\xA0", "\xE3\x80\x80ideographic space", "(c) 2024",
	    "x\xE2\x80\x8B", "www.example.org", "a:b", "https://example.org/path_(x)", "user@example.org",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		result f = parse_with(texts[i], false), c = parse_with(texts[i], true);
		if (strcmp(f.tree, c.tree) != 0 || f.warnings != c.warnings) {
			printf("  \"%s\": fast %s (%zu), cmark %s (%zu)\n", texts[i], f.tree, f.warnings, c.tree,
			       c.warnings);
			CHECK(!"paths differ");
		}
		result_free(&f);
		result_free(&c);
	}
}

static void blocks_kept_as_text(void)
{
	CHECK_MD("- item", "T\"- item\"", 0);
	CHECK_MD("# 1", "T\"# 1\"", 0);
	CHECK_MD("## Heading *x*", "T\"## Heading \" E(T\"x\")", 0);
	CHECK_MD("C# and F#", "T\"C# and F#\"", 0);
	CHECK_MD("1. first", "T\"1. first\"", 0);
	CHECK_MD("2019. A good year", "T\"2019. A good year\"", 0);
	CHECK_MD("3) third", "T\"3) third\"", 0);
	CHECK_MD("2019 - 2022", "T\"2019 - 2022\"", 0);
	CHECK_MD("+ plus", "T\"+ plus\"", 0);
	CHECK_MD("* star", "T\"* star\"", 0);
	CHECK_MD("-", "T\"-\"", 0);
	CHECK_MD("> quote *e*", "T\"> quote \" E(T\"e\")", 0);
	CHECK_MD("***", "T\"***\"", 0);
	CHECK_MD("---", "T\"---\"", 0);
	CHECK_MD("    indented code", "T\"indented code\"", 0);
	CHECK_MD("[1]: http://x.org", "T\"[1]: http://x.org\"", 0);
	CHECK_MD("~~~", "T\"~~~\"", 0);
	/* Several lines: kept as written, with a warning naming the construct. */
	CHECK_MD("- a\n- b", "T\"- a - b\"", 1);
	CHECK_WARN("- a\n- b", "Markdown list is not available in a text field; the lines are shown as written");
	CHECK_MD("Title\n===", "T\"Title ===\"", 1);
	CHECK_MD("Title\n---", "T\"Title ---\"", 1);
	CHECK_MD("```\ncode\n```", "T\"``` code ```\"", 1);
	CHECK_WARN("```\ncode\n```", "Markdown code block is not available in a text field; the lines are shown "
	                             "as written");
	CHECK_MD("intro\n1. first\n2. second", "T\"intro 1. first 2. second\"", 1);
	CHECK_MD("- a  \n- b", "T\"- a\" BR T\"- b\"", 1); /* a hard break survives */
	CHECK_MD("a\n\n- b **c**", "T\"a\" BR BR T\"- b \" S(T\"c\")", 0);
	/* Every character survives. */
	const char *tricky = "# h\n- l\n> q\n1. n\n***\n~~~\n  x";
	result r = parse_with(tricky, false);
	CHECK_STR(r.plain, "# h - l > q 1. n *** ~~~ x");
	result_free(&r);
}

static void raw_html_and_images(void)
{
	CHECK_MD("<u>Name</u> here", "T\"<u>Name</u> here\"", 1);
	CHECK_WARN("<u>Name</u> here", "raw HTML is shown as text: \"<u>\", \"</u>\"");
	CHECK_MD("a<br>b", "T\"a<br>b\"", 1);
	CHECK_MD("<!-- c -->", "T\"<!-- c -->\"", 1);
	CHECK_MD("<div>x</div>", "T\"<div>x</div>\"", 1);
	CHECK_MD("text\n<span class='anchor'></span>", "T\"text <span class='anchor'></span>\"", 1);
	CHECK_MD("![alt text](x.png)", "T\"alt text\"", 1);
	CHECK_WARN("![alt text](x.png)", "image \"x.png\" is not shown in a text field; its description \"alt "
	                                 "text\" is shown instead");
	CHECK_MD("a ![](x.png) b", "T\"a  b\"", 1);
}

static void link_vetting(void)
{
	CHECK_MD("[x](javascript:alert(1))", "T\"x\"", 1);
	CHECK_WARN("[x](javascript:alert(1))", "link to \"javascript:alert(1)\" removed: only http, https, mailto "
	                                       "and DOI links are allowed (its text is kept)");
	CHECK_MD("[a](file:///etc/passwd)", "T\"a\"", 1);
	CHECK_MD("[b](data:text/html,x)", "T\"b\"", 1);
	CHECK_MD("[c](vbscript:x)", "T\"c\"", 1);
	CHECK_MD("[d](paper.pdf)", "T\"d\"", 1);
	CHECK_MD("[e](/abs/path)", "T\"e\"", 1);
	CHECK_MD("[f](JavaScript:x) and [g](https://ok.org)", "T\"f and \" L<https://ok.org>(T\"g\")", 1);
	CHECK_MD("[**Paper**]()", "S(T\"Paper\")", 1);
	CHECK_WARN("[Paper]()", "link has no target: \"Paper\" is kept as text");
	CHECK_MD("[](https://x.org)", "L<https://x.org>(T\"https://x.org\")", 1);
	/* DOIs: doi:10.… becomes a doi.org link; doi.org links stay. */
	CHECK_MD("[P](doi:10.1145/3600006.3613145)", "L<https://doi.org/10.1145/3600006.3613145>(T\"P\")", 0);
	CHECK_MD("[P](https://doi.org/10.1/x)", "L<https://doi.org/10.1/x>(T\"P\")", 0);
	CHECK_MD("[P](HTTPS://X.ORG)", "L<HTTPS://X.ORG>(T\"P\")", 0);
	/* vita_url_allowed itself. */
	CHECK(vita_url_allowed("https://example.org"));
	CHECK(vita_url_allowed("http://example.org/a"));
	CHECK(vita_url_allowed("mailto:a@b.org"));
	CHECK(vita_url_allowed("doi:10.1145/1"));
	CHECK(vita_url_allowed("https://doi.org/10.1145/1"));
	CHECK(!vita_url_allowed(NULL));
	CHECK(!vita_url_allowed(""));
	CHECK(!vita_url_allowed("https://"));
	CHECK(!vita_url_allowed("https:///etc"));
	CHECK(!vita_url_allowed("mailto:"));
	CHECK(!vita_url_allowed("doi:"));
	CHECK(!vita_url_allowed("doi:11.1/x"));
	CHECK(!vita_url_allowed("javascript:alert(1)"));
	CHECK(!vita_url_allowed("ftp://x.org"));
	CHECK(!vita_url_allowed("https://x.org/a b"));
	CHECK(!vita_url_allowed("https://x.org/\n"));
	CHECK(!vita_url_allowed("tel:+123"));
}

static void spans_plain(void)
{
	result r = parse_with("**Dr.** *Zoë* `x` [site](https://a.org) and [bad](javascript:x)  \nend", false);
	CHECK_STR(r.plain, "Dr. Zoë x site and bad\nend");
	result_free(&r);
	char *e = vita_spans_plain(NULL);
	CHECK_STR(e, "");
	free(e);
}

/* Keeps only the letters a, b, é, 江 of s, in order. */
static char *letters(const char *s)
{
	vita_buf b = {0};
	for (; *s; s++) {
		if (*s == 'a' || *s == 'b')
			buf_putc(&b, *s);
		else if (strncmp(s, "é", 2) == 0)
			buf_puts(&b, "é");
		else if (strncmp(s, "江", 3) == 0)
			buf_puts(&b, "江");
	}
	char *r = buf_take(&b);
	return r ? r : xstrdup("");
}

/* Random Markdown-ish fields (no link targets or entities, which legitimately consume letters):
 * every letter must reach the plain text, in order, whatever cmark makes of the markup. */
static void no_letter_lost(void)
{
	static const char *const tokens[] = {"*", "**", "_", "`", "``", "[", "]", "-", "- ", "#", "# ", "1. ", "> ",
	                                     " ", "\n", "\n\n", "\\", "<", ">", "!", "a", "b", "é", "江", "'", "\"",
	                                     "~~~", "```", "=", "\t", "  \n", "    ", "<a>", "</b>", "<!--", "-->",
	                                     "..."};
	unsigned seed = 12345;
	int bad = 0;
	for (int iter = 0; iter < 3000 && bad < 5; iter++) {
		vita_buf md = {0};
		int n = 1 + (int)(seed % 12);
		for (int k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			buf_puts(&md, tokens[(seed >> 16) % (sizeof tokens / sizeof tokens[0])]);
		}
		result r = parse_with(md.data, false);
		char *want = letters(md.data), *got = letters(r.plain);
		if (strcmp(want, got) != 0) {
			printf("  lost letters in \"%s\": plain \"%s\"\n", md.data, r.plain);
			bad++;
		}
		free(want);
		free(got);
		result_free(&r);
		buf_free(&md);
	}
	CHECK_INT(bad, 0);
}

static void url_shown(void)
{
	static const struct {
		const char *url, *shown;
	} cases[] = {
	    {"https://www.example.com/", "www.example.com"},
	    {"http://example.org/a/b//", "example.org/a/b"},
	    {"mailto:zoe@example.org", "zoe@example.org"},
	    {"https://doi.org/10.1145/3711927", "doi.org/10.1145/3711927"},
	    {"ftp-like-text", "ftp-like-text"},
	    {"https://", ""},
	    {"/", "/"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n;
		const char *s = vita_url_shown(cases[i].url, &n);
		char *got = xstrndup(s, n);
		CHECK_STR(got, cases[i].shown);
		free(got);
	}
}

int main(void)
{
	RUN(span_kinds);
	RUN(deep_nesting);
	RUN(smart_punctuation);
	RUN(breaks);
	RUN(fast_path_agrees);
	RUN(blocks_kept_as_text);
	RUN(raw_html_and_images);
	RUN(link_vetting);
	RUN(spans_plain);
	RUN(no_letter_lost);
	RUN(url_shown);
	return TEST_EXIT();
}
