/*
 * transport.h: TCP and UDP headers.
 *
 * The payload length comes from the IP length, never from what was
 * captured: a capture with a short snaplen still gives exact lengths.
 */
#ifndef PCAPTALLY_TRANSPORT_H
#define PCAPTALLY_TRANSPORT_H

#include <netinet/in.h>

#include "decode.h"

enum { TCP_HDR = 20, UDP_HDR = 8 };

static inline void
set_payload(struct window *seg, uint32_t hlen, uint32_t len,
    struct pt_packet *pkt)
{
	struct window payload = win_slice(seg, hlen, len);

	pkt->payload_len = len;
	pkt->payload = payload.data;
	pkt->payload_caplen = payload.len;
}

static inline enum pt_verdict
tcp(struct window *seg, uint32_t seg_len, struct pt_packet *pkt)
{
	uint8_t h[TCP_HDR];
	uint32_t hlen;

	if (seg_len < TCP_HDR)
		return PT_BAD_TCP_HLEN;
	win_copy(seg, 0, h, TCP_HDR);
	if (win_short(seg))
		return PT_TRUNC_TCP;
	pkt->sport = be16(h);
	pkt->dport = be16(h + 2);
	pkt->seq = be32(h + 4);
	pkt->ack = be32(h + 8);
	hlen = (h[12] >> 4) * 4u;
	pkt->tcpflags = h[13];
	/* Options may be cut by the snaplen: they are not needed. */
	if (hlen < TCP_HDR || hlen > seg_len)
		return PT_BAD_TCP_HLEN;
	set_payload(seg, hlen, seg_len - hlen, pkt);
	return PT_DECODED;
}

static inline enum pt_verdict
udp(struct window *seg, uint32_t seg_len, struct pt_packet *pkt)
{
	uint8_t h[UDP_HDR];
	uint32_t len;

	if (seg_len < UDP_HDR)
		return PT_BAD_UDP_LEN;
	win_copy(seg, 0, h, UDP_HDR);
	if (win_short(seg))
		return PT_TRUNC_UDP;
	pkt->sport = be16(h);
	pkt->dport = be16(h + 2);
	len = be16(h + 4);
	pkt->seq = pkt->ack = 0;
	pkt->tcpflags = 0;
	/*
	 * A first fragment carries only part of the datagram its UDP length
	 * describes: its payload is what this fragment holds.
	 */
	if (pkt->first_fragment)
		len = seg_len;
	if (len < UDP_HDR || len > seg_len)
		return PT_BAD_UDP_LEN;
	set_payload(seg, UDP_HDR, len - UDP_HDR, pkt);
	return PT_DECODED;
}

static inline enum pt_verdict
decode_transport(struct window *seg, uint32_t seg_len, struct pt_packet *pkt)
{
	return pkt->proto == IPPROTO_TCP ? tcp(seg, seg_len, pkt) :
	    udp(seg, seg_len, pkt);
}

#endif
