/*
 * check_conntab.c: unit tests of pt_conntab_track(), the numbering of TCP
 * connections the way Wireshark numbers tcp.stream.
 *
 * Packets are struct pt_packet values built by hand between two hosts,
 * A and B; every expected id, direction and count follows from the order
 * the packets are fed in.
 */
#include <netinet/in.h>

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

/* Two endpoints: host A (a, pa) and host B (b, pb). */
struct ends {
	uint8_t ipver;
	uint8_t a[16];
	uint8_t b[16];
	uint16_t pa;
	uint16_t pb;
};

enum from { A2B, B2A };

/* Packets get times 1000 s, 1001 s, ... with 250 ms each: reset per test. */
static struct pt_time now;

static void
reset_clock(void)
{
	now.sec = 1000;
	now.nsec = 250000000;
}

static struct pt_packet
make(const struct ends *e, enum from from, uint8_t flags, uint32_t seq,
    uint32_t ack)
{
	struct pt_packet p;

	memset(&p, 0, sizeof p);
	p.ts = now;
	now.sec++;
	p.ipver = e->ipver;
	p.proto = IPPROTO_TCP;
	memcpy(p.src, from == A2B ? e->a : e->b, 16);
	memcpy(p.dst, from == A2B ? e->b : e->a, 16);
	p.sport = from == A2B ? e->pa : e->pb;
	p.dport = from == A2B ? e->pb : e->pa;
	p.tcpflags = flags;
	p.seq = seq;
	p.ack = ack;
	return p;
}

/* Tracks one packet and checks the id and direction it gets. */
#define TRACK(t, e, from, flags, seq, ack, id, dir) \
	track_at(__LINE__, t, e, from, flags, seq, ack, id, dir)

static void
track_at(int line, struct pt_conntab *t, const struct ends *e,
    enum from from, uint8_t flags, uint32_t seq, uint32_t ack, size_t want_id,
    enum pt_dir want_dir)
{
	struct pt_packet p = make(e, from, flags, seq, ack);
	enum pt_dir dir;
	size_t id;

	/*
	 * Not ck_assert: each passing one is a write to Check's pipe, far
	 * slower than the lookup in the loops of hundreds of thousands.
	 */
	id = pt_conntab_track(t, &p, &dir);
	if (id != want_id)
		ck_abort_msg("line %d: id %zu, want %zu", line, id, want_id);
	if (dir != want_dir)
		ck_abort_msg("line %d: dir %d, want %d", line, (int)dir,
		    (int)want_dir);
}

static void
set4(uint8_t addr[16], uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	memset(addr, 0, 16);
	addr[0] = a;
	addr[1] = b;
	addr[2] = c;
	addr[3] = d;
}

/* 10.0.0.<a>:<pa> and 10.0.0.<b>:<pb> */
static struct ends
ends4(uint8_t a, uint16_t pa, uint8_t b, uint16_t pb)
{
	struct ends e;

	memset(&e, 0, sizeof e);
	e.ipver = 4;
	set4(e.a, 10, 0, 0, a);
	set4(e.b, 10, 0, 0, b);
	e.pa = pa;
	e.pb = pb;
	return e;
}

/* The roles a connection got: client A or B, and the ports. */
static void
expect_roles(const struct pt_conn *c, const struct ends *e, bool a_is_client)
{
	size_t alen = e->ipver == 4 ? 4 : 16;

	ck_assert_uint_eq(c->ipver, e->ipver);
	ck_assert_mem_eq(c->client, a_is_client ? e->a : e->b, alen);
	ck_assert_mem_eq(c->server, a_is_client ? e->b : e->a, alen);
	ck_assert_uint_eq(c->cport, a_is_client ? e->pa : e->pb);
	ck_assert_uint_eq(c->sport, a_is_client ? e->pb : e->pa);
}

/* ---- ids, directions, counts --------------------------------------------- */

