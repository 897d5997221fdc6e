/* JSON Resume → the CV model (filled in below). */
#include "load/load_internal.h"

void load_jsonresume(loader *L, const vita_node *root)
{
	(void)root;
	vita_diag(L->d, VITA_ERROR, root->pos, "JSON Resume is not read yet");
}
