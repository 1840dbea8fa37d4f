/*
 * check_dns.c: the DNS parts of libpcaptally: pt_dns_parse (header and
 * first question), the presentation format of names, types and response
 * codes, pt_dnsmatch (queries waiting for their responses) and
 * pt_dnstcp (messages behind their 2-byte length in a TCP stream).
 *
 * Messages are byte arrays written by hand; every expected value follows
 * from those bytes (RFC 1035 section 4.1) or from the packets fed in.
 */
#include <netinet/in.h>

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

#define SEC	INT64_C(1000000000)
#define ALL_HAVE \
	(PT_DNS_ID | PT_DNS_FLAGS | PT_DNS_COUNTS | PT_DNS_QNAME | PT_DNS_QTYPE)
#define HEADER_HAVE	(PT_DNS_ID | PT_DNS_FLAGS | PT_DNS_COUNTS)

/* ---- pt_dns_parse ------------------------------------------------------ */

/* www.example.com AAAA IN, recursion desired. */
static const uint8_t query_www[] = {
	0x12, 0x34,			/* id */
	0x01, 0x00,			/* flags: RD */
	0x00, 0x01,			/* qdcount */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* an, ns, ar */
	3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
	3, 'c', 'o', 'm', 0,		/* bytes 12 to 28 */
	0x00, 0x1c,			/* qtype AAAA, bytes 29 and 30 */
	0x00, 0x01,			/* qclass IN */
};
#define QUERY_WWW_NAME_END	29

static const uint8_t www_labels[] = {
	3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm'
};

/* Its response: two AAAA records, their owners pointers to byte 12. */
static const uint8_t response_www[] = {
	0x12, 0x34,
	0x81, 0x80,			/* QR, RD, RA; NOERROR */
	0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
	3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
	3, 'c', 'o', 'm', 0,
	0x00, 0x1c, 0x00, 0x01,
	0xc0, 0x0c, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x10,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	0xc0, 0x0c, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x10,
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
};

/*
 * A question name that follows three pointers, each strictly backwards,
 * through labels hidden in the header: "www" at 12, a pointer at 16 to
 * 10, a pointer at 10 to 6, "a" at 6, a pointer at 8 to 2, "b" at 2 and
 * the root at 4.  So the name is www.a.b, and its qtype follows the first
 * pointer, at 18.
 */
static const uint8_t pointer_chain[] = {
	0x12, 0x34,			/* id */
	0x01, 'b',			/* flags 0x0162: the label "b" */
	0x00, 0x01,			/* qdcount 1: its 0 is the root */
	0x01, 'a',			/* ancount 0x0161: the label "a" */
	0xc0, 0x02,			/* nscount: a pointer to 2 */
	0xc0, 0x06,			/* arcount: a pointer to 6 */
	3, 'w', 'w', 'w', 0xc0, 0x0a,	/* "www", a pointer to 10 */
	0x00, 0x1c, 0x00, 0x01,
};
#define POINTER_CHAIN_NAME_END	18

static const uint8_t www_a_b_labels[] = { 3, 'w', 'w', 'w', 1, 'a', 1, 'b' };

/* Parses a copy of exactly len bytes, so reading past them is caught. */
static void
parse_copy(const uint8_t *msg, uint32_t len, struct pt_dns *d)
{
	uint8_t *copy = malloc(len);

	ck_assert(copy != NULL || len == 0);
	if (len > 0)
		memcpy(copy, msg, len);
	/* Garbage first: have must not depend on what was there. */
	memset(d, 0xa5, sizeof *d);
	pt_dns_parse(copy, len, d);
	free(copy);
}

/*
 * The have bits the first len bytes allow, when the question's name ends
 * (its qtype starts) at name_end: 2 bytes for the id, 4 for the flags,
 * 12 for the counts, the whole name, then 2 more for the qtype.
 */
static uint8_t
have_for(uint32_t len, uint32_t name_end)
{
	if (len < 2)
		return 0;
	if (len < 4)
		return PT_DNS_ID;
	if (len < 12)
		return PT_DNS_ID | PT_DNS_FLAGS;
	if (len < name_end)
		return HEADER_HAVE;
	if (len < name_end + 2)
		return HEADER_HAVE | PT_DNS_QNAME;
	return ALL_HAVE;
}

/* Parses every prefix of msg and checks what each one yields. */
static void
check_every_truncation(const uint8_t *msg, uint32_t n, uint32_t name_end,
    const struct pt_dns *want)
{
	struct pt_dns d;
	uint32_t len;
	uint8_t have;

	for (len = 0; len <= n; len++) {
		parse_copy(msg, len, &d);
		have = have_for(len, name_end);
		ck_assert_msg(d.have == have, "%u bytes: have %#x, want %#x",
		    len, d.have, have);
		if (have & PT_DNS_ID)
			ck_assert_uint_eq(d.id, want->id);
		if (have & PT_DNS_FLAGS)
			ck_assert_uint_eq(d.flags, want->flags);
		if (have & PT_DNS_COUNTS) {
			ck_assert_uint_eq(d.qdcount, want->qdcount);
			ck_assert_uint_eq(d.ancount, want->ancount);
		}
		if (have & PT_DNS_QNAME) {
			ck_assert_uint_eq(d.qname_len, want->qname_len);
			ck_assert_mem_eq(d.qname, want->qname, want->qname_len);
		}
		if (have & PT_DNS_QTYPE)
			ck_assert_uint_eq(d.qtype, want->qtype);
	}
}

/*
 * A query whose question name has labels of the given lengths, each
 * filled with byte fill, then qtype TXT; returns the message's length.
 */
static uint32_t
long_name_query(uint8_t *msg, const uint8_t *lens, size_t nlabels,
    uint8_t fill)
{
	static const uint8_t header[12] = {
		0x55, 0x66, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0
	};
	uint32_t n = sizeof header;
	size_t i;

	memcpy(msg, header, sizeof header);
	for (i = 0; i < nlabels; i++) {
		msg[n++] = lens[i];
		memset(msg + n, fill, lens[i]);
		n += lens[i];
	}
	msg[n++] = 0;
	msg[n++] = 0x00;
	msg[n++] = 0x10;
	msg[n++] = 0x00;
	msg[n++] = 0x01;
	return n;
}

START_TEST(test_parse_query)
{
	struct pt_dns d;

	parse_copy(query_www, sizeof query_www, &d);
	ck_assert_uint_eq(d.have, ALL_HAVE);
	ck_assert_uint_eq(d.id, 0x1234);
	ck_assert_uint_eq(d.flags, 0x0100);
	ck_assert_uint_eq(d.qdcount, 1);
	ck_assert_uint_eq(d.ancount, 0);
	ck_assert_uint_eq(d.qtype, 28);
	/* Labels with their length bytes, no root. */
	ck_assert_uint_eq(d.qname_len, 16);
	ck_assert_mem_eq(d.qname, www_labels, sizeof www_labels);
	ck_assert(!pt_dns_is_response(&d));
}
END_TEST

START_TEST(test_parse_response)
{
	struct pt_dns d;

	parse_copy(response_www, sizeof response_www, &d);
	ck_assert_uint_eq(d.have, ALL_HAVE);
	ck_assert_uint_eq(d.id, 0x1234);
	ck_assert_uint_eq(d.flags, 0x8180);
	ck_assert_uint_eq(d.qdcount, 1);
	ck_assert_uint_eq(d.ancount, 2);
	ck_assert_uint_eq(d.qtype, 28);
	ck_assert_uint_eq(d.qname_len, 16);
	ck_assert_mem_eq(d.qname, www_labels, sizeof www_labels);
	ck_assert(pt_dns_is_response(&d));
}
END_TEST

START_TEST(test_parse_short_payloads_have_what_fits)
{
	static const struct {
		uint32_t len;
		uint8_t have;
	} cases[] = {
		{ 0, 0 },
		{ 1, 0 },
		{ 2, PT_DNS_ID },
		{ 3, PT_DNS_ID },
		{ 4, PT_DNS_ID | PT_DNS_FLAGS },
		{ 11, PT_DNS_ID | PT_DNS_FLAGS },
		/* The whole header, but not a byte of the question. */
		{ 12, HEADER_HAVE },
	};
	struct pt_dns d;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		parse_copy(response_www, cases[i].len, &d);
		ck_assert_msg(d.have == cases[i].have, "%u bytes: have %#x",
		    cases[i].len, d.have);
	}
	/* The id alone is 0x1234; without the flags it is no response. */
	parse_copy(response_www, 3, &d);
	ck_assert_uint_eq(d.id, 0x1234);
	ck_assert(!pt_dns_is_response(&d));
	parse_copy(response_www, 4, &d);
	ck_assert_uint_eq(d.flags, 0x8180);
	ck_assert(pt_dns_is_response(&d));
}
END_TEST

START_TEST(test_is_response_needs_the_flags)
{
	struct pt_dns d;

	memset(&d, 0, sizeof d);
	d.flags = 0x8000;
	d.have = PT_DNS_ID;
	ck_assert(!pt_dns_is_response(&d));
	d.have = PT_DNS_ID | PT_DNS_FLAGS;
	ck_assert(pt_dns_is_response(&d));
	/* Every bit but QR. */
	d.flags = 0x7fff;
	ck_assert(!pt_dns_is_response(&d));
}
END_TEST

