/*
 * The LaTeX backend: the composition of a CV (include/vita/compose.h) -> a folder that compiles
 * anywhere: NAME.tex, the class vita.cls (class.c), the fonts it loads (fonts/) and the photo.
 *
 * The .tex is the CV, meant to be kept and edited by a person: \documentclass{vita}, one \vitaset
 * line per setting of the CV's `design:` that differs from its theme, \name{…} and the other
 * header fields, then the sections with one macro call per entry holding its fields as key-value
 * pairs (`company = {Acme},`, one per line), so that deleting or reordering a line cannot break it.
 * The look is in vita.cls, generated from the theme alone, so one class serves every CV of the
 * theme and vita may rewrite it without touching the .tex.  Entry kinds whose templates the CV
 * changes get their macro redefined in the .tex.  All user text goes through latex/escape.c.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "io/io.h"
#include "latex/coverage.h"
#include "latex/escape.h"
#include "latex/latex_internal.h"
#include "latex/writer.h"
#include "load/yaml.h"
#include "style/fonts.h"
#include "vita/cv.h"
#include "vita/style.h"

/* ---- the files beside the .tex ------------------------------------------------------------------ */

static bool path_is_tex_safe(const char *p)
{
	for (; *p; p++)
		if (strchr("\\{}%#$&^~[],= \"'", *p) || (unsigned char)*p < 0x20)
			return false;
	return true;
}

/* The files of the output folder: [0] the .tex, then vita.cls, the fonts and the photo. */
typedef struct outset {
	vita_output *v;
	size_t n, cap;
} outset;

static void out_add(outset *o, const char *name, char *data, size_t len)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 16;
		o->v = xrealloc(o->v, o->cap * sizeof *o->v);
	}
	o->v[o->n++] = (vita_output){data, len, name ? xstrdup(name) : NULL, false};
}

static const vita_output *out_find(const outset *o, const char *name)
{
	for (size_t i = 1; i < o->n; i++)
		if (o->v[i].name && strcmp(o->v[i].name, name) == 0)
			return &o->v[i];
	return NULL;
}

static void out_free(outset *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->v[i].data);
		free(o->v[i].name);
	}
	free(o->v);
	*o = (outset){0};
}

/* Copies FILE of the font folder dir (NULL: vita's data folder's fonts/) into the output's fonts/
 * (once); false when it is missing, or when two folders hold different files of that name (the
 * theme's and the CV's own fonts/: one would silently replace the other in the output's fonts/). */
static bool copy_font_file(writer *w, outset *o, const char *dir, const char *file)
{
	vita_buf name = {0}, src = {0};
	buf_printf(&name, "fonts/%s", file);
	if (dir)
		buf_printf(&src, "%s/%s", dir, file);
	else
		buf_printf(&src, "%s/fonts/%s", vita_data_dir(), file);
	size_t len = 0;
	char *data = access(buf_str(&src), R_OK) == 0 ? read_file(buf_str(&src), SIZE_MAX / 2, &len, w->d) : NULL;
	bool ok = data != NULL;
	const vita_output *had = out_find(o, buf_str(&name));
	if (data && had && (had->len != len || memcmp(had->data, data, len) != 0)) {
		vita_diag(w->d, VITA_ERROR, (vita_pos){0},
		          "two different font files are named %s (%s and the one of vita's fonts): the .tex's fonts/ "
		          "can hold only one; rename one of them",
		          file, buf_str(&src));
		ok = false;
	}
	if (data && !had) {
		out_add(o, buf_str(&name), data, len);
		o->v[o->n - 1].shared = true;
	} else {
		free(data);
	}
	buf_free(&name);
	buf_free(&src);
	return ok;
}

/* The licence files (LICENSE*) of a font folder other than fonts/ (fonts/themes/, an installed
 * family's), copied with its fonts: their licences ask for it. */
