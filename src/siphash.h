/*
 * siphash.h: SipHash (Aumasson and Bernstein, 2012), a keyed hash: with a
 * secret random key, a crafted capture cannot aim its 4-tuples at one
 * bucket of the connection table.  Rounds are parameters: the table uses
 * SipHash-1-3, the unit test checks SipHash-2-4's published vector.
 */
#ifndef PCAPTALLY_SIPHASH_H
#define PCAPTALLY_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t
sip_rotl(uint64_t x, int b)
{
	return x << b | x >> (64 - b);
}

static inline uint64_t
sip_le64(const uint8_t *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

#define SIP_ROUND(v0, v1, v2, v3) do { \
	v0 += v1; v1 = sip_rotl(v1, 13); v1 ^= v0; v0 = sip_rotl(v0, 32); \
	v2 += v3; v3 = sip_rotl(v3, 16); v3 ^= v2; \
	v0 += v3; v3 = sip_rotl(v3, 21); v3 ^= v0; \
	v2 += v1; v1 = sip_rotl(v1, 17); v1 ^= v2; v2 = sip_rotl(v2, 32); \
} while (0)

static inline uint64_t
siphash(const uint64_t key[2], const void *data, size_t len, int crounds,
    int drounds)
{
	const uint8_t *p = data;
	uint64_t v0 = 0x736f6d6570736575ULL ^ key[0];
	uint64_t v1 = 0x646f72616e646f6dULL ^ key[1];
	uint64_t v2 = 0x6c7967656e657261ULL ^ key[0];
	uint64_t v3 = 0x7465646279746573ULL ^ key[1];
	uint64_t m, last = (uint64_t)len << 56;
	size_t i, left = len & 7;
	int r;

	for (i = 0; i + 8 <= len; i += 8) {
		m = sip_le64(p + i);
		v3 ^= m;
		for (r = 0; r < crounds; r++)
			SIP_ROUND(v0, v1, v2, v3);
		v0 ^= m;
	}
	while (left--)
		last |= (uint64_t)p[i + left] << (8 * left);
	v3 ^= last;
	for (r = 0; r < crounds; r++)
		SIP_ROUND(v0, v1, v2, v3);
	v0 ^= last;
	v2 ^= 0xff;
	for (r = 0; r < drounds; r++)
		SIP_ROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

#endif
