/*
 * Installed font families, found through fontconfig: where a style names a family that neither
 * <data>/fonts/ nor <data>/fonts/themes/ holds (Lato from fonts-lato, EB Garamond from
 * fonts-ebgaramond, any font the user installed), its regular, bold, italic and bold italic faces.
 *
 * The themes' packaged families are looked for where their Debian packages put them; fontconfig is
 * asked only for other names, once per process and name (answers, "none" included, are kept), so
 * a CV in one of vita's themes never initializes it.  FcFontList is used, not
 * FcFontMatch: a match always answers with *some* font, and a family that is not there must be
 * reported, not replaced silently.  Only TrueType and CFF outlines are taken (what the PDF writer
 * embeds); variable fonts' named instances are not (the writer embeds the default instance only).
 *
 * It is also the last link of the per-character fallback (vita_font_installed_for): a character
 * that neither the style's families nor the default chain of Debian's font packages draws is looked
 * for among all installed fonts, by fontconfig's character sets — the first time a CV has such a
 * character, so fontconfig's start-up is paid only then, once per process (a batch shares it).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <dlfcn.h>
#include <stdint.h>

#include <fontconfig/fontconfig.h>

#include "base/base.h"
#include "style/fonts.h"

/* fontconfig is opened (dlopen) the first time a CV names a family vita does not ship: linked into
 * vita, its relocations cost every render start-up (0.2 M instructions, callgrind), for a lookup
 * that a CV in one of vita's themes never makes.  The functions used, by their own names: */
#define FC_FUNCS(X)                                                                                 \
	X(FcBool, FcInit, (void))                                                                       \
	X(FcPattern *, FcPatternCreate, (void))                                                         \
	X(FcBool, FcPatternAddString, (FcPattern *, const char *, const FcChar8 *))                     \
	X(FcObjectSet *, FcObjectSetCreate, (void))                                                     \
	X(FcBool, FcObjectSetAdd, (FcObjectSet *, const char *))                                        \
	X(FcFontSet *, FcFontList, (FcConfig *, FcPattern *, FcObjectSet *))                            \
	X(void, FcObjectSetDestroy, (FcObjectSet *))                                                    \
	X(void, FcPatternDestroy, (FcPattern *))                                                        \
	X(void, FcFontSetDestroy, (FcFontSet *))                                                        \
	X(FcResult, FcPatternGetString, (const FcPattern *, const char *, int, FcChar8 **))             \
	X(FcResult, FcPatternGetBool, (const FcPattern *, const char *, int, FcBool *))                 \
	X(FcResult, FcPatternGetInteger, (const FcPattern *, const char *, int, int *))                 \
	X(FcResult, FcPatternGetCharSet, (const FcPattern *, const char *, int, FcCharSet **))          \
	X(FcChar32, FcCharSetCount, (const FcCharSet *))                                               \
	X(FcCharSet *, FcCharSetCreate, (void))                                                         \
	X(FcBool, FcCharSetAddChar, (FcCharSet *, FcChar32))                                            \
	X(void, FcCharSetDestroy, (FcCharSet *))                                                        \
	X(FcBool, FcPatternAddCharSet, (FcPattern *, const char *, const FcCharSet *))

static struct {
#define FC_PTR(ret, name, args) ret(*name) args;
	FC_FUNCS(FC_PTR)
#undef FC_PTR
	bool ok;
} fc;

static pthread_once_t fc_once = PTHREAD_ONCE_INIT;

