/*
 * fuzz_merge: partial records through each program's --merge, as a user
 * would merge a damaged or hostile one.  The input's first byte picks the
 * program (and its options), the rest is a partial's body (every line
 * after the first): the harness writes the first line itself, since a
 * header of another program or version is a usage error that ends the
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
int pcapclose_main(int argc, char **argv);
int pcapbytes_main(int argc, char **argv);
int pcapsmall_main(int argc, char **argv);
int pcapdns_main(int argc, char **argv);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Each program, with the header its --partial writes by default. */
static const struct {
	int (*prog_main)(int, char **);
	const char *name, *header;
} progs[] = {
	{ pcapflows_main, "pcapflows", "pcapflows" },
	{ pcapclose_main, "pcapclose", "pcapclose" },
	{ pcapbytes_main, "pcapbytes", "pcapbytes" },
	{ pcapbytes_main, "pcapbytes", "pcapbytes\tu=1" },
	{ pcapsmall_main, "pcapsmall", "pcapsmall\ts=0-79\tp=0\td=both" },
	{ pcapdns_main, "pcapdns", "pcapdns\tt=30.000000000" },
};
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
	char path[64], header[128], *argv[] = { NULL, "--merge", path, path,
	    NULL };
	int fd, high, n;
	size_t p;

	if (size == 0)
		return 0;
	p = data[0] % (sizeof progs / sizeof progs[0]);
	n = snprintf(header, sizeof header, "pcaptally-partial\t1\t%s\t"
	    "source=a\tsource=b\n", progs[p].header);
	fd = memfd_create("partial", 0);
	/* With -close_fd_mask, 1 and 2 may be free: keep off them. */
	if (fd >= 0 && fd <= STDERR_FILENO) {
		high = fcntl(fd, F_DUPFD, STDERR_FILENO + 1);
		close(fd);
		fd = high;
	}
	if (fd < 0 || write(fd, header, (size_t)n) != n ||
	    write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		__builtin_trap();
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (dup2(devnull, STDOUT_FILENO) < 0)
		__builtin_trap();
	optind = 0;	/* getopt starts over */
	argv[0] = (char *)progs[p].name;
	/* The same partial twice: folded onto itself, named twice. */
	progs[p].prog_main(4, argv);
	close(fd);
	return 0;
}
