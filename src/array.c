/*
 * array.c: growing arrays of flat records, and allocation that fails
 * gracefully.  A program keeps what it counts per connection in an array
 * indexed by connection id, beside the connection table.
 *
 * Memory running out must not lose what was read: the tables grow ahead
 * of need (a table that has just become full grows at once), and a
 * growth that fails then only marks memory short; the reader stops after
 * the packet, which had its room, and the programs print their results.
 * Only an allocation needed at once can fail the packet: it jumps back
 * to the reader (pt_oom_jump), or, outside reading, exits.
 */
#include <config.h>

#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

bool pt_memory_short;
jmp_buf *pt_oom_jump;

void *
pt_try_reallocarray(void *p, size_t n, size_t size)
{
	void *q;

	if (size != 0 && n > SIZE_MAX / size) {
		pt_memory_short = true;
		return NULL;
	}
	if ((q = realloc(p, n * size)) == NULL && n != 0 && size != 0) {
		pt_memory_short = true;
		return NULL;
	}
	return q;
}

void *
pt_xreallocarray(void *p, size_t n, size_t size)
{
	void *q = pt_try_reallocarray(p, n, size);

	if (q == NULL && n != 0 && size != 0) {
		if (pt_oom_jump != NULL)
			longjmp(*pt_oom_jump, 1);
		pt_warn("out of memory");
		exit(1);
	}
	return q;
}

void *
pt_grow_ahead(void *items, size_t *cap, size_t size)
{
	void *more = pt_try_reallocarray(items, 2 * *cap, size);

	if (more == NULL)
		return items;
	*cap *= 2;
	return more;
}

void *
pt_array_grow(struct pt_array *a, size_t i)
{
	size_t cap = a->cap ? a->cap : 1024;

	if (i >= a->cap) {
		while (cap <= i)
			cap *= 2;
		a->items = pt_xreallocarray(a->items, cap, a->size);
		a->cap = cap;
	}
	/*
	 * Records are zeroed as they are first reached, not when the array
	 * grows: memory not yet used stays untouched (not resident).
	 */
	if (i >= a->n) {
		memset((char *)a->items + a->n * a->size, 0,
		    (i + 1 - a->n) * a->size);
		a->n = i + 1;
	}
	if (a->n == a->cap)
		a->items = pt_grow_ahead(a->items, &a->cap, a->size);
	return (char *)a->items + i * a->size;
}

const void *
pt_array_get(const struct pt_array *a, size_t i)
{
	static const uint64_t zero[PT_ARRAY_RECORD_MAX / sizeof(uint64_t)];

	if (i < a->n)
		return (const char *)a->items + i * a->size;
	if (a->size > sizeof zero)
		abort();	/* a record larger than this stand-in */
	return zero;
}

void
pt_array_free(struct pt_array *a)
{
	free(a->items);
	a->items = NULL;
	a->cap = a->n = 0;
}
