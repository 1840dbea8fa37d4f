/*
 * check_decode.c: unit tests of pt_decode().
 *
 * Each frame is a literal link-layer header in front of a datagram that
 * put_dgram() writes from a short description (IP version, transport,
 * ports, sequence numbers, flags, payload length, options).  What the
 * decoder must return is worked out from that description and the header
 * sizes, never taken from what the decoder returned.
 *
 * Frames are handed to the decoder in malloc'd buffers of exactly caplen
 * bytes, so valgrind or ASan catch any read past the capture.
 */
#include <netinet/in.h>
#include <pcap/dlt.h>

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "dlt.h"
#include "pcaptally.h"

#define MAXFRAME 4096

/* The addresses every built datagram carries. */
static const uint8_t src4[4] = { 192, 0, 2, 1 };
static const uint8_t dst4[4] = { 198, 51, 100, 2 };
static const uint8_t src6[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01
};
static const uint8_t dst6[16] = {
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02
};

/* ---- link-layer headers -------------------------------------------------- */

/* dst 00:11:22:33:44:55, src 66:77:88:99:aa:bb, then the type */
#define ETH_MACS 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, \
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb

static const uint8_t eth_ipv4[] = { ETH_MACS, 0x08, 0x00 };
static const uint8_t eth_ipv6[] = { ETH_MACS, 0x86, 0xdd };
/* One 802.1Q tag, VLAN 100. */
static const uint8_t vlan_ipv4[] = {
	ETH_MACS, 0x81, 0x00, 0x00, 0x64, 0x08, 0x00
};
static const uint8_t vlan_ipv6[] = {
	ETH_MACS, 0x81, 0x00, 0x00, 0x64, 0x86, 0xdd
};
/* 802.1ad S-tag 10, then 802.1Q C-tag 100. */
static const uint8_t qinq_ipv6[] = {
	ETH_MACS, 0x88, 0xa8, 0x00, 0x0a, 0x81, 0x00, 0x00, 0x64, 0x86, 0xdd
};
/* Three tags: the old 0x9100 S-tag, 802.1ad, 802.1Q. */
static const uint8_t three_tags_ipv4[] = {
	ETH_MACS, 0x91, 0x00, 0x00, 0x01, 0x88, 0xa8, 0x00, 0x02,
	0x81, 0x00, 0x00, 0x03, 0x08, 0x00
};
/*
 * PPPoE session: ver/type 0x11, code 0, session 0x1234, length (patched
 * by pppoe_frame()), then the PPP protocol.
 */
static const uint8_t pppoe_ipv4[] = {
	ETH_MACS, 0x88, 0x64, 0x11, 0x00, 0x12, 0x34, 0x00, 0x00, 0x00, 0x21
};
static const uint8_t pppoe_ipv6[] = {
	ETH_MACS, 0x88, 0x64, 0x11, 0x00, 0x12, 0x34, 0x00, 0x00, 0x00, 0x57
};
/* MPLS: label 100 (TTL 64), then label 200 with bottom of stack. */
static const uint8_t mpls2[] = {
	ETH_MACS, 0x88, 0x47, 0x00, 0x06, 0x40, 0x40, 0x00, 0x0c, 0x81, 0x40
};
/* Linux cooked v1: to us, ARPHRD_ETHER, 6-byte address, protocol. */
static const uint8_t sll_ipv4[] = {
	0x00, 0x00, 0x00, 0x01, 0x00, 0x06,
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x00, 0x00, 0x08, 0x00
};
/*
 * Linux cooked v2: protocol, reserved, ifindex 2, ARPHRD_ETHER, packet
 * type, address length, address.
 */
static const uint8_t sll2_ipv6[] = {
	0x86, 0xdd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x00, 0x06,
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x00, 0x00
};
static const uint8_t sll2_ipv4[] = {
	0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01, 0x00, 0x06,
	0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x00, 0x00
};
/* BSD NULL in the capturing host's (here little-endian) byte order. */
static const uint8_t null_le_inet[] = { 0x02, 0x00, 0x00, 0x00 };
static const uint8_t null_be_inet[] = { 0x00, 0x00, 0x00, 0x02 };
static const uint8_t null_le_inet6_bsd[] = { 0x18, 0x00, 0x00, 0x00 };
/* LOOP is always in network byte order. */
static const uint8_t loop_inet[] = { 0x00, 0x00, 0x00, 0x02 };
static const uint8_t loop_inet6[] = { 0x00, 0x00, 0x00, 0x18 };

/* ---- building datagrams -------------------------------------------------- */

struct dgram {
	int ipver;		/* 4 or 6 */
	uint8_t proto;		/* IPPROTO_TCP or IPPROTO_UDP */
	uint16_t sport, dport;
	uint32_t seq, ack;	/* TCP */
	uint8_t flags;		/* TCP */
	uint32_t paylen;
	uint32_t tcpopts;	/* bytes of TCP options, a multiple of 4 */
	uint32_t ipopts;	/* bytes of IPv4 options, a multiple of 4 */
	uint16_t frag;		/* IPv4 flags and fragment offset */
	const uint8_t *ext;	/* IPv6 extension headers, ending in proto */
	uint32_t extlen;
	uint8_t ext_next;	/* the first extension header's type */
};

static void
put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static uint32_t
ip_hdr_len(const struct dgram *d)
{
	return d->ipver == 4 ? 20 + d->ipopts : 40 + d->extlen;
}

static uint32_t
l4_hdr_len(const struct dgram *d)
{
	return d->proto == IPPROTO_TCP ? 20 + d->tcpopts : 8;
}

/* Payload byte i: a pattern, so a wrong payload pointer shows. */
static uint8_t
pay(uint32_t i)
{
	return (uint8_t)('a' + i % 26);
}

/* Writes the datagram d at p; returns its length. */
static uint32_t
put_dgram(uint8_t *p, const struct dgram *d)
{
	uint32_t iph = ip_hdr_len(d), l4h = l4_hdr_len(d);
	uint32_t l4len = l4h + d->paylen, i;
	uint8_t *l4 = p + iph;

	if (d->ipver == 4) {
		p[0] = (uint8_t)(0x40 | iph / 4);
		p[1] = 0;
		put16(p + 2, iph + l4len);
		put16(p + 4, 0x1234);
		put16(p + 6, d->frag);
		p[8] = 64;
		p[9] = d->proto;
		put16(p + 10, 0);	/* checksums are not checked */
		memcpy(p + 12, src4, 4);
		memcpy(p + 16, dst4, 4);
		for (i = 20; i < iph; i++)
			p[i] = 1;	/* NOP options */
	} else {
		put32(p, 0x60000000);
		put16(p + 4, d->extlen + l4len);
		p[6] = d->extlen ? d->ext_next : d->proto;
		p[7] = 64;
		memcpy(p + 8, src6, 16);
		memcpy(p + 24, dst6, 16);
		if (d->extlen)
			memcpy(p + 40, d->ext, d->extlen);
	}
	put16(l4, d->sport);
	put16(l4 + 2, d->dport);
	if (d->proto == IPPROTO_TCP) {
		put32(l4 + 4, d->seq);
		put32(l4 + 8, d->ack);
		l4[12] = (uint8_t)(l4h / 4 << 4);
		l4[13] = d->flags;
		put16(l4 + 14, 65535);
		put32(l4 + 16, 0);
		for (i = 20; i < l4h; i++)
			l4[i] = 1;	/* NOP options */
	} else {
		put16(l4 + 4, l4len);
		put16(l4 + 6, 0);
	}
	for (i = 0; i < d->paylen; i++)
		l4[l4h + i] = pay(i);
	return iph + l4len;
}

/* Writes a link header and d behind it; returns the frame length. */
static uint32_t
put_frame(uint8_t *p, const uint8_t *link, uint32_t linklen,
    const struct dgram *d)
{
	if (linklen)
		memcpy(p, link, linklen);
	return linklen + put_dgram(p + linklen, d);
}

/* A PPPoE frame: the session header's length is PPP protocol + datagram. */
static uint32_t
put_pppoe(uint8_t *p, const uint8_t *link, const struct dgram *d)
{
	uint32_t len = put_frame(p, link, 22, d);

	put16(p + 18, len - 20);
	return len;
}

