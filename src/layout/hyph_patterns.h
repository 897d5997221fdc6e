/*
 * The English hyphenation patterns, as a sorted table generated at build time from libhyphen's
 * dictionary by scripts/gen_hyph.sh (build/gen/hyph_patterns.c), matched by breaks.c.
 */
#ifndef VITA_LAYOUT_HYPH_PATTERNS_H
#define VITA_LAYOUT_HYPH_PATTERNS_H

#include <stddef.h>

typedef struct vita_hyph_pattern {
	const char *letters; /* ".ach": lower-case ASCII letters and '.' for a word boundary */
	const char *digits;  /* "00004": the value before each letter and after the last */
} vita_hyph_pattern;

extern const vita_hyph_pattern vita_hyph_patterns[]; /* sorted by letters (byte order) */
extern const size_t vita_hyph_npatterns;

#endif
