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
 *
 * Names go into a second ring, of bytes, in the same order, each taking
 * its length: a query's record stays small, and only the oldest query's
 * name is ever read (to print it), at the head of that ring.  It holds at
 * most PT_DNS_NAMES_MAX bytes.  Both rings grow by doubling in place.
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
	m->names_cap = 4096;
	m->names = pt_xreallocarray(NULL, m->names_cap, 1);
	pt_index_init(&m->index);
	m->timeout_ns = timeout_ns;
}

void
pt_dnsmatch_free(struct pt_dnsmatch *m)
{
	free(m->ring);
	free(m->names);
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
	    q->id };

	return k;
}

static bool
key_equal(const struct pt_dns_query *q, const struct key *k)
{
	size_t alen = k->ipver == 4 ? 4 : 16;

	return q->proto == k->proto && q->ipver == k->ipver &&
	    q->cport == k->cport && q->id == k->id &&
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

/*
 * Doubles a ring of cap items of size bytes that holds items head to
 * tail - 1 (item n at n mod cap), in place: realloc (which moves large
 * blocks without copying them), then the items whose number has the cap
 * bit set, one run of them, move up by cap.  Ahead of need (ahead), a
 * failure returns NULL, the ring as it was, and memory is short: the
 * reader stops after this packet (array.c).
 */
static void *
ring_double(void *ring, size_t cap, size_t size, uint64_t head,
    uint64_t tail, bool ahead)
{
	char *r = ahead ? pt_try_reallocarray(ring, 2 * cap, size) :
	    pt_xreallocarray(ring, 2 * cap, size);
	uint64_t edge = (head | (cap - 1)) + 1, lo, hi;

	if (r == NULL)
		return NULL;

	if (head & cap) {
		lo = head;
		hi = edge < tail ? edge : tail;
	} else {
		lo = edge;
		hi = tail;
	}
	if (lo < hi)
		memmove(r + ((lo & (cap - 1)) + cap) * size,
		    r + (lo & (cap - 1)) * size, (hi - lo) * size);
	return r;
}

static size_t
name_len(const struct pt_dns *dns)
{
	return dns->have & PT_DNS_QNAME ? dns->qname_len : 0;
}

bool
pt_dnsmatch_full(const struct pt_dnsmatch *m, const struct pt_dns *dns)
{
	return m->tail - m->head >= PT_DNS_PENDING_MAX ||
	    m->names_tail - m->names_head + name_len(dns) > PT_DNS_NAMES_MAX;
}

/* Puts a name of len bytes at the tail of the ring of names. */
static void
put_name(struct pt_dnsmatch *m, const uint8_t *name, size_t len)
{
	size_t at, first;

	uint8_t *names;

	while (m->names_tail - m->names_head + len > m->names_cap) {
		m->names = ring_double(m->names, m->names_cap, 1,
		    m->names_head, m->names_tail, false);
		m->names_cap *= 2;
	}
	at = m->names_tail & (m->names_cap - 1);
	first = len < m->names_cap - at ? len : m->names_cap - at;
	memcpy(m->names + at, name, first);
	memcpy(m->names, name + first, len - first);
	m->names_tail += len;
	/* Room for the next name, the longest, before it comes. */
	if (m->names_tail - m->names_head + PT_DNS_NAME_MAX > m->names_cap &&
	    m->names_cap < PT_DNS_NAMES_MAX && (names = ring_double(m->names, m->names_cap, 1, m->names_head,
	    m->names_tail, true)) != NULL) {
		m->names = names;
		m->names_cap *= 2;
	}
}

const uint8_t *
pt_dnsmatch_qname(const struct pt_dnsmatch *m, uint8_t buf[PT_DNS_NAME_MAX])
{
	size_t at = m->names_head & (m->names_cap - 1), first;
	size_t len = query_at(m, m->head)->qname_len;

	if (len <= m->names_cap - at)
		return m->names + at;
	first = m->names_cap - at;
	memcpy(buf, m->names + at, first);
	memcpy(buf + first, m->names, len - first);
	return buf;
}

void
pt_dnsmatch_query(struct pt_dnsmatch *m, const struct pt_packet *pkt,
    const struct pt_dns *dns)
{
	struct pt_dns_query *q, *ring;
	struct key k;
	uint32_t hash;
	size_t i;

	if (m->tail - m->head == m->cap) {	/* needed now: only if short */
		m->ring = ring_double(m->ring, m->cap, sizeof *m->ring,
		    m->head, m->tail, false);
		m->cap *= 2;
	}
	q = query_at(m, m->tail);
	memset(q, 0, sizeof *q);
	q->frame = pkt->frame;
	q->ts = pkt->ts;
	q->ipver = pkt->ipver;
	q->proto = pkt->proto;
	memcpy(q->client, pkt->src, pkt->ipver == 4 ? 4 : 16);
	memcpy(q->server, pkt->dst, pkt->ipver == 4 ? 4 : 16);
	q->cport = pkt->sport;
	q->sport = pkt->dport;
	q->have = dns->have;
	q->id = dns->id;
	q->qtype = dns->qtype;
	q->qname_len = (uint8_t)name_len(dns);
	put_name(m, dns->qname, q->qname_len);
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
	/* Room for the next query, before it comes. */
	if (++m->tail - m->head == m->cap && m->cap < PT_DNS_PENDING_MAX &&
	    (ring = ring_double(m->ring, m->cap, sizeof *m->ring, m->head,
	    m->tail, true)) != NULL) {
		m->ring = ring;
		m->cap *= 2;
	}
}

/* Whether query q, unanswered, has waited longer than the timeout. */
static bool
expired(const struct pt_dnsmatch *m, const struct pt_dns_query *q,
    const struct pt_time *now)
{
	return pt_time_waited(&q->ts, now, m->timeout_ns);
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
	m->names_head += q->qname_len;
	m->head++;
}
