/*
 * conntab.c: TCP connections, numbered the way Wireshark numbers
 * tcp.stream.
 *
 * A connection is found by its two endpoints.  Its id is its index in
 * conns[], in order of first packet.  The hash index holds the newest
 * connection of each 4-tuple: when a 4-tuple is reused, the old
 * connection stays in conns[] and the index moves to the new one.  In
 * front of the index, a small cache of recently seen 4-tuples finds most
 * packets' connections with a cheap hash and one comparison: the next
 * packet mostly belongs to one of a few hundred live connections, and
 * the keyed hash and a probe of a large index cost more (profiled with
 * cachegrind: instructions and mispredicted branches).
 *
 * Reuse, as Wireshark 4.0 decides it: a SYN without ACK whose sequence
 * number differs from its direction's base sequence number opens a new
 * connection.  The base of a direction is set by its first packet (the
 * SYN's sequence number, or one less than a later segment's) or, before
 * that, by the first ACK from the other side (one less than the ACK
 * number); a SYN/ACK with another number than its direction's base sets
 * the base to its own.  A first IP fragment sets no base (Wireshark does
 * not analyse the sequence numbers of a fragment), though as a SYN it
 * opens a new connection and as a SYN/ACK resets the base like any other.
 * So a retransmitted SYN, or a refused connect retried with the same ISN,
 * stays one connection.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

void
pt_conntab_init(struct pt_conntab *t)
{
	memset(t, 0, sizeof *t);
	pt_index_init(&t->index);
}

void
pt_conntab_free(struct pt_conntab *t)
{
	free(t->conns);
	free(t->leads);
	pt_index_free(&t->index);
	memset(t, 0, sizeof *t);
}

/* An address as native words: compared and hashed, never printed. */
static void
addr_words(const uint8_t *addr, uint8_t ipver, uint32_t *w)
{
	memcpy(w, addr, ipver == 4 ? 4 : 16);
}

/* The bits in which two addresses differ, folded: 0 when they are equal. */
static inline uint64_t
addr_diff(const uint8_t *a, const uint8_t *b, uint8_t ipver)
{
	uint64_t x[2], y[2];
	uint32_t x4, y4;

	if (ipver == 4) {
		memcpy(&x4, a, 4);
		memcpy(&y4, b, 4);
		return x4 ^ y4;
	}
	memcpy(x, a, 16);
	memcpy(y, b, 16);
	return (x[0] ^ y[0]) | (x[1] ^ y[1]);
}

/*
 * The hash of a 4-tuple, the same both ways: its two endpoints in a
 * fixed order (any total order will do), then the words hashed.
 */
static uint32_t
tuple_hash(const struct pt_conntab *t, const struct pt_packet *pkt)
{
	uint32_t w[9], a[4], b[4];
	size_t n = pkt->ipver == 4 ? 1 : 4, i;
	uint16_t pa = pkt->sport, pb = pkt->dport;
	int order = 0;

	addr_words(pkt->src, pkt->ipver, a);
	addr_words(pkt->dst, pkt->ipver, b);
	if (n == 1) {
		/* IPv4, most packets: the same, without loops. */
		if (a[0] > b[0] || (a[0] == b[0] && pa > pb)) {
			w[0] = b[0];
			w[1] = a[0];
			w[2] = (uint32_t)pb << 16 | pa;
		} else {
			w[0] = a[0];
			w[1] = b[0];
			w[2] = (uint32_t)pa << 16 | pb;
		}
		return pt_index_hash(&t->index, w, 3);
	}
	for (i = 0; i < n && order == 0; i++)
		order = a[i] < b[i] ? -1 : a[i] > b[i];
	if (order > 0 || (order == 0 && pa > pb)) {
		for (i = 0; i < n; i++) {
			w[i] = b[i];
			w[n + i] = a[i];
		}
		w[2 * n] = (uint32_t)pb << 16 | pa;
	} else {
		for (i = 0; i < n; i++) {
			w[i] = a[i];
			w[n + i] = b[i];
		}
		w[2 * n] = (uint32_t)pa << 16 | pb;
	}
	return pt_index_hash(&t->index, w, 2 * n + 1);
}

/*
 * Whether pkt belongs to c's 4-tuple; *dir says which way it goes.  Both
 * ways are compared without branches: which way the next packet goes is
 * a coin toss to the branch predictor, and a wrong guess costs more than
 * the comparisons.
 */
static inline bool
same_tuple(const struct pt_conn *c, const struct pt_packet *pkt,
    enum pt_dir *dir)
{
	uint8_t v = pkt->ipver;
	uint64_t up, down;

