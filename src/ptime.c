/*
 * ptime.c: arithmetic on capture times.
 *
 * A time can be any 64-bit number of seconds (pcapng at a 1-second
 * resolution carries any 64-bit value), so a difference may not fit:
 * it saturates, at the largest time (INT64_MAX s and 999999999 ns) or
 * the smallest (INT64_MIN s).  A delay that large is no delay anyone
 * measures, and saturating keeps every comparison of it right.
 */
#include <config.h>

#include "pcaptally.h"

struct pt_time
pt_time_sub(const struct pt_time *a, const struct pt_time *b)
{
	static const struct pt_time most = { INT64_MAX, 999999999 };
	static const struct pt_time least = { INT64_MIN, 0 };
	struct pt_time d;
	int64_t as = a->sec, bs = b->sec;

	if (a->nsec >= b->nsec) {
		d.nsec = a->nsec - b->nsec;
	} else {
		/* Borrow a second from whichever side can give it. */
		d.nsec = 1000000000 + a->nsec - b->nsec;
		if (as != INT64_MIN)
			as--;
		else if (bs != INT64_MAX)
			bs++;
		else
			return least;
	}
	if (__builtin_sub_overflow(as, bs, &d.sec))
		return as > bs ? most : least;
	return d;
}

bool
pt_time_waited(const struct pt_time *since, const struct pt_time *now,
    int64_t ns)
{
	struct pt_time waited = pt_time_sub(now, since);
	int64_t sec = ns / 1000000000;
	uint32_t nsec = (uint32_t)(ns % 1000000000);

	/*
	 * Compared as seconds and nanoseconds, never multiplied: defined
	 * for every time (the difference saturates) and every duration.
	 */
	return waited.sec > sec || (waited.sec == sec && waited.nsec > nsec);
}

int
pt_time_cmp(const struct pt_time *a, const struct pt_time *b)
{
	if (a->sec != b->sec)
		return a->sec < b->sec ? -1 : 1;
	return a->nsec < b->nsec ? -1 : a->nsec > b->nsec;
}
