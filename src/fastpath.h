/*
 * fastpath.h: the decoder's way for most frames, inline where frames are
 * read (input.c) as well as in pt_decode() (decode.c): the call and its
 * frame saved on every packet.  Private to the library.
 */
#ifndef PCAPTALLY_FASTPATH_H
#define PCAPTALLY_FASTPATH_H

#include <netinet/in.h>
#include <string.h>

#include "decode.h"
#include "dlt.h"

/* The layers' numbers, which only decode.c sees. */
enum {
	FAST_ETHERTYPE_IPV4 = 0x0800,
	FAST_IPV4_HDR = 20,
	FAST_TCP_HDR = 20,
	FAST_UDP_HDR = 8,
	FAST_IPV4_MF = 0x2000,
	FAST_IPV4_OFFSET = 0x1fff,
	FAST_IP = 14,		/* the IPv4 header after an untagged Ethernet one */
	FAST_SEG = FAST_IP + FAST_IPV4_HDR,
};

/*
 * Most frames: Ethernet, IPv4 without options, TCP or UDP, their headers
 * captured and every length right.  The same checks as the layers make,
 * in one pass over a copy of the headers; pkt is written only when all
 * of them pass, and is then what pt_decode_layers() makes of the frame
 * (tests/check_decode.c compares the two).  False: the frame takes the
 * layers, which decide.
 */
static inline __attribute__((always_inline)) bool
decode_fast(struct window *f, uint32_t wirelen, struct pt_packet *pkt)
{
	uint8_t h[FAST_SEG + FAST_TCP_HDR];
	struct window seg, payload;
	uint32_t wire, total, seg_len, hlen, len;
	uint16_t frag;
	uint8_t proto;

	if (!win_has(f, 0, FAST_SEG + FAST_UDP_HDR))
		return false;
	win_copy(f, 0, h, FAST_SEG + FAST_UDP_HDR);
	if (be16(h + 12) != FAST_ETHERTYPE_IPV4 || h[FAST_IP] != 0x45)
		return false;
	wire = (wirelen < f->len ? f->len : wirelen) - FAST_IP;
	total = be16(h + FAST_IP + 2);
	frag = be16(h + FAST_IP + 6);
	proto = h[FAST_IP + 9];
	if (total == 0)
		total = wire;
	if (total < FAST_IPV4_HDR || total > wire || (frag & FAST_IPV4_OFFSET))
		return false;
	seg_len = total - FAST_IPV4_HDR;
	seg = win_slice(f, FAST_SEG, seg_len);
	if (proto == IPPROTO_TCP) {
		if (seg_len < FAST_TCP_HDR || !win_has(&seg, 0, FAST_TCP_HDR))
			return false;
		win_copy(&seg, 0, h + FAST_SEG, FAST_TCP_HDR);
		hlen = (h[FAST_SEG + 12] >> 4) * 4u;
		if (hlen < FAST_TCP_HDR || hlen > seg_len)
			return false;
		pkt->seq = be32(h + FAST_SEG + 4);
		pkt->ack = be32(h + FAST_SEG + 8);
		pkt->tcpflags = h[FAST_SEG + 13];
		len = seg_len - hlen;
	} else if (proto == IPPROTO_UDP) {
		/* The window holds the UDP header: checked above. */
		hlen = FAST_UDP_HDR;
		len = frag & FAST_IPV4_MF ? seg_len : be16(h + FAST_SEG + 4);
		if (seg_len < FAST_UDP_HDR || len < FAST_UDP_HDR || len > seg_len)
			return false;
		pkt->seq = pkt->ack = 0;
		pkt->tcpflags = 0;
		len -= FAST_UDP_HDR;
	} else
		return false;
	payload = win_slice(&seg, hlen, len);
	pkt->wirelen = wire + FAST_IP;
	pkt->caplen = f->len;
	pkt->ipver = 4;
	pkt->proto = proto;
	pkt->first_fragment = (frag & FAST_IPV4_MF) != 0;
	memcpy(pkt->src, h + FAST_IP + 12, 4);
	memcpy(pkt->dst, h + FAST_IP + 16, 4);
	pkt->sport = be16(h + FAST_SEG);
	pkt->dport = be16(h + FAST_SEG + 2);
	pkt->payload_len = len;
	pkt->payload = payload.data;
	pkt->payload_caplen = payload.len;
	return true;
}

/* pt_decode(), its fast path inline. */
static inline __attribute__((always_inline)) enum pt_verdict
pt_decode_inline(int dlt, const uint8_t *bytes, uint32_t caplen,
    uint32_t wirelen, struct pt_packet *pkt)
{
	struct window frame = win_make(bytes, caplen);

	if (__builtin_expect(dlt == DLT_EN10MB, 1) &&
	    __builtin_expect(decode_fast(&frame, wirelen, pkt), 1))
		return PT_DECODED;
	return pt_decode_layers(dlt, bytes, caplen, wirelen, pkt);
}

#endif
