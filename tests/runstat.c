/*
 * runstat: runs a command and says, on standard error, how long it took
 * and how much memory it held at most:
 *
 *   runstat COMMAND [ARG...]  ->  "SECONDS MAXRSS_KIB" on stderr
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
	fprintf(stderr, "%.6f %ld\n", (double)(end.tv_sec - start.tv_sec) +
	    (double)(end.tv_nsec - start.tv_nsec) / 1e9, ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
}
