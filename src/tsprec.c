/*
 * tsprec.c: whether a capture records nanoseconds, from its first bytes.
 *
 * libpcap hands every timestamp over at the precision asked for and does
 * not say what the file holds, so the file header is read here: the pcap
 * magic number, or the first pcapng interface's if_tsresol option.  The
 * magic number also tells a classic pcap file, whose records hold the
 * seconds as 32 unsigned bits, which libpcap 1.10 hands over signed.
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

/* The if_tsresol option among an interface block's options. */
static bool
idb_nsec(struct window *opts, bool be)
{
	uint32_t off, len;
	uint16_t code;

	for (off = 0; win_has(opts, off, 4); off += 4 + ((len + 3) & ~3u)) {
		code = u16(opts, off, be);
		len = u16(opts, off + 2, be);
		if (code == OPT_END || !win_has(opts, off + 4, len))
			break;
		if (code == OPT_IF_TSRESOL && len >= 1)
			return finer_than_usec(win_u8(opts, off + 4));
	}
	return false;
}

/*
 * The first interface description block, among the blocks that follow
 * the section header; packets come after it.
 */
static bool
pcapng_nsec(struct window *w)
{
	bool be = win_be32(w, 8) == PCAPNG_BOM;
	uint32_t off = u32(w, 4, be), type, len;
	struct window opts;

	while (!win_short(w)) {
		type = u32(w, off, be);
		len = u32(w, off + 4, be);
		if (win_short(w) || len < 12 || len % 4 != 0 ||
		    !win_has(w, off, len))
			return false;
		if (type == PCAPNG_IDB) {
			/* type, length, link type, reserved, snaplen; length */
			if (len < 20)
				return false;
			opts = win_slice(w, off + 16, len - 20);
			return idb_nsec(&opts, be);
		}
		off += len;
	}
	return false;
}

bool
capture_is_pcap(const uint8_t *head, size_t n)
{
	struct window w = win_make(head, n > UINT32_MAX ? UINT32_MAX :
	    (uint32_t)n);
	uint32_t magic = win_be32(&w, 0);

	if (win_short(&w))
		return false;
	switch (magic) {
	case 0xa1b2c3d4:	/* microseconds, either byte order */
	case 0xd4c3b2a1:
	case 0xa1b23c4d:	/* nanoseconds */
	case 0x4d3cb2a1:
	case 0xa1b2cd34:	/* Kuznetzov's modified pcap */
	case 0x34cdb2a1:
		return true;
	default:
		return false;
	}
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

size_t
capture_head_wanted(const uint8_t *head, size_t n)
{
	struct window w = win_make(head, n > UINT32_MAX ? UINT32_MAX :
	    (uint32_t)n);
	uint32_t shb, type, len;
	bool be;

	if (n < 4)
		return 4;
	if (win_be32(&w, 0) != PCAPNG_SHB)
		return n;		/* a pcap magic number says it all */
	if (n < 12)
		return 12;		/* the section's length, byte order */
	be = win_be32(&w, 8) == PCAPNG_BOM;
	shb = u32(&w, 4, be);
	if (shb < 28 || shb % 4 != 0 || shb > UINT32_MAX - 8)
		return n;
	if (n < (size_t)shb + 8)
		return (size_t)shb + 8;	/* and the next block's type, length */
	type = u32(&w, shb, be);
	len = u32(&w, shb + 4, be);
	if (type != PCAPNG_IDB || len < 20 || len > UINT32_MAX - shb)
		return n;
	return (size_t)shb + len;
}
