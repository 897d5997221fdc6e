/*
 * One archive of a backend's files (src/render/zip.c): the LaTeX output as a .zip.
 */
#ifndef VITA_RENDER_ZIP_H
#define VITA_RENDER_ZIP_H

#include "vita.h"

/* files (as vita_latex_write_files gives them; the one named NULL is stored as tex_name) as one
 * .zip archive in memory (*data malloc'd), every entry dated when (seconds since the epoch).  0, or
 * -1 with an error at path (libzip missing, out of memory). */
int vita_zip_files(const vita_output *files, size_t n, const char *tex_name, long long when, char **data,
                   size_t *len, const char *path, vita_diags *d);

#endif
