/*
 * tsprec.c: whether a capture records nanoseconds, from its first bytes.
 *
 * libpcap hands every timestamp over at the precision asked for and does
 * not say what the file holds, so the file header is read here: the pcap
 * magic number, or the first pcapng interface's if_tsresol option.
 */
#include <config.h>

#include "tsprec.h"
#include "window.h"

enum {
	PCAPNG_SHB = 0x0a0d0d0a,
	PCAPNG_IDB = 1,
	PCAPNG_BOM = 0x1a2b3c4d,
	OPT_END = 0,
	OPT_IF_TSRESOL = 9,
};

static uint32_t
u32(struct window *w, uint32_t off, bool be)
{
	return be ? win_be32(w, off) : win_le32(w, off);
}

static uint16_t
u16(struct window *w, uint32_t off, bool be)
{
	uint16_t v = win_be16(w, off);

	return be ? v : (uint16_t)(v >> 8 | v << 8);
}

/* Whether an if_tsresol value is finer than a microsecond. */
static bool
finer_than_usec(uint8_t resol)
{
	if (resol & 0x80)
		return (resol & 0x7f) >= 20;	/* 2^-20 s is below 1 us */
	return resol > 6;
}

static bool
pcapng_nsec(struct window *w)
{
	bool be = win_be32(w, 8) == PCAPNG_BOM;
	uint32_t shb_len = u32(w, 4, be);
	uint32_t idb = shb_len, idb_len, off, end;
	uint16_t code, len;

	if (win_short(w) || u32(w, idb, be) != PCAPNG_IDB)
		return false;
	idb_len = u32(w, idb + 4, be);
	if (win_short(w) || idb_len < 20 || idb_len > w->len - idb)
		return false;
	/* Options follow type, length, link type, reserved, snaplen. */
	end = idb + idb_len - 4;
	for (off = idb + 16; off + 4 <= end; off += 4 + ((len + 3u) & ~3u)) {
		code = u16(w, off, be);
		len = u16(w, off + 2, be);
		if (win_short(w) || code == OPT_END)
			break;
		if (code == OPT_IF_TSRESOL && len >= 1)
			return finer_than_usec(win_u8(w, off + 4));
	}
	return false;
}

bool
capture_has_nsec(const uint8_t *head, size_t n)
{
	struct window w = win_make(head, n > UINT32_MAX ? UINT32_MAX :
	    (uint32_t)n);
	uint32_t magic = win_be32(&w, 0);

	if (win_short(&w))
		return false;
	if (magic == 0xa1b23c4d || magic == 0x4d3cb2a1)
		return true;
	if (magic == PCAPNG_SHB)
		return pcapng_nsec(&w);
	return false;
}
