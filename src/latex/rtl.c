/*
 * A right-to-left CV in the .tex (vita_comp.rtl: locale.language arabic, hebrew or persian, or
 * design.typography.direction: rtl): the CV's language becomes the document's main language through
 * babel, whose bidi makes every paragraph right to left, so the lines, the entries' columns (boxes
 * side by side in one line) and the bullets run from the right as in vita's PDF.
 *
 * babel, not polyglossia or the bidi package: under XeLaTeX both of those need bidi.sty, which is in
 * Debian's texlive-lang-arabic, not among the packages vita's .tex may use (texlive-xetex,
 * texlive-luatex, texlive-latex-extra); babel's own bidi comes with texlive-latex-base.  Under
 * XeLaTeX it is babel's `bidi=default` (TeX--XeT: right-to-left paragraphs, without UAX #9 inside
 * them, so a run of Latin words in a right-to-left line comes out in reverse word order); under
 * LuaLaTeX `bidi=basic`, which implements UAX #9 (Latin runs keep their order).  So that XeLaTeX
 * keeps them in order too, each left-to-right run of a field (FriBidi's even levels in a
 * right-to-left paragraph, as vita's PDF lays them out) is written between \cvbeginlr and
 * \cvendlr: TeX--XeT's \beginL and \endL under XeLaTeX, nothing under LuaLaTeX.  They are nodes
 * in the paragraph, not a group, so a run may start in plain text and end in bold.
 */
#include <stdlib.h>
#include <string.h>

#include "latex/latex_internal.h"
#include "layout/bidi_lib.h"

/* babel's name for the CV's language when it is written right to left; Arabic for a CV forced
 * right to left in another language (only the direction matters: vita writes every word itself). */
static const char *babel_language(const vita_comp *comp)
{
	static const char *const rtl[] = {"arabic", "hebrew", "persian"};
	const char *lang = comp->cv ? comp->cv->locale.language : NULL;
	for (size_t i = 0; lang && i < sizeof rtl / sizeof rtl[0]; i++)
		if (strcmp(lang, rtl[i]) == 0)
			return rtl[i];
	return "arabic";
}

void latex_put_rtl(vita_buf *b, const vita_comp *comp)
{
	if (!comp->rtl)
		return;
	buf_puts(b, "% Right to left, as vita's PDF: babel's bidi (XeLaTeX: right-to-left paragraphs; LuaLaTeX:\n"
	            "% also Latin words in their order inside them).\n"
	            "\\ifdefined\\XeTeXrevision\n  \\usepackage[bidi=default]{babel}\n"
	            "\\else\n  \\usepackage[bidi=basic]{babel}\n\\fi\n");
	buf_printf(b, "\\babelprovide[import, main]{%s}\n", babel_language(comp));
	buf_puts(b, "% A left-to-right run inside a right-to-left line (XeLaTeX's bidi does not find them).\n"
	            "\\ifdefined\\XeTeXrevision\n  \\protected\\def\\cvbeginlr{\\beginL}\\protected\\def\\cvendlr{\\endL}\n"
	            "\\else\n  \\protected\\def\\cvbeginlr{}\\protected\\def\\cvendlr{}\n\\fi\n");
}

bool *latex_ltr_bytes(const char *s, size_t n)
{
	const vita_fribidi *fb = vita_fribidi_lib();
	if (!fb)
		return NULL; /* without FriBidi the fields are written without left-to-right runs */
	FriBidiChar *str = xmalloc((n ? n : 1) * sizeof *str);
	size_t *at = xmalloc((n ? n : 1) * sizeof *at), m = 0;
	bool strong_l = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (!k)
			k = 1; /* an invalid byte, as U+FFFD */
		at[m] = i;
		str[m++] = cp;
		strong_l = strong_l || fb->fribidi_get_bidi_type(cp) == FRIBIDI_TYPE_LTR;
		i += k;
	}
	bool *lr = NULL;
	if (strong_l) {
		FriBidiCharType *types = xmalloc(m * sizeof *types);
		FriBidiBracketType *brackets = xmalloc(m * sizeof *brackets);
		FriBidiLevel *levels = xmalloc(m * sizeof *levels);
		fb->fribidi_get_bidi_types(str, (FriBidiStrIndex)m, types);
		fb->fribidi_get_bracket_types(str, (FriBidiStrIndex)m, types, brackets);
		FriBidiParType base = FRIBIDI_PAR_RTL;
		if (fb->fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)m, &base, levels)) {
			lr = xcalloc(n + 1, sizeof *lr);
			for (size_t j = 0; j < m; j++)
				for (size_t i = at[j]; i < (j + 1 < m ? at[j + 1] : n); i++)
					lr[i] = levels[j] > 0 && levels[j] % 2 == 0;
		}
		free(types);
		free(brackets);
		free(levels);
	}
	free(str);
	free(at);
	return lr;
}
