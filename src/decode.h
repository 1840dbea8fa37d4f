/*
 * decode.h: the layers of pt_decode(), private to the library.
 * Each layer takes the window of captured bytes where its header starts
 * and the length the frame had on the wire from that point.
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
 * Skips the link-layer header of frame: *net_off is where the network
 * layer starts and *net what it is.  PT_NOT_IP for a frame without IP.
 */
enum pt_verdict decode_link(int dlt, struct window *frame,
    enum net_proto *net, uint32_t *net_off);

/*
 * Decodes an IPv4 or IPv6 header at the start of w; wire is the length
 * the datagram had room for on the wire.  Sets the addresses and the
 * transport protocol in pkt, and *seg to the captured transport segment
 * cut to the length the IP header gives it (*seg_len).
 */
enum pt_verdict decode_ip(enum net_proto net, struct window *w, uint32_t wire,
    struct pt_packet *pkt, struct window *seg, uint32_t *seg_len);

/* Decodes a TCP or UDP header at the start of seg. */
enum pt_verdict decode_transport(struct window *seg, uint32_t seg_len,
    struct pt_packet *pkt);

#endif
