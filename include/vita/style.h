/*
 * The style: every length, font, size, colour and spacing the layout and the LaTeX writer use.
 *
 * Loaded from styles/<theme>.yaml and overridden by the CV's `design:` block, with RenderCV's keys
 * and meanings (design.page, colors, typography, header, section_titles, sections, entries,
 * templates).  Lengths are resolved to PostScript points (1/72 in) at load time; `em` is relative to
 * the body font size.  No layout constant lives in C code: what is not here is not a choice.
 */
#ifndef VITA_STYLE_H
#define VITA_STYLE_H

#include <stdio.h>

#include "vita.h"
#include "vita/cv.h"

typedef struct vita_rgb {
	double r, g, b; /* 0..1 */
} vita_rgb;

typedef enum vita_align { VITA_ALIGN_LEFT, VITA_ALIGN_CENTER, VITA_ALIGN_RIGHT, VITA_ALIGN_JUSTIFIED } vita_align;

typedef enum vita_title_type {
	VITA_TITLE_WITH_PARTIAL_LINE,
	VITA_TITLE_WITH_FULL_LINE,
	VITA_TITLE_WITHOUT_LINE,
	VITA_TITLE_MODERNCV,
	VITA_TITLE_CENTERED_WITHOUT_LINE,
	VITA_TITLE_CENTERED_WITH_PARTIAL_LINE,
	VITA_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE,
	VITA_TITLE_CENTERED_WITH_FULL_LINE,
} vita_title_type;

/* design.typography.direction (vita's): right to left from the locale (arabic, hebrew, persian, as
 * RenderCV's locale.is_rtl), or forced either way. */
typedef enum vita_direction { VITA_DIR_AUTO, VITA_DIR_LTR, VITA_DIR_RTL } vita_direction;

/* design.header.connections.phone_number_format (src/phone/): RenderCV's three, national by default. */
typedef enum vita_phone_format { VITA_PHONE_NATIONAL, VITA_PHONE_INTERNATIONAL, VITA_PHONE_E164 } vita_phone_format;

/* One typographic role: which family, how big, bold?, small caps?, colour. */
typedef struct vita_font_role {
	const char *family; /* e.g. "Noto Sans"; resolved against fonts/ by the layout */
	double size;        /* pt */
	bool bold, small_caps;
	vita_rgb color;
} vita_font_role;

/* An entry kind's templates (RenderCV design.templates.*_entry). NULL where the kind has none. */
typedef struct vita_entry_templates {
	const char *main_column;
	const char *degree_column;
	const char *date_and_location_column;
} vita_entry_templates;

struct vita_style {
	const char *theme;
	const char *cv_fonts;            /* the CV's own fonts/ folder (absolute), whose families come
	                                  * first, as in RenderCV; NULL when it has none or may not read it */

	/* page */
	const char *page_size;           /* "a4", "us-letter", "a5", "us-executive" */
	double page_width, page_height;  /* pt */
	double margin_top, margin_bottom, margin_left, margin_right;
	bool show_footer, show_top_note;

	/* typography */
	vita_font_role body, name, headline, connections, section_titles, footer, top_note;
	vita_rgb link_color;
	double line_spacing;             /* extra space between lines, pt (RenderCV: 0.6em) */
	vita_align alignment;            /* body text: left or justified */
	vita_align date_column_alignment;/* date_and_location_column_alignment */
	bool hyphenate;                  /* hyphenate justified text */
	bool ligatures;                  /* the font's standard ligatures (fi, fl, ff, ffi) in Latin text */
	bool emoji_drop;                 /* typography.emoji: drop (emoji left out, said once), else keep */
	vita_direction direction;        /* typography.direction: auto (the locale's), ltr, rtl */
	const char *cjk_family;          /* fallback family for CJK, e.g. "Droid Sans Fallback" */
	const char *mono_family;         /* for `code` spans */
	bool link_underline, show_external_link_icon;

	/* header */
	vita_align header_alignment;
	double photo_width, photo_space_left, photo_space_right;
	bool photo_left;
	double space_below_name, space_below_headline, space_below_connections;
	bool connections_hyperlink, display_urls_instead_of_usernames;
	bool show_icons; /* design.header.connections.show_icons: a Font Awesome icon before each connection */
	vita_phone_format phone_format;
	const char *connections_separator; /* "" means none, spacing only */
	double space_between_connections;

	/* section titles */
	vita_title_type title_type;
	double title_line_thickness, title_space_above, title_space_below;

	/* sections */
	bool sections_allow_page_break;
	double space_between_regular_entries, space_between_text_based_entries;

	/* entries */
	double date_and_location_width, side_space, space_between_columns, degree_width;
	bool entries_allow_page_break, short_second_row;
	double summary_space_above, summary_space_left;
	const char *bullet, *nested_bullet;
	double highlights_space_left, highlights_space_above, highlights_space_between_items,
	    highlights_space_between_bullet_and_text;

	/* templates */
	const char *footer_template;     /* "*NAME -- PAGE_NUMBER/TOTAL_PAGES*" */
	const char *top_note_template;   /* "*LAST_UPDATED CURRENT_DATE*" */
	vita_pos footer_template_pos, top_note_template_pos; /* where they were set (a theme or the CV) */
	/* design.sections.show_time_spans_in: the sections (titles in snake case, "experience") whose
	 * dated entries show their length ("2 years 3 months") under the date range, as RenderCV */
	const char **time_span_sections;
	size_t ntime_span_sections;
	/* Per entry kind (indexed by vita_entry_kind): design.templates.<kind>_entry, e.g. one-line's
	 * main_column "**LABEL:** DETAILS".  The slots a kind has come from the schema table. */
	vita_entry_templates templates[VITA_ENTRY_KIND_COUNT];

	/* design.page.fit: N (vita's, src/render/fit.c): shrink spacing, then fonts, then margins until
	 * the CV fits N pages; 0 = as designed.  fit_minimum (spacing, font, margins; 0 = vita's
	 * defaults 0.6, 0.85, 0.7) bound the shrinking; fit_factor (when fit_factor_given) renders at
	 * that factor (1 = as designed, 0 = the minima) without searching. */
	int fit_pages;
	double fit_min_spacing, fit_min_font, fit_min_margins, fit_factor;
	bool fit_factor_given;
	vita_pos fit_pos;

	/* The first negative length the CV's design sets (RenderCV allows negative spacing), e.g.
	 * "header.space_below_name", and where: the layout points at it when text lands off the page. */
	const char *negative_spacing;
	vita_pos negative_spacing_pos;

	struct vita_arena *arena;
};

/* RenderCV's rules beyond its design keys (src/style/rules.c), for every backend that lays out:
 * the space from a section title's block to its first entry (space_below + 0.125 em of the title);
 * the bullet as drawn ("●" becomes a 13 pt "•" raised 0.6 pt: *size and *raise in pt, else 0, the
 * body's size). */
double vita_style_title_gap_below(const vita_style *st);
const char *vita_style_bullet_shown(const char *bullet, double *size, double *raise);

/* `vita themes`: vita's nine themes, then the custom themes in folder dir, one line each with its
 * description (src/style/custom.c). */
void vita_themes_list(const char *dir, FILE *out);
/* True when the YAML file at path is a style file (a top-level `design:`, no `cv:`): a custom theme
 * or a split design file, which `vita build` does not take for a profile. */
bool vita_is_style_file(const char *path);

#endif