/* A malloc'd copy of exactly n bytes: reading past them is caught. */
static uint8_t *
exact(const uint8_t *src, uint32_t n)
{
	uint8_t *p = malloc(n);

	ck_assert(p != NULL || n == 0);
	if (n)
		memcpy(p, src, n);
	return p;
}

/* Fills pkt with junk so that a field left unset does not pass. */
static void
blank(struct pt_packet *pkt)
{
	memset(pkt, 0xa5, sizeof *pkt);
	pkt->first_fragment = true;
}

static enum pt_verdict
decode(int dlt, const uint8_t *frame, uint32_t caplen, uint32_t wirelen,
    struct pt_packet *pkt)
{
	uint8_t *buf = exact(frame, caplen);
	enum pt_verdict v;

	blank(pkt);
	v = pt_decode(dlt, buf, caplen, wirelen, pkt);
	free(buf);
	return v;
}

/* The network and transport fields of a decoded d. */
static void
expect_fields(const struct pt_packet *pkt, const struct dgram *d)
{
	ck_assert_uint_eq(pkt->ipver, d->ipver);
	ck_assert_uint_eq(pkt->proto, d->proto);
	if (d->ipver == 4) {
		ck_assert_mem_eq(pkt->src, src4, 4);
		ck_assert_mem_eq(pkt->dst, dst4, 4);
	} else {
		ck_assert_mem_eq(pkt->src, src6, 16);
		ck_assert_mem_eq(pkt->dst, dst6, 16);
	}
	ck_assert_uint_eq(pkt->sport, d->sport);
	ck_assert_uint_eq(pkt->dport, d->dport);
	if (d->proto == IPPROTO_TCP) {
		ck_assert_uint_eq(pkt->seq, d->seq);
		ck_assert_uint_eq(pkt->ack, d->ack);
		ck_assert_uint_eq(pkt->tcpflags, d->flags);
	} else {
		ck_assert_uint_eq(pkt->seq, 0);
		ck_assert_uint_eq(pkt->ack, 0);
		ck_assert_uint_eq(pkt->tcpflags, 0);
	}
	ck_assert_uint_eq(pkt->payload_len, d->paylen);
}

/* The captured payload: caplen bytes at buf + off, with the pattern. */
static void
expect_payload(const struct pt_packet *pkt, const uint8_t *buf, uint32_t off,
    uint32_t caplen)
{
	uint32_t i;

	ck_assert_uint_eq(pkt->payload_caplen, caplen);
	if (caplen == 0)
		return;
	ck_assert_ptr_eq(pkt->payload, buf + off);
	for (i = 0; i < caplen; i++)
		ck_assert_uint_eq(pkt->payload[i], pay(i));
}

/*
 * Decodes d behind a link header, whole, and checks every field and that
 * the payload pointer is just past the headers.
 */
static void
check_frame(int dlt, const uint8_t *frame, uint32_t len, uint32_t linklen,
    const struct dgram *d)
{
	uint32_t hdr = linklen + ip_hdr_len(d) + l4_hdr_len(d);
	uint8_t *buf = exact(frame, len);
	struct pt_packet pkt;

	blank(&pkt);
	ck_assert_int_eq(pt_decode(dlt, buf, len, len, &pkt), PT_DECODED);
	ck_assert_uint_eq(pkt.caplen, len);
	ck_assert_uint_eq(pkt.wirelen, len);
	ck_assert(!pkt.first_fragment);
	expect_fields(&pkt, d);
	expect_payload(&pkt, buf, hdr, d->paylen);
	free(buf);
}

static void
check_linked(int dlt, const uint8_t *link, uint32_t linklen,
    const struct dgram *d)
{
	uint8_t frame[MAXFRAME];
	uint32_t len = put_frame(frame, link, linklen, d);

	check_frame(dlt, frame, len, linklen, d);
}

static const struct dgram tcp4 = {
	.ipver = 4, .proto = IPPROTO_TCP, .sport = 49152, .dport = 80,
	.seq = 0x11223344, .ack = 0xaabbccdd, .flags = PT_PSH | PT_ACK,
	.paylen = 37, .frag = 0x4000,
};
static const struct dgram tcp6 = {
	.ipver = 6, .proto = IPPROTO_TCP, .sport = 443, .dport = 50001,
	.seq = 0xfffffff0, .ack = 7, .flags = PT_FIN | PT_ACK | PT_CWR,
	.paylen = 21,
};
static const struct dgram udp4 = {
	.ipver = 4, .proto = IPPROTO_UDP, .sport = 5353, .dport = 53,
	.paylen = 29, .frag = 0x4000,
};
static const struct dgram udp6 = {
	.ipver = 6, .proto = IPPROTO_UDP, .sport = 123, .dport = 65535,
	.paylen = 48,
};

/* ---- link layers --------------------------------------------------------- */

/* A frame written out byte by byte: checks put_dgram() as well. */
START_TEST(test_literal_ethernet_ipv4_tcp_decodes)
{
	static const uint8_t frame[] = {
		ETH_MACS, 0x08, 0x00,
		/* IPv4, IHL 5, total 44, DF, TTL 64, TCP, 10.1.2.3 > 10.4.5.6 */
		0x45, 0x00, 0x00, 0x2c, 0xbe, 0xef, 0x40, 0x00,
		0x40, 0x06, 0x00, 0x00, 0x0a, 0x01, 0x02, 0x03,
		0x0a, 0x04, 0x05, 0x06,
		/* 49152 > 443, seq 0x01020304, ack 0xa0b0c0d0, PSH|ACK */
		0xc0, 0x00, 0x01, 0xbb, 0x01, 0x02, 0x03, 0x04,
		0xa0, 0xb0, 0xc0, 0xd0, 0x50, 0x18, 0xff, 0xff,
		0x00, 0x00, 0x00, 0x00,
		'a', 'b', 'c', 'd'
	};
	static const uint8_t a[4] = { 10, 1, 2, 3 }, b[4] = { 10, 4, 5, 6 };
	uint8_t *buf = exact(frame, sizeof frame);
	struct pt_packet pkt;

	blank(&pkt);
	ck_assert_int_eq(pt_decode(DLT_EN10MB, buf, sizeof frame, sizeof frame,
	    &pkt), PT_DECODED);
	ck_assert_uint_eq(pkt.ipver, 4);
	ck_assert_uint_eq(pkt.proto, IPPROTO_TCP);
	ck_assert_mem_eq(pkt.src, a, 4);
	ck_assert_mem_eq(pkt.dst, b, 4);
	ck_assert_uint_eq(pkt.sport, 49152);
	ck_assert_uint_eq(pkt.dport, 443);
	ck_assert_uint_eq(pkt.seq, 0x01020304);
	ck_assert_uint_eq(pkt.ack, 0xa0b0c0d0);
	ck_assert_uint_eq(pkt.tcpflags, PT_PSH | PT_ACK);
	ck_assert(!pkt.first_fragment);
	ck_assert_uint_eq(pkt.payload_len, 4);
	ck_assert_uint_eq(pkt.payload_caplen, 4);
	ck_assert_ptr_eq(pkt.payload, buf + 54);
	free(buf);
}
END_TEST

START_TEST(test_literal_raw_ipv6_udp_decodes)
{
	static const uint8_t frame[] = {
		/* IPv6, payload length 11, UDP, hop limit 64 */
		0x60, 0x00, 0x00, 0x00, 0x00, 0x0b, 0x11, 0x40,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
		0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
		/* 53 > 5353, length 11 */
		0x00, 0x35, 0x14, 0xe9, 0x00, 0x0b, 0x00, 0x00,
		'x', 'y', 'z'
	};
	static const uint8_t b[16] = { 0xfe, 0x80, [15] = 0x02 };
	uint8_t *buf = exact(frame, sizeof frame);
	struct pt_packet pkt;

	blank(&pkt);
	ck_assert_int_eq(pt_decode(DLT_RAW, buf, sizeof frame, sizeof frame,
	    &pkt), PT_DECODED);
	ck_assert_uint_eq(pkt.ipver, 6);
	ck_assert_uint_eq(pkt.proto, IPPROTO_UDP);
	ck_assert_mem_eq(pkt.src, src6, 16);
	ck_assert_mem_eq(pkt.dst, b, 16);
	ck_assert_uint_eq(pkt.sport, 53);
	ck_assert_uint_eq(pkt.dport, 5353);
	ck_assert_uint_eq(pkt.payload_len, 3);
	ck_assert_uint_eq(pkt.payload_caplen, 3);
	ck_assert_ptr_eq(pkt.payload, buf + 48);
	free(buf);
}
END_TEST

