/*
 * pcapgen: writes the deterministic test captures used by pcaptally's tests.
 *
 * Each scenario is a short script over the packet builder below.  Frames go
 * through libpcap's own dump code, so the files have exactly the layout real
 * capture tools produce.  Nothing reads the clock or a random source: every
 * run writes the same bytes.
 *
 *   gcc -std=gnu99 -O2 -Wall -Wextra -o pcapgen tests/pcapgen.c -lpcap
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define NS_PER_SEC 1000000000ULL
#define START_NS (1700000000ULL * NS_PER_SEC)
#define STEP_NS 1000000ULL	/* 1 ms between packets */
#define SNAPLEN 262144
#define MAXBUF 65536		/* largest datagram or frame we build */
#define MSS 1448		/* segment size when a send is split */

enum { CLIENT, SERVER };
enum { FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10 };
/* Which Ethernet frames are padded to the 60-byte minimum. */
enum { PAD_NONE, PAD_ALL, PAD_INBOUND };

#define ET_IPV4 0x0800
#define ET_ARP 0x0806
#define ET_8021Q 0x8100
#define ET_IPV6 0x86dd
#define ET_PPPOES 0x8864
#define ET_8021AD 0x88a8

#define IPP_HOPOPTS 0
#define IPP_ICMP 1
#define IPP_TCP 6
#define IPP_UDP 17
#define IPP_ROUTING 43
#define IPP_FRAGMENT 44
#define IPP_DSTOPTS 60

#define T_A 1
#define T_CNAME 5
#define T_AAAA 28

/* Hosts outside the client LANs sit behind this router. */
static const uint8_t gw_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
/* The host the captures are taken on (192.0.2.10 / 2001:db8:1::10). */
static const uint8_t capture_mac[6] = { 0x02, 0, 0, 0, 0, 10 };
static const uint8_t bcast_mac[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

struct host {
	int v6;
	uint8_t ip[16];
	uint8_t mac[6];
};

/* Both ends of a TCP or UDP flow and the next sequence number of each side. */
struct conn {
	struct host h[2];
	uint16_t port[2];
	uint32_t seq[2];
};

/* Knobs that apply to the next packet only; reset after every frame. */
struct once {
	long ip_len;		/* IPv4 total / IPv6 payload length, -1 = computed */
	long ip_id;		/* IPv4 identification, -1 = next counter value */
	int frag;		/* IPv4 flags+offset field, -1 = DF */
	int frag6;		/* IPv6 fragment header offset|M field, -1 = none */
	uint32_t frag6_id;
	int tcp_doff;		/* TCP data offset in words, 0 = computed */
	unsigned caplen;	/* bytes captured, 0 = whole frame */
};

struct writer {
	FILE *out;
	pcap_t *p;
	pcap_dumper_t *d;
	int dlt;
	unsigned snaplen;
	int nano;
	uint64_t t;		/* timestamp of the next packet, ns since epoch */
	uint64_t step;
	uint16_t ip_id;
	int mute;		/* build packets (time, sequence numbers) but write none */
	long cut;		/* >= 0: keep only this many bytes of the file */
	bpf_u_int32 last_caplen;
	unsigned long nframes;
	/* Link-layer knobs, kept until the scenario changes them. */
	int ntags;
	uint16_t tpid[4], tci[4];
	int pppoe;
	int pad;
	const uint8_t *trailers;	/* trailer lengths, used cyclically */
	size_t ntrailers;
	int null_be;		/* DLT_NULL family in big-endian order */
	uint32_t af6;		/* DLT_NULL / DLT_LOOP value for IPv6 */
	/* Network-layer knobs, kept until changed. */
	const uint8_t *ip4opt;
	size_t ip4optlen;
	const uint8_t *ip6ext;	/* extension header types, in order */
	size_t nip6ext;
	struct once once;
	/* pcapng, written by hand (ng_section): blocks in w->out. */
	int ng;
	int ng_be;		/* the section is big-endian */
	int ng_block;		/* packets as EPB (6), SPB (3) or PB (2) */
	unsigned ng_nif, ng_if;	/* interfaces in the section, the current one */
	struct ng_iface {
		int dlt;
		unsigned snaplen;
		int tsresol;	/* the if_tsresol byte; -1: none (10^-6) */
		int64_t tsoffset;
	} ng_ifs[8];
};

__attribute__((noreturn, format(printf, 1, 2)))
static void fail(const char *fmt, ...)
{
	va_list ap;

	fputs("pcapgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void be16(uint8_t *p, unsigned v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void be32(uint8_t *p, uint32_t v)
{
	be16(p, v >> 16);
	be16(p + 2, v & 0xffff);
}

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t s)
{
	for (; n > 1; p += 2, n -= 2)
		s += (uint32_t)p[0] << 8 | p[1];
	if (n)
		s += (uint32_t)p[0] << 8;
	return s;
}

static uint16_t cksum(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ~s & 0xffff;
}

/* 'A'..'Z' repeated: easy to spot in hex dumps, never mistaken for headers. */
static const uint8_t *pattern(size_t len)
{
	static uint8_t buf[MAXBUF];

	for (size_t i = 0; i < len; i++)
		buf[i] = 'A' + i % 26;
	return buf;
}

static struct host host(const char *addr)
{
	struct host h;
	int local;
	uint8_t last;

	memset(&h, 0, sizeof h);
	if (inet_pton(AF_INET, addr, h.ip) == 1) {
		local = h.ip[0] == 192 && h.ip[1] == 0 && h.ip[2] == 2;
		last = h.ip[3];
	} else if (inet_pton(AF_INET6, addr, h.ip) == 1) {
		h.v6 = 1;
		local = memcmp(h.ip, "\x20\x01\x0d\xb8\x00\x01\x00\x00", 8) == 0;
		/* 2001:db8:1::10 pairs with 192.0.2.10: read the hex digits
		 * of the last byte as decimal. */
		last = (h.ip[15] >> 4) * 10 + (h.ip[15] & 0x0f);
	} else {
		fail("bad address in scenario: %s", addr);
	}
	/* LAN hosts get their own MAC (same for both families of one host);
	 * everything else is reached through the router. */
	memcpy(h.mac, gw_mac, 6);
	if (local)
		h.mac[5] = last;
	return h;
}

static struct conn conn(const char *caddr, uint16_t cport, const char *saddr,
			uint16_t sport, uint32_t cisn, uint32_t sisn)
{
	struct conn c;

	c.h[CLIENT] = host(caddr);
	c.h[SERVER] = host(saddr);
	c.port[CLIENT] = cport;
	c.port[SERVER] = sport;
	c.seq[CLIENT] = cisn;
	c.seq[SERVER] = sisn;
	return c;
}

static void once_reset(struct writer *w)
{
	w->once.ip_len = -1;
	w->once.ip_id = -1;
	w->once.frag = -1;
	w->once.frag6 = -1;
	w->once.frag6_id = 0;
	w->once.tcp_doff = 0;
	w->once.caplen = 0;
}

static void begin_ex(struct writer *w, int dlt, unsigned snaplen, unsigned prec)
{
	w->p = pcap_open_dead_with_tstamp_precision(dlt, snaplen, prec);
	if (!w->p)
		fail("cannot open a pcap handle for link type %d", dlt);
	w->d = pcap_dump_fopen(w->p, w->out);
	if (!w->d)
		fail("%s", pcap_geterr(w->p));
	w->dlt = dlt;
	w->snaplen = snaplen;
	w->nano = prec == PCAP_TSTAMP_PRECISION_NANO;
	w->t = START_NS;
	w->step = STEP_NS;
	w->ip_id = 1;
	w->af6 = 24;
	once_reset(w);
}

static void begin(struct writer *w, int dlt)
{
	begin_ex(w, dlt, SNAPLEN, PCAP_TSTAMP_PRECISION_MICRO);
}

static void pause_ms(struct writer *w, uint64_t ms)
{
	w->t += ms * 1000000;
}

/* ---- a pcapng writer: blocks by hand, either byte order ---- */

static void ng_out(struct writer *w, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, w->out) != n)
		fail("write: %s", strerror(errno));
}

static void ng16(struct writer *w, unsigned v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	if (!w->ng_be) {
		b[0] = (uint8_t)v;
		b[1] = (uint8_t)(v >> 8);
	}
	ng_out(w, b, 2);
}

static void ng32(struct writer *w, uint32_t v)
{
	ng16(w, w->ng_be ? v >> 16 : v & 0xffff);
	ng16(w, w->ng_be ? v & 0xffff : v >> 16);
}

static void ng64(struct writer *w, uint64_t v)
{
	ng32(w, (uint32_t)(w->ng_be ? v >> 32 : v));
	ng32(w, (uint32_t)(w->ng_be ? v : v >> 32));
}

static void ng_pad(struct writer *w, size_t n)
{
	static const uint8_t zero[4];

	ng_out(w, zero, (4 - n % 4) % 4);
}

/* A block's head: its type and total length (body of n bytes). */
static void ng_head(struct writer *w, uint32_t type, size_t body)
{
	ng32(w, type);
	ng32(w, (uint32_t)(12 + body));
}

/* A new section, in either byte order: its interfaces start over. */
static void ng_section(struct writer *w, int be)
{
	w->ng_be = be;
	w->ng_nif = 0;
	ng_head(w, 0x0a0d0d0a, 16);
	ng32(w, 0x1a2b3c4d);
	ng16(w, 1);
	ng16(w, 0);
	ng64(w, UINT64_MAX);
	ng32(w, 28);
}

/*
 * A block the reader skips, of n zero bytes: a name resolution block (4)
 * of 4 (its end record), interface statistics (5) of 12, custom ones.
 */
static void ng_other(struct writer *w, uint32_t type, size_t n)
{
	static const uint8_t zero[64];

	ng_head(w, type, n + (4 - n % 4) % 4);
	ng_out(w, zero, n);
	ng_pad(w, n);
	ng32(w, (uint32_t)(12 + n + (4 - n % 4) % 4));
}

/* Packets from now on come from interface i. */
static void ng_use(struct writer *w, unsigned i)
{
	w->ng_if = i;
	w->dlt = w->ng_ifs[i].dlt;
	w->snaplen = w->ng_ifs[i].snaplen ? w->ng_ifs[i].snaplen : SNAPLEN;
}

/* An interface (and the current one): a DLT_ value, written as LINKTYPE_. */
static void ng_interface(struct writer *w, int dlt, unsigned snaplen,
			 int tsresol, int64_t tsoffset)
{
	struct ng_iface *i = &w->ng_ifs[w->ng_nif];
	size_t body = 8 + 8 + (tsresol >= 0 ? 8 : 0) +
	    (tsoffset ? 12 : 0) + 4;

	i->dlt = dlt;
	i->snaplen = snaplen;
	i->tsresol = tsresol;
	i->tsoffset = tsoffset;
	ng_head(w, 1, body);
	ng16(w, dlt == DLT_RAW ? 101 : (unsigned)dlt);
	ng16(w, 0);
	ng32(w, snaplen);
	ng16(w, 2);			/* if_name */
	ng16(w, 4);
	ng_out(w, "eth0", 4);
	if (tsresol >= 0) {
		uint8_t r[4] = { (uint8_t)tsresol, 0, 0, 0 };

		ng16(w, 9);
		ng16(w, 1);
		ng_out(w, r, 4);
	}
	if (tsoffset) {
		ng16(w, 14);
		ng16(w, 8);
		ng64(w, (uint64_t)tsoffset);
	}
	ng32(w, 0);			/* opt_endofopt */
	ng32(w, (uint32_t)(12 + body));
	ng_use(w, w->ng_nif++);
}

/* The writer's time (ns since the epoch) in an interface's units. */
static uint64_t ng_time(const struct ng_iface *i, uint64_t t)
{
	int r = i->tsresol < 0 ? 6 : i->tsresol;
	uint64_t sec = t / NS_PER_SEC - (uint64_t)i->tsoffset;
	uint64_t ns = t % NS_PER_SEC, units = 1;
	int k;

	if (r & 0x80)
		return (sec << (r & 0x7f)) +
		    (uint64_t)(((unsigned __int128)ns << (r & 0x7f)) / NS_PER_SEC);
	for (k = 0; k < r; k++)
		units *= 10;
	return sec * units + (uint64_t)((unsigned __int128)ns * units / NS_PER_SEC);
}

static void ng_packet(struct writer *w, const uint8_t *f, size_t cap, size_t len)
{
	uint64_t t = ng_time(&w->ng_ifs[w->ng_if], w->t);
	size_t padded = cap + (4 - cap % 4) % 4;

	if (w->ng_block == 3) {		/* SPB: interface 0, no time */
		ng_head(w, 3, 4 + padded);
		ng32(w, (uint32_t)len);
		ng_out(w, f, cap);
		ng_pad(w, cap);
		ng32(w, (uint32_t)(16 + padded));
		return;
	}
	ng_head(w, (uint32_t)w->ng_block, 20 + padded);
	if (w->ng_block == 2) {		/* the obsolete Packet Block */
		ng16(w, w->ng_if);
		ng16(w, 0);
	} else {
		ng32(w, w->ng_if);
	}
	ng32(w, (uint32_t)(t >> 32));
	ng32(w, (uint32_t)t);
	ng32(w, (uint32_t)cap);
	ng32(w, (uint32_t)len);
	ng_out(w, f, cap);
	ng_pad(w, cap);
	ng32(w, (uint32_t)(32 + padded));
}

/* Starts a pcapng file (instead of begin()): one section, no interface. */
static void ng_begin(struct writer *w, int be)
{
	w->ng = 1;
	w->ng_block = 6;
	w->t = START_NS;
	w->step = STEP_NS;
	w->ip_id = 1;
	w->af6 = 24;
	once_reset(w);
	ng_section(w, be);
}

static void write_frame(struct writer *w, const uint8_t *f, size_t len)
{
	struct pcap_pkthdr h;
	size_t cap = len;

	if (w->once.caplen && w->once.caplen < cap)
		cap = w->once.caplen;
	if (cap > w->snaplen)
		cap = w->snaplen;
	h.ts.tv_sec = w->t / NS_PER_SEC;
	/* A nanosecond pcap_t stores nanoseconds in tv_usec. */
	h.ts.tv_usec = w->nano ? w->t % NS_PER_SEC : w->t % NS_PER_SEC / 1000;
	h.caplen = cap;
	h.len = len;
	if (!w->mute && w->ng)
		ng_packet(w, f, cap, len);
	else if (!w->mute)
		pcap_dump((u_char *)w->d, &h, f);
	w->last_caplen = cap;
	w->t += w->step;
	w->nframes++;
	once_reset(w);
}

