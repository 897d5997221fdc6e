/*
 * Hand corrections kept beside an import rather than as edits of generated text (`vita import
 * --overlay FILE`, what `make content` uses): a small YAML file per profile —
 *
 *     source: ../../../shared/profiles/002_x.txt   # the profile (relative to this file), or a list
 *     owner: Jiazhi Jiang                          # --owner, when the source never names its owner
 *     corrections:
 *       - {path: cv.email, was: null, set: jiangjz@bnu.edu.cn}
 *       - {path: cv.sections.Experience, was: null, set: [{company: X, position: Y}]}
 *       - {path: cv.sections.🏫 Education, rename: Education}
 *
 * Each correction names a value by its dotted path in the imported YAML (section titles as
 * written, list items from 0, one past the end appends), what the import gives there (`was`, null
 * for nothing) and what it should be (`set`, any YAML value), or renames a key (`rename`).  When the import no longer gives
 * `was` — the source changed, or vita reads it better now — the correction is reported at its line
 * (and still applied), so a stale correction is looked at rather than silently kept.  The corrected
 * tree is loaded by vita's RenderCV loader like any CV and written back with the importer's writer,
 * its header saying which corrections were applied.
 */
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "io/io.h"

static bool is_str(const vita_node *n)
{
	return n && n->kind == VITA_NODE_SCALAR && !vita_node_is_null(n);
}

/* A source of the overlay, relative to the overlay's folder, with "dir/.." parts taken out
 * ("content/overlays/../../x" is "x"), so that the YAML's header names it as a person would. */
static const char *beside(imp *m, const char *overlay, const char *name)
{
	const char *slash = strrchr(overlay, '/');
	if (name[0] == '/' || !slash)
		return arena_strdup(m->L.a, name);
	char *p = arena_printf(m->L.a, "%.*s/%s", (int)(slash - overlay), overlay, name);
	for (char *up; (up = strstr(p, "/../")) != NULL;) {
		char *seg = up;
		while (seg > p && seg[-1] != '/')
			seg--;
		if ((up - seg == 2 && !strncmp(seg, "..", 2)) || (up - seg == 1 && *seg == '.'))
			break; /* "../.." stays */
		memmove(seg, up + 4, strlen(up + 4) + 1);
	}
	return p;
}

static bool read_fix(imp *m, const vita_node *c)
{
	const vita_node *p = vita_node_get(c, "path"), *was = vita_node_get(c, "was"), *set = vita_node_get(c, "set");
	const vita_node *rn = vita_node_get(c, "rename");
	if (c->kind != VITA_NODE_MAP || !is_str(p) || (rn ? !is_str(rn) || set || was : !was || !set)) {
		vita_diag(m->L.d, VITA_ERROR, c->pos,
		          "a correction is {path: cv.KEY…, was: WHAT THE IMPORT GIVES (null for nothing), set: VALUE} "
		          "or {path: cv.KEY…, rename: NEW KEY}");
		return false;
	}
	m->fixes = imp_grow(m, m->fixes, m->nfixes, sizeof *m->fixes);
	m->fixes[m->nfixes++] = (imp_fix){p->str, was, set, rn ? rn->str : NULL, c->pos};
	return true;
}

