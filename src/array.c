/*
 * array.c: growing arrays of flat records, and allocation that fails
 * loudly.  A program keeps what it counts per connection in an array
 * indexed by connection id, beside the connection table.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

void *
pt_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		pt_warn("out of memory");
		exit(1);
	}
	if ((p = realloc(p, n * size)) == NULL && n != 0 && size != 0) {
		pt_warn("out of memory");
		exit(1);
	}
	return p;
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
	return (char *)a->items + i * a->size;
}

void
pt_array_free(struct pt_array *a)
{
	free(a->items);
	a->items = NULL;
	a->cap = a->n = 0;
}
