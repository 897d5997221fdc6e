/*
 * Font subsetting in front of libharu: each font a document uses is cut down by HarfBuzz's
 * hb-subset to the characters drawn with it, before libharu ever sees it.
 *
 * libharu 2.3.0 "subsets" only the glyf outlines and copies every other table whole, so a PDF with
 * one CJK font weighs hundreds of kilobytes; worse, it silently drops glyphs — components of nested
 * composites (a bold "š" loses its caron) and every glyph id above 32767 (Droid Sans Fallback draws
 * 江 as 工).  A real subset is small, has few glyphs, and keeps composite components, which avoids
 * both bugs.  Hinting and the layout tables (GSUB, GPOS, …) are dropped: shaping already happened in
 * the layout, and PDF viewers do not hint.  libharu 2.3.0 loads fonts only from a path, so the
 * subset goes into an anonymous memory file (memfd) opened through /proc/self/fd/N, or, where that
 * is unavailable, into a temporary file that is unlinked as soon as libharu opened it.
 */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hb-subset.h>
#include <hb.h>

#include "pdf/pdf_internal.h"

/* Tables libharu does not read and a PDF viewer does not need once text is shaped and placed. */
static const hb_tag_t dropped_tables[] = {
	HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
	HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
	HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'), HB_TAG('k', 'e', 'r', 'x'),
	HB_TAG('D', 'S', 'I', 'G'), HB_TAG('S', 'T', 'A', 'T'), HB_TAG('m', 'e', 't', 'a'),
	HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'),
	HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('V', 'D', 'M', 'X'),
	HB_TAG('g', 'a', 's', 'p'), HB_TAG('P', 'C', 'L', 'T'),
};

static vita_pos font_pos(const vita_font_ref *f)
{
	vita_pos p = {f->path, 0, 0};
	return p;
}

/* Names the first few code points of missing in one warning, so a page of CJK text in a Latin font
 * gives one message, not hundreds. */
static void warn_missing(const vita_font_ref *f, const pdf_cpset *missing, vita_diags *d)
{
	vita_buf list = {0};
	size_t shown = 0;
	for (long cp = pdf_cpset_next(missing, 0); cp >= 0 && shown < 8; cp = pdf_cpset_next(missing, cp + 1)) {
		buf_printf(&list, "%sU+%04lX", shown ? ", " : "", (unsigned long)cp);
		if (cp >= 0x20 && cp != 0x7F) {
			buf_puts(&list, " '");
			buf_put_utf8(&list, (uint32_t)cp);
			buf_puts(&list, "'");
		}
		shown++;
	}
	if (missing->count > shown)
		buf_printf(&list, " and %zu more", missing->count - shown);
	vita_diag(d, VITA_WARNING, font_pos(f),
	          "the font has no glyph for %zu character%s drawn with it (%s); they will be blank in the PDF",
	          missing->count, missing->count == 1 ? "" : "s", buf_str(&list));
	buf_free(&list);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Puts the bytes where libharu can open them by path. */
static int store(const char *data, size_t len, pdf_subset *out, const vita_font_ref *f, vita_diags *d)
{
	out->fd = memfd_create("vita-font", MFD_CLOEXEC);
	if (out->fd >= 0) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", out->fd);
		if (write_all(out->fd, data, len) == 0 && access(path, R_OK) == 0) {
			out->path = xstrdup(path);
			return 0;
		}
		close(out->fd); /* no /proc, or the write failed: try a named file */
		out->fd = -1;
	}
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	size_t n = strlen(dir) + 32;
	out->path = xmalloc(n);
	snprintf(out->path, n, "%s/vita-font-XXXXXX", dir);
	out->fd = mkstemp(out->path);
	out->is_temp = out->fd >= 0;
	if (out->fd < 0 || write_all(out->fd, data, len) != 0) {
		vita_diag(d, VITA_ERROR, font_pos(f), "cannot write the font subset to %s: %s", out->path,
		          strerror(errno));
		pdf_subset_close(out);
		return -1;
	}
	return 0;
}

