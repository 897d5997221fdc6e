/*
 * The LaTeX backend: the composition of a CV (include/vita/compose.h) -> one standalone .tex file.
 *
 * The file is meant to be kept and edited by a person: a configuration block at the top carries
 * every value of the style (page, margins, colours, fonts, sizes, spacing) as named lengths and
 * colours; a few macros are defined once (\cvsection, one per entry kind); the body is one macro
 * call per entry holding its fields, one \cvset{field}{value} per line, so that deleting a line
 * cannot break it.  The entry macros are generated (latex/template.c) from the same compiled
 * templates the composition evaluates for the PDF, with the same rules for what an unset field
 * takes with it; the page templates, the title and the dates come from the composition as text.
 *
 * It compiles with XeLaTeX (and with LuaLaTeX, CJK text aside) using only packages of Debian's
 * texlive-xetex, texlive-latex-extra and texlive-lang-cjk, with the fonts loaded from vita's fonts/
 * folder by file name so nothing needs installing.  All user text goes through latex/escape.c.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "latex/escape.h"
#include "latex/latex_internal.h"
#include "style/fonts.h"
#include "vita/cv.h"
#include "vita/schema.h"
#include "vita/style.h"

typedef struct writer {
	const vita_comp *comp;
	const vita_cv *cv;
	const vita_style *st;
	vita_buf *b;
	vita_diags *d;
	bool in_link; /* the text of a link: an address shown as text may break after its punctuation */
} writer;

/* Text with a break opportunity after the punctuation of an address ("arxiv.org/abs/…"). */
static void put_breakable(vita_buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		/* whole UTF-8 sequences: a byte alone would be two U+FFFD in the .tex (attack D6) */
		size_t k = 1;
		while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		latex_escape(b, s + i, k);
		if (k == 1 && strchr("/.?&=_#", s[i]) && i + 1 < n)
			buf_puts(b, "\\allowbreak{}");
		i += k;
	}
}

/* ---- small formatting helpers ------------------------------------------------------------------ */

/* A length in pt with at most three decimals and no trailing zeros: deterministic and readable. */
static void put_pt(vita_buf *b, double v)
{
	char s[64];
	snprintf(s, sizeof s, "%.3f", v);
	char *e = s + strlen(s) - 1;
	while (*e == '0')
		*e-- = '\0';
	if (*e == '.')
		*e = '\0';
	if (strcmp(s, "-0") == 0)
		strcpy(s, "0");
	buf_printf(b, "%spt", s);
}

static void put_rgb(vita_buf *b, const char *name, vita_rgb c)
{
	buf_printf(b, "\\definecolor{%s}{RGB}{%d,%d,%d}\n", name, (int)(c.r * 255 + 0.5),
	           (int)(c.g * 255 + 0.5), (int)(c.b * 255 + 0.5));
}

static void put_length(vita_buf *b, const char *name, double v, const char *comment)
{
	buf_printf(b, "\\newlength\\%s\\setlength\\%s{", name, name);
	put_pt(b, v);
	buf_printf(b, "}%s%s\n", comment ? " % " : "", comment ? comment : "");
}

static bool has_text(const vita_text *t)
{
	return t->md && *t->md;
}

/* ---- inline spans --------------------------------------------------------------------------- */

static void put_spans(writer *w, const vita_span *s)
{
	for (; s; s = s->next) {
		switch (s->kind) {
		case VITA_SPAN_TEXT:
			if (w->in_link && s->text && !strchr(s->text, ' '))
				put_breakable(w->b, s->text);
			else
				latex_escape_text(w->b, s->text);
			break;
		case VITA_SPAN_STRONG:
			buf_puts(w->b, "\\textbf{");
			put_spans(w, s->children);
			buf_putc(w->b, '}');
			break;
		case VITA_SPAN_EMPH:
			buf_puts(w->b, "\\emph{");
			put_spans(w, s->children);
			buf_putc(w->b, '}');
			break;
		case VITA_SPAN_CODE:
			buf_puts(w->b, "\\texttt{");
			latex_escape_str(w->b, s->text);
			buf_putc(w->b, '}');
			break;
		case VITA_SPAN_LINK:
			buf_puts(w->b, "\\href{");
			latex_escape_url(w->b, s->url ? s->url : "");
			buf_puts(w->b, "}{");
			w->in_link = true;
			put_spans(w, s->children);
			w->in_link = false;
			buf_putc(w->b, '}');
			break;
		case VITA_SPAN_BREAK:
			buf_puts(w->b, "\\newline{}");
			break;
		case VITA_SPAN_SUPER:
			buf_puts(w->b, "\\cvnote{");
			latex_escape_str(w->b, s->text);
			buf_putc(w->b, '}');
			break;
		case VITA_SPAN_PAGE_NUMBER:
			buf_puts(w->b, "\\thepage{}");
			break;
		case VITA_SPAN_TOTAL_PAGES:
			buf_puts(w->b, "\\pageref*{LastPage}");
			break;
		}
	}
}

static void put_text(writer *w, const vita_text *t)
{
	if (t->spans)
		put_spans(w, t->spans);
	else if (t->md)
		latex_escape_str(w->b, t->md);
}

/* A URL as the text shows it: without the scheme and a trailing slash. */
static void put_url_link(writer *w, const char *url, const char *shown)
{
	buf_puts(w->b, "\\href{");
	latex_escape_url(w->b, url);
	buf_puts(w->b, "}{");
	if (!shown) {
		size_t n;
		shown = vita_url_shown(url, &n);
		/* A URL has no spaces: let it break after its punctuation. */
		for (size_t i = 0; i < n; i++) {
			latex_escape(w->b, shown + i, 1);
			if (strchr("/.?&=_#", shown[i]) && i + 1 < n)
				buf_puts(w->b, "\\allowbreak{}");
		}
	} else {
		latex_escape_str(w->b, shown);
	}
	buf_putc(w->b, '}');
}

