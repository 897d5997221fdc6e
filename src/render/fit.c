/*
 * Fit to N pages (design.page.fit: N, `vita render --fit-pages N`; issue 16).
 *
 * One factor t in [0, 1] says how much of the allowed shrinking is applied: t = 1 is the CV as
 * designed, t = 0 every value at its minimum.  Going down from 1, the first third of the way
 * shrinks the vertical spacing (to fit_minimum.spacing, 60% by default), the second the font sizes
 * (to 85%), the last the margins (to 70%), so that spacing goes before type and type before
 * margins.  The search takes the largest t, on a grid of hundredths, whose layout fits: t = 1 first
 * (a CV that fits is left untouched, byte for byte), then t = 0 (if even the minima do not fit,
 * the CV is rendered at the minima with a warning giving the pages it needs), then bisection
 * between a factor that fits and one that does not.  Page counts are not monotone under the keep
 * rules, so bisection ends on a neighbouring pair — t fits, t + 0.01 does not — which is what is
 * verified; a larger factor further up that would also fit is not looked for.  Each trial is a
 * composition and a layout, never a PDF.  The scaled values live in a copy of the style, which the
 * composition carries to every backend (the .tex gets them as \vitaset lines and its geometry).
 */
#include <stdint.h>
#include <time.h>

#include "base/base.h"
#include "vita.h"
#include "vita/compose.h"
#include "vita/frame.h"
#include "vita/style.h"

#define GRID 100 /* factors are k / GRID */

typedef struct fit_scales {
	double spacing, font, margins;
} fit_scales;

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

static double minimum(double declared, double dflt)
{
	return declared > 0 && declared <= 1 ? declared : dflt;
}

/* What factor t does to each group, as fractions of the designed values. */
static fit_scales scales_at(const vita_style *st, double t)
{
	double u = 3 * (1 - t);
	fit_scales s;
	s.spacing = 1 - (1 - minimum(st->fit_min_spacing, 0.6)) * clamp01(u);
	s.font = 1 - (1 - minimum(st->fit_min_font, 0.85)) * clamp01(u - 1);
	s.margins = 1 - (1 - minimum(st->fit_min_margins, 0.7)) * clamp01(u - 2);
	return s;
}

/* out = st with factor t applied. */
static void apply(vita_style *out, const vita_style *st, double t)
{
	*out = *st;
	fit_scales s = scales_at(st, t);
	double *spacing[] = {&out->line_spacing, &out->space_below_name, &out->space_below_headline,
	                     &out->space_below_connections, &out->title_space_above, &out->title_space_below,
	                     &out->space_between_regular_entries, &out->space_between_text_based_entries,
	                     &out->summary_space_above, &out->highlights_space_above,
	                     &out->highlights_space_between_items};
	for (size_t i = 0; i < sizeof spacing / sizeof spacing[0]; i++)
		*spacing[i] *= s.spacing;
	vita_font_role *roles[] = {&out->body, &out->name, &out->headline, &out->connections,
	                           &out->section_titles, &out->footer, &out->top_note};
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		roles[i]->size *= s.font;
	out->margin_top *= s.margins;
	out->margin_bottom *= s.margins;
	out->margin_left *= s.margins;
	out->margin_right *= s.margins;
}

/* The pages the CV takes at factor k / GRID (SIZE_MAX when it cannot be laid out). */
static size_t pages_at(const vita_cv *cv, const vita_style *st, int k, size_t *trials)
{
	vita_style s;
	apply(&s, st, (double)k / GRID);
	vita_diags *d = vita_diags_new(); /* the real render reports what a trial would */
	vita_comp *c = vita_compose(cv, &s, d);
	vita_doc *doc = vita_diags_count(d, VITA_ERROR) ? NULL : vita_layout_comp(c, d);
	size_t n = doc && !vita_diags_count(d, VITA_ERROR) ? doc->npages : SIZE_MAX;
	vita_doc_free(doc);
	vita_comp_free(c);
	vita_diags_free(d);
	(*trials)++;
	return n;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The factor chosen for N pages, searching as the file's comment says; *needed gets the pages at
 * the minima when even they do not fit (else 0). -1: the CV fits as designed (or cannot be laid
 * out at all, which the real render reports). */
static int search(const vita_cv *cv, const vita_style *st, size_t want, size_t *trials, size_t *needed)
{
	*needed = 0;
	size_t n = pages_at(cv, st, GRID, trials);
	if (n <= want || n == SIZE_MAX)
		return -1;
	size_t at_min = pages_at(cv, st, 0, trials);
	if (at_min > want) {
		*needed = at_min;
		return 0;
	}
	int lo = 0, hi = GRID; /* lo fits, hi does not */
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (pages_at(cv, st, mid, trials) <= want)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* "HEAD: spacing 72%, fonts 100%, margins 100% (factor 0.91TAIL)" */
static void note(const vita_style *st, const char *head, double t, vita_diags *d, vita_severity sev, const char *tail)
{
	fit_scales s = scales_at(st, t);
	vita_diag(d, sev, st->fit_pos, "%s: spacing %.0f%%, fonts %.0f%%, margins %.0f%% (factor %.2f%s)", head,
	          s.spacing * 100, s.font * 100, s.margins * 100, t, tail);
}

const vita_style *vita_fit_style(const vita_cv *cv, const vita_style *st, vita_style *copy, vita_diags *d)
{
	if (st->fit_factor_given) { /* no search: how a fit is checked by hand */
		apply(copy, st, st->fit_factor);
		note(st, "design.page.fit_factor", st->fit_factor, d, VITA_NOTE, "");
		return copy;
	}
	if (st->fit_pages <= 0)
		return st;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t trials = 0, needed = 0, want = (size_t)st->fit_pages;
	int k = search(cv, st, want, &trials, &needed);
	if (k < 0)
		return st;
	apply(copy, st, (double)k / GRID);
	vita_buf head = {0}, tail = {0};
	buf_printf(&tail, ", %zu trials, %.0f ms", trials, ms_since(&t0));
	if (needed) {
		buf_printf(&head, "cannot fit to %zu page%s: even at the minima the CV needs %zu; rendered at the minima", want,
		           want == 1 ? "" : "s", needed);
		buf_puts(&tail, "; lower design.page.fit_minimum or shorten the CV");
		note(st, buf_str(&head), 0, d, VITA_WARNING, buf_str(&tail));
	} else {
		buf_printf(&head, "fit to %zu page%s", want, want == 1 ? "" : "s");
		note(st, buf_str(&head), (double)k / GRID, d, VITA_NOTE, buf_str(&tail));
	}
	buf_free(&head);
	buf_free(&tail);
	return copy;
}
