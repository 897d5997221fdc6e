/*
 * Photos: validated by decoding them whole, and decoded for the PDF.
 *
 * A stranger's photo may be truncated, carry a bad checksum, claim 100,000 × 100,000 pixels in a
 * 74-byte file, or be a valid PNG that libharu cannot embed (interlaced, large zTXt/iCCP chunks).
 * The loader decodes every photo once with libpng or libjpeg (P2) — a file that does not decode is
 * a warning at cv.photo and no backend uses it — and the PDF backend embeds PNGs from the pixels
 * decoded here (M1), never through libharu's own PNG reader.  Dimensions are checked before any
 * pixel memory is allocated.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "image/image.h"

static vita_image_kind kind_of(const unsigned char *d, size_t n)
{
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return VITA_IMAGE_PNG;
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return VITA_IMAGE_JPEG;
	return VITA_IMAGE_NONE;
}

/* ---- PNG (libpng's simplified API: its errors come back as messages, never abort) ---- */

static const char *decode_png(const unsigned char *d, size_t n, vita_pixels *out, char *why, size_t wsize)
{
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&im, d, n)) {
		snprintf(why, wsize, "is not a valid PNG image (%s)", im.message);
		png_image_free(&im);
		return why;
	}
	if (im.width == 0 || im.height == 0 || (unsigned long long)im.width * im.height > VITA_IMAGE_MAX_PIXELS) {
		snprintf(why, wsize, "is a PNG image of %u x %u pixels; the limit is %u megapixels", im.width,
		         im.height, VITA_IMAGE_MAX_PIXELS >> 20);
		png_image_free(&im);
		return why;
	}
	/* RGB composited on white: the page is white, and the PDF then needs no soft mask. */
	im.format = PNG_FORMAT_RGB;
	png_color white = {255, 255, 255};
	unsigned char *px = xmalloc(PNG_IMAGE_SIZE(im));
	if (!png_image_finish_read(&im, &white, px, 0, NULL)) {
		snprintf(why, wsize, "is not a valid PNG image (%s)", im.message);
		free(px);
		png_image_free(&im);
		return why;
	}
	out->w = (int)im.width;
	out->h = (int)im.height;
	out->components = 3;
	out->data = px;
	png_image_free(&im);
	return NULL;
}

/* ---- JPEG (libjpeg: errors longjmp back here instead of exiting the process) ---- */

typedef struct jerr {
	struct jpeg_error_mgr mgr;
	jmp_buf back;
	char msg[JMSG_LENGTH_MAX];
} jerr;

static void jpeg_fail(j_common_ptr c)
{
	jerr *e = (jerr *)c->err;
	e->mgr.format_message(c, e->msg);
	longjmp(e->back, 1);
}

/* Warnings (corrupt data libjpeg recovers from, a premature end) are counted, never printed. */
static void jpeg_quiet(j_common_ptr c, int level)
{
	if (level < 0)
		c->err->num_warnings++;
}

/* Decodes the whole JPEG, keeping the pixels only when out is not NULL. */
static const char *decode_jpeg(const unsigned char *d, size_t n, vita_pixels *out, char *why, size_t wsize)
{
	struct jpeg_decompress_struct c;
	jerr e;
	unsigned char *volatile px = NULL;
	unsigned char *volatile row = NULL;
	memset(&c, 0, sizeof c);
	c.err = jpeg_std_error(&e.mgr);
	e.mgr.error_exit = jpeg_fail;
	e.mgr.emit_message = jpeg_quiet;
	if (setjmp(e.back)) {
		snprintf(why, wsize, "is not a valid JPEG image (%s)", e.msg);
		jpeg_destroy_decompress(&c);
		free(px);
		free(row);
		return why;
	}
	jpeg_create_decompress(&c);
	jpeg_mem_src(&c, d, (unsigned long)n);
	jpeg_read_header(&c, TRUE);
	if ((unsigned long long)c.image_width * c.image_height > VITA_IMAGE_MAX_PIXELS) {
		snprintf(why, wsize, "is a JPEG image of %u x %u pixels; the limit is %u megapixels", c.image_width,
		         c.image_height, VITA_IMAGE_MAX_PIXELS >> 20);
		jpeg_destroy_decompress(&c);
		return why;
	}
	jpeg_start_decompress(&c);
	size_t stride = (size_t)c.output_width * (size_t)c.output_components;
	row = xmalloc(stride);
	if (out)
		px = xmalloc(stride * c.output_height);
	while (c.output_scanline < c.output_height) {
		JSAMPROW r = out ? px + stride * c.output_scanline : row;
		jpeg_read_scanlines(&c, &r, 1);
	}
	/* libjpeg fills a truncated file with grey and says so as a warning: refuse it (P2). */
	if (e.mgr.num_warnings) {
		snprintf(why, wsize, "is not a valid JPEG image (the data is truncated or corrupt)");
		jpeg_destroy_decompress(&c);
		free(px);
		free(row);
		return why;
	}
	jpeg_finish_decompress(&c);
	if (out) {
		out->w = (int)c.output_width;
		out->h = (int)c.output_height;
		out->components = c.output_components;
		out->data = px;
	}
	jpeg_destroy_decompress(&c);
	free(row);
	return NULL;
}

