/*
 * check_output.c: unit tests of the number and time formatting every
 * program's lines are made of: pt_fmt_u64() against printf at every
 * power of ten and its neighbours, pt_fmt_time() at the edges of its
 * seconds cache and of negative times; pt_time_sub(), the difference
 * of two times, at the ends of int64 seconds; ISO 8601 times; the
 * buffer written in whole lines only.
 */
#include <check.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pcaptally.h"

static void
check_u64(uint64_t v)
{
	char got[PT_FMT_U64 + 1], want[32];
	char *end = pt_fmt_u64(got, v);

	*end = '\0';
	snprintf(want, sizeof want, "%" PRIu64, v);
	if (strcmp(got, want) != 0)
		ck_abort_msg("%s: formatted as %s", want, got);
	if (pt_count_digits(v) != (int)strlen(want))
		ck_abort_msg("%s: %d digits counted", want,
		    pt_count_digits(v));
}

START_TEST(test_u64_at_every_power_of_ten)
{
	uint64_t p = 1;
	int k;

	check_u64(0);
	check_u64(UINT64_MAX);
	check_u64(UINT64_MAX - 1);
	check_u64(UINT32_MAX);
	check_u64((uint64_t)UINT32_MAX + 1);
	for (k = 0; k < 20; k++, p *= 10) {
		check_u64(p - 1);
		check_u64(p);
		check_u64(p + 1);
		check_u64(2 * p - 1);
		check_u64(p * 9 + (p - 1));	/* all nines */
	}
}
END_TEST

/* Every bit length: the digit count is computed from it. */
START_TEST(test_u64_at_every_power_of_two)
{
	int k;

	for (k = 0; k < 64; k++) {
		check_u64(UINT64_C(1) << k);
		check_u64((UINT64_C(1) << k) - 1);
		check_u64((UINT64_C(1) << k) + 1);
	}
}
END_TEST

/* The counter writes what pt_fmt_u64() writes, whatever came before. */
static void
check_counter(struct pt_fmt_counter *c, uint64_t v)
{
	char got[PT_FMT_U64 + 1], want[PT_FMT_U64 + 1];
	char *end;

	end = pt_fmt_counter(got, c, v);
	*end = '\0';
	end = pt_fmt_u64(want, v);
	*end = '\0';
	if (strcmp(got, want) != 0)
		ck_abort_msg("%s: written as %s", want, got);
}

/*
 * Rises of 0 to 120 from just below every power of ten (within the last
 * two digits, past them, to one digit more), then falls and leaps,
 * which write the number whole.
 */
START_TEST(test_counter_as_u64)
{
	struct pt_fmt_counter c = { 0 };
	uint64_t p = 1, v, step;
	int k;

	check_counter(&c, 0);
	check_counter(&c, 0);
	check_counter(&c, 9);
	check_counter(&c, 10);
	for (k = 1; k < 20; k++, p *= 10)
		for (step = 0; step <= 120; step++)
			for (v = p - 1 - step; v < p + 3 * step + 3; v += step) {
				check_counter(&c, v);
				if (step == 0)
					break;
			}
	check_counter(&c, UINT64_MAX - 3);
	check_counter(&c, UINT64_MAX);
	check_counter(&c, 5);
	check_counter(&c, 3);
	check_counter(&c, 1099);
	check_counter(&c, 1100);
	check_counter(&c, 999999);
	check_counter(&c, 1000008);
}
END_TEST

static void
check_time(int64_t sec, uint32_t nsec, bool ns, const char *want)
{
	struct pt_time t = { sec, nsec };
	char got[PT_FMT_TIME + 1];
	char *end = pt_fmt_time(got, &t, ns);

	*end = '\0';
	if (strcmp(got, want) != 0)
		ck_abort_msg("%" PRId64 " s %" PRIu32 " ns: %s, want %s", sec,
		    nsec, got, want);
}

START_TEST(test_time_decimals_truncated_not_rounded)
{
	check_time(1700000000, 123456789, false, "1700000000.123456");
	check_time(1700000000, 123456789, true, "1700000000.123456789");
	check_time(1700000000, 999999999, false, "1700000000.999999");
	check_time(0, 0, false, "0.000000");
	check_time(0, 1, true, "0.000000001");
}
END_TEST