START_TEST(test_ethernet_plain_decodes)
{
	check_linked(DLT_EN10MB, eth_ipv4, sizeof eth_ipv4, &tcp4);
	check_linked(DLT_EN10MB, eth_ipv6, sizeof eth_ipv6, &tcp6);
	check_linked(DLT_EN10MB, eth_ipv4, sizeof eth_ipv4, &udp4);
	check_linked(DLT_EN10MB, eth_ipv6, sizeof eth_ipv6, &udp6);
}
END_TEST

START_TEST(test_vlan_one_tag_decodes)
{
	check_linked(DLT_EN10MB, vlan_ipv4, sizeof vlan_ipv4, &tcp4);
	check_linked(DLT_EN10MB, vlan_ipv6, sizeof vlan_ipv6, &udp6);
}
END_TEST

START_TEST(test_vlan_qinq_decodes)
{
	check_linked(DLT_EN10MB, qinq_ipv6, sizeof qinq_ipv6, &tcp6);
}
END_TEST

START_TEST(test_vlan_three_tags_decode)
{
	check_linked(DLT_EN10MB, three_tags_ipv4, sizeof three_tags_ipv4,
	    &udp4);
}
END_TEST

START_TEST(test_pppoe_session_decodes)
{
	uint8_t frame[MAXFRAME];
	uint32_t len;

	len = put_pppoe(frame, pppoe_ipv4, &tcp4);
	check_frame(DLT_EN10MB, frame, len, 22, &tcp4);
	len = put_pppoe(frame, pppoe_ipv6, &udp6);
	check_frame(DLT_EN10MB, frame, len, 22, &udp6);
}
END_TEST

/* PPP protocols other than IP (here LCP, 0xc021) carry no IP. */
START_TEST(test_pppoe_lcp_is_not_ip)
{
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len;

	len = put_pppoe(frame, pppoe_ipv4, &tcp4);
	put16(frame + 20, 0xc021);
	ck_assert_int_eq(decode(DLT_EN10MB, frame, len, len, &pkt), PT_NOT_IP);
}
END_TEST

/*
 * The PPPoE length bounds the datagram: an IP length beyond it (within
 * the frame) is cut to it, as Wireshark cuts it; one below the IP header
 * is invalid.
 */
START_TEST(test_pppoe_length_bounds_the_datagram)
{
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len;

	/* IPv4: the PPPoE length says 6 payload bytes fewer. */
	len = put_pppoe(frame, pppoe_ipv4, &tcp4);
	put16(frame + 18, len - 20 - 6);
	ck_assert_int_eq(decode(DLT_EN10MB, frame, len, len, &pkt), PT_DECODED);
	ck_assert_uint_eq(pkt.payload_len, tcp4.paylen - 6);
	/* No payload at all: the datagram is the headers. */
	put16(frame + 18, 2 + 20 + 20);
	ck_assert_int_eq(decode(DLT_EN10MB, frame, len, len, &pkt), PT_DECODED);
	ck_assert_uint_eq(pkt.payload_len, 0);
	/* Below the IPv4 header. */
	put16(frame + 18, 2 + 19);
	ck_assert_int_eq(decode(DLT_EN10MB, frame, len, len, &pkt),
	    PT_BAD_IPV4_LEN);
	/* A PPPoE length beyond the datagram changes nothing. */
	put16(frame + 18, 1500);
	ck_assert_int_eq(decode(DLT_EN10MB, frame, len, len, &pkt), PT_DECODED);
	ck_assert_uint_eq(pkt.payload_len, tcp4.paylen);

	/* IPv6, the same. */
	len = put_pppoe(frame, pppoe_ipv6, &tcp6);
	put16(frame + 18, len - 20 - 5);
	ck_assert_int_eq(decode(DLT_EN10MB, frame, len, len, &pkt), PT_DECODED);
	ck_assert_uint_eq(pkt.payload_len, tcp6.paylen - 5);
	put16(frame + 18, 2 + 39);
	ck_assert_int_eq(decode(DLT_EN10MB, frame, len, len, &pkt),
	    PT_BAD_IPV6_LEN);
}
END_TEST

START_TEST(test_mpls_two_labels_decode)
{
	check_linked(DLT_EN10MB, mpls2, sizeof mpls2, &tcp4);
	/* The version nibble behind the bottom label tells IPv6 too. */
	check_linked(DLT_EN10MB, mpls2, sizeof mpls2, &udp6);
}
END_TEST

/* A pseudowire: a control word (first nibble 0), then an Ethernet frame. */
START_TEST(test_mpls_control_word_is_not_ip)
{
	static const uint8_t cw[] = {
		ETH_MACS, 0x88, 0x47, 0x00, 0x0c, 0x81, 0x40,
		0x00, 0x00, 0x00, 0x00, ETH_MACS, 0x08, 0x00
	};
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len = put_frame(frame, cw, sizeof cw, &tcp4);

	ck_assert_int_eq(decode(DLT_EN10MB, frame, len, len, &pkt), PT_NOT_IP);
}
END_TEST

START_TEST(test_linux_sll_decodes)
{
	check_linked(DLT_LINUX_SLL, sll_ipv4, sizeof sll_ipv4, &tcp4);
}
END_TEST

START_TEST(test_linux_sll2_decodes)
{
	check_linked(DLT_LINUX_SLL2, sll2_ipv6, sizeof sll2_ipv6, &tcp6);
	check_linked(DLT_LINUX_SLL2, sll2_ipv4, sizeof sll2_ipv4, &udp4);
}
END_TEST

START_TEST(test_raw_ip_decodes_by_version)
{
	check_linked(DLT_RAW, NULL, 0, &tcp4);
	check_linked(DLT_RAW, NULL, 0, &tcp6);
	/* OpenBSD's number for raw IP as well. */
	check_linked(DLT_RAW_OPENBSD, NULL, 0, &udp4);
	check_linked(DLT_RAW_OPENBSD, NULL, 0, &udp6);
}
END_TEST

START_TEST(test_dlt_ipv4_and_ipv6_decode)
{
	check_linked(DLT_IPV4, NULL, 0, &tcp4);
	check_linked(DLT_IPV6, NULL, 0, &tcp6);
}
END_TEST

START_TEST(test_null_inet_little_endian_decodes)
{
	check_linked(DLT_NULL, null_le_inet, 4, &tcp4);
}
END_TEST

/* AF_INET6 is 24, 28, 30, 10 or 23 depending on the capturing OS. */
START_TEST(test_null_inet6_families_decode)
{
	static const uint8_t families[] = { 24, 28, 30, 10, 23 };
	uint8_t link[4] = { 0, 0, 0, 0 };
	size_t i;

	for (i = 0; i < sizeof families; i++) {
		link[0] = families[i];
		check_linked(DLT_NULL, link, 4, &tcp6);
	}
}
END_TEST

/* A big-endian capturing host writes the family the other way round. */
START_TEST(test_null_big_endian_decodes)
{
	static const uint8_t null_be_inet6[] = { 0x00, 0x00, 0x00, 0x1e };

	check_linked(DLT_NULL, null_be_inet, 4, &tcp4);
	check_linked(DLT_NULL, null_be_inet6, 4, &udp6);
}
END_TEST

START_TEST(test_loop_decodes_network_order)
{
	check_linked(DLT_LOOP, loop_inet, 4, &tcp4);
	check_linked(DLT_LOOP, loop_inet6, 4, &tcp6);
}
END_TEST

/* LOOP has no byte-order guessing: 02 00 00 00 is family 0x02000000. */
START_TEST(test_loop_little_endian_family_is_not_ip)
{
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len = put_frame(frame, null_le_inet, 4, &tcp4);

	ck_assert_int_eq(decode(DLT_LOOP, frame, len, len, &pkt), PT_NOT_IP);
}
END_TEST

