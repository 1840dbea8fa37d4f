/*
 * pcaptally.h: the one public header of libpcaptally, the decode library
 * that every pcaptally program links.
 *
 *   capture files -> input (read, filter, number frames)
 *                 -> decode (link, IP, TCP/UDP headers, bounds-checked)
 *                 -> conntab (TCP connections numbered like tcp.stream)
 *                 -> output (buffered, checked tab-separated lines)
 */
#ifndef PCAPTALLY_H
#define PCAPTALLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "message.h"

/* ---- time ---------------------------------------------------------- */

/* sec is the floor: -1.25 s is held as -2 s and 750000000 ns. */
struct pt_time {
	int64_t sec;
	uint32_t nsec;		/* 0 to 999999999 */
};

/* a - b, saturated: at most INT64_MAX s, at least INT64_MIN s (ptime.c) */
struct pt_time pt_time_sub(const struct pt_time *a, const struct pt_time *b);
/* Whether more than ns (0 or more) nanoseconds passed from since to now. */
bool pt_time_waited(const struct pt_time *since, const struct pt_time *now,
    int64_t ns);
/* < 0, 0 or > 0 as a is before, at or after b. */
int pt_time_cmp(const struct pt_time *a, const struct pt_time *b);

/* ---- one decoded frame (decode.c, link.c, ip.c, transport.c) ------- */

enum pt_tcp_flag {
	PT_FIN = 0x01,
	PT_SYN = 0x02,
	PT_RST = 0x04,
	PT_PSH = 0x08,
	PT_ACK = 0x10,
	PT_URG = 0x20,
	PT_ECE = 0x40,
	PT_CWR = 0x80,
};

struct pt_packet {
	uint64_t frame;		/* from 1, continuing across input files */
	struct pt_time ts;
	uint32_t wirelen;	/* original length on the wire (frame.len) */
	uint32_t caplen;	/* bytes captured */

	uint8_t ipver;		/* 4 or 6 */
	uint8_t proto;		/* IPPROTO_TCP or IPPROTO_UDP */
	bool first_fragment;	/* more fragments of this datagram follow */
	uint8_t tcpflags;	/* enum pt_tcp_flag bits */
	uint8_t src[16];	/* IPv4 addresses: the first 4 bytes only */
	uint8_t dst[16];
	uint16_t sport;
	uint16_t dport;
	uint32_t seq;		/* TCP only */
	uint32_t ack;

	/*
	 * Payload length from the IP total length (IPv6 payload length),
	 * never from the frame: padding and trailers do not count, and a
	 * short snaplen does not shorten it.  For a first fragment, the
	 * payload carried in this fragment.
	 */
	uint32_t payload_len;
	const uint8_t *payload;	/* the captured part of the payload */
	uint32_t payload_caplen; /* <= payload_len */
};

/*
 * What decoding a frame found.  PT_DECODED: a TCP or UDP packet, all of
 * struct pt_packet is set.  Then frames we do not decode further, which
 * are not errors; then damaged frames, truncated (the capture ends inside
 * a header) apart from invalid (a field that cannot be right).
 */
enum pt_verdict {
	PT_DECODED,
	PT_NOT_IP,
	PT_NOT_TCP_UDP,
	PT_FRAGMENT,
	PT_NOT_LINKTYPE,	/* an interface of a link type not decoded */
	PT_NOT_PACKET,		/* a pcapng custom block or journal entry */
	PT_TRUNC_LINK,
	PT_TRUNC_IPV4,
	PT_TRUNC_IPV6,
	PT_TRUNC_TCP,
	PT_TRUNC_UDP,
	PT_BAD_SHORT_FRAME,
	PT_BAD_IP_VERSION,
	PT_BAD_IPV4_HLEN,
	PT_BAD_IPV4_LEN,
	PT_BAD_IPV6_LEN,
	PT_BAD_IPV6_EXT,
	PT_BAD_TCP_HLEN,
	PT_BAD_UDP_LEN,
	PT_VERDICTS
};

#define PT_FIRST_DAMAGED PT_TRUNC_LINK

/* A short description of a verdict, for -v. */
const char *pt_verdict_text(enum pt_verdict v);

/* Whether pt_decode() knows the link type (a DLT_ value). */
bool pt_linktype_supported(int dlt);

/*
 * Decodes one frame of link type dlt: caplen bytes captured of an
 * original wirelen.  Fills pkt's network and transport fields (not frame,
 * ts, which the caller owns).  Reads nothing outside bytes[0, caplen).
 */
enum pt_verdict pt_decode(int dlt, const uint8_t *bytes, uint32_t caplen,
    uint32_t wirelen, struct pt_packet *pkt);

/* ---- a progress line on a terminal (progress.c) --------------------- */

#define PT_PROGRESS_EVERY 8192	/* packets between looks at the clock */

struct pt_progress {
	bool on;
	bool shown;
	int countdown;		/* packets until the next look at the clock */
	const char *name;
	uint64_t size;
	double start, last, interval;
};

/* On when wanted, standard error is a terminal and fd a regular file. */
void pt_progress_start(struct pt_progress *pr, bool wanted, const char *name,
    int fd);
/*
 * Redraws the line if it is time: called every PT_PROGRESS_EVERY packets,
 * with the bytes of the file read so far.
 */
void pt_progress_draw(struct pt_progress *pr, uint64_t packets,
    uint64_t pos);
/* Erases the line. */
void pt_progress_end(struct pt_progress *pr);

/* ---- reading captures (input.h, input.c) ---------------------------- */

#include "input.h"

/* ---- the hash index under the lookup tables (index.c) -------------- */

struct pt_slot {
	uint32_t hash;		/* of the key; also picks the bucket */
	uint64_t value;		/* 0: an empty slot */
};

