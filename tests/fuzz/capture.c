/*
 * fuzz_capture: a whole capture file through each program's main, as a
 * user would run it: pcapflows -v, pcapclose, pcapbytes -u, pcapsmall of
 * every size, pcapdns.  Their output goes to /dev/null.
 */
#include <config.h>

#include <fcntl.h>
#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int pcapflows_main(int argc, char **argv);
int pcapclose_main(int argc, char **argv);
int pcapbytes_main(int argc, char **argv);
int pcapsmall_main(int argc, char **argv);
int pcapdns_main(int argc, char **argv);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = open("/dev/null", O_WRONLY);
	return devnull < 0;
}

/* Runs one program's main on path, its standard output to /dev/null. */
static void
run(int (*prog_main)(int, char **), const char *name, const char *opt,
    char *path)
{
	char *argv[] = { (char *)name, (char *)opt, path, NULL };

	if (dup2(devnull, STDOUT_FILENO) < 0)
		__builtin_trap();
	optind = 0;	/* getopt starts over */
	prog_main(3, argv);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd = memfd_create("capture", 0), high;

	/* With -close_fd_mask, 1 and 2 may be free: keep off them. */
	if (fd >= 0 && fd <= STDERR_FILENO) {
		high = fcntl(fd, F_DUPFD, STDERR_FILENO + 1);
		close(fd);
		fd = high;
	}
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		__builtin_trap();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	run(pcapflows_main, "pcapflows", "-v", path);
	run(pcapclose_main, "pcapclose", "-H", path);
	run(pcapbytes_main, "pcapbytes", "-u", path);
	run(pcapsmall_main, "pcapsmall", "-s0-4294967295", path);
	run(pcapdns_main, "pcapdns", "-t1", path);
	close(fd);
	return 0;
}