	if (c->ipver != v)
		return false;
	up = addr_diff(c->client, pkt->src, v) |
	    addr_diff(c->server, pkt->dst, v) |
	    (uint16_t)(c->cport ^ pkt->sport) | (uint16_t)(c->sport ^ pkt->dport);
	down = addr_diff(c->client, pkt->dst, v) |
	    addr_diff(c->server, pkt->src, v) |
	    (uint16_t)(c->cport ^ pkt->dport) | (uint16_t)(c->sport ^ pkt->sport);
	*dir = up == 0 ? PT_UP : PT_DOWN;
	/* One of them 0, said as one value: compilers branch on "||". */
	return (up < down ? up : down) == 0;
}

/* A segment's first packet, kept for its partial record. */
static void
note_lead(struct pt_conntab *t, const struct pt_packet *pkt, enum pt_dir dir)
{
	struct pt_lead *l;

	if (t->leads_cap < t->cap) {
		t->leads = pt_xreallocarray(t->leads, t->cap, sizeof *t->leads);
		t->leads_cap = t->cap;
	}
	l = &t->leads[t->nconns];
	l->seq = pkt->seq;
	l->ack = pkt->ack;
	l->tcpflags = pkt->tcpflags;
	l->dir = (uint8_t)dir;
	l->first_fragment = pkt->first_fragment;
}

/*
 * A new connection from pkt.  Roles: the sender of a SYN is the client;
 * the sender of a SYN/ACK the server; without either, a first guess (the
 * lower port is the server's, and on equal ports the receiver), which
 * roles.c checks against the whole capture at the end.
 */
static size_t
conn_open(struct pt_conntab *t, const struct pt_packet *pkt, enum pt_dir *dir)
{
	uint8_t syn = pkt->tcpflags & (PT_SYN | PT_ACK);
	struct pt_conn *c;
	size_t alen;

	if (t->nconns == t->cap) {	/* needed now: only the first time */
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->conns = pt_xreallocarray(t->conns, t->cap, sizeof *t->conns);
	}
	c = &t->conns[t->nconns];
	memset(c, 0, sizeof *c);
	if (syn == PT_SYN) {
		c->init = PT_INIT_SYN;
		*dir = PT_UP;
	} else if (syn == (PT_SYN | PT_ACK)) {
		c->init = PT_INIT_SYNACK;
		/*
		 * From the server, but from an endpoint to itself the way
		 * that every later packet of the tuple matches first: up.
		 */
		*dir = pkt->sport == pkt->dport && memcmp(pkt->src, pkt->dst,
		    pkt->ipver == 4 ? 4 : 16) == 0 ? PT_UP : PT_DOWN;
	} else {
		c->init = PT_INIT_MID;
		*dir = pkt->sport < pkt->dport ? PT_DOWN : PT_UP;
	}
	c->ipver = pkt->ipver;
	alen = pkt->ipver == 4 ? 4 : 16;	/* the rest stays zero */
	if (*dir == PT_UP) {
		memcpy(c->client, pkt->src, alen);
		memcpy(c->server, pkt->dst, alen);
		c->cport = pkt->sport;
		c->sport = pkt->dport;
	} else {
		memcpy(c->client, pkt->dst, alen);
		memcpy(c->server, pkt->src, alen);
		c->cport = pkt->dport;
		c->sport = pkt->sport;
	}
	c->first = pkt->ts;
	/* A refused connect whose SYN was not captured. */
	if ((pkt->tcpflags & (PT_SYN | PT_ACK | PT_RST | PT_FIN)) ==
	    (PT_ACK | PT_RST) && pkt->seq == 0)
		c->seen = *dir == PT_UP ? PT_SEEN_RST_ANSWER_UP :
		    PT_SEEN_RST_ANSWER_DOWN;
	if (t->cut)
		note_lead(t, pkt, *dir);
	/*
	 * Room for the next connections, before they come: if memory is
	 * short, the reader stops after this packet, which had its room.
	 */
	if (++t->nconns == t->cap)
		t->conns = pt_grow_ahead(t->conns, &t->cap, sizeof *t->conns);
	return t->nconns - 1;
}

