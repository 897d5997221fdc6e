/*
 * The default fallback chain: which installed font draws a character that none of the style's
 * families (and none in <data>/fonts/) has — Arabic, Hebrew, Indic, Thai, Georgian, Armenian,
 * Ethiopic, math alphanumerics, symbols, emoji.
 *
 * The chain is a fixed table of Debian font packages' files (scripts/deps.sh installs them), keyed
 * by Unicode script, so that finding a font costs nothing until a character needs one: no folder
 * is scanned and no file is opened for a CV whose characters the style's fonts cover.  A
 * character is looked up in the fonts of its own script first, then in the symbol fonts (which
 * also hold the punctuation and digits every script shares), then in all the others.  Files are looked for under
 * /usr/share/fonts, or under $VITA_FALLBACK_FONTS when set (empty: no default chain, for tests of
 * what happens without the packages).  A family of the same name in <data>/fonts/ wins over the
 * system's file.
 *
 * After the chain, any installed font (fontconfig, src/style/installed.c) that has the character:
 * a font the user installed for a script or symbol the packages do not cover.  Up to
 * INSTALLED_FACES such fonts per document; none when the chain is off.  The .tex names them too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout/textint.h"
#include "style/fonts.h"

#define SYSTEM_FONTS "/usr/share/fonts"

typedef struct chain_font {
	hb_script_t script; /* HB_SCRIPT_COMMON: symbols, tried for every character */
	const char *family;
	const char *regular, *bold; /* under the system font folder; bold NULL: synthesized */
	const char *package;        /* the Debian package that installs the files */
	int index;                  /* the face in a collection */
} chain_font;

#define NOTO(s, name, file)                                                                        \
	{s, "Noto Sans " name, "truetype/noto/NotoSans" file "-Regular.ttf",                            \
	 "truetype/noto/NotoSans" file "-Bold.ttf", "fonts-noto-core", 0}
/* Noto Sans CJK (CFF outlines, real bold): faces JP, KR, SC, TC, HK of each collection */
#define CJK(s, lang, index)                                                                        \
	{s, "Noto Sans CJK " lang, "opentype/noto/NotoSansCJK-Regular.ttc",                             \
	 "opentype/noto/NotoSansCJK-Bold.ttc", "fonts-noto-cjk", index}

static const chain_font chain[] = {
	CJK(HB_SCRIPT_HANGUL, "KR", 1),
	CJK(HB_SCRIPT_HIRAGANA, "JP", 0),
	CJK(HB_SCRIPT_KATAKANA, "JP", 0),
	CJK(HB_SCRIPT_HAN, "SC", 2),
	CJK(HB_SCRIPT_BOPOMOFO, "TC", 3),
	NOTO(HB_SCRIPT_ARABIC, "Arabic", "Arabic"),
	NOTO(HB_SCRIPT_HEBREW, "Hebrew", "Hebrew"),
	NOTO(HB_SCRIPT_DEVANAGARI, "Devanagari", "Devanagari"),
	NOTO(HB_SCRIPT_BENGALI, "Bengali", "Bengali"),
	NOTO(HB_SCRIPT_GURMUKHI, "Gurmukhi", "Gurmukhi"),
	NOTO(HB_SCRIPT_GUJARATI, "Gujarati", "Gujarati"),
	NOTO(HB_SCRIPT_ORIYA, "Oriya", "Oriya"),
	NOTO(HB_SCRIPT_TAMIL, "Tamil", "Tamil"),
	NOTO(HB_SCRIPT_TELUGU, "Telugu", "Telugu"),
	NOTO(HB_SCRIPT_KANNADA, "Kannada", "Kannada"),
	NOTO(HB_SCRIPT_MALAYALAM, "Malayalam", "Malayalam"),
	NOTO(HB_SCRIPT_SINHALA, "Sinhala", "Sinhala"),
	NOTO(HB_SCRIPT_THAI, "Thai", "Thai"),
	NOTO(HB_SCRIPT_LAO, "Lao", "Lao"),
	NOTO(HB_SCRIPT_KHMER, "Khmer", "Khmer"),
	NOTO(HB_SCRIPT_MYANMAR, "Myanmar", "Myanmar"),
	NOTO(HB_SCRIPT_GEORGIAN, "Georgian", "Georgian"),
	NOTO(HB_SCRIPT_ARMENIAN, "Armenian", "Armenian"),
	NOTO(HB_SCRIPT_ETHIOPIC, "Ethiopic", "Ethiopic"),
	NOTO(HB_SCRIPT_THAANA, "Thaana", "Thaana"),
	NOTO(HB_SCRIPT_CHEROKEE, "Cherokee", "Cherokee"),
	{HB_SCRIPT_TIBETAN, "Noto Serif Tibetan", "truetype/noto/NotoSerifTibetan-Regular.ttf",
	 "truetype/noto/NotoSerifTibetan-Bold.ttf", "fonts-noto-core", 0},
	{HB_SCRIPT_TIFINAGH, "Noto Sans Tifinagh", "truetype/noto/NotoSansTifinagh-Regular.ttf", NULL,
	 "fonts-noto-core", 0},
	{HB_SCRIPT_SYRIAC, "Noto Sans Syriac", "truetype/noto/NotoSansSyriac-Regular.ttf", NULL,
	 "fonts-noto-core", 0},
	{HB_SCRIPT_MONGOLIAN, "Noto Sans Mongolian", "truetype/noto/NotoSansMongolian-Regular.ttf", NULL,
	 "fonts-noto-core", 0},
	{HB_SCRIPT_COMMON, "Noto Sans Math", "truetype/noto/NotoSansMath-Regular.ttf", NULL,
	 "fonts-noto-core", 0},
	NOTO(HB_SCRIPT_COMMON, "Symbols", "Symbols"),
	{HB_SCRIPT_COMMON, "Noto Sans Symbols 2", "truetype/noto/NotoSansSymbols2-Regular.ttf", NULL,
	 "fonts-noto-core", 0},
	{HB_SCRIPT_COMMON, "Symbola", "truetype/ancient-scripts/Symbola_hint.ttf", NULL, "fonts-symbola", 0},
	/* colour bitmaps (CBDT), for emoji sequences (emoji.c) and what no other font has */
	{HB_SCRIPT_COMMON, "Noto Color Emoji", "truetype/noto/NotoColorEmoji.ttf", NULL, "fonts-noto-color-emoji", 0},
};
#undef NOTO