bool imp_overlay_read(imp *m, const char *path)
{
	size_t len;
	char *data = read_file(path, 1u << 20, &len, m->L.d);
	if (!data)
		return false;
	m->overlay = imp_add_source(m, path, "hand corrections");
	vita_diags_add_source(m->L.d, m->overlay, data, len);
	/* its opening comment says why: it goes into the header of what is written */
	vita_buf why = {0};
	for (const char *l = data; l < data + len && *l == '#'; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : data + len) {
		const char *t = l + 1 + (l[1] == ' ');
		buf_put(&why, t, strcspn(t, "\n"));
		buf_putc(&why, '\n');
	}
	m->overlay_why = why.len ? arena_strdup(m->L.a, why.data) : "";
	buf_free(&why);
	vita_node *root = vita_yaml_parse(m->L.a, m->overlay, data, len, NULL, m->L.d);
	free(data);
	m->nsources--; /* listed in the header's own line, not as a source */
	if (!root)
		return false;
	if (root->kind != VITA_NODE_MAP) {
		vita_diag(m->L.d, VITA_ERROR, root->pos, "an overlay is a mapping: source, owner, corrections");
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i + 1 < root->n; i += 2) {
		const char *k = root->kids[i]->str;
		const vita_node *v = root->kids[i + 1];
		if (!strcmp(k, "source")) {
			for (size_t j = 0; j < (v->kind == VITA_NODE_SEQ ? v->n : 1); j++) {
				const vita_node *s = v->kind == VITA_NODE_SEQ ? v->kids[j] : v;
				if (!is_str(s)) {
					vita_diag(m->L.d, VITA_ERROR, s->pos, "`source` names a file (or a list of files)");
					ok = false;
					continue;
				}
				m->osources = imp_grow(m, m->osources, m->nosources, sizeof *m->osources);
				m->osources[m->nosources++] = beside(m, path, s->str);
			}
		} else if (!strcmp(k, "owner") && is_str(v))
			m->oowner = v->str;
		else if (!strcmp(k, "corrections") && v->kind == VITA_NODE_SEQ) {
			for (size_t j = 0; j < v->n; j++)
				ok &= read_fix(m, v->kids[j]);
		} else if (!vita_node_is_null(v)) {
			vita_diag(m->L.d, VITA_ERROR, root->kids[i]->pos,
			          "`%s` is not a key of an overlay (source, owner, corrections: a list)", k);
			ok = false;
		}
	}
	return ok;
}

/* ---- the tree: find and set by dotted path ---- */

static bool index_of(const char *seg, size_t *i)
{
	char *end;
	if (!*seg || strspn(seg, "0123456789") != strlen(seg))
		return false;
	*i = strtoul(seg, &end, 10);
	return true;
}

/* The node at path, or NULL; *parent and *slot say where it goes (for setting). */
static vita_node *walk(imp *m, vita_node *root, const char *path, bool create, vita_pos pos, bool *bad)
{
	char *p = arena_strdup(m->L.a, path);
	vita_node *cur = root;
	*bad = false;
	for (char *seg = p, *next; seg; seg = next) {
		next = strchr(seg, '.');
		if (next)
			*next++ = 0;
		size_t i;
		vita_node *child = NULL;
		if (cur->kind == VITA_NODE_MAP) {
			child = (vita_node *)vita_node_get(cur, seg);
			if (!child && create) {
				child = arena_alloc(m->L.a, sizeof *child);
				child->kind = next && index_of(next, &i) ? VITA_NODE_SEQ : VITA_NODE_MAP;
				child->pos = pos;
				vita_node **kids = arena_array(m->L.a, cur->n + 2, sizeof *kids);
				memcpy(kids, cur->kids, cur->n * sizeof *kids);
				vita_node *key = arena_alloc(m->L.a, sizeof *key);
				*key = (vita_node){.kind = VITA_NODE_SCALAR, .pos = pos, .str = arena_strdup(m->L.a, seg),
				                   .len = strlen(seg), .plain = true};
				kids[cur->n] = key;
				kids[cur->n + 1] = child;
				cur->kids = kids;
				cur->n += 2;
			}
		} else if (cur->kind == VITA_NODE_SEQ && index_of(seg, &i)) {
			if (i < cur->n)
				child = cur->kids[i];
			else if (i == cur->n && create) { /* one past the end: appended */
				child = arena_alloc(m->L.a, sizeof *child);
				child->kind = VITA_NODE_MAP;
				child->pos = pos;
				vita_node **kids = arena_array(m->L.a, cur->n + 1, sizeof *kids);
				memcpy(kids, cur->kids, cur->n * sizeof *kids);
				kids[cur->n++] = child;
				cur->kids = kids;
			}
		} else if (create) {
			*bad = true;
			return NULL;
		}
		if (!child)
			return NULL;
		cur = child;
	}
	return cur;
}

