/*
 * conntab.c: TCP connections, numbered the way Wireshark numbers
 * tcp.stream.
 *
 * A connection is found by its two endpoints.  Its id is its index in
 * conns[], in order of first packet.  The hash index holds the newest
 * connection of each 4-tuple: when a 4-tuple is reused, the old
 * connection stays in conns[] and the index moves to the new one.
 *
 * Reuse, as Wireshark 4.0 decides it: a SYN without ACK whose sequence
 * number differs from its direction's base sequence number opens a new
 * connection.  The base of a direction is set by its first packet (the
 * SYN's sequence number, or one less than a later segment's) or, before
 * that, by the first ACK from the other side (one less than the ACK
 * number).  So a retransmitted SYN, or a refused connect retried with the
 * same ISN, stays one connection.
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
	pt_index_free(&t->index);
	memset(t, 0, sizeof *t);
}

/*
 * The 4-tuple, the lower (address, port) endpoint first, so both
 * directions give the same key.
 */
static uint32_t
tuple_hash(const struct pt_conntab *t, const struct pt_packet *pkt)
{
	size_t alen = pkt->ipver == 4 ? 4 : 16;
	const uint8_t *a = pkt->src, *b = pkt->dst;
	uint16_t pa = pkt->sport, pb = pkt->dport;
	uint8_t key[36];
	int cmp = memcmp(a, b, alen);

	if (cmp > 0 || (cmp == 0 && pa > pb)) {
		a = pkt->dst, b = pkt->src;
		pa = pkt->dport, pb = pkt->sport;
	}
	memcpy(key, a, alen);
	memcpy(key + alen, b, alen);
	key[2 * alen] = pa >> 8;
	key[2 * alen + 1] = pa & 0xff;
	key[2 * alen + 2] = pb >> 8;
	key[2 * alen + 3] = pb & 0xff;
	return pt_index_hash(&t->index, key, 2 * alen + 4);
}

/* Whether pkt belongs to c's 4-tuple; *dir says which way it goes. */
static bool
same_tuple(const struct pt_conn *c, const struct pt_packet *pkt,
    enum pt_dir *dir)
{
	size_t alen = pkt->ipver == 4 ? 4 : 16;

	if (c->ipver != pkt->ipver)
		return false;
	if (c->cport == pkt->sport && c->sport == pkt->dport &&
	    memcmp(c->client, pkt->src, alen) == 0 &&
	    memcmp(c->server, pkt->dst, alen) == 0) {
		*dir = PT_UP;
		return true;
	}
	if (c->cport == pkt->dport && c->sport == pkt->sport &&
	    memcmp(c->client, pkt->dst, alen) == 0 &&
	    memcmp(c->server, pkt->src, alen) == 0) {
		*dir = PT_DOWN;
		return true;
	}
	return false;
}

/*
 * A new connection from pkt.  Roles: the sender of a SYN is the client;
 * the sender of a SYN/ACK the server; without either, the lower port is
 * the server's, and on equal ports the receiver is the server.
 */
static size_t
conn_open(struct pt_conntab *t, const struct pt_packet *pkt, enum pt_dir *dir)
{
	uint8_t syn = pkt->tcpflags & (PT_SYN | PT_ACK);
	struct pt_conn *c;

	if (t->nconns == t->cap) {
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
		*dir = PT_DOWN;
	} else {
		c->init = PT_INIT_MID;
		*dir = pkt->sport < pkt->dport ? PT_DOWN : PT_UP;
	}
	c->ipver = pkt->ipver;
	if (*dir == PT_UP) {
		memcpy(c->client, pkt->src, 16);
		memcpy(c->server, pkt->dst, 16);
		c->cport = pkt->sport;
		c->sport = pkt->dport;
	} else {
		memcpy(c->client, pkt->dst, 16);
		memcpy(c->server, pkt->src, 16);
		c->cport = pkt->dport;
		c->sport = pkt->sport;
	}
	c->first = pkt->ts;
	return t->nconns++;
}

/* Wireshark's base sequence numbers, and the best evidence of roles. */
static void
conn_update(struct pt_conn *c, const struct pt_packet *pkt, enum pt_dir dir)
{
	struct pt_conn_dir *fwd = &c->dir[dir], *rev = &c->dir[!dir];
	uint8_t syn = pkt->tcpflags & (PT_SYN | PT_ACK);

	if (!fwd->base_set) {
		fwd->base_seq = pkt->tcpflags & PT_SYN ? pkt->seq : pkt->seq - 1;
		fwd->base_set = true;
	}
	if (!rev->base_set && (pkt->tcpflags & PT_ACK)) {
		rev->base_seq = pkt->ack - 1;
		rev->base_set = true;
	}
	/* A SYN captured after its SYN/ACK, or after the first data. */
	if (syn == PT_SYN && dir == PT_UP)
		c->init = PT_INIT_SYN;
	else if (syn == (PT_SYN | PT_ACK) && dir == PT_DOWN &&
	    c->init == PT_INIT_MID)
		c->init = PT_INIT_SYNACK;
	fwd->pkts++;
	c->last = pkt->ts;
}

size_t
pt_conntab_track(struct pt_conntab *t, const struct pt_packet *pkt,
    enum pt_dir *dir)
{
	struct pt_index *ix = &t->index;
	uint32_t hash = tuple_hash(t, pkt);
	size_t i, id;
	struct pt_conn *c;

	PT_INDEX_PROBE(ix, hash, i) {
		if (ix->slots[i].hash != hash)
			continue;
		id = ix->slots[i].value - 1;
		c = &t->conns[id];
		if (!same_tuple(c, pkt, dir))
			continue;
		if ((pkt->tcpflags & (PT_SYN | PT_ACK)) == PT_SYN &&
		    c->dir[*dir].base_set && pkt->seq != c->dir[*dir].base_seq) {
			id = conn_open(t, pkt, dir);
			ix->slots[i].value = id + 1;
		}
		conn_update(&t->conns[id], pkt, *dir);
		return id;
	}
	id = conn_open(t, pkt, dir);
	pt_index_put(ix, i, hash, id + 1);
	conn_update(&t->conns[id], pkt, *dir);
	return id;
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
