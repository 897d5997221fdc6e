/*
 * The class's fonts: \setmainfont and the roles' families by file from fonts/ beside the .tex (or
 * installed, with the systemfonts option), a stand-in's Scale and WordSpace (Gentium for Fontin),
 * the CJK font and the per-character fallback lists of XeLaTeX (\XeTeXinterchartoks classes) and
 * LuaLaTeX (luaotfload's fallback), for characters the theme's fonts lack.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "latex/escape.h"
#include "latex/latex_internal.h"
#include "style/fonts.h"

/* One face's Scale and WordSpace: the stand-in drawn at the original's widths, its word space
 * the original's as a multiple of its own scaled one. */
static void put_stand_in_face(vita_buf *b, const vita_font_family *f, int slot)
{
	const vita_font_metrics *m = f->metrics;
	double space = vita_font_family_space(f, slot) * m->scale[slot];
	buf_printf(b, "Scale=%.3f", m->scale[slot]);
	if (space > 0)
		buf_printf(b, ", WordSpace=%.3f", m->space[slot] / space);
}

void latex_put_stand_in(vita_buf *b, const vita_font_family *f)
{
	static const char *const features[] = {"BoldFeatures", "ItalicFeatures", "BoldItalicFeatures"};
	const char *faces[] = {f->bold, f->italic, f->bold_italic};
	put_stand_in_face(b, f, 0);
	for (int slot = 1; slot < 4; slot++)
		if (faces[slot - 1]) {
			buf_printf(b, ",\n  %s={", features[slot - 1]);
			put_stand_in_face(b, f, slot);
			buf_puts(b, "}");
		}
}

void latex_put_font(vita_buf *b, const char *cmd, const char *family, const char *cv_fonts, bool system)
{
	const vita_font_family *f = vita_font_family_substitute_near(cv_fonts, family);
	if (f->metrics)
		buf_printf(b, "%% %s stands in for %s (which vita cannot ship), at its widths and word space\n",
		           f->files_family, f->family);
	if (system)
		buf_printf(b, "%s{%s}", cmd, f->metrics ? f->files_family : f->family);
	else {
		buf_printf(b, "%s{%s}[Path=fonts/", cmd, f->regular);
		if (f->bold)
			buf_printf(b, ",\n  BoldFont=%s", f->bold);
		if (f->italic)
			buf_printf(b, ",\n  ItalicFont=%s", f->italic);
		if (f->bold_italic)
			buf_printf(b, ",\n  BoldItalicFont=%s", f->bold_italic);
	}
	if (f->metrics) { /* a stand-in (Gentium for Fontin): the original's widths and word space */
		buf_puts(b, system ? "[" : ",\n  ");
		latex_put_stand_in(b, f);
		buf_puts(b, system ? "]" : "");
	}
	buf_puts(b, system ? "\n" : "]\n");
}

/* LuaLaTeX: one fallback list per weight for every font -- the CJK font (with the cjk option;
 * \cv@cjklua names it by file or, with systemfonts, installed, with luaotfload's colon, which
 * expl3 syntax would read as part of the name) followed by the fonts the .tex
 * names for characters the theme's fonts lack (\vitafallbackfonts, defined before \documentclass,
 * since luaotfload reads a fallback list when it loads a font).  The bold list emboldens the CJK
 * font, which has no bold face. */
static void put_fallback_lua(vita_buf *b)
{
	static const struct {
		const char *name, *cjk_features, *macro;
	} lists[] = {{"cvfallback", "mode=node;", "\\vitafallbackfonts"},
	             {"cvfallbackbold", "mode=node;embolden=2;", "\\vitafallbackboldfonts"}};
	buf_puts(b, "\\ExplSyntaxOn\n\\sys_if_engine_luatex:T\n  {\n"
	            "    \\cs_if_exist:NF \\vitafallbackfonts\n"
	            "      { \\tl_set:Nn \\vitafallbackfonts { } \\tl_set:Nn \\vitafallbackboldfonts { } }\n"
	            "    \\bool_lazy_or:nnT { \\legacy_if_p:n { cvcjk } } { ! \\tl_if_empty_p:N \\vitafallbackfonts }\n"
	            "      {\n        \\lua_now:e\n          {\n");
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		buf_printf(b, "            luaotfload.add_fallback('%s', { \\legacy_if:nT { cvcjk } { "
		              "'\\cv@cjklua %s', } %s })\n",
		           lists[i].name, lists[i].cjk_features, lists[i].macro);
	buf_puts(b, "          }\n"
	            "        \\defaultfontfeatures { RawFeature = { fallback = cvfallback },\n"
	            "          BoldFeatures = { RawFeature = { fallback = cvfallbackbold } },\n"
	            "          BoldItalicFeatures = { RawFeature = { fallback = cvfallbackbold } } }\n"
	            "      }\n  }\n\\ExplSyntaxOff\n");
}