static void fc_open(void)
{
	void *h = dlopen("libfontconfig.so.1", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return;
	bool ok = true;
#define FC_SYM(ret, name, args)                                                                     \
	fc.name = (ret(*) args)(uintptr_t)dlsym(h, #name);                                              \
	ok = ok && fc.name;
	FC_FUNCS(FC_SYM)
#undef FC_SYM
	fc.ok = ok;
}

/* From here on the names call through the table. */
#define FcInit (*fc.FcInit)
#define FcPatternCreate (*fc.FcPatternCreate)
#define FcPatternAddString (*fc.FcPatternAddString)
#define FcObjectSetCreate (*fc.FcObjectSetCreate)
#define FcObjectSetAdd (*fc.FcObjectSetAdd)
#define FcFontList (*fc.FcFontList)
#define FcObjectSetDestroy (*fc.FcObjectSetDestroy)
#define FcPatternDestroy (*fc.FcPatternDestroy)
#define FcFontSetDestroy (*fc.FcFontSetDestroy)
#define FcPatternGetString (*fc.FcPatternGetString)
#define FcPatternGetBool (*fc.FcPatternGetBool)
#define FcPatternGetInteger (*fc.FcPatternGetInteger)
#define FcPatternGetCharSet (*fc.FcPatternGetCharSet)
#define FcCharSetCount (*fc.FcCharSetCount)
#define FcCharSetCreate (*fc.FcCharSetCreate)
#define FcCharSetAddChar (*fc.FcCharSetAddChar)
#define FcCharSetDestroy (*fc.FcCharSetDestroy)
#define FcPatternAddCharSet (*fc.FcPatternAddCharSet)

typedef struct candidate {
	const char *file;
	int index, weight, width;
	int coverage; /* characters in the face: between two optical sizes, the fuller one */
} candidate;

/* Whether a is a better face than b for the slot (bold: weight nearest 200, else nearest 80;
 * normal width first; more characters; the file name last, so the choice is reproducible). */
static bool better(const candidate *a, const candidate *b, bool bold)
{
	if (!b->file)
		return true;
	int target = bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
	int wa = abs(a->width - 100), wb = abs(b->width - 100);
	if (wa != wb)
		return wa < wb;
	int da = abs(a->weight - target), db = abs(b->weight - target);
	if (da != db)
		return da < db;
	if (a->coverage != b->coverage)
		return a->coverage > b->coverage;
	return strcmp(a->file, b->file) < 0;
}

/* A face of the list as a candidate; false for outlines the PDF writer cannot embed. */
static bool read_candidate(FcPattern *p, candidate *c, int *slot)
{
	FcChar8 *file, *format;
	FcBool variable = FcFalse;
	int slant = FC_SLANT_ROMAN;
	FcCharSet *cs = NULL;
	if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch ||
	    FcPatternGetString(p, FC_FONTFORMAT, 0, &format) != FcResultMatch)
		return false;
	if (strcmp((const char *)format, "TrueType") != 0 && strcmp((const char *)format, "CFF") != 0)
		return false;
	FcPatternGetBool(p, FC_VARIABLE, 0, &variable);
	c->index = 0;
	FcPatternGetInteger(p, FC_INDEX, 0, &c->index);
	if (variable || c->index >= 0x10000) /* a named instance of a variable font */
		return false;
	c->file = (const char *)file;
	c->weight = FC_WEIGHT_REGULAR;
	c->width = FC_WIDTH_NORMAL;
	FcPatternGetInteger(p, FC_WEIGHT, 0, &c->weight);
	FcPatternGetInteger(p, FC_WIDTH, 0, &c->width);
	FcPatternGetInteger(p, FC_SLANT, 0, &slant);
	c->coverage = FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) == FcResultMatch && cs
	                  ? (int)FcCharSetCount(cs) : 0;
	*slot = (c->weight >= FC_WEIGHT_DEMIBOLD ? 1 : 0) | (slant != FC_SLANT_ROMAN ? 2 : 0);
	return true;
}

/* The family's name as the font spells it ("lato" asked, "Lato" kept). */
static char *spelled(FcPattern *p, const char *asked)
{
	FcChar8 *fam;
	for (int i = 0; FcPatternGetString(p, FC_FAMILY, i, &fam) == FcResultMatch; i++)
		if (strcasecmp((const char *)fam, asked) == 0)
			return xstrdup((const char *)fam);
	return xstrdup(asked);
}

/* LeakSanitizer's switches, present only in sanitizer builds: fontconfig 2.14.1 loses blocks while
 * it parses its configuration (once per process; tests/valgrind.supp says the same to valgrind),
 * which is not vita's leak and must not fail those builds. */
extern void __lsan_disable(void) __attribute__((weak));
extern void __lsan_enable(void) __attribute__((weak));

static bool fc_init(void)
{
	pthread_once(&fc_once, fc_open);
	if (!fc.ok)
		return false; /* no fontconfig on this machine: the family is reported as not found */
	if (__lsan_disable)
		__lsan_disable();
	bool ok = FcInit();
	if (__lsan_enable)
		__lsan_enable();
	return ok;
}

