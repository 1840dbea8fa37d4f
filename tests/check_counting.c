/*
 * check_counting.c: what pcapclose and pcapbytes count per connection:
 * pt_closing (who closed, how, the end state) and pt_seqspace (each
 * byte of sequence space once).
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "pcaptally.h"

static struct pt_packet
flags_at(uint8_t flags, int64_t sec)
{
	struct pt_packet pkt;

	memset(&pkt, 0, sizeof pkt);
	pkt.proto = IPPROTO_TCP;
	pkt.tcpflags = flags;
	pkt.ts.sec = sec;
	return pkt;
}

static void
send_flags(struct pt_closing *c, enum pt_dir dir, uint8_t flags, int64_t sec)
{
	struct pt_packet pkt = flags_at(flags, sec);

	pt_closing_track(c, &pkt, dir);
}

/* ---- pt_closing -------------------------------------------------------- */

START_TEST(test_no_fin_or_rst_is_open)
{
	struct pt_closing c = { 0 };

	send_flags(&c, PT_UP, PT_SYN, 1);
	send_flags(&c, PT_DOWN, PT_SYN | PT_ACK, 2);
	send_flags(&c, PT_UP, PT_ACK | PT_PSH, 3);
	ck_assert_int_eq(c.how, PT_HOW_NONE);
	ck_assert_str_eq(pt_closing_how(&c), "-");
	ck_assert_str_eq(pt_closing_state(&c), "open");
}
END_TEST

START_TEST(test_first_fin_names_the_closer)
{
	struct pt_closing c = { 0 };

	send_flags(&c, PT_DOWN, PT_FIN | PT_ACK, 10);
	send_flags(&c, PT_UP, PT_FIN | PT_ACK, 11);
	ck_assert_int_eq(c.closer, PT_DOWN);
	ck_assert_str_eq(pt_closing_how(&c), "fin");
	ck_assert_int_eq(c.when.sec, 10);
	ck_assert_str_eq(pt_closing_state(&c), "closed");
}
END_TEST

START_TEST(test_one_fin_is_half_closed)
{
	struct pt_closing c = { 0 };

	send_flags(&c, PT_UP, PT_FIN | PT_ACK, 5);
	send_flags(&c, PT_DOWN, PT_ACK, 6);
	/* The same FIN again: still one side. */
	send_flags(&c, PT_UP, PT_FIN | PT_ACK, 7);
	ck_assert_str_eq(pt_closing_state(&c), "half");
	ck_assert_int_eq(c.when.sec, 5);
	ck_assert_int_eq(c.closer, PT_UP);
}
END_TEST

START_TEST(test_fin_then_peer_rst_closed_by_fin_sender)
{
	struct pt_closing c = { 0 };

	send_flags(&c, PT_UP, PT_FIN | PT_ACK, 1);
	send_flags(&c, PT_DOWN, PT_RST, 2);
	ck_assert_int_eq(c.closer, PT_UP);
	ck_assert_str_eq(pt_closing_how(&c), "fin");
	ck_assert_str_eq(pt_closing_state(&c), "reset");
}
END_TEST

START_TEST(test_fin_and_rst_together_is_rst)
{
	struct pt_closing c = { 0 };

	send_flags(&c, PT_DOWN, PT_FIN | PT_RST | PT_ACK, 3);
	ck_assert_int_eq(c.closer, PT_DOWN);
	ck_assert_str_eq(pt_closing_how(&c), "rst");
	ck_assert_str_eq(pt_closing_state(&c), "reset");
}
END_TEST

START_TEST(test_rst_after_both_fins_is_reset)
{
	struct pt_closing c = { 0 };

	send_flags(&c, PT_UP, PT_FIN | PT_ACK, 1);
	send_flags(&c, PT_DOWN, PT_FIN | PT_ACK, 2);
	send_flags(&c, PT_UP, PT_RST, 3);
	ck_assert_str_eq(pt_closing_state(&c), "reset");
	ck_assert_str_eq(pt_closing_how(&c), "fin");
}
END_TEST

