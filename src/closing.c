/*
 * closing.c: who closed a TCP connection, and how.
 *
 * The closer is the sender of the connection's first packet, in capture
 * order, with FIN or RST set; a packet with both is a reset.  Later FINs
 * and RSTs (the peer's answer, a retransmitted FIN) only move the state.
 *
 * A RST that refuses a connect is no close: a RST from one side while
 * the other has sent a SYN and the connection was not accepted (no
 * packet with ACK and without RST from either side yet: no SYN/ACK, no
 * acknowledgment from the client of a SYN/ACK the capture missed).  The
 * first such RST is kept in the closer's place, marked refused, until a
 * real close replaces it or the connection is accepted (a retry with the
 * same ISN that the server took), which forgets it.
 */
#include <config.h>

#include "pcaptally.h"

void
pt_closing_track(struct pt_closing *c, const struct pt_packet *pkt,
    enum pt_dir dir)
{
	uint8_t flags = pkt->tcpflags;

	if (!c->accepted) {
		if ((flags & (PT_SYN | PT_ACK | PT_RST)) == PT_SYN)
			c->syns |= 1u << dir;
		else if ((flags & (PT_ACK | PT_RST)) == PT_ACK) {
			c->accepted = true;
			if (c->refused) {
				c->refused = false;
				c->how = PT_HOW_NONE;
			}
		} else if ((flags & PT_RST) && (c->syns & 1u << !dir)) {
			if (c->how == PT_HOW_NONE) {
				c->how = PT_HOW_RST;
				c->closer = dir;
				c->when = pkt->ts;
				c->refused = true;
			}
			return;
		}
	}
	flags &= PT_FIN | PT_RST;
	if (flags == 0)
		return;
	if (c->how == PT_HOW_NONE || c->refused) {
		c->how = flags & PT_RST ? PT_HOW_RST : PT_HOW_FIN;
		c->closer = dir;
		c->when = pkt->ts;
		c->refused = false;
	}
	if (flags & PT_RST)
		c->reset = true;
	else
		c->fins |= 1u << dir;
}

/*
 * The events a segment's record keeps, one of each kind at most (a bit
 * of e->seen each).  Before the segment's first packet with ACK and
 * without RST (its accept), the state may or may not be accepted, and
 * whether a RST refuses depends on the SYNs before: the first SYN
 * without ACK or RST, the first RST and the first FIN without RST from
 * each side are kept.  A later one of these does nothing, whatever came
 * before the segment: the SYNs are noted, the RST refused again or the
 * closer's place was taken by a real close (a FIN or a RST that does not
 * refuse), whose flags are set.  The accept is kept; from it on, every
 * state is accepted: the first RST, and the first FIN from each side,
 * after which the same holds.  Packets without SYN, FIN or RST after the
 * accept change nothing.
 */
enum {
	SEEN_SYN = 1 << 0,		/* << dir */
	SEEN_RST = 1 << 2,		/* << dir */
	SEEN_FIN = 1 << 4,		/* << dir */
	SEEN_ACCEPT = 1 << 6,
	SEEN_AFTER_RST = 1 << 7,
	SEEN_AFTER_FIN = 1 << 8,	/* << dir */
};

void
pt_closing_note(struct pt_closing_events *e, const struct pt_packet *pkt,
    enum pt_dir dir)
{
	uint8_t flags = pkt->tcpflags & (PT_SYN | PT_ACK | PT_FIN | PT_RST);
	uint16_t kinds = 0;

	if (!(e->seen & SEEN_ACCEPT)) {
		if ((flags & (PT_SYN | PT_ACK | PT_RST)) == PT_SYN)
			kinds |= SEEN_SYN << dir;
		if ((flags & (PT_ACK | PT_RST)) == PT_ACK) {
			kinds |= SEEN_ACCEPT;
			if (flags & PT_FIN)
				kinds |= SEEN_AFTER_FIN << dir;
		} else if (flags & PT_RST)
			kinds |= SEEN_RST << dir;
		else if (flags & PT_FIN)
			kinds |= SEEN_FIN << dir;
	} else if (flags & PT_RST)
		kinds |= SEEN_AFTER_RST;
	else if (flags & PT_FIN)
		kinds |= SEEN_AFTER_FIN << dir;
	if ((kinds & ~e->seen) == 0)
		return;		/* so at most one event of each kind */
	e->seen |= kinds;
	e->ts[e->n] = pkt->ts;
	e->dir[e->n] = (uint8_t)dir;
	e->flags[e->n] = flags;
	e->n++;
}

const char *
pt_closing_how(const struct pt_closing *c)
{
	switch (c->how) {
	case PT_HOW_FIN:
		return "fin";
	case PT_HOW_RST:
		return "rst";
	default:
		return "-";
	}
}

const char *
pt_closing_state(const struct pt_closing *c)
{
	if (c->refused)
		return "refused";
	if (c->reset)
		return "reset";
	if (c->fins == (1u << PT_UP | 1u << PT_DOWN))
		return "closed";
	if (c->fins != 0)
		return "half";
	return "open";
}
