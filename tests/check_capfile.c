/*
 * check_capfile.c: unit tests of the capture reader (capfile.c): every
 * pcap and pcapng block type, option, byte order and limit.
 *
 * Captures are built by a small writer in either byte order and read
 * from a memory file (or a pipe fed a byte at a time), so the reader
 * sees what it sees on a disk or a pipe.
 */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capfile.h"

/* ---- a capture writer -------------------------------------------------- */

enum {
	SHB = 0x0a0d0d0a, IDB = 1, PB = 2, SPB = 3, NRB = 4, ISB = 5, EPB = 6,
	BOM = 0x1a2b3c4d, OPT_END = 0, OPT_COMMENT = 1, OPT_TSRESOL = 9,
	OPT_TSOFFSET = 14,
};

struct cap {
	uint8_t *b;
	size_t n, max;
	bool be;
};

static void
room(struct cap *c, size_t n)
{
	if (c->n + n > c->max) {
		c->max = (c->n + n) * 2;
		c->b = realloc(c->b, c->max);
		ck_assert(c->b != NULL);
	}
}

static void
put16_at(struct cap *c, size_t off, uint16_t v)
{
	c->b[off + (c->be ? 0 : 1)] = (uint8_t)(v >> 8);
	c->b[off + (c->be ? 1 : 0)] = (uint8_t)v;
}

static void
put32_at(struct cap *c, size_t off, uint32_t v)
{
	put16_at(c, off + (c->be ? 0 : 2), (uint16_t)(v >> 16));
	put16_at(c, off + (c->be ? 2 : 0), (uint16_t)v);
}

static void
add16(struct cap *c, uint16_t v)
{
	room(c, 2);
	put16_at(c, c->n, v);
	c->n += 2;
}

static void
add32(struct cap *c, uint32_t v)
{
	room(c, 4);
	put32_at(c, c->n, v);
	c->n += 4;
}

static void
add64(struct cap *c, uint64_t v)
{
	add32(c, (uint32_t)(c->be ? v >> 32 : v));
	add32(c, (uint32_t)(c->be ? v : v >> 32));
}

static void
add_bytes(struct cap *c, const void *p, size_t n)
{
	room(c, n);
	if (p)
		memcpy(c->b + c->n, p, n);
	else
		memset(c->b + c->n, 0, n);
	c->n += n;
}

static void
pad4(struct cap *c)
{
	add_bytes(c, NULL, (4 - c->n % 4) % 4);
}

static size_t
block_begin(struct cap *c, uint32_t type)
{
	size_t start = c->n;

	add32(c, type);
	add32(c, 0);
	return start;
}

static void
block_end(struct cap *c, size_t start)
{
	uint32_t len = (uint32_t)(c->n + 4 - start);

	put32_at(c, start + 4, len);
	add32(c, len);
}

static void
add_opt(struct cap *c, uint16_t code, uint16_t len, const void *val)
{
	add16(c, code);
	add16(c, len);
	add_bytes(c, val, len);
	pad4(c);
}

static void
shb(struct cap *c, bool be)
{
	size_t s;

	c->be = be;
	s = block_begin(c, SHB);
	add32(c, BOM);
	add16(c, 1);
	add16(c, 0);
	add64(c, UINT64_MAX);
	block_end(c, s);
}

/* An interface; tsresol < 0: none; tsoffset written when nonzero. */
static void
idb(struct cap *c, uint16_t linktype, uint32_t snaplen, int tsresol,
    int64_t tsoffset)
{
	uint8_t r = (uint8_t)tsresol;
	size_t s = block_begin(c, IDB);

	add16(c, linktype);
	add16(c, 0);
	add32(c, snaplen);
	add_opt(c, OPT_COMMENT, 5, "hello");
	if (tsresol >= 0)
		add_opt(c, OPT_TSRESOL, 1, &r);
	if (tsoffset != 0) {
		add16(c, OPT_TSOFFSET);
		add16(c, 8);
		add64(c, (uint64_t)tsoffset);
	}
	add_opt(c, OPT_END, 0, NULL);
	block_end(c, s);
}

