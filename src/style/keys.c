/*
 * The design keys vita understands, one row each: its RenderCV path, its kind, where in struct
 * vita_style it goes.  The fixed rows, then the template slots of every entry kind the schema table
 * names (design.templates.<kind>_entry.<slot>), so a kind added to the table has its design keys.
 * The walk (style.c) and its did-you-mean read this one table; the walk finds a key by binary search.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "style/style_internal.h"
#include "vita/schema.h"

#define F(field) offsetof(vita_style, field)

static const key fixed_keys[] = {
    {"theme", K_THEME, 0},
    {"page.size", K_PAGE_SIZE, 0},
    {"page.top_margin", K_LEN, F(margin_top)},
    {"page.bottom_margin", K_LEN, F(margin_bottom)},
    {"page.left_margin", K_LEN, F(margin_left)},
    {"page.right_margin", K_LEN, F(margin_right)},
    {"page.show_footer", K_BOOL, F(show_footer)},
    {"page.show_top_note", K_BOOL, F(show_top_note)},
    {"page.fit", K_FIT_PAGES, F(fit_pages)},
    {"page.fit_minimum.spacing", K_FRACTION, F(fit_min_spacing)},
    {"page.fit_minimum.font", K_FRACTION, F(fit_min_font)},
    {"page.fit_minimum.margins", K_FRACTION, F(fit_min_margins)},
    {"page.fit_factor", K_FRACTION, F(fit_factor)},
    {"colors.body", K_COLOR, F(body.color)},
    {"colors.name", K_COLOR, F(name.color)},
    {"colors.headline", K_COLOR, F(headline.color)},
    {"colors.connections", K_COLOR, F(connections.color)},
    {"colors.section_titles", K_COLOR, F(section_titles.color)},
    {"colors.links", K_COLOR, F(link_color)},
    {"colors.footer", K_COLOR, F(footer.color)},
    {"colors.top_note", K_COLOR, F(top_note.color)},
    {"typography.line_spacing", K_LEN, F(line_spacing)},
    {"typography.alignment", K_BODY_ALIGN, F(alignment)},
    {"typography.date_and_location_column_alignment", K_ALIGN, F(date_column_alignment)},
    {"typography.font_family", K_FAMILY_ALL, 0},
    {"typography.font_family.body", K_FAMILY, F(body.family)},
    {"typography.font_family.name", K_FAMILY, F(name.family)},
    {"typography.font_family.headline", K_FAMILY, F(headline.family)},
    {"typography.font_family.connections", K_FAMILY, F(connections.family)},
    {"typography.font_family.section_titles", K_FAMILY, F(section_titles.family)},
    {"typography.font_size.body", K_LEN, F(body.size)},
    {"typography.font_size.name", K_LEN, F(name.size)},
    {"typography.font_size.headline", K_LEN, F(headline.size)},
    {"typography.font_size.connections", K_LEN, F(connections.size)},
    {"typography.font_size.section_titles", K_LEN, F(section_titles.size)},
    {"typography.font_size.footer", K_LEN, F(footer.size)},
    {"typography.font_size.top_note", K_LEN, F(top_note.size)},
    {"typography.small_caps.name", K_BOOL, F(name.small_caps)},
    {"typography.small_caps.headline", K_BOOL, F(headline.small_caps)},
    {"typography.small_caps.connections", K_BOOL, F(connections.small_caps)},
    {"typography.small_caps.section_titles", K_BOOL, F(section_titles.small_caps)},
    {"typography.bold.name", K_BOOL, F(name.bold)},
    {"typography.bold.headline", K_BOOL, F(headline.bold)},
    {"typography.bold.connections", K_BOOL, F(connections.bold)},
    {"typography.bold.section_titles", K_BOOL, F(section_titles.bold)},
    {"typography.hyphenate", K_BOOL, F(hyphenate)},
    {"typography.ligatures", K_BOOL, F(ligatures)},
    {"typography.emoji", K_EMOJI, F(emoji_drop)},
    {"typography.direction", K_DIRECTION, F(direction)},
    {"typography.cjk_font_family", K_FAMILY, F(cjk_family)},
    {"typography.mono_font_family", K_FAMILY, F(mono_family)},
    {"links.underline", K_BOOL, F(link_underline)},
    {"links.show_external_link_icon", K_BOOL, F(show_external_link_icon)},
    {"header.alignment", K_ALIGN, F(header_alignment)},
    {"header.photo_width", K_LEN, F(photo_width)},
    {"header.photo_position", K_PHOTO_POS, F(photo_left)},
    {"header.photo_space_left", K_LEN, F(photo_space_left)},
    {"header.photo_space_right", K_LEN, F(photo_space_right)},
    {"header.space_below_name", K_LEN, F(space_below_name)},
    {"header.space_below_headline", K_LEN, F(space_below_headline)},
    {"header.space_below_connections", K_LEN, F(space_below_connections)},
    {"header.connections.phone_number_format", K_PHONE, 0},
    {"header.connections.hyperlink", K_BOOL, F(connections_hyperlink)},
    {"header.connections.show_icons", K_BOOL, F(show_icons)},
    {"header.connections.display_urls_instead_of_usernames", K_BOOL,
     F(display_urls_instead_of_usernames)},
    {"header.connections.separator", K_STR, F(connections_separator)},
    {"header.connections.space_between_connections", K_LEN, F(space_between_connections)},
    {"section_titles.type", K_TITLE_TYPE, F(title_type)},
    {"section_titles.line_thickness", K_LEN, F(title_line_thickness)},
    {"section_titles.space_above", K_LEN, F(title_space_above)},
    {"section_titles.space_below", K_LEN, F(title_space_below)},
    {"sections.allow_page_break", K_BOOL, F(sections_allow_page_break)},
    {"sections.space_between_regular_entries", K_LEN, F(space_between_regular_entries)},
    {"sections.space_between_text_based_entries", K_LEN, F(space_between_text_based_entries)},
    {"sections.show_time_spans_in", K_STR_LIST, F(time_span_sections)},
    {"entries.date_and_location_width", K_LEN, F(date_and_location_width)},
    {"entries.side_space", K_LEN, F(side_space)},
    {"entries.space_between_columns", K_LEN, F(space_between_columns)},
    {"entries.allow_page_break", K_BOOL, F(entries_allow_page_break)},
    {"entries.short_second_row", K_BOOL, F(short_second_row)},
    {"entries.degree_width", K_LEN, F(degree_width)},
    {"entries.summary.space_above", K_LEN, F(summary_space_above)},
    {"entries.summary.space_left", K_LEN, F(summary_space_left)},
    {"entries.highlights.bullet", K_BULLET, F(bullet)},
    {"entries.highlights.nested_bullet", K_BULLET, F(nested_bullet)},
    {"entries.highlights.space_left", K_LEN, F(highlights_space_left)},
    {"entries.highlights.space_above", K_LEN, F(highlights_space_above)},
    {"entries.highlights.space_between_items", K_LEN, F(highlights_space_between_items)},
    {"entries.highlights.space_between_bullet_and_text", K_LEN,
     F(highlights_space_between_bullet_and_text)},
    {"templates.footer", K_TEMPLATE, F(footer_template)},
    {"templates.top_note", K_TEMPLATE, F(top_note_template)},
    {"templates.single_date", K_LOADER, 0},
    {"templates.date_range", K_LOADER, 0},
    {"templates.time_span", K_LOADER, 0},
};

#define NFIXED (sizeof fixed_keys / sizeof fixed_keys[0])
/* The fixed keys, then the template slots of every entry kind the schema table names
 * (design.templates.<kind>_entry.<slot>): a kind added to the table has its design keys. */
