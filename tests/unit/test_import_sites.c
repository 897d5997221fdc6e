/*
 * Nothing lost from a site (issue 12): every word of the visible text of each part a site folder's
 * import reads — an about page's body, the values of front matter, of al-folio's cv.yml and of a
 * resume.json, of a Hugo site's author and publication pages (keys, site machinery such as
 * permalinks and dates, link targets, Liquid and HTML tags left out) — is in the imported YAML, as a value or in a "not imported" comment.  Month names and
 * "now"/"present" are in it as structured dates.  The figures are printed.
 */
#include <ctype.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/base.h"
#include "io/io.h"
#include "load/yaml.h"
#include "test.h"

static bool machinery(const char *k)
{
	static const char *const keys[] = {"permalink", "collection", "category", "layout", "superuser",
	                                   "user_groups", "icon", "icon_pack", "image", "url", "link",
	                                   "paperurl", "slidesurl", "type", "weight", "publishDate", "featured",
	                                   "publication_types", "publication_short", "url_pdf", "url_code",
	                                   "date", NULL}; /* dates: in the YAML as dates (goldens check them) */
	for (size_t i = 0; keys[i]; i++)
		if (k && strcmp(k, keys[i]) == 0)
			return true;
	return false;
}

/* Text with Liquid, HTML comments and tags, entities and Markdown link targets blanked. */
static void visible_text(vita_buf *out, const char *s)
{
	static const char *const pairs[][2] = {{"{%", "%}"}, {"{{", "}}"}, {"<!--", "-->"}, {"<", ">"},
	                                       {"](", ")"}, {"&", ";"}};
	char *t = xstrdup(s);
	for (size_t k = 0; k < 6; k++)
		for (char *a = strstr(t, pairs[k][0]); a; a = strstr(a + 1, pairs[k][0])) {
			char *b = strstr(a + 1, pairs[k][1]);
			if (!b || (k == 5 && b - a > 8))
				continue;
			memset(a + (k == 4), ' ', (size_t)(b + strlen(pairs[k][1]) - a - (k == 4)));
		}
	buf_puts(out, t);
	buf_putc(out, '\n');
	free(t);
}

static void node_values(vita_buf *out, const vita_node *n, const char *key)
{
	if (n->kind == VITA_NODE_SCALAR) {
		/* "admin": a Hugo publication's name for the site owner, written as the owner's name */
		if (!machinery(key) && strncmp(n->str, "http", 4) != 0 && strncmp(n->str, "mailto:", 7) != 0 &&
		    strcmp(n->str, "admin") != 0)
			visible_text(out, n->str);
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == VITA_NODE_MAP && i % 2 == 0)
			continue;
		node_values(out, n->kids[i], n->kind == VITA_NODE_MAP ? n->kids[i - 1]->str : key);
	}
}

/* The visible text of one part: a YAML/JSON file's values, a Markdown file's front matter values
 * and body. */
static void part_text(vita_buf *out, const char *path, vita_arena *a)
{
	size_t len;
	vita_diags *d = vita_diags_new();
	char *data = read_file(path, 1 << 24, &len, d);
	if (!data) {
		vita_diags_free(d);
		return;
	}
	const char *body = data;
	size_t n = strlen(path);
	if (n > 3 && strcmp(path + n - 3, ".md") == 0 && strncmp(data, "---\n", 4) == 0) {
		char *e = strstr(data + 3, "\n---");
		if (e) {
			vita_node *fm = vita_yaml_parse(a, path, data + 4, (size_t)(e + 1 - data - 4), NULL, d);
			if (fm)
				node_values(out, fm, NULL);
			body = e + 4;
		}
		visible_text(out, body);
	} else {
		vita_node *root = vita_yaml_parse(a, path, data, len, NULL, d);
		if (root)
			node_values(out, root, NULL);
	}
	free(data);
	vita_diags_free(d);
}

static bool has_word(const char *h, const char *w)
{
	for (size_t n = strlen(w); *h; h++)
		if (strncasecmp(h, w, n) == 0)
			return true;
	return false;
}

static bool date_word(const char *w)
{
	static const char *const m[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	                                "Nov", "Dec", "Now", "Present", NULL};
	for (size_t i = 0; m[i]; i++)
		if (strncasecmp(w, m[i], 3) == 0 && strlen(w) >= 3)
			return true;
	return false;
}

static void check_site(const char *dir, const char *const *parts)
{
	vita_diags *d = vita_diags_new();
	const char *paths[] = {dir};
	vita_imported *im = vita_import(paths, 1, NULL, d);
	CHECK(im != NULL);
	if (!im) {
		vita_diags_print(d, stdout, false);
		vita_diags_free(d);
		return;
	}
	size_t ylen;
	char *yaml = vita_imported_yaml(im, &ylen);
	vita_arena *a = arena_new();
	vita_buf text = {0};
	for (size_t i = 0; parts[i]; i++) {
		char pat[512];
		snprintf(pat, sizeof pat, "%s/%s", dir, parts[i]);
		glob_t g;
		if (glob(pat, 0, NULL, &g) == 0)
			for (size_t j = 0; j < g.gl_pathc; j++)
				part_text(&text, g.gl_pathv[j], a);
		globfree(&g);
	}
	size_t words = 0, missing = 0;
	for (const char *p = buf_str(&text); *p;) {
		if (!isalnum((unsigned char)*p) && (unsigned char)*p < 0x80) {
			p++;
			continue;
		}
		const char *q = p;
		while (isalnum((unsigned char)*q) || (unsigned char)*q >= 0x80)
			q++;
		char *w = xstrndup(p, (size_t)(q - p));
		words++;
		if (!has_word(yaml, w) && !date_word(w) && missing++ < 10)
			printf("  %s: word \"%s\" is nowhere in the imported YAML\n", dir, w);
		free(w);
		p = q;
	}
	printf("  %s: %zu visible words in its parts, %zu missing from the import\n", dir, words, missing);
	CHECK(words > 50);
	CHECK_INT(missing, 0);
	buf_free(&text);
	arena_free(a);
	free(yaml);
	vita_imported_free(im);
	vita_diags_free(d);
}

static void test_jekyll_site(void)
{
	static const char *const parts[] = {"_pages/about.md", "_data/cv.yml", "_publications/*.md", "_talks/*.md",
	                                    "assets/json/resume.json", NULL};
	check_site("tests/fixtures/sites/group/okafor-site", parts);
}

static void test_hugo_site(void)
{
	static const char *const parts[] = {"content/authors/admin/_index.md", "content/publication/*/index.md", NULL};
	check_site("tests/fixtures/sites/group/lindqvist-hugo", parts);
}

int main(void)
{
	RUN(test_jekyll_site);
	RUN(test_hugo_site);
	return TEST_EXIT();
}