START_TEST(test_ids_follow_first_packets)
{
	struct ends e1 = ends4(1, 40000, 2, 80);
	struct ends e2 = ends4(3, 40001, 2, 80);
	struct ends e3 = ends4(4, 50000, 2, 443);
	struct pt_conntab t;
	const struct pt_conn *c;

	pt_conntab_init(&t);
	TRACK(&t, &e1, A2B, PT_SYN, 1000, 0, 0, PT_UP);		/* t 1000 */
	TRACK(&t, &e2, A2B, PT_SYN, 2000, 0, 1, PT_UP);		/* 1001 */
	TRACK(&t, &e1, B2A, PT_SYN | PT_ACK, 5000, 1001, 0, PT_DOWN);
	/* No handshake: 50000 > 443, so the sender is the client. */
	TRACK(&t, &e3, A2B, PT_ACK, 10, 20, 2, PT_UP);		/* 1003 */
	TRACK(&t, &e2, B2A, PT_SYN | PT_ACK, 6000, 2001, 1, PT_DOWN);
	TRACK(&t, &e1, A2B, PT_ACK, 1001, 5001, 0, PT_UP);
	TRACK(&t, &e3, B2A, PT_ACK, 20, 10, 2, PT_DOWN);	/* 1006 */
	TRACK(&t, &e1, A2B, PT_PSH | PT_ACK, 1001, 5001, 0, PT_UP);

	ck_assert_uint_eq(t.nconns, 3);
	c = &t.conns[0];
	expect_roles(c, &e1, true);
	ck_assert_uint_eq(c->dir[PT_UP].pkts, 3);
	ck_assert_uint_eq(c->dir[PT_DOWN].pkts, 1);
	ck_assert_int_eq(c->first.sec, 1000);
	ck_assert_uint_eq(c->first.nsec, 250000000);
	ck_assert_int_eq(c->last.sec, 1007);
	ck_assert_uint_eq(c->last.nsec, 250000000);
	ck_assert(c->dir[PT_UP].base_set && c->dir[PT_DOWN].base_set);
	ck_assert_uint_eq(c->dir[PT_UP].base_seq, 1000);
	ck_assert_uint_eq(c->dir[PT_DOWN].base_seq, 5000);
	c = &t.conns[1];
	expect_roles(c, &e2, true);
	ck_assert_uint_eq(c->dir[PT_UP].pkts, 1);
	ck_assert_uint_eq(c->dir[PT_DOWN].pkts, 1);
	ck_assert_int_eq(c->first.sec, 1001);
	ck_assert_int_eq(c->last.sec, 1004);
	c = &t.conns[2];
	expect_roles(c, &e3, true);
	ck_assert_uint_eq(c->dir[PT_UP].pkts, 1);
	ck_assert_uint_eq(c->dir[PT_DOWN].pkts, 1);
	ck_assert_int_eq(c->first.sec, 1003);
	ck_assert_int_eq(c->last.sec, 1006);
	pt_conntab_free(&t);
}
END_TEST

/* Same addresses both sides (loopback): the ports tell the ends apart. */
START_TEST(test_same_address_both_ends_is_one_connection)
{
	struct ends e = ends4(1, 40000, 1, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN, 7, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 70, 8, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_ACK, 8, 71, 0, PT_UP);
	ck_assert_uint_eq(t.nconns, 1);
	expect_roles(&t.conns[0], &e, true);
	pt_conntab_free(&t);
}
END_TEST

/* ---- reuse of a 4-tuple -------------------------------------------------- */

START_TEST(test_reuse_after_fin_opens_new_id)
{
	struct ends e = ends4(1, 40000, 2, 80);
	uint32_t a = 1000, b = 900000, c = 1800000;
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN, a, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 50, a + 1, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_ACK, a + 1, 51, 0, PT_UP);
	TRACK(&t, &e, A2B, PT_FIN | PT_ACK, a + 1, 51, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_FIN | PT_ACK, 51, a + 2, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_ACK, a + 2, 52, 0, PT_UP);

	TRACK(&t, &e, A2B, PT_SYN, b, 0, 1, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 60, b + 1, 1, PT_DOWN);
	TRACK(&t, &e, A2B, PT_ACK, b + 1, 61, 1, PT_UP);
	TRACK(&t, &e, A2B, PT_FIN | PT_ACK, b + 1, 61, 1, PT_UP);
	TRACK(&t, &e, B2A, PT_FIN | PT_ACK, 61, b + 2, 1, PT_DOWN);

	TRACK(&t, &e, A2B, PT_SYN, c, 0, 2, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 70, c + 1, 2, PT_DOWN);

	ck_assert_uint_eq(t.nconns, 3);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].pkts, 4);
	ck_assert_uint_eq(t.conns[0].dir[PT_DOWN].pkts, 2);
	ck_assert_uint_eq(t.conns[1].dir[PT_UP].pkts, 3);
	ck_assert_uint_eq(t.conns[1].dir[PT_DOWN].pkts, 2);
	ck_assert_uint_eq(t.conns[1].dir[PT_UP].base_seq, b);
	ck_assert_uint_eq(t.conns[2].dir[PT_UP].base_seq, c);
	ck_assert_uint_eq(t.conns[2].dir[PT_DOWN].base_seq, 70);
	pt_conntab_free(&t);
}
END_TEST

START_TEST(test_reuse_after_rst_opens_new_id)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN, 1000, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 50, 1001, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_ACK, 1001, 51, 0, PT_UP);
	TRACK(&t, &e, A2B, PT_RST, 1001, 0, 0, PT_UP);
	TRACK(&t, &e, A2B, PT_SYN, 3000, 0, 1, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 80, 3001, 1, PT_DOWN);
	ck_assert_uint_eq(t.nconns, 2);
	pt_conntab_free(&t);
}
END_TEST

