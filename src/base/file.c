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

static vita_pos file_pos(const char *path)
{
	vita_pos p = {path, 0, 0};
	return p;
}

char *read_file(const char *path, size_t max, size_t *len, vita_diags *d)
{
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

int tmpfile_open(vita_tmpfile *t, const char *path, vita_diags *d)
{
	memset(t, 0, sizeof *t);
	t->fd = -1;
	size_t n = strlen(path);
	t->tmp_path = xmalloc(n + 16);
	/* A hidden name in the same folder, so rename() is atomic and a crash leaves only a dotfile. */
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path + 1) : 0;
	snprintf(t->tmp_path, n + 16, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
	t->fd = mkstemp(t->tmp_path);
	if (t->fd < 0) {
		vita_diag(d, VITA_ERROR, file_pos(path), "cannot write: %s", strerror(errno));
		free(t->tmp_path);
		t->tmp_path = NULL;
		return -1;
	}
	fchmod(t->fd, 0644);
	t->final_path = xstrdup(path);
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
