/*
 * Unit tests for the compiled kerning tables (src/layout/kerntab.c, written at build time by
 * scripts/gen_kern.c): a word kerned from the table must get exactly what HarfBuzz gives when it
 * shapes the word alone with vita's features (shape.c's shape_word), in every font of the table,
 * for words of two to twelve characters (the table is built from pairs only, so longer words are
 * where a contextual lookup would show), and the fonts whose kerning is contextual stay out.
 */
#include <hb-ot.h>

#include "layout/kerntab.h"
#include "test.h"

static const char *root(void)
{
	const char *r = getenv("VITA_DATA_DIR");
	return r && *r ? r : ".";
}

/* The table font's file: fonts/ or fonts/themes/. */
static hb_blob_t *font_blob(const char *file, char *path, size_t cap)
{
	const char *dirs[] = {"fonts", "fonts/themes"};
	for (int i = 0; i < 2; i++) {
		snprintf(path, cap, "%s/%s/%s", root(), dirs[i], file);
		hb_blob_t *b = hb_blob_create_from_file_or_fail(path);
		if (b)
			return b;
	}
	return NULL;
}

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* A word's kerning from the table; false when a pair is marked for shaping. */
static bool table_kerns(const vita_kern_table *t, const uint32_t *w, int n, int32_t *out)
{
	for (int i = 0; i + 1 < n; i++)
		if (!kern_pair(t, kern_char_index(w[i]), kern_char_index(w[i + 1]), &out[i]))
			return false;
	out[n - 1] = 0;
	return true;
}

/* The same word shaped by HarfBuzz as shape_word does it; false when it substituted a glyph. */
static bool shaped_kerns(hb_font_t *font, hb_buffer_t *b, const uint32_t *w, int n, int32_t *out)
{
	unsigned nf;
	const hb_feature_t *feats = kern_features(&nf);
	hb_buffer_clear_contents(b);
	for (int i = 0; i < n; i++)
		hb_buffer_add(b, w[i], (unsigned)i);
	hb_buffer_set_content_type(b, HB_BUFFER_CONTENT_TYPE_UNICODE);
	hb_buffer_guess_segment_properties(b);
	hb_shape(font, b, feats, nf);
	unsigned ng;
	hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(b, &ng);
	hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(b, &ng);
	if ((int)ng != n)
		return false;
	for (int i = 0; i < n; i++) {
		hb_codepoint_t g;
		if (gi[i].cluster != (unsigned)i || !hb_font_get_nominal_glyph(font, w[i], &g) || g != gi[i].codepoint)
			return false;
		out[i] = i + 1 < n ? gp[i].x_advance - hb_font_get_glyph_h_advance(font, g) : 0;
	}
	return true;
}

/* Random words over the characters the font has (cs, n of them), mostly letters (the first nl). */
static int random_word(const uint32_t *cs, int ncs, int nl, uint32_t *w, bool letters_only)
{
	int n = 2 + (int)(next_rand() % 11);
	for (int i = 0; i < n; i++) {
		uint32_t r = next_rand();
		w[i] = nl && (letters_only || r % 10 < 7) ? cs[(r >> 4) % (uint32_t)nl] : cs[(r >> 4) % (uint32_t)ncs];
	}
	return n;
}

/* The table's characters the font has, its ASCII letters first; returns how many, *nl letters. */
static int font_chars(hb_font_t *font, uint32_t *cs, int *nl)
{
	int n = 0;
	hb_codepoint_t g;
	for (uint32_t c = 'A'; c <= 'z'; c++)
		if ((c <= 'Z' || c >= 'a') && hb_font_get_nominal_glyph(font, c, &g))
			cs[n++] = c;
	*nl = n;
	for (int i = 0; i < KERN_NCHARS; i++) {
		uint32_t c = kern_char_at(i);
		bool ascii_letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
		if (!ascii_letter && hb_font_get_nominal_glyph(font, c, &g))
			cs[n++] = c;
	}
	return n;
}

