/*
 * dnsmatch.c: DNS queries waiting for their responses, in query order.
 *
 * Queries are kept in a ring in capture order, so they come out in the
 * order they were made.  A response matches the earliest unanswered query
 * with the same protocol, client address and port, server address and
 * transaction id, seen before it; an index from that key to the chain of
 * its unanswered queries (oldest first) finds it.  A query unanswered for
 * longer than the timeout is forgotten: it can no longer be answered and
 * leaves the ring when its turn comes.  So memory holds the queries of one
 * timeout's worth of capture, and at most PT_DNS_PENDING_MAX of them.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"
#include "siphash.h"

struct pt_dnsslot {
	uint32_t hash;
	uint64_t first;		/* the oldest unanswered query + 1; 0: empty */
	uint64_t last;		/* the newest one + 1 */
};

static struct pt_dns_query *
query_at(const struct pt_dnsmatch *m, uint64_t n)
{
	return &m->ring[n & (m->cap - 1)];
}

void
pt_dnsmatch_init(struct pt_dnsmatch *m, int64_t timeout_ns)
{
	memset(m, 0, sizeof *m);
	m->cap = 256;
	m->ring = pt_xreallocarray(NULL, m->cap, sizeof *m->ring);
	m->mask = 255;
	m->slots = pt_xreallocarray(NULL, m->mask + 1, sizeof *m->slots);
	memset(m->slots, 0, (m->mask + 1) * sizeof *m->slots);
	pt_random_key(m->key);
	m->timeout_ns = timeout_ns;
}

void
pt_dnsmatch_free(struct pt_dnsmatch *m)
{
	free(m->ring);
	free(m->slots);
	memset(m, 0, sizeof *m);
}

/* The key of a query: who asked whom, how, with which id. */
static uint32_t
key_hash(const struct pt_dnsmatch *m, uint8_t proto, uint8_t ipver,
    const uint8_t *client, uint16_t cport, const uint8_t *server,
    uint16_t id)
{
	size_t alen = ipver == 4 ? 4 : 16, n = 0;
	uint8_t key[38];

	key[n++] = proto;
	memcpy(key + n, client, alen);
	n += alen;
	memcpy(key + n, server, alen);
	n += alen;
	key[n++] = cport >> 8;
	key[n++] = cport & 0xff;
	key[n++] = id >> 8;
	key[n++] = id & 0xff;
	return (uint32_t)siphash(m->key, key, n, 1, 3);
}

static bool
key_equal(const struct pt_dns_query *q, uint8_t proto, uint8_t ipver,
    const uint8_t *client, uint16_t cport, const uint8_t *server,
    uint16_t id)
{
	size_t alen = ipver == 4 ? 4 : 16;

	return q->proto == proto && q->ipver == ipver && q->cport == cport &&
	    q->dns.id == id && memcmp(q->client, client, alen) == 0 &&
	    memcmp(q->server, server, alen) == 0;
}

static struct pt_dnsslot *
find_slot(const struct pt_dnsmatch *m, uint32_t hash, uint8_t proto,
    uint8_t ipver, const uint8_t *client, uint16_t cport,
    const uint8_t *server, uint16_t id)
{
	size_t i;

	for (i = hash & m->mask; m->slots[i].first; i = (i + 1) & m->mask)
		if (m->slots[i].hash == hash && key_equal(query_at(m,
		    m->slots[i].first - 1), proto, ipver, client, cport,
		    server, id))
			return &m->slots[i];
	return &m->slots[i];	/* the empty slot where it would go */
}

static void
grow_slots(struct pt_dnsmatch *m)
{
	struct pt_dnsslot *old = m->slots;
	size_t n = m->mask + 1, i, j;

	m->mask = 2 * n - 1;
	m->slots = pt_xreallocarray(NULL, m->mask + 1, sizeof *m->slots);
	memset(m->slots, 0, (m->mask + 1) * sizeof *m->slots);
	for (i = 0; i < n; i++) {
		if (old[i].first == 0)
			continue;
		for (j = old[i].hash & m->mask; m->slots[j].first;
		    j = (j + 1) & m->mask)
			;
		m->slots[j] = old[i];
	}
	free(old);
}

/* Empties slot i, moving later slots of its probe run back into place. */
static void
delete_slot(struct pt_dnsmatch *m, size_t i)
{
	size_t j = i, home;

	for (;;) {
		j = (j + 1) & m->mask;
		if (m->slots[j].first == 0)
			break;
		home = m->slots[j].hash & m->mask;
		/* Slot j may move to i unless its home lies in (i, j]. */
		if (i < j ? (home <= i || home > j) : (home <= i && home > j)) {
			m->slots[i] = m->slots[j];
			i = j;
		}
	}
	m->slots[i].first = 0;
	m->used--;
}