static void copy_licences(writer *w, outset *o, const char *dir)
{
	DIR *dp = opendir(dir);
	for (struct dirent *e; dp && (e = readdir(dp));)
		if (strncmp(e->d_name, "LICENSE", 7) == 0 || strncmp(e->d_name, "OFL", 3) == 0)
			(void)copy_font_file(w, o, dir, e->d_name);
	if (dp)
		closedir(dp);
}

/* Every face file of the families a style names (and the CJK family when the CV needs it), and the
 * fonts' licences; one error per family with missing files, in the PDF backend's words (a class
 * naming missing files would only fail later, in xelatex). */
static bool copy_fonts(writer *w, outset *o, const vita_style *st, bool cjk, bool icons, bool text)
{
	const char *fams[] = {st->body.family,     st->mono_family,        st->name.family,
	                      st->headline.family, st->connections.family, st->section_titles.family,
	                      cjk ? st->cjk_family : NULL, icons ? "Font Awesome 6 Free" : NULL,
	                      icons ? "Font Awesome 6 Brands" : NULL};
	const vita_font_family *seen[9];
	size_t nseen = 0;
	bool ok = true;
	for (size_t i = 0; i < 9; i++) {
		if ((i >= 6 && !fams[i]) || (!text && i < 7))
			continue;
		const vita_font_family *f = vita_font_family_substitute_near(st->cv_fonts, fams[i]);
		bool dup = false;
		for (size_t k = 0; k < nseen; k++)
			dup = dup || seen[k] == f;
		if (dup)
			continue;
		seen[nseen++] = f;
		const char *files[] = {f->regular, f->bold, f->italic, f->bold_italic};
		vita_buf missing = {0};
		for (size_t k = 0; k < 4; k++)
			if (files[k] && !strstr(buf_str(&missing), files[k]) && !copy_font_file(w, o, f->dir, files[k]))
				buf_printf(&missing, "%s%s", missing.len ? ", " : "", files[k]);
		if (missing.len) {
			vita_diag(w->d, VITA_ERROR, (vita_pos){0},
			          "no usable font: %s/fonts has no %s for family \"%s\", which vita.cls would load; set "
			          "VITA_DATA_DIR to a folder whose fonts/ holds vita's fonts, or pass --system-fonts",
			          vita_data_dir(), buf_str(&missing), f->family);
			ok = false;
		}
		buf_free(&missing);
		if (f->dir)
			copy_licences(w, o, f->dir);
	}
	static const char *const licences[] = {"LICENSE-OFL-1.1.txt", "LICENSE-Apache-2.0.txt"};
	for (size_t i = 0; ok && (text || icons) && i < 2; i++)
		(void)copy_font_file(w, o, NULL, licences[i]); /* a data folder without them still renders */
	return ok;
}

/* The style of the CV's theme alone: the CV with a design: that names only its theme. */
static vita_style *theme_style(const vita_cv *cv)
{
	const vita_node *tn = vita_node_get(cv->design, "theme");
	vita_node key = {.kind = VITA_NODE_SCALAR, .str = "theme", .len = 5, .plain = true};
	vita_node *kids[2] = {&key, (vita_node *)tn};
	vita_node map = {.kind = VITA_NODE_MAP, .kids = kids, .n = tn ? 2 : 0};
	vita_cv copy = *cv;
	copy.design = &map;
	vita_diags *scratch = vita_diags_new();
	vita_style *st = vita_style_load(&copy, scratch);
	vita_diags_free(scratch);
	return st;
}

/* Two families the .tex loads alike: the same files by name (vita's, or copies of them in a fonts/
 * beside the CV, such as an earlier .tex's output folder). */
