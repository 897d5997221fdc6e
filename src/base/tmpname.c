/*
 * The temporary files outputs are written to before they are renamed into place: their names,
 * their permissions, removing them when vita is stopped by a signal, and removing the ones an
 * earlier run left behind.
 *
 * A temporary is `DIR/.NAME.HOST.PID.XXXXXX`: beside its output (so rename() is atomic), hidden,
 * and carrying the host and process that wrote it, so that a later run can tell a temporary whose
 * writer is gone (same host, no such process) from one that a live process on another machine
 * sharing the folder is writing (a build shard).  Stale ones — writer gone, or older than a day
 * whoever wrote them — are removed by the next run that writes the same output.  NAME is cut when
 * the whole name would pass the file-system limit (255 bytes), so a 252-byte output name works.
 *
 * A signal handler may remove the temporaries in flight (tmp_remove_in_flight, async-signal-safe):
 * their paths are kept in a fixed table of slots, copied in, never pointers to freed memory.
 */
#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"

#define NAME_LIMIT 255      /* bytes in one file name (NAME_MAX on Linux file systems) */
#define STALE_SECONDS 86400 /* a temporary older than this is stale whoever wrote it */

/* This machine's name as it goes into a file name: [A-Za-z0-9-] only (at most 64 bytes). */
static void host_part(char *out, size_t size)
{
	char h[256] = "";
	if (gethostname(h, sizeof h - 1) != 0 || !*h)
		strcpy(h, "localhost");
	size_t k = 0;
	for (const char *p = h; *p && k + 1 < size && k < 64; p++)
		out[k++] = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ? *p : '-';
	out[k] = '\0';
}

char *tmp_name_for(const char *path)
{
	char host[80];
	host_part(host, sizeof host);
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path + 1) : 0;
	const char *base = path + dir;
	char tail[128];
	snprintf(tail, sizeof tail, ".%s.%ld.XXXXXX", host, (long)getpid());
	size_t room = NAME_LIMIT - 1 - strlen(tail), blen = strlen(base);
	if (blen > room) {
		blen = room;
		while (blen > 0 && ((unsigned char)base[blen] & 0xC0) == 0x80)
			blen--; /* never cut a UTF-8 sequence */
	}
	vita_buf b = {0};
	buf_printf(&b, "%.*s.%.*s%s", (int)dir, path, (int)blen, base, tail);
	return buf_take(&b);
}

/* Whether the temporary named name (in a folder), written for an output whose name prefix is
 * ".BASE.", is stale: its writer is gone from this host, or it is older than a day. */
