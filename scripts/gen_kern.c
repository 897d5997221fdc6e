/*
 * Writes $(BUILD)/gen/kern.c: the kerning of the shipped fonts (layout/kerntab.h), one table per
 * font file whose kerning is pairwise, built by shaping every pair of the tables' characters with
 * HarfBuzz and vita's feature list.  Built and run by the Makefile; the output is not committed.
 *   gen_kern FONT... > kern.c
 * A font is left out (its words are shaped at run time) when its `kern` feature holds a lookup
 * other than a pair adjustment of the first glyph (PairPos with an empty second value format),
 * when a substitution vita leaves on could apply (a required feature, rvrn, ltra, ltrm, rand), or
 * when it kerns through a legacy `kern` table; a pair HarfBuzz does more than kern is marked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "layout/kerntab.h"

/* This program's own tables: none (kerntab.c refers to them). */
const vita_kern_table vita_kern_tables[1];
const size_t vita_kern_ntables = 0;
const char vita_kern_language[] = "";

static unsigned u16(const unsigned char *p, unsigned len, unsigned off)
{
	return off + 2 <= len ? (unsigned)p[off] << 8 | p[off + 1] : 0xFFFFu;
}

/* Whether GPOS lookup li is a pair adjustment that leaves the second glyph alone. */
static bool pair_lookup(const unsigned char *p, unsigned len, unsigned li)
{
	unsigned ll = u16(p, len, 8), n = u16(p, len, ll);
	if (ll == 0xFFFF || li >= n)
		return false;
	unsigned lk = ll + u16(p, len, ll + 2 + 2 * li);
	unsigned type = u16(p, len, lk), nsub = u16(p, len, lk + 4);
	if (nsub == 0xFFFF)
		return false;
	for (unsigned s = 0; s < nsub; s++) {
		unsigned st = lk + u16(p, len, lk + 6 + 2 * s), t = type;
		if (type == 9) { /* extension: the real type and a 32-bit offset */
			t = u16(p, len, st + 2);
			unsigned hi = u16(p, len, st + 4), lo = u16(p, len, st + 6);
			st += hi << 16 | lo;
		}
		if (t != 2 || u16(p, len, st + 6) != 0)
			return false;
	}
	return true;
}

static bool has_lookups(hb_face_t *face, hb_tag_t table, const hb_tag_t *features)
{
	hb_set_t *s = hb_set_create();
	hb_ot_layout_collect_lookups(face, table, NULL, NULL, features, s);
	bool any = !hb_set_is_empty(s);
	hb_set_destroy(s);
	return any;
}

static bool required_feature(hb_face_t *face, hb_tag_t table)
{
	unsigned n = hb_ot_layout_table_get_script_tags(face, table, 0, NULL, NULL);
	for (unsigned si = 0; si < n; si++) {
		unsigned fi;
		hb_tag_t tag;
		if (hb_ot_layout_language_get_required_feature(face, table, si, HB_OT_LAYOUT_DEFAULT_LANGUAGE_INDEX, &fi, &tag))
			return true;
	}
	return false;
}

/* Whether the font's kerning is pairwise (see the file's comment). */
static bool pairwise(hb_face_t *face)
{
	static const hb_tag_t kern[] = {HB_TAG('k', 'e', 'r', 'n'), HB_TAG_NONE};
	static const hb_tag_t subst[] = {HB_TAG('r', 'v', 'r', 'n'), HB_TAG('l', 't', 'r', 'a'),
	                                 HB_TAG('l', 't', 'r', 'm'), HB_TAG('r', 'a', 'n', 'd'), HB_TAG_NONE};
	if (has_lookups(face, HB_OT_TAG_GSUB, subst) || required_feature(face, HB_OT_TAG_GSUB) ||
	    required_feature(face, HB_OT_TAG_GPOS))
		return false;
	hb_set_t *s = hb_set_create();
	hb_ot_layout_collect_lookups(face, HB_OT_TAG_GPOS, NULL, NULL, kern, s);
	hb_blob_t *gpos = hb_face_reference_table(face, HB_OT_TAG_GPOS);
	unsigned len;
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(gpos, &len);
	bool ok = true;
	if (hb_set_is_empty(s)) { /* HarfBuzz would kern with the legacy table */
		hb_blob_t *k = hb_face_reference_table(face, HB_TAG('k', 'e', 'r', 'n'));
		ok = hb_blob_get_length(k) == 0;
		hb_blob_destroy(k);
	}
	if (len >= 14 && u16(p, len, 2) >= 1 && (u16(p, len, 10) | u16(p, len, 12)))
		ok = false; /* feature variations could swap the lookups */
	for (hb_codepoint_t li = HB_SET_VALUE_INVALID; ok && hb_set_next(s, &li);)
		ok = pair_lookup(p, len, li);
	hb_blob_destroy(gpos);
	hb_set_destroy(s);
	return ok;
}

/* The adjustment of the pair (a, b) as shape.c's shape_word would find it inside a word of that
 * script (Latin, or guessed for a pair of script-neutral characters); KERN_UNSAFE when HarfBuzz
 * did more than kern it. */
