/*
 * The stopwatch of scripts/bench.sh: runs a command RUNS times (fork + exec, no shell in between,
 * its output discarded) and prints one line per run, `WALL_MS MAXRSS_KB STATUS CPU_MS`, where MAXRSS is
 * the child's peak resident set and CPU its user + system time, both from wait4() — so the figures are
 * the process's own, not a shell's.  CPU time, unlike wall time, hardly changes when other processes
 * compete for the cores, which tells a busy machine from a slow program.
 *
 *   measure RUNS COMMAND [ARG]...
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 3 || atoi(argv[1]) < 1) {
		fprintf(stderr, "usage: measure RUNS COMMAND [ARG]...\n");
		return 2;
	}
	int runs = atoi(argv[1]);
	for (int r = 0; r < runs; r++) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			int null = open("/dev/null", O_RDWR);
			dup2(null, 1);
			dup2(null, 2);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		int status;
		struct rusage ru;
		if (wait4(pid, &status, 0, &ru) < 0) {
			perror("wait4");
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		             (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
		printf("%.3f %ld %d %.3f\n", ms, ru.ru_maxrss, code, cpu);
		fflush(stdout);
	}
	return 0;
}
