/*
 * check_tsprec.c: unit tests of capture_has_nsec(), which reads the
 * timestamp precision from a capture's first bytes.
 *
 * pcapng heads are built by a small writer in either byte order; every
 * head is handed over in a malloc'd buffer of exactly its length, so
 * valgrind or ASan catch a read past it.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tsprec.h"

/* ---- a pcapng writer ----------------------------------------------------- */

enum {
	SHB_TYPE = 0x0a0d0d0a,
	IDB_TYPE = 1,
	BOM = 0x1a2b3c4d,
	OPT_ENDOFOPT = 0,
	OPT_IF_NAME = 2,
	OPT_IF_DESCRIPTION = 3,
	OPT_IF_TSRESOL = 9,
	NO_TSRESOL = -1,
};

struct ng {
	uint8_t b[512];
	uint32_t n;
	bool be;		/* big-endian section */
};

static void
put16_at(struct ng *g, uint32_t off, uint16_t v)
{
	g->b[off + (g->be ? 0 : 1)] = (uint8_t)(v >> 8);
	g->b[off + (g->be ? 1 : 0)] = (uint8_t)v;
}

static void
put32_at(struct ng *g, uint32_t off, uint32_t v)
{
	put16_at(g, off + (g->be ? 0 : 2), (uint16_t)(v >> 16));
	put16_at(g, off + (g->be ? 2 : 0), (uint16_t)v);
}

static void
add16(struct ng *g, uint16_t v)
{
	put16_at(g, g->n, v);
	g->n += 2;
}

static void
add32(struct ng *g, uint32_t v)
{
	put32_at(g, g->n, v);
	g->n += 4;
}

static void
add_bytes(struct ng *g, const void *p, uint32_t n)
{
	if (n)
		memcpy(g->b + g->n, p, n);
	g->n += n;
}

/* A block's type and a length patched by block_end(); returns its start. */
static uint32_t
block_begin(struct ng *g, uint32_t type)
{
	uint32_t start = g->n;

	add32(g, type);
	add32(g, 0);
	return start;
}

static void
block_end(struct ng *g, uint32_t start)
{
	uint32_t len = g->n + 4 - start;

	put32_at(g, start + 4, len);
	add32(g, len);
}

/* An option: code, length, value padded to 4 bytes. */
static void
add_opt(struct ng *g, uint16_t code, uint16_t len, const void *val)
{
	static const uint8_t zero[4];

	add16(g, code);
	add16(g, len);
	add_bytes(g, val, len);
	add_bytes(g, zero, (4 - len % 4) % 4);
}

/* The section header: 28 bytes, no options. */
static void
add_shb(struct ng *g)
{
	uint32_t start = block_begin(g, SHB_TYPE);

	add32(g, BOM);
	add16(g, 1);
	add16(g, 0);
	add32(g, 0xffffffff);	/* section length unknown */
	add32(g, 0xffffffff);
	block_end(g, start);
}

/* The IDB's fixed part: link type 1 (Ethernet), reserved, snaplen. */
static uint32_t
idb_begin(struct ng *g)
{
	uint32_t start = block_begin(g, IDB_TYPE);

	add16(g, 1);
	add16(g, 0);
	add32(g, 262144);
	return start;
}

/* SHB, then an IDB with if_tsresol tsresol (or none) and the end marker. */
static void
make_ng(struct ng *g, bool be, int tsresol)
{
	uint32_t idb;
	uint8_t r = (uint8_t)tsresol;

	memset(g, 0, sizeof *g);
	g->be = be;
	add_shb(g);
	idb = idb_begin(g);
	if (tsresol != NO_TSRESOL)
		add_opt(g, OPT_IF_TSRESOL, 1, &r);
	add_opt(g, OPT_ENDOFOPT, 0, NULL);
	block_end(g, idb);
}

/* capture_has_nsec() on exactly the n bytes at p. */
static bool
nsec(const uint8_t *p, size_t n)
{
	uint8_t *buf = malloc(n);
	bool r;

	ck_assert(buf != NULL || n == 0);
	if (n)
		memcpy(buf, p, n);
	r = capture_has_nsec(buf, n);
	free(buf);
	return r;
}

/* capture_is_pcap() on an exact copy. */
static bool
classic(const uint8_t *p, size_t n)
{
	uint8_t *buf = malloc(n);
	bool r;

	ck_assert(buf != NULL || n == 0);
	if (n)
		memcpy(buf, p, n);
	r = capture_is_pcap(buf, n);
	free(buf);
	return r;
}