static int32_t pair_delta(hb_font_t *font, hb_buffer_t *b, uint32_t ca, uint32_t cb, bool latin)
{
	unsigned nf;
	const hb_feature_t *feats = kern_features(&nf);
	hb_codepoint_t ga, gb;
	hb_font_get_nominal_glyph(font, ca, &ga);
	hb_font_get_nominal_glyph(font, cb, &gb);
	hb_buffer_clear_contents(b);
	hb_buffer_add(b, ca, 0);
	hb_buffer_add(b, cb, 1);
	hb_buffer_set_content_type(b, HB_BUFFER_CONTENT_TYPE_UNICODE);
	if (latin)
		hb_buffer_set_script(b, HB_SCRIPT_LATIN);
	hb_buffer_guess_segment_properties(b);
	hb_shape(font, b, feats, nf);
	unsigned ng;
	hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(b, &ng);
	hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(b, &ng);
	if (ng != 2 || gi[0].cluster != 0 || gi[1].cluster != 1 || gi[0].codepoint != ga || gi[1].codepoint != gb ||
	    gp[1].x_advance != hb_font_get_glyph_h_advance(font, gb))
		return KERN_UNSAFE;
	int32_t d = gp[0].x_advance - hb_font_get_glyph_h_advance(font, ga);
	return d > -16384 && d < 16384 ? d : KERN_UNSAFE;
}

static bool is_latin(uint32_t cp)
{
	return hb_unicode_script(hb_unicode_funcs_get_default(), cp) == HB_SCRIPT_LATIN;
}

/* One font's table as a C array; false when the font is left out. */
static bool put_font(const char *path, int k, FILE *out, uint32_t *size, uint32_t *checksum, bool *common_same,
                     unsigned *count)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (!blob)
		return false;
	hb_face_t *face = hb_face_create(blob, 0);
	bool ok = hb_face_get_glyph_count(face) > 0 && pairwise(face);
	if (ok) {
		hb_font_t *font = hb_font_create(face);
		hb_buffer_t *b = hb_buffer_create();
		hb_codepoint_t g;
		*common_same = true;
		*count = 0;
		unsigned first[KERN_NCHARS + 1];
		fprintf(out, "static const uint32_t pairs%d[] = {", k);
		for (int i = 0; i < KERN_NCHARS; i++) {
			first[i] = *count;
			uint32_t ca = kern_char_at(i);
			if (!hb_font_get_nominal_glyph(font, ca, &g))
				continue;
			for (int j = 0; j < KERN_NCHARS; j++) {
				uint32_t cb = kern_char_at(j);
				if (!hb_font_get_nominal_glyph(font, cb, &g))
					continue;
				int32_t d = pair_delta(font, b, ca, cb, true);
				if (!is_latin(ca) && !is_latin(cb) && pair_delta(font, b, ca, cb, false) != d)
					*common_same = false;
				if (!d)
					continue;
				fprintf(out, "%s%#x", !*count ? "\n\t" : *count % 8 ? ", " : ",\n\t",
				        (unsigned)((uint32_t)(i * KERN_NCHARS + j) << 15 | ((uint32_t)d & 0x7FFF)));
				(*count)++;
			}
		}
		first[KERN_NCHARS] = *count;
		fprintf(out, "%s};\nstatic const uint32_t first%d[] = {", *count ? "\n" : "0", k);
		for (int i = 0; i <= KERN_NCHARS; i++)
			fprintf(out, "%s%u", i ? i % 16 ? ", " : ",\n\t" : "\n\t", first[i]);
		fprintf(out, "\n};\n");
		hb_buffer_destroy(b);
		hb_font_destroy(font);
		*checksum = kern_head_checksum(face);
		*size = hb_blob_get_length(blob);
	}
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return ok;
}

int main(int argc, char **argv)
{
	printf("/* Generated by scripts/gen_kern.c from the shipped fonts: do not edit. */\n"
	       "#include \"layout/kerntab.h\"\n\n");
	vita_kern_table *t = calloc((size_t)argc, sizeof *t);
	int n = 0;
	for (int i = 1; i < argc; i++) {
		const char *dot = strrchr(argv[i], '.');
		if (!dot || (strcmp(dot, ".ttf") != 0 && strcmp(dot, ".otf") != 0))
			continue;
		bool same;
		uint32_t size, sum;
		unsigned count;
		if (!put_font(argv[i], n, stdout, &size, &sum, &same, &count)) {
			fprintf(stderr, "gen_kern: %s: kerning not pairwise, left to HarfBuzz at run time\n", argv[i]);
			continue;
		}
		const char *base = strrchr(argv[i], '/');
		t[n] = (vita_kern_table){strdup(base ? base + 1 : argv[i]), size, sum, same, count, NULL, NULL};
		n++;
	}
	printf("\nconst vita_kern_table vita_kern_tables[] = {\n");
	for (int i = 0; i < n; i++)
		printf("\t{\"%s\", %uu, %#xu, %s, %uu, pairs%d, first%d},\n", t[i].file, (unsigned)t[i].size,
		       (unsigned)t[i].checksum, t[i].common_same ? "true" : "false", (unsigned)t[i].n, i, i);
	if (!n)
		printf("\t{0},\n");
	printf("};\nconst size_t vita_kern_ntables = %d;\nconst char vita_kern_language[] = \"%s\";\n", n,
	       hb_language_to_string(hb_language_get_default()));
	for (int i = 0; i < n; i++)
		free((char *)t[i].file);
	free(t);
	return 0;
}
