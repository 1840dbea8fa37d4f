/* decode.c: one frame, from link layer to TCP/UDP payload. */
#include <config.h>

#include <pcap/pcap.h>

#include "decode.h"
#include "ip.h"
#include "link.h"
#include "transport.h"

static const char *const verdict_text[PT_VERDICTS] = {
	[PT_DECODED] = "TCP or UDP packets",
	[PT_NOT_IP] = "frames without IP (ARP, LLDP, ...)",
	[PT_NOT_TCP_UDP] = "IP packets without TCP or UDP (ICMP, ...)",
	[PT_FRAGMENT] = "later IP fragments (not reassembled)",
	[PT_NOT_LINKTYPE] = "frames of a link type not decoded",
	[PT_NOT_PACKET] = "records that are not packets (pcapng custom blocks, journal entries)",
	[PT_TRUNC_LINK] = "truncated: capture ends in the link-layer header",
	[PT_TRUNC_IPV4] = "truncated: capture ends in the IPv4 header",
	[PT_TRUNC_IPV6] = "truncated: capture ends in the IPv6 headers",
	[PT_TRUNC_TCP] = "truncated: capture ends in the TCP header",
	[PT_TRUNC_UDP] = "truncated: capture ends in the UDP header",
	[PT_BAD_SHORT_FRAME] = "invalid: frame ends inside a header",
	[PT_BAD_IP_VERSION] = "invalid: IP version does not match the link layer",
	[PT_BAD_IPV4_HLEN] = "invalid: IPv4 header length below 20",
	[PT_BAD_IPV4_LEN] = "invalid: IPv4 total length below the header or beyond the frame",
	[PT_BAD_IPV6_LEN] = "invalid: IPv6 payload length beyond the frame",
	[PT_BAD_IPV6_EXT] = "invalid: IPv6 extension header beyond the payload",
	[PT_BAD_TCP_HLEN] = "invalid: TCP header length below 20 or beyond the segment",
	[PT_BAD_UDP_LEN] = "invalid: UDP length below 8 or beyond the datagram",
};

const char *
pt_verdict_text(enum pt_verdict v)
{
	return v < PT_VERDICTS ? verdict_text[v] : "?";
}

bool
pt_linktype_supported(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_RAW:
	case DLT_RAW_OPENBSD:
	case DLT_IPV4:
	case DLT_IPV6:
	case DLT_NULL:
	case DLT_LOOP:
		return true;
	default:
		return false;
	}
}

enum pt_verdict
pt_decode_layers(int dlt, const uint8_t *bytes, uint32_t caplen,
    uint32_t wirelen, struct pt_packet *pkt)
{
	struct window frame = win_make(bytes, caplen);
	struct window net, seg;
	enum net_proto proto;
	uint32_t off, bound, seg_len;
	enum pt_verdict v;

	/* A damaged record may claim fewer bytes on the wire than it holds. */
	if (wirelen < caplen)
		wirelen = caplen;
	pkt->wirelen = wirelen;
	pkt->caplen = caplen;

	v = decode_link(dlt, &frame, &proto, &off, &bound);
	if (v == PT_DECODED) {
		net = win_slice(&frame, off, caplen);
		v = decode_ip(proto, &net, wirelen - off, bound, pkt, &seg,
		    &seg_len);
	}
	if (v == PT_DECODED)
		v = decode_transport(&seg, seg_len, pkt);
	/* Cut short with nothing left uncaptured: the frame itself is short. */
	if (v >= PT_TRUNC_LINK && v <= PT_TRUNC_UDP && caplen == wirelen)
		v = PT_BAD_SHORT_FRAME;
	return v;
}

enum {
	FAST_IP = 14,		/* the IPv4 header after an untagged Ethernet one */
	FAST_SEG = FAST_IP + IPV4_HDR,
};

/*
 * Most frames: Ethernet, IPv4 without options, TCP or UDP, their headers
 * captured and every length right.  The same checks as the layers make,
 * in one pass over a copy of the headers; pkt is written only when all
 * of them pass, and is then what pt_decode_layers() makes of the frame
 * (tests/check_decode.c compares the two).  False: the frame takes the
 * layers, which decide.
 */
static inline bool
decode_fast(struct window *f, uint32_t wirelen, struct pt_packet *pkt)
{
	uint8_t h[FAST_SEG + TCP_HDR];
	struct window seg, payload;
	uint32_t wire, total, seg_len, hlen, len;
	uint16_t frag;
	uint8_t proto;

	if (!win_has(f, 0, FAST_SEG + UDP_HDR))
		return false;
	win_copy(f, 0, h, FAST_SEG + UDP_HDR);
	if (be16(h + 12) != ETHERTYPE_IPV4 || h[FAST_IP] != 0x45)
		return false;
	wire = (wirelen < f->len ? f->len : wirelen) - FAST_IP;
	total = be16(h + FAST_IP + 2);
	frag = be16(h + FAST_IP + 6);
	proto = h[FAST_IP + 9];
	if (total == 0)
		total = wire;
	if (total < IPV4_HDR || total > wire || (frag & IPV4_OFFSET))
		return false;
	seg_len = total - IPV4_HDR;
	seg = win_slice(f, FAST_SEG, seg_len);
	if (proto == IPPROTO_TCP) {
		if (seg_len < TCP_HDR || !win_has(&seg, 0, TCP_HDR))
			return false;
		win_copy(&seg, 0, h + FAST_SEG, TCP_HDR);
		hlen = (h[FAST_SEG + 12] >> 4) * 4u;
		if (hlen < TCP_HDR || hlen > seg_len)
			return false;
		pkt->seq = be32(h + FAST_SEG + 4);
		pkt->ack = be32(h + FAST_SEG + 8);
		pkt->tcpflags = h[FAST_SEG + 13];
		len = seg_len - hlen;
	} else if (proto == IPPROTO_UDP) {
		/* The window holds the UDP header: checked above. */
		hlen = UDP_HDR;
		len = frag & IPV4_MF ? seg_len : be16(h + FAST_SEG + 4);
		if (seg_len < UDP_HDR || len < UDP_HDR || len > seg_len)
			return false;
		pkt->seq = pkt->ack = 0;
		pkt->tcpflags = 0;
		len -= UDP_HDR;
	} else
		return false;
	payload = win_slice(&seg, hlen, len);
	pkt->wirelen = wire + FAST_IP;
	pkt->caplen = f->len;
	pkt->ipver = 4;
	pkt->proto = proto;
	pkt->first_fragment = (frag & IPV4_MF) != 0;
	memcpy(pkt->src, h + FAST_IP + 12, 4);
	memcpy(pkt->dst, h + FAST_IP + 16, 4);
	pkt->sport = be16(h + FAST_SEG);
	pkt->dport = be16(h + FAST_SEG + 2);
	pkt->payload_len = len;
	pkt->payload = payload.data;
	pkt->payload_caplen = payload.len;
	return true;
}

enum pt_verdict
pt_decode(int dlt, const uint8_t *bytes, uint32_t caplen, uint32_t wirelen,
    struct pt_packet *pkt)
{
	struct window frame = win_make(bytes, caplen);

	if (__builtin_expect(dlt == DLT_EN10MB, 1) &&
	    __builtin_expect(decode_fast(&frame, wirelen, pkt), 1))
		return PT_DECODED;
	return pt_decode_layers(dlt, bytes, caplen, wirelen, pkt);
}