/* Replaces the node at path (created on the way) by v. */
static bool set_at(imp *m, vita_node *root, const imp_fix *f)
{
	bool bad;
	vita_node *n = walk(m, root, f->path, true, f->pos, &bad);
	if (!n) {
		vita_diag(m->L.d, VITA_ERROR, f->pos,
		          "`%s` cannot be set: a part of it is a single value, or a list index past its end + 1",
		          f->path);
		return false;
	}
	*n = *f->set;
	return true;
}

/* Renames the key at path ("cv.sections.🏫 Education" → "Education"); a path the import no longer
 * has is reported at the correction. */
static bool rename_at(imp *m, vita_node *root, const imp_fix *f)
{
	const char *dot = strrchr(f->path, '.');
	bool bad;
	vita_node *parent = dot ? walk(m, root, arena_strndup(m->L.a, f->path, (size_t)(dot - f->path)), false, f->pos, &bad)
	                        : root;
	const char *key = dot ? dot + 1 : f->path;
	for (size_t i = 0; parent && parent->kind == VITA_NODE_MAP && i + 1 < parent->n; i += 2)
		if (strcmp(parent->kids[i]->str, key) == 0) {
			vita_node *k = arena_alloc(m->L.a, sizeof *k);
			*k = *parent->kids[i];
			k->str = f->rename;
			k->len = strlen(f->rename);
			parent->kids[i] = k;
			return true;
		}
	vita_diag(m->L.d, VITA_WARNING, f->pos,
	          "the import has no `%s` to rename: the source changed or vita reads it differently now; check "
	          "the correction",
	          f->path);
	return true;
}

static const char *shown(const vita_node *n)
{
	if (!n || vita_node_is_null(n))
		return "nothing";
	return n->kind == VITA_NODE_SCALAR ? n->str : n->kind == VITA_NODE_SEQ ? "a list" : "a mapping";
}

/* Whether the import still gives what the correction expects. */
static bool still_matches(const vita_node *cur, const vita_node *was)
{
	if (vita_node_is_null(was))
		return !cur || vita_node_is_null(cur);
	return cur && cur->kind == VITA_NODE_SCALAR && was->kind == VITA_NODE_SCALAR && strcmp(cur->str, was->str) == 0;
}

bool imp_overlay_apply(imp *m)
{
	size_t len;
	char *yaml = imp_write_yaml(m, m->L.cv, NULL, &len);
	vita_node *root = vita_yaml_parse(m->L.a, "imported.yaml", yaml, len, NULL, m->L.d);
	free(yaml);
	if (!root)
		return false;
	bool ok = true;
	for (size_t i = 0; i < m->nfixes; i++) {
		const imp_fix *f = &m->fixes[i];
		if (f->rename) {
			ok &= rename_at(m, root, f);
			continue;
		}
		bool bad;
		const vita_node *cur = walk(m, root, f->path, false, f->pos, &bad);
		if (!still_matches(cur, f->was))
			vita_diag(m->L.d, VITA_WARNING, f->was->pos,
			          "the import gives %s%s%s at `%s`, not what this correction expects: the source changed "
			          "or vita reads it differently now; check the correction (it is applied)",
			          cur && cur->kind == VITA_NODE_SCALAR ? "`" : "", shown(cur),
			          cur && cur->kind == VITA_NODE_SCALAR ? "`" : "", f->path);
		ok &= set_at(m, root, f);
	}
	if (!ok)
		return false;
	vita_buf text = {0};
	imp_emit_node(&text, root);
	const char *name = arena_printf(m->L.a, "%s (the import with its corrections)", m->overlay);
	vita_cv *cv = vita_cv_load_mem(name, text.data ? text.data : "", text.len, m->L.d);
	buf_free(&text);
	if (!cv)
		return false;
	const char *note = arena_printf(m->L.a,
	                                "Corrected by hand: %zu correction%s from %s, applied after the import.\n"
	                                "%s%s",
	                                m->nfixes, m->nfixes == 1 ? "" : "s", m->overlay,
	                                *m->overlay_why ? "Its reasons, as that file gives them:\n" : "", m->overlay_why);
	m->corrected = imp_write_yaml(m, cv, note, &m->corrected_len);
	vita_cv_free(cv);
	return true;
}
