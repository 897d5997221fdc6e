/*
 * The English hyphenation patterns, as a sorted table generated at build time from libhyphen's
 * dictionary by scripts/gen_hyph.sh (build/gen/hyph_patterns.c), matched by breaks.c.
 */
#ifndef VITA_LAYOUT_HYPH_PATTERNS_H
#define VITA_LAYOUT_HYPH_PATTERNS_H

#include <stddef.h>
#include <stdint.h>

/* Offsets into vita_hyph_pool (no pointers: nothing to relocate when the program starts). */
typedef struct vita_hyph_pattern {
	uint32_t letters; /* ".ach": lower-case ASCII letters and '.' for a word boundary */
	uint32_t digits;  /* "00004": the value before each letter and after the last */
} vita_hyph_pattern;

extern const char vita_hyph_pool[];
extern const vita_hyph_pattern vita_hyph_patterns[]; /* sorted by letters (byte order) */
#define HYPH_LETTERS(p) (vita_hyph_pool + (p)->letters)
#define HYPH_DIGITS(p) (vita_hyph_pool + (p)->digits)
extern const size_t vita_hyph_npatterns;
/* The longest pattern's letters: longer substrings of a word are not worth looking up. */
extern const size_t vita_hyph_maxlen;

#endif
