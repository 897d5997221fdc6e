/*
 * The block structure both page readers (homepage.c, cvtext.c) reduce their source to — headings,
 * list items with their depth, paragraphs, each as Markdown with its position — and the one mapper
 * (mapper.c) that turns blocks into sections and entries: the section's title says what its items
 * are (education, experience, publications, awards, news), the items' shape says how to split them.
 */
#ifndef VITA_IMPORT_BLOCKS_H
#define VITA_IMPORT_BLOCKS_H

#include "import/import.h"

typedef enum iblock_kind { B_HEADING, B_ITEM, B_PARA } iblock_kind;

typedef struct iblock {
	iblock_kind kind;
	int level;  /* heading level (1 = top), item depth (0 = top) */
	char *text; /* Markdown; source lines of one item are kept apart by "\n" */
	vita_pos pos;
} iblock;

typedef struct iblocks {
	iblock *b;
	size_t n, cap;
} iblocks;

/* A top-level list item and the items nested under it. */
typedef struct item {
	const iblock *blk;
	const iblock **subs;
	size_t nsubs;
} item;

/* A publication item: venue tag, authors, title, links (pubs.c).  false when it does not split. */
bool imp_publication(imp *m, vita_entry *e, const item *it);

void blocks_add(iblocks *bl, iblock_kind k, int level, const char *text, size_t len, vita_pos pos);
void blocks_free(iblocks *bl);
/* Sections from the blocks; text before the first heading goes to a section titled intro. */
void imp_map_blocks(imp *m, const iblocks *bl, const char *intro);
/* "I am Jane Doe (…), a …" / "I'm Jane Doe, …" → the name, or NULL (malloc'd). */
char *imp_name_from_intro(const char *text);

#endif