/* The most 32-bit words a key may have. */
#define PT_INDEX_WORDS 12

struct pt_index {
	struct pt_slot *slots;
	size_t mask;		/* slots - 1: a power of two, less one */
	size_t used;
	uint64_t key[PT_INDEX_WORDS + 1];	/* random: the hash is keyed */
};

void pt_index_init(struct pt_index *ix);
/* The same, or false (memory short) when there is no memory for it. */
bool pt_index_try_init(struct pt_index *ix);
void pt_index_free(struct pt_index *ix);
/*
 * The hash of a key of n (at most PT_INDEX_WORDS) 32-bit words: the top
 * half of key[0] + key[1] words[0] + ... (mod 2^64), index.c says why.
 * Inline: it runs for every packet.
 */
static inline uint32_t
pt_index_hash(const struct pt_index *ix, const uint32_t *words, size_t n)
{
	uint64_t sum = ix->key[0];
	size_t i;

	for (i = 0; i < n; i++)
		sum += ix->key[i + 1] * words[i];
	return (uint32_t)(sum >> 32);
}
/*
 * A key's probe run: from slot (hash & mask), one slot on each time,
 * until an empty slot; the caller compares keys.
 */
#define PT_INDEX_PROBE(ix, hash, i) \
	for ((i) = (hash) & (ix)->mask; (ix)->slots[i].value; \
	    (i) = ((i) + 1) & (ix)->mask)
/* Fills the empty slot i where a probe ended; may move every slot. */
void pt_index_put(struct pt_index *ix, size_t i, uint32_t hash,
    uint64_t value);
/* Empties slot i; may move the slots after it. */
void pt_index_delete(struct pt_index *ix, size_t i);

/* ---- TCP connections (conntab.c) ----------------------------------- */

enum pt_dir { PT_UP = 0, PT_DOWN = 1 };	/* client to server, and back */

/*
 * How the roles were found: the order is the strength of the evidence.
 * PT_INIT_MID: no SYN or SYN/ACK in the connection; the roles are
 * inferred at the end of the input from the whole capture (roles.c).
 */
enum pt_init { PT_INIT_MID, PT_INIT_SYNACK, PT_INIT_SYN };

/* What a connection shows of its roles besides its handshake. */
enum pt_seen {
	PT_SEEN_REUSED = 0x01,	/* not the first connection of its 4-tuple */
	/* Its first packet is a RST answering a SYN (RST/ACK, sequence 0). */
	PT_SEEN_RST_ANSWER_UP = 0x02,
	PT_SEEN_RST_ANSWER_DOWN = 0x04,
	/*
	 * Kept for partial records (--partial): a SYN/ACK went this way
	 * while the base was set (or set it).
	 */
	PT_SEEN_SYNACK_UP = 0x08,
	PT_SEEN_SYNACK_DOWN = 0x10,
};

struct pt_conn_dir {
	uint64_t pkts;
	uint32_t base_seq;	/* Wireshark's base sequence number */
	bool base_set;
};

/*
 * One TCP connection.  A flat record without pointers: per-file partial
 * results can be written out and merged later.
 */
struct pt_conn {
	/* What every packet reads or writes comes first, in few cache lines. */
	uint8_t client[16];
	uint8_t server[16];
	uint16_t cport;
	uint16_t sport;
	uint8_t ipver;
	uint8_t init;		/* enum pt_init */
	/*
	 * client, server and dir[] hold the roles as first guessed (the
	 * lower port is the server's); flip says that the guess was wrong:
	 * read the roles through PT_OUT_CONN_ENDPOINTS() and pt_conn_dir().
	 */
	uint8_t flip;
	uint8_t seen;		/* enum pt_seen bits */
	struct pt_conn_dir dir[2];	/* [PT_UP], [PT_DOWN] as first guessed */
	struct pt_time last;
	struct pt_time first;	/* written once */
};

/*
 * The first packet of a segment of a partial record (pcaptally.h's
 * pt_conntab cut): what the merge needs to decide, as the single pass
 * did at that packet, whether the segment opens a new connection.
 */
struct pt_lead {
	uint32_t seq;
	uint32_t ack;
	uint8_t tcpflags;
	uint8_t dir;		/* enum pt_dir, in the segment's entry */
	bool first_fragment;
};

/* log2 of the number of recently seen connections cached. */
#define PT_RECENT_BITS 12

struct pt_conntab {
	struct pt_conn *conns;	/* indexed by connection id */
	size_t nconns;
	size_t cap;
	struct pt_index index;	/* 4-tuple to its newest connection's id + 1 */
	/*
	 * The newest connection (id + 1; 0: none) of a 4-tuple seen lately,
	 * by a cheap hash of the tuple: most packets find their connection
	 * here, without the keyed hash and a probe of a large index.  Only
	 * a shortcut: the index says the same.
	 */
	uint32_t recent[1 << PT_RECENT_BITS];
	/*
	 * For partial records: every SYN without ACK of a known 4-tuple
	 * opens a new entry, a segment whose fate (a new connection or
	 * the same one) is decided by the merge (partial.c).
	 */
	bool cut;
	struct pt_lead *leads;	/* with cut: each entry's first packet */
	size_t leads_cap;
};

void pt_conntab_init(struct pt_conntab *t);
void pt_conntab_free(struct pt_conntab *t);

/* pt_conntab_track(), the whole way: every packet the inline way leaves. */
size_t pt_conntab_track_any(struct pt_conntab *t,
    const struct pt_packet *pkt, enum pt_dir *dir);

/*
 * The recent-connection slot of a 4-tuple whose addresses XOR to x, the
 * same both ways: multiply-shift of the addresses' and the ports' XORs
 * side by side.
 */