/* A connect refused by RST is no close: its own state, closer the server. */
START_TEST(test_refused_connect_is_refused)
{
	struct pt_closing c = { 0 };

	send_flags(&c, PT_UP, PT_SYN, 1);
	send_flags(&c, PT_DOWN, PT_RST | PT_ACK, 2);
	send_flags(&c, PT_UP, PT_SYN, 3);
	send_flags(&c, PT_DOWN, PT_RST | PT_ACK, 4);
	ck_assert_int_eq(c.closer, PT_DOWN);
	ck_assert_str_eq(pt_closing_how(&c), "rst");
	ck_assert_int_eq(c.when.sec, 2);
	ck_assert_str_eq(pt_closing_state(&c), "refused");
}
END_TEST

/* Refused, then the same SYN accepted: the refusals are forgotten. */
START_TEST(test_refused_then_accepted_closes_as_usual)
{
	struct pt_closing c = { 0 };

	send_flags(&c, PT_UP, PT_SYN, 1);
	send_flags(&c, PT_DOWN, PT_RST | PT_ACK, 2);
	send_flags(&c, PT_UP, PT_SYN, 3);
	send_flags(&c, PT_DOWN, PT_SYN | PT_ACK, 4);
	ck_assert_int_eq(c.how, PT_HOW_NONE);
	ck_assert_str_eq(pt_closing_state(&c), "open");
	send_flags(&c, PT_UP, PT_FIN | PT_ACK, 5);
	send_flags(&c, PT_DOWN, PT_FIN | PT_ACK, 6);
	ck_assert_int_eq(c.closer, PT_UP);
	ck_assert_str_eq(pt_closing_how(&c), "fin");
	ck_assert_int_eq(c.when.sec, 5);
	ck_assert_str_eq(pt_closing_state(&c), "closed");
}
END_TEST

/* The SYN/ACK missed by the capture: the client's ACK shows acceptance. */
START_TEST(test_rst_after_client_ack_is_reset)
{
	struct pt_closing c = { 0 };

	send_flags(&c, PT_UP, PT_SYN, 1);
	send_flags(&c, PT_UP, PT_ACK, 2);
	send_flags(&c, PT_DOWN, PT_RST | PT_ACK, 3);
	ck_assert_int_eq(c.closer, PT_DOWN);
	ck_assert_str_eq(pt_closing_state(&c), "reset");
}
END_TEST

/* A RST without a SYN before it refuses nothing. */
START_TEST(test_rst_without_syn_is_reset)
{
	struct pt_closing c = { 0 };

	send_flags(&c, PT_DOWN, PT_RST, 1);
	ck_assert_str_eq(pt_closing_state(&c), "reset");
}
END_TEST

/* ---- pt_seqspace ------------------------------------------------------- */

START_TEST(test_in_order_segments_all_count)
{
	struct pt_seqspace s = { 0 };

	ck_assert_uint_eq(pt_seqspace_add(&s, 1000, 100), 100);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1100, 200), 200);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1300, 0), 0);
	ck_assert_uint_eq(s.bytes, 300);
	ck_assert_uint_eq(s.nholes, 0);
}
END_TEST

/*
 * A segment without data changes nothing, wherever it lies: at high
 * (an ACK, which takes the in-order way), below it, in a hole, above it,
 * and before the space started.
 */
START_TEST(test_empty_segments_change_nothing)
{
	struct pt_seqspace s = { 0 }, was;
	const uint32_t at[] = { 0, 1000, 1050, 1100, 1150, 1200, 1300,
	    1200 + (1u << 30), 1200 - (1u << 30), 0x80000000u };
	size_t i;

	ck_assert_uint_eq(pt_seqspace_add(&s, 1000, 0), 0);
	ck_assert(!s.started);
	pt_seqspace_add(&s, 1000, 100);
	pt_seqspace_add(&s, 1150, 50);		/* hole [1100, 1150) */
	for (i = 0; i < sizeof at / sizeof at[0]; i++) {
		memcpy(&was, &s, sizeof s);
		ck_assert_uint_eq(pt_seqspace_add(&s, at[i], 0), 0);
		ck_assert_msg(memcmp(&was, &s, sizeof s) == 0,
		    "an empty segment at %u changed the space", at[i]);
	}
	ck_assert_uint_eq(pt_seqspace_add(&s, 1100, 50), 50);
	ck_assert_uint_eq(s.bytes, 200);
}
END_TEST

