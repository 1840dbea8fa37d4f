/*
 * dnsstreams.c: the TCP connections to or from port 53 that can still
 * carry a DNS message, each with the framing of its two directions.
 *
 * A connection is found by its two endpoints, either way round (pcapdns
 * numbers no connections).  It is kept while it can carry a message: it
 * is forgotten when it is reset, when both sides have sent a FIN, or when
 * nothing came for the idle time; a SYN with a new initial sequence
 * number starts it over (the 4-tuple used again).  A packet without
 * payload or SYN starts nothing.  At most PT_DNS_STREAMS_MAX are kept: a
 * new one beyond that pushes out the one idle longest.  A list by last
 * activity finds the idle ones at its head.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

/* A packet's endpoints as a connection holds them. */
struct key {
	const uint8_t *addr[2];
	uint16_t port[2];
	uint8_t ipver;
};

/* Which endpoint sent pkt: 0 if its source sorts first. */
static unsigned
sender(const struct pt_packet *pkt)
{
	int c = memcmp(pkt->src, pkt->dst, pkt->ipver == 4 ? 4 : 16);

	return c > 0 || (c == 0 && pkt->sport > pkt->dport);
}

static struct key
key_of(const struct pt_packet *pkt, unsigned from)
{
	struct key k;

	k.addr[from] = pkt->src;
	k.addr[!from] = pkt->dst;
	k.port[from] = pkt->sport;
	k.port[!from] = pkt->dport;
	k.ipver = pkt->ipver;
	return k;
}

static uint32_t
key_hash(const struct pt_dnsstreams *t, const struct key *k)
{
	size_t alen = k->ipver == 4 ? 4 : 16, n = alen / 2;
	uint32_t w[10];

	memcpy(w, k->addr[0], alen);
	memcpy(w + alen / 4, k->addr[1], alen);
	w[n] = (uint32_t)k->port[0] << 16 | k->port[1];
	w[n + 1] = k->ipver;
	return pt_index_hash(&t->index, w, n + 2);
}

static bool
key_equal(const struct pt_dnsstream *s, const struct key *k)
{
	size_t alen = k->ipver == 4 ? 4 : 16;

	return s->ipver == k->ipver && s->port[0] == k->port[0] &&
	    s->port[1] == k->port[1] &&
	    memcmp(s->addr[0], k->addr[0], alen) == 0 &&
	    memcmp(s->addr[1], k->addr[1], alen) == 0;
}

/* The slot of k's connection in the index, or the empty slot for it. */
static size_t
find(const struct pt_dnsstreams *t, const struct key *k, uint32_t hash)
{
	const struct pt_index *ix = &t->index;
	size_t i;

	PT_INDEX_PROBE(ix, hash, i)
		if (ix->slots[i].hash == hash &&
		    key_equal(&t->s[ix->slots[i].value - 1], k))
			break;
	return i;
}

void
pt_dnsstreams_init(struct pt_dnsstreams *t, int64_t idle_ns)
{
	memset(t, 0, sizeof *t);
	pt_index_init(&t->index);
	t->idle_ns = idle_ns;
}

void
pt_dnsstreams_free(struct pt_dnsstreams *t)
{
	free(t->s);
	pt_index_free(&t->index);
	memset(t, 0, sizeof *t);
}

static void
unlink_conn(struct pt_dnsstreams *t, uint32_t id)
{
	struct pt_dnsstream *s = &t->s[id];

	if (s->older)
		t->s[s->older - 1].newer = s->newer;
	else
		t->oldest = s->newer;
	if (s->newer)
		t->s[s->newer - 1].older = s->older;
	else
		t->newest = s->older;
}

static void
push_newest(struct pt_dnsstreams *t, uint32_t id)
{
	struct pt_dnsstream *s = &t->s[id];

	s->older = t->newest;
	s->newer = 0;
	if (t->newest)
		t->s[t->newest - 1].newer = id + 1;
	else
		t->oldest = id + 1;
	t->newest = id + 1;
}

