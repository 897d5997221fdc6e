/*
 * `vita dump --rendercv FILE`: the CV as a YAML file RenderCV reads, without vita's extensions.
 *
 * The file's own YAML tree is written back (keys in their order, scalars as they were, comments
 * lost), less what RenderCV does not know, each with a note on standard error:
 *   - settings.variants, entry and section `tags` (variants are a vita feature),
 *   - design.page.fit, fit_minimum and fit_factor (fit to N pages),
 *   - design.typography.direction (RenderCV's direction is its locale's) and emoji (RenderCV
 *     draws every emoji),
 *   - page_break_before on entries and sections,
 *   - settings.bold_owner, applied instead: the owner vita found among an entry's authors is
 *     written **Name**, which is how RenderCV bolds someone,
 *   - design.templates.award_entry and talk_entry; an award or a talk is written as a normal
 *     entry (RenderCV has neither kind): `title` as `name`, its awarder or event as the `summary`
 *     when it has none (else kept as a custom field, shown where a template names it),
 *   - settings.sections, applied instead: the sections come in its order, the others left out;
 *   - a section written as a mapping ({sort:, tags:, entries:}) becomes its plain list of entries
 *     in the order vita shows them (sorted), and a `from: papers.bib` section is flattened into
 *     its publication entries (written from the model by src/import/write_yaml.c).
 * The loaded model (vita_cv_load) decides the order and the flattened entries; the tree gives
 * every other value exactly as written.  JSON Resume and imported files are refused: they are not
 * RenderCV files to begin with (`vita import` writes one from them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/base.h"
#include "import/import.h"
#include "io/io.h"
#include "load/yaml.h"
#include "vita.h"
#include "vita/cv.h"

/* A key vita has and RenderCV has not, where it is found ("" for an entry's own keys). */
typedef struct ext_key {
	const char *parent, *key, *why;
} ext_key;

static const ext_key ext_keys[] = {
    {"settings", "variants", "variants are vita's"},
    {"settings", "bold_owner", "applied: the owner found among the authors is written **Name**, as RenderCV bolds"},
    {"settings", "sections", "applied: the sections are written in its order, the others left out"},
    {"design.page", "fit", "fit to N pages is vita's"},
    {"design.page", "fit_minimum", "fit to N pages is vita's"},
    {"design.page", "fit_factor", "fit to N pages is vita's"},
    {"design.typography", "direction", "RenderCV takes the direction from locale.language"},
    {"design.typography", "emoji", "RenderCV draws every emoji"},
    {"", "tags", "variants are vita's"},
    {"", "page_break_before", "RenderCV has no manual page breaks"},
    {"design.templates", "award_entry", "RenderCV has no award entries: they are written as normal entries"},
    {"design.templates", "talk_entry", "RenderCV has no talk entries: they are written as normal entries"},
};
#define NEXT (sizeof ext_keys / sizeof ext_keys[0])

typedef struct dumper {
	vita_buf *b;
	vita_diags *d;
	const vita_cv *cv;
	size_t dropped[NEXT]; /* entry keys: counted, noted once at the first */
	vita_pos first[NEXT];
	const vita_entry *entry; /* the entry being written (its model), or NULL */
	bool title_as_name;  /* the entry being written is an award or a talk: `title` becomes `name` */
	size_t renamed;      /* how many were, noted once at the first */
	vita_pos first_renamed;
} dumper;

static void put_scalar(vita_buf *b, const vita_node *n)
{
	if (vita_node_is_null(n))
		buf_puts(b, "null");
	else if (n->plain)
		buf_puts(b, n->str); /* as written: a plain scalar stays one (2020 a number, true a boolean) */
	else
		vita_yaml_scalar(b, n->str);
}

/* The index in ext_keys of key under parent, or -1. */
static int ext_index(const char *parent, const char *key)
{
	for (size_t i = 0; i < NEXT; i++)
		if (strcmp(ext_keys[i].parent, parent) == 0 && strcmp(ext_keys[i].key, key) == 0)
			return (int)i;
	return -1;
}

static bool drop_key(dumper *D, const char *parent, const vita_node *k)
{
	int i = ext_index(parent, k->str);
	if (i < 0)
		return false;
	if (!*parent) { /* an entry's key: one note for all */
		if (!D->dropped[i]++)
			D->first[i] = k->pos;
		return true;
	}
	vita_diag(D->d, VITA_NOTE, k->pos, "%s.%s is vita's own key: left out of the RenderCV file (%s)", parent, k->str,
	          ext_keys[i].why);
	return true;
}

static void put_node(dumper *D, const vita_node *n, int indent, const char *path);

/* An entry's `authors` with settings.bold_owner applied: the owner vita matched (not one the file
 * marked) as **Name**.  False when the list is not the model's one for one (then written as is). */
