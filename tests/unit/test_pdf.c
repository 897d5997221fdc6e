/*
 * Unit tests for the PDF backend (src/pdf/): documents built by hand, written to memory and to files.
 *
 * What a reader sees (fonts embedded and subset, text extraction, glyph outlines) is checked by
 * tests/sh/pdf_tools.sh with poppler and qpdf on the PDFs this program writes into $VITA_PDF_OUT.
 * For that script the binary also has a helper mode:
 *   test_pdf --check-font EMBEDDED.ttf ORIGINAL.ttf...
 * finds, for every glyph of the embedded font, a glyph of the original font (the one with the same
 * PostScript name, or the only original given) that stores the same advance and extents and draws
 * the same outline, and fails when none does: an outline was lost (libharu's dropped-glyph bugs) or
 * a part of a composite went missing.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hb-ot.h>
#include <hb.h>
#include <libdeflate.h>
#include <png.h>

#include "base/base.h"
#include "io/io.h"
#include "pdf/pdf_internal.h"
#include "test.h"
#include "vita/frame.h"

#define A4_W 595.28
#define A4_H 841.89

enum { F_REGULAR, F_BOLD, F_CJK, F_REGULAR_AGAIN, F_COUNT };

static const char *font_path(vita_arena *a, const char *name)
{
	return arena_printf(a, "%s/fonts/%s", vita_data_dir(), name);
}

enum { C_BLACK, C_BLUE, C_GREY }; /* doc_new's palette */

static vita_doc *doc_new(size_t npages)
{
	vita_arena *a = arena_new();
	vita_doc *doc = arena_alloc(a, sizeof *doc);
	doc->arena = a;
	doc->page_width = A4_W;
	doc->page_height = A4_H;
	doc->npages = npages;
	doc->pages = arena_array(a, npages, sizeof *doc->pages);
	for (size_t i = 0; i < npages; i++) {
		doc->pages[i].cap = 64;
		doc->pages[i].items = arena_array(a, 64, sizeof(vita_item));
	}
	doc->nfonts = F_COUNT;
	doc->fonts = arena_array(a, F_COUNT, sizeof *doc->fonts);
	doc->fonts[F_REGULAR] = (vita_font_ref){font_path(a, "NotoSans-Regular.ttf"), 0, "Noto Sans", false, false, 1000, false, false, 0};
	doc->fonts[F_BOLD] = (vita_font_ref){font_path(a, "NotoSans-Bold.ttf"), 0, "Noto Sans", true, false, 1000, false, false, 0};
	doc->fonts[F_CJK] = (vita_font_ref){font_path(a, "DroidSansFallbackFull.ttf"), 0, "Droid Sans Fallback", false, false, 1000, false, false, 0};
	/* The palette items index (vita_item.color): black, the blue of the fake bold and the icon,
	 * the grey of the rule. */
	static const vita_rgb palette[] = {{0, 0, 0}, {0.1, 0.2, 0.6}, {0.5, 0.5, 0.5}};
	doc->colors = arena_array(a, 3, sizeof *doc->colors);
	memcpy(doc->colors, palette, sizeof palette);
	doc->ncolors = 3;
	/* The same file under a second entry: must be subset and embedded once. */
	doc->fonts[F_REGULAR_AGAIN] = doc->fonts[F_REGULAR];
	doc->creation_time = 1700000000; /* 2023-11-14T22:13:20Z */
	return doc;
}

static void doc_free(vita_doc *doc)
{
	arena_free(doc->arena);
}

static vita_item *add(vita_doc *doc, size_t page, vita_item_kind kind)
{
	vita_page *p = &doc->pages[page];
	if (p->nitems == p->cap)
		abort();
	vita_item *it = &p->items[p->nitems++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	return it;
}

static void text(vita_doc *doc, size_t page, int font, double size, double x, double y, const char *s)
{
	vita_item *it = add(doc, page, VITA_ITEM_TEXT);
	it->font = font;
	it->size = size;
	it->x = x;
	it->y = y;
	it->text = s;
}

/* The document every test starts from: names with accents and a caron in regular and bold, Chinese
 * in a fallback font (glyph ids above 32767) with a fake bold, a rule, a link, two pages, bookmarks. */
static vita_doc *sample_doc(void)
{
	vita_doc *doc = doc_new(2);
	doc->title = "CV — Dušan Petrović";
	doc->author = "Dušan Petrović";
	doc->subject = "Curriculum vitae";
	doc->keywords = "CV, Zoë Ångström, 江宸宇";
	text(doc, 0, F_BOLD, 24, 56, 90, "Dušan");
	text(doc, 0, F_BOLD, 24, 140, 90, "Petrović");
	text(doc, 0, F_REGULAR, 11, 56, 120, "Zoë Ångström");
	text(doc, 0, F_CJK, 14, 56, 150, "江宸宇");
	vita_item *fb = add(doc, 0, VITA_ITEM_TEXT);
	*fb = (vita_item){.kind = VITA_ITEM_TEXT, .x = 120, .y = 150, .font = F_CJK, .size = 14,
	                  .fake_bold = true, .color = C_BLUE, .text = "江宸宇"};
	text(doc, 0, F_REGULAR_AGAIN, 11, 56, 180, "Dušan");
	text(doc, 0, F_BOLD, 11, 100, 180, "Dušan");
	vita_item *rule = add(doc, 0, VITA_ITEM_RULE);
	*rule = (vita_item){.kind = VITA_ITEM_RULE, .x = 56, .y = 190, .w = 483, .h = 0, .thickness = 0.8,
	                    .color = C_GREY};
	text(doc, 0, F_REGULAR, 11, 56, 210, "https://example.org/cv");
	vita_item *link = add(doc, 0, VITA_ITEM_LINK);
	*link = (vita_item){.kind = VITA_ITEM_LINK, .x = 56, .y = 200, .w = 130, .h = 13,
	                    .text = "https://example.org/cv"};
	text(doc, 1, F_REGULAR, 11, 56, 80, "Page two: Łódź, naïve café");
	text(doc, 1, F_CJK, 11, 56, 100, "北京大学");
	doc->nbookmarks = 2;
	doc->bookmarks = arena_array(doc->arena, 2, sizeof *doc->bookmarks);
	doc->bookmarks[0] = (vita_bookmark){"Education", 0, 80};
	doc->bookmarks[1] = (vita_bookmark){"Publications — 北京", 1, 70};
	return doc;
}

static bool starts_ends_like_pdf(const unsigned char *p, size_t n)
{
	if (n < 16 || memcmp(p, "%PDF-", 5) != 0)
		return false;
	/* The trailer ends with %%EOF and at most a line end. */
	size_t e = n;
	while (e > 0 && (p[e - 1] == '\n' || p[e - 1] == '\r'))
		e--;
	return e >= 5 && memcmp(p + e - 5, "%%EOF", 5) == 0;
}

static bool contains(const unsigned char *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(p + i, s, k) == 0)
			return true;
	return false;
}

