/*
 * Unit tests of the style loader: classic's defaults, a CV's design: overrides, units, colours,
 * page sizes, themes, and the messages for bad values (at the value's line and column); the shipped
 * fonts' catalogue taken from the build's records is the one read from the files.
 */
#include <math.h>
#include <string.h>

#include <hb-ot.h>

#include "base/base.h"
#include "load/yaml.h"
#include "style/fontcat.h"
#include "style/fonts.h"
#include "style/style_internal.h"
#include "test.h"
#include "vita/cv.h"
#include "vita/style.h"

typedef struct loaded {
	vita_arena *a;
	vita_diags *d;
	vita_style *s;
	char *msgs; /* the printed diagnostics */
} loaded;

/* Loads the style for a CV whose whole text is yaml (NULL: a CV without design:). */
static loaded load(const char *yaml)
{
	loaded r = {arena_new(), vita_diags_new(), NULL, NULL};
	vita_cv cv = {0};
	if (yaml) {
		vita_diags_add_source(r.d, "cv.yaml", yaml, strlen(yaml));
		vita_node *root = vita_yaml_parse(r.a, "cv.yaml", yaml, strlen(yaml), NULL, r.d);
		cv.design = vita_node_get(root, "design");
	}
	r.s = vita_style_load(&cv, r.d);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	vita_diags_print(r.d, f, false);
	fclose(f);
	r.msgs = buf;
	return r;
}

static void unload(loaded *r)
{
	vita_style_free(r->s);
	vita_diags_free(r->d);
	arena_free(r->a);
	free(r->msgs);
}

static bool near(double a, double b)
{
	return fabs(a - b) < 1e-6;
}

static bool has(const char *msgs, const char *s)
{
	if (!strstr(msgs, s)) {
		printf("  expected message containing \"%s\" in:\n%s", s, msgs);
		return false;
	}
	return true;
}

static void test_defaults(void)
{
	loaded r = load(NULL);
	CHECK(r.s != NULL);
	if (!r.s) {
		fputs(r.msgs, stdout);
		unload(&r);
		return;
	}
	vita_style *s = r.s;
	CHECK_INT(vita_diags_count(r.d, VITA_WARNING) + vita_diags_count(r.d, VITA_ERROR), 0);
	CHECK_STR(s->theme, "classic");
	CHECK_STR(s->page_size, "us-letter");
	CHECK(near(s->page_width, 612) && near(s->page_height, 792));
	CHECK(near(s->margin_top, 50.4) && near(s->margin_left, 50.4));
	CHECK(near(s->margin_bottom, 50.4) && near(s->margin_right, 50.4));
	CHECK(near(s->body.size, 10) && near(s->name.size, 30));
	CHECK(near(s->section_titles.size, 14));   /* 1.4em */
	CHECK(near(s->line_spacing, 6));           /* 0.6em */
	CHECK(near(s->footer.size, 9));
	CHECK(near(s->space_between_regular_entries, 12));
	CHECK(near(s->date_and_location_width, 4.15 * 72 / 2.54));
	CHECK(near(s->title_line_thickness, 0.5));
	CHECK(near(s->highlights_space_between_bullet_and_text, 5));
	CHECK_STR(s->body.family, "Source Sans 3");
	CHECK_STR(s->name.family, "Source Sans 3");
	CHECK_STR(s->cjk_family, "Droid Sans Fallback");
	CHECK_STR(s->mono_family, "Noto Sans Mono");
	CHECK_STR(s->footer.family, "Source Sans 3");
	CHECK(s->name.bold && s->section_titles.bold && !s->headline.bold);
	CHECK(near(s->name.color.r, 0) && near(s->name.color.g, 79 / 255.0) && near(s->name.color.b, 144 / 255.0));
	CHECK(near(s->footer.color.r, 128 / 255.0));
	CHECK(s->alignment == VITA_ALIGN_JUSTIFIED && s->hyphenate);
	CHECK(s->date_column_alignment == VITA_ALIGN_RIGHT);
	CHECK(s->header_alignment == VITA_ALIGN_CENTER);
	CHECK(s->title_type == VITA_TITLE_WITH_PARTIAL_LINE);
	CHECK(s->show_footer && s->show_top_note && s->connections_hyperlink && s->photo_left);
	CHECK(s->sections_allow_page_break && !s->entries_allow_page_break && s->short_second_row);
	CHECK_STR(s->connections_separator, "");
	CHECK_STR(s->bullet, "•");
	CHECK_STR(s->footer_template, "*NAME -- PAGE_NUMBER/TOTAL_PAGES*");
	CHECK_STR(s->templates[VITA_ENTRY_ONELINE].main_column, "**LABEL:** DETAILS");
	CHECK_STR(s->templates[VITA_ENTRY_EDUCATION].main_column, "**INSTITUTION**, AREA\nSUMMARY\nHIGHLIGHTS");
	CHECK_STR(s->templates[VITA_ENTRY_EDUCATION].degree_column, "**DEGREE**");
	CHECK_STR(s->templates[VITA_ENTRY_PUBLICATION].date_and_location_column, "DATE");
	CHECK(s->templates[VITA_ENTRY_AWARD].main_column != NULL);
	CHECK(s->templates[VITA_ENTRY_NORMAL].degree_column == NULL);
	unload(&r);
}