static inline size_t
pt_conntab_slot(uint32_t x, const struct pt_packet *pkt)
{
	return ((uint64_t)x << 16 | (uint16_t)(pkt->sport ^ pkt->dport)) *
	    UINT64_C(0x9e3779b97f4a7c15) >> (64 - PT_RECENT_BITS);
}

/* The slot of an IPv4 4-tuple. */
static inline size_t
pt_conntab_slot4(const struct pt_packet *pkt)
{
	uint32_t a, b;

	memcpy(&a, pkt->src, 4);
	memcpy(&b, pkt->dst, 4);
	return pt_conntab_slot(a ^ b, pkt);
}

/*
 * Whether an IPv4 packet belongs to c's 4-tuple (c->ipver 4); *dir says
 * which way.  The endpoints side by side in a word each way, the other
 * way the same word rotated, compared without a branch: which way the
 * next packet goes is a coin toss to the branch predictor.
 */
static inline bool
pt_conn_same4(const struct pt_conn *c, const struct pt_packet *pkt,
    enum pt_dir *dir)
{
	uint32_t cc, cs, pc, ps, cports, pports;
	uint64_t caddr, paddr, up, down;

	memcpy(&cc, c->client, 4);
	memcpy(&cs, c->server, 4);
	memcpy(&pc, pkt->src, 4);
	memcpy(&ps, pkt->dst, 4);
	caddr = (uint64_t)cc << 32 | cs;
	paddr = (uint64_t)pc << 32 | ps;
	cports = (uint32_t)c->cport << 16 | c->sport;
	pports = (uint32_t)pkt->sport << 16 | pkt->dport;
	up = (caddr ^ paddr) | (cports ^ pports);
	down = (caddr ^ (paddr << 32 | paddr >> 32)) |
	    (cports ^ (pports << 16 | pports >> 16));
	*dir = up == 0 ? PT_UP : PT_DOWN;
	/* One of them 0, said as one value: compilers branch on "||". */
	return (up < down ? up : down) == 0;
}

/*
 * Finds the connection of a TCP packet, opening a new one when the
 * 4-tuple is new or reused (a SYN with a new sequence number), and counts
 * the packet in it.  Returns its id; *dir is the packet's direction.
 *
 * Inline, the way most packets take: IPv4, the cached connection, no
 * SYN, both base sequence numbers set; then all there is to do is count
 * the packet and keep its time, and no SYN reuses the tuple.  That way
 * alone is pt_conntab_track_recent(): the id + 1 of a packet it counted,
 * or 0 for one that is left to pt_conntab_track_any(), so that a caller
 * can keep the whole way apart.
 */
static inline size_t
pt_conntab_track_recent(struct pt_conntab *t, const struct pt_packet *pkt,
    enum pt_dir *dir)
{
	struct pt_conn *c;
	enum pt_dir d;
	uint32_t id;

	if (__builtin_expect(pkt->ipver == 4, 1) &&
	    (id = t->recent[pt_conntab_slot4(pkt)]) != 0) {
		c = &t->conns[id - 1];
		if (c->ipver == 4 && pt_conn_same4(c, pkt, &d) &&
		    __builtin_expect(!(pkt->tcpflags & PT_SYN) &&
		    c->dir[PT_UP].base_set && c->dir[PT_DOWN].base_set, 1)) {
			*dir = d;
			c->dir[d].pkts++;
			/* Field by field: they were stored so. */
			c->last.sec = pkt->ts.sec;
			c->last.nsec = pkt->ts.nsec;
			return id;
		}
	}
	return 0;
}

static inline size_t
pt_conntab_track(struct pt_conntab *t, const struct pt_packet *pkt,
    enum pt_dir *dir)
{
	size_t id = pt_conntab_track_recent(t, pkt, dir);

	return id != 0 ? id - 1 : pt_conntab_track_any(t, pkt, dir);
}

const char *pt_init_name(enum pt_init init);

/*
 * Folds a segment of a partial record into t, as one pass over its
 * packets would have counted them: seg is the entry the segment's
 * packets made in a table of their own (t->cut), lead its first packet.
 * A SYN without ACK with a new number opens a new connection, as does a
 * new 4-tuple; otherwise the segment joins the 4-tuple's connection,
 * its counts added, its bases and roles applied as conn_update would.
 * Returns the connection's id; *swapped says that the segment's
 * directions are the other way round in it.
 */
size_t pt_conntab_fold(struct pt_conntab *t, const struct pt_conn *seg,
    const struct pt_packet *lead, bool *swapped);

/*
 * A direction as the programs print it (PT_UP: from the client) from one
 * of the table (a packet's *dir, an index of dir[]), and back.
 */
static inline enum pt_dir
pt_conn_dir(const struct pt_conn *c, enum pt_dir dir)
{
	return (enum pt_dir)(dir ^ c->flip);
}

/* ---- roles without a handshake (roles.c) --------------------------- */

/*
 * Decides, at the end of the input, the roles of every connection that
 * had no SYN or SYN/ACK (init mid), from what the whole capture shows;
 * sets their flip.  Once, after the last packet.
 */
void pt_roles_decide(struct pt_conntab *t);

/* Whether a port is a well-known or common service port (roles.c). */
bool pt_port_is_service(uint16_t port);
/* Whether a port is in an ephemeral (client) port range (roles.c). */
bool pt_port_is_ephemeral(uint16_t port);

/* Random words for keyed hashes (hashkey.c). */
void pt_random_words(uint64_t *words, size_t n);

/* ---- per-connection records (array.c) ------------------------------ */

/* A growing array of flat records, indexed by connection id. */
struct pt_array {
	void *items;
	size_t n;		/* records reached so far */
	size_t cap;
	size_t size;		/* of one record */
};

#define PT_ARRAY_INIT(type) { NULL, 0, 0, sizeof(type) }

