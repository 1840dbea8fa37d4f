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