static void
epb(struct cap *c, uint32_t iface, uint64_t ts, const void *data,
    uint32_t caplen, uint32_t wirelen)
{
	size_t s = block_begin(c, EPB);

	add32(c, iface);
	add32(c, (uint32_t)(ts >> 32));
	add32(c, (uint32_t)ts);
	add32(c, caplen);
	add32(c, wirelen);
	add_bytes(c, data, caplen);
	pad4(c);
	add_opt(c, OPT_COMMENT, 3, "abc");
	block_end(c, s);
}

static void
pb(struct cap *c, uint16_t iface, uint64_t ts, const void *data,
    uint32_t caplen, uint32_t wirelen)
{
	size_t s = block_begin(c, PB);

	add16(c, iface);
	add16(c, 7);		/* drops */
	add32(c, (uint32_t)(ts >> 32));
	add32(c, (uint32_t)ts);
	add32(c, caplen);
	add32(c, wirelen);
	add_bytes(c, data, caplen);
	pad4(c);
	block_end(c, s);
}

static void
spb(struct cap *c, const void *data, uint32_t stored, uint32_t wirelen)
{
	size_t s = block_begin(c, SPB);

	add32(c, wirelen);
	add_bytes(c, data, stored);
	pad4(c);
	block_end(c, s);
}

/* A block the reader skips: type, body of n bytes. */
static void
other(struct cap *c, uint32_t type, size_t n)
{
	size_t s = block_begin(c, type);

	add_bytes(c, NULL, n);
	pad4(c);
	block_end(c, s);
}

static void
pcap_head(struct cap *c, bool be, bool nsec, uint32_t snaplen,
    uint32_t linktype)
{
	c->be = be;
	add32(c, nsec ? 0xa1b23c4d : 0xa1b2c3d4);
	add16(c, 2);
	add16(c, 4);
	add32(c, 0);
	add32(c, 0);
	add32(c, snaplen);
	add32(c, linktype);
}

static void
pcap_rec(struct cap *c, uint32_t sec, uint32_t frac, const void *data,
    uint32_t caplen, uint32_t wirelen)
{
	add32(c, sec);
	add32(c, frac);
	add32(c, caplen);
	add32(c, wirelen);
	add_bytes(c, data, caplen);
}

/* ---- reading it -------------------------------------------------------- */

static struct pt_capfile cf;
static struct pt_cap_record rec;
static int fd = -1;

/* Opens the capture c as a file in memory. */
static enum pt_cap_status
open_cap(const struct cap *c)
{
	if (fd >= 0) {
		pt_capfile_close(&cf);
		close(fd);
	}
	fd = memfd_create("capture", 0);
	ck_assert_int_ge(fd, 0);
	ck_assert(write(fd, c->b, c->n) == (ssize_t)c->n);
	ck_assert(lseek(fd, 0, SEEK_SET) == 0);
	return pt_capfile_open(&cf, fd, NULL);
}

static enum pt_cap_status
next(void)
{
	return pt_capfile_next(&cf, &rec);
}

static void
teardown(void)
{
	if (fd >= 0) {
		pt_capfile_close(&cf);
		close(fd);
		fd = -1;
	}
}

static void
free_cap(struct cap *c)
{
	free(c->b);
	memset(c, 0, sizeof *c);
}

static const uint8_t frame[] = "0123456789abcdefghijklmnopqrstuvwxyz";

#define ASSERT_REC(sec_, nsec_, cap_, wire_, lt_, if_) do {		\
	ck_assert_int_eq(next(), PT_CAP_RECORD);			\
	ck_assert_int_eq(rec.ts.sec, (sec_));				\
	ck_assert_uint_eq(rec.ts.nsec, (nsec_));			\
	ck_assert_uint_eq(rec.caplen, (cap_));				\
	ck_assert_uint_eq(rec.wirelen, (wire_));			\
	ck_assert_uint_eq(rec.linktype, (lt_));				\
	ck_assert_uint_eq(rec.iface, (if_));				\
	ck_assert_mem_eq(rec.data, frame, (cap_));			\
} while (0)

