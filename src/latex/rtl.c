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
 * LuaLaTeX `bidi=basic`, which implements UAX #9 (Latin runs keep their order).
 */
#include <string.h>

#include "latex/latex_internal.h"

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
}