/* The old connection never closed, but the new ISN opens a new one. */
START_TEST(test_new_isn_without_close_opens_new_id)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN, 1000, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 50, 1001, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_ACK, 1001, 51, 0, PT_UP);
	TRACK(&t, &e, A2B, PT_PSH | PT_ACK, 1001, 51, 0, PT_UP);
	TRACK(&t, &e, A2B, PT_SYN, 77777, 0, 1, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 90, 77778, 1, PT_DOWN);
	ck_assert_uint_eq(t.nconns, 2);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].pkts, 3);
	ck_assert_uint_eq(t.conns[1].dir[PT_UP].pkts, 1);
	pt_conntab_free(&t);
}
END_TEST

START_TEST(test_retransmitted_syn_keeps_id)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN, 1000, 0, 0, PT_UP);
	TRACK(&t, &e, A2B, PT_SYN, 1000, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 50, 1001, 0, PT_DOWN);
	ck_assert_uint_eq(t.nconns, 1);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].pkts, 2);
	ck_assert_uint_eq(t.conns[0].dir[PT_DOWN].pkts, 1);
	pt_conntab_free(&t);
}
END_TEST

/* A connect() refused with RST/ACK and retried: the ISN decides. */
START_TEST(test_refused_retry_same_isn_is_one_connection)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN, 1000, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_RST | PT_ACK, 0, 1001, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_SYN, 1000, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_RST | PT_ACK, 0, 1001, 0, PT_DOWN);
	ck_assert_uint_eq(t.nconns, 1);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].pkts, 2);
	ck_assert_uint_eq(t.conns[0].dir[PT_DOWN].pkts, 2);
	pt_conntab_free(&t);
}
END_TEST

START_TEST(test_refused_retry_new_isn_is_two_connections)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN, 1000, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_RST | PT_ACK, 0, 1001, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_SYN, 2000, 0, 1, PT_UP);
	TRACK(&t, &e, B2A, PT_RST | PT_ACK, 0, 2001, 1, PT_DOWN);
	ck_assert_uint_eq(t.nconns, 2);
	ck_assert_uint_eq(t.conns[0].dir[PT_DOWN].pkts, 1);
	ck_assert_uint_eq(t.conns[1].dir[PT_DOWN].pkts, 1);
	pt_conntab_free(&t);
}
END_TEST

/* ---- base sequence numbers ----------------------------------------------- */

/*
 * The SYN/ACK acks ISN + 1: the client's base is 1000 before any client
 * packet, and the client's first packet (data at 1501) keeps it.
 */
START_TEST(test_synack_first_sets_client_base)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 7000, 1001, 0, PT_DOWN);
	ck_assert(t.conns[0].dir[PT_UP].base_set);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].base_seq, 1000);
	TRACK(&t, &e, A2B, PT_ACK, 1501, 7001, 0, PT_UP);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].base_seq, 1000);
	TRACK(&t, &e, A2B, PT_SYN, 1000, 0, 0, PT_UP);
	TRACK(&t, &e, A2B, PT_SYN, 1500, 0, 1, PT_UP);
	ck_assert_uint_eq(t.nconns, 2);
	pt_conntab_free(&t);
}
END_TEST

START_TEST(test_synack_first_then_other_isn_is_new)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 7000, 1001, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_SYN, 4242, 0, 1, PT_UP);
	ck_assert_uint_eq(t.nconns, 2);
	pt_conntab_free(&t);
}
END_TEST

/*
 * First seen mid-stream: client data at 1001 makes the client's base
 * 1000, and its ack (3001) the server's base 3000.
 */
START_TEST(test_midstream_base_is_seq_minus_one)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_PSH | PT_ACK, 1001, 3001, 0, PT_UP);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].base_seq, 1000);
	ck_assert_uint_eq(t.conns[0].dir[PT_DOWN].base_seq, 3000);
	TRACK(&t, &e, B2A, PT_ACK, 3500, 1101, 0, PT_DOWN);
	ck_assert_uint_eq(t.conns[0].dir[PT_DOWN].base_seq, 3000);
	TRACK(&t, &e, A2B, PT_SYN, 1000, 0, 0, PT_UP);
	ck_assert_uint_eq(t.nconns, 1);
	pt_conntab_free(&t);

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_PSH | PT_ACK, 1001, 3001, 0, PT_UP);
	TRACK(&t, &e, A2B, PT_SYN, 5000, 0, 1, PT_UP);
	ck_assert_uint_eq(t.nconns, 2);
	pt_conntab_free(&t);
}
END_TEST

/*
 * A second SYN/ACK with another number moves the server's base to it
 * (Wireshark 4.0): a server SYN at the second number stays in the
 * connection, one at the first opens another.
 */
START_TEST(test_second_synack_resets_base)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN, 100, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 500, 101, 0, PT_DOWN);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 900, 101, 0, PT_DOWN);
	ck_assert_uint_eq(t.conns[0].dir[PT_DOWN].base_seq, 900);
	TRACK(&t, &e, B2A, PT_SYN, 900, 0, 0, PT_DOWN);
	ck_assert_uint_eq(t.nconns, 1);
	pt_conntab_free(&t);

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN, 100, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 500, 101, 0, PT_DOWN);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 900, 101, 0, PT_DOWN);
	TRACK(&t, &e, B2A, PT_SYN, 500, 0, 1, PT_UP);
	ck_assert_uint_eq(t.nconns, 2);
	pt_conntab_free(&t);
}
END_TEST