START_TEST(test_retransmission_counts_nothing)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_add(&s, 1000, 100);
	pt_seqspace_add(&s, 1100, 100);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1000, 100), 0);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1050, 100), 0);
	ck_assert_uint_eq(s.bytes, 200);
}
END_TEST

START_TEST(test_overlap_counts_only_new_bytes)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_add(&s, 1000, 100);
	/* 50 old, 150 new */
	ck_assert_uint_eq(pt_seqspace_add(&s, 1050, 200), 150);
	ck_assert_uint_eq(s.bytes, 250);
}
END_TEST

START_TEST(test_hole_filled_later_counts)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_add(&s, 0, 100);
	ck_assert_uint_eq(pt_seqspace_add(&s, 200, 100), 100);
	ck_assert_uint_eq(s.nholes, 1);
	ck_assert_uint_eq(pt_seqspace_add(&s, 100, 100), 100);
	ck_assert_uint_eq(s.nholes, 0);
	/* Filled once: the same bytes again count nothing. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 100, 100), 0);
	ck_assert_uint_eq(s.bytes, 300);
}
END_TEST

START_TEST(test_hole_filled_in_pieces)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_add(&s, 0, 10);
	pt_seqspace_add(&s, 100, 10);		/* hole [10, 100) */
	ck_assert_uint_eq(pt_seqspace_add(&s, 40, 20), 20);	/* middle */
	ck_assert_uint_eq(s.nholes, 2);
	ck_assert_uint_eq(pt_seqspace_add(&s, 5, 10), 5);	/* its start */
	ck_assert_uint_eq(pt_seqspace_add(&s, 90, 15), 10);	/* its end */
	ck_assert_uint_eq(pt_seqspace_add(&s, 0, 110), 55);	/* the rest */
	ck_assert_uint_eq(s.nholes, 0);
	ck_assert_uint_eq(s.bytes, 110);
}
END_TEST

START_TEST(test_segment_across_hole_and_high)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_add(&s, 0, 100);
	pt_seqspace_add(&s, 150, 50);		/* hole [100, 150), high 200 */
	/* 50 fill the hole, 50 are old, 100 are new above high */
	ck_assert_uint_eq(pt_seqspace_add(&s, 100, 200), 150);
	ck_assert_uint_eq(s.high, 300);
	ck_assert_uint_eq(s.bytes, 300);
}
END_TEST

START_TEST(test_sequence_numbers_wrap)
{
	struct pt_seqspace s = { 0 };

	ck_assert_uint_eq(pt_seqspace_add(&s, 0xffffff00, 0x100), 0x100);
	ck_assert_uint_eq(s.high, 0);
	ck_assert_uint_eq(pt_seqspace_add(&s, 0, 0x100), 0x100);
	/* Straddling the wrap, all seen. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 0xffffff80, 0x100), 0);
	/* A hole across the wrap, filled. */
	pt_seqspace_add(&s, 0x200, 0x10);
	ck_assert_uint_eq(pt_seqspace_add(&s, 0x100, 0x100), 0x100);
	ck_assert_uint_eq(s.bytes, 0x310);
}
END_TEST

