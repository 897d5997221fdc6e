/*
 * Unit tests for the text engine (src/layout/text.h): widths as libharu draws them, fallback to the
 * CJK font and fake bold, warnings for characters no font has, kerning pieces, line breaking at
 * several measures (ragged and justified), last-resort breaks of long URLs, hyphenation, links,
 * forced breaks, the time a very long paragraph takes, the code points breaks_mark gives
 * libunibreak in place of the text's, and the faces' cached glyphs.
 *
 * Runs against the fonts in <VITA_DATA_DIR>/fonts (tests/run.sh points it at the source tree).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <hb.h>
#include <hyphen.h>
#include <linebreak.h>

#include "io/io.h"
#include "layout/hyph_patterns.h"
#include "layout/text.h"
#include "layout/textint.h" /* breaks_hyphen_points, breaks_unibreak */
#include "pieces.h"
#include "test.h"

#define MAX_WORD_TEST 64
static vita_style style;
static vita_diags *D; /* for tests that do not look at messages */

static void init_style(void)
{
	memset(&style, 0, sizeof style);
	style.body = (vita_font_role){"Noto Sans", 10, false, false, {0, 0, 0}};
	style.cjk_family = "Droid Sans Fallback";
	style.mono_family = "Noto Sans Mono";
	style.link_color = (vita_rgb){0, 0.3, 0.6};
	style.line_spacing = 2;
}

/* para_set with the items as the pieces the backends draw (pieces.h), each an item of its own,
 * the lines' ranges renumbered to match: what most of these tests look at. */
static int set_pieces(vita_fonts *f, const para *p, const para_opts *o, vita_arena *a, set_para *out,
                      vita_diags *d)
{
	int rc = para_set(f, p, o, a, out, d);
	if (rc != 0 || !out->items)
		return rc;
	size_t *map = malloc((out->nitems + 1) * sizeof *map);
	if (!map)
		abort();
	pieces_expand(&out->items, &out->nitems, map);
	for (size_t l = 0; l < out->nlines; l++) {
		size_t first = out->lines[l].first;
		out->lines[l].n = map[first + out->lines[l].n] - map[first];
		out->lines[l].first = map[first];
	}
	free(map);
	return rc;
}

static text_attr body(void)
{
	text_attr a = {0};
	a.family = "Noto Sans";
	a.size = 10;
	return a;
}

/* The messages as printed, for looking into. */
static char *diag_text(vita_diags *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	vita_diags_print(d, fp, false);
	fclose(fp);
	return s;
}

static size_t count_substr(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Width of a string in 1/1000 em, summed from truncated advances, read independently. */
static int expected_milli(const char *file, const char *s)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/fonts/%s", vita_data_dir(), file);
	hb_blob_t *blob = hb_blob_create_from_file(path);
	hb_face_t *hf = hb_face_create(blob, 0);
	hb_font_t *font = hb_font_create(hf);
	int upem = (int)hb_face_get_upem(hf);
	hb_font_set_scale(font, upem, upem);
	int total = 0;
	for (size_t i = 0; s[i];) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, strlen(s + i), &cp);
		i += k ? k : 1;
		hb_codepoint_t g;
		if (hb_font_get_nominal_glyph(font, cp, &g))
			total += hb_font_get_glyph_h_advance(font, g) * 1000 / upem;
	}
	hb_font_destroy(font);
	hb_face_destroy(hf);
	hb_blob_destroy(blob);
	return total;
}

/* The text of the pieces of a line, with a space between pieces that do not abut. */
static void line_text(const set_para *sp, size_t li, char *out, size_t cap)
{
	out[0] = 0;
	const set_line *L = &sp->lines[li];
	double end = -1;
	for (size_t k = L->first; k < L->first + L->n; k++) {
		const vita_item *v = &sp->items[k];
		if (v->kind != VITA_ITEM_TEXT)
			continue;
		if (end >= 0 && v->x > end + 0.01)
			strncat(out, " ", cap - strlen(out) - 1);
		strncat(out, v->text, cap - strlen(out) - 1);
		end = v->x + v->w;
	}
}

/* Right edge of the text items of a line. */
static double line_right(const set_para *sp, size_t li)
{
	const set_line *L = &sp->lines[li];
	double r = 0;
	for (size_t k = L->first; k < L->first + L->n; k++)
		if (sp->items[k].kind == VITA_ITEM_TEXT && sp->items[k].x + sp->items[k].w > r)
			r = sp->items[k].x + sp->items[k].w;
	return r;
}

static const char *LOREM =
    "Developed a distributed system for processing telemetry from thousands of devices, reducing the "
    "latency of alerts from minutes to seconds and cutting infrastructure costs by forty percent. Led "
    "a team of five engineers through the migration of legacy services to a modern architecture with "
    "automated deployment, observability and well-documented interfaces.";

static void widths_match_libharu(void)
{
	vita_diags *d = vita_diags_new();
	vita_fonts *f = fonts_new(&style, d);
	text_attr a = body();
	const char *s = "Hello, World — Dušan 0123";
	double w = text_width(f, "Hxllo", &a); /* no kerning pairs in "Hxllo" */
	CHECK(fabs(w - expected_milli("NotoSans-Regular.ttf", "Hxllo") * 10 / 1000.0) < 1e-9);
	a.bold = true;
	w = text_width(f, "Dušan", &a);
	CHECK(w > 0);
	(void)s;
	double asc, desc;
	a.bold = false;
	text_metrics(f, &a, &asc, &desc);
	CHECK(asc > 9 && asc < 12); /* Noto Sans: 1.069 em */
	CHECK(desc > 2 && desc < 4);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 0);
	fonts_free(f);
	vita_diags_free(d);
}

static void check_para(vita_fonts *f, const char *text, double width, vita_align align, bool hyph)
{
	vita_diags *d = vita_diags_new();
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	para_add(p, text, strlen(text), &a, (vita_pos){"t.yaml", 1, 1});
	para_opts o = {.width = width, .align = align, .extra = 2, .hyphenate = hyph};
	set_para sp;
	CHECK_INT(set_pieces(f, p, &o, ar, &sp, d), 0);
	CHECK(sp.nlines >= 1);
	/* no line runs past the measure; justified lines end at it */
	vita_buf joined = {0};
	for (size_t li = 0; li < sp.nlines; li++) {
		double r = line_right(&sp, li);
		if (r > width + 0.01)
			printf("  line %zu ends at %.3f > %.3f\n", li, r, width);
		CHECK(r <= width + 0.01);
		char buf[4096];
		line_text(&sp, li, buf, sizeof buf);
		/* a justified line with a space in it (one word cannot be stretched) ends at the measure */
		if (align == VITA_ALIGN_JUSTIFIED && li + 1 < sp.nlines && strchr(buf, ' ')) {
			if (fabs(r - width) > 0.01)
				printf("  justified line %zu ends at %.3f, not %.3f\n", li, r, width);
			CHECK(fabs(r - width) <= 0.01);
		}
		if (li > 0)
			CHECK(sp.lines[li].baseline > sp.lines[li - 1].baseline);
		/* lines join with a space, except after a hyphen */
		if (li > 0 && !(joined.len && joined.data[joined.len - 1] == '-'))
			buf_putc(&joined, ' ');
		buf_puts(&joined, buf);
	}
	if (!hyph)
		CHECK_STR(buf_str(&joined), text);
	CHECK(sp.height > sp.lines[sp.nlines - 1].baseline);
	set_para_free(&sp);
	buf_free(&joined);
	para_free(p);
	arena_free(ar);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 0);
	vita_diags_free(d);
}

