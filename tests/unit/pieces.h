/*
 * The layout's text items piece by piece, for unit tests that check pieces (kerning cuts, word
 * positions, hyphens): the layout stores the pieces of a line in one look as one item with cuts
 * (include/vita/frame.h), and these rewrite a paragraph's or a document's items as the pieces the
 * backends draw, each an item of its own, as they were before items had cuts.
 */
#ifndef VITA_TEST_PIECES_H
#define VITA_TEST_PIECES_H

#include <stdlib.h>

#include "vita/frame.h"

/* Replaces the malloc'd array *items of *n items by their pieces; map (NULL, or *n + 1 entries)
 * gets, for each item, the index of its first piece, and the total at the end. */
static inline void pieces_expand(vita_item **items, size_t *n, size_t *map)
{
	size_t m = 0;
	for (size_t i = 0; i < *n; i++)
		m += vita_item_npieces(&(*items)[i]);
	vita_item *out = malloc((m ? m : 1) * sizeof *out);
	if (!out)
		abort();
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		if (map)
			map[i] = k;
		for (size_t j = 0; j < vita_item_npieces(&(*items)[i]); j++)
			out[k++] = vita_item_piece(&(*items)[i], j);
	}
	if (map)
		map[*n] = k;
	free(*items);
	*items = out;
	*n = m;
}

/* Every page of a document (NULL: nothing) as pieces. */
static inline vita_doc *pieces_doc(vita_doc *doc)
{
	for (size_t p = 0; doc && p < doc->npages; p++) {
		if (!doc->pages[p].items)
			continue;
		pieces_expand(&doc->pages[p].items, &doc->pages[p].nitems, NULL);
		doc->pages[p].cap = doc->pages[p].nitems;
	}
	return doc;
}

#endif