START_TEST(test_parse_qdcount_zero_reads_no_question)
{
	static const uint8_t msg[] = {
		0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0, 0, 0, 0,
		/* A good question, but the header says there is none. */
		1, 'a', 0, 0x00, 0x01, 0x00, 0x01,
	};
	struct pt_dns d;

	parse_copy(msg, sizeof msg, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
	ck_assert_uint_eq(d.id, 7);
	ck_assert_uint_eq(d.qdcount, 0);
}
END_TEST

START_TEST(test_parse_root_name)
{
	static const uint8_t msg[] = {
		0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
		0, 0x00, 0x02, 0x00, 0x01,	/* . NS IN */
	};
	struct pt_dns d;

	parse_copy(msg, sizeof msg, &d);
	ck_assert_uint_eq(d.have, ALL_HAVE);
	ck_assert_uint_eq(d.qname_len, 0);
	ck_assert_uint_eq(d.qtype, 2);
}
END_TEST

START_TEST(test_parse_name_cut_by_end_has_no_qname)
{
	/* "www.example" and then the end: no root label. */
	static const uint8_t msg[] = {
		0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
		3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
	};
	/* A label whose length says 5, with 3 bytes left. */
	static const uint8_t cut_label[] = {
		0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
		5, 'a', 'b', 'c',
	};
	struct pt_dns d;

	parse_copy(msg, sizeof msg, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
	parse_copy(cut_label, sizeof cut_label, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
}
END_TEST

START_TEST(test_parse_qtype_cut_has_qname_only)
{
	struct pt_dns d;

	/* The name and one byte of the qtype. */
	parse_copy(query_www, QUERY_WWW_NAME_END + 1, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE | PT_DNS_QNAME);
	ck_assert_uint_eq(d.qname_len, 16);
	ck_assert_mem_eq(d.qname, www_labels, sizeof www_labels);
}
END_TEST

START_TEST(test_parse_backward_pointer_chain)
{
	struct pt_dns d;

	parse_copy(pointer_chain, sizeof pointer_chain, &d);
	ck_assert_uint_eq(d.have, ALL_HAVE);
	ck_assert_uint_eq(d.flags, 0x0162);
	ck_assert_uint_eq(d.qdcount, 1);
	ck_assert_uint_eq(d.ancount, 0x0161);
	ck_assert_uint_eq(d.qname_len, sizeof www_a_b_labels);
	ck_assert_mem_eq(d.qname, www_a_b_labels, sizeof www_a_b_labels);
	/* Read after the first pointer, not after the name it leads to. */
	ck_assert_uint_eq(d.qtype, 28);
	ck_assert(!pt_dns_is_response(&d));
}
END_TEST

START_TEST(test_parse_pointer_to_itself_is_malformed)
{
	static const uint8_t at_start[] = {
		0xab, 0xcd, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
		0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01,	/* at 12: to 12 */
	};
	static const uint8_t after_label[] = {
		0xab, 0xcd, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
		1, 'a', 0xc0, 0x0e,	/* at 14: to 14 */
		0x00, 0x01, 0x00, 0x01,
	};
	struct pt_dns d;

	parse_copy(at_start, sizeof at_start, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
	ck_assert_uint_eq(d.id, 0xabcd);
	parse_copy(after_label, sizeof after_label, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
}
END_TEST

START_TEST(test_parse_forward_pointer_is_malformed)
{
	static const uint8_t msg[] = {
		0xab, 0xcd, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
		0xc0, 0x0e,		/* at 12: to 14, a good name */
		1, 'a', 0, 0x00, 0x01, 0x00, 0x01,
	};
	struct pt_dns d;

	parse_copy(msg, sizeof msg, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
}
END_TEST

START_TEST(test_parse_pointers_at_each_other_are_malformed)
{
	/*
	 * The flags (at 2) point to 4 and the qdcount (at 4) points to 2.
	 * From 12 to 4 to 2 all is backwards, until 2 points forward.
	 */
	static const uint8_t via_4[] = {
		0x00, 0x01, 0xc0, 0x04, 0xc0, 0x02, 0, 0, 0, 0, 0, 0,
		0xc0, 0x04, 0x00, 0x01, 0x00, 0x01,
	};
	static const uint8_t via_2[] = {
		0x00, 0x01, 0xc0, 0x04, 0xc0, 0x02, 0, 0, 0, 0, 0, 0,
		0xc0, 0x02, 0x00, 0x01, 0x00, 0x01,
	};
	struct pt_dns d;

	parse_copy(via_4, sizeof via_4, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
	ck_assert_uint_eq(d.qdcount, 0xc002);
	parse_copy(via_2, sizeof via_2, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
}
END_TEST

START_TEST(test_parse_loop_through_a_label_ends_malformed)
{
	/* "a" at 12, then a pointer back to it: a.a.a... */
	static const uint8_t in_question[] = {
		0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
		1, 'a', 0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01,
	};
	/* The id is the label "x" and the flags point back to it. */
	static const uint8_t in_header[] = {
		0x01, 'x', 0xc0, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
		0xc0, 0x02, 0x00, 0x01, 0x00, 0x01,
	};
	struct pt_dns d;

	/* Every pointer goes back, so only the length limit stops these. */
	parse_copy(in_question, sizeof in_question, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
	parse_copy(in_header, sizeof in_header, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
	ck_assert_uint_eq(d.id, 0x0178);
}
END_TEST

START_TEST(test_parse_pointer_cut_by_end_is_malformed)
{
	static const uint8_t msg[] = {
		0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
		1, 'a', 0xc0,		/* and no second pointer byte */
	};
	struct pt_dns d;

	parse_copy(msg, sizeof msg, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
}
END_TEST

START_TEST(test_parse_extended_label_types_are_malformed)
{
	/* 0x40 and 0x80 prefixes (RFC 6891, obsolete extended labels). */
	static const uint8_t types[] = { 0x41, 0x81, 0x7f, 0xbf };
	uint8_t msg[12 + 2 + 64 + 1 + 4];
	struct pt_dns d;
	uint32_t n;
	size_t i;

	for (i = 0; i < sizeof types; i++) {
		memset(msg, 0, sizeof msg);
		msg[5] = 1;			/* qdcount */
		msg[12] = types[i];
		msg[13] = 'a';			/* root at 14 */
		parse_copy(msg, 19, &d);
		ck_assert_msg(d.have == HEADER_HAVE, "type %#x: have %#x",
		    types[i], d.have);
	}
	/* A 64-byte label with all its bytes there: 64 is 0x40. */
	n = 12;
	msg[n++] = 64;
	memset(msg + n, 'x', 64);
	n += 64;
	msg[n++] = 0;
	msg[n++] = 0;
	msg[n++] = 1;
	msg[n++] = 0;
	msg[n++] = 1;
	parse_copy(msg, n, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
}
END_TEST

START_TEST(test_parse_label_of_63_bytes)
{
	static const uint8_t lens[] = { 63 };
	uint8_t msg[128], want[64];
	struct pt_dns d;
	uint32_t n;

	n = long_name_query(msg, lens, 1, 'x');
	parse_copy(msg, n, &d);
	ck_assert_uint_eq(d.have, ALL_HAVE);
	want[0] = 63;
	memset(want + 1, 'x', 63);
	ck_assert_uint_eq(d.qname_len, 64);
	ck_assert_mem_eq(d.qname, want, 64);
	ck_assert_uint_eq(d.qtype, 16);
}
END_TEST

START_TEST(test_parse_name_of_255_octets)
{
	/* 64 * 3 + 62 + 1 for the root: 255 */
	static const uint8_t lens[] = { 63, 63, 63, 61 };
	uint8_t small[127], msg[512];
	struct pt_dns d;
	uint32_t n;

	n = long_name_query(msg, lens, 4, 'y');
	parse_copy(msg, n, &d);
	ck_assert_uint_eq(d.have, ALL_HAVE);
	ck_assert_uint_eq(d.qname_len, 254);
	ck_assert_uint_eq(d.qname[0], 63);
	ck_assert_uint_eq(d.qname[192], 61);
	ck_assert_uint_eq(d.qname[253], 'y');
	ck_assert_uint_eq(d.qtype, 16);

	/* 127 one-byte labels: 2 * 127 + 1 */
	memset(small, 1, sizeof small);
	n = long_name_query(msg, small, sizeof small, 'z');
	parse_copy(msg, n, &d);
	ck_assert_uint_eq(d.have, ALL_HAVE);
	ck_assert_uint_eq(d.qname_len, 254);
	ck_assert_uint_eq(d.qtype, 16);
}
END_TEST

START_TEST(test_parse_name_of_256_octets_is_malformed)
{
	/* 64 * 3 + 63 + 1 */
	static const uint8_t lens[] = { 63, 63, 63, 62 };
	uint8_t small[127], msg[512];
	struct pt_dns d;
	uint32_t n;

	n = long_name_query(msg, lens, 4, 'y');
	parse_copy(msg, n, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);

	/* 126 one-byte labels and a two-byte one: 2 * 126 + 3 + 1 */
	memset(small, 1, sizeof small);
	small[126] = 2;
	n = long_name_query(msg, small, sizeof small, 'z');
	parse_copy(msg, n, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
}
END_TEST

/*
 * Labels reached through a pointer count toward the 255 octets too: the
 * header holds a 10-byte label "headerbyte" and its root (byte 11), and
 * the question is labels of 63, 63, 63 and last bytes, then a pointer to 0.
 */
static uint32_t
name_through_header(uint8_t *msg, uint8_t last)
{
	static const uint8_t header[12] = {
		10, 'h', 'e', 'a', 'd', 'e', 'r', 'b', 'y', 't', 'e', 0
	};
	uint32_t n = 12;
	int i;

	memcpy(msg, header, sizeof header);
	for (i = 0; i < 4; i++) {
		msg[n] = i < 3 ? 63 : last;
		memset(msg + n + 1, 'q', msg[n]);
		n += 1 + msg[n];
	}
	msg[n++] = 0xc0;
	msg[n++] = 0x00;
	msg[n++] = 0x00;
	msg[n++] = 0x10;
	msg[n++] = 0x00;
	msg[n++] = 0x01;
	return n;
}

START_TEST(test_parse_pointed_to_labels_count_toward_255)
{
	static const uint8_t tail[] = {
		10, 'h', 'e', 'a', 'd', 'e', 'r', 'b', 'y', 't', 'e'
	};
	uint8_t msg[512];
	struct pt_dns d;
	uint32_t n;

	/* 64 * 3 + 51 + 11 + 1 = 255 */
	n = name_through_header(msg, 50);
	parse_copy(msg, n, &d);
	ck_assert_uint_eq(d.have, ALL_HAVE);
	ck_assert_uint_eq(d.id, 0x0a68);
	ck_assert_uint_eq(d.qdcount, 0x6465);
	ck_assert_uint_eq(d.qname_len, 254);
	ck_assert_mem_eq(d.qname + 254 - sizeof tail, tail, sizeof tail);
	ck_assert_uint_eq(d.qtype, 16);

	/* One more byte: 256 */
	n = name_through_header(msg, 51);
	parse_copy(msg, n, &d);
	ck_assert_uint_eq(d.have, HEADER_HAVE);
}
END_TEST

START_TEST(test_parse_every_truncation_of_a_query)
{
	struct pt_dns want;

	memset(&want, 0, sizeof want);
	want.id = 0x1234;
	want.flags = 0x0100;
	want.qdcount = 1;
	want.ancount = 0;
	want.qname_len = sizeof www_labels;
	memcpy(want.qname, www_labels, sizeof www_labels);
	want.qtype = 28;
	check_every_truncation(query_www, sizeof query_www,
	    QUERY_WWW_NAME_END, &want);
}
END_TEST

START_TEST(test_parse_every_truncation_of_a_response)
{
	struct pt_dns want;

	memset(&want, 0, sizeof want);
	want.id = 0x1234;
	want.flags = 0x8180;
	want.qdcount = 1;
	want.ancount = 2;
	want.qname_len = sizeof www_labels;
	memcpy(want.qname, www_labels, sizeof www_labels);
	want.qtype = 28;
	check_every_truncation(response_www, sizeof response_www,
	    QUERY_WWW_NAME_END, &want);
}
END_TEST

START_TEST(test_parse_every_truncation_of_a_pointer_chain)
{
	struct pt_dns want;

	memset(&want, 0, sizeof want);
	want.id = 0x1234;
	want.flags = 0x0162;
	want.qdcount = 1;
	want.ancount = 0x0161;
	want.qname_len = sizeof www_a_b_labels;
	memcpy(want.qname, www_a_b_labels, sizeof www_a_b_labels);
	want.qtype = 28;
	check_every_truncation(pointer_chain, sizeof pointer_chain,
	    POINTER_CHAIN_NAME_END, &want);
}
END_TEST

/* ---- names, types and codes as text ------------------------------------ */

/* Writes name into a buffer of exactly PT_DNS_NAME_TEXT and compares. */
static void
check_name_text(const uint8_t *name, size_t len, const char *want)
{
	char *out = malloc(PT_DNS_NAME_TEXT);
	size_t n;

	ck_assert_ptr_nonnull(out);
	n = pt_dns_name_text(name, len, out);
	ck_assert_str_eq(out, want);
	ck_assert_uint_eq(n, strlen(want));
	free(out);
}

START_TEST(test_name_text_plain)
{
	check_name_text(NULL, 0, ".");
	check_name_text(www_labels, sizeof www_labels, "www.example.com");
	check_name_text(www_a_b_labels, sizeof www_a_b_labels, "www.a.b");
}
END_TEST

START_TEST(test_name_text_escapes)
{
	static const uint8_t dot[] = { 3, 'a', '.', 'b' };
	static const uint8_t dots[] = { 1, '.', 1, '.' };
	static const uint8_t backslash[] = { 1, '\\' };
	static const uint8_t space[] = { 3, 'a', ' ', 'b' };
	static const uint8_t tab[] = { 1, '\t' };
	static const uint8_t newline[] = { 2, 'x', '\n' };
	static const uint8_t del[] = { 1, 0x7f };
	static const uint8_t high[] = { 1, 0xff };
	static const uint8_t nul[] = { 1, 0x00 };
	static const uint8_t edges[] = { 4, '!', '"', '}', '~' };
	static const uint8_t upper[] = { 3, 'W', 'w', 'W', 2, 'C', 'h' };

	check_name_text(dot, sizeof dot, "a\\.b");
	check_name_text(dots, sizeof dots, "\\..\\.");
	check_name_text(backslash, sizeof backslash, "\\\\");
	check_name_text(space, sizeof space, "a\\032b");
	check_name_text(tab, sizeof tab, "\\009");
	check_name_text(newline, sizeof newline, "x\\010");
	check_name_text(del, sizeof del, "\\127");
	check_name_text(high, sizeof high, "\\255");
	check_name_text(nul, sizeof nul, "\\000");
	/* The first and last bytes written as they are. */
	check_name_text(edges, sizeof edges, "!\"}~");
	check_name_text(upper, sizeof upper, "WwW.Ch");
}
END_TEST

/* Reads one character of a presentation name back into its byte. */
static size_t
unescape(const char *t, uint8_t *c)
{
	if (t[0] != '\\') {
		*c = (uint8_t)t[0];
		return 1;
	}
	if (t[1] >= '0' && t[1] <= '9') {
		*c = (uint8_t)((t[1] - '0') * 100 + (t[2] - '0') * 10 +
		    (t[3] - '0'));
		return 4;
	}
	*c = (uint8_t)t[1];
	return 2;
}

START_TEST(test_name_text_every_byte_reads_back)
{
	char out[PT_DNS_NAME_TEXT];
	uint8_t name[2], back;
	size_t n, i;
	unsigned c;

	for (c = 0; c < 256; c++) {
		name[0] = 1;
		name[1] = (uint8_t)c;
		n = pt_dns_name_text(name, 2, out);
		ck_assert_uint_eq(n, strlen(out));
		/* Only "!" to "~": never a tab, newline or control. */
		for (i = 0; i < n; i++)
			ck_assert_msg(out[i] >= '!' && out[i] <= '~',
			    "byte %u: %s", c, out);
		ck_assert_msg(unescape(out, &back) == n && back == c,
		    "byte %u: %s", c, out);
		if (c >= '!' && c <= '~' && c != '.' && c != '\\')
			ck_assert_uint_eq(n, 1);
	}
}
END_TEST

START_TEST(test_name_text_longest_name_fits)
{
	/* 255 octets of labels 63, 63, 63, 61, every byte 0xff. */
	static const uint8_t lens[] = { 63, 63, 63, 61 };
	char want[PT_DNS_NAME_TEXT];
	uint8_t msg[512];
	struct pt_dns d;
	char *out;
	size_t n, i, j, w = 0;

	n = long_name_query(msg, lens, 4, 0xff);
	parse_copy(msg, (uint32_t)n, &d);
	ck_assert_uint_eq(d.have, ALL_HAVE);
	for (i = 0; i < 4; i++) {
		if (i > 0)
			want[w++] = '.';
		for (j = 0; j < lens[i]; j++) {
			memcpy(want + w, "\\255", 4);
			w += 4;
		}
	}
	want[w] = '\0';
	/* 250 bytes of 4 characters and 3 dots */
	ck_assert_uint_eq(w, 1003);

	out = malloc(PT_DNS_NAME_TEXT);
	ck_assert_ptr_nonnull(out);
	n = pt_dns_name_text(d.qname, d.qname_len, out);
	ck_assert_uint_eq(n, 1003);
	ck_assert_str_eq(out, want);
	ck_assert_ptr_null(strchr(out, '\t'));
	ck_assert_ptr_null(strchr(out, '\n'));
	free(out);
}
END_TEST

START_TEST(test_type_text)
{
	char buf[PT_DNS_CODE_TEXT];

	ck_assert_str_eq(pt_dns_type_text(1, buf), "A");
	ck_assert_str_eq(pt_dns_type_text(28, buf), "AAAA");
	ck_assert_str_eq(pt_dns_type_text(64, buf), "SVCB");
	ck_assert_str_eq(pt_dns_type_text(65, buf), "HTTPS");
	ck_assert_str_eq(pt_dns_type_text(255, buf), "ANY");
	ck_assert_str_eq(pt_dns_type_text(257, buf), "CAA");
	ck_assert_str_eq(pt_dns_type_text(32768, buf), "TA");
	/* Unassigned: RFC 3597's TYPEn, written into buf. */
	ck_assert_ptr_eq(pt_dns_type_text(0, buf), buf);
	ck_assert_str_eq(buf, "TYPE0");
	ck_assert_str_eq(pt_dns_type_text(54, buf), "TYPE54");
	ck_assert_str_eq(pt_dns_type_text(65535, buf), "TYPE65535");
}
END_TEST

START_TEST(test_rcode_text)
{
	char buf[PT_DNS_CODE_TEXT];
	char *exact;

	ck_assert_str_eq(pt_dns_rcode_text(0, buf), "NOERROR");
	ck_assert_str_eq(pt_dns_rcode_text(3, buf), "NXDOMAIN");
	ck_assert_str_eq(pt_dns_rcode_text(11, buf), "DSOTYPENI");
	ck_assert_ptr_eq(pt_dns_rcode_text(12, buf), buf);
	ck_assert_str_eq(buf, "RCODE12");
	ck_assert_str_eq(pt_dns_rcode_text(15, buf), "RCODE15");
	/* The longest: 15 characters in a buffer of exactly 16. */
	exact = malloc(PT_DNS_CODE_TEXT);
	ck_assert_ptr_nonnull(exact);
	ck_assert_str_eq(pt_dns_rcode_text(4294967295u, exact),
	    "RCODE4294967295");
	free(exact);
}
END_TEST

/* ---- pt_dnsmatch ------------------------------------------------------- */

static const uint8_t client4[16] = { 192, 0, 2, 1 };
static const uint8_t client4b[16] = { 192, 0, 2, 2 };
static const uint8_t server4[16] = { 198, 51, 100, 53 };
static const uint8_t server4b[16] = { 198, 51, 100, 54 };
static const uint8_t client6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const uint8_t client6b[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
static const uint8_t server6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x53 };

/* A packet from src to dst: the frame and time are set when it is sent. */
static struct pt_packet
flow(uint8_t ipver, uint8_t proto, const uint8_t *src, uint16_t sport,
    const uint8_t *dst, uint16_t dport)
{
	struct pt_packet pkt;

	memset(&pkt, 0, sizeof pkt);
	pkt.ipver = ipver;
	pkt.proto = proto;
	memcpy(pkt.src, src, 16);
	memcpy(pkt.dst, dst, 16);
	pkt.sport = sport;
	pkt.dport = dport;
	return pkt;
}

/* The usual query: 192.0.2.1 port 40000 to 198.51.100.53 port 53. */
static struct pt_packet
udp_query(void)
{
	return flow(4, IPPROTO_UDP, client4, 40000, server4, 53);
}

/* The other direction of a packet's flow. */
static struct pt_packet
reverse(const struct pt_packet *p)
{
	return flow(p->ipver, p->proto, p->dst, p->dport, p->src, p->sport);
}

static struct pt_dns
dns_header(uint16_t id, uint16_t flags, uint16_t ancount)
{
	struct pt_dns d;

	memset(&d, 0, sizeof d);
	d.have = HEADER_HAVE;
	d.id = id;
	d.flags = flags;
	d.qdcount = 1;
	d.ancount = ancount;
	return d;
}

static void
ask(struct pt_dnsmatch *m, struct pt_packet pkt, uint64_t frame,
    int64_t sec, uint32_t nsec, uint16_t id)
{
	struct pt_dns d = dns_header(id, 0x0100, 0);

	pkt.frame = frame;
	pkt.ts.sec = sec;
	pkt.ts.nsec = nsec;
	pt_dnsmatch_query(m, &pkt, &d);
}

/* A response sent as pkt (already from the server to the client). */
static bool
answer(struct pt_dnsmatch *m, struct pt_packet pkt, uint64_t frame,
    int64_t sec, uint32_t nsec, uint16_t id, uint16_t flags,
    uint16_t ancount)
{
	struct pt_dns d = dns_header(id, flags, ancount);

	pkt.frame = frame;
	pkt.ts.sec = sec;
	pkt.ts.nsec = nsec;
	return pt_dnsmatch_response(m, &pkt, &d);
}

static struct pt_time
at(int64_t sec, uint32_t nsec)
{
	struct pt_time t;

	t.sec = sec;
	t.nsec = nsec;
	return t;
}

/* The oldest query, which must be ready at now, then popped. */
static struct pt_dns_query
next_ready(struct pt_dnsmatch *m, const struct pt_time *now)
{
	const struct pt_dns_query *q = pt_dnsmatch_ready(m, now);
	struct pt_dns_query copy;

	ck_assert_ptr_nonnull(q);
	copy = *q;
	pt_dnsmatch_pop(m);
	return copy;
}

START_TEST(test_match_query_then_response)
{
	struct pt_packet q = udp_query();
	struct pt_dnsmatch m;
	const struct pt_dns_query *r;
	struct pt_time t;

	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 100, 0, 0xbeef);
	/* Waiting and within its time: not ready yet. */
	t = at(100, 0);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	t = at(100, 200000000);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));

	/* QR, RD, RA and NXDOMAIN (3), two answers */
	ck_assert(answer(&m, reverse(&q), 2, 100, 250000000, 0xbeef, 0x8183,
	    2));
	t = at(100, 250000000);
	r = pt_dnsmatch_ready(&m, &t);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->frame, 1);
	ck_assert_int_eq(r->ts.sec, 100);
	ck_assert_uint_eq(r->ts.nsec, 0);
	ck_assert_uint_eq(r->ipver, 4);
	ck_assert_uint_eq(r->proto, IPPROTO_UDP);
	ck_assert_mem_eq(r->client, client4, 4);
	ck_assert_mem_eq(r->server, server4, 4);
	ck_assert_uint_eq(r->cport, 40000);
	ck_assert_uint_eq(r->sport, 53);
	ck_assert_uint_eq(r->id, 0xbeef);
	ck_assert(r->answered);
	ck_assert(!r->waiting);
	ck_assert(r->have_rcode);
	ck_assert_uint_eq(r->rcode, 3);
	ck_assert(r->have_answers);
	ck_assert_uint_eq(r->answers, 2);
	ck_assert_int_eq(r->answer_ts.sec, 100);
	ck_assert_uint_eq(r->answer_ts.nsec, 250000000);
	pt_dnsmatch_pop(&m);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));
	/* Answered once: the same response again finds nothing. */
	ck_assert(!answer(&m, reverse(&q), 3, 100, 300000000, 0xbeef, 0x8183,
	    2));
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_response_with_only_an_id)
{
	struct pt_packet q = udp_query();
	struct pt_packet r = reverse(&q);
	struct pt_dnsmatch m;
	struct pt_dns_query got;
	struct pt_dns d;

	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 0, 0, 0x0102);
	/* A response cut after 3 bytes: the id and nothing else. */
	memset(&d, 0, sizeof d);
	d.have = PT_DNS_ID;
	d.id = 0x0102;
	r.frame = 2;
	r.ts = at(0, 5);
	ck_assert(pt_dnsmatch_response(&m, &r, &d));
	got = next_ready(&m, NULL);
	ck_assert(got.answered);
	ck_assert(!got.have_rcode);
	ck_assert(!got.have_answers);
	ck_assert_uint_eq(got.answer_ts.nsec, 5);
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_ready_in_query_order)
{
	struct pt_packet q = udp_query();
	struct pt_dnsmatch m;
	struct pt_dns_query got;
	struct pt_time t;

	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 1, 0, 1);
	ask(&m, q, 2, 2, 0, 2);
	/* The second answered first: it waits behind the first. */
	ck_assert(answer(&m, reverse(&q), 3, 3, 0, 2, 0x8180, 1));
	t = at(3, 0);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	ck_assert(answer(&m, reverse(&q), 4, 4, 0, 1, 0x8180, 5));
	t = at(4, 0);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 1);
	ck_assert_uint_eq(got.answers, 5);
	ck_assert_int_eq(got.answer_ts.sec, 4);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 2);
	ck_assert_uint_eq(got.answers, 1);
	ck_assert_int_eq(got.answer_ts.sec, 3);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));

	/* The same, but the first is never answered: out at its timeout. */
	ask(&m, q, 5, 10, 0, 1);
	ask(&m, q, 6, 11, 0, 2);
	ck_assert(answer(&m, reverse(&q), 7, 12, 0, 2, 0x8180, 1));
	t = at(40, 0);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	t = at(40, 1);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 5);
	ck_assert(!got.answered);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 6);
	ck_assert(got.answered);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_retry_answered_earliest_first)
{
	struct pt_packet q = udp_query();
	struct pt_dnsmatch m;
	struct pt_dns_query got;

	pt_dnsmatch_init(&m, 30 * SEC);
	/* The same query twice: same key. */
	ask(&m, q, 1, 1, 0, 77);
	ask(&m, q, 2, 2, 0, 77);
	ck_assert(answer(&m, reverse(&q), 3, 3, 0, 77, 0x8180, 1));
	/* NOTZONE (10): all four bits of the rcode */
	ck_assert(answer(&m, reverse(&q), 4, 4, 0, 77, 0x818a, 0));
	/* Two queries, two answers: a third finds none. */
	ck_assert(!answer(&m, reverse(&q), 5, 5, 0, 77, 0x8180, 1));
	got = next_ready(&m, NULL);
	ck_assert_uint_eq(got.frame, 1);
	ck_assert_int_eq(got.answer_ts.sec, 3);
	ck_assert_uint_eq(got.rcode, 0);
	got = next_ready(&m, NULL);
	ck_assert_uint_eq(got.frame, 2);
	ck_assert_int_eq(got.answer_ts.sec, 4);
	ck_assert_uint_eq(got.rcode, 10);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));

	/* Three: the third joins the chain after its first has gone. */
	ask(&m, q, 6, 6, 0, 78);
	ask(&m, q, 7, 7, 0, 78);
	ck_assert(answer(&m, reverse(&q), 8, 8, 0, 78, 0x8180, 1));
	ask(&m, q, 9, 9, 0, 78);
	ck_assert(answer(&m, reverse(&q), 10, 10, 0, 78, 0x8180, 1));
	ck_assert(answer(&m, reverse(&q), 11, 11, 0, 78, 0x8180, 1));
	ck_assert(!answer(&m, reverse(&q), 12, 12, 0, 78, 0x8180, 1));
	ck_assert_int_eq(next_ready(&m, NULL).answer_ts.sec, 8);
	ck_assert_int_eq(next_ready(&m, NULL).answer_ts.sec, 10);
	ck_assert_int_eq(next_ready(&m, NULL).answer_ts.sec, 11);

	/* And three asked before any answer. */
	ask(&m, q, 13, 13, 0, 79);
	ask(&m, q, 14, 14, 0, 79);
	ask(&m, q, 15, 15, 0, 79);
	ck_assert(answer(&m, reverse(&q), 16, 16, 0, 79, 0x8180, 1));
	ck_assert(answer(&m, reverse(&q), 17, 17, 0, 79, 0x8180, 1));
	ck_assert(answer(&m, reverse(&q), 18, 18, 0, 79, 0x8180, 1));
	ck_assert_int_eq(next_ready(&m, NULL).answer_ts.sec, 16);
	ck_assert_int_eq(next_ready(&m, NULL).answer_ts.sec, 17);
	ck_assert_int_eq(next_ready(&m, NULL).answer_ts.sec, 18);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_key_fields_must_all_agree)
{
	struct pt_packet q = udp_query();
	struct pt_packet r = reverse(&q), bad;
	struct pt_dnsmatch m;
	struct pt_dns_query got;

	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 1, 0, 7);

	bad = r;
	bad.proto = IPPROTO_TCP;
	ck_assert(!answer(&m, bad, 2, 2, 0, 7, 0x8180, 1));
	bad = r;
	bad.dport = 40001;		/* client port */
	ck_assert(!answer(&m, bad, 3, 3, 0, 7, 0x8180, 1));
	bad = r;
	memcpy(bad.dst, client4b, 16);	/* client address */
	ck_assert(!answer(&m, bad, 4, 4, 0, 7, 0x8180, 1));
	bad = r;
	memcpy(bad.src, server4b, 16);	/* server address */
	ck_assert(!answer(&m, bad, 5, 5, 0, 7, 0x8180, 1));
	ck_assert(!answer(&m, r, 6, 6, 0, 8, 0x8180, 1));	/* id */
	/* From the client to the server: the roles are the wrong way. */
	ck_assert(!answer(&m, q, 7, 7, 0, 7, 0x8180, 1));

	ck_assert(answer(&m, r, 8, 8, 0, 7, 0x8180, 1));
	got = next_ready(&m, NULL);
	ck_assert(got.answered);
	ck_assert_int_eq(got.answer_ts.sec, 8);
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_server_port_not_in_key)
{
	struct pt_packet q = udp_query();
	struct pt_packet r = reverse(&q);
	struct pt_dnsmatch m;

	/* The key is proto, client address and port, server address, id. */
	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 1, 0, 7);
	r.sport = 5353;
	ck_assert(answer(&m, r, 2, 2, 0, 7, 0x8180, 1));
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_ipv4_and_ipv6_never_match)
{
	/* Same 16 address bytes, same ports and id, only ipver differs. */
	struct pt_packet q4 = udp_query();
	struct pt_packet q6 = flow(6, IPPROTO_UDP, client4, 40000, server4, 53);
	struct pt_packet v6 = flow(6, IPPROTO_UDP, client6, 40000, server6, 53);
	struct pt_packet bad;
	struct pt_dnsmatch m;
	struct pt_dns_query got;

	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q4, 1, 1, 0, 9);
	ck_assert(!answer(&m, reverse(&q6), 2, 2, 0, 9, 0x8180, 1));
	pt_dnsmatch_free(&m);

	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q6, 1, 1, 0, 9);
	ck_assert(!answer(&m, reverse(&q4), 2, 2, 0, 9, 0x8180, 1));
	ck_assert(answer(&m, reverse(&q6), 3, 3, 0, 9, 0x8180, 1));
	pt_dnsmatch_free(&m);

	/* All 16 bytes of an IPv6 address count. */
	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, v6, 1, 1, 0, 9);
	bad = reverse(&v6);
	memcpy(bad.dst, client6b, 16);
	ck_assert(!answer(&m, bad, 2, 2, 0, 9, 0x8180, 1));
	ck_assert(answer(&m, reverse(&v6), 3, 3, 0, 9, 0x8180, 4));
	got = next_ready(&m, NULL);
	ck_assert_uint_eq(got.ipver, 6);
	ck_assert_mem_eq(got.client, client6, 16);
	ck_assert_mem_eq(got.server, server6, 16);
	ck_assert_uint_eq(got.answers, 4);
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_response_at_exactly_the_timeout)
{
	struct pt_packet q = udp_query();
	struct pt_packet r = reverse(&q);
	struct pt_dnsmatch m;

	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 10, 500000000, 1);
	ask(&m, q, 2, 10, 500000000, 2);
	ask(&m, q, 3, 10, 999999999, 3);
	ask(&m, q, 4, 10, 999999999, 4);
	ask(&m, q, 5, 10, 999999999, 5);
	/* Waited exactly 30 s: still answers. */
	ck_assert(answer(&m, r, 5, 40, 500000000, 1, 0x8180, 1));
	/* 30.000000001 s: too late. */
	ck_assert(!answer(&m, r, 6, 40, 500000001, 2, 0x8180, 1));
	/* The same across a second boundary. */
	ck_assert(answer(&m, r, 7, 40, 999999999, 4, 0x8180, 1));
	ck_assert(!answer(&m, r, 8, 41, 0, 3, 0x8180, 1));
	/* 29.000000001 s: fewer nanoseconds now than then, still in time. */
	ck_assert(answer(&m, r, 9, 40, 0, 5, 0x8180, 1));
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_unanswered_query_ready_after_timeout)
{
	struct pt_packet q = udp_query();
	struct pt_dnsmatch m;
	struct pt_dns_query got;
	struct pt_time t;

	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 5, 0, 1);
	t = at(35, 0);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	t = at(35, 1);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 1);
	ck_assert(!got.answered);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));

	/* Times whose nanoseconds are smaller now than then. */
	ask(&m, q, 2, 5, 900000000, 2);
	t = at(35, 500000000);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	t = at(35, 900000000);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	t = at(35, 900000001);
	ck_assert_uint_eq(next_ready(&m, &t).frame, 2);
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_far_future_time_expires)
{
	struct pt_packet q = udp_query();
	struct pt_dnsmatch m;
	struct pt_time t;

	/* 10^15 s on: in nanoseconds more than 64 bits hold. */
	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 0, 0, 1);
	ask(&m, q, 2, 0, 0, 2);
	ck_assert(!answer(&m, reverse(&q), 3, INT64_C(1000000000000000), 0, 1,
	    0x8180, 1));
	t = at(INT64_C(1000000000000000), 0);
	ck_assert(!next_ready(&m, &t).answered);
	ck_assert(!next_ready(&m, &t).answered);
	pt_dnsmatch_free(&m);
}
END_TEST