static void breaks_at_measures(void)
{
	vita_fonts *f = fonts_new(&style, D);
	static const double widths[] = {80, 120, 200, 300, 450};
	for (size_t i = 0; i < sizeof widths / sizeof *widths; i++) {
		check_para(f, LOREM, widths[i], VITA_ALIGN_LEFT, false);
		check_para(f, LOREM, widths[i], VITA_ALIGN_JUSTIFIED, false);
		check_para(f, LOREM, widths[i], VITA_ALIGN_CENTER, false);
		check_para(f, LOREM, widths[i], VITA_ALIGN_RIGHT, false);
	}
	fonts_free(f);
}

static void long_url(void)
{
	vita_diags *d = vita_diags_new();
	vita_fonts *f = fonts_new(&style, d);
	vita_arena *ar = arena_new();
	char url[400];
	strcpy(url, "https://example.org/");
	while (strlen(url) < 300)
		strcat(url, "abcdefghij");
	para *p = para_new();
	text_attr a = body();
	para_add(p, "See ", 4, &a, (vita_pos){0});
	a.link = url;
	para_add(p, url, strlen(url), &a, (vita_pos){0});
	para_opts o = {.width = 150, .align = VITA_ALIGN_JUSTIFIED};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, d);
	CHECK(sp.nlines >= 8);
	vita_buf all = {0};
	size_t nlinks = 0;
	for (size_t li = 0; li < sp.nlines; li++) {
		CHECK(line_right(&sp, li) <= 150 + 0.01);
		char buf[1024];
		line_text(&sp, li, buf, sizeof buf);
		for (const char *q = buf; *q; q++) /* joined without the spaces */
			if (*q != ' ')
				buf_putc(&all, *q);
		for (size_t k = sp.lines[li].first; k < sp.lines[li].first + sp.lines[li].n; k++)
			if (sp.items[k].kind == VITA_ITEM_LINK) {
				nlinks++;
				CHECK_STR(sp.items[k].text, url);
				CHECK(sp.items[k].x + sp.items[k].w <= 150 + 0.01);
			}
	}
	CHECK(nlinks >= sp.nlines - 1);
	/* no character lost, none added */
	CHECK(strncmp(buf_str(&all), "See", 3) == 0);
	CHECK_STR(buf_str(&all) + 3, url);
	buf_free(&all);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
	vita_diags_free(d);
}

static const vita_item *first_text(const set_para *sp)
{
	for (size_t k = 0; k < sp->nitems; k++)
		if (sp->items[k].kind == VITA_ITEM_TEXT)
			return &sp->items[k];
	return NULL;
}

static void cjk_and_bold(void)
{
	bool real_cjk_bold = access("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", R_OK) == 0;
	vita_diags *d = vita_diags_new();
	vita_fonts *f = fonts_new(&style, d);
	vita_arena *ar = arena_new();
	para_opts o = {.width = 400, .align = VITA_ALIGN_LEFT};
	set_para sp;

	para *p = para_new();
	text_attr a = body();
	para_add(p, "江宸宇", strlen("江宸宇"), &a, (vita_pos){0});
	set_pieces(f, p, &o, ar, &sp, d);
	const vita_item *t = first_text(&sp);
	CHECK(t && strcmp(t->text, "江宸宇") == 0 && !t->fake_bold);
	set_para_free(&sp);
	para_free(p);

	p = para_new();
	a.bold = true;
	para_add(p, "Dušan 江宸宇", strlen("Dušan 江宸宇"), &a, (vita_pos){0});
	set_pieces(f, p, &o, ar, &sp, d);
	CHECK_INT(sp.nitems, 2);
	if (sp.nitems == 2) {
		CHECK_STR(sp.items[0].text, "Dušan");
		CHECK(!sp.items[0].fake_bold);
		CHECK_STR(sp.items[1].text, "江宸宇");
		/* a real bold from Noto Sans CJK where it is installed, else Droid's stroked fake bold */
		CHECK(sp.items[1].fake_bold == !real_cjk_bold);
		CHECK(sp.items[0].font != sp.items[1].font);
	}
	set_para_free(&sp);
	para_free(p);

	vita_doc doc = {0};
	doc.arena = ar;
	fonts_export(f, &doc);
	CHECK_INT(doc.nfonts, real_cjk_bold ? 3 : 2); /* regular Noto Sans drew nothing: not exported */
	bool droid = false, bold = false, cjk_bold = false;
	for (size_t i = 0; i < doc.nfonts; i++) {
		if (strstr(doc.fonts[i].path, "NotoSansCJK-Bold.ttc"))
			cjk_bold = doc.fonts[i].bold && doc.fonts[i].face_index == 2; /* SC */
		if (strstr(doc.fonts[i].path, "DroidSansFallbackFull.ttf"))
			droid = true;
		if (strstr(doc.fonts[i].path, "NotoSans-Bold.ttf")) {
			bold = true;
			CHECK(doc.fonts[i].bold && !doc.fonts[i].italic);
			CHECK_STR(doc.fonts[i].family, "Noto Sans");
		}
	}
	CHECK(droid && bold);
	CHECK(cjk_bold == real_cjk_bold);
	arena_free(ar);
	fonts_free(f);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 0);
	vita_diags_free(d);
}

static void missing_characters(void)
{
	vita_diags *d = vita_diags_new();
	vita_fonts *f = fonts_new(&style, d);
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	/* U+10FFFD and U+E000 (private use): no font, not even the default chain's */
	const char *s = "Report \xF4\x8F\xBF\xBD and again \xF4\x8F\xBF\xBD and \xEE\x80\x80 done";
	para_add(p, s, strlen(s), &a, (vita_pos){"cv.yaml", 7, 9});
	para_opts o = {.width = 400, .align = VITA_ALIGN_LEFT};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, d);
	set_para_free(&sp);
	set_pieces(f, p, &o, ar, &sp, d); /* set twice (as a block layout may): still warned once */
	char *msgs = diag_text(d);
	CHECK_INT(count_substr(msgs, "U+10FFFD"), 1);
	CHECK_INT(count_substr(msgs, "U+E000"), 1);
	CHECK(strstr(msgs, "cv.yaml:7:9") != NULL);
	/* The position is the field's start, and the message says so; the two characters share a
	 * script (private use: unknown), so one message names both. */
	CHECK(strstr(msgs, "cv.yaml:7:9: warning: characters '\xF4\x8F\xBF\xBD' U+10FFFD, '\xEE\x80\x80' U+E000 "
	                   "(script Zzzz) in the field that starts here are in none of the fonts; left out\n") != NULL);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 1);
	for (size_t k = 0; k < sp.nitems; k++)
		if (sp.items[k].kind == VITA_ITEM_TEXT)
			CHECK(!strstr(sp.items[k].text, "\xF4\x8F\xBF\xBD") && !strstr(sp.items[k].text, "\xEE\x80\x80"));
	free(msgs);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
	/* Set with no collector first (as a measuring pass might): the warning is not spent on
	 * nothing, it goes to the fonts' collector. */
	vita_diags *fd = vita_diags_new();
	f = fonts_new(&style, fd);
	ar = arena_new();
	p = para_new();
	para_add(p, s, strlen(s), &a, (vita_pos){"cv.yaml", 7, 9});
	set_pieces(f, p, &o, ar, &sp, NULL);
	set_para_free(&sp);
	set_pieces(f, p, &o, ar, &sp, d);
	CHECK_INT(vita_diags_count(fd, VITA_WARNING), 1);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 1); /* only the first test's, warned once */
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
	vita_diags_free(fd);
	vita_diags_free(d);
}

