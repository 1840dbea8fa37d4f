/*
 * hashkey.c: random keys for the keyed hashes of the lookup tables:
 * whoever wrote the capture cannot know them, so cannot aim many keys at
 * one bucket.  Output never depends on them.
 */
#include <config.h>

#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "pcaptally.h"

void
pt_random_words(uint64_t *words, size_t n)
{
	uint64_t x;
	size_t i;

#ifdef HAVE_GETENTROPY
	if (n * sizeof *words <= 256 && getentropy(words, n * sizeof *words) == 0)
		return;
#endif
	/* Weaker, but still unknown to whoever wrote the capture. */
	x = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32 ^
	    (uint64_t)(uintptr_t)&x ^ (uint64_t)clock() << 16;
	for (i = 0; i < n; i++) {
		/* splitmix64: spreads the seed over every word */
		x += 0x9e3779b97f4a7c15ULL;
		words[i] = x;
		words[i] = (words[i] ^ words[i] >> 30) * 0xbf58476d1ce4e5b9ULL;
		words[i] = (words[i] ^ words[i] >> 27) * 0x94d049bb133111ebULL;
		words[i] ^= words[i] >> 31;
	}
}
