/*
 * vita.cls: the LaTeX class that holds a theme's whole look, written beside every .tex.
 *
 * The .tex is the CV (\documentclass{vita}, \name{…}, sections, one key-value macro call per
 * entry); everything that makes it look like vita's PDF lives here, generated from the theme's
 * style and the theme's compiled entry templates.  A CV's own `design:` changes are not in the
 * class: the .tex says them, one \vitaset{key = value} line per changed setting (the table below
 * is both the class's keys and what latex.c compares), so that one class serves every CV of the
 * theme and vita may rewrite it without touching anybody's edits.
 *
 * The class needs XeLaTeX or LuaLaTeX and only packages of Debian's texlive-xetex,
 * texlive-latex-extra and texlive-luatex.  Fonts are loaded by file from fonts/ beside the .tex
 * (relative paths), so the folder compiles anywhere, Overleaf included.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "latex/escape.h"
#include "latex/latex_internal.h"
#include "vita/schema.h"
#include "style/fonts.h"

/* ---- the settings \vitaset knows -------------------------------------------------------------- */

typedef enum set_kind { SET_LENGTH, SET_COLOR, SET_TEXT, SET_BOOL, SET_ALIGN, SET_TITLE } set_kind;

typedef struct setting {
	const char *key; /* \vitaset's key, spaces as in the .tex */
	const char *tex; /* the length, colour, macro or \if the class keeps it in */
	set_kind kind;
	size_t off;      /* the field of vita_style */
} setting;

#define S(k, t, kind, f) {k, t, kind, offsetof(vita_style, f)}
static const setting settings[] = {
    S("body color", "cvbody", SET_COLOR, body.color),
    S("name color", "cvname", SET_COLOR, name.color),
    S("headline color", "cvheadline", SET_COLOR, headline.color),
    S("connections color", "cvconnections", SET_COLOR, connections.color),
    S("section titles color", "cvsectiontitles", SET_COLOR, section_titles.color),
    S("links color", "cvlinks", SET_COLOR, link_color),
    S("footer color", "cvfooter", SET_COLOR, footer.color),
    S("top note color", "cvtopnote", SET_COLOR, top_note.color),
    S("body size", "cvbodysize", SET_LENGTH, body.size),
    S("name size", "cvnamesize", SET_LENGTH, name.size),
    S("headline size", "cvheadlinesize", SET_LENGTH, headline.size),
    S("connections size", "cvconnectionssize", SET_LENGTH, connections.size),
    S("section titles size", "cvsectiontitlessize", SET_LENGTH, section_titles.size),
    S("footer size", "cvfootersize", SET_LENGTH, footer.size),
    S("top note size", "cvtopnotesize", SET_LENGTH, top_note.size),
    S("name bold", "cvnamebold", SET_BOOL, name.bold),
    S("headline bold", "cvheadlinebold", SET_BOOL, headline.bold),
    S("connections bold", "cvconnectionsbold", SET_BOOL, connections.bold),
    S("section titles bold", "cvsectiontitlesbold", SET_BOOL, section_titles.bold),
    S("name small caps", "cvnamesc", SET_BOOL, name.small_caps),
    S("headline small caps", "cvheadlinesc", SET_BOOL, headline.small_caps),
    S("connections small caps", "cvconnectionssc", SET_BOOL, connections.small_caps),
    S("section titles small caps", "cvsectiontitlessc", SET_BOOL, section_titles.small_caps),
    S("line spacing", "cvlinespacing", SET_LENGTH, line_spacing),
    S("alignment", "cvbodyalign", SET_ALIGN, alignment),
    S("date alignment", "cvdatealign", SET_ALIGN, date_column_alignment),
    S("header alignment", "cvheaderalign", SET_ALIGN, header_alignment),
    S("hyphenation", "cvhyphenate", SET_BOOL, hyphenate),
    S("space below name", "cvspacebelowname", SET_LENGTH, space_below_name),
    S("space below headline", "cvspacebelowheadline", SET_LENGTH, space_below_headline),
    S("space below connections", "cvspacebelowconnections", SET_LENGTH, space_below_connections),
    S("space between connections", "cvconnectionsspace", SET_LENGTH, space_between_connections),
    S("connections separator", "cvconnectionseparator", SET_TEXT, connections_separator),
    S("photo width", "cvphotowidth", SET_LENGTH, photo_width),
    S("photo space left", "cvphotospaceleft", SET_LENGTH, photo_space_left),
    S("photo space right", "cvphotospaceright", SET_LENGTH, photo_space_right),
    S("photo left", "cvphotoleft", SET_BOOL, photo_left),
    S("section title type", "cvsection", SET_TITLE, title_type),
    S("title line thickness", "cvtitlelinethickness", SET_LENGTH, title_line_thickness),
    S("title space above", "cvtitlespaceabove", SET_LENGTH, title_space_above),
    S("title space below", "cvtitlespacebelow", SET_LENGTH, title_space_below),
    S("space between entries", "cvregularentryskip", SET_LENGTH, space_between_regular_entries),
    S("space between text entries", "cvtextentryskip", SET_LENGTH, space_between_text_based_entries),
    S("date width", "cvdatewidth", SET_LENGTH, date_and_location_width),
    S("degree width", "cvdegreewidth", SET_LENGTH, degree_width),
    S("side space", "cvsidespace", SET_LENGTH, side_space),
    S("column space", "cvcolumnsep", SET_LENGTH, space_between_columns),
    S("short second row", "cvshortsecondrow", SET_BOOL, short_second_row),
    S("summary space above", "cvsummaryabove", SET_LENGTH, summary_space_above),
    S("summary space left", "cvsummaryleft", SET_LENGTH, summary_space_left),
    S("highlights space left", "cvhighlightsleft", SET_LENGTH, highlights_space_left),
    S("highlights space above", "cvhighlightsabove", SET_LENGTH, highlights_space_above),
    S("highlights space between", "cvhighlightsbetween", SET_LENGTH, highlights_space_between_items),
    S("bullet space", "cvbulletsep", SET_LENGTH, highlights_space_between_bullet_and_text),
    S("bullet", "cvbullet", SET_TEXT, bullet),
    S("nested bullet", "cvnestedbullet", SET_TEXT, nested_bullet),
};
#undef S
#define NSETTINGS (sizeof settings / sizeof settings[0])

