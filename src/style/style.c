/* STUB — replaced by the style loader. */
#include "base/base.h"
#include "vita/cv.h"
#include "vita/style.h"

vita_style *vita_style_load(const vita_cv *cv, vita_diags *d)
{
	vita_pos p = {cv ? cv->path : NULL, 0, 0};
	vita_diag(d, VITA_ERROR, p, "the style loader is not built yet");
	return NULL;
}
void vita_style_free(vita_style *s) { (void)s; }