static bool put_owner_authors(dumper *D, const vita_node *v, int indent)
{
	const vita_entry *e = D->entry;
	bool any = false;
	if (!e || !D->cv->settings.bold_owner || v->kind != VITA_NODE_SEQ || v->n != e->nauthors)
		return false;
	for (size_t i = 0; i < e->nauthors; i++)
		any |= e->authors[i].owner && !e->authors[i].owner_marked;
	if (!any)
		return false;
	buf_putc(D->b, '\n');
	for (size_t i = 0; i < v->n; i++) {
		const vita_author *a = &e->authors[i];
		buf_printf(D->b, "%*s- ", indent, "");
		if (a->owner && !a->owner_marked && a->name.md) {
			vita_buf s = {0};
			buf_printf(&s, "**%s**%s", a->name.md, a->notes ? a->notes : "");
			vita_yaml_scalar(D->b, buf_str(&s));
			buf_free(&s);
		} else
			put_scalar(D->b, v->kids[i]);
		buf_putc(D->b, '\n');
	}
	return true;
}

/* A mapping's pairs, one per line at indent; path names it for ext_keys ("" for an entry). */
static void put_map(dumper *D, const vita_node *m, int indent, const char *path)
{
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const vita_node *k = m->kids[i], *v = m->kids[i + 1];
		if (drop_key(D, path, k))
			continue;
		buf_printf(D->b, "%*s", indent, "");
		if (!*path && D->title_as_name && strcmp(k->str, "title") == 0)
			buf_puts(D->b, "name");
		else if (!*path && D->title_as_name && !D->entry->summary.md &&
		         (!strcmp(k->str, "awarder") || !strcmp(k->str, "issuer") || !strcmp(k->str, "event")))
			buf_puts(D->b, "summary");
		else
			put_scalar(D->b, k);
		buf_putc(D->b, ':');
		if (!*path && strcmp(k->str, "authors") == 0 && put_owner_authors(D, v, indent + 2))
			continue;
		vita_buf sub = {0};
		buf_printf(&sub, "%s%s%s", path, *path ? "." : "", k->str);
		put_node(D, v, indent + 2, *path ? buf_str(&sub) : "-");
		buf_free(&sub);
	}
}

/* A list item: "- " and the item, whose first line goes on the dash's line. */
static void put_item(dumper *D, const vita_node *it, int indent, const char *path)
{
	if (it->kind == VITA_NODE_SCALAR || it->n == 0) {
		buf_printf(D->b, "%*s-", indent, "");
		put_node(D, it, indent + 2, path);
		return;
	}
	vita_buf *outer = D->b, sub = {0};
	D->b = &sub;
	if (it->kind == VITA_NODE_MAP)
		put_map(D, it, indent + 2, path);
	else
		for (size_t i = 0; i < it->n; i++)
			put_item(D, it->kids[i], indent + 2, path);
	D->b = outer;
	buf_printf(outer, "%*s- ", indent, "");
	const char *s = buf_str(&sub);
	buf_puts(outer, s + (strlen(s) >= (size_t)indent + 2 ? (size_t)indent + 2 : strlen(s)));
	buf_free(&sub);
}

/* A value after "key:" (on the same line when it is a scalar or empty). */
static void put_node(dumper *D, const vita_node *n, int indent, const char *path)
{
	if (n->kind == VITA_NODE_SCALAR) {
		buf_putc(D->b, ' ');
		put_scalar(D->b, n);
		buf_putc(D->b, '\n');
	} else if (n->n == 0) {
		buf_puts(D->b, n->kind == VITA_NODE_MAP ? " {}\n" : " []\n");
	} else if (n->kind == VITA_NODE_MAP) {
		vita_buf *outer = D->b, sub = {0};
		D->b = &sub;
		put_map(D, n, indent, path);
		D->b = outer;
		/* a mapping left with nothing (settings: holding only vita's keys) */
		buf_puts(outer, sub.len ? "\n" : " {}\n");
		buf_put(outer, sub.data ? sub.data : "", sub.len);
		buf_free(&sub);
	} else {
		buf_putc(D->b, '\n');
		for (size_t i = 0; i < n->n; i++)
			put_item(D, n->kids[i], indent, path);
	}
}

/* ---- cv.sections, in the model's order ---- */

static bool same_pos(vita_pos a, vita_pos b)
{
	return a.line == b.line && a.col == b.col;
}

/* The tree's value for the model's section s (matched by its key's position). */
static const vita_node *section_value(const vita_node *secs, const vita_section *s)
{
	for (size_t i = 0; secs && i + 1 < secs->n; i += 2)
		if (same_pos(secs->kids[i]->pos, s->pos))
			return secs->kids[i + 1];
	return NULL;
}

/* The entry node the model's entry e came from, in the list entries. */
static const vita_node *entry_node(const vita_node *entries, const vita_entry *e)
{
	for (size_t i = 0; entries && entries->kind == VITA_NODE_SEQ && i < entries->n; i++)
		if (same_pos(entries->kids[i]->pos, e->pos))
			return entries->kids[i];
	return NULL;
}

