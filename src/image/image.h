/*
 * Photos: full validation (libpng, libjpeg) for the loader, and decoded pixels for the PDF.
 * See image.c.
 */
#ifndef VITA_IMAGE_IMAGE_H
#define VITA_IMAGE_IMAGE_H

#include "base/base.h"

#define VITA_IMAGE_MAX_BYTES (64u << 20)  /* a photo file */
#define VITA_IMAGE_MAX_PIXELS (64u << 20) /* width x height */

typedef enum vita_image_kind { VITA_IMAGE_NONE, VITA_IMAGE_PNG, VITA_IMAGE_JPEG } vita_image_kind;

typedef struct vita_pixels {
	int w, h;
	int components;      /* 3 (RGB; PNG alpha composited on white), 1 (grey JPEG) or 4 (CMYK JPEG) */
	unsigned char *data; /* w * h * components bytes, rows top to bottom */
} vita_pixels;

/* What the first bytes of a file (n of them, 8 are enough) say it is: the one sniffer. */
vita_image_kind vita_image_kind_of(const unsigned char *d, size_t n);
/* Decodes the whole file once; NULL when it is a usable PNG or JPEG (then *kind, *w, *h are set;
 * any may be NULL), else why not ("is not a PNG or JPEG image", "not a valid PNG image: CRC error",
 * "a JPEG image of 100000 x 100000 pixels; the limit is 64 megapixels"), written into why. */
const char *vita_image_check(const char *path, vita_image_kind *kind, int *w, int *h, char *why, size_t wsize);
/* Decodes the file's pixels; 0 on success, else -1 with the reason in why. */
int vita_image_decode(const char *path, vita_pixels *out, char *why, size_t wsize);
/* Decodes a PNG held in memory (n bytes at d) to RGBA: components 4 here means red, green, blue and
 * alpha; 0, or -1 with the reason in why. */
int vita_image_decode_rgba(const unsigned char *d, size_t n, vita_pixels *out, char *why, size_t wsize);
void vita_pixels_free(vita_pixels *p);

#endif
