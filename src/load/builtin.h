/*
 * vita's own style files compiled into the binary: styles/NAME.yaml and styles/locales/NAME.yaml, parsed
 * at build time by vita's YAML reader (scripts/gen_styles.c writes $(BUILD)/gen/styles.c) and stored
 * as tables of offsets, so that a render builds the node trees in a few thousand instructions instead
 * of running libyaml over the theme (~1 M instructions per CV, per CV of a batch too).
 *
 * The compiled trees are used only when the data folder is the one vita was built for
 * (vita_env.own_data): a $VITA_DATA_DIR naming another folder, a custom theme and a style file
 * beside a CV are read from disk as before.  Positions name the file as if it had been read
 * (<data>/styles/classic.yaml:12:3) and the text is registered for diagnostics, so messages do not
 * change.
 */
#ifndef VITA_LOAD_BUILTIN_H
#define VITA_LOAD_BUILTIN_H

#include <stdint.h>

#include "load/yaml.h"

/* One node; strings are offsets into vita_builtin_pool (no pointers: no relocations at start). */
typedef struct vita_builtin_node {
	uint32_t str, len; /* SCALAR: its text (NUL-terminated in the pool) */
	uint32_t kids, n;  /* SEQ, MAP: the first of its n entries in vita_builtin_kids, from the file's */
	uint32_t line, col;
	uint8_t kind, plain;
} vita_builtin_node;

typedef struct vita_builtin_file {
	uint32_t name;           /* "classic.yaml", "locales/german.yaml": the path under styles/ */
	uint32_t text, text_len; /* the file's text, for the lines diagnostics quote */
	uint32_t nodes, nnodes;  /* its nodes in vita_builtin_nodes, the root first */
	uint32_t kids, nkids;    /* its kid lists in vita_builtin_kids (node indices from .nodes) */
} vita_builtin_file;

/* The generated tables. */
extern const char vita_builtin_pool[];
extern const vita_builtin_node vita_builtin_nodes[];
extern const uint32_t vita_builtin_kids[];
extern const vita_builtin_file vita_builtin_files[];
extern const size_t vita_builtin_nfiles;
extern const char vita_builtin_tag_text[]; /* "#styles <hash of every compiled file's text>" */

/* Whether styles/<rel> ("sb2nov.yaml") is compiled in and used (the data folder is vita's own). */
bool vita_builtin_has(const char *rel);
/* The part of path under <data>/styles/ (one of vita's own style files: "moderncv.yaml"), or NULL
 * when path is elsewhere or NULL. */
const char *vita_style_file_rel(const char *path);

/* The tree of path when it is one of vita's own style files (<data>/styles/…) compiled in: built in
 * a, its text registered with d (unless NULL) for the lines diagnostics quote, vita_builtin_tag()
 * noted in the render's record of what it read.  NULL when path is not compiled in: read the file. */
vita_node *vita_builtin_parse(vita_arena *a, const char *path, vita_diags *d);

/* "#styles <id>": the entry a render's record (base/reads.c) holds instead of the style files it
 * took from the binary, so `vita build` renders again when vita is rebuilt with other styles. */
const char *vita_builtin_tag(void);

#endif