/* The installed faces that match pat (destroyed here), with what read_candidate and the callers
 * read of them; NULL when fontconfig lists nothing. */
static FcFontSet *list_faces(FcPattern *pat)
{
	static const char *const wanted[] = {FC_FAMILY, FC_FILE,  FC_INDEX, FC_FONTFORMAT, FC_VARIABLE,
	                                     FC_WEIGHT, FC_WIDTH, FC_SLANT, FC_CHARSET, FC_COLOR};
	FcObjectSet *os = FcObjectSetCreate();
	for (size_t i = 0; os && i < sizeof wanted / sizeof wanted[0]; i++)
		FcObjectSetAdd(os, wanted[i]);
	FcFontSet *fs = FcFontList(NULL, pat, os);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return fs;
}

static vita_font_family *look_up(const char *name)
{
	if (!fc_init())
		return NULL;
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)name);
	FcFontSet *fs = list_faces(pat);
	if (!fs)
		return NULL;
	candidate best[4] = {{0}};
	FcPattern *regular = NULL;
	for (int i = 0; i < fs->nfont; i++) {
		candidate c;
		int slot;
		if (read_candidate(fs->fonts[i], &c, &slot) && better(&c, &best[slot], slot & 1)) {
			best[slot] = c;
			if (slot == 0)
				regular = fs->fonts[i];
		}
	}
	vita_font_family *f = NULL;
	if (best[0].file) { /* a family is named by its regular face */
		f = xcalloc(1, sizeof *f);
		f->family = spelled(regular, name);
		const char *slash = strrchr(best[0].file, '/');
		size_t dlen = slash ? (size_t)(slash - best[0].file) : 0;
		f->dir = slash ? xstrndup(best[0].file, dlen) : xstrdup(".");
		const char **slots[4] = {&f->regular, &f->bold, &f->italic, &f->bold_italic};
		for (int s = 0; s < 4; s++) {
			/* the .tex names one folder per family: faces elsewhere are left out (the layout
			 * then synthesizes the style, as for a family that lacks it) */
			const char *file = best[s].file;
			if (!file || (slash && (strncmp(file, best[0].file, dlen) != 0 || file[dlen] != '/' ||
			                        strchr(file + dlen + 1, '/'))))
				continue;
			*slots[s] = xstrdup(slash ? file + dlen + 1 : file);
			f->index[s] = best[s].index;
		}
	}
	FcFontSetDestroy(fs);
	return f;
}

/* The families of vita's themes that Debian packages (scripts/deps.sh installs them), where those
 * packages put them: found without fontconfig, whose start-up (reading its configuration and
 * caches) costs about 33 M instructions, as much as a whole render. */
static const struct packaged {
	const char *family, *dir;
	const char *files[4]; /* regular, bold, italic, bold italic */
} packaged[] = {
    {"Lato", "/usr/share/fonts/truetype/lato",
     {"Lato-Regular.ttf", "Lato-Bold.ttf", "Lato-Italic.ttf", "Lato-BoldItalic.ttf"}},
    {"EB Garamond", "/usr/share/fonts/opentype/ebgaramond",
     {"EBGaramond12-Regular.otf", "EBGaramond12-Bold.otf", "EBGaramond12-Italic.otf", NULL}},
    {"Gentium Book Plus", "/usr/share/fonts/truetype/gentiumplus",
     {"GentiumBookPlus-Regular.ttf", "GentiumBookPlus-Bold.ttf", "GentiumBookPlus-Italic.ttf",
      "GentiumBookPlus-BoldItalic.ttf"}},
};

/* The packaged family of that name when its files are there (all of them: a partial install is
 * left to fontconfig). */