int pdf_subset_font(const vita_font_ref *f, const pdf_cpset *used, pdf_cpset *covered,
                    pdf_subset *out, vita_diags *d)
{
	memset(out, 0, sizeof *out);
	out->fd = -1;
	memset(covered, 0, sizeof *covered);
	int rc = -1;
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->path);
	hb_face_t *face = NULL, *sub = NULL;
	hb_font_t *font = NULL;
	hb_subset_input_t *input = NULL;
	hb_blob_t *sub_blob = NULL;
	pdf_cpset *missing = NULL;
	if (!blob) {
		vita_diag(d, VITA_ERROR, font_pos(f), "cannot read the font file");
		goto done;
	}
	if (f->face_index < 0 || (unsigned)f->face_index >= hb_face_count(blob)) {
		vita_diag(d, VITA_ERROR, font_pos(f), "not a font file, or it has no face %d", f->face_index);
		goto done;
	}
	face = hb_face_create(blob, (unsigned)f->face_index);
	hb_blob_t *glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
	bool has_glyf = hb_blob_get_length(glyf) > 0;
	hb_blob_destroy(glyf);
	if (!has_glyf) {
		vita_diag(d, VITA_ERROR, font_pos(f),
		          "the font has no TrueType outlines (glyf table); the PDF writer (libharu 2.3.0) "
		          "cannot embed CFF/.otf fonts: use a .ttf or .ttc");
		goto done;
	}

	font = hb_font_create(face);
	missing = xcalloc(1, sizeof *missing);
	for (long cp = pdf_cpset_next(used, 0); cp >= 0; cp = pdf_cpset_next(used, cp + 1)) {
		hb_codepoint_t g;
		if (hb_font_get_nominal_glyph(font, (hb_codepoint_t)cp, &g) && g != 0)
			pdf_cpset_add(covered, (uint32_t)cp);
		else
			pdf_cpset_add(missing, (uint32_t)cp);
	}
	if (missing->count)
		warn_missing(f, missing, d);
	if (covered->count == 0) {
		rc = 1;
		goto done;
	}

	input = hb_subset_input_create_or_fail();
	if (!input) {
		vita_diag(d, VITA_ERROR, font_pos(f), "cannot subset the font: out of memory");
		goto done;
	}
	hb_set_t *unicodes = hb_subset_input_unicode_set(input);
	for (long cp = pdf_cpset_next(covered, 0); cp >= 0; cp = pdf_cpset_next(covered, cp + 1))
		hb_set_add(unicodes, (hb_codepoint_t)cp);
	hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (size_t i = 0; i < sizeof dropped_tables / sizeof *dropped_tables; i++)
		hb_set_add(drop, dropped_tables[i]);
	hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
	sub = hb_subset_or_fail(face, input);
	if (!sub) {
		vita_diag(d, VITA_ERROR, font_pos(f), "HarfBuzz could not subset the font");
		goto done;
	}
	sub_blob = hb_face_reference_blob(sub);
	unsigned len = 0;
	const char *data = hb_blob_get_data(sub_blob, &len);
	if (!data || len == 0) {
		vita_diag(d, VITA_ERROR, font_pos(f), "HarfBuzz could not subset the font");
		goto done;
	}
	out->size = len;
	out->glyphs = hb_face_get_glyph_count(sub);
	rc = store(data, len, out, f, d);

done:
	free(missing);
	hb_blob_destroy(sub_blob);
	hb_face_destroy(sub);
	hb_subset_input_destroy(input);
	hb_font_destroy(font);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return rc;
}

void pdf_subset_close(pdf_subset *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if (s->is_temp && s->path)
		unlink(s->path);
	s->is_temp = false;
	free(s->path);
	s->path = NULL;
}
