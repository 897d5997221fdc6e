/*
 * What changes a CV's YAML tree before it is read into the model, and RenderCV's
 * `settings.render_command`.
 *
 * RenderCV lets a CV keep its `design`, `locale` or `settings` in files of their own (named in
 * `settings.render_command.design` / `.locale`, or on the command line: `--design FILE`,
 * `--locale-catalog FILE`, `--settings FILE`), and lets the command line override any value by its
 * dotted path (`--cv.phone "+1 415 555 1234"`, `--cv.sections.education.0.institution MIT`).
 * Both are applied here, on the parsed tree, in RenderCV's order (the files named in the CV, then
 * those on the command line, then the overrides), before anything is validated — so an override
 * or a split file is checked exactly like the value it replaces, and its messages point at it: a
 * split file's values at their own line:col, an override's at `--cv.phone` (its place on the
 * command line).  load_render_command() reads the output paths and switches of
 * `settings.render_command` into the model for `vita render` (src/render/outputs.c uses them).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "load/load_internal.h"
#include "normalize/normalize.h"
#include "vita.h"

/* ---- small tree edits ---- */

static vita_node *new_scalar(vita_arena *a, const char *s, bool plain, vita_pos pos)
{
	vita_node *n = arena_alloc(a, sizeof *n);
	memset(n, 0, sizeof *n);
	n->kind = VITA_NODE_SCALAR;
	n->str = arena_strdup(a, s);
	n->len = strlen(s);
	n->plain = plain;
	n->pos = pos;
	return n;
}

static vita_node *new_map(vita_arena *a, vita_pos pos)
{
	vita_node *n = arena_alloc(a, sizeof *n);
	memset(n, 0, sizeof *n);
	n->kind = VITA_NODE_MAP;
	n->pos = pos;
	return n;
}

/* Sets map[key] = value, replacing the value of an existing key or appending the pair. */
static void map_set(vita_arena *a, vita_node *map, const char *key, vita_node *value, vita_pos kpos)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->kind == VITA_NODE_SCALAR && strcmp(map->kids[i]->str, key) == 0) {
			map->kids[i + 1] = value;
			return;
		}
	vita_node **kids = arena_array(a, map->n + 2, sizeof *kids);
	if (map->n)
		memcpy(kids, map->kids, map->n * sizeof *kids);
	kids[map->n] = new_scalar(a, key, true, kpos);
	kids[map->n + 1] = value;
	map->kids = kids;
	map->n += 2;
}

static vita_node *map_get_mut(vita_node *map, const char *key)
{
	return (vita_node *)vita_node_get(map, key);
}

/* ---- split files: design, locale, settings ---- */

/* Reads FILE's top-level `key:` and puts it in place of root's.  at: where FILE was named (the CV's
 * value, or (0) for the command line). */
static bool overlay_file(loader *L, vita_node *root, const char *key, const char *file, vita_pos at)
{
	size_t len;
	vita_reads_want(file); /* watched even while it cannot be read: it may appear */
	vita_diags *quiet = vita_diags_new();
	char *data = read_file(file, VITA_MAX_FILE_SIZE, &len, quiet);
	if (!data) {
		vita_diag(L->d, VITA_ERROR, at.line ? at : (vita_pos){file, 0, 0},
		          "the %s file `%s` cannot be read: %s", key, file,
		          errno == ENOENT ? "it does not exist" : strerror(errno));
		vita_diags_free(quiet);
		return false;
	}
	vita_diags_free(quiet);
	const char *path = arena_strdup(L->a, file);
	vita_diags_add_source(L->d, path, data, len);
	vita_node *r = NULL;
	if (!vita_check_encoding(path, data, len, L->d))
		r = vita_yaml_parse(L->a, path, data, len, NULL, L->d);
	free(data);
	if (!r)
		return false;
	vita_node *v = r->kind == VITA_NODE_MAP ? map_get_mut(r, key) : NULL;
	if (!v) {
		vita_diag(L->d, VITA_ERROR, r->pos,
		          "a %s file holds a `%s:` mapping at its top level (as in the CV), and this one has none",
		          key, key);
		return false;
	}
	map_set(L->a, root, key, v, r->pos);
	return true;
}

