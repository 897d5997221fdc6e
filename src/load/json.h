/*
 * The JSON reader (yajl): JSON files → the same node tree, with positions, as the YAML reader
 * gives, under the same limits.  See json.c.
 */
#ifndef VITA_LOAD_JSON_H
#define VITA_LOAD_JSON_H

#include "load/yaml.h"

/* Parses one JSON text (RFC 8259; a leading byte-order mark is allowed).  Returns the root, or
 * NULL after reporting every problem found ("JSON syntax error: …", duplicate keys, control
 * characters written as escapes, lone surrogates) at its line and column. */
vita_node *vita_json_parse(vita_arena *a, const char *path, const char *data, size_t len,
                           const vita_yaml_limits *lim, vita_diags *d);

#endif