/* ---- the preamble -------------------------------------------------------------------------------- */

static bool path_is_tex_safe(const char *p)
{
	for (; *p; p++)
		if (strchr("\\{}%#$&^~[],= \"'", *p) || (unsigned char)*p < 0x20)
			return false;
	return true;
}

/* fontspec options loading a shipped family from fonts/ by file name. */
static void put_font(vita_buf *b, const char *cmd, const char *family, const char *fontdir, bool system,
                     const char *extra)
{
	const vita_font_family *f = vita_font_family_substitute(family);
	if (f->dir) /* an installed family (src/style/installed.c): its own folder */
		fontdir = path_is_tex_safe(f->dir) ? f->dir : NULL;
	if (system || !fontdir) {
		buf_printf(b, "%s{%s}[%s]\n", cmd, f->family, extra);
		return;
	}
	buf_printf(b, "%s{%s}[\n  Path=%s/,\n", cmd, f->regular, fontdir);
	if (f->bold)
		buf_printf(b, "  BoldFont=%s,\n", f->bold);
	if (f->italic)
		buf_printf(b, "  ItalicFont=%s,\n", f->italic);
	if (f->bold_italic)
		buf_printf(b, "  BoldItalicFont=%s,\n", f->bold_italic);
	buf_printf(b, "  %s]\n", extra);
}

/* Whether every face file of the family that the .tex names is in fontdir; if not, an error in the
 * PDF backend's words (a .tex naming missing files only fails later, in xelatex). */
static bool family_files_present(writer *w, const char *family, const char *fontdir)
{
	const vita_font_family *f = vita_font_family_substitute(family);
	const char *files[] = {f->regular, f->bold, f->italic, f->bold_italic};
	if (f->dir)
		fontdir = f->dir;
	vita_buf missing = {0}, path = {0};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		if (!files[i] || strstr(buf_str(&missing), files[i]))
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", fontdir, files[i]);
		if (access(buf_str(&path), R_OK) != 0)
			buf_printf(&missing, "%s%s", missing.len ? ", " : "", files[i]);
	}
	buf_free(&path);
	bool ok = missing.len == 0;
	if (!ok)
		vita_diag(w->d, VITA_ERROR, (vita_pos){0},
		          "no usable font: %s has no %s for family \"%s\", which the .tex would load; set "
		          "VITA_DATA_DIR to a folder whose fonts/ holds vita's fonts, or pass --system-fonts",
		          fontdir, buf_str(&missing), f->family);
	buf_free(&missing);
	return ok;
}

/* The font files the preamble names (each family once): all present, or errors and false. */
static bool fonts_present(writer *w, const char *fontdir, bool cjk)
{
	const vita_style *st = w->st;
	const char *fams[] = {st->body.family,     st->mono_family,        st->name.family,
	                      st->headline.family, st->connections.family, st->section_titles.family,
	                      st->cjk_family};
	const vita_font_family *seen[sizeof fams / sizeof fams[0]];
	size_t nseen = 0, n = cjk ? 7 : 6;
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		const vita_font_family *f = vita_font_family_substitute(fams[i]);
		bool dup = false;
		for (size_t k = 0; k < nseen; k++)
			dup = dup || seen[k] == f;
		if (dup)
			continue;
		seen[nseen++] = f;
		if (!family_files_present(w, fams[i], fontdir))
			ok = false;
	}
	return ok;
}

static bool body_has_cjk(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (!k) {
			i++;
			continue;
		}
		i += k;
		if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x2E80 && cp <= 0x9FFF) ||
		    (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7FF) ||
		    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
		    (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF))
			return true;
	}
	return false;
}

static const char *align_env(vita_align a)
{
	return a == VITA_ALIGN_LEFT ? "\\raggedright" : a == VITA_ALIGN_RIGHT ? "\\raggedleft" : "\\centering";
}

/* The section title macro for the style's title type. */
static void put_section_macro(vita_buf *b, const vita_style *st)
{
	buf_puts(b, "% \\cvsection{title}: a section title (design.section_titles.type: ");
	static const char *names[] = {"with_partial_line",          "with_full_line",
	                              "without_line",               "moderncv",
	                              "centered_without_line",      "centered_with_partial_line",
	                              "centered_with_centered_partial_line", "centered_with_full_line"};
	buf_printf(b, "%s).\n", names[st->title_type]);
	buf_puts(b, "\\newcommand\\cvtitlerule{\\leaders\\hrule height \\cvtitlelinethickness\\hfill\\kern0pt}\n");
	buf_puts(b, "\\newcommand\\cvtitlerulemid{\\leaders\\hbox{\\rule[\\dimexpr 0.5\\fontcharht"
	            "\\font`H-0.5\\cvtitlelinethickness]{1pt}{\\cvtitlelinethickness}}\\hfill\\kern0pt}\n");
	buf_puts(b, "\\newcommand\\cvsection[1]{%\n"
	            "  \\par\\addvspace{\\cvtitlespaceabove}%\n"
	            "  \\cvfirstentrytrue\n"
	            "  {\\noindent\\parfillskip=0pt\\cvsectiontitlestyle\n");
	switch (st->title_type) {
	case VITA_TITLE_WITH_PARTIAL_LINE:
		buf_puts(b, "   #1\\ \\cvtitlerule\\par}%\n");
		break;
	case VITA_TITLE_WITH_FULL_LINE:
		buf_puts(b, "   #1\\par\\nobreak\\vspace{0.3\\cvbodysize}\\hrule height \\cvtitlelinethickness}%\n");
		break;
	case VITA_TITLE_WITHOUT_LINE:
		buf_puts(b, "   #1\\par}%\n");
		break;
	case VITA_TITLE_MODERNCV:
		buf_puts(b, "   \\makebox[\\dimexpr\\cvdatewidth+\\cvsidespace]{\\cvtitlerulemid}%\n"
		            "   \\hspace{\\cvcolumnsep}#1\\par}%\n");
		break;
	case VITA_TITLE_CENTERED_WITHOUT_LINE:
		buf_puts(b, "   \\centering #1\\par}%\n");
		break;
	case VITA_TITLE_CENTERED_WITH_PARTIAL_LINE:
		buf_puts(b, "   \\cvtitlerule\\hspace{0.3em}#1\\hspace{0.3em}\\cvtitlerule\\par}%\n");
		break;
	case VITA_TITLE_CENTERED_WITH_CENTERED_PARTIAL_LINE:
		buf_puts(b, "   \\cvtitlerulemid\\hspace{0.3em}#1\\hspace{0.3em}\\cvtitlerulemid\\par}%\n");
		break;
	case VITA_TITLE_CENTERED_WITH_FULL_LINE:
		buf_puts(b, "   \\centering #1\\par\\nobreak\\vspace{0.3\\cvbodysize}\\hrule height "
		            "\\cvtitlelinethickness}%\n");
		break;
	}
	buf_puts(b, "  \\nobreak\\vspace{\\dimexpr\\cvtitlespacebelow-0.5em}\\nobreak}\n");
}

