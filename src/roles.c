/*
 * roles.c: the roles of connections without a handshake, from what the
 * whole capture shows, decided once at the end of the input.
 *
 * A connection with a SYN or SYN/ACK of its own has its roles from it
 * (conntab.c).  For one without (a capture that started late, SYNs
 * filtered out), the evidence, strongest first; the first that tells the
 * two endpoints (address and port) apart decides:
 *
 *  1. Its first packet is a RST answering a SYN (RST/ACK, sequence 0):
 *     its sender is the server.
 *  2. An endpoint that is the server of another connection with a
 *     handshake (it was sent a SYN, or sent a SYN/ACK) or that answered
 *     a SYN with a RST is a server; one that is the client of such a
 *     connection is a client.
 *  3. Fan-in: the endpoint that more 4-tuples reach (many clients, or one
 *     client's many ports) is the server.
 *  4. Ports: a well-known or common service port is the server's, over
 *     any other; a port outside the ephemeral ranges is the server's,
 *     over one inside them.
 *  5. Hosts: as 2, for the addresses whatever the port (a host that
 *     only serves, talking to one that only connects).
 *  6. The first guess: the lower port is the server's; on equal ports
 *     the receiver of the first packet.
 *
 * Measured with tests/roles-without-handshake.test, which drops the
 * first third of every test capture, or its SYNs and SYN/ACKs, and
 * scores the roles found here against those the handshakes showed.
 *
 * The work is per connection, after the input: a table of the endpoints
 * (and hosts) of the connections without a handshake, then every
 * connection's evidence added to the endpoints it has in the table, then
 * each connection without a handshake decided.  Memory grows with those
 * connections only; a capture where every connection has its handshake
 * needs no table.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

/* What is known of an endpoint. */
enum {
	EP_SERVER = 0x01,	/* the server of a connection with a handshake */
	EP_CLIENT = 0x02,	/* the client of one */
};

/*
 * An endpoint, or a host (any port), named by a connection that has it:
 * conn's client or server.  No copy of the address: 24 bytes.
 */
struct endpoint {
	size_t conn;
	uint8_t server;		/* conn's server, not its client */
	uint8_t host;		/* the address only */
	uint8_t known;		/* EP_ bits */
	uint64_t tuples;	/* 4-tuples that reach it */
};

struct endpoints {
	const struct pt_conntab *t;
	struct endpoint *e;
	size_t n, cap;
	struct pt_index index;	/* endpoint to its index in e[] + 1 */
	bool short_of_memory;	/* the table could not grow: no evidence */
};

/*
 * Common service ports above 1023, kept short: SOCKS, SQL Server,
 * Oracle, Squid, MySQL, RDP, SIP, PostgreSQL, Redis, HTTP alternates,
 * HTTPS alternate, Elasticsearch, MongoDB.
 */
static const uint16_t service_ports[] = {
	1080, 1433, 1521, 3128, 3306, 3389, 5060, 5432, 6379, 8000, 8008,
	8080, 8443, 8888, 9000, 9200, 27017
};

bool
pt_port_is_service(uint16_t port)
{
	size_t i;

	if (port != 0 && port < 1024)
		return true;
	for (i = 0; i < sizeof service_ports / sizeof service_ports[0]; i++)
		if (port == service_ports[i])
			return true;
	return false;
}

/* IANA (49152-65535), Linux (32768-60999), old Windows and BSD (1025-5000). */
bool
pt_port_is_ephemeral(uint16_t port)
{
	return port >= 32768 || (port >= 1025 && port <= 5000);
}

/* 2: a service port, 1: neither, 0: an ephemeral port. */
static int
port_rank(uint16_t port)
{
	if (pt_port_is_service(port))
		return 2;
	return pt_port_is_ephemeral(port) ? 0 : 1;
}

static const uint8_t *
end_addr(const struct pt_conn *c, bool server)
{
	return server ? c->server : c->client;
}

static uint16_t
end_port(const struct pt_conn *c, bool server)
{
	return server ? c->sport : c->cport;
}

/*
 * The index in e[] + 1 of c's client or server endpoint (or host), or 0
 * when it is not in the table; add: add it then.
 */