START_TEST(test_far_segment_counts_as_it_is)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_add(&s, 1000, 100);
	/* 2^31 away: neither a span of 2 GB nor a move of high. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 1000 + 0x80000000u, 10), 10);
	ck_assert_uint_eq(s.high, 1100);
	ck_assert_uint_eq(s.nholes, 0);
	/* Far behind, the same. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 1000 - 0x50000000u, 10), 10);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1100, 50), 50);
	ck_assert_uint_eq(s.bytes, 170);
}
END_TEST

START_TEST(test_too_many_holes_forgets_the_lowest)
{
	struct pt_seqspace s = { 0 };
	uint32_t i;

	pt_seqspace_add(&s, 0, 10);
	/* Holes [10,20), [30,40), ... five of them. */
	for (i = 0; i < PT_SEQ_HOLES + 1; i++)
		pt_seqspace_add(&s, 20 + 20 * i, 10);
	ck_assert_uint_eq(s.nholes, PT_SEQ_HOLES);
	/* The lowest, [10,20), is forgotten: filling it counts nothing. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 10, 10), 0);
	/* The others still count. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 30, 10), 10);
	ck_assert_uint_eq(pt_seqspace_add(&s, 90, 10), 10);
}
END_TEST

START_TEST(test_splitting_a_hole_when_full)
{
	struct pt_seqspace s = { 0 };
	uint32_t i;

	pt_seqspace_add(&s, 0, 10);
	for (i = 0; i < PT_SEQ_HOLES; i++)	/* holes at 10, 30, 50, 70 */
		pt_seqspace_add(&s, 20 + 20 * i, 10);
	ck_assert_uint_eq(s.nholes, PT_SEQ_HOLES);
	/* The middle of [50,60): the lowest hole [10,20) makes room. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 54, 2), 2);
	ck_assert_uint_eq(s.nholes, PT_SEQ_HOLES);
	ck_assert_uint_eq(s.holes[0].start, 30);
	ck_assert_uint_eq(s.holes[1].start, 50);
	ck_assert_uint_eq(s.holes[1].end, 54);
	ck_assert_uint_eq(s.holes[2].start, 56);
	ck_assert_uint_eq(s.holes[2].end, 60);
	ck_assert_uint_eq(s.holes[3].start, 70);
	/* Splitting the lowest hole when full drops its lower part. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 33, 2), 2);
	ck_assert_uint_eq(s.holes[0].start, 35);
	ck_assert_uint_eq(s.holes[0].end, 40);
	ck_assert_uint_eq(pt_seqspace_add(&s, 30, 10), 5);
}
END_TEST

/* The space starts at the SYN: data before the first segment seen counts. */
START_TEST(test_data_before_first_segment_counts)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_start(&s, 1001);	/* SYN, ISN 1000 */
	ck_assert_uint_eq(pt_seqspace_add(&s, 1101, 100), 100);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1001, 100), 100);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1001, 200), 0);
	ck_assert_uint_eq(s.bytes, 200);
}
END_TEST

/* Without a SYN, bytes below the lowest seen are new too, once. */
START_TEST(test_bytes_below_the_lowest_seen_count_once)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_add(&s, 1100, 100);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1000, 150), 100);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1000, 100), 0);
	ck_assert_uint_eq(s.low, 1000);
	/* Below the start and above high at once. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 900, 400), 200);
	ck_assert_uint_eq(s.bytes, 400);
}
END_TEST

/* Wholly below the start: the bytes between are a hole. */
START_TEST(test_segment_below_the_start_leaves_a_hole)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_add(&s, 1100, 100);
	ck_assert_uint_eq(pt_seqspace_add(&s, 900, 100), 100);
	ck_assert_uint_eq(s.nholes, 1);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1000, 100), 100);
	ck_assert_uint_eq(pt_seqspace_add(&s, 900, 300), 0);
	ck_assert_uint_eq(s.nholes, 0);
	ck_assert_uint_eq(s.bytes, 300);
}
END_TEST

/* A SYN after data does not move the start. */
START_TEST(test_late_syn_changes_nothing)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_add(&s, 1101, 100);
	pt_seqspace_start(&s, 1001);
	ck_assert_uint_eq(s.low, 1101);
	ck_assert_uint_eq(pt_seqspace_add(&s, 1001, 100), 100);
}
END_TEST

/*
 * A hole never filled, 4 GiB of stream later: its numbers are those of
 * bytes just sent again, which must count nothing.
 */
