/*
 * runstat: runs a command and says, on standard error, how long it took
 * and how much memory it held at most:
 *
 *   runstat COMMAND [ARG...]  ->  "SECONDS MAXRSS_KIB CPU_SECONDS" on stderr
 *
 * SECONDS is wall-clock time; CPU_SECONDS the user and system time the
 * command used, which other work on a shared machine disturbs less.
 *
 * The command's own standard output and error pass through; runstat
 * exits with its status.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec start, end;
	struct rusage ru;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: runstat command [arg ...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	if ((pid = fork()) < 0) {
		perror("runstat: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("runstat: wait4");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	fprintf(stderr, "%.6f %ld %.6f\n", (double)(end.tv_sec - start.tv_sec) +
	    (double)(end.tv_nsec - start.tv_nsec) / 1e9, ru.ru_maxrss,
	    (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
}