/* A time far before the query's (a damaged timestamp): not expired. */
START_TEST(test_match_time_far_before_query_is_not_expired)
{
	struct pt_packet q = udp_query();
	struct pt_dnsmatch m;
	struct pt_time t = at(1700000000, 0);

	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, INT64_C(1000000000000000), 0, 1);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	ck_assert(answer(&m, reverse(&q), 2, INT64_C(1000000000000000), 5, 1,
	    0x8180, 1));
	ck_assert(next_ready(&m, &t).answered);
	pt_dnsmatch_free(&m);
}
END_TEST

/*
 * The ends of int64 seconds (pcapng at 1 s holds any 64-bit time; libpcap
 * gives 2^63 as -2^63): waiting is defined, the difference saturates.
 */
START_TEST(test_match_extreme_times_are_defined)
{
	struct pt_packet q = udp_query();
	struct pt_dnsmatch m;
	struct pt_dns_query got;
	struct pt_time t;

	/* Asked at the end of time, answered "before": not expired. */
	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, INT64_MAX, 999999999, 1);
	ck_assert(answer(&m, reverse(&q), 2, INT64_MIN, 0, 1, 0x8180, 1));
	t = at(INT64_MIN, 0);
	got = next_ready(&m, &t);
	ck_assert(got.answered);
	/* Asked at the start of time: 2^64 s later is past the timeout. */
	ask(&m, q, 3, INT64_MIN, 0, 2);
	t = at(INT64_MAX, 999999999);
	ck_assert(!answer(&m, reverse(&q), 4, INT64_MAX, 999999999, 2, 0x8180,
	    1));
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 3);
	ck_assert(!got.answered);
	pt_dnsmatch_free(&m);

	/* The largest timeout pcapdns takes (10^9 s), to the nanosecond. */
	pt_dnsmatch_init(&m, INT64_C(1000000000) * SEC);
	ask(&m, q, 1, INT64_MAX - INT64_C(1000000000), 0, 1);
	t = at(INT64_MAX, 0);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	t = at(INT64_MAX, 1);
	ck_assert_uint_eq(next_ready(&m, &t).frame, 1);
	/* A timeout near INT64_MAX ns: no product to overflow. */
	pt_dnsmatch_free(&m);
	pt_dnsmatch_init(&m, INT64_MAX);
	ask(&m, q, 1, 0, 0, 1);
	t = at(INT64_MAX / SEC, (uint32_t)(INT64_MAX % SEC));
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	t = at(INT64_MAX / SEC, (uint32_t)(INT64_MAX % SEC) + 1);
	ck_assert_uint_eq(next_ready(&m, &t).frame, 1);
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_late_response_answers_later_retry)
{
	struct pt_packet q = udp_query();
	struct pt_packet r = reverse(&q);
	struct pt_dnsmatch m;
	struct pt_dns_query got;
	struct pt_time t = at(30, 500000000);

	/* The expired query already gone when the response comes. */
	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 0, 0, 9);
	ask(&m, q, 2, 20, 0, 9);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 1);
	ck_assert(!got.answered);
	ck_assert(answer(&m, r, 3, 30, 500000000, 9, 0x8180, 1));
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 2);
	ck_assert(got.answered);
	ck_assert_uint_eq(got.answer_ts.nsec, 500000000);
	pt_dnsmatch_free(&m);

	/* Still in the ring: skipped, not answered. */
	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 0, 0, 9);
	ask(&m, q, 2, 20, 0, 9);
	ck_assert(answer(&m, r, 3, 30, 500000000, 9, 0x8180, 1));
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 1);
	ck_assert(!got.answered);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 2);
	ck_assert(got.answered);
	pt_dnsmatch_free(&m);

	/* No later query: the late response answers nothing. */
	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 0, 0, 9);
	ck_assert(!answer(&m, r, 2, 30, 500000000, 9, 0x8180, 1));
	got = next_ready(&m, &t);
	ck_assert(!got.answered);
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_end_releases_all_in_order)
{
	struct pt_packet q = udp_query();
	struct pt_dnsmatch m;
	struct pt_dns_query got;
	struct pt_time t = at(4, 0);

	pt_dnsmatch_init(&m, 30 * SEC);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));
	ask(&m, q, 1, 1, 0, 1);
	ask(&m, q, 2, 2, 0, 2);
	ask(&m, q, 3, 3, 0, 3);
	ck_assert(answer(&m, reverse(&q), 4, 4, 0, 2, 0x8180, 1));
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	got = next_ready(&m, NULL);
	ck_assert_uint_eq(got.frame, 1);
	ck_assert(!got.answered);
	got = next_ready(&m, NULL);
	ck_assert_uint_eq(got.frame, 2);
	ck_assert(got.answered);
	got = next_ready(&m, NULL);
	ck_assert_uint_eq(got.frame, 3);
	ck_assert(!got.answered);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_query_without_id_is_ready_in_its_turn)
{
	struct pt_packet q = udp_query();
	struct pt_packet r = reverse(&q);
	struct pt_dnsmatch m;
	struct pt_dns_query got;
	struct pt_dns noid;
	struct pt_time t;

	/* A query cut after 1 byte; its id field holds 5 all the same. */
	memset(&noid, 0, sizeof noid);
	noid.id = 5;

	pt_dnsmatch_init(&m, 30 * SEC);
	q.frame = 1;
	q.ts = at(0, 0);
	pt_dnsmatch_query(&m, &q, &noid);
	ask(&m, q, 2, 1, 0, 5);
	/* Ready at once, before any timeout. */
	t = at(1, 0);
	ck_assert_ptr_nonnull(pt_dnsmatch_ready(&m, &t));
	/* The response answers the query that has an id. */
	ck_assert(answer(&m, r, 3, 2, 0, 5, 0x8180, 1));
	ck_assert(!answer(&m, r, 4, 3, 0, 5, 0x8180, 1));
	t = at(3, 0);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 1);
	ck_assert(!got.answered);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 2);
	ck_assert_int_eq(got.answer_ts.sec, 2);

	/* Behind a waiting query it waits its turn. */
	ask(&m, q, 5, 10, 0, 6);
	q.frame = 6;
	q.ts = at(11, 0);
	pt_dnsmatch_query(&m, &q, &noid);
	t = at(11, 0);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	ck_assert(answer(&m, r, 7, 12, 0, 6, 0x8180, 1));
	t = at(12, 0);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 5);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 6);
	ck_assert(!got.answered);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_response_without_id_answers_nothing)
{
	struct pt_packet q = udp_query();
	struct pt_packet r = reverse(&q);
	struct pt_dnsmatch m;
	struct pt_dns d;

	pt_dnsmatch_init(&m, 30 * SEC);
	ask(&m, q, 1, 1, 0, 0);
	memset(&d, 0, sizeof d);	/* id field 0, as the query's */
	r.frame = 2;
	r.ts = at(2, 0);
	ck_assert(!pt_dnsmatch_response(&m, &r, &d));
	ck_assert(answer(&m, r, 3, 3, 0, 0, 0x8180, 1));
	pt_dnsmatch_free(&m);
}
END_TEST