static size_t
endpoint(struct endpoints *eps, size_t conn, bool server, bool host,
    bool add)
{
	const struct pt_conn *c = &eps->t->conns[conn], *o;
	const uint8_t *addr = end_addr(c, server);
	uint16_t port = end_port(c, server);
	size_t n = c->ipver == 4 ? 1 : 4, alen = n * 4, i;
	const struct endpoint *e;
	uint32_t w[5], hash;

	memcpy(w, addr, alen);
	w[n] = (uint32_t)c->ipver << 24 | (uint32_t)host << 16 |
	    (host ? 0 : port);
	hash = pt_index_hash(&eps->index, w, n + 1);
	PT_INDEX_PROBE(&eps->index, hash, i) {
		if (eps->index.slots[i].hash != hash)
			continue;
		e = &eps->e[eps->index.slots[i].value - 1];
		o = &eps->t->conns[e->conn];
		if (e->host == host && o->ipver == c->ipver &&
		    (host || end_port(o, e->server) == port) &&
		    memcmp(end_addr(o, e->server), addr, alen) == 0)
			return eps->index.slots[i].value;
	}
	if (!add)
		return 0;
	if (eps->n == eps->cap) {
		/* Memory short after reading: decide without this table. */
		struct endpoint *more = pt_try_reallocarray(eps->e,
		    eps->cap ? 2 * eps->cap : 1024, sizeof *eps->e);

		if (more == NULL) {
			eps->short_of_memory = true;
			return 0;
		}
		eps->e = more;
		eps->cap = eps->cap ? 2 * eps->cap : 1024;
	}
	eps->e[eps->n] = (struct endpoint){ .conn = conn, .server = server,
	    .host = host };
	pt_index_put(&eps->index, i, hash, eps->n + 1);
	return ++eps->n;
}

/* > 0: b is the server, < 0: a is, 0: it does not tell. */
static int
known(const struct endpoint *a, const struct endpoint *b)
{
	return !!(b->known & EP_SERVER) + !!(a->known & EP_CLIENT) -
	    !!(a->known & EP_SERVER) - !!(b->known & EP_CLIENT);
}

/*
 * The evidence of one connection: > 0 when the first guess holds, < 0
 * when the roles are the other way, 0 when nothing tells.  end[0] is the
 * guessed client, end[1] the guessed server, end[2] and end[3] their
 * hosts.
 */
static int
evidence(const struct pt_conn *c, const struct endpoint *const end[4])
{
	int v;

	if (c->seen & PT_SEEN_RST_ANSWER_DOWN)
		return 1;
	if (c->seen & PT_SEEN_RST_ANSWER_UP)
		return -1;
	if ((v = known(end[0], end[1])) != 0)
		return v;
	if (end[0]->tuples != end[1]->tuples)
		return end[1]->tuples > end[0]->tuples ? 1 : -1;
	if ((v = port_rank(c->sport) - port_rank(c->cport)) != 0)
		return v;
	return known(end[2], end[3]);
}

/*
 * The server of c, as its handshake (or a RST answering a SYN) shows:
 * 1 its guessed server, 0 its guessed client, -1 not known.
 */
static int
shown_server(const struct pt_conn *c)
{
	if (c->init != PT_INIT_MID)
		return !c->flip;	/* flip: mid until its SYN or SYN/ACK */
	if (c->seen & PT_SEEN_RST_ANSWER_DOWN)
		return 1;
	if (c->seen & PT_SEEN_RST_ANSWER_UP)
		return 0;
	return -1;
}

/* Adds what connection id shows to those of its ends in the table. */
static void
learn(struct endpoints *eps, size_t id)
{
	const struct pt_conn *c = &eps->t->conns[id];
	int server = shown_server(c), k;
	struct endpoint *e;
	size_t i;

	for (k = 0; k < 4; k++) {
		if ((i = endpoint(eps, id, k & 1, k >> 1, false)) == 0)
			continue;
		e = &eps->e[i - 1];
		if (!(k >> 1) && !(c->seen & PT_SEEN_REUSED))
			e->tuples++;
		if (server >= 0)
			e->known |= (k & 1) == server ? EP_SERVER : EP_CLIENT;
	}
}

void
pt_roles_decide(struct pt_conntab *t)
{
	const struct endpoint *end[4];
	struct endpoints eps;
	struct pt_conn *c;
	size_t id, i[4];
	int k;

	memset(&eps, 0, sizeof eps);
	eps.t = t;
	for (id = 0; id < t->nconns; id++) {
		if (t->conns[id].init != PT_INIT_MID)
			continue;
		if (eps.index.slots == NULL && !pt_index_try_init(&eps.index)) {
			eps.short_of_memory = true;
			break;
		}
		for (k = 0; k < 4 && !eps.short_of_memory; k++)
			endpoint(&eps, id, k & 1, k >> 1, true);
		if (eps.short_of_memory)
			break;
	}
	if (eps.short_of_memory) {
		/* The results still print: roles from each connection alone. */
		pt_warn("out of memory for the evidence of connections without "
		    "a handshake: their roles come from their own packets and "
		    "ports");
		free(eps.e);
		pt_index_free(&eps.index);
		return;
	}
	if (eps.index.slots == NULL)
		return;
	for (id = 0; id < t->nconns; id++)
		learn(&eps, id);
	for (id = 0; id < t->nconns; id++) {
		c = &t->conns[id];
		if (c->init != PT_INIT_MID)
			continue;
		for (k = 0; k < 4; k++)
			i[k] = endpoint(&eps, id, k & 1, k >> 1, false);
		for (k = 0; k < 4; k++)
			end[k] = &eps.e[i[k] - 1];
		c->flip = evidence(c, end) < 0;
	}
	free(eps.e);
	pt_index_free(&eps.index);
}