static size_t count(const unsigned char *p, size_t n, const char *s)
{
	size_t k = strlen(s), c = 0;
	for (size_t i = 0; i + k <= n; i++)
		c += memcmp(p + i, s, k) == 0;
	return c;
}

/* "/BaseFont /XXXXXX+name": a Type0 font or CIDFont named as a subset (six capitals and a plus). */
static size_t subset_fonts_named(const unsigned char *p, size_t n, const char *name)
{
	const char *key = "/BaseFont /";
	size_t k = strlen(key), m = strlen(name), c = 0;
	for (size_t i = 0; i + k + 7 + m <= n; i++) {
		if (memcmp(p + i, key, k) != 0)
			continue;
		const unsigned char *t = p + i + k;
		bool tag = t[6] == '+';
		for (int j = 0; j < 6; j++)
			tag = tag && t[j] >= 'A' && t[j] <= 'Z';
		if (tag && memcmp(t + 7, name, m) == 0 && (i + k + 7 + m == n || t[7 + m] <= ' '))
			c++;
	}
	return c;
}

/* key + <FEFF…>: how the writer puts a text string (UTF-16BE, as a hex string), for ASCII s. */
static const char *utf16_hex(char *out, const char *key, const char *s)
{
	int n = sprintf(out, "%s<FEFF", key);
	for (; *s; s++)
		n += sprintf(out + n, "00%02X", (unsigned char)*s);
	sprintf(out + n, ">");
	return out;
}

static void print_diags(vita_diags *d)
{
	/* (diag.c's vita_diags_print passes NULL to memcpy when there is no message: UBSan objects) */
	if (vita_diags_count(d, VITA_NOTE) + vita_diags_count(d, VITA_WARNING) + vita_diags_count(d, VITA_ERROR))
		vita_diags_print(d, stdout, false);
}

/* Where the fixture PDFs for pdf_tools.sh go (when it asks), else nowhere. */
static void save_fixture(const char *name, const unsigned char *data, size_t len)
{
	const char *dir = getenv("VITA_PDF_OUT");
	if (!dir || !*dir)
		return;
	mkdir(dir, 0755);
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	vita_diags *d = vita_diags_new();
	if (write_file_atomic(path, data, len, d) != 0)
		print_diags(d);
	vita_diags_free(d);
}

static void writes_pdf_to_memory(void)
{
	vita_doc *doc = sample_doc();
	vita_diags *d = vita_diags_new();
	unsigned char *pdf = NULL;
	size_t len = 0;
	CHECK_INT(vita_pdf_write_mem(doc, &pdf, &len, d), 0);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 0);
	print_diags(d);
	CHECK(pdf && starts_ends_like_pdf(pdf, len));
	/* Three fonts embedded (the duplicate entry shares one), tagged as subsets: each name appears
	 * in the Type0 font and its CIDFont. */
	CHECK(pdf && subset_fonts_named(pdf, len, "NotoSans-Regular") == 2);
	CHECK(pdf && subset_fonts_named(pdf, len, "NotoSans-Bold") == 2);
	CHECK(pdf && subset_fonts_named(pdf, len, "DroidSansFallback") == 2);
	CHECK(pdf && count(pdf, len, "/Subtype /Type0") == 3);
	CHECK(pdf && count(pdf, len, "/FontFile2 ") == 3);
	char producer[256];
	CHECK(pdf && contains(pdf, len, utf16_hex(producer, "/Producer ", "vita " VITA_VERSION " (libharu 2.3.0)")));
	CHECK(pdf && contains(pdf, len, utf16_hex(producer, "/Creator ", "vita " VITA_VERSION)));
	CHECK(pdf && contains(pdf, len, "/CreationDate (D:20231114221320Z00'00')"));
	CHECK(pdf && contains(pdf, len, "/Count 2")); /* two pages and two bookmarks */
	/* Subset fonts keep a two-page CV small (whole fonts would be ~400 KB here). */
	CHECK(len < 20000); /* 13 KB when written: 3 subset fonts with dense CID maps */
	printf("  sample document: %zu bytes\n", len);
	save_fixture("sample.pdf", pdf, len);
	free(pdf);
	vita_diags_free(d);
	doc_free(doc);
}

static void output_is_deterministic(void)
{
	vita_doc *doc = sample_doc();
	vita_diags *d = vita_diags_new();
	unsigned char *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;
	/* a from fresh source faces, b from those this thread kept (subset.c), f after they are freed */
	vita_pdf_thread_done();
	CHECK_INT(vita_pdf_write_mem(doc, &a, &na, d), 0);
	CHECK_INT(vita_pdf_write_mem(doc, &b, &nb, d), 0);
	CHECK(a && b && na == nb && memcmp(a, b, na) == 0);
	vita_pdf_thread_done();
	unsigned char *f = NULL;
	size_t nf = 0;
	CHECK_INT(vita_pdf_write_mem(doc, &f, &nf, d), 0);
	CHECK(a && f && na == nf && memcmp(a, f, na) == 0);
	free(f);
	CHECK(a && !contains(a, na, "/ID"));
	/* Without a creation time there is no date at all. */
	doc->creation_time = -1;
	unsigned char *c = NULL;
	size_t nc = 0;
	CHECK_INT(vita_pdf_write_mem(doc, &c, &nc, d), 0);
	CHECK(c && !contains(c, nc, "CreationDate") && !contains(c, nc, "ModDate"));
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	free(a);
	free(b);
	free(c);
	vita_diags_free(d);
	doc_free(doc);
}

