/*
 * The YAML reader: libyaml events -> a small tree of nodes, each with its source position.
 *
 * Aliases are expanded here (so later stages see plain trees) under a cap on the total number of
 * nodes, which makes an alias bomb an error instead of an out-of-memory; nesting depth and the
 * number of nodes are capped too.  JSON is YAML, so JSON Resume files go through the same reader.
 */
#ifndef VITA_LOAD_YAML_H
#define VITA_LOAD_YAML_H

#include "base/base.h"

typedef enum vita_node_kind { VITA_NODE_SCALAR, VITA_NODE_SEQ, VITA_NODE_MAP } vita_node_kind;

typedef struct vita_node {
	vita_node_kind kind;
	vita_pos pos;
	const char *str;  /* SCALAR: the value (raw, not normalized), NUL-terminated */
	size_t len;       /* SCALAR: bytes in str (a scalar may contain NUL only if escaped: rejected) */
	bool plain;       /* SCALAR: unquoted (so "null", "~", "" mean null; 2020 is a number) */
	struct vita_node **kids; /* SEQ: items; MAP: key, value, key, value, … */
	size_t n;         /* SEQ: items; MAP: 2 × pairs */
} vita_node;

typedef struct vita_yaml_limits {
	size_t max_nodes; /* after alias expansion */
	size_t max_depth;
} vita_yaml_limits;

#define VITA_YAML_MAX_NODES 1000000
#define VITA_YAML_MAX_DEPTH 64
#define VITA_MAX_FILE_SIZE (16u << 20)

/* Parses one YAML document (a second document is an error).  Returns the root, or NULL after
 * reporting an error at libyaml's line and column.  An empty file is reported and gives NULL. */
vita_node *vita_yaml_parse(vita_arena *a, const char *path, const char *data, size_t len,
                           const vita_yaml_limits *lim, vita_diags *d);

/* A deep copy of n in a (shared subtrees, from aliases, are copied once per use: at most the node
 * limit, which counts them so); NULL stays NULL. */
vita_node *vita_node_copy(vita_arena *a, const vita_node *n);

/* The value for key in a mapping (last one wins is never needed: duplicate keys are reported by
 * the parser); NULL when absent or when map is not a mapping. */
const vita_node *vita_node_get(const vita_node *map, const char *key);
/* A plain scalar "", "~", "null", "Null", "NULL" — YAML's null. */
bool vita_node_is_null(const vita_node *n);
/* "mapping", "sequence", "string", "number", "boolean", "null" — for "expected X, got Y" messages. */
const char *vita_node_type_name(const vita_node *n);

#endif
