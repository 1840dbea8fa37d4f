/*
 * seqspace.c: the bytes of one direction's sequence space, each counted
 * once.
 *
 * The state is where the space starts ("low": the byte after the SYN,
 * or the lowest byte seen), the end of the highest segment seen
 * ("high") and a few holes between: ranges skipped by a segment that
 * came early.  A new segment counts its bytes below low (sent before
 * the first segment captured, and retransmitted or reordered), above
 * high and those that fill holes; retransmitted and overlapping bytes
 * count nothing.  Arithmetic is mod 2^32, so the sequence numbers may
 * wrap.  A segment that starts more than 2^30 bytes (the largest TCP
 * window) away from high, or is longer, cannot belong to this stream of
 * bytes: it counts as it is and changes nothing.  So that what lies
 * that far behind high is never compared mod 2^32 again (4 GiB on, a
 * hole's numbers come back), low stays within 2^30 of high and holes
 * left farther behind are forgotten.  With more holes than PT_SEQ_HOLES,
 * the lowest is forgotten: bytes that fill it later do not count.
 */
#include <config.h>

#include <string.h>

#include "pcaptally.h"

enum { FAR = PT_SEQ_FAR };

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

void
pt_seqspace_start(struct pt_seqspace *s, uint32_t seq)
{
	if (!s->started) {
		s->started = true;
		s->low = s->high = seq;
	}
}

/*
 * After high moved on: low and the holes no farther than FAR behind it.
 * The distances are taken unsigned: before the move they were at most
 * FAR, and high moves less than 2^31 at once, so they cannot wrap.
 */
static void
leave_behind(struct pt_seqspace *s)
{
	if ((uint32_t)(s->high - s->low) > FAR)
		s->low = s->high - FAR;
	while (s->nholes > 0 && (uint32_t)(s->high - s->holes[0].end) > FAR)
		forget_hole(s, 0);
}

/*
 * Any segment; pt_seqspace_add() (pcaptally.h) takes most in order, the
 * rest in order come here: with holes, or low about to fall behind.
 */
uint64_t
pt_seqspace_add_any(struct pt_seqspace *s, uint32_t seq, uint32_t len)
{
	uint32_t end = seq + len, from = seq;
	uint64_t added = 0;

	if (len == 0)
		return 0;
	pt_seqspace_start(s, seq);
	if (dist(seq, s->high) > FAR || dist(seq, s->high) < -FAR ||
	    len > FAR) {
		s->bytes += len;
		return len;
	}
	if (dist(seq, s->high) > 0) {
		add_hole(s, s->high, seq);
		added = len;
		s->high = end;
	} else {
		if (dist(seq, s->low) < 0) {
			/* Below the start: never seen. */
			if (dist(end, s->low) <= 0) {
				/* Between it and the old start: a hole. */
				if (end != s->low && s->nholes < PT_SEQ_HOLES) {
					memmove(&s->holes[1], &s->holes[0],
					    s->nholes * sizeof s->holes[0]);
					s->holes[0].start = end;
					s->holes[0].end = s->low;
					s->nholes++;
				}
				added = len;
				s->low = seq;
				goto done;
			}
			added = s->low - seq;
			from = s->low;
			s->low = seq;
		}
		if (dist(end, s->high) > 0) {
			added += fill_holes(s, from, s->high) + (end - s->high);
			s->high = end;
		} else
			added += fill_holes(s, from, end);
	}
done:
	leave_behind(s);
	s->bytes += added;
	return added;
}
