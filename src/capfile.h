/*
 * capfile.h: private to the library; see capfile.c.  Reading capture
 * files (pcap and pcapng) record by record, with no libpcap.
 */
#ifndef PCAPTALLY_CAPFILE_H
#define PCAPTALLY_CAPFILE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pcaptally.h"

enum {
	PT_CAP_BUFFER = 1024 * 1024,	/* read(2) this much at a time */
	PT_CAP_MAX_BLOCK = 16 * 1024 * 1024,	/* a pcapng block, as libpcap */
	PT_CAP_MAX_RECORD = 262144,	/* a pcap record, as libpcap */
	PT_CAP_MAX_IFACES = 65536,	/* interfaces in one pcapng section */
};

/*
 * The link type of a record that is not a packet: a pcapng custom block
 * or systemd journal entry, which Wireshark numbers as frames.
 */
#define PT_CAP_NOT_PACKET UINT32_MAX

enum pt_cap_status {
	PT_CAP_RECORD,		/* a record, in rec */
	PT_CAP_END,		/* the input ended where a record could begin */
	PT_CAP_TRUNCATED,	/* the input ended inside a header or a record */
	PT_CAP_DAMAGED,		/* a length or a field cannot be right: why */
	PT_CAP_READ_ERROR,	/* read(2) failed: errno in err */
	PT_CAP_INTERRUPTED,	/* read(2) interrupted and *stop set */
	PT_CAP_NO_MEMORY,	/* a block too big for the buffer, no memory */
};

enum pt_cap_format { PT_CAP_PCAP, PT_CAP_PCAPNG };

/* pcap before version 2.3 wrote the two lengths the other way round. */
enum pt_cap_lenswap { LENS_AS_WRITTEN, LENS_SWAPPED, LENS_MAYBE_SWAPPED };

/* One interface: the pcap file itself, or a pcapng IDB. */
struct pt_cap_iface {
	uint32_t linktype;	/* the file's LINKTYPE_ number, FCS bits off */
	uint32_t snaplen;	/* 0: none */
	uint64_t units;		/* timestamp units a second (if_tsresol) */
	int64_t offset;		/* seconds added (if_tsoffset) */
	uint32_t nsec_mul;	/* 1e9 / units when that is a whole number */
};

/* One record, where it lies in the read buffer: valid until the next. */
struct pt_cap_record {
	const uint8_t *data;
	uint32_t caplen;
	uint32_t wirelen;
	uint32_t linktype;
	uint32_t iface;		/* the interface's number in the file, from 0 */
	struct pt_time ts;
};

struct pt_capfile {
	int fd;
	volatile sig_atomic_t *stop;	/* set: an interrupted read stops */
	enum pt_cap_format format;
	bool be;		/* the file (or section) is big-endian */
	bool nsec_magic;	/* pcap: nanosecond magic */
	enum pt_cap_lenswap lenswap;	/* pcap: the version's length order */
	bool eof;
	int err;		/* errno of a read error */
	/*
	 * pcap, little-endian, lengths as written: the records that lie
	 * whole in the buffer are read by pt_capfile_next()'s inline path,
	 * with the fraction's bound and its multiplier to nanoseconds and
	 * the file's link type at hand.  ng_fast: pcapng, the section
	 * little-endian, for its Enhanced Packet Blocks.
	 */
	bool fast;
	bool ng_fast;
	uint32_t frac_max, frac_mul;
	uint32_t linktype;
	uint8_t *buf;
	size_t cap, pos, len;	/* unread bytes are buf[pos, len) */
	uint64_t consumed;	/* bytes of the file before buf[0] */

	/* The interfaces of the current section; the file's count before it. */
	struct pt_cap_iface *ifaces;
	uint32_t nifaces, maxifaces;
	uint32_t iface_base;
	uint32_t sections;

	/* The file's first interface: whether its times are finer than us. */
	bool have_first;
	bool first_nsec;

	char why[160];		/* the reason for PT_CAP_DAMAGED or a refusal */
};

/*
 * Starts reading fd (not closed here): reads the file header, as far as
 * it goes and no further.  PT_CAP_RECORD when it is a capture; else the
 * status, with the reason in cf->why ("the file is empty", "unknown file
 * format", ...).  stop may be NULL.
 */
