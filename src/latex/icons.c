/*
 * The header's Font Awesome icons in the .tex: the two icon families (fonts/icons/, copied beside
 * the .tex with the other fonts) declared in the preamble when the CV shows icons, and \cvicon
 * before each connection, as the PDF draws them (0.9 em, then a word space and 0.05 cm).  TeX
 * Live's fontawesome5 package is not used: Debian's TeX Live does not install it by default, and
 * its names and glyphs are Font Awesome 5's, not the 6 Free ones vita and RenderCV name.
 */
#include "latex/latex_internal.h"
#include "vita/icons.h"

bool latex_has_icons(const vita_comp *c)
{
	for (size_t i = 0; c->icons && i < c->nconnections; i++)
		if (c->icons[i].cp)
			return true;
	return false;
}

void latex_put_icon_fonts(vita_buf *b, const vita_comp *c, bool by_name)
{
	if (!latex_has_icons(c))
		return;
	buf_puts(b, "% The header's icons (design.header.connections.show_icons): Font Awesome 6 Free. The icon\n"
	            "% fonts have no space, which fontspec looks for when it loads them: not a missing character\n"
	            "\\edef\\cvlostchars{\\the\\tracinglostchars}\\tracinglostchars=0\n");
	latex_put_font(b, "\\newfontfamily\\cviconfree", "Font Awesome 6 Free", NULL, by_name);
	latex_put_font(b, "\\newfontfamily\\cviconbrands", "Font Awesome 6 Brands", NULL, by_name);
	buf_puts(b, "\\tracinglostchars=\\cvlostchars\\relax\n");
	buf_puts(b, "\\newcommand\\cviconsolid{\\cviconfree\\bfseries\\upshape}\n"
	            "\\newcommand\\cviconregular{\\cviconfree\\mdseries\\upshape}\n"
	            "\\newcommand\\cviconbrand{\\cviconbrands\\mdseries\\upshape}\n"
	            "% \\cvicon{face}{code point}: the icon at 0.9 em, then a word space and 0.05 cm (XeTeX\n"
	            "% looks for a space in the icon font at \\selectfont: not a missing character either)\n"
	            "\\newcommand\\cvicon[2]{{\\tracinglostchars=0 #1\\fontsize{0.9em}{\\baselineskip}\\selectfont\\char\"#2}\\ \\hspace{0.05cm}}\n");
}

void latex_put_icon(vita_buf *b, const vita_comp *c, size_t i)
{
	if (!c->icons || !c->icons[i].cp)
		return;
	static const char *const faces[] = {"\\cviconsolid", "\\cviconregular", "\\cviconbrand"};
	buf_printf(b, "\\cvicon{%s}{%04X}", faces[c->icons[i].face], (unsigned)c->icons[i].cp);
}
