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

/* Copies n bytes at off into out, or zeroes out and marks the window short. */
static inline void
win_copy(struct window *w, uint32_t off, void *out, uint32_t n)
{
	if (!win_has(w, off, n)) {
		w->is_short = true;
		memset(out, 0, n);
		return;
	}
	memcpy(out, w->data + off, n);
}

static inline uint8_t
win_u8(struct window *w, uint32_t off)
{
	uint8_t v;

	win_copy(w, off, &v, 1);
	return v;
}

static inline uint16_t
win_be16(struct window *w, uint32_t off)
{
	uint8_t b[2];

	win_copy(w, off, b, 2);
	return (uint16_t)(b[0] << 8 | b[1]);
}

static inline uint32_t
win_be32(struct window *w, uint32_t off)
{
	uint8_t b[4];

	win_copy(w, off, b, 4);
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static inline uint32_t
win_le32(struct window *w, uint32_t off)
{
	uint8_t b[4];

	win_copy(w, off, b, 4);
	return (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 |
	    (uint32_t)b[1] << 8 | b[0];
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