static void kerning_pieces(void)
{
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	para_add(p, "AVATAR", 6, &a, (vita_pos){0});
	para_opts o = {.width = 400, .align = VITA_ALIGN_LEFT};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, D);
	CHECK(sp.nitems >= 3);
	vita_buf all = {0};
	for (size_t k = 0; k < sp.nitems; k++) {
		buf_puts(&all, sp.items[k].text);
		if (k > 0)
			CHECK(sp.items[k].x > sp.items[k - 1].x);
	}
	CHECK_STR(buf_str(&all), "AVATAR");
	double unkerned = expected_milli("NotoSans-Regular.ttf", "AVATAR") * 10 / 1000.0;
	CHECK(sp.lines[0].width < unkerned - 0.1);
	CHECK(fabs(text_width(f, "AVATAR", &a) - sp.lines[0].width) < 1e-9);
	buf_free(&all);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

/* The pieces of a line in one look are stored as one item with cuts, out of line (issue 17), and
 * the cuts give back the very pieces: "AVATAR one" in one face is one item of several pieces whose
 * texts, positions and widths are those of the pieces set_pieces lists; a bold word starts another. */
static void pieces_as_cuts(void)
{
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body(), b = body();
	b.bold = true;
	para_add(p, "AVATAR one ", 11, &a, (vita_pos){0});
	para_add(p, "two", 3, &b, (vita_pos){0, 1, 1});
	para_opts o = {.width = 400, .align = VITA_ALIGN_LEFT};
	set_para sp, pieces;
	para_set(f, p, &o, ar, &sp, D);
	set_pieces(f, p, &o, ar, &pieces, D);
	CHECK_INT(sp.nitems, 2);
	CHECK(pieces.nitems >= 5); /* A|VA|TA|R one|two at the least: kerned pairs cut the word */
	if (sp.nitems == 2) {
		const vita_item *it = &sp.items[0];
		CHECK(it->has_cuts && vita_item_npieces(it) + 1 == pieces.nitems);
		CHECK(!sp.items[1].has_cuts && strcmp(sp.items[1].text, "two") == 0);
		for (size_t k = 0; k < vita_item_npieces(it) && k < pieces.nitems; k++) {
			vita_item q = vita_item_piece(it, k);
			CHECK(!q.has_cuts && q.glyphs == NULL);
			CHECK_STR(q.text, pieces.items[k].text);
			CHECK(q.x == pieces.items[k].x && q.w == pieces.items[k].w && q.y == pieces.items[k].y);
			CHECK(q.space_after == pieces.items[k].space_after);
		}
		CHECK(vita_item_piece(it, vita_item_npieces(it) - 1).space_after); /* "one" before "two" */
	}
	set_para_free(&sp);
	set_para_free(&pieces);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

/* A piece followed by a word space on its line says so (the PDF draws a space glyph there); the
 * last piece of a line, a piece inside a word (cut after kerning) and one before a forced break
 * do not. */
static void space_after(void)
{
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	para_add(p, "AVATAR one  two", 15, &a, (vita_pos){0});
	para_break(p);
	para_add(p, "three four", 10, &a, (vita_pos){0});
	para_opts o = {.width = 400, .align = VITA_ALIGN_JUSTIFIED};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, D);
	vita_buf got = {0};
	for (size_t k = 0; k < sp.nitems; k++)
		if (sp.items[k].kind == VITA_ITEM_TEXT)
			buf_printf(&got, "%s%s|", sp.items[k].text, sp.items[k].space_after ? "_" : "");
	/* "AVATAR" is cut into pieces by kerning: only its last piece has the space */
	CHECK(strstr(buf_str(&got), "R_|one_|two|") != NULL);
	CHECK(strstr(buf_str(&got), "e_|four|") != NULL);
	CHECK_INT(count_substr(buf_str(&got), "_"), 3);
	if (count_substr(buf_str(&got), "_") != 3)
		printf("  got %s\n", buf_str(&got));
	CHECK_INT(sp.nlines, 2);
	buf_free(&got);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

/* An underline skips the ink of descenders (p, g, y, "/") and is one rule under text without
 * any; no piece of it crosses a descender. */
static void underline_skips_descenders(void)
{
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	const char *texts[] = {"the mn home", "gypsy jumping"};
	for (int t = 0; t < 2; t++) {
		para *p = para_new();
		text_attr l = body();
		l.underline = true;
		para_add(p, texts[t], strlen(texts[t]), &l, (vita_pos){0});
		para_opts o = {.width = 400, .align = VITA_ALIGN_LEFT};
		set_para sp;
		set_pieces(f, p, &o, ar, &sp, D);
		size_t rules = 0;
		double left = 1e9, right = -1e9, cover = 0;
		for (size_t k = 0; k < sp.nitems; k++) {
			const vita_item *v = &sp.items[k];
			if (v->kind != VITA_ITEM_RULE)
				continue;
			rules++;
			left = v->x < left ? v->x : left;
			right = v->x + v->w > right ? v->x + v->w : right;
			cover += v->w;
			/* no descender's text piece lies under this rule */
			for (size_t q = 0; q < sp.nitems; q++) {
				const vita_item *w = &sp.items[q];
				if (w->kind == VITA_ITEM_TEXT && strpbrk(w->text, "gpy") && strlen(w->text) == 1)
					CHECK(w->x + w->w <= v->x || w->x >= v->x + v->w);
			}
		}
		if (t == 0) {
			CHECK_INT(rules, 1);
			CHECK(right - left > 40);
		} else {
			CHECK(rules >= 2);
			CHECK(cover < right - left - 10); /* the gaps add up */
		}
		set_para_free(&sp);
		para_free(p);
	}
	arena_free(ar);
	fonts_free(f);
}

static void links_and_breaks(void)
{
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	para_add(p, "Visit ", 6, &a, (vita_pos){0});
	text_attr l = a;
	l.link = "https://example.org";
	l.underline = true;
	para_add(p, "my home page", 12, &l, (vita_pos){0});
	para_break(p);
	para_break(p);
	para_add(p, "after", 5, &a, (vita_pos){0});
	para_opts o = {.width = 400, .align = VITA_ALIGN_JUSTIFIED, .extra = 3};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, D);
	CHECK_INT(sp.nlines, 3);
	size_t links = 0, rules = 0;
	for (size_t k = 0; k < sp.nitems; k++) {
		const vita_item *v = &sp.items[k];
		if (v->kind == VITA_ITEM_LINK) {
			links++;
			CHECK_STR(v->text, "https://example.org");
			CHECK(v->x > 0 && v->h > 0 && v->y < sp.lines[0].baseline);
		}
		if (v->kind == VITA_ITEM_RULE) {
			rules++;
			CHECK(v->y > sp.lines[0].baseline);
		}
	}
	CHECK_INT(links, 1);
	CHECK(rules >= 3); /* the underline breaks around the descenders of y, p and g */
	/* the link covers "my home page": from "my" to the end of "page" */
	if (sp.nlines == 3) {
		char buf[256];
		line_text(&sp, 0, buf, sizeof buf);
		CHECK_STR(buf, "Visit my home page");
		CHECK_INT(sp.lines[1].n, 0);
		line_text(&sp, 2, buf, sizeof buf);
		CHECK_STR(buf, "after");
		/* a forced break leaves its line unjustified */
		CHECK(line_right(&sp, 0) < 200);
		double lh = sp.lines[1].baseline - sp.lines[0].baseline;
		CHECK(fabs(sp.lines[2].baseline - sp.lines[1].baseline - lh) < 1e-9);
		CHECK(lh > 10 + 3);
	}
	set_para_free(&sp);
	para_free(p);

	/* empty paragraph */
	p = para_new();
	CHECK(para_empty(p));
	CHECK_INT(set_pieces(f, p, &o, ar, &sp, D), 0);
	CHECK_INT(sp.nlines, 0);
	CHECK(sp.height == 0);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

static void hyphenation(void)
{
	vita_diags *d = vita_diags_new();
	vita_fonts *f = fonts_new(&style, d);
	vita_arena *ar = arena_new();
	const char *text = "Investigated probabilistic characterizations of international "
	                   "telecommunications infrastructure, demonstrating considerable "
	                   "improvements in reliability, responsiveness and maintainability.";
	para *p = para_new();
	text_attr a = body();
	para_add(p, text, strlen(text), &a, (vita_pos){0});
	para_opts o = {.width = 110, .align = VITA_ALIGN_JUSTIFIED, .hyphenate = true};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, d);
	vita_buf joined = {0};
	size_t hyphenated = 0;
	for (size_t li = 0; li < sp.nlines; li++) {
		char buf[1024];
		line_text(&sp, li, buf, sizeof buf);
		size_t len = strlen(buf);
		CHECK(line_right(&sp, li) <= 110 + 0.01);
		if (li + 1 < sp.nlines && strchr(buf, ' '))
			CHECK(fabs(line_right(&sp, li) - 110) <= 0.01);
		if (joined.len && joined.data[joined.len - 1] == '-') {
			joined.data[--joined.len] = 0; /* the text has no hyphen of its own */
			hyphenated++;
		} else if (li > 0) {
			buf_putc(&joined, ' ');
		}
		buf_put(&joined, buf, len);
	}
	CHECK(hyphenated >= 1);
	CHECK_STR(buf_str(&joined), text);
	printf("  %zu lines, %zu hyphenated\n", sp.nlines, hyphenated);
	set_para_free(&sp);

	/* without hyphenation: no line ends in a hyphen */
	o.hyphenate = false;
	set_pieces(f, p, &o, ar, &sp, d);
	for (size_t li = 0; li < sp.nlines; li++) {
		char buf[1024];
		line_text(&sp, li, buf, sizeof buf);
		CHECK(buf[0] && buf[strlen(buf) - 1] != '-');
	}
	set_para_free(&sp);
	buf_free(&joined);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 0);
	vita_diags_free(d);
}