enum pt_cap_status pt_capfile_open(struct pt_capfile *cf, int fd,
    volatile sig_atomic_t *stop);

/* pt_capfile_next() for every record: the buffer refilled, pcapng, damage. */
enum pt_cap_status pt_capfile_next_slow(struct pt_capfile *cf,
    struct pt_cap_record *rec);

static inline uint32_t
pt_cap_le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

/*
 * The next record, or why there is none.  Inline, the way most records
 * of a little-endian file take: a pcap record, or a pcapng Enhanced
 * Packet Block on an interface counting micro- or nanoseconds with no
 * offset, that lies whole in the buffer, every length and field within
 * bounds.  The rest, and every record that fails a check here, goes the
 * whole way, which checks and reports it.
 */
static inline __attribute__((always_inline)) enum pt_cap_status
pt_capfile_next(struct pt_capfile *cf, struct pt_cap_record *rec)
{
	const struct pt_cap_iface *ifc;
	const uint8_t *p;
	size_t avail = cf->len - cf->pos;
	uint32_t caplen, frac, blen, id;
	uint64_t t;

	if (__builtin_expect(cf->fast, 1)) {
		if (__builtin_expect(avail < 16, 0))
			goto slow;
		p = cf->buf + cf->pos;
		caplen = pt_cap_le32(p + 8);
		frac = pt_cap_le32(p + 4);
		if (__builtin_expect(caplen > PT_CAP_MAX_RECORD ||
		    caplen > avail - 16 || frac >= cf->frac_max, 0))
			goto slow;
		rec->ts.sec = pt_cap_le32(p);
		rec->ts.nsec = frac * cf->frac_mul;
		rec->caplen = caplen;
		rec->wirelen = pt_cap_le32(p + 12);
		rec->data = p + 16;
		rec->linktype = cf->linktype;
		rec->iface = 0;
		cf->pos += 16 + (size_t)caplen;
		return PT_CAP_RECORD;
	}
	if (!cf->ng_fast || avail < 32)
		goto slow;
	/* type, length, interface, time (high, low), captured, original */
	p = cf->buf + cf->pos;
	blen = pt_cap_le32(p + 4);
	if (pt_cap_le32(p) != 6 || blen < 32 || blen > avail ||
	    blen > PT_CAP_MAX_BLOCK || pt_cap_le32(p + blen - 4) != blen)
		goto slow;
	id = pt_cap_le32(p + 8);
	caplen = pt_cap_le32(p + 20);
	if (id >= cf->nifaces || caplen > blen - 32)
		goto slow;
	ifc = &cf->ifaces[id];
	t = (uint64_t)pt_cap_le32(p + 12) << 32 | pt_cap_le32(p + 16);
	if (ifc->offset != 0)
		goto slow;
	if (ifc->units == 1000000) {
		rec->ts.sec = (int64_t)(t / 1000000);
		rec->ts.nsec = (uint32_t)(t % 1000000 * 1000);
	} else if (ifc->units == 1000000000) {
		rec->ts.sec = (int64_t)(t / 1000000000);
		rec->ts.nsec = (uint32_t)(t % 1000000000);
	} else
		goto slow;
	rec->caplen = caplen;
	rec->wirelen = pt_cap_le32(p + 24);
	rec->data = p + 28;
	rec->iface = cf->iface_base + id;
	rec->linktype = ifc->linktype;
	cf->pos += blen;
	return PT_CAP_RECORD;
slow:
	{
		/* A copy: rec itself stays where the compiler put it. */
		struct pt_cap_record r;
		enum pt_cap_status st = pt_capfile_next_slow(cf, &r);

		*rec = r;
		return st;
	}
}

/* Frees the buffer and the interfaces (the descriptor stays open). */
void pt_capfile_close(struct pt_capfile *cf);

/* The interface numbered n in the file, if it is in the current section. */
const struct pt_cap_iface *pt_capfile_iface(const struct pt_capfile *cf,
    uint32_t n);

/* Whether an interface's times are finer than microseconds. */
bool pt_cap_iface_nsec(const struct pt_cap_iface *ifc);

#endif