/* Wireshark's base sequence numbers, and the best evidence of roles. */
static inline __attribute__((always_inline)) void
conn_update(struct pt_conn *c, const struct pt_packet *pkt, enum pt_dir dir)
{
	struct pt_conn_dir *fwd = &c->dir[dir], *rev = &c->dir[!dir];
	uint8_t syn = pkt->tcpflags & (PT_SYN | PT_ACK);

	/* A SYN/ACK with a new number resets its side's base, fragment or not. */
	if (syn == (PT_SYN | PT_ACK) && fwd->base_set)
		fwd->base_seq = pkt->seq;
	if (syn == (PT_SYN | PT_ACK) && (fwd->base_set || !pkt->first_fragment))
		c->seen |= dir == PT_UP ? PT_SEEN_SYNACK_UP :
		    PT_SEEN_SYNACK_DOWN;
	/* Wireshark leaves the sequence numbers of fragments unanalysed. */
	if (!pkt->first_fragment) {
		if (!fwd->base_set) {
			fwd->base_seq = pkt->tcpflags & PT_SYN ? pkt->seq :
			    pkt->seq - 1;
			fwd->base_set = true;
		}
		if (!rev->base_set && (pkt->tcpflags & PT_ACK)) {
			rev->base_seq = pkt->ack - 1;
			rev->base_set = true;
		}
	}
	/*
	 * A SYN or SYN/ACK after the first data: the connection's own
	 * handshake decides its roles.  A SYN captured after its SYN/ACK
	 * makes the evidence a SYN.
	 */
	if (pkt->tcpflags & PT_SYN) {
		if (c->init == PT_INIT_MID) {
			c->flip = (syn == PT_SYN) == (dir == PT_DOWN);
			c->init = syn == PT_SYN ? PT_INIT_SYN : PT_INIT_SYNACK;
		} else if (syn == PT_SYN && pt_conn_dir(c, dir) == PT_UP)
			c->init = PT_INIT_SYN;
	}
	fwd->pkts++;
	c->last.sec = pkt->ts.sec;
	c->last.nsec = pkt->ts.nsec;
}

/*
 * Where a segment of a partial record ends (t->cut): before every SYN
 * without ACK, whose fate only the merge can decide; before a first
 * fragment's SYN/ACK that finds no base, so that the one SYN/ACK a
 * segment's base does not show is its first packet.
 */
static __attribute__((noinline)) bool
cuts(const struct pt_conn *c, const struct pt_packet *pkt, enum pt_dir dir)
{
	uint8_t syn = pkt->tcpflags & (PT_SYN | PT_ACK);

	return syn == PT_SYN || (syn == (PT_SYN | PT_ACK) &&
	    pkt->first_fragment && !c->dir[dir].base_set);
}

/* A SYN that opens a new connection on c's 4-tuple, as Wireshark sees it. */
static bool
reuses(const struct pt_conntab *t, const struct pt_conn *c,
    const struct pt_packet *pkt, enum pt_dir dir)
{
	if (__builtin_expect(t->cut, 0))
		return cuts(c, pkt, dir);
	return (pkt->tcpflags & (PT_SYN | PT_ACK)) == PT_SYN &&
	    c->dir[dir].base_set && pkt->seq != c->dir[dir].base_seq;
}

/*
 * Where a 4-tuple's recent connection is cached: a cheap hash of the
 * tuple, the same both ways (multiply-shift of the addresses' and the
 * ports' XORs side by side).  Not keyed: a capture crafted to collide
 * here only sends its packets on to the keyed index.
 */
static inline size_t
recent_slot(const struct pt_packet *pkt)
{
	uint32_t a[4], b[4], x;

	if (pkt->ipver == 4)
		return pt_conntab_slot4(pkt);
	memcpy(a, pkt->src, 16);
	memcpy(b, pkt->dst, 16);
	x = a[0] ^ a[1] ^ a[2] ^ a[3] ^ b[0] ^ b[1] ^ b[2] ^ b[3];
	return pt_conntab_slot(x, pkt);
}

/*
 * The way few packets take: the keyed index, a new connection (for a new
 * 4-tuple or a reused one), and the cache slot set.  Out of line, so the
 * way most packets take stays short.
 */
static __attribute__((noinline)) size_t
track_indexed(struct pt_conntab *t, const struct pt_packet *pkt,
    uint32_t *recent, enum pt_dir *dir)
{
	struct pt_index *ix = &t->index;
	uint32_t hash = tuple_hash(t, pkt);
	size_t i, id;

	PT_INDEX_PROBE(ix, hash, i) {
		if (ix->slots[i].hash != hash)
			continue;
		id = ix->slots[i].value - 1;
		if (!same_tuple(&t->conns[id], pkt, dir))
			continue;
		if (reuses(t, &t->conns[id], pkt, *dir)) {
			id = conn_open(t, pkt, dir);
			t->conns[id].seen |= PT_SEEN_REUSED;
			ix->slots[i].value = id + 1;
		}
		goto found;
	}
	id = conn_open(t, pkt, dir);
	pt_index_put(ix, i, hash, id + 1);
found:
	/* Ids past 32 bits (hundreds of gigabytes of table) go uncached. */
	*recent = id < UINT32_MAX ? (uint32_t)id + 1 : 0;
	conn_update(&t->conns[id], pkt, *dir);
	return id;
}

size_t
pt_conntab_track_any(struct pt_conntab *t, const struct pt_packet *pkt,
    enum pt_dir *dir)
{
	uint32_t *recent = &t->recent[recent_slot(pkt)];
	struct pt_conn *c;