/* The CV's own settings.render_command.design / .locale: a path relative to the CV's folder. */
static bool overlay_named_in_cv(loader *L, vita_node *root, const char *key, const char *cli_file)
{
	if (cli_file)
		return false; /* the command line wins */
	const vita_node *rc = vita_node_get(vita_node_get(root, "settings"), "render_command");
	const vita_node *v = vita_node_get(rc, key);
	if (!v || vita_node_is_null(v))
		return false;
	if (v->kind != VITA_NODE_SCALAR) {
		vita_diag(L->d, VITA_ERROR, v->pos, "settings.render_command.%s: expected a file name, got a %s",
		          key, vita_node_type_name(v));
		return false;
	}
	vita_buf b = {0};
	const char *slash = strrchr(L->path, '/');
	if (v->str[0] != '/' && slash)
		buf_printf(&b, "%.*s", (int)(slash - L->path + 1), L->path);
	buf_printf(&b, "%s", v->str);
	/* someone else's CV (vita build, --untrusted) reads no split file outside its folders */
	const char *refused = vita_confine_refusal(L->path, buf_str(&b));
	if (refused) {
		vita_diag(L->d, VITA_WARNING, v->pos, "settings.render_command.%s: the file `%s` %s; it is not applied",
		          key, v->str, refused);
		buf_free(&b);
		return false;
	}
	bool changed = overlay_file(L, root, key, buf_str(&b), v->pos);
	buf_free(&b);
	return changed;
}

/* ---- overrides: --cv.phone VALUE ---- */

/* The override's value as YAML reads a scalar: `2020` a number, `true` a boolean, `null` null,
 * `'x'` a quoted string; anything that is not one scalar (`a: b`, `[1, 2]`) is taken as text. */
