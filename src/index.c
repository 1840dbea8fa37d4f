/*
 * index.c: the open-addressing hash index under the lookup tables.
 *
 * Slots hold a 32-bit hash and a value (0: empty); the hash also picks
 * the bucket, so growing needs no key.  Probing is linear; the index
 * doubles when half full, and a deleted slot is refilled by moving the
 * rest of its probe run back (no tombstones).
 *
 * Keys are hashed by vector multiply-shift, a strongly universal family
 * (Dietzfelbinger; Thorup, "High Speed Hashing for Integers and
 * Strings", 2015): for 32-bit key words x[i] and random 64-bit a[i],
 * the top 32 bits of a[0] + a[1] x[0] + ... + a[n] x[n-1] (mod 2^64).
 * The a[i] are drawn at start, after the capture was written: whoever
 * wrote it cannot aim its keys at one bucket, and a few multiplications
 * a packet cost less than a cryptographic hash.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

static void
alloc_slots(struct pt_index *ix, size_t n)
{
	ix->slots = pt_xreallocarray(NULL, n, sizeof *ix->slots);
	memset(ix->slots, 0, n * sizeof *ix->slots);
	ix->mask = n - 1;
}

void
pt_index_init(struct pt_index *ix)
{
	alloc_slots(ix, 1024);
	ix->used = 0;
	pt_random_words(ix->key, PT_INDEX_WORDS + 1);
}

bool
pt_index_try_init(struct pt_index *ix)
{
	if ((ix->slots = pt_try_reallocarray(NULL, 1024,
	    sizeof *ix->slots)) == NULL)
		return false;
	memset(ix->slots, 0, 1024 * sizeof *ix->slots);
	ix->mask = 1023;
	ix->used = 0;
	pt_random_words(ix->key, PT_INDEX_WORDS + 1);
	return true;
}

void
pt_index_free(struct pt_index *ix)
{
	free(ix->slots);
	ix->slots = NULL;
}

/*
 * Twice the slots, ahead of need: if memory is short the index goes on
 * more than half full (the reader stops after this packet, array.c).
 */
static void
grow(struct pt_index *ix)
{
	struct pt_slot *old = ix->slots;
	size_t n = ix->mask + 1, i, j;

	ix->slots = pt_try_reallocarray(NULL, 2 * n, sizeof *ix->slots);
	if (ix->slots == NULL) {
		ix->slots = old;
		/* Never full: a probe must find an empty slot to end. */
		if (ix->used < n / 4 * 3)
			return;
		ix->slots = pt_xreallocarray(NULL, 2 * n, sizeof *ix->slots);
	}
	memset(ix->slots, 0, 2 * n * sizeof *ix->slots);
	ix->mask = 2 * n - 1;
	for (i = 0; i < n; i++) {
		if (old[i].value == 0)
			continue;
		for (j = old[i].hash & ix->mask; ix->slots[j].value;
		    j = (j + 1) & ix->mask)
			;
		ix->slots[j] = old[i];
	}
	free(old);
}

void
pt_index_put(struct pt_index *ix, size_t i, uint32_t hash, uint64_t value)
{
	ix->slots[i].hash = hash;
	ix->slots[i].value = value;
	if (++ix->used > (ix->mask + 1) / 2)
		grow(ix);
}

void
pt_index_delete(struct pt_index *ix, size_t i)
{
	size_t j = i, home;

	for (;;) {
		j = (j + 1) & ix->mask;
		if (ix->slots[j].value == 0)
			break;
		home = ix->slots[j].hash & ix->mask;
		/* Slot j may move to i unless its home lies in (i, j]. */
		if (i < j ? (home <= i || home > j) : (home <= i && home > j)) {
			ix->slots[i] = ix->slots[j];
			i = j;
		}
	}
	ix->slots[i].value = 0;
	ix->used--;
}