/* The seconds' digits are kept from one call to the next: change them. */
START_TEST(test_time_seconds_change_between_calls)
{
	check_time(9, 5000, false, "9.000005");
	check_time(9, 6000, false, "9.000006");
	check_time(10, 0, false, "10.000000");
	check_time(99999, 0, false, "99999.000000");
	check_time(100000, 0, false, "100000.000000");
	check_time(9, 7000, false, "9.000007");
	check_time(INT64_MAX, 999999999, true,
	    "9223372036854775807.999999999");
	check_time(9, 7000, false, "9.000007");
}
END_TEST

/* Before 1970: the time is sec + nsec, sec the floor. */
START_TEST(test_time_negative)
{
	check_time(-1, 750000000, false, "-0.250000");
	check_time(-2, 750000000, true, "-1.250000000");
	check_time(-5, 0, false, "-5.000000");
	check_time(INT64_MIN, 0, false, "-9223372036854775808.000000");
	check_time(7, 0, false, "7.000000");
}
END_TEST

/* pt_fmt_iso() against strftime(3) of gmtime(3), and its limits. */
static void
check_iso(int64_t sec, uint32_t nsec, bool ns, const char *want)
{
	struct pt_time t = { sec, nsec };
	char got[PT_FMT_TIME + 1];

	*pt_fmt_iso(got, &t, ns) = '\0';
	if (strcmp(got, want) != 0)
		ck_abort_msg("%" PRId64 ".%09u: %s, not %s", sec, nsec, got,
		    want);
}

START_TEST(test_iso_times)
{
	int64_t secs[] = { 0, 1, -1, 951782400 /* 2000-02-29 */,
	    1700000000, 2208988800 /* 2040 */, 4102444800 /* 2100-01-01 */,
	    -62167219200 /* 0000-01-01 */, 253402300799 /* 9999-12-31 */ };
	char want[64], frac[16];
	struct tm tm;
	time_t tt;
	size_t i;

	for (i = 0; i < sizeof secs / sizeof secs[0]; i++) {
		tt = (time_t)secs[i];
		ck_assert_ptr_nonnull(gmtime_r(&tt, &tm));
		strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S", &tm);
		if (tm.tm_year + 1900 < 1000) {
			/* glibc's %Y does not pad: 0 is "0", ISO wants "0000" */
			char rest[64];

			snprintf(rest, sizeof rest, "%s", strchr(want, '-'));
			snprintf(want, sizeof want, "%04d%s", tm.tm_year + 1900,
			    rest);
		}
		snprintf(frac, sizeof frac, ".%06uZ", 123456u);
		strcat(want, frac);
		check_iso(secs[i], 123456789, false, want);
		want[strlen(want) - 1] = '\0';
		strcat(want, "789Z");
		check_iso(secs[i], 123456789, true, want);
	}
	/* Years past 9999 and before 0000 stay in seconds. */
	check_iso(253402300800, 5000, false, "253402300800.000005");
	check_iso(-62167219201, 0, false, "-62167219201.000000");
	check_iso(INT64_MAX, 999999999, true,
	    "9223372036854775807.999999999");
	check_iso(INT64_MIN, 0, false, "-9223372036854775808.000000");
}
END_TEST

/*
 * Lines of 99 bytes and a newline, more than the 64 KiB buffer holds:
 * what reaches the file before the end is whole lines, never a cut one
 * (a run killed there leaves lines, not half of one).
 */
START_TEST(test_buffer_written_in_whole_lines)
{
	char path[] = "/tmp/check_output.XXXXXX", line[100];
	struct stat st;
	int fd = mkstemp(path), i;

	ck_assert_int_ge(fd, 0);
	unlink(path);
	ck_assert_int_ge(dup2(fd, STDOUT_FILENO), 0);
	memset(line, 'x', sizeof line - 1);
	line[sizeof line - 1] = '\n';
	for (i = 0; i < 3000; i++) {
		pt_out_bytes(line, sizeof line);
		ck_assert_int_eq(fstat(fd, &st), 0);
		if (st.st_size % (off_t)sizeof line != 0)
			ck_abort_msg("after %d lines, %jd bytes written: a line "
			    "cut", i + 1, (intmax_t)st.st_size);
	}
	ck_assert_int_gt(st.st_size, 0);
	pt_out_str("the last line, ");
	pt_out_u64(42);
	pt_out_flush();
	ck_assert_int_eq(fstat(fd, &st), 0);
	/* Flushing writes whole lines only: the unfinished one waits. */
	ck_assert_int_eq(st.st_size % (off_t)sizeof line, 0);
	pt_out_char('\n');
	ck_assert(pt_out_close());
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_int_eq(st.st_size, 3000 * (off_t)sizeof line + 18);
}
END_TEST