static void test_overrides(void)
{
	loaded r = load("design:\n"
	                "  page:\n"
	                "    size: a4\n"
	                "    top_margin: 2cm\n"
	                "    left_margin: 15mm\n"
	                "    right_margin: 36pt\n"
	                "    bottom_margin: 1in\n"
	                "  colors:\n"
	                "    name: '#ff0000'\n"
	                "    links: '#0f0'\n"
	                "    body: Black\n"
	                "    headline: 0000ff\n"
	                "    connections: hsl(0, 100%, 50%)\n"
	                "  typography:\n"
	                "    font_size:\n"
	                "      body: 11pt\n"
	                "      section_titles: 2em\n"
	                "    line_spacing: 0.5em\n"
	                "    alignment: justified-with-no-hyphenation\n"
	                "    font_family: Noto Serif\n"
	                "  section_titles:\n"
	                "    type: with_full_line\n"
	                "  header:\n"
	                "    alignment: left\n"
	                "    photo_position: right\n"
	                "    connections:\n"
	                "      separator: '|'\n"
	                "      show_icons: false\n"
	                "      phone_number_format: international\n"
	                "  sections:\n"
	                "    show_time_spans_in: [Experience]\n"
	                "  entries:\n"
	                "    side_space: -0.1cm\n"
	                "    highlights:\n"
	                "      bullet: '-'\n"
	                "  templates:\n"
	                "    single_date: YEAR\n"
	                "    education_entry:\n"
	                "      degree_column: null\n");
	CHECK(r.s != NULL);
	if (!r.s) {
		fputs(r.msgs, stdout);
		unload(&r);
		return;
	}
	vita_style *s = r.s;
	CHECK_INT(vita_diags_count(r.d, VITA_WARNING), 0);
	CHECK_STR(s->page_size, "a4");
	CHECK(fabs(s->page_width - 595.2756) < 1e-3 && fabs(s->page_height - 841.8898) < 1e-3);
	CHECK(near(s->margin_top, 2 * 72 / 2.54));
	CHECK(near(s->margin_left, 15 * 72 / 25.4));
	CHECK(near(s->margin_right, 36));
	CHECK(near(s->margin_bottom, 72));
	CHECK(near(s->name.color.r, 1) && near(s->name.color.g, 0));
	CHECK(near(s->link_color.g, 1) && near(s->link_color.r, 0));
	CHECK(near(s->body.color.r, 0) && near(s->body.color.b, 0));
	CHECK(near(s->headline.color.b, 1));
	CHECK(near(s->connections.color.r, 1) && near(s->connections.color.g, 0));
	CHECK(near(s->body.size, 11));
	CHECK(near(s->section_titles.size, 22));      /* em follows the new body size */
	CHECK(near(s->line_spacing, 5.5));
	CHECK(near(s->highlights_space_between_bullet_and_text, 5.5)); /* classic's 0.5em, body 11pt */
	CHECK(s->alignment == VITA_ALIGN_JUSTIFIED && !s->hyphenate);
	CHECK_STR(s->body.family, "Noto Serif");
	CHECK_STR(s->section_titles.family, "Noto Serif");
	CHECK_STR(s->cjk_family, "Droid Sans Fallback"); /* not a role of font_family */
	CHECK(s->title_type == VITA_TITLE_WITH_FULL_LINE);
	CHECK(s->header_alignment == VITA_ALIGN_LEFT && !s->photo_left);
	CHECK_STR(s->connections_separator, "|");
	CHECK(near(s->side_space, -0.1 * 72 / 2.54));
	CHECK_STR(s->bullet, "-");
	CHECK(s->templates[VITA_ENTRY_EDUCATION].degree_column == NULL);
	CHECK(s->templates[VITA_ENTRY_EDUCATION].main_column != NULL);
	unload(&r);
}