static bool same_files(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

static bool same_family(const vita_font_family *a, const vita_font_family *b)
{
	return a == b || (same_files(a->regular, b->regular) && same_files(a->bold, b->bold) &&
	                  same_files(a->italic, b->italic) && same_files(a->bold_italic, b->bold_italic));
}

/* The CV's font choices that differ from the theme's, as fontspec lines for the .tex. */
static void put_font_changes(vita_buf *b, const vita_style *th, const vita_style *st, bool system)
{
	const vita_font_family *tbody = vita_font_family_substitute_near(th->cv_fonts, th->body.family);
	const vita_font_family *cbody = vita_font_family_substitute_near(st->cv_fonts, st->body.family);
	if (!same_family(tbody, cbody))
		latex_put_font(b, "\\setmainfont", st->body.family, st->cv_fonts, system);
	if (!same_family(vita_font_family_substitute_near(th->cv_fonts, th->mono_family),
	                 vita_font_family_substitute_near(st->cv_fonts, st->mono_family)))
		latex_put_font(b, "\\setmonofont", st->mono_family, st->cv_fonts, system);
	struct {
		const char *name;
		const vita_font_role *a, *b;
	} roles[] = {{"cvnamefamily", &th->name, &st->name},
	             {"cvheadlinefamily", &th->headline, &st->headline},
	             {"cvconnectionsfamily", &th->connections, &st->connections},
	             {"cvsectiontitlesfamily", &th->section_titles, &st->section_titles}};
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		const vita_font_family *fa = vita_font_family_substitute_near(th->cv_fonts, roles[i].a->family);
		const vita_font_family *fb = vita_font_family_substitute_near(st->cv_fonts, roles[i].b->family);
		bool ra = same_family(fa, tbody), rb = same_family(fb, cbody);
		if (ra == rb && (rb || same_family(fa, fb)))
			continue;
		if (rb) {
			buf_printf(b, "\\renewcommand\\%s{\\rmfamily}\n", roles[i].name);
		} else {
			char cmd[64];
			snprintf(cmd, sizeof cmd, "\\renewfontfamily\\%s", roles[i].name);
			latex_put_font(b, cmd, roles[i].b->family, st->cv_fonts, system);
		}
	}
}

/* Entry macros for the kinds whose compiled templates differ from the theme's. */
static void put_template_changes(vita_buf *b, const vita_comp *th, const vita_comp *c)
{
	for (int kk = 0; kk < VITA_ENTRY_KIND_COUNT; kk++) {
		vita_entry_kind k = (vita_entry_kind)kk;
		if (!latex_kind_macro(k))
			continue;
		const ctmpl_set *x = vita_comp_templates(th, k), *y = vita_comp_templates(c, k);
		bool same = x->ncols == y->ncols;
		for (size_t col = 0; same && col < x->ncols; col++)
			same = strcmp(x->src[col] ? x->src[col] : "", y->src[col] ? y->src[col] : "") == 0;
		if (!same)
			latex_put_entry_macro(b, c, k, "\\renewcommand");
	}
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
		if (cp_is_cjk(cp))
			return true;
	}
	return false;
}

/* ---- the body ----------------------------------------------------------------------------------- */

static void put_highlight_items(writer *w, const vita_highlight *h, size_t n, int depth)
{
	for (size_t i = 0; i < n; i++) {
		buf_printf(w->b, "\n   %*s\\item ", depth * 2, "");
		latex_put_text(w, &h[i].text);
		if (h[i].nchildren) {
			buf_printf(w->b, "\n   %*s\\begin{cvitems}", depth * 2 + 2, "");
			put_highlight_items(w, h[i].children, h[i].nchildren, depth + 2);
			buf_printf(w->b, "\n   %*s\\end{cvitems}", depth * 2 + 2, "");
		}
	}
}