static vita_node *override_value(loader *L, const vita_override *o, vita_pos at)
{
	vita_diags *quiet = vita_diags_new();
	size_t n = strlen(o->value);
	vita_node *v = n ? vita_yaml_parse(L->a, at.file, o->value, n, NULL, quiet) : NULL;
	vita_diags_free(quiet);
	if (v && v->kind == VITA_NODE_SCALAR) {
		v->pos = at;
		return v;
	}
	return new_scalar(L->a, o->value, false, at);
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Walks the dotted path from the root, creating the mappings it names that do not exist yet;
 * a list is indexed by number (`sections.education.0`). */
static void apply_override(loader *L, vita_node *root, const vita_override *o)
{
	vita_pos at = {arena_printf(L->a, "--%s", o->path), 0, 0};
	char *path = arena_strdup(L->a, o->path);
	vita_node *cur = root;
	vita_buf done = {0};
	for (char *seg = path, *next; seg; seg = next) {
		next = strchr(seg, '.');
		if (next)
			*next++ = 0;
		if (!*seg) {
			vita_diag(L->d, VITA_ERROR, at, "the path has an empty part (two dots, or a dot at an end)");
			break;
		}
		if (cur->kind == VITA_NODE_SEQ) {
			char *end;
			unsigned long i = strtoul(seg, &end, 10);
			if (!all_digits(seg) || i >= cur->n) {
				vita_diag(L->d, VITA_ERROR, at,
				          all_digits(seg) ? "`%s` is a list of %zu (numbered from 0); %s is past its end"
				                          : "`%s` is a list of %zu; `%s` is not an index (0, 1, …)",
				          buf_str(&done), cur->n, seg);
				break;
			}
			if (!next)
				cur->kids[i] = override_value(L, o, at);
			cur = cur->kids[i];
		} else if (cur->kind == VITA_NODE_MAP) {
			vita_node *v = map_get_mut(cur, seg);
			if (!next) {
				map_set(L->a, cur, seg, override_value(L, o, at), at);
			} else if (!v || vita_node_is_null(v)) {
				v = new_map(L->a, at);
				map_set(L->a, cur, seg, v, at);
			}
			cur = v;
		} else {
			vita_diag(L->d, VITA_ERROR, at, "`%s` is a single value, not a mapping or a list; `%s` cannot be set inside it",
			          buf_str(&done), seg);
			break;
		}
		buf_printf(&done, "%s%s", done.len ? "." : "", seg);
	}
	buf_free(&done);
}

bool apply_overlays(loader *L, vita_node *root, const vita_load_opts *o)
{
	static const char *const keys[] = {"design", "locale", "settings"};
	const char *cli[3] = {o ? o->design_file : NULL, o ? o->locale_file : NULL, o ? o->settings_file : NULL};
	if (vita_node_get(root, "basics") && !vita_node_get(root, "cv")) {
		if (o && (o->noverrides || cli[0] || cli[1] || cli[2]))
			vita_diag(L->d, VITA_ERROR, (vita_pos){L->path, 0, 0},
			          "command-line overrides and --design/--locale-catalog/--settings apply to RenderCV "
			          "YAML files; this is a JSON Resume file");
		return false;
	}
	bool changed = overlay_named_in_cv(L, root, "design", cli[0]);
	changed |= overlay_named_in_cv(L, root, "locale", cli[1]);
	for (size_t i = 0; i < 3; i++)
		if (cli[i])
			changed |= overlay_file(L, root, keys[i], cli[i], (vita_pos){0});
	for (size_t i = 0; o && i < o->noverrides; i++) {
		apply_override(L, root, &o->overrides[i]);
		changed = true;
	}
	return changed;
}

/* ---- settings.render_command ---- */

static const char *const rc_keys[] = {"output_folder", "design", "locale", "typst_path", "pdf_path",
                                      "markdown_path", "html_path", "png_path", "dont_generate_typst",
                                      "dont_generate_pdf", "dont_generate_markdown", "dont_generate_html",
                                      "dont_generate_png", NULL};

static bool rc_bool(loader *L, const vita_node *v)
{
	if (v->kind == VITA_NODE_SCALAR && v->plain && (strcmp(v->str, "true") == 0 || strcmp(v->str, "false") == 0))
		return v->str[0] == 't';
	lerr(L, VITA_ERROR, v->pos, "expected true or false, got %s%s%s", v->kind == VITA_NODE_SCALAR ? "`" : "",
	     v->kind == VITA_NODE_SCALAR ? v->str : vita_node_type_name(v), v->kind == VITA_NODE_SCALAR ? "`" : "");
	return false;
}

void load_render_command(loader *L, const vita_node *m)
{
	vita_render_command *rc = &L->cv->settings.render;
	rc->pos = m->pos;
	if (m->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, m->pos, "expected a mapping, got a %s", vita_node_type_name(m));
		return;
	}
	const char **paths[] = {&rc->output_folder, NULL, NULL, &rc->typst_path, &rc->pdf_path,
	                        &rc->markdown_path, &rc->html_path, &rc->png_path};
	bool *flags[] = {&rc->dont_typst, &rc->dont_pdf, &rc->dont_markdown, &rc->dont_html, &rc->dont_png};
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const vita_node *k = m->kids[i], *v = m->kids[i + 1];
		size_t j = 0;
		while (rc_keys[j] && strcmp(rc_keys[j], k->str) != 0)
			j++;
		if (!rc_keys[j]) {
			warn_unknown_key(L, k, rc_keys, "`settings.render_command`");
			continue;
		}
		if (vita_node_is_null(v) || j == 1 || j == 2)
			continue; /* design and locale were read by apply_overlays */
		size_t w = where_push_key(L, k->str);
		if (j < 8) {
			const char *s = load_plain(L, v);
			if (s && !*s)
				lerr(L, VITA_ERROR, v->pos, "an empty path");
			else if (s) {
				*paths[j] = s;
				if (j == 3)
					rc->typst_pos = v->pos;
				rc->names_outputs = true;
				if (!rc->first.line)
					rc->first = v->pos;
			}
		} else {
			*flags[j - 8] = rc_bool(L, v);
			rc->names_outputs = true;
			if (!rc->first.line)
				rc->first = v->pos;
		}
		where_pop(L, w);
	}
}
