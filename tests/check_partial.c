/*
 * check_partial.c: unit tests of the partial-record format (partial.c):
 * every kind of field written and read back unchanged (names with tabs,
 * newlines, backslashes and control bytes; the ends of the numbers;
 * times before 1970; both address families), and every kind of damage
 * told apart from a whole partial: no trailer, a trailer that counts
 * otherwise, lines after it, a bad escape, a number with a leading zero
 * or past its bound, too many fields, a line too long, a NUL byte.
 */
#include <check.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "partial.h"
#include "pcaptally.h"

static char path[] = "/tmp/check_partial.XXXXXX";

/* Standard output to a new file, for pt_part_* and pt_out_*. */
static void
output_to_file(void)
{
	int fd;

	strcpy(path, "/tmp/check_partial.XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ge(dup2(fd, STDOUT_FILENO), 0);
	close(fd);
}

static void
write_file(const char *text)
{
	FILE *f;

	strcpy(path, "/tmp/check_partial.XXXXXX");
	ck_assert_int_ge(mkstemp(path), 0);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

static const char *const names[] = {
	"cap-13.pcap", "a\ttab", "a\nnewline", "back\\slash\\", "\x01\x1f\x7f",
	"", "\\t", "\\0", "caf\xc3\xa9",
};

START_TEST(test_fields_read_back_as_written)
{
	const char *fields[] = { "u=1", "source=a\tb" };
	struct pt_time times[] = { { 0, 0 }, { -1, 999999999 },
	    { INT64_MAX, 999999999 }, { INT64_MIN, 0 }, { 1700000000, 5 } };
	uint8_t v4[16] = { 192, 0, 2, 1 }, v6[16] = { 0x20, 0x01, 0x0d, 0xb8,
	    [15] = 1 }, addr[16];
	struct pt_part_reader r;
	struct pt_time t;
	const char *s;
	uint64_t u;
	int64_t i;
	size_t k;

	output_to_file();
	pt_part_header("pcapflows", fields, 2);
	for (k = 0; k < sizeof names / sizeof names[0]; k++) {
		pt_part_kind("M");
		pt_part_str(names[k]);
		pt_part_end_record();
	}
	pt_part_kind("U");
	pt_part_u64(0);
	pt_part_u64(UINT64_MAX);
	pt_part_i64(INT64_MIN);
	pt_part_i64(INT64_MAX);
	pt_part_i64(-1);
	pt_part_end_record();
	pt_part_kind("T");
	for (k = 0; k < sizeof times / sizeof times[0]; k++)
		pt_part_time(&times[k]);
	pt_part_addr(4, v4);
	pt_part_addr(6, v6);
	pt_part_end_record();
	pt_part_trailer();
	pt_out_flush();

	ck_assert_msg(pt_part_open(&r, path), "%s", r.why);
	ck_assert(pt_part_get_str(&r, &s));
	ck_assert_str_eq(s, "pcapflows");
	ck_assert(pt_part_get_str(&r, &s));
	ck_assert_str_eq(s, "u=1");
	ck_assert(pt_part_get_str(&r, &s));
	ck_assert_str_eq(s, "source=a\tb");
	ck_assert(pt_part_done(&r));
	for (k = 0; k < sizeof names / sizeof names[0]; k++) {
		ck_assert_int_eq(pt_part_next(&r), 1);
		ck_assert_str_eq(r.kind, "M");
		ck_assert_msg(pt_part_get_str(&r, &s), "%s", r.why);
		ck_assert_str_eq(s, names[k]);
		ck_assert(pt_part_done(&r));
	}
	ck_assert_int_eq(pt_part_next(&r), 1);
	ck_assert_str_eq(r.kind, "U");
	ck_assert(pt_part_get_u64(&r, 0, &u) && u == 0);
	ck_assert(pt_part_get_u64(&r, UINT64_MAX, &u) && u == UINT64_MAX);
	ck_assert(pt_part_get_i64(&r, &i) && i == INT64_MIN);
	ck_assert(pt_part_get_i64(&r, &i) && i == INT64_MAX);
	ck_assert(pt_part_get_i64(&r, &i) && i == -1);
	ck_assert(pt_part_done(&r));
	ck_assert_int_eq(pt_part_next(&r), 1);
	ck_assert_str_eq(r.kind, "T");
	for (k = 0; k < sizeof times / sizeof times[0]; k++) {
		ck_assert_msg(pt_part_get_time(&r, &t), "%s", r.why);
		ck_assert(t.sec == times[k].sec && t.nsec == times[k].nsec);
	}
	ck_assert(pt_part_get_addr(&r, 4, addr));
	ck_assert_mem_eq(addr, v4, 16);
	ck_assert(pt_part_get_addr(&r, 6, addr));
	ck_assert_mem_eq(addr, v6, 16);
	ck_assert(pt_part_done(&r));
	ck_assert_int_eq(pt_part_next(&r), 0);
	pt_part_close(&r);
	unlink(path);
}
END_TEST

/* Reads a partial's records to the end: 0 whole, -1 damaged (why). */
static int
read_all(const char *text, char *why, size_t size)
{
	struct pt_part_reader r;
	int got;

	write_file(text);
	if (!pt_part_open(&r, path)) {
		snprintf(why, size, "%s", r.why);
		pt_part_close(&r);
		unlink(path);
		return -2;
	}
	while ((got = pt_part_next(&r)) == 1)
		;
	snprintf(why, size, "%s", r.why);
	pt_part_close(&r);
	unlink(path);
	return got;
}

#define HEAD "pcaptally-partial\t1\tpcapflows\n"

START_TEST(test_damage_is_told)
{
	static const struct {
		const char *text, *why;
		int got;
	} cases[] = {
		{ HEAD "M\t0\tx\n#end\t1\n", "", 0 },
		{ HEAD "M\t0\tx\n", "cut short: no trailer line", -1 },
		{ HEAD "M\t0\tx\n#end\t1", "cut short in a line", -1 },
		{ HEAD "M\t0\tx\n#end\t2\n", "the trailer counts 2 records, 1 "
		    "were read", -1 },
		{ HEAD "M\t0\tx\n#end\t1\nM\t0\ty\n", "lines after the trailer",
		    -1 },
		{ HEAD "M\t0\tx\n#end\t01\n", "a number out of place or range",
		    -1 },
		{ HEAD "#end\t18446744073709551616\n", "a number out of place "
		    "or range", -1 },
		{ HEAD "#end\t0\textra\n", "too many fields", -1 },
		{ "pcaptally-partial\t2\tpcapflows\n#end\t0\n", "format version "
		    "2, this program reads version 1", -2 },
		{ "pcapflows\t1\n", "not a partial record of pcaptally", -2 },
		{ "", "cut short: no trailer line", -2 },
	};
	char why[200];
	size_t k;
	int got;

	for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		got = read_all(cases[k].text, why, sizeof why);
		if (got != cases[k].got || (got != 0 &&
		    strcmp(why, cases[k].why) != 0))
			ck_abort_msg("case %zu: %d (%s), not %d (%s)", k, got, why,
			    cases[k].got, cases[k].why);
	}
}
END_TEST

/* A NUL inside a line: written by length. */
START_TEST(test_nul_byte_in_a_line)
{
	static const char text[] = HEAD "M\0\t0\n#end\t1\n";
	struct pt_part_reader r;
	FILE *f;

	strcpy(path, "/tmp/check_partial.XXXXXX");
	ck_assert_int_ge(mkstemp(path), 0);
	f = fopen(path, "w");
	fwrite(text, 1, sizeof text - 1, f);
	fclose(f);
	ck_assert(pt_part_open(&r, path));
	ck_assert_int_eq(pt_part_next(&r), -1);
	ck_assert_str_eq(r.why, "a NUL byte");
	pt_part_close(&r);
	unlink(path);
}
END_TEST

START_TEST(test_bad_fields_refused)
{
	static const char *const bad_escapes[] = { "a\\q", "\\256", "\\000",
	    "a\\", "\\2", "x\\0" };
	struct pt_part_reader r;
	const char *s;
	uint64_t u;
	int64_t i;
	struct pt_time t;
	uint8_t addr[16];
	char line[256];		/* room for PT_PART_SLACK after each */
	size_t k;

	memset(&r, 0, sizeof r);
	for (k = 0; k < sizeof bad_escapes / sizeof bad_escapes[0]; k++) {
		snprintf(line, sizeof line, "K\t%s", bad_escapes[k]);
		ck_assert(pt_part_load(&r, line));
		if (pt_part_get_str(&r, &s))
			ck_abort_msg("%s read as %s", bad_escapes[k], s);
	}
	/* Each getter reads one field, also when it fails. */
	strcpy(line, "K\t7\t8\t-0\t-9223372036854775809\t9223372036854775808"
	    "\t00\t18446744073709551616\t1x\t\t18446744073709551615");
	ck_assert(pt_part_load(&r, line));
	ck_assert(!pt_part_get_u64(&r, 6, &u));		/* above its bound */
	ck_assert(pt_part_get_u64(&r, 8, &u) && u == 8);
	ck_assert(!pt_part_get_i64(&r, &i));		/* -0 */
	ck_assert(!pt_part_get_i64(&r, &i));
	ck_assert(!pt_part_get_i64(&r, &i));
	ck_assert(!pt_part_get_u64(&r, UINT64_MAX, &u));	/* a leading 0 */
	ck_assert(!pt_part_get_u64(&r, UINT64_MAX, &u));	/* 2^64 */
	ck_assert(!pt_part_get_u64(&r, UINT64_MAX, &u));
	ck_assert(!pt_part_get_u64(&r, UINT64_MAX, &u));	/* empty */
	ck_assert(pt_part_get_u64(&r, UINT64_MAX, &u) && u == UINT64_MAX);
	ck_assert(pt_part_done(&r));
	strcpy(line, "K\t1.5\t1.0000000000\t-.000000000\t10.00000000x\t1"
	    "\t-0.000000001\t-2.750000000\t0.000000001");
	ck_assert(pt_part_load(&r, line));
	ck_assert(!pt_part_get_time(&r, &t));
	ck_assert(!pt_part_get_time(&r, &t));
	ck_assert(!pt_part_get_time(&r, &t));
	ck_assert(!pt_part_get_time(&r, &t));
	ck_assert(!pt_part_get_time(&r, &t));		/* no decimals */
	ck_assert(!pt_part_get_time(&r, &t));		/* -0 seconds */
	ck_assert(pt_part_get_time(&r, &t) && t.sec == -2 &&
	    t.nsec == 750000000);
	ck_assert(pt_part_get_time(&r, &t) && t.sec == 0 && t.nsec == 1);
	ck_assert(pt_part_done(&r));
	strcpy(line, "K\t1.2.3.4.5\t::1\t256.0.0.1\t01.2.3.4\t1.2.3\t"
	    "255.255.255.255\t0.10.100.0");
	ck_assert(pt_part_load(&r, line));
	ck_assert(!pt_part_get_addr(&r, 4, addr));
	ck_assert(!pt_part_get_addr(&r, 4, addr));	/* IPv6 as IPv4 */
	ck_assert(!pt_part_get_addr(&r, 4, addr));
	ck_assert(!pt_part_get_addr(&r, 4, addr));
	ck_assert(!pt_part_get_addr(&r, 4, addr));
	ck_assert(pt_part_get_addr(&r, 4, addr) && addr[0] == 255 &&
	    addr[3] == 255);
	ck_assert(pt_part_get_addr(&r, 4, addr) && addr[0] == 0 &&
	    addr[1] == 10 && addr[2] == 100 && addr[3] == 0);
	ck_assert(pt_part_done(&r));
	ck_assert(!pt_part_get_u64(&r, 1, &u));		/* too few fields */
}
END_TEST

START_TEST(test_line_too_long)
{
	struct pt_part_reader r;
	FILE *f;
	size_t k;

	strcpy(path, "/tmp/check_partial.XXXXXX");
	ck_assert_int_ge(mkstemp(path), 0);
	f = fopen(path, "w");
	fputs(HEAD "M\t0\t", f);
	for (k = 0; k < PT_PART_MAX_LINE; k++)
		fputc('x', f);
	fputs("\n#end\t1\n", f);
	fclose(f);
	ck_assert(pt_part_open(&r, path));
	ck_assert_int_eq(pt_part_next(&r), -1);
	ck_assert_str_eq(r.why, "line too long");
	ck_assert_int_eq(r.line, 2);
	pt_part_close(&r);
	unlink(path);
}
END_TEST

static Suite *
partial_suite(void)
{
	Suite *s = suite_create("partial");
	TCase *tc = tcase_create("format");

	tcase_add_test(tc, test_fields_read_back_as_written);
	tcase_add_test(tc, test_damage_is_told);
	tcase_add_test(tc, test_nul_byte_in_a_line);
	tcase_add_test(tc, test_bad_fields_refused);
	tcase_add_test(tc, test_line_too_long);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(partial_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
