/*
 * check_spill.c: unit tests of the queue of records that spills to a
 * temporary file (spill.c): records come back in the order queued, the
 * same whether they stayed in memory or went through the file.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

struct rec {
	uint64_t n;
	uint32_t check;
	uint32_t pad;
};

struct seen {
	uint64_t next;
	bool bad;
};

static void
count(void *ctx, const void *p)
{
	struct seen *s = ctx;
	const struct rec *r = p;

	if (r->n != s->next || r->check != (uint32_t)(r->n * 2654435761u))
		s->bad = true;
	s->next++;
}

static void
queue(struct pt_spill *q, uint64_t from, uint64_t n)
{
	struct rec r;
	uint64_t i;

	memset(&r, 0, sizeof r);
	for (i = from; i < from + n; i++) {
		r.n = i;
		r.check = (uint32_t)(i * 2654435761u);
		pt_spill_push(q, &r);
	}
}

START_TEST(test_records_in_memory_come_back_in_order)
{
	struct pt_spill q;
	struct seen s = { 0, false };

	pt_spill_init(&q, sizeof(struct rec));
	queue(&q, 0, 1000);
	ck_assert_ptr_null(q.fp);
	pt_spill_drain(&q, count, &s);
	ck_assert(!s.bad);
	ck_assert_uint_eq(s.next, 1000);
	pt_spill_free(&q);
}
END_TEST

/* Three and a half buffers' worth: three spilled, the rest in memory. */
START_TEST(test_spilled_records_come_back_in_order)
{
	uint64_t per = PT_SPILL_BYTES / sizeof(struct rec), n = 3 * per + per / 2;
	struct pt_spill q;
	struct seen s = { 0, false };

	pt_spill_init(&q, sizeof(struct rec));
	queue(&q, 0, n);
	ck_assert_ptr_nonnull(q.fp);
	ck_assert_uint_le(q.cap * q.size, PT_SPILL_BYTES);
	pt_spill_drain(&q, count, &s);
	ck_assert(!s.bad);
	ck_assert_uint_eq(s.next, n);
	/* Drained: empty, and usable again. */
	s.next = 0;
	pt_spill_drain(&q, count, &s);
	ck_assert_uint_eq(s.next, 0);
	queue(&q, 0, 10);
	pt_spill_drain(&q, count, &s);
	ck_assert(!s.bad);
	ck_assert_uint_eq(s.next, 10);
	pt_spill_free(&q);
}
END_TEST

/* Exactly one buffer: nothing spilled until the next record. */
START_TEST(test_full_buffer_spills_at_the_next_record)
{
	uint64_t per = PT_SPILL_BYTES / sizeof(struct rec);
	struct pt_spill q;
	struct seen s = { 0, false };

	pt_spill_init(&q, sizeof(struct rec));
	queue(&q, 0, per);
	ck_assert_ptr_null(q.fp);
	queue(&q, per, 1);
	ck_assert_ptr_nonnull(q.fp);
	pt_spill_drain(&q, count, &s);
	ck_assert(!s.bad);
	ck_assert_uint_eq(s.next, per + 1);
	pt_spill_free(&q);
}
END_TEST

static Suite *
spill_suite(void)
{
	Suite *s = suite_create("spill");
	TCase *tc = tcase_create("order");

	tcase_add_test(tc, test_records_in_memory_come_back_in_order);
	tcase_add_test(tc, test_spilled_records_come_back_in_order);
	tcase_add_test(tc, test_full_buffer_spills_at_the_next_record);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(spill_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
