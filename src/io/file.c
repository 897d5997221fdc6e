/*
 * Reading input files safely and writing output files atomically.
 *
 * Inputs are checked before they are read (a directory or a device named as a CV must give a clear
 * error, not a hang), and capped in size.  Outputs are written to a temporary file beside the target
 * and renamed, so an error or an interrupted run never leaves a truncated file where a good one was
 * expected.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "io/io.h"

static vita_pos file_pos(const char *path)
{
	vita_pos p = {path, 0, 0};
	return p;
}

char *read_file(const char *path, size_t max, size_t *len, vita_diags *d)
{
	vita_reads_note(path);
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		vita_diag(d, VITA_ERROR, file_pos(path), "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		vita_diag(d, VITA_ERROR, file_pos(path), "cannot stat: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		vita_diag(d, VITA_ERROR, file_pos(path), "is a directory, not a CV file");
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		vita_diag(d, VITA_ERROR, file_pos(path), "is not a regular file (a device, pipe or socket)");
		close(fd);
		return NULL;
	}
	if ((unsigned long long)st.st_size > max) {
		vita_diag(d, VITA_ERROR, file_pos(path), "file is %lld bytes; the limit is %zu bytes",
		          (long long)st.st_size, max);
		close(fd);
		return NULL;
	}
	/* Clear O_NONBLOCK now that we know it is a regular file. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	/* Room for the size fstat reported, the NUL, and one byte to see EOF without growing. */
	size_t cap = (size_t)st.st_size + 2, n = 0;
	char *data = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			/* The file grew after fstat (a log being written, /proc): keep going up to max. */
			if (n >= max) {
				vita_diag(d, VITA_ERROR, file_pos(path), "file grew past the limit of %zu bytes", max);
				free(data);
				close(fd);
				return NULL;
			}
			cap = cap > max / 2 ? max + 2 : cap * 2;
			data = xrealloc(data, cap);
		}
		ssize_t r = read(fd, data + n, cap - 1 - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			vita_diag(d, VITA_ERROR, file_pos(path), "cannot read: %s", strerror(errno));
			free(data);
			close(fd);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			vita_diag(d, VITA_ERROR, file_pos(path), "file grew past the limit of %zu bytes", max);
			free(data);
			close(fd);
			return NULL;
		}
	}
	close(fd);
	data[n] = '\0';
	*len = n;
	return data;
}

/* What a file type is, for a message. */
static const char *kind_of(mode_t m)
{
	return S_ISDIR(m) ? "a folder" : S_ISFIFO(m) ? "a pipe (FIFO)" : S_ISSOCK(m) ? "a socket" : "a device";
}

/* Whether a chain of symbolic links starting at path passes through /proc or /dev: /dev/stdout
 * and /proc/self/fd/N name whatever a descriptor is, which is never an output file of vita's. */
static bool link_into_proc_or_dev(const char *path)
{
	vita_buf cur = {0};
	buf_puts(&cur, path);
	bool found = false;
	for (int hop = 0; hop < 40 && !found; hop++) {
		char target[4096];
		ssize_t n = readlink(cur.data, target, sizeof target - 1);
		if (n < 0)
			break;
		target[n] = '\0';
		found = strncmp(target, "/proc/", 6) == 0 || strncmp(target, "/dev/", 5) == 0;
		vita_buf next = {0};
		const char *slash = strrchr(cur.data, '/');
		if (target[0] != '/' && slash)
			buf_put(&next, cur.data, (size_t)(slash - cur.data + 1));
		buf_puts(&next, target);
		buf_free(&cur);
		cur = next;
	}
	buf_free(&cur);
	return found;
}