START_TEST(test_linktype_supported)
{
	ck_assert(pt_linktype_supported(DLT_EN10MB));
	ck_assert(pt_linktype_supported(DLT_LINUX_SLL));
	ck_assert(pt_linktype_supported(DLT_LINUX_SLL2));
	ck_assert(pt_linktype_supported(DLT_RAW));
	ck_assert(pt_linktype_supported(DLT_RAW_OPENBSD));
	ck_assert(pt_linktype_supported(DLT_IPV4));
	ck_assert(pt_linktype_supported(DLT_IPV6));
	ck_assert(pt_linktype_supported(DLT_NULL));
	ck_assert(pt_linktype_supported(DLT_LOOP));
	ck_assert(!pt_linktype_supported(105));	/* 802.11 */
	ck_assert(!pt_linktype_supported(127));	/* radiotap */
	ck_assert(!pt_linktype_supported(9));	/* PPP */
	ck_assert(!pt_linktype_supported(-1));
}
END_TEST

/* An unknown link type is not an error: its frames are "not IP". */
START_TEST(test_unsupported_linktype_is_not_ip)
{
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len = put_frame(frame, eth_ipv4, 14, &tcp4);

	ck_assert_int_eq(decode(105, frame, len, len, &pkt), PT_NOT_IP);
}
END_TEST

/* ---- frames that are not TCP or UDP -------------------------------------- */

START_TEST(test_arp_is_not_ip)
{
	static const uint8_t arp[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x66, 0x77, 0x88, 0x99,
		0xaa, 0xbb, 0x08, 0x06,
		/* Ethernet, IPv4, 6, 4, request */
		0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01,
		0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 192, 0, 2, 1,
		0, 0, 0, 0, 0, 0, 192, 0, 2, 2,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
	};
	struct pt_packet pkt;

	ck_assert_int_eq(decode(DLT_EN10MB, arp, sizeof arp, sizeof arp, &pkt),
	    PT_NOT_IP);
}
END_TEST

START_TEST(test_icmp_is_not_tcp_udp)
{
	static const uint8_t ping[] = {
		ETH_MACS, 0x08, 0x00,
		/* IPv4, total 28, ICMP */
		0x45, 0x00, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00,
		0x40, 0x01, 0x00, 0x00, 192, 0, 2, 1, 198, 51, 100, 2,
		/* echo request */
		0x08, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01
	};
	struct pt_packet pkt;

	ck_assert_int_eq(decode(DLT_EN10MB, ping, sizeof ping, sizeof ping,
	    &pkt), PT_NOT_TCP_UDP);
}
END_TEST

START_TEST(test_unknown_null_family_is_not_ip)
{
	static const uint8_t families[][4] = {
		{ 0x00, 0x00, 0x00, 0x00 },
		{ 0x07, 0x00, 0x00, 0x00 },	/* 7: not an IP family */
		{ 0x00, 0x00, 0x00, 0x07 },
	};
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len;
	size_t i;

	for (i = 0; i < sizeof families / sizeof families[0]; i++) {
		len = put_frame(frame, families[i], 4, &tcp4);
		ck_assert_int_eq(decode(DLT_NULL, frame, len, len, &pkt),
		    PT_NOT_IP);
	}
}
END_TEST

/* ---- padding, trailers, snaplen ------------------------------------------ */

/* A 54-byte pure ACK padded to Ethernet's 60-byte minimum. */
START_TEST(test_ethernet_padding_is_not_payload)
{
	struct dgram d = tcp4;
	uint8_t frame[MAXFRAME];
	uint32_t len;

	d.flags = PT_ACK;
	d.paylen = 0;
	len = put_frame(frame, eth_ipv4, 14, &d);
	ck_assert_uint_eq(len, 54);
	memset(frame + len, 0, 6);
	check_frame(DLT_EN10MB, frame, 60, 14, &d);
}
END_TEST

/* Trailers (FCS, switch and tap trailers) after a datagram with payload. */
START_TEST(test_trailers_are_not_payload)
{
	static const uint32_t trailer[] = { 4, 6, 14 };
	uint8_t frame[MAXFRAME];
	uint32_t len;
	size_t i;

	for (i = 0; i < 3; i++) {
		len = put_frame(frame, eth_ipv4, 14, &tcp4);
		memset(frame + len, 0xee, trailer[i]);
		check_frame(DLT_EN10MB, frame, len + trailer[i], 14, &tcp4);
		len = put_frame(frame, eth_ipv6, 14, &udp6);
		memset(frame + len, 0xee, trailer[i]);
		check_frame(DLT_EN10MB, frame, len + trailer[i], 14, &udp6);
	}
}
END_TEST

/* A snaplen that stops 30 bytes into a 100-byte payload. */
START_TEST(test_snaplen_inside_payload_decodes)
{
	struct dgram d = tcp4;
	uint8_t frame[MAXFRAME], *buf;
	struct pt_packet pkt;
	uint32_t len;

	d.paylen = 100;
	len = put_frame(frame, eth_ipv4, 14, &d);
	ck_assert_uint_eq(len, 154);
	buf = exact(frame, 84);
	blank(&pkt);
	ck_assert_int_eq(pt_decode(DLT_EN10MB, buf, 84, len, &pkt),
	    PT_DECODED);
	ck_assert_uint_eq(pkt.caplen, 84);
	ck_assert_uint_eq(pkt.wirelen, 154);
	expect_fields(&pkt, &d);
	expect_payload(&pkt, buf, 54, 30);
	free(buf);
}
END_TEST

/* 20 bytes of options, of which the capture holds 8, then none. */
START_TEST(test_tcp_options_cut_by_snaplen_decode)
{
	struct dgram d = tcp4;
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len;

	d.tcpopts = 20;
	d.paylen = 50;
	len = put_frame(frame, eth_ipv4, 14, &d);
	ck_assert_uint_eq(len, 124);
	ck_assert_int_eq(decode(DLT_EN10MB, frame, 62, len, &pkt), PT_DECODED);
	expect_fields(&pkt, &d);
	ck_assert_uint_eq(pkt.payload_caplen, 0);
	ck_assert_int_eq(decode(DLT_EN10MB, frame, 54, len, &pkt), PT_DECODED);
	expect_fields(&pkt, &d);
	ck_assert_uint_eq(pkt.payload_caplen, 0);
}
END_TEST

/* A record claiming fewer bytes on the wire than captured: caplen wins. */
START_TEST(test_wirelen_below_caplen_is_raised)
{
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len = put_frame(frame, eth_ipv4, 14, &tcp4);

	ck_assert_int_eq(decode(DLT_EN10MB, frame, len, 20, &pkt), PT_DECODED);
	ck_assert_uint_eq(pkt.wirelen, len);
	ck_assert_uint_eq(pkt.caplen, len);
	expect_fields(&pkt, &tcp4);
}
END_TEST

/* ---- truncation ---------------------------------------------------------- */

/* Hop-by-hop (8), routing (24), destination options (8), then TCP. */
static const uint8_t ext_hrd[] = {
	IPPROTO_ROUTING, 0, 1, 4, 0, 0, 0, 0,
	IPPROTO_DSTOPTS, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0,
	IPPROTO_TCP, 0, 1, 4, 0, 0, 0, 0
};

struct cut_case {
	const char *name;
	int dlt;
	const uint8_t *link;
	uint32_t linklen;
	uint32_t link_end;	/* below this caplen: PT_TRUNC_LINK */
	struct dgram d;
};

static bool
is_trunc(enum pt_verdict v)
{
	return v >= PT_TRUNC_LINK && v <= PT_TRUNC_UDP;
}

/*
 * A cut inside IPv6 extension headers need only give some PT_TRUNC_*
 * value: one in the last 4 bytes of the last header is found by the TCP
 * layer, which reads next.
 */
#define ANY_TRUNC PT_VERDICTS

/*
 * Every caplen from 0 to the whole frame, with the whole wirelen: the
 * layer whose header the capture ends in, then decoded with the payload
 * that was captured.  Then every shorter frame captured whole: damaged.
 */
