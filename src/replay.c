/*
 * replay.c: a stream that gives back bytes already read from a pipe,
 * then the rest of the pipe: the file header can be looked at before
 * libpcap reads it, also on standard input.
 *
 * The rest is read with read(2), which returns what the pipe holds:
 * a live capture's packets are handed on as they come, not when a
 * buffer is full; and a read a signal interrupts fails, so the reader
 * can stop.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "replay.h"

struct replay {
	int fd;
	size_t off, len;
	char head[];
};

static ssize_t
replay_read(void *cookie, char *out, size_t n)
{
	struct replay *r = cookie;
	size_t got;

	if (r->off < r->len) {
		got = r->len - r->off < n ? r->len - r->off : n;
		memcpy(out, r->head + r->off, got);
		r->off += got;
		return (ssize_t)got;
	}
	return read(r->fd, out, n);
}

static int
replay_close(void *cookie)
{
	struct replay *r = cookie;
	int rc = close(r->fd);

	free(r);
	return rc;
}

FILE *
replay_open(int fd, const void *head, size_t len)
{
	cookie_io_functions_t io = { replay_read, NULL, NULL, replay_close };
	struct replay *r = malloc(sizeof *r + len);
	FILE *fp;

	if (r == NULL)
		return NULL;
	r->fd = fd;
	r->off = 0;
	r->len = len;
	memcpy(r->head, head, len);
	if ((fp = fopencookie(r, "rb", io)) == NULL)
		free(r);
	return fp;
}