/* The size of a JPEG that decoded: read from its header again (the pixels were not kept). */
static void jpeg_size(const unsigned char *d, size_t n, int *w, int *h)
{
	struct jpeg_decompress_struct c;
	jerr e;
	memset(&c, 0, sizeof c);
	c.err = jpeg_std_error(&e.mgr);
	e.mgr.error_exit = jpeg_fail;
	e.mgr.emit_message = jpeg_quiet;
	if (setjmp(e.back)) {
		jpeg_destroy_decompress(&c);
		return;
	}
	jpeg_create_decompress(&c);
	jpeg_mem_src(&c, d, (unsigned long)n);
	jpeg_read_header(&c, TRUE);
	*w = (int)c.image_width;
	*h = (int)c.image_height;
	jpeg_destroy_decompress(&c);
}

const char *vita_image_check(const char *path, vita_image_kind *kind, int *w, int *h, char *why, size_t wsize)
{
	vita_diags *quiet = vita_diags_new();
	size_t n = 0;
	char *d = read_file(path, VITA_IMAGE_MAX_BYTES, &n, quiet);
	vita_diags_free(quiet);
	if (!d) {
		snprintf(why, wsize, "cannot be read (not a regular file, or over %u MiB)", VITA_IMAGE_MAX_BYTES >> 20);
		return why;
	}
	const unsigned char *u = (const unsigned char *)d;
	vita_image_kind k = kind_of(u, n);
	const char *bad = NULL;
	vita_pixels px = {0};
	if (n == 0)
		bad = "is empty";
	else if (k == VITA_IMAGE_NONE)
		bad = "is not a PNG or JPEG image";
	else if (k == VITA_IMAGE_PNG)
		bad = decode_png(u, n, &px, why, wsize);
	else
		bad = decode_jpeg(u, n, NULL, why, wsize);
	if (!bad && k == VITA_IMAGE_JPEG)
		jpeg_size(u, n, &px.w, &px.h);
	if (!bad) {
		if (kind)
			*kind = k;
		if (w)
			*w = px.w;
		if (h)
			*h = px.h;
	}
	free(px.data);
	free(d);
	return bad;
}

int vita_image_decode(const char *path, vita_pixels *out, char *why, size_t wsize)
{
	memset(out, 0, sizeof *out);
	vita_diags *quiet = vita_diags_new();
	size_t n = 0;
	char *d = read_file(path, VITA_IMAGE_MAX_BYTES, &n, quiet);
	vita_diags_free(quiet);
	if (!d) {
		snprintf(why, wsize, "cannot be read");
		return -1;
	}
	const unsigned char *u = (const unsigned char *)d;
	vita_image_kind k = kind_of(u, n);
	const char *bad = k == VITA_IMAGE_PNG ? decode_png(u, n, out, why, wsize)
	                  : k == VITA_IMAGE_JPEG ? decode_jpeg(u, n, out, why, wsize)
	                                         : (snprintf(why, wsize, "is not a PNG or JPEG image"), why);
	free(d);
	return bad ? -1 : 0;
}

void vita_pixels_free(vita_pixels *p)
{
	free(p->data);
	memset(p, 0, sizeof *p);
}
