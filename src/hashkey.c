/*
 * hashkey.c: a random key for the keyed hashes of the lookup tables:
 * whoever wrote the capture cannot know it, so cannot aim many keys at
 * one bucket.  Output never depends on it.
 */
#include <config.h>

#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "pcaptally.h"

void
pt_random_key(uint64_t key[2])
{
#ifdef HAVE_GETENTROPY
	if (getentropy(key, 2 * sizeof key[0]) == 0)
		return;
#endif
	/* Weaker, but still unknown to whoever wrote the capture. */
	key[0] = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32;
	key[1] = (uint64_t)(uintptr_t)&key ^ (uint64_t)clock();
}