/* field = {value}, one line for each field of the entry that its kind's templates use. */
static void put_fields(writer *w, const vita_centry *ce)
{
	const ctmpl_set *ts = vita_comp_templates(w->comp, ce->e->kind);
	efields f = {w->comp->arena, w->cv, ce->e, ce->time_span};
	for (size_t i = 0; i < ts->nnames; i++) {
		const char *name = ts->names[i];
		size_t n = strlen(name);
		if (!field_provided(&f, name, n))
			continue;
		buf_puts(w->b, "\n  ");
		for (const char *p = name; *p; p++)
			buf_putc(w->b, *p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		buf_puts(w->b, " = {");
		if (strcmp(name, "HIGHLIGHTS") == 0) {
			put_highlight_items(w, ce->highlights, ce->nhighlights, 0);
			buf_puts(w->b, "\n  ");
		} else {
			w->names = strcmp(name, "AUTHORS") == 0 ? ce->e : NULL;
			latex_put_field_spans(w, field_value(&f, name, n));
			w->names = NULL;
		}
		buf_puts(w->b, "},");
	}
}

static void put_entry(writer *w, const vita_centry *ce)
{
	vita_buf *b = w->b;
	w->at = ce->e->pos;
	switch (ce->shape) {
	case VITA_SHAPE_REGULAR:
	case VITA_SHAPE_ONELINE:
		buf_printf(b, "\\%s{", latex_kind_macro(ce->shape == VITA_SHAPE_ONELINE ? VITA_ENTRY_ONELINE : ce->e->kind));
		put_fields(w, ce);
		buf_puts(b, "\n}");
		break;
	case VITA_SHAPE_BULLET:
		buf_puts(b, "\\cvbulletentry{");
		latex_put_field_spans(w, ce->text);
		buf_putc(b, '}');
		break;
	case VITA_SHAPE_NUMBERED:
		buf_puts(b, ce->e->kind == VITA_ENTRY_REVERSED_NUMBERED ? "\\cvreversenumbered{" : "\\cvnumbered{");
		latex_put_field_spans(w, ce->text);
		buf_putc(b, '}');
		break;
	case VITA_SHAPE_TEXT:
		buf_puts(b, "\\cvtext{");
		latex_put_field_spans(w, ce->text);
		buf_putc(b, '}');
		break;
	}
	buf_puts(b, "\n\n");
}

/* The photo, copied beside the .tex under its own name (or photo.EXT when TeX cannot name it). */
static void put_photo(writer *w, outset *o)
{
	const vita_cv *cv = w->cv;
	if (!cv->photo || !*cv->photo)
		return;
	if (access(cv->photo, R_OK) != 0) {
		vita_diag(w->d, VITA_WARNING, cv->photo_pos, "the photo cannot be found; the .tex leaves it out");
		return;
	}
	const char *base = strrchr(cv->photo, '/');
	base = base ? base + 1 : cv->photo;
	const char *dot = strrchr(base, '.');
	vita_buf name = {0};
	if (path_is_tex_safe(base) && (!dot || (strcmp(dot, ".tex") != 0 && strcmp(dot, ".cls") != 0)))
		buf_puts(&name, base);
	else
		buf_printf(&name, "photo%s", dot && path_is_tex_safe(dot) ? dot : "");
	size_t len = 0;
	char *data = read_file(cv->photo, SIZE_MAX / 2, &len, w->d);
	if (data) {
		out_add(o, buf_str(&name), data, len);
		buf_printf(w->b, "\\photo{%s}\n", buf_str(&name));
	}
	buf_free(&name);
}

/* Composed page lines (footer, top note), lines joined by \newline. */
static void put_page_lines(writer *w, const vita_ccol *col)
{
	for (size_t i = 0; i < col->n; i++) {
		if (i)
			buf_puts(w->b, "\\newline ");
		latex_put_field_spans(w, col->lines[i].spans);
	}
}

/* \name, \headline, \connection, \photo, the PDF's metadata, the footer and the top note. */
static void put_header_fields(writer *w, outset *o)
{
	const vita_cv *cv = w->cv;
	const vita_style *st = w->st;
	vita_buf *b = w->b;
	w->family = st->name.family;
	if (latex_has_text(&cv->name)) {
		buf_puts(b, "\\name{");
		latex_put_text(w, &cv->name);
		buf_puts(b, "}\n");
	}
	w->family = st->headline.family;
	if (latex_has_text(&cv->headline)) {
		buf_puts(b, "\\headline{");
		latex_put_text(w, &cv->headline);
		buf_puts(b, "}\n");
	}
	for (size_t i = 0; i < w->comp->nconnections; i++) {
		const vita_connection *c = &w->comp->connections[i];
		w->family = st->connections.family;
		w->at = c->pos;
		latex_cover(w, c->text ? c->text : c->url);
		buf_puts(b, "\\connection{");
		latex_put_icon(b, w->comp, i);
		if (c->url && st->connections_hyperlink)
			latex_put_url_link(w, c->url, c->text ? c->text : c->url);
		else
			latex_escape_str(b, c->text);
		static const char *kinds[] = {"location", "email", "phone", "website", "social", "custom"};
		buf_printf(b, "}%% %s\n", kinds[c->kind]);
	}
	put_photo(w, o);
	buf_puts(b, "\\title{");
	latex_escape_str(b, w->comp->title);
	buf_puts(b, "}% the PDF's title\n");
	if (w->comp->keywords && *w->comp->keywords) {
		buf_puts(b, "\\pdfsubject{");
		latex_escape_str(b, w->comp->subject);
		buf_puts(b, "}\n\\pdfkeywords{");
		latex_escape_str(b, w->comp->keywords);
		buf_puts(b, "}\n");
	}
	w->family = st->body.family;
	w->at = (vita_pos){0};
	if (w->comp->footer.n) {
		buf_puts(b, "\\footer{");
		put_page_lines(w, &w->comp->footer);
		buf_puts(b, "}\n");
	}
	if (w->comp->top_note.n) {
		buf_puts(b, "\\topnote{");
		put_page_lines(w, &w->comp->top_note);
		buf_puts(b, "}\n");
	}
}

static void put_body(writer *w)
{
	const vita_cv *cv = w->cv;
	buf_puts(w->b, "\n\\begin{document}\n\\makecvheader\n\n");
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
		const vita_csection *cs = &w->comp->sections[i];
		/* page_break_before: a first entry's break goes before its title, which stays with it */
		bool brk = sec->page_break_before || (cs->nentries && cs->entries[0].e->page_break_before);
		buf_puts(w->b, brk ? "\n\\clearpage\n\\cvsection{" : "\n\\cvsection{");
		w->family = w->st->section_titles.family;
		w->at = sec->pos;
		if (latex_has_text(&sec->title))
			latex_put_text(w, &sec->title);
		else {
			latex_cover(w, sec->key);
			latex_escape_str(w->b, sec->key);
		}
		w->family = w->st->body.family;
		buf_puts(w->b, "}\n\n");
		for (size_t j = 0; j < cs->nentries; j++) {
			if (j && cs->entries[j].e->page_break_before)
				buf_puts(w->b, "\\clearpage\n");
			put_entry(w, &cs->entries[j]);
		}
	}
	buf_puts(w->b, "\\end{document}\n");
}

