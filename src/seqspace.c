/*
 * seqspace.c: the bytes of one direction's sequence space, each counted
 * once.
 *
 * The state is the end of the highest segment seen ("high") and a few
 * holes below it: ranges skipped by a segment that came early.  A new
 * segment counts its bytes above high and those that fill holes;
 * retransmitted and overlapping bytes count nothing.  Arithmetic is mod
 * 2^32, so the sequence numbers may wrap.  A segment more than 2^30
 * bytes (the largest TCP window) away from high cannot belong to this
 * stream of bytes: it counts as it is and changes nothing.  With more
 * holes than PT_SEQ_HOLES, the lowest is forgotten: bytes that fill it
 * later do not count.
 */
#include <config.h>

#include <string.h>

#include "pcaptally.h"

enum { FAR = 1 << 30 };

/* Where a is from b, in the sequence space: negative is before. */
static int64_t
dist(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b);
}

static void
forget_hole(struct pt_seqspace *s, int i)
{
	memmove(&s->holes[i], &s->holes[i + 1],
	    (s->nholes - i - 1) * sizeof s->holes[0]);
	s->nholes--;
}

static void
add_hole(struct pt_seqspace *s, uint32_t start, uint32_t end)
{
	/* Holes are kept lowest first; the lowest is the one to give up. */
	if (s->nholes == PT_SEQ_HOLES)
		forget_hole(s, 0);
	s->holes[s->nholes].start = start;
	s->holes[s->nholes].end = end;
	s->nholes++;
}

/* Counts the bytes of [start, end) below high that fill holes. */
static uint64_t
fill_holes(struct pt_seqspace *s, uint32_t start, uint32_t end)
{
	uint64_t filled = 0;
	uint32_t hs, he;
	int i;

	for (i = 0; i < s->nholes; i++) {
		hs = s->holes[i].start;
		he = s->holes[i].end;
		if (dist(end, hs) <= 0 || dist(start, he) >= 0)
			continue;	/* no overlap */
		if (dist(start, hs) <= 0 && dist(end, he) >= 0) {
			filled += he - hs;	/* the whole hole */
			forget_hole(s, i--);
		} else if (dist(start, hs) <= 0) {
			filled += end - hs;	/* its start */
			s->holes[i].start = end;
		} else if (dist(end, he) >= 0) {
			filled += he - start;	/* its end */
			s->holes[i].end = start;
		} else {
			/* its middle: two holes; the lower keeps its place */
			filled += end - start;
			s->holes[i].end = start;
			if (s->nholes == PT_SEQ_HOLES) {
				forget_hole(s, 0);
				i--;
			}
			memmove(&s->holes[i + 2], &s->holes[i + 1],
			    (s->nholes - i - 1) * sizeof s->holes[0]);
			s->holes[i + 1].start = end;
			s->holes[i + 1].end = he;
			s->nholes++;
			i++;
		}
	}
	return filled;
}

uint64_t
pt_seqspace_add(struct pt_seqspace *s, uint32_t seq, uint32_t len)
{
	uint32_t end = seq + len;
	uint64_t added;

	if (len == 0)
		return 0;
	if (!s->started) {
		s->started = true;
		s->high = end;
		s->bytes += len;
		return len;
	}
	if (dist(seq, s->high) > FAR || dist(end, s->high) < -FAR ||
	    len > FAR) {
		s->bytes += len;
		return len;
	}
	if (dist(seq, s->high) > 0) {
		add_hole(s, s->high, seq);
		added = len;
		s->high = end;
	} else if (dist(end, s->high) > 0) {
		added = fill_holes(s, seq, s->high) + (end - s->high);
		s->high = end;
	} else {
		added = fill_holes(s, seq, end);
	}
	s->bytes += added;
	return added;
}
