/*
 * The .tex's \hyphenation exceptions: the words that vita's PDF never hyphenates but TeX would.
 * The layout (layout/breaks.c) leaves a word whole when it has a capital after its first letter
 * (MultiModal, NVIDIA: brand names and acronyms) or belongs to a personal name (the authors'
 * names, which the .tex ties with ~); TeX's patterns hyphenate both ("Mul-tiModal", "Yu-long"),
 * which moved every line after them.  The body written so far is scanned for such words and each
 * is listed once, without hyphenation points, in the preamble.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "latex/latex_internal.h"

/* TeX's \lefthyphenmin plus \righthyphenmin: a shorter word is never hyphenated. */
#define MIN_HYPHENABLE 5

static bool ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A byte of a letter a name may have beside a tie: ASCII, or any UTF-8 byte (Ó, Þ). */
static bool name_byte(char c)
{
	return ascii_letter(c) || (unsigned char)c >= 0x80;
}

/* before_tie, after_tie: the word is tied with ~ to a word before or after it (a name's parts;
 * not a tie the writer puts before punctuation) */
static bool keep_whole(const char *w, size_t n, bool before_tie, bool after_tie)
{
	if (n < MIN_HYPHENABLE)
		return false;
	if (before_tie || after_tie)
		return true;
	for (size_t i = 1; i < n; i++)
		if (w[i] >= 'A' && w[i] <= 'Z')
			return true;
	return false;
}

static int by_text(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

void latex_put_hyphenation(vita_buf *b, const char *body)
{
	size_t n = 0, cap = 0;
	char **words = NULL;
	for (const char *p = body; *p;) {
		if (!ascii_letter(*p)) {
			p++;
			continue;
		}
		const char *s = p;
		while (ascii_letter(*p))
			p++;
		char before = s > body ? s[-1] : ' ', after = *p;
		/* a control word (\textbf) or part of a longer word with other letters */
		if (before == '\\' || (unsigned char)before >= 0x80 || (unsigned char)after >= 0x80)
			continue;
		bool tie_before = before == '~' && s - body >= 2 && name_byte(s[-2]);
		bool tie_after = after == '~' && name_byte(p[1]);
		if (!keep_whole(s, (size_t)(p - s), tie_before, tie_after))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			words = xrealloc(words, cap * sizeof *words);
		}
		words[n] = xmalloc((size_t)(p - s) + 1);
		memcpy(words[n], s, (size_t)(p - s));
		words[n++][p - s] = '\0';
	}
	if (n) {
		qsort(words, n, sizeof *words, by_text);
		buf_puts(b, "% words vita's PDF does not hyphenate (a capital inside, personal names)\n\\hyphenation{");
		size_t col = 13;
		bool line_start = true;
		for (size_t i = 0; i < n; i++) {
			if (i > 0 && strcasecmp(words[i], words[i - 1]) == 0)
				continue;
			size_t len = strlen(words[i]);
			if (!line_start && col + len > 96) {
				buf_putc(b, '\n');
				col = 0;
			} else if (!line_start) {
				buf_putc(b, ' ');
				col++;
			}
			line_start = false;
			buf_puts(b, words[i]);
			col += len;
		}
		buf_puts(b, "}\n");
	}
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	free(words);
}
