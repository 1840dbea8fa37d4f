/*
 * transport.c: TCP and UDP headers.
 *
 * The payload length comes from the IP length, never from what was
 * captured: a capture with a short snaplen still gives exact lengths.
 */
#include <config.h>

#include <netinet/in.h>

#include "decode.h"

enum { TCP_HDR = 20, UDP_HDR = 8 };

static void
set_payload(struct window *seg, uint32_t hlen, uint32_t len,
    struct pt_packet *pkt)
{
	struct window payload = win_slice(seg, hlen, len);

	pkt->payload_len = len;
	pkt->payload = payload.data;
	pkt->payload_caplen = payload.len;
}

static enum pt_verdict
tcp(struct window *seg, uint32_t seg_len, struct pt_packet *pkt)
{
	uint32_t hlen;

	if (seg_len < TCP_HDR)
		return PT_BAD_TCP_HLEN;
	pkt->sport = win_be16(seg, 0);
	pkt->dport = win_be16(seg, 2);
	pkt->seq = win_be32(seg, 4);
	pkt->ack = win_be32(seg, 8);
	hlen = (win_u8(seg, 12) >> 4) * 4u;
	pkt->tcpflags = win_u8(seg, 13);
	(void)win_u8(seg, TCP_HDR - 1);
	if (win_short(seg))
		return PT_TRUNC_TCP;
	/* Options may be cut by the snaplen: they are not needed. */
	if (hlen < TCP_HDR || hlen > seg_len)
		return PT_BAD_TCP_HLEN;
	set_payload(seg, hlen, seg_len - hlen, pkt);
	return PT_DECODED;
}

static enum pt_verdict
udp(struct window *seg, uint32_t seg_len, struct pt_packet *pkt)
{
	uint32_t len;

	if (seg_len < UDP_HDR)
		return PT_BAD_UDP_LEN;
	pkt->sport = win_be16(seg, 0);
	pkt->dport = win_be16(seg, 2);
	len = win_be16(seg, 4);
	(void)win_u8(seg, UDP_HDR - 1);
	if (win_short(seg))
		return PT_TRUNC_UDP;
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

enum pt_verdict
decode_transport(struct window *seg, uint32_t seg_len, struct pt_packet *pkt)
{
	return pkt->proto == IPPROTO_TCP ? tcp(seg, seg_len, pkt) :
	    udp(seg, seg_len, pkt);
}