/* Composed page lines (footer, top note), lines joined by \newline. */
static void put_page_lines(writer *w, const vita_ccol *col)
{
	for (size_t i = 0; i < col->n; i++) {
		if (i)
			buf_puts(w->b, "\\newline ");
		put_spans(w, col->lines[i].spans);
	}
}

/* One entry macro, generated from the kind's compiled templates: a comment naming its fields, then
 * \newcommand with the main column, the date-and-location column and the degree column. */
static void put_entry_macro(vita_buf *b, const vita_comp *c, vita_entry_kind k)
{
	const ctmpl_set *ts = vita_comp_templates(c, k);
	const char *name = vita_kind_def_of(k)->latex;
	buf_printf(b, "%% \\%s{\\cvset{FIELD}{VALUE}...}: %s %s entry; its fields:", name, vita_kind_def_of(k)->article,
	           vita_entry_kind_name(k));
	for (size_t i = 0; i < ts->nnames; i++) {
		buf_putc(b, ' ');
		for (const char *p = ts->names[i]; *p; p++)
			buf_putc(b, *p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	}
	bool text = vita_kind_def_of(k)->slots == VITA_SLOT_MAIN;
	buf_printf(b, "\n\\newcommand\\%s[1]{\\cvbetween%s{#1%%\n  ", name, text ? "\\cvtextentryskip" : "\\cvregularentryskip");
	latex_put_all_test(b, ts);
	if (text) {
		buf_puts(b, "  \\cvanyfalse\\cvrow{");
		latex_put_column(b, ts, COL_MAIN);
		buf_puts(b, "}{}}}\n");
		return;
	}
	buf_puts(b, "  ");
	latex_put_any_test(b, ts, COL_DATE);
	bool degree = ts->ncols > COL_DEGREE && ts->src[COL_DEGREE];
	buf_puts(b, degree ? "  \\cvrowdegree{" : "  \\cvrow{");
	if (degree) {
		latex_put_column(b, ts, COL_DEGREE);
		buf_puts(b, "}{");
	}
	latex_put_column(b, ts, COL_MAIN);
	buf_puts(b, "}{");
	latex_put_column(b, ts, COL_DATE);
	buf_puts(b, "}}}\n");
}

static bool put_preamble(writer *w, vita_buf *out, bool cjk, const vita_latex_opts *opts)
{
	const vita_style *st = w->st;
	const vita_cv *cv = w->cv;
	vita_buf *b = out;
	char *fontdir = NULL;
	bool system = opts && opts->system_fonts;
	if (!system) {
		char *dir = realpath(vita_data_dir(), NULL);
		if (dir && path_is_tex_safe(dir))
			{
			size_t n = strlen(dir) + 7;
			fontdir = xmalloc(n);
			snprintf(fontdir, n, "%s/fonts", dir);
		}
		else
			vita_diag(w->d, VITA_WARNING, (vita_pos){cv->path, 0, 0},
			          "vita's data folder `%s` cannot be named in TeX; the .tex names the font families "
			          "instead (install Noto Sans, Noto Serif, Noto Sans Mono and Droid Sans Fallback)",
			          dir ? dir : vita_data_dir());
		free(dir);
		if (fontdir && !fonts_present(w, fontdir, cjk)) {
			free(fontdir);
			return false;
		}
	}

	buf_puts(b, "% !TEX program = xelatex\n");
	buf_puts(b, "% A CV written by vita " VITA_VERSION " from ");
	const char *base = cv->path ? strrchr(cv->path, '/') : NULL;
	latex_escape_comment(b, base ? base + 1 : cv->path ? cv->path : "(memory)");
	buf_printf(b, " with the style `");
	latex_escape_comment(b, st->theme);
	buf_puts(b, "`.\n"
	            "% Build it with `xelatex` (twice: the page count in the footer needs a second run).\n");
	if (cjk)
		buf_puts(b, "% It has Chinese/Japanese/Korean text, which LuaLaTeX sets without line breaks\n"
		            "% inside CJK runs: prefer XeLaTeX.\n");
	else
		buf_puts(b, "% LuaLaTeX works too.\n");
	buf_puts(b, "% The configuration block holds every dimension, colour and font; the macros below it\n"
	            "% lay out the entries; the document body has one macro call per entry.\n"
	            "\\documentclass{article}\n\n");

	buf_puts(b, "%% ---- configuration ------------------------------------------------------------\n");
	buf_printf(b, "%% page: %s\n", st->page_size ? st->page_size : "custom");
	buf_puts(b, "\\usepackage[paperwidth=");
	put_pt(b, st->page_width);
	buf_puts(b, ", paperheight=");
	put_pt(b, st->page_height);
	buf_puts(b, ",\n  top=");
	put_pt(b, st->margin_top);
	buf_puts(b, ", bottom=");
	put_pt(b, st->margin_bottom);
	buf_puts(b, ", left=");
	put_pt(b, st->margin_left);
	buf_puts(b, ", right=");
	put_pt(b, st->margin_right);
	buf_puts(b, ",\n  headheight=");
	put_pt(b, st->top_note.size + st->line_spacing);
	buf_puts(b, ", headsep=");
	put_pt(b, st->margin_top / 2 - st->top_note.size);
	buf_puts(b, ", footskip=");
	put_pt(b, st->margin_bottom / 2);
	buf_puts(b, "]{geometry}\n");

	buf_puts(b, "\\usepackage{xcolor}\n");
	put_rgb(b, "cvbody", st->body.color);
	put_rgb(b, "cvname", st->name.color);
	put_rgb(b, "cvheadline", st->headline.color);
	put_rgb(b, "cvconnections", st->connections.color);
	put_rgb(b, "cvsectiontitles", st->section_titles.color);
	put_rgb(b, "cvlinks", st->link_color);
	put_rgb(b, "cvfooter", st->footer.color);
	put_rgb(b, "cvtopnote", st->top_note.color);

	buf_puts(b, "% Fonts: vita's own files, so nothing needs installing. Ligatures=TeXOff keeps the\n"
	            "% text exactly as written (no -- to en dash, '' to quote).\n"
	            "\\usepackage{fontspec}\n\\usepackage{iftex}\n");
	if (cjk) {
		const vita_font_family *f = vita_font_family_substitute(st->cjk_family);
		/* xeCJK would be the usual choice, but it needs ctexhook.sty (texlive-lang-chinese, only a
		 * Recommends of texlive-lang-cjk); XeTeX's character classes do the font switch alone. */
		buf_puts(b, "% Chinese, Japanese and Korean text. XeLaTeX: characters of the CJK blocks switch to\n"
		            "% the CJK font (XeTeX character classes; bold and italic are drawn, as the font has\n"
		            "% one face) and may break between any two. LuaLaTeX: a fallback font.\n"
		            "\\ifxetex\n  \\newfontfamily\\cvcjkfamily{");
		const char *fake = "BoldFeatures={FakeBold=2}, ItalicFeatures={FakeSlant=0.2},\n"
		                   "    BoldItalicFeatures={FakeBold=2, FakeSlant=0.2}";
		if (fontdir)
			buf_printf(b, "%s}[Path=%s/,\n    BoldFont=%s, ItalicFont=%s, BoldItalicFont=%s,\n    %s]\n",
			           f->regular, fontdir, f->regular, f->regular, f->regular, fake);
		else
			buf_printf(b, "%s}[BoldFont=%s, ItalicFont=%s, BoldItalicFont=%s,\n    %s]\n", f->family,
			           f->family, f->family, f->family, fake);
		buf_puts(b, "  \\newXeTeXintercharclass\\cvcjkclass\n"
		            "  \\newcommand\\cvcjkrange[2]{\\count255=#1\\relax\n"
		            "    \\loop\\XeTeXcharclass\\count255=\\cvcjkclass\n"
		            "    \\ifnum\\count255<#2\\relax\\advance\\count255 by 1\\repeat}\n"
		            "  \\cvcjkrange{\"1100}{\"11FF}\\cvcjkrange{\"2E80}{\"9FFF}\\cvcjkrange{\"A960}{\"A97F}\n"
		            "  \\cvcjkrange{\"AC00}{\"D7FF}\\cvcjkrange{\"F900}{\"FAFF}\\cvcjkrange{\"FE30}{\"FE4F}\n"
		            "  \\cvcjkrange{\"FF00}{\"FFEF}\\cvcjkrange{\"20000}{\"2FFFF}\n"
		            "  \\makeatletter\n"
		            "  \\newcommand\\cvcjkin{\\edef\\cvlatinfamily{\\f@family}\\cvcjkfamily}\n"
		            "  \\newcommand\\cvcjkout{\\fontfamily{\\cvlatinfamily}\\selectfont}\n"
		            "  \\makeatother\n"
		            "  \\XeTeXinterchartoks 0 \\cvcjkclass = {\\cvcjkin}\n"
		            "  \\XeTeXinterchartoks 4095 \\cvcjkclass = {\\cvcjkin}\n"
		            "  \\XeTeXinterchartoks \\cvcjkclass 0 = {\\cvcjkout}\n"
		            "  \\XeTeXinterchartoks \\cvcjkclass 4095 = {\\cvcjkout}\n"
		            "  \\XeTeXinterchartoks \\cvcjkclass \\cvcjkclass = {\\hskip0pt plus 0.1em\\relax}\n"
		            "  \\XeTeXinterchartokenstate=1\n");
		buf_puts(b, "\\else\n  \\directlua{luaotfload.add_fallback('cvcjk', {'");
		if (fontdir)
			buf_printf(b, "file:%s/%s:mode=node;'})}\n", fontdir, f->regular);
		else
			buf_printf(b, "%s:mode=node;'})}\n", f->family);
		buf_puts(b, "  \\defaultfontfeatures{RawFeature={fallback=cvcjk}}\n"
		            "\\fi\n");
	}
	put_font(b, "\\setmainfont", st->body.family, fontdir, system, "Ligatures=TeXOff");
	put_font(b, "\\setmonofont", st->mono_family, fontdir, system, "Ligatures=TeXOff");
	struct {
		const char *cmd;
		const vita_font_role *r;
	} roles[] = {{"\\newfontfamily\\cvnamefamily", &st->name},
	             {"\\newfontfamily\\cvheadlinefamily", &st->headline},
	             {"\\newfontfamily\\cvconnectionsfamily", &st->connections},
	             {"\\newfontfamily\\cvsectiontitlesfamily", &st->section_titles}};
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		const vita_font_family *f = vita_font_family_substitute(roles[i].r->family);
		if (f == vita_font_family_substitute(st->body.family))
			buf_printf(b, "\\newcommand%s{\\rmfamily}\n", strrchr(roles[i].cmd, '\\'));
		else
			put_font(b, roles[i].cmd, roles[i].r->family, fontdir, system, "Ligatures=TeXOff");
	}

	buf_puts(b, "% Sizes (pt); a line is the font's capital height plus the line spacing apart.\n");
	put_length(b, "cvbodysize", st->body.size, "design.typography.font_size.body");
	put_length(b, "cvlinespacing", st->line_spacing, "design.typography.line_spacing");
	buf_puts(b, "\\newcommand\\cvsize[1]{\\fontsize{#1}{#1}\\selectfont\n"
	            "  \\fontsize{#1}{\\dimexpr\\fontcharht\\font`H+\\cvlinespacing}\\selectfont}\n");
	struct {
		const char *name;
		const char *family;
		const vita_font_role *r;
		const char *color;
	} styles[] = {{"cvnamestyle", "\\cvnamefamily", &st->name, "cvname"},
	              {"cvheadlinestyle", "\\cvheadlinefamily", &st->headline, "cvheadline"},
	              {"cvconnectionsstyle", "\\cvconnectionsfamily", &st->connections, "cvconnections"},
	              {"cvsectiontitlestyle", "\\cvsectiontitlesfamily", &st->section_titles,
	               "cvsectiontitles"},
	              {"cvfooterstyle", "\\rmfamily", &st->footer, "cvfooter"},
	              {"cvtopnotestyle", "\\rmfamily", &st->top_note, "cvtopnote"}};
	for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++) {
		buf_printf(b, "\\newcommand\\%s{%s\\cvsize{", styles[i].name, styles[i].family);
		put_pt(b, styles[i].r->size);
		buf_printf(b, "}%s%s\\color{%s}}\n", styles[i].r->bold ? "\\bfseries" : "",
		           styles[i].r->small_caps ? "\\scshape" : "", styles[i].color);
	}
	buf_puts(b, "% Spacing (pt)\n");
	put_length(b, "cvspacebelowname", st->space_below_name, NULL);
	put_length(b, "cvspacebelowheadline", st->space_below_headline, NULL);
	put_length(b, "cvspacebelowconnections", st->space_below_connections, NULL);
	put_length(b, "cvconnectionsspace", st->space_between_connections, NULL);
	put_length(b, "cvtitlelinethickness", st->title_line_thickness, NULL);
	put_length(b, "cvtitlespaceabove", st->title_space_above, NULL);
	put_length(b, "cvtitlespacebelow", st->title_space_below, NULL);
	put_length(b, "cvregularentryskip", st->space_between_regular_entries, NULL);
	put_length(b, "cvtextentryskip", st->space_between_text_based_entries, NULL);
	put_length(b, "cvdatewidth", st->date_and_location_width, "date and location column");
	put_length(b, "cvdegreewidth", st->degree_width, "degree column (education)");
	put_length(b, "cvsidespace", st->side_space, "left and right of every entry");
	put_length(b, "cvcolumnsep", st->space_between_columns, NULL);
	put_length(b, "cvsummaryabove", st->summary_space_above, NULL);
	put_length(b, "cvsummaryleft", st->summary_space_left, NULL);
	put_length(b, "cvhighlightsleft", st->highlights_space_left, NULL);
	put_length(b, "cvhighlightsabove", st->highlights_space_above, NULL);
	put_length(b, "cvhighlightsbetween", st->highlights_space_between_items, NULL);
	put_length(b, "cvbulletsep", st->highlights_space_between_bullet_and_text, NULL);
	buf_puts(b, "\\newcommand\\cvbullet{");
	latex_escape_str(b, st->bullet ? st->bullet : "");
	buf_puts(b, "}\n\\newcommand\\cvnestedbullet{");
	latex_escape_str(b, st->nested_bullet ? st->nested_bullet : "");
	buf_puts(b, "}\n\\newcommand\\cvconnectionseparator{");
	latex_escape_str(b, st->connections_separator ? st->connections_separator : "");
	buf_puts(b, "}\n\n");

	buf_puts(b, "%% ---- layout -------------------------------------------------------------------\n"
	            "\\usepackage{fancyhdr}\n\\usepackage{lastpage}\n\\usepackage{enumitem}\n"
	            "\\usepackage{graphicx}\n");
	buf_puts(b, "% hyperref asks XeTeX for the ZapfDingbats metrics (pzdr.tfm, in Debian's\n"
	            "% texlive-fonts-recommended) although a CV never uses them; lend it another font\n"
	            "% where they are missing.\n"
	            "\\ifxetex\\IfFileExists{pzdr.tfm}{}{\\let\\cvfontprimitive\\font\n"
	            "  \\def\\font##1=pzdr at 1sp{\\cvfontprimitive##1=cmr10 at 1sp}}\\fi\n"
	            "\\usepackage{hyperref}\n"
	            "\\ifdefined\\cvfontprimitive\\let\\font\\cvfontprimitive\\fi\n");
	buf_printf(b, "\\hypersetup{colorlinks=true, urlcolor=cvlinks, linkcolor=cvlinks,\n  pdfcreator={vita " VITA_VERSION "}");
	char *plain = has_text(&cv->name) ? vita_spans_plain(cv->name.spans) : NULL;
	if (plain && *plain) {
		buf_puts(b, ",\n  pdfauthor={");
		latex_escape_str(b, plain);
		buf_puts(b, "}");
	}
	buf_puts(b, ",\n  pdftitle={");
	latex_escape_str(b, w->comp->title);
	buf_puts(b, "}");
	if (w->comp->keywords && *w->comp->keywords) {
		buf_puts(b, ",\n  pdfsubject={");
		latex_escape_str(b, w->comp->subject);
		buf_puts(b, "},\n  pdfkeywords={");
		latex_escape_str(b, w->comp->keywords);
		buf_puts(b, "}");
	}
	free(plain);
	buf_puts(b, "}\n");

	buf_puts(b, "\\setlength\\parindent{0pt}\n\\setlength\\parskip{0pt}\n\\setlength\\emergencystretch{3em}\n");
	if (st->alignment == VITA_ALIGN_LEFT)
		buf_puts(b, "\\AtBeginDocument{\\raggedright}\n");
	if (!st->hyphenate)
		buf_puts(b, "\\hyphenpenalty=10000\n\\exhyphenpenalty=10000\n");
	buf_puts(b, "\\urlstyle{same}\n\\AtBeginDocument{\\color{cvbody}\\cvsize{\\cvbodysize}}\n");

	/* Footer and top note. */
	buf_puts(b, "\\pagestyle{fancy}\n\\fancyhf{}\n\\renewcommand\\headrulewidth{0pt}\n");
	const vita_comp *comp = w->comp;
	if (comp->footer.n) {
		buf_puts(b, "\\fancyfoot[C]{\\cvfooterstyle ");
		put_page_lines(w, &comp->footer);
		buf_puts(b, "}\n");
	}
	buf_puts(b, "\\fancypagestyle{cvfirstpage}{\\fancyhf{}");
	if (comp->footer.n) {
		buf_puts(b, "\\fancyfoot[C]{\\cvfooterstyle ");
		put_page_lines(w, &comp->footer);
		buf_puts(b, "}");
	}
	if (comp->top_note.n) {
		buf_puts(b, "%\n  \\fancyhead[R]{\\cvtopnotestyle ");
		put_page_lines(w, &comp->top_note);
		buf_puts(b, "}");
	}
	buf_puts(b, "}\n\n");

	/* Building blocks. */
	buf_puts(b, "% An entry's fields: \\cvset{field}{value} (an empty value leaves it unset), \\cvget{field},\n"
	            "% \\cvifset{field}{code} / \\cvifunset{field}{code}. Fields live in the entry's group.\n"
	            "\\newcommand\\cvset[2]{\\if\\relax\\detokenize{#2}\\relax\\else\n"
	            "  \\expandafter\\def\\csname cvf@#1\\endcsname{#2}\\fi}\n"
	            "\\newcommand\\cvget[1]{\\csname cvf@#1\\endcsname}\n"
	            "\\newcommand\\cvifset[2]{\\expandafter\\ifx\\csname cvf@#1\\endcsname\\relax\\else#2\\fi}\n"
	            "\\newcommand\\cvifunset[2]{\\expandafter\\ifx\\csname cvf@#1\\endcsname\\relax#2\\fi}\n"
	            "% \\cvline{runs}: one line of a column; \\cvsp puts one space between the runs it shows.\n"
	            "\\newif\\ifcvfirst\\newif\\ifcvtail\\newif\\ifcvall\\newif\\ifcvany\n"
	            "\\newcommand\\cvsp{\\ifcvfirst\\cvfirstfalse\\else\\space\\fi}\n"
	            "\\newcommand\\cvline[1]{{\\cvfirsttrue#1\\ifcvfirst\\else\\par\\fi}}\n"
	            "\\newif\\ifcvfirstentry\n"
	            "% Space between entries of a section (none above the first).\n"
	            "\\newcommand\\cvbetween[1]{\\par\\ifcvfirstentry\\else\\addvspace{#1}\\fi\\cvfirstentryfalse}\n"
	            "\\newlist{cvitems}{itemize}{3}\n"
	            "\\setlist[cvitems]{topsep=\\cvhighlightsabove, itemsep=\\cvhighlightsbetween, parsep=0pt,\n"
	            "  partopsep=0pt, labelindent=\\cvhighlightsleft, labelsep=\\cvbulletsep, leftmargin=*}\n"
	            "\\setlist[cvitems,1]{label=\\cvbullet}\n"
	            "\\setlist[cvitems,2,3]{label=\\cvnestedbullet}\n"
	            "\\newcommand\\cvhighlights{\\cvifset{highlights}{\\begin{cvitems}\\cvget{highlights}\\end{cvitems}}}\n"
	            "\\newcommand\\cvsummary{\\cvifset{summary}{\\par\\addvspace{\\cvsummaryabove}%\n"
	            "  {\\leftskip=\\cvsummaryleft \\cvget{summary}\\par}}}\n");
	bool left = w->comp->dates_left;
	buf_printf(b, "%% \\cvrow{main}{date and location}: two top-aligned columns, the date column on the %s\n"
	              "%% (\\ifcvany: its fields are not all empty; else the main column takes the whole width).\n",
	           left ? "left" : "right");
	buf_puts(b, "\\newcommand\\cvrow[2]{\\par\\noindent\\hspace*{\\cvsidespace}%\n"
	            "  \\ifcvany\n");
	const char *dalign = st->date_column_alignment == VITA_ALIGN_LEFT     ? "\\raggedright "
	                     : st->date_column_alignment == VITA_ALIGN_CENTER ? "\\centering "
	                                                                      : "\\raggedleft ";
	if (left)
		buf_printf(b, "    \\begin{minipage}[t]{\\cvdatewidth}%s#2\\end{minipage}%%\n"
		              "    \\hspace{\\cvcolumnsep}%%\n"
		              "    \\begin{minipage}[t]{\\dimexpr\\linewidth-2\\cvsidespace-\\cvdatewidth-\\cvcolumnsep}#1\\end{minipage}%%\n",
		           dalign);
	else
		buf_printf(b, "    \\begin{minipage}[t]{\\dimexpr\\linewidth-2\\cvsidespace-\\cvdatewidth-\\cvcolumnsep}#1\\end{minipage}%%\n"
		              "    \\hspace{\\cvcolumnsep}%%\n"
		              "    \\begin{minipage}[t]{\\cvdatewidth}%s#2\\end{minipage}%%\n",
		           dalign);
	buf_puts(b, "  \\else\n"
	            "    \\begin{minipage}[t]{\\dimexpr\\linewidth-2\\cvsidespace}#1\\end{minipage}%\n"
	            "  \\fi\\par}\n"
	            "% \\cvrowdegree{degree}{main}{date and location}: the education row.\n"
	            "% The degree column widens for a degree longer than \\cvdegreewidth.\n"
	            "\\newlength\\cvdegreecolumn\n"
	            "\\newcommand\\cvrowdegree[3]{\\setbox0=\\hbox{#1}\\setlength\\cvdegreecolumn{\\wd0}%\n"
	            "  \\ifdim\\cvdegreecolumn<\\cvdegreewidth\\setlength\\cvdegreecolumn{\\cvdegreewidth}\\fi\n"
	            "  \\cvrow{\\begin{minipage}[t]{\\cvdegreecolumn}#1\\end{minipage}%\n"
	            "  \\hspace{\\cvcolumnsep}\\begin{minipage}[t]{\\dimexpr\\linewidth-\\cvdegreecolumn-\\cvcolumnsep}#2\\end{minipage}}{#3}}\n");
	put_section_macro(b, st);
	buf_putc(b, '\n');

	/* Entry macros from the compiled templates (the ones the composition evaluated for the PDF). */
	for (int k = 0; k < VITA_ENTRY_KIND_COUNT; k++) /* the kinds the schema gives a macro */
		if (vita_kind_def_of((vita_entry_kind)k)->latex)
			put_entry_macro(b, w->comp, (vita_entry_kind)k);
	buf_puts(b, "% \\cvbulletentry{text}, \\cvnumbered{number}{text}, \\cvtext{paragraph}\n"
	            "\\newcommand\\cvbulletentry[1]{\\cvbetween\\cvtextentryskip\n"
	            "  \\cvanyfalse\\cvrow{\\begin{cvitems}[topsep=0pt]\\item #1\\end{cvitems}}{}}\n"
	            "\\newcommand\\cvnumbered[2]{\\cvbetween\\cvtextentryskip\n"
	            "  \\cvanyfalse\\cvrow{\\begin{cvitems}[topsep=0pt, label={#1.}]\\item #2\\end{cvitems}}{}}\n"
	            "\\newcommand\\cvtext[1]{\\cvbetween\\cvtextentryskip\\cvanyfalse\\cvrow{#1}{}}\n"
	            "% Authors: the CV's owner, and notes such as equal contribution\n"
	            "\\newcommand\\cvowner[1]{\\textbf{#1}}\n"
	            "\\newcommand\\cvnote[1]{\\textsuperscript{#1}}\n\n");
	free(fontdir);
	return true;
}

