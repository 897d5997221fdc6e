/* STUB — replaced by the LaTeX backend. */
#include "base/base.h"
#include "vita/cv.h"
#include "vita/style.h"

int vita_latex_write(const vita_cv *cv, const vita_style *style, const vita_latex_opts *opts,
                     const char *path, vita_diags *d)
{
	(void)cv; (void)style; (void)opts;
	vita_pos p = {path, 0, 0};
	vita_diag(d, VITA_ERROR, p, "the LaTeX backend is not built yet");
	return -1;
}