/*
 * A first IP fragment sets no base either way: the SYN after it, with
 * another number, is the same connection.  As a SYN it still compares:
 * one with a new number after a SYN opens another connection.
 */
START_TEST(test_first_fragment_sets_no_base)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_packet p;
	struct pt_conntab t;
	enum pt_dir dir;

	pt_conntab_init(&t);
	p = make(&e, A2B, PT_PSH | PT_ACK, 1000, 7000);
	p.first_fragment = true;
	ck_assert_uint_eq(pt_conntab_track(&t, &p, &dir), 0);
	ck_assert(!t.conns[0].dir[PT_UP].base_set);
	ck_assert(!t.conns[0].dir[PT_DOWN].base_set);
	TRACK(&t, &e, A2B, PT_SYN, 5000, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 9000, 5001, 0, PT_DOWN);
	ck_assert_uint_eq(t.nconns, 1);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].base_seq, 5000);
	p = make(&e, A2B, PT_SYN, 6000, 0);
	p.first_fragment = true;
	ck_assert_uint_eq(pt_conntab_track(&t, &p, &dir), 1);
	ck_assert(!t.conns[1].dir[PT_UP].base_set);
	pt_conntab_free(&t);
}
END_TEST

/* ---- roles --------------------------------------------------------------- */

/* B sends the SYN from port 80: the SYN beats the port rule. */
START_TEST(test_syn_sender_is_client)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_SYN, 1, 0, 0, PT_UP);
	TRACK(&t, &e, A2B, PT_SYN | PT_ACK, 9, 2, 0, PT_DOWN);
	expect_roles(&t.conns[0], &e, false);
	ck_assert_int_eq(t.conns[0].init, PT_INIT_SYN);
	pt_conntab_free(&t);
}
END_TEST

/*
 * Only a SYN/ACK, from port 40000: its sender is the server; the SYN that
 * turns up later (a capture starting a little late, or reordered) makes
 * the evidence a SYN.
 */
START_TEST(test_synack_sender_is_server_until_syn)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN | PT_ACK, 9, 2, 0, PT_DOWN);
	expect_roles(&t.conns[0], &e, false);
	ck_assert_int_eq(t.conns[0].init, PT_INIT_SYNACK);
	TRACK(&t, &e, B2A, PT_ACK, 2, 10, 0, PT_UP);
	ck_assert_int_eq(t.conns[0].init, PT_INIT_SYNACK);
	TRACK(&t, &e, B2A, PT_SYN, 1, 0, 0, PT_UP);
	ck_assert_int_eq(t.conns[0].init, PT_INIT_SYN);
	expect_roles(&t.conns[0], &e, false);
	ck_assert_uint_eq(t.nconns, 1);
	pt_conntab_free(&t);
}
END_TEST

/* Without a handshake the lower port is the server's, whoever speaks first. */
START_TEST(test_midstream_lower_port_is_server)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_ACK, 100, 200, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_ACK, 200, 100, 0, PT_UP);
	expect_roles(&t.conns[0], &e, true);
	ck_assert_int_eq(t.conns[0].init, PT_INIT_MID);
	pt_conntab_free(&t);

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_ACK, 200, 100, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_ACK, 100, 200, 0, PT_DOWN);
	expect_roles(&t.conns[0], &e, true);
	ck_assert_int_eq(t.conns[0].init, PT_INIT_MID);
	pt_conntab_free(&t);
}
END_TEST

/* Equal ports: the first packet goes from client to server. */
START_TEST(test_equal_ports_receiver_is_server)
{
	struct ends e = ends4(1, 5000, 2, 5000);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_ACK, 1, 1, 0, PT_UP);
	expect_roles(&t.conns[0], &e, true);
	pt_conntab_free(&t);

	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_ACK, 1, 1, 0, PT_UP);
	TRACK(&t, &e, A2B, PT_ACK, 1, 1, 0, PT_DOWN);
	expect_roles(&t.conns[0], &e, false);
	ck_assert_int_eq(t.conns[0].init, PT_INIT_MID);
	pt_conntab_free(&t);
}
END_TEST

START_TEST(test_init_names)
{
	ck_assert_str_eq(pt_init_name(PT_INIT_SYN), "syn");
	ck_assert_str_eq(pt_init_name(PT_INIT_SYNACK), "synack");
	ck_assert_str_eq(pt_init_name(PT_INIT_MID), "mid");
}
END_TEST

/* ---- roles decided at the end (roles.c) ------------------------------ */

