/*
 * The YAML reader's fast path (yamlfast.c): the plain block YAML of CV files scanned into libyaml's
 * events, or false for yaml.c to hand the file to libyaml.
 */
#ifndef VITA_LOAD_YAMLFAST_H
#define VITA_LOAD_YAMLFAST_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "base/base.h"

/* The events of the whole stream (STREAM_START … STREAM_END) into *events (malloc'd, *nevents of
 * them; free with free()); a scalar's value points into s, or for a single-quoted one with '' into
 * a copy in a.  The events own nothing: never pass them to yaml_event_delete.  false, with nothing
 * allocated, when the file holds anything the fast path does not read exactly as libyaml does. */
bool yaml_fast_scan(vita_arena *a, const char *s, size_t len, yaml_event_t **events, size_t *nevents);

#endif