/* Wraps a network-layer payload in the writer's link layer and writes it. */
static void emit(struct writer *w, const uint8_t *smac, const uint8_t *dmac,
		 unsigned etype, const uint8_t *pl, size_t len)
{
	uint8_t f[MAXBUF + 256];
	size_t n = 0;
	int inbound = memcmp(smac, capture_mac, 6) != 0;
	uint32_t af = etype == ET_IPV6 ? w->af6 : 2;

	switch (w->dlt) {
	case DLT_EN10MB:
		memcpy(f, dmac, 6);
		memcpy(f + 6, smac, 6);
		n = 12;
		for (int i = 0; i < w->ntags; i++, n += 4) {
			be16(f + n, w->tpid[i]);
			be16(f + n + 2, w->tci[i]);
		}
		if (w->pppoe) {
			be16(f + n, ET_PPPOES);
			f[n + 2] = 0x11;	/* version 1, type 1 */
			f[n + 3] = 0;		/* code: session data */
			be16(f + n + 4, 0x0001);
			be16(f + n + 6, len + 2);
			be16(f + n + 8, etype == ET_IPV6 ? 0x0057 : 0x0021);
			n += 10;
		} else {
			be16(f + n, etype);
			n += 2;
		}
		break;
	case DLT_LINUX_SLL:
		be16(f, inbound ? 0 : 4);	/* PACKET_HOST / PACKET_OUTGOING */
		be16(f + 2, 1);			/* ARPHRD_ETHER */
		be16(f + 4, 6);
		memcpy(f + 6, smac, 6);
		memset(f + 12, 0, 2);
		be16(f + 14, etype);
		n = 16;
		break;
	case DLT_LINUX_SLL2:
		be16(f, etype);
		be16(f + 2, 0);
		be32(f + 4, 2);			/* interface index */
		be16(f + 8, 1);			/* ARPHRD_ETHER */
		f[10] = inbound ? 0 : 4;
		f[11] = 6;
		memcpy(f + 12, smac, 6);
		memset(f + 18, 0, 2);
		n = 20;
		break;
	case DLT_NULL:
		/* Host byte order of the machine that captured. */
		if (w->null_be) {
			be32(f, af);
		} else {
			f[0] = af;
			f[1] = f[2] = f[3] = 0;
		}
		n = 4;
		break;
	case DLT_LOOP:
		be32(f, af);
		n = 4;
		break;
	default:		/* DLT_RAW, DLT_IPV4, DLT_IPV6: no link header */
		break;
	}
	memcpy(f + n, pl, len);
	n += len;
	/* The capturing host sees its own frames before the NIC pads them. */
	if (w->dlt == DLT_EN10MB && n < 60 &&
	    (w->pad == PAD_ALL || (w->pad == PAD_INBOUND && inbound))) {
		memset(f + n, 0, 60 - n);
		n = 60;
	}
	if (w->ntrailers) {
		size_t tl = w->trailers[w->nframes % w->ntrailers];

		for (size_t i = 0; i < tl; i++)
			f[n++] = 0xe0 | (i & 0x0f);
	}
	write_frame(w, f, n);
}

/* Builds an IPv4 or IPv6 datagram around l4 into out; returns its length. */
static size_t build_ip(struct writer *w, const struct host *src,
		       const struct host *dst, uint8_t proto,
		       const uint8_t *l4, size_t l4len, uint8_t *out)
{
	size_t n;

	if (!src->v6) {
		n = 20 + w->ip4optlen;
		out[0] = 0x40 | n / 4;
		out[1] = 0;
		be16(out + 2, w->once.ip_len >= 0 ? (unsigned)w->once.ip_len : n + l4len);
		be16(out + 4, w->once.ip_id >= 0 ? (unsigned)w->once.ip_id : w->ip_id++);
		be16(out + 6, w->once.frag >= 0 ? (unsigned)w->once.frag : 0x4000);
		out[8] = 64;
		out[9] = proto;
		be16(out + 10, 0);
		memcpy(out + 12, src->ip, 4);
		memcpy(out + 16, dst->ip, 4);
		if (w->ip4optlen)
			memcpy(out + 20, w->ip4opt, w->ip4optlen);
		be16(out + 10, cksum(sum16(out, n, 0)));
	} else {
		uint8_t *nh = out + 6;

		out[0] = 0x60;
		out[1] = out[2] = out[3] = 0;
		out[7] = 64;
		memcpy(out + 8, src->ip, 16);
		memcpy(out + 24, dst->ip, 16);
		n = 40;
		for (size_t i = 0; i < w->nip6ext; i++, n += 8) {
			uint8_t type = w->ip6ext[i];

			*nh = type;
			nh = out + n;
			memset(out + n + 1, 0, 7);
			if (type == IPP_HOPOPTS || type == IPP_DSTOPTS) {
				out[n + 2] = 1;		/* PadN filling the header */
				out[n + 3] = 4;
			} else if (type == IPP_FRAGMENT) {
				be32(out + n + 4, w->ip_id++);	/* atomic: offset 0, M=0 */
			}				/* routing: type 0, 0 segments left */
		}
		if (w->once.frag6 >= 0) {
			*nh = IPP_FRAGMENT;
			nh = out + n;
			out[n + 1] = 0;
			be16(out + n + 2, w->once.frag6);
			be32(out + n + 4, w->once.frag6_id);
			n += 8;
		}
		*nh = proto;
		be16(out + 4, w->once.ip_len >= 0 ? (unsigned)w->once.ip_len : n - 40 + l4len);
	}
	memcpy(out + n, l4, l4len);
	return n + l4len;
}

static void send_ip(struct writer *w, const struct host *src,
		    const struct host *dst, uint8_t proto,
		    const uint8_t *l4, size_t l4len)
{
	uint8_t d[MAXBUF + 128];
	size_t n = build_ip(w, src, dst, proto, l4, l4len, d);

	emit(w, src->mac, dst->mac, src->v6 ? ET_IPV6 : ET_IPV4, d, n);
}

/* TCP/UDP checksum: pseudo-header plus the whole transport datagram. */
static uint16_t l4_cksum(const struct host *src, const struct host *dst,
			 uint8_t proto, const uint8_t *l4, size_t len)
{
	size_t al = src->v6 ? 16 : 4;
	uint32_t s = sum16(src->ip, al, 0);

	s = sum16(dst->ip, al, s);
	s += proto + (len & 0xffff) + (len >> 16);
	return cksum(sum16(l4, len, s));
}

static size_t build_tcp(struct writer *w, const struct conn *c, int side,
			int flags, uint32_t seq, uint32_t ack,
			const uint8_t *data, size_t len, uint8_t *out)
{
	/* SYNs carry an MSS option, as every real stack sends one. */
	size_t hl = flags & SYN ? 24 : 20;

	be16(out, c->port[side]);
	be16(out + 2, c->port[!side]);
	be32(out + 4, seq);
	be32(out + 8, ack);
	out[12] = (w->once.tcp_doff ? w->once.tcp_doff : (int)hl / 4) << 4;
	out[13] = flags;
	be16(out + 14, 64240);
	be32(out + 16, 0);
	if (flags & SYN) {
		out[20] = 2;
		out[21] = 4;
		be16(out + 22, 1460);
	}
	memcpy(out + hl, data, len);
	be16(out + 16, l4_cksum(&c->h[side], &c->h[!side], IPP_TCP, out, hl + len));
	return hl + len;
}

/* One segment with explicit numbers; the connection state is not touched. */
static void tcp_seg(struct writer *w, const struct conn *c, int side, int flags,
		    uint32_t seq, uint32_t ack, const void *data, size_t len)
{
	uint8_t seg[MAXBUF];
	size_t n = build_tcp(w, c, side, flags, seq, ack, data, len, seg);

	send_ip(w, &c->h[side], &c->h[!side], IPP_TCP, seg, n);
}

static void tcp_seq(struct writer *w, const struct conn *c, int side, int flags,
		    uint32_t seq, uint32_t ack, size_t len)
{
	tcp_seg(w, c, side, flags, seq, ack, pattern(len), len);
}

/* Next segment of `side`: numbers from the state, which then advances
 * (SYN and FIN each take one sequence number). */
static void tcp_data(struct writer *w, struct conn *c, int side, int flags,
		     const void *data, size_t len)
{
	tcp_seg(w, c, side, flags, c->seq[side],
		flags & ACK ? c->seq[!side] : 0, data, len);
	c->seq[side] += len + !!(flags & SYN) + !!(flags & FIN);
}

static void tcp(struct writer *w, struct conn *c, int side, int flags, size_t len)
{
	tcp_data(w, c, side, flags, pattern(len), len);
}

/* A send of len bytes split into MSS-sized segments, the last one pushed. */
static void send_data(struct writer *w, struct conn *c, int side,
		      const void *data, size_t len)
{
	const uint8_t *p = data;

	for (; len > MSS; p += MSS, len -= MSS)
		tcp_data(w, c, side, ACK, p, MSS);
	tcp_data(w, c, side, PSH | ACK, p, len);
}

static void send_bytes(struct writer *w, struct conn *c, int side, size_t len)
{
	send_data(w, c, side, pattern(len), len);
}

static void handshake(struct writer *w, struct conn *c)
{
	tcp(w, c, CLIENT, SYN, 0);
	tcp(w, c, SERVER, SYN | ACK, 0);
	tcp(w, c, CLIENT, ACK, 0);
}

/* Request and response; the response acknowledges the request. */
static void exchange(struct writer *w, struct conn *c, size_t up, size_t down)
{
	send_bytes(w, c, CLIENT, up);
	send_bytes(w, c, SERVER, down);
}

static void close_fin(struct writer *w, struct conn *c, int first)
{
	tcp(w, c, first, FIN | ACK, 0);
	tcp(w, c, !first, FIN | ACK, 0);
	tcp(w, c, first, ACK, 0);
}

/* The standard small connection most link-layer scenarios carry. */
static void short_conn(struct writer *w, struct conn *c)
{
	handshake(w, c);
	exchange(w, c, 100, 300);
	close_fin(w, c, CLIENT);
}

/* Opaque HTTPS traffic: one TLS application-data record per segment, so
 * dissectors see well-formed TLS rather than garbage on port 443. */
static void tls(struct writer *w, struct conn *c, int side, size_t len)
{
	uint8_t rec[MSS];

	while (len > 0) {
		size_t n = len > MSS ? MSS : len;

		memcpy(rec + 5, pattern(n - 5), n - 5);
		rec[0] = 0x17;
		rec[1] = 3;
		rec[2] = 3;
		be16(rec + 3, n - 5);
		len -= n;
		tcp_data(w, c, side, len ? ACK : PSH | ACK, rec, n);
	}
}

static size_t build_udp(const struct conn *c, int side, const void *data,
			size_t len, uint8_t *out)
{
	uint16_t ck;

	be16(out, c->port[side]);
	be16(out + 2, c->port[!side]);
	be16(out + 4, len + 8);
	be16(out + 6, 0);
	memcpy(out + 8, data, len);
	ck = l4_cksum(&c->h[side], &c->h[!side], IPP_UDP, out, len + 8);
	be16(out + 6, ck ? ck : 0xffff);	/* 0 would mean "no checksum" */
	return len + 8;
}

static void udp(struct writer *w, const struct conn *c, int side,
		const void *data, size_t len)
{
	uint8_t dg[MAXBUF];
	size_t n = build_udp(c, side, data, len, dg);

	send_ip(w, &c->h[side], &c->h[!side], IPP_UDP, dg, n);
}

/* Sends one transport datagram as IP fragments of at most chunk bytes
 * (a multiple of 8) each; only the first carries the transport header. */
static void send_fragments(struct writer *w, const struct host *src,
			   const struct host *dst, uint8_t proto,
			   const uint8_t *l4, size_t len, size_t chunk)
{
	uint16_t id = w->ip_id++;

	for (size_t off = 0; off < len; off += chunk) {
		size_t n = len - off < chunk ? len - off : chunk;
		int more = off + n < len;

		if (src->v6) {
			w->once.frag6 = off | more;
			w->once.frag6_id = id;
		} else {
			w->once.frag = (more ? 0x2000 : 0) | off / 8;
			w->once.ip_id = id;
		}
		send_ip(w, src, dst, proto, l4 + off, n);
	}
}

static void icmp4(struct writer *w, const struct host *src, const struct host *dst,
		  int type, int code, uint32_t rest, const void *data, size_t len)
{
	uint8_t m[MAXBUF];

	m[0] = type;
	m[1] = code;
	be16(m + 2, 0);
	be32(m + 4, rest);
	memcpy(m + 8, data, len);
	be16(m + 2, cksum(sum16(m, len + 8, 0)));
	send_ip(w, src, dst, IPP_ICMP, m, len + 8);
}

/* ARP for IPv4 over Ethernet; a request (op 1) goes to broadcast. */
static void arp(struct writer *w, int op, const struct host *sender,
		const struct host *target)
{
	uint8_t a[28];

	be16(a, 1);
	be16(a + 2, ET_IPV4);
	a[4] = 6;
	a[5] = 4;
	be16(a + 6, op);
	memcpy(a + 8, sender->mac, 6);
	memcpy(a + 14, sender->ip, 4);
	if (op == 1)
		memset(a + 18, 0, 6);
	else
		memcpy(a + 18, target->mac, 6);
	memcpy(a + 24, target->ip, 4);
	emit(w, sender->mac, op == 1 ? bcast_mac : target->mac, ET_ARP, a, 28);
}

/* ---- DNS messages -------------------------------------------------------- */

struct msg {
	uint8_t b[4096];
	size_t n;
};

static void m8(struct msg *m, unsigned v)
{
	m->b[m->n++] = v;
}

static void m16(struct msg *m, unsigned v)
{
	be16(m->b + m->n, v);
	m->n += 2;
}

static void m32(struct msg *m, uint32_t v)
{
	be32(m->b + m->n, v);
	m->n += 4;
}