enum { MANY = 100000 };

/* Query i of many: a key of its own from its client port and id. */
static struct pt_packet
many_flow(uint32_t i)
{
	return flow(4, IPPROTO_UDP, client4, (uint16_t)(10000 + (i >> 16)),
	    server4, 53);
}


static uint32_t
reverse_order(uint32_t k)
{
	return MANY - 1 - k;
}

/* 7919 is a prime that divides no power of 10: a permutation. */
static uint32_t
shuffled_order(uint32_t k)
{
	return (uint32_t)((uint64_t)k * 7919 % MANY);
}

/*
 * Asks MANY queries and answers them in the order order(k) (the query
 * answered k-th), each response at 1 s + k us; they must come out in
 * query order, each with the time of its own response.
 */
static void
many_answered(uint32_t (*order)(uint32_t))
{
	uint32_t *when = malloc(MANY * sizeof *when);
	struct pt_dnsmatch m;
	struct pt_dns_query got;
	struct pt_packet p;
	struct pt_time t;
	uint32_t i, k;

	ck_assert_ptr_nonnull(when);
	pt_dnsmatch_init(&m, 30 * SEC);
	for (i = 0; i < MANY; i++)
		ask(&m, many_flow(i), i + 1, 0, i * 1000, (uint16_t)i);
	t = at(0, MANY * 1000);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	for (k = 0; k < MANY; k++) {
		i = order(k);
		when[i] = k;
		p = many_flow(i);
		ck_assert_msg(answer(&m, reverse(&p), MANY + k + 1, 1,
		    k * 1000, (uint16_t)i, 0x8180, 1), "query %u", i);
	}
	t = at(1, MANY * 1000);
	for (i = 0; i < MANY; i++) {
		got = next_ready(&m, &t);
		ck_assert_uint_eq(got.frame, i + 1);
		ck_assert_uint_eq(got.cport, 10000 + (i >> 16));
		ck_assert_uint_eq(got.id, i & 0xffff);
		ck_assert(got.answered);
		ck_assert_int_eq(got.answer_ts.sec, 1);
		ck_assert_uint_eq(got.answer_ts.nsec, when[i] * 1000);
	}
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));
	pt_dnsmatch_free(&m);
	free(when);
}

