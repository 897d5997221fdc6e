/*
 * Looking up the compiled kerning tables (kerntab.h): which shipped font a face is, the index of
 * a character in the tables' set, and a pair's adjustment by binary search.
 */
#include <pthread.h>
#include <string.h>

#include <hb-ot.h>

#include "layout/kerntab.h"

int kern_char_index(uint32_t cp)
{
	if (cp >= 0x21 && cp <= 0x7E)
		return (int)cp - 0x21; /* 94 */
	if (cp >= 0xA1 && cp <= 0xFF && cp != 0xAD)
		return 94 + (int)cp - 0xA1 - (cp > 0xAD); /* 94 */
	if (cp >= 0x100 && cp <= 0x17F)
		return 188 + (int)cp - 0x100; /* 128 */
	return -1;
}

uint32_t kern_char_at(int i)
{
	if (i < 94)
		return 0x21 + (uint32_t)i;
	if (i < 188) {
		uint32_t cp = 0xA1 + (uint32_t)(i - 94);
		return cp >= 0xAD ? cp + 1 : cp;
	}
	return 0x100 + (uint32_t)(i - 188);
}

const hb_feature_t *kern_features(unsigned *n)
{
#define OFF(a, b, c, d) {HB_TAG(a, b, c, d), 0, 0, (unsigned)-1}
	static const hb_feature_t feats[] = {
		{HB_TAG('k', 'e', 'r', 'n'), 1, 0, (unsigned)-1},
		OFF('l', 'i', 'g', 'a'), OFF('c', 'l', 'i', 'g'), OFF('d', 'l', 'i', 'g'), OFF('c', 'a', 'l', 't'),
		OFF('r', 'l', 'i', 'g'), OFF('r', 'c', 'l', 't'), OFF('c', 'c', 'm', 'p'), OFF('l', 'o', 'c', 'l'),
		OFF('m', 'a', 'r', 'k'), OFF('m', 'k', 'm', 'k'), OFF('c', 'u', 'r', 's'), OFF('d', 'i', 's', 't'),
		OFF('a', 'b', 'v', 'm'), OFF('b', 'l', 'w', 'm'),
	};
#undef OFF
	*n = sizeof feats / sizeof *feats;
	return feats;
}

uint32_t kern_head_checksum(hb_face_t *face)
{
	hb_blob_t *head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
	unsigned len;
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(head, &len);
	uint32_t c = len >= 12 ? (uint32_t)p[8] << 24 | (uint32_t)p[9] << 16 | (uint32_t)p[10] << 8 | p[11] : 0;
	hb_blob_destroy(head);
	return c;
}

/* Whether this process shapes in the language the tables were made in (HarfBuzz's default comes
 * from the C locale, which vita does not change).  Asked once: HarfBuzz interns the tag in a
 * lock-free list that ThreadSanitizer cannot see, and once is all it takes. */
static pthread_once_t lang_once = PTHREAD_ONCE_INIT;
static bool lang_same;
static void lang_check(void)
{
	lang_same = strcmp(hb_language_to_string(hb_language_get_default()), vita_kern_language) == 0;
}

const vita_kern_table *kern_table_find(const char *path, hb_face_t *face, size_t size)
{
	pthread_once(&lang_once, lang_check);
	if (!path || !lang_same)
		return NULL;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (size_t i = 0; i < vita_kern_ntables; i++) {
		const vita_kern_table *t = &vita_kern_tables[i];
		if (t->size == size && strcmp(t->file, base) == 0)
			return t->checksum == kern_head_checksum(face) ? t : NULL;
	}
	return NULL;
}

bool kern_pair(const vita_kern_table *t, int a, int b, int32_t *delta)
{
	uint32_t key = (uint32_t)a * KERN_NCHARS + (uint32_t)b;
	size_t lo = t->first[a], hi = t->first[a + 1], end = hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->pairs[mid] >> 15 < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	*delta = 0;
	if (lo == end || t->pairs[lo] >> 15 != key)
		return true;
	int32_t d = (int32_t)(t->pairs[lo] & 0x7FFF);
	if (d >= 0x4000)
		d -= 0x8000; /* the low 15 bits, sign-extended */
	*delta = d;
	return d != KERN_UNSAFE;
}