/* Whether A is the client, the roles read through the flip. */
static bool
a_is_client(const struct pt_conn *c, const struct ends *e)
{
	size_t alen = e->ipver == 4 ? 4 : 16;
	const uint8_t *client = c->flip ? c->server : c->client;
	uint16_t cport = c->flip ? c->sport : c->cport;

	return memcmp(client, e->a, alen) == 0 && cport == e->pa;
}

/*
 * A SYN after data, from the side first guessed the server: the
 * connection's own SYN decides (its sender is the client).  The packet
 * counts stay by the first guess's directions, read through the flip.
 */
START_TEST(test_syn_after_data_decides_roles)
{
	struct ends e = ends4(1, 6000, 2, 7000);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_ACK, 100, 200, 0, PT_DOWN);
	TRACK(&t, &e, B2A, PT_SYN, 199, 0, 0, PT_UP);
	ck_assert_int_eq(t.conns[0].init, PT_INIT_SYN);
	ck_assert(!a_is_client(&t.conns[0], &e));
	pt_roles_decide(&t);
	ck_assert(!a_is_client(&t.conns[0], &e));
	ck_assert_uint_eq(t.conns[0].dir[pt_conn_dir(&t.conns[0], PT_UP)].pkts,
	    1);
	pt_conntab_free(&t);

	/* A SYN/ACK from the side first guessed the client. */
	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_ACK, 200, 100, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 199, 100, 0, PT_UP);
	ck_assert_int_eq(t.conns[0].init, PT_INIT_SYNACK);
	ck_assert(a_is_client(&t.conns[0], &e));
	TRACK(&t, &e, A2B, PT_SYN, 99, 0, 0, PT_DOWN);
	ck_assert_int_eq(t.conns[0].init, PT_INIT_SYN);
	pt_conntab_free(&t);
}
END_TEST

/* Three client ports reach port 31600: it is the server's. */
START_TEST(test_roles_fan_in)
{
	struct ends e[3] = {
		ends4(1, 8868, 2, 31600), ends4(1, 8869, 2, 31600),
		ends4(1, 8870, 2, 31600)
	};
	struct pt_conntab t;
	size_t i;

	pt_conntab_init(&t);
	for (i = 0; i < 3; i++)
		TRACK(&t, &e[i], B2A, PT_ACK, 100, 200, i, PT_UP);
	pt_roles_decide(&t);
	for (i = 0; i < 3; i++)
		ck_assert(a_is_client(&t.conns[i], &e[i]));
	pt_conntab_free(&t);

	/* One connection only: the first guess (the lower port). */
	pt_conntab_init(&t);
	TRACK(&t, &e[0], B2A, PT_ACK, 100, 200, 0, PT_UP);
	pt_roles_decide(&t);
	ck_assert(!a_is_client(&t.conns[0], &e[0]));
	pt_conntab_free(&t);
}
END_TEST

/*
 * The 4-tuple opened again later with a handshake: it shows the roles
 * (a reused 4-tuple adds no fan-in).
 */
START_TEST(test_roles_from_a_later_handshake)
{
	struct ends e = ends4(1, 6000, 2, 7000);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_ACK, 100, 200, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_SYN, 5000, 0, 1, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 9000, 5001, 1, PT_DOWN);
	ck_assert(t.conns[1].seen & PT_SEEN_REUSED);
	ck_assert(!a_is_client(&t.conns[0], &e));
	pt_roles_decide(&t);
	ck_assert(a_is_client(&t.conns[0], &e));
	ck_assert(a_is_client(&t.conns[1], &e));
	ck_assert_int_eq(t.conns[0].init, PT_INIT_MID);
	pt_conntab_free(&t);
}
END_TEST

/* A RST/ACK of sequence 0 as the first packet: it answered a SYN. */
START_TEST(test_roles_rst_answer)
{
	struct ends e = ends4(1, 6000, 2, 7000);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_RST | PT_ACK, 0, 1001, 0, PT_UP);
	pt_roles_decide(&t);
	ck_assert(a_is_client(&t.conns[0], &e));
	pt_conntab_free(&t);

	/* A RST with another sequence number tells nothing: the first guess. */
	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_RST | PT_ACK, 5, 1001, 0, PT_UP);
	pt_roles_decide(&t);
	ck_assert(!a_is_client(&t.conns[0], &e));
	pt_conntab_free(&t);
}
END_TEST