/* ---- pcap -------------------------------------------------------------- */

START_TEST(test_pcap_both_byte_orders_and_precisions)
{
	struct cap c = { 0 };
	int i;

	for (i = 0; i < 4; i++) {
		bool be = i & 1, nsec = i & 2;

		pcap_head(&c, be, nsec, 65535, 1);
		pcap_rec(&c, 1700000000, nsec ? 123456789 : 123456, frame, 20,
		    60);
		pcap_rec(&c, 1700000001, 5, frame, 0, 0);
		ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
		ck_assert(cf.have_first);
		ck_assert(cf.first_nsec == nsec);
		ASSERT_REC(1700000000, nsec ? 123456789u : 123456000u, 20, 60,
		    1, 0);
		ASSERT_REC(1700000001, nsec ? 5u : 5000u, 0, 0, 1, 0);
		ck_assert_int_eq(next(), PT_CAP_END);
		free_cap(&c);
	}
}
END_TEST

START_TEST(test_pcap_seconds_past_2038_are_unsigned)
{
	struct cap c = { 0 };

	pcap_head(&c, false, false, 65535, 1);
	pcap_rec(&c, 2208988800u, 0, frame, 4, 4);
	pcap_rec(&c, UINT32_MAX, 999999, frame, 4, 4);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ASSERT_REC(2208988800, 0, 4, 4, 1, 0);
	ASSERT_REC(4294967295, 999999000, 4, 4, 1, 0);
	free_cap(&c);
}
END_TEST

START_TEST(test_pcap_fraction_past_a_second_carries)
{
	struct cap c = { 0 };

	pcap_head(&c, false, false, 65535, 1);
	pcap_rec(&c, 10, 2500000, frame, 4, 4);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ASSERT_REC(12, 500000000, 4, 4, 1, 0);
	free_cap(&c);
}
END_TEST

START_TEST(test_pcap_fcs_bits_masked_off)
{
	struct cap c = { 0 };

	/* FCS present, 4 bytes: bits 26 and 28-31 */
	pcap_head(&c, true, false, 65535, 0x44000000u | 113);
	pcap_rec(&c, 1, 0, frame, 8, 8);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ASSERT_REC(1, 0, 8, 8, 113, 0);
	free_cap(&c);
}
END_TEST

START_TEST(test_pcap_record_past_snaplen_kept_whole)
{
	struct cap c = { 0 };
	uint32_t snaps[] = { 0, 16 };
	int i;

	for (i = 0; i < 2; i++) {
		pcap_head(&c, false, false, snaps[i], 1);
		pcap_rec(&c, 1, 0, frame, 30, 1514);
		ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
		ASSERT_REC(1, 0, 30, 1514, 1, 0);
		free_cap(&c);
	}
}
END_TEST

START_TEST(test_pcap_record_past_the_maximum_is_damaged)
{
	struct cap c = { 0 };

	pcap_head(&c, false, false, 0, 1);
	pcap_rec(&c, 1, 0, frame, 4, 4);
	add32(&c, 2);
	add32(&c, 0);
	add32(&c, PT_CAP_MAX_RECORD + 1);
	add32(&c, 60);
	add_bytes(&c, NULL, PT_CAP_MAX_RECORD + 1);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ASSERT_REC(1, 0, 4, 4, 1, 0);
	ck_assert_int_eq(next(), PT_CAP_DAMAGED);
	ck_assert_str_eq(cf.why, "a record of 262145 bytes, more than the "
	    "maximum of 262144");
	free_cap(&c);
}
END_TEST

