/*
 * dnsmatch.c: DNS queries waiting for their responses, in query order.
 *
 * Queries are kept in a ring in capture order, so they come out in the
 * order they were made.  A response matches the earliest unanswered query
 * with the same protocol, client address and port, server address and
 * transaction id, seen before it; an index from that key to the chain of
 * its waiting queries (oldest first) finds it.  A query unanswered for
 * longer than the timeout is forgotten: it can no longer be answered and
 * leaves the ring when its turn comes.  So memory holds the queries of one
 * timeout's worth of capture, and at most PT_DNS_PENDING_MAX of them.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

/* Who asked whom, how, with which id. */
struct key {
	uint8_t proto;
	uint8_t ipver;
	const uint8_t *client;
	uint16_t cport;
	const uint8_t *server;
	uint16_t id;
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
	pt_index_init(&m->index);
	m->timeout_ns = timeout_ns;
}

void
pt_dnsmatch_free(struct pt_dnsmatch *m)
{
	free(m->ring);
	pt_index_free(&m->index);
	memset(m, 0, sizeof *m);
}

static uint32_t
key_hash(const struct pt_dnsmatch *m, const struct key *k)
{
	size_t alen = k->ipver == 4 ? 4 : 16, n = alen / 2;
	uint32_t w[10];

	memcpy(w, k->client, alen);
	memcpy(w + alen / 4, k->server, alen);
	w[n] = (uint32_t)k->cport << 16 | k->id;
	w[n + 1] = k->proto;
	return pt_index_hash(&m->index, w, n + 2);
}

static struct key
key_of(const struct pt_dns_query *q)
{
	struct key k = { q->proto, q->ipver, q->client, q->cport, q->server,
	    q->dns.id };

	return k;
}

static bool
key_equal(const struct pt_dns_query *q, const struct key *k)
{
	size_t alen = k->ipver == 4 ? 4 : 16;

	return q->proto == k->proto && q->ipver == k->ipver &&
	    q->cport == k->cport && q->dns.id == k->id &&
	    memcmp(q->client, k->client, alen) == 0 &&
	    memcmp(q->server, k->server, alen) == 0;
}

/* The slot of k's chain, or the empty slot where it would go. */
static size_t
find(const struct pt_dnsmatch *m, const struct key *k, uint32_t hash)
{
	const struct pt_index *ix = &m->index;
	size_t i;

	PT_INDEX_PROBE(ix, hash, i)
		if (ix->slots[i].hash == hash &&
		    key_equal(query_at(m, ix->slots[i].value - 1), k))
			break;
	return i;
}

/* Takes the oldest query off the chain in slot i. */
static void
unchain(struct pt_dnsmatch *m, size_t i)
{
	struct pt_slot *slot = &m->index.slots[i];
	struct pt_dns_query *q = query_at(m, slot->value - 1);

	q->waiting = false;
	if (q->next_same == 0) {
		pt_index_delete(&m->index, i);
		return;
	}
	slot->value = q->next_same;
	query_at(m, q->next_same - 1)->last_same = q->last_same;
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
	struct key k;
	uint32_t hash;
	size_t i;

	if (m->tail - m->head == m->cap)
		grow_ring(m);
	q = query_at(m, m->tail);
	memset(q, 0, offsetof(struct pt_dns_query, dns));
	q->frame = pkt->frame;
	q->ts = pkt->ts;
	q->ipver = pkt->ipver;
	q->proto = pkt->proto;
	memcpy(q->client, pkt->src, pkt->ipver == 4 ? 4 : 16);
	memcpy(q->server, pkt->dst, pkt->ipver == 4 ? 4 : 16);
	q->cport = pkt->sport;
	q->sport = pkt->dport;
	q->dns = *dns;
	/* Only a query with an id can be answered. */
	if (dns->have & PT_DNS_ID) {
		k = key_of(q);
		hash = key_hash(m, &k);
		i = find(m, &k, hash);
		if (m->index.slots[i].value) {
			struct pt_dns_query *first = query_at(m,
			    m->index.slots[i].value - 1);

			query_at(m, first->last_same - 1)->next_same =
			    m->tail + 1;
			first->last_same = m->tail + 1;
		} else {
			q->last_same = m->tail + 1;
			pt_index_put(&m->index, i, hash, m->tail + 1);
		}
		q->waiting = true;
	}
	m->tail++;
}

/* Whether query q, unanswered, has waited longer than the timeout. */
static bool
expired(const struct pt_dnsmatch *m, const struct pt_dns_query *q,
    const struct pt_time *now)
{
	struct pt_time waited = pt_time_sub(now, &q->ts);
	int64_t sec = m->timeout_ns / 1000000000;
	uint32_t nsec = (uint32_t)(m->timeout_ns % 1000000000);

	/*
	 * Compared as seconds and nanoseconds, never multiplied: defined
	 * for every time (the difference saturates) and every timeout.
	 */
	return waited.sec > sec || (waited.sec == sec && waited.nsec > nsec);
}

bool
pt_dnsmatch_response(struct pt_dnsmatch *m, const struct pt_packet *pkt,
    const struct pt_dns *dns)
{
	struct key k = { pkt->proto, pkt->ipver, pkt->dst, pkt->dport,
	    pkt->src, dns->id };
	struct pt_dns_query *q;
	uint32_t hash;
	size_t i;

	if (!(dns->have & PT_DNS_ID))
		return false;
	hash = key_hash(m, &k);
	/* Queries that waited too long are forgotten: not answerable. */
	for (;;) {
		i = find(m, &k, hash);
		if (m->index.slots[i].value == 0)
			return false;
		q = query_at(m, m->index.slots[i].value - 1);
		unchain(m, i);
		if (!expired(m, q, &pkt->ts))
			break;
	}
	q->answered = true;
	q->answer_ts = pkt->ts;
	q->have_rcode = (dns->have & PT_DNS_FLAGS) != 0;
	q->rcode = q->have_rcode ? dns->flags & 0x000f : 0;
	q->have_answers = (dns->have & PT_DNS_COUNTS) != 0;
	q->answers = dns->ancount;
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
	struct key k;

	/* Still waiting: it is the oldest, so the first of its chain. */
	if (q->waiting) {
		k = key_of(q);
		unchain(m, find(m, &k, key_hash(m, &k)));
	}
	m->head++;
}