/* a - b, expected as sec and nsec. */
static void
check_sub(int64_t as, uint32_t an, int64_t bs, uint32_t bn, int64_t sec,
    uint32_t nsec)
{
	struct pt_time a = { as, an }, b = { bs, bn };
	struct pt_time d = pt_time_sub(&a, &b);

	if (d.sec != sec || d.nsec != nsec)
		ck_abort_msg("%" PRId64 ".%09" PRIu32 " - %" PRId64 ".%09"
		    PRIu32 " = %" PRId64 " s %" PRIu32 " ns, not %" PRId64
		    " s %" PRIu32 " ns", as, an, bs, bn, d.sec, d.nsec, sec,
		    nsec);
}

START_TEST(test_time_sub_exact)
{
	check_sub(10, 500000000, 3, 250000000, 7, 250000000);
	check_sub(10, 250000000, 3, 500000000, 6, 750000000);
	check_sub(3, 0, 10, 1, -8, 999999999);
	/* Exact up to the ends. */
	check_sub(INT64_MAX, 0, 0, 0, INT64_MAX, 0);
	check_sub(INT64_MIN, 0, 0, 0, INT64_MIN, 0);
	check_sub(-1, 0, INT64_MAX, 0, INT64_MIN, 0);
	check_sub(INT64_MAX, 999999999, INT64_MAX, 999999999, 0, 0);
	check_sub(INT64_MIN, 0, INT64_MIN, 1, -1, 999999999);
	/* A borrow that brings the seconds back in range. */
	check_sub(INT64_MAX, 0, -1, 1, INT64_MAX, 999999999);
	check_sub(INT64_MIN, 0, 0, 1, INT64_MIN, 0);
}
END_TEST

/* Beyond int64 seconds: the largest or the smallest time. */
START_TEST(test_time_sub_saturates)
{
	check_sub(INT64_MAX, 0, INT64_MIN, 0, INT64_MAX, 999999999);
	check_sub(INT64_MAX, 0, -1, 0, INT64_MAX, 999999999);
	check_sub(INT64_MIN, 0, INT64_MAX, 0, INT64_MIN, 0);
	check_sub(INT64_MIN, 0, 1, 0, INT64_MIN, 0);
	check_sub(INT64_MIN, 5, INT64_MAX, 7, INT64_MIN, 0);
	check_sub(INT64_MIN, 0, 0, 2, INT64_MIN, 0);
	check_sub(INT64_MAX, 999999999, INT64_MIN, 0, INT64_MAX, 999999999);
	/* libpcap's 2^63 (-2^63) after 2^63 - 1, and before. */
	check_sub(INT64_MIN, 0, INT64_MAX, 0, INT64_MIN, 0);
	check_sub(INT64_MAX, 0, INT64_MIN, 0, INT64_MAX, 999999999);
}
END_TEST

static Suite *
output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc;

	tc = tcase_create("numbers");
	tcase_add_test(tc, test_u64_at_every_power_of_ten);
	tcase_add_test(tc, test_u64_at_every_power_of_two);
	tcase_add_test(tc, test_counter_as_u64);
	suite_add_tcase(s, tc);
	tc = tcase_create("times");
	tcase_add_test(tc, test_time_decimals_truncated_not_rounded);
	tcase_add_test(tc, test_time_seconds_change_between_calls);
	tcase_add_test(tc, test_time_negative);
	tcase_add_test(tc, test_buffer_written_in_whole_lines);
	tcase_add_test(tc, test_iso_times);
	suite_add_tcase(s, tc);
	tc = tcase_create("time arithmetic");
	tcase_add_test(tc, test_time_sub_exact);
	tcase_add_test(tc, test_time_sub_saturates);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(output_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