START_TEST(test_pcap_cut_anywhere_is_truncated)
{
	struct cap c = { 0 };
	struct cap cut = { 0 };
	size_t n, full;

	pcap_head(&c, false, false, 0, 1);
	pcap_rec(&c, 1, 0, frame, 10, 10);
	full = c.n;
	pcap_rec(&c, 2, 0, frame, 10, 10);
	for (n = full + 1; n < c.n; n++) {
		cut.n = 0;
		add_bytes(&cut, c.b, n);
		ck_assert_int_eq(open_cap(&cut), PT_CAP_RECORD);
		ASSERT_REC(1, 0, 10, 10, 1, 0);
		ck_assert_int_eq(next(), PT_CAP_TRUNCATED);
	}
	for (n = 4; n < 24; n++) {
		cut.n = 0;
		add_bytes(&cut, c.b, n);
		ck_assert_int_eq(open_cap(&cut), PT_CAP_TRUNCATED);
		ck_assert_str_eq(cf.why, "the file header is cut short");
	}
	free_cap(&c);
	free_cap(&cut);
}
END_TEST

START_TEST(test_not_a_capture)
{
	struct cap c = { 0 };

	ck_assert_int_eq(open_cap(&c), PT_CAP_DAMAGED);
	ck_assert_str_eq(cf.why, "the file is empty");
	add_bytes(&c, "hel", 3);
	ck_assert_int_eq(open_cap(&c), PT_CAP_DAMAGED);
	ck_assert_str_eq(cf.why, "unknown file format");
	add_bytes(&c, "lo world, this is text", 22);
	ck_assert_int_eq(open_cap(&c), PT_CAP_DAMAGED);
	ck_assert_str_eq(cf.why, "unknown file format");
	free_cap(&c);
	/* Version 1.0 (archaic), and 3.0 */
	pcap_head(&c, false, false, 0, 1);
	put16_at(&c, 4, 1);
	ck_assert_int_eq(open_cap(&c), PT_CAP_DAMAGED);
	ck_assert_str_eq(cf.why, "unsupported pcap version 1.4");
	put16_at(&c, 4, 3);
	ck_assert_int_eq(open_cap(&c), PT_CAP_DAMAGED);
	/* Any minor version of 2, as Wireshark */
	put16_at(&c, 4, 2);
	put16_at(&c, 6, 5);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ck_assert_int_eq(next(), PT_CAP_END);
	free_cap(&c);
}
END_TEST

START_TEST(test_pcap_records_across_buffer_refills)
{
	struct cap c = { 0 };
	uint32_t i, n = 3 * PT_CAP_BUFFER / (16 + 37) + 11;

	pcap_head(&c, false, true, 0, 1);
	for (i = 0; i < n; i++)
		pcap_rec(&c, i, i, frame, i % 37, 100 + i);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	for (i = 0; i < n; i++)
		ASSERT_REC(i, i, i % 37, 100 + i, 1, 0);
	ck_assert_int_eq(next(), PT_CAP_END);
	ck_assert_uint_eq(cf.cap, PT_CAP_BUFFER);	/* flat */
	free_cap(&c);
}
END_TEST