/* Takes the oldest query off its key's chain. */
static void
unchain(struct pt_dnsmatch *m, struct pt_dnsslot *slot)
{
	struct pt_dns_query *q = query_at(m, slot->first - 1);

	slot->first = q->next_same;
	q->waiting = false;
	if (slot->first == 0)
		delete_slot(m, (size_t)(slot - m->slots));
}

static void
grow_ring(struct pt_dnsmatch *m)
{
	struct pt_dns_query *old = m->ring;
	size_t oldcap = m->cap;
	uint64_t n;

	m->cap *= 2;
	m->ring = pt_xreallocarray(NULL, m->cap, sizeof *m->ring);
	for (n = m->head; n < m->tail; n++)
		m->ring[n & (m->cap - 1)] = old[n & (oldcap - 1)];
	free(old);
}

bool
pt_dnsmatch_full(const struct pt_dnsmatch *m)
{
	return m->tail - m->head >= PT_DNS_PENDING_MAX;
}

void
pt_dnsmatch_query(struct pt_dnsmatch *m, const struct pt_packet *pkt,
    const struct pt_dns *dns)
{
	struct pt_dns_query *q;
	struct pt_dnsslot *slot;
	uint32_t hash;

	if (m->tail - m->head == m->cap)
		grow_ring(m);
	q = query_at(m, m->tail);
	memset(q, 0, offsetof(struct pt_dns_query, dns));
	q->frame = pkt->frame;
	q->ts = pkt->ts;
	q->ipver = pkt->ipver;
	q->proto = pkt->proto;
	memcpy(q->client, pkt->src, 16);
	memcpy(q->server, pkt->dst, 16);
	q->cport = pkt->sport;
	q->sport = pkt->dport;
	q->dns = *dns;
	if (dns->have & PT_DNS_ID) {
		/* Only a query with an id can be answered. */
		hash = key_hash(m, q->proto, q->ipver, q->client, q->cport,
		    q->server, dns->id);
		slot = find_slot(m, hash, q->proto, q->ipver, q->client,
		    q->cport, q->server, dns->id);
		if (slot->first) {
			query_at(m, slot->last - 1)->next_same = m->tail + 1;
		} else {
			slot->hash = hash;
			slot->first = m->tail + 1;
			m->used++;
		}
		slot->last = m->tail + 1;
		q->waiting = true;
	}
	m->tail++;
	if (m->used > (m->mask + 1) / 2)
		grow_slots(m);
}

/* Whether query q, unanswered, has waited longer than the timeout. */
static bool
expired(const struct pt_dnsmatch *m, const struct pt_dns_query *q,
    const struct pt_time *now)
{
	int64_t waited = (now->sec - q->ts.sec) * 1000000000 +
	    ((int64_t)now->nsec - q->ts.nsec);

	return waited > m->timeout_ns;
}

bool
pt_dnsmatch_response(struct pt_dnsmatch *m, const struct pt_packet *pkt,
    const struct pt_dns *dns)
{
	struct pt_dns_query *q;
	struct pt_dnsslot *slot;
	uint32_t hash;

	if (!(dns->have & PT_DNS_ID))
		return false;
	hash = key_hash(m, pkt->proto, pkt->ipver, pkt->dst, pkt->dport,
	    pkt->src, dns->id);
	slot = find_slot(m, hash, pkt->proto, pkt->ipver, pkt->dst,
	    pkt->dport, pkt->src, dns->id);
	/* Queries that waited too long are forgotten: not answerable. */
	while (slot->first && expired(m, query_at(m, slot->first - 1),
	    &pkt->ts)) {
		unchain(m, slot);
		slot = find_slot(m, hash, pkt->proto, pkt->ipver, pkt->dst,
		    pkt->dport, pkt->src, dns->id);
	}
	if (slot->first == 0)
		return false;
	q = query_at(m, slot->first - 1);
	unchain(m, slot);
	q->answered = true;
	q->answer_ts = pkt->ts;
	q->rcode = (dns->have & PT_DNS_FLAGS) ? dns->flags & 0x000f : 0;
	q->have_rcode = (dns->have & PT_DNS_FLAGS) != 0;
	q->answers = dns->ancount;
	q->have_answers = (dns->have & PT_DNS_COUNTS) != 0;
	return true;
}

const struct pt_dns_query *
pt_dnsmatch_ready(const struct pt_dnsmatch *m, const struct pt_time *now)
{
	const struct pt_dns_query *q;

	if (m->head == m->tail)
		return NULL;
	q = query_at(m, m->head);
	if (q->answered || now == NULL || !q->waiting || expired(m, q, now))
		return q;
	return NULL;
}

void
pt_dnsmatch_pop(struct pt_dnsmatch *m)
{
	struct pt_dns_query *q = query_at(m, m->head);

	/* Still waiting: it is the oldest, so the head of its chain. */
	if (q->waiting)
		unchain(m, find_slot(m, key_hash(m, q->proto, q->ipver,
		    q->client, q->cport, q->server, q->dns.id), q->proto,
		    q->ipver, q->client, q->cport, q->server, q->dns.id));
	m->head++;
}
