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
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "image/image.h"
#include "io/io.h"

/* libjpeg, opened the first time a JPEG is decoded (base.h, vita_dl_bind). */
#define JPEG_FUNCS(X)                                                                               \
	X(jpeg_std_error) X(jpeg_CreateDecompress) X(jpeg_mem_src) X(jpeg_read_header)                   \
	X(jpeg_start_decompress) X(jpeg_read_scanlines) X(jpeg_finish_decompress) X(jpeg_destroy_decompress)
typedef struct {
	JPEG_FUNCS(VITA_DL_POINTER)
	bool ok;
} jpeg_lib;
static jpeg_lib jl;
static pthread_once_t jl_once = PTHREAD_ONCE_INIT;

VITA_DL_BINDER(jl_bind, jpeg_lib, JPEG_FUNCS, "libjpeg.so.62")

static void jl_open(void)
{
	jl.ok = jl_bind(&jl);
}

/* From here on the names call through the table. */
#define jpeg_std_error (*jl.jpeg_std_error)
#define jpeg_CreateDecompress (*jl.jpeg_CreateDecompress)
#define jpeg_mem_src (*jl.jpeg_mem_src)
#define jpeg_read_header (*jl.jpeg_read_header)
#define jpeg_start_decompress (*jl.jpeg_start_decompress)
#define jpeg_read_scanlines (*jl.jpeg_read_scanlines)
#define jpeg_finish_decompress (*jl.jpeg_finish_decompress)
#define jpeg_destroy_decompress (*jl.jpeg_destroy_decompress)

vita_image_kind vita_image_kind_of(const unsigned char *d, size_t n)
{
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return VITA_IMAGE_PNG;
	if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
		return VITA_IMAGE_JPEG;
	return VITA_IMAGE_NONE;
}

/* ---- PNG (libpng's simplified API: its errors come back as messages, never abort) ---- */

static const char *decode_png(const unsigned char *d, size_t n, vita_pixels *out, bool alpha, char *why,
                              size_t wsize)
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
	/* A photo: RGB composited on white (the page is white, and the PDF then needs no soft mask);
	 * an emoji's bitmap keeps its alpha. */
	im.format = alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
	png_color white = {255, 255, 255};
	unsigned char *px = xmalloc(PNG_IMAGE_SIZE(im));
	if (!png_image_finish_read(&im, alpha ? NULL : &white, px, 0, NULL)) {
		snprintf(why, wsize, "is not a valid PNG image (%s)", im.message);
		free(px);
		png_image_free(&im);
		return why;
	}
	out->w = (int)im.width;
	out->h = (int)im.height;
	out->components = alpha ? 4 : 3;
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

/* One JPEG decode; its state lives here so that nothing the error path reads sits in a register
 * that longjmp may restore stale (-Wclobbered). */
typedef struct jrun {
	struct jpeg_decompress_struct c;
	jerr e;
	const unsigned char *d;
	size_t n;
	bool keep;          /* keep the pixels */
	unsigned char *px, *row;
	int status;         /* 0 decoded; 1 libjpeg error (e.msg); 2 too large; 3 truncated or corrupt */
} jrun;

static void jpeg_work(jrun *j)
{
	jpeg_create_decompress(&j->c);
	jpeg_mem_src(&j->c, j->d, (unsigned long)j->n);
	jpeg_read_header(&j->c, TRUE);
	if ((unsigned long long)j->c.image_width * j->c.image_height > VITA_IMAGE_MAX_PIXELS) {
		j->status = 2;
		return;
	}
	jpeg_start_decompress(&j->c);
	size_t stride = (size_t)j->c.output_width * (size_t)j->c.output_components;
	j->row = xmalloc(stride);
	if (j->keep)
		j->px = xmalloc(stride * j->c.output_height);
	while (j->c.output_scanline < j->c.output_height) {
		JSAMPROW r = j->keep ? j->px + stride * j->c.output_scanline : j->row;
		jpeg_read_scanlines(&j->c, &r, 1);
	}
	/* libjpeg fills a truncated file with grey and says so as a warning: refuse it (P2). */
	if (j->e.mgr.num_warnings) {
		j->status = 3;
		return;
	}
	jpeg_finish_decompress(&j->c);
}

/* Runs jpeg_work; libjpeg's errors longjmp back here. */
static void jpeg_guarded(jrun *j)
{
	if (setjmp(j->e.back)) {
		j->status = 1;
		return;
	}
	jpeg_work(j);
}

/* Decodes the whole JPEG; out gets its size, and its pixels when keep. */
static const char *decode_jpeg(const unsigned char *d, size_t n, vita_pixels *out, bool keep, char *why,
                               size_t wsize)
{
	pthread_once(&jl_once, jl_open);
	if (!jl.ok) {
		snprintf(why, wsize, "cannot be decoded: libjpeg.so.62 (Debian's libjpeg62-turbo) is not installed");
		return why;
	}
	jrun *j = xcalloc(1, sizeof *j);
	j->c.err = jpeg_std_error(&j->e.mgr);
	j->e.mgr.error_exit = jpeg_fail;
	j->e.mgr.emit_message = jpeg_quiet;
	j->d = d;
	j->n = n;
	j->keep = keep;
	jpeg_guarded(j);
	const char *bad = NULL;
	if (j->status == 1)
		snprintf(why, wsize, "is not a valid JPEG image (%s)", j->e.msg);
	else if (j->status == 2)
		snprintf(why, wsize, "is a JPEG image of %u x %u pixels; the limit is %u megapixels", j->c.image_width,
		         j->c.image_height, VITA_IMAGE_MAX_PIXELS >> 20);
	else if (j->status == 3)
		snprintf(why, wsize, "is not a valid JPEG image (the data is truncated or corrupt)");
	if (j->status)
		bad = why;
	else {
		out->w = (int)j->c.output_width;
		out->h = (int)j->c.output_height;
		out->components = j->c.output_components;
		out->data = j->px; /* NULL unless keep */
		j->px = NULL;
	}
	jpeg_destroy_decompress(&j->c);
	free(j->px);
	free(j->row);
	free(j);
	return bad;
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
	vita_image_kind k = vita_image_kind_of(u, n);
	const char *bad = NULL;
	vita_pixels px = {0};
	if (n == 0)
		bad = "is empty";
	else if (k == VITA_IMAGE_NONE)
		bad = "is not a PNG or JPEG image";
	else if (k == VITA_IMAGE_PNG)
		bad = decode_png(u, n, &px, false, why, wsize);
	else
		bad = decode_jpeg(u, n, &px, false, why, wsize);
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
	vita_image_kind k = vita_image_kind_of(u, n);
	const char *bad = k == VITA_IMAGE_PNG ? decode_png(u, n, out, false, why, wsize)
	                  : k == VITA_IMAGE_JPEG ? decode_jpeg(u, n, out, true, why, wsize)
	                                         : (snprintf(why, wsize, "is not a PNG or JPEG image"), why);
	free(d);
	return bad ? -1 : 0;
}

int vita_image_decode_rgba(const unsigned char *d, size_t n, vita_pixels *out, char *why, size_t wsize)
{
	memset(out, 0, sizeof *out);
	return decode_png(d, n, out, true, why, wsize) ? -1 : 0;
}

void vita_pixels_free(vita_pixels *p)
{
	free(p->data);
	memset(p, 0, sizeof *p);
}
