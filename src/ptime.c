/* ptime.c: arithmetic on capture times. */
#include <config.h>

#include "pcaptally.h"

struct pt_time
pt_time_sub(const struct pt_time *a, const struct pt_time *b)
{
	struct pt_time d;

	d.sec = a->sec - b->sec;
	if (a->nsec >= b->nsec) {
		d.nsec = a->nsec - b->nsec;
	} else {
		d.sec--;
		d.nsec = 1000000000 + a->nsec - b->nsec;
	}
	return d;
}
