/*
 * What the LaTeX writer's files share: turning compiled templates into TeX (template.c), the class
 * vita.cls and the settings a CV may change with \vitaset (class.c), for the writer of the .tex
 * (latex.c).
 */
#ifndef VITA_LATEX_INTERNAL_H
#define VITA_LATEX_INTERNAL_H

#include "base/base.h"
#include "compose/compose_internal.h"
#include "vita/style.h"

/* The version of the class: a .tex asks for it (\documentclass[version=N]{vita-classic}); a class keeps
 * compiling every .tex written for an older version, and stops with a message naming both
 * versions for a newer one. */
#define LATEX_CLASS_VERSION 4

/* Writes \MACRO{key}: key is the placeholder's name in lower case ("START_DATE" → start_date), the
 * name a field has in the .tex (start_date = {…}). */
void latex_put_macro_key(vita_buf *b, const char *macro, const char *name);
/* The TeX that prints column col of an entry kind from its fields. */
void latex_put_column(vita_buf *b, const ctmpl_set *ts, size_t col);
/* \ifcvall: every placeholder of the kind is set (RenderCV cleans line ends only otherwise). */
void latex_put_all_test(vita_buf *b, const ctmpl_set *ts);
/* \ifcvany: some placeholder of column col is set. */
void latex_put_any_test(vita_buf *b, const ctmpl_set *ts, size_t col);

/* A length in PostScript points, written "bp" with at most three decimals and no trailing zeros:
 * vita's (and Typst's, RenderCV's) point is 1/72 in, TeX's "pt" 1/72.27 in, so lengths written
 * in pt made the LaTeX PDF's letter page 609.71 x 789.04 and every size and space 0.37% small. */
void latex_put_pt(vita_buf *b, double v);
/* rtl.c: for a right-to-left CV (vita_comp.rtl), babel with the CV's language as the main one and
 * its bidi, after \documentclass; nothing otherwise. */
void latex_put_rtl(vita_buf *b, const vita_comp *comp);
/* For each of the n bytes of s, whether it is in a left-to-right run of s set as a right-to-left
 * paragraph (UAX #9, FriBidi); NULL when s has no left-to-right letter.  Freed by the caller. */
bool *latex_ltr_bytes(const char *s, size_t n);
/* A colour as xcolor's RGB triple "R,G,B" (0-255). */
void latex_put_rgb(vita_buf *b, vita_rgb c);

/* The entry macros' names by kind (NULL for kinds written with the text-entry macros). */
const char *latex_kind_macro(vita_entry_kind k);
/* geometry's keys (paperwidth=…, footskip=…) for the style's page: the class and a .tex that
 * changes the page write the same (class.c). */
void latex_put_geometry_keys(vita_buf *b, const vita_style *st);
/* Defines (def is "\\newcommand" or "\\renewcommand") the macro of entry kind k from the
 * composition's compiled templates. */
void latex_put_entry_macro(vita_buf *b, const vita_comp *c, vita_entry_kind k, const char *def);
/* The kinds that have an entry macro, in the order the class defines them. */

/* A font family as fontspec loads it: by file from the folder fonts/ beside the .tex, or by name
 * (system). cmd is "\\setmainfont", "\\newfontfamily\\cvnamefamily", … */
void latex_put_font(vita_buf *b, const char *cmd, const char *family, const char *cv_fonts, bool system);
/* fontspec's Scale and WordSpace keys for a stand-in family (f->metrics; style/fonts.h), as the
 * layout sets it: each face's scale, the original's word space as a multiple of the scaled
 * stand-in's (the bold and italic faces' in BoldFeatures={…}, …). */
struct vita_font_family;
void latex_put_stand_in(vita_buf *b, const struct vita_font_family *f);
/* The header's icons (icons.c): whether the composition shows any, the preamble's icon fonts and
 * \cvicon (by_name: the families as installed; else the files of fonts/, under --system-fonts
 * too, since no distribution packages Font Awesome 6 Free), and connection i's \cvicon call
 * (nothing when it has no icon). */
bool latex_has_icons(const vita_comp *c);
void latex_put_icon_fonts(vita_buf *b, const vita_comp *c, bool by_name);
void latex_put_icon(vita_buf *b, const vita_comp *c, size_t i);

/* --system-fonts (sysfonts.c): the .tex's \setmainfont, \setmonofont (when mono_used: the CV has
 * code) and role families, each installed face by file name, with a warning and another family
 * for one not installed; and, before \documentclass, the installed CJK font (\vitacjkfont). */
void latex_put_system_fonts(vita_buf *b, const vita_style *st, bool mono_used, vita_diags *d);
void latex_put_system_cjk(vita_buf *b, const vita_style *st, vita_diags *d);

/* classfonts.c, for the class: XeLaTeX's CJK class and fallback machinery, and the fonts (the
 * main font, the roles' families, the CJK font, LuaLaTeX's fallback lists). */
void latex_put_cjk_xetex(vita_buf *b);
void latex_put_fallback_xetex(vita_buf *b);
void latex_put_fonts(vita_buf *b, const vita_style *st);

/* hyphen.c: \hyphenation{…} for the words of body (the .tex's text) that vita's PDF never
 * hyphenates: a capital after the first letter, or tied to a neighbour with ~ (a personal name). */
void latex_put_hyphenation(vita_buf *b, const char *body);
/* The class of a theme, vita-THEME.cls: theme is the composition of the CV with the theme's style
 * alone (no design: overrides, which the .tex carries as \vitaset lines), the default locale and
 * vita's fonts, so that every CV of the theme in a folder shares it. */
void latex_put_class(vita_buf *b, const vita_comp *theme);
/* Whether the fonts' standard ligatures are on (the class option ligatures): as vita's PDF forms
 * them, under typography.ligatures and only in a body font whose ligatures join letters (EB
 * Garamond 12's f-alternates are no ligature to the layout, which then draws the letters). */
bool latex_ligatures(const vita_style *st);
/* The class's name, "vita-" and the theme's name in letters, digits and '-' (malloc'd). */
char *latex_class_name(const vita_style *theme);

/* The section title types by vita_title_type, as \vitaset{section title type = …} names them. */
#define LATEX_TITLE_TYPES 8
extern const char *const latex_title_names[LATEX_TITLE_TYPES];
/* classmacros.c, the class's macros: the packages and page style, the header, the entries'
 * building blocks (\cvline, \cvrow, the degree row, highlights, text entries), the section titles
 * (st's title type the default). */
void latex_put_layout(vita_buf *b);
void latex_put_header_macros(vita_buf *b);
void latex_put_building_blocks(vita_buf *b);
void latex_put_section_macros(vita_buf *b, const vita_style *st);

/* The \vitaset lines that turn the theme's style into the CV's (one per changed setting), and
 * whether anything else differs that \vitaset cannot say (the fonts, written by latex.c). */
void latex_put_settings(vita_buf *b, const vita_style *theme, const vita_style *cv);

#endif
