/*
 * window.h: a bounds-checked view of captured bytes.
 *
 * Every read of packet data goes through these getters (the idea of
 * tcpdump's GET_BE_U_2): a read that would leave the window returns 0 and
 * marks the window short instead of touching memory it does not own.  The
 * caller reads a whole header, then checks win_short() once: "the capture
 * ended inside this header" (truncated) stays apart from "a field holds an
 * impossible value" (invalid), which the caller decides on the values.
 *
 * Length comparisons are written so they cannot overflow: never
 * "off + n <= len", always "off <= len && n <= len - off".
 *
 * A fixed-size header read field by field is copied out whole first,
 * with win_copy() into a local array of its size, and its fields read
 * from that copy with be16()/be32(): one check instead of one a field,
 * and no read can leave the array.
 */
#ifndef PCAPTALLY_WINDOW_H
#define PCAPTALLY_WINDOW_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

struct window {
	const uint8_t *data;
	uint32_t len;		/* bytes readable from data */
	bool is_short;		/* a read went past len */
};

static inline struct window
win_make(const uint8_t *data, uint32_t len)
{
	struct window w = { data, len, false };
	return w;
}

static inline bool
win_has(const struct window *w, uint32_t off, uint32_t n)
{
	return off <= w->len && n <= w->len - off;
}

static inline bool
win_short(const struct window *w)
{
	return w->is_short;
}

/* A read past the end: the window is short from now on. */
static inline bool
win_check(struct window *w, uint32_t off, uint32_t n)
{
	if (win_has(w, off, n))
		return true;
	w->is_short = true;
	return false;
}

/* Copies n bytes at off into out, or zeroes out and marks the window short. */
static inline void
win_copy(struct window *w, uint32_t off, void *out, uint32_t n)
{
	if (win_check(w, off, n))
		memcpy(out, w->data + off, n);
	else
		memset(out, 0, n);
}

static inline uint8_t
win_u8(struct window *w, uint32_t off)
{
	return win_check(w, off, 1) ? w->data[off] : 0;
}

static inline uint16_t
win_be16(struct window *w, uint32_t off)
{
	const uint8_t *p = w->data + off;

	return win_check(w, off, 2) ? (uint16_t)(p[0] << 8 | p[1]) : 0;
}

static inline uint32_t
win_be32(struct window *w, uint32_t off)
{
	const uint8_t *p = w->data + off;

	if (!win_check(w, off, 4))
		return 0;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static inline uint32_t
win_le32(struct window *w, uint32_t off)
{
	const uint8_t *p = w->data + off;

	if (!win_check(w, off, 4))
		return 0;
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

/* Big-endian fields of a header copied out of a window. */
static inline uint16_t
be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * The part of w from off, at most n bytes long: what is left of w when
 * fewer than n bytes were captured.  The slice starts short when off
 * itself is past the end.
 */
static inline struct window
win_slice(const struct window *w, uint32_t off, uint32_t n)
{
	struct window s = { w->data, 0, true };

	if (off <= w->len) {
		s.data = w->data + off;
		s.len = n < w->len - off ? n : w->len - off;
		s.is_short = false;
	}
	return s;
}

#endif
