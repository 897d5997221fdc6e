/*
 * Where vita finds its data (styles/, fonts/): $VITA_DATA_DIR, else the source tree it was built in.
 */
#include <stdlib.h>

#include "base/base.h"

#ifndef VITA_DATA_DIR
#define VITA_DATA_DIR "."
#endif

const char *vita_data_dir(void)
{
	const char *e = getenv("VITA_DATA_DIR");
	return e && *e ? e : VITA_DATA_DIR;
}