/* Record i, zeroed when new; the array grows to hold it. */
void *pt_array_grow(struct pt_array *a, size_t i);

/* The largest record pt_array_get() can stand in for. */
#define PT_ARRAY_RECORD_MAX 256

/*
 * Record i to read (printing): a record of zeros if it was never reached,
 * as when memory ran out in the packet that opened it.  No allocation.
 */
const void *pt_array_get(const struct pt_array *a, size_t i);

static inline void *
pt_array_at(struct pt_array *a, size_t i)
{
	if (i < a->n)	/* every packet but a connection's first */
		return (char *)a->items + i * a->size;
	return pt_array_grow(a, i);
}
void pt_array_free(struct pt_array *a);

/*
 * realloc(p, n * size), or NULL with pt_memory_short set: for growing
 * ahead of need, when the reader can still stop after the packet.
 */
void *pt_try_reallocarray(void *p, size_t n, size_t size);
/*
 * realloc(p, n * size) of memory needed at once: on failure, jumps to
 * *pt_oom_jump while a file is read, else a message and exit 1.
 */
void *pt_xreallocarray(void *p, size_t n, size_t size);
/*
 * items (*cap of size bytes, all in use) with room for twice as many,
 * *cap doubled; or, if memory is short, items as they were (and
 * pt_memory_short set).  So a table grows before it is needed.
 */
void *pt_grow_ahead(void *items, size_t *cap, size_t size);
/* A growth ahead of need failed: the reader stops after this packet. */
extern bool pt_memory_short;
/* Set by the reader: where a failed allocation needed at once goes. */
extern jmp_buf *pt_oom_jump;

/* ---- who closed a connection (closing.c) --------------------------- */

enum pt_how { PT_HOW_NONE, PT_HOW_FIN, PT_HOW_RST };

struct pt_closing {
	struct pt_time when;	/* of the first packet with FIN or RST */
	uint8_t closer;		/* enum pt_dir of that packet */
	uint8_t how;		/* enum pt_how of that packet */
	uint8_t fins;		/* bit 1 << dir: that side sent a FIN */
	bool reset;		/* a RST was seen, not one that refused */
	/* Refused connects (closing.c): */
	uint8_t syns;		/* bit 1 << dir: that side sent a SYN */
	bool accepted;		/* a packet with ACK and without RST was seen */
	bool refused;		/* how, closer, when: of a refusing RST */
};

void pt_closing_track(struct pt_closing *c, const struct pt_packet *pkt,
    enum pt_dir dir);
/*
 * For partial records: the few packets of a segment (conntab.c, cut)
 * that can change a closing state, whatever that state was before the
 * segment; replayed through pt_closing_track(), in order, onto any such
 * state, they change it as all the segment's packets would (closing.c).
 */
#define PT_CLOSING_EVENTS 10
struct pt_closing_events {
	struct pt_time ts[PT_CLOSING_EVENTS];
	uint8_t dir[PT_CLOSING_EVENTS];
	uint8_t flags[PT_CLOSING_EVENTS];	/* SYN, ACK, FIN, RST only */
	uint8_t n;
	uint16_t seen;		/* the kinds of event kept (closing.c) */
};

void pt_closing_note(struct pt_closing_events *e,
    const struct pt_packet *pkt, enum pt_dir dir);
/* "fin", "rst" or "-" */
const char *pt_closing_how(const struct pt_closing *c);
/* "refused", "closed", "half", "reset" or "open" */
const char *pt_closing_state(const struct pt_closing *c);

/* ---- records waiting for the end of the input (spill.c) ----------- */

/* Bytes of records held in memory; the rest wait in a temporary file. */
#define PT_SPILL_BYTES (4u << 20)

struct pt_spill {
	char *buf;
	size_t size;		/* of one record */
	size_t n, cap;		/* records in buf, and room */
	uint64_t pushed;	/* records queued in all */
	FILE *fp;		/* the spilled records, before those in buf */
};

typedef void pt_spill_fn(void *ctx, const void *rec);

void pt_spill_init(struct pt_spill *s, size_t size);
/* Queues a record; a temporary file that fails is a message and exit 1. */
void pt_spill_push(struct pt_spill *s, const void *rec);
/* Calls fn for every record, in the order queued, and empties the queue. */
void pt_spill_drain(struct pt_spill *s, pt_spill_fn *fn, void *ctx);
void pt_spill_free(struct pt_spill *s);

/* ---- distinct bytes of sequence space (seqspace.c) ----------------- */

#define PT_SEQ_HOLES 4

/* One direction of a connection. */
struct pt_seqspace {
	uint64_t bytes;		/* distinct bytes seen */
	uint32_t low;		/* where the space starts: after the SYN, or
				   the lowest byte seen */
	uint32_t high;		/* one past the highest byte seen */
	bool started;
	uint8_t nholes;
	struct {
		uint32_t start, end;
	} holes[PT_SEQ_HOLES];	/* unseen ranges below high, lowest first */
	/* To 64 bytes: a connection's two are found by a shift (-u). */
	uint32_t spare[3];
};
_Static_assert(sizeof(struct pt_seqspace) == 64, "pt_seqspace: 64 bytes");

/* A SYN: the space starts at seq (one past the SYN's), if not yet begun. */
void pt_seqspace_start(struct pt_seqspace *s, uint32_t seq);
/* pt_seqspace_add(), the whole way: every segment the inline way leaves. */
uint64_t pt_seqspace_add_any(struct pt_seqspace *s, uint32_t seq,
    uint32_t len);

/* The farthest a segment may lie from high, and be long (seqspace.c). */
#define PT_SEQ_FAR (1u << 30)

