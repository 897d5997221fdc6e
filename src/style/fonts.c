/*
 * The font catalogue: the faces in <data>/fonts/ read from their name tables, the families vita
 * ships (fonts/README.md), and the substitution rule for families neither has.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hb-ot.h>
#include <hb.h>

#include "base/base.h"
#include "style/fonts.h"

static const vita_font_family families[] = {
    {"Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
     "NotoSans-BoldItalic.ttf"},
    {"Noto Serif", "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf",
     "NotoSerif-BoldItalic.ttf"},
    {"Noto Sans Mono", "NotoSansMono-Regular.ttf", "NotoSansMono-Bold.ttf", NULL, NULL},
    {"Droid Sans Fallback", "DroidSansFallbackFull.ttf", NULL, NULL, NULL},
};

/* ---- reading the folder ---- */

static uint16_t be16(const char *p)
{
	return (uint16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

static char *face_name(hb_face_t *hf, hb_ot_name_id_t id)
{
	char tmp[256];
	unsigned int len = sizeof tmp;
	if (hb_ot_name_get_utf8(hf, id, hb_language_from_string("en", -1), &len, tmp) == 0) {
		len = sizeof tmp;
		if (hb_ot_name_get_utf8(hf, id, HB_LANGUAGE_INVALID, &len, tmp) == 0)
			return NULL;
	}
	return xstrdup(tmp);
}

static void add_face(vita_font_catalogue *c, vita_font_face **faces, const char *path, int index,
                     hb_face_t *hf)
{
	char *fam = face_name(hf, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY);
	if (!fam)
		fam = face_name(hf, HB_OT_NAME_ID_FONT_FAMILY);
	if (!fam)
		return;
	bool bold = false, italic = false;
	hb_blob_t *os2 = hb_face_reference_table(hf, HB_TAG('O', 'S', '/', '2'));
	unsigned int n;
	const char *d = hb_blob_get_data(os2, &n);
	if (n >= 64) {
		uint16_t weight = be16(d + 4), sel = be16(d + 62);
		bold = weight >= 600 || (sel & 0x20);
		italic = (sel & 0x201) != 0; /* italic or oblique */
	} else {
		hb_blob_t *head = hb_face_reference_table(hf, HB_TAG('h', 'e', 'a', 'd'));
		const char *h = hb_blob_get_data(head, &n);
		if (n >= 46) {
			bold = be16(h + 44) & 1;
			italic = be16(h + 44) & 2;
		}
		hb_blob_destroy(head);
	}
	hb_blob_destroy(os2);
	*faces = xrealloc(*faces, (c->nfaces + 1) * sizeof **faces);
	(*faces)[c->nfaces++] = (vita_font_face){xstrdup(path), index, fam, bold, italic};
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static vita_font_catalogue *build(const char *dir)
{
	vita_font_catalogue *c = xcalloc(1, sizeof *c);
	c->dir = xstrdup(dir);
	vita_font_face *faces = NULL;
	DIR *dp = opendir(dir);
	char **names = NULL;
	size_t nnames = 0;
	if (dp) {
		struct dirent *e;
		while ((e = readdir(dp))) {
			size_t len = strlen(e->d_name);
			if (len < 5 || e->d_name[0] == '.')
				continue;
			const char *ext = e->d_name + len - 4;
			if (strcasecmp(ext, ".ttf") && strcasecmp(ext, ".ttc") && strcasecmp(ext, ".otf"))
				continue; /* TrueType or CFF outlines, which vita's PDF writer embeds */
			names = xrealloc(names, (nnames + 1) * sizeof *names);
			names[nnames++] = xstrdup(e->d_name);
		}
		closedir(dp);
	}
	if (nnames) /* qsort of NULL is undefined even for no elements */
		qsort(names, nnames, sizeof *names, cmp_str); /* a stable fallback order */
	vita_buf path = {0};
	for (size_t i = 0; i < nnames; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, names[i]);
		hb_blob_t *blob = hb_blob_create_from_file_or_fail(buf_str(&path));
		if (blob) {
			unsigned int count = hb_face_count(blob);
			for (unsigned int k = 0; k < count; k++) {
				hb_face_t *hf = hb_face_create(blob, k);
				add_face(c, &faces, buf_str(&path), (int)k, hf);
				hb_face_destroy(hf);
			}
			hb_blob_destroy(blob);
		}
		free(names[i]);
	}
	free(names);
	buf_free(&path);
	c->faces = faces;
	/* families, with the file name of the first face in each of the four styles */
	vita_font_family *fams = xcalloc(c->nfaces ? c->nfaces : 1, sizeof *fams);
	size_t nf = 0;
	for (size_t i = 0; i < c->nfaces; i++) {
		const vita_font_face *fc = &faces[i];
		size_t k = 0;
		while (k < nf && strcasecmp(fams[k].family, fc->family) != 0)
			k++;
		if (k == nf)
			fams[nf++].family = fc->family;
		const char *file = strrchr(fc->path, '/') ? strrchr(fc->path, '/') + 1 : fc->path;
		const char **slot = fc->bold ? (fc->italic ? &fams[k].bold_italic : &fams[k].bold)
		                             : (fc->italic ? &fams[k].italic : &fams[k].regular);
		if (!*slot)
			*slot = file;
	}
	size_t keep = 0;
	for (size_t k = 0; k < nf; k++)
		if (fams[k].regular) /* a family is named by its regular face */
			fams[keep++] = fams[k];
	c->families = fams;
	c->nfamilies = keep;
	return c;
}

/* Catalogues live for the process (a batch renders thousands of CVs against the same folder). */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached {
	vita_font_catalogue *c;
	struct cached *next;
} *cache;

const vita_font_catalogue *vita_font_catalogue_of(const char *dir)
{
	pthread_mutex_lock(&lock);
	struct cached *e = cache;
	while (e && strcmp(e->c->dir, dir) != 0)
		e = e->next;
	if (!e) {
		e = xmalloc(sizeof *e);
		e->c = build(dir);
		e->next = cache;
		cache = e;
	}
	pthread_mutex_unlock(&lock);
	return e->c;
}

/* ---- families ---- */

const vita_font_family *vita_font_family_find(const char *family)
{
	if (!family)
		return NULL;
	vita_buf dir = {0};
	buf_printf(&dir, "%s/fonts", vita_data_dir());
	const vita_font_catalogue *c = vita_font_catalogue_of(buf_str(&dir));
	buf_free(&dir);
	for (size_t i = 0; i < c->nfamilies; i++)
		if (strcasecmp(c->families[i].family, family) == 0)
			return &c->families[i];
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
	/* Below, the shipped families (the table above) stand in. */
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
