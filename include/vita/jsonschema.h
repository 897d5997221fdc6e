/*
 * `vita schema`: vita's own JSON Schema (draft-07) of a CV file, generated from the tables the
 * loaders read (cv's keys, the entry kinds, the social networks, the design key table, the locale
 * and settings keys, the icon names), so that editors autocomplete vita's keys as well as
 * RenderCV's and the schema cannot drift from what vita accepts.
 */
#ifndef VITA_JSONSCHEMA_H
#define VITA_JSONSCHEMA_H

#include <stdio.h>

#include <stddef.h>

struct vita_buf;

/* Prints the whole schema. */
void vita_json_schema(FILE *out);
/* The `design` object (src/style/jsonschema.c). */
void vita_json_schema_design(struct vita_buf *b);
/* {"enum": [...]} of a NULL-ended list, or (list NULL) of name(0), name(1), … until NULL: the one
 * writer of the schema's enumerations (networks, icons, languages, themes, page sizes, …). */
void vita_json_enum(struct vita_buf *b, const char *const *list, const char *(*name)(size_t));

/* The loaders' key tables, i from 0 or NULL-terminated (src/load/header.c, settings.c, locale.c). */
const char *const *load_cv_keys(void);
const char *load_network_name(size_t i);
const char *const *load_settings_keys(void);
const char *const *load_locale_keys(void);
const char *const *load_languages(void);

#endif
