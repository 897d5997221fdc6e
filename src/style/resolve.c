/*
 * The style loader's last stage: once every file (classic, the theme, the CV's design block) has
 * been walked (style.c), the lengths kept as written become points against the final body size,
 * and the values that would put text off the page or make it unreadable are errors at the value
 * that caused them.  Font families that are neither shipped nor installed are replaced here by
 * the nearest one, so every backend names a family that exists.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "base/base.h"
#include "load/builtin.h"
#include "style/fonts.h"
#include "style/style_internal.h"
#include "vita/style.h"

/* Font sizes, in pt.  Below 1pt text cannot be read in print; above 72pt a body, headline or
 * section-title line holds a word or two.  The name is a display line and may be larger.  libharu
 * refuses sizes beyond 600pt (and em sizes grow with the body), so without these bounds a typo
 * such as `500pt` failed in the PDF writer with no position; here it is an error at the CV's
 * line for both formats.  styles/classic.yaml's comments give the same bounds. */
#define FONT_MIN 1.0
#define FONT_MAX 72.0
#define NAME_FONT_MAX 200.0

/* Margins that leave less than an inch: the message points at the value the user wrote (the
 * larger of the pair if the CV set both), else at the CV's page.size, else at the theme file. */
static void margins_too_big(loader *L, const char *a, const char *b, const char *which, const char *dim)
{
	int ka = style_find_key(a), kb = style_find_key(b);
	const length *la = &L->len[ka], *lb = &L->len[kb];
	double pa = *(double *)style_field(L->s, style_key_table[ka].off), pb = *(double *)style_field(L->s, style_key_table[kb].off);
	const length *at;
	if (la->from_cv && lb->from_cv)
		at = pa >= pb ? la : lb;
	else if (la->from_cv || lb->from_cv)
		at = la->from_cv ? la : lb;
	else
		at = NULL;
	vita_pos pos = at ? at->pos : L->size_from_cv ? L->size_pos : la->pos;
	vita_diag(L->d, VITA_ERROR, pos,
	          "design.page: the %s margins leave less than one inch of the %s page's %s for text",
	          which, L->s->page_size ? L->s->page_size : "", dim);
}

/* D1: margins and widths below zero put text off the page or leave no column for it: errors at
 * the value.  RenderCV allows negative spacing on purpose (to pull a block up), so a negative
 * spacing is accepted; the first one the CV sets is remembered, and the layout points at it if
 * text then lands off the page (vita_layout's page check). */
static void check_negative(loader *L)
{
	static const char *const no_negative[] = {
	    "page.top_margin",          "page.bottom_margin",          "page.left_margin",
	    "page.right_margin",        "entries.date_and_location_width", "entries.degree_width",
	    "header.photo_width",       "section_titles.line_thickness",   "typography.line_spacing"};
	for (size_t i = 0; i < sizeof no_negative / sizeof *no_negative; i++) {
		int k = style_find_key(no_negative[i]);
		const length *l = &L->len[k];
		double *v = (double *)style_field(L->s, style_key_table[k].off);
		if (!l->set || *v >= 0)
			continue;
		vita_diag(L->d, VITA_ERROR, l->pos,
		          "design.%s: %g%s is negative; a %s must be 0 or more (a negative one puts text off "
		          "the page or leaves no room for it)",
		          style_key_table[k].path, l->value, l->unit, strstr(style_key_table[k].path, "margin") ? "margin" : "width");
		*v = 0;
	}
	/* Horizontal lengths wider than the text column push text off the page or squeeze a column
	 * to a character per line: errors at the value, like negative ones. */
	static const char *const horizontal[] = {
	    "entries.date_and_location_width", "entries.degree_width",        "entries.side_space",
	    "entries.space_between_columns",   "entries.summary.space_left",  "entries.highlights.space_left",
	    "entries.highlights.space_between_bullet_and_text", "header.photo_width",
	    "header.photo_space_left",         "header.photo_space_right"};
	double text_w = L->s->page_width - L->s->margin_left - L->s->margin_right;
	for (size_t i = 0; i < sizeof horizontal / sizeof *horizontal && text_w > 0; i++) {
		int k = style_find_key(horizontal[i]);
		const length *l = &L->len[k];
		double v = *(double *)style_field(L->s, style_key_table[k].off);
		if (!l->set || v < text_w * 0.75)
			continue;
		vita_diag(L->d, VITA_ERROR, l->pos,
		          "design.%s: %g%s is %s the page's text column (%.2fin between the margins); it would "
		          "push text off the page or leave no room for it",
		          style_key_table[k].path, l->value, l->unit, v >= text_w ? "wider than" : "most of", text_w / 72);
	}
	for (size_t i = 0; i < style_nkeys && !L->s->negative_spacing; i++)
		if (style_key_table[i].k == K_LEN && L->len[i].set && L->len[i].from_cv && L->len[i].value < 0) {
			L->s->negative_spacing = style_key_table[i].path;
			L->s->negative_spacing_pos = L->len[i].pos;
		}
}