static bool comp_has_cjk(const vita_comp *comp, const char *body)
{
	if (body_has_cjk(body))
		return true;
	/* the names in the metadata (author, title) may be CJK even when the body is not */
	return (comp->cv->name.md && body_has_cjk(comp->cv->name.md)) || (comp->title && body_has_cjk(comp->title));
}

/* The families of vita's default fallback chain that the CV's text needs (the fonts the PDF draws
 * those characters in): named before \documentclass for LuaLaTeX's fallback list, and given their
 * characters after it for XeLaTeX's character classes (vita.cls: \cvfallback).  Installed fonts,
 * found by name, as the PDF found them in the system's font folder. */
static void put_fallback_fonts(vita_buf *b, const latex_cov_fb *fb, size_t n)
{
	buf_puts(b, "% Fonts for the characters the theme's fonts lack, as vita's PDF draws them (installed\n"
	            "% fonts, by name):\n\\def\\vitafallbackfonts{");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "'%s:mode=node;',", fb[i].family);
	buf_puts(b, "}\n\\def\\vitafallbackboldfonts{");
	for (size_t i = 0; i < n; i++)
		buf_printf(b, fb[i].bold ? "'%s/B:mode=node;'," : "'%s:mode=node;embolden=2;',", fb[i].family);
	buf_puts(b, "}\n");
}