/*
 * Adds the len bytes from seq; returns how many were not seen before.
 * Inline, the way most segments take: the next bytes in order, at high,
 * no hole below it, and high stays within PT_SEQ_FAR of low (so seq is
 * not below low, and nothing falls too far behind).  A segment without
 * data at high (an ACK) goes the same way and changes nothing: asking
 * first whether it has data is a coin toss to the predictor.
 */
static inline uint64_t
pt_seqspace_add(struct pt_seqspace *s, uint32_t seq, uint32_t len)
{
	if (__builtin_expect(s->started && seq == s->high && s->nholes == 0 &&
	    (uint64_t)(uint32_t)(seq - s->low) + len <= PT_SEQ_FAR, 1)) {
		s->high = seq + len;
		s->bytes += len;
		return len;
	}
	return pt_seqspace_add_any(s, seq, len);
}

/* ---- DNS messages (dns.c, dnstext.c) ------------------------------- */

#define PT_DNS_NAME_MAX 255

enum pt_dns_have {		/* what could be read */
	PT_DNS_ID = 0x01,
	PT_DNS_FLAGS = 0x02,
	PT_DNS_COUNTS = 0x04,	/* the whole 12-byte header */
	PT_DNS_QNAME = 0x08,	/* the first question's name, well formed */
	PT_DNS_QTYPE = 0x10,
};

/* The header and first question of a DNS message. */
struct pt_dns {
	uint8_t have;		/* enum pt_dns_have bits */
	uint16_t id;
	uint16_t flags;		/* QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE */
	uint16_t qdcount;
	uint16_t ancount;
	uint16_t qtype;
	uint8_t qname_len;	/* bytes of qname */
	/* The name's labels, each after its length byte, without the root. */
	uint8_t qname[PT_DNS_NAME_MAX];
};

/* Reads what it can of the len bytes of a DNS message at msg. */
void pt_dns_parse(const uint8_t *msg, uint32_t len, struct pt_dns *d);
bool pt_dns_is_response(const struct pt_dns *d);

/* Room for a name in presentation format: 255 bytes, each as \DDD. */
#define PT_DNS_NAME_TEXT (4 * PT_DNS_NAME_MAX + 1)
#define PT_DNS_CODE_TEXT 16

/*
 * Writes a name (labels as in struct pt_dns) in presentation format,
 * escaped so it never holds a tab or a newline; returns its length.
 */
size_t pt_dns_name_text(const uint8_t *name, size_t len,
    char out[PT_DNS_NAME_TEXT]);
/* A type's mnemonic ("AAAA"), or "TYPEn" written into buf. */
const char *pt_dns_type_text(uint16_t type, char buf[PT_DNS_CODE_TEXT]);
/* A response code's name ("NXDOMAIN"), or "RCODEn" written into buf. */
const char *pt_dns_rcode_text(unsigned rcode, char buf[PT_DNS_CODE_TEXT]);

/* ---- DNS queries waiting for responses (dnsmatch.c) ---------------- */

/* At most this many queries wait at once; then the oldest goes out. */
#define PT_DNS_PENDING_MAX (1 << 20)
/* And at most this many bytes of their names. */
#define PT_DNS_NAMES_MAX (1 << 25)

/*
 * One query.  Its name is not here but in the ring of names, in query
 * order and by its length (most names are short): the record stays small.
 */
struct pt_dns_query {
	uint64_t frame;
	struct pt_time ts;
	struct pt_time answer_ts;
	uint64_t next_same;	/* next waiting query of its key, + 1 */
	uint64_t last_same;	/* in the first of a key: its last, + 1 */
	uint8_t client[16];
	uint8_t server[16];
	uint16_t cport;
	uint16_t sport;
	uint16_t id;		/* of the query, as its have says */
	uint16_t qtype;
	uint16_t answers;	/* the response's answer count */
	uint8_t have;		/* enum pt_dns_have bits of the query */
	uint8_t qname_len;	/* bytes of its name in the ring of names */
	uint8_t ipver;
	uint8_t proto;		/* IPPROTO_UDP or IPPROTO_TCP */
	uint8_t rcode;
	bool waiting;		/* can still be answered */
	bool answered;
	bool have_rcode;
	bool have_answers;
};

struct pt_dnsmatch {
	struct pt_dns_query *ring;	/* queries in capture order */
	size_t cap;			/* a power of two */
	uint64_t head;			/* number of the oldest query kept */
	uint64_t tail;			/* number of the next query */
	uint8_t *names;			/* their names, one after the other */
	size_t names_cap;		/* a power of two */
	uint64_t names_head;		/* where the oldest query's name starts */
	uint64_t names_tail;
	struct pt_index index;		/* key to its oldest waiting query + 1 */
	int64_t timeout_ns;
};

void pt_dnsmatch_init(struct pt_dnsmatch *m, int64_t timeout_ns);
void pt_dnsmatch_free(struct pt_dnsmatch *m);
/*
 * Whether the query dns would pass a cap (PT_DNS_PENDING_MAX queries,
 * PT_DNS_NAMES_MAX bytes of names): pop the oldest before adding it.
 */
bool pt_dnsmatch_full(const struct pt_dnsmatch *m, const struct pt_dns *dns);
/* A query from pkt (its sender is the client). */
void pt_dnsmatch_query(struct pt_dnsmatch *m, const struct pt_packet *pkt,
    const struct pt_dns *dns);
/* A response from pkt: whether it answered a waiting query. */
bool pt_dnsmatch_response(struct pt_dnsmatch *m, const struct pt_packet *pkt,
    const struct pt_dns *dns);
/*
 * The oldest query, if its line can be printed at time now: answered,
 * or waiting no longer (the timeout passed), or the end (now is NULL).
 */
const struct pt_dns_query *pt_dnsmatch_ready(const struct pt_dnsmatch *m,
    const struct pt_time *now);
