/*
 * Authors' names (names.c): splitting an author string into the name, the owner's emphasis and
 * note markers, and finding the owner by name.  Shared by the loader and the importers.
 */
#ifndef VITA_MODEL_NAMES_H
#define VITA_MODEL_NAMES_H

#include <stdbool.h>

/* Splits an author string into its name, owner emphasis and note markers. */
void parse_author(const char *s, char **name, bool *marked, char **notes);
/* The same with the emphasis level the user wrote: 0 none, 1 *italic*, 2 **bold**, 3 ***both***. */
void parse_author_emphasis(const char *s, char **name, int *emphasis, char **notes);
/* True when author names the same person as owner (cv.name), ignoring case, accents,
 * punctuation, a parenthesized part of owner, initials for given names and "Family, Given". */
bool author_matches_owner(const char *author, const char *owner);
/* The same for many authors against one owner, whose name is folded and split once. */
typedef struct vita_owner_names vita_owner_names;
vita_owner_names *owner_names_new(const char *owner);
bool owner_names_match(const vita_owner_names *o, const char *author);
void owner_names_free(vita_owner_names *o);

#endif
