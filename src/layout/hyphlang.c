/*
 * Hyphenation in the CV's language: which patterns `locale.language` takes, and hyphenation points
 * from them.
 *
 * English uses vita's own table (breaks.c, generated at build time from hyph_en_US.dic, with no
 * start-up cost).  The other languages of RenderCV's locales that Debian has patterns for take
 * them from the hyphen-* packages through libhyphen, loaded on the first paragraph that needs
 * them, once per process (a batch shares them).  A language Debian has no patterns for (Turkish,
 * Arabic, Hebrew, Persian, Vietnamese) is not hyphenated, and the layout says so in a note: English
 * patterns would break its words in the wrong places.  Chinese, Japanese and Korean lines break
 * between characters, so they need none.
 *
 * A dictionary is written in its own character set (ISO-8859-1 for German, KOI8-R for Russian,
 * UTF-8 for Hindi: its first line); words are converted character by character with iconv, so
 * that each character's bytes map back to it.
 */
#include <errno.h>
#include <hyphen.h>
#include <iconv.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "layout/textint.h"

/* libhyphen, opened with the first dictionary (base.h, vita_dl_bind; under load_lock). */
#define HNJ_FUNCS(X) X(hnj_hyphen_load) X(hnj_hyphen_free) X(hnj_hyphen_hyphenate2)
typedef struct {
	HNJ_FUNCS(VITA_DL_POINTER)
	bool tried, ok;
} hnj_lib;
static hnj_lib hl;

VITA_DL_BINDER(hl_bind, hnj_lib, HNJ_FUNCS, "libhyphen.so.0")

static bool hl_open(void)
{
	if (!hl.tried) {
		hl.tried = true;
		hl.ok = hl_bind(&hl);
	}
	return hl.ok;
}

/* From here on the names call through the table. */
#define hnj_hyphen_load (*hl.hnj_hyphen_load)
#define hnj_hyphen_free (*hl.hnj_hyphen_free)
#define hnj_hyphen_hyphenate2 (*hl.hnj_hyphen_hyphenate2)

#define HYPHEN_DIR "/usr/share/hyphen"

struct hyph_dict {
	const char *language, *file, *package;
	bool loaded;
	HyphenDict *dict;      /* NULL when the file could not be read */
	iconv_t to_dict;       /* UTF-8 → the dictionary's character set; (iconv_t)-1 for UTF-8 itself */
	pthread_mutex_t lock;  /* iconv keeps state: one conversion at a time (a batch's threads share it) */
};

static hyph_dict dicts[] = {
    {"danish", "hyph_da_DK.dic", "hyphen-da", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"dutch", "hyph_nl_NL.dic", "hyphen-nl", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"french", "hyph_fr.dic", "hyphen-fr", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"german", "hyph_de_DE.dic", "hyphen-de", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"hindi", "hyph_hi_IN.dic", "hyphen-hi", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"hungarian", "hyph_hu_HU.dic", "hyphen-hu", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"indonesian", "hyph_id_ID.dic", "hyphen-id", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"italian", "hyph_it_IT.dic", "hyphen-it", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"norwegian_bokmål", "hyph_nb_NO.dic", "hyphen-no", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"norwegian_nynorsk", "hyph_nn_NO.dic", "hyphen-no", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"portuguese", "hyph_pt_PT.dic", "hyphen-pt-pt", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"russian", "hyph_ru_RU.dic", "hyphen-ru", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
    {"spanish", "hyph_es_ES.dic", "hyphen-es", false, NULL, 0, PTHREAD_MUTEX_INITIALIZER},
};

/* Languages whose lines break between characters: no patterns needed, and no note. */
static const char *const no_need[] = {"japanese", "korean", "mandarin_chinese"};

hyph_choice hyph_for_language(const char *language)
{
	hyph_choice c = {HYPH_ENGLISH, NULL};
	if (!language || strcmp(language, "english") == 0)
		return c;
	for (size_t i = 0; i < sizeof dicts / sizeof dicts[0]; i++)
		if (strcmp(dicts[i].language, language) == 0) {
			c.kind = HYPH_DICT;
			c.dict = &dicts[i];
			return c;
		}
	c.kind = HYPH_NONE;
	for (size_t i = 0; i < sizeof no_need / sizeof no_need[0]; i++)
		if (strcmp(no_need[i], language) == 0)
			c.kind = HYPH_UNNEEDED;
	return c;
}

const char *hyph_dict_package(const hyph_dict *h)
{
	return h->package;
}

const char *hyph_dict_language(const hyph_dict *h)
{
	return h->language;
}

static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

static void load_one(hyph_dict *h)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", HYPHEN_DIR, h->file);
	h->to_dict = (iconv_t)-1;
	h->dict = hl_open() ? hnj_hyphen_load(path) : NULL; /* without libhyphen: not hyphenated */
	bool utf8 = !h->dict || !h->dict->cset[0] || strcmp(h->dict->cset, "UTF-8") == 0;
	if (!utf8 && (h->to_dict = iconv_open(h->dict->cset, "UTF-8")) == (iconv_t)-1) {
		hnj_hyphen_free(h->dict); /* a character set iconv does not know: unusable */
		h->dict = NULL;
	}
}