/* ---- the body ----------------------------------------------------------------------------------- */

static void put_highlight_items(writer *w, const vita_highlight *h, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		buf_printf(w->b, "\n   %*s\\item ", depth * 2, "");
		put_text(w, &h[i].text);
		if (h[i].nchildren) {
			buf_printf(w->b, "\n   %*s\\begin{cvitems}", depth * 2 + 2, "");
			put_highlight_items(w, h[i].children, h[i].nchildren, depth + 2);
			buf_printf(w->b, "\n   %*s\\end{cvitems}", depth * 2 + 2, "");
		}
	}
}

/* \cvset{field}{value} for each field of the entry that its kind's templates use. */
static void put_fields(writer *w, const vita_centry *ce)
{
	const ctmpl_set *ts = vita_comp_templates(w->comp, ce->e->kind);
	efields f = {w->comp->arena, w->cv, ce->e};
	for (size_t i = 0; i < ts->nnames; i++) {
		const char *name = ts->names[i];
		size_t n = strlen(name);
		if (!field_provided(&f, name, n))
			continue;
		buf_puts(w->b, "\n  ");
		latex_put_macro_key(w->b, "cvset", name);
		buf_putc(w->b, '{');
		if (strcmp(name, "HIGHLIGHTS") == 0) {
			put_highlight_items(w, ce->highlights, ce->nhighlights, 0);
			buf_puts(w->b, "\n  ");
		} else {
			put_spans(w, field_value(&f, name, n));
		}
		buf_puts(w->b, "}%");
	}
}