START_TEST(test_match_many_answered_in_reverse)
{
	many_answered(reverse_order);
}
END_TEST

START_TEST(test_match_many_answered_shuffled)
{
	/* Keys leave the index in no order: deletions amid probe runs. */
	many_answered(shuffled_order);
}
END_TEST

START_TEST(test_match_ring_grows_while_wrapped)
{
	struct pt_dnsmatch m;
	struct pt_dns_query got;
	struct pt_packet p;
	struct pt_time t;
	uint32_t i;

	/*
	 * 200 queries, 150 of them out: the oldest no longer sits at the
	 * start of the ring (256 at first) when it has to grow.
	 */
	pt_dnsmatch_init(&m, 30 * SEC);
	for (i = 0; i < 200; i++)
		ask(&m, many_flow(i), i + 1, 0, i, (uint16_t)i);
	for (i = 0; i < 150; i++) {
		p = many_flow(i);
		ck_assert(answer(&m, reverse(&p), 1000 + i, 1, i, (uint16_t)i,
		    0x8180, 1));
	}
	t = at(2, 0);
	for (i = 0; i < 150; i++)
		ck_assert_uint_eq(next_ready(&m, &t).frame, i + 1);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, &t));
	for (i = 200; i < 500; i++)
		ask(&m, many_flow(i), i + 1, 3, i, (uint16_t)i);
	/* Newest first, each found through the grown ring. */
	for (i = 500; i-- > 150;) {
		p = many_flow(i);
		ck_assert_msg(answer(&m, reverse(&p), 2000 + i, 4, i,
		    (uint16_t)i, 0x8180, 1), "query %u", i);
	}
	t = at(5, 0);
	for (i = 150; i < 500; i++) {
		got = next_ready(&m, &t);
		ck_assert_uint_eq(got.frame, i + 1);
		ck_assert(got.answered);
		ck_assert_int_eq(got.answer_ts.sec, 4);
		ck_assert_uint_eq(got.answer_ts.nsec, i);
	}
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));
	pt_dnsmatch_free(&m);
}
END_TEST

/* Query i's name: len bytes, each (i + j) mod 251. */
static uint8_t
name_of(uint32_t i, uint8_t name[PT_DNS_NAME_MAX])
{
	uint8_t len = (uint8_t)(i * 37 % 256 == 255 ? 0 : i * 37 % 256);
	uint32_t j;

	for (j = 0; j < len; j++)
		name[j] = (uint8_t)((i + j) % 251);
	return len;
}

static void
ask_named(struct pt_dnsmatch *m, uint32_t i)
{
	struct pt_packet pkt = udp_query();
	struct pt_dns d = dns_header((uint16_t)i, 0x0100, 0);

	d.have |= PT_DNS_QNAME | PT_DNS_QTYPE;
	d.qname_len = name_of(i, d.qname);
	d.qtype = 1;
	pkt.frame = i + 1;
	pt_dnsmatch_query(m, &pkt, &d);
}

/* The oldest query is query i: its name, then popped. */
static void
pop_named(struct pt_dnsmatch *m, uint32_t i)
{
	uint8_t want[PT_DNS_NAME_MAX], buf[PT_DNS_NAME_MAX];
	const struct pt_dns_query *q = pt_dnsmatch_ready(m, NULL);
	uint8_t len = name_of(i, want);

	ck_assert_ptr_nonnull(q);
	ck_assert_uint_eq(q->frame, i + 1);
	ck_assert_uint_eq(q->qname_len, len);
	ck_assert_mem_eq(pt_dnsmatch_qname(m, buf), want, len);
	pt_dnsmatch_pop(m);
}

/* Names of every length, kept by length, as both rings wrap and grow. */
START_TEST(test_match_names_kept_by_length)
{
	struct pt_dnsmatch m;
	uint32_t asked = 0, popped = 0, round, k;

	pt_dnsmatch_init(&m, 30 * SEC);
	/* More waiting each round, some taken off: wraps, then growth. */
	for (round = 1; round <= 40; round++) {
		for (k = 0; k < 100 * round; k++)
			ask_named(&m, asked++);
		for (k = 0; k < 60 * round; k++)
			pop_named(&m, popped++);
	}
	while (popped < asked)
		pop_named(&m, popped++);
	ck_assert_ptr_null(pt_dnsmatch_ready(&m, NULL));
	ck_assert_uint_eq(m.names_head, m.names_tail);
	pt_dnsmatch_free(&m);
}
END_TEST

/* The names' cap: full before their bytes would pass it. */
START_TEST(test_match_full_at_names_max)
{
	struct pt_packet q = udp_query();
	struct pt_dns d = dns_header(1, 0x0100, 0), plain = d;
	struct pt_dnsmatch m;
	uint32_t i, n = PT_DNS_NAMES_MAX / 254;

	d.have |= PT_DNS_QNAME;
	d.qname_len = 254;
	memset(d.qname, 'x', 254);
	pt_dnsmatch_init(&m, 30 * SEC);
	for (i = 0; i < n; i++) {
		ck_assert(!pt_dnsmatch_full(&m, &d));
		pt_dnsmatch_query(&m, &q, &d);
	}
	ck_assert(pt_dnsmatch_full(&m, &d));
	/* A query with no name still fits. */
	ck_assert(!pt_dnsmatch_full(&m, &plain));
	ck_assert_uint_le(m.names_cap, PT_DNS_NAMES_MAX);
	pt_dnsmatch_pop(&m);
	ck_assert(!pt_dnsmatch_full(&m, &d));
	pt_dnsmatch_free(&m);
}
END_TEST

/* A record without its name: small (a figure pcapdns(1) gives). */
START_TEST(test_match_query_record_is_small)
{
	ck_assert_uint_le(sizeof(struct pt_dns_query), 112);
}
END_TEST

START_TEST(test_match_full_at_pending_max)
{
	struct pt_packet q = udp_query();
	struct pt_dnsmatch m;
	struct pt_dns_query got;
	struct pt_time t;
	uint32_t i;

	struct pt_dns plain = dns_header(1, 0x0100, 0);

	/* Retries of one key: only the ring grows, to 2^20 queries. */
	pt_dnsmatch_init(&m, 30 * SEC);
	for (i = 0; i < PT_DNS_PENDING_MAX - 1; i++)
		ask(&m, q, i + 1, 0, 0, 1);
	ck_assert(!pt_dnsmatch_full(&m, &plain));
	ask(&m, q, PT_DNS_PENDING_MAX, 0, 0, 1);
	ck_assert(pt_dnsmatch_full(&m, &plain));
	got = next_ready(&m, NULL);
	ck_assert_uint_eq(got.frame, 1);
	ck_assert(!got.answered);
	ck_assert(!pt_dnsmatch_full(&m, &plain));
	/* The first left the key's chain: the response answers the second. */
	ck_assert(answer(&m, reverse(&q), PT_DNS_PENDING_MAX + 1, 1, 0, 1,
	    0x8180, 1));
	t = at(1, 0);
	got = next_ready(&m, &t);
	ck_assert_uint_eq(got.frame, 2);
	ck_assert(got.answered);
	pt_dnsmatch_free(&m);
}
END_TEST

/*
 * Keys that collide.  Different keys almost never share a 32-bit hash, so
 * only the comparison of whole keys in a collision shows whether every
 * field counts, and only chosen hashes fill the slots at the end of the
 * index.  The index hash is the top half of key[0] + key[1] w[0] + ...
 * over the key's 32-bit words, and its key is a public field: a test sets
 * the multipliers to 0 to make keys collide.  The words are those of
 * dnsmatch.c's key_hash(): client, server, cport << 16 | id, protocol.
 */
static void
hash_keys(struct pt_dnsmatch *m, uint32_t base, int word, uint64_t mult)
{
	memset(m->index.key, 0, sizeof m->index.key);
	m->index.key[0] = (uint64_t)base << 32;
	if (word >= 0)
		m->index.key[word + 1] = mult;
}

enum field { F_ID, F_CPORT, F_CLIENT, F_SERVER, F_CLIENT6, F_SERVER6 };

/* A query that differs from the usual one only in field f, by v. */
static struct pt_packet
varied(enum field f, uint32_t v, uint16_t *id)
{
	struct pt_packet q = udp_query();

	if (f == F_CLIENT6 || f == F_SERVER6)
		q = flow(6, IPPROTO_UDP, client6, 40000, server6, 53);
	*id = 7;
	switch (f) {
	case F_ID:
		*id = (uint16_t)v;
		break;
	case F_CPORT:
		q.sport = (uint16_t)v;
		break;
	case F_CLIENT:
		q.src[3] = (uint8_t)v;
		break;
	case F_SERVER:
		q.dst[3] = (uint8_t)v;
		break;
	case F_CLIENT6:		/* the last bytes: all 16 count */
		q.src[15] = (uint8_t)v;
		break;
	case F_SERVER6:
		q.dst[15] = (uint8_t)v;
		break;
	}
	return q;
}

/*
 * Under m's hash, queries qa (id ida) and qb (id idb) hash alike: b's
 * response must not answer a's query, and each answers its own.
 */