/* Service ports over others, others over ephemeral ones. */
START_TEST(test_roles_ports)
{
	struct ends e = ends4(1, 1035, 2, 8080);
	struct pt_conntab t;

	ck_assert(pt_port_is_service(80));
	ck_assert(pt_port_is_service(1023));
	ck_assert(!pt_port_is_service(1024));
	ck_assert(pt_port_is_service(8080));
	ck_assert(!pt_port_is_service(0));
	ck_assert(!pt_port_is_ephemeral(1024));
	ck_assert(pt_port_is_ephemeral(1025));
	ck_assert(pt_port_is_ephemeral(5000));
	ck_assert(!pt_port_is_ephemeral(5001));
	ck_assert(!pt_port_is_ephemeral(32767));
	ck_assert(pt_port_is_ephemeral(32768));
	ck_assert(pt_port_is_ephemeral(65535));

	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_ACK, 100, 200, 0, PT_UP);
	pt_roles_decide(&t);
	ck_assert(a_is_client(&t.conns[0], &e));
	pt_conntab_free(&t);

	/* 6346 is neither, 3942 an old ephemeral port. */
	e = ends4(1, 3942, 2, 6346);
	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_ACK, 100, 200, 0, PT_UP);
	pt_roles_decide(&t);
	ck_assert(a_is_client(&t.conns[0], &e));
	pt_conntab_free(&t);
}
END_TEST

/*
 * Ports 1036 and 4444 tell nothing, but host B serves port 4445 to A:
 * B is the server.
 */
START_TEST(test_roles_host_that_serves)
{
	struct ends e = ends4(1, 1036, 2, 4444), h = ends4(1, 1037, 2, 4445);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &e, B2A, PT_ACK, 100, 200, 0, PT_UP);
	TRACK(&t, &h, A2B, PT_SYN, 100, 0, 1, PT_UP);
	ck_assert(!a_is_client(&t.conns[0], &e));
	pt_roles_decide(&t);
	ck_assert(a_is_client(&t.conns[0], &e));
	pt_conntab_free(&t);
}
END_TEST

/* ---- IPv6 ---------------------------------------------------------------- */

START_TEST(test_ipv6_connection_tracks)
{
	struct ends e;
	struct pt_conntab t;

	memset(&e, 0, sizeof e);
	e.ipver = 6;
	e.a[0] = 0x20, e.a[1] = 0x01, e.a[2] = 0x0d, e.a[3] = 0xb8;
	memcpy(e.b, e.a, 16);
	e.a[15] = 1;
	e.b[15] = 2;
	e.pa = 40000;
	e.pb = 443;
	pt_conntab_init(&t);
	TRACK(&t, &e, A2B, PT_SYN, 10, 0, 0, PT_UP);
	TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 20, 11, 0, PT_DOWN);
	TRACK(&t, &e, A2B, PT_ACK, 11, 21, 0, PT_UP);
	/* Differs from e only in the last address byte: another connection. */
	e.b[15] = 3;
	TRACK(&t, &e, A2B, PT_SYN, 10, 0, 1, PT_UP);
	e.b[15] = 2;
	TRACK(&t, &e, B2A, PT_ACK, 21, 11, 0, PT_DOWN);
	ck_assert_uint_eq(t.nconns, 2);
	expect_roles(&t.conns[0], &e, true);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].pkts, 2);
	ck_assert_uint_eq(t.conns[0].dir[PT_DOWN].pkts, 2);
	pt_conntab_free(&t);
}
END_TEST

/* 1.2.3.4 and 102:304:: have the same bytes (the rest zero), and so on. */
START_TEST(test_ipv4_and_ipv6_same_bytes_stay_apart)
{
	struct ends e4, e6;
	struct pt_conntab t;

	memset(&e4, 0, sizeof e4);
	set4(e4.a, 1, 2, 3, 4);
	set4(e4.b, 5, 6, 7, 8);
	e4.pa = 1000;
	e4.pb = 80;
	e6 = e4;
	e4.ipver = 4;
	e6.ipver = 6;
	pt_conntab_init(&t);
	TRACK(&t, &e4, A2B, PT_SYN, 1, 0, 0, PT_UP);
	TRACK(&t, &e6, A2B, PT_SYN, 1, 0, 1, PT_UP);
	TRACK(&t, &e4, B2A, PT_SYN | PT_ACK, 5, 2, 0, PT_DOWN);
	TRACK(&t, &e6, B2A, PT_SYN | PT_ACK, 5, 2, 1, PT_DOWN);
	ck_assert_uint_eq(t.nconns, 2);
	ck_assert_uint_eq(t.conns[0].ipver, 4);
	ck_assert_uint_eq(t.conns[1].ipver, 6);
	ck_assert_uint_eq(t.conns[1].dir[PT_DOWN].pkts, 1);
	pt_conntab_free(&t);
}
END_TEST

/* ---- a large table ------------------------------------------------------- */

#define MANY 200000

/*
 * Client i: 10.<bits 16-23 of i>.<8-15>.<0-7>, port 1024 + i % 50000;
 * server 192.0.2.80:443.
 */
static struct ends
many_ends(uint32_t i)
{
	struct ends e;

	memset(&e, 0, sizeof e);
	e.ipver = 4;
	set4(e.a, 10, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i);
	set4(e.b, 192, 0, 2, 80);
	e.pa = (uint16_t)(1024 + i % 50000);
	e.pb = 443;
	return e;
}

/*
 * 200000 4-tuples grow the index from 1024 slots many times over.  Each
 * gets its SYN in order; the SYN/ACKs come interleaved with the growth
 * (tuple j's after tuple 2j + 1's SYN), the rest in reverse at the end.
 */
