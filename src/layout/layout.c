/* STUB — replaced by the layout engine. */
#include "base/base.h"
#include "vita/cv.h"
#include "vita/frame.h"

vita_doc *vita_layout(const vita_cv *cv, const vita_style *style, vita_diags *d)
{
	(void)style;
	vita_pos p = {cv ? cv->path : NULL, 0, 0};
	vita_diag(d, VITA_ERROR, p, "the layout engine is not built yet");
	return NULL;
}
void vita_doc_free(vita_doc *doc) { (void)doc; }
void vita_doc_dump(const vita_doc *doc, FILE *out) { (void)doc; (void)out; }