static void
check_every_cut(const struct cut_case *c)
{
	const struct dgram *d = &c->d;
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len = put_frame(frame, c->link, c->linklen, d);
	uint32_t ip_fixed = c->linklen + (d->ipver == 4 ? 20 : 40);
	uint32_t ip_end = c->linklen + ip_hdr_len(d);
	uint32_t l4_fixed = ip_end + (d->proto == IPPROTO_TCP ? 20 : 8);
	uint32_t hdr = ip_end + l4_hdr_len(d);
	enum pt_verdict trunc_ip = d->ipver == 4 ? PT_TRUNC_IPV4 :
	    PT_TRUNC_IPV6;
	enum pt_verdict trunc_l4 = d->proto == IPPROTO_TCP ? PT_TRUNC_TCP :
	    PT_TRUNC_UDP;
	enum pt_verdict bad_len = d->ipver == 4 ? PT_BAD_IPV4_LEN :
	    PT_BAD_IPV6_LEN;
	enum pt_verdict v, want;
	uint32_t caplen;
	uint8_t *buf;

	for (caplen = 0; caplen <= len; caplen++) {
		if (caplen < c->link_end)
			want = PT_TRUNC_LINK;
		else if (caplen < ip_fixed || (caplen < ip_end &&
		    d->ipver == 4))
			want = trunc_ip;	/* IPv4 options as well */
		else if (caplen < ip_end)
			want = ANY_TRUNC;	/* IPv6 extension headers */
		else if (caplen < l4_fixed)
			want = trunc_l4;	/* 20 bytes of TCP, 8 of UDP */
		else
			want = PT_DECODED;	/* TCP options may be cut */
		buf = exact(frame, caplen);
		blank(&pkt);
		v = pt_decode(c->dlt, buf, caplen, len, &pkt);
		ck_assert_msg(want == ANY_TRUNC ? is_trunc(v) : v == want,
		    "%s, caplen %u of %u: \"%s\", want \"%s\"", c->name,
		    caplen, len, pt_verdict_text(v), want == ANY_TRUNC ?
		    "truncated: ..." : pt_verdict_text(want));
		if (want == PT_DECODED) {
			expect_fields(&pkt, d);
			expect_payload(&pkt, buf, hdr,
			    caplen > hdr ? caplen - hdr : 0);
		}
		free(buf);
	}

	/*
	 * The frame itself ends early: inside the fixed IP header it is
	 * short; past it the IP length claims more than the frame holds.
	 */
	for (caplen = 0; caplen < len; caplen++) {
		v = decode(c->dlt, frame, caplen, caplen, &pkt);
		want = caplen < ip_fixed ? PT_BAD_SHORT_FRAME : bad_len;
		ck_assert_msg(v >= PT_FIRST_DAMAGED && v == want,
		    "%s, frame of %u: \"%s\", want \"%s\"", c->name, caplen,
		    pt_verdict_text(v), pt_verdict_text(want));
	}
}

START_TEST(test_every_truncation_is_caught)
{
	struct cut_case cases[] = {
		{ "Ethernet IPv4 TCP", DLT_EN10MB, eth_ipv4, 14, 14, {
		    .ipver = 4, .proto = IPPROTO_TCP, .sport = 1025,
		    .dport = 22, .seq = 1, .ack = 2, .flags = PT_ACK,
		    .paylen = 25 } },
		{ "VLAN IPv6 TCP with extension headers", DLT_EN10MB,
		    vlan_ipv6, 18, 18, {
		    .ipver = 6, .proto = IPPROTO_TCP, .sport = 8080,
		    .dport = 40000, .seq = 0x80000000, .ack = 0x7fffffff,
		    .flags = PT_SYN | PT_ACK, .paylen = 16, .tcpopts = 12,
		    .ext = ext_hrd, .extlen = sizeof ext_hrd,
		    .ext_next = IPPROTO_HOPOPTS } },
		/* SLL2 is read up to its last byte, 19. */
		{ "SLL2 IPv4 UDP", DLT_LINUX_SLL2, sll2_ipv4, 20, 20, {
		    .ipver = 4, .proto = IPPROTO_UDP, .sport = 53,
		    .dport = 33333, .paylen = 12 } },
		{ "NULL IPv6 TCP", DLT_NULL, null_le_inet6_bsd, 4, 4, {
		    .ipver = 6, .proto = IPPROTO_TCP, .sport = 3000,
		    .dport = 2000, .seq = 99, .ack = 0, .flags = PT_SYN,
		    .paylen = 10 } },
		/*
		 * The byte after the bottom label tells the IP version: the
		 * link layer needs it as well.  IPv4 with 8 bytes of options.
		 */
		{ "MPLS IPv4 UDP with IP options", DLT_EN10MB, mpls2, 22, 23, {
		    .ipver = 4, .proto = IPPROTO_UDP, .sport = 4789,
		    .dport = 4789, .paylen = 9, .ipopts = 8 } },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_every_cut(&cases[i]);
}
END_TEST

/* ---- TSO: IP length 0 ---------------------------------------------------- */

/* A 2896-byte segment handed to the NIC whole: IPv4 total length 0. */
START_TEST(test_tso_ipv4_length_zero_uses_wirelen)
{
	struct dgram d = tcp4;
	uint8_t frame[MAXFRAME], *buf;
	struct pt_packet pkt;
	uint32_t len;

	d.paylen = 2896;
	len = put_frame(frame, eth_ipv4, 14, &d);
	put16(frame + 14 + 2, 0);
	check_frame(DLT_EN10MB, frame, len, 14, &d);
	/* Also when only 200 bytes were captured: 146 of payload. */
	buf = exact(frame, 200);
	blank(&pkt);
	ck_assert_int_eq(pt_decode(DLT_EN10MB, buf, 200, len, &pkt),
	    PT_DECODED);
	expect_fields(&pkt, &d);
	expect_payload(&pkt, buf, 54, 146);
	free(buf);
}
END_TEST

START_TEST(test_tso_ipv6_length_zero_uses_wirelen)
{
	struct dgram d = tcp6;
	uint8_t frame[MAXFRAME], *buf;
	struct pt_packet pkt;
	uint32_t len;

	d.paylen = 2896;
	len = put_frame(frame, eth_ipv6, 14, &d);
	put16(frame + 14 + 4, 0);
	check_frame(DLT_EN10MB, frame, len, 14, &d);
	buf = exact(frame, 200);
	blank(&pkt);
	ck_assert_int_eq(pt_decode(DLT_EN10MB, buf, 200, len, &pkt),
	    PT_DECODED);
	expect_fields(&pkt, &d);
	expect_payload(&pkt, buf, 74, 126);
	free(buf);
}
END_TEST

/* ---- invalid fields ------------------------------------------------------ */

/* Decodes frame as is; eth_ipv4 or eth_ipv6 in front. */
static enum pt_verdict
decode_eth(const uint8_t *frame, uint32_t len)
{
	struct pt_packet pkt;

	return decode(DLT_EN10MB, frame, len, len, &pkt);
}

START_TEST(test_ipv4_total_length_beyond_frame_is_invalid)
{
	struct dgram d = tcp4;
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len;

	d.paylen = 10;
	len = put_frame(frame, eth_ipv4, 14, &d);
	/* The datagram is 50 bytes: 51 is one too many. */
	put16(frame + 16, 51);
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_IPV4_LEN);
	/* Not even when a snaplen hid the end: the wire had 50 bytes. */
	ck_assert_int_eq(decode(DLT_EN10MB, frame, 40, len, &pkt),
	    PT_BAD_IPV4_LEN);
	put16(frame + 16, 50);
	ck_assert_int_eq(decode_eth(frame, len), PT_DECODED);
}
END_TEST

START_TEST(test_ipv4_total_length_below_header_is_invalid)
{
	struct dgram d = tcp4;
	uint8_t frame[MAXFRAME];
	uint32_t len;

	len = put_frame(frame, eth_ipv4, 14, &d);
	put16(frame + 16, 19);
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_IPV4_LEN);
	/* With 8 bytes of options the header is 28 bytes. */
	d.ipopts = 8;
	len = put_frame(frame, eth_ipv4, 14, &d);
	put16(frame + 16, 24);
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_IPV4_LEN);
}
END_TEST

START_TEST(test_ipv4_header_length_below_20_is_invalid)
{
	uint8_t frame[MAXFRAME];
	uint32_t len;

	len = put_frame(frame, eth_ipv4, 14, &tcp4);
	frame[14] = 0x44;
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_IPV4_HLEN);
	frame[14] = 0x40;
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_IPV4_HLEN);
}
END_TEST

START_TEST(test_ip_version_not_matching_link_is_invalid)
{
	uint8_t frame[MAXFRAME];
	uint32_t len;

	/* Version 6 behind ethertype 0x0800. */
	len = put_frame(frame, eth_ipv4, 14, &tcp4);
	frame[14] = 0x65;
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_IP_VERSION);
	/* An IPv4 datagram (over 40 bytes long) behind 0x86dd. */
	len = put_frame(frame, eth_ipv6, 14, &tcp4);
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_IP_VERSION);
}
END_TEST

