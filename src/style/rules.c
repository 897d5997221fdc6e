/*
 * RenderCV's spacing rules that are not design keys but follow from its Typst templates, in one
 * place so that every backend that lays out (the layout for the PDF and pictures, the HTML's CSS)
 * applies the same figures.  Measured against RenderCV's PDFs by scripts/parity.sh.
 */
#include <string.h>

#include "vita/style.h"

/* RenderCV's section title is a Typst level-2 heading whose show rule ends with
 * v(space_below - 0.5em); the heading's own block keeps Typst's spacing below a level-2 heading,
 * 0.75em / 1.2 of the title's size, so the two add up to space_below + 0.125 em of the title. */
#define HEADING_BELOW_EM (0.75 / 1.2)
#define TITLE_BELOW_EM 0.5

double vita_style_title_gap_below(const vita_style *st)
{
	return st->title_space_below + (HEADING_BELOW_EM - TITLE_BELOW_EM) * st->section_titles.size;
}

/* RenderCV's preamble turns the bullet "●" into a 13 pt "•" raised 0.6 pt
 * (`text(13pt, [•], baseline: -0.6pt)`); any other bullet is the text itself in the body's look. */
#define BIG_BULLET "\u25CF"
#define BIG_BULLET_SIZE 13.0 /* pt */
#define BIG_BULLET_RAISE 0.6 /* pt */

const char *vita_style_bullet_shown(const char *bullet, double *size, double *raise)
{
	*size = *raise = 0;
	if (bullet && strcmp(bullet, BIG_BULLET) == 0) {
		*size = BIG_BULLET_SIZE;
		*raise = BIG_BULLET_RAISE;
		return "\u2022";
	}
	return bullet ? bullet : "";
}
