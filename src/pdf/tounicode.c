/*
 * A valid ToUnicode CMap for each embedded font, replacing the one libharu 2.3.0 writes.
 *
 * libharu's CMap uses `begincidrange`, which is not allowed in a ToUnicode CMap: poppler warns about
 * every font, PDFBox falls back to guessing and macOS Preview copies garbage — and applicant-tracking
 * systems read CVs the same way.  Under libharu's UTF-8 encoder a character's code is its own code
 * point, so the correct map is the identity over the characters the document uses, written as
 * `bfrange` runs and `bfchar` singles in blocks of at most 100 entries (the CMap format's limit).
 * The stream object is reached through libharu's installed internal headers (hpdf_font.h), and its
 * data replaced before the document is saved.
 */
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "pdf/pdf_internal.h"

#define CMAP_BLOCK 100

typedef struct cmap_run {
	uint32_t lo, hi;
} cmap_run;

/* Writes one kind of block (ranges when want_ranges, else singles) over the runs. */
static void put_blocks(vita_buf *out, const cmap_run *runs, size_t nruns, bool want_ranges)
{
	size_t total = 0;
	for (size_t i = 0; i < nruns; i++)
		total += (runs[i].hi > runs[i].lo) == want_ranges;
	const char *kind = want_ranges ? "bfrange" : "bfchar";
	size_t done = 0, in_block = 0;
	for (size_t i = 0; i < nruns; i++) {
		if ((runs[i].hi > runs[i].lo) != want_ranges)
			continue;
		if (in_block == 0) {
			size_t n = total - done < CMAP_BLOCK ? total - done : CMAP_BLOCK;
			buf_printf(out, "%zu begin%s\n", n, kind);
		}
		if (want_ranges)
			buf_printf(out, "<%04X> <%04X> <%04X>\n", (unsigned)runs[i].lo, (unsigned)runs[i].hi,
			           (unsigned)runs[i].lo);
		else
			buf_printf(out, "<%04X> <%04X>\n", (unsigned)runs[i].lo, (unsigned)runs[i].lo);
		done++;
		if (++in_block == CMAP_BLOCK || done == total) {
			buf_printf(out, "end%s\n", kind);
			in_block = 0;
		}
	}
}

void pdf_tounicode_cmap(const pdf_cpset *used, vita_buf *out)
{
	/* Runs of consecutive code points; a bfrange may only vary in its last byte, so a run also ends
	 * where the high byte changes. */
	cmap_run *runs = xmalloc((used->count ? used->count : 1) * sizeof *runs);
	size_t nruns = 0;
	for (long cp = pdf_cpset_next(used, 0); cp >= 0; cp = pdf_cpset_next(used, cp + 1)) {
		uint32_t c = (uint32_t)cp;
		if (nruns && runs[nruns - 1].hi + 1 == c && (c & 0xFF) != 0)
			runs[nruns - 1].hi = c;
		else
			runs[nruns++] = (cmap_run){c, c};
	}
	buf_puts(out, "/CIDInit /ProcSet findresource begin\n"
	              "12 dict begin\n"
	              "begincmap\n"
	              "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	              "/CMapName /Adobe-Identity-UCS def\n"
	              "/CMapType 2 def\n"
	              "1 begincodespacerange\n"
	              "<0000> <FFFF>\n"
	              "endcodespacerange\n");
	put_blocks(out, runs, nruns, true);
	put_blocks(out, runs, nruns, false);
	buf_puts(out, "endcmap\n"
	              "CMapName currentdict /CMap defineresource pop\n"
	              "end\n"
	              "end\n");
	free(runs);
}

HPDF_STATUS pdf_tounicode_install(HPDF_Font font, const pdf_cpset *used)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	if (attr->type != HPDF_FONT_TYPE0_TT || !attr->cmap_stream || !attr->cmap_stream->stream)
		return HPDF_INVALID_FONT;
	HPDF_Dict cmap = attr->cmap_stream;
	if (cmap->stream->type != HPDF_STREAM_MEMORY)
		return HPDF_INVALID_STREAM;
	/* These keys describe an embedded encoding CMap; a ToUnicode stream carries none of them. */
	static const char *const drop[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
	for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
		HPDF_Dict_RemoveElement(cmap, drop[i]); /* absent is fine */
	vita_buf text = {0};
	pdf_tounicode_cmap(used, &text);
	HPDF_MemStream_FreeData(cmap->stream);
	HPDF_STATUS rc = HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)text.data, (HPDF_UINT)text.len);
	buf_free(&text);
	return rc;
}
