/*
 * ip.h: IPv4 and IPv6 headers.
 *
 * The transport segment is cut to the length the IP header gives it, so
 * Ethernet padding and monitoring trailers are never payload.  Two
 * exceptions, as Wireshark makes them: a length of 0 (segmentation
 * offload on the capturing host) means the rest of the frame, and a
 * length beyond what the frame had on the wire is invalid (those bytes
 * never existed: nothing in the header can be trusted).  A length that
 * the link layer gives the datagram (bound: PPPoE's) cuts it too, as it
 * does in Wireshark: the bytes past it were on the wire, and are padding
 * the IP length wrongly took in.
 */
#ifndef PCAPTALLY_IP_H
#define PCAPTALLY_IP_H

#include <netinet/in.h>

#include "decode.h"

enum {
	IPV4_HDR = 20,
	IPV6_HDR = 40,
	IPV4_MF = 0x2000,
	IPV4_OFFSET = 0x1fff,
	IPV6_FRAG_OFFSET = 0xfff8,
	IPV6_FRAG_MF = 0x0001,
};

static inline enum pt_verdict
ipv4(struct window *w, uint32_t wire, uint32_t bound, struct pt_packet *pkt,
    struct window *seg, uint32_t *seg_len)
{
	uint8_t h[IPV4_HDR];
	uint32_t total, hlen;
	uint16_t frag;
	uint8_t vhl;

	win_copy(w, 0, h, IPV4_HDR);
	if (win_short(w))
		return PT_TRUNC_IPV4;
	vhl = h[0];
	total = be16(h + 2);
	frag = be16(h + 6);
	hlen = (vhl & 0x0f) * 4u;
	memcpy(pkt->src, h + 12, 4);
	memcpy(pkt->dst, h + 16, 4);
	if (vhl >> 4 != 4)
		return PT_BAD_IP_VERSION;
	if (hlen < IPV4_HDR)
		return PT_BAD_IPV4_HLEN;
	if (total == 0)
		total = wire;
	if (total < hlen || total > wire)
		return PT_BAD_IPV4_LEN;
	if (total > bound) {
		total = bound;
		if (total < hlen)
			return PT_BAD_IPV4_LEN;
	}
	if (!win_has(w, 0, hlen))
		return PT_TRUNC_IPV4;
	if (frag & IPV4_OFFSET)
		return PT_FRAGMENT;

	pkt->ipver = 4;
	pkt->proto = h[9];
	pkt->first_fragment = (frag & IPV4_MF) != 0;
	*seg = win_slice(w, hlen, total - hlen);
	*seg_len = total - hlen;
	return PT_DECODED;
}

static inline enum pt_verdict
ipv6(struct window *w, uint32_t wire, uint32_t bound, struct pt_packet *pkt,
    struct window *seg, uint32_t *seg_len)
{
	uint8_t version = win_u8(w, 0) >> 4;
	uint32_t plen = win_be16(w, 4);
	uint8_t next = win_u8(w, 6);
	struct window p;
	uint32_t off = 0, ext;

	win_copy(w, 8, pkt->src, 16);
	win_copy(w, 24, pkt->dst, 16);
	if (win_short(w))
		return PT_TRUNC_IPV6;
	if (version != 6)
		return PT_BAD_IP_VERSION;
	if (plen == 0)
		plen = wire - IPV6_HDR;	/* the window held 40 bytes */
	if (plen > wire - IPV6_HDR)
		return PT_BAD_IPV6_LEN;
	if (bound < IPV6_HDR)
		return PT_BAD_IPV6_LEN;
	if (plen > bound - IPV6_HDR)
		plen = bound - IPV6_HDR;

	pkt->first_fragment = false;
	p = win_slice(w, IPV6_HDR, plen);
	/* Each extension header takes 8 bytes or more: the loop ends. */
	while (next == IPPROTO_HOPOPTS || next == IPPROTO_ROUTING ||
	    next == IPPROTO_DSTOPTS || next == IPPROTO_AH ||
	    next == IPPROTO_FRAGMENT) {
		uint8_t after = win_u8(&p, off);
		uint8_t len = win_u8(&p, off + 1);
		uint16_t frag = win_be16(&p, off + 2);

		if (off > plen || 8 > plen - off)
			return PT_BAD_IPV6_EXT;
		if (win_short(&p))
			return PT_TRUNC_IPV6;
		ext = next == IPPROTO_FRAGMENT ? 8 :
		    next == IPPROTO_AH ? (len + 2u) * 4 : (len + 1u) * 8;
		if (ext > plen - off)
			return PT_BAD_IPV6_EXT;
		if (!win_has(&p, off, ext))
			return PT_TRUNC_IPV6;
		if (next == IPPROTO_FRAGMENT) {
			if (frag & IPV6_FRAG_OFFSET)
				return PT_FRAGMENT;
			if (frag & IPV6_FRAG_MF)
				pkt->first_fragment = true;
		}
		next = after;
		off += ext;
	}
	pkt->ipver = 6;
	pkt->proto = next;
	*seg = win_slice(&p, off, plen - off);
	*seg_len = plen - off;
	return PT_DECODED;
}

static inline enum pt_verdict
decode_ip(enum net_proto net, struct window *w, uint32_t wire, uint32_t bound,
    struct pt_packet *pkt, struct window *seg, uint32_t *seg_len)
{
	enum pt_verdict v;

	if (net == NET_IP_BY_VERSION) {
		uint8_t version = win_u8(w, 0) >> 4;

		if (win_short(w))
			return PT_TRUNC_IPV4;
		if (version != 4 && version != 6)
			return PT_BAD_IP_VERSION;
		net = version == 4 ? NET_IPV4 : NET_IPV6;
	}
	v = net == NET_IPV4 ? ipv4(w, wire, bound, pkt, seg, seg_len) :
	    ipv6(w, wire, bound, pkt, seg, seg_len);
	if (v == PT_DECODED && pkt->proto != IPPROTO_TCP &&
	    pkt->proto != IPPROTO_UDP)
		return PT_NOT_TCP_UDP;
	return v;
}

#endif
