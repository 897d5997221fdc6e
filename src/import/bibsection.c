/*
 * A CV section that takes its entries from a BibTeX file:
 *
 *     Publications:
 *       from: papers.bib          # relative to the CV's folder
 *       owner: Jane Doe           # optional: marks her among the authors (else cv.name is used)
 *       sort: date-desc           # date-desc (default) | date-asc | none (file order)
 *       select: {keywords: [systems], selected: true}   # optional filters (al-folio's selected)
 *
 * The loader (src/load/entries.c) hands such a mapping here; the entries are the BibTeX reader's,
 * so they render exactly like hand-written publications in both backends, and messages about the
 * .bib point at the .bib's own line and column.
 */
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "import/import.h"
#include "io/io.h"
#include "normalize/normalize.h"

static const char *const section_keys[] = {"from", "owner", "sort", "select", NULL};
static const char *const select_keys[] = {"keywords", "selected", NULL};

/* The .bib path resolved against the CV's folder (absolute paths stay). */
static const char *resolve(loader *L, const char *from)
{
	if (from[0] == '/')
		return from;
	const char *slash = strrchr(L->path, '/');
	if (!slash)
		return from;
	return arena_printf(L->a, "%.*s/%s", (int)(slash - L->path), L->path, from);
}

static bool read_select(loader *L, const vita_node *sel, imp_bib_opts *o)
{
	if (!sel || vita_node_is_null(sel))
		return true;
	if (sel->kind != VITA_NODE_MAP) {
		lerr(L, VITA_ERROR, sel->pos, "expected a mapping with `keywords` and/or `selected`");
		return false;
	}
	for (size_t i = 0; i + 1 < sel->n; i += 2)
		warn_unknown_key(L, sel->kids[i], select_keys, "`select`");
	const vita_node *kw = vita_node_get(sel, "keywords");
	if (kw && kw->kind == VITA_NODE_SEQ) {
		const char **list = arena_array(L->a, kw->n ? kw->n : 1, sizeof *list);
		for (size_t i = 0; i < kw->n; i++)
			list[i] = load_plain(L, kw->kids[i]);
		o->keywords = list;
		o->nkeywords = kw->n;
	} else if (kw && !vita_node_is_null(kw)) {
		lerr(L, VITA_ERROR, kw->pos, "`keywords` must be a list, e.g. [systems, ml]");
		return false;
	}
	const vita_node *s = vita_node_get(sel, "selected");
	const char *sv = s ? scalar_str(L, s, "true or false") : NULL;
	if (sv && strcasecmp(sv, "true") != 0 && strcasecmp(sv, "false") != 0) {
		lerr(L, VITA_ERROR, s->pos, "`selected` must be true or false");
		return false;
	}
	o->selected_only = sv && strcasecmp(sv, "true") == 0;
	return true;
}

static bool read_sort(loader *L, const vita_node *n, imp_bib_opts *o)
{
	const char *s = n ? scalar_str(L, n, "date-desc, date-asc or none") : NULL;
	o->sort = IMP_SORT_DATE_DESC;
	if (!s || strcmp(s, "date-desc") == 0)
		return true;
	if (strcmp(s, "date-asc") == 0)
		o->sort = IMP_SORT_DATE_ASC;
	else if (strcmp(s, "none") == 0)
		o->sort = IMP_SORT_NONE;
	else {
		lerr(L, VITA_ERROR, n->pos, "unknown sort \"%s\"; use date-desc, date-asc or none", s);
		return false;
	}
	return true;
}

static void mark_owner(imp *m, vita_section *sec, const char *owner)
{
	for (size_t i = 0; i < sec->nentries; i++)
		for (size_t a = 0; a < sec->entries[i].nauthors; a++) {
			vita_author *au = &sec->entries[i].authors[a];
			if (au->name.md && author_matches_owner(au->name.md, owner))
				au->owner = true;
		}
	(void)m;
}

void import_section_from(loader *L, vita_section *sec, const vita_node *key, const vita_node *v)
{
	sec->pos = key->pos;
	sec->key = vita_normalize(L->a, key->str, key->len, key->pos, L->d);
	sec->title = make_text(L, sec->key, strlen(sec->key), key->pos);
	sec->kind = VITA_ENTRY_PUBLICATION;
	for (size_t i = 0; i + 1 < v->n; i += 2)
		warn_unknown_key(L, v->kids[i], section_keys, "a section read `from:` a file");
	const vita_node *fn = vita_node_get(v, "from");
	const char *from = load_plain(L, fn);
	imp_bib_opts o = {0};
	bool ok = read_sort(L, vita_node_get(v, "sort"), &o);
	ok &= read_select(L, vita_node_get(v, "select"), &o);
	if (!from || !ok)
		return;
	const char *path = resolve(L, from);
	const char *refused = vita_confine_refusal(L->path, path);
	if (refused) {
		lerr(L, VITA_WARNING, fn->pos, "the BibTeX file \"%s\" %s; the section is left out", from, refused);
		sec->refused = true; /* load_sections drops it: no title over nothing */
		return;
	}
	vita_reads_want(path); /* --watch re-renders when it changes, or appears */
	if (access(path, R_OK) != 0) { /* said at the `from:` line, where the user can fix it */
		lerr(L, VITA_ERROR, fn->pos, "cannot read the BibTeX file \"%s\": %s", path, strerror(errno));
		return;
	}
	size_t len;
	char *data = read_file(path, 16u << 20, &len, L->d);
	if (!data)
		return;
	vita_diags_add_source(L->d, path, data, len);
	if (vita_check_encoding(path, data, len, L->d) == 0) {
		imp m = {.L = *L};
		m.L.path = path;
		m.L.data = data;
		m.L.len = len;
		m.L.lines = NULL;
		m.L.nlines = 0;
		imp_bib_entries(&m, path, data, len, sec, &o);
		free(m.L.lines);
		const char *owner = load_plain(L, vita_node_get(v, "owner"));
		if (owner)
			mark_owner(&m, sec, owner);
		L->nentries += sec->nentries;
	}
	free(data);
}
