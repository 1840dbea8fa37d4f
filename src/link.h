/*
 * link.h: link-layer headers, down to the network layer.
 *
 * Ethernet II with any number of 802.1Q / 802.1ad tags, PPPoE sessions
 * and MPLS label stacks; Linux cooked v1 and v2; raw IP; BSD NULL and
 * LOOP.  Anything else on the link is "not IP", not an error.
 */
#ifndef PCAPTALLY_LINK_H
#define PCAPTALLY_LINK_H

#include "decode.h"
#include "dlt.h"

enum {
	ETHERTYPE_IPV4 = 0x0800,
	ETHERTYPE_IPV6 = 0x86dd,
	ETHERTYPE_VLAN = 0x8100,	/* 802.1Q C-tag */
	ETHERTYPE_QINQ = 0x88a8,	/* 802.1ad S-tag */
	ETHERTYPE_QINQ_OLD = 0x9100,	/* pre-standard S-tag */
	ETHERTYPE_PPPOE = 0x8864,	/* PPPoE session stage */
	ETHERTYPE_MPLS = 0x8847,
	PPP_IPV4 = 0x0021,
	PPP_IPV6 = 0x0057,
};

/*
 * From an Ethernet type and the offset where its payload starts: steps
 * over VLAN tags, a PPPoE session header and MPLS labels to IP.  A PPPoE
 * header's length (of the PPP protocol field and the datagram) bounds
 * the datagram: *bound, left as it is without PPPoE.
 */
static inline enum pt_verdict
ethertype(struct window *f, uint32_t type, uint32_t *off, enum net_proto *net,
    uint32_t *bound)
{
	uint32_t label;
	uint8_t version;

	/* Most frames: untagged IPv4, settled before the chains of tests. */
	if (type == ETHERTYPE_IPV4) {
		*net = NET_IPV4;
		return PT_DECODED;
	}
	/* Each tag is 4 bytes: 2 of tag control, then the next type. */
	while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ ||
	    type == ETHERTYPE_QINQ_OLD) {
		type = win_be16(f, *off + 2);
		*off += 4;
		if (win_short(f))
			return PT_TRUNC_LINK;
	}
	if (type == ETHERTYPE_PPPOE) {
		/* version/type, code, session id, length; then PPP protocol. */
		uint16_t len = win_be16(f, *off + 4);
		uint16_t ppp = win_be16(f, *off + 6);

		*off += 8;
		if (win_short(f))
			return PT_TRUNC_LINK;
		*bound = len < 2 ? 0 : len - 2u;
		type = ppp == PPP_IPV4 ? ETHERTYPE_IPV4 :
		    ppp == PPP_IPV6 ? ETHERTYPE_IPV6 : 0;
	}
	switch (type) {
	case ETHERTYPE_IPV4:
		*net = NET_IPV4;
		return PT_DECODED;
	case ETHERTYPE_IPV6:
		*net = NET_IPV6;
		return PT_DECODED;
	case ETHERTYPE_MPLS:
		/*
		 * Labels until the bottom-of-stack bit; then IP by its version,
		 * or a pseudowire (control word, Ethernet): not IP to us.
		 */
		do {
			label = win_be32(f, *off);
			*off += 4;
			if (win_short(f))
				return PT_TRUNC_LINK;
		} while (!(label & 0x100));
		version = win_u8(f, *off) >> 4;
		if (win_short(f))
			return PT_TRUNC_LINK;
		if (version != 4 && version != 6)
			return PT_NOT_IP;
		*net = version == 4 ? NET_IPV4 : NET_IPV6;
		return PT_DECODED;
	default:
		return PT_NOT_IP;
	}
}

/* The address family of BSD NULL and LOOP headers. */
static inline enum pt_verdict
bsd_family(uint32_t family, enum net_proto *net)
{
	switch (family) {
	case 2:			/* AF_INET everywhere */
		*net = NET_IPV4;
		return PT_DECODED;
	case 10:		/* AF_INET6: Linux */
	case 23:		/* Windows */
	case 24:		/* NetBSD, OpenBSD, BSD/OS */
	case 28:		/* FreeBSD, DragonFly */
	case 30:		/* macOS */
		*net = NET_IPV6;
		return PT_DECODED;
	default:
		return PT_NOT_IP;
	}
}

/*
 * The link layer: the network protocol, where its header starts, and
 * the datagram's length when the link layer gives one (*bound: PPPoE),
 * else UINT32_MAX.
 */
static inline enum pt_verdict
decode_link(int dlt, struct window *f, enum net_proto *net, uint32_t *off,
    uint32_t *bound)
{
	uint32_t family, type;

	*bound = UINT32_MAX;
	/* Ethernet, most captures: tested first, not last in a chain. */
	switch (__builtin_expect(dlt, DLT_EN10MB)) {
	case DLT_EN10MB:
		/* destination and source MAC, type */
		type = win_be16(f, 12);
		*off = 14;
		break;
	case DLT_LINUX_SLL:
		/* packet type, ARPHRD, address length, address[8], protocol */
		type = win_be16(f, 14);
		*off = 16;
		break;
	case DLT_LINUX_SLL2:
		/* protocol, then 18 bytes of interface and address data */
		type = win_be16(f, 0);
		(void)win_u8(f, 19);
		*off = 20;
		break;
	case DLT_RAW:
	case DLT_RAW_OPENBSD:
		*off = 0;
		*net = NET_IP_BY_VERSION;
		return PT_DECODED;
	case DLT_IPV4:
		*off = 0;
		*net = NET_IPV4;
		return PT_DECODED;
	case DLT_IPV6:
		*off = 0;
		*net = NET_IPV6;
		return PT_DECODED;
	case DLT_NULL:
	case DLT_LOOP:
		if (dlt == DLT_LOOP) {
			family = win_be32(f, 0);
		} else {
			/*
			 * In the byte order of the host that captured: every
			 * family fits in 16 bits, so high bits set mean the
			 * other order.
			 */
			family = win_le32(f, 0);
			if (family & 0xffff0000)
				family = __builtin_bswap32(family);
		}
		*off = 4;
		if (win_short(f))
			return PT_TRUNC_LINK;
		return bsd_family(family, net);
	default:
		return PT_NOT_IP;
	}
	if (win_short(f))
		return PT_TRUNC_LINK;
	return ethertype(f, type, off, net, bound);
}

#endif
