/*
 * The LaTeX backend: struct vita_cv + struct vita_style -> one standalone .tex file.
 *
 * The file is meant to be kept and edited by a person: a configuration block at the top carries
 * every value of the style (page, margins, colours, fonts, sizes, spacing) as named lengths and
 * colours; a few macros are defined once (\cvsection, one per entry kind); the body is one macro
 * call per entry, one argument per line with a `% field` comment.  The entry macros are generated
 * from the style's templates (design.templates.*_entry), so the columns hold what the PDF's do:
 * a placeholder becomes a macro argument, a line whose placeholders are all empty disappears, and
 * the punctuation between placeholders shows only between non-empty ones.
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
#include "style/fonts.h"
#include "vita/cv.h"
#include "vita/style.h"

typedef struct writer {
	const vita_cv *cv;
	const vita_style *st;
	vita_buf *b;
	vita_diags *d;
} writer;

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
			latex_escape_str(w->b, s->text);
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
			put_spans(w, s->children);
			buf_putc(w->b, '}');
			break;
		case VITA_SPAN_BREAK:
			buf_puts(w->b, "\\newline{}");
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

/* ---- templates -> macro bodies ------------------------------------------------------------------ */

/* A placeholder of an entry kind and the macro argument that carries it. */
typedef struct placeholder {
	const char *name;
	int arg;
} placeholder;

typedef struct piece {
	int arg;      /* 0: literal */
	char c;       /* literal: the byte */
	bool bold, emph;
} piece;

static void open_fmt(vita_buf *b, bool bold, bool emph)
{
	if (bold)
		buf_puts(b, "\\textbf{");
	if (emph)
		buf_puts(b, "\\emph{");
}

static void close_fmt(vita_buf *b, bool bold, bool emph)
{
	if (bold)
		buf_putc(b, '}');
	if (emph)
		buf_putc(b, '}');
}

/* Literal pieces [from, to) as formatted, escaped TeX. */
static void put_literal(vita_buf *b, const piece *p, size_t from, size_t to)
{
	size_t i = from;
	while (i < to) {
		size_t j = i;
		while (j < to && p[j].bold == p[i].bold && p[j].emph == p[i].emph)
			j++;
		open_fmt(b, p[i].bold, p[i].emph);
		char tmp[256];
		size_t n = 0;
		for (size_t k = i; k < j; k++) {
			tmp[n++] = p[k].c;
			if (n == sizeof tmp) {
				latex_escape(b, tmp, n);
				n = 0;
			}
		}
		latex_escape(b, tmp, n);
		close_fmt(b, p[i].bold, p[i].emph);
		i = j;
	}
}

static bool is_ph_char(char c)
{
	return (c >= 'A' && c <= 'Z') || c == '_';
}

/* One template line (not SUMMARY/HIGHLIGHTS) -> TeX that prints it from the macro's arguments.
 * Every placeholder becomes a group shown only when its argument is non-empty; the literal text
 * before a placeholder is its separator, shown only after an earlier non-empty group, except for
 * opening brackets, which go with the placeholder; text after the last placeholder goes with it. */