/* The lines of text set justified at width (with hyphenation), each as line_text gives it. */
static size_t set_lines(vita_fonts *f, const char *text, double width, const char *const *ties, size_t nties,
                        char lines[][512], size_t max)
{
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	para_add(p, text, strlen(text), &a, (vita_pos){0});
	vita_ties *t = ties_new();
	for (size_t i = 0; i < nties; i++)
		ties_add(t, ties[i], strlen(ties[i]));
	para_opts o = {.width = width, .align = VITA_ALIGN_JUSTIFIED, .hyphenate = true, .ties = t};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, NULL);
	size_t n = sp.nlines < max ? sp.nlines : max;
	for (size_t li = 0; li < n; li++) {
		line_text(&sp, li, lines[li], 512);
		CHECK(line_right(&sp, li) <= width + 0.01);
	}
	set_para_free(&sp);
	para_free(p);
	ties_free(t);
	arena_free(ar);
	return n;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcmp(s + a - b, tail) == 0;
}

/* TeX's rules and the ties, at every measure from 60 to 300 pt: no line starts with "+" or "%"
 * after a number, none ends with a title or an initial, a tied name is never split, a word with an
 * inner capital and a paragraph's last word are never hyphenated, and no three hyphenated lines
 * follow each other. */
static void hyphenation_rules_and_ties(void)
{
	vita_fonts *f = fonts_new(&style, D);
	static const char *const ties[] = {"Yutong Lu", "Lin-mei Wang"};
	const char *text = "Served 50M+ devices and 2M+ monthly users with 99.9% availability, advised by "
	                   "Prof. Shiguang Shan and Dr. J. Smith, with Yutong Lu and Lin-mei Wang, on ImageNet "
	                   "classification and characterization of international telecommunications "
	                   "infrastructure with considerable improvements in responsiveness and maintainability";
	char lines[64][512];
	size_t bad = 0;
	for (double w = 60; w <= 300; w += 2.5) {
		size_t n = set_lines(f, text, w, ties, 2, lines, 64);
		size_t run = 0;
		for (size_t li = 0; li < n; li++) {
			const char *l = lines[li];
			bool hy = ends_with(l, "-") && !ends_with(l, "Lin-");
			run = hy ? run + 1 : 0;
			bool wrong = run > 2 || (li > 0 && (l[0] == '+' || l[0] == '%')) || ends_with(l, " Prof.") ||
			             ends_with(l, " Dr.") || ends_with(l, " J.") || ends_with(l, "Yutong") ||
			             ends_with(l, "Lin-") || ends_with(l, "Lin") || strstr(l, "Ima-") || ends_with(l, "Image-") ||
			             (li + 1 == n && li > 0 && ends_with(lines[li - 1], "-") && strchr(l, ' ') == NULL);
			if (wrong && bad++ < 8)
				printf("  width %.1f, line %zu: \"%s\"\n", w, li, l);
		}
	}
	CHECK_INT(bad, 0);
	/* a name wider than the measure is broken at its space, not cut inside a word */
	size_t n = set_lines(f, "Yutong Lu", 36, ties, 2, lines, 64);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(lines[0], "Yutong");
		CHECK_STR(lines[1], "Lu");
	}
	fonts_free(f);
}

/* The pattern matcher in breaks.c gives libhyphen's hyphenation points. */
/* The generated table's vita_hyph_maxlen is its longest pattern's length (breaks.c tries no longer
 * substring). */
static void hyphen_maxlen(void)
{
	size_t max = 0;
	for (size_t i = 0; i < vita_hyph_npatterns; i++) {
		size_t n = strlen(HYPH_LETTERS(&vita_hyph_patterns[i]));
		max = n > max ? n : max;
	}
	CHECK(vita_hyph_npatterns > 0 && max == vita_hyph_maxlen);
}

/* 1 when breaks.c's points for word differ from libhyphen's (and says how), else 0. */
static size_t differs_from_libhyphen(HyphenDict *dict, const char *word)
{
	size_t differ = 0;
	size_t len = strlen(word);
	char hy[MAX_WORD_TEST + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	CHECK_INT(hnj_hyphen_hyphenate3(dict, word, (int)len, hy, NULL, &rep, &pos, &cut, 2, 3, 2, 2), 0);
	bool pts[MAX_WORD_TEST];
	CHECK(breaks_hyphen_points(word, pts));
	char mine[2 * MAX_WORD_TEST], theirs[2 * MAX_WORD_TEST];
	size_t a = 0, b = 0;
	for (size_t i = 0; i < len; i++) {
		mine[a++] = theirs[b++] = word[i];
		if (pts[i] && i + 1 < len)
			mine[a++] = '-';
		if ((hy[i] & 1) && i + 1 < len)
			theirs[b++] = '-';
	}
	mine[a] = theirs[b] = 0;
	if (strcmp(mine, theirs) != 0) {
		differ = 1;
		printf("  %s: vita %s, libhyphen %s\n", word, mine, theirs);
	}
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	return differ;
}

static void hyphen_patterns_match_libhyphen(void)
{
	HyphenDict *dict = hnj_hyphen_load("/usr/share/hyphen/hyph_en_US.dic");
	if (!dict)
		SKIP("no /usr/share/hyphen/hyph_en_US.dic");
	static const char *words[] = {
	    "investigated", "probabilistic", "characterizations", "international", "telecommunications",
	    "infrastructure", "demonstrating", "considerable", "improvements", "reliability", "responsiveness",
	    "maintainability", "developed", "distributed", "processing", "telemetry", "thousands", "reducing",
	    "latency", "minutes", "seconds", "cutting", "percent", "engineers", "migration", "legacy", "services",
	    "architecture", "automated", "deployment", "observability", "documented", "interfaces", "hyphenation",
	    "university", "laboratory", "mathematics", "computational", "neuroscience", "publication",
	    "presentation", "conference", "proceedings", "experimental", "optimization", "algorithm", "recognition",
	    "association", "collaboration", "supervised", "undergraduate", "postdoctoral", "fellowship",
	    "scholarship", "programming", "javascript", "kubernetes", "microservices", "scalability", "table",
	    "present", "record", "project", "progress", "academic", "abcdefghij", "zzzzzz", "aaaaa"};
	size_t differ = 0;
	size_t nwords = sizeof words / sizeof *words;
	for (size_t w = 0; w < 2 * nwords; w++) /* each word twice: then from breaks.c's cache */
		differ += differs_from_libhyphen(dict, words[w % nwords]);
	/* two words run together, some 4 400 different ones, twice: the cache grows (256 slots, then
	 * 1 024 and 4 096, emptied each time) while they pass, and its answers must stay libhyphen's */
	char compound[2 * MAX_WORD_TEST];
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nwords; i++)
			for (size_t j = 0; j < nwords; j++) {
				if (strlen(words[i]) + strlen(words[j]) > 27)
					continue;
				snprintf(compound, sizeof compound, "%s%s", words[i], words[j]);
				differ += differs_from_libhyphen(dict, compound);
			}
	CHECK_INT(differ, 0);
	hnj_hyphen_free(dict);
}

