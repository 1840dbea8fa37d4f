/*
 * dnstcp.c: DNS messages in one direction of a TCP connection, each
 * behind its 2-byte length (RFC 1035 section 4.2.2, RFC 7766).
 *
 * Segments are followed by sequence number: a message that starts in a
 * segment is handed over with the bytes of it that segment holds (enough
 * for its header and question); the rest of a long message is stepped
 * over.  Retransmitted bytes are skipped.  After a gap (a segment not
 * captured), or a length that was not captured, the next segment is
 * taken to start a message again: a guess that holds for the usual one
 * query or response per segment.
 */
#include <config.h>

#include "pcaptally.h"

enum { LEN_HI, LEN_LO, MESSAGE };

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
		s->synced = true;
		s->next = seq;
		s->state = LEN_HI;
		s->done = 0;
	}
	off = s->next - seq;
	if ((int32_t)off < 0 || off >= pkt->payload_len)
		return;			/* bytes already seen */
	while (off < pkt->payload_len) {
		if (s->state != MESSAGE && off >= have) {
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
			s->state = s->len ? MESSAGE : LEN_HI;
			s->done = 0;
			break;
		default:
			take = s->len - s->done;
			if (take > pkt->payload_len - off)
				take = pkt->payload_len - off;
			if (s->done == 0)
				fn(ctx, pkt, p + off, off < have ? (have - off <
				    s->len ? have - off : s->len) : 0);
			s->done += take;
			off += take;
			if (s->done == s->len)
				s->state = LEN_HI;
			break;
		}
	}
	s->next = seq + off;
}