static void put_template_line(vita_buf *b, const char *line, size_t len, const placeholder *ph,
                              size_t nph)
{
	piece *p = xmalloc((len + 1) * sizeof *p);
	size_t n = 0;
	bool bold = false, emph = false;
	for (size_t i = 0; i < len;) {
		if (line[i] == '*' && i + 1 < len && line[i + 1] == '*') {
			bold = !bold;
			i += 2;
			continue;
		}
		if (line[i] == '*') {
			emph = !emph;
			i++;
			continue;
		}
		if (is_ph_char(line[i]) && (i == 0 || !is_ph_char(line[i - 1]))) {
			size_t j = i;
			while (j < len && is_ph_char(line[j]))
				j++;
			int arg = 0;
			for (size_t k = 0; k < nph; k++)
				if (strlen(ph[k].name) == j - i && memcmp(ph[k].name, line + i, j - i) == 0)
					arg = ph[k].arg;
			if (arg) {
				p[n++] = (piece){arg, 0, bold, emph};
				i = j;
				continue;
			}
		}
		p[n++] = (piece){0, line[i], bold, emph};
		i++;
	}
	/* The arguments the line uses decide whether it shows at all. */
	size_t first = n, last = n;
	for (size_t i = 0; i < n; i++)
		if (p[i].arg) {
			if (first == n)
				first = i;
			last = i;
		}
	if (first == n) { /* no placeholder: plain text */
		put_literal(b, p, 0, n);
		buf_puts(b, "\\par\n");
		free(p);
		return;
	}
	buf_puts(b, "\\cvifset{");
	for (size_t i = 0; i < n; i++)
		if (p[i].arg)
			buf_printf(b, "#%d", p[i].arg);
	buf_puts(b, "}{\\cvfirsttrue");
	size_t lit = 0; /* start of the pending literal */
	for (size_t i = 0; i < n; i++) {
		if (!p[i].arg)
			continue;
		/* Split the pending literal [lit, i) into separator and opening brackets. */
		size_t open = i;
		while (open > lit && !p[open - 1].arg && strchr("([{\"'", p[open - 1].c))
			open--;
		size_t end = i + 1, after = i + 1;
		if (i == last)
			while (after < n)
				after++;
		buf_printf(b, "\\cvifset{#%d}{", p[i].arg);
		if (open > lit) {
			if (i == first)
				put_literal(b, p, lit, open);
			else {
				buf_puts(b, "\\ifcvfirst\\else{}");
				put_literal(b, p, lit, open);
				buf_puts(b, "\\fi ");
			}
		}
		put_literal(b, p, open, i);
		open_fmt(b, p[i].bold, p[i].emph);
		buf_printf(b, "#%d", p[i].arg);
		close_fmt(b, p[i].bold, p[i].emph);
		put_literal(b, p, end, after);
		buf_puts(b, "\\cvfirstfalse}");
		lit = after;
	}
	buf_puts(b, "\\par}");
	free(p);
}

/* The arguments a column template uses, as "#4#5": the column shows only when one is non-empty. */
static void put_template_args(vita_buf *b, const char *tpl, const placeholder *ph, size_t nph,
                              int summary_arg, int highlights_arg)
{
	for (const char *s = tpl ? tpl : ""; *s;) {
		if (!is_ph_char(*s) || (s > tpl && is_ph_char(s[-1]))) {
			s++;
			continue;
		}
		size_t len = 0;
		while (is_ph_char(s[len]))
			len++;
		if (len == 16 && strncmp(s, "DEGREE_WITH_AREA", 16) == 0)
			for (size_t k = 0; k < nph; k++) {
				if (strcmp(ph[k].name, "DEGREE") == 0 || strcmp(ph[k].name, "AREA") == 0)
					buf_printf(b, "#%d", ph[k].arg);
			}
		else if (len == 7 && strncmp(s, "SUMMARY", 7) == 0 && summary_arg)
			buf_printf(b, "#%d", summary_arg);
		else if (len == 10 && strncmp(s, "HIGHLIGHTS", 10) == 0 && highlights_arg)
			buf_printf(b, "#%d", highlights_arg);
		else
			for (size_t k = 0; k < nph; k++)
				if (strlen(ph[k].name) == len && strncmp(s, ph[k].name, len) == 0)
					buf_printf(b, "#%d", ph[k].arg);
		s += len;
	}
}