const char *const latex_title_names[LATEX_TITLE_TYPES] = {
    "with_partial_line",          "with_full_line",          "without_line",
    "moderncv",                   "centered_without_line",   "centered_with_partial_line",
    "centered_with_centered_partial_line", "centered_with_full_line"};
static const char *const align_names[] = {"left", "center", "right", "justified"};

static const void *field_of(const vita_style *st, const setting *s)
{
	return (const char *)st + s->off;
}

static bool same_rgb(vita_rgb a, vita_rgb b)
{
	return (int)(a.r * 255 + 0.5) == (int)(b.r * 255 + 0.5) && (int)(a.g * 255 + 0.5) == (int)(b.g * 255 + 0.5) &&
	       (int)(a.b * 255 + 0.5) == (int)(b.b * 255 + 0.5);
}

static bool same_value(const vita_style *x, const vita_style *y, const setting *s)
{
	const void *a = field_of(x, s), *b = field_of(y, s);
	switch (s->kind) {
	case SET_LENGTH: {
		double p = *(const double *)a, q = *(const double *)b;
		return p - q < 0.0005 && q - p < 0.0005;
	}
	case SET_COLOR:
		return same_rgb(*(const vita_rgb *)a, *(const vita_rgb *)b);
	case SET_TEXT: {
		const char *p = *(const char *const *)a, *q = *(const char *const *)b;
		return strcmp(p ? p : "", q ? q : "") == 0;
	}
	case SET_BOOL:
		return *(const bool *)a == *(const bool *)b;
	case SET_ALIGN:
		return *(const vita_align *)a == *(const vita_align *)b;
	case SET_TITLE:
		return *(const vita_title_type *)a == *(const vita_title_type *)b;
	}
	return true;
}

