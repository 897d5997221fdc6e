/* STUB — replaced by the PDF backend. */
#include "base/base.h"
#include "vita/frame.h"

int vita_pdf_write(const vita_doc *doc, const char *path, vita_diags *d)
{
	(void)doc;
	vita_pos p = {path, 0, 0};
	vita_diag(d, VITA_ERROR, p, "the PDF backend is not built yet");
	return -1;
}
int vita_pdf_write_mem(const vita_doc *doc, unsigned char **out, size_t *len, vita_diags *d)
{
	(void)doc; (void)out; (void)len;
	vita_pos p = {NULL, 0, 0};
	vita_diag(d, VITA_ERROR, p, "the PDF backend is not built yet");
	return -1;
}
