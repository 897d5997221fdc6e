/*
 * Unicode normalization of every string loaded from a user's file (utf8proc): NFC, the mojibake
 * repair (mojibake.c) applied until nothing changes, with one warning showing the damaged words
 * before and after, NFC again, and the Latin ligatures U+FB00–FB06 unfolded (a PDF font rarely has
 * them and text extraction would give one odd character for "ff").  A full NFKC is deliberately not
 * used: it would also flatten superscripts, full-width forms and the like, which are legitimate text.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "normalize/normalize_internal.h"

/* ---- normalization --------------------------------------------------------------------------- */

/* NFC as a malloc'd string (a copy when utf8proc refuses, which valid input never makes it do). */
static char *nfc(const char *s, size_t len, size_t *outlen)
{
	utf8proc_uint8_t *r = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &r,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m < 0) {
		*outlen = len;
		char *c = xmalloc(len + 1);
		memcpy(c, s, len);
		c[len] = '\0';
		return c;
	}
	*outlen = (size_t)m;
	return (char *)r;
}

/* The longest run of combining marks (non-starters) in s, and where it starts.  NFC puts such a run
 * in canonical order by insertion, which is quadratic: one letter with 24,000 alternating Arabic
 * marks (a 48 KB file) took 11 s to load and lay out.  Unicode's Stream-Safe Text Format (UAX #15)
 * allows 30 in a row, more than any script writes. */
#define MAX_NONSTARTERS 30
static size_t longest_nonstarter_run(const char *s, size_t len, uint32_t *base)
{
	size_t best = 0, in_row = 0;
	uint32_t last_starter = 0;
	utf8proc_ssize_t k = 0;
	while ((size_t)k < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)s + k,
		                                         (utf8proc_ssize_t)len - k, &c);
		if (step <= 0)
			break;
		k += step;
		if (utf8proc_get_property(c)->combining_class == 0) {
			in_row = 0;
			last_starter = (uint32_t)c;
		} else if (++in_row > best) {
			best = in_row;
			*base = last_starter;
		}
	}
	return best;
}

const char *vita_normalize(vita_arena *a, const char *s, size_t len, vita_pos pos, vita_diags *d)
{
	size_t i = 0;
	while (i < len && (unsigned char)s[i] < 0x80)
		i++;
	if (i == len)
		return arena_strndup(a, s, len);
	uint32_t base = 0;
	size_t marks = longest_nonstarter_run(s, len, &base);
	if (marks > MAX_NONSTARTERS) {
		vita_diag(d, VITA_ERROR, pos,
		          "%zu combining marks in a row (after U+%04X); at most %d may follow one "
		          "character (Unicode's Stream-Safe Text Format)",
		          marks, (unsigned)base, MAX_NONSTARTERS);
		return arena_strndup(a, s, len);
	}

	/* NFC first, so that decomposed mojibake ("A" + U+0303 + "©") is seen as such; then repair until
	 * nothing changes (text damaged twice, or by both code pages), composing again after each
	 * repair (a repaired "e" + U+0301 becomes é).  The result is stable: normalizing it again
	 * changes nothing. */
	size_t n;
	char *cur = nfc(s, len, &n);
	vita_buf msg = {0};
	for (int round = 0; round < 16; round++) { /* each round shrinks the text; 16 is paranoia */
		vita_buf one = {0};
		char *fixed = normalize_repair(cur, n, &one);
		if (!fixed) {
			buf_free(&one);
			break;
		}
		if (msg.len)
			buf_puts(&msg, "; ");
		buf_puts(&msg, buf_str(&one));
		buf_free(&one);
		free(cur);
		cur = nfc(fixed, strlen(fixed), &n);
		free(fixed);
	}
	if (msg.len)
		vita_diag(d, VITA_WARNING, pos, "%s", msg.data);
	buf_free(&msg);

	/* Unfold U+FB00–FB06 (EF AC 80–86); the letters never take more bytes than the ligature.  A
	 * combining mark after a ligature now follows a plain letter: compose again then. */
	char *res = xmalloc(n + 1);
	size_t o = 0;
	bool unfolded = false;
	unsigned separators = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned char c0 = (unsigned char)cur[k];
		if (c0 == 0xE2 && k + 2 < n && (unsigned char)cur[k + 1] == 0x80 &&
		    ((unsigned char)cur[k + 2] == 0xA8 || (unsigned char)cur[k + 2] == 0xA9)) {
			/* U+2028/U+2029: one rule for every backend (the PDF broke the line, the .tex made a
			 * space, the metadata kept the character): a space, said once (attack A62). */
			separators |= (unsigned char)cur[k + 2] == 0xA8 ? 1u : 2u;
			res[o++] = ' ';
			k += 2;
		} else if (c0 == 0xEF && k + 2 < n && (unsigned char)cur[k + 1] == 0xAC &&
		    (unsigned char)cur[k + 2] >= 0x80 && (unsigned char)cur[k + 2] <= 0x86) {
			const char *l = normalize_ligatures[(unsigned char)cur[k + 2] - 0x80];
			size_t ll = strlen(l);
			memcpy(res + o, l, ll);
			o += ll;
			k += 2;
			unfolded = true;
		} else {
			res[o++] = (char)c0;
		}
	}
	free(cur);
	if (separators)
		vita_diag(d, VITA_WARNING, pos, "%s in this text %s read as a space (a line break in a value is "
		          "written as a YAML block or a Markdown line break)",
		          separators == 3 ? "the line and paragraph separators U+2028 and U+2029"
		          : separators == 1 ? "the line separator U+2028" : "the paragraph separator U+2029",
		          separators == 3 ? "are" : "is");
	if (unfolded) {
		char *again = nfc(res, o, &o);
		free(res);
		res = again;
	}
	const char *r = arena_strndup(a, res, o);
	free(res);
	return r;
}