/*
 * The name of the oldest query (its qname_len bytes): in the ring, or
 * copied into buf where the ring wraps.
 */
const uint8_t *pt_dnsmatch_qname(const struct pt_dnsmatch *m,
    uint8_t buf[PT_DNS_NAME_MAX]);
/* Forgets the oldest query. */
void pt_dnsmatch_pop(struct pt_dnsmatch *m);

/* ---- DNS over TCP (dnstcp.c) --------------------------------------- */

/*
 * The most of a message's start gathered across segments before it is
 * read: its header and a first question with the longest name.
 */
#define PT_DNSTCP_GATHER (12 + PT_DNS_NAME_MAX + 4)

/* One direction of a TCP connection carrying DNS. */
struct pt_dnstcp {
	uint32_t next;		/* sequence number of the next byte to read */
	uint16_t len;		/* of the message being read */
	uint16_t done;		/* bytes of it read */
	uint16_t got;		/* bytes of its start gathered in buf */
	uint8_t state;
	bool synced;
	uint8_t buf[PT_DNSTCP_GATHER];
};

/*
 * Called with the first caplen bytes of each message that starts: its
 * first PT_DNSTCP_GATHER bytes (all of it, if shorter) or as many of
 * them as came in order; at the segment where they were complete.
 */
typedef void pt_dnstcp_fn(void *ctx, const struct pt_packet *pkt,
    const uint8_t *msg, uint32_t caplen);

void pt_dnstcp_segment(struct pt_dnstcp *s, const struct pt_packet *pkt,
    pt_dnstcp_fn *fn, void *ctx);

/* ---- TCP connections that can carry DNS (dnsstreams.c) ------------- */

/* At most this many connections are kept; then the one idle longest goes. */
#define PT_DNS_STREAMS_MAX (1 << 16)

struct pt_dnsstream {
	uint8_t addr[2][16];	/* its endpoints, the one that sorts first first */
	uint16_t port[2];
	uint8_t ipver;
	uint8_t fins;		/* bit 1 << endpoint: it sent a FIN */
	uint8_t have_isn;	/* bit 1 << endpoint: its SYN was seen */
	uint32_t isn[2];
	uint32_t older;		/* neighbours by last activity, + 1 */
	uint32_t newer;		/* (a free slot: the next free one) */
	struct pt_time last;
	struct pt_dnstcp dir[2];	/* from endpoint 0, from endpoint 1 */
};

struct pt_dnsstreams {
	struct pt_dnsstream *s;	/* slots */
	uint32_t n;		/* slots ever used */
	uint32_t cap;		/* slots allocated */
	uint32_t free;		/* first free slot + 1 */
	uint32_t oldest;	/* slot + 1 of the one idle longest */
	uint32_t newest;
	uint32_t live;		/* connections kept */
	struct pt_index index;	/* endpoints to slot + 1 */
	int64_t idle_ns;
	uint64_t dropped;	/* pushed out by the cap, not closed or idle */
};

/* Connections idle for longer than idle_ns are forgotten. */
void pt_dnsstreams_init(struct pt_dnsstreams *t, int64_t idle_ns);
void pt_dnsstreams_free(struct pt_dnsstreams *t);
/* A TCP segment to or from port 53: fn gets its messages' starts. */
void pt_dnsstreams_segment(struct pt_dnsstreams *t,
    const struct pt_packet *pkt, pt_dnstcp_fn *fn, void *ctx);

/* ---- output (output.c) --------------------------------------------- */

/*
 * Standard output, fully buffered; a write error is remembered and
 * reported by pt_out_close().
 */
void pt_out_bytes(const void *p, size_t n);
/*
 * For a line written in one go: room for n bytes (where they go), then
 * the end of what was written there.  Inline, as a line of pcapsmall
 * takes them: the buffer's bytes pt_out_buf[0, pt_out_used) are
 * output.c's, and only these two write to it from outside.
 */
#define PT_OUT_BUFFER (1 << 16)
extern char pt_out_buf[PT_OUT_BUFFER];
extern size_t pt_out_used;
char *pt_out_reserve_slow(size_t n);

static inline char *
pt_out_reserve(size_t n)
{
	if (__builtin_expect(PT_OUT_BUFFER - pt_out_used >= n, 1))
		return pt_out_buf + pt_out_used;
	return pt_out_reserve_slow(n);
}

static inline void
pt_out_commit(char *end)
{
	pt_out_used = (size_t)(end - pt_out_buf);
}
/* Formatting into such room: each returns the end of what it wrote. */
#define PT_FMT_U64 20
#define PT_FMT_TIME 32

/*
 * Numbers, inline: a line of pcapsmall has five.  Two digits at a time
 * from a table; 32-bit arithmetic once the value fits, which is cheaper.
 */
extern const char pt_digit_pairs[201];