static void table_equals_shaping(void)
{
	CHECK(vita_kern_ntables > 0);
	hb_buffer_t *b = hb_buffer_create();
	for (size_t ti = 0; ti < vita_kern_ntables; ti++) {
		const vita_kern_table *t = &vita_kern_tables[ti];
		char path[4096];
		hb_blob_t *blob = font_blob(t->file, path, sizeof path);
		CHECK(blob != NULL);
		if (!blob)
			continue;
		hb_face_t *face = hb_face_create(blob, 0);
		CHECK(kern_table_find(path, face, hb_blob_get_length(blob)) == t);
		hb_font_t *font = hb_font_create(face);
		uint32_t cs[KERN_NCHARS];
		int nl, ncs = font_chars(font, cs, &nl);
		int compared = 0, differ = 0, kerned = 0;
		for (int k = 0; ncs >= 2 && k < 4000; k++) {
			uint32_t w[12];
			int32_t a[12], s[12];
			int n = random_word(cs, ncs, nl, w, k % 4 == 0);
			if (!table_kerns(t, w, n, a))
				continue; /* a pair the table leaves to HarfBuzz */
			CHECK(shaped_kerns(font, b, w, n, s));
			bool letter = t->common_same;
			for (int i = 0; i < n; i++)
				letter = letter || hb_unicode_script(hb_unicode_funcs_get_default(), w[i]) == HB_SCRIPT_LATIN;
			if (!letter)
				continue; /* shape.c shapes such a word */
			compared++;
			if (memcmp(a, s, (size_t)n * sizeof *a) != 0) {
				if (differ++ < 3)
					printf("  %s: word %d of %d characters kerned otherwise than HarfBuzz\n", t->file, k, n);
			}
			for (int i = 0; i < n; i++)
				kerned += a[i] != 0;
		}
		CHECK_INT(differ, 0);
		CHECK(ncs < 2 || compared > 2000);
		if (t->n)
			CHECK(kerned > 0); /* a kerned font's words do get kerning */
		hb_font_destroy(font);
		hb_face_destroy(face);
		hb_blob_destroy(blob);
	}
	hb_buffer_destroy(b);
}

/* Noto Sans kerns some pairs by context (its first kern lookup is a chained context): it must be
 * left to HarfBuzz, and a font file that is not the one the table was made from is not matched. */
static void contextual_fonts_stay_out(void)
{
	char path[4096];
	hb_blob_t *blob = font_blob("NotoSans-Regular.ttf", path, sizeof path);
	if (!blob)
		SKIP("fonts/NotoSans-Regular.ttf is not there");
	hb_face_t *face = hb_face_create(blob, 0);
	CHECK(kern_table_find(path, face, hb_blob_get_length(blob)) == NULL);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	blob = font_blob("SourceSans3-Regular.ttf", path, sizeof path);
	CHECK(blob != NULL);
	if (!blob)
		return;
	face = hb_face_create(blob, 0);
	CHECK(kern_table_find(path, face, hb_blob_get_length(blob)) != NULL);
	CHECK(kern_table_find(path, face, hb_blob_get_length(blob) + 1) == NULL); /* another size */
	CHECK(kern_table_find("/elsewhere/Other.ttf", face, hb_blob_get_length(blob)) == NULL);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
}

static void char_set_round_trip(void)
{
	for (int i = 0; i < KERN_NCHARS; i++)
		CHECK_INT(kern_char_index(kern_char_at(i)), i);
	CHECK_INT(kern_char_index(' '), -1);
	CHECK_INT(kern_char_index(0xA0), -1);
	CHECK_INT(kern_char_index(0xAD), -1);
	CHECK_INT(kern_char_index(0x180), -1);
	CHECK_INT(kern_char_index(0x4E2D), -1);
}

int main(void)
{
	RUN(char_set_round_trip);
	RUN(table_equals_shaping);
	RUN(contextual_fonts_stay_out);
	return TEST_EXIT();
}