char *output_target(const char *path, vita_diags *d)
{
	struct stat ls, st;
	if (lstat(path, &ls) != 0)
		return xstrdup(path); /* a new file (a bad folder is reported when it is created) */
	if (S_ISREG(ls.st_mode))
		return xstrdup(path);
	if (!S_ISLNK(ls.st_mode)) {
		vita_diag(d, VITA_ERROR, file_pos(path),
		          "is %s, not a regular file; vita writes only to a regular file or a new name",
		          kind_of(ls.st_mode));
		return NULL;
	}
	if (link_into_proc_or_dev(path)) {
		vita_diag(d, VITA_ERROR, file_pos(path),
		          "is a symbolic link into /proc or /dev (like /dev/stdout), not to a regular file; "
		          "vita writes only to a regular file or a new name");
		return NULL;
	}
	if (stat(path, &st) != 0)
		return xstrdup(path); /* a dangling link is replaced, as a missing file is created */
	if (!S_ISREG(st.st_mode)) {
		vita_diag(d, VITA_ERROR, file_pos(path),
		          "is a symbolic link to %s, not to a regular file; vita writes only to a regular "
		          "file or a new name",
		          kind_of(st.st_mode));
		return NULL;
	}
	/* A link to a regular file is written through: the file it names is replaced, the link
	 * stays (S1: never replace what /dev/stdout-like links point at with a file of our own). */
	char *real = realpath(path, NULL);
	if (!real)
		vita_diag(d, VITA_ERROR, file_pos(path), "cannot resolve the symbolic link: %s", strerror(errno));
	return real;
}

int tmpfile_open(vita_tmpfile *t, const char *out, vita_diags *d)
{
	memset(t, 0, sizeof *t);
	t->fd = -1;
	t->slot = -1;
	char *path = output_target(out, d);
	if (!path)
		return -1;
	/* A hidden name in the same folder, so rename() is atomic and a crash leaves only a dotfile
	 * (which names its host and process, so that the next run can remove it: tmpname.c). */
	tmp_remove_stale(path);
	t->tmp_path = tmp_name_for(path);
	t->slot = -1;
	t->fd = mkstemp(t->tmp_path);
	if (t->fd < 0) {
		vita_diag(d, VITA_ERROR, file_pos(path), "cannot write: %s", strerror(errno));
		free(t->tmp_path);
		free(path);
		t->tmp_path = NULL;
		return -1;
	}
	t->slot = tmp_register(t->tmp_path);
	fchmod(t->fd, (mode_t)output_mode());
	t->final_path = path;
	return 0;
}

int tmpfile_commit(vita_tmpfile *t, vita_diags *d)
{
	int rc = 0;
	if (t->fd >= 0 && close(t->fd) != 0) {
		vita_diag(d, VITA_ERROR, file_pos(t->final_path), "cannot write: %s", strerror(errno));
		rc = -1;
	}
	t->fd = -1;
	if (rc == 0 && rename(t->tmp_path, t->final_path) != 0) {
		vita_diag(d, VITA_ERROR, file_pos(t->final_path), "cannot rename into place: %s", strerror(errno));
		rc = -1;
	}
	if (rc != 0)
		unlink(t->tmp_path);
	tmp_unregister(t->slot);
	t->slot = -1;
	free(t->tmp_path);
	free(t->final_path);
	t->tmp_path = t->final_path = NULL;
	return rc;
}

void tmpfile_abort(vita_tmpfile *t)
{
	if (t->fd >= 0)
		close(t->fd);
	if (t->tmp_path)
		unlink(t->tmp_path);
	tmp_unregister(t->slot);
	t->slot = -1;
	free(t->tmp_path);
	free(t->final_path);
	t->tmp_path = t->final_path = NULL;
	t->fd = -1;
}

int write_file_atomic(const char *path, const void *data, size_t len, vita_diags *d)
{
	vita_tmpfile t;
	if (tmpfile_open(&t, path, d) != 0)
		return -1;
	const char *p = data;
	while (len) {
		ssize_t w = write(t.fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			vita_diag(d, VITA_ERROR, file_pos(path), "cannot write: %s", strerror(errno));
			tmpfile_abort(&t);
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return tmpfile_commit(&t, d);
}