START_TEST(test_many_connections_grow_the_index)
{
	struct pt_conntab t;
	struct ends e;
	uint32_t i;

	pt_conntab_init(&t);
	for (i = 0; i < MANY; i++) {
		e = many_ends(i);
		TRACK(&t, &e, A2B, PT_SYN, i, 0, i, PT_UP);
		if (i % 2 == 1) {
			e = many_ends(i / 2);
			TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 7, i / 2 + 1, i / 2,
			    PT_DOWN);
		}
	}
	for (i = MANY; i-- > MANY / 2;) {
		e = many_ends(i);
		TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 7, i + 1, i, PT_DOWN);
	}
	ck_assert_uint_eq(t.nconns, MANY);
	ck_assert_uint_eq(t.index.used, MANY);
	/* The index stays at most half full, and a power of two. */
	ck_assert_uint_ge(t.index.mask + 1, 2 * (size_t)MANY);
	ck_assert_uint_eq(t.index.mask & (t.index.mask + 1), 0);
	for (i = 0; i < MANY; i++) {
		const struct pt_conn *c = &t.conns[i];

		e = many_ends(i);
		if (c->dir[PT_UP].pkts != 1 || c->dir[PT_DOWN].pkts != 1 ||
		    c->dir[PT_UP].base_seq != i || c->cport != e.pa ||
		    memcmp(c->client, e.a, 4) != 0)
			ck_abort_msg("connection %u: wrong counts or roles", i);
	}
	pt_conntab_free(&t);
}
END_TEST

/* One 4-tuple, 1000 connections: the index moves to the newest each time. */
START_TEST(test_reused_tuple_finds_newest)
{
	struct ends e = ends4(1, 40000, 2, 80);
	struct pt_conntab t;
	uint32_t k, isn;

	pt_conntab_init(&t);
	for (k = 0; k < 1000; k++) {
		isn = k * 100003 + 17;
		TRACK(&t, &e, A2B, PT_SYN, isn, 0, k, PT_UP);
		TRACK(&t, &e, B2A, PT_SYN | PT_ACK, 5, isn + 1, k, PT_DOWN);
		TRACK(&t, &e, A2B, PT_ACK, isn + 1, 6, k, PT_UP);
	}
	/* A retransmission of the last SYN stays in the last connection. */
	TRACK(&t, &e, A2B, PT_SYN, 999 * 100003 + 17, 0, 999, PT_UP);
	ck_assert_uint_eq(t.nconns, 1000);
	ck_assert_uint_eq(t.index.used, 1);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].pkts, 2);
	ck_assert_uint_eq(t.conns[500].dir[PT_DOWN].pkts, 1);
	ck_assert_uint_eq(t.conns[999].dir[PT_UP].pkts, 3);
	pt_conntab_free(&t);
}
END_TEST

/*
 * Two 4-tuples made to share a slot of the recent-connection cache (its
 * hash XORs the two addresses and the two ports: 1 ^ 2 == 3 ^ 0), their
 * packets alternating, each reused while the other holds the slot: every
 * packet still finds its own, newest connection.
 */
START_TEST(test_tuples_sharing_a_cache_slot_keep_their_ids)
{
	struct ends x = ends4(1, 40000, 2, 80), y = ends4(3, 40000, 0, 80);
	struct pt_conntab t;

	pt_conntab_init(&t);
	TRACK(&t, &x, A2B, PT_SYN, 100, 0, 0, PT_UP);
	TRACK(&t, &y, A2B, PT_SYN, 500, 0, 1, PT_UP);
	TRACK(&t, &x, B2A, PT_SYN | PT_ACK, 7, 101, 0, PT_DOWN);
	TRACK(&t, &y, B2A, PT_SYN | PT_ACK, 9, 501, 1, PT_DOWN);
	TRACK(&t, &x, A2B, PT_ACK, 101, 8, 0, PT_UP);
	/* x reused while y holds the slot, then y reused while x does */
	TRACK(&t, &y, A2B, PT_ACK, 501, 10, 1, PT_UP);
	TRACK(&t, &x, A2B, PT_SYN, 9000, 0, 2, PT_UP);
	TRACK(&t, &y, A2B, PT_SYN, 7000, 0, 3, PT_UP);
	TRACK(&t, &x, B2A, PT_SYN | PT_ACK, 20, 9001, 2, PT_DOWN);
	TRACK(&t, &x, A2B, PT_ACK, 9001, 21, 2, PT_UP);
	TRACK(&t, &y, B2A, PT_SYN | PT_ACK, 30, 7001, 3, PT_DOWN);
	/* the old connections' retransmitted SYNs go to the newest */
	TRACK(&t, &x, A2B, PT_SYN, 9000, 0, 2, PT_UP);
	TRACK(&t, &y, A2B, PT_SYN, 7000, 0, 3, PT_UP);
	ck_assert_uint_eq(t.nconns, 4);
	ck_assert_uint_eq(t.conns[0].dir[PT_UP].pkts, 2);
	ck_assert_uint_eq(t.conns[1].dir[PT_UP].pkts, 2);
	ck_assert_uint_eq(t.conns[2].dir[PT_UP].pkts, 3);
	ck_assert_uint_eq(t.conns[3].dir[PT_DOWN].pkts, 1);
	pt_conntab_free(&t);
}
END_TEST

