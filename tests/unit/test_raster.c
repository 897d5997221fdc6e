/*
 * The raster backend (src/raster/, loaded on demand): PNG and SVG drawn from the same frames as the
 * PDF.  For fixtures of one and several pages: one file per page (cv.png, cv-2.png, …), each PNG the
 * PDF's page as poppler draws it (pdftoppm at the same resolution) up to anti-aliasing and
 * sub-pixel placement — at most 0.5% of the pixels have no pixel within one pixel in the other
 * image that is within a third of the range in every channel; every SVG parses as
 * XML (xmllint) and names its fonts; `vita` itself does not link cairo.
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "test.h"
#include "vita.h"
#include "vita/compose.h"
#include "vita/frame.h"

static char tmp[] = "/tmp/vita-raster-XXXXXX";

static unsigned char *read_png(const char *path, unsigned *w, unsigned *h)
{
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&im, path))
		return NULL;
	im.format = PNG_FORMAT_RGB;
	unsigned char *px = malloc(PNG_IMAGE_SIZE(im));
	if (!px || !png_image_finish_read(&im, NULL, px, 0, NULL)) {
		free(px);
		png_image_free(&im);
		return NULL;
	}
	*w = im.width;
	*h = im.height;
	return px;
}

static int pixel_diff(const unsigned char *a, const unsigned char *b)
{
	int m = 0;
	for (int c = 0; c < 3; c++) {
		int d = abs((int)a[c] - (int)b[c]);
		if (d > m)
			m = d;
	}
	return m;
}

/* The share of pixels of a with no pixel of b within one pixel of it that is within a third of
 * the range in every channel: anti-aliasing and sub-pixel placement (poppler and cairo round a
 * baseline differently) do not count, a missing or misplaced glyph does. */
static double differ1(const unsigned char *a, const unsigned char *b, unsigned w, unsigned h)
{
	size_t bad = 0;
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			bool near = false;
			for (int dy = -1; dy <= 1 && !near; dy++)
				for (int dx = -1; dx <= 1 && !near; dx++) {
					long yy = (long)y + dy, xx = (long)x + dx;
					if (yy < 0 || xx < 0 || yy >= h || xx >= w)
						continue;
					near = pixel_diff(a + 3 * ((size_t)y * w + x), b + 3 * ((size_t)yy * w + xx)) <= 85;
				}
			bad += !near;
		}
	return (double)bad / ((double)w * h);
}

static double differ(const unsigned char *a, const unsigned char *b, unsigned w, unsigned h)
{
	double x = differ1(a, b, w, h), y = differ1(b, a, w, h);
	return x > y ? x : y;
}

static size_t render(const char *cv, const char *ext, const char *opt_dpi)
{
	vita_diags *d = vita_diags_new();
	vita_cv *c = vita_cv_load(cv, d);
	vita_style *st = c ? vita_style_load(c, d) : NULL;
	vita_comp *k = st ? vita_compose(c, st, d) : NULL;
	char out[300];
	snprintf(out, sizeof out, "%s/cv.%s", tmp, ext);
	const vita_backend *b = vita_backend_find(ext);
	vita_render_opts o = {0};
	o.dpi = opt_dpi ? atof(opt_dpi) : 0;
	const char *paths[1] = {out};
	int rc = k ? vita_render_comp(k, 1, &b, paths, &o, d) : -1;
	if (rc != 0)
		vita_diags_print(d, stdout, false);
	/* the page count of the same layout */
	vita_doc *doc = k ? vita_layout_comp(k, d) : NULL;
	size_t pages = doc ? doc->npages : 0;
	vita_doc_free(doc);
	vita_comp_free(k);
	vita_style_free(st);
	vita_cv_free(c);
	vita_diags_free(d);
	return rc == 0 ? pages : 0;
}

static void check_png(const char *cv)
{
	size_t pages = render(cv, "png", "100");
	CHECK(pages >= 1);
	render(cv, "pdf", NULL);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "pdftoppm -r 100 -png '%s/cv.pdf' '%s/ref' 2>/dev/null", tmp, tmp);
	CHECK(system(cmd) == 0);
	for (size_t p = 1; p <= pages; p++) {
		char mine[400], ref[400];
		if (p == 1)
			snprintf(mine, sizeof mine, "%s/cv.png", tmp);
		else
			snprintf(mine, sizeof mine, "%s/cv-%zu.png", tmp, p);
		/* pdftoppm numbers pages with as many digits as the count needs */
		snprintf(ref, sizeof ref, "%s/ref-%zu.png", tmp, p);
		unsigned w1 = 0, h1 = 0, w2 = 0, h2 = 0;
		unsigned char *a = read_png(mine, &w1, &h1), *b = read_png(ref, &w2, &h2);
		CHECK(a != NULL && b != NULL);
		if (a && b) {
			if (w1 != w2 || h1 != h2)
				printf("  %s page %zu: %ux%u against pdftoppm's %ux%u\n", cv, p, w1, h1, w2, h2);
			CHECK(w1 == w2 && h1 == h2);
			if (w1 == w2 && h1 == h2) {
				double f = differ(a, b, w1, h1);
				if (f > 0.005 || getenv("VITA_RASTER_SHOW"))
					printf("  %s page %zu: %.2f%% of the pixels differ from pdftoppm's\n", cv, p, 100 * f);
				CHECK(f <= 0.005);
			}
		}
		free(a);
		free(b);
	}
	char extra[400];
	snprintf(extra, sizeof extra, "%s/cv-%zu.png", tmp, pages + 1);
	CHECK(access(extra, F_OK) != 0); /* one file per page, no more */
}

static void test_png_matches_pdf(void)
{
	check_png("tests/fixtures/minimal.yaml");
	check_png("tests/fixtures/all-kinds.yaml");
}

static void test_svg(void)
{
	size_t pages = render("tests/fixtures/all-kinds.yaml", "svg", NULL);
	CHECK(pages >= 2);
	for (size_t p = 1; p <= pages; p++) {
		char path[400], cmd[600];
		if (p == 1)
			snprintf(path, sizeof path, "%s/cv.svg", tmp);
		else
			snprintf(path, sizeof path, "%s/cv-%zu.svg", tmp, p);
		snprintf(cmd, sizeof cmd, "xmllint --noout '%s' 2>/dev/null", path);
		CHECK(system(cmd) == 0);
		snprintf(cmd, sizeof cmd, "grep -q '<desc>fonts: Source Sans 3' '%s'", path);
		CHECK(system(cmd) == 0);
	}
}

static void test_vita_links_no_cairo(void)
{
	const char *b = getenv("VITA_BUILD");
	char cmd[600];
	snprintf(cmd, sizeof cmd, "ldd '%s/vita' | grep -q cairo", b ? b : "build");
	CHECK(system(cmd) != 0);
}

int main(void)
{
	const char *root = getenv("VITA_ROOT");
	if (root && chdir(root) != 0)
		return 1;
	if (!mkdtemp(tmp))
		return 1;
	if (system("command -v pdftoppm >/dev/null && command -v xmllint >/dev/null") != 0) {
		printf("SKIP raster: pdftoppm or xmllint is missing (scripts/deps.sh test installs poppler-utils, "
		       "libxml2-utils)\n");
		return 0;
	}
	RUN(test_png_matches_pdf);
	RUN(test_svg);
	RUN(test_vita_links_no_cairo);
	char cmd[100];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? TEST_EXIT() : 1;
}
