/*
 * The font catalogue: the faces in <data>/fonts/ read from their name tables, the themes' own
 * families in <data>/fonts/themes/, the icon fonts in <data>/fonts/icons/, the families vita ships (fonts/README.md), the installed
 * families found through fontconfig, and the substitution rule for families none of them has.
 */
#include <dirent.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>

#include "base/base.h"
#include "style/fontcat.h"
#include "style/fonts.h"

static const vita_font_family families[] = {
    {"Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
     "NotoSans-BoldItalic.ttf", NULL, {0}, NULL, NULL},
    {"Noto Serif", "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf",
     "NotoSerif-BoldItalic.ttf", NULL, {0}, NULL, NULL},
    {"Noto Sans Mono", "NotoSansMono-Regular.ttf", "NotoSansMono-Bold.ttf", NULL, NULL, NULL, {0}, NULL, NULL},
    {"Droid Sans Fallback", "DroidSansFallbackFull.ttf", NULL, NULL, NULL, NULL, {0}, NULL, NULL},
};

/* ---- reading the folder ---- */

static uint16_t be16(const char *p)
{
	return (uint16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

/* The name as a Windows Unicode record (platform 3, encoding 1 or 10) in US English holds it, read
 * straight from the table: HarfBuzz's name lookup sorts and scores every record of the table
 * first, 0.4 M instructions for the shipped fonts, an eighth of a one-page render.  NULL when the
 * table has no such record; *any is set when it has a record of that name in some other form
 * (then HarfBuzz looks).  test_style's catalogue_names checks that both give the same names for
 * every shipped font. */
static char *windows_name(hb_face_t *hf, hb_ot_name_id_t id, bool *any)
{
	*any = false;
	hb_blob_t *blob = hb_face_reference_table(hf, HB_TAG('n', 'a', 'm', 'e'));
	unsigned int n;
	const char *d = hb_blob_get_data(blob, &n);
	char *out = NULL;
	if (n >= 6) {
		unsigned count = be16(d + 2), strings = be16(d + 4);
		for (unsigned i = 0; i < count && 6 + 12 * (i + 1) <= n && !out; i++) {
			const char *r = d + 6 + 12 * i;
			unsigned platform = be16(r), encoding = be16(r + 2), lang = be16(r + 4), nid = be16(r + 6);
			unsigned len = be16(r + 8), off = be16(r + 10);
			*any = *any || nid == id;
			if (platform != 3 || (encoding != 1 && encoding != 10) || lang != 0x0409 || nid != id ||
			    (size_t)strings + off + len > n || len == 0 || len % 2)
				continue;
			vita_buf b = {0};
			const char *s = d + strings + off;
			for (unsigned k = 0; k + 1 < len; k += 2) {
				uint32_t cp = be16(s + k);
				if (cp >= 0xD800 && cp < 0xDC00 && k + 3 < len && be16(s + k + 2) >= 0xDC00 && be16(s + k + 2) < 0xE000) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (be16(s + k + 2) - 0xDC00u);
					k += 2;
				} else if (cp >= 0xD800 && cp < 0xE000) {
					cp = 0xFFFD; /* a lone surrogate, as HarfBuzz replaces it */
				}
				buf_put_utf8(&b, cp);
			}
			out = b.len && b.len < 256 ? buf_take(&b) : NULL;
			buf_free(&b);
		}
	}
	hb_blob_destroy(blob);
	return out;
}

static char *face_name(hb_face_t *hf, hb_ot_name_id_t id)
{
	bool any;
	char *fast = windows_name(hf, id, &any);
	if (fast || !any)
		return fast;
	char tmp[256];
	unsigned int len = sizeof tmp;
	if (hb_ot_name_get_utf8(hf, id, hb_language_from_string("en", -1), &len, tmp) == 0) {
		len = sizeof tmp;
		if (hb_ot_name_get_utf8(hf, id, HB_LANGUAGE_INVALID, &len, tmp) == 0)
			return NULL;
	}
	return xstrdup(tmp);
}

static void push_face(vita_font_catalogue *c, vita_font_face **faces, const char *path, int index,
                      char *fam, bool bold, bool italic)
{
	*faces = xrealloc(*faces, (c->nfaces + 1) * sizeof **faces);
	(*faces)[c->nfaces++] = (vita_font_face){xstrdup(path), index, fam, bold, italic};
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
	push_face(c, faces, path, index, fam, bold, italic);
}

/* The faces of the file at path, from the build's records when it is a shipped file unchanged
 * since (style/fontcat.h), else read from the file. */
static void add_file(vita_font_catalogue *c, vita_font_face **faces, const char *folder, const char *name,
                     const char *path)
{
	struct stat st;
	size_t nk;
	const vita_known_face *k = folder && stat(path, &st) == 0 ? fontcat_lookup(folder, name, &st, &nk) : NULL;
	if (k) {
		for (size_t i = 0; i < nk; i++)
			if (k[i].family[0])
				push_face(c, faces, path, k[i].index, xstrdup(k[i].family), k[i].bold, k[i].italic);
		return;
	}
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	if (!blob)
		return;
	unsigned int count = hb_face_count(blob);
	for (unsigned int i = 0; i < count; i++) {
		hb_face_t *hf = hb_face_create(blob, i);
		add_face(c, faces, path, (int)i, hf);
		hb_face_destroy(hf);
	}
	hb_blob_destroy(blob);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* own_dir: the families name their folder (<data>/fonts/themes/, whose families are not in the
 * per-character fallback order; see fonts.h), as installed families do. */
static vita_font_catalogue *build(const char *dir, bool own_dir, char **real_out)
{
	/* HarfBuzz interns language tags in a lock-free list that ThreadSanitizer cannot see through
	 * (tests/tsan.supp): "en", which hb-subset looks up for every font, is interned here, under
	 * the catalogue's lock and before any render writes a PDF, so no two threads intern it at once
	 * (the name lookup that used to do it here is now read straight from the table). */
	hb_language_from_string("en", -1);
	vita_font_catalogue *c = xcalloc(1, sizeof *c);
	c->dir = xstrdup(dir);
	vita_font_face *faces = NULL;
	DIR *dp = opendir(dir);
	char **names = NULL;
	size_t nnames = 0;
	if (dp) {
		struct dirent *e;
		while ((e = readdir(dp))) {
			if (!fontcat_is_font_file(e->d_name))
				continue;
			names = xrealloc(names, (nnames + 1) * sizeof *names);
			names[nnames++] = xstrdup(e->d_name);
		}
		closedir(dp);
	}
	if (nnames) /* qsort of NULL is undefined even for no elements */
		qsort(names, nnames, sizeof *names, cmp_str); /* a stable fallback order */
	vita_buf path = {0};
	const char *folder = fontcat_folder(dir);
	for (size_t i = 0; i < nnames; i++) {
		buf_reset(&path);
		buf_puts(&path, dir);
		buf_putc(&path, '/');
		buf_puts(&path, names[i]);
		add_file(c, &faces, folder, names[i], buf_str(&path));
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
		int n = (fc->bold ? 1 : 0) | (fc->italic ? 2 : 0);
		const char **slot = n == 3 ? &fams[k].bold_italic : n == 2 ? &fams[k].italic
		                  : n == 1 ? &fams[k].bold : &fams[k].regular;
		if (!*slot) {
			*slot = file;
			fams[k].index[n] = fc->index;
		}
	}
	if (own_dir) { /* the real path, as the .tex names vita's fonts/ (lives for the process) */
		char *real = realpath(dir, NULL);
		for (size_t k = 0; k < nf; k++)
			fams[k].dir = real ? real : c->dir;
		*real_out = real;
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
	char *real; /* the folder's real path, which its families' dir points to (or NULL) */
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
		size_t n = strlen(dir);
		e->real = NULL;
		/* every folder but <data>/fonts/ (themes/, icons/, a CV's own fonts/) names its own dir */
		const char *data = vita_data_dir();
		size_t nd = strlen(data);
		bool own = !(n == nd + 6 && strncmp(dir, data, nd) == 0 && strcmp(dir + nd, "/fonts") == 0);
		e->c = build(dir, own, &e->real);
		e->next = cache;
		cache = e;
	}
	pthread_mutex_unlock(&lock);
	return e->c;
}

static void catalogue_free(struct cached *e)
{
	vita_font_catalogue *c = e->c;
	for (size_t i = 0; i < c->nfaces; i++) {
		free((char *)c->faces[i].path);
		free((char *)c->faces[i].family);
	}
	free((vita_font_face *)c->faces);
	free((vita_font_family *)c->families);
	free((char *)c->dir);
	free(c);
	free(e->real);
	free(e);
}

void vita_font_catalogue_forget(const char *dir)
{
	pthread_mutex_lock(&lock);
	for (struct cached **pe = &cache; *pe;) {
		struct cached *e = *pe;
		if (!dir || strcmp(e->c->dir, dir) == 0) {
			*pe = e->next;
			catalogue_free(e);
		} else {
			pe = &e->next;
		}
	}
	pthread_mutex_unlock(&lock);
}

/* ---- families ---- */

/* The path is put together without printf: a style resolves each family against three folders,
 * 54 times for a CV, and buf_printf took 1,900 instructions a time. */
static const vita_font_family *in_folder(const char *sub, const char *family)
{
	vita_buf dir = {0};
	buf_puts(&dir, vita_data_dir());
	buf_puts(&dir, "/fonts");
	buf_puts(&dir, sub);
	const vita_font_catalogue *c = vita_font_catalogue_of(buf_str(&dir));
	buf_free(&dir);
	for (size_t i = 0; i < c->nfamilies; i++)
		if (strcasecmp(c->families[i].family, family) == 0)
			return &c->families[i];
	return NULL;
}

/* Other names of the same fonts: Typst (and so RenderCV) calls NewCM10 "New Computer Modern",
 * while TeX Live's files, which fonts/themes/ holds, name their family "NewComputerModern10". */
static const struct {
	const char *name, *family;
} aliases[] = {
    {"New Computer Modern", "NewComputerModern10"},
};

static const vita_font_family *find_named(const char *family);

const vita_font_family *vita_font_family_find(const char *family)
{
	if (!family)
		return NULL;
	const vita_font_family *f = find_named(family);
	for (size_t i = 0; !f && i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcasecmp(aliases[i].name, family) == 0)
			f = find_named(aliases[i].family);
	return f;
}

static const vita_font_family *find_named(const char *family)
{
	const vita_font_family *f = in_folder("", family);
	if (!f)
		f = in_folder("/themes", family);
	if (!f) /* Font Awesome (fonts/icons/): drawn for the header's icons only */
		f = in_folder("/icons", family);
	for (size_t i = 0; !f && i < sizeof families / sizeof families[0]; i++)
		if (strcasecmp(families[i].family, family) == 0)
			f = &families[i];
	return f ? f : vita_font_installed(family);
}

/* Families RenderCV names whose fonts vita cannot ship (Fontin's licence is not open), the open
 * face standing in for each, and the original's metrics.  Fontin's are read from RenderCV's
 * moderncv example PDF (its FontDescriptors' CapHeight, its /W widths): cap height 0.671 em (bold
 * 0.678), word space 0.310 em (bold 0.300, italic 0.270).  The scale is the ratio of Fontin's
 * widths to Gentium Book Plus's over the example's text, weighted by how often each letter occurs
 * (4,004 regular letters: 1.038, root-mean-square error per letter 0.035 em, the smallest of 59
 * open faces measured; bold 1.007).  Italic keeps the regular's scale: Fontin's italic is 1.099
 * of Gentium's, but scaled so far its x-height would stand out of a roman line. */
static const vita_font_metrics fontin = {
    "Fontin", {1.038, 1.007, 1.038, 1.007}, {0.310, 0.300, 0.270, 0.270}, {0.671, 0.678, 0.671, 0.678}};

static const struct {
	const vita_font_metrics *m;
	const char *instead;
} equivalents[] = {
    {&fontin, "Gentium Book Plus"},
};
#define N_EQUIVALENTS (sizeof equivalents / sizeof equivalents[0])

/* The stand-in families, made once per process from the families whose files they use (threads
 * share them, read-only, as they share the catalogue). */
static vita_font_family stand_ins[N_EQUIVALENTS];
static bool stand_in_found[N_EQUIVALENTS];
static pthread_once_t stand_ins_once = PTHREAD_ONCE_INIT;

static void make_stand_ins(void)
{
	for (size_t i = 0; i < N_EQUIVALENTS; i++) {
		const vita_font_family *f = vita_font_family_find(equivalents[i].instead);
		if (!f)
			continue;
		stand_ins[i] = *f;
		stand_ins[i].family = equivalents[i].m->instead_of;
		stand_ins[i].metrics = equivalents[i].m;
		stand_ins[i].files_family = f->family;
		stand_in_found[i] = true;
	}
}

/* The advance of ' ' (space), the top of 'H', or the cap height in one face of the family (slot: regular,
 * bold, italic, bold italic; the regular when the family lacks it), em; 0 when the file cannot be
 * read or lacks the glyph.  METRIC_EXTENT: the ascender plus the descender (HarfBuzz's h extents,
 * as layout/font.c reads them).  METRIC_LIGA: 1 when the face's default features join "fi" or "ffi"
 * into fewer glyphs than letters, else 0. */
enum { METRIC_SPACE, METRIC_H, METRIC_CAP, METRIC_LIGA, METRIC_EXTENT };

/* Whether HarfBuzz shapes one of a few f-words into fewer glyphs than letters: what the layout's
 * shape_ligatures takes for a ligature (a font whose features only swap in other f glyphs, as EB
 * Garamond 12's f._f and f._i, forms none). */
static bool forms_ligature(hb_font_t *font)
{
	static const char *const words[] = {"fi", "ffi", "fl"};
	bool any = false;
	for (size_t i = 0; i < sizeof words / sizeof words[0] && !any; i++) {
		hb_buffer_t *hb = hb_buffer_create();
		hb_buffer_add_utf8(hb, words[i], -1, 0, -1);
		hb_buffer_guess_segment_properties(hb);
		hb_shape(font, hb, NULL, 0);
		any = hb_buffer_get_length(hb) < strlen(words[i]);
		hb_buffer_destroy(hb);
	}
	return any;
}

static double face_metric(const vita_font_family *f, int slot, int what)
{
	const char *files[4] = {f->regular, f->bold, f->italic, f->bold_italic};
	const char *file = files[slot] ? files[slot] : f->regular;
	vita_buf path = {0};
	if (f->dir)
		buf_printf(&path, "%s/%s", f->dir, file);
	else
		buf_printf(&path, "%s/fonts/%s", vita_data_dir(), file);
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(buf_str(&path));
	buf_free(&path);
	if (!blob)
		return 0;
	hb_face_t *hf = hb_face_create(blob, (unsigned)(files[slot] ? f->index[slot] : f->index[0]));
	hb_font_t *font = hb_font_create(hf);
	unsigned upem = hb_face_get_upem(hf);
	hb_font_set_scale(font, (int)upem, (int)upem);
	hb_codepoint_t g;
	hb_glyph_extents_t ext;
	double em = 0;
	hb_position_t capv = 0;
	if (what == METRIC_LIGA) {
		em = forms_ligature(font) ? 1 : 0;
	} else if (what == METRIC_EXTENT) {
		hb_font_extents_t fe;
		hb_font_get_h_extents(font, &fe);
		em = upem ? (double)(fe.ascender - fe.descender) / upem : 0;
	} else if (what == METRIC_CAP) {
		/* as the layout reads it (layout/font.c): OS/2 sCapHeight, else HarfBuzz's estimate */
		hb_ot_metrics_get_position_with_fallback(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &capv);
		em = upem ? (double)capv / upem : 0;
	} else if (upem && hb_font_get_nominal_glyph(font, what == METRIC_H ? 'H' : ' ', &g)) {
		if (what == METRIC_SPACE)
			em = (double)hb_font_get_glyph_h_advance(font, g) / upem;
		else if (hb_font_get_glyph_extents(font, g, &ext))
			em = (double)ext.y_bearing / upem;
	}
	hb_font_destroy(font);
	hb_face_destroy(hf);
	hb_blob_destroy(blob);
	return em;
}

double vita_font_family_space(const vita_font_family *f, int slot)
{
	return face_metric(f, slot, METRIC_SPACE);
}

double vita_font_family_extent(const vita_font_family *f, int slot)
{
	return face_metric(f, slot, METRIC_EXTENT) * (f->metrics ? f->metrics->scale[slot] : 1);
}

bool vita_font_family_ligates(const vita_font_family *f)
{
	return face_metric(f, 0, METRIC_LIGA) > 0;
}

double vita_font_family_cap(const vita_font_family *f)
{
	return face_metric(f, 0, METRIC_H);
}

double vita_font_family_layout_cap(const vita_font_family *f)
{
	return vita_font_family_layout_cap_face(f, 0);
}

double vita_font_family_layout_cap_face(const vita_font_family *f, int slot)
{
	return f->metrics ? f->metrics->cap[slot] : face_metric(f, slot, METRIC_CAP);
}

const vita_font_family *vita_font_family_stand_in(const char *family)
{
	for (size_t i = 0; family && i < N_EQUIVALENTS; i++)
		if (strcasecmp(equivalents[i].m->instead_of, family) == 0) {
			if (vita_font_family_find(family)) /* the real one is installed */
				return NULL;
			pthread_once(&stand_ins_once, make_stand_ins);
			return stand_in_found[i] ? &stand_ins[i] : NULL;
		}
	return NULL;
}

/* The Debian packages of families a CV may name, for the message when one is not installed. */
static const struct {
	const char *family, *package;
} packages[] = {
    {"Lato", "fonts-lato"},
    {"EB Garamond", "fonts-ebgaramond"},
    {"Gentium Book Plus", "fonts-sil-gentiumplus"},
    {"Gentium Plus", "fonts-sil-gentiumplus"},
    {"Open Sans", "fonts-open-sans"},
    {"Roboto", "fonts-roboto-unhinted"},
    {"Latin Modern Roman", "fonts-lmodern"},
    {"CMU Serif", "fonts-cmu"},
    {"Linux Libertine O", "fonts-linuxlibertine"},
    {"DejaVu Sans", "fonts-dejavu-core"},
    {"DejaVu Serif", "fonts-dejavu-core"},
    {"DejaVu Sans Mono", "fonts-dejavu-core"},
};

const char *vita_font_family_package(const char *family)
{
	for (size_t i = 0; family && i < sizeof packages / sizeof packages[0]; i++)
		if (strcasecmp(packages[i].family, family) == 0)
			return packages[i].package;
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

/* The family in the CV's own fonts/ folder (cv_fonts), or NULL. */
static const vita_font_family *in_cv_folder(const char *cv_fonts, const char *family)
{
	if (!cv_fonts || !family)
		return NULL;
	const vita_font_catalogue *c = vita_font_catalogue_of(cv_fonts);
	for (size_t i = 0; i < c->nfamilies; i++)
		if (strcasecmp(c->families[i].family, family) == 0)
			return &c->families[i];
	return NULL;
}

const vita_font_family *vita_font_family_find_near(const char *cv_fonts, const char *family)
{
	const vita_font_family *f = in_cv_folder(cv_fonts, family);
	return f ? f : vita_font_family_find(family);
}

const vita_font_family *vita_font_family_substitute_near(const char *cv_fonts, const char *family)
{
	const vita_font_family *f = in_cv_folder(cv_fonts, family);
	return f ? f : vita_font_family_substitute(family);
}

const vita_font_family *vita_font_family_substitute(const char *family)
{
	const vita_font_family *f = vita_font_family_find(family);
	if (f)
		return f;
	if ((f = vita_font_family_stand_in(family)))
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