static void put_section(dumper *D, const vita_section *s, const vita_node *v)
{
	buf_puts(D->b, "    ");
	vita_yaml_scalar(D->b, s->key);
	buf_puts(D->b, ":\n");
	const vita_node *entries = v && v->kind == VITA_NODE_MAP ? vita_node_get(v, "entries") : v;
	if (v && v->kind == VITA_NODE_MAP) {
		const char *what = vita_node_get(v, "from") ? "flattened into its entries (RenderCV reads no .bib)"
		                                            : "written as its list of entries, in the order vita shows them";
		vita_diag(D->d, VITA_NOTE, s->pos, "section `%s` is written as a mapping, vita's form: %s", s->key, what);
		const vita_node *pb = vita_node_get(v, "page_break_before");
		if (pb)
			vita_diag(D->d, VITA_NOTE, pb->pos, "page_break_before is vita's own key: left out of the RenderCV file (%s)",
			          ext_keys[ext_index("", "page_break_before")].why);
	}
	for (size_t i = 0; i < s->nentries; i++) {
		const vita_entry *e = &s->entries[i];
		const vita_node *n = entry_node(entries, e);
		D->title_as_name = e->kind == VITA_ENTRY_AWARD || e->kind == VITA_ENTRY_TALK;
		if (D->title_as_name && !D->renamed++)
			D->first_renamed = e->pos;
		D->entry = e;
		if (n)
			put_item(D, n, 6, "");
		else
			vita_yaml_entry(D->b, e);
		D->title_as_name = false;
		D->entry = NULL;
	}
}

static void put_cv(dumper *D, const vita_node *cvn)
{
	const vita_node *secs = vita_node_get(cvn, "sections");
	for (size_t i = 0; i + 1 < cvn->n; i += 2) {
		const vita_node *k = cvn->kids[i], *v = cvn->kids[i + 1];
		if (v != secs) {
			buf_puts(D->b, "  ");
			put_scalar(D->b, k);
			buf_putc(D->b, ':');
			put_node(D, v, 4, "cv");
			continue;
		}
		if (!D->cv->nsections)
			continue;
		buf_puts(D->b, "  sections:\n");
		for (size_t j = 0; j < D->cv->nsections; j++)
			put_section(D, &D->cv->sections[j], section_value(secs, &D->cv->sections[j]));
	}
}

static void notes_of_entries(dumper *D)
{
	if (D->renamed)
		vita_diag(D->d, VITA_NOTE, D->first_renamed,
		          "%zu award or talk entr%s (vita's kinds) written as RenderCV's normal entr%s: `title` as `name`, the "
		          "awarder or event as the `summary` where there is none",
		          D->renamed, D->renamed == 1 ? "y" : "ies", D->renamed == 1 ? "y" : "ies");
	for (size_t i = 0; i < NEXT; i++)
		if (D->dropped[i] == 1)
			vita_diag(D->d, VITA_NOTE, D->first[i], "`%s` is vita's own key: left out of the RenderCV file (%s)",
			          ext_keys[i].key, ext_keys[i].why);
		else if (D->dropped[i])
			vita_diag(D->d, VITA_NOTE, D->first[i],
			          "`%s` is vita's own key: left out of the RenderCV file (%s), here and in %zu more place%s",
			          ext_keys[i].key, ext_keys[i].why, D->dropped[i] - 1, D->dropped[i] == 2 ? "" : "s");
}

/* Writes the RenderCV file for path to out; the exit status. */
int vita_dump_rendercv(const char *path, FILE *out)
{
	vita_diags *d = vita_diags_new();
	bool json = strlen(path) > 5 && strcasecmp(path + strlen(path) - 5, ".json") == 0;
	if (vita_profile_is_imported(path) || json) {
		vita_diag(d, VITA_ERROR, (vita_pos){path, 0, 0},
		          "--rendercv rewrites a RenderCV YAML file, and this is %s", json ? "JSON Resume (RenderCV reads no JSON)"
		          : "a file `vita import` reads: `vita import` writes its YAML");
		return vita_diags_finish(d);
	}
	vita_cv *cv = vita_cv_load(path, d);
	size_t len = 0;
	char *data = cv && !vita_diags_count(d, VITA_ERROR) ? read_file(path, 16u << 20, &len, d) : NULL;
	vita_arena *a = arena_new();
	const vita_node *root = data ? vita_yaml_parse(a, path, data, len, NULL, d) : NULL;
	if (root && root->kind == VITA_NODE_MAP) {
		vita_buf b = {0};
		dumper D = {.b = &b, .d = d, .cv = cv};
		buf_puts(&b, "# Written by `vita dump --rendercv` for RenderCV: vita's own keys are left out.\n");
		for (size_t i = 0; i + 1 < root->n; i += 2) {
			const vita_node *k = root->kids[i], *v = root->kids[i + 1];
			put_scalar(&b, k);
			buf_putc(&b, ':');
			if (strcmp(k->str, "cv") == 0 && v->kind == VITA_NODE_MAP && v->n) {
				buf_putc(&b, '\n');
				put_cv(&D, v);
			} else
				put_node(&D, v, 2, k->str);
		}
		notes_of_entries(&D);
		if (!vita_diags_count(d, VITA_ERROR))
			fwrite(b.data ? b.data : "", 1, b.len, out);
		buf_free(&b);
	}
	arena_free(a);
	free(data);
	vita_cv_free(cv);
	return vita_diags_finish(d);
}