static void mbytes(struct msg *m, const void *p, size_t n)
{
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

static void mlabel(struct msg *m, const char *s, size_t len)
{
	m8(m, len);
	mbytes(m, s, len);
}

/* Labels of the dotted name s[0..len), without the terminating root. */
static void mlabels(struct msg *m, const char *s, size_t len)
{
	while (len > 0) {
		const char *dot = memchr(s, '.', len);
		size_t l = dot ? (size_t)(dot - s) : len;

		mlabel(m, s, l);
		if (!dot)
			break;
		len -= l + 1;
		s = dot + 1;
	}
}

static void mname(struct msg *m, const char *name)
{
	mlabels(m, name, strlen(name));
	m8(m, 0);
}

static void mptr(struct msg *m, unsigned off)
{
	m16(m, 0xc000 | off);
}

/* Writes name, replacing its longest suffix shared with base (a name
 * written uncompressed at offset base_off) by a compression pointer. */
static void mname_compressed(struct msg *m, const char *name, const char *base,
			     unsigned base_off)
{
	size_t nl = strlen(name), bl = strlen(base), i = 0;

	for (;;) {
		size_t sl = nl - i;
		const char *dot;

		if (sl <= bl && memcmp(base + bl - sl, name + i, sl) == 0 &&
		    (sl == bl || base[bl - sl - 1] == '.')) {
			if (i)
				mlabels(m, name, i - 1);
			/* A dotted offset equals the wire offset of its label. */
			mptr(m, base_off + (bl - sl));
			return;
		}
		dot = strchr(name + i, '.');
		if (!dot)
			break;
		i = dot - name + 1;
	}
	mname(m, name);
}

static void dns_header(struct msg *m, unsigned id, unsigned flags, unsigned qd,
		       unsigned an, unsigned ns, unsigned ar)
{
	m->n = 0;
	m16(m, id);
	m16(m, flags);
	m16(m, qd);
	m16(m, an);
	m16(m, ns);
	m16(m, ar);
}

static void dns_question(struct msg *m, const char *name, unsigned qtype)
{
	mname(m, name);
	m16(m, qtype);
	m16(m, 1);		/* class IN */
}

/* Starts a resource record owned by the name at offset owner; returns the
 * position of RDLENGTH for rr_end. */
static size_t rr_begin(struct msg *m, unsigned owner, unsigned type)
{
	mptr(m, owner);
	m16(m, type);
	m16(m, 1);
	m32(m, 300);
	m16(m, 0);
	return m->n - 2;
}

static void rr_end(struct msg *m, size_t rdlen_at)
{
	be16(m->b + rdlen_at, m->n - rdlen_at - 2);
}

static void rr_addr(struct msg *m, unsigned owner, const char *addr)
{
	uint8_t a[16];
	int v6 = strchr(addr, ':') != NULL;
	size_t at = rr_begin(m, owner, v6 ? T_AAAA : T_A);

	if (inet_pton(v6 ? AF_INET6 : AF_INET, addr, a) != 1)
		fail("bad address in scenario: %s", addr);
	mbytes(m, a, v6 ? 16 : 4);
	rr_end(m, at);
}

static struct msg dns_query_msg(unsigned id, const char *name, unsigned qtype)
{
	struct msg m;

	dns_header(&m, id, 0x0100, 1, 0, 0, 0);	/* RD */
	dns_question(&m, name, qtype);
	return m;
}

/* Reply to a one-question query: an optional CNAME, compressed against the
 * question name, then an optional address record owned by the last name. */
static struct msg dns_response_msg(unsigned id, const char *name, unsigned qtype,
				   int rcode, const char *cname, const char *addr)
{
	struct msg m;
	unsigned owner = 12;

	dns_header(&m, id, 0x8180 | rcode, 1, (cname != NULL) + (addr != NULL), 0, 0);
	dns_question(&m, name, qtype);
	if (cname) {
		size_t at = rr_begin(&m, 12, T_CNAME);

		owner = m.n;
		mname_compressed(&m, cname, name, 12);
		rr_end(&m, at);
	}
	if (addr)
		rr_addr(&m, owner, addr);
	return m;
}

static void dns_query(struct writer *w, struct conn *c, unsigned id,
		      const char *name, unsigned qtype)
{
	struct msg m = dns_query_msg(id, name, qtype);

	udp(w, c, CLIENT, m.b, m.n);
}

static void dns_response(struct writer *w, struct conn *c, unsigned id,
			 const char *name, unsigned qtype, int rcode,
			 const char *cname, const char *addr)
{
	struct msg m = dns_response_msg(id, name, qtype, rcode, cname, addr);

	udp(w, c, SERVER, m.b, m.n);
}

/* DNS over TCP: the message behind its 2-byte length, in one segment. */
static void dns_tcp(struct writer *w, struct conn *c, int side, const struct msg *m)
{
	struct msg t;

	t.n = 0;
	m16(&t, m->n);
	mbytes(&t, m->b, m->n);
	tcp_data(w, c, side, PSH | ACK, t.b, t.n);
}

/* ---- HTTP ---------------------------------------------------------------- */

/* An HTML page of exactly len bytes (len >= 120). */
static void html_body(char *out, size_t len)
{
	static const char head[] = "<!DOCTYPE html>\n<html><head><title>Example Domain</title></head><body>\n";
	static const char para[] = "<p>This domain is for use in illustrative examples in documents.</p>\n";
	static const char tail[] = "</body></html>\n";
	size_t n = sizeof head - 1;

	memcpy(out, head, n);
	while (n + sizeof para - 1 + sizeof tail - 1 <= len) {
		memcpy(out + n, para, sizeof para - 1);
		n += sizeof para - 1;
	}
	memset(out + n, '\n', len - n - (sizeof tail - 1));
	memcpy(out + len - (sizeof tail - 1), tail, sizeof tail - 1);
}

/* One GET and its response on an open connection, ending with the
 * client's ACK of the response. */
static void http_get(struct writer *w, struct conn *c, const char *hostname,
		     const char *path, int status, size_t body_len)
{
	char req[512], resp[16384];
	int n;

	n = snprintf(req, sizeof req,
		     "GET %s HTTP/1.1\r\nHost: %s\r\n"
		     "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\r\n"
		     "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n"
		     "Accept-Language: en-US,en;q=0.5\r\nConnection: keep-alive\r\n\r\n",
		     path, hostname);
	tcp_data(w, c, CLIENT, PSH | ACK, req, n);
	tcp(w, c, SERVER, ACK, 0);
	n = snprintf(resp, sizeof resp,
		     "HTTP/1.1 %d %s\r\nDate: Tue, 14 Nov 2023 22:13:20 GMT\r\n"
		     "Server: nginx/1.22.1\r\nContent-Type: text/html; charset=utf-8\r\n"
		     "Content-Length: %zu\r\n\r\n",
		     status, status == 200 ? "OK" : "Not Found", body_len);
	html_body(resp + n, body_len);
	send_data(w, c, SERVER, resp, n + body_len);
	tcp(w, c, CLIENT, ACK, 0);
}

/* ---- Scenarios: connection table and ids --------------------------------- */

static void sc_handshake_fin(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	short_conn(w, &c);
}

static void sc_reuse_after_fin(struct writer *w)
{
	struct conn c1 = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn c2 = conn("192.0.2.10", 40000, "198.51.100.80", 80, 200000, 600000);

	begin(w, DLT_EN10MB);
	short_conn(w, &c1);
	pause_ms(w, 1000);
	short_conn(w, &c2);
}

static void sc_reuse_after_rst(struct writer *w)
{
	struct conn c1 = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn c2 = conn("192.0.2.10", 40000, "198.51.100.80", 80, 200000, 600000);

	begin(w, DLT_EN10MB);
	handshake(w, &c1);
	exchange(w, &c1, 100, 300);
	tcp(w, &c1, CLIENT, RST, 0);
	pause_ms(w, 1000);
	short_conn(w, &c2);
}

static void sc_reuse_no_close(struct writer *w)
{
	struct conn c1 = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn c2 = conn("192.0.2.10", 40000, "198.51.100.80", 80, 200000, 600000);

	begin(w, DLT_EN10MB);
	handshake(w, &c1);
	exchange(w, &c1, 100, 300);
	tcp(w, &c1, CLIENT, ACK, 0);
	pause_ms(w, 1000);
	short_conn(w, &c2);
}

static void sc_syn_retransmit(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	tcp(w, &c, CLIENT, SYN, 0);
	pause_ms(w, 1000);
	tcp_seq(w, &c, CLIENT, SYN, 1000, 0, 0);
	tcp(w, &c, SERVER, SYN | ACK, 0);
	tcp(w, &c, CLIENT, ACK, 0);
	exchange(w, &c, 100, 300);
	close_fin(w, &c, CLIENT);
}

/* SYN answered by RST/ACK (a closed port: the RST's seq is 0). */
static void refused(struct writer *w, struct conn *c)
{
	tcp(w, c, CLIENT, SYN, 0);
	tcp(w, c, SERVER, RST | ACK, 0);
}

static void sc_refused_retry_same_isn(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 8080, 1000, 0);

	begin(w, DLT_EN10MB);
	refused(w, &c);
	/* Windows retries a refused connect with the same ISN. */
	for (int i = 0; i < 2; i++) {
		pause_ms(w, 500);
		c.seq[CLIENT] = 1000;
		refused(w, &c);
	}
}

static void sc_refused_retry_new_isn(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 8080, 1000, 0);

	begin(w, DLT_EN10MB);
	refused(w, &c);
	pause_ms(w, 500);
	c.seq[CLIENT] = 2000;
	refused(w, &c);
}

/* Refused twice, then the same SYN accepted; the client closes with FIN. */
static void sc_refused_retry_accepted(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 8080, 1000, 0);

	begin(w, DLT_EN10MB);
	for (int i = 0; i < 2; i++) {
		c.seq[CLIENT] = 1000;
		refused(w, &c);
		pause_ms(w, 500);
	}
	c.seq[CLIENT] = 1000;
	c.seq[SERVER] = 7000;
	handshake(w, &c);
	exchange(w, &c, 100, 300);
	close_fin(w, &c, CLIENT);
}

static void sc_synack_only(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	w->mute = 1;		/* the SYN happened before the capture started */
	tcp(w, &c, CLIENT, SYN, 0);
	w->mute = 0;
	tcp(w, &c, SERVER, SYN | ACK, 0);
	tcp(w, &c, CLIENT, ACK, 0);
	exchange(w, &c, 100, 300);
	close_fin(w, &c, CLIENT);
}

static void sc_synack_before_syn(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1001, 5001);

	begin(w, DLT_EN10MB);
	tcp_seq(w, &c, SERVER, SYN | ACK, 5000, 1001, 0);
	tcp_seq(w, &c, CLIENT, SYN, 1000, 0, 0);
	tcp(w, &c, CLIENT, ACK, 0);
	exchange(w, &c, 100, 300);
	close_fin(w, &c, CLIENT);
}

/*
 * An endpoint connected to itself (a simultaneous open with its own
 * port): both ways are one 4-tuple, SYN, SYN/ACK and ACK from and to the
 * same address and port, then data each way and a FIN close.
 */
static void sc_self_connection(struct writer *w)
{
	struct conn c = conn("192.0.2.30", 6000, "192.0.2.30", 6000, 7000, 7000);

	begin(w, DLT_EN10MB);
	short_conn(w, &c);
}

/*
 * The same, its SYN not captured: a SYN/ACK from the endpoint to itself
 * opens it; later a SYN with a new number opens a second connection on
 * the tuple, which a RST ends.
 */
static void sc_self_connection_synack_first(struct writer *w)
{
	struct conn c1 = conn("192.0.2.30", 6000, "192.0.2.30", 6000, 7000, 7000);
	struct conn c2 = conn("192.0.2.30", 6000, "192.0.2.30", 6000, 90000, 90000);

	begin(w, DLT_EN10MB);
	w->mute = 1;
	tcp(w, &c1, CLIENT, SYN, 0);
	w->mute = 0;
	tcp(w, &c1, SERVER, SYN | ACK, 0);
	tcp(w, &c1, CLIENT, ACK, 0);
	exchange(w, &c1, 100, 300);
	pause_ms(w, 1000);
	handshake(w, &c2);
	exchange(w, &c2, 40, 60);
	tcp(w, &c2, CLIENT, RST, 0);
}

static void sc_mid_stream(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 51000, "198.51.100.80", 443, 1000, 5000);

	begin(w, DLT_EN10MB);
	tls(w, &c, SERVER, 1000);
	tcp(w, &c, CLIENT, ACK, 0);
	tls(w, &c, CLIENT, 200);
	tls(w, &c, SERVER, 500);
	close_fin(w, &c, CLIENT);
}

static void sc_mid_stream_equal_ports(struct writer *w)
{
	struct conn c = conn("192.0.2.20", 5000, "198.51.100.30", 5000, 1000, 5000);

	begin(w, DLT_EN10MB);
	tcp(w, &c, CLIENT, PSH | ACK, 100);
	tcp(w, &c, SERVER, PSH | ACK, 300);
	tcp(w, &c, CLIENT, PSH | ACK, 50);
	close_fin(w, &c, CLIENT);
}

/*
 * A SYN/ACK with a new sequence number resets its side's base sequence
 * number (Wireshark 4.0): the server's SYN after it is compared with the
 * second SYN/ACK's.  Two 4-tuples: the server's SYN at 900 (the second
 * SYN/ACK's: one stream), then at 500 (the first one's: a new stream).
 */
static void sc_synack_new_isn(struct writer *w)
{
	struct conn a = conn("192.0.2.10", 40000, "198.51.100.80", 80, 100, 500);
	struct conn b = conn("192.0.2.10", 40001, "198.51.100.80", 80, 100, 500);

	begin(w, DLT_EN10MB);
	tcp_seq(w, &a, CLIENT, SYN, 100, 0, 0);
	tcp_seq(w, &a, SERVER, SYN | ACK, 500, 101, 0);
	tcp_seq(w, &a, SERVER, SYN | ACK, 900, 101, 0);
	tcp_seq(w, &a, SERVER, SYN, 900, 0, 0);
	tcp_seq(w, &b, CLIENT, SYN, 100, 0, 0);
	tcp_seq(w, &b, SERVER, SYN | ACK, 500, 101, 0);
	tcp_seq(w, &b, SERVER, SYN | ACK, 900, 101, 0);
	tcp_seq(w, &b, SERVER, SYN, 500, 0, 0);
}

/*
 * A TCP segment of len bytes (at most 1024) in two IP fragments: the first
 * holds the 24-byte TCP header only (the SYN's MSS option, or 4 NOPs), so
 * that its payload is 0 here and in Wireshark, which gives a fragment no
 * tcp.len.
 */
static void tcp_fragmented(struct writer *w, const struct conn *c, int side,
			   int flags, uint32_t seq, uint32_t ack, size_t len)
{
	uint8_t data[1028] = { 1, 1, 1, 1 }, seg[MAXBUF];
	size_t nops = flags & SYN ? 0 : 4, n;

	memcpy(data + nops, pattern(len), len);
	w->once.tcp_doff = 6;
	n = build_tcp(w, c, side, flags, seq, ack, data, nops + len, seg);
	send_fragments(w, &c->h[side], &c->h[!side], IPP_TCP, seg, n, 24);
}

/*
 * A first IP fragment sets no base sequence number (Wireshark does not
 * analyse sequence numbers of fragments): the SYN after it, with another
 * number, opens no new connection.  IPv4, then IPv6.
 */
static void sc_first_fragment_no_base(struct writer *w)
{
	struct conn a = conn("192.0.2.10", 40000, "198.51.100.80", 80, 5000, 9000);
	struct conn b = conn("2001:db8:1::10", 40000, "2001:db8:2::80", 80, 5000, 9000);
	struct conn *c[2] = { &a, &b };

	begin(w, DLT_EN10MB);
	for (int i = 0; i < 2; i++) {
		tcp_fragmented(w, c[i], CLIENT, PSH | ACK, 1000, 7000, 40);
		tcp(w, c[i], CLIENT, SYN, 0);
		tcp(w, c[i], SERVER, SYN | ACK, 0);
		tcp(w, c[i], CLIENT, ACK, 0);
		exchange(w, c[i], 10, 20);
	}
}

/*
 * A fixed-seed pseudo-random trace on a few 4-tuples: SYN, SYN/ACK, ACK,
 * data, FIN, RST, some in IP fragments, from either side, with sequence
 * and acknowledgment numbers from a small set so that they often repeat:
 * the connection table's splitting, compared with tshark.
 */
static void sc_random_flags(struct writer *w)
{
	static const int flagset[] = {
		SYN, SYN | ACK, ACK, PSH | ACK, FIN | ACK, RST, RST | ACK, SYN
	};
	static const uint32_t nums[] = { 100, 101, 500, 501, 900, 901, 0, 7 };
	struct conn c[5] = {
		conn("192.0.2.10", 40000, "198.51.100.80", 80, 0, 0),
		conn("192.0.2.10", 80, "198.51.100.80", 40000, 0, 0),
		conn("192.0.2.11", 5000, "198.51.100.80", 5000, 0, 0),
		conn("2001:db8:1::10", 40001, "2001:db8:2::80", 443, 0, 0),
		conn("192.0.2.12", 1035, "198.51.100.81", 8080, 0, 0),
	};
	uint64_t x = 0x9e3779b97f4a7c15u;
	unsigned long i;

	begin(w, DLT_EN10MB);
	for (i = 0; i < 3000; i++) {
		struct conn *k;
		int side, flags;
		uint32_t seq, ack;
		size_t len;

		/* xorshift64 */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		k = &c[(x >> 8) % 5];
		side = (x >> 16) & 1;
		flags = flagset[(x >> 20) & 7];
		seq = nums[(x >> 24) & 7];
		ack = flags & ACK ? nums[(x >> 28) & 7] : 0;
		len = flags & (SYN | RST) ? 0 : ((x >> 32) & 3) * 10;
		if (((x >> 36) & 15) == 0)
			tcp_fragmented(w, k, side, flags, seq, ack, 40);
		else
			tcp_seq(w, k, side, flags, seq, ack, len);
	}
}

/*
 * Roles without a handshake.  Each scenario below has connections whose
 * SYN was not captured, and one kind of evidence of who serves, against
 * the first guess (the lower port is the server's).
 */

/* A server on a high port that three client ports reach (fan-in); first a
 * connection with a handshake, so that pcapsmall prints some lines at once. */