/* The value as \vitaset takes it. */
static void put_value(vita_buf *b, const vita_style *st, const setting *s)
{
	const void *v = field_of(st, s);
	switch (s->kind) {
	case SET_LENGTH:
		latex_put_pt(b, *(const double *)v);
		break;
	case SET_COLOR:
		buf_putc(b, '{');
		latex_put_rgb(b, *(const vita_rgb *)v);
		buf_putc(b, '}');
		break;
	case SET_TEXT:
		buf_putc(b, '{');
		latex_escape_str(b, *(const char *const *)v);
		buf_putc(b, '}');
		break;
	case SET_BOOL:
		buf_puts(b, *(const bool *)v ? "true" : "false");
		break;
	case SET_ALIGN:
		buf_puts(b, align_names[*(const vita_align *)v]);
		break;
	case SET_TITLE:
		buf_puts(b, latex_title_names[*(const vita_title_type *)v]);
		break;
	}
}

void latex_put_settings(vita_buf *b, const vita_style *theme, const vita_style *cv)
{
	for (size_t i = 0; i < NSETTINGS; i++) {
		if (same_value(theme, cv, &settings[i]))
			continue;
		buf_printf(b, "\\vitaset{%s = ", settings[i].key);
		put_value(b, cv, &settings[i]);
		buf_puts(b, "}\n");
	}
}

/* ---- small pieces --------------------------------------------------------------------------------- */

void latex_put_pt(vita_buf *b, double v)
{
	char s[64];
	snprintf(s, sizeof s, "%.3f", v);
	char *e = s + strlen(s) - 1;
	while (*e == '0')
		*e-- = '\0';
	if (*e == '.')
		*e = '\0';
	if (strcmp(s, "-0") == 0)
		strcpy(s, "0");
	buf_printf(b, "%sbp", s);
}

void latex_put_rgb(vita_buf *b, vita_rgb c)
{
	buf_printf(b, "%d,%d,%d", (int)(c.r * 255 + 0.5), (int)(c.g * 255 + 0.5), (int)(c.b * 255 + 0.5));
}

/* ---- entry macros -------------------------------------------------------------------------------- */

/* The kinds' macros come from the schema table (include/vita/kinds.def): a kind with one there
 * has an entry macro in the class. */
const char *latex_kind_macro(vita_entry_kind k)
{
	return vita_kind_def_of(k)->latex;
}

/* One entry macro, generated from the kind's compiled templates: a comment naming its fields, then
 * the definition with the main column, the date-and-location column and the degree column. */