static bool
ng_nsec(const struct ng *g)
{
	return nsec(g->b, g->n);
}

/* ---- pcap ---------------------------------------------------------------- */

/* A pcap file header: magic as written, version 2.4, snaplen, Ethernet. */
static void
pcap_header(uint8_t h[24], const uint8_t magic[4], bool be)
{
	struct ng g;

	memset(&g, 0, sizeof g);
	g.be = be;
	add_bytes(&g, magic, 4);
	add16(&g, 2);
	add16(&g, 4);
	add32(&g, 0);
	add32(&g, 0);
	add32(&g, 65535);
	add32(&g, 1);
	memcpy(h, g.b, 24);
}

START_TEST(test_pcap_usec_magic_is_not_nsec)
{
	static const uint8_t be_magic[4] = { 0xa1, 0xb2, 0xc3, 0xd4 };
	static const uint8_t le_magic[4] = { 0xd4, 0xc3, 0xb2, 0xa1 };
	uint8_t h[24];

	pcap_header(h, be_magic, true);
	ck_assert(!nsec(h, sizeof h));
	pcap_header(h, le_magic, false);
	ck_assert(!nsec(h, sizeof h));
}
END_TEST

START_TEST(test_pcap_nsec_magic_is_nsec)
{
	static const uint8_t be_magic[4] = { 0xa1, 0xb2, 0x3c, 0x4d };
	static const uint8_t le_magic[4] = { 0x4d, 0x3c, 0xb2, 0xa1 };
	uint8_t h[24];

	pcap_header(h, be_magic, true);
	ck_assert(nsec(h, sizeof h));
	pcap_header(h, le_magic, false);
	ck_assert(nsec(h, sizeof h));
	/* The magic number alone tells. */
	ck_assert(nsec(be_magic, 4));
	ck_assert(nsec(le_magic, 4));
}
END_TEST

START_TEST(test_head_shorter_than_magic_is_not_nsec)
{
	static const uint8_t magic[4] = { 0x4d, 0x3c, 0xb2, 0xa1 };
	size_t n;

	for (n = 0; n < 4; n++)
		ck_assert_msg(!nsec(magic, n), "%zu bytes", n);
}
END_TEST

START_TEST(test_garbage_is_not_nsec)
{
	static const char http[] = "GET / HTTP/1.1\r\nHost: example.org\r\n";
	/* The nsec magic with its halves swapped. */
	static const uint8_t swapped[8] = { 0x3c, 0x4d, 0xa1, 0xb2, 0, 0, 0, 0 };
	uint8_t fill[64];

	ck_assert(!nsec((const uint8_t *)http, sizeof http - 1));
	ck_assert(!nsec(swapped, sizeof swapped));
	memset(fill, 0, sizeof fill);
	ck_assert(!nsec(fill, sizeof fill));
	memset(fill, 0xff, sizeof fill);
	ck_assert(!nsec(fill, sizeof fill));
}
END_TEST

/* Classic pcap (unsigned 32-bit seconds): its magic numbers, no other. */
START_TEST(test_pcap_magic_is_classic)
{
	static const uint8_t magics[][4] = {
		{ 0xa1, 0xb2, 0xc3, 0xd4 }, { 0xd4, 0xc3, 0xb2, 0xa1 },
		{ 0xa1, 0xb2, 0x3c, 0x4d }, { 0x4d, 0x3c, 0xb2, 0xa1 },
		{ 0xa1, 0xb2, 0xcd, 0x34 }, { 0x34, 0xcd, 0xb2, 0xa1 },
	};
	static const uint8_t ng[4] = { 0x0a, 0x0d, 0x0d, 0x0a };
	size_t i;

	for (i = 0; i < sizeof magics / sizeof magics[0]; i++) {
		ck_assert_msg(classic(magics[i], 4), "magic %zu", i);
		ck_assert(!classic(magics[i], 3));
	}
	ck_assert(!classic(ng, 4));
	ck_assert(!classic(ng, 0));
}
END_TEST

/* ---- pcapng -------------------------------------------------------------- */