/* The CJK font: XeLaTeX switches to \cvcjkfamily by character classes, LuaLaTeX takes it from the
 * fallback list; neither has a bold or italic face, so they are made. */
static void put_cjk_font(vita_buf *b, const vita_font_family *cjk)
{
	buf_printf(b, "%% With systemfonts the .tex names the installed CJK font: \\vitacjkfont, \\vitacjkindex (its\n"
	              "%% face in a collection), defined before \\documentclass; none installed: no CJK font.\n"
	              "\\ifcvsystemfonts\n"
	              "  \\ifdefined\\vitacjkfont\n"
	              "    \\def\\cv@cjklua{[\\vitacjkfont](\\vitacjkindex):}\n"
	              "    \\def\\cv@cjkfile{\\vitacjkfont}\\def\\cv@cjkfeatures{FontIndex=\\vitacjkindex, }\n"
	              "  \\else\\cvcjkfalse\\fi\n"
	              "\\else\n"
	              "  \\def\\cv@cjklua{[fonts/%s]:}\n"
	              "  \\def\\cv@cjkfile{%s}\\def\\cv@cjkfeatures{Path=fonts/, }\n"
	              "\\fi\n",
	           cjk->regular, cjk->regular);
	buf_puts(b, "\\ifcvcjk\\ifxetex\n"
	            "  \\edef\\cv@cjk{\\noexpand\\newfontfamily\\noexpand\\cvcjkfamily{\\cv@cjkfile}[\\cv@cjkfeatures\n"
	            "    BoldFont=\\cv@cjkfile, ItalicFont=\\cv@cjkfile, BoldItalicFont=\\cv@cjkfile,\n"
	            "    BoldFeatures={FakeBold=2}, ItalicFeatures={FakeSlant=0.2},\n"
	            "    BoldItalicFeatures={FakeBold=2, FakeSlant=0.2}]}\\cv@cjk\n"
	            "  \\cvcjkxetex\n"
	            "\\fi\\fi\n");
}

void latex_put_fonts(vita_buf *b, const vita_style *st)
{
	static const char *const roles[] = {"cvnamefamily", "cvheadlinefamily", "cvconnectionsfamily",
	                                    "cvsectiontitlesfamily"};
	const vita_font_role *role[] = {&st->name, &st->headline, &st->connections, &st->section_titles};
	const vita_font_family *cjk = vita_font_family_substitute_near(NULL, st->cjk_family);
	const vita_font_family *body = vita_font_family_substitute_near(NULL, st->body.family);
	buf_puts(b, "% Fonts: by file from fonts/ beside the .tex, so nothing needs installing; with the class\n"
	            "% option systemfonts the .tex names installed fonts itself. To use another font, write\n"
	            "% \\setmainfont{…} in the .tex (e.g. \\setmainfont{Latin Modern Sans}).\n"
	            "\\RequirePackage{fontspec}\n");
	put_cjk_font(b, cjk);
	put_fallback_lua(b);
	buf_puts(b, "% Without ligatures vita's PDF draws each letter with its kerning, and no contextual\n"
	            "% alternates either (EB Garamond's short f before another f).\n"
	            "\\ifcvligatures\\else\\defaultfontfeatures+{Ligatures=NoCommon, Contextuals=NoAlternate}\\fi\n");
	buf_puts(b, "\\ifcvsystemfonts\n");
	for (size_t i = 0; i < 4; i++)
		buf_printf(b, "\\newcommand\\%s{\\rmfamily}\n", roles[i]);
	buf_puts(b, "\\else\n");
	latex_put_font(b, "\\setmainfont", st->body.family, NULL, false);
	latex_put_font(b, "\\setmonofont", st->mono_family, NULL, false);
	for (size_t i = 0; i < 4; i++) {
		char cmd[64];
		snprintf(cmd, sizeof cmd, "\\newfontfamily\\%s", roles[i]);
		if (vita_font_family_substitute_near(NULL, role[i]->family) == body)
			buf_printf(b, "\\newcommand\\%s{\\rmfamily}\n", roles[i]);
		else
			latex_put_font(b, cmd, role[i]->family, NULL, false);
	}
	buf_puts(b, "\\fi\n\n");
}