/* A whole column template -> TeX.  SUMMARY and HIGHLIGHTS alone on a line are blocks. */
static void put_template(vita_buf *b, const char *tpl, const placeholder *ph, size_t nph,
                         int summary_arg, int highlights_arg, const char *degree_with_area)
{
	if (!tpl)
		return;
	/* DEGREE_WITH_AREA is the locale's phrase ("DEGREE in AREA") made of two placeholders. */
	vita_buf t = {0};
	for (const char *s = tpl; *s;) {
		if (strncmp(s, "DEGREE_WITH_AREA", 16) == 0 && !is_ph_char(s[16])) {
			buf_puts(&t, degree_with_area ? degree_with_area : "DEGREE in AREA");
			s += 16;
		} else {
			buf_putc(&t, *s++);
		}
	}
	const char *s = buf_str(&t);
	while (*s) {
		size_t len = strcspn(s, "\n");
		if (summary_arg && len == 7 && memcmp(s, "SUMMARY", 7) == 0)
			buf_printf(b, "%%\n    \\cvsummary{#%d}", summary_arg);
		else if (highlights_arg && len == 10 && memcmp(s, "HIGHLIGHTS", 10) == 0)
			buf_printf(b, "%%\n    \\cvhighlights{#%d}", highlights_arg);
		else if (len) {
			buf_puts(b, "%\n    ");
			put_template_line(b, s, len, ph, nph);
		}
		s += len;
		if (*s == '\n')
			s++;
	}
	buf_free(&t);
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

/* Page templates (footer, top note) with their placeholders filled in. */
static void put_page_template(writer *w, const char *tpl)
{
	const vita_cv *cv = w->cv;
	char *date = vita_date_text(cv, &cv->settings.current_date);
	const vita_date *cd = &cv->settings.current_date;
	char num[8][32];
	snprintf(num[0], 32, "%d", cd->month);
	snprintf(num[1], 32, "%02d", cd->month);
	snprintf(num[2], 32, "%d", cd->day);
	snprintf(num[3], 32, "%02d", cd->day);
	snprintf(num[4], 32, "%d", cd->year);
	snprintf(num[5], 32, "%02d", cd->year % 100);
	bool has_month = cd->kind == VITA_DATE_EXACT && cd->month >= 1 && cd->month <= 12;
	char *name = has_text(&cv->name) ? vita_spans_plain(cv->name.spans) : NULL;
	if (name && !*name && cv->name.md) {
		free(name);
		name = xstrdup(cv->name.md);
	}
	const struct {
		const char *ph;
		const char *text; /* user text, escaped */
		const char *tex;  /* TeX, as is */
	} subs[] = {
	    {"NAME", name ? name : "", NULL},
	    {"PAGE_NUMBER", NULL, "\\thepage"},
	    {"TOTAL_PAGES", NULL, "\\pageref*{LastPage}"},
	    {"LAST_UPDATED", cv->locale.last_updated ? cv->locale.last_updated : "Last updated in", NULL},
	    {"CURRENT_DATE", date ? date : "", NULL},
	    {"MONTH_NAME", has_month && cv->locale.month_names[cd->month - 1] ? cv->locale.month_names[cd->month - 1] : "", NULL},
	    {"MONTH_ABBREVIATION", has_month && cv->locale.month_abbreviations[cd->month - 1] ? cv->locale.month_abbreviations[cd->month - 1] : "", NULL},
	    {"MONTH_IN_TWO_DIGITS", num[1], NULL},
	    {"MONTH", num[0], NULL},
	    {"DAY_IN_TWO_DIGITS", num[3], NULL},
	    {"DAY", num[2], NULL},
	    {"YEAR_IN_TWO_DIGITS", num[5], NULL},
	    {"YEAR", num[4], NULL},
	};
	bool bold = false, emph = false;
	for (const char *s = tpl; *s;) {
		if (s[0] == '*' && s[1] == '*') {
			buf_puts(w->b, bold ? "}" : "\\textbf{");
			bold = !bold;
			s += 2;
			continue;
		}
		if (*s == '*') {
			buf_puts(w->b, emph ? "}" : "\\emph{");
			emph = !emph;
			s++;
			continue;
		}
		bool done = false;
		if (is_ph_char(*s) && (s == tpl || !is_ph_char(s[-1]))) {
			size_t len = 0;
			while (is_ph_char(s[len]))
				len++;
			for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
				if (strlen(subs[i].ph) == len && strncmp(s, subs[i].ph, len) == 0) {
					if (subs[i].tex)
						buf_puts(w->b, subs[i].tex);
					else
						latex_escape_str(w->b, subs[i].text);
					s += len;
					done = true;
					break;
				}
		}
		if (!done) {
			/* Escape one UTF-8 character of the template. */
			size_t k = 1;
			while (s[k] && ((unsigned char)s[k] & 0xC0) == 0x80)
				k++;
			latex_escape(w->b, s, k);
			s += k;
		}
	}
	if (emph)
		buf_putc(w->b, '}');
	if (bold)
		buf_putc(w->b, '}');
	free(name);
	free(date);
}

/* One entry macro: a comment naming its arguments, then \newcommand with the main column, the
 * arguments the date column uses (for its emptiness test) and the date column, from the kind's
 * templates.  nph placeholders are arguments 1..nph; summary and highlights follow (0: none). */
static void put_entry_macro(vita_buf *b, const char *signature, const char *name, int nargs,
                            const vita_entry_templates *t, const placeholder *ph, size_t nph,
                            int summary_arg, int highlights_arg, const char *dwa)
{
	buf_printf(b, "%% \\%s%s\n\\newcommand\\%s[%d]{\\cvbetween\\cvregularentryskip\n  \\cvrow{", name,
	           signature, name, nargs);
	put_template(b, t->main_column, ph, nph, summary_arg, highlights_arg, dwa);
	buf_puts(b, "}{");
	put_template_args(b, t->date_and_location_column, ph, nph, summary_arg, highlights_arg);
	buf_puts(b, "}{");
	put_template(b, t->date_and_location_column, ph, nph, summary_arg, highlights_arg, dwa);
	buf_puts(b, "}}\n");
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
	if (cv->settings.pdf_title || (plain && *plain)) {
		buf_puts(b, ",\n  pdftitle={");
		const char *t = cv->settings.pdf_title ? cv->settings.pdf_title : "NAME - CV";
		for (const char *s = t; *s;) {
			if (strncmp(s, "NAME", 4) == 0) {
				latex_escape_str(b, plain ? plain : "");
				s += 4;
			} else {
				latex_escape(b, s, 1);
				s++;
			}
		}
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
	if (st->show_footer && st->footer_template && *st->footer_template) {
		buf_puts(b, "\\fancyfoot[C]{\\cvfooterstyle ");
		put_page_template(w, st->footer_template);
		buf_puts(b, "}\n");
	}
	buf_puts(b, "\\fancypagestyle{cvfirstpage}{\\fancyhf{}");
	if (st->show_footer && st->footer_template && *st->footer_template) {
		buf_puts(b, "\\fancyfoot[C]{\\cvfooterstyle ");
		put_page_template(w, st->footer_template);
		buf_puts(b, "}");
	}
	if (st->show_top_note && st->top_note_template && *st->top_note_template) {
		buf_puts(b, "%\n  \\fancyhead[R]{\\cvtopnotestyle ");
		put_page_template(w, st->top_note_template);
		buf_puts(b, "}");
	}
	buf_puts(b, "}\n\n");

	/* Building blocks. */
	buf_puts(b, "% \\cvifset{x}{y}: y when x is not empty.\n"
	            "\\newcommand\\cvifset[2]{\\if\\relax\\detokenize{#1}\\relax\\else#2\\fi}\n"
	            "\\newif\\ifcvfirst\n\\newif\\ifcvfirstentry\n"
	            "% Space between entries of a section (none above the first).\n"
	            "\\newcommand\\cvbetween[1]{\\par\\ifcvfirstentry\\else\\addvspace{#1}\\fi\\cvfirstentryfalse}\n"
	            "\\newlist{cvitems}{itemize}{3}\n"
	            "\\setlist[cvitems]{topsep=\\cvhighlightsabove, itemsep=\\cvhighlightsbetween, parsep=0pt,\n"
	            "  partopsep=0pt, labelindent=\\cvhighlightsleft, labelsep=\\cvbulletsep, leftmargin=*}\n"
	            "\\setlist[cvitems,1]{label=\\cvbullet}\n"
	            "\\setlist[cvitems,2,3]{label=\\cvnestedbullet}\n"
	            "\\newcommand\\cvhighlights[1]{\\cvifset{#1}{\\begin{cvitems}#1\\end{cvitems}}}\n"
	            "\\newcommand\\cvsummary[1]{\\cvifset{#1}{\\par\\addvspace{\\cvsummaryabove}%\n"
	            "  {\\leftskip=\\cvsummaryleft #1\\par}}}\n"
	            "% \\cvrow{main}{fields}{date and location}: two top-aligned columns; the main column takes\n"
	            "% the whole width when the fields of the date and location column are all empty.\n"
	            "\\newcommand\\cvrow[3]{\\par\\noindent\\hspace*{\\cvsidespace}%\n"
	            "  \\if\\relax\\detokenize{#2}\\relax\n"
	            "    \\begin{minipage}[t]{\\dimexpr\\linewidth-2\\cvsidespace}#1\\end{minipage}%\n"
	            "  \\else\n"
	            "    \\begin{minipage}[t]{\\dimexpr\\linewidth-2\\cvsidespace-\\cvdatewidth-\\cvcolumnsep}#1\\end{minipage}%\n"
	            "    \\hspace{\\cvcolumnsep}%\n");
	buf_printf(b, "    \\begin{minipage}[t]{\\cvdatewidth}%s#3\\end{minipage}%%\n",
	           st->date_column_alignment == VITA_ALIGN_LEFT     ? "\\raggedright "
	           : st->date_column_alignment == VITA_ALIGN_CENTER ? "\\centering "
	                                                            : "\\raggedleft ");
	buf_puts(b, "  \\fi\\par}\n"
	            "% \\cvrowdegree{degree}{main}{fields}{date and location}: the education row.\n"
	            "% The degree column widens for a degree longer than \\cvdegreewidth.\n"
	            "\\newlength\\cvdegreecolumn\n"
	            "\\newcommand\\cvrowdegree[4]{\\setbox0=\\hbox{#1}\\setlength\\cvdegreecolumn{\\wd0}%\n"
	            "  \\ifdim\\cvdegreecolumn<\\cvdegreewidth\\setlength\\cvdegreecolumn{\\cvdegreewidth}\\fi\n"
	            "  \\cvrow{\\begin{minipage}[t]{\\cvdegreecolumn}#1\\end{minipage}%\n"
	            "  \\hspace{\\cvcolumnsep}\\begin{minipage}[t]{\\dimexpr\\linewidth-\\cvdegreecolumn-\\cvcolumnsep}#2\\end{minipage}}{#3}{#4}}\n");
	put_section_macro(b, st);
	buf_putc(b, '\n');

	/* Entry macros from the templates. */
	const char *dwa = cv->locale.degree_with_area;
	static const placeholder edu[] = {{"INSTITUTION", 1}, {"AREA", 2}, {"DEGREE", 3},
	                                  {"LOCATION", 4},    {"DATE", 5}};
	static const placeholder exp[] = {{"COMPANY", 1}, {"POSITION", 2}, {"LOCATION", 3}, {"DATE", 4}};
	static const placeholder nor[] = {{"NAME", 1}, {"LOCATION", 2}, {"DATE", 3}};
	static const placeholder pub[] = {{"TITLE", 1},   {"AUTHORS", 2}, {"JOURNAL", 3},
	                                  {"URL", 4},     {"DOI", 5},     {"DATE", 6}};
	static const placeholder awd[] = {{"TITLE", 1}, {"AWARDER", 2}, {"LOCATION", 3}, {"DATE", 4}};
	static const placeholder one[] = {{"LABEL", 1}, {"DETAILS", 2}};

	buf_puts(b, "% \\cveducation{institution}{area}{degree}{location}{date}{summary}{highlights}\n"
	            "\\newcommand\\cveducation[7]{\\cvbetween\\cvregularentryskip\n  \\cvrowdegree{");
	put_template(b, st->education.degree_column, edu, 5, 6, 7, dwa);
	buf_puts(b, "}{");
	put_template(b, st->education.main_column, edu, 5, 6, 7, dwa);
	buf_puts(b, "}{");
	put_template_args(b, st->education.date_and_location_column, edu, 5, 6, 7);
	buf_puts(b, "}{");
	put_template(b, st->education.date_and_location_column, edu, 5, 6, 7, dwa);
	buf_puts(b, "}}\n");
	if (!st->education.degree_column) {
		/* No degree column: an ordinary two-column row. */
		buf_puts(b, "\\renewcommand\\cvrowdegree[4]{\\cvrow{#2}{#3}{#4}}\n");
	}

	put_entry_macro(b, "{company}{position}{location}{date}{summary}{highlights}", "cvexperience", 6,
	                &st->experience, exp, 4, 5, 6, dwa);
	put_entry_macro(b, "{name}{location}{date}{summary}{highlights}", "cvnormal", 5, &st->normal, nor, 3, 4,
	                5, dwa);
	put_entry_macro(b, "{title}{authors}{journal}{url}{doi}{date}{summary}", "cvpublication", 7,
	                &st->publication, pub, 6, 7, 0, dwa);
	put_entry_macro(b, "{title}{awarder}{location}{date}{summary}{highlights}", "cvaward", 6, &st->award, awd,
	                4, 5, 6, dwa);

	buf_puts(b, "% \\cvoneline{label}{details}\n"
	            "\\newcommand\\cvoneline[2]{\\cvbetween\\cvtextentryskip\n  \\cvrow{");
	put_template(b, st->one_line_template, one, 2, 0, 0, dwa);
	buf_puts(b, "}{}{}}\n");
	buf_puts(b, "% \\cvbulletentry{text}, \\cvnumbered{number}{text}, \\cvtext{paragraph}\n"
	            "\\newcommand\\cvbulletentry[1]{\\cvbetween\\cvtextentryskip\n"
	            "  \\cvrow{\\begin{cvitems}[topsep=0pt]\\item #1\\end{cvitems}}{}{}}\n"
	            "\\newcommand\\cvnumbered[2]{\\cvbetween\\cvtextentryskip\n"
	            "  \\cvrow{\\begin{cvitems}[topsep=0pt, label={#1.}]\\item #2\\end{cvitems}}{}{}}\n"
	            "\\newcommand\\cvtext[1]{\\cvbetween\\cvtextentryskip\\cvrow{#1}{}{}}\n"
	            "% Authors: the CV's owner, and notes such as equal contribution\n"
	            "\\newcommand\\cvowner[1]{\\textbf{#1}}\n"
	            "\\newcommand\\cvnote[1]{\\textsuperscript{#1}}\n\n");
	free(fontdir);
	return true;
}

/* ---- the body ----------------------------------------------------------------------------------- */

static void arg_begin(writer *w)
{
	buf_puts(w->b, "\n  {");
}

static void arg_end(writer *w, const char *field)
{
	buf_printf(w->b, "}%% %s", field);
}

static void arg_text(writer *w, const vita_text *t, const char *field)
{
	arg_begin(w);
	put_text(w, t);
	arg_end(w, field);
}

static void arg_dates(writer *w, const vita_entry *e)
{
	char *date = vita_dates_text(w->cv, e);
	arg_begin(w);
	if (date)
		latex_escape_str(w->b, date);
	free(date);
	arg_end(w, "date");
}

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

static void arg_highlights(writer *w, const vita_entry *e)
{
	arg_begin(w);
	if (e->nhighlights) {
		put_highlight_items(w, e->highlights, e->nhighlights, 0);
		buf_puts(w->b, "\n  ");
	}
	arg_end(w, "highlights");
}

static void put_authors(writer *w, const vita_entry *e)
{
	for (size_t i = 0; i < e->nauthors; i++) {
		const vita_author *a = &e->authors[i];
		if (i)
			buf_puts(w->b, ", ");
		if (a->owner)
			buf_puts(w->b, "\\cvowner{");
		put_text(w, &a->name);
		if (a->owner)
			buf_putc(w->b, '}');
		if (a->notes && *a->notes) {
			buf_puts(w->b, "\\cvnote{");
			latex_escape_str(w->b, a->notes);
			buf_putc(w->b, '}');
		}
	}
}

static void put_entry(writer *w, const vita_section *sec, size_t idx)
{
	const vita_entry *e = &sec->entries[idx];
	vita_buf *b = w->b;
	switch (e->kind) {
	case VITA_ENTRY_EDUCATION:
		buf_puts(b, "\\cveducation");
		arg_text(w, &e->institution, "institution");
		arg_text(w, &e->area, "area");
		arg_text(w, &e->degree, "degree");
		arg_text(w, &e->location, "location");
		arg_dates(w, e);
		arg_text(w, &e->summary, "summary");
		arg_highlights(w, e);
		break;
	case VITA_ENTRY_EXPERIENCE:
		buf_puts(b, "\\cvexperience");
		arg_text(w, &e->company, "company");
		arg_text(w, &e->position, "position");
		arg_text(w, &e->location, "location");
		arg_dates(w, e);
		arg_text(w, &e->summary, "summary");
		arg_highlights(w, e);
		break;
	case VITA_ENTRY_NORMAL:
		buf_puts(b, "\\cvnormal");
		arg_text(w, &e->name, "name");
		arg_text(w, &e->location, "location");
		arg_dates(w, e);
		arg_text(w, &e->summary, "summary");
		arg_highlights(w, e);
		break;
	case VITA_ENTRY_PUBLICATION: {
		buf_puts(b, "\\cvpublication");
		arg_text(w, &e->title, "title");
		arg_begin(w);
		put_authors(w, e);
		arg_end(w, "authors");
		arg_text(w, &e->journal, "journal");
		/* URL shows the DOI when there is one (as RenderCV does), else the URL. */
		char *doi_url = e->doi ? xmalloc(strlen(e->doi) + 17) : NULL;
		if (doi_url)
			sprintf(doi_url, "https://doi.org/%s", e->doi);
		arg_begin(w);
		if (doi_url)
			put_url_link(w, doi_url, e->doi);
		else if (e->url)
			put_url_link(w, e->url, NULL);
		arg_end(w, "url");
		arg_begin(w);
		if (doi_url)
			put_url_link(w, doi_url, e->doi);
		arg_end(w, "doi");
		free(doi_url);
		arg_dates(w, e);
		arg_text(w, &e->summary, "summary");
		if (e->nhighlights)
			vita_diag(w->d, VITA_WARNING, e->pos,
			          "the publication template has no HIGHLIGHTS; its highlights are not in the .tex");
		break;
	}
	case VITA_ENTRY_AWARD:
		buf_puts(b, "\\cvaward");
		arg_text(w, &e->title, "title");
		arg_text(w, &e->awarder, "awarder");
		arg_text(w, &e->location, "location");
		arg_dates(w, e);
		arg_text(w, &e->summary, "summary");
		arg_highlights(w, e);
		break;
	case VITA_ENTRY_ONELINE:
		buf_puts(b, "\\cvoneline");
		arg_text(w, &e->label, "label");
		arg_text(w, &e->details, "details");
		break;
	case VITA_ENTRY_BULLET:
		buf_puts(b, "\\cvbulletentry");
		arg_text(w, &e->text, "text");
		break;
	case VITA_ENTRY_NUMBERED:
	case VITA_ENTRY_REVERSED_NUMBERED: {
		size_t n = e->kind == VITA_ENTRY_NUMBERED ? idx + 1 : sec->nentries - idx;
		buf_printf(b, "\\cvnumbered{%zu}", n);
		arg_text(w, &e->text, "text");
		break;
	}
	case VITA_ENTRY_TEXT:
	case VITA_ENTRY_KIND_COUNT:
		buf_puts(b, "\\cvtext");
		arg_text(w, &e->text, "text");
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
	if (photo && !path_is_tex_safe(cv->photo)) {
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
		buf_printf(b, "}\\includegraphics[width=\\linewidth]{%s}\\end{minipage}", cv->photo);
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
		for (size_t j = 0; j < sec->nentries; j++)
			put_entry(w, sec, j);
	}
	buf_puts(w->b, "\\end{document}\n");
}

int vita_latex_write(const vita_cv *cv, const vita_style *style, const vita_latex_opts *opts,
                     const char *path, vita_diags *d)
{
	vita_buf body = {0}, out = {0};
	writer w = {cv, style, &body, d};
	put_body(&w);
	bool cjk = body_has_cjk(buf_str(&body));
	/* The names in the preamble (author, title) may be CJK even when the body is not. */
	if (!cjk && cv->name.md)
		cjk = body_has_cjk(cv->name.md);
	w.b = &out;
	if (!put_preamble(&w, &out, cjk, opts)) {
		buf_free(&body);
		buf_free(&out);
		return -1;
	}
	buf_put(&out, body.data ? body.data : "", body.len);
	buf_free(&body);
	int rc = write_file_atomic(path, out.data, out.len, d);
	buf_free(&out);
	return rc;
}
