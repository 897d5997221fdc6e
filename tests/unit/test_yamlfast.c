/*
 * Unit tests for the YAML reader's fast path (src/load/yamlfast.c): on every YAML file of the
 * repository and on small cases of each construct, the tree it gives (kinds, values, quoting,
 * positions) and the diagnostics must be libyaml's; and it must read the plain files it is there
 * for, and leave to libyaml what it cannot read exactly.
 */
#define _GNU_SOURCE /* nftw's FTW_ACTIONRETVAL, to skip build folders */
#include <ftw.h>

#include "load/yaml.h"
#include "load/yamlfast.h"
#include "test.h"

/* The first difference between two trees, or NULL. */
static const char *tree_diff(const vita_node *x, const vita_node *y, const vita_node **at)
{
	*at = x;
	if (!x || !y)
		return x == y ? NULL : "one tree is missing";
	if (x->kind != y->kind)
		return "kind";
	if (x->pos.line != y->pos.line || x->pos.col != y->pos.col)
		return "position";
	if (x->kind == VITA_NODE_SCALAR)
		return x->len != y->len || memcmp(x->str, y->str, x->len) != 0 ? "value"
		       : x->plain != y->plain                                  ? "quoting"
		                                                               : NULL;
	if (x->n != y->n)
		return "number of children";
	for (size_t i = 0; i < x->n; i++) {
		const char *why = tree_diff(x->kids[i], y->kids[i], at);
		if (why)
			return why;
	}
	return NULL;
}

static int accepted; /* files and cases the fast path read */

/* Parses src both ways and checks that they agree; returns whether the fast path read it. */
static bool same_both_ways(const char *name, const char *src, size_t len)
{
	vita_arena *a = arena_new(), *b = arena_new();
	vita_diags *da = vita_diags_new(), *db = vita_diags_new();
	yaml_event_t *ev;
	size_t n;
	bool fast = yaml_fast_scan(a, src, len, &ev, &n);
	if (fast)
		free(ev);
	vita_node *x = vita_yaml_parse(a, name, src, len, NULL, da);
	vita_node *y = vita_yaml_parse_libyaml(b, name, src, len, NULL, db);
	const vita_node *at;
	const char *why = tree_diff(x, y, &at);
	if (why)
		printf("  %s: the fast path differs from libyaml (%s) at %d:%d\n", name, why, at ? at->pos.line : 0,
		       at ? at->pos.col : 0);
	CHECK(why == NULL);
	CHECK_INT(vita_diags_count(da, VITA_ERROR), vita_diags_count(db, VITA_ERROR));
	CHECK_INT(vita_diags_count(da, VITA_WARNING), vita_diags_count(db, VITA_WARNING));
	vita_diags_free(da);
	vita_diags_free(db);
	arena_free(a);
	arena_free(b);
	accepted += fast;
	return fast;
}

static bool same_str(const char *src)
{
	return same_both_ways("t.yaml", src, strlen(src));
}

static int files_seen;

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)ftw;
	const char *base = path + strlen(path);
	while (base > path && base[-1] != '/')
		base--;
	if (type == FTW_D && (strncmp(base, "build", 5) == 0 || strcmp(base, ".git") == 0 ||
	                      strcmp(base, "node_modules") == 0))
		return FTW_SKIP_SUBTREE;
	size_t l = strlen(path);
	if (type != FTW_F || st->st_size > 4 << 20 ||
	    !((l > 5 && strcmp(path + l - 5, ".yaml") == 0) || (l > 4 && strcmp(path + l - 4, ".yml") == 0)))
		return 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char *data = xmalloc((size_t)st->st_size + 1);
	size_t got = fread(data, 1, (size_t)st->st_size, f);
	fclose(f);
	same_both_ways(path, data, got);
	files_seen++;
	free(data);
	return 0;
}

static void repository_files(void)
{
	accepted = 0;
	CHECK(nftw(".", visit, 16, FTW_PHYS | FTW_ACTIONRETVAL) == 0);
	printf("  %d YAML files, %d read by the fast path\n", files_seen, accepted);
	CHECK(files_seen > 100);
	CHECK(accepted > files_seen / 4);
}

/* The typical CV, the one the instruction count is measured on, is read by the fast path. */
static void typical_cv_is_fast(void)
{
	FILE *f = fopen("content/jiazhi-jiang.yaml", "rb");
	if (!f)
		SKIP("no content/jiazhi-jiang.yaml");
	char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	CHECK(same_both_ways("content/jiazhi-jiang.yaml", buf, n));
}

static void read_fast(void)
{
	static const char *const cases[] = {
	    "cv:\n  name: Zoë Ångström\n  sections:\n    - x\n",
	    "# c\ncv:  # c\n  name: A B   \n\n  url: https://a.b/c#d\n  x: 'it''s'  # c\n  y: \"q: r\"\n",
	    "a:\n- 1\n- 2\nb: c\n",
	    "s:\n  - k: v\n    l: w\n  -   m: n\n  - plain, with [brackets] and {braces}\n",
	    "k: a#b\nl: a #b\nm: 'x' #y\nC#: x\nk2 : v\n",
	    "top:\n  deep:\n    deeper:\n      - a: b\n        c:\n          - d\n  back: e\n",
	    "- a\n- b: c\n",
	    "a: ''\nb: \"\"\nc: 'é''ü'\n",
	    "a: one\n  two  \n\n\n   three [x](y)\nb: c\n", "- one\n  two\n- k: v\n    w\n   x\n  l: m\n",
	    "a:\n- one\n two\nb: c\n", "a: x\n\n# c\n  \nb: y\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		bool fast = same_str(cases[i]);
		if (!fast)
			printf("  case %zu was not read by the fast path\n", i);
		CHECK(fast);
	}
}

/* What the fast path leaves to libyaml, which must then give the same (tree or errors). */
static void leaves_to_libyaml(void)
{
	static const char *const cases[] = {
	    "", "# only a comment\n", "a: [1, 2]\n", "a: {b: c}\n", "a: &x 1\nb: *x\n", "a: !t 1\n",
	    "a: |\n  text\n", "a: >\n  text\n", "a:\nb: 1\n", "a: x\n  y: z\n",
	    "a: x\n  - y\n", "a: x\n  y #c\n", "a: x # c\n  y\n", "a: \"x\\ny\"\n",
	    "'k': v\n", "a:\tb\n", "a: b\r\n", "---\na: b\n", "a: b\n...\n", "%YAML 1.1\n---\na: b\n",
	    "a: b: c\n", "a: 'x' y\n", "- - a\n", "-\n  a\n", "a: -1\n", "a: @x\n", "\357\273\277a: b\n" /* a BOM */,
	    "a: x\xE2\x80\xA8y\n", "a: 'open\n  close'\n", "a:\n  - x\n - y\n", "a: b\n a: c\n", "k\n",
	    "a: b\nc\n", "a: 1\na: 2\n", "a:\n  b: 1\n  b: 2\n", "a: \xFF\n", "key: - x\n", "a:    \n",
	    "? a\n: b\n", "a: b #c: d\n  e\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		bool fast = same_str(cases[i]);
		/* the duplicate keys are read by the fast path: the reader reports them either way */
		if (fast && !strstr(cases[i], "a: 1\na: 2") && !strstr(cases[i], "b: 1\n  b: 2")) {
			printf("  case %zu was read by the fast path\n", i);
			CHECK(!fast);
		}
	}
}

int main(void)
{
	RUN(read_fast);
	RUN(leaves_to_libyaml);
	RUN(typical_cv_is_fast);
	RUN(repository_files);
	return TEST_EXIT();
}
