/*
 * The compiled-in style files (load/builtin.h): finding one by path and building its node tree.
 *
 * The tree is rebuilt in the caller's arena for every render rather than shared, because a node's
 * position names the file under the data folder of this process (vita_data_dir()), and because the
 * loaders own their arenas; building is one pass over the nodes, a few instructions each, with the
 * scalars' text left in the binary's read-only pool.
 */
#include <string.h>

#include "base/base.h"
#include "load/builtin.h"
#include "vita.h"

static const vita_builtin_file *find(const char *rel)
{
	if (!vita_env_get()->own_data)
		return NULL;
	for (size_t i = 0; i < vita_builtin_nfiles; i++)
		if (strcmp(vita_builtin_pool + vita_builtin_files[i].name, rel) == 0)
			return &vita_builtin_files[i];
	return NULL;
}

bool vita_builtin_has(const char *rel)
{
	return find(rel) != NULL;
}

const char *vita_style_file_rel(const char *path)
{
	const char *dir = vita_data_dir();
	size_t n = strlen(dir);
	if (!path || strncmp(path, dir, n) != 0 || strncmp(path + n, "/styles/", 8) != 0)
		return NULL;
	return path + n + 8;
}

static vita_node *build(const vita_builtin_file *f, vita_arena *a, const char *path)
{
	vita_node *nodes = arena_alloc(a, f->nnodes * sizeof *nodes);
	vita_node **kids = f->nkids ? arena_alloc(a, f->nkids * sizeof *kids) : NULL;
	for (uint32_t j = 0; j < f->nkids; j++)
		kids[j] = &nodes[vita_builtin_kids[f->kids + j]];
	for (uint32_t i = 0; i < f->nnodes; i++) {
		const vita_builtin_node *b = &vita_builtin_nodes[f->nodes + i];
		vita_node *n = &nodes[i];
		n->kind = (vita_node_kind)b->kind;
		n->pos = (vita_pos){path, (int)b->line, (int)b->col};
		if (n->kind == VITA_NODE_SCALAR) {
			n->str = vita_builtin_pool + b->str;
			n->len = b->len;
			n->plain = b->plain;
		} else {
			n->kids = b->n ? kids + b->kids : NULL;
			n->n = b->n;
		}
	}
	return nodes;
}

vita_node *vita_builtin_parse(vita_arena *a, const char *path, vita_diags *d)
{
	const char *rel = vita_style_file_rel(path);
	const vita_builtin_file *f = rel ? find(rel) : NULL;
	if (!f)
		return NULL;
	const char *p = arena_strdup(a, path);
	if (d)
		vita_diags_add_source(d, p, vita_builtin_pool + f->text, f->text_len);
	vita_reads_tag(vita_builtin_tag_text);
	return build(f, a, p);
}

const char *vita_builtin_tag(void)
{
	return vita_builtin_tag_text;
}
