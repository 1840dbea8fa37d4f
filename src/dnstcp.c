/*
 * dnstcp.c: DNS messages in one direction of a TCP connection, each
 * behind its 2-byte length (RFC 1035 section 4.2.2, RFC 7766).
 *
 * Segments are followed by sequence number.  The start of each message
 * (its first PT_DNSTCP_GATHER bytes, enough for its header and first
 * question, or all of it if shorter) is handed over once it is there:
 * straight from the segment when one holds it, else gathered from the
 * segments that bring it in order.  When those bytes cannot all come (a
 * segment cut by the snapshot length, a gap) it is handed over with what
 * came.  The rest of a long message is stepped over.  Retransmitted bytes
 * are skipped.  After a gap (a segment not captured), or a length that
 * was not captured, the next segment is taken to start a message again:
 * a guess that holds for the usual one query or response per segment.
 */
#include <config.h>

#include <string.h>

#include "pcaptally.h"

enum { LEN_HI, LEN_LO, GATHER, SKIP };

static uint32_t
min32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* The start of the message being read, from bytes off.. of the segment. */
static void
gather(struct pt_dnstcp *s, const struct pt_packet *pkt, uint32_t off,
    pt_dnstcp_fn *fn, void *ctx)
{
	uint32_t need = min32(s->len, PT_DNSTCP_GATHER);
	uint32_t have = pkt->payload_caplen, left = pkt->payload_len - off;
	uint32_t avail = off < have ? have - off : 0, n;

	if (s->got == 0 && (avail >= need || avail < min32(need, left))) {
		/* All in this segment, as usual, or all there is: no copy. */
		fn(ctx, pkt, pkt->payload + off, min32(avail, s->len));
		s->state = SKIP;
		return;
	}
	n = min32(min32(need - s->got, left), avail);
	memcpy(s->buf + s->got, pkt->payload + off, n);
	s->got += n;
	/* Complete, or the rest of this segment was not captured. */
	if (s->got == need || n < min32(need - (s->got - n), left)) {
		fn(ctx, pkt, s->buf, s->got);
		s->state = SKIP;
	}
}

void
pt_dnstcp_segment(struct pt_dnstcp *s, const struct pt_packet *pkt,
    pt_dnstcp_fn *fn, void *ctx)
{
	uint32_t seq = pkt->seq + (pkt->tcpflags & PT_SYN ? 1 : 0);
	uint32_t off, take, have = pkt->payload_caplen;
	const uint8_t *p = pkt->payload;

	if (pkt->payload_len == 0)
		return;
	if (!s->synced || (int32_t)(seq - s->next) > 0) {
		/* A gap: the start being gathered will not come whole. */
		if (s->synced && s->state == GATHER)
			fn(ctx, pkt, s->buf, s->got);
		s->synced = true;
		s->next = seq;
		s->state = LEN_HI;
		s->done = 0;
	}
	off = s->next - seq;
	if ((int32_t)off < 0 || off >= pkt->payload_len)
		return;			/* bytes already seen */
	while (off < pkt->payload_len) {
		if (s->state < GATHER && off >= have) {
			/*
			 * A length not captured: the next segment is taken
			 * to start a message, but this one is not read again.
			 */
			s->next = seq + pkt->payload_len;
			s->state = LEN_HI;
			return;
		}
		switch (s->state) {
		case LEN_HI:
			s->len = (uint16_t)(p[off++] << 8);
			s->state = LEN_LO;
			break;
		case LEN_LO:
			s->len |= p[off++];
			s->state = s->len ? GATHER : LEN_HI;
			s->done = 0;
			s->got = 0;
			break;
		default:
			take = min32(s->len - s->done, pkt->payload_len - off);
			if (s->state == GATHER)
				gather(s, pkt, off, fn, ctx);
			s->done += take;
			off += take;
			if (s->done == s->len)
				s->state = LEN_HI;
			break;
		}
	}
	s->next = seq + off;
}