START_TEST(test_raw_ip_version_5_is_invalid)
{
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len;

	len = put_frame(frame, NULL, 0, &tcp4);
	frame[0] = 0x55;
	ck_assert_int_eq(decode(DLT_RAW, frame, len, len, &pkt),
	    PT_BAD_IP_VERSION);
}
END_TEST

START_TEST(test_ipv6_payload_length_beyond_frame_is_invalid)
{
	uint8_t frame[MAXFRAME];
	uint32_t len;

	len = put_frame(frame, eth_ipv6, 14, &tcp6);
	/* 20 of TCP and 21 of payload: 42 is one too many. */
	put16(frame + 18, 42);
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_IPV6_LEN);
}
END_TEST

/* A hop-by-hop header of 48 bytes in a payload of 28. */
START_TEST(test_ipv6_extension_beyond_payload_is_invalid)
{
	static const uint8_t hbh[] = { IPPROTO_TCP, 5, 1, 4, 0, 0, 0, 0 };
	struct dgram d = tcp6;
	uint8_t frame[MAXFRAME];
	uint32_t len;

	d.paylen = 0;
	d.ext = hbh;
	d.extlen = sizeof hbh;
	d.ext_next = IPPROTO_HOPOPTS;
	len = put_frame(frame, eth_ipv6, 14, &d);
	ck_assert_uint_eq(len, 14 + 40 + 8 + 20);
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_IPV6_EXT);
}
END_TEST

START_TEST(test_tcp_data_offset_3_is_invalid)
{
	uint8_t frame[MAXFRAME];
	uint32_t len;

	len = put_frame(frame, eth_ipv4, 14, &tcp4);
	frame[14 + 20 + 12] = 3 << 4;
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_TCP_HLEN);
}
END_TEST

/* Data offset 15 (60 bytes) in a 40-byte segment; 10 (40) still fits. */
START_TEST(test_tcp_data_offset_beyond_segment_is_invalid)
{
	struct dgram d = tcp4;
	uint8_t frame[MAXFRAME];
	struct pt_packet pkt;
	uint32_t len;

	d.paylen = 20;
	len = put_frame(frame, eth_ipv4, 14, &d);
	frame[14 + 20 + 12] = 15 << 4;
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_TCP_HLEN);
	frame[14 + 20 + 12] = 10 << 4;
	ck_assert_int_eq(decode(DLT_EN10MB, frame, len, len, &pkt),
	    PT_DECODED);
	ck_assert_uint_eq(pkt.payload_len, 0);
	ck_assert_uint_eq(pkt.payload_caplen, 0);
}
END_TEST

/* An IPv4 total length leaving 12 bytes for the 20-byte TCP header. */
START_TEST(test_tcp_segment_below_20_bytes_is_invalid)
{
	uint8_t frame[MAXFRAME];
	uint32_t len;

	len = put_frame(frame, eth_ipv4, 14, &tcp4);
	put16(frame + 16, 32);
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_TCP_HLEN);
}
END_TEST

START_TEST(test_udp_length_below_8_is_invalid)
{
	uint8_t frame[MAXFRAME];
	uint32_t len;

	len = put_frame(frame, eth_ipv4, 14, &udp4);
	put16(frame + 14 + 20 + 4, 4);
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_UDP_LEN);
}
END_TEST

START_TEST(test_udp_length_beyond_datagram_is_invalid)
{
	uint8_t frame[MAXFRAME];
	uint32_t len;

	/* 8 + 29 bytes in the IP payload: 38 is one too many. */
	len = put_frame(frame, eth_ipv4, 14, &udp4);
	put16(frame + 14 + 20 + 4, 38);
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_UDP_LEN);
	len = put_frame(frame, eth_ipv6, 14, &udp6);
	put16(frame + 14 + 40 + 4, 8 + 49);
	ck_assert_int_eq(decode_eth(frame, len), PT_BAD_UDP_LEN);
}
END_TEST

/* The UDP length rules: bytes after it inside the IP payload are not data. */
START_TEST(test_udp_length_below_ip_payload_is_valid)
{
	struct dgram d = udp4;
	uint8_t frame[MAXFRAME], *buf;
	struct pt_packet pkt;
	uint32_t len;

	d.paylen = 12;
	len = put_frame(frame, eth_ipv4, 14, &d);
	put16(frame + 14 + 20 + 4, 8 + 5);
	buf = exact(frame, len);
	blank(&pkt);
	ck_assert_int_eq(pt_decode(DLT_EN10MB, buf, len, len, &pkt),
	    PT_DECODED);
	d.paylen = 5;
	expect_fields(&pkt, &d);
	expect_payload(&pkt, buf, 42, 5);
	free(buf);
}
END_TEST

/* ---- IPv4 options and fragments ------------------------------------------ */

START_TEST(test_ipv4_options_are_skipped)
{
	struct dgram d = tcp4;
	uint8_t frame[MAXFRAME];
	uint32_t len;

	d.ipopts = 8;		/* IHL 7 */
	len = put_frame(frame, eth_ipv4, 14, &d);
	ck_assert_uint_eq(frame[14], 0x47);
	check_frame(DLT_EN10MB, frame, len, 14, &d);
	d = udp4;
	d.ipopts = 8;
	len = put_frame(frame, eth_ipv4, 14, &d);
	check_frame(DLT_EN10MB, frame, len, 14, &d);
}
END_TEST

/* Offset 185 (1480 bytes): a later fragment, with or without MF. */
START_TEST(test_ipv4_later_fragment_is_fragment)
{
	struct dgram d = udp4;
	uint8_t frame[MAXFRAME];
	uint32_t len;

	d.frag = 0x00b9;
	len = put_frame(frame, eth_ipv4, 14, &d);
	ck_assert_int_eq(decode_eth(frame, len), PT_FRAGMENT);
	d.frag = 0x20b9;
	len = put_frame(frame, eth_ipv4, 14, &d);
	ck_assert_int_eq(decode_eth(frame, len), PT_FRAGMENT);
}
END_TEST

START_TEST(test_ipv4_first_fragment_decodes)
{
	struct dgram d = tcp4;
	uint8_t frame[MAXFRAME], *buf;
	struct pt_packet pkt;
	uint32_t len;

	d.frag = 0x2000;	/* MF, offset 0 */
	d.paylen = 1000;
	len = put_frame(frame, eth_ipv4, 14, &d);
	buf = exact(frame, len);
	blank(&pkt);
	pkt.first_fragment = false;
	ck_assert_int_eq(pt_decode(DLT_EN10MB, buf, len, len, &pkt),
	    PT_DECODED);
	ck_assert(pkt.first_fragment);
	expect_fields(&pkt, &d);
	expect_payload(&pkt, buf, 54, 1000);
	free(buf);
}
END_TEST

/*
 * A UDP datagram of 3000 bytes of data sent in fragments: the first holds
 * 1472 of them, and its UDP length (3008) is longer than the fragment.
 */
START_TEST(test_ipv4_first_fragment_udp_counts_its_own_payload)
{
	struct dgram d = udp4;
	uint8_t frame[MAXFRAME], *buf;
	struct pt_packet pkt;
	uint32_t len;

	d.frag = 0x2000;
	d.paylen = 1472;
	len = put_frame(frame, eth_ipv4, 14, &d);
	put16(frame + 14 + 20 + 4, 3008);
	buf = exact(frame, len);
	blank(&pkt);
	pkt.first_fragment = false;
	ck_assert_int_eq(pt_decode(DLT_EN10MB, buf, len, len, &pkt),
	    PT_DECODED);
	ck_assert(pkt.first_fragment);
	expect_fields(&pkt, &d);
	expect_payload(&pkt, buf, 42, 1472);
	free(buf);
}
END_TEST

/* ---- IPv6 extension headers and fragments -------------------------------- */