/* The writer itself, against bytes worked out by hand. */
START_TEST(test_pcapng_writer_layout)
{
	static const uint8_t le_head[] = {
		0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a,
		1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		28, 0, 0, 0,
		1, 0, 0, 0, 32, 0, 0, 0, 1, 0, 0, 0, 0x00, 0x00, 0x04, 0x00,
		9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0, 0
	};
	static const uint8_t be_idb[] = {
		0, 0, 0, 1, 0, 0, 0, 32, 0, 1, 0, 0, 0x00, 0x04, 0x00, 0x00,
		0, 9, 0, 1, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32
	};
	struct ng g;

	make_ng(&g, false, 9);
	ck_assert_uint_eq(g.n, sizeof le_head);
	ck_assert_mem_eq(g.b, le_head, sizeof le_head);
	make_ng(&g, true, 9);
	ck_assert_uint_eq(g.n, 28 + sizeof be_idb);
	ck_assert_mem_eq(g.b + 8, "\x1a\x2b\x3c\x4d", 4);
	ck_assert_mem_eq(g.b + 28, be_idb, sizeof be_idb);
}
END_TEST

/*
 * if_tsresol: 10^-n seconds, or 2^-n with the top bit set.  Finer than
 * a microsecond: 10^-7 and below, 2^-20 (0.95 us) and below.
 */
START_TEST(test_pcapng_tsresol_decides)
{
	static const struct {
		int tsresol;
		bool nsec;
	} cases[] = {
		{ 9, true },
		{ 6, false },
		{ 7, true },
		{ 3, false },
		{ 0x80 | 30, true },
		{ 0x80 | 20, true },
		{ 0x80 | 19, false },
		{ 0x80 | 10, false },
		{ NO_TSRESOL, false },	/* the default, 10^-6 */
	};
	struct ng g;
	size_t i;
	int be;

	for (be = 0; be < 2; be++) {
		for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			make_ng(&g, be, cases[i].tsresol);
			ck_assert_msg(ng_nsec(&g) == cases[i].nsec,
			    "tsresol %#x, %s-endian", cases[i].tsresol,
			    be ? "big" : "little");
		}
	}
}
END_TEST

/* An IDB of 20 bytes: no options at all. */
START_TEST(test_pcapng_idb_without_options_is_not_nsec)
{
	struct ng g;
	uint32_t idb;
	int be;

	for (be = 0; be < 2; be++) {
		memset(&g, 0, sizeof g);
		g.be = be;
		add_shb(&g);
		idb = idb_begin(&g);
		block_end(&g, idb);
		ck_assert_uint_eq(g.n, 28 + 20);
		ck_assert(!ng_nsec(&g));
	}
}
END_TEST

/* if_name (4 bytes) and if_description (5, padded to 8) come first. */
START_TEST(test_pcapng_tsresol_after_other_options_is_found)
{
	uint8_t r = 9;
	struct ng g;
	uint32_t idb;
	int be;

	for (be = 0; be < 2; be++) {
		memset(&g, 0, sizeof g);
		g.be = be;
		add_shb(&g);
		idb = idb_begin(&g);
		add_opt(&g, OPT_IF_NAME, 4, "eth0");
		add_opt(&g, OPT_IF_DESCRIPTION, 5, "uplnk");
		add_opt(&g, OPT_IF_TSRESOL, 1, &r);
		add_opt(&g, OPT_ENDOFOPT, 0, NULL);
		block_end(&g, idb);
		ck_assert(ng_nsec(&g));
	}
}
END_TEST

/* Options after the end marker do not count. */
START_TEST(test_pcapng_tsresol_after_end_marker_is_ignored)
{
	uint8_t r = 9;
	struct ng g;
	uint32_t idb;

	memset(&g, 0, sizeof g);
	add_shb(&g);
	idb = idb_begin(&g);
	add_opt(&g, OPT_ENDOFOPT, 0, NULL);
	add_opt(&g, OPT_IF_TSRESOL, 1, &r);
	block_end(&g, idb);
	ck_assert(!ng_nsec(&g));
}
END_TEST

/* Every head cut short of the whole IDB, with if_tsresol 9. */
START_TEST(test_pcapng_truncated_idb_is_not_nsec)
{
	struct ng g;
	uint32_t n;
	int be;

	for (be = 0; be < 2; be++) {
		make_ng(&g, be, 9);
		ck_assert(ng_nsec(&g));
		for (n = 0; n < g.n; n++)
			ck_assert_msg(!nsec(g.b, n), "%u of %u bytes", n, g.n);
	}
}
END_TEST