#define NCHAIN (sizeof chain / sizeof *chain)

/* Installed fonts found by character (fontconfig) that one document may add. */
#define INSTALLED_FACES 8

size_t fallback_max_faces(void)
{
	return 2 * NCHAIN + INSTALLED_FACES;
}

static int add_face(vita_fonts *f, const char *dir, const char *file, int index, const char *name,
                    bool bold)
{
	face *fc = &f->faces[f->nfaces];
	memset(fc, 0, sizeof *fc);
	vita_buf b = {0};
	buf_printf(&b, "%s/%s", dir, file);
	fc->path = buf_take(&b);
	fc->family = xstrdup(name);
	fc->index = index;
	fc->bold = bold;
	fc->optional = true;
	fc->export_index = -1;
	return (int)f->nfaces++;
}

void fallback_add(vita_fonts *f)
{
	if (f->chain_added)
		return;
	f->chain_added = true;
	const char *env = vita_env_get()->fallback_fonts;
	const char *dir = env ? env : SYSTEM_FONTS;
	if (!*dir)
		return;
	for (size_t i = 0; i < NCHAIN; i++) {
		const chain_font *c = &chain[i];
		bool present = false;
		for (size_t k = 0; k < f->nfams && !present; k++)
			present = strcasecmp(f->fams[k].name, c->family) == 0;
		if (present)
			continue; /* <data>/fonts/ has it: that family is in the chain instead (see fonts_cover) */
		f->fams = xrealloc(f->fams, (f->nfams + 1) * sizeof *f->fams);
		family *fm = &f->fams[f->nfams++];
		memset(fm, 0, sizeof *fm);
		for (int s = 0; s < 4; s++)
			fm->faces[s] = -1;
		fm->faces[0] = add_face(f, dir, c->regular, c->index, c->family, false);
		if (c->bold)
			fm->faces[1] = add_face(f, dir, c->bold, c->index, c->family, true);
		fm->name = f->faces[fm->faces[0]].family;
		fm->chain = (int)i + 1;
	}
}

static face *try_family(vita_fonts *f, const char *name, bool bold, uint32_t cp, bool *fake_bold)
{
	for (size_t k = 0; k < f->nfams; k++) {
		if (strcasecmp(f->fams[k].name, name) != 0)
			continue;
		face *fc = fonts_face(f, (int)k, bold, false, fake_bold, NULL);
		return fc && face_width(fc, cp) >= 0 ? fc : NULL;
	}
	return NULL;
}

/* The i-th entry of the chain to try for cp: its script's fonts; the symbol fonts; then any
 * (punctuation that scripts share, such as the Arabic comma, is of the common script but only in
 * that script's font).  NULL after the last.  The PDF (fallback_cover) and the .tex
 * (vita_fallback_family) both go through this, so both resolve a character to the same family. */
static const chain_font *nth_try(uint32_t cp, size_t n, bool tex)
{
	hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < NCHAIN; i++) {
			if (pass == 0 ? chain[i].script != sc || sc == HB_SCRIPT_COMMON
			              : pass == 1 ? chain[i].script != HB_SCRIPT_COMMON : chain[i].script == HB_SCRIPT_COMMON)
				continue;
			if (tex && strcmp(chain[i].family, "Noto Color Emoji") == 0)
				continue; /* TeX's engines draw no colour bitmaps (CBDT) */
			if (n-- == 0)
				return &chain[i];
		}
	return NULL;
}

/* The family of an installed font found for a character, added on first use; -1 when the
 * document has added INSTALLED_FACES of them already. */