	if (*recent != 0) {
		c = &t->conns[*recent - 1];
		if (same_tuple(c, pkt, dir) && !reuses(t, c, pkt, *dir)) {
			conn_update(c, pkt, *dir);
			return *recent - 1;
		}
	}
	return track_indexed(t, pkt, recent, dir);
}

const char *
pt_init_name(enum pt_init init)
{
	switch (init) {
	case PT_INIT_SYN:
		return "syn";
	case PT_INIT_SYNACK:
		return "synack";
	default:
		return "mid";
	}
}

/* The first SYN or SYN/ACK of a segment (see pt_conntab_fold). */
static bool
first_syn(const struct pt_conn *seg, const struct pt_packet *lead,
    enum pt_dir lead_dir, uint8_t *syn, enum pt_dir *dir)
{
	*syn = lead->tcpflags & (PT_SYN | PT_ACK);
	*dir = lead_dir;
	if (*syn == PT_SYN || *syn == (PT_SYN | PT_ACK))
		return true;
	/*
	 * Opened mid-stream: a later SYN/ACK made it synack, and its flip
	 * says which way that went.  A SYN without ACK would have begun
	 * a segment of its own.
	 */
	*syn = PT_SYN | PT_ACK;
	*dir = seg->flip ? PT_UP : PT_DOWN;
	return seg->init == PT_INIT_SYNACK;
}

size_t
pt_conntab_fold(struct pt_conntab *t, const struct pt_conn *seg,
    const struct pt_packet *lead, bool *swapped)
{
	struct pt_index *ix = &t->index;
	uint32_t hash = tuple_hash(t, lead);
	enum pt_dir d = PT_UP, lead_dir = PT_UP, ld, md, syn_dir;
	struct pt_conn *cur, *c;
	size_t i, id = 0;
	uint8_t syn, seen;
	bool found = false;

	PT_INDEX_PROBE(ix, hash, i) {
		if (ix->slots[i].hash != hash)
			continue;
		id = ix->slots[i].value - 1;
		if (same_tuple(&t->conns[id], lead, &d)) {
			found = true;
			break;
		}
	}
	cur = found ? &t->conns[id] : NULL;
	if (cur == NULL || ((lead->tcpflags & (PT_SYN | PT_ACK)) == PT_SYN &&
	    cur->dir[d].base_set && lead->seq != cur->dir[d].base_seq)) {
		/* A new connection: the segment's packets made it all. */
		if (t->nconns == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 1024;
			t->conns = pt_xreallocarray(t->conns, t->cap,
			    sizeof *t->conns);
		}
		c = &t->conns[t->nconns];
		*c = *seg;
		c->seen &= PT_SEEN_RST_ANSWER_UP | PT_SEEN_RST_ANSWER_DOWN;
		if (cur != NULL) {
			c->seen |= PT_SEEN_REUSED;
			ix->slots[i].value = t->nconns + 1;
		} else
			pt_index_put(ix, i, hash, t->nconns + 1);
		*swapped = false;
		if (++t->nconns == t->cap)
			t->conns = pt_grow_ahead(t->conns, &t->cap,
			    sizeof *t->conns);
		return t->nconns - 1;
	}
	/* The segment's directions in the connection's. */
	*swapped = seg->cport != cur->cport ||
	    memcmp(seg->client, cur->client, sizeof seg->client) != 0;
	(void)same_tuple(seg, lead, &lead_dir);
	for (ld = PT_UP; ld <= PT_DOWN; ld++) {
		md = (enum pt_dir)(ld ^ *swapped);
		cur->dir[md].pkts += seg->dir[ld].pkts;
		if (!cur->dir[md].base_set) {
			/* As the segment's packets set it, from nothing. */
			cur->dir[md].base_set = seg->dir[ld].base_set;
			cur->dir[md].base_seq = seg->dir[ld].base_seq;
			continue;
		}
		/* A set base changes only by a SYN/ACK: the last one. */
		seen = ld == PT_UP ? PT_SEEN_SYNACK_UP : PT_SEEN_SYNACK_DOWN;
		if (seg->seen & seen)
			cur->dir[md].base_seq = seg->dir[ld].base_seq;
		else if ((lead->tcpflags & (PT_SYN | PT_ACK)) ==
		    (PT_SYN | PT_ACK) && lead_dir == ld)
			cur->dir[md].base_seq = lead->seq;
	}
	if (first_syn(seg, lead, lead_dir, &syn, &syn_dir)) {
		md = (enum pt_dir)(syn_dir ^ *swapped);
		if (cur->init == PT_INIT_MID) {
			cur->flip = (syn == PT_SYN) == (md == PT_DOWN);
			cur->init = syn == PT_SYN ? PT_INIT_SYN :
			    PT_INIT_SYNACK;
		} else if (syn == PT_SYN && pt_conn_dir(cur, md) == PT_UP)
			cur->init = PT_INIT_SYN;
	}
	cur->last = seg->last;
	return id;
}