static void test_other_sizes(void)
{
	static const struct {
		const char *size;
		double w, h;
	} cases[] = {{"a5", 419.5276, 595.2756}, {"us-executive", 522, 756}, {"us-letter", 612, 792}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char y[100];
		snprintf(y, sizeof y, "design:\n  page:\n    size: %s\n", cases[i].size);
		loaded r = load(y);
		CHECK(r.s != NULL);
		if (r.s)
			CHECK(fabs(r.s->page_width - cases[i].w) < 1e-3 && fabs(r.s->page_height - cases[i].h) < 1e-3);
		unload(&r);
	}
}

static void test_bad_values(void)
{
	loaded r = load("design:\n"
	                "  page:\n"
	                "    top_margin: 0.7 in\n"      /* 3:17 */
	                "    left_margin: 7 inch\n"     /* 4:18 */
	                "    size: letter\n"            /* 5:11 */
	                "  colors:\n"
	                "    name: rgb(0, 79)\n"        /* 7:11 */
	                "    body: '#12345'\n"          /* 8:11 */
	                "  section_titles:\n"
	                "    type: with_partial_lines\n" /* 10:11 */
	                "  typography:\n"
	                "    bold:\n"
	                "      name: yes please\n"      /* 13:13 */
	                "    font_size:\n"
	                "      body: [10pt]\n"          /* 15:13 */
	                "    alignment: justify\n");    /* 16:16 */
	CHECK(r.s == NULL);
	CHECK_INT(vita_diags_count(r.d, VITA_ERROR), 9);
	if (vita_diags_count(r.d, VITA_ERROR) != 9)
		fputs(r.msgs, stdout);
	CHECK(has(r.msgs, "cv.yaml:3:17: error: design.page.top_margin: `0.7 in` is not a length"));
	CHECK(has(r.msgs, "cv.yaml:4:18: error: design.page.left_margin: `7 inch` is not a length"));
	CHECK(has(r.msgs, "cv.yaml:5:11: error: design.page.size: unknown value `letter`"));
	CHECK(has(r.msgs, "did you mean `us-letter`?"));
	CHECK(has(r.msgs, "cv.yaml:7:11: error: design.colors.name: `rgb(0, 79)` is not a colour"));
	CHECK(has(r.msgs, "cv.yaml:8:11: error: design.colors.body: `#12345` is not a colour"));
	CHECK(has(r.msgs, "cv.yaml:10:11: error: design.section_titles.type: unknown value "
	                  "`with_partial_lines`"));
	CHECK(has(r.msgs, "did you mean `with_partial_line`?"));
	CHECK(has(r.msgs, "cv.yaml:13:13: error: design.typography.bold.name: expected true or false"));
	CHECK(has(r.msgs, "cv.yaml:15:13: error: design.typography.font_size.body: expected a length"));
	CHECK(has(r.msgs, "cv.yaml:16:16: error: design.typography.alignment: unknown value `justify`"));
	CHECK(has(r.msgs, "did you mean `justified`?"));
	unload(&r);
}