static void put_fallback_chars(vita_buf *b, const latex_cov_fb *fb, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (fb[i].script)
			buf_printf(b, "\\cvfallback[Script=%s]{%s}{%%\n", fb[i].script, fb[i].family);
		else
			buf_printf(b, "\\cvfallback{%s}{%%\n", fb[i].family);
		for (size_t k = 0; k < fb[i].n; k++)
			buf_printf(b, "\"%X%s", (unsigned)fb[i].cps[k],
			           k + 1 == fb[i].n ? "}\n" : k % 12 == 11 ? ",%\n" : ",");
	}
}

/* The .tex's preamble: the class with its options, then what the CV changes of its theme. */
static void put_preamble(writer *w, vita_buf *b, const vita_comp *th, const char *cls, bool cjk, bool system,
                         bool mono_used, latex_cov *cov)
{
	const vita_cv *cv = w->cv;
	buf_puts(b, "% !TEX program = xelatex\n% A CV written by vita " VITA_VERSION " from ");
	const char *base = cv->path ? strrchr(cv->path, '/') : NULL;
	latex_escape_comment(b, base ? base + 1 : cv->path ? cv->path : "(memory)");
	buf_puts(b, " with the theme `");
	latex_escape_comment(b, w->st->theme);
	buf_printf(b, "`.\n%% Its look is in %s.cls beside this file (vita rewrites it; this file it does not\n"
	            "%% touch). Build it with `xelatex` or `lualatex`, twice (the footer's page count needs\n"
	            "%% a second run). Change the look here: \\vitaset{accent = {139,0,0}} (every accent-coloured\n"
	            "%% part), \\vitaset{body size = 11pt}, \\setmainfont{Latin Modern Sans}; each entry is one macro\n"
	            "%% call whose fields (one per line) may be removed, reordered or copied.\n", cls);
	size_t nfb;
	const latex_cov_fb *fb = latex_cov_fallbacks(cov, &nfb);
	if (nfb)
		put_fallback_fonts(b, fb, nfb);
	if (system && cjk)
		latex_put_system_cjk(b, w->st, w->d);
	bool liga = latex_ligatures(w->st);
	buf_printf(b, "\\documentclass[version=%d%s%s%s]{%s}\n", LATEX_CLASS_VERSION, cjk ? ", cjk" : "",
	           system ? ", systemfonts" : "",
	           liga == latex_ligatures(th->st) ? "" : liga ? ", ligatures=true" : ", ligatures=false", cls);
	latex_put_rtl(b, w->comp);
	put_fallback_chars(b, fb, nfb);
	const vita_style *ts = th->st, *st = w->st;
	if (ts->page_width != st->page_width || ts->page_height != st->page_height || ts->margin_top != st->margin_top ||
	    ts->margin_bottom != st->margin_bottom || ts->margin_left != st->margin_left ||
	    ts->margin_right != st->margin_right || ts->top_note.size != st->top_note.size ||
	    ts->line_spacing != st->line_spacing) {
		buf_printf(b, "%% page: %s\n\\geometry{", st->page_size ? st->page_size : "custom");
		latex_put_geometry_keys(b, st);
		buf_puts(b, "}\n");
	}
	latex_put_settings(b, ts, st);
	if (th->dates_left != w->comp->dates_left)
		buf_printf(b, "\\vitaset{dates left = %s}\n", w->comp->dates_left ? "true" : "false");
	if (system)
		latex_put_system_fonts(b, st, mono_used, w->d);
	else
		put_font_changes(b, ts, st, false);
	latex_put_icon_fonts(b, w->comp, w->icons_by_name);
	put_template_changes(b, th, w->comp);
}