static void
check_collision(void (*set)(struct pt_dnsmatch *), const struct pt_packet *qa,
    uint16_t ida, const struct pt_packet *qb, uint16_t idb)
{
	struct pt_dnsmatch m;

	pt_dnsmatch_init(&m, 30 * SEC);
	set(&m);
	ask(&m, *qa, 1, 1, 0, ida);
	ck_assert(!answer(&m, reverse(qb), 2, 2, 0, idb, 0x8180, 1));
	ask(&m, *qb, 3, 3, 0, idb);
	ck_assert(answer(&m, reverse(qb), 4, 4, 0, idb, 0x8180, 2));
	ck_assert(answer(&m, reverse(qa), 5, 5, 0, ida, 0x8180, 1));
	ck_assert_uint_eq(next_ready(&m, NULL).answers, 1);
	ck_assert_uint_eq(next_ready(&m, NULL).answers, 2);
	pt_dnsmatch_free(&m);
}

/* Every key hashes alike: only the comparison of keys tells them apart. */
static void
all_collide(struct pt_dnsmatch *m)
{
	hash_keys(m, 12345, -1, 0);
}

START_TEST(test_match_same_hash_other_key_does_not_match)
{
	static const enum field fields[] = {
		F_ID, F_CPORT, F_CLIENT, F_SERVER, F_CLIENT6, F_SERVER6
	};
	struct pt_packet qa, qb;
	uint16_t ida, idb;
	size_t i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		qa = varied(fields[i], 1, &ida);
		qb = varied(fields[i], 2, &idb);
		check_collision(all_collide, &qa, ida, &qb, idb);
	}
}
END_TEST

START_TEST(test_match_same_hash_other_proto_or_ipver_does_not_match)
{
	struct pt_packet udp = udp_query(), tcp = udp_query(), v6 = udp_query();

	tcp.proto = IPPROTO_TCP;
	/* The same 16 address bytes as udp's, as IPv6 */
	v6.ipver = 6;
	check_collision(all_collide, &udp, 7, &tcp, 7);
	check_collision(all_collide, &tcp, 7, &udp, 7);
	check_collision(all_collide, &udp, 7, &v6, 7);
	check_collision(all_collide, &v6, 7, &udp, 7);
}
END_TEST

/*
 * The usual query with id i has its home in slot (base + cport << 16 +
 * i) & mask: only the word of cport and id counts (word 2 of an IPv4
 * key).
 */
static void
homes_by_id(struct pt_dnsmatch *m, uint32_t base)
{
	hash_keys(m, base, 2, (uint64_t)1 << 32);
}

START_TEST(test_match_index_runs_across_the_table_end)
{
	struct pt_packet q = udp_query();
	struct pt_packet r = reverse(&q);
	struct pt_dnsmatch m;
	uint32_t last;

	/*
	 * Three keys at home in the last slot fill it and the first two.
	 * Emptying the middle one must move the third back across the end.
	 */
	pt_dnsmatch_init(&m, 30 * SEC);
	last = (uint32_t)m.index.mask;
	hash_keys(&m, last, -1, 0);
	ask(&m, q, 1, 1, 0, 100);
	ask(&m, q, 2, 1, 0, 101);
	ask(&m, q, 3, 1, 0, 102);
	ck_assert(answer(&m, r, 4, 2, 0, 101, 0x8180, 1));
	ck_assert(answer(&m, r, 5, 2, 0, 102, 0x8180, 1));
	ck_assert(answer(&m, r, 6, 2, 0, 100, 0x8180, 1));
	pt_dnsmatch_free(&m);

	/*
	 * One key at home in the last slot, one in the first: emptying the
	 * last must leave the first where it is.  Id 0 goes to the last
	 * slot, id 1 to the first.
	 */
	pt_dnsmatch_init(&m, 30 * SEC);
	homes_by_id(&m, last - ((uint32_t)q.sport << 16));
	ask(&m, q, 1, 1, 0, 0);
	ask(&m, q, 2, 1, 0, 1);
	ck_assert(answer(&m, r, 3, 2, 0, 0, 0x8180, 1));
	ck_assert(answer(&m, r, 4, 2, 0, 1, 0x8180, 1));
	pt_dnsmatch_free(&m);
}
END_TEST

START_TEST(test_match_expired_query_leaves_its_slot_to_its_neighbour)
{
	struct pt_packet q = udp_query();
	struct pt_packet r = reverse(&q);
	struct pt_dnsmatch m;
	struct pt_dns_query got;

	/* Two keys at home in slot 7: the second goes into slot 8. */
	pt_dnsmatch_init(&m, 30 * SEC);
	hash_keys(&m, 7, -1, 0);
	ask(&m, q, 1, 0, 0, 1);
	ask(&m, q, 2, 20, 0, 2);
	/*
	 * Too late for the first: forgetting it empties slot 7, and the
	 * second moves there.  It is still not the first's key.
	 */
	ck_assert(!answer(&m, r, 3, 31, 0, 1, 0x8180, 1));
	ck_assert(answer(&m, r, 4, 32, 0, 2, 0x8180, 1));
	got = next_ready(&m, NULL);
	ck_assert(!got.answered);
	got = next_ready(&m, NULL);
	ck_assert(got.answered);
	ck_assert_int_eq(got.answer_ts.sec, 32);
	pt_dnsmatch_free(&m);
}
END_TEST

/* ---- pt_dnstcp --------------------------------------------------------- */

/* What the callback was handed, message by message. */
/* Its start was gathered from segments: in no segment. */
#define GATHERED (UINT32_MAX - 1)

struct message {
	uint64_t frame;
	uint32_t off;		/* where it starts in its segment, or GATHERED */
	uint32_t caplen;
	uint8_t head[8];	/* its first bytes */
	struct pt_dns dns;	/* what they say */
};

struct messages {
	size_t n;
	struct message m[16];
};

static void
record(void *ctx, const struct pt_packet *pkt, const uint8_t *msg,
    uint32_t caplen)
{
	struct messages *ms = ctx;
	struct message *m;

	ck_assert_uint_lt(ms->n, sizeof ms->m / sizeof ms->m[0]);
	m = &ms->m[ms->n++];
	memset(m, 0, sizeof *m);
	m->frame = pkt->frame;
	m->caplen = caplen;
	m->off = UINT32_MAX;
	if (caplen > 0) {
		ck_assert_uint_le(caplen, 65535);
		if (pkt->payload_caplen > 0 && msg >= pkt->payload &&
		    msg < pkt->payload + pkt->payload_caplen) {
			/* Bytes that were captured, in this segment. */
			ck_assert_uint_le((size_t)(msg - pkt->payload) +
			    caplen, pkt->payload_caplen);
			m->off = (uint32_t)(msg - pkt->payload);
		} else {
			/* Gathered: no more than the bound. */
			ck_assert_uint_le(caplen, PT_DNSTCP_GATHER);
			m->off = GATHERED;
		}
		memcpy(m->head, msg, caplen < sizeof m->head ? caplen :
		    sizeof m->head);
	}
	parse_copy(msg, caplen, &m->dns);
}

/*
 * Feeds a segment of len payload bytes from seq, caplen of them
 * captured: a copy of exactly caplen bytes, so reading more is caught.
 */
static void
segment_cut(struct pt_dnstcp *s, struct messages *ms, uint64_t frame,
    uint8_t flags, uint32_t seq, const uint8_t *data, uint32_t len,
    uint32_t caplen)
{
	uint8_t *copy = malloc(caplen);
	struct pt_packet pkt;

	ck_assert(copy != NULL || caplen == 0);
	if (caplen > 0)
		memcpy(copy, data, caplen);
	memset(&pkt, 0, sizeof pkt);
	pkt.frame = frame;
	pkt.ipver = 4;
	pkt.proto = IPPROTO_TCP;
	pkt.tcpflags = flags;
	pkt.seq = seq;
	pkt.payload = copy;
	pkt.payload_len = len;
	pkt.payload_caplen = caplen;
	pt_dnstcp_segment(s, &pkt, record, ms);
	free(copy);
}

static void
segment(struct pt_dnstcp *s, struct messages *ms, uint64_t frame,
    uint32_t seq, const uint8_t *data, uint32_t len)
{
	segment_cut(s, ms, frame, PT_ACK, seq, data, len, len);
}

/* Message i was handed from frame, at off, caplen bytes from head. */
static void
check_message(const struct messages *ms, size_t i, uint64_t frame,
    uint32_t off, uint32_t caplen, const char *head)
{
	const struct message *m = &ms->m[i];

	ck_assert_uint_lt(i, ms->n);
	ck_assert_uint_eq(m->frame, frame);
	ck_assert_uint_eq(m->caplen, caplen);
	if (caplen > 0) {
		ck_assert_uint_eq(m->off, off);
		ck_assert_mem_eq(m->head, head,
		    caplen < sizeof m->head ? caplen : sizeof m->head);
	}
}

START_TEST(test_tcp_whole_message_in_one_segment)
{
	static const uint8_t s1[] = { 0, 5, 'h', 'e', 'l', 'l', 'o' };
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };

	segment(&s, &ms, 1, 1000, s1, sizeof s1);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 1, 2, 5, "hello");
}
END_TEST

START_TEST(test_tcp_two_messages_in_one_segment)
{
	static const uint8_t s1[] = {
		0, 3, 'a', 'b', 'c', 0, 4, 'w', 'x', 'y', 'z'
	};
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };

	segment(&s, &ms, 1, 1000, s1, sizeof s1);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 0, 1, 2, 3, "abc");
	check_message(&ms, 1, 1, 7, 4, "wxyz");
}
END_TEST

START_TEST(test_tcp_length_then_message_in_next_segment)
{
	static const uint8_t s1[] = { 0, 5 };
	static const uint8_t s2[] = { 'h', 'e', 'l', 'l', 'o' };
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };

	segment(&s, &ms, 1, 1000, s1, sizeof s1);
	ck_assert_uint_eq(ms.n, 0);
	segment(&s, &ms, 2, 1002, s2, sizeof s2);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 2, 0, 5, "hello");
}
END_TEST

START_TEST(test_tcp_length_split_one_byte_each)
{
	static const uint8_t s1[] = { 0x01 };
	static const uint8_t s2[] = { 0x2c };
	static const uint8_t next[] = { 0, 2, 'o', 'k' };
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };
	uint8_t s3[300 + sizeof next];

	/* 0x012c = 300; a lost high byte would make it 44. */
	memset(s3, 'm', 300);
	memcpy(s3 + 300, next, sizeof next);
	segment(&s, &ms, 1, 1000, s1, sizeof s1);
	segment(&s, &ms, 2, 1001, s2, sizeof s2);
	ck_assert_uint_eq(ms.n, 0);
	segment(&s, &ms, 3, 1002, s3, sizeof s3);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 0, 3, 0, 300, "mmmmmmmm");
	check_message(&ms, 1, 3, 302, 2, "ok");
}
END_TEST

START_TEST(test_tcp_long_message_is_stepped_over)
{
	static const uint8_t next[] = { 0, 3, 'e', 'n', 'd' };
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };
	uint8_t s1[102], s2[500], s3[400 + sizeof next];
	size_t i;

	/* A 1000-byte message (0x03e8): 100 bytes, 500, 400. */
	s1[0] = 0x03;
	s1[1] = 0xe8;
	memset(s1 + 2, 'L', 100);
	/* Its middle looks like messages, should anyone look. */
	for (i = 0; i < sizeof s2; i++)
		s2[i] = i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 'X';
	memset(s3, 'M', 400);
	memcpy(s3 + 400, next, sizeof next);
	/* Its first PT_DNSTCP_GATHER bytes are gathered, then handed over. */
	segment(&s, &ms, 1, 0, s1, sizeof s1);
	ck_assert_uint_eq(ms.n, 0);
	segment(&s, &ms, 2, 102, s2, sizeof s2);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 2, GATHERED, PT_DNSTCP_GATHER, "LLLLLLLL");
	segment(&s, &ms, 3, 602, s3, sizeof s3);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 1, 3, 402, 3, "end");
}
END_TEST

START_TEST(test_tcp_retransmission_gives_no_second_message)
{
	static const uint8_t s1[] = { 0, 2, 'h', 'i' };
	static const uint8_t s2[] = { 0, 2, 'y', 'o' };
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };

	segment(&s, &ms, 1, 7, s1, sizeof s1);
	segment(&s, &ms, 2, 7, s1, sizeof s1);
	/* A part of it, from its second byte. */
	segment(&s, &ms, 3, 8, s1 + 1, 2);
	ck_assert_uint_eq(ms.n, 1);
	segment(&s, &ms, 4, 11, s2, sizeof s2);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 1, 4, 2, 2, "yo");
}
END_TEST

