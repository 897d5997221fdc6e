/*
 * The CV loader: a RenderCV YAML file (or a JSON Resume file) → struct vita_cv (include/vita/cv.h).
 *
 * The steps: read the file (regular files only, size-capped) → check the encoding of every byte
 * (invalid UTF-8, NUL and control characters are errors at their line:col, and stop the load) →
 * parse YAML into a positioned tree (src/load/yaml.c) → build the model from the tree: the header
 * and its connections (header.c), settings (settings.c), sections and entries (entries.c), dates
 * (date.c), authors (src/model/names.c), locale (locale.c); JSON Resume files, recognised by
 * `basics` at the top, go through jsonresume.c.  Every problem is reported with the value's line:col
 * and its dotted path, RenderCV style ("cv.sections.education[0].end_date"), and loading goes on so
 * that one run shows everything wrong in the file.  Every string of the model is NFC-normalized and
 * parsed into inline spans once (values.c).
 *
 * Limits — each one is a specific error, so a hostile or broken file costs bounded time and memory:
 *
 *   what                                   limit        where
 *   file size                              16 MiB       VITA_MAX_FILE_SIZE (read_file)
 *   YAML nodes, aliases expanded           1,000,000    VITA_YAML_MAX_NODES (yaml.c)
 *   nesting depth                          64           VITA_YAML_MAX_DEPTH (yaml.c)
 *   entries in one CV (all sections)       50,000       VITA_MAX_ENTRIES (load_internal.h)
 *   bytes in one text field                64 KiB       VITA_MAX_FIELD_BYTES (load_internal.h)
 *   diagnostics kept per severity          200          diag.c (the rest are counted)
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/io.h"
#include "load/json.h"
#include "load/load_internal.h"
#include "normalize/normalize.h"

/* ---- the whole file ---- */

static const char *const top_keys[] = {"cv", "design", "locale", "settings", NULL};

static void load_rendercv(loader *L, const vita_node *root)
{
	vita_cv *cv = L->cv;
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		const vita_node *k = root->kids[i];
		bool known = false;
		for (size_t j = 0; top_keys[j]; j++)
			if (strcmp(k->str, top_keys[j]) == 0)
				known = true;
		if (known)
			continue;
		const char *s = suggest(k->str, top_keys);
		if (s)
			vita_diag(L->d, VITA_ERROR, k->pos,
			          "unknown top-level key `%s`; did you mean `%s`? (the top level holds only "
			          "`cv`, `design`, `locale` and `settings`)",
			          k->str, s);
		else
			vita_diag(L->d, VITA_ERROR, k->pos,
			          "unknown top-level key `%s` (the top level holds only `cv`, `design`, "
			          "`locale` and `settings`)",
			          k->str);
	}
	/* settings and locale first: "present" and dates depend on them whatever the key order. */
	load_settings(L, vita_node_get(root, "settings"));
	load_locale(L, vita_node_get(root, "locale"));
	const vita_node *design = vita_node_get(root, "design");
	if (design && !vita_node_is_null(design)) {
		cv->design = design;
		load_date_templates(L, design);
	}
	const vita_node *c = vita_node_get(root, "cv");
	if (!c) {
		vita_diag(L->d, VITA_ERROR, root->pos,
		          "no `cv:` key: a RenderCV file starts with `cv:` (name, sections, …)");
		return;
	}
	size_t w = where_push_key(L, "cv");
	if (c->kind != VITA_NODE_MAP)
		lerr(L, VITA_ERROR, c->pos, "expected a mapping (name, sections, …), got a %s",
		     vita_node_type_name(c));
	else
		load_header(L, c);
	where_pop(L, w);
	if (L->section_order)
		order_sections(L, L->section_order);
	finish_cv(L);
}

/* Every mapping key must be a scalar (the YAML reader lets a lone complex key through); checked
 * once here so that the builders can read key->str everywhere. */