/* Every file of the output: the .tex first (name NULL), then the others by relative name. */
static bool latex_build(const vita_comp *comp, const vita_latex_opts *opts, outset *o, vita_diags *d)
{
	const vita_cv *cv = comp->cv;
	bool system = opts && opts->system_fonts;
	vita_buf body = {0}, head = {0}, tex = {0}, cls = {0};
	latex_cov cov;
	latex_cov_init(&cov, comp->st);
	writer w = {comp, cv, comp->st, &body, d, false, &cov, comp->st->body.family, {0}, false, NULL, 0, false, NULL};
	put_body(&w);
	/* the bullets vita.cls sets in the body font (ember's ◆ and ◦) need a font too */
	latex_cov_text(&cov, comp->st->body.family, comp->st->bullet, (vita_pos){0});
	latex_cov_text(&cov, comp->st->body.family, comp->st->nested_bullet, (vita_pos){0});
	bool cjk = comp_has_cjk(comp, buf_str(&body));
	out_add(o, NULL, NULL, 0);
	/* the theme alone: its class; a CV whose theme cannot be loaded alone gets its own look */
	vita_style *tst = theme_style(cv);
	vita_diags *scratch = vita_diags_new();
	/* The class is the theme's alone, so that every CV of the theme in a folder shares it: composed
	 * with the default locale (a CV whose locale changes an entry's words, "DEGREE in AREA", gets
	 * that macro redefined in its .tex) and vita's own fonts (the CV's fonts/ are \setmainfont
	 * lines in its .tex); --system-fonts is the class option systemfonts. */
	vita_cv copy = *cv;
	copy.locale.degree_with_area = NULL;
	if (tst)
		tst->cv_fonts = NULL;
	vita_comp *th = tst ? vita_compose(&copy, tst, scratch) : NULL;
	vita_diags_free(scratch);
	const vita_comp *thc = th ? th : comp;
	char *clsname = latex_class_name(thc->st);
	latex_put_class(&cls, thc);
	vita_buf file = {0};
	buf_printf(&file, "%s.cls", clsname);
	out_add(o, buf_str(&file), buf_take(&cls), 0);
	buf_free(&file);
	o->v[o->n - 1].len = strlen(o->v[o->n - 1].data);
	bool icons = latex_has_icons(comp);
	/* --system-fonts names installed text fonts; the icons are vita's Font Awesome 6 Free all the
	 * same (no distribution packages it), copied into fonts/, or named as installed without them */
	if (system && icons) {
		vita_diags *keep = w.d, *quiet = vita_diags_new();
		w.d = quiet;
		w.icons_by_name = !copy_fonts(&w, o, comp->st, false, true, false);
		w.d = keep;
		vita_diags_free(quiet);
	}
	w.b = &head;
	put_header_fields(&w, o);
	latex_cov_report(&cov, d);
	w.cov = NULL;
	put_preamble(&w, &tex, thc, clsname, cjk, system, strstr(buf_str(&body), "\\texttt{") != NULL, &cov);
	latex_put_hyphenation(&tex, buf_str(&body));
	free(clsname);
	latex_cov_free(&cov);
	bool ok = system || (copy_fonts(&w, o, thc->st, cjk, icons, true) &&
	                     (thc == comp || copy_fonts(&w, o, comp->st, cjk, icons, true)));
	vita_comp_free(th);
	vita_style_free(tst);
	buf_put(&tex, head.data ? head.data : "", head.len);
	buf_put(&tex, body.data ? body.data : "", body.len);
	buf_free(&head);
	buf_free(&body);
	o->v[0].len = tex.len;
	o->v[0].data = buf_take(&tex);
	if (!o->v[0].data)
		o->v[0].data = xstrdup("");
	return ok;
}