static void attributes(void)
{
	vita_diags *d = vita_diags_new();
	vita_fonts *f = fonts_new(&style, d);
	vita_arena *ar = arena_new();
	para_opts o = {.width = 400, .align = VITA_ALIGN_LEFT};
	set_para sp;

	/* superscript: smaller and raised, with the proportions the font gives */
	para *p = para_new();
	text_attr a = body();
	para_add(p, "Smith", 5, &a, (vita_pos){0});
	text_attr sup = a;
	sup.superscript = true;
	para_add(p, "*", 1, &sup, (vita_pos){0});
	set_pieces(f, p, &o, ar, &sp, d);
	CHECK_INT(sp.nitems, 2);
	if (sp.nitems == 2) {
		CHECK(sp.items[1].size < 10 && sp.items[1].size > 5);
		CHECK(sp.items[1].y < sp.items[0].y - 1);
		CHECK(fabs(sp.items[1].x - (sp.items[0].x + sp.items[0].w)) < 1e-9);
	}
	set_para_free(&sp);
	para_free(p);

	/* small caps: Noto Sans has `smcp`, so the lower-case letter is its small-cap glyph at the same
	 * size, a piece that keeps the text's case ("b", not "B") for extraction (tests/sh/smallcaps.sh:
	 * a font without smcp) */
	p = para_new();
	text_attr sc = a;
	sc.small_caps = true;
	para_add(p, "Ab", 2, &sc, (vita_pos){0});
	set_pieces(f, p, &o, ar, &sp, d);
	CHECK_INT(sp.nitems, 2);
	if (sp.nitems == 2) {
		CHECK_STR(sp.items[0].text, "A");
		CHECK_STR(sp.items[1].text, "b");
		CHECK_INT(sp.items[1].nglyphs, 1);
		CHECK(sp.items[1].size == sp.items[0].size);
	}
	set_para_free(&sp);
	para_free(p);

	/* colours per run; a family that is not installed warns once and falls back */
	p = para_new();
	text_attr red = a;
	red.color = (vita_rgb){1, 0, 0};
	red.family = "Comic Sans";
	para_add(p, "red ", 4, &red, (vita_pos){"cv.yaml", 3, 4});
	para_add(p, "red", 3, &red, (vita_pos){"cv.yaml", 3, 4});
	set_pieces(f, p, &o, ar, &sp, d);
	char line[64];
	line_text(&sp, 0, line, sizeof line);
	CHECK_STR(line, "red red");
	for (size_t k = 0; k < sp.nitems; k++)
		CHECK(sp.items[k].color == fonts_color(f, red.color));
	CHECK(fonts_color(f, red.color) != fonts_color(f, a.color)); /* red has a palette entry of its own */
	char *msgs = diag_text(d);
	CHECK_INT(count_substr(msgs, "Comic Sans"), 1);
	free(msgs);
	set_para_free(&sp);
	para_free(p);

	/* a span tree: bold, italic, code, link, hard break */
	vita_span t2 = {.kind = VITA_SPAN_TEXT, .text = "bold"};
	vita_span t4 = {.kind = VITA_SPAN_TEXT, .text = "site"};
	vita_span code = {.kind = VITA_SPAN_CODE, .text = "x()"};
	vita_span link = {.kind = VITA_SPAN_LINK, .url = "https://x.org", .children = &t4, .next = &code};
	vita_span brk = {.kind = VITA_SPAN_BREAK, .next = &link};
	vita_span strong = {.kind = VITA_SPAN_STRONG, .children = &t2, .next = &brk};
	p = para_new();
	para_add_spans(p, &strong, &a, &style, (vita_pos){0});
	set_pieces(f, p, &o, ar, &sp, d);
	CHECK_INT(sp.nlines, 2);
	size_t nlink = 0;
	for (size_t k = 0; k < sp.nitems; k++)
		if (sp.items[k].kind == VITA_ITEM_LINK)
			nlink++;
	CHECK_INT(nlink, 1);
	vita_doc doc = {0};
	doc.arena = ar;
	fonts_export(f, &doc);
	bool mono = false, bold = false;
	for (size_t i = 0; i < doc.nfonts; i++) {
		mono |= strcmp(doc.fonts[i].family, "Noto Sans Mono") == 0;
		bold |= doc.fonts[i].bold;
	}
	CHECK(mono && bold);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
	vita_diags_free(d);
}

/* The face each character of s is drawn with, as "family" per TEXT item joined by '|'. */
static void faces_of(const char *s, vita_diags *d, vita_buf *out)
{
	vita_fonts *f = fonts_new(&style, d);
	vita_arena *ar = arena_new();
	vita_doc doc = {.arena = ar};
	para *p = para_new();
	text_attr a = body();
	para_add(p, s, strlen(s), &a, (vita_pos){"cv.yaml", 3, 5});
	para_opts o = {.width = 2000, .align = VITA_ALIGN_LEFT};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, d);
	fonts_export(f, &doc);
	for (size_t k = 0; k < sp.nitems; k++)
		if (sp.items[k].kind == VITA_ITEM_TEXT)
			buf_printf(out, "%s:%s|", sp.items[k].text, doc.fonts[sp.items[k].font].family);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

/* The fallback chain's folder, as $VITA_FALLBACK_FONTS would set it (vita_env reads the
 * environment once; NULL: the system's folder). */
static void set_fallback(const char *dir)
{
	vita_env e = *vita_env_get();
	e.fallback_fonts = dir;
	vita_env_set(&e);
}

/* Characters no style font has come from the default chain of installed fonts, by script, across
 * every plane; without the chain (VITA_FALLBACK_FONTS empty) they are warned about. */
