/* STUB — replaced by the batch builder. */
#include <stdio.h>

#include "build/build.h"

int vita_build_main(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "vita build: not built yet\n");
	return 1;
}
