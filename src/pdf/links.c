/*
 * The PDF backend's link annotations (writer.h), written as libharu would write them but held in
 * a few bytes each until the document is saved.
 *
 * libharu builds an annotation from eleven objects (the annotation's and its action's
 * dictionaries, five names, the rectangle and border arrays with seven numbers, a string), each
 * dictionary entry with a 128-byte key inside it: about 3 KB per link.  A CV with a DOI on every
 * publication held 30 MB of them at 10,000 publications (issue 17).  Here an annotation is one
 * empty libharu dictionary, so that it keeps its place among the document's objects (its object
 * number, the page's /Annots array), whose write hook (HPDF_Dict_Rec.write_fn, called between
 * libharu's "<<" and ">>") writes the entries from a small record kept in the writer's arena.
 * The bytes are those of HPDF_Page_CreateURILinkAnnot followed by HPDF_LinkAnnot_SetBorderStyle
 * (w, 0, 0) in libharu 2.3.0: the entries in the order those calls add them, the numbers through
 * libharu's own formatting, the URI through its string escaping.
 */
#include "pdf/writer.h"

typedef struct link_rec {
	HPDF_REAL rect[4]; /* left, bottom, right, top, as libharu stores them (floats) */
	HPDF_Page page;    /* the page the annotation is on: its /P */
	char uri[];        /* 7-bit ASCII, percent-encoded */
} link_rec;

static HPDF_STATUS put(HPDF_Stream s, const char *text, HPDF_STATUS ret)
{
	return ret != HPDF_OK ? ret : HPDF_Stream_WriteStr(s, text);
}

static HPDF_STATUS put_real(HPDF_Stream s, HPDF_REAL v, HPDF_STATUS ret)
{
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteReal(s, v);
	return put(s, " ", ret);
}

static HPDF_STATUS write_link(HPDF_Dict annot, HPDF_Stream s)
{
	const link_rec *r = annot->attr;
	HPDF_STATUS ret = put(s, "/Rect [ ", HPDF_OK);
	for (int i = 0; i < 4; i++)
		ret = put_real(s, r->rect[i], ret);
	ret = put(s, "]\012/Type /Annot\012/Subtype /Link\012/A <<\012/Type /Action\012/S /URI\012/URI ", ret);
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteEscapeText(s, r->uri);
	ret = put(s, "\012>>\012/P ", ret);
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteUInt(s, r->page->header.obj_id & 0x00FFFFFF);
	ret = put(s, " ", ret);
	if (ret == HPDF_OK)
		ret = HPDF_Stream_WriteUInt(s, r->page->header.gen_no);
	return put(s, " R\012/Border [ 0 0 0 ]\012", ret);
}

/* The page's /Annots array, made on its first link (as libharu's AddAnnotation does). */
static HPDF_Array page_annots(HPDF_Page page)
{
	HPDF_Array a = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
	if (a)
		return a;
	a = HPDF_Array_New(page->mmgr);
	if (!a || HPDF_Dict_Add(page, "Annots", a) != HPDF_OK)
		return NULL;
	return a;
}

int pdf_add_link(pdf_writer *w, HPDF_Page page, const double rect[4], const char *uri, size_t len)
{
	if (len > HPDF_LIMIT_MAX_STRING_LEN) /* libharu's limit for a string, which refused the link */
		return -1;
	if (!w->links)
		w->links = arena_new();
	link_rec *r = arena_alloc(w->links, sizeof *r + len + 1);
	for (int i = 0; i < 4; i++)
		r->rect[i] = (HPDF_REAL)rect[i];
	if (r->rect[3] < r->rect[1]) { /* libharu puts the larger y on top */
		HPDF_REAL t = r->rect[3];
		r->rect[3] = r->rect[1];
		r->rect[1] = t;
	}
	r->page = page;
	memcpy(r->uri, uri, len + 1);
	HPDF_Dict annot = HPDF_Dict_New(w->pdf->mmgr);
	if (!annot || HPDF_Xref_Add(w->pdf->xref, annot) != HPDF_OK)
		return -1;
	annot->header.obj_class |= HPDF_OSUBCLASS_ANNOTATION;
	annot->attr = r;
	annot->write_fn = write_link;
	HPDF_Array a = page_annots(page);
	return a && HPDF_Array_Add(a, annot) == HPDF_OK ? 0 : -1;
}