void style_resolve(loader *L)
{
	vita_style *s = L->s;
	int body_idx = style_find_key("typography.font_size.body");
	length *bl = &L->len[body_idx];
	if (bl->set && strcmp(bl->unit, "em") == 0) {
		vita_diag(L->d, VITA_ERROR, bl->pos,
		          "design.typography.font_size.body: `em` means a multiple of the body size, so the "
		          "body size itself needs an absolute unit (pt, mm, cm, in)");
		bl->set = false;
	}
	double body = bl->set ? style_length_pt(bl, 0) : 10;
	if (body < FONT_MIN || body > FONT_MAX) {
		vita_diag(L->d, VITA_ERROR, bl->pos,
		          "design.typography.font_size.body: %gpt is out of range; a font size must be "
		          "between %gpt and %gpt",
		          body, FONT_MIN, FONT_MAX);
		body = 10;
	}
	for (size_t i = 0; i < style_nkeys; i++)
		if (style_key_table[i].k == K_LEN && L->len[i].set)
			*(double *)style_field(s, style_key_table[i].off) = style_length_pt(&L->len[i], body);
	s->body.size = body;

	/* The other font sizes, each in its bounds (em sizes are checked as resolved). */
	static const char *const sizes[] = {"typography.font_size.name", "typography.font_size.headline",
	                                    "typography.font_size.connections",
	                                    "typography.font_size.section_titles",
	                                    "typography.font_size.footer", "typography.font_size.top_note"};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		int k = style_find_key(sizes[i]);
		const length *l = &L->len[k];
		double v = *(double *)style_field(s, style_key_table[k].off), max = i == 0 ? NAME_FONT_MAX : FONT_MAX;
		if (!l->set || (v >= FONT_MIN && v <= max))
			continue;
		if (!l->from_cv && strcmp(l->unit, "em") == 0 && bl->from_cv)
			/* The theme's size is a multiple of the body size the CV chose: point at that. */
			vita_diag(L->d, VITA_ERROR, bl->pos,
			          "design.typography.font_size.body: %gpt makes %s (%gem in the theme) %gpt; "
			          "that font size must be between %gpt and %gpt",
			          body, style_key_table[k].path + strlen("typography.font_size."), l->value, v, FONT_MIN, max);
		else
			vita_diag(L->d, VITA_ERROR, l->pos,
			          "design.%s: %gpt is out of range; this font size must be between %gpt and %gpt",
			          style_key_table[k].path, v, FONT_MIN, max);
	}
	check_negative(L);
	if (s->page_width - s->margin_left - s->margin_right < 72)
		margins_too_big(L, "page.left_margin", "page.right_margin", "left and right", "width");
	if (s->page_height - s->margin_top - s->margin_bottom < 72)
		margins_too_big(L, "page.top_margin", "page.bottom_margin", "top and bottom", "height");

	s->hyphenate = s->hyphenate && !L->no_hyphenation;

	/* Families found nowhere: the nearest one that is, so both backends name a real family, with a
	 * warning (once per family) naming both. */
	const char *warned[STYLE_MAX_KEYS];
	size_t nwarned = 0;
	for (size_t i = 0; i < style_nkeys; i++) {
		if (style_key_table[i].k != K_FAMILY)
			continue;
		const char **f = (const char **)style_field(s, style_key_table[i].off);
		const vita_font_family *ff = vita_font_family_substitute_near(s->cv_fonts, *f);
		bool seen = false;
		for (size_t k = 0; k < nwarned && !seen; k++)
			seen = strcasecmp(warned[k], *f) == 0;
		if (*f && !vita_font_family_find_near(s->cv_fonts, *f) && !seen && ff->metrics) {
			warned[nwarned++] = *f;
			/* a theme's own stand-in (moderncv's) is named in the theme's notes */
			if (!vita_style_file_rel(L->family_pos[i].file))
				vita_diag(L->d, VITA_NOTE, L->family_pos[i],
				          "font `%s` is not installed (vita cannot ship it); %s stands in, set to %s's "
				          "widths, word space and cap height", *f, ff->files_family, *f);
		} else if (*f && !vita_font_family_find_near(s->cv_fonts, *f) && !seen) {
			const char *pkg = vita_font_family_package(*f);
			warned[nwarned++] = *f;
			vita_diag(L->d, VITA_WARNING, L->family_pos[i],
			          "font `%s` is neither in vita's fonts/ nor installed; using %s instead%s%s%s",
			          *f, ff->family, pkg ? " (install Debian's " : "", pkg ? pkg : "", pkg ? ")" : "");
		}
		*f = ff->family;
	}
	s->footer.family = s->top_note.family = s->body.family;
	s->footer.bold = s->top_note.bold = s->body.bold = false;
}

