/*
 * Files with checks, and outputs written so that a reader never sees half of one (file.c).  Above
 * base/ and diag/: these report their failures as diagnostics at the file, so base itself reports
 * nothing.
 */
#ifndef VITA_IO_IO_H
#define VITA_IO_IO_H

#include "base/base.h"

/* Reads a whole regular file (refusing directories, devices and files over max bytes) with a NUL
 * after the data.  On failure returns NULL and reports at (path, 0, 0). */
char *read_file(const char *path, size_t max, size_t *len, vita_diags *d);
/* Writes data to path atomically: a temporary file in the same folder (.NAME.XXXXXX), then
 * rename()d over path.  What is guaranteed: whenever vita stops (an error, Ctrl-C, a kill), path
 * holds either its previous contents or the complete new file, never a truncated one; on a
 * reported failure nothing is left behind (a kill -9 mid-write may leave the hidden temporary).
 * Not guaranteed: durability across a power loss or OS crash — there is no fsync, on purpose (a
 * batch writes thousands of files, and an output can be rendered again).  0 on success. */
int write_file_atomic(const char *path, const void *data, size_t len, vita_diags *d);
/* Opens a temporary file beside path for a writer that streams (e.g. libharu); commit or abort. */
typedef struct vita_tmpfile {
	char *tmp_path;
	char *final_path;
	int fd;
	int slot; /* in the table a signal handler cleans (tmpname.c), or -1 */
} vita_tmpfile;
int tmpfile_open(vita_tmpfile *t, const char *path, vita_diags *d);
/* Where writing the output path goes (malloc'd), or NULL after an error at path: only a new name
 * or a regular file is written; a symbolic link to a regular file is written through (its target
 * is replaced, the link kept); a folder, device, FIFO, socket, or a link to one is refused.
 * Called before rendering (so nothing is computed for an output that cannot be written) and again
 * by tmpfile_open. */
char *output_target(const char *path, vita_diags *d);
int tmpfile_commit(vita_tmpfile *t, vita_diags *d); /* renames over path; closes */
void tmpfile_abort(vita_tmpfile *t);               /* unlinks; closes */

#endif
