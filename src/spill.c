/*
 * spill.c: a queue of fixed-size records in input order, held in a
 * buffer of fixed size and spilled to a temporary file when it fills, so
 * that memory stays flat however many records wait (pcapsmall's lines of
 * connections whose roles are decided at the end of the input).
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

static void
fail(const char *what)
{
	pt_warn("temporary file: %s: %s", what, strerror(errno));
	exit(1);
}

void
pt_spill_init(struct pt_spill *s, size_t size)
{
	memset(s, 0, sizeof *s);
	s->size = size;
	s->cap = PT_SPILL_BYTES / size;
}

/* Writes the buffered records to the file, which is made when first needed. */
static void
flush(struct pt_spill *s)
{
	if (s->n == 0)
		return;
	if (s->fp == NULL && (s->fp = tmpfile()) == NULL)
		fail("cannot create");
	if (fwrite(s->buf, s->size, s->n, s->fp) != s->n)
		fail("cannot write");
	s->n = 0;
}

void
pt_spill_push(struct pt_spill *s, const void *rec)
{
	if (s->buf == NULL)
		s->buf = pt_xreallocarray(NULL, s->cap, s->size);
	if (s->n == s->cap)
		flush(s);
	memcpy(s->buf + s->n * s->size, rec, s->size);
	s->n++;
	s->pushed++;
}

void
pt_spill_drain(struct pt_spill *s, pt_spill_fn *fn, void *ctx)
{
	size_t n, i;

	if (s->fp != NULL) {
		flush(s);
		if (fflush(s->fp) != 0 || fseek(s->fp, 0, SEEK_SET) != 0)
			fail("cannot write");
		while ((n = fread(s->buf, s->size, s->cap, s->fp)) > 0)
			for (i = 0; i < n; i++)
				fn(ctx, s->buf + i * s->size);
		if (ferror(s->fp))
			fail("cannot read");
		fclose(s->fp);
		s->fp = NULL;
	}
	for (i = 0; i < s->n; i++)
		fn(ctx, s->buf + i * s->size);
	s->n = 0;
}

void
pt_spill_free(struct pt_spill *s)
{
	if (s->fp != NULL)
		fclose(s->fp);
	free(s->buf);
	memset(s, 0, sizeof *s);
}
