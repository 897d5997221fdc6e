/*
 * Choosing line breaks among the opportunities breaks.c marked.
 *
 * Justified text uses Knuth–Plass total fit: every feasible way of breaking the paragraph is scored
 * (badness from how much the spaces stretch or shrink, plus penalties for hyphens, consecutive
 * hyphens and neighbouring lines of very different tightness) and the best whole is kept.  It runs
 * in passes, as TeX does: without hyphenation at a low tolerance, then with hyphenation at a higher
 * one, then a last pass that accepts anything that does not overflow.  Ragged text (left, centre,
 * right) is set first-fit, which is what readers of RenderCV/Typst CVs expect (Typst also sets
 * ragged text first-fit) and is the fallback for paragraphs too long for total fit.
 *
 * No line is ever wider than the measure while a break exists: a piece without opportunities that
 * is wider than the measure (a long URL) gets "emergency" opportunities at every grapheme boundary,
 * used only where nothing else fits.
 *
 * Ideographs get stretch of their own only in text that is mostly CJK; in Latin text with a CJK word
 * (a Chinese name in parentheses) the spaces take the justification and the word stays whole.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "layout/textint.h"

/* Knuth–Plass parameters: TeX's defaults (\linepenalty, \hyphenpenalty, \exhyphenpenalty,
 * \doublehyphendemerits, \finalhyphendemerits, \adjdemerits).  Badness is 100 r³, r being the
 * adjustment ratio; unlike TeX it is not capped at 10000, so that the final pass still tells a
 * very loose line from a hopeless one. */
#define LINE_PENALTY 10.0
#define HYPHEN_PENALTY 50.0     /* a break at a hyphenation point */
#define EXHYPHEN_PENALTY 50.0   /* a break after an explicit hyphen */
#define EMERG_PENALTY 1000.0    /* a break inside a word wider than the measure */
#define FLAGGED_DEMERITS 10000.0 /* two hyphenated lines in a row */
#define FINAL_HYPHEN_DEMERITS 5000.0 /* the last full line hyphenated */
#define FITNESS_DEMERITS 10000.0 /* a tight line next to a loose one */
#define MAX_HYPHEN_RUN 2         /* hyphenated lines in a row, at most */
#define KP_MAX_CANDIDATES 20000 /* beyond this, first-fit (linear) */
#define TOL_FIRST 1.0           /* spaces may grow by their stretch (TeX's \pretolerance 100) */
#define TOL_SECOND 1.5          /* ... by 1.5 times it (badness 337; TeX's \tolerance is 200), hyphenated */
#define TOL_FINAL 1e6           /* anything that does not overflow */
#define EMERGENCY_STRETCH 0.05 /* of the measure, added to every line's stretch in the final pass */
/* Interword glue: stretch and shrink as fractions of the space, as in TeX's text fonts; between
 * ideographs a little stretch so that justified CJK lines can be filled. */
#define SPACE_STRETCH 0.5
#define SPACE_SHRINK (1.0 / 3.0)
/* The caller may keep spaces from shrinking below a width (SPACE_MIN_EM, textint.h). */
#define CJK_STRETCH 0.25
#define EPS 1e-6

typedef struct lctx {
	const tchar *c;
	size_t n;
	double *w, *st, *sh; /* prefix sums: advance + kern, stretch, shrink */
	double m0, m;        /* measure of the first line and of the others */
	bool ragged;
} lctx;

static bool is_blank(const tchar *t)
{
	return t->kind == CH_SPACE || t->kind == CH_GAP || t->kind == CH_BREAK;
}

static size_t content_end(const lctx *L, size_t s, size_t j)
{
	while (j > s && is_blank(&L->c[j - 1]))
		j--;
	return j;
}

static double width(const lctx *L, size_t s, size_t e)
{
	return e > s ? L->w[e] - L->w[s] - L->c[e - 1].kern : 0;
}

static double natural(const lctx *L, size_t s, size_t j, size_t *e_out)
{
	size_t e = content_end(L, s, j);
	*e_out = e;
	double nat = width(L, s, e);
	if (j < L->n && L->c[j].brk == BRK_HYPHEN && e == j && e > s)
		nat += breaks_hyphen_width(&L->c[e - 1]);
	return nat;
}