static void default_chain(void)
{
	if (access("/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", R_OK) != 0 ||
	    access("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", R_OK) != 0) {
		SKIP("fonts-noto-core or fonts-symbola is not installed (scripts/deps.sh test)");
		return;
	}
	const char *s = "سلام שלום नमस्ते สวัสดี გამარჯობა Բարեւ \xF0\x9D\x90\x80 ★ \xF0\x9F\x93\x84 ok";
	vita_diags *d = vita_diags_new();
	vita_buf got = {0};
	faces_of(s, d, &got);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 0);
	const char *want[] = {"سلام:Noto Sans Arabic|", "שלום:Noto Sans Hebrew|", ":Noto Sans Devanagari|",
	                      "สวัสดี:Noto Sans Thai|", "ჯობა:Noto Sans Georgian|",
	                      "Բարեւ:Noto Sans Armenian|", "\xF0\x9D\x90\x80:Noto Sans Math|",
	                      "★:Noto Sans Symbols 2|", "\xF0\x9F\x93\x84:Symbola|", "|ok:Noto Sans|"};
	/* an emoji in emoji presentation: the colour font when it is installed (emoji.c) */
	if (access("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", R_OK) == 0)
		want[8] = "\xF0\x9F\x93\x84:Noto Color Emoji|";
	bool all = true;
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		all = all && strstr(buf_str(&got), want[i]);
	CHECK(all);
	if (!all)
		printf("  got %s\n", buf_str(&got));
	buf_free(&got);
	vita_diags_free(d);

	set_fallback("");
	d = vita_diags_new();
	vita_buf none = {0};
	faces_of(s, d, &none);
	set_fallback(NULL);
	CHECK(strstr(buf_str(&none), "Noto Sans Arabic") == NULL);
	/* one message per script, naming the package that would draw it */
	char *msgs = diag_text(d);
	CHECK_INT(count_substr(msgs, "(script Arab)"), 1);
	CHECK_INT(count_substr(msgs, "(script Hebr)"), 1);
	CHECK(strstr(msgs, "'\xD8\xB3' U+0633, '\xD9\x84' U+0644, '\xD8\xA7' U+0627, '\xD9\x85' U+0645 (script Arab) "
	                   "in the field that starts here are in none of the fonts; left out; install "
	                   "Debian's fonts-noto-core for Noto Sans Arabic") != NULL);
	if (!strstr(msgs, "install Debian's fonts-noto-core for Noto Sans Arabic"))
		printf("%s", msgs);
	free(msgs);
	buf_free(&none);
	vita_diags_free(d);
}

/* Right-to-left words are placed in visual order (the second word left of the first), the
 * left-to-right text around them keeps its order, and the text of each item stays logical. */
static void bidi_order(void)
{
	if (access("/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf", R_OK) != 0) {
		SKIP("fonts-noto-core is not installed");
		return;
	}
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	const char *s = "abc \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D def"; /* שלום עולם */
	para_add(p, s, strlen(s), &a, (vita_pos){0});
	para_opts o = {.width = 400, .align = VITA_ALIGN_LEFT};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, D);
	double xabc = -1, x1 = -1, x2 = -1, xdef = -1;
	for (size_t k = 0; k < sp.nitems; k++) {
		const vita_item *v = &sp.items[k];
		if (v->kind != VITA_ITEM_TEXT)
			continue;
		if (!strcmp(v->text, "abc"))
			xabc = v->x;
		else if (!strcmp(v->text, "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"))
			x1 = v->x;
		else if (!strcmp(v->text, "\xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D"))
			x2 = v->x;
		else if (!strcmp(v->text, "def"))
			xdef = v->x;
	}
	CHECK(xabc >= 0 && x1 > 0 && x2 > 0 && xdef > 0);
	CHECK(xabc < x2 && x2 < x1 && x1 < xdef);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

/* Writes a copy of font src to dst with OS/2 fsType set to 2 (restricted license embedding). */
static bool write_restricted(const char *src, const char *dst)
{
	size_t n = 0;
	vita_diags *d = vita_diags_new();
	char *data = read_file(src, 64u << 20, &n, d);
	vita_diags_free(d);
	if (!data || n < 12)
		return false;
	unsigned char *u = (unsigned char *)data;
	unsigned ntab = (unsigned)u[4] << 8 | u[5];
	bool done = false;
	for (unsigned i = 0; i < ntab && 28 + 16 * i <= n; i++) {
		const unsigned char *r = u + 12 + 16 * i;
		size_t off = (size_t)r[8] << 24 | (size_t)r[9] << 16 | (size_t)r[10] << 8 | r[11];
		if (!memcmp(r, "OS/2", 4) && off + 10 <= n) {
			u[off + 8] = 0;
			u[off + 9] = 2;
			done = true;
		}
	}
	FILE *fp = done ? fopen(dst, "wb") : NULL;
	bool ok = fp && fwrite(data, 1, n, fp) == n;
	if (fp)
		ok = fclose(fp) == 0 && ok;
	free(data);
	return ok;
}

/* A font whose OS/2 fsType forbids embedding is refused with a note naming it, and not drawn. */
static void restricted_font(void)
{
	const char *src = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
	if (access(src, R_OK) != 0) {
		SKIP("fonts-noto-core is not installed");
		return;
	}
	char dir[] = "/tmp/vita-fstype-XXXXXX";
	if (!mkdtemp(dir)) {
		SKIP("cannot make a temporary folder");
		return;
	}
	char sub[600], path[700];
	snprintf(sub, sizeof sub, "%s/truetype", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof sub, "%s/truetype/noto", dir);
	mkdir(sub, 0755);
	snprintf(path, sizeof path, "%s/NotoSansArabic-Regular.ttf", sub);
	CHECK(write_restricted(src, path));
	set_fallback(dir);
	vita_diags *d = vita_diags_new();
	vita_buf got = {0};
	faces_of("\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 ok", d, &got); /* سلام */
	set_fallback(NULL);
	char *msgs = diag_text(d);
	CHECK(strstr(msgs, "NotoSansArabic-Regular.ttf: note: the font's embedding permission (OS/2 fsType: "
	                   "restricted license) forbids embedding it in a PDF; it is not used") != NULL);
	CHECK(strstr(buf_str(&got), "Noto Sans Arabic") == NULL);
	free(msgs);
	buf_free(&got);
	vita_diags_free(d);
	unlink(path);
	rmdir(sub);
	snprintf(sub, sizeof sub, "%s/truetype", dir);
	rmdir(sub);
	rmdir(dir);
}

/* A shaped word wider than the measure (Thai has no spaces) is broken like any other overlong
 * word: no line runs past the measure. */
static void long_shaped_word(void)
{
	if (access("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf", R_OK) != 0) {
		SKIP("fonts-noto-core is not installed");
		return;
	}
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	const char *thai = "\xE0\xB8\xA1\xE0\xB8\xAB\xE0\xB8\xB2\xE0\xB8\xA7\xE0\xB8\xB4\xE0\xB8\x97"
	                   "\xE0\xB8\xA2\xE0\xB8\xB2\xE0\xB8\xA5\xE0\xB8\xB1\xE0\xB8\xA2"; /* มหาวิทยาลัย */
	for (int i = 0; i < 6; i++)
		para_add(p, thai, strlen(thai), &a, (vita_pos){0});
	para_opts o = {.width = 100, .align = VITA_ALIGN_LEFT};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, D);
	CHECK(sp.nlines > 1);
	for (size_t k = 0; k < sp.nitems; k++)
		CHECK(sp.items[k].x + sp.items[k].w <= 100 + 1e-6);
	/* the same word alone fits: shaped */
	para *q = para_new();
	para_add(q, thai, strlen(thai), &a, (vita_pos){0});
	set_para sq;
	set_pieces(f, q, &o, ar, &sq, D);
	CHECK(sq.nitems == 1 && sq.items[0].glyphs != NULL);
	set_para_free(&sq);
	para_free(q);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

/* Thai, Lao and Khmer have no spaces between words: a line breaks only where the dictionary
 * (libthai, ICU: dictbreak.c) puts a word boundary, and each line fits its measure. */