/* An SHB length pointing past the head, or wrapping around. */
START_TEST(test_pcapng_shb_length_past_buffer_is_not_nsec)
{
	static const uint32_t lens[] = { 4096, 0xfffffffc, 0x80000000 };
	struct ng g;
	size_t i;
	int be;

	for (be = 0; be < 2; be++) {
		for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
			make_ng(&g, be, 9);
			put32_at(&g, 4, lens[i]);
			ck_assert_msg(!ng_nsec(&g), "SHB length %#x", lens[i]);
		}
	}
}
END_TEST

/* An IDB length beyond the head, or below the 20-byte minimum. */
START_TEST(test_pcapng_bad_idb_length_is_not_nsec)
{
	static const uint32_t lens[] = { 36, 4096, 0xfffffff0, 16, 0 };
	struct ng g;
	size_t i;

	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		make_ng(&g, false, 9);
		put32_at(&g, 28 + 4, lens[i]);
		ck_assert_msg(!ng_nsec(&g), "IDB length %u", lens[i]);
	}
}
END_TEST

/*
 * No end marker: the options run to the block's end.  if_tsresol is still
 * found; without it the walk stops at the block's end; an option claiming
 * more bytes than the block has ends it as well.
 */
START_TEST(test_pcapng_options_without_end_marker)
{
	uint8_t r = 9, filler[200];
	struct ng g;
	uint32_t idb;
	int be;

	memset(filler, 0xee, sizeof filler);
	for (be = 0; be < 2; be++) {
		memset(&g, 0, sizeof g);
		g.be = be;
		add_shb(&g);
		idb = idb_begin(&g);
		add_opt(&g, OPT_IF_NAME, 4, "eth0");
		add_opt(&g, OPT_IF_TSRESOL, 1, &r);
		block_end(&g, idb);
		ck_assert(ng_nsec(&g));

		memset(&g, 0, sizeof g);
		g.be = be;
		add_shb(&g);
		idb = idb_begin(&g);
		add_opt(&g, OPT_IF_NAME, 4, "eth0");
		add_opt(&g, OPT_IF_DESCRIPTION, 8, "uplink-0");
		block_end(&g, idb);
		ck_assert(!ng_nsec(&g));

		/*
		 * if_name claims 200 bytes but the block holds 4 of them.
		 * Where 200 bytes would end, past the block, an if_tsresol
		 * of 9 waits for a walk that does not stop at the block's end.
		 */
		memset(&g, 0, sizeof g);
		g.be = be;
		add_shb(&g);
		idb = idb_begin(&g);
		add_opt(&g, OPT_IF_NAME, 4, "eth0");
		block_end(&g, idb);
		put16_at(&g, idb + 18, 200);
		ck_assert_uint_eq(g.n, idb + 28);
		add_bytes(&g, filler, idb + 16 + 4 + 200 - g.n);
		add_opt(&g, OPT_IF_TSRESOL, 1, &r);
		ck_assert(!ng_nsec(&g));
	}
}
END_TEST

static Suite *
tsprec_suite(void)
{
	Suite *s = suite_create("tsprec");
	TCase *tc;

	tc = tcase_create("pcap");
	tcase_add_test(tc, test_pcap_usec_magic_is_not_nsec);
	tcase_add_test(tc, test_pcap_nsec_magic_is_nsec);
	tcase_add_test(tc, test_head_shorter_than_magic_is_not_nsec);
	tcase_add_test(tc, test_garbage_is_not_nsec);
	tcase_add_test(tc, test_pcap_magic_is_classic);
	suite_add_tcase(s, tc);

	tc = tcase_create("pcapng");
	tcase_add_test(tc, test_pcapng_writer_layout);
	tcase_add_test(tc, test_pcapng_tsresol_decides);
	tcase_add_test(tc, test_pcapng_idb_without_options_is_not_nsec);
	tcase_add_test(tc, test_pcapng_tsresol_after_other_options_is_found);
	tcase_add_test(tc, test_pcapng_tsresol_after_end_marker_is_ignored);
	tcase_add_test(tc, test_pcapng_truncated_idb_is_not_nsec);
	tcase_add_test(tc, test_pcapng_shb_length_past_buffer_is_not_nsec);
	tcase_add_test(tc, test_pcapng_bad_idb_length_is_not_nsec);
	tcase_add_test(tc, test_pcapng_options_without_end_marker);
	suite_add_tcase(s, tc);


	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(tsprec_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