static void put_entry(writer *w, const vita_centry *ce)
{
	vita_buf *b = w->b;
	switch (ce->shape) {
	case VITA_SHAPE_REGULAR:
	case VITA_SHAPE_ONELINE:
		buf_printf(b, "\\%s{%%", vita_kind_def_of(ce->shape == VITA_SHAPE_ONELINE ? VITA_ENTRY_ONELINE : ce->e->kind)->latex);
		put_fields(w, ce);
		buf_puts(b, "\n}");
		break;
	case VITA_SHAPE_BULLET:
		buf_puts(b, "\\cvbulletentry{");
		put_spans(w, ce->text);
		buf_putc(b, '}');
		break;
	case VITA_SHAPE_NUMBERED:
		buf_printf(b, "\\cvnumbered{%.*s}{", (int)strcspn(ce->number, "."), ce->number);
		put_spans(w, ce->text);
		buf_putc(b, '}');
		break;
	case VITA_SHAPE_TEXT:
		buf_puts(b, "\\cvtext{");
		put_spans(w, ce->text);
		buf_putc(b, '}');
		break;
	}
	buf_puts(b, "\n\n");
}

static void put_header(writer *w)
{
	const vita_cv *cv = w->cv;
	const vita_style *st = w->st;
	vita_buf *b = w->b;
	const char *env = align_env(st->header_alignment);
	buf_puts(b, "%% ==== header ====================================================================\n");
	buf_printf(b, "\\thispagestyle{cvfirstpage}\n{%s\n", env);
	bool photo = cv->photo && *cv->photo;
	/* named by its absolute path: the .tex is compiled from its own folder, not from where vita ran
	 * (attack P5: `cd out && xelatex cv.tex` could not find a relative photo) */
	char *abs = photo ? realpath(cv->photo, NULL) : NULL;
	if (photo && !abs) {
		vita_diag(w->d, VITA_WARNING, cv->photo_pos, "the photo cannot be found; the .tex leaves it out");
		photo = false;
	}
	if (photo && !path_is_tex_safe(abs)) {
		vita_diag(w->d, VITA_WARNING, cv->photo_pos,
		          "the photo's path cannot be named in TeX (it has spaces or TeX's special characters); "
		          "the .tex leaves the photo out");
		photo = false;
	}
	if (photo) {
		buf_puts(b, "% photo (design.header.photo_*)\n");
		if (st->photo_left) {
			buf_printf(b, "\\hspace*{\\dimexpr ");
			put_pt(b, st->photo_space_left);
			buf_puts(b, "}");
		}
		buf_puts(b, "\\begin{minipage}[c]{");
		put_pt(b, st->photo_width);
		buf_printf(b, "}\\includegraphics[width=\\linewidth]{%s}\\end{minipage}", abs);
		buf_puts(b, "\\hspace{");
		put_pt(b, st->photo_left ? st->photo_space_right : st->photo_space_left);
		buf_puts(b, "}%\n\\begin{minipage}[c]{\\dimexpr\\linewidth-");
		put_pt(b, st->photo_width + st->photo_space_left + st->photo_space_right);
		buf_printf(b, "}%s\n", env);
	}
	if (has_text(&cv->name)) {
		buf_puts(b, "{\\cvnamestyle ");
		put_text(w, &cv->name);
		buf_puts(b, "\\par}% name\n\\vspace{\\cvspacebelowname}\n");
	}
	if (has_text(&cv->headline)) {
		buf_puts(b, "{\\cvheadlinestyle ");
		put_text(w, &cv->headline);
		buf_puts(b, "\\par}% headline\n\\vspace{\\cvspacebelowheadline}\n");
	}
	if (cv->nconnections) {
		buf_puts(b, "{\\cvconnectionsstyle\n");
		for (size_t i = 0; i < cv->nconnections; i++) {
			const vita_connection *c = &cv->connections[i];
			if (i)
				buf_puts(b, st->connections_separator && *st->connections_separator
				                ? "  \\hspace{0.5\\cvconnectionsspace}\\cvconnectionseparator"
				                  "\\hspace{0.5\\cvconnectionsspace}\n"
				                : "  \\hspace{\\cvconnectionsspace}\n");
			buf_puts(b, "  \\mbox{");
			if (c->url && st->connections_hyperlink)
				put_url_link(w, c->url, c->text ? c->text : c->url);
			else
				latex_escape_str(b, c->text);
			static const char *kinds[] = {"location", "email", "phone", "website", "social", "custom"};
			buf_printf(b, "}%% %s\n", kinds[c->kind]);
		}
		buf_puts(b, "  \\par}\n\\vspace{\\cvspacebelowconnections}\n");
	}
	if (photo)
		buf_puts(b, "\\end{minipage}\n");
	buf_puts(b, "\\par}\n\n");
	free(abs);
}