static void sc_mid_fan_in(struct writer *w)
{
	struct conn h = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn m[3] = {
		conn("172.16.30.190", 8868, "172.16.210.84", 31600, 10000, 50000),
		conn("172.16.30.190", 8869, "172.16.210.84", 31600, 20000, 60000),
		conn("172.16.30.190", 8870, "172.16.210.84", 31600, 30000, 70000),
	};

	begin(w, DLT_EN10MB);
	handshake(w, &h);
	for (int i = 0; i < 3; i++)
		tcp(w, &m[i], SERVER, PSH | ACK, 10 + i);
	tcp(w, &h, CLIENT, PSH | ACK, 20);
	for (int i = 0; i < 3; i++) {
		tcp(w, &m[i], CLIENT, PSH | ACK, 300);
		tcp(w, &m[i], SERVER, ACK, 0);
	}
	tcp(w, &h, SERVER, PSH | ACK, 5);
	close_fin(w, &m[1], CLIENT);
	close_fin(w, &h, CLIENT);
}

/* An old client's low ephemeral port (1035) to a service port (8080). */
static void sc_mid_service_port(struct writer *w)
{
	struct conn c = conn("10.10.10.70", 1035, "10.10.10.10", 8080, 1000, 5000);

	begin(w, DLT_EN10MB);
	tcp(w, &c, SERVER, PSH | ACK, 100);
	tcp(w, &c, CLIENT, PSH | ACK, 20);
	close_fin(w, &c, SERVER);
}

/* A connection seen mid-stream, closed; later its 4-tuple opens again with
 * a handshake, which shows who serves (ports 6000 and 7000 tell nothing). */
static void sc_mid_then_handshake(struct writer *w)
{
	struct conn c = conn("192.0.2.20", 6000, "198.51.100.30", 7000, 1000, 5000);

	begin(w, DLT_EN10MB);
	tcp(w, &c, CLIENT, PSH | ACK, 50);
	tcp(w, &c, SERVER, PSH | ACK, 200);
	close_fin(w, &c, CLIENT);
	pause_ms(w, 1000);
	c.seq[CLIENT] = 90000;
	c.seq[SERVER] = 190000;
	short_conn(w, &c);
}

/* A refused connect whose SYN was not captured: port 7000 answers port
 * 6000 with a RST/ACK of sequence number 0. */
static void sc_mid_rst_answer(struct writer *w)
{
	struct conn c = conn("192.0.2.20", 6000, "198.51.100.30", 7000, 1000, 0);

	begin(w, DLT_EN10MB);
	tcp_seq(w, &c, SERVER, RST | ACK, 0, 1001, 0);
}

/* A host that serves port 4445 to a client host, which is seen mid-stream
 * on ports 1036 and 4444 (both old ephemeral ports, one 4-tuple each). */
static void sc_mid_host_serves(struct writer *w)
{
	struct conn m = conn("10.10.10.70", 1036, "10.10.10.10", 4444, 1000, 5000);
	struct conn h = conn("10.10.10.70", 1037, "10.10.10.10", 4445, 3000, 7000);

	begin(w, DLT_EN10MB);
	tcp(w, &m, SERVER, PSH | ACK, 100);
	tcp(w, &m, CLIENT, PSH | ACK, 20);
	short_conn(w, &h);
	close_fin(w, &m, CLIENT);
}

/* A handshake captured out of order: the client's ACK first, from port
 * 1038 to 8081 (the first guess, the lower port, is wrong), then the
 * server's SYN/ACK, which shows the roles; its SYN not captured. */
static void sc_mid_late_synack(struct writer *w)
{
	struct conn c = conn("10.10.10.70", 1038, "10.10.10.10", 8081, 1001, 5000);

	begin(w, DLT_EN10MB);
	tcp_seq(w, &c, CLIENT, ACK, 1001, 5001, 0);
	tcp(w, &c, SERVER, SYN | ACK, 0);
	exchange(w, &c, 20, 10);
	close_fin(w, &c, CLIENT);
}

static void sc_interleaved(struct writer *w)
{
	struct conn a = conn("192.0.2.10", 41000, "198.51.100.80", 80, 1000, 5000);
	struct conn b = conn("192.0.2.10", 41001, "198.51.100.80", 80, 2000, 6000);
	struct conn m = conn("192.0.2.10", 41003, "198.51.100.81", 8080, 4000, 8000);
	struct conn c = conn("192.0.2.10", 41002, "203.0.113.5", 80, 3000, 7000);

	/* First packets in the order a, b, m (mid-stream), c. */
	begin(w, DLT_EN10MB);
	tcp(w, &a, CLIENT, SYN, 0);
	tcp(w, &b, CLIENT, SYN, 0);
	tcp(w, &a, SERVER, SYN | ACK, 0);
	tcp(w, &m, SERVER, PSH | ACK, 200);
	tcp(w, &b, SERVER, SYN | ACK, 0);
	tcp(w, &a, CLIENT, ACK, 0);
	tcp(w, &c, CLIENT, SYN, 0);
	tcp(w, &b, CLIENT, ACK, 0);
	tcp(w, &m, CLIENT, PSH | ACK, 20);
	tcp(w, &c, SERVER, SYN | ACK, 0);
	tcp(w, &a, CLIENT, PSH | ACK, 100);
	tcp(w, &c, CLIENT, ACK, 0);
	tcp(w, &b, CLIENT, PSH | ACK, 110);
	tcp(w, &a, SERVER, PSH | ACK, 300);
	tcp(w, &c, CLIENT, PSH | ACK, 120);
	tcp(w, &b, SERVER, PSH | ACK, 310);
	tcp(w, &m, SERVER, PSH | ACK, 210);
	tcp(w, &c, SERVER, PSH | ACK, 320);
	tcp(w, &a, CLIENT, FIN | ACK, 0);
	tcp(w, &b, CLIENT, FIN | ACK, 0);
	tcp(w, &a, SERVER, FIN | ACK, 0);
	tcp(w, &m, CLIENT, FIN | ACK, 0);
	tcp(w, &b, SERVER, FIN | ACK, 0);
	tcp(w, &a, CLIENT, ACK, 0);
	tcp(w, &c, CLIENT, FIN | ACK, 0);
	tcp(w, &m, SERVER, FIN | ACK, 0);
	tcp(w, &b, CLIENT, ACK, 0);
	tcp(w, &c, SERVER, FIN | ACK, 0);
	tcp(w, &m, CLIENT, ACK, 0);
	tcp(w, &c, CLIENT, ACK, 0);
}

static void sc_two_clients_same_server(struct writer *w)
{
	struct conn a = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn b = conn("192.0.2.11", 40000, "198.51.100.80", 80, 2000, 6000);

	begin(w, DLT_EN10MB);
	tcp(w, &a, CLIENT, SYN, 0);
	tcp(w, &b, CLIENT, SYN, 0);
	tcp(w, &a, SERVER, SYN | ACK, 0);
	tcp(w, &b, SERVER, SYN | ACK, 0);
	tcp(w, &a, CLIENT, ACK, 0);
	tcp(w, &b, CLIENT, ACK, 0);
	exchange(w, &a, 100, 300);
	exchange(w, &b, 150, 450);
	close_fin(w, &a, CLIENT);
	close_fin(w, &b, SERVER);
}

/* One script, cut in two files: part 1 writes up to B's SYN, part 2 the
 * rest.  Both build every packet so times and numbers continue. */
static void rotation(struct writer *w, int part)
{
	struct conn a = conn("192.0.2.10", 42000, "198.51.100.80", 80, 1000, 5000);
	struct conn b = conn("192.0.2.10", 42001, "198.51.100.80", 80, 2000, 6000);
	struct conn c = conn("192.0.2.10", 42002, "203.0.113.7", 80, 3000, 7000);

	begin(w, DLT_EN10MB);
	w->mute = part != 1;
	handshake(w, &a);
	exchange(w, &a, 100, 1448);
	tcp(w, &b, CLIENT, SYN, 0);
	w->mute = part != 2;
	send_bytes(w, &a, SERVER, 1000);
	tcp(w, &a, CLIENT, ACK, 0);
	tcp(w, &b, SERVER, SYN | ACK, 0);
	tcp(w, &b, CLIENT, ACK, 0);
	exchange(w, &b, 120, 400);
	close_fin(w, &a, CLIENT);
	short_conn(w, &c);
	close_fin(w, &b, SERVER);
}

static void sc_rotation_part1(struct writer *w)
{
	rotation(w, 1);
}

static void sc_rotation_part2(struct writer *w)
{
	rotation(w, 2);
}

/* A capture that was opened and closed with nothing in it. */
static void sc_no_packets(struct writer *w)
{
	begin(w, DLT_EN10MB);
}

/* ---- Scenarios: link layers and network layer ---------------------------- */

/* ---- Scenarios: closes ---------------------------------------------------- */

/* Handshake and 100 bytes up, 300 down, on 192.0.2.10:40000 -> :80. */
static struct conn open_conn(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	handshake(w, &c);
	exchange(w, &c, 100, 300);
	return c;
}

static void sc_close_server_fin(struct writer *w)
{
	struct conn c = open_conn(w);

	close_fin(w, &c, SERVER);
}

/* Both FINs on the wire before either is acknowledged: the client's
 * is captured first. */
static void sc_close_crossing_fins(struct writer *w)
{
	struct conn c = open_conn(w);
	uint32_t cseq = c.seq[CLIENT], sseq = c.seq[SERVER];

	tcp_seq(w, &c, CLIENT, FIN | ACK, cseq, sseq, 0);
	tcp_seq(w, &c, SERVER, FIN | ACK, sseq, cseq, 0);
	tcp_seq(w, &c, CLIENT, ACK, cseq + 1, sseq + 1, 0);
	tcp_seq(w, &c, SERVER, ACK, sseq + 1, cseq + 1, 0);
}

static void sc_close_client_rst(struct writer *w)
{
	struct conn c = open_conn(w);

	tcp(w, &c, CLIENT, RST | ACK, 0);
}

static void sc_close_server_rst(struct writer *w)
{
	struct conn c = open_conn(w);

	tcp(w, &c, SERVER, RST | ACK, 0);
}

/* The client closes; the server, with data still unread, resets. */
static void sc_close_fin_then_rst(struct writer *w)
{
	struct conn c = open_conn(w);

	tcp(w, &c, CLIENT, FIN | ACK, 0);
	tcp(w, &c, SERVER, RST | ACK, 0);
}

/* One packet with both FIN and RST: a reset. */
static void sc_close_fin_rst_together(struct writer *w)
{
	struct conn c = open_conn(w);

	tcp(w, &c, SERVER, FIN | RST | ACK, 0);
}

/* The client shuts down its side; the server goes on sending. */
static void sc_close_half(struct writer *w)
{
	struct conn c = open_conn(w);

	tcp(w, &c, CLIENT, FIN | ACK, 0);
	tcp(w, &c, SERVER, ACK, 0);
	send_bytes(w, &c, SERVER, 500);
	tcp(w, &c, CLIENT, ACK, 0);
}

static void sc_close_never(struct writer *w)
{
	open_conn(w);
}

/* ---- Scenarios: payload bytes ------------------------------------------------ */

/* A segment sent twice, one overlapping another, and a FIN sent twice. */
static void sc_retransmissions(struct writer *w)
{
	struct conn c = open_conn(w);
	uint32_t seq = c.seq[SERVER];

	tcp_seq(w, &c, CLIENT, PSH | ACK, c.seq[CLIENT] - 100, c.seq[SERVER], 100);
	tcp(w, &c, SERVER, ACK, 1000);
	/* 500 bytes sent again, 500 new. */
	tcp_seq(w, &c, SERVER, ACK, seq + 500, c.seq[CLIENT], 1000);
	c.seq[SERVER] = seq + 1500;
	tcp(w, &c, CLIENT, ACK, 0);
	tcp(w, &c, CLIENT, FIN | ACK, 0);
	pause_ms(w, 200);
	tcp_seq(w, &c, CLIENT, FIN | ACK, c.seq[CLIENT] - 1, c.seq[SERVER], 0);
	tcp(w, &c, SERVER, FIN | ACK, 0);
	tcp(w, &c, CLIENT, ACK, 0);
}

/* Sequence numbers that wrap past 2^32 in both directions, with a
 * retransmission across the wrap. */
static void sc_seq_wraparound(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80,
			     0xffffff00, 0xfffffff0);
	uint32_t seq;

	begin(w, DLT_EN10MB);
	handshake(w, &c);
	tcp(w, &c, CLIENT, PSH | ACK, 200);
	tcp(w, &c, CLIENT, PSH | ACK, 200);
	seq = c.seq[SERVER];
	tcp(w, &c, SERVER, ACK, 1000);
	tcp(w, &c, SERVER, PSH | ACK, 1000);
	tcp_seq(w, &c, SERVER, ACK, seq, c.seq[CLIENT], 1000);
	tcp(w, &c, CLIENT, ACK, 0);
	close_fin(w, &c, CLIENT);
}

/* The client's first data segment captured after its second (reordered,
 * or lost and retransmitted): ISN 1000, [1101, 1201), then [1001, 1101). */
static void sc_data_before_first_segment(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	handshake(w, &c);
	tcp_seq(w, &c, CLIENT, PSH | ACK, 1101, c.seq[SERVER], 100);
	tcp_seq(w, &c, CLIENT, ACK, 1001, c.seq[SERVER], 100);
	c.seq[CLIENT] = 1201;
	send_bytes(w, &c, SERVER, 300);
	close_fin(w, &c, CLIENT);
}

/* Segments out of order (a hole filled later), and one whose sequence
 * number is nowhere near the others. */
static void sc_out_of_order(struct writer *w)
{
	struct conn c = open_conn(w);
	uint32_t seq = c.seq[SERVER], ack = c.seq[CLIENT];

	tcp_seq(w, &c, SERVER, ACK, seq, ack, 1000);
	tcp_seq(w, &c, SERVER, ACK, seq + 2000, ack, 1000);
	tcp_seq(w, &c, SERVER, ACK, seq + 1000, ack, 1000);
	tcp_seq(w, &c, SERVER, ACK, seq + 0x80000000u, ack, 10);
	c.seq[SERVER] = seq + 3000;
	tcp(w, &c, CLIENT, ACK, 0);
	close_fin(w, &c, CLIENT);
}

/*
 * Where replaying a segment's adds one by one differs from adding their
 * union (pcapbytes -u across a cut): a middle split with 4 holes kept, a
 * run across the 2^30 line, data below the start with 4 holes kept.
 */