START_TEST(test_tcp_overlap_resumes_at_first_new_byte)
{
	/* Stream bytes from sequence number 100. */
	static const uint8_t stream[] = {
		0, 3, 'A', 'A', 'A', 0, 4, 'B', 'B', 'B', 'B', 0, 2, 'C', 'C'
	};
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };

	/* Bytes 0-7: "AAA" and one byte of "BBBB". */
	segment(&s, &ms, 1, 100, stream, 8);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 1, 2, 3, "AAA");
	/*
	 * Bytes 6-14: 2 old (4 B), then the rest of "BBBB", gathered,
	 * then "CC" at 7 in this segment.  Read from its start, 0x0442
	 * would be a length.
	 */
	segment(&s, &ms, 2, 106, stream + 6, sizeof stream - 6);
	ck_assert_uint_eq(ms.n, 3);
	check_message(&ms, 1, 2, GATHERED, 4, "BBBB");
	check_message(&ms, 2, 2, 7, 2, "CC");
}
END_TEST

START_TEST(test_tcp_gap_resyncs_on_next_segment)
{
	static const uint8_t s1[] = { 0, 3, 'a', 'b', 'c' };
	static const uint8_t s3[] = { 0, 2, 'o', 'k' };
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };
	uint8_t part[12];

	/* Bytes 105-110 never captured. */
	segment(&s, &ms, 1, 100, s1, sizeof s1);
	segment(&s, &ms, 3, 111, s3, sizeof s3);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 1, 3, 2, 2, "ok");

	/* A gap inside a 100-byte message: not stepped over as its rest. */
	memset(&s, 0, sizeof s);
	memset(&ms, 0, sizeof ms);
	part[0] = 0;
	part[1] = 100;
	memset(part + 2, 'p', 10);
	segment(&s, &ms, 1, 0, part, sizeof part);
	ck_assert_uint_eq(ms.n, 0);
	/* Handed over with what came, when the gap shows. */
	segment(&s, &ms, 3, 50, s3, sizeof s3);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 0, 3, GATHERED, 10, "pppppppp");
	check_message(&ms, 1, 3, 2, 2, "ok");
}
END_TEST

START_TEST(test_tcp_syn_data_counts_from_seq_plus_one)
{
	/* TFO: the SYN (seq 5000) carries 2 of a 4-byte message. */
	static const uint8_t syn[] = { 0, 4, 'X', 'Y' };
	/* Bytes from 5005: the rest, then "PQ"; "ZW" is no length. */
	static const uint8_t s2[] = { 'Z', 'W', 0, 2, 'P', 'Q' };
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };

	segment_cut(&s, &ms, 1, PT_SYN, 5000, syn, sizeof syn, sizeof syn);
	ck_assert_uint_eq(ms.n, 0);
	/* The SYN again: nothing new. */
	segment_cut(&s, &ms, 2, PT_SYN, 5000, syn, sizeof syn, sizeof syn);
	ck_assert_uint_eq(ms.n, 0);
	segment(&s, &ms, 3, 5005, s2, sizeof s2);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 0, 3, GATHERED, 4, "XYZW");
	check_message(&ms, 1, 3, 4, 2, "PQ");
}
END_TEST

START_TEST(test_tcp_empty_segment_changes_nothing)
{
	static const uint8_t s1[] = { 0, 4, 'X', 'Y' };
	static const uint8_t s2[] = { 'Z', 'W', 0, 2, 'P', 'Q' };
	static const uint8_t early[] = { 0, 1, 'M', 0 };
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };

	/* A bare ACK far ahead, in the middle of a message. */
	segment(&s, &ms, 1, 100, s1, sizeof s1);
	segment(&s, &ms, 2, 9999, NULL, 0);
	segment(&s, &ms, 3, 104, s2, sizeof s2);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 0, 3, GATHERED, 4, "XYZW");
	check_message(&ms, 1, 3, 4, 2, "PQ");

	/* A bare ACK first does not set where the stream is. */
	memset(&s, 0, sizeof s);
	memset(&ms, 0, sizeof ms);
	segment(&s, &ms, 1, 7, NULL, 0);
	segment_cut(&s, &ms, 2, PT_SYN | PT_ACK, 6, NULL, 0, 0);
	ck_assert_uint_eq(ms.n, 0);
	segment(&s, &ms, 3, 3, early, sizeof early);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 3, 2, 1, "M");
}
END_TEST

START_TEST(test_tcp_zero_length_message_is_skipped)
{
	static const uint8_t s1[] = { 0, 0, 0, 2, 'o', 'k' };
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };

	segment(&s, &ms, 1, 1, s1, sizeof s1);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 1, 4, 2, "ok");
}
END_TEST

START_TEST(test_tcp_length_beyond_snaplen_resyncs)
{
	/* "AAA", then a 9-byte message of which 4 bytes are here. */
	static const uint8_t s1[] = {
		0, 3, 'A', 'A', 'A', 0, 9, 'B', 'B', 'B', 'B'
	};
	static const uint8_t s2[] = { 0, 2, 'C', 'C' };
	static const uint32_t caplens[] = { 5, 6 };
	struct pt_dnstcp s;
	struct messages ms;
	size_t i;

	/*
	 * Neither length byte, or only the first, captured: the length is
	 * lost, so the next segment starts a message, though in truth it
	 * holds the rest of the 9 bytes.
	 */
	for (i = 0; i < sizeof caplens / sizeof caplens[0]; i++) {
		memset(&s, 0, sizeof s);
		memset(&ms, 0, sizeof ms);
		segment_cut(&s, &ms, 1, PT_ACK, 1000, s1, sizeof s1,
		    caplens[i]);
		ck_assert_uint_eq(ms.n, 1);
		check_message(&ms, 0, 1, 2, 3, "AAA");
		segment(&s, &ms, 2, 1011, s2, sizeof s2);
		ck_assert_uint_eq(ms.n, 2);
		check_message(&ms, 1, 2, 2, 2, "CC");
	}
}
END_TEST

/* The segment whose length was lost, sent again: nothing read twice. */
START_TEST(test_tcp_lost_length_segment_retransmitted_is_skipped)
{
	static const uint8_t s1[] = {
		0, 3, 'A', 'A', 'A', 0, 9, 'B', 'B', 'B', 'B'
	};
	struct pt_dnstcp s;
	struct messages ms;

	memset(&s, 0, sizeof s);
	memset(&ms, 0, sizeof ms);
	segment_cut(&s, &ms, 1, PT_ACK, 1000, s1, sizeof s1, 6);
	segment_cut(&s, &ms, 2, PT_ACK, 1000, s1, sizeof s1, 6);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 1, 2, 3, "AAA");
}
END_TEST

START_TEST(test_tcp_message_cut_by_snaplen)
{
	/* "AAA", then a 6-byte message of which 4 bytes are here. */
	static const uint8_t s1[] = {
		0, 3, 'A', 'A', 'A', 0, 6, 'B', 'B', 'B', 'B'
	};
	static const uint8_t s2[] = { 'B', 'B', 0, 2, 'C', 'C' };
	static const uint8_t hello[] = { 0, 5, 'h', 'e', 'l', 'l', 'o' };
	struct pt_dnstcp s;
	struct messages ms;

	/* Two bytes of "BBBB" captured; the length was, so no resync. */
	memset(&s, 0, sizeof s);
	memset(&ms, 0, sizeof ms);
	segment_cut(&s, &ms, 1, PT_ACK, 1000, s1, sizeof s1, 9);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 0, 1, 2, 3, "AAA");
	check_message(&ms, 1, 1, 7, 2, "BB");
	segment(&s, &ms, 2, 1011, s2, sizeof s2);
	ck_assert_uint_eq(ms.n, 3);
	check_message(&ms, 2, 2, 4, 2, "CC");

	/* Only the length captured: the message starts, with no bytes. */
	memset(&s, 0, sizeof s);
	memset(&ms, 0, sizeof ms);
	segment_cut(&s, &ms, 1, PT_ACK, 1000, s1, sizeof s1, 7);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 1, 1, 0, 0, "");
	segment(&s, &ms, 2, 1011, s2, sizeof s2);
	ck_assert_uint_eq(ms.n, 3);
	check_message(&ms, 2, 2, 4, 2, "CC");

	/* The first message cut. */
	memset(&s, 0, sizeof s);
	memset(&ms, 0, sizeof ms);
	segment_cut(&s, &ms, 1, PT_ACK, 1000, hello, sizeof hello, 4);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 1, 2, 2, "he");
}
END_TEST

START_TEST(test_tcp_sequence_numbers_wrap)
{
	/*
	 * The stream from 0xfffffffa: "AAA" (0xfffffffa-fffffffe), a length
	 * 4 split across the wrap (0xffffffff and 0), "BBBB" (1-4), "CC"
	 * (5-8), "D" (9-11).
	 */
	static const uint8_t stream[] = {
		0, 3, 'A', 'A', 'A', 0, 4, 'B', 'B', 'B', 'B', 0, 2, 'C', 'C',
		0, 1, 'D'
	};
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };

	segment(&s, &ms, 1, 0xfffffffa, stream, 6);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 1, 2, 3, "AAA");
	segment(&s, &ms, 2, 0, stream + 6, 8);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 1, 2, 1, 4, "BBBB");
	segment(&s, &ms, 3, 8, stream + 14, 1);
	ck_assert_uint_eq(ms.n, 3);
	check_message(&ms, 2, 3, GATHERED, 2, "CC");
	/* The first again, from before the wrap: all old. */
	segment(&s, &ms, 4, 0xfffffffa, stream, 6);
	ck_assert_uint_eq(ms.n, 3);
	/* Across the wrap, new from 9: "D" at 13 in this segment. */
	segment(&s, &ms, 5, 0xfffffffe, stream + 4, sizeof stream - 4);
	ck_assert_uint_eq(ms.n, 4);
	check_message(&ms, 3, 5, 13, 1, "D");
}
END_TEST

/* The case: the length and 5 header bytes, then the rest. */
START_TEST(test_tcp_header_split_across_segments)
{
	uint8_t stream[2 + sizeof query_www];
	struct pt_dnstcp s;
	struct messages ms;
	uint32_t i;

	stream[0] = 0;
	stream[1] = sizeof query_www;
	memcpy(stream + 2, query_www, sizeof query_www);
	memset(&s, 0, sizeof s);
	memset(&ms, 0, sizeof ms);
	segment(&s, &ms, 1, 1000, stream, 7);
	ck_assert_uint_eq(ms.n, 0);
	segment(&s, &ms, 2, 1007, stream + 7, sizeof stream - 7);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 2, GATHERED, sizeof query_www, "\x12\x34\x01\x00\x00\x01\x00\x00");
	ck_assert_uint_eq(ms.m[0].dns.have, ALL_HAVE);
	ck_assert_uint_eq(ms.m[0].dns.qtype, 28);
	ck_assert_mem_eq(ms.m[0].dns.qname, www_labels, sizeof www_labels);

	/* One byte a segment: the same, at the segment of the last byte. */
	memset(&s, 0, sizeof s);
	memset(&ms, 0, sizeof ms);
	for (i = 0; i < sizeof stream; i++)
		segment(&s, &ms, i + 1, 1000 + i, stream + i, 1);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, sizeof stream, GATHERED, sizeof query_www,
	    "\x12\x34\x01\x00\x00\x01\x00\x00");
	ck_assert_uint_eq(ms.m[0].dns.have, ALL_HAVE);
	ck_assert_mem_eq(ms.m[0].dns.qname, www_labels, sizeof www_labels);
}
END_TEST

/* A longest-name query, 5000 bytes long, a byte a segment. */
START_TEST(test_tcp_gathers_at_most_the_bound)
{
	static const uint8_t next[] = { 0, 2, 'o', 'k' };
	uint8_t msg[5000], one;
	struct pt_dnstcp s = { 0 };
	struct messages ms = { 0 };
	uint32_t i, at;

	memset(msg, 0, sizeof msg);
	msg[5] = 1;			/* qdcount */
	/* 3 labels of 63 and one of 61: 255 octets with the root. */
	for (at = 12, i = 0; i < 3; i++, at += 64) {
		msg[at] = 63;
		memset(msg + at + 1, 'a' + i, 63);
	}
	msg[at] = 61;
	memset(msg + at + 1, 'd', 61);
	/* The root at 266, then the type and the class: 271 bytes. */
	msg[at + 64] = 0x10;		/* TXT */
	msg[at + 66] = 1;
	one = sizeof msg >> 8;
	segment(&s, &ms, 1, 0, &one, 1);
	one = sizeof msg & 0xff;
	segment(&s, &ms, 2, 1, &one, 1);
	for (i = 0; i < sizeof msg; i++) {
		segment(&s, &ms, 3 + i, 2 + i, msg + i, 1);
		ck_assert_uint_eq(ms.n, i + 1 < PT_DNSTCP_GATHER ? 0 : 1);
	}
	check_message(&ms, 0, 2 + PT_DNSTCP_GATHER, GATHERED,
	    PT_DNSTCP_GATHER, "\0\0\0\0\0\x01\0\0");
	ck_assert_uint_eq(ms.m[0].dns.have, ALL_HAVE);
	ck_assert_uint_eq(ms.m[0].dns.qname_len, 254);
	ck_assert_uint_eq(ms.m[0].dns.qtype, 16);
	segment(&s, &ms, 9999, 2 + sizeof msg, next, sizeof next);
	ck_assert_uint_eq(ms.n, 2);
	check_message(&ms, 1, 9999, 2, 2, "ok");
}
END_TEST