bool hyph_dict_ready(hyph_dict *h)
{
	pthread_mutex_lock(&load_lock);
	if (!h->loaded) {
		load_one(h);
		h->loaded = true;
	}
	pthread_mutex_unlock(&load_lock);
	return h->dict != NULL;
}

/* The lower-case word in the dictionary's character set, and for each of its bytes the index of
 * the character it belongs to; false when a character has no form there. */
static bool to_dict(hyph_dict *h, const uint32_t *cps, size_t n, char *out, size_t cap, size_t *len,
                    size_t *owner)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		utf8proc_uint8_t u[4];
		utf8proc_ssize_t ul = utf8proc_encode_char(utf8proc_tolower((utf8proc_int32_t)cps[i]), u);
		char tmp[8];
		size_t tl = (size_t)ul;
		if (h->to_dict == (iconv_t)-1) {
			memcpy(tmp, u, tl);
		} else {
			char *in = (char *)u, *o = tmp;
			size_t il = (size_t)ul, ol = sizeof tmp;
			iconv(h->to_dict, NULL, NULL, NULL, NULL);
			if (iconv(h->to_dict, &in, &il, &o, &ol) == (size_t)-1)
				return false;
			tl = sizeof tmp - ol;
		}
		if (k + tl >= cap)
			return false;
		for (size_t j = 0; j < tl; j++) {
			out[k] = tmp[j];
			owner[k++] = i;
		}
	}
	out[k] = 0;
	*len = k;
	return true;
}

bool hyph_dict_points(hyph_dict *h, const uint32_t *cps, size_t n, bool *points)
{
	enum { CAP = 4 * 64 + 1 };
	char word[CAP], hy[CAP + 5];
	size_t owner[CAP], len;
	if (!h->dict || n == 0 || n > 64)
		return false;
	pthread_mutex_lock(&h->lock);
	bool ok = to_dict(h, cps, n, word, CAP, &len, owner);
	pthread_mutex_unlock(&h->lock);
	if (!ok)
		return false;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	/* the dictionary's own minimums (LEFTHYPHENMIN/RIGHTHYPHENMIN), at least 2 and 3 letters */
	int rc = hnj_hyphen_hyphenate2(h->dict, word, (int)len, hy, NULL, &rep, &pos, &cut);
	memset(points, 0, n * sizeof *points);
	for (size_t b = 0; rc == 0 && b + 1 < len; b++)
		/* a non-standard break (old German "ck" → "k-k") changes letters: vita keeps them as
		 * written, so it is not taken */
		if ((hy[b] & 1) && owner[b] != owner[b + 1] && !(rep && rep[b])) {
			size_t i = owner[b]; /* a hyphen may follow character i */
			if (i + 1 >= 2 && n - (i + 1) >= 3)
				points[i] = true;
		}
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	return rc == 0;
}