static bool forced(const lctx *L, size_t j)
{
	return j >= L->n || L->c[j].brk == BRK_MUST;
}

/* ---- first-fit ---- */

static size_t next_start(const lctx *L, size_t j)
{
	if (j < L->n && L->c[j].brk != BRK_MUST)
		while (j < L->n && (L->c[j].kind == CH_SPACE || L->c[j].kind == CH_GAP))
			j++;
	return j;
}

static void add_line(lbreak **out, size_t *nl, size_t *cap, const lctx *L, size_t s, size_t j)
{
	if (*nl == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*out = xrealloc(*out, *cap * sizeof **out);
	}
	lbreak *b = &(*out)[(*nl)++];
	b->start = s;
	b->end = content_end(L, s, j);
	b->hyphen = j < L->n && L->c[j].brk == BRK_HYPHEN && b->end == j && b->end > s;
	b->last = forced(L, j);
}

static size_t first_fit(const lctx *L, lbreak **out)
{
	size_t nl = 0, cap = 0;
	*out = NULL;
	for (size_t s = 0; s < L->n;) {
		double m = nl == 0 ? L->m0 : L->m;
		size_t best = 0, emerg = 0, first = 0, j;
		for (j = s + 1; j <= L->n; j++) {
			if (j < L->n && L->c[j].brk == BRK_NONE)
				continue;
			if (!first)
				first = j;
			size_t e;
			double nat = natural(L, s, j, &e);
			bool fits = nat <= m + EPS;
			if (fits && forced(L, j)) {
				best = j;
				emerg = 0;
				break;
			}
			if (!fits)
				break;
			if (L->c[j].brk == BRK_EMERG)
				emerg = j;
			else
				best = j;
		}
		size_t brk = best ? best : emerg ? emerg : first;
		add_line(out, &nl, &cap, L, s, brk);
		s = next_start(L, brk);
	}
	return nl;
}

/* ---- Knuth–Plass ---- */

typedef struct node {
	size_t brk;      /* the opportunity this break was taken at */
	size_t pos;      /* the next line starts here */
	size_t line;     /* lines up to this break */
	int fitness;
	bool flagged;    /* ended with a hyphen */
	int nflagged;    /* hyphenated lines in a row ending here */
	double total;    /* demerits */
	int prev;        /* index in the pool, -1 for the start */
} node;

typedef struct pool {
	node *v;
	size_t n, cap;
} pool;

static int pool_add(pool *p, node nd)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	p->v[p->n] = nd;
	return (int)p->n++;
}

/* The adjustment ratio of a line from s to a break before j: how much of its stretch (r > 0) or
 * shrink (r < 0) it uses.  A line that cannot stretch at all (one word, a piece of a URL) is set
 * at its width: only the final pass accepts it, as a very loose line. */
static double ratio(const lctx *L, size_t s, size_t j, size_t line, double tol)
{
	size_t e;
	double nat = natural(L, s, j, &e);
	double m = line == 0 ? L->m0 : L->m;
	double st = e > s + 1 ? L->st[e - 1] - L->st[s] : 0;
	double sh = e > s + 1 ? L->sh[e - 1] - L->sh[s] : 0;
	if (nat > m + EPS)
		return sh > 0 ? (m - nat) / sh : -DBL_MAX;
	if (forced(L, j) || nat >= m - EPS)
		return 0; /* the last line and lines before a forced break are set at their width */
	if (tol >= TOL_FINAL) /* TeX's \emergencystretch: looseness judged against more stretch */
		return (m - nat) / (st + EMERGENCY_STRETCH * m);
	return st > 0 ? (m - nat) / st : DBL_MAX;
}