static size_t check_keys(vita_diags *d, const vita_node *n, size_t depth)
{
	size_t bad = 0;
	if (n->kind == VITA_NODE_SCALAR || depth > VITA_YAML_MAX_DEPTH + 1)
		return 0;
	for (size_t i = 0; i < n->n; i++) {
		const vita_node *k = n->kids[i];
		if (n->kind == VITA_NODE_MAP && i % 2 == 0 && k->kind != VITA_NODE_SCALAR) {
			vita_diag(d, VITA_ERROR, k->pos, "a mapping key must be plain text, not a %s",
			          vita_node_type_name(k));
			bad++;
			continue;
		}
		bad += check_keys(d, k, depth + 1);
	}
	return bad;
}

/* A .json file is read as JSON (M2): yajl accepts what RFC 8259 accepts and its messages say
 * JSON; everything else is YAML. */
static bool is_json_path(const char *path)
{
	size_t n = strlen(path);
	return n >= 5 && strcasecmp(path + n - 5, ".json") == 0;
}

vita_cv *vita_cv_load_mem(const char *path, const char *data, size_t len, vita_diags *d)
{
	return vita_cv_load_mem_opts(path, data, len, NULL, d);
}

/* Builds cv (in its arena, L->a) from the file's tree, parsed into ta; false when the load failed. */
static bool load_tree(loader *L, vita_arena *ta, const vita_load_opts *o)
{
	vita_cv *cv = L->cv;
	vita_node *root = is_json_path(L->path) ? vita_json_parse(ta, cv->path, L->data, L->len, NULL, L->d)
	                                        : vita_yaml_parse(ta, cv->path, L->data, L->len, NULL, L->d);
	if (!root || check_keys(L->d, root, 0))
		return false;
	if (root->kind != VITA_NODE_MAP) {
		vita_diag(L->d, VITA_ERROR, root->pos,
		          "the top level must be a mapping with `cv:` (a RenderCV CV) or `basics:` (a JSON "
		          "Resume), got a %s",
		          vita_node_type_name(root));
		return false;
	}
	/* split files and --cv.x overrides, before validation; their keys are checked like the file's */
	if (apply_overlays(L, root, o) && check_keys(L->d, root, 0))
		return false;
	if (!vita_node_get(root, "cv") && vita_node_get(root, "basics")) {
		L->start_key = "startDate";
		L->end_key = "endDate";
		load_jsonresume(L, root);
	} else {
		load_rendercv(L, root);
		if (!vita_node_get(root, "cv"))
			return false;
	}
	/* the one part of the tree the CV keeps: the style loader and the LaTeX backend read it */
	cv->design = vita_node_copy(L->a, cv->design);
	return true;
}

vita_cv *vita_cv_load_mem_opts(const char *path, const char *data, size_t len, const vita_load_opts *o,
                               vita_diags *d)
{
	vita_diags_add_source(d, path, data, len);
	if (vita_check_encoding(path, data, len, d))
		return NULL;
	vita_arena *a = arena_new();
	vita_cv *cv = arena_alloc(a, sizeof *cv);
	cv->arena = a;
	cv->path = arena_strdup(a, path);
	cv->source_len = len;
	locale_english(&cv->locale);
	cv->settings.current_date = today_date();
	loader L = {.a = a, .d = d, .cv = cv, .path = cv->path, .start_key = "start_date",
	            .end_key = "end_date", .data = data, .len = len};
	/* The file's tree has an arena of its own, freed once the model is built: the model copies
	 * every string it keeps, and a long CV's tree weighed as much as its model (issue 17). */
	vita_arena *ta = arena_new();
	bool ok = load_tree(&L, ta, o);
	arena_free(ta);
	free(L.lines);
	if (!ok) {
		arena_free(a);
		return NULL;
	}
	return cv;
}

vita_cv *vita_cv_load(const char *path, vita_diags *d)
{
	return vita_cv_load_opts(path, NULL, d);
}

vita_cv *vita_cv_load_opts(const char *path, const vita_load_opts *o, vita_diags *d)
{
	size_t len;
	char *data = read_file(path, VITA_MAX_FILE_SIZE, &len, d);
	if (!data)
		return NULL;
	vita_cv *cv = vita_cv_load_mem_opts(path, data, len, o, d);
	free(data);
	return cv;
}

void vita_cv_free(vita_cv *cv)
{
	if (cv)
		arena_free(cv->arena);
}