static void dict_word_breaks(const char *font, const char *s, double width)
{
	if (access(font, R_OK) != 0) {
		SKIP("fonts-noto-core is not installed");
		return;
	}
	/* libthai's boundaries, in code points */
	size_t n = 0;
	static tchar c[1024];
	for (size_t i = 0; s[i] && n < 1024;) {
		memset(&c[n], 0, sizeof c[n]);
		i += utf8_decode(s + i, strlen(s + i), &c[n].cp);
		n++;
	}
	static size_t cuts[512]; /* more than the layout asks for at once (complex.c) */
	bool missing;
	size_t ncuts = dict_words(c, n, cuts, 512, &missing);
	if (missing) {
		SKIP("libthai is not installed (libthai0)");
		return;
	}
	CHECK(ncuts >= 10);
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	para_add(p, s, strlen(s), &a, (vita_pos){0});
	para_opts o = {.width = width, .align = VITA_ALIGN_LEFT};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, D);
	CHECK(sp.nlines >= 3);
	/* where each line after the first starts, in code points of s: a boundary */
	size_t at = 0, bad = 0;
	double y = sp.nitems ? sp.items[0].y : 0;
	for (size_t k = 0; k < sp.nitems; k++) {
		const vita_item *it = &sp.items[k];
		if (it->kind != VITA_ITEM_TEXT)
			continue;
		CHECK(it->x + it->w <= width + 1e-6);
		if (it->y != y) {
			bool found = false;
			for (size_t j = 0; j < ncuts; j++)
				found = found || cuts[j] == at;
			bad += !found;
			y = it->y;
		}
		for (size_t i = 0; it->text[i];) {
			uint32_t cp;
			i += utf8_decode(it->text + i, strlen(it->text + i), &cp);
			at++;
		}
	}
	CHECK(at == n); /* every character drawn, none added */
	CHECK(bad == 0);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

static void thai_word_breaks(void)
{
	dict_word_breaks("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
	                 "ภาษาไทยเป็นภาษาที่มีความซับซ้อนมากและไม่มีการเว้นวรรคระหว่างคำซึ่งทำให้การตัดบรรทัด"
	                 "เป็นเรื่องยากสำหรับโปรแกรมคอมพิวเตอร์ทั่วไป", 150);
}

/* A Thai paragraph of more words than one segmentation call returns (64): breaks all the way. */
static void thai_long_paragraph(void)
{
	static const char *const word = "ภาษาไทยเป็นภาษาที่มีความซับซ้อน";
	char s[4096] = "";
	for (int i = 0; i < 20; i++)
		strcat(s, word);
	dict_word_breaks("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf", s, 150);
}

static void lao_khmer_word_breaks(void)
{
	dict_word_breaks("/usr/share/fonts/truetype/noto/NotoSansLao-Regular.ttf",
	                 "ພາສາລາວເປັນພາສາທາງການຂອງສາທາລະນະລັດປະຊາທິປະໄຕປະຊາຊົນລາວແລະຖືກນຳໃຊ້ໃນໂຮງຮຽນ", 90);
	dict_word_breaks("/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf",
	                 "ភាសាខ្មែរគឺជាភាសាផ្លូវការរបស់ប្រទេសកម្ពុជាហើយត្រូវបានប្រើនៅក្នុងសាលារៀននិងសាកលវិទ្យាល័យ", 90);
}

/* Kinsoku: at every measure, no line of CJK text starts with closing punctuation (、。，）」),
 * which UAX #14 keeps with the character before it. */