int vita_latex_write_files(const vita_comp *comp, const vita_latex_opts *opts, vita_output **files, size_t *n,
                           vita_diags *d)
{
	outset o = {0};
	if (!latex_build(comp, opts, &o, d)) {
		out_free(&o);
		*files = NULL;
		*n = 0;
		return -1;
	}
	*files = o.v;
	*n = o.n;
	return 0;
}

int vita_latex_write_mem(const vita_comp *comp, const vita_latex_opts *opts, char **data, size_t *len, vita_diags *d)
{
	outset o = {0};
	if (!latex_build(comp, opts, &o, d)) {
		out_free(&o);
		return -1;
	}
	*data = o.v[0].data;
	*len = o.v[0].len;
	o.v[0].data = NULL;
	out_free(&o);
	return 0;
}

/* Whether the file at path holds exactly data[0, len).  Read with stdio, not read_file: an output
 * is not one of the render's inputs (vita build's record, --watch). */
static bool same_bytes(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return false;
	char chunk[65536];
	size_t at = 0, got;
	bool same = true;
	while (same && (got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
		same = at + got <= len && memcmp(chunk, data + at, got) == 0;
		at += got;
	}
	same = same && !ferror(fp) && at == len;
	fclose(fp);
	return same;
}

int vita_output_shared(const char *path, const vita_output *f, vita_diags *d)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return 1;
	if (S_ISREG(sb.st_mode) && (size_t)sb.st_size == f->len && same_bytes(path, f->data, f->len))
		return 0;
	vita_diag(d, VITA_ERROR, (vita_pos){path, 0, 0},
	          "another file of this name is already there; vita does not replace it (the .tex files of a "
	          "folder share its fonts/): remove it, or write the .tex to another folder");
	return -1;
}

/* PATH's folder joined with a relative name, the folder created when the name has one. */
static char *beside(const char *path, const char *name)
{
	const char *slash = strrchr(path, '/');
	vita_buf p = {0};
	if (slash)
		buf_printf(&p, "%.*s/", (int)(slash - path), path);
	buf_puts(&p, name);
	return buf_take(&p);
}

int vita_latex_write_comp(const vita_comp *comp, const vita_latex_opts *opts, const char *path, vita_diags *d)
{
	vita_output *f = NULL;
	size_t n = 0;
	int rc = vita_latex_write_files(comp, opts, &f, &n, d);
	char **paths = xcalloc(n ? n : 1, sizeof *paths);
	bool *skip = xcalloc(n ? n : 1, sizeof *skip);
	for (size_t i = 0; i < n && rc == 0; i++) {
		paths[i] = f[i].name ? beside(path, f[i].name) : xstrdup(path);
		int fresh = f[i].shared ? vita_output_shared(paths[i], &f[i], d) : 1;
		skip[i] = fresh == 0;
		if (fresh < 0)
			rc = -1; /* nothing is written */
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *sub = f[i].name ? strrchr(paths[i], '/') : NULL;
		if (skip[i])
			continue;
		if (sub && strchr(f[i].name, '/')) {
			*sub = '\0';
			(void)mkdir(paths[i], 0777); /* a failure is reported when the file cannot be written */
			*sub = '/';
		}
		rc = write_file_atomic(paths[i], f[i].data, f[i].len, d);
	}
	for (size_t i = 0; i < n; i++) {
		free(paths[i]);
		free(f[i].data);
		free(f[i].name);
	}
	free(paths);
	free(skip);
	free(f);
	return rc;
}

int vita_latex_write(const vita_cv *cv, const vita_style *style, const vita_latex_opts *opts,
                     const char *path, vita_diags *d)
{
	vita_comp *c = vita_compose(cv, style, d);
	int rc = vita_latex_write_comp(c, opts, path, d);
	vita_comp_free(c);
	return rc;
}