static void test_units(void)
{
	static const struct {
		const char *v;
		double pt;
	} ok[] = {{"1in", 72},  {"2.54cm", 72}, {"25.4mm", 72}, {"12pt", 12}, {"2em", 20},
	          {"0", 0},     {".5in", 36},   {"-1pt", -1},   {"0.0cm", 0}};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char y[100];
		snprintf(y, sizeof y, "design:\n  header:\n    space_below_name: %s\n", ok[i].v);
		loaded r = load(y);
		CHECK(r.s != NULL);
		if (r.s && !near(r.s->space_below_name, ok[i].pt)) {
			printf("  %s gave %g pt, want %g\n", ok[i].v, r.s->space_below_name, ok[i].pt);
			CHECK(0);
		}
		unload(&r);
	}
	static const char *bad[] = {"12", "1 cm", "1px", "cm", "1.2.3cm", "1e3pt", "inf", "1CM", "''"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char y[100];
		snprintf(y, sizeof y, "design:\n  header:\n    space_below_name: %s\n", bad[i]);
		loaded r = load(y);
		if (r.s) {
			printf("  `%s` was accepted\n", bad[i]);
			CHECK(0);
		}
		CHECK(has(r.msgs, "cv.yaml:3:23: error: design.header.space_below_name:"));
		unload(&r);
	}
	loaded r = load("design:\n  typography:\n    font_size:\n      body: 1.2em\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "cv.yaml:4:13: error: design.typography.font_size.body: `em`"));
	unload(&r);
}

static void test_colors(void)
{
	static const struct {
		const char *v;
		double r, g, b;
	} ok[] = {{"rgb(0,79,144)", 0, 79, 144},     {"'rgb( 10 , 20 , 30 )'", 10, 20, 30},
	          {"'#004F90'", 0, 79, 144},         {"'#abc'", 170, 187, 204},
	          {"white", 255, 255, 255},          {"Gray", 128, 128, 128},
	          {"7fffd4", 127, 255, 212},         {"hsl(120, 100%, 25%)", 0, 127.5, 0},
	          {"rgb(100%, 0%, 50%)", 255, 0, 127.5}};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char y[120];
		snprintf(y, sizeof y, "design:\n  colors:\n    name: %s\n", ok[i].v);
		loaded r = load(y);
		CHECK(r.s != NULL);
		if (r.s && !(fabs(r.s->name.color.r * 255 - ok[i].r) < 1e-6 &&
		             fabs(r.s->name.color.g * 255 - ok[i].g) < 1e-6 &&
		             fabs(r.s->name.color.b * 255 - ok[i].b) < 1e-6)) {
			printf("  %s gave %g %g %g\n", ok[i].v, r.s->name.color.r * 255, r.s->name.color.g * 255,
			       r.s->name.color.b * 255);
			CHECK(0);
		}
		unload(&r);
	}
	static const char *bad[] = {"rgb(256,0,0)", "rgb(1,2,3,4)", "'#ggg'", "bluish", "'#1234567'",
	                            "rgb(1,2,3)x", "hsl(1,2,3)"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char y[120];
		snprintf(y, sizeof y, "design:\n  colors:\n    name: %s\n", bad[i]);
		loaded r = load(y);
		if (r.s) {
			printf("  `%s` was accepted\n", bad[i]);
			CHECK(0);
		}
		CHECK(has(r.msgs, "cv.yaml:3:11: error: design.colors.name:"));
		unload(&r);
	}
}

static void test_unknown_keys(void)
{
	loaded r = load("design:\n"
	                "  colours:\n"              /* 2:3 */
	                "    name: black\n"
	                "  page:\n"
	                "    top_margn: 1cm\n"      /* 5:5 */
	                "  typography:\n"
	                "    font_size:\n"
	                "      bodyy: 10pt\n"       /* 8:7 */
	                "    line_thickness: 1pt\n" /* 9:5: belongs to section_titles */
	                "    frobnicate: 3\n");     /* 10:5 */
	CHECK(r.s != NULL); /* unknown keys warn, they do not fail */
	CHECK_INT(vita_diags_count(r.d, VITA_WARNING), 5);
	CHECK(has(r.msgs, "cv.yaml:2:3: warning: unknown design key `colours`, ignored; did you mean "
	                  "`colors`?"));
	CHECK(has(r.msgs, "cv.yaml:5:5: warning: unknown design key `page.top_margn`, ignored; did you "
	                  "mean `page.top_margin`?"));
	CHECK(has(r.msgs, "cv.yaml:8:7: warning: unknown design key `typography.font_size.bodyy`, "
	                  "ignored; did you mean `typography.font_size.body`?"));
	CHECK(has(r.msgs, "cv.yaml:9:5: warning: unknown design key `typography.line_thickness`, "
	                  "ignored; did you mean `section_titles.line_thickness`?"));
	CHECK(has(r.msgs, "cv.yaml:10:5: warning: unknown design key `typography.frobnicate`, ignored\n"));
	unload(&r);
}