static void cjk_kinsoku(void)
{
	const char *s = "我们研究了「分布式系统」的可靠性。我们提出了新的调度算法（基于学习），并在集群上验证、"
	                "比较了性能。日本語の文章も「括弧」と句読点、。を含む。";
	static const char *const closing[] = {"、", "。", "，", "）", "」"};
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	para_add(p, s, strlen(s), &a, (vita_pos){0});
	size_t bad = 0, lines = 0;
	for (double w = 40; w <= 160; w += 3.7) {
		para_opts o = {.width = w, .align = VITA_ALIGN_LEFT};
		set_para sp;
		set_pieces(f, p, &o, ar, &sp, D);
		double y = -1;
		for (size_t k = 0; k < sp.nitems; k++) {
			const vita_item *it = &sp.items[k];
			if (it->kind != VITA_ITEM_TEXT || it->y == y)
				continue;
			y = it->y;
			lines++;
			for (size_t j = 0; j < sizeof closing / sizeof *closing; j++)
				if (strncmp(it->text, closing[j], strlen(closing[j])) == 0) {
					printf("  width %.1f: a line starts with %s\n", w, closing[j]);
					bad++;
				}
		}
		set_para_free(&sp);
	}
	CHECK(lines > 100);
	CHECK(bad == 0);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

static void cjk_justified(void)
{
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	const char *s = "我们在大规模分布式系统中研究了可靠性与性能之间的权衡并提出了新的调度算法";
	para *p = para_new();
	text_attr a = body();
	para_add(p, s, strlen(s), &a, (vita_pos){0});
	para_opts o = {.width = 105, .align = VITA_ALIGN_JUSTIFIED};
	set_para sp;
	set_pieces(f, p, &o, ar, &sp, D);
	CHECK(sp.nlines >= 3);
	vita_buf all = {0};
	for (size_t li = 0; li < sp.nlines; li++) {
		if (li + 1 < sp.nlines)
			CHECK(fabs(line_right(&sp, li) - 105) <= 0.01);
		CHECK(line_right(&sp, li) <= 105 + 0.01);
		for (size_t k = sp.lines[li].first; k < sp.lines[li].first + sp.lines[li].n; k++)
			buf_puts(&all, sp.items[k].text);
	}
	CHECK_STR(buf_str(&all), s);
	buf_free(&all);
	set_para_free(&sp);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

static void long_paragraph(void)
{
	vita_fonts *f = fonts_new(&style, D);
	vita_arena *ar = arena_new();
	para *p = para_new();
	text_attr a = body();
	vita_buf b = {0};
	static const char *words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "information", "system",
	                              "of", "a", "to", "reproducibility", "the"};
	for (int i = 0; i < 5000; i++) {
		buf_puts(&b, words[(i * 7 + i / 3) % 12]);
		buf_putc(&b, ' ');
	}
	para_add(p, b.data, b.len, &a, (vita_pos){0});
	for (int align = 0; align < 2; align++) {
		para_opts o = {.width = 300, .align = align ? VITA_ALIGN_JUSTIFIED : VITA_ALIGN_LEFT, .hyphenate = true};
		set_para sp;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		set_pieces(f, p, &o, ar, &sp, D);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("  5000 words %s: %zu lines in %.1f ms\n", align ? "justified" : "ragged", sp.nlines,
		       (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
		CHECK(sp.nlines > 100);
		for (size_t li = 0; li < sp.nlines; li++)
			CHECK(line_right(&sp, li) <= 300 + 0.01);
		set_para_free(&sp);
	}
	buf_free(&b);
	para_free(p);
	arena_free(ar);
	fonts_free(f);
}

/* Where emoji sequences end (UTS #51): whole sequences, and what is not one. */
static void emoji_sequences(void)
{
	static const struct {
		const char *s;
		size_t want;
	} cases[] = {
		{"\xF0\x9F\x8E\x93 x", 4},                       /* 🎓: emoji presentation */
		{"\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x94\xAC!", 11}, /* 👩‍🔬: ZWJ sequence */
		{"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", 8},           /* 👍🏽: skin tone */
		{"\xF0\x9F\x87\xB5\xF0\x9F\x87\xB1\xF0\x9F\x87\xAF", 8}, /* 🇵🇱 then a lone 🇯: one flag */
		{"1\xEF\xB8\x8F\xE2\x83\xA3", 7},                 /* 1️⃣: keycap */
		{"1\xE2\x83\xA3", 4},                               /* 1⃣ without FE0F: still a keycap */
		{"1\xEF\xB8\x8F", 0},                               /* 1 + FE0F alone: no keycap */
		{"\xE2\x9D\xA4\xEF\xB8\x8F", 6},                   /* ❤️: FE0F makes an emoji */
		{"\xE2\x9D\xA4 ", 0},                               /* ❤: text presentation */
		{"\xF0\x9F\x8E\x93\xEF\xB8\x8E", 0},               /* 🎓 + FE0E: text asked for */
		{"\xE2\x98\x85", 0},                                /* ★: pictographic, text presentation */
		{"\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xB3\xF3\xA0\x81\xA3"
		 "\xF3\xA0\x81\xB4\xF3\xA0\x81\xBF", 28},       /* 🏴 + tags + cancel tag: Scotland */
		{"\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2", 4}, /* tags without the cancel tag: the flag alone */
		{"\xF0\x9F\x91\xA9\xE2\x80\x8D", 4},               /* a trailing ZWJ is not part of it */
		{"\xE2\x80\x8D\xF0\x9F\x94\xAC", 0},               /* a ZWJ starts nothing */
		{"\xF0\x9F\xAB\xA8", 4},                           /* 🫨 (Unicode 15): in U+1FA70–1FAFF */
		{"a", 0},
		{"", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t got = emoji_sequence(cases[i].s, strlen(cases[i].s));
		if (got != cases[i].want)
			printf("  case %zu: %zu bytes, want %zu\n", i, got, cases[i].want);
		CHECK(got == cases[i].want);
	}
	/* a cut sequence never reads past its end */
	CHECK(emoji_sequence("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x94\xAC", 7) == 4);
}

/* face_glyph's cached glyphs and advances are HarfBuzz's, looked up and then from the cache, for
 * code points in the cache's range, missing ones, and beyond it. */
static void glyph_cache(void)
{
	vita_fonts *f = fonts_new(&style, D);
	bool fake;
	face *fc = fonts_face(f, fonts_family(f, "Noto Sans", (vita_pos){0}, D), false, false, &fake, D);
	CHECK(fc != NULL);
	int bad = 0;
	for (uint32_t cp = 0; fc && cp < FACE_WCACHE + 600 && bad < 5; cp += cp < 0x250 ? 1 : 7)
		for (int pass = 0; pass < 2; pass++) {
			uint32_t g;
			int32_t adv;
			bool ok = face_glyph(fc, cp, &g, &adv);
			hb_codepoint_t hg = 0;
			bool hok = hb_font_get_nominal_glyph(fc->font, cp, &hg);
			if (ok != hok || (ok && (g != hg || adv != hb_font_get_glyph_h_advance(fc->font, hg)))) {
				test_failures_++;
				bad++;
				printf("  U+%04X (pass %d): face_glyph %d %u %d, HarfBuzz %d %u\n", (unsigned)cp, pass, ok,
				       (unsigned)g, (int)adv, hok, (unsigned)hg);
			}
		}
	fonts_free(f);
}

/* breaks_mark passes libunibreak each code point below U+0100 as the first of its class
 * (src/layout/breaks.c): on random text of every such code point mixed with spaces, marks,
 * no-break and zero-width spaces, CJK and line ends, the breaks are the library's on the text
 * itself. */
static void unibreak_representatives(void)
{
	static const uint32_t extra[] = {0x0301, 0x00A0, 0x200B, 0x2060, 0x4E2D, 0x3002, 0x2014, 0x2019,
	                                 0x0E01, 0x05D0, ' ', ' ', ' ', '\n', 0x2028, 0xFF08};
	enum { N = 40, EXTRA = sizeof extra / sizeof *extra };
	uint32_t cp[N];
	char want[N], got[N];
	unsigned long seed = 17;
	int bad = 0;
	/* the second half of the rounds is mostly letters, so that runs of them (passed to libunibreak
	 * as one, breaks.c's unibreak_runs) meet every neighbour */
	for (int round = 0; round < 40000 && bad < 5; round++) {
		size_t n = 1 + round % N;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			unsigned r = (unsigned)(seed >> 33) % (0x100 + EXTRA);
			cp[i] = r < 0x100 ? r : extra[r - 0x100];
			if (round >= 20000 && (seed >> 20) % 4 != 0)
				cp[i] = (seed >> 24) % 2 ? 'a' + (uint32_t)(seed >> 40) % 26 : 0xC0 + (uint32_t)(seed >> 40) % 23;
		}
		set_linebreaks_utf32(cp, n, NULL, want);
		breaks_unibreak(cp, n, got);
		if (memcmp(want, got, n) != 0) {
			test_failures_++;
			bad++;
			printf("  round %d: breaks differ from libunibreak's on:", round);
			for (size_t i = 0; i < n; i++)
				printf(" %04X", (unsigned)cp[i]);
			printf("\n");
		}
	}
	/* every code point below U+0100 between letters, after a space, before a digit */
	for (uint32_t c = 0; c < 0x100; c++) {
		const uint32_t ctx[][3] = {{'a', c, 'b'}, {' ', c, '('}, {c, c, '1'}, {')', c, 0x0301}};
		for (size_t k = 0; k < sizeof ctx / sizeof *ctx; k++) {
			set_linebreaks_utf32(ctx[k], 3, NULL, want);
			breaks_unibreak(ctx[k], 3, got);
			if (memcmp(want, got, 3) != 0) {
				test_failures_++;
				printf("  U+%04X in context %zu: breaks differ from libunibreak's\n", (unsigned)c, k);
			}
		}
	}
}

/* Past vita_item's 14-bit colour index the rest share the last colour, and the user is told once. */
static void palette_full(void)
{
	vita_diags *d = vita_diags_new();
	vita_fonts *f = fonts_new(&style, d);
	unsigned last = 0;
	for (unsigned i = 0; i < VITA_ITEM_MAX_COLORS + 10; i++)
		last = fonts_color(f, (vita_rgb){(double)(i & 255) / 255, (double)(i >> 8) / 255, 0.5});
	CHECK_INT(last, VITA_ITEM_MAX_COLORS - 1);
	CHECK_INT(fonts_color(f, (vita_rgb){0, 0, 0.5}), 0); /* the first colour keeps its index */
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 1);
	char *t = diag_text(d);
	CHECK(strstr(t, "more than 16384 colours") != NULL);
	free(t);
	fonts_free(f);
	vita_diags_free(d);
}

int main(void)
{
	init_style();
	D = vita_diags_new();
	RUN(widths_match_libharu);
	RUN(breaks_at_measures);
	RUN(long_url);
	RUN(cjk_and_bold);
	RUN(missing_characters);
	RUN(kerning_pieces);
	RUN(pieces_as_cuts);
	RUN(space_after);
	RUN(links_and_breaks);
	RUN(underline_skips_descenders);
	RUN(hyphen_maxlen);
	RUN(hyphen_patterns_match_libhyphen);
	RUN(hyphenation);
	RUN(hyphenation_rules_and_ties);
	RUN(attributes);
	RUN(default_chain);
	RUN(bidi_order);
	RUN(restricted_font);
	RUN(long_shaped_word);
	RUN(thai_word_breaks);
	RUN(thai_long_paragraph);
	RUN(lao_khmer_word_breaks);
	RUN(cjk_kinsoku);
	RUN(cjk_justified);
	RUN(long_paragraph);
	RUN(emoji_sequences);
	RUN(unibreak_representatives);
	RUN(glyph_cache);
	RUN(palette_full);
	vita_diags_free(D);
	return TEST_EXIT();
}