START_TEST(test_hole_left_behind_is_forgotten)
{
	struct pt_seqspace s = { 0 };
	uint64_t sent = 0;
	uint32_t seq = 300;
	int i;

	pt_seqspace_add(&s, 0, 100);
	pt_seqspace_add(&s, 200, 100);		/* hole [100, 200) */
	for (i = 0; i < 9; i++, seq += 1u << 29)
		sent += pt_seqspace_add(&s, seq, 1u << 29);
	ck_assert_uint_eq(sent, (uint64_t)9 << 29);
	ck_assert_uint_eq(s.nholes, 0);
	/* [2^32 + 100, 2^32 + 200): sent again. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 100, 100), 0);
	/* Nor below the start, which stays within 2^30 of high. */
	ck_assert_uint_eq(s.low, s.high - (1u << 30));
	ck_assert_uint_eq(pt_seqspace_add(&s, s.low - 100, 100), 100);
	ck_assert_uint_eq(s.bytes, 200 + ((uint64_t)9 << 29) + 100);
}
END_TEST

/* What starts more than 2^30 below high is far, even partly in a hole. */
START_TEST(test_start_far_below_high_counts_as_it_is)
{
	struct pt_seqspace s = { 0 };

	pt_seqspace_add(&s, 0, 100);
	pt_seqspace_add(&s, 1000, 100);		/* hole [100, 1000) */
	pt_seqspace_add(&s, 1100, (1u << 30) - 600);	/* high 2^30 + 500 */
	ck_assert_uint_eq(s.low, 500);
	ck_assert_uint_eq(s.nholes, 1);
	ck_assert_uint_eq(pt_seqspace_add(&s, 400, 200), 200);
	ck_assert_uint_eq(pt_seqspace_add(&s, 400, 200), 200);
	ck_assert_uint_eq(s.low, 500);
	/* The hole's part within reach fills once. */
	ck_assert_uint_eq(pt_seqspace_add(&s, 500, 200), 200);
	ck_assert_uint_eq(pt_seqspace_add(&s, 500, 200), 0);
}
END_TEST

static Suite *
counting_suite(void)
{
	Suite *s = suite_create("counting");
	TCase *tc;

	tc = tcase_create("closing");
	tcase_add_test(tc, test_no_fin_or_rst_is_open);
	tcase_add_test(tc, test_first_fin_names_the_closer);
	tcase_add_test(tc, test_one_fin_is_half_closed);
	tcase_add_test(tc, test_fin_then_peer_rst_closed_by_fin_sender);
	tcase_add_test(tc, test_fin_and_rst_together_is_rst);
	tcase_add_test(tc, test_rst_after_both_fins_is_reset);
	tcase_add_test(tc, test_refused_connect_is_refused);
	tcase_add_test(tc, test_refused_then_accepted_closes_as_usual);
	tcase_add_test(tc, test_rst_after_client_ack_is_reset);
	tcase_add_test(tc, test_rst_without_syn_is_reset);
	suite_add_tcase(s, tc);

	tc = tcase_create("seqspace");
	tcase_add_test(tc, test_in_order_segments_all_count);
	tcase_add_test(tc, test_empty_segments_change_nothing);
	tcase_add_test(tc, test_retransmission_counts_nothing);
	tcase_add_test(tc, test_overlap_counts_only_new_bytes);
	tcase_add_test(tc, test_hole_filled_later_counts);
	tcase_add_test(tc, test_hole_filled_in_pieces);
	tcase_add_test(tc, test_segment_across_hole_and_high);
	tcase_add_test(tc, test_sequence_numbers_wrap);
	tcase_add_test(tc, test_far_segment_counts_as_it_is);
	tcase_add_test(tc, test_too_many_holes_forgets_the_lowest);
	tcase_add_test(tc, test_splitting_a_hole_when_full);
	tcase_add_test(tc, test_data_before_first_segment_counts);
	tcase_add_test(tc, test_bytes_below_the_lowest_seen_count_once);
	tcase_add_test(tc, test_segment_below_the_start_leaves_a_hole);
	tcase_add_test(tc, test_late_syn_changes_nothing);
	tcase_add_test(tc, test_hole_left_behind_is_forgotten);
	tcase_add_test(tc, test_start_far_below_high_counts_as_it_is);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(counting_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
