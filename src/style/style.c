/* STUB — replaced by the style loader.  Returns NULL without an error so `vita check` works. */
#include "base/base.h"
#include "vita/cv.h"
#include "vita/style.h"

vita_style *vita_style_load(const vita_cv *cv, vita_diags *d)
{
	(void)cv; (void)d;
	return NULL;
}
void vita_style_free(vita_style *s) { (void)s; }