/* ---- pt_dnsstreams ----------------------------------------------------- */

/* A TCP segment from src to dst at sec seconds. */
static struct pt_packet
tcp_pkt(const uint8_t *src, uint16_t sport, const uint8_t *dst,
    uint16_t dport, uint8_t flags, uint32_t seq, const uint8_t *data,
    uint32_t len, int64_t sec)
{
	struct pt_packet pkt;

	memset(&pkt, 0, sizeof pkt);
	pkt.frame = (uint64_t)sec;
	pkt.ts.sec = sec;
	pkt.ipver = 4;
	pkt.proto = IPPROTO_TCP;
	memcpy(pkt.src, src, 16);
	memcpy(pkt.dst, dst, 16);
	pkt.sport = sport;
	pkt.dport = dport;
	pkt.tcpflags = flags;
	pkt.seq = seq;
	pkt.payload = data;
	pkt.payload_len = pkt.payload_caplen = len;
	return pkt;
}

static void
stream_seg(struct pt_dnsstreams *t, struct messages *ms, bool up,
    uint8_t flags, uint32_t seq, const uint8_t *data, uint32_t len,
    int64_t sec)
{
	struct pt_packet pkt = up ?
	    tcp_pkt(client4, 40000, server4, 53, flags, seq, data, len, sec) :
	    tcp_pkt(server4, 53, client4, 40000, flags, seq, data, len, sec);

	pt_dnsstreams_segment(t, &pkt, record, ms);
}

START_TEST(test_streams_new_isn_starts_over)
{
	static const uint8_t part[] = { 0, 9, 'o', 'l', 'd' };
	static const uint8_t whole[] = { 0, 3, 'n', 'e', 'w' };
	struct pt_dnsstreams t;
	struct messages ms = { 0 };
	uint32_t i;

	pt_dnsstreams_init(&t, 30 * SEC);
	/* A message begun, then the 4-tuple used again from a lower ISN. */
	stream_seg(&t, &ms, true, PT_SYN, 1000, NULL, 0, 1);
	stream_seg(&t, &ms, true, PT_ACK, 1001, part, sizeof part, 2);
	stream_seg(&t, &ms, true, PT_SYN, 500, NULL, 0, 3);
	stream_seg(&t, &ms, true, PT_ACK, 501, whole, sizeof whole, 4);
	ck_assert_uint_eq(ms.n, 1);
	check_message(&ms, 0, 4, 2, 3, "new");
	/* Its SYN again (the same ISN) changes nothing. */
	stream_seg(&t, &ms, true, PT_SYN, 500, NULL, 0, 5);
	stream_seg(&t, &ms, true, PT_ACK, 501, whole, sizeof whole, 6);
	ck_assert_uint_eq(ms.n, 1);
	/* A million SYNs with new ISNs: one connection kept. */
	for (i = 0; i < 1000000; i++)
		stream_seg(&t, &ms, true, PT_SYN, i * 7919, NULL, 0, 7);
	ck_assert_uint_eq(t.live, 1);
	ck_assert_uint_le(t.n, 1);
	pt_dnsstreams_free(&t);
}
END_TEST

START_TEST(test_streams_forgotten_when_closed_or_idle)
{
	static const uint8_t q[] = { 0, 2, 'q', 'q' };
	struct pt_dnsstreams t;
	struct messages ms = { 0 };

	pt_dnsstreams_init(&t, 30 * SEC);
	/* A bare ACK keeps nothing. */
	stream_seg(&t, &ms, true, PT_ACK, 1, NULL, 0, 1);
	ck_assert_uint_eq(t.live, 0);
	/* FIN one way: kept; both ways: forgotten. */
	stream_seg(&t, &ms, true, PT_ACK, 1, q, sizeof q, 1);
	ck_assert_uint_eq(t.live, 1);
	stream_seg(&t, &ms, true, PT_FIN | PT_ACK, 5, NULL, 0, 1);
	ck_assert_uint_eq(t.live, 1);
	stream_seg(&t, &ms, false, PT_FIN | PT_ACK, 9, NULL, 0, 1);
	ck_assert_uint_eq(t.live, 0);
	/* A reset: forgotten. */
	stream_seg(&t, &ms, true, PT_ACK, 1, q, sizeof q, 2);
	ck_assert_uint_eq(t.live, 1);
	stream_seg(&t, &ms, false, PT_RST, 9, NULL, 0, 2);
	ck_assert_uint_eq(t.live, 0);
	/* Idle for longer than the idle time: forgotten. */
	stream_seg(&t, &ms, true, PT_ACK, 1, q, sizeof q, 3);
	stream_seg(&t, &ms, true, PT_ACK, 1, q, sizeof q, 33);
	ck_assert_uint_eq(t.live, 1);
	ck_assert_uint_eq(ms.n, 3);
	stream_seg(&t, &ms, true, PT_ACK, 1, q, sizeof q, 64);
	/* The same bytes again: a new connection reads them. */
	ck_assert_uint_eq(ms.n, 4);
	ck_assert_uint_eq(t.live, 1);
	ck_assert_uint_eq(t.dropped, 0);
	ck_assert_uint_le(t.n, 1);
	pt_dnsstreams_free(&t);
}
END_TEST

START_TEST(test_streams_at_most_the_cap)
{
	struct pt_dnsstreams t;
	struct messages ms = { 0 };
	struct pt_packet pkt;
	uint8_t client[16] = { 10 };
	uint32_t i;

	pt_dnsstreams_init(&t, 30 * SEC);
	for (i = 0; i < PT_DNS_STREAMS_MAX + 10; i++) {
		client[1] = (uint8_t)(i >> 16);
		client[2] = (uint8_t)(i >> 8);
		client[3] = (uint8_t)i;
		pkt = tcp_pkt(client, 40000, server4, 53, PT_SYN, 1, NULL, 0,
		    1);
		pt_dnsstreams_segment(&t, &pkt, record, &ms);
	}
	ck_assert_uint_eq(t.live, PT_DNS_STREAMS_MAX);
	ck_assert_uint_eq(t.dropped, 10);
	ck_assert_uint_le(t.cap, PT_DNS_STREAMS_MAX);
	pt_dnsstreams_free(&t);
}
END_TEST

static Suite *
dns_suite(void)
{
	Suite *s = suite_create("dns");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_parse_query);
	tcase_add_test(tc, test_parse_response);
	tcase_add_test(tc, test_parse_short_payloads_have_what_fits);
	tcase_add_test(tc, test_is_response_needs_the_flags);
	tcase_add_test(tc, test_parse_qdcount_zero_reads_no_question);
	tcase_add_test(tc, test_parse_root_name);
	tcase_add_test(tc, test_parse_name_cut_by_end_has_no_qname);
	tcase_add_test(tc, test_parse_qtype_cut_has_qname_only);
	tcase_add_test(tc, test_parse_backward_pointer_chain);
	tcase_add_test(tc, test_parse_pointer_to_itself_is_malformed);
	tcase_add_test(tc, test_parse_forward_pointer_is_malformed);
	tcase_add_test(tc, test_parse_pointers_at_each_other_are_malformed);
	tcase_add_test(tc, test_parse_loop_through_a_label_ends_malformed);
	tcase_add_test(tc, test_parse_pointer_cut_by_end_is_malformed);
	tcase_add_test(tc, test_parse_extended_label_types_are_malformed);
	tcase_add_test(tc, test_parse_label_of_63_bytes);
	tcase_add_test(tc, test_parse_name_of_255_octets);
	tcase_add_test(tc, test_parse_name_of_256_octets_is_malformed);
	tcase_add_test(tc, test_parse_pointed_to_labels_count_toward_255);
	tcase_add_test(tc, test_parse_every_truncation_of_a_query);
	tcase_add_test(tc, test_parse_every_truncation_of_a_response);
	tcase_add_test(tc, test_parse_every_truncation_of_a_pointer_chain);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_test(tc, test_name_text_plain);
	tcase_add_test(tc, test_name_text_escapes);
	tcase_add_test(tc, test_name_text_every_byte_reads_back);
	tcase_add_test(tc, test_name_text_longest_name_fits);
	tcase_add_test(tc, test_type_text);
	tcase_add_test(tc, test_rcode_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("match");
	/* 2^20 queries in the ring take a while under sanitizers. */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_match_query_then_response);
	tcase_add_test(tc, test_match_names_kept_by_length);
	tcase_add_test(tc, test_match_full_at_names_max);
	tcase_add_test(tc, test_match_query_record_is_small);
	tcase_add_test(tc, test_match_response_with_only_an_id);
	tcase_add_test(tc, test_match_ready_in_query_order);
	tcase_add_test(tc, test_match_retry_answered_earliest_first);
	tcase_add_test(tc, test_match_key_fields_must_all_agree);
	tcase_add_test(tc, test_match_server_port_not_in_key);
	tcase_add_test(tc, test_match_ipv4_and_ipv6_never_match);
	tcase_add_test(tc, test_match_response_at_exactly_the_timeout);
	tcase_add_test(tc, test_match_unanswered_query_ready_after_timeout);
	tcase_add_test(tc, test_match_far_future_time_expires);
	tcase_add_test(tc, test_match_time_far_before_query_is_not_expired);
	tcase_add_test(tc, test_match_extreme_times_are_defined);
	tcase_add_test(tc, test_match_late_response_answers_later_retry);
	tcase_add_test(tc, test_match_end_releases_all_in_order);
	tcase_add_test(tc, test_match_query_without_id_is_ready_in_its_turn);
	tcase_add_test(tc, test_match_response_without_id_answers_nothing);
	tcase_add_test(tc, test_match_many_answered_in_reverse);
	tcase_add_test(tc, test_match_many_answered_shuffled);
	tcase_add_test(tc, test_match_ring_grows_while_wrapped);
	tcase_add_test(tc, test_match_full_at_pending_max);
	tcase_add_test(tc, test_match_same_hash_other_key_does_not_match);
	tcase_add_test(tc,
	    test_match_same_hash_other_proto_or_ipver_does_not_match);
	tcase_add_test(tc, test_match_index_runs_across_the_table_end);
	tcase_add_test(tc,
	    test_match_expired_query_leaves_its_slot_to_its_neighbour);
	suite_add_tcase(s, tc);

	tc = tcase_create("tcp");
	tcase_add_test(tc, test_tcp_whole_message_in_one_segment);
	tcase_add_test(tc, test_tcp_two_messages_in_one_segment);
	tcase_add_test(tc, test_tcp_length_then_message_in_next_segment);
	tcase_add_test(tc, test_tcp_length_split_one_byte_each);
	tcase_add_test(tc, test_tcp_long_message_is_stepped_over);
	tcase_add_test(tc, test_tcp_retransmission_gives_no_second_message);
	tcase_add_test(tc, test_tcp_overlap_resumes_at_first_new_byte);
	tcase_add_test(tc, test_tcp_gap_resyncs_on_next_segment);
	tcase_add_test(tc, test_tcp_syn_data_counts_from_seq_plus_one);
	tcase_add_test(tc, test_tcp_empty_segment_changes_nothing);
	tcase_add_test(tc, test_tcp_zero_length_message_is_skipped);
	tcase_add_test(tc, test_tcp_length_beyond_snaplen_resyncs);
	tcase_add_test(tc, test_tcp_lost_length_segment_retransmitted_is_skipped);
	tcase_add_test(tc, test_tcp_message_cut_by_snaplen);
	tcase_add_test(tc, test_tcp_sequence_numbers_wrap);
	tcase_add_test(tc, test_tcp_header_split_across_segments);
	tcase_add_test(tc, test_tcp_gathers_at_most_the_bound);
	tcase_add_test(tc, test_streams_new_isn_starts_over);
	tcase_add_test(tc, test_streams_forgotten_when_closed_or_idle);
	tcase_add_test(tc, test_streams_at_most_the_cap);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(dns_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