/* Fragment header: next, reserved, offset << 3 | M, identification. */
START_TEST(test_ipv6_later_fragment_is_fragment)
{
	/* offset 167 (1336 bytes), M set */
	static const uint8_t frag[] = {
		IPPROTO_UDP, 0, 0x05, 0x39, 0xde, 0xad, 0xbe, 0xef
	};
	struct dgram d = udp6;
	uint8_t frame[MAXFRAME];
	uint32_t len;

	d.ext = frag;
	d.extlen = sizeof frag;
	d.ext_next = IPPROTO_FRAGMENT;
	len = put_frame(frame, eth_ipv6, 14, &d);
	ck_assert_int_eq(decode_eth(frame, len), PT_FRAGMENT);
	/* The last fragment: offset set, M clear. */
	frame[14 + 40 + 3] = 0x38;
	ck_assert_int_eq(decode_eth(frame, len), PT_FRAGMENT);
}
END_TEST

/* Offset 0 and M clear: the whole datagram (RFC 6946). */
START_TEST(test_ipv6_atomic_fragment_decodes)
{
	static const uint8_t frag[] = {
		IPPROTO_TCP, 0, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04
	};
	struct dgram d = tcp6;
	uint8_t frame[MAXFRAME];
	uint32_t len;

	d.ext = frag;
	d.extlen = sizeof frag;
	d.ext_next = IPPROTO_FRAGMENT;
	len = put_frame(frame, eth_ipv6, 14, &d);
	/* check_frame() also wants first_fragment false. */
	check_frame(DLT_EN10MB, frame, len, 14, &d);
}
END_TEST

/* Offset 0, M set: UDP length 3008 in a fragment holding 1200 bytes. */
START_TEST(test_ipv6_first_fragment_udp_counts_its_own_payload)
{
	static const uint8_t frag[] = {
		IPPROTO_UDP, 0, 0x00, 0x01, 0x01, 0x02, 0x03, 0x04
	};
	struct dgram d = udp6;
	uint8_t frame[MAXFRAME], *buf;
	struct pt_packet pkt;
	uint32_t len;

	d.ext = frag;
	d.extlen = sizeof frag;
	d.ext_next = IPPROTO_FRAGMENT;
	d.paylen = 1200;
	len = put_frame(frame, eth_ipv6, 14, &d);
	put16(frame + 14 + 40 + 8 + 4, 3008);
	buf = exact(frame, len);
	blank(&pkt);
	pkt.first_fragment = false;
	ck_assert_int_eq(pt_decode(DLT_EN10MB, buf, len, len, &pkt),
	    PT_DECODED);
	ck_assert(pkt.first_fragment);
	expect_fields(&pkt, &d);
	expect_payload(&pkt, buf, 14 + 48 + 8, 1200);
	free(buf);
}
END_TEST

/* Hop-by-hop, routing, destination options, atomic fragment, TCP. */
START_TEST(test_ipv6_extension_chain_decodes)
{
	static const uint8_t chain[] = {
		IPPROTO_ROUTING, 0, 1, 4, 0, 0, 0, 0,
		IPPROTO_DSTOPTS, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
		IPPROTO_FRAGMENT, 0, 1, 4, 0, 0, 0, 0,
		IPPROTO_TCP, 0, 0x00, 0x00, 0xca, 0xfe, 0xf0, 0x0d
	};
	struct dgram d = tcp6;
	uint8_t frame[MAXFRAME];
	uint32_t len;

	d.ext = chain;
	d.extlen = sizeof chain;
	d.ext_next = IPPROTO_HOPOPTS;
	len = put_frame(frame, vlan_ipv6, sizeof vlan_ipv6, &d);
	check_frame(DLT_EN10MB, frame, len, sizeof vlan_ipv6, &d);
}
END_TEST

/* AH's length is in 4-byte words, less 2: 4 means 24 bytes. */
START_TEST(test_ipv6_ah_header_is_skipped)
{
	static const uint8_t ah[] = {
		IPPROTO_UDP, 4, 0, 0, 0, 0, 0x10, 0x00, 0, 0, 0, 1,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
	};
	struct dgram d = udp6;
	uint8_t frame[MAXFRAME];
	uint32_t len;

	d.ext = ah;
	d.extlen = sizeof ah;
	d.ext_next = IPPROTO_AH;
	len = put_frame(frame, eth_ipv6, 14, &d);
	check_frame(DLT_EN10MB, frame, len, 14, &d);
}
END_TEST

/* ---- verdict texts ------------------------------------------------------- */

START_TEST(test_verdict_texts_are_distinct)
{
	const char *a, *b;
	int i, j;

	for (i = 0; i < PT_VERDICTS; i++) {
		a = pt_verdict_text((enum pt_verdict)i);
		ck_assert_msg(a != NULL && *a != '\0', "verdict %d", i);
		for (j = 0; j < i; j++) {
			b = pt_verdict_text((enum pt_verdict)j);
			ck_assert_msg(strcmp(a, b) != 0, "verdicts %d and %d",
			    j, i);
		}
	}
	ck_assert_str_eq(pt_verdict_text(PT_VERDICTS), "?");
}
END_TEST

/* ---- the fast path against the layers ------------------------------------ */

/* Ethernet, IPv4 without options, then the transport header and payload. */
static size_t
fast_frame(uint8_t *b, uint8_t proto)
{
	static const uint8_t ip[20] = {
		0x45, 0, 0, 0, 0x12, 0x34, 0, 0, 64, 0, 0, 0,
		192, 0, 2, 1, 198, 51, 100, 2
	};
	size_t n, i;

	memcpy(b, eth_ipv4, sizeof eth_ipv4);
	memcpy(b + 14, ip, sizeof ip);
	b[14 + 9] = proto;
	n = 34;
	/* ports 40000 and 80; TCP: sequence, ack, 12 bytes of options */
	b[n] = 0x9c;
	b[n + 1] = 0x40;
	b[n + 2] = 0;
	b[n + 3] = 80;
	if (proto == IPPROTO_TCP) {
		for (i = 4; i < 12; i++)
			b[n + i] = (uint8_t)(i * 17);
		b[n + 12] = 0x80;
		b[n + 13] = 0x18;
		memset(b + n + 14, 0, 18);
		n += 32;
	} else {
		memset(b + n + 4, 0, 4);
		n += 8;
	}
	for (i = 0; i < 30; i++)
		b[n + i] = (uint8_t)('a' + i);
	n += 30;
	b[16] = (uint8_t)((n - 14) >> 8);
	b[17] = (uint8_t)(n - 14);
	if (proto == IPPROTO_UDP) {
		b[38] = (uint8_t)((n - 34) >> 8);
		b[39] = (uint8_t)(n - 34);
	}
	return n;
}

/* Every field pt_decode() writes, equal, and the same verdict. */
static void
decode_both(const uint8_t *frame, uint32_t caplen, uint32_t wirelen,
    const char *what)
{
	struct pt_packet a, b;
	enum pt_verdict va, vb;
	uint8_t *buf = malloc(caplen ? caplen : 1);

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, frame, caplen);
	memset(&a, 0xa5, sizeof a);
	memset(&b, 0xa5, sizeof b);
	va = pt_decode(DLT_EN10MB, buf, caplen, wirelen, &a);
	vb = pt_decode_layers(DLT_EN10MB, buf, caplen, wirelen, &b);
	ck_assert_msg(va == vb, "%s caplen %u wirelen %u: verdict %d, layers %d",
	    what, caplen, wirelen, va, vb);
	ck_assert_msg(a.wirelen == b.wirelen && a.caplen == b.caplen &&
	    a.ipver == b.ipver && a.proto == b.proto &&
	    /* As bytes: a field the decoder left unset is no valid bool. */
	    memcmp(&a.first_fragment, &b.first_fragment, 1) == 0 &&
	    a.tcpflags == b.tcpflags &&
	    memcmp(a.src, b.src, 16) == 0 && memcmp(a.dst, b.dst, 16) == 0 &&
	    a.sport == b.sport && a.dport == b.dport && a.seq == b.seq &&
	    a.ack == b.ack && a.payload_len == b.payload_len &&
	    a.payload == b.payload && a.payload_caplen == b.payload_caplen,
	    "%s caplen %u wirelen %u: the packet differs from the layers'",
	    what, caplen, wirelen);
	free(buf);
}

