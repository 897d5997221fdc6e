/*
 * Unit tests for the YAML reader (src/load/yaml.c): positions, null/type names, caps on aliases and
 * depth, duplicate and merge keys, and the syntax errors people make most (tabs, a second document).
 */
#include "load/yaml.h"
#include "test.h"

static vita_node *parse(vita_arena *a, vita_diags *d, const char *src)
{
	return vita_yaml_parse(a, "t.yaml", src, strlen(src), NULL, d);
}

static void positions(void)
{
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	vita_node *root = parse(a, d, "cv:\n  name: Zoë Ångström\n  sections:\n    - x\n");
	CHECK(root && root->kind == VITA_NODE_MAP);
	const vita_node *cv = vita_node_get(root, "cv");
	const vita_node *name = vita_node_get(cv, "name");
	CHECK(name != NULL);
	if (name) {
		CHECK_STR(name->str, "Zoë Ångström");
		CHECK_INT(name->pos.line, 2);
		CHECK_INT(name->pos.col, 9);
		CHECK(name->plain);
	}
	const vita_node *secs = vita_node_get(cv, "sections");
	CHECK(secs && secs->kind == VITA_NODE_SEQ && secs->n == 1);
	if (secs && secs->n) {
		CHECK_INT(secs->kids[0]->pos.line, 4);
		CHECK_INT(secs->kids[0]->pos.col, 7);
	}
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	vita_diags_free(d);
	arena_free(a);
}

static void type_names(void)
{
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	vita_node *root = parse(a, d, "a: ~\nb: 2020\nc: '2020'\nd: true\ne: [1]\nf: {x: 1}\ng:\nh: text\n");
	CHECK_STR(vita_node_type_name(vita_node_get(root, "a")), "null");
	CHECK_STR(vita_node_type_name(vita_node_get(root, "b")), "number");
	CHECK_STR(vita_node_type_name(vita_node_get(root, "c")), "string");
	CHECK_STR(vita_node_type_name(vita_node_get(root, "d")), "boolean");
	CHECK_STR(vita_node_type_name(vita_node_get(root, "e")), "list");
	CHECK_STR(vita_node_type_name(vita_node_get(root, "f")), "mapping");
	CHECK(vita_node_is_null(vita_node_get(root, "g")));
	CHECK(!vita_node_is_null(vita_node_get(root, "c")));
	CHECK_STR(vita_node_type_name(vita_node_get(root, "h")), "string");
	vita_diags_free(d);
	arena_free(a);
}

static void alias_bomb(void)
{
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	                   "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	                   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	                   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	                   "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
	                   "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	                   "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
	CHECK(parse(a, d, bomb) == NULL);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	/* Small, legitimate aliases work. */
	vita_diags_clear(d);
	vita_node *root = parse(a, d, "base: &b {x: 1}\nuse: *b\n");
	CHECK(root != NULL);
	CHECK(vita_node_get(vita_node_get(root, "use"), "x") != NULL);
	vita_diags_free(d);
	arena_free(a);
}

static void depth_cap(void)
{
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	vita_buf b = {0};
	for (int i = 0; i < 200; i++)
		buf_putc(&b, '[');
	for (int i = 0; i < 200; i++)
		buf_putc(&b, ']');
	CHECK(parse(a, d, buf_str(&b)) == NULL);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	buf_free(&b);
	vita_diags_free(d);
	arena_free(a);
}

static void duplicate_and_merge_keys(void)
{
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	CHECK(parse(a, d, "cv:\n  name: A\n  name: B\n") == NULL);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	vita_diags_clear(d);
	vita_node *root = parse(a, d, "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n");
	CHECK(root != NULL);
	const vita_node *m = vita_node_get(root, "m");
	CHECK(m && m->n == 4);
	CHECK_STR(vita_node_get(m, "y")->str, "3");
	CHECK_STR(vita_node_get(m, "x")->str, "1");
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	vita_diags_free(d);
	arena_free(a);
}

static void syntax_errors(void)
{
	vita_arena *a = arena_new();
	vita_diags *d = vita_diags_new();
	CHECK(parse(a, d, "cv:\n\tname: x\n") == NULL);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	vita_diags_clear(d);
	CHECK(parse(a, d, "a: 1\n---\nb: 2\n") == NULL);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	vita_diags_clear(d);
	CHECK(parse(a, d, "") == NULL);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	vita_diags_clear(d);
	CHECK(parse(a, d, "a: [1, 2\n") == NULL);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	vita_diags_clear(d);
	CHECK(parse(a, d, "a: \"x\\0y\"\n") == NULL);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	vita_diags_free(d);
	arena_free(a);
}

int main(void)
{
	RUN(positions);
	RUN(type_names);
	RUN(alias_bomb);
	RUN(duplicate_and_merge_keys);
	RUN(depth_cap);
	RUN(syntax_errors);
	return TEST_EXIT();
}
