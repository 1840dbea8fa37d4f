/*
 * decode.h: what the layers of pt_decode() share, private to the
 * library.  Each layer (link.h, ip.h, transport.h) takes the window of
 * captured bytes where its header starts and the length the frame had on
 * the wire from that point.  The layers are inline functions that only
 * decode.c includes: the compiler makes one function of them, which a
 * packet goes through with its window in registers.
 */
#ifndef PCAPTALLY_DECODE_H
#define PCAPTALLY_DECODE_H

#include "pcaptally.h"
#include "window.h"

/* What the link layer says the network layer is. */
enum net_proto {
	NET_IPV4,
	NET_IPV6,
	NET_IP_BY_VERSION,	/* raw IP: the version nibble tells */
};

/*
 * pt_decode() layer by layer, for every frame: pt_decode() takes it for
 * the frames its fast path leaves, and the tests compare the two.
 */
enum pt_verdict pt_decode_layers(int dlt, const uint8_t *bytes,
    uint32_t caplen, uint32_t wirelen, struct pt_packet *pkt);

#endif