static void sc_unique_edges(struct writer *w)
{
	struct conn a = conn("192.0.2.10", 40001, "198.51.100.80", 80, 1000, 5000);
	struct conn b = conn("192.0.2.10", 40002, "198.51.100.80", 80, 1000, 5000);
	struct conn c = conn("192.0.2.10", 40003, "198.51.100.80", 80, 1000, 5000);
	const uint32_t far = 1u << 30;
	uint32_t s, ack, h, l;

	begin(w, DLT_EN10MB);
	/* Holes [100,200) [300,400) [500,600) [1000,2000), high 3000. */
	handshake(w, &a);
	s = a.seq[CLIENT];
	ack = a.seq[SERVER];
	tcp_seq(w, &a, CLIENT, ACK, s, ack, 100);
	tcp_seq(w, &a, CLIENT, ACK, s + 200, ack, 100);
	tcp_seq(w, &a, CLIENT, ACK, s + 400, ack, 100);
	tcp_seq(w, &a, CLIENT, ACK, s + 600, ack, 400);
	tcp_seq(w, &a, CLIENT, ACK, s + 2000, ack, 1000);
	/* A middle split forgets [100,200); [1500,2100) ends a hole. */
	tcp_seq(w, &a, CLIENT, ACK, s + 1200, ack, 300);
	tcp_seq(w, &a, CLIENT, ACK, s + 1500, ack, 600);
	tcp_seq(w, &a, CLIENT, ACK, s + 100, ack, 100);
	/* Two jumps just under 2^30: low ends 2^30 behind high. */
	handshake(w, &b);
	s = b.seq[CLIENT];
	ack = b.seq[SERVER];
	tcp_seq(w, &b, CLIENT, ACK, s, ack, 100);
	tcp_seq(w, &b, CLIENT, ACK, s + 100 + far - 1, ack, 100);
	h = s + 100 + far - 1 + 100;
	tcp_seq(w, &b, CLIENT, ACK, h + far - 1, ack, 100);
	h += far - 1 + 100;
	l = h - far;
	tcp_seq(w, &b, CLIENT, ACK, l, ack, 200);
	/* Far behind (counts), then at low (seen). */
	tcp_seq(w, &b, CLIENT, ACK, l - 10, ack, 10);
	tcp_seq(w, &b, CLIENT, ACK, l, ack, 100);
	/* Four holes, then two segments below the start. */
	handshake(w, &c);
	s = c.seq[CLIENT];
	ack = c.seq[SERVER];
	tcp_seq(w, &c, CLIENT, ACK, s, ack, 100);
	tcp_seq(w, &c, CLIENT, ACK, s + 200, ack, 100);
	tcp_seq(w, &c, CLIENT, ACK, s + 400, ack, 100);
	tcp_seq(w, &c, CLIENT, ACK, s + 600, ack, 100);
	tcp_seq(w, &c, CLIENT, ACK, s + 800, ack, 100);
	tcp_seq(w, &c, CLIENT, ACK, s - 200, ack, 100);
	tcp_seq(w, &c, CLIENT, ACK, s - 100, ack, 100);
}

static void v4_conn(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	short_conn(w, &c);
}

static void v6_conn(struct writer *w)
{
	struct conn c = conn("2001:db8:1::10", 40000, "2001:db8:2::80", 80, 1000, 5000);

	short_conn(w, &c);
}

static void tag(struct writer *w, unsigned tpid, unsigned vid)
{
	w->tpid[w->ntags] = tpid;
	w->tci[w->ntags] = vid;
	w->ntags++;
}

static void sc_vlan_8021q(struct writer *w)
{
	begin(w, DLT_EN10MB);
	tag(w, ET_8021Q, 100);
	v4_conn(w);
}

static void sc_vlan_qinq(struct writer *w)
{
	begin(w, DLT_EN10MB);
	tag(w, ET_8021AD, 100);
	tag(w, ET_8021Q, 200);
	v4_conn(w);
}

static void sc_vlan_triple(struct writer *w)
{
	begin(w, DLT_EN10MB);
	tag(w, ET_8021AD, 100);
	tag(w, ET_8021Q, 200);
	tag(w, ET_8021Q, 300);
	v4_conn(w);
}

static void sc_pppoe(struct writer *w)
{
	begin(w, DLT_EN10MB);
	w->pppoe = 1;
	v4_conn(w);
}

/*
 * PPPoE over QinQ: the server's pure ACK has a PPPoE length of 42 (PPP
 * protocol and a 40-byte datagram) but an IPv4 total length of 46, in a
 * 76-byte frame (6 bytes after the datagram).  The server's next segment
 * starts at the same sequence number: the ACK carried no data.
 */
static void sc_pppoe_ip_length_beyond_pppoe(struct writer *w)
{
	static const uint8_t six[] = { 6 };
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	tag(w, ET_8021AD, 100);
	tag(w, ET_8021Q, 200);
	w->pppoe = 1;
	handshake(w, &c);
	send_bytes(w, &c, CLIENT, 100);
	w->trailers = six;
	w->ntrailers = 1;
	w->once.ip_len = 46;
	tcp(w, &c, SERVER, ACK, 0);
	w->ntrailers = 0;
	send_bytes(w, &c, SERVER, 300);
	tcp(w, &c, CLIENT, ACK, 0);
	close_fin(w, &c, CLIENT);
}

static void sc_sll(struct writer *w)
{
	begin(w, DLT_LINUX_SLL);
	v4_conn(w);
}

static void sc_sll2(struct writer *w)
{
	begin(w, DLT_LINUX_SLL2);
	v4_conn(w);
}

static void sc_raw_ipv4(struct writer *w)
{
	begin(w, DLT_RAW);
	v4_conn(w);
}

static void sc_raw_ipv6(struct writer *w)
{
	begin(w, DLT_RAW);
	v6_conn(w);
}

static void sc_linktype_ipv4(struct writer *w)
{
	begin(w, DLT_IPV4);
	v4_conn(w);
}

static void sc_linktype_ipv6(struct writer *w)
{
	begin(w, DLT_IPV6);
	v6_conn(w);
}

static void sc_null_le(struct writer *w)
{
	struct conn c6 = conn("2001:db8:1::10", 40001, "2001:db8:2::80", 80, 2000, 6000);

	begin(w, DLT_NULL);
	v4_conn(w);
	w->af6 = 24;		/* NetBSD, OpenBSD */
	v6_conn(w);
	w->af6 = 30;		/* macOS */
	short_conn(w, &c6);
}

static void sc_null_be(struct writer *w)
{
	begin(w, DLT_NULL);
	w->null_be = 1;
	v4_conn(w);
	w->af6 = 10;		/* Linux */
	v6_conn(w);
}

static void sc_loop(struct writer *w)
{
	begin(w, DLT_LOOP);
	v4_conn(w);
}

static void sc_ipv6(struct writer *w)
{
	struct conn a = conn("2001:db8:1::10", 40000, "2001:db8:2::80", 80, 1000, 5000);
	struct conn b = conn("2001:db8:1::10", 40001, "2001:db8:2::443", 443, 2000, 6000);

	begin(w, DLT_EN10MB);
	short_conn(w, &a);
	handshake(w, &b);
	tls(w, &b, CLIENT, 200);
	tls(w, &b, SERVER, 2000);
	tcp(w, &b, CLIENT, ACK, 0);
	close_fin(w, &b, SERVER);
}