/* A pipe written a byte at a time by a child: short reads everywhere. */
START_TEST(test_pipe_fed_a_byte_at_a_time)
{
	struct cap c = { 0 };
	int p[2], status;
	pid_t pid;
	size_t i;

	shb(&c, true);
	idb(&c, 1, 0, 9, 0);
	epb(&c, 0, 1500000000123456789ull, frame, 13, 60);
	spb(&c, frame, 8, 8);
	ck_assert_int_eq(pipe(p), 0);
	if ((pid = fork()) == 0) {
		close(p[0]);
		for (i = 0; i < c.n; i++)
			if (write(p[1], c.b + i, 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(p[1]);
	ck_assert_int_eq(pt_capfile_open(&cf, p[0], NULL), PT_CAP_RECORD);
	fd = p[0];
	ASSERT_REC(1500000000, 123456789, 13, 60, 1, 0);
	ASSERT_REC(0, 0, 8, 8, 1, 0);
	ck_assert_int_eq(next(), PT_CAP_END);
	ck_assert(cf.first_nsec);
	waitpid(pid, &status, 0);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	free_cap(&c);
}
END_TEST

/* ---- pcapng ------------------------------------------------------------ */

START_TEST(test_pcapng_epb_either_byte_order)
{
	struct cap c = { 0 };
	int be;

	for (be = 0; be < 2; be++) {
		shb(&c, be);
		other(&c, NRB, 10);
		idb(&c, 1, 65535, -1, 0);
		epb(&c, 0, 1700000000123456ull, frame, 17, 1514);
		other(&c, ISB, 20);
		other(&c, 0x40000bad, 3);
		epb(&c, 0, 1700000001000001ull, frame, 0, 60);
		ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
		ASSERT_REC(1700000000, 123456000, 17, 1514, 1, 0);
		/* A custom block: a frame to Wireshark, not a packet. */
		ck_assert_int_eq(next(), PT_CAP_RECORD);
		ck_assert_uint_eq(rec.linktype, PT_CAP_NOT_PACKET);
		ck_assert_uint_eq(rec.caplen, 4);
		ASSERT_REC(1700000001, 1000, 0, 60, 1, 0);
		ck_assert_int_eq(next(), PT_CAP_END);
		ck_assert(!cf.first_nsec);
		free_cap(&c);
	}
}
END_TEST

START_TEST(test_pcapng_tsresol_and_tsoffset)
{
	static const struct {
		int resol;
		int64_t offset;
		uint64_t t;
		int64_t sec;
		uint32_t nsec;
		bool finer;
	} cases[] = {
		{ -1, 0, 1000000, 1, 0, false },		/* default 10^-6 */
		{ 6, 0, 2500000, 2, 500000000, false },
		{ 9, 0, 1700000000123456789ull, 1700000000, 123456789, true },
		{ 3, 0, 1234, 1, 234000000, false },
		{ 0, 0, 77, 77, 0, false },
		{ 12, 0, 1000000000001ull, 1, 0, true },	/* 1 ps: floor */
		{ 12, 0, 2999999999999ull, 2, 999999999, true },
		{ 19, 0, 15000000000000000000ull, 1, 500000000, true },
		{ 0x80 | 20, 0, (5ull << 20) | (1 << 19), 5, 500000000, true },
		{ 0x80 | 20, 0, 1, 0, 953, true },	/* 1e9 / 2^20 = 953.67 */
		{ 0x80 | 10, 0, 1024 + 512, 1, 500000000, false },
		{ 0x80 | 63, 0, (1ull << 63) + (1ull << 62), 1, 500000000,
		    true },
		{ 6, -3600, 7200000000ull, 3600, 0, false },
		{ 6, -10, 5000000, -5, 0, false },
		{ 6, 1000, 1, 1000, 1000, false },
		/* 2^64 - 1 seconds: past int64_t, saturated */
		{ 0, 0, UINT64_MAX, INT64_MAX, 0, false },
		/* the offset added exactly first: 2^64 - 2, still past */
		{ 0, -1, UINT64_MAX, INT64_MAX, 0, false },
		/* 2^64 - 1 - 2^63: exactly the largest */
		{ 0, INT64_MIN, UINT64_MAX, INT64_MAX, 0, false },
		{ 0, INT64_MIN, (uint64_t)INT64_MAX, -1, 0, false },
		{ 0, INT64_MIN, 0, INT64_MIN, 0, false },
	};
	struct cap c = { 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		shb(&c, i % 2);
		idb(&c, 1, 0, cases[i].resol, cases[i].offset);
		epb(&c, 0, cases[i].t, frame, 4, 4);
		ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
		ck_assert_int_eq(next(), PT_CAP_RECORD);
		ck_assert_msg(rec.ts.sec == cases[i].sec &&
		    rec.ts.nsec == cases[i].nsec, "case %zu: %lld.%09u", i,
		    (long long)rec.ts.sec, rec.ts.nsec);
		ck_assert_msg(cf.first_nsec == cases[i].finer, "case %zu", i);
		free_cap(&c);
	}
}
END_TEST

START_TEST(test_pcapng_interfaces_each_their_link_type)
{
	struct cap c = { 0 };

	shb(&c, false);
	idb(&c, 1, 128, 9, 0);		/* Ethernet, ns */
	idb(&c, 113, 0, 6, 0);		/* SLL, us */
	idb(&c, 101, 96, 0x80 | 20, -7200);
	epb(&c, 1, 3000000, frame, 10, 10);
	epb(&c, 0, 4000000000ull, frame, 11, 11);
	epb(&c, 2, 10ull << 20, frame, 12, 12);
	pb(&c, 1, 5000000, frame, 13, 20);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ASSERT_REC(3, 0, 10, 10, 113, 1);
	ck_assert(cf.first_nsec);	/* the first interface, not the packet's */
	ASSERT_REC(4, 0, 11, 11, 1, 0);
	ASSERT_REC(10 - 7200, 0, 12, 12, 101, 2);
	ASSERT_REC(5, 0, 13, 20, 113, 1);
	ck_assert_int_eq(next(), PT_CAP_END);
	ck_assert_uint_eq(pt_capfile_iface(&cf, 2)->snaplen, 96);
	ck_assert(pt_capfile_iface(&cf, 3) == NULL);
	free_cap(&c);
}
END_TEST

START_TEST(test_pcapng_sections_start_interfaces_over)
{
	struct cap c = { 0 };

	shb(&c, false);
	idb(&c, 1, 0, 6, 0);
	idb(&c, 1, 0, 6, 0);
	epb(&c, 1, 1000000, frame, 5, 5);
	shb(&c, true);			/* a big-endian section after */
	idb(&c, 113, 0, 9, 0);
	epb(&c, 0, 2000000000, frame, 6, 6);
	shb(&c, false);
	idb(&c, 0, 0, 3, 0);
	epb(&c, 0, 3000, frame, 7, 7);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ASSERT_REC(1, 0, 5, 5, 1, 1);
	ASSERT_REC(2, 0, 6, 6, 113, 2);
	ASSERT_REC(3, 0, 7, 7, 0, 3);
	ck_assert_int_eq(next(), PT_CAP_END);
	ck_assert_uint_eq(cf.sections, 3);
	ck_assert(!cf.first_nsec);
	/* An interface of the first section is gone in the second. */
	free_cap(&c);
	shb(&c, false);
	idb(&c, 1, 0, 6, 0);
	idb(&c, 1, 0, 6, 0);
	shb(&c, false);
	idb(&c, 1, 0, 6, 0);
	epb(&c, 1, 0, frame, 5, 5);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ck_assert_int_eq(next(), PT_CAP_DAMAGED);
	ck_assert_str_eq(cf.why, "a packet on interface 1, of 1 described in "
	    "its section");
	free_cap(&c);
}
END_TEST

START_TEST(test_pcapng_simple_packet_block)
{
	struct cap c = { 0 };

	shb(&c, true);
	idb(&c, 1, 20, 9, 0);
	spb(&c, frame, 12, 12);		/* all captured */
	spb(&c, frame, 20, 1514);	/* cut to the snaplen */
	spb(&c, frame, 8, 8);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ASSERT_REC(0, 0, 12, 12, 1, 0);
	ASSERT_REC(0, 0, 20, 1514, 1, 0);
	ASSERT_REC(0, 0, 8, 8, 1, 0);
	ck_assert_int_eq(next(), PT_CAP_END);
	free_cap(&c);
	/* Longer on the wire than its block, no snaplen: what is there. */
	shb(&c, false);
	idb(&c, 1, 0, 9, 0);
	spb(&c, frame, 9, 100);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ck_assert_int_eq(next(), PT_CAP_RECORD);
	ck_assert_uint_eq(rec.caplen, 12);	/* 9 padded to 12 */
	ck_assert_uint_eq(rec.wirelen, 100);
	ck_assert_mem_eq(rec.data, frame, 9);
	free_cap(&c);
	/* Before any interface */
	shb(&c, false);
	spb(&c, frame, 8, 8);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ck_assert_int_eq(next(), PT_CAP_DAMAGED);
	free_cap(&c);
}
END_TEST

START_TEST(test_pcapng_big_block_skipped)
{
	struct cap c = { 0 };

	shb(&c, false);
	idb(&c, 1, 0, 6, 0);
	other(&c, NRB, 3 * PT_CAP_BUFFER);
	epb(&c, 0, 1000000, frame, 9, 9);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ASSERT_REC(1, 0, 9, 9, 1, 0);
	ck_assert_int_eq(next(), PT_CAP_END);
	free_cap(&c);
}
END_TEST

/* The capture opens, and its first block after the header is damaged. */
static void
expect_damaged(struct cap *c, const char *why)
{
	ck_assert_int_eq(open_cap(c), PT_CAP_RECORD);
	ck_assert_int_eq(next(), PT_CAP_DAMAGED);
	ck_assert_str_eq(cf.why, why);
	free_cap(c);
}

START_TEST(test_pcapng_limits)
{
	struct cap c = { 0 };
	size_t at;
	uint32_t i;

	/* Lengths at start and end differ */
	shb(&c, false);
	at = c.n;
	idb(&c, 1, 0, 6, 0);
	put32_at(&c, c.n - 4, 40);
	expect_damaged(&c, "a block's lengths at its start (44) and end "
	    "(40) differ");
	/* Below 12, above the maximum */
	shb(&c, false);
	at = c.n;
	other(&c, 0xbad, 0);
	put32_at(&c, at + 4, 8);
	expect_damaged(&c, "a block of 8 bytes (12 to 16777216)");
	shb(&c, true);
	at = c.n;
	other(&c, 0xbad, 0);
	put32_at(&c, at + 4, PT_CAP_MAX_BLOCK + 4);
	expect_damaged(&c, "a block of 16777220 bytes (12 to 16777216)");
	/* A packet longer than its block */
	shb(&c, false);
	idb(&c, 1, 0, 6, 0);
	at = c.n;
	epb(&c, 0, 0, frame, 8, 8);
	put32_at(&c, at + 20, 100);
	expect_damaged(&c, "a packet of 100 bytes captured in a block with "
	    "room for 16");
	/* An interface no IDB describes */
	shb(&c, false);
	idb(&c, 1, 0, 6, 0);
	epb(&c, 3, 0, frame, 8, 8);
	expect_damaged(&c, "a packet on interface 3, of 1 described in its "
	    "section");
	/* An option past its block */
	shb(&c, false);
	at = c.n;
	idb(&c, 1, 0, 6, 0);
	put16_at(&c, at + 18, 200);	/* the comment's length */
	expect_damaged(&c, "an interface option of 200 bytes past the end of "
	    "its block");
	/* The end marker too: a length past the block; one inside it */
	shb(&c, false);
	at = c.n;
	idb(&c, 1, 0, -1, 0);
	put16_at(&c, at + 16 + 12 + 2, 8);
	expect_damaged(&c, "an interface option of 8 bytes past the end of "
	    "its block");
	shb(&c, false);
	at = c.n;
	idb(&c, 1, 0, -1, 0);
	put16_at(&c, at + 16, OPT_END);	/* the comment's code: of 5 bytes */
	epb(&c, 0, 0, frame, 8, 8);
	ck_assert_int_eq(open_cap(&c), PT_CAP_RECORD);
	ck_assert_int_eq(next(), PT_CAP_RECORD);
	free_cap(&c);
	/* if_tsresol of 2 bytes; too fine */
	shb(&c, false);
	at = c.n;
	idb(&c, 1, 0, 6, 0);
	put16_at(&c, at + 16 + 12 + 2, 2);
	expect_damaged(&c, "an if_tsresol option of 2 bytes");
	shb(&c, false);
	idb(&c, 1, 0, 20, 0);
	expect_damaged(&c, "an interface's time resolution 10^-20 is too "
	    "fine");
	shb(&c, false);
	idb(&c, 1, 0, 0x80 | 64, 0);
	expect_damaged(&c, "an interface's time resolution 2^-64 is too "
	    "fine");
	/* An if_tsoffset of 4 bytes */
	shb(&c, false);
	at = c.n;
	idb(&c, 1, 0, -1, 5);
	put16_at(&c, at + 16 + 12 + 2, 4);
	expect_damaged(&c, "an if_tsoffset option of 4 bytes");
	/* Too many interfaces */
	shb(&c, false);
	for (i = 0; i <= PT_CAP_MAX_IFACES; i++)
		idb(&c, 1, 0, -1, 0);
	expect_damaged(&c, "more than 65536 interfaces in a section");
	/* An IDB, an EPB too short for their fields */
	shb(&c, false);
	other(&c, IDB, 4);
	expect_damaged(&c, "an interface block of 16 bytes, fewer than 20");
	shb(&c, false);
	idb(&c, 1, 0, 6, 0);
	other(&c, EPB, 8);
	expect_damaged(&c, "a packet block of 20 bytes, fewer than 32");
	/* A section of another version */
	shb(&c, false);
	put16_at(&c, 12, 2);
	ck_assert_int_eq(open_cap(&c), PT_CAP_DAMAGED);
	ck_assert_str_eq(cf.why, "unsupported pcapng version 2.0");
	free_cap(&c);
	/* A bad byte-order magic */
	shb(&c, false);
	c.b[8] = 0;
	ck_assert_int_eq(open_cap(&c), PT_CAP_DAMAGED);
	free_cap(&c);
}
END_TEST

START_TEST(test_pcapng_cut_anywhere)
{
	struct cap c = { 0 }, cut = { 0 };
	size_t n, first, ends[4];
	enum pt_cap_status want;
	int i;

	shb(&c, false);
	ends[0] = c.n;
	idb(&c, 1, 0, 6, 0);
	ends[1] = c.n;
	epb(&c, 0, 0, frame, 10, 10);
	first = c.n;
	other(&c, NRB, 8);
	ends[2] = c.n;
	idb(&c, 1, 0, 6, 0);
	ends[3] = c.n;
	epb(&c, 1, 0, frame, 10, 10);
	for (n = 12; n < c.n; n++) {
		cut.n = 0;
		add_bytes(&cut, c.b, n);
		if (n < 28) {
			ck_assert_int_eq(open_cap(&cut), PT_CAP_TRUNCATED);
			continue;
		}
		ck_assert_int_eq(open_cap(&cut), PT_CAP_RECORD);
		if (n >= first)
			ASSERT_REC(0, 0, 10, 10, 1, 0);
		/* Cut between blocks: the end; else truncated. */
		want = n == first ? PT_CAP_END : PT_CAP_TRUNCATED;
		for (i = 0; i < 4; i++)
			if (n == ends[i])
				want = PT_CAP_END;
		ck_assert_msg(next() == want, "%zu bytes", n);
	}
	free_cap(&c);
	free_cap(&cut);
}
END_TEST

static Suite *
capfile_suite(void)
{
	Suite *s = suite_create("capfile");
	TCase *tc;

	tc = tcase_create("pcap");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_pcap_both_byte_orders_and_precisions);
	tcase_add_test(tc, test_pcap_seconds_past_2038_are_unsigned);
	tcase_add_test(tc, test_pcap_fraction_past_a_second_carries);
	tcase_add_test(tc, test_pcap_fcs_bits_masked_off);
	tcase_add_test(tc, test_pcap_record_past_snaplen_kept_whole);
	tcase_add_test(tc, test_pcap_record_past_the_maximum_is_damaged);
	tcase_add_test(tc, test_pcap_cut_anywhere_is_truncated);
	tcase_add_test(tc, test_not_a_capture);
	tcase_add_test(tc, test_pcap_records_across_buffer_refills);
	tcase_add_test(tc, test_pipe_fed_a_byte_at_a_time);
	suite_add_tcase(s, tc);

	tc = tcase_create("pcapng");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_pcapng_epb_either_byte_order);
	tcase_add_test(tc, test_pcapng_tsresol_and_tsoffset);
	tcase_add_test(tc, test_pcapng_interfaces_each_their_link_type);
	tcase_add_test(tc, test_pcapng_sections_start_interfaces_over);
	tcase_add_test(tc, test_pcapng_simple_packet_block);
	tcase_add_test(tc, test_pcapng_big_block_skipped);
	tcase_add_test(tc, test_pcapng_limits);
	tcase_add_test(tc, test_pcapng_cut_anywhere);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(capfile_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