static int fitness_class(double r)
{
	return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

static double penalty_of(const lctx *L, size_t j, bool *flagged)
{
	*flagged = false;
	if (j >= L->n)
		return 0;
	switch (L->c[j].brk) {
	case BRK_HYPHEN: *flagged = true; return HYPHEN_PENALTY;
	case BRK_EMERG: return EMERG_PENALTY;
	case BRK_ALLOW:
		if (j > 0 && L->c[j - 1].cp == '-') {
			*flagged = true;
			return EXHYPHEN_PENALTY;
		}
		return 0;
	default: return 0;
	}
}

/* One pass at a tolerance; 0 lines when no feasible set of breaks exists. */
static size_t knuth_plass(const lctx *L, double tol, bool hyphens, lbreak **out)
{
	pool P = {0};
	size_t capact = 64, nactive = 0;
	int *act = xmalloc(capact * sizeof *act), *nact = xmalloc(capact * sizeof *nact);
	act[nactive++] = pool_add(&P, (node){0, 0, 0, 1, false, 0, 0, -1});
	for (size_t j = 1; j <= L->n && nactive; j++) {
		uint8_t k = j < L->n ? L->c[j].brk : BRK_MUST;
		if (k == BRK_NONE || (k == BRK_HYPHEN && !hyphens))
			continue;
		/* asked where a break can go, where the work is: the characters between cost nothing */
		if (deadline_passed())
			break; /* --timeout: no lines, so the caller sets the paragraph first-fit (linear) */
		bool flagged;
		double pen = penalty_of(L, j, &flagged);
		bool must = forced(L, j);
		node best[4];
		bool have[4] = {false, false, false, false};
		size_t keep = 0;
		if (capact < nactive + 4) {
			capact = 2 * (nactive + 4);
			act = xrealloc(act, capact * sizeof *act);
			nact = xrealloc(nact, capact * sizeof *nact);
		}
		for (size_t i = 0; i < nactive; i++) {
			const node a = P.v[act[i]];
			if (a.pos >= j) { /* no line fits between (the paragraph ended in blanks) */
				nact[keep++] = act[i];
				continue;
			}
			double r = ratio(L, a.pos, j, a.line, tol);
			/* deactivated when overfull (it stays so further on) or at a forced break */
			if (r >= -1 - EPS && !must)
				nact[keep++] = act[i];
			if (r < -1 - EPS || r > tol + EPS)
				continue;
			if (flagged && a.nflagged >= MAX_HYPHEN_RUN)
				continue; /* InDesign's hyphen limit: never three hyphenated lines in a row */
			double ar = fabs(r);
			double bad = 100.0 * ar * ar * ar; /* not capped: in the final pass, looser is worse */
			double dem = (LINE_PENALTY + bad) * (LINE_PENALTY + bad);
			if (pen > 0)
				dem += pen * pen;
			if (flagged && a.flagged)
				dem += FLAGGED_DEMERITS;
			if (j >= L->n && a.flagged)
				dem += FINAL_HYPHEN_DEMERITS;
			int fit = fitness_class(r);
			if (abs(fit - a.fitness) > 1)
				dem += FITNESS_DEMERITS;
			double total = a.total + dem;
			if (!have[fit] || total < best[fit].total) {
				have[fit] = true;
				best[fit] = (node){j, next_start(L, j), a.line + 1, fit, flagged, flagged ? a.nflagged + 1 : 0,
				                   total, act[i]};
			}
		}
		int *t = act;
		act = nact;
		nact = t;
		nactive = keep;
		for (int fit = 0; fit < 4; fit++)
			if (have[fit])
				act[nactive++] = pool_add(&P, best[fit]);
	}
	/* the best node that ends the paragraph */
	int bi = -1;
	for (size_t i = 0; i < nactive; i++) {
		const node *a = &P.v[act[i]];
		if (a->pos >= L->n && a->prev >= 0 && (bi < 0 || a->total < P.v[bi].total))
			bi = act[i];
	}
	size_t nl = 0, cap = 0;
	*out = NULL;
	if (bi >= 0) {
		for (int i = bi; P.v[i].prev >= 0; i = P.v[i].prev)
			cap++;
		*out = xmalloc(cap * sizeof **out);
		nl = cap;
		size_t k = cap;
		for (int i = bi; P.v[i].prev >= 0; i = P.v[i].prev) {
			size_t one = 0, c1 = 1;
			lbreak *slot = &(*out)[--k];
			add_line(&slot, &one, &c1, L, P.v[P.v[i].prev].pos, P.v[i].brk);
		}
	}
	free(act);
	free(nact);
	free(P.v);
	return nl;
}

/* Emergency opportunities in the piece [a, b), wider than the measure m: at the grapheme
 * boundaries where a line filled from the piece's start must end, so that the piece is cut into
 * full lines.  Only those, not every boundary: with one candidate per character Knuth–Plass keeps a
 * line's worth of active breaks at each of them, ~100 times the work of normal text (R4); with one
 * per line the cost is linear and the result the same lines (the piece starts a line, each full
 * line holds as much as fits). */
static void mark_emergency(const lctx *L, tchar *c, size_t a, size_t b, double m)
{
	utf8proc_int32_t state = 0;
	size_t start = a, last = a;
	for (size_t i = a + 1; i < b; i++) {
		if (!utf8proc_grapheme_break_stateful((utf8proc_int32_t)c[i - 1].cp, (utf8proc_int32_t)c[i].cp, &state) ||
		    c[i].brk != BRK_NONE || is_blank(&c[i]) || is_blank(&c[i - 1]) || c[i].cont)
			continue;
		if (width(L, start, i) > m + EPS && last > start) {
			c[last].brk = BRK_EMERG;
			start = last;
		}
		last = i;
	}
	if (width(L, start, content_end(L, start, b)) > m + EPS && last > start)
		c[last].brk = BRK_EMERG;
}

/* ---- the entry point ---- */

size_t breaks_lines(tchar *c, size_t n, const para_opts *o, bool ragged, double min_space, lbreak **out,
                    bool *no_dict)
{
	*no_dict = false;
	*out = NULL;
	if (n == 0)
		return 0;
	lctx L = {.c = c, .n = n, .ragged = ragged};
	L.m = o->width;
	L.m0 = o->width - (o->indent_first > 0 ? o->indent_first : 0);
	size_t nspace = 0, ncjk = 0;
	for (size_t i = 0; i < n; i++) {
		nspace += c[i].kind == CH_SPACE;
		ncjk += c[i].cjk && c[i].kind == CH_TEXT;
	}
	bool cjk_glue = ncjk > nspace;
	for (size_t i = 0; i < n; i++) {
		c[i].stretch = c[i].shrink = 0;
		if (ragged)
			continue;
		if (c[i].kind == CH_SPACE) {
			c[i].stretch = c[i].adv * SPACE_STRETCH;
			c[i].shrink = c[i].adv * SPACE_SHRINK;
			if (c[i].adv - c[i].shrink < min_space * c[i].size)
				c[i].shrink = c[i].adv > min_space * c[i].size ? c[i].adv - min_space * c[i].size : 0;
		} else if (cjk_glue && c[i].cjk && i + 1 < n && c[i + 1].brk == BRK_ALLOW && c[i + 1].kind == CH_TEXT) {
			c[i].stretch = c[i].adv * CJK_STRETCH;
		}
	}
	L.w = xmalloc(3 * (n + 1) * sizeof *L.w);
	L.st = L.w + n + 1;
	L.sh = L.st + n + 1;
	L.w[0] = L.st[0] = L.sh[0] = 0;
	for (size_t i = 0; i < n; i++) {
		L.w[i + 1] = L.w[i] + c[i].adv + c[i].kern;
		L.st[i + 1] = L.st[i] + c[i].stretch;
		L.sh[i + 1] = L.sh[i] + c[i].shrink;
	}

	/* emergency opportunities inside pieces wider than the narrowest measure */
	double mmin = L.m0 < L.m ? L.m0 : L.m;
	size_t ncand = 0;
	for (size_t a = 0; a < n;) {
		size_t b = a + 1;
		while (b < n && (c[b].brk == BRK_NONE || c[b].brk == BRK_EMERG))
			b++;
		ncand++;
		if (width(&L, a, content_end(&L, a, b)) > mmin + EPS)
			mark_emergency(&L, c, a, b, mmin);
		a = b;
	}

	size_t nl = 0;
	if (!ragged && ncand <= KP_MAX_CANDIDATES) {
		/* as TeX: first without hyphenation at a low tolerance; then hyphenated (libhyphen is only
		 * consulted for paragraphs that need it) at a higher one; then anything that fits */
		nl = knuth_plass(&L, TOL_FIRST, true, out);
		if (!nl && o->hyphenate) {
			if (!breaks_hyphenate(c, n, o->hyph))
				*no_dict = true;
		}
		if (!nl)
			nl = knuth_plass(&L, TOL_SECOND, true, out);
		if (!nl)
			nl = knuth_plass(&L, TOL_FINAL, true, out);
	}
	if (!nl)
		nl = first_fit(&L, out);
	free(L.w);
	return nl;
}