static bool is_stale(const char *name, size_t prefix, const char *host, time_t mtime)
{
	const char *rest = name + prefix, *x = strrchr(rest, '.');
	if (!x || strlen(x + 1) != 6 || x == rest)
		return false;
	const char *p = x - 1;
	while (p > rest && *p >= '0' && *p <= '9')
		p--;
	if (*p != '.' || p + 1 == x)
		return false;
	if (time(NULL) - mtime > STALE_SECONDS)
		return true;
	size_t hl = (size_t)(p - rest);
	if (hl != strlen(host) || memcmp(rest, host, hl) != 0)
		return false; /* another machine's: only its age tells */
	long pid = strtol(p + 1, NULL, 10);
	return pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Set once a batch has cleaned its output folder in one pass: then each output need not scan it
 * again (10,000 outputs each reading a 10,000-entry folder would be 10^8 entries). */
static atomic_bool folder_cleaned;

void tmp_remove_stale(const char *path)
{
	if (atomic_load(&folder_cleaned))
		return;
	char *tmpl = tmp_name_for(path);
	const char *slash = strrchr(tmpl, '/');
	size_t dir = slash ? (size_t)(slash - tmpl + 1) : 0;
	char host[80];
	host_part(host, sizeof host);
	/* The name up to the host part: ".BASE." (BASE as cut in tmp_name_for). */
	char pid_tail[32];
	snprintf(pid_tail, sizeof pid_tail, ".%ld.XXXXXX", (long)getpid());
	size_t prefix = strlen(tmpl + dir) - strlen(pid_tail) - strlen(host);
	char *dname = dir ? xstrndup(tmpl, dir) : xstrdup(".");
	DIR *dh = opendir(dname);
	struct dirent *e;
	while (dh && (e = readdir(dh)) != NULL) {
		if (strncmp(e->d_name, tmpl + dir, prefix) != 0)
			continue;
		vita_buf full = {0};
		buf_printf(&full, "%s/%s", dname, e->d_name);
		struct stat st;
		if (lstat(full.data, &st) == 0 && S_ISREG(st.st_mode) &&
		    is_stale(e->d_name, prefix, host, st.st_mtime))
			unlink(full.data);
		buf_free(&full);
	}
	if (dh)
		closedir(dh);
	free(dname);
	free(tmpl);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void tmp_remove_stale_in(const char *dir, const char **names, size_t n)
{
	qsort(names, n, sizeof *names, cmp_name);
	char host[80];
	host_part(host, sizeof host);
	DIR *dh = opendir(dir);
	struct dirent *e;
	while (dh && (e = readdir(dh)) != NULL) {
		if (e->d_name[0] != '.')
			continue;
		/* .NAME.HOST.PID.XXXXXX, parsed from the right (a host part holds no dot) */
		const char *x = strrchr(e->d_name, '.');
		const char *p = x;
		while (p && p > e->d_name && p[-1] >= '0' && p[-1] <= '9')
			p--;
		if (!x || p == x || p - e->d_name < 4 || p[-1] != '.')
			continue;
		const char *h = p - 1; /* the dot before the pid; the host part ends here */
		while (h > e->d_name && h[-1] != '.')
			h--;
		if (h <= e->d_name + 2 || h == p - 1)
			continue;
		vita_buf name = {0};
		buf_put(&name, e->d_name + 1, (size_t)(h - 1 - (e->d_name + 1)));
		const char *key = buf_str(&name);
		bool mine = bsearch(&key, names, n, sizeof *names, cmp_name) != NULL;
		size_t prefix = (size_t)(h - e->d_name);
		vita_buf full = {0};
		buf_printf(&full, "%s/%s", dir, e->d_name);
		struct stat st;
		if (mine && lstat(full.data, &st) == 0 && S_ISREG(st.st_mode) && is_stale(e->d_name, prefix, host, st.st_mtime))
			unlink(full.data);
		buf_free(&full);
		buf_free(&name);
	}
	if (dh)
		closedir(dh);
	atomic_store(&folder_cleaned, true);
}

/* ---- the permissions of an output ---- */

/* 0666 less the umask, read from /proc (umask() itself would change it for every thread while
 * reading it); 0644 when it cannot be read. */
unsigned output_mode(void)
{
	static atomic_uint cached; /* 0: not read yet; else mode | 0x10000 */
	unsigned m = atomic_load(&cached);
	if (m)
		return m & 0777;
	unsigned mask = 022;
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "Umask:", 6) == 0) {
			mask = (unsigned)strtoul(line + 6, NULL, 8) & 0777;
			break;
		}
	if (f)
		fclose(f);
	m = 0666 & ~mask;
	atomic_store(&cached, m | 0x10000);
	return m;
}

/* ---- temporaries in flight, for a signal handler ---- */

#define SLOTS 256
#define SLOT_PATH 1024
static struct slot {
	atomic_int used;
	char path[SLOT_PATH];
} slots[SLOTS];

int tmp_register(const char *tmp_path)
{
	if (strlen(tmp_path) >= SLOT_PATH)
		return -1; /* not removable by a handler; the next run's clean-up removes it */
	for (int i = 0; i < SLOTS; i++) {
		int expect = 0;
		if (atomic_compare_exchange_strong(&slots[i].used, &expect, 2)) {
			strcpy(slots[i].path, tmp_path);
			atomic_store(&slots[i].used, 1);
			return i;
		}
	}
	return -1;
}

void tmp_unregister(int slot)
{
	if (slot >= 0 && slot < SLOTS)
		atomic_store(&slots[slot].used, 0);
}

void tmp_remove_in_flight(void)
{
	for (int i = 0; i < SLOTS; i++)
		if (atomic_load(&slots[i].used) == 1)
			unlink(slots[i].path);
}

/* Removes the temporaries in flight, then dies of the signal as if it had not been caught (so
 * the exit status says which signal stopped vita). */
void tmp_die_of_signal(int sig)
{
	tmp_remove_in_flight();
	signal(sig, SIG_DFL);
	/* the signal is blocked while its handler runs: unblock it so that raise() delivers it now */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);
}

void tmp_cleanup_on_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tmp_die_of_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}
