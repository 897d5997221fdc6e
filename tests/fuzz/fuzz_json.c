/*
 * Fuzz harness: raw bytes through the JSON reader alone (yajl callbacks → node tree, positions from
 * byte offsets, escape checks, duplicate keys, the depth and node caps), then a walk over the tree
 * that checks what the loader relies on: every scalar NUL-free with a position inside the input,
 * mappings in pairs, depth bounded.  The first byte picks small caps so the limits are reachable.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "load/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk(const vita_node *n, size_t depth, int lines)
{
	size_t k = 1;
	if (depth > VITA_YAML_MAX_DEPTH + 1)
		__builtin_trap(); /* the reader promised a bounded depth */
	if (n->pos.line < 1 || n->pos.line > lines || n->pos.col < 1)
		__builtin_trap(); /* every value has a position inside the file */
	(void)vita_node_type_name(n);
	if (n->kind == VITA_NODE_SCALAR) {
		if (!n->str || strlen(n->str) != n->len)
			__builtin_trap(); /* NUL inside a string must have been rejected */
		return k;
	}
	if (n->kind == VITA_NODE_MAP && n->n % 2)
		__builtin_trap();
	for (size_t i = 0; i < n->n; i++)
		k += walk(n->kids[i], depth + 1, lines);
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vita_yaml_limits tight = {2000, 12};
	const vita_yaml_limits *lim = size && (data[0] & 1) ? &tight : NULL;
	vita_diags *d = vita_diags_new();
	vita_arena *a = arena_new();
	char *s = xstrndup((const char *)data, size);
	int lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	vita_diags_add_source(d, "fuzz.json", s, size);
	vita_node *root = vita_json_parse(a, "fuzz.json", s, size, lim, d);
	if (root && walk(root, 0, lines) > (lim ? lim->max_nodes : VITA_YAML_MAX_NODES))
		__builtin_trap();
	FILE *sink = fopen("/dev/null", "w");
	if (sink) {
		vita_diags_print(d, sink, false);
		fclose(sink);
	}
	free(s);
	arena_free(a);
	vita_diags_free(d);
	return 0;
}