START_TEST(test_fast_path_equals_layers)
{
	static const uint16_t types[] = { 0x0800, 0x86dd, 0x8100 };
	static const uint8_t vhls[] = { 0x45, 0x46, 0x44, 0x55, 0x65 };
	static const int totals[] = { -1, 0, 19, 20, 27, 28, 39, 40, 41, 57,
	    59, 81, 83, 1500, 0xffff };
	static const uint16_t frags[] = { 0, 0x2000, 0x0001, 0x4000, 0x3fff };
	static const uint8_t protos[] = { IPPROTO_TCP, IPPROTO_UDP, 1 };
	static const uint8_t offs[] = { 0x80, 0x00, 0x40, 0x50, 0xf0, 0xd0 };
	static const int udplens[] = { -1, 0, 7, 8, 9, 37, 39, 0xffff };
	uint8_t base[128], f[128];
	char what[160];
	size_t n, it, iv, io, ifr, ip, ix, nx;
	uint32_t caps[10], wires[5], c, w, k;

	for (ip = 0; ip < sizeof protos; ip++) {
		n = fast_frame(base, protos[ip]);
		/* The frame as built: every truncation and wire length. */
		for (c = 0; c <= n; c++)
			for (w = 0; w < 3; w++)
				decode_both(base, c, w == 0 ? c : w == 1 ?
				    (uint32_t)n : c - (c > 0), "as built");
		nx = protos[ip] == IPPROTO_UDP ? sizeof udplens / sizeof udplens[0] :
		    sizeof offs;
		for (it = 0; it < sizeof types / sizeof types[0]; it++)
		for (iv = 0; iv < sizeof vhls; iv++)
		for (io = 0; io < sizeof totals / sizeof totals[0]; io++)
		for (ifr = 0; ifr < sizeof frags / sizeof frags[0]; ifr++)
		for (ix = 0; ix < nx; ix++) {
			/* The Ethernet type and version only with the rest as built. */
			if ((it != 0 || iv != 0) && (io != 0 || ifr != 0 || ix != 0))
				continue;
			memcpy(f, base, n);
			f[12] = (uint8_t)(types[it] >> 8);
			f[13] = (uint8_t)types[it];
			f[14] = vhls[iv];
			if (totals[io] >= 0) {
				f[16] = (uint8_t)(totals[io] >> 8);
				f[17] = (uint8_t)totals[io];
			}
			f[20] = (uint8_t)(frags[ifr] >> 8);
			f[21] = (uint8_t)frags[ifr];
			if (protos[ip] == IPPROTO_UDP && udplens[ix] >= 0) {
				f[38] = (uint8_t)(udplens[ix] >> 8);
				f[39] = (uint8_t)udplens[ix];
			} else if (protos[ip] != IPPROTO_UDP)
				f[46] = offs[ix];
			caps[0] = (uint32_t)n;
			caps[1] = (uint32_t)n - 1;
			caps[2] = 34;
			caps[3] = 41;
			caps[4] = 42;
			caps[5] = 53;
			caps[6] = 54;
			caps[7] = 60;
			caps[8] = 65;
			caps[9] = 66;
			for (k = 0; k < 10; k++) {
				c = caps[k];
				wires[0] = c;
				wires[1] = (uint32_t)n;
				wires[2] = c - 1;
				wires[3] = (uint32_t)n + 100;
				wires[4] = 0;
				snprintf(what, sizeof what, "proto %u type %#x vhl "
				    "%#x total %d frag %#x %s %d", protos[ip],
				    types[it], vhls[iv], totals[io], frags[ifr],
				    protos[ip] == IPPROTO_UDP ? "udp len" :
				    "tcp offset", protos[ip] == IPPROTO_UDP ?
				    udplens[ix] : offs[ix]);
				for (w = 0; w < 5; w++)
					decode_both(f, c, wires[w], what);
			}
		}
	}
}
END_TEST

static Suite *
decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc;

	tc = tcase_create("link");
	tcase_add_test(tc, test_literal_ethernet_ipv4_tcp_decodes);
	tcase_add_test(tc, test_literal_raw_ipv6_udp_decodes);
	tcase_add_test(tc, test_ethernet_plain_decodes);
	tcase_add_test(tc, test_vlan_one_tag_decodes);
	tcase_add_test(tc, test_vlan_qinq_decodes);
	tcase_add_test(tc, test_vlan_three_tags_decode);
	tcase_add_test(tc, test_pppoe_session_decodes);
	tcase_add_test(tc, test_pppoe_lcp_is_not_ip);
	tcase_add_test(tc, test_pppoe_length_bounds_the_datagram);
	tcase_add_test(tc, test_mpls_two_labels_decode);
	tcase_add_test(tc, test_mpls_control_word_is_not_ip);
	tcase_add_test(tc, test_linux_sll_decodes);
	tcase_add_test(tc, test_linux_sll2_decodes);
	tcase_add_test(tc, test_raw_ip_decodes_by_version);
	tcase_add_test(tc, test_dlt_ipv4_and_ipv6_decode);
	tcase_add_test(tc, test_null_inet_little_endian_decodes);
	tcase_add_test(tc, test_null_inet6_families_decode);
	tcase_add_test(tc, test_null_big_endian_decodes);
	tcase_add_test(tc, test_loop_decodes_network_order);
	tcase_add_test(tc, test_loop_little_endian_family_is_not_ip);
	tcase_add_test(tc, test_linktype_supported);
	tcase_add_test(tc, test_unsupported_linktype_is_not_ip);
	suite_add_tcase(s, tc);

	tc = tcase_create("not_tcp_udp");
	tcase_add_test(tc, test_arp_is_not_ip);
	tcase_add_test(tc, test_icmp_is_not_tcp_udp);
	tcase_add_test(tc, test_unknown_null_family_is_not_ip);
	suite_add_tcase(s, tc);

	tc = tcase_create("lengths");
	tcase_add_test(tc, test_ethernet_padding_is_not_payload);
	tcase_add_test(tc, test_trailers_are_not_payload);
	tcase_add_test(tc, test_snaplen_inside_payload_decodes);
	tcase_add_test(tc, test_tcp_options_cut_by_snaplen_decode);
	tcase_add_test(tc, test_wirelen_below_caplen_is_raised);
	tcase_add_test(tc, test_tso_ipv4_length_zero_uses_wirelen);
	tcase_add_test(tc, test_tso_ipv6_length_zero_uses_wirelen);
	suite_add_tcase(s, tc);

	tc = tcase_create("truncation");
	/* Hundreds of decodes, each in its own buffer: slow under valgrind. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_every_truncation_is_caught);
	tcase_add_test(tc, test_fast_path_equals_layers);
	suite_add_tcase(s, tc);

	tc = tcase_create("invalid");
	tcase_add_test(tc, test_ipv4_total_length_beyond_frame_is_invalid);
	tcase_add_test(tc, test_ipv4_total_length_below_header_is_invalid);
	tcase_add_test(tc, test_ipv4_header_length_below_20_is_invalid);
	tcase_add_test(tc, test_ip_version_not_matching_link_is_invalid);
	tcase_add_test(tc, test_raw_ip_version_5_is_invalid);
	tcase_add_test(tc, test_ipv6_payload_length_beyond_frame_is_invalid);
	tcase_add_test(tc, test_ipv6_extension_beyond_payload_is_invalid);
	tcase_add_test(tc, test_tcp_data_offset_3_is_invalid);
	tcase_add_test(tc, test_tcp_data_offset_beyond_segment_is_invalid);
	tcase_add_test(tc, test_tcp_segment_below_20_bytes_is_invalid);
	tcase_add_test(tc, test_udp_length_below_8_is_invalid);
	tcase_add_test(tc, test_udp_length_beyond_datagram_is_invalid);
	tcase_add_test(tc, test_udp_length_below_ip_payload_is_valid);
	suite_add_tcase(s, tc);

	tc = tcase_create("ip");
	tcase_add_test(tc, test_ipv4_options_are_skipped);
	tcase_add_test(tc, test_ipv4_later_fragment_is_fragment);
	tcase_add_test(tc, test_ipv4_first_fragment_decodes);
	tcase_add_test(tc, test_ipv4_first_fragment_udp_counts_its_own_payload);
	tcase_add_test(tc, test_ipv6_later_fragment_is_fragment);
	tcase_add_test(tc, test_ipv6_atomic_fragment_decodes);
	tcase_add_test(tc, test_ipv6_first_fragment_udp_counts_its_own_payload);
	tcase_add_test(tc, test_ipv6_extension_chain_decodes);
	tcase_add_test(tc, test_ipv6_ah_header_is_skipped);
	tcase_add_test(tc, test_verdict_texts_are_distinct);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(decode_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