/* Writes v in exactly width digits (zero-padded) ending at end. */
static inline void
pt_fill_digits(char *end, uint64_t v, int width)
{
	uint32_t v32;

	for (; v > UINT32_MAX; width -= 2) {
		memcpy(end -= 2, pt_digit_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	for (v32 = (uint32_t)v; width >= 2; width -= 2) {
		memcpy(end -= 2, pt_digit_pairs + 2 * (v32 % 100), 2);
		v32 /= 100;
	}
	if (width)
		*--end = (char)('0' + v32 % 10);
}

extern const uint64_t pt_powers_of_10[20];

/*
 * The digits of v: log10 from the bit length (1233 / 4096 is just over
 * log10(2)), one less when v is below that power of ten.  No loop.  v | 1
 * counts 0 as one digit and changes no other count: powers of ten from
 * 10 on are even.
 */
static inline int
pt_count_digits(uint64_t v)
{
	uint64_t x = v | 1;
	int t = (64 - __builtin_clzll(x)) * 1233 >> 12;

	return t - (x < pt_powers_of_10[t]) + 1;
}

/*
 * Writes within PT_FMT_U64 bytes of p, past the digits too (what
 * follows is written over them): the room reserved for a number.
 */
static inline __attribute__((always_inline)) char *
pt_fmt_u64(char *p, uint64_t v)
{
	uint32_t v32, hi, lo;
	uint16_t d[4];
	uint64_t w;
	int n;

	/* Lengths, flags, ids: mostly one or two digits. */
	if (v < 10) {
		*p = (char)('0' + v);
		return p + 1;
	}
	if (v < 100) {
		memcpy(p, pt_digit_pairs + 2 * v, 2);
		return p + 2;
	}
	/* Ids, ports: two pairs, the first digit dropped when it is 0. */
	if (v < 10000) {
		v32 = (uint32_t)v;
		n = 3 + (v32 >= 1000);
		memcpy(&d[0], pt_digit_pairs + 2 * (v32 / 100), 2);
		memcpy(&d[1], pt_digit_pairs + 2 * (v32 % 100), 2);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		hi = ((uint32_t)d[0] << 16 | d[1]) << 8 * (4 - n);
#else
		hi = ((uint32_t)d[1] << 16 | d[0]) >> 8 * (4 - n);
#endif
		memcpy(p, &hi, 4);
		return p + n;
	}
	/* Ports, the ids of a large capture: a digit and two pairs. */
	if (v < 100000) {
		v32 = (uint32_t)v;
		lo = v32 % 10000;
		*p = (char)('0' + v32 / 10000);
		memcpy(p + 1, pt_digit_pairs + 2 * (lo / 100), 2);
		memcpy(p + 3, pt_digit_pairs + 2 * (lo % 100), 2);
		return p + 5;
	}
	n = pt_count_digits(v);
	if (v >= 100000000) {
		pt_fill_digits(p + n, v, n);
		return p + n;
	}
	/* Frame numbers, ids: 8 digits with leading zeros, without a loop,
	 * then shifted so that the first digit leads; all 8 bytes written. */
	v32 = (uint32_t)v;
	hi = v32 / 10000;
	lo = v32 % 10000;
	memcpy(&d[0], pt_digit_pairs + 2 * (hi / 100), 2);
	memcpy(&d[1], pt_digit_pairs + 2 * (hi % 100), 2);
	memcpy(&d[2], pt_digit_pairs + 2 * (lo / 100), 2);
	memcpy(&d[3], pt_digit_pairs + 2 * (lo % 100), 2);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = (uint64_t)d[0] << 48 | (uint64_t)d[1] << 32 |
	    (uint64_t)d[2] << 16 | d[3];
	w <<= 8 * (8 - n);
#else
	w = (uint64_t)d[3] << 48 | (uint64_t)d[2] << 32 |
	    (uint64_t)d[1] << 16 | d[0];
	w >>= 8 * (8 - n);
#endif
	memcpy(p, &w, 8);
	return p + n;
}
/*
 * A number that rises a little from one line to the next (pcapsmall's
 * frame numbers), its digits kept: a rise that leaves all but the last
 * two digits as they were rewrites those two from the table; any other
 * value is written whole.  Zeroed, it holds no value yet.
 */
struct pt_fmt_counter {
	uint64_t v;
	uint32_t last2;		/* v % 100 */
	int n;			/* digits in digits[]; 0: none yet */
	char digits[PT_FMT_U64];
};

/* c set to v, written whole (output.c). */
void pt_fmt_counter_set(struct pt_fmt_counter *c, uint64_t v);

/*
 * v, as pt_fmt_u64() writes it, within PT_FMT_U64 bytes of p.  A rise
 * that carries past the last digit is no branch of its own: frame
 * numbers do that one line in four, a coin toss to the predictor.
 */
static inline char *
pt_fmt_counter(char *p, struct pt_fmt_counter *c, uint64_t v)
{
	uint64_t k = v - c->v;

	if (__builtin_expect(v >= c->v && k < 100 - c->last2 && c->n >= 2,
	    1)) {
		c->last2 += (uint32_t)k;
		memcpy(c->digits + c->n - 2, pt_digit_pairs + 2 * c->last2, 2);
		c->v = v;
	} else
		pt_fmt_counter_set(c, v);
	/* All of it, a fixed size: what follows is written over the rest. */
	memcpy(p, c->digits, sizeof c->digits);
	return p + c->n;
}

/* A time or a duration in seconds, with 6 or 9 decimals (truncated). */
char *pt_fmt_seconds(char *p, const struct pt_time *t, bool nsec);
/* ISO 8601 UTC, 2023-11-14T22:13:20.000000Z (seconds past year 9999). */
char *pt_fmt_iso(char *p, const struct pt_time *t, bool nsec);
/* Points in time as ISO 8601 UTC (-T). */
extern bool pt_out_iso_times;

/* A point in time: in seconds, or with -T in ISO 8601 UTC. */
static inline char *
pt_fmt_time(char *p, const struct pt_time *t, bool nsec)
{
	return pt_out_iso_times ? pt_fmt_iso(p, t, nsec) :
	    pt_fmt_seconds(p, t, nsec);
}

void pt_out_str(const char *s);
void pt_out_char(char c);
void pt_out_u64(uint64_t v);
void pt_out_time(const struct pt_time *t, bool nsec);
void pt_out_seconds(const struct pt_time *t, bool nsec);
void pt_out_addr(uint8_t ipver, const uint8_t addr[16]);
/* The first write error, or 0: read for every packet. */
extern int pt_out_errno;
/*
 * Write each line as soon as it is known (-l, or standard output is a
 * terminal): the reader calls pt_out_flush() after every packet.
 */
extern bool pt_out_line_buffered;
/* Writes the whole lines buffered so far. */
void pt_out_flush(void);

static inline bool
pt_out_failed(void)
{
	return pt_out_errno != 0;
}
/* Flushes and closes standard output; false (message printed) on error. */
bool pt_out_close(void);

/* The header line: '#' and the column names, tab-separated. */
void pt_out_header(const char *const *columns);

/*
 * An address as inet_ntop writes it, within PT_FMT_ADDR bytes (an IPv4
 * address's last number too, written as pt_fmt_u64 writes).
 */
#define PT_FMT_ADDR 46
char *pt_fmt_addr(char *p, uint8_t ipver, const uint8_t addr[16]);
/* "client\tcport\tserver\tsport", within PT_FMT_ENDPOINTS bytes. */
#define PT_FMT_ENDPOINTS (2 * PT_FMT_ADDR + 2 * PT_FMT_U64 + 3)
char *pt_fmt_endpoints(char *p, uint8_t ipver, const uint8_t *client,
    uint16_t cport, const uint8_t *server, uint16_t sport);
/* Those of a connection, its roles decided (through its flip). */
char *pt_fmt_conn_roles(char *p, const struct pt_conn *c);
void pt_out_endpoints(uint8_t ipver, const uint8_t *client, uint16_t cport,
    const uint8_t *server, uint16_t sport);
/* The same, of a connection or a query. */
#define PT_OUT_CONN_ENDPOINTS(c) \
	pt_out_endpoints((c)->ipver, (c)->client, (c)->cport, (c)->server, \
	    (c)->sport)
/* Those of a connection, its roles decided (through its flip). */
void pt_out_conn_roles(const struct pt_conn *c);

/* ---- the command line (cli.c) -------------------------------------- */

struct pt_prog {
	const char *name;
	const char *synopsis;	/* after the name, as in the man page */
	const char *summary;	/* one line: what it prints */
	const char *options;	/* its own options' lines for --help, or "" */
	const char *const *columns;
	/* The names of the fields a partial's header may hold (f and its own). */
	const char *const *option_fields;
};

struct pt_opts {
	bool header;
	bool line_buffered;	/* each line written when known (-l) */
	bool quiet;		/* no progress line */
	bool verbose;
	const char *filter;
	bool partial;		/* --partial: partial records out */
	bool merge;		/* --merge: partial records in */
};

/* The long options without a letter. */
enum { PT_OPT_PARTIAL = 0x100, PT_OPT_MERGE };

/* getopt_long strings for the options every program has. */
#define PT_COMMON_SHORTOPTS "Hf:hlqTVv"
#define PT_COMMON_LONGOPTS \
	{ "header", no_argument, NULL, 'H' }, \
	{ "filter", required_argument, NULL, 'f' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "line-buffered", no_argument, NULL, 'l' }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "iso-time", no_argument, NULL, 'T' }, \
	{ "version", no_argument, NULL, 'V' }, \
	{ "verbose", no_argument, NULL, 'v' }
/* Those of the programs that write and merge partial records. */
#define PT_PARTIAL_LONGOPTS \
	{ "partial", no_argument, NULL, PT_OPT_PARTIAL }, \
	{ "merge", no_argument, NULL, PT_OPT_MERGE }
#define PT_COMMON_OPTIONS_HELP \
	"  -H, --header           print a header line naming the columns\n" \
	"  -f, --filter=EXPR      read only packets that match the pcap " \
	"filter EXPR\n" \
	"  -h, --help             print this help and exit\n" \
	"  -l, --line-buffered    write each line as soon as it is known\n" \
	"  -q, --quiet            no progress line on a terminal\n" \
	"  -T, --iso-time         times in ISO 8601 UTC, not seconds since " \
	"the epoch\n" \
	"  -V, --version          print the version and exit\n" \
	"  -v, --verbose          count frames read and skipped, on " \
	"standard error\n"
#define PT_PARTIAL_OPTIONS_HELP \
	"      --partial          write partial records, to merge later\n" \
	"      --merge            read partial records (files named), print " \
	"the lines\n"

/* Names the program in messages (pt_progname, message.h). */
void pt_cli_init(const struct pt_prog *prog);

/* Handles a common option; exits for -h, -V and unknown options. */
void pt_cli_option(const struct pt_prog *prog, struct pt_opts *o, int opt,
    const char *arg);

/* Prints a usage line (to stderr) and exits 2. */
void pt_usage_error(const struct pt_prog *prog);

/*
 * After the options: checks the filter, reads the files (standard input
 * without any; usage when that is a terminal) and calls fn per packet.
 */
void pt_cli_read(const struct pt_prog *prog, const struct pt_opts *o,
    struct pt_input *in, int argc, char *const *argv, pt_packet_fn *fn,
    void *ctx);

/*
 * --partial and --merge, for every program: pt_cli_partial() reads the
 * files as pt_cli_read() does, after the header of the partial record
 * (m: the program and its options; -f is added); pt_cli_merge() checks
 * that the options given fit a merge and reads the partials' options
 * into m (merge.h).
 */
struct pt_merge;
void pt_cli_partial(const struct pt_prog *prog, const struct pt_opts *o,
    struct pt_merge *m, struct pt_input *in, int argc, char *const *argv,
    pt_packet_fn *fn, void *ctx);
void pt_cli_merge(const struct pt_prog *prog, const struct pt_opts *o,
    struct pt_merge *m, int argc, char *const *argv);

/*
 * Closes output, writes the -v report; returns the exit status: 0, 1
 * when some input could not be read (or memory ran out), 2 when a file's
 * link type refused the filter, 128 + the signal's number when SIGINT or
 * SIGTERM ended the reading.
 */
int pt_cli_finish(const struct pt_opts *o, struct pt_input *in);

#endif
