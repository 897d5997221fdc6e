/*
 * FriBidi, opened the first time a paragraph has a right-to-left character (layout/bidi.c) or a
 * right-to-left .tex needs the levels of a field (latex/rtl.c), instead of being linked into
 * every render (base.h, vita_dl_bind).
 */
#ifndef VITA_LAYOUT_BIDI_LIB_H
#define VITA_LAYOUT_BIDI_LIB_H

#include <fribidi.h>

#include "base/base.h"

#define VITA_FRIBIDI_FUNCS(X)                                                                       \
	X(fribidi_get_bidi_type) X(fribidi_get_bidi_types) X(fribidi_get_bracket_types)                  \
	X(fribidi_get_par_embedding_levels_ex) X(fribidi_get_mirror_char)

typedef struct vita_fribidi {
	VITA_FRIBIDI_FUNCS(VITA_DL_POINTER)
} vita_fribidi;

/* The functions, or NULL when libfribidi.so.0 cannot be opened (then text keeps its logical
 * order). */
const vita_fribidi *vita_fribidi_lib(void);

#endif