static int installed_family(vita_fonts *f, const vita_font_face *ff)
{
	/* by file: the chain may have a family of that name whose file is not installed */
	for (size_t k = 0; k < f->nfams; k++)
		if (f->fams[k].faces[0] >= 0 && strcmp(f->faces[f->fams[k].faces[0]].path, ff->path) == 0 &&
		    f->faces[f->fams[k].faces[0]].index == ff->index)
			return (int)k;
	if (f->ninstalled == INSTALLED_FACES)
		return -1;
	f->ninstalled++;
	f->fams = xrealloc(f->fams, (f->nfams + 1) * sizeof *f->fams);
	family *fm = &f->fams[f->nfams];
	memset(fm, 0, sizeof *fm);
	for (int s = 0; s < 4; s++)
		fm->faces[s] = -1;
	face *fc = &f->faces[f->nfaces];
	memset(fc, 0, sizeof *fc);
	fc->path = xstrdup(ff->path);
	fc->family = xstrdup(ff->family);
	fc->index = ff->index;
	fc->export_index = -1;
	fm->faces[0] = (int)f->nfaces++;
	fm->name = fc->family;
	fm->chain = (int)NCHAIN + 1;
	return (int)f->nfams++;
}

face *fallback_cover(vita_fonts *f, uint32_t cp, bool bold, bool *fake_bold)
{
	fallback_add(f);
	const chain_font *c;
	for (size_t i = 0; (c = nth_try(cp, i, false)); i++) {
		face *fc = try_family(f, c->family, bold, cp, fake_bold);
		if (fc)
			return fc;
	}
	*fake_bold = false;
	const char *env = vita_env_get()->fallback_fonts;
	if (env && !*env)
		return NULL; /* the chain is off, and with it the installed fonts */
	const vita_font_face *ff = vita_font_installed_for(cp);
	int k = ff ? installed_family(f, ff) : -1;
	face *fc = k >= 0 ? fonts_face(f, k, bold, false, fake_bold, NULL) : NULL;
	return fc && face_width(fc, cp) >= 0 ? fc : NULL;
}

const char *vita_fallback_family(uint32_t cp, size_t i, char *path, size_t cap, int *index, bool *bold)
{
	const char *env = vita_env_get()->fallback_fonts;
	const char *dir = env ? env : SYSTEM_FONTS;
	const chain_font *c = *dir ? nth_try(cp, i, true) : NULL;
	if (!c && *dir && (i == 0 || nth_try(cp, i - 1, true))) { /* after the chain: an installed font */
		const vita_font_face *ff = vita_font_installed_for(cp);
		if (!ff)
			return NULL;
		snprintf(path, cap, "%s", ff->path);
		*index = ff->index;
		*bold = false;
		return ff->family;
	}
	if (!c)
		return NULL;
	snprintf(path, cap, "%s/%s", dir, c->regular);
	*index = c->index;
	*bold = c->bold != NULL;
	return c->family;
}

const char *vita_fallback_script(uint32_t cp)
{
	/* the scripts whose words need shaping, by fontspec's names for them */
	static const struct {
		hb_script_t s;
		const char *name;
	} names[] = {{HB_SCRIPT_ARABIC, "Arabic"},       {HB_SCRIPT_HEBREW, "Hebrew"},
	             {HB_SCRIPT_DEVANAGARI, "Devanagari"}, {HB_SCRIPT_BENGALI, "Bengali"},
	             {HB_SCRIPT_GURMUKHI, "Gurmukhi"},   {HB_SCRIPT_GUJARATI, "Gujarati"},
	             {HB_SCRIPT_ORIYA, "Oriya"},         {HB_SCRIPT_TAMIL, "Tamil"},
	             {HB_SCRIPT_TELUGU, "Telugu"},       {HB_SCRIPT_KANNADA, "Kannada"},
	             {HB_SCRIPT_MALAYALAM, "Malayalam"}, {HB_SCRIPT_SINHALA, "Sinhala"},
	             {HB_SCRIPT_THAI, "Thai"},           {HB_SCRIPT_LAO, "Lao"},
	             {HB_SCRIPT_KHMER, "Khmer"},         {HB_SCRIPT_MYANMAR, "Myanmar"}};
	hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].s == sc)
			return names[i].name;
	return NULL;
}

const char *fallback_hint(vita_fonts *f, uint32_t cp, const char **font)
{
	fallback_add(f);
	hb_script_t sc = hb_unicode_script(hb_unicode_funcs_get_default(), cp);
	for (size_t i = 0; i < NCHAIN; i++) {
		/* the script's own font; for symbols and emoji, the last symbol font (Symbola) */
		bool mine = sc != HB_SCRIPT_COMMON && sc != HB_SCRIPT_INHERITED && sc != HB_SCRIPT_UNKNOWN
		                ? chain[i].script == sc
		                : i + 1 == NCHAIN;
		if (!mine)
			continue;
		for (size_t k = 0; k < f->nfams; k++)
			if (strcasecmp(f->fams[k].name, chain[i].family) == 0) {
				bool fb;
				if (fonts_face(f, (int)k, false, false, &fb, NULL))
					return NULL; /* installed: it lacks the character itself */
			}
		*font = chain[i].family;
		return chain[i].package;
	}
	return NULL;
}