static void put_body(writer *w)
{
	const vita_cv *cv = w->cv;
	buf_puts(w->b, "\\begin{document}\n\n");
	put_header(w);
	for (size_t i = 0; i < cv->nsections; i++) {
		const vita_section *sec = &cv->sections[i];
		buf_puts(w->b, "%% ==== ");
		size_t mark = w->b->len;
		char *plain = sec->title.spans ? vita_spans_plain(sec->title.spans) : NULL;
		latex_escape_comment(w->b, plain ? plain : sec->title.md ? sec->title.md : sec->key);
		free(plain);
		size_t used = w->b->len - mark;
		buf_putc(w->b, ' ');
		for (size_t k = used + 7; k < 96; k++)
			buf_putc(w->b, '=');
		buf_puts(w->b, "\n\\cvsection{");
		if (has_text(&sec->title))
			put_text(w, &sec->title);
		else
			latex_escape_str(w->b, sec->key);
		buf_puts(w->b, "}\n\n");
		const vita_csection *cs = &w->comp->sections[i];
		for (size_t j = 0; j < cs->nentries; j++)
			put_entry(w, &cs->entries[j]);
	}
	buf_puts(w->b, "\\end{document}\n");
}

/* The whole .tex in memory; false when fonts it needs are missing (reported). */
static bool latex_build(const vita_comp *comp, const vita_latex_opts *opts, vita_buf *out, vita_diags *d)
{
	const vita_cv *cv = comp->cv;
	vita_buf body = {0};
	writer w = {comp, cv, comp->st, &body, d, false};
	put_body(&w);
	bool cjk = body_has_cjk(buf_str(&body));
	/* The names in the preamble (author, title) may be CJK even when the body is not. */
	if (!cjk && cv->name.md)
		cjk = body_has_cjk(cv->name.md);
	w.b = out;
	if (!put_preamble(&w, out, cjk, opts)) {
		buf_free(&body);
		return false;
	}
	buf_put(out, body.data ? body.data : "", body.len);
	buf_free(&body);
	return true;
}

int vita_latex_write_comp(const vita_comp *comp, const vita_latex_opts *opts, const char *path, vita_diags *d)
{
	vita_buf out = {0};
	int rc = -1;
	if (latex_build(comp, opts, &out, d))
		rc = write_file_atomic(path, out.data, out.len, d);
	buf_free(&out);
	return rc;
}

int vita_latex_write_mem(const vita_comp *comp, const vita_latex_opts *opts, char **data, size_t *len, vita_diags *d)
{
	vita_buf out = {0};
	if (!latex_build(comp, opts, &out, d)) {
		buf_free(&out);
		return -1;
	}
	*len = out.len;
	*data = buf_take(&out);
	if (!*data)
		*data = xstrdup("");
	return 0;
}

int vita_latex_write(const vita_cv *cv, const vita_style *style, const vita_latex_opts *opts,
                     const char *path, vita_diags *d)
{
	vita_comp *c = vita_compose(cv, style, d);
	int rc = vita_latex_write_comp(c, opts, path, d);
	vita_comp_free(c);
	return rc;
}