static void test_themes(void)
{
	/* RenderCV's nine themes, each with its own values and font family, found without a message. */
	static const struct {
		const char *theme, *body, *name;
	} nine[] = {{"classic", "Source Sans 3", "Source Sans 3"},
	            {"moderncv", "Fontin", "Fontin"}, /* Gentium Book Plus stands in (below) */
	            {"sb2nov", "NewComputerModern10", "NewComputerModern10"},
	            {"engineeringresumes", "XCharter", "XCharter"},
	            {"engineeringclassic", "Raleway", "Raleway"},
	            {"harvard", "XCharter", "XCharter"},
	            {"ink", "EB Garamond", "EB Garamond"},
	            {"opal", "Lato", "Lato"},
	            {"ember", "Ubuntu", "Gentium Book Plus"}};
	for (size_t i = 0; i < sizeof nine / sizeof nine[0]; i++) {
		char yaml[96];
		snprintf(yaml, sizeof yaml, "design:\n  theme: %s\n", nine[i].theme);
		loaded r = load(yaml);
		CHECK(r.s != NULL);
		if (r.s) {
			CHECK_STR(r.s->theme, nine[i].theme);
			CHECK_STR(r.s->body.family, nine[i].body);
			CHECK_STR(r.s->name.family, nine[i].name);
		}
		CHECK_INT(vita_diags_count(r.d, VITA_WARNING) + vita_diags_count(r.d, VITA_NOTE), 0);
		if (*r.msgs)
			printf("  %s: %s", nine[i].theme, r.msgs);
		unload(&r);
	}

	/* harvard's own values (RenderCV's other_themes/harvard.yaml), the CV's over them. */
	loaded r = load("design:\n  theme: harvard\n  page:\n    size: a4\n");
	CHECK(r.s != NULL);
	if (r.s) {
		CHECK_STR(r.s->theme, "harvard");
		CHECK_STR(r.s->page_size, "a4");
		CHECK(near(r.s->margin_top, 36));
		CHECK(r.s->title_type == VITA_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE);
		CHECK(near(r.s->name.size, 25));
	}
	unload(&r);

	r = load("design:\n  theme: clasic\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "cv.yaml:2:10: error: unknown theme `clasic` (did you mean `classic`?); the "
	                  "themes are classic, moderncv, sb2nov, engineeringresumes, engineeringclassic, "
	                  "harvard, ink, opal, ember"));
	unload(&r);

	/* A name that could reach outside styles/ is just an unknown theme. */
	r = load("design:\n  theme: ../../etc/passwd\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "error: unknown theme `../../etc/passwd`"));
	unload(&r);

	r = load("design:\n  theme: [classic]\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "cv.yaml:2:10: error: design.theme: expected a theme name"));
	unload(&r);

	/* The themes vita has: their values over classic's. */
	r = load("design:\n  theme: sb2nov\n");
	if (r.s) {
		CHECK_STR(r.s->theme, "sb2nov");
		CHECK(r.s->title_type == VITA_TITLE_WITH_FULL_LINE);
		CHECK(near(r.s->name.color.b, 0));
		CHECK(near(r.s->margin_top, 50.4)); /* from classic */
	} else {
		fputs(r.msgs, stdout);
		CHECK(0);
	}
	unload(&r);
}

static void test_fonts(void)
{
	/* Families found in fonts/themes/ (Source Sans 3, XCharter, New Computer Modern by its Typst
	 * name), installed (DejaVu Sans Mono, through fontconfig), or nowhere: a warning naming the
	 * family and what replaces it, once per family. */
	loaded r = load("design:\n  typography:\n    font_family:\n      body: Source Sans 3\n"
	                "      name: XCharter\n      headline: DejaVu Sans Mono\n"
	                "      connections: No Such Family 7\n      section_titles: No Such Family 7\n");
	CHECK(r.s != NULL);
	if (r.s) {
		CHECK_STR(r.s->body.family, "Source Sans 3");
		CHECK_STR(r.s->name.family, "XCharter");
		CHECK_STR(r.s->headline.family, "DejaVu Sans Mono");
		CHECK_STR(r.s->connections.family, "Noto Sans");
	}
	CHECK_INT(vita_diags_count(r.d, VITA_WARNING), 1);
	CHECK(has(r.msgs, "cv.yaml:7:20: warning: font `No Such Family 7` is neither in vita's fonts/ "
	                  "nor installed; using Noto Sans instead\n"));
	unload(&r);
	/* Fontin (not open) keeps its name: the face closest to it by metrics stands in, set to
	 * Fontin's widths, word space and cap height, with a note (none for moderncv's own, above);
	 * without that face, Noto Serif replaces it with a warning.  A packaged family the machine
	 * lacks names its Debian package. */
	r = load("design:\n  typography:\n    font_family: Fontin\n");
	const vita_font_family *fontin = vita_font_family_stand_in("Fontin");
	if (vita_font_family_find("Gentium Book Plus")) {
		CHECK(fontin && fontin->metrics && strcmp(fontin->files_family, "Gentium Book Plus") == 0 &&
		      strcmp(fontin->family, "Fontin") == 0 && fontin->metrics->scale[0] > 1 &&
		      fontin->metrics->space[0] > 0.3 && fontin->metrics->cap[1] > fontin->metrics->cap[0]);
		if (r.s)
			CHECK_STR(r.s->body.family, "Fontin");
		CHECK(has(r.msgs, "cv.yaml:3:18: note: font `Fontin` is not installed (vita cannot ship it); Gentium "
		                  "Book Plus stands in, set to Fontin's widths, word space and cap height\n"));
		CHECK_INT(vita_diags_count(r.d, VITA_WARNING), 0);
	} else {
		CHECK(fontin == NULL);
		if (r.s)
			CHECK_STR(r.s->body.family, "Noto Serif");
		CHECK(has(r.msgs, "warning: font `Fontin` is neither in vita's fonts/ nor installed; using "));
	}
	CHECK(vita_font_family_stand_in("Gentium Book Plus") == NULL);
	unload(&r);
	CHECK_STR(vita_font_family_package("lato"), "fonts-lato");
	CHECK_STR(vita_font_family_find("noto serif")->bold, "NotoSerif-Bold.ttf");
	CHECK(vita_font_family_find("noto serif")->dir == NULL);
	const vita_font_family *nc = vita_font_family_find("New Computer Modern");
	CHECK(nc && strcmp(nc->regular, "NewCM10-Regular.otf") == 0 && nc->dir &&
	      strstr(nc->dir, "/fonts/themes"));
	const vita_font_family *dj = vita_font_family_find("dejavu sans mono");
	CHECK(dj && strcmp(dj->family, "DejaVu Sans Mono") == 0 && dj->dir &&
	      strcmp(dj->regular, "DejaVuSansMono.ttf") == 0 && dj->bold);
	CHECK(vita_font_family_find("No Such Family 7") == NULL);
	CHECK_STR(vita_font_family_substitute("Charter Something")->family, "Noto Serif");
}

/* The catalogue reads family names straight from the name table (style/fonts.c windows_name):
 * for every shipped font, the same names HarfBuzz's lookup gives. */
static const char *hb_family(hb_face_t *hf, char *tmp, unsigned cap)
{
	static const hb_ot_name_id_t ids[] = {HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, HB_OT_NAME_ID_FONT_FAMILY};
	for (int i = 0; i < 2; i++) {
		unsigned len = cap;
		if (hb_ot_name_get_utf8(hf, ids[i], hb_language_from_string("en", -1), &len, tmp))
			return tmp;
		len = cap;
		if (hb_ot_name_get_utf8(hf, ids[i], HB_LANGUAGE_INVALID, &len, tmp))
			return tmp;
	}
	return NULL;
}

static void test_catalogue_names(void)
{
	static const char *const dirs[] = {"fonts", "fonts/themes", "fonts/icons"};
	size_t checked = 0;
	for (size_t d = 0; d < 3; d++) {
		const vita_font_catalogue *c = vita_font_catalogue_of(dirs[d]);
		for (size_t i = 0; i < c->nfaces; i++) {
			hb_blob_t *blob = hb_blob_create_from_file_or_fail(c->faces[i].path);
			hb_face_t *hf = hb_face_create(blob, (unsigned)c->faces[i].index);
			char tmp[256];
			const char *want = hb_family(hf, tmp, sizeof tmp);
			if (!want || strcmp(want, c->faces[i].family) != 0)
				printf("  %s: catalogue '%s', HarfBuzz '%s'\n", c->faces[i].path, c->faces[i].family, want ? want : "-");
			CHECK(want && strcmp(want, c->faces[i].family) == 0);
			checked++;
			hb_face_destroy(hf);
			hb_blob_destroy(blob);
		}
	}
	CHECK(checked >= 20);
}

/* The catalogue of <data>/fonts/… comes from the records the build wrote (style/fontcat.h); the
 * same folders named relatively are read from the files: both give the same faces, every shipped
 * file is recorded with its current size and time, and a file of another size or time is not taken
 * from its record. */
static void test_catalogue_records(void)
{
	static const char *const subs[] = {"", "/themes", "/icons"}, *const keys[] = {"", "themes", "icons"};
	size_t recorded = 0;
	for (size_t d = 0; d < 3; d++) {
		vita_buf abs = {0}, rel = {0};
		buf_printf(&abs, "%s/fonts%s", vita_data_dir(), subs[d]);
		buf_printf(&rel, "fonts%s", subs[d]);
		CHECK(fontcat_folder(buf_str(&abs)) && strcmp(fontcat_folder(buf_str(&abs)), keys[d]) == 0);
		CHECK(fontcat_folder(buf_str(&rel)) == NULL);
		const vita_font_catalogue *a = vita_font_catalogue_of(buf_str(&abs)), *r = vita_font_catalogue_of(buf_str(&rel));
		CHECK(a->nfaces == r->nfaces && a->nfamilies == r->nfamilies);
		for (size_t i = 0; i < a->nfaces && i < r->nfaces; i++) {
			const vita_font_face *x = &a->faces[i], *y = &r->faces[i];
			bool same = strcmp(strrchr(x->path, '/'), strrchr(y->path, '/')) == 0 && x->index == y->index &&
			            strcmp(x->family, y->family) == 0 && x->bold == y->bold && x->italic == y->italic;
			if (!same)
				printf("  %s: recorded %s %d %d, read %s %d %d\n", x->path, x->family, x->bold, x->italic, y->family,
				       y->bold, y->italic);
			CHECK(same);
			struct stat st;
			size_t n = 0;
			CHECK(stat(x->path, &st) == 0 && fontcat_lookup(keys[d], strrchr(x->path, '/') + 1, &st, &n) && n >= 1);
			recorded++;
			st.st_size++;
			CHECK(fontcat_lookup(keys[d], strrchr(x->path, '/') + 1, &st, &n) == NULL);
			st.st_size--;
			st.st_mtim.tv_nsec = (st.st_mtim.tv_nsec + 1) % 1000000000;
			CHECK(fontcat_lookup(keys[d], strrchr(x->path, '/') + 1, &st, &n) == NULL);
		}
		buf_free(&abs);
		buf_free(&rel);
	}
	CHECK(recorded >= 30);
}

static void test_wrong_shapes(void)
{
	loaded r = load("design:\n  page: a4\n  typography:\n    font_family: [a, b]\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "cv.yaml:2:9: error: design.page: expected a mapping, got string"));
	CHECK(has(r.msgs, "cv.yaml:4:18: error: design.typography.font_family: expected a font family"));
	unload(&r);
	r = load("design: [1, 2]\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "cv.yaml:1:9: error: design: expected a mapping, got list"));
	unload(&r);
	r = load("design:\n  page:\n    top_margin: 5.5in\n    bottom_margin: 5in\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "less than one inch"));
	unload(&r);
}

/* A margin error points at the margin the CV set (the larger one if both), never at the theme. */
static void test_margin_positions(void)
{
	loaded r = load("design:\n  page:\n    top_margin: 40cm\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "cv.yaml:3:17: error: design.page: the top and bottom margins leave less than "
	                  "one inch of the us-letter page's height for text"));
	CHECK(strstr(r.msgs, "classic.yaml") == NULL);
	unload(&r);
	r = load("design:\n  page:\n    top_margin: 1in\n    bottom_margin: 9.5in\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "cv.yaml:4:20: error: design.page: the top and bottom margins"));
	unload(&r);
	r = load("design:\n  page:\n    right_margin: 7.5in\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "cv.yaml:3:19: error: design.page: the left and right margins leave less than "
	                  "one inch of the us-letter page's width for text"));
	unload(&r);
}

/* Font sizes are bounded: 1pt-72pt, the name 1pt-200pt, em sizes as resolved. */
static void test_font_size_bounds(void)
{
	loaded r = load("design:\n  typography:\n    font_size:\n      body: 500pt\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "cv.yaml:4:13: error: design.typography.font_size.body: 500pt is out of range"));
	unload(&r);
	r = load("design:\n  typography:\n    font_size:\n      name: 150pt\n      headline: 72pt\n");
	CHECK(r.s != NULL);
	CHECK_INT(vita_diags_count(r.d, VITA_ERROR), 0);
	unload(&r);
	r = load("design:\n  typography:\n    font_size:\n      name: 250pt\n      headline: 0.5pt\n"
	         "      connections: 8em\n");
	CHECK(r.s == NULL);
	CHECK_INT(vita_diags_count(r.d, VITA_ERROR), 3);
	CHECK(has(r.msgs, "cv.yaml:4:13: error: design.typography.font_size.name: 250pt is out of range; "
	                  "this font size must be between 1pt and 200pt"));
	CHECK(has(r.msgs, "cv.yaml:5:17: error: design.typography.font_size.headline: 0.5pt"));
	CHECK(has(r.msgs, "cv.yaml:6:20: error: design.typography.font_size.connections: 80pt"));
	unload(&r);
	/* The theme's 1.4em section titles over a 60pt body: the error is at the CV's body size. */
	r = load("design:\n  typography:\n    font_size:\n      body: 60pt\n");
	CHECK(r.s == NULL);
	CHECK(has(r.msgs, "cv.yaml:4:13: error: design.typography.font_size.body: 60pt makes "
	                  "section_titles (1.4em in the theme) 84pt"));
	unload(&r);
}

/* The binary search of the key table (keys.c) finds every row and every group, and nothing else. */
static void test_key_lookup(void)
{
	style_keys_ready();
	CHECK(style_nkeys > 50);
	for (size_t i = 0; i < style_nkeys; i++) {
		const char *p = style_key_table[i].path;
		CHECK_INT(style_find_key(p), (long long)i);
		CHECK(!style_is_group(p) || strncmp(p, "typography.font_family", 22) == 0);
		for (const char *dot = strchr(p, '.'); dot; dot = strchr(dot + 1, '.')) {
			char prefix[128];
			snprintf(prefix, sizeof prefix, "%.*s", (int)(dot - p), p);
			CHECK(style_is_group(prefix));
		}
	}
	CHECK_INT(style_find_key("page.nosuch"), -1);
	CHECK_INT(style_find_key(""), -1);
	CHECK_INT(style_find_key("zzz"), -1);
	CHECK(!style_is_group("page.top"));      /* a prefix, but not up to a dot */
	CHECK(!style_is_group("page.top_margin")); /* a key, not a group */
	CHECK(style_is_group("templates"));
	CHECK(!style_is_group("zzz"));
}

int main(void)
{
	RUN(test_key_lookup);
	RUN(test_defaults);
	RUN(test_overrides);
	RUN(test_other_sizes);
	RUN(test_bad_values);
	RUN(test_units);
	RUN(test_colors);
	RUN(test_unknown_keys);
	RUN(test_themes);
	RUN(test_fonts);
	RUN(test_catalogue_names);
	RUN(test_catalogue_records);
	RUN(test_wrong_shapes);
	RUN(test_margin_positions);
	RUN(test_font_size_bounds);
	return TEST_EXIT();
}