/*
 * The index hash spreads keys that collide for hashes that add or XOR
 * their fields: 4-tuples whose two ports move together, and addresses
 * whose words sum the same.  (A keyed universal hash: whatever the key
 * drawn, no bucket should take more than a handful.)
 */
START_TEST(test_index_hash_spreads_keys_naive_hashes_collide)
{
	enum { KEYS = 20000, BUCKETS = 1 << 15 };
	static uint16_t load[BUCKETS];
	struct pt_index ix;
	uint32_t w[3], i, max = 0, h;

	pt_index_init(&ix);
	memset(load, 0, sizeof load);
	for (i = 0; i < KEYS; i++) {
		w[0] = 0x0a000001 + i;		/* these two sum the same */
		w[1] = 0xc0000002 - i;
		w[2] = (1024 + i) << 16 | (1024 + i);	/* XOR of ports: 0 */
		h = pt_index_hash(&ix, w, 3) & (BUCKETS - 1);
		if (++load[h] > max)
			max = load[h];
	}
	ck_assert_uint_le(max, 8);
	/* The same words hash the same; the hash is keyed. */
	ck_assert_uint_eq(pt_index_hash(&ix, w, 3), pt_index_hash(&ix, w, 3));
	pt_index_free(&ix);
}
END_TEST

static Suite *
conntab_suite(void)
{
	Suite *s = suite_create("conntab");
	TCase *tc;

	tc = tcase_create("ids");
	tcase_add_checked_fixture(tc, reset_clock, NULL);
	tcase_add_test(tc, test_ids_follow_first_packets);
	tcase_add_test(tc, test_same_address_both_ends_is_one_connection);
	tcase_add_test(tc, test_reuse_after_fin_opens_new_id);
	tcase_add_test(tc, test_reuse_after_rst_opens_new_id);
	tcase_add_test(tc, test_new_isn_without_close_opens_new_id);
	tcase_add_test(tc, test_retransmitted_syn_keeps_id);
	tcase_add_test(tc, test_refused_retry_same_isn_is_one_connection);
	tcase_add_test(tc, test_refused_retry_new_isn_is_two_connections);
	suite_add_tcase(s, tc);

	tc = tcase_create("base_seq");
	tcase_add_checked_fixture(tc, reset_clock, NULL);
	tcase_add_test(tc, test_synack_first_sets_client_base);
	tcase_add_test(tc, test_synack_first_then_other_isn_is_new);
	tcase_add_test(tc, test_midstream_base_is_seq_minus_one);
	tcase_add_test(tc, test_second_synack_resets_base);
	tcase_add_test(tc, test_first_fragment_sets_no_base);
	suite_add_tcase(s, tc);

	tc = tcase_create("roles");
	tcase_add_checked_fixture(tc, reset_clock, NULL);
	tcase_add_test(tc, test_syn_sender_is_client);
	tcase_add_test(tc, test_synack_sender_is_server_until_syn);
	tcase_add_test(tc, test_midstream_lower_port_is_server);
	tcase_add_test(tc, test_equal_ports_receiver_is_server);
	tcase_add_test(tc, test_init_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("roles_at_the_end");
	tcase_add_checked_fixture(tc, reset_clock, NULL);
	tcase_add_test(tc, test_syn_after_data_decides_roles);
	tcase_add_test(tc, test_roles_fan_in);
	tcase_add_test(tc, test_roles_from_a_later_handshake);
	tcase_add_test(tc, test_roles_rst_answer);
	tcase_add_test(tc, test_roles_ports);
	tcase_add_test(tc, test_roles_host_that_serves);
	suite_add_tcase(s, tc);

	tc = tcase_create("ipv6");
	tcase_add_checked_fixture(tc, reset_clock, NULL);
	tcase_add_test(tc, test_ipv6_connection_tracks);
	tcase_add_test(tc, test_ipv4_and_ipv6_same_bytes_stay_apart);
	suite_add_tcase(s, tc);

	tc = tcase_create("scale");
	tcase_add_checked_fixture(tc, reset_clock, NULL);
	/* 700000 lookups: a few seconds under valgrind. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_many_connections_grow_the_index);
	tcase_add_test(tc, test_reused_tuple_finds_newest);
	tcase_add_test(tc, test_tuples_sharing_a_cache_slot_keep_their_ids);
	tcase_add_test(tc, test_index_hash_spreads_keys_naive_hashes_collide);
	suite_add_tcase(s, tc);

	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(conntab_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