static void sc_ipv6_ext_headers(struct writer *w)
{
	static const uint8_t all[] = { IPP_HOPOPTS, IPP_ROUTING, IPP_DSTOPTS, IPP_FRAGMENT };
	static const uint8_t dst[] = { IPP_DSTOPTS };
	static const uint8_t frag[] = { IPP_FRAGMENT };
	struct conn c = conn("2001:db8:1::10", 40000, "2001:db8:2::80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	w->ip6ext = all;
	w->nip6ext = sizeof all;
	handshake(w, &c);
	w->ip6ext = dst;
	w->nip6ext = sizeof dst;
	exchange(w, &c, 100, 300);
	w->ip6ext = frag;
	w->nip6ext = sizeof frag;
	close_fin(w, &c, CLIENT);
}

static void sc_ipv6_fragment(struct writer *w)
{
	struct conn c = conn("2001:db8:1::10", 50000, "2001:db8:2::80", 9000, 0, 0);
	uint8_t dg[MAXBUF];
	size_t n = build_udp(&c, CLIENT, pattern(1600), 1600, dg);

	begin(w, DLT_EN10MB);
	send_fragments(w, &c.h[CLIENT], &c.h[SERVER], IPP_UDP, dg, n, 1232);
}

static void sc_ipv4_options(struct writer *w)
{
	/* NOP, then a full record-route option holding the router. */
	static const uint8_t opt[8] = { 0x01, 0x07, 7, 8, 192, 0, 2, 1 };

	begin(w, DLT_EN10MB);
	w->ip4opt = opt;
	w->ip4optlen = sizeof opt;
	v4_conn(w);
}

/*
 * A 32-byte IPv4 header whose options Wireshark calls malformed: a
 * security option (130) of length 2, then end-of-options padding.  On
 * the server's response only; the header length still says where TCP
 * starts.
 */
static void sc_ipv4_malformed_option(struct writer *w)
{
	static const uint8_t opt[12] = { 0x82, 0x02 };
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	handshake(w, &c);
	send_bytes(w, &c, CLIENT, 100);
	w->ip4opt = opt;
	w->ip4optlen = sizeof opt;
	send_bytes(w, &c, SERVER, 300);
	w->ip4opt = NULL;
	w->ip4optlen = 0;
	close_fin(w, &c, CLIENT);
}

static void sc_ipv4_fragments(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn d = conn("192.0.2.10", 40001, "198.51.100.80", 80, 2000, 6000);
	uint8_t seg[MAXBUF];
	size_t n;

	begin(w, DLT_EN10MB);
	handshake(w, &c);
	n = build_tcp(w, &c, CLIENT, PSH | ACK, c.seq[CLIENT], c.seq[SERVER],
		      pattern(2000), 2000, seg);
	send_fragments(w, &c.h[CLIENT], &c.h[SERVER], IPP_TCP, seg, n, 1480);
	c.seq[CLIENT] += 2000;
	send_bytes(w, &c, SERVER, 300);
	close_fin(w, &c, CLIENT);
	short_conn(w, &d);
}

static void sc_padding(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	w->pad = PAD_ALL;
	handshake(w, &c);
	tcp(w, &c, CLIENT, PSH | ACK, 4);
	tcp(w, &c, SERVER, ACK, 0);
	tcp(w, &c, SERVER, PSH | ACK, 2);
	tcp(w, &c, SERVER, PSH | ACK, 100);
	tcp(w, &c, CLIENT, ACK, 0);
	close_fin(w, &c, CLIENT);
}

static void sc_trailers(struct writer *w)
{
	static const uint8_t lens[] = { 1, 2, 4, 6, 14, 46 };

	begin(w, DLT_EN10MB);
	w->trailers = lens;
	w->ntrailers = sizeof lens;
	v4_conn(w);
}

static void sc_snaplen_64(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	begin_ex(w, DLT_EN10MB, 64, PCAP_TSTAMP_PRECISION_MICRO);
	handshake(w, &c);
	tcp(w, &c, CLIENT, ACK, 1400);
	tcp(w, &c, CLIENT, PSH | ACK, 1400);
	tcp(w, &c, SERVER, ACK, 1400);
	tcp(w, &c, SERVER, ACK, 1400);
	tcp(w, &c, SERVER, PSH | ACK, 1400);
	tcp(w, &c, CLIENT, ACK, 0);
	close_fin(w, &c, CLIENT);
}

/* A download of 3,250,000,000 bytes (past 2^31 and 2^32) in 50,000
 * segments of 65,000 bytes, captured with snaplen 64: a 4 MB file whose
 * sums overflow 32-bit integers and 6-digit floating point. */
static void sc_big_download(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	int i;

	begin_ex(w, DLT_EN10MB, 64, PCAP_TSTAMP_PRECISION_MICRO);
	w->step = 10000;	/* 10 us apart: the download takes half a second */
	handshake(w, &c);
	tcp(w, &c, CLIENT, PSH | ACK, 100);
	for (i = 0; i < 50000; i++)
		tcp(w, &c, SERVER, ACK, 65000);
	tcp(w, &c, CLIENT, ACK, 0);
	close_fin(w, &c, CLIENT);
}

/* With segmentation offload the capturing host sees one big segment whose
 * IP length field is left 0 for the NIC to fill in. */
static void sc_tso_zero_length(struct writer *w)
{
	struct conn c4 = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn c6 = conn("2001:db8:1::10", 40001, "2001:db8:2::80", 80, 2000, 6000);

	begin(w, DLT_EN10MB);
	handshake(w, &c4);
	w->once.ip_len = 0;
	tcp(w, &c4, CLIENT, PSH | ACK, 3000);
	tcp(w, &c4, SERVER, ACK, 0);
	close_fin(w, &c4, CLIENT);
	handshake(w, &c6);
	w->once.ip_len = 0;
	tcp(w, &c6, CLIENT, PSH | ACK, 3000);
	tcp(w, &c6, SERVER, ACK, 0);
	close_fin(w, &c6, CLIENT);
}

static void sc_ip_length_too_big(struct writer *w)
{
	struct conn bad = conn("192.0.2.10", 40100, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	w->once.ip_len = 1500;	/* the frame holds 100 bytes of IP */
	tcp(w, &bad, CLIENT, PSH | ACK, 60);
	v4_conn(w);
}

static void sc_ip_length_too_small(struct writer *w)
{
	struct conn bad = conn("192.0.2.10", 40100, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	w->once.ip_len = 10;
	tcp(w, &bad, CLIENT, PSH | ACK, 60);
	v4_conn(w);
}

static void sc_tcp_bad_offset(struct writer *w)
{
	struct conn small = conn("192.0.2.10", 40100, "198.51.100.80", 80, 1000, 5000);
	struct conn big = conn("192.0.2.10", 40101, "198.51.100.80", 80, 2000, 6000);

	begin(w, DLT_EN10MB);
	w->once.tcp_doff = 3;	/* 12 bytes: shorter than a TCP header */
	tcp(w, &small, CLIENT, PSH | ACK, 40);
	w->once.tcp_doff = 15;	/* 60 bytes, but only 30 follow the IP header */
	tcp(w, &big, CLIENT, PSH | ACK, 10);
	v4_conn(w);
}

static void sc_truncated_headers(struct writer *w)
{
	struct conn a = conn("192.0.2.10", 40100, "198.51.100.80", 80, 1000, 5000);
	struct conn b = conn("192.0.2.10", 40101, "198.51.100.80", 80, 2000, 6000);
	struct conn c = conn("192.0.2.10", 40102, "198.51.100.80", 80, 3000, 7000);

	begin(w, DLT_EN10MB);
	w->once.caplen = 10;		/* inside the Ethernet header */
	tcp(w, &a, CLIENT, PSH | ACK, 100);
	w->once.caplen = 14 + 12;	/* inside the IPv4 header */
	tcp(w, &b, CLIENT, PSH | ACK, 100);
	w->once.caplen = 14 + 20 + 8;	/* inside the TCP header */
	tcp(w, &c, CLIENT, PSH | ACK, 100);
	v4_conn(w);
}

static void sc_truncated_file(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	long pos;

	begin(w, DLT_EN10MB);
	handshake(w, &c);
	tcp(w, &c, CLIENT, PSH | ACK, 100);
	pos = pcap_dump_ftell(w->d);
	tcp(w, &c, SERVER, PSH | ACK, 300);
	/* Keep the 5th record's 16-byte header and half its data. */
	w->cut = pos + 16 + w->last_caplen / 2;
	tcp(w, &c, CLIENT, ACK, 0);
}

static void sc_nanosecond(struct writer *w)
{
	begin_ex(w, DLT_EN10MB, SNAPLEN, PCAP_TSTAMP_PRECISION_NANO);
	w->t = START_NS + 123456789;
	w->step = 1000001;
	v4_conn(w);
}

static void sc_unsupported_linktype(struct writer *w)
{
	/* A beacon with an SSID element, then an ACK control frame. */
	static const uint8_t beacon[] = {
		0x80, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00,
		0x00, 0x01, 0x10, 0x00,
		0, 0, 0, 0, 0, 0, 0, 0, 0x64, 0x00, 0x01, 0x04,
		0x00, 0x09, 'p', 'c', 'a', 'p', 't', 'a', 'l', 'l', 'y',
	};
	static const uint8_t ack[] = {
		0xd4, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x10,
	};

	begin(w, DLT_IEEE802_11);
	write_frame(w, beacon, sizeof beacon);
	write_frame(w, ack, sizeof ack);
}

/* pcapng: two interfaces of different link types and precisions. */
static void sc_ng_two_interfaces(struct writer *w)
{
	struct conn a = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn b = conn("192.0.2.20", 41000, "198.51.100.81", 443, 7000, 9000);

	ng_begin(w, 0);
	ng_interface(w, DLT_EN10MB, 0, -1, 0);
	ng_interface(w, DLT_LINUX_SLL, 128, 9, 0);
	ng_other(w, 4, 4);		/* name resolution: skipped */
	ng_use(w, 0);
	handshake(w, &a);
	ng_use(w, 1);
	handshake(w, &b);
	exchange(w, &b, 100, 2000);
	ng_use(w, 0);
	exchange(w, &a, 50, 300);
	ng_other(w, 5, 12);		/* interface statistics: skipped */
	close_fin(w, &a, 0);
	ng_use(w, 1);
	close_fin(w, &b, 1);
}

/* pcapng: a little-endian section, then a big-endian one with raw IP,
 * times in 2^-20 s and an if_tsoffset of -3600 s. */
static void sc_ng_sections(struct writer *w)
{
	struct conn a = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn b = conn("2001:db8:1::10", 40001, "2001:db8:2::80", 80, 3000, 8000);

	ng_begin(w, 0);
	ng_interface(w, DLT_EN10MB, 0, 9, 0);
	short_conn(w, &a);
	ng_section(w, 1);
	ng_interface(w, DLT_RAW, 96, 0x80 | 20, -3600);
	ng_other(w, 0x40000bad, 8);	/* a custom block: skipped */
	short_conn(w, &b);
}

/* pcapng: Simple Packet Blocks, then the obsolete Packet Block. */
static void sc_ng_simple_and_obsolete_blocks(struct writer *w)
{
	struct conn a = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn b = conn("192.0.2.10", 40002, "198.51.100.80", 80, 2000, 6000);

	ng_begin(w, 1);
	ng_interface(w, DLT_EN10MB, 0, -1, 0);
	w->ng_block = 3;
	short_conn(w, &a);
	w->ng_block = 2;
	short_conn(w, &b);
}

/* pcapng: an IEEE 802.11 interface beside an Ethernet one. */
static void sc_ng_unsupported_interface(struct writer *w)
{
	static const uint8_t ack[] = {
		0xd4, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x10,
	};
	struct conn a = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	ng_begin(w, 0);
	ng_interface(w, DLT_EN10MB, 0, -1, 0);
	ng_interface(w, DLT_IEEE802_11, 0, -1, 0);
	write_frame(w, ack, sizeof ack);
	ng_use(w, 0);
	short_conn(w, &a);
	ng_use(w, 1);
	write_frame(w, ack, sizeof ack);
}

static void sc_non_ip(struct writer *w)
{
	struct host me = host("192.0.2.10"), gw = host("192.0.2.1");
	struct host srv = host("198.51.100.80");

	begin(w, DLT_EN10MB);
	w->pad = PAD_INBOUND;
	arp(w, 1, &me, &gw);
	arp(w, 2, &gw, &me);
	icmp4(w, &me, &srv, 8, 0, 0x1c2a0001, pattern(56), 56);
	icmp4(w, &srv, &me, 0, 0, 0x1c2a0001, pattern(56), 56);
	v4_conn(w);
}

static void sc_icmp_error_tcp(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn q = conn("192.0.2.10", 40001, "203.0.113.99", 8080, 9000, 0);
	uint8_t seg[64], dg[128];
	size_t n;

	begin(w, DLT_EN10MB);
	handshake(w, &c);
	/* The quoted SYN itself never appears in the capture. */
	n = build_tcp(w, &q, CLIENT, SYN, 9000, 0, pattern(0), 0, seg);
	n = build_ip(w, &q.h[CLIENT], &q.h[SERVER], IPP_TCP, seg, n, dg);
	icmp4(w, &q.h[SERVER], &q.h[CLIENT], 3, 3, 0, dg, n);
	exchange(w, &c, 100, 300);
	close_fin(w, &c, CLIENT);
}

/* ---- Scenarios: DNS ------------------------------------------------------ */

static struct conn resolver(uint16_t port)
{
	return conn("192.0.2.10", port, "192.0.2.53", 53, 0, 0);
}

static void sc_dns_a_aaaa(struct writer *w)
{
	struct conn c = resolver(53000);

	begin(w, DLT_EN10MB);
	dns_query(w, &c, 0x1234, "www.example.com", T_A);
	dns_query(w, &c, 0x1235, "www.example.com", T_AAAA);
	dns_response(w, &c, 0x1234, "www.example.com", T_A, 0, NULL, "198.51.100.80");
	dns_response(w, &c, 0x1235, "www.example.com", T_AAAA, 0, "cdn.example.com", "2001:db8:2::80");
}

static void sc_dns_retry(struct writer *w)
{
	struct conn c = resolver(53000);

	begin(w, DLT_EN10MB);
	dns_query(w, &c, 0x2001, "www.example.com", T_A);
	pause_ms(w, 2000);
	dns_query(w, &c, 0x2001, "www.example.com", T_A);
	dns_response(w, &c, 0x2001, "www.example.com", T_A, 0, NULL, "198.51.100.80");
}

/*
 * Time that goes backwards around a response: a packet of no DNS stamped
 * 40 s after a query prints it unanswered (past the timeout) before its
 * response, stamped 1 s after the query, comes; a second query's response
 * comes after a packet stamped before that query, and answers it.
 */
static void sc_dns_time_backwards(struct writer *w)
{
	struct conn c = resolver(53000), d = resolver(53001);
	struct conn other = conn("192.0.2.10", 40000, "198.51.100.7", 5000, 0, 0);
	uint64_t t0 = 1700000000ULL * NS_PER_SEC;

	begin(w, DLT_EN10MB);
	w->t = t0;
	dns_query(w, &c, 0x5001, "early.example.com", T_A);
	w->t = t0 + 40 * NS_PER_SEC;
	udp(w, &other, CLIENT, "x", 1);
	w->t = t0 + 1 * NS_PER_SEC;
	dns_response(w, &c, 0x5001, "early.example.com", T_A, 0, NULL, "198.51.100.80");
	w->t = t0 + 100 * NS_PER_SEC;
	dns_query(w, &d, 0x5002, "late.example.com", T_A);
	w->t = t0 + 90 * NS_PER_SEC;
	udp(w, &other, CLIENT, "y", 1);
	w->t = t0 + 101 * NS_PER_SEC;
	dns_response(w, &d, 0x5002, "late.example.com", T_A, 0, NULL, "198.51.100.90");
}

/*
 * Past 2038-01-19 03:14:07, where a pcap record's seconds need all 32
 * unsigned bits: before that second a query whose response comes 40 s
 * later (too late: past the timeout) and one answered after it, then a
 * connection at 2208988800.
 */
static void sc_time_past_2038(struct writer *w)
{
	struct conn c = resolver(53000), late = resolver(53001);
	struct conn t = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);

	begin(w, DLT_EN10MB);
	w->t = 2147483647ULL * NS_PER_SEC + 800 * 1000000ULL;
	dns_query(w, &late, 0x4002, "late.example.com", T_A);
	pause_ms(w, 99);
	dns_query(w, &c, 0x4001, "www.example.com", T_A);
	pause_ms(w, 199);
	dns_response(w, &c, 0x4001, "www.example.com", T_A, 0, NULL, "198.51.100.80");
	pause_ms(w, 40000);
	dns_response(w, &late, 0x4002, "late.example.com", T_A, 0, NULL, "198.51.100.90");
	w->t = 2208988800ULL * NS_PER_SEC;
	short_conn(w, &t);
}

static void sc_dns_unanswered(struct writer *w)
{
	struct conn lost = resolver(53000), slow = resolver(53001);

	begin(w, DLT_EN10MB);
	dns_query(w, &lost, 0x3001, "lost.example.com", T_A);
	dns_query(w, &slow, 0x3002, "slow.example.com", T_A);
	pause_ms(w, 40000);
	dns_response(w, &slow, 0x3002, "slow.example.com", T_A, 0, NULL, "198.51.100.90");
}

static void sc_dns_nxdomain(struct writer *w)
{
	struct conn c = resolver(53000);

	begin(w, DLT_EN10MB);
	dns_query(w, &c, 0x4001, "nonexistent.example.com", T_A);
	dns_response(w, &c, 0x4001, "nonexistent.example.com", T_A, 3, NULL, NULL);
}

static void sc_dns_compressed(struct writer *w)
{
	struct conn c = resolver(53000), odd = resolver(53001);
	struct msg m;
	size_t at;
	unsigned cname_at;

	begin(w, DLT_EN10MB);
	dns_query(w, &c, 0x4401, "www.example.com", T_A);
	/* CNAME a.b.example.com (labels + pointer into the question), then
	 * two A records owned by a pointer to the CNAME target. */
	dns_header(&m, 0x4401, 0x8180, 1, 3, 0, 0);
	dns_question(&m, "www.example.com", T_A);
	at = rr_begin(&m, 12, T_CNAME);
	cname_at = m.n;
	mname_compressed(&m, "a.b.example.com", "www.example.com", 12);
	rr_end(&m, at);
	rr_addr(&m, cname_at, "198.51.100.81");
	rr_addr(&m, cname_at, "198.51.100.82");
	udp(w, &c, SERVER, m.b, m.n);
	/* Two questions; the second is "ftp" + a pointer into the first. */
	dns_header(&m, 0x4402, 0x0100, 2, 0, 0, 0);
	dns_question(&m, "www.example.com", T_A);
	mlabel(&m, "ftp", 3);
	mptr(&m, 16);
	m16(&m, T_A);
	m16(&m, 1);
	udp(w, &odd, CLIENT, m.b, m.n);
}

static void sc_dns_pointer_loop(struct writer *w)
{
	struct conn c = resolver(53000);
	struct msg m;

	begin(w, DLT_EN10MB);
	dns_header(&m, 0x5501, 0x0100, 1, 0, 0, 0);
	mptr(&m, 12);		/* the name points at itself */
	m16(&m, T_A);
	m16(&m, 1);
	udp(w, &c, CLIENT, m.b, m.n);
	/* Question 1's name points at question 2's (offset 18), which
	 * points back at offset 12. */
	dns_header(&m, 0x5502, 0x0100, 2, 0, 0, 0);
	mptr(&m, 18);
	m16(&m, T_A);
	m16(&m, 1);
	mptr(&m, 12);
	m16(&m, T_A);
	m16(&m, 1);
	udp(w, &c, CLIENT, m.b, m.n);
}

static void sc_dns_label_past_end(struct writer *w)
{
	struct conn c = resolver(53000);
	struct msg m;

	begin(w, DLT_EN10MB);
	dns_header(&m, 0x6601, 0x0100, 1, 0, 0, 0);
	mlabel(&m, "www", 3);
	m8(&m, 63);		/* claims 63 bytes; 4 remain */
	mbytes(&m, "exam", 4);
	udp(w, &c, CLIENT, m.b, m.n);
}

static void sc_dns_escapes(struct writer *w)
{
	static const char *const odd[] = {
		"a.b", "back\\slash", "sp ace", "tab\there", "new\nline", "\xff", "MiXeD",
	};
	struct conn c = resolver(53000);
	struct msg m;

	begin(w, DLT_EN10MB);
	for (unsigned i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		dns_header(&m, 0x7701 + i, 0x0100, 1, 0, 0, 0);
		mlabel(&m, odd[i], strlen(odd[i]));
		mname(&m, "example.com");
		m16(&m, T_A);
		m16(&m, 1);
		udp(w, &c, CLIENT, m.b, m.n);
		/* The NXDOMAIN reply echoes the query with the answer flags. */
		be16(m.b + 2, 0x8183);
		udp(w, &c, SERVER, m.b, m.n);
	}
}

static void sc_dns_garbage(struct writer *w)
{
	static const uint8_t three[] = { 0x8f, 0x03, 0xc1 };
	static const uint8_t eleven[] = { 0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00 };
	static const uint8_t qr[] = { 0x56, 0x78, 0xff, 0xff, 0x00 };
	struct conn a = resolver(53000), b = resolver(53001), c = resolver(53002);
	struct conn d = resolver(53003);

	begin(w, DLT_EN10MB);
	udp(w, &a, CLIENT, three, sizeof three);
	udp(w, &b, CLIENT, "", 0);
	udp(w, &c, CLIENT, eleven, sizeof eleven);
	/* An id and flags of all ones: the QR bit set, still a query. */
	udp(w, &d, CLIENT, qr, sizeof qr);
}

static void sc_dns_tcp(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40000, "192.0.2.53", 53, 1000, 5000);
	struct msg q, r;

	begin(w, DLT_EN10MB);
	handshake(w, &c);
	q = dns_query_msg(0x8801, "www.example.com", T_A);
	dns_tcp(w, &c, CLIENT, &q);
	r = dns_response_msg(0x8801, "www.example.com", T_A, 0, NULL, "198.51.100.80");
	dns_tcp(w, &c, SERVER, &r);
	/* Second query: the length prefix and the message in separate segments. */
	q = dns_query_msg(0x8802, "mail.example.com", T_A);
	r.n = 0;
	m16(&r, q.n);
	tcp_data(w, &c, CLIENT, PSH | ACK, r.b, r.n);
	tcp_data(w, &c, CLIENT, PSH | ACK, q.b, q.n);
	r = dns_response_msg(0x8802, "mail.example.com", T_A, 0, NULL, "198.51.100.25");
	dns_tcp(w, &c, SERVER, &r);
	close_fin(w, &c, CLIENT);
}

static void sc_dns_ipv6(struct writer *w)
{
	struct conn c = conn("2001:db8:1::10", 53000, "2001:db8:2::53", 53, 0, 0);

	begin(w, DLT_EN10MB);
	dns_query(w, &c, 0x9901, "www.example.com", T_A);
	dns_query(w, &c, 0x9902, "www.example.com", T_AAAA);
	dns_response(w, &c, 0x9901, "www.example.com", T_A, 0, NULL, "198.51.100.80");
	dns_response(w, &c, 0x9902, "www.example.com", T_AAAA, 0, NULL, "2001:db8:2::80");
}

static void sc_dns_vlan(struct writer *w)
{
	struct conn c = resolver(53000);

	begin(w, DLT_EN10MB);
	tag(w, ET_8021Q, 100);
	dns_query(w, &c, 0xaa01, "www.example.com", T_A);
	dns_response(w, &c, 0xaa01, "www.example.com", T_A, 0, NULL, "198.51.100.80");
}

/*
 * A scanner's six messages with the QR bit set, from one port to port 53:
 * queries all the same, the first answered; then a query and its response
 * between two port-53 endpoints, where the QR bit tells them apart.
 */
static void sc_dns_qr_set(struct writer *w)
{
	struct conn scan = resolver(50000);
	struct conn peers = conn("192.0.2.20", 53, "192.0.2.53", 53, 0, 0);
	struct msg m;
	unsigned i;

	begin(w, DLT_EN10MB);
	for (i = 0; i < 6; i++) {
		m = dns_response_msg(0xbb01 + i, "scan.example.com", T_A, 0, NULL,
				     "198.51.100.1");
		udp(w, &scan, CLIENT, m.b, m.n);
	}
	dns_response(w, &scan, 0xbb01, "scan.example.com", T_A, 5, NULL, NULL);
	dns_query(w, &peers, 0xcc01, "peer.example.com", T_A);
	dns_response(w, &peers, 0xcc01, "peer.example.com", T_A, 0, NULL, "198.51.100.2");
}

/* One DNS message over TCP: its length and first 5 bytes, then the rest. */
static void dns_tcp_split(struct writer *w, struct conn *c, int side, const struct msg *m)
{
	struct msg t;

	t.n = 0;
	m16(&t, m->n);
	mbytes(&t, m->b, m->n);
	tcp_data(w, c, side, ACK, t.b, 7);
	tcp_data(w, c, side, PSH | ACK, t.b + 7, t.n - 7);
}

static void sc_dns_tcp_split_header(struct writer *w)
{
	struct conn c = conn("192.0.2.10", 40010, "192.0.2.53", 53, 3000, 7000);
	struct msg q, r;

	begin(w, DLT_EN10MB);
	handshake(w, &c);
	q = dns_query_msg(0x8811, "split.example.com", T_AAAA);
	dns_tcp_split(w, &c, CLIENT, &q);
	r = dns_response_msg(0x8811, "split.example.com", T_AAAA, 0, NULL, "2001:db8:2::80");
	dns_tcp_split(w, &c, SERVER, &r);
	close_fin(w, &c, CLIENT);
}

/* ---- Sample -------------------------------------------------------------- */

static void sc_sample(struct writer *w)
{
	static const uint8_t trailer4[] = { 4 };
	/* Like glibc: one socket per lookup, its A and AAAA queries both
	 * sent from it. */
	struct conn dns = resolver(53124);
	struct conn web1 = conn("192.0.2.10", 40000, "198.51.100.80", 80, 1000, 5000);
	struct conn tls1 = conn("192.0.2.10", 40002, "203.0.113.20", 443, 2000, 6000);
	struct conn tls6 = conn("2001:db8:1::10", 40004, "2001:db8:2::20", 443, 3000, 7000);
	struct conn refuse = conn("192.0.2.10", 40006, "198.51.100.80", 8080, 4000, 0);
	struct conn cdn = conn("192.0.2.10", 40008, "203.0.113.30", 80, 5000, 9000);
	struct conn web2 = conn("192.0.2.10", 40000, "198.51.100.80", 80, 300000, 900000);

	begin(w, DLT_EN10MB);
	w->pad = PAD_INBOUND;

	/* www.example.com over HTTP; the client closes first. */
	dns_query(w, &dns, 0x8a01, "www.example.com", T_A);
	dns_query(w, &dns, 0x8a02, "www.example.com", T_AAAA);
	pause_ms(w, 11);
	dns_response(w, &dns, 0x8a01, "www.example.com", T_A, 0, NULL, "198.51.100.80");
	dns_response(w, &dns, 0x8a02, "www.example.com", T_AAAA, 0, "cdn.example.com", "2001:db8:2::80");
	handshake(w, &web1);
	http_get(w, &web1, "www.example.com", "/", 200, 2600);
	pause_ms(w, 150);
	http_get(w, &web1, "www.example.com", "/about.html", 200, 900);
	pause_ms(w, 200);
	close_fin(w, &web1, CLIENT);

	/* static.example.net: the first A query is lost and retried. */
	dns = resolver(41602);
	dns_query(w, &dns, 0x8a03, "static.example.net", T_A);
	dns_query(w, &dns, 0x8a04, "static.example.net", T_AAAA);
	dns_response(w, &dns, 0x8a04, "static.example.net", T_AAAA, 0, NULL, NULL);
	pause_ms(w, 1000);
	dns_query(w, &dns, 0x8a03, "static.example.net", T_A);
	dns_response(w, &dns, 0x8a03, "static.example.net", T_A, 0, NULL, "203.0.113.20");

	/* HTTPS seen through a monitoring tap: wire frames (so all padded)
	 * with a 4-byte trailer; small records and pure ACKs downloaded; the
	 * server closes first. */
	w->pad = PAD_ALL;
	w->trailers = trailer4;
	w->ntrailers = 1;
	handshake(w, &tls1);
	tls(w, &tls1, CLIENT, 517);
	tcp(w, &tls1, SERVER, ACK, 0);
	tls(w, &tls1, SERVER, 4000);
	tcp(w, &tls1, CLIENT, ACK, 0);
	tls(w, &tls1, CLIENT, 80);
	tls(w, &tls1, SERVER, 6);
	tls(w, &tls1, CLIENT, 3000);
	tcp(w, &tls1, SERVER, ACK, 0);
	tls(w, &tls1, SERVER, 30);
	tcp(w, &tls1, CLIENT, ACK, 0);
	/* A download: the client acknowledges every second segment; the
	 * last segment is sent again. */
	for (int i = 0; i < 3; i++) {
		tls(w, &tls1, SERVER, 2 * MSS);
		tcp(w, &tls1, CLIENT, ACK, 0);
	}
	tcp_seg(w, &tls1, SERVER, PSH | ACK, tls1.seq[SERVER] - MSS,
		tls1.seq[CLIENT], pattern(MSS), MSS);
	w->pad = PAD_INBOUND;
	w->ntrailers = 0;
	pause_ms(w, 5000);
	close_fin(w, &tls1, SERVER);

	/* A name that does not exist. */
	dns = resolver(60311);
	dns_query(w, &dns, 0x8a05, "nonexistent.example.org", T_A);
	dns_query(w, &dns, 0x8a06, "nonexistent.example.org", T_AAAA);
	dns_response(w, &dns, 0x8a05, "nonexistent.example.org", T_A, 3, NULL, NULL);
	dns_response(w, &dns, 0x8a06, "nonexistent.example.org", T_AAAA, 3, NULL, NULL);

	/* api.example.com over IPv6 HTTPS; the client aborts with RST. */
	dns = resolver(38950);
	dns_query(w, &dns, 0x8a07, "api.example.com", T_A);
	dns_query(w, &dns, 0x8a08, "api.example.com", T_AAAA);
	dns_response(w, &dns, 0x8a07, "api.example.com", T_A, 0, NULL, "203.0.113.21");
	dns_response(w, &dns, 0x8a08, "api.example.com", T_AAAA, 0, NULL, "2001:db8:2::20");
	handshake(w, &tls6);
	tls(w, &tls6, CLIENT, 600);
	tls(w, &tls6, SERVER, 3500);
	tcp(w, &tls6, CLIENT, ACK, 0);
	tls(w, &tls6, CLIENT, 250);
	tls(w, &tls6, SERVER, 900);
	/* An upload acknowledged by the server, then a few small pushes. */
	for (int i = 0; i < 2; i++) {
		tls(w, &tls6, CLIENT, 2 * MSS);
		tcp(w, &tls6, SERVER, ACK, 0);
	}
	for (int i = 0; i < 3; i++) {
		pause_ms(w, 300);
		tls(w, &tls6, SERVER, 40 + 10 * i);
		tcp(w, &tls6, CLIENT, ACK, 0);
	}
	tcp(w, &tls6, CLIENT, RST | ACK, 0);

	/* Nothing listens on 8080. */
	refused(w, &refuse);

	/* cdn.example.org: the server closes, then resets the client's late
	 * data. */
	dns = resolver(51777);
	dns_query(w, &dns, 0x8a09, "cdn.example.org", T_A);
	dns_response(w, &dns, 0x8a09, "cdn.example.org", T_A, 0, NULL, "203.0.113.30");
	handshake(w, &cdn);
	http_get(w, &cdn, "cdn.example.org", "/style.css", 200, 1800);
	tcp(w, &cdn, SERVER, FIN | ACK, 0);
	tcp(w, &cdn, CLIENT, PSH | ACK, 20);
	tcp(w, &cdn, SERVER, RST, 0);

	/* Back to www.example.com from the same source port; the server
	 * closes first. */
	pause_ms(w, 2000);
	handshake(w, &web2);
	http_get(w, &web2, "www.example.com", "/favicon.ico", 404, 150);
	close_fin(w, &web2, SERVER);
}

/* ---- Table and main ------------------------------------------------------ */

/* ---- Scenarios at scale (pcapgen -n N): benchmarks and limits ------------ */

/* How many connections or queries the scaled scenarios make (-n). */
static unsigned long scale;

static unsigned long scale_or(unsigned long dflt)
{
	return scale ? scale : dflt;
}

/* Client i of many: 10.x.y.z, a port of its own. */
static struct conn many_conn(unsigned long i, uint16_t sport)
{
	char client[32], server[32];

	snprintf(client, sizeof client, "10.%lu.%lu.%lu", i >> 16 & 255,
		 i >> 8 & 255, i & 255);
	snprintf(server, sizeof server, "%s.%lu", i & 1 ? "198.51.100" : "203.0.113",
		 1 + i % 250);
	return conn(client, 1024 + i % 60000, server, sport,
		    (uint32_t)(i * 2654435761u), (uint32_t)(i * 40503u + 7));
}

/* Close styles the bench connections take in turn. */
enum { BY_CLIENT, BY_SERVER, CROSSING, CLIENT_RST, SERVER_RST, FIN_RST,
       REFUSED, HALF, NEVER, STYLES };

/* One bench connection, emitted a packet at a time. */
struct bench_conn {
	struct conn c;
	int style;
	int step;		/* packets emitted */
};

/* A response of 34 full segments, the client acknowledging every two. */
#define RESPONSE 51

/* Emits the next packet of b; returns 0 when it has none left. */
static int bench_step(struct writer *w, struct bench_conn *b)
{
	struct conn *c = &b->c;
	int step = b->step++;

	if (b->style == REFUSED) {
		if (step == 0)
			tcp(w, c, CLIENT, SYN, 0);
		else if (step == 1)
			tcp(w, c, SERVER, RST | ACK, 0);
		return step < 2;
	}
	switch (step) {
	case 0:
		tcp(w, c, CLIENT, SYN, 0);
		return 1;
	case 1:
		tcp(w, c, SERVER, SYN | ACK, 0);
		return 1;
	case 2:
		tcp(w, c, CLIENT, ACK, 0);
		return 1;
	case 3:
		tcp(w, c, CLIENT, PSH | ACK, 300);
		return 1;
	}
	step -= 4;
	if (step < RESPONSE) {
		if (step % 3 == 2)
			tcp(w, c, CLIENT, ACK, 0);
		else
			tcp(w, c, SERVER, ACK, MSS);
		return 1;
	}
	step -= RESPONSE;
	switch (b->style * 10 + step) {
	case BY_CLIENT * 10: case BY_SERVER * 10 + 1: case HALF * 10:
	case BY_CLIENT * 10 + 2: case CROSSING * 10: case FIN_RST * 10:
		tcp(w, c, CLIENT, FIN | ACK, 0);
		return 1;
	case BY_CLIENT * 10 + 1: case BY_SERVER * 10: case CROSSING * 10 + 1:
		tcp(w, c, SERVER, FIN | ACK, 0);
		return 1;
	case BY_SERVER * 10 + 2: case HALF * 10 + 1:
		tcp(w, c, SERVER, ACK, 0);
		return 1;
	case CLIENT_RST * 10:
		tcp(w, c, CLIENT, RST | ACK, 0);
		return 1;
	case SERVER_RST * 10: case FIN_RST * 10 + 1:
		tcp(w, c, SERVER, RST | ACK, 0);
		return 1;
	default:
		return 0;
	}
}

/* A name looked up before a bench connection: A and AAAA, answered. */
static void bench_lookup(struct writer *w, unsigned long i)
{
	struct conn d = resolver(1024 + i % 60000);
	unsigned id = (unsigned)(i & 0xfffe);
	char name[64];

	snprintf(name, sizeof name, "host%lu.example.com", i);
	dns_query(w, &d, id, name, T_A);
	dns_query(w, &d, id + 1, name, T_AAAA);
	dns_response(w, &d, id, name, T_A, 0, NULL, "198.51.100.1");
	dns_response(w, &d, id + 1, name, T_AAAA, 0, NULL, "2001:db8:2::1");
}

/*
 * The benchmark capture: N connections (default 50), 64 at a time with
 * their packets interleaved, every close style in turn, about 50 packets
 * each; a DNS lookup (A and AAAA, answered) before every tenth; every
 * second frame with a 4-byte trailer; snaplen 128.
 */
static void sc_bench(struct writer *w)
{
	static const uint8_t trailers[] = { 0, 4 };
	enum { ACTIVE = 64 };
	struct bench_conn active[ACTIVE];
	unsigned long n = scale_or(50), next = 0, i;
	int live = 0, k;


	begin_ex(w, DLT_EN10MB, 128, PCAP_TSTAMP_PRECISION_MICRO);
	w->step = 20000;	/* 20 us between packets */
	w->trailers = trailers;
	w->ntrailers = sizeof trailers;
	memset(active, 0, sizeof active);
	for (;;) {
		for (k = 0; k < ACTIVE; k++) {
			struct bench_conn *b = &active[k];

			if (b->step == 0 && !b->c.port[CLIENT]) {
				if (next == n)
					continue;
				i = next++;
				if (i % 10 == 0)
					bench_lookup(w, i);
				b->c = many_conn(i, i % 3 ? 443 : 80);
				b->style = (int)(i % STYLES);
				live++;
			}
			if (!bench_step(w, b)) {
				memset(b, 0, sizeof *b);
				live--;
			}
		}
		if (live == 0 && next == n)
			break;
	}
}

/* N DNS queries (default 100), 1 ms apart, none answered. */
static void sc_dns_flood(struct writer *w)
{
	unsigned long n = scale_or(100), i;
	char name[64];

	begin(w, DLT_EN10MB);
	for (i = 0; i < n; i++) {
		struct conn d = resolver(1024 + i % 60000);

		snprintf(name, sizeof name, "q%lu.example.com", i);
		dns_query(w, &d, i & 0xffff, name, T_A);
	}
}

/*
 * N connections (default 100) between the same two hosts whose ports
 * move together: a hash that adds or XORs the ports puts them all in
 * one bucket.
 */
static void sc_colliding_tuples(struct writer *w)
{
	unsigned long n = scale_or(100), i;

	begin(w, DLT_EN10MB);
	for (i = 0; i < n; i++) {
		struct conn c = conn("192.0.2.10", 1024 + i % 64000, "198.51.100.80",
				     1024 + i % 64000, (uint32_t)i, (uint32_t)~i);

		tcp(w, &c, CLIENT, SYN, 0);
		tcp(w, &c, SERVER, SYN | ACK, 0);
	}
}

/* N SYNs (default 100) on one 4-tuple to port 53, each with a new ISN. */
static void sc_dns_syn_flood(struct writer *w)
{
	unsigned long n = scale_or(100), i;

	begin(w, DLT_EN10MB);
	for (i = 0; i < n; i++) {
		struct conn c = conn("192.0.2.10", 40000, "192.0.2.53", 53,
				     (uint32_t)(i * 2654435761UL), 0);

		tcp(w, &c, CLIENT, SYN, 0);
	}
}

/* N short DNS-over-TCP connections (default 100): a query, its answer, FINs. */
static void sc_dns_tcp_many(struct writer *w)
{
	unsigned long n = scale_or(100), i;
	char name[64];

	begin(w, DLT_EN10MB);
	for (i = 0; i < n; i++) {
		struct conn c = conn("192.0.2.10", 1024 + i % 60000, "192.0.2.53", 53,
				     (uint32_t)(i * 7919), (uint32_t)(i * 104729));
		struct msg m;

		snprintf(name, sizeof name, "t%lu.example.com", i);
		handshake(w, &c);
		m = dns_query_msg(i & 0xffff, name, T_A);
		dns_tcp(w, &c, CLIENT, &m);
		m = dns_response_msg(i & 0xffff, name, T_A, 0, NULL, "198.51.100.80");
		dns_tcp(w, &c, SERVER, &m);
		close_fin(w, &c, CLIENT);
	}
}

struct scenario {
	const char *name;
	const char *desc;
	void (*fn)(struct writer *);
};

static const struct scenario scenarios[] = {
	{ "handshake-fin", "one connection: handshake, 100 up, 300 down, FIN close", sc_handshake_fin },
	{ "reuse-after-fin", "same 4-tuple twice: FIN close, then a new SYN with a new ISN", sc_reuse_after_fin },
	{ "reuse-after-rst", "same 4-tuple twice: client RST, then a new SYN with a new ISN", sc_reuse_after_rst },
	{ "reuse-no-close", "same 4-tuple twice: no close, then a new SYN with a new ISN", sc_reuse_no_close },
	{ "syn-retransmit", "SYN repeated after 1 s with the same ISN: one connection", sc_syn_retransmit },
	{ "refused-retry-same-isn", "SYN/RST-ACK three times with the same ISN: one attempt", sc_refused_retry_same_isn },
	{ "refused-retry-new-isn", "SYN/RST-ACK twice with different ISNs: two attempts", sc_refused_retry_new_isn },
	{ "refused-retry-accepted", "SYN/RST-ACK twice, then the same SYN accepted and closed by the client's FIN", sc_refused_retry_accepted },
	{ "synack-only", "capture starts at the SYN/ACK (SYN not captured)", sc_synack_only },
	{ "synack-before-syn", "SYN/ACK captured before its SYN", sc_synack_before_syn },
	{ "self-connection", "an endpoint connected to itself: SYN, SYN/ACK, ACK, data, FIN on one 4-tuple", sc_self_connection },
	{ "self-connection-synack-first", "an endpoint to itself opened by its SYN/ACK, then a second connection by a new SYN, RST", sc_self_connection_synack_first },
	{ "mid-stream", "no handshake; first packet from server port 443 to client 51000", sc_mid_stream },
	{ "mid-stream-equal-ports", "no handshake; both ports 5000; first packet 192.0.2.20 -> 198.51.100.30", sc_mid_stream_equal_ports },
	{ "synack-new-isn", "a second SYN/ACK with a new ISN, then a server SYN at its ISN and at the first's", sc_synack_new_isn },
	{ "first-fragment-no-base", "a TCP first fragment (seq 1000), then a handshake with ISN 5000; IPv4 and IPv6", sc_first_fragment_no_base },
	{ "random-flags", "a fixed-seed random trace of SYN, SYN/ACK, ACK, FIN, RST and fragments on five 4-tuples", sc_random_flags },
	{ "mid-fan-in", "no handshakes: three client ports to one server port 31600; one connection with a handshake", sc_mid_fan_in },
	{ "mid-service-port", "no handshake: client port 1035 to service port 8080", sc_mid_service_port },
	{ "mid-then-handshake", "no handshake on ports 6000 and 7000, then the 4-tuple again with one", sc_mid_then_handshake },
	{ "mid-rst-answer", "a RST/ACK of sequence 0 from port 7000 to 6000 (its SYN not captured)", sc_mid_rst_answer },
	{ "mid-host-serves", "no handshake on ports 1036 and 4444, between hosts one of which serves 4445", sc_mid_host_serves },
	{ "mid-late-synack", "the client's ACK from port 1038 to 8081, then the server's SYN/ACK (its SYN not captured)", sc_mid_late_synack },
	{ "interleaved", "three interleaved connections and one mid-stream one", sc_interleaved },
	{ "two-clients-same-server", "two hosts, same client port, same server:port", sc_two_clients_same_server },
	{ "rotation-part1", "first file of a rotated capture: A starts, B's SYN", sc_rotation_part1 },
	{ "rotation-part2", "second file of a rotated capture: rest of A and B, new C", sc_rotation_part2 },
	{ "no-packets", "a pcap file header and no packets", sc_no_packets },
	{ "close-server-fin", "the server sends the first FIN", sc_close_server_fin },
	{ "close-crossing-fins", "both FINs cross on the wire; the client's is captured first", sc_close_crossing_fins },
	{ "close-client-rst", "the client resets the connection", sc_close_client_rst },
	{ "close-server-rst", "the server resets the connection", sc_close_server_rst },
	{ "close-fin-then-rst", "the client sends FIN, the server answers with RST", sc_close_fin_then_rst },
	{ "close-fin-rst-together", "the server sends one packet with FIN and RST", sc_close_fin_rst_together },
	{ "close-half", "the client sends FIN, the server keeps sending, no second FIN", sc_close_half },
	{ "close-never", "handshake and data, no FIN or RST", sc_close_never },
	{ "retransmissions", "data sent twice, an overlapping segment, a FIN sent twice", sc_retransmissions },
	{ "seq-wraparound", "sequence numbers wrap past 2^32 both ways, with a retransmission", sc_seq_wraparound },
	{ "out-of-order", "a hole filled later, and a segment 2^31 away from the others", sc_out_of_order },
	{ "unique-edges", "a middle split with 4 holes, a run across the 2^30 line, data below the start with 4 holes", sc_unique_edges },
	{ "data-before-first-segment", "after the SYN (ISN 1000), data [1101, 1201) captured before [1001, 1101)", sc_data_before_first_segment },
	{ "vlan-8021q", "one connection under one 802.1Q tag", sc_vlan_8021q },
	{ "vlan-qinq", "one connection under 802.1ad + 802.1Q tags", sc_vlan_qinq },
	{ "vlan-triple", "one connection under three VLAN tags", sc_vlan_triple },
	{ "pppoe", "one connection in PPPoE session frames", sc_pppoe },
	{ "pppoe-ip-length-beyond-pppoe", "PPPoE over QinQ: a pure ACK whose IPv4 length (46) exceeds the PPPoE length (42) in a 76-byte frame", sc_pppoe_ip_length_beyond_pppoe },
	{ "sll", "one connection, Linux cooked capture (DLT_LINUX_SLL)", sc_sll },
	{ "sll2", "one connection, Linux cooked capture v2 (DLT_LINUX_SLL2)", sc_sll2 },
	{ "raw-ipv4", "one IPv4 connection, DLT_RAW", sc_raw_ipv4 },
	{ "raw-ipv6", "one IPv6 connection, DLT_RAW", sc_raw_ipv6 },
	{ "linktype-ipv4", "one IPv4 connection, DLT_IPV4", sc_linktype_ipv4 },
	{ "linktype-ipv6", "one IPv6 connection, DLT_IPV6", sc_linktype_ipv6 },
	{ "null-le", "DLT_NULL little-endian: IPv4, IPv6 (AF 24), IPv6 (AF 30)", sc_null_le },
	{ "null-be", "DLT_NULL big-endian: IPv4, IPv6 (AF 10)", sc_null_be },
	{ "loop", "one IPv4 connection, DLT_LOOP", sc_loop },
	{ "ipv6", "two IPv6 connections over Ethernet", sc_ipv6 },
	{ "ipv6-ext-headers", "IPv6 connection with hop-by-hop, routing, dest-options, fragment headers", sc_ipv6_ext_headers },
	{ "ipv6-fragment", "IPv6 UDP datagram in two fragments", sc_ipv6_fragment },
	{ "ipv4-options", "connection with 8 bytes of IPv4 options on every packet", sc_ipv4_options },
	{ "ipv4-malformed-option", "a 32-byte IPv4 header with a security option of length 2 (malformed to Wireshark) on the server's response", sc_ipv4_malformed_option },
	{ "ipv4-fragments", "2000-byte TCP segment in two IPv4 fragments, plus a normal connection", sc_ipv4_fragments },
	{ "padding", "connection with short frames padded to 60 bytes", sc_padding },
	{ "trailers", "connection with 1..46-byte trailers after the IP datagram", sc_trailers },
	{ "snaplen-64", "1400-byte segments captured with snaplen 64", sc_snaplen_64 },
	{ "big-download", "3,250,000,000 bytes downloaded in 65,000-byte segments, snaplen 64", sc_big_download },
	{ "tso-zero-length", "3000-byte segments with IPv4 total length 0 and IPv6 payload length 0", sc_tso_zero_length },
	{ "ip-length-too-big", "IPv4 total length 1500 with 100 bytes of IP, plus a connection", sc_ip_length_too_big },
	{ "ip-length-too-small", "IPv4 total length 10, plus a connection", sc_ip_length_too_small },
	{ "tcp-bad-offset", "TCP data offset 3 and 15 (too short), plus a connection", sc_tcp_bad_offset },
	{ "truncated-headers", "frames cut in the Ethernet, IPv4 and TCP headers, plus a connection", sc_truncated_headers },
	{ "truncated-file", "file cut in the middle of the 5th packet", sc_truncated_file },
	{ "nanosecond", "connection in a nanosecond-precision file", sc_nanosecond },
	{ "unsupported-linktype", "two IEEE 802.11 frames (DLT_IEEE802_11)", sc_unsupported_linktype },
	{ "non-ip", "ARP and ICMP echo, plus a connection", sc_non_ip },
	{ "pcapng-two-interfaces", "pcapng: Ethernet (us) and SLL (ns, snaplen 128) interfaces, a connection on each", sc_ng_two_interfaces },
	{ "pcapng-sections", "pcapng: a little-endian section, then a big-endian one (raw IP, 2^-20 s, offset -3600 s)", sc_ng_sections },
	{ "pcapng-simple-and-obsolete-blocks", "pcapng: a connection in Simple Packet Blocks, one in obsolete Packet Blocks", sc_ng_simple_and_obsolete_blocks },
	{ "pcapng-unsupported-interface", "pcapng: IEEE 802.11 frames on one interface, a connection on an Ethernet one", sc_ng_unsupported_interface },
	{ "icmp-error-tcp", "connection plus ICMP port unreachable quoting an unseen TCP SYN", sc_icmp_error_tcp },
	{ "dns-a-aaaa", "A and AAAA queries answered (AAAA via CNAME)", sc_dns_a_aaaa },
	{ "dns-retry", "query retried after 2 s with the same id, then answered", sc_dns_retry },
	{ "time-past-2038", "pcap seconds past 2^31: a DNS answer across 2038-01-19, a response 40 s late, a connection at 2208988800", sc_time_past_2038 },
	{ "dns-unanswered", "one query never answered, one answered after 40 s", sc_dns_unanswered },
	{ "dns-time-backwards", "a packet 40 s after a query times it out before its response (stamped 1 s after) comes", sc_dns_time_backwards },
	{ "dns-nxdomain", "query answered with NXDOMAIN", sc_dns_nxdomain },
	{ "dns-compressed", "response with pointer chains; query whose 2nd question uses a pointer", sc_dns_compressed },
	{ "dns-pointer-loop", "question names that point at themselves or at each other", sc_dns_pointer_loop },
	{ "dns-label-past-end", "question label longer than the rest of the message", sc_dns_label_past_end },
	{ "dns-escapes", "query names with '.', '\\', space, tab, newline, 0xff, uppercase", sc_dns_escapes },
	{ "dns-garbage", "UDP to port 53 with 3, 0, 11 and 5 bytes of payload (the last with QR set)", sc_dns_garbage },
	{ "dns-tcp", "DNS over TCP, second query split across two segments", sc_dns_tcp },
	{ "dns-ipv6", "A and AAAA queries over IPv6", sc_dns_ipv6 },
	{ "dns-vlan", "DNS query and response under an 802.1Q tag", sc_dns_vlan },
	{ "dns-qr-set", "six messages with QR set to port 53 from one port; a query between two port-53 servers", sc_dns_qr_set },
	{ "dns-tcp-split-header", "DNS over TCP: the length and 5 header bytes, then the rest, both ways", sc_dns_tcp_split_header },
	{ "sample", "a host browsing: DNS, HTTP, HTTPS, IPv6, every kind of close", sc_sample },
	{ "bench", "N connections (-n, default 50), 64 at a time, every close style, DNS, trailers, snaplen 128", sc_bench },
	{ "dns-flood", "N DNS queries (-n, default 100), 1 ms apart, never answered", sc_dns_flood },
	{ "colliding-tuples", "N connections (-n, default 100) whose ports move together", sc_colliding_tuples },
	{ "dns-syn-flood", "N SYNs (-n, default 100) on one 4-tuple to port 53, each with a new ISN", sc_dns_syn_flood },
	{ "dns-tcp-many", "N short DNS-over-TCP connections (-n, default 100), one query each", sc_dns_tcp_many },
};

#define NSCENARIOS (sizeof scenarios / sizeof scenarios[0])

static void usage(FILE *f)
{
	fputs("usage: pcapgen -l                    list scenarios\n"
	      "       pcapgen [-n N] SCENARIO FILE  write one scenario to FILE ('-' = stdout)\n"
	      "       pcapgen -a DIR                write every scenario to DIR/NAME.pcap (pcapng-*: .pcapng)\n"
	      "  -n N  the size of the scaled scenarios (bench, dns-flood, colliding-tuples,\n"
	      "        dns-syn-flood, dns-tcp-many)\n", f);
}

/*
 * Writes a scenario to path: straight into the file, cut afterwards when
 * the scenario asks for it; to standard output through memory, so that
 * it can be cut there too.
 */
static int write_scenario(const struct scenario *s, const char *path)
{
	struct writer w;
	char *buf = NULL;
	size_t size = 0, n;
	int to_stdout = strcmp(path, "-") == 0, bad;

	memset(&w, 0, sizeof w);
	w.cut = -1;
	w.out = to_stdout ? open_memstream(&buf, &size) : fopen(path, "wb");
	if (!w.out) {
		fprintf(stderr, "pcapgen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	s->fn(&w);
	if (w.ng) {
		bad = fclose(w.out) != 0;
	} else {
		bad = pcap_dump_flush(w.d) != 0;
		pcap_dump_close(w.d);	/* also closes the stream */
		pcap_close(w.p);
	}
	if (!to_stdout) {
		if (!bad && w.cut >= 0)
			bad = truncate(path, w.cut) != 0;
	} else {
		n = w.cut >= 0 && (size_t)w.cut < size ? (size_t)w.cut : size;
		bad = fwrite(buf, 1, n, stdout) != n || fflush(stdout) != 0;
		free(buf);
	}
	if (bad) {
		fprintf(stderr, "pcapgen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "-l") == 0) {
		for (size_t i = 0; i < NSCENARIOS; i++)
			printf("%s\t%s\n", scenarios[i].name, scenarios[i].desc);
		if (fflush(stdout) != 0) {
			fprintf(stderr, "pcapgen: stdout: %s\n", strerror(errno));
			return 1;
		}
		return 0;
	}
	if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "-a") == 0) {
		char path[4096];
		int rc = 0;

		if (mkdir(argv[2], 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "pcapgen: %s: %s\n", argv[2], strerror(errno));
			return 1;
		}
		for (size_t i = 0; i < NSCENARIOS; i++) {
			/* pcapng scenarios are named so: NAME.pcapng */
			snprintf(path, sizeof path, "%s/%s.pcap%s", argv[2], scenarios[i].name,
			    strncmp(scenarios[i].name, "pcapng-", 7) == 0 ? "ng" : "");
			if (write_scenario(&scenarios[i], path) != 0)
				rc = 1;
		}
		return rc;
	}
	if (argc == 5 && strcmp(argv[1], "-n") == 0) {
		char *end;

		scale = strtoul(argv[2], &end, 10);
		if (*end != '\0' || scale == 0) {
			usage(stderr);
			return 2;
		}
		argc -= 2;
		argv += 2;
	}
	if (argc == 3 && argv[1][0] != '-') {
		for (size_t i = 0; i < NSCENARIOS; i++)
			if (strcmp(argv[1], scenarios[i].name) == 0)
				return write_scenario(&scenarios[i], argv[2]) == 0 ? 0 : 1;
		fprintf(stderr, "pcapgen: unknown scenario '%s' (pcapgen -l lists them)\n", argv[1]);
		return 2;
	}
	usage(stderr);
	return 2;
}
