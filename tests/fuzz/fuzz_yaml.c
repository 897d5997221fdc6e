/*
 * Fuzz harness: raw bytes through the YAML reader alone (libyaml events → node tree with aliases,
 * merge keys, duplicate-key checks and the depth and node caps), then a walk over the tree that
 * touches every node the way the loader does.  Small caps make the limits reachable with short
 * inputs, so the error paths for alias bombs and deep nesting are exercised too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "load/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk(const vita_node *n, size_t depth)
{
	/* Aliases share subtrees, so the walk is bounded by the node cap, not by the tree's shape. */
	size_t k = 1;
	if (depth > VITA_YAML_MAX_DEPTH + 1)
		__builtin_trap(); /* the reader promised a bounded depth */
	(void)vita_node_type_name(n);
	(void)vita_node_is_null(n);
	if (n->kind == VITA_NODE_SCALAR) {
		if (!n->str || strlen(n->str) != n->len)
			__builtin_trap(); /* NUL inside a scalar must have been rejected */
		return k;
	}
	if (n->kind == VITA_NODE_MAP) {
		if (n->n % 2)
			__builtin_trap();
		(void)vita_node_get(n, "cv");
	}
	for (size_t i = 0; i < n->n; i++)
		k += walk(n->kids[i], depth + 1);
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte picks tight or default limits. */
	vita_yaml_limits tight = {2000, 12};
	const vita_yaml_limits *lim = size && (data[0] & 1) ? &tight : NULL;
	vita_diags *d = vita_diags_new();
	vita_arena *a = arena_new();
	char *s = xstrndup((const char *)data, size);
	vita_diags_add_source(d, "fuzz.yaml", s, size);
	vita_node *root = vita_yaml_parse(a, "fuzz.yaml", s, size, lim, d);
	if (root) {
		size_t n = walk(root, 0);
		if (n > (lim ? lim->max_nodes : VITA_YAML_MAX_NODES))
			__builtin_trap(); /* the node cap counts aliases expanded */
	}
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
