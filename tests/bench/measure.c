/*
 * The stopwatch of scripts/bench.sh: runs a command RUNS times (fork + exec, no shell in between,
 * its output discarded) and prints one line per run, `WALL_MS MAXRSS_KB STATUS CPU_MS`, where MAXRSS is
 * the child's peak resident set and CPU its user + system time, both from wait4() — so the figures are
 * the process's own, not a shell's.  CPU time, unlike wall time, hardly changes when other processes
 * compete for the cores, which tells a busy machine from a slow program.
 *
 *   measure RUNS COMMAND [ARG]...
 *   measure RUNS COMMAND_A [ARG]... -- COMMAND_B [ARG]...
 *
 * The second form alternates A and B, run by run (A B A B ...), and ends each line with 0 for A or 1
 * for B: a ratio of A to B is then taken from runs made side by side, under the same load, instead of
 * from medians taken minutes apart (which drift with the machine's load; hyperfine runs one command's
 * runs together).
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* One run of argv (NULL-terminated): prints its line, with TAG when TAG >= 0.  Returns -1 when the
 * run could not be started or waited for. */
static int run_once(char **cmd, int tag)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 1);
		dup2(null, 2);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	             (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	if (tag >= 0)
		printf("%.3f %ld %d %.3f %d\n", ms, ru.ru_maxrss, code, cpu, tag);
	else
		printf("%.3f %ld %d %.3f\n", ms, ru.ru_maxrss, code, cpu);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3 || atoi(argv[1]) < 1) {
		fprintf(stderr, "usage: measure RUNS COMMAND [ARG]... [-- COMMAND [ARG]...]\n");
		return 2;
	}
	int runs = atoi(argv[1]);
	char **b = NULL; /* the second command, after "--" */
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			argv[i] = NULL;
			b = argv + i + 1;
			break;
		}
	if (b && (!b[0] || !argv[2])) {
		fprintf(stderr, "measure: a command on each side of --\n");
		return 2;
	}
	for (int r = 0; r < runs; r++) {
		if (run_once(argv + 2, b ? 0 : -1) < 0 || (b && run_once(b, 1) < 0))
			return 1;
	}
	return 0;
}
