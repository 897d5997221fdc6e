/*
 * --system-fonts in the .tex: the installed families a style names, each face by its file name as
 * fontconfig finds it (vita_font_installed), which XeTeX and luaotfload both find by name in the
 * system's font folders.  Naming the family instead lets the engines pick its faces by their own
 * rules: XeLaTeX took Lato's Heavy as its bold, LuaLaTeX Noto Sans's Medium and ExtraBold.  A
 * family that is not installed is a warning and another family, never a TeX error.
 */
#include <stdio.h>
#include <strings.h>

#include "latex/latex_internal.h"
#include "style/fonts.h"

/* The installed family, else `other` with a warning (Noto Sans; DejaVu Sans Mono for the
 * monospace font), else NULL with a warning: fontspec's default, Latin Modern, which every TeX has. */
static const vita_font_family *installed_or(vita_diags *d, const char *family, const char *what, const char *other,
                                            const char *tex_default)
{
	const vita_font_family *f = vita_font_installed(family);
	if (f && f->regular)
		return f;
	/* Fontin: the installed Gentium Book Plus standing in, at Fontin's metrics (style/fonts.h) */
	if ((f = vita_font_family_stand_in(family)) && f->regular && vita_font_installed(f->files_family))
		return f;
	const vita_font_family *o = vita_font_installed(other);
	o = o && o->regular ? o : NULL;
	vita_diag(d, VITA_WARNING, (vita_pos){0}, "--system-fonts: the %s font `%s` is not installed; the .tex names %s instead",
	          what, family ? family : "", o ? other : tex_default);
	return o;
}

static const vita_font_family *installed_or_noto(vita_diags *d, const char *family, const char *what)
{
	return installed_or(d, family, what, "Noto Sans", "fontspec's default, Latin Modern");
}

static void put_installed_font(vita_buf *b, const char *cmd, const vita_font_family *f)
{
	const char *faces[] = {f->bold, f->italic, f->bold_italic};
	static const char *const keys[] = {"BoldFont", "ItalicFont", "BoldItalicFont"};
	static const char *const features[] = {"BoldFeatures", "ItalicFeatures", "BoldItalicFeatures"};
	buf_printf(b, "%s{%s}[", cmd, f->regular);
	bool first = true;
	if (f->index[0]) {
		buf_printf(b, "FontIndex=%d", f->index[0]);
		first = false;
	}
	for (int i = 0; i < 3; i++) {
		if (!faces[i])
			continue;
		buf_printf(b, "%s\n  %s=%s", first ? "" : ",", keys[i], faces[i]);
		if (f->index[i + 1])
			buf_printf(b, ", %s={FontIndex=%d}", features[i], f->index[i + 1]);
		first = false;
	}
	if (f->metrics) {
		buf_puts(b, first ? "" : ",\n  ");
		latex_put_stand_in(b, f);
	}
	buf_puts(b, "]\n");
}

void latex_put_system_fonts(vita_buf *b, const vita_style *st, bool mono_used, vita_diags *d)
{
	buf_puts(b, "% Installed fonts (--system-fonts), their faces by file name:\n");
	const vita_font_family *body = installed_or_noto(d, st->body.family, "body");
	if (body)
		put_installed_font(b, "\\setmainfont", body);
	const vita_font_family *mono =
	    mono_used ? installed_or(d, st->mono_family, "monospace", "DejaVu Sans Mono", "fontspec's default, Latin Modern Mono")
	              : NULL;
	if (mono)
		put_installed_font(b, "\\setmonofont", mono);
	struct {
		const char *name, *what;
		const vita_font_role *r;
	} roles[] = {{"cvnamefamily", "name", &st->name},
	             {"cvheadlinefamily", "headline", &st->headline},
	             {"cvconnectionsfamily", "connections", &st->connections},
	             {"cvsectiontitlesfamily", "section titles", &st->section_titles}};
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		if (!roles[i].r->family || !st->body.family || strcasecmp(roles[i].r->family, st->body.family) == 0)
			continue; /* the class's \rmfamily */
		const vita_font_family *f = installed_or_noto(d, roles[i].r->family, roles[i].what);
		if (f && f != body) {
			char cmd[64];
			snprintf(cmd, sizeof cmd, "\\renewfontfamily\\%s", roles[i].name);
			put_installed_font(b, cmd, f);
		}
	}
}

void latex_put_system_cjk(vita_buf *b, const vita_style *st, vita_diags *d)
{
	const vita_font_family *f = installed_or(d, st->cjk_family, "CJK", "Noto Sans CJK SC", "no CJK font");
	if (f)
		buf_printf(b, "%% The installed CJK font (--system-fonts), its face in the file:\n"
		              "\\def\\vitacjkfont{%s}\\def\\vitacjkindex{%d}\n",
		           f->regular, f->index[0]);
}