void latex_put_entry_macro(vita_buf *b, const vita_comp *c, vita_entry_kind k, const char *def)
{
	const ctmpl_set *ts = vita_comp_templates(c, k);
	const char *name = latex_kind_macro(k);
	buf_printf(b, "%% \\%s{field = {value}, ...}: %s %s entry; its fields:", name, vita_kind_def_of(k)->article,
	           vita_entry_kind_name(k));
	for (size_t i = 0; i < ts->nnames; i++) {
		buf_putc(b, ' ');
		for (const char *p = ts->names[i]; *p; p++)
			buf_putc(b, *p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	}
	bool text = vita_kind_def_of(k)->slots == VITA_SLOT_MAIN;
	buf_printf(b, "\n%s\\%s[1]{\\cvbetween%s{\\cvfields{#1}%%\n  ", def, name,
	           text ? "\\cvtextentryskip" : "\\cvregularentryskip");
	latex_put_all_test(b, ts);
	if (text) {
		buf_puts(b, "  \\cvanyfalse\\cvrow{");
		latex_put_column(b, ts, COL_MAIN);
		buf_puts(b, "}{}}}\n");
		return;
	}
	buf_puts(b, "  ");
	latex_put_any_test(b, ts, COL_DATE);
	bool degree = ts->ncols > COL_DEGREE && ts->src[COL_DEGREE];
	buf_puts(b, degree ? "  \\cvrowdegree{" : "  \\cvrow{");
	if (degree) {
		latex_put_column(b, ts, COL_DEGREE);
		buf_puts(b, "}{");
	}
	latex_put_column(b, ts, COL_MAIN);
	buf_puts(b, "}{");
	latex_put_column(b, ts, COL_DATE);
	buf_puts(b, "}}}\n");
}

/* ---- the class ---------------------------------------------------------------------------------- */

bool latex_ligatures(const vita_style *st)
{
	return st->ligatures && vita_font_family_ligates(vita_font_family_substitute_near(st->cv_fonts, st->body.family));
}

char *latex_class_name(const vita_style *theme)
{
	vita_buf b = {0};
	buf_puts(&b, "vita-");
	for (const char *p = theme->theme ? theme->theme : "custom"; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');
		buf_putc(&b, plain ? *p : '-');
	}
	return buf_take(&b);
}

static void put_head(vita_buf *b, const vita_style *st)
{
	char *name = latex_class_name(st);
	buf_printf(b, "%%%% %s.cls: the class of the CVs written by vita " VITA_VERSION " in the theme `", name);
	latex_escape_comment(b, st->theme);
	buf_puts(b, "`.\n"
	            "%% vita rewrites this file at every render: change a CV in its .tex (\\vitaset{key = value},\n"
	            "%% \\setmainfont, \\renewcommand), not here. Needs XeLaTeX or LuaLaTeX.\n"
	            "\\NeedsTeXFormat{LaTeX2e}\n");
	buf_printf(b, "\\ProvidesClass{%s}[2026/12/03 v%d vita CV class]\n", name, LATEX_CLASS_VERSION);
	buf_printf(b, "\\newcommand\\vitaclassversion{%d}\n", LATEX_CLASS_VERSION);
	buf_puts(b, "\\RequirePackage{iftex}\n\\RequireTUTeX\n\\RequirePackage{l3keys2e}\n"
	            "% Options: version=N, the class version the .tex was written for (a newer one stops\n"
	            "% with a message); cjk, the CV has Chinese, Japanese or Korean text; systemfonts, the\n"
	            "% fonts are the installed families (vita render --system-fonts), not the files of fonts/;\n"
	            "% ligatures=true|false, the fonts' standard ligatures (fi, ffi), as vita's PDF sets them.\n"
	            "\\newif\\ifcvcjk\\newif\\ifcvsystemfonts\\newif\\ifcvligatures\n"
	            "\\ExplSyntaxOn\n"
	            "\\int_new:N \\l_vita_version_int\n"
	            "\\bool_new:N \\l_vita_cjk_bool\n"
	            "\\bool_new:N \\l_vita_system_bool\n"
	            "\\bool_new:N \\l_vita_ligatures_bool\n"
	            "\\keys_define:nn { vita / option }\n"
	            "  {\n"
	            "    version .int_set:N = \\l_vita_version_int ,\n"
	            "    version .initial:n = 1 ,\n"
	            "    cjk .bool_set:N = \\l_vita_cjk_bool ,\n"
	            "    systemfonts .bool_set:N = \\l_vita_system_bool ,\n"
	            "    ligatures .bool_set:N = \\l_vita_ligatures_bool ,\n");
	buf_printf(b, "    ligatures .initial:n = %s ,\n", latex_ligatures(st) ? "true" : "false");
	buf_puts(b, "    unknown .code:n = \\PassOptionsToClass { \\CurrentOption } { article }\n"
	            "  }\n"
	            "\\ProcessKeysOptions { vita / option }\n"
	            "\\bool_if:NT \\l_vita_cjk_bool { \\cvcjktrue }\n"
	            "\\bool_if:NT \\l_vita_system_bool { \\cvsystemfontstrue }\n"
	            "\\bool_if:NT \\l_vita_ligatures_bool { \\cvligaturestrue }\n"
	            "\\int_compare:nNnT { \\l_vita_version_int } > { \\vitaclassversion }\n"
	            "  {\n"
	            "    \\ClassError { vita }\n");
	buf_printf(b, "      { This~CV~was~written~for~%s.cls~version~\\int_use:N \\l_vita_version_int ,~\n"
	              "        but~this~%s.cls~is~version~\\vitaclassversion }\n"
	              "      { Render~the~CV~again~with~a~newer~vita~(vita~render~cv.yaml~-o~cv.tex),~which\n"
	              "        rewrites~%s.cls. }\n",
	           name, name, name);
	buf_puts(b, "  }\n"
	            "\\ExplSyntaxOff\n"
	            "\\LoadClass{article}\n\n");
	free(name);
}

/* geometry's keys for the style's page: size, margins, and the header and footer room. */
void latex_put_geometry_keys(vita_buf *b, const vita_style *st)
{
	buf_puts(b, "paperwidth=");
	latex_put_pt(b, st->page_width);
	buf_puts(b, ", paperheight=");
	latex_put_pt(b, st->page_height);
	buf_puts(b, ",\n  top=");
	latex_put_pt(b, st->margin_top);
	buf_puts(b, ", bottom=");
	latex_put_pt(b, st->margin_bottom);
	buf_puts(b, ", left=");
	latex_put_pt(b, st->margin_left);
	buf_puts(b, ", right=");
	latex_put_pt(b, st->margin_right);
	buf_puts(b, ",\n  headheight=");
	latex_put_pt(b, st->top_note.size + st->line_spacing);
	buf_puts(b, ", headsep=");
	latex_put_pt(b, st->margin_top / 2 - st->top_note.size);
	buf_puts(b, ", footskip=");
	latex_put_pt(b, st->margin_bottom / 2);
}

static void put_page(vita_buf *b, const vita_style *st)
{
	buf_printf(b, "%% page: %s\n\\RequirePackage[", st->page_size ? st->page_size : "custom");
	latex_put_geometry_keys(b, st);
	buf_puts(b, "]{geometry}\n");
}

/* The accent: the colour of the section titles; every role of that colour follows it. */
static void put_colors(vita_buf *b, const vita_style *st)
{
	vita_rgb accent = st->section_titles.color;
	buf_puts(b, "% Colours: \\vitaset{accent = {R,G,B}} changes every role drawn in the accent;\n"
	            "% \\vitaset{name color = {R,G,B}} (or an xcolor name: name color = teal) one role.\n"
	            "\\RequirePackage{xcolor}\n\\ExplSyntaxOn\n"
	            "\\cs_new_protected:Npn \\vita_color_set:nn #1#2 { \\tl_set:cn { l_vita_color_#1_tl } {#2} }\n"
	            "\\cs_new_protected:Npn \\vita_color_define:nn #1#2\n"
	            "  {\n"
	            "    \\tl_set_eq:Nc \\l_tmpa_tl { l_vita_color_#2_tl }\n"
	            "    \\tl_if_eq:NnTF \\l_tmpa_tl { accent } { \\colorlet {#1} { vitaaccent } }\n"
	            "      {\n"
	            "        \\tl_if_in:NnTF \\l_tmpa_tl { , }\n"
	            "          { \\use:e { \\exp_not:N \\definecolor {#1} { RGB } { \\l_tmpa_tl } } }\n"
	            "          { \\use:e { \\exp_not:N \\colorlet {#1} { \\l_tmpa_tl } } }\n"
	            "      }\n"
	            "  }\n"
	            "\\vita_color_set:nn { accent } {");
	latex_put_rgb(b, accent);
	buf_puts(b, "}\n");
	for (size_t i = 0; i < NSETTINGS; i++) {
		if (settings[i].kind != SET_COLOR)
			continue;
		vita_rgb c = *(const vita_rgb *)field_of(st, &settings[i]);
		buf_printf(b, "\\vita_color_set:nn { %s } {", settings[i].tex);
		if (same_rgb(c, accent))
			buf_puts(b, "accent");
		else
			latex_put_rgb(b, c);
		buf_puts(b, "}\n");
	}
	buf_puts(b, "\\cs_new_protected:Npn \\vita_colors_define:\n  {\n"
	            "    \\vita_color_define:nn { vitaaccent } { accent }\n");
	for (size_t i = 0; i < NSETTINGS; i++)
		if (settings[i].kind == SET_COLOR)
			buf_printf(b, "    \\vita_color_define:nn { %s } { %s }\n", settings[i].tex, settings[i].tex);
	buf_puts(b, "  }\n\\ExplSyntaxOff\n\n");
}

/* The cap height the layout gives a family's text, em (layout/font.c: OS/2 sCapHeight; a
 * stand-in's, the original's). */
static double layout_cap_face(const char *family, int slot)
{
	const vita_font_family *f = vita_font_family_substitute_near(NULL, family);
	double c = f ? vita_font_family_layout_cap_face(f, slot) : 0;
	return c > 0 ? c : 0.7;
}

static double layout_cap(const char *family)
{
	return layout_cap_face(family, 0);
}

/* \cvcapheight, the cap height that sets a line's height (a line is it plus the line spacing
 * below the one before): the layout's figure for the family in use (\cvcapem, set with each
 * role's family) at the current size.  TeX's own H (\fontcharht) differs from it: EB Garamond's
 * is 0.645 em in XeTeX for a cap height of 0.650, Source Sans 3's 0.656 for 0.660, which over a
 * page's 55 lines put the class's last line 2-4 pt above vita's. */
static void put_cap_height(vita_buf *b, const vita_style *st)
{
	buf_printf(b, "\\def\\cvcapem{%.3f}\n"
	              "\\def\\cvcapheight{\\dimexpr\\cvcapem\\dimexpr\\f@size pt\\relax\\relax}\n",
	           layout_cap(st->body.family));
}

/* \cvpitchb, \cvpitchi, \cvpitchbi: how much farther apart the layout sets the lines of a
 * paragraph all in the bold, italic or bold italic face than the body's (em): a line's height is
 * its faces' ascender and descender, so a face of another height (Fontin's bold stand-in, drawn
 * at 1.007 of the size against the regular's 1.038) moves the lines. */
static void put_pitches(vita_buf *b, const vita_style *st)
{
	static const char *const names[] = {"b", "i", "bi"};
	const vita_font_family *f = vita_font_family_substitute_near(NULL, st->body.family);
	double base = vita_font_family_extent(f, 0);
	for (int slot = 1; slot < 4; slot++) {
		double d = base > 0 ? vita_font_family_extent(f, slot) - base : 0;
		buf_printf(b, "\\def\\cvpitch%s{%.4f}\n", names[slot - 1], d > -0.00005 && d < 0.00005 ? 0 : d);
	}
}

/* The lengths, the role styles and the \vitaset keys. */
static void put_settings_keys(vita_buf *b, const vita_style *st)
{
	buf_puts(b, "% Sizes and spacing (pt); a line is the font's capital height plus the line spacing apart.\n");
	for (size_t i = 0; i < NSETTINGS; i++) {
		const setting *s = &settings[i];
		if (s->kind == SET_LENGTH) {
			buf_printf(b, "\\newlength\\%s\\setlength\\%s{", s->tex, s->tex);
			latex_put_pt(b, *(const double *)field_of(st, s));
			buf_puts(b, "}\n");
		} else if (s->kind == SET_BOOL) {
			buf_printf(b, "\\newif\\if%s\\%s%s\n", s->tex, s->tex,
			           *(const bool *)field_of(st, s) ? "true" : "false");
		} else if (s->kind == SET_TEXT) {
			buf_printf(b, "\\def\\%s{", s->tex);
			const char *t = *(const char *const *)field_of(st, s);
			latex_escape_str(b, t ? t : "");
			buf_puts(b, "}\n");
		}
	}
	static const char *const aligns[] = {"\\cvraggedright", "\\cvcentering", "\\cvraggedleft", ""};
	buf_printf(b, "\\def\\cvbodyalign{%s}\n\\def\\cvdatealign{%s}\n\\def\\cvheaderalign{%s}\n",
	           st->alignment == VITA_ALIGN_LEFT ? "\\cvraggedright" : "", aligns[st->date_column_alignment],
	           aligns[st->header_alignment == VITA_ALIGN_JUSTIFIED ? VITA_ALIGN_CENTER : st->header_alignment]);
	put_cap_height(b, st);
	put_pitches(b, st);
	buf_puts(b, "\\newcommand\\cvsize[1]{\\fontsize{#1}{#1}\\selectfont\n"
	            "  \\fontsize{#1}{\\dimexpr\\cvcapheight+\\cvlinespacing}\\selectfont}\n");
	static const char *const roles[] = {"name", "headline", "connections", "sectiontitles"};
	const char *families[] = {st->name.family, st->headline.family, st->connections.family, st->section_titles.family};
	/* a bold role's lines are measured by the bold face's cap height, as the layout measures them */
	for (size_t i = 0; i < 4; i++) {
		const char *fam = families[i] ? families[i] : st->body.family;
		buf_printf(b,
		           "\\newcommand\\cv%sstyle{\\cv%sfamily\\ifcv%sbold\\def\\cvcapem{%.3f}\\else\\def\\cvcapem{%.3f}\\fi\n"
		           "  \\cvsize{\\cv%ssize}\\ifcv%sbold\\bfseries\\fi\\ifcv%ssc\\scshape\\fi\\color{cv%s}}\n",
		           roles[i], roles[i], roles[i], layout_cap_face(fam, 1), layout_cap(fam), roles[i], roles[i], roles[i],
		           roles[i]);
	}
	buf_puts(b, "\\newcommand\\cvfooterstyle{\\rmfamily\\cvsize{\\cvfootersize}\\color{cvfooter}}\n"
	            "\\newcommand\\cvtopnotestyle{\\rmfamily\\cvsize{\\cvtopnotesize}\\color{cvtopnote}}\n");
	buf_puts(b, "% \\vitaset{key = value, …}: the CV's own design (in the preamble).\n"
	            "\\ExplSyntaxOn\n\\keys_define:nn { vita }\n  {\n"
	            "    accent .code:n = \\vita_color_set:nn { accent } {#1} ,\n");
	for (size_t i = 0; i < NSETTINGS; i++) {
		const setting *s = &settings[i];
		buf_puts(b, "    ");
		for (const char *p = s->key; *p; p++)
			buf_putc(b, *p == ' ' ? '~' : *p);
		switch (s->kind) {
		case SET_COLOR:
			buf_printf(b, " .code:n = \\vita_color_set:nn { %s } {#1} ,\n", s->tex);
			break;
		case SET_LENGTH:
			buf_printf(b, " .code:n = \\setlength \\%s {#1} ,\n", s->tex);
			break;
		case SET_TEXT:
			buf_printf(b, " .code:n = \\def \\%s {#1} ,\n", s->tex);
			break;
		case SET_BOOL:
			buf_printf(b, " .choices:nn = { true, false } { \\use:c { %s \\l_keys_choice_tl } } ,\n", s->tex);
			break;
		case SET_ALIGN:
			buf_printf(b, " .choices:nn = { left, center, right, justified }\n"
			              "      { \\tl_set:Nx \\%s { \\clist_item:nn { \\cvraggedright, \\cvcentering, "
			              "\\cvraggedleft, {} } { \\l_keys_choice_int } } } ,\n",
			           s->tex);
			break;
		case SET_TITLE:
			buf_puts(b, " .choices:nn =\n      { ");
			for (size_t k = 0; k < LATEX_TITLE_TYPES; k++)
				buf_printf(b, "%s%s", k ? ", " : "", latex_title_names[k]);
			buf_puts(b, " }\n      { \\cs_set_eq:Nc \\cvsectiontitle { cvsection@ \\l_keys_choice_tl } } ,\n");
			break;
		}
	}
	buf_puts(b, "    dates~left .choices:nn = { true, false } { \\use:c { cvdatesleft \\l_keys_choice_tl } } ,\n"
	            "  }\n\\NewDocumentCommand \\vitaset { m } { \\keys_set:nn { vita } {#1} }\n"
	            "% An entry's fields: key = {value} pairs (an empty value leaves the field unset).\n"
	            "\\keys_define:nn { vita / entry }\n"
	            "  { unknown .code:n = \\tl_if_blank:nF {#1} { \\tl_set:cn { cvf@ \\l_keys_key_str } {#1} } }\n"
	            "\\NewDocumentCommand \\cvfields { m } { \\keys_set:nn { vita / entry } {#1} }\n"
	            "\\ExplSyntaxOff\n\n");
}

void latex_put_class(vita_buf *b, const vita_comp *theme)
{
	const vita_style *st = theme->st;
	put_head(b, st);
	put_page(b, st);
	put_colors(b, st);
	latex_put_cjk_xetex(b);
	latex_put_fallback_xetex(b);
	latex_put_fonts(b, st);
	put_settings_keys(b, st);
	latex_put_layout(b);
	latex_put_header_macros(b);
	latex_put_building_blocks(b);
	latex_put_section_macros(b, st);
	buf_printf(b, "%% Entries (dates on the %s): \\cvexperience{company = {…}, position = {…}, …}; the\n"
	              "%% fields each kind shows are listed above its macro, and any may be left out.\n",
	           theme->dates_left ? "left" : "right");
	if (theme->dates_left)
		buf_puts(b, "\\cvdateslefttrue\n");
	for (int k = 0; k < VITA_ENTRY_KIND_COUNT; k++)
		if (latex_kind_macro((vita_entry_kind)k))
			latex_put_entry_macro(b, theme, (vita_entry_kind)k, "\\newcommand");
	buf_puts(b, "\\endinput\n");
}
