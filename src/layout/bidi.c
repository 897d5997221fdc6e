/*
 * Bidirectional text (UAX #9) with FriBidi: the model keeps characters in logical order, the page
 * shows them in visual order.
 *
 * A paragraph with a right-to-left character gets FriBidi's embedding levels (the paragraph's
 * direction from its first strong character); characters on right-to-left levels get their
 * mirrored forms (brackets).  Lines are broken in logical order as usual; then each line's units —
 * a character, or a whole shaped word, whose glyphs HarfBuzz already put in visual order — are
 * reordered by rule L2 (reverse every run at or above each odd level, highest first) and placed
 * left to right in that order, each keeping its advance (spaces included).  A paragraph of
 * left-to-right text only costs one scan.  In a right-to-left CV (vita_comp.rtl) every paragraph's
 * base direction is right to left, as Typst's text(dir: rtl) makes it: Latin words keep their
 * order within themselves (level 2), neutrals between runs take the paragraph's direction.
 */
#include <stdlib.h>
#include <string.h>

#include <pthread.h>

#include "layout/bidi_lib.h"
#include "layout/textint.h"

static vita_fribidi fribidi;
static bool fribidi_ok;
static pthread_once_t fribidi_once = PTHREAD_ONCE_INIT;

VITA_DL_BINDER(fribidi_bind, vita_fribidi, VITA_FRIBIDI_FUNCS, "libfribidi.so.0")

static void fribidi_open(void)
{
	fribidi_ok = fribidi_bind(&fribidi);
}

const vita_fribidi *vita_fribidi_lib(void)
{
	pthread_once(&fribidi_once, fribidi_open);
	return fribidi_ok ? &fribidi : NULL;
}

static bool rtl_char(uint32_t cp)
{
	return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF) ||
	       (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF) || cp == 0x200F;
}

bool bidi_levels(tchar *c, size_t n, bool rtl)
{
	size_t k = 0;
	while (!rtl && k < n && !rtl_char(c[k].cp))
		k++;
	const vita_fribidi *fb = k == n || n == 0 ? NULL : vita_fribidi_lib();
	if (!fb)
		return false;
	FriBidiChar *str = xmalloc(n * sizeof *str);
	FriBidiCharType *types = xmalloc(n * sizeof *types);
	FriBidiBracketType *brackets = xmalloc(n * sizeof *brackets);
	FriBidiLevel *levels = xmalloc(n * sizeof *levels);
	for (size_t i = 0; i < n; i++)
		str[i] = c[i].kind == CH_BREAK ? 0x2029 : c[i].cp;
	fb->fribidi_get_bidi_types(str, (FriBidiStrIndex)n, types);
	fb->fribidi_get_bracket_types(str, (FriBidiStrIndex)n, types, brackets);
	FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_ON;
	bool ok = fb->fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &base, levels) != 0;
	for (size_t i = 0; i < n; i++) {
		c[i].level = ok ? (uint8_t)levels[i] : 0;
		FriBidiChar m;
		if ((c[i].level & 1) && c[i].kind == CH_TEXT && !c[i].shaped && !c[i].cont &&
		    fb->fribidi_get_mirror_char(c[i].cp, &m) && c[i].fc && face_width(c[i].fc, m) >= 0) {
			c[i].cp = m;
			c[i].adv = face_width(c[i].fc, m) * c[i].size / 1000.0;
		}
	}
	free(str);
	free(types);
	free(brackets);
	free(levels);
	return ok;
}

/* A unit of reordering: chars [a, b), its level, where it starts and how far it advances. */
typedef struct unit {
	size_t a, b;
	uint8_t level;
	double x, adv;
} unit;

static void reverse(unit *u, size_t i, size_t j)
{
	while (i + 1 < j) {
		unit t = u[i];
		u[i] = u[j - 1];
		u[j - 1] = t;
		i++;
		j--;
	}
}

void bidi_reorder_line(const tchar *c, size_t s, size_t e, double *x, double end_x)
{
	if (e <= s)
		return;
	unit small[64], *u = e - s <= 64 ? small : xmalloc((e - s) * sizeof *u);
	size_t nu = 0;
	uint8_t hi = 0, lo_odd = 255;
	for (size_t i = s; i < e;) {
		size_t j = i + 1;
		while (j < e && c[j].cont)
			j++;
		u[nu++] = (unit){i, j, c[i].level, x[i], (j < e ? x[j] : end_x) - x[i]};
		if (c[i].level > hi)
			hi = c[i].level;
		if ((c[i].level & 1) && c[i].level < lo_odd)
			lo_odd = c[i].level;
		i = j;
	}
	/* L2: from the highest level down to the lowest odd one, reverse each run at or above it */
	for (int lv = hi; lo_odd != 255 && lv >= lo_odd; lv--)
		for (size_t i = 0; i < nu;) {
			if (u[i].level < lv) {
				i++;
				continue;
			}
			size_t j = i;
			while (j < nu && u[j].level >= lv)
				j++;
			reverse(u, i, j);
			i = j;
		}
	double pos = x[s];
	for (size_t k = 0; k < nu; k++) {
		double shift = pos - u[k].x;
		for (size_t i = u[k].a; i < u[k].b; i++)
			x[i] += shift;
		pos += u[k].adv;
	}
	if (u != small)
		free(u);
}