static vita_font_family *packaged_family(const char *name)
{
	for (size_t i = 0; i < sizeof packaged / sizeof packaged[0]; i++) {
		const struct packaged *p = &packaged[i];
		if (strcasecmp(p->family, name) != 0)
			continue;
		vita_buf path = {0};
		bool all = true;
		for (int s = 0; s < 4 && all; s++) {
			if (!p->files[s])
				continue;
			buf_reset(&path);
			buf_printf(&path, "%s/%s", p->dir, p->files[s]);
			all = access(buf_str(&path), R_OK) == 0;
		}
		buf_free(&path);
		if (!all)
			return NULL;
		vita_font_family *f = xcalloc(1, sizeof *f);
		f->family = p->family;
		f->dir = p->dir;
		f->regular = p->files[0];
		f->bold = p->files[1];
		f->italic = p->files[2];
		f->bold_italic = p->files[3];
		return f;
	}
	return NULL;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct answer {
	char *name;
	vita_font_family *family; /* NULL: not installed */
	struct answer *next;
} *answers;

const vita_font_family *vita_font_installed(const char *family)
{
	if (!family || !*family)
		return NULL;
	pthread_mutex_lock(&lock);
	struct answer *a = answers;
	while (a && strcasecmp(a->name, family) != 0)
		a = a->next;
	if (!a) {
		a = xmalloc(sizeof *a);
		a->name = xstrdup(family);
		a->family = packaged_family(family);
		if (!a->family)
			a->family = look_up(family);
		a->next = answers;
		answers = a;
	}
	pthread_mutex_unlock(&lock);
	return a->family;
}

/* ---- a font for a character ---- */

/* The answers for characters, kept per process (a CV has few such characters; a fuzzed one may
 * have many: past this many, characters are no longer looked up, and are reported missing). */
#define MAX_CHAR_ANSWERS 256

static struct char_answer {
	uint32_t cp;
	vita_font_face face; /* path NULL: no installed font has it */
} char_answers[MAX_CHAR_ANSWERS];
static size_t nchar_answers;

static bool color_font(FcPattern *p)
{
	FcBool color = FcFalse;
	FcPatternGetBool(p, FC_COLOR, 0, &color);
	return color == FcTrue;
}

/* The regular upright face with the character that fontconfig lists first by vita's order
 * (better()), or a zeroed face. */
static vita_font_face char_look_up(uint32_t cp)
{
	vita_font_face face = {0};
	if (!fc_init())
		return face;
	FcPattern *pat = FcPatternCreate();
	FcCharSet *cs = FcCharSetCreate();
	FcCharSetAddChar(cs, cp);
	FcPatternAddCharSet(pat, FC_CHARSET, cs); /* a listing's charset: fonts that have all of it */
	FcCharSetDestroy(cs);
	FcFontSet *fs = list_faces(pat);
	if (!fs)
		return face;
	/* colour fonts are left out: the emoji font is the chain's own (emoji.c), and TeX's engines,
	 * which the .tex names the same font for, draw no colour bitmaps */
	candidate best = {0}, c;
	FcPattern *bestp = NULL;
	int slot;
	for (int i = 0; i < fs->nfont; i++)
		/* regular upright faces only: the layout makes bold from it, as for the chain's fonts */
		if (read_candidate(fs->fonts[i], &c, &slot) && (slot & 2) == 0 && !color_font(fs->fonts[i]) &&
		    better(&c, &best, false)) {
			best = c;
			bestp = fs->fonts[i];
		}
	FcChar8 *fam;
	if (bestp && FcPatternGetString(bestp, FC_FAMILY, 0, &fam) == FcResultMatch) {
		face.path = xstrdup(best.file);
		face.index = best.index;
		face.family = xstrdup((const char *)fam);
	}
	FcFontSetDestroy(fs);
	return face;
}

/* A private-use character means what one font says (an icon font's glyphs, a company logo): any
 * installed font that happens to have one would draw something else, so none is looked for. */
static bool private_use(uint32_t cp)
{
	return (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000;
}

const vita_font_face *vita_font_installed_for(uint32_t cp)
{
	if (private_use(cp))
		return NULL;
	pthread_mutex_lock(&lock);
	const vita_font_face *found = NULL;
	size_t i = 0;
	while (i < nchar_answers && char_answers[i].cp != cp)
		i++;
	if (i == nchar_answers && nchar_answers < MAX_CHAR_ANSWERS) {
		char_answers[i] = (struct char_answer){cp, char_look_up(cp)};
		nchar_answers++;
	}
	if (i < nchar_answers && char_answers[i].face.path)
		found = &char_answers[i].face;
	pthread_mutex_unlock(&lock);
	return found;
}
