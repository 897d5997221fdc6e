/*
 * The table of font families in fonts/ (see fonts/README.md) and the substitution rule for others.
 */
#include <string.h>
#include <strings.h>

#include "style/fonts.h"

static const vita_font_family families[] = {
    {"Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
     "NotoSans-BoldItalic.ttf"},
    {"Noto Serif", "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf",
     "NotoSerif-BoldItalic.ttf"},
    {"Noto Sans Mono", "NotoSansMono-Regular.ttf", "NotoSansMono-Bold.ttf", NULL, NULL},
    {"Droid Sans Fallback", "DroidSansFallbackFull.ttf", NULL, NULL, NULL},
};

const vita_font_family *vita_font_family_find(const char *family)
{
	if (!family)
		return NULL;
	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++)
		if (strcasecmp(families[i].family, family) == 0)
			return &families[i];
	return NULL;
}

/* Case-insensitive substring search (strcasestr is a GNU extension). */
static bool contains(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return true;
	return false;
}

const vita_font_family *vita_font_family_substitute(const char *family)
{
	const vita_font_family *f = vita_font_family_find(family);
	if (f)
		return f;
	if (!family)
		return &families[0];
	static const char *mono[] = {"Mono", "Code", "Courier", "Consol", "Menlo"};
	for (size_t i = 0; i < sizeof mono / sizeof mono[0]; i++)
		if (contains(family, mono[i]))
			return &families[2];
	/* Serif families RenderCV users name, plus the words serif family names tend to contain.
	 * "Sans" wins over them ("Noto Sans Display", "PT Sans Caption"). */
	if (contains(family, "Sans"))
		return &families[0];
	static const char *serif[] = {"Serif",    "Roman",   "Modern",   "Garamond", "Charter",
	                              "Libertin", "Gentium", "Times",    "Georgia",  "Palatino",
	                              "Cambria",  "Baskerv", "Bodoni",   "Caslon",   "Minion",
	                              "Crimson",  "Lora",    "Merriweather", "Fontin", "Book"};
	for (size_t i = 0; i < sizeof serif / sizeof serif[0]; i++)
		if (contains(family, serif[i]))
			return &families[1];
	return &families[0];
}
