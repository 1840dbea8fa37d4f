/*
 * closing.c: who closed a TCP connection, and how.
 *
 * The closer is the sender of the connection's first packet, in capture
 * order, with FIN or RST set; a packet with both is a reset.  Later FINs
 * and RSTs (the peer's answer, a retransmitted FIN) only move the state.
 */
#include <config.h>

#include "pcaptally.h"

void
pt_closing_track(struct pt_closing *c, const struct pt_packet *pkt,
    enum pt_dir dir)
{
	uint8_t flags = pkt->tcpflags & (PT_FIN | PT_RST);

	if (flags == 0)
		return;
	if (c->how == PT_HOW_NONE) {
		c->how = flags & PT_RST ? PT_HOW_RST : PT_HOW_FIN;
		c->closer = dir;
		c->when = pkt->ts;
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
	if (c->reset)
		return "reset";
	if (c->fins == (1u << PT_UP | 1u << PT_DOWN))
		return "closed";
	if (c->fins != 0)
		return "half";
	return "open";
}