#define NKEYS (NFIXED + 3 * VITA_ENTRY_KIND_COUNT)
_Static_assert(NKEYS <= STYLE_MAX_KEYS, "STYLE_MAX_KEYS is too small for the key table");
key style_key_table[STYLE_MAX_KEYS];
size_t style_nkeys;
static char slot_paths[3 * VITA_ENTRY_KIND_COUNT][80];
static pthread_once_t keys_once = PTHREAD_ONCE_INIT;
/* The rows in the order of their paths, for a binary search: the walk looks up every key of
 * classic, the theme and the CV, and a linear scan of the table was ~0.3 M instructions a render. */
static unsigned char by_path[STYLE_MAX_KEYS];
_Static_assert(STYLE_MAX_KEYS <= 256, "by_path holds row numbers in a byte");

static int cmp_rows(const void *a, const void *b)
{
	return strcmp(style_key_table[*(const unsigned char *)a].path, style_key_table[*(const unsigned char *)b].path);
}

static void sort_keys(void)
{
	for (size_t i = 0; i < style_nkeys; i++)
		by_path[i] = (unsigned char)i;
	qsort(by_path, style_nkeys, sizeof by_path[0], cmp_rows);
}

/* The first place in by_path whose path is not less than path. */
static size_t lower_bound(const char *path)
{
	size_t lo = 0, hi = style_nkeys;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(style_key_table[by_path[mid]].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int style_find_key(const char *path)
{
	size_t i = lower_bound(path);
	return i < style_nkeys && strcmp(style_key_table[by_path[i]].path, path) == 0 ? by_path[i] : -1;
}

bool style_is_group(const char *path)
{
	size_t n = strlen(path);
	/* the paths that start with path are together in the order, from its lower bound on */
	for (size_t i = lower_bound(path); i < style_nkeys; i++) {
		const char *p = style_key_table[by_path[i]].path;
		if (strncmp(p, path, n) != 0)
			return false;
		if (p[n] == '.')
			return true;
	}
	return false;
}

static void build_keys(void)
{
	static const struct {
		unsigned slot;
		const char *name;
		size_t off;
	} slots[] = {
	    {VITA_SLOT_MAIN, "main_column", offsetof(vita_entry_templates, main_column)},
	    {VITA_SLOT_DEGREE, "degree_column", offsetof(vita_entry_templates, degree_column)},
	    {VITA_SLOT_DATE, "date_and_location_column", offsetof(vita_entry_templates, date_and_location_column)},
	};
	memcpy(style_key_table, fixed_keys, sizeof fixed_keys);
	style_nkeys = NFIXED;
	size_t np = 0;
	for (int k = 0; k < VITA_ENTRY_KIND_COUNT; k++) {
		const vita_kind_def *kd = vita_kind_def_of((vita_entry_kind)k);
		for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) {
			if (!kd->style_key || !(kd->slots & slots[i].slot))
				continue;
			snprintf(slot_paths[np], sizeof slot_paths[np], "templates.%s.%s", kd->style_key, slots[i].name);
			style_key_table[style_nkeys++] = (key){slot_paths[np++], K_TEMPLATE,
			                      F(templates) + (size_t)k * sizeof(vita_entry_templates) + slots[i].off};
		}
	}
	sort_keys();
}

void style_keys_ready(void)
{
	pthread_once(&keys_once, build_keys);
}