/* XeTeX's character classes for CJK text (used with the cjk option under XeLaTeX). */
void latex_put_cjk_xetex(vita_buf *b)
{
	buf_puts(b, "\\newcommand\\cvcjkxetex{%\n"
	            "  \\newXeTeXintercharclass\\cvcjkclass\n"
	            "  \\cvcjkrange{\"1100}{\"11FF}\\cvcjkrange{\"2E80}{\"9FFF}\\cvcjkrange{\"A960}{\"A97F}%\n"
	            "  \\cvcjkrange{\"AC00}{\"D7FF}\\cvcjkrange{\"F900}{\"FAFF}\\cvcjkrange{\"FE30}{\"FE4F}%\n"
	            "  \\cvcjkrange{\"FF00}{\"FFEF}\\cvcjkrange{\"20000}{\"2FFFF}%\n"
	            "  \\XeTeXinterchartoks 0 \\cvcjkclass = {\\cvcjkin}%\n"
	            "  \\XeTeXinterchartoks 4095 \\cvcjkclass = {\\cvcjkin}%\n"
	            "  \\XeTeXinterchartoks \\cvcjkclass 0 = {\\cvcjkout}%\n"
	            "  \\XeTeXinterchartoks \\cvcjkclass 4095 = {\\cvcjkout}%\n"
	            "  \\XeTeXinterchartoks \\cvcjkclass \\cvcjkclass = {\\hskip0pt plus 0.1em\\relax}%\n"
	            "  \\XeTeXinterchartokenstate=1 }\n"
	            "\\newcommand\\cvcjkrange[2]{\\count255=#1\\relax\n"
	            "  \\loop\\XeTeXcharclass\\count255=\\cvcjkclass\n"
	            "  \\ifnum\\count255<#2\\relax\\advance\\count255 by 1\\repeat}\n"
	            "\\newcommand\\cvcjkin{\\edef\\cvlatinfamily{\\f@family}\\cvcjkfamily}\n"
	            "\\newcommand\\cvcjkout{\\fontfamily{\\cvlatinfamily}\\selectfont}\n");
}

/* XeLaTeX: \cvfallback[fontspec options]{family}{"code,"code,…} draws those characters in that
 * (installed) family (options: Script=Devanagari, for XeTeX to shape the script's words),
 * the one vita's PDF draws them in: a character class per family, switched into and out of as the
 * CJK class is (the family to return to is saved once, whatever classes the text passes through).
 * Under LuaLaTeX it does nothing: luaotfload's fallback list has the family (put_fallback_lua). */
void latex_put_fallback_xetex(vita_buf *b)
{
	buf_puts(b, "\\newif\\ifcvinfallback\n\\newcount\\cvfallbacks\n"
	            "\\newcommand\\cvfallbackin[1]{\\ifcvinfallback\\else\\edef\\cvfallbacksaved{\\f@family}%\n"
	            "  \\cvinfallbacktrue\\fi\\csname cvfallbackfont#1\\endcsname}\n"
	            "\\newcommand\\cvfallbackout{\\ifcvinfallback\\cvinfallbackfalse\\fontfamily{\\cvfallbacksaved}\\selectfont\\fi}\n"
	            "\\newcommand\\cvfallback[3][]{\\ifdefined\\XeTeXinterchartokenstate\n"
	            "  \\global\\advance\\cvfallbacks by 1\n"
	            "  \\expandafter\\newfontfamily\\csname cvfallbackfont\\the\\cvfallbacks\\endcsname{#2}[#1]%\n"
	            "  \\expandafter\\newXeTeXintercharclass\\csname cvfallbackclass\\the\\cvfallbacks\\endcsname\n"
	            "  \\count255=\\csname cvfallbackclass\\the\\cvfallbacks\\endcsname\n"
	            "  \\@for\\cv@cp:=#3\\do{\\XeTeXcharclass\\cv@cp=\\count255 }%\n"
	            "  \\edef\\cv@in{\\noexpand\\cvfallbackin{\\the\\cvfallbacks}}%\n"
	            "  \\XeTeXinterchartoks 0 \\count255 = \\expandafter{\\cv@in}%\n"
	            "  \\XeTeXinterchartoks 4095 \\count255 = \\expandafter{\\cv@in}%\n"
	            "  \\XeTeXinterchartoks \\count255 0 = {\\cvfallbackout}%\n"
	            "  \\XeTeXinterchartoks \\count255 4095 = {\\cvfallbackout}%\n"
	            "  \\ifdefined\\cvcjkclass\n"
	            "    \\XeTeXinterchartoks \\cvcjkclass \\count255 = \\expandafter{\\expandafter\\cvcjkout\\cv@in}%\n"
	            "    \\XeTeXinterchartoks \\count255 \\cvcjkclass = {\\cvfallbackout\\cvcjkin}%\n"
	            "  \\fi\n"
	            "  \\count@=1\n"
	            "  \\loop\\ifnum\\count@<\\cvfallbacks\n"
	            "    \\XeTeXinterchartoks \\csname cvfallbackclass\\the\\count@\\endcsname \\count255 = \\expandafter{\\cv@in}%\n"
	            "    \\edef\\cv@back{\\noexpand\\cvfallbackin{\\the\\count@}}%\n"
	            "    \\XeTeXinterchartoks \\count255 \\csname cvfallbackclass\\the\\count@\\endcsname = \\expandafter{\\cv@back}%\n"
	            "    \\advance\\count@ by 1\n"
	            "  \\repeat\n"
	            "  \\XeTeXinterchartokenstate=1\n"
	            "\\fi}\n");
}
