/* decode.c: one frame, from link layer to TCP/UDP payload. */
#include <config.h>

#include <pcap/pcap.h>

#include "decode.h"
#include "fastpath.h"
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

enum pt_verdict
pt_decode(int dlt, const uint8_t *bytes, uint32_t caplen, uint32_t wirelen,
    struct pt_packet *pkt)
{
	return pt_decode_inline(dlt, bytes, caplen, wirelen, pkt);
}
