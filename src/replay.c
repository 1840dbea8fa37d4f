/*
 * replay.c: a stream that gives back bytes already read from a pipe,
 * then the rest of the pipe: the file header can be looked at before
 * libpcap reads it, also on standard input.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

struct replay {
	FILE *rest;
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
	got = fread(out, 1, n, r->rest);
	return got == 0 && ferror(r->rest) ? -1 : (ssize_t)got;
}

static int
replay_close(void *cookie)
{
	struct replay *r = cookie;
	int rc = fclose(r->rest);

	free(r);
	return rc;
}

FILE *
replay_open(FILE *rest, const void *head, size_t len)
{
	cookie_io_functions_t io = { replay_read, NULL, NULL, replay_close };
	struct replay *r = malloc(sizeof *r + len);
	FILE *fp;

	if (r == NULL)
		return NULL;
	r->rest = rest;
	r->off = 0;
	r->len = len;
	memcpy(r->head, head, len);
	if ((fp = fopencookie(r, "rb", io)) == NULL)
		free(r);
	return fp;
}
