/*
 * fuzz_merge: partial records through pcapflows --merge, as a user would
 * merge a damaged or hostile one.  The input is a partial's body (every
 * line after the first): the harness writes the first line itself, since
 * a header of another program or version is a usage error that ends the
 * program (exit 2), not damage to find.  Output goes to /dev/null.
 */
#include <config.h>

#include <fcntl.h>
#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int pcapflows_main(int argc, char **argv);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char header[] = "pcaptally-partial\t1\tpcapflows\tsource=a\t"
    "source=b\n";
static int devnull;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	devnull = open("/dev/null", O_WRONLY);
	return devnull < 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], *argv[] = { "pcapflows", "--merge", path, path, NULL };
	int fd = memfd_create("partial", 0), high;

	/* With -close_fd_mask, 1 and 2 may be free: keep off them. */
	if (fd >= 0 && fd <= STDERR_FILENO) {
		high = fcntl(fd, F_DUPFD, STDERR_FILENO + 1);
		close(fd);
		fd = high;
	}
	if (fd < 0 || write(fd, header, sizeof header - 1) !=
	    (ssize_t)(sizeof header - 1) || write(fd, data, size) !=
	    (ssize_t)size)
		__builtin_trap();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (dup2(devnull, STDOUT_FILENO) < 0)
		__builtin_trap();
	optind = 0;	/* getopt starts over */
	/* The same partial twice: folded onto itself, named twice. */
	pcapflows_main(4, argv);
	close(fd);
	return 0;
}