static char *scratch_dir(void)
{
	const char *base = getenv("VITA_TMP");
	char *dir = xmalloc(512);
	snprintf(dir, 512, "%s/vita-pdf-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

static int count_entries(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(dp)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

static void rm_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	struct dirent *e;
	char path[1024];
	while ((e = readdir(dp)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
	closedir(dp);
	rmdir(dir);
}

static void writes_pdf_file_atomically(void)
{
	char *dir = scratch_dir();
	CHECK(dir != NULL);
	if (!dir)
		return;
	vita_doc *doc = sample_doc();
	vita_diags *d = vita_diags_new();
	char path[600];
	snprintf(path, sizeof path, "%s/cv.pdf", dir);
	CHECK_INT(vita_pdf_write(doc, path, d), 0);
	CHECK_INT(vita_pdf_write(doc, path, d), 0); /* replacing an existing file */
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	size_t len = 0;
	char *data = read_file(path, 1 << 24, &len, d);
	unsigned char *mem = NULL;
	size_t nmem = 0;
	CHECK_INT(vita_pdf_write_mem(doc, &mem, &nmem, d), 0);
	CHECK(data && mem && len == nmem && memcmp(data, mem, len) == 0);
	CHECK_INT(count_entries(dir), 1); /* no temporary file left */
	struct stat st;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644);
	free(data);
	free(mem);
	vita_diags_free(d);
	doc_free(doc);
	rm_dir(dir);
	free(dir);
}

static void unwritable_target_fails_cleanly(void)
{
	vita_doc *doc = sample_doc();
	vita_diags *d = vita_diags_new();
	CHECK(vita_pdf_write(doc, "/nonexistent/x.pdf", d) != 0);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	CHECK(access("/nonexistent/x.pdf", F_OK) != 0);
	/* A place nobody can create files in, not even root. */
	vita_diags_clear(d);
	CHECK(vita_pdf_write(doc, "/proc/vita-test.pdf", d) != 0);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	CHECK(access("/proc/vita-test.pdf", F_OK) != 0);

	char *dir = scratch_dir();
	CHECK(dir != NULL);
	if (dir) {
		char path[600];
		snprintf(path, sizeof path, "%s/cv.pdf", dir);
		chmod(dir, 0555);
		if (access(dir, W_OK) == 0) {
			/* root ignores permissions: the read-only case cannot be made here */
			printf("  read-only folder not checked: running with permission to write anyway\n");
		} else {
			vita_diags_clear(d);
			CHECK(vita_pdf_write(doc, path, d) != 0);
			CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
			CHECK_INT(count_entries(dir), 0);
		}
		chmod(dir, 0755);
		/* A directory where the file should go: the rename fails, the temp file is removed. */
		mkdir(path, 0755);
		vita_diags_clear(d);
		CHECK(vita_pdf_write(doc, path, d) != 0);
		CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
		CHECK_INT(count_entries(dir), 1); /* only the directory named cv.pdf */
		rmdir(path);
		rm_dir(dir);
		free(dir);
	}
	vita_diags_free(d);
	doc_free(doc);
}

static void image_doc_result(const char *image, int want_rc, const char *want_in_message)
{
	vita_doc *doc = doc_new(1);
	text(doc, 0, F_REGULAR, 11, 56, 80, "Photo");
	vita_item *img = add(doc, 0, VITA_ITEM_IMAGE);
	*img = (vita_item){.kind = VITA_ITEM_IMAGE, .x = 400, .y = 60, .w = 80, .h = 80, .text = image};
	vita_diags *d = vita_diags_new();
	unsigned char *pdf = NULL;
	size_t len = 0;
	int rc = vita_pdf_write_mem(doc, &pdf, &len, d);
	CHECK_INT(rc, want_rc);
	if (want_rc == 0) {
		CHECK(pdf && starts_ends_like_pdf(pdf, len));
		CHECK(pdf && contains(pdf, len, "/Subtype /Image"));
		CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
		save_fixture("image.pdf", pdf, len);
	} else {
		CHECK(pdf == NULL);
		CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
		/* The message names the file. */
		char msgs[4096] = {0};
		FILE *f = fmemopen(msgs, sizeof msgs - 1, "w");
		vita_diags_print(d, f, false);
		fclose(f);
		CHECK(strstr(msgs, image) != NULL);
		if (want_in_message)
			CHECK(strstr(msgs, want_in_message) != NULL);
		if (!strstr(msgs, image))
			printf("  messages: %s\n", msgs);
	}
	free(pdf);
	vita_diags_free(d);
	doc_free(doc);
}

static void images(void)
{
	char *dir = scratch_dir();
	CHECK(dir != NULL);
	if (!dir)
		return;
	char good[600], bad[600], trunc[600], jpeg[600], other[600];
	snprintf(good, sizeof good, "%s/photo.png", dir);
	snprintf(bad, sizeof bad, "%s/bad.png", dir);
	snprintf(trunc, sizeof trunc, "%s/trunc.png", dir);
	snprintf(jpeg, sizeof jpeg, "%s/bad.jpg", dir);
	snprintf(other, sizeof other, "%s/photo.gif", dir);
	/* A real 8x8 RGBA PNG, written with libpng. */
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	im.width = im.height = 8;
	im.format = PNG_FORMAT_RGBA;
	unsigned char px[8 * 8 * 4];
	for (size_t i = 0; i < sizeof px; i++)
		px[i] = (unsigned char)(i * 7);
	CHECK(png_image_write_to_file(&im, good, 0, px, 0, NULL) != 0);
	size_t len = 0;
	vita_diags *d = vita_diags_new();
	char *png = read_file(good, 1 << 20, &len, d);
	CHECK(png && len > 40);
	/* Same header, garbage where the compressed pixels are (libharu + libpng would abort()). */
	if (png) {
		for (size_t i = 41; i < len - 12; i++)
			png[i] = (char)(png[i] ^ 0x5A);
		write_file_atomic(bad, png, len, d);
		write_file_atomic(trunc, png, 30, d);
	}
	write_file_atomic(jpeg, "\xFF\xD8\xFF\xE0garbage", 11, d);
	write_file_atomic(other, "GIF89a......", 12, d);
	free(png);
	vita_diags_free(d);

	image_doc_result(good, 0, NULL);
	char jpeg_ok[600];
	snprintf(jpeg_ok, sizeof jpeg_ok, "%s/tests/fixtures/pdf/photo.jpg", vita_data_dir());
	image_doc_result(jpeg_ok, 0, NULL);
	image_doc_result("/nonexistent/photo.png", -1, "cannot read the image");
	image_doc_result(bad, -1, "not a valid PNG image");
	image_doc_result(trunc, -1, "not a valid PNG image");
	image_doc_result(jpeg, -1, "not a valid JPEG image");
	image_doc_result(other, -1, "not a PNG or JPEG image");
	rm_dir(dir);
	free(dir);
}

static void unusable_input_is_reported(void)
{
	vita_diags *d = vita_diags_new();
	unsigned char *pdf = NULL;
	size_t len = 0;

	/* A font that is not there. */
	vita_doc *doc = doc_new(1);
	doc->fonts[F_REGULAR].path = "/nonexistent/font.ttf";
	text(doc, 0, F_REGULAR, 11, 56, 80, "x");
	CHECK(vita_pdf_write_mem(doc, &pdf, &len, d) != 0);
	CHECK(pdf == NULL);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	doc_free(doc);

	/* Not a font at all. */
	vita_diags_clear(d);
	doc = doc_new(1);
	doc->fonts[F_REGULAR].path = font_path(doc->arena, "LICENSE-OFL-1.1.txt");
	text(doc, 0, F_REGULAR, 11, 56, 80, "x");
	CHECK(vita_pdf_write_mem(doc, &pdf, &len, d) != 0);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 1);
	doc_free(doc);

	/* A font index out of range, a bookmark to a missing page, no pages. */
	vita_diags_clear(d);
	doc = doc_new(1);
	text(doc, 0, 9, 11, 56, 80, "x");
	CHECK(vita_pdf_write_mem(doc, &pdf, &len, d) != 0);
	doc->pages[0].nitems = 0;
	doc->nbookmarks = 1;
	doc->bookmarks = arena_array(doc->arena, 1, sizeof *doc->bookmarks);
	doc->bookmarks[0] = (vita_bookmark){"Lost", 3, 0};
	CHECK(vita_pdf_write_mem(doc, &pdf, &len, d) != 0);
	doc->npages = 0;
	CHECK(vita_pdf_write_mem(doc, &pdf, &len, d) != 0);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 3);
	doc_free(doc);

	/* Characters a font lacks (one above U+FFFF among them): written, with one warning per font
	 * naming them. */
	vita_diags_clear(d);
	doc = doc_new(1);
	text(doc, 0, F_REGULAR, 11, 56, 80, "Hi 江 😀");
	text(doc, 0, F_CJK, 11, 56, 100, "Latin only");
	CHECK_INT(vita_pdf_write_mem(doc, &pdf, &len, d), 0);
	CHECK_INT(vita_diags_count(d, VITA_ERROR), 0);
	CHECK_INT(vita_diags_count(d, VITA_WARNING), 2);
	char msgs[4096] = {0};
	FILE *f = fmemopen(msgs, sizeof msgs - 1, "w");
	vita_diags_print(d, f, false);
	fclose(f);
	CHECK(strstr(msgs, "U+6C5F") != NULL);
	CHECK(strstr(msgs, "U+1F600") != NULL);
	CHECK(pdf && starts_ends_like_pdf(pdf, len));
	save_fixture("warnings.pdf", pdf, len);
	free(pdf);
	pdf = NULL;
	doc_free(doc);
	vita_diags_free(d);
}

/* DejaVu Sans Bold builds "š" from composites of composites, whose inner parts libharu 2.3.0 does
 * not embed by itself (the caron disappears).  pdf_tools.sh checks the embedded outlines. */
#define DEJAVU_BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
static void nested_composites(void)
{
	if (access(DEJAVU_BOLD, R_OK) != 0)
		SKIP("DejaVu Sans Bold is not installed (" DEJAVU_BOLD ")");
	vita_doc *doc = doc_new(1);
	doc->fonts[F_BOLD].path = DEJAVU_BOLD;
	text(doc, 0, F_BOLD, 24, 56, 90, "Dušan Šťastný Łukasz Ǆ ǅ");
	vita_diags *d = vita_diags_new();
	unsigned char *pdf = NULL;
	size_t len = 0;
	CHECK_INT(vita_pdf_write_mem(doc, &pdf, &len, d), 0);
	CHECK_INT(vita_diags_count(d, VITA_WARNING) + vita_diags_count(d, VITA_ERROR), 0);
	print_diags(d);
	CHECK(pdf && starts_ends_like_pdf(pdf, len));
	if (pdf)
		save_fixture("dejavu.pdf", pdf, len);
	free(pdf);
	vita_diags_free(d);
	doc_free(doc);
}

/* CFF outlines: Noto Sans CJK (a CID-keyed CFF in a collection, face 1 = KR) is embedded as a
 * CIDFontType0 with the bare CFF (FontFile3 /CIDFontType0C), Latin Modern (a name-keyed CFF .otf) as
 * /OpenType; codes are the CFF's CIDs, with widths and ToUnicode to match.  pdf_tools.sh checks that
 * poppler extracts and draws them. */
#define CJK_KR "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
#define LM_OTF "/usr/share/texmf/fonts/opentype/public/lm/lmroman10-regular.otf"
static void cff_fonts(void)
{
	if (access(CJK_KR, R_OK) != 0 || access(LM_OTF, R_OK) != 0)
		SKIP("fonts-noto-cjk or lmodern is not installed");
	vita_doc *doc = doc_new(1);
	doc->fonts[F_CJK] = (vita_font_ref){CJK_KR, 1, "Noto Sans CJK KR", false, false, 1000, false, false, 0};
	doc->fonts[F_BOLD] = (vita_font_ref){LM_OTF, 0, "Latin Modern Roman", false, false, 1000, false, false, 0};
	text(doc, 0, F_CJK, 24, 56, 90, "김민준 서울대학교");
	text(doc, 0, F_BOLD, 24, 56, 130, "Naïve café");
	text(doc, 0, F_REGULAR, 12, 56, 160, "Noto Sans");
	vita_diags *d = vita_diags_new();
	unsigned char *pdf = NULL;
	size_t len = 0;
	CHECK_INT(vita_pdf_write_mem(doc, &pdf, &len, d), 0);
	CHECK_INT(vita_diags_count(d, VITA_WARNING) + vita_diags_count(d, VITA_ERROR), 0);
	print_diags(d);
	CHECK(pdf && starts_ends_like_pdf(pdf, len));
	CHECK(pdf && contains(pdf, len, "/Subtype /CIDFontType0\n"));
	CHECK(pdf && contains(pdf, len, "/FontFile3"));
	CHECK(pdf && contains(pdf, len, "%PDF-1.6")); /* an OpenType font program */
	CHECK(len < 30000);
	if (pdf)
		save_fixture("cff.pdf", pdf, len);
	free(pdf);
	vita_diags_free(d);
	doc_free(doc);
}

/* Every stream of the file, inflated where it is deflated, one after the other: what the pages
 * draw, for the checks of operators. */
static void all_streams(const unsigned char *p, size_t n, vita_buf *out)
{
	struct libdeflate_decompressor *z = libdeflate_alloc_decompressor();
	for (size_t i = 0; i + 6 < n; i++) {
		if (memcmp(p + i, "stream", 6) != 0 || (i > 0 && p[i - 1] == 'd'))
			continue;
		size_t start = i + 6;
		if (start < n && p[start] == '\r')
			start++;
		if (start >= n || p[start] != '\n')
			continue;
		size_t end = ++start;
		while (end + 9 <= n && memcmp(p + end, "endstream", 9) != 0)
			end++;
		size_t cap = 1 << 20, got = 0;
		char *tmp = xmalloc(cap);
		if (libdeflate_zlib_decompress(z, p + start, end - start, tmp, cap, &got) != LIBDEFLATE_SUCCESS)
			memcpy(tmp, p + start, got = end - start < cap ? end - start : cap);
		for (size_t k = 0; k < got; k++)
			if (!tmp[k])
				tmp[k] = ' '; /* a font program's bytes: the operators are found by strstr */
		buf_put(out, tmp, got);
		free(tmp);
		i = end;
	}
	libdeflate_free_decompressor(z);
}

/* An icon font (vita_font_ref.outlines) is not embedded: its glyphs are filled paths in the
 * piece's colour at its place, outside any text object, and the text beside it is text. */
static void icons_as_outlines(void)
{
	vita_doc *doc = doc_new(1);
	vita_arena *a = doc->arena;
	doc->fonts[F_CJK] = (vita_font_ref){font_path(a, "icons/fa-regular-400.ttf"), 0, "Font Awesome 6 Free",
	                                    false, false, 512, true, false, 0};
	vita_item *icon = add(doc, 0, VITA_ITEM_TEXT);
	*icon = (vita_item){.kind = VITA_ITEM_TEXT, .x = 56, .y = 90, .font = F_CJK, .size = 20,
	                    .color = C_BLUE, .text = "\xEF\x83\xA0"}; /* U+F0E0, the envelope */
	text(doc, 0, F_REGULAR, 11, 80, 90, "ada@example.org");
	vita_diags *d = vita_diags_new();
	unsigned char *pdf = NULL;
	size_t len = 0;
	CHECK_INT(vita_pdf_write_mem(doc, &pdf, &len, d), 0);
	CHECK_INT(vita_diags_count(d, VITA_WARNING) + vita_diags_count(d, VITA_ERROR), 0);
	print_diags(d);
	CHECK(pdf && !contains(pdf, len, "FontAwesome"));
	CHECK(pdf && count(pdf, len, "/FontFile2") == 1); /* Noto Sans only */
	vita_buf ops = {0};
	if (pdf)
		all_streams(pdf, len, &ops);
	const char *s = buf_str(&ops);
	/* the colour, then the path: it starts at x = 56 + the glyph's left bearing, inside the 20 pt
	 * em above the baseline (841.89 - 90 = 751.89), has curves, is closed and filled, before BT */
	const char *rg = strstr(s, "0.1 0.2 0.6 rg\n"), *m = rg ? strstr(rg, " m\n") : NULL;
	const char *f = m ? strstr(m, "h\nf\n") : NULL, *bt = strstr(s, "BT\n");
	CHECK(rg && m && f && bt && f < bt);
	double x = 0, y = 0;
	if (m) {
		const char *line = m;
		while (line > s && line[-1] != '\n')
			line--;
		CHECK_INT(sscanf(line, "%lf %lf m", &x, &y), 2);
	}
	CHECK(x >= 56 && x < 60 && y > 751.89 - 5 && y < 751.89 + 20);
	CHECK(m && f && strstr(m, " c\n") && strstr(m, " c\n") < f);
	if (pdf)
		save_fixture("icons.pdf", pdf, len);
	buf_free(&ops);
	free(pdf);
	vita_diags_free(d);
	doc_free(doc);
}

/* One document per thread, no shared state, on small stacks: the backend no longer lets libharu
 * build Unicode fonts (HPDF_Type0Font_New put 128 KiB on the stack), so 128 KiB is plenty. */
typedef struct thread_job {
	vita_doc *doc;
	unsigned char *pdf;
	size_t len;
	int rc;
} thread_job;

/* Calls neither vita_layout_thread_done nor vita_pdf_thread_done, as a program with its own threads
 * would not: the sanitized and valgrind passes check that the kept faces are freed at the thread's
 * end all the same (base/threadexit.c). */
static void *thread_render(void *arg)
{
	thread_job *j = arg;
	vita_diags *d = vita_diags_new();
	j->rc = vita_pdf_write_mem(j->doc, &j->pdf, &j->len, d);
	vita_diags_free(d);
	return NULL;
}

static void threads(void)
{
	vita_doc *doc = sample_doc();
	vita_diags *d = vita_diags_new();
	unsigned char *want = NULL;
	size_t nwant = 0;
	CHECK_INT(vita_pdf_write_mem(doc, &want, &nwant, d), 0);
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	/* Sanitizers enlarge frames; the 128 KiB claim is checked in the plain build. */
	pthread_attr_setstacksize(&attr, getenv("VITA_SANITIZED") ? 1024 * 1024 : 128 * 1024);
	enum { N = 4 };
	thread_job jobs[N];
	pthread_t tid[N];
	for (int i = 0; i < N; i++) {
		jobs[i] = (thread_job){doc, NULL, 0, -1};
		CHECK_INT(pthread_create(&tid[i], &attr, thread_render, &jobs[i]), 0);
	}
	for (int i = 0; i < N; i++) {
		pthread_join(tid[i], NULL);
		CHECK_INT(jobs[i].rc, 0);
		CHECK(jobs[i].pdf && want && jobs[i].len == nwant && memcmp(jobs[i].pdf, want, nwant) == 0);
		free(jobs[i].pdf);
	}
	pthread_attr_destroy(&attr);
	free(want);
	vita_diags_free(d);
	doc_free(doc);
}

/* More characters in one font than libharu's arrays hold (the /W array is cut into runs), and the
 * CIDs of a whole page of CJK: every character still extracts (checked by pdf_tools.sh). */
static void many_characters(void)
{
	vita_doc *doc = doc_new(1);
	/* 100 lines of 90 characters, 6 pt: on the page, so that pdftotext sees them all */
	doc->pages[0].cap = 100;
	doc->pages[0].items = arena_array(doc->arena, 100, sizeof(vita_item));
	vita_buf all = {0};
	for (uint32_t line = 0; line < 100; line++) {
		vita_buf b = {0};
		for (uint32_t cp = 0x4E00 + 90 * line; cp < 0x4E00 + 90 * (line + 1); cp++)
			buf_put_utf8(&b, cp);
		text(doc, 0, F_CJK, 6, 20, 30 + 7.5 * line, arena_strdup(doc->arena, buf_str(&b)));
		buf_puts(&all, buf_str(&b));
		buf_free(&b);
	}
	save_fixture("many.txt", (const unsigned char *)all.data, all.len); /* what pdftotext must give */
	buf_free(&all);
	vita_diags *d = vita_diags_new();
	unsigned char *pdf = NULL;
	size_t len = 0;
	CHECK_INT(vita_pdf_write_mem(doc, &pdf, &len, d), 0);
	print_diags(d);
	CHECK_INT(vita_diags_count(d, VITA_ERROR) + vita_diags_count(d, VITA_WARNING), 0);
	CHECK(pdf && contains(pdf, len, "/W [ 1 ["));
	CHECK(pdf && contains(pdf, len, " 8193 ["));
	if (pdf)
		save_fixture("many.pdf", pdf, len);
	free(pdf);
	vita_diags_free(d);
	doc_free(doc);
}

/* The glyph-text map (gtext.c): first texts survive the table's growth, a glyph drawn for another
 * text or with its own advance gets a variant key, and each key gives back its glyph and text. */
static void glyph_texts_and_variants(void)
{
	pdf_gtext *m = calloc(1, sizeof *m);
	char t[8];
	for (uint32_t g = 0; g < 500; g++) { /* many times the first table (64 slots) */
		snprintf(t, sizeof t, "g%u", g);
		CHECK_INT(pdf_gtext_key(m, g, t, strlen(t), 0), PDF_GLYPH_KEY + g);
	}
	size_t len = 0;
	const char *got = pdf_gtext_get(m, 321, &len);
	CHECK(got && len == 4 && !memcmp(got, "g321", 4));
	CHECK_INT(pdf_gtext_key(m, 321, "g321", 4, 0), PDF_GLYPH_KEY + 321); /* its first text */
	uint32_t v = pdf_gtext_key(m, 321, "x", 1, 0), w = pdf_gtext_key(m, 321, "x", 1, 220);
	CHECK_INT(v, PDF_VARIANT_KEY);
	CHECK_INT(w, PDF_VARIANT_KEY + 1); /* the same text with its own advance: another variant */
	CHECK_INT(pdf_gtext_key(m, 321, "x", 1, 0), v);
	CHECK_INT(pdf_gtext_find(m, 321, "x", 1, 220), w);
	CHECK_INT(pdf_gtext_find(m, 321, "y", 1, 0), PDF_GLYPH_KEY + 321); /* none made: the glyph's */
	uint32_t gid = 0;
	CHECK(pdf_gtext_glyph(m, w, &gid) && gid == 321);
	CHECK(!pdf_gtext_glyph(m, PDF_VARIANT_KEY + 2, &gid)); /* no such variant */
	CHECK_INT(pdf_gtext_advance(m, w), 220);
	CHECK_INT(pdf_gtext_advance(m, v), 0);
	got = pdf_gtext_text(m, v, &len);
	CHECK(got && len == 1 && *got == 'x');
	for (uint32_t k = 0; k < 300; k++) { /* variants past their first table too */
		snprintf(t, sizeof t, "v%u", k);
		CHECK_INT(pdf_gtext_key(m, 7, t, strlen(t), 0), PDF_VARIANT_KEY + 2 + k);
	}
	CHECK_INT(pdf_gtext_find(m, 7, "v123", 4, 0), PDF_VARIANT_KEY + 2 + 123);
	pdf_gtext_free(m);
}

static void tounicode_cmap_text(void)
{
	pdf_cpset *s = calloc(1, sizeof *s);
	const uint32_t cps[] = {0x20, 0x41, 0x42, 0x43, 0x1FF, 0x200, 0x6C5F, 0xFFFF};
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++)
		pdf_cpset_add(s, cps[i]);
	pdf_cpset_add(s, 0x41); /* twice: counted once */
	pdf_cpset_add(s, PDF_KEY_LIMIT); /* neither a code point nor a glyph key: ignored */
	CHECK_INT(s->count, 8);
	/* CIDs are the ranks: 1 for U+0020, 2–4 for A–C, … 8 for U+FFFF. */
	pdf_cpset_index(s);
	for (size_t i = 0; i < sizeof cps / sizeof *cps; i++)
		CHECK_INT(pdf_cpset_cid(s, cps[i]), (int)i + 1);
	vita_buf b = {0};
	pdf_tounicode_cmap(s, NULL, NULL, &b);
	const char *t = buf_str(&b);
	CHECK(strstr(t, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n") != NULL);
	CHECK(strstr(t, "1 beginbfrange\n<0002> <0004> <0041>\nendbfrange\n") != NULL);
	/* 0x1FF and 0x200 are consecutive but differ in the high byte: two singles. */
	CHECK(strstr(t, "5 beginbfchar\n<0001> <0020>\n<0005> <01FF>\n<0006> <0200>\n<0007> <6C5F>\n"
	                "<0008> <FFFF>\nendbfchar\n") != NULL);
	CHECK(strstr(t, "cidrange") == NULL);
	/* Above U+FFFF: CIDs after the Basic Multilingual Plane's, destinations as surrogate pairs,
	 * singles even when consecutive. */
	pdf_cpset_add(s, 0x1F393);
	pdf_cpset_add(s, 0x1F394);
	pdf_cpset_add(s, 0x10FFFF);
	CHECK_INT(s->count, 11);
	pdf_cpset_index(s);
	CHECK_INT(pdf_cpset_cid(s, 0xFFFF), 8);
	CHECK_INT(pdf_cpset_cid(s, 0x1F393), 9);
	CHECK_INT(pdf_cpset_cid(s, 0x10FFFF), 11);
	CHECK(pdf_cpset_next(s, 0x10000) == 0x1F393);
	buf_reset(&b);
	pdf_tounicode_cmap(s, NULL, NULL, &b);
	t = buf_str(&b);
	CHECK(strstr(t, "<0009> <D83CDF93>\n<000A> <D83CDF94>\n<000B> <DBFFDFFF>\nendbfchar\n") != NULL);
	/* A shaped glyph (a glyph key) maps to the text of its cluster, here a lam-alef ligature; one
	 * whose text is unknown is left out. */
	pdf_cpset_add(s, PDF_GLYPH_KEY + 7);
	pdf_cpset_add(s, PDF_GLYPH_KEY + 9);
	pdf_cpset_index(s);
	CHECK_INT(pdf_cpset_cid(s, PDF_GLYPH_KEY + 7), 12);
	pdf_gtext *gt = calloc(1, sizeof *gt);
	pdf_gtext_put(gt, 7, "\xD9\x84\xD8\xA7x", 4);
	pdf_gtext_put(gt, 7, "ignored", 7); /* the first text is kept */
	buf_reset(&b);
	pdf_tounicode_cmap(s, NULL, gt, &b);
	t = buf_str(&b);
	CHECK(strstr(t, "<000C> <06440627>\n") != NULL);
	CHECK(strstr(t, "<000D>") == NULL);
	pdf_gtext_free(gt);
	/* Blocks hold at most 100 entries. */
	pdf_cpset_clear(s);
	for (uint32_t cp = 0x4E00; cp < 0x4E00 + 2 * 250; cp += 2)
		pdf_cpset_add(s, cp);
	buf_reset(&b);
	pdf_tounicode_cmap(s, NULL, NULL, &b);
	t = buf_str(&b);
	CHECK(strstr(t, "100 beginbfchar") != NULL);
	CHECK(strstr(t, "50 beginbfchar") != NULL);
	CHECK(strstr(t, "<00FA> <4FF2>") != NULL); /* the last: CID 250 */
	CHECK(strstr(t, "beginbfrange") == NULL);
	size_t begins = 0, ends = 0;
	for (const char *p = t; (p = strstr(p, "beginbfchar")); p++)
		begins++;
	for (const char *p = t; (p = strstr(p, "endbfchar")); p++)
		ends++;
	CHECK_INT(begins, 3);
	CHECK_INT(ends, 3);
	/* A run of code points breaks where its CIDs cross a high byte too: CIDs 255 and 256. */
	pdf_cpset_clear(s);
	for (uint32_t cp = 0x100; cp < 0x100 + 254; cp += 2) /* CIDs 1–127, spread out */
		pdf_cpset_add(s, cp);
	for (uint32_t cp = 0x4E00; cp < 0x4E00 + 200; cp++) /* CIDs 128–327, consecutive */
		pdf_cpset_add(s, cp);
	buf_reset(&b);
	pdf_tounicode_cmap(s, NULL, NULL, &b);
	t = buf_str(&b);
	CHECK(strstr(t, "<0080> <00FF> <4E00>\n") != NULL);
	CHECK(strstr(t, "<0100> <0147> <4E80>\n") != NULL);
	buf_free(&b);
	pdf_cpset_free(s);
}

static void timing(void)
{
	vita_doc *doc = sample_doc();
	vita_diags *d = vita_diags_new();
	const int runs = getenv("VITA_SANITIZED") || getenv("VITA_WRAP") ? 1 : 20;
	/* CPU time, not wall time: the machine is shared and wall time is noisy. */
	struct timespec t0, t1;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	for (int i = 0; i < runs; i++) {
		unsigned char *pdf = NULL;
		size_t len = 0;
		CHECK_INT(vita_pdf_write_mem(doc, &pdf, &len, d), 0);
		free(pdf);
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	double ms = ((double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) / runs;
	printf("  sample document: %.2f ms of CPU per write (%d runs)\n", ms, runs);
	CHECK(runs == 1 || ms < 50); /* generous: the whole CV must render in well under 10 ms */
	vita_diags_free(d);
	doc_free(doc);
}

/* ---- helper mode for pdf_tools.sh ---- */

static char *ps_name(hb_face_t *face)
{
	char name[256];
	unsigned n = sizeof name;
	if (!hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &n, name))
		return NULL;
	return xstrdup(name);
}

/* What a glyph's outline really draws: contours, points and their bounding box.  (The extents a
 * font stores for a composite glyph stay the same when its parts are lost; the drawing does not.) */
typedef struct outline {
	int contours, points;
	float x0, y0, x1, y1;
} outline;

static void outline_point(outline *o, float x, float y)
{
	if (o->points++ == 0) {
		o->x0 = o->x1 = x;
		o->y0 = o->y1 = y;
	}
	o->x0 = fminf(o->x0, x);
	o->x1 = fmaxf(o->x1, x);
	o->y0 = fminf(o->y0, y);
	o->y1 = fmaxf(o->y1, y);
}

static void on_move(hb_draw_funcs_t *f, void *o, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	((outline *)o)->contours++;
	outline_point(o, x, y);
}

static void on_line(hb_draw_funcs_t *f, void *o, hb_draw_state_t *st, float x, float y, void *u)
{
	(void)f, (void)st, (void)u;
	outline_point(o, x, y);
}

static void on_quad(hb_draw_funcs_t *f, void *o, hb_draw_state_t *st, float cx, float cy, float x,
                    float y, void *u)
{
	(void)f, (void)st, (void)u, (void)cx, (void)cy;
	outline_point(o, x, y);
}

static void on_cubic(hb_draw_funcs_t *f, void *o, hb_draw_state_t *st, float c1x, float c1y, float c2x,
                     float c2y, float x, float y, void *u)
{
	(void)f, (void)st, (void)u, (void)c1x, (void)c1y, (void)c2x, (void)c2y;
	outline_point(o, x, y);
}

static outline glyph_outline(hb_font_t *font, hb_codepoint_t g, hb_draw_funcs_t *df)
{
	outline o = {0};
	hb_font_get_glyph_shape(font, g, df, &o);
	return o;
}

/* What a font stores of a glyph (advance and extents): a key to find the original's candidates for
 * an embedded glyph without drawing every glyph of a CJK font. */
typedef struct gkey {
	int32_t adv, xb, yb, w, h;
	hb_codepoint_t g;
} gkey;

static gkey glyph_key(hb_font_t *font, hb_codepoint_t g)
{
	hb_glyph_extents_t e = {0};
	hb_font_get_glyph_extents(font, g, &e);
	gkey k = {hb_font_get_glyph_h_advance(font, g), e.x_bearing, e.y_bearing, e.width, e.height, g};
	return k;
}

static int gkey_order(const gkey *a, const gkey *b)
{
	if (a->adv != b->adv) return a->adv < b->adv ? -1 : 1;
	if (a->xb != b->xb) return a->xb < b->xb ? -1 : 1;
	if (a->yb != b->yb) return a->yb < b->yb ? -1 : 1;
	if (a->w != b->w) return a->w < b->w ? -1 : 1;
	if (a->h != b->h) return a->h < b->h ? -1 : 1;
	return 0;
}

static int gkey_cmp(const void *a, const void *b)
{
	int c = gkey_order(a, b);
	if (c)
		return c;
	const gkey *x = a, *y = b;
	return x->g < y->g ? -1 : x->g > y->g;
}

/* Whether a glyph of the original with k's advance and extents draws the outline eo. */
static bool original_has(hb_font_t *of, hb_draw_funcs_t *df, const gkey *keys, size_t n, const gkey *k,
                         const outline *eo)
{
	size_t lo = 0, hi = n;
	while (lo < hi) { /* the first key not below k */
		size_t mid = lo + (hi - lo) / 2;
		if (gkey_order(&keys[mid], k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < n && gkey_order(&keys[i], k) == 0; i++) {
		outline oo = glyph_outline(of, keys[i].g, df);
		if (eo->contours == oo.contours && eo->points == oo.points && eo->x0 == oo.x0 && eo->y0 == oo.y0 &&
		    eo->x1 == oo.x1 && eo->y1 == oo.y1)
			return true;
	}
	return false;
}

static int check_font(int argc, char **argv)
{
	hb_blob_t *eblob = hb_blob_create_from_file_or_fail(argv[2]);
	if (!eblob) {
		printf("cannot read %s\n", argv[2]);
		return 2;
	}
	hb_face_t *eface = hb_face_create(eblob, 0);
	char *name = ps_name(eface);
	hb_face_t *oface = NULL;
	if (argc == 4) { /* one original: compare with it whatever its name */
		hb_blob_t *b = hb_blob_create_from_file_or_fail(argv[3]);
		oface = b ? hb_face_create(b, 0) : NULL;
		hb_blob_destroy(b);
	}
	for (int i = 3; i < argc && !oface && name; i++) {
		hb_blob_t *b = hb_blob_create_from_file_or_fail(argv[i]);
		if (!b)
			continue;
		hb_face_t *f = hb_face_create(b, 0);
		char *n = ps_name(f);
		if (n && strcmp(n, name) == 0)
			oface = f;
		else
			hb_face_destroy(f);
		free(n);
		hb_blob_destroy(b);
	}
	if (!oface) {
		printf("%s: no original font named %s\n", argv[2], name ? name : "(unnamed)");
		return 2;
	}
	hb_font_t *ef = hb_font_create(eface), *of = hb_font_create(oface);
	hb_draw_funcs_t *df = hb_draw_funcs_create();
	hb_draw_funcs_set_move_to_func(df, on_move, NULL, NULL);
	hb_draw_funcs_set_line_to_func(df, on_line, NULL, NULL);
	hb_draw_funcs_set_quadratic_to_func(df, on_quad, NULL, NULL);
	hb_draw_funcs_set_cubic_to_func(df, on_cubic, NULL, NULL);
	/* Every glyph of the subset against the original's glyphs that store the same advance and
	 * extents.  Not through a cmap: the subsets carry none (a CIDFont's glyphs are chosen by the
	 * CIDToGIDMap), and a shaped variant (a small capital) has no character of its own. */
	size_t no = hb_face_get_glyph_count(oface);
	gkey *keys = xmalloc((no ? no : 1) * sizeof *keys);
	for (hb_codepoint_t g = 0; g < no; g++)
		keys[g] = glyph_key(of, g);
	qsort(keys, no, sizeof *keys, gkey_cmp);
	int bad = 0, checked = 0;
	for (hb_codepoint_t eg = 1; eg < hb_face_get_glyph_count(eface); eg++) {
		gkey k = glyph_key(ef, eg);
		outline eo = glyph_outline(ef, eg, df);
		checked++;
		if (!original_has(of, df, keys, no, &k, &eo)) {
			printf("%s glyph %u: %d contours, %d points, box %g,%g %g,%g, advance %d: no glyph of the "
			       "original draws it\n", name, eg, eo.contours, eo.points, eo.x0, eo.y0, eo.x1, eo.y1, k.adv);
			bad++;
		}
	}
	free(keys);
	hb_draw_funcs_destroy(df);
	printf("%s: %d glyphs checked, %d differ\n", name, checked, bad);
	hb_font_destroy(ef);
	hb_font_destroy(of);
	hb_face_destroy(oface);
	hb_face_destroy(eface);
	hb_blob_destroy(eblob);
	free(name);
	return bad || checked == 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "--check-font") == 0)
		return check_font(argc, argv);
	RUN(writes_pdf_to_memory);
	RUN(output_is_deterministic);
	RUN(writes_pdf_file_atomically);
	RUN(unwritable_target_fails_cleanly);
	RUN(images);
	RUN(unusable_input_is_reported);
	RUN(nested_composites);
	RUN(cff_fonts);
	RUN(icons_as_outlines);
	RUN(threads);
	RUN(many_characters);
	RUN(tounicode_cmap_text);
	RUN(glyph_texts_and_variants);
	RUN(timing);
	return TEST_EXIT();
}