static void
forget(struct pt_dnsstreams *t, uint32_t id)
{
	struct pt_dnsstream *s = &t->s[id];
	struct key k = { { s->addr[0], s->addr[1] }, { s->port[0],
	    s->port[1] }, s->ipver };

	pt_index_delete(&t->index, find(t, &k, key_hash(t, &k)));
	unlink_conn(t, id);
	s->newer = t->free;
	t->free = id + 1;
	t->live--;
}

/* Whether a connection last active at last is idle at now. */
static bool
idle(const struct pt_dnsstreams *t, const struct pt_time *last,
    const struct pt_time *now)
{
	return pt_time_waited(last, now, t->idle_ns);
}

/* A free slot for a new connection. */
static uint32_t
take_slot(struct pt_dnsstreams *t)
{
	uint32_t id;

	if (t->free) {
		id = t->free - 1;
		t->free = t->s[id].newer;
		return id;
	}
	if (t->n == t->cap) {	/* needed now: the first, or memory short */
		t->s = pt_xreallocarray(t->s, t->cap ? 2 * t->cap : 64,
		    sizeof *t->s);
		t->cap = t->cap ? 2 * t->cap : 64;
	}
	/* Room for the next, before it comes (array.c says why). */
	if (++t->n == t->cap && t->cap < PT_DNS_STREAMS_MAX) {
		size_t cap = t->cap;	/* at most PT_DNS_STREAMS_MAX */

		t->s = pt_grow_ahead(t->s, &cap, sizeof *t->s);
		t->cap = (uint32_t)cap;
	}
	return t->n - 1;
}

/* The connection of key k, new: the index slot i is where it goes. */
static uint32_t
open_conn(struct pt_dnsstreams *t, const struct key *k, uint32_t hash,
    size_t i)
{
	struct pt_dnsstream *s;
	size_t alen = k->ipver == 4 ? 4 : 16;
	uint32_t id;

	if (t->live == PT_DNS_STREAMS_MAX) {
		forget(t, t->oldest - 1);
		t->dropped++;
		i = find(t, k, hash);	/* the delete may move slots */
	}
	id = take_slot(t);
	s = &t->s[id];
	memset(s, 0, sizeof *s);
	memcpy(s->addr[0], k->addr[0], alen);
	memcpy(s->addr[1], k->addr[1], alen);
	s->port[0] = k->port[0];
	s->port[1] = k->port[1];
	s->ipver = k->ipver;
	pt_index_put(&t->index, i, hash, id + 1);
	push_newest(t, id);
	t->live++;
	return id;
}

void
pt_dnsstreams_segment(struct pt_dnsstreams *t, const struct pt_packet *pkt,
    pt_dnstcp_fn *fn, void *ctx)
{
	unsigned from = sender(pkt), bit = 1u << from;
	struct key k = key_of(pkt, from);
	uint32_t hash, id;
	struct pt_dnsstream *s;
	size_t i;

	while (t->oldest && idle(t, &t->s[t->oldest - 1].last, &pkt->ts))
		forget(t, t->oldest - 1);
	hash = key_hash(t, &k);
	i = find(t, &k, hash);
	if (t->index.slots[i].value) {
		id = (uint32_t)t->index.slots[i].value - 1;
		unlink_conn(t, id);
		push_newest(t, id);
	} else if (pkt->payload_len > 0 || (pkt->tcpflags & PT_SYN)) {
		id = open_conn(t, &k, hash, i);
	} else {
		return;			/* nothing to read, nothing to keep */
	}
	s = &t->s[id];
	s->last = pkt->ts;
	if ((pkt->tcpflags & PT_SYN) &&
	    (!(s->have_isn & bit) || s->isn[from] != pkt->seq)) {
		/* A new connection (a SYN), or a new answer to one. */
		if (!(pkt->tcpflags & PT_ACK)) {
			memset(s->dir, 0, sizeof s->dir);
			s->fins = s->have_isn = 0;
		} else {
			memset(&s->dir[from], 0, sizeof s->dir[from]);
			s->fins &= ~bit;
		}
		s->have_isn |= bit;
		s->isn[from] = pkt->seq;
	}
	pt_dnstcp_segment(&s->dir[from], pkt, fn, ctx);
	if (pkt->tcpflags & PT_FIN)
		s->fins |= bit;
	if ((pkt->tcpflags & PT_RST) || s->fins == 3)
		forget(t, id);
}
