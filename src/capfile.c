/*
 * capfile.c: capture files read record by record, pcap and pcapng, with
 * read(2) into one buffer and no libpcap.
 *
 * A record is handed over where it lies in the buffer, never copied.
 * The buffer is PT_CAP_BUFFER bytes, grown only for a pcapng block
 * bigger than that (at most PT_CAP_MAX_BLOCK): memory does not grow
 * with the file.  A pipe is read as a file is, never rewound: read(2)
 * returns what the pipe holds, so a live capture's packets come as they
 * are written, and the header is read only as far as it goes.
 *
 * pcap: either byte order, microsecond or nanosecond magic, version 2.x
 * (and 543.0, DG/UX); the link-type field's FCS bits are masked off.  A
 * record longer than the snapshot length is kept whole (libpcap cuts it
 * to the snapshot length); one longer than PT_CAP_MAX_RECORD cannot be
 * told from damage and stops the file, as in libpcap.
 *
 * pcapng: sections in either byte order, several in one file; every
 * interface with its link type, snapshot length, if_tsresol (powers of
 * 10 up to 10^-19, of 2 up to 2^-63) and if_tsoffset; Enhanced, Simple
 * and obsolete Packet blocks; custom blocks and systemd journal entries
 * handed over as records that are not packets (PT_CAP_NOT_PACKET), which
 * Wireshark numbers as frames; every other block skipped by its length,
 * whose copy at the block's end must agree.  Times are converted
 * exactly (the fraction rounded down to nanoseconds); seconds beyond
 * the range of int64_t saturate.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capfile.h"
#include "window.h"

enum {
	PCAP_HEADER = 24,
	PCAP_RECORD = 16,
	NG_SHB = 0x0a0d0d0a,
	NG_IDB = 1,
	NG_PB = 2,
	NG_SPB = 3,
	NG_EPB = 6,
	NG_JOURNAL = 9,
	NG_CB_COPY = 0x00000bad,
	NG_CB_NOCOPY = 0x40000bad,
	NG_BOM = 0x1a2b3c4d,
	OPT_END = 0,
	OPT_IF_TSRESOL = 9,
	OPT_IF_TSOFFSET = 14,
	LINKTYPE_MASK = 0x03ffffff,	/* above it: FCS length bits */
};

#define NSEC 1000000000u

static inline uint32_t
rd32(const struct pt_capfile *cf, const uint8_t *p)
{
	return cf->be ? be32(p) : pt_cap_le32(p);
}

static inline uint16_t
rd16(const struct pt_capfile *cf, const uint8_t *p)
{
	return cf->be ? be16(p) : (uint16_t)(p[1] << 8 | p[0]);
}

static enum pt_cap_status damaged(struct pt_capfile *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static enum pt_cap_status
damaged(struct pt_capfile *cf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cf->why, sizeof cf->why, fmt, ap);
	va_end(ap);
	return PT_CAP_DAMAGED;
}

/*
 * Makes n bytes readable at buf + pos, reading as much as read(2) gives
 * (never more than the buffer holds).  PT_CAP_END when the input ended
 * with nothing unread, PT_CAP_TRUNCATED when it ended with fewer than n.
 */
static enum pt_cap_status
fill(struct pt_capfile *cf, size_t n)
{
	uint8_t *nb;
	ssize_t got;

	while (cf->len - cf->pos < n) {
		if (cf->eof)
			return cf->len == cf->pos ? PT_CAP_END :
			    PT_CAP_TRUNCATED;
		if (n > cf->cap - cf->pos) {
			memmove(cf->buf, cf->buf + cf->pos, cf->len - cf->pos);
			cf->consumed += cf->pos;
			cf->len -= cf->pos;
			cf->pos = 0;
			if (n > cf->cap) {
				/* A big block: n is at most PT_CAP_MAX_BLOCK. */
				if ((nb = realloc(cf->buf, n)) == NULL)
					return PT_CAP_NO_MEMORY;
				cf->buf = nb;
				cf->cap = n;
			}
		}
		got = read(cf->fd, cf->buf + cf->len, cf->cap - cf->len);
		if (got > 0)
			cf->len += (size_t)got;
		else if (got == 0)
			cf->eof = true;
		else if (errno != EINTR) {
			cf->err = errno;
			return PT_CAP_READ_ERROR;
		} else if (cf->stop != NULL && *cf->stop)
			return PT_CAP_INTERRUPTED;
	}
	return PT_CAP_RECORD;
}

/* fill(), when the input may not end there. */
static enum pt_cap_status
fill_more(struct pt_capfile *cf, size_t n)
{
	enum pt_cap_status st = fill(cf, n);

	return st == PT_CAP_END ? PT_CAP_TRUNCATED : st;
}

bool
pt_cap_iface_nsec(const struct pt_cap_iface *ifc)
{
	return ifc->units > 1000000;
}

static void
set_units(struct pt_cap_iface *ifc, uint64_t units)
{
	ifc->units = units;
	ifc->nsec_mul = units <= NSEC && NSEC % units == 0 ?
	    (uint32_t)(NSEC / units) : 0;
}

/* A new interface in the current section, or why not. */
static enum pt_cap_status
add_iface(struct pt_capfile *cf, struct pt_cap_iface **ifc)
{
	struct pt_cap_iface *n;
	uint32_t max;

	if (cf->nifaces >= PT_CAP_MAX_IFACES)
		return damaged(cf, "more than %u interfaces in a section",
		    PT_CAP_MAX_IFACES);
	if (cf->nifaces == cf->maxifaces) {
		max = cf->maxifaces ? cf->maxifaces * 2 : 4;
		if ((n = realloc(cf->ifaces, max * sizeof *n)) == NULL)
			return PT_CAP_NO_MEMORY;
		cf->ifaces = n;
		cf->maxifaces = max;
	}
	*ifc = &cf->ifaces[cf->nifaces++];
	memset(*ifc, 0, sizeof **ifc);
	set_units(*ifc, 1000000);
	return PT_CAP_RECORD;
}

/* The file's first interface decides the precision printed. */
static void
note_first(struct pt_capfile *cf, const struct pt_cap_iface *ifc)
{
	if (!cf->have_first) {
		cf->have_first = true;
		cf->first_nsec = pt_cap_iface_nsec(ifc);
	}
}

/* ---- pcap --------------------------------------------------------- */

static enum pt_cap_status
open_pcap(struct pt_capfile *cf, uint32_t magic)
{
	struct pt_cap_iface *ifc;
	enum pt_cap_status st;
	const uint8_t *p;
	uint16_t major, minor;

	cf->be = magic == 0xa1b2c3d4 || magic == 0xa1b23c4d;
	cf->nsec_magic = magic == 0xa1b23c4d || magic == 0x4d3cb2a1;
	if ((st = fill_more(cf, PCAP_HEADER)) != PT_CAP_RECORD) {
		if (st == PT_CAP_TRUNCATED)
			snprintf(cf->why, sizeof cf->why,
			    "the file header is cut short");
		return st;
	}
	p = cf->buf + cf->pos;
	major = rd16(cf, p + 4);
	minor = rd16(cf, p + 6);
	if (major != 2 && !(major == 543 && minor == 0))
		return damaged(cf, "unsupported pcap version %u.%u", major,
		    minor);
	if ((st = add_iface(cf, &ifc)) != PT_CAP_RECORD)
		return st;
	/* Before 2.3 the lengths came the other way round, as libpcap reads. */
	if (major == 543 || minor < 3)
		cf->lenswap = LENS_SWAPPED;
	else if (minor == 3)
		cf->lenswap = LENS_MAYBE_SWAPPED;
	ifc->snaplen = rd32(cf, p + 16);
	ifc->linktype = rd32(cf, p + 20) & LINKTYPE_MASK;
	set_units(ifc, cf->nsec_magic ? NSEC : 1000000);
	note_first(cf, ifc);
	cf->fast = !cf->be && cf->lenswap == LENS_AS_WRITTEN;
	cf->frac_max = cf->nsec_magic ? NSEC : 1000000;
	cf->frac_mul = cf->nsec_magic ? 1 : 1000;
	cf->linktype = ifc->linktype;
	cf->pos += PCAP_HEADER;
	cf->format = PT_CAP_PCAP;
	return PT_CAP_RECORD;
}

static enum pt_cap_status
next_pcap(struct pt_capfile *cf, struct pt_cap_record *rec)
{
	enum pt_cap_status st;
	const uint8_t *p;
	uint32_t caplen, wirelen, frac;

	if (cf->len - cf->pos < PCAP_RECORD &&
	    (st = fill(cf, PCAP_RECORD)) != PT_CAP_RECORD)
		return st;
	caplen = rd32(cf, cf->buf + cf->pos + 8);
	wirelen = rd32(cf, cf->buf + cf->pos + 12);
	if (__builtin_expect(cf->lenswap != LENS_AS_WRITTEN, 0) &&
	    (cf->lenswap == LENS_SWAPPED || caplen > wirelen)) {
		frac = caplen;
		caplen = wirelen;
		wirelen = frac;
	}
	if (caplen > PT_CAP_MAX_RECORD)
		return damaged(cf, "a record of %u bytes, more than the "
		    "maximum of %u", caplen, PT_CAP_MAX_RECORD);
	if (cf->len - cf->pos - PCAP_RECORD < caplen &&
	    (st = fill_more(cf, PCAP_RECORD + caplen)) != PT_CAP_RECORD)
		return st;
	p = cf->buf + cf->pos;
	/* Unsigned: seconds past 2038 are not before 1970. */
	rec->ts.sec = rd32(cf, p);
	frac = rd32(cf, p + 4);
	if (!cf->nsec_magic) {
		if (__builtin_expect(frac >= 1000000, 0)) {
			rec->ts.sec += frac / 1000000;	/* a damaged record */
			frac %= 1000000;
		}
		frac *= 1000;
	} else if (__builtin_expect(frac >= NSEC, 0)) {
		rec->ts.sec += frac / NSEC;
		frac %= NSEC;
	}
	rec->ts.nsec = frac;
	rec->caplen = caplen;
	rec->wirelen = wirelen;
	rec->data = p + PCAP_RECORD;
	rec->linktype = cf->ifaces[0].linktype;
	rec->iface = 0;
	cf->pos += PCAP_RECORD + caplen;
	return PT_CAP_RECORD;
}

/* ---- pcapng ------------------------------------------------------- */

/*
 * A section header block at buf + pos: its byte order is the section's,
 * and the section's interfaces start over.
 */
static enum pt_cap_status
read_shb(struct pt_capfile *cf)
{
	enum pt_cap_status st;
	const uint8_t *p;
	uint32_t bom, blen;
	uint16_t major, minor;

	if ((st = fill_more(cf, 12)) != PT_CAP_RECORD)
		return st;
	p = cf->buf + cf->pos;
	bom = be32(p + 8);
	if (bom != NG_BOM && bom != 0x4d3c2b1a)
		return damaged(cf, "a section header with an unknown "
		    "byte-order magic %#x", bom);
	cf->be = bom == NG_BOM;
	cf->ng_fast = !cf->be;
	blen = rd32(cf, p + 4);
	if (blen < 28 || blen > PT_CAP_MAX_BLOCK)
		return damaged(cf, "a section header of %u bytes (28 to "
		    "%u)", blen, PT_CAP_MAX_BLOCK);
	if ((st = fill_more(cf, blen)) != PT_CAP_RECORD)
		return st;
	p = cf->buf + cf->pos;
	/* The length at its end is not checked: libpcap does not either. */
	major = rd16(cf, p + 12);
	minor = rd16(cf, p + 14);
	if (major != 1 || (minor != 0 && minor != 2))
		return damaged(cf, "unsupported pcapng version %u.%u", major,
		    minor);
	cf->iface_base += cf->nifaces;
	cf->nifaces = 0;
	cf->sections++;
	cf->pos += blen;
	return PT_CAP_RECORD;
}

/* if_tsresol: 10^-n or 2^-n seconds; libpcap's limits. */
static enum pt_cap_status
tsresol(struct pt_capfile *cf, struct pt_cap_iface *ifc, uint8_t v)
{
	uint64_t units = 1;
	unsigned i;

	if (v & 0x80) {
		if ((v & 0x7f) > 63)
			return damaged(cf, "an interface's time resolution "
			    "2^-%u is too fine", v & 0x7f);
		units <<= v & 0x7f;
	} else {
		if (v > 19)
			return damaged(cf, "an interface's time resolution "
			    "10^-%u is too fine", v);
		for (i = 0; i < v; i++)
			units *= 10;
	}
	set_units(ifc, units);
	return PT_CAP_RECORD;
}

static enum pt_cap_status
read_idb(struct pt_capfile *cf, const uint8_t *p, uint32_t blen)
{
	struct pt_cap_iface *ifc;
	enum pt_cap_status st;
	struct window opts;
	uint32_t off, olen, padded;
	uint16_t code;
	uint8_t v[8];
	uint64_t u;
	int i;

	if (blen < 20)
		return damaged(cf, "an interface block of %u bytes, fewer "
		    "than 20", blen);
	if ((st = add_iface(cf, &ifc)) != PT_CAP_RECORD)
		return st;
	ifc->linktype = rd16(cf, p + 8);
	ifc->snaplen = rd32(cf, p + 12);
	opts = win_make(p + 16, blen - 20);
	for (off = 0; win_has(&opts, off, 4); off += 4 + padded) {
		win_copy(&opts, off, v, 4);
		code = rd16(cf, v);
		olen = rd16(cf, v + 2);
		padded = (olen + 3) & ~3u;
		/* Also the end marker: a length past the block is damage. */
		if (!win_has(&opts, off + 4, padded))
			return damaged(cf, "an interface option of %u bytes "
			    "past the end of its block", olen);
		if (code == OPT_END)
			break;
		if (code == OPT_IF_TSRESOL) {
			if (olen != 1)
				return damaged(cf, "an if_tsresol option of %u "
				    "bytes", olen);
			st = tsresol(cf, ifc, win_u8(&opts, off + 4));
			if (st != PT_CAP_RECORD)
				return st;
		} else if (code == OPT_IF_TSOFFSET) {
			if (olen != 8)
				return damaged(cf, "an if_tsoffset option of %u "
				    "bytes", olen);
			win_copy(&opts, off + 4, v, 8);
			for (u = 0, i = 0; i < 8; i++)
				u = u << 8 | v[cf->be ? i : 7 - i];
			ifc->offset = (int64_t)u;
		}
	}
	note_first(cf, ifc);
	return PT_CAP_RECORD;
}

/* The seconds and the offset, exactly; a sum beyond int64_t saturates. */
static int64_t
add_sat(uint64_t sec, int64_t offset)
{
	__int128 s = (__int128)sec + offset;

	if (s > INT64_MAX)
		return INT64_MAX;
	if (s < INT64_MIN)
		return INT64_MIN;
	return (int64_t)s;
}

static inline void
ng_time(const struct pt_cap_iface *ifc, uint64_t t, struct pt_time *ts)
{
	uint64_t sec, frac;

	if (__builtin_expect(ifc->units == 1000000, 1)) {
		sec = t / 1000000;
		frac = t % 1000000 * 1000;
	} else if (ifc->units == NSEC) {
		sec = t / NSEC;
		frac = t % NSEC;
	} else {
		sec = t / ifc->units;
		frac = t % ifc->units;
		frac = ifc->nsec_mul ? frac * ifc->nsec_mul :
		    (uint64_t)((unsigned __int128)frac * NSEC / ifc->units);
	}
	ts->sec = ifc->offset == 0 && sec <= INT64_MAX ? (int64_t)sec :
	    add_sat(sec, ifc->offset);
	ts->nsec = (uint32_t)frac;
}

/* An Enhanced, obsolete or Simple Packet block at p, whole. */
static enum pt_cap_status
ng_packet(struct pt_capfile *cf, uint32_t type, const uint8_t *p,
    uint32_t blen, struct pt_cap_record *rec)
{
	const struct pt_cap_iface *ifc;
	uint32_t id, caplen, room;

	if (type == NG_SPB) {
		if (blen < 16)
			return damaged(cf, "a simple packet block of %u bytes, "
			    "fewer than 16", blen);
		if (cf->nifaces == 0)
			return damaged(cf, "a simple packet block before any "
			    "interface block");
		ifc = &cf->ifaces[0];
		rec->wirelen = rd32(cf, p + 8);
		/* The captured length is not recorded: the least it can be. */
		caplen = blen - 16;
		if (rec->wirelen < caplen)
			caplen = rec->wirelen;
		if (ifc->snaplen != 0 && ifc->snaplen < caplen)
			caplen = ifc->snaplen;
		rec->caplen = caplen;
		rec->data = p + 12;
		rec->ts.sec = 0;
		rec->ts.nsec = 0;
		rec->iface = cf->iface_base;
		rec->linktype = ifc->linktype;
		return PT_CAP_RECORD;
	}
	if (blen < 32)
		return damaged(cf, "a packet block of %u bytes, fewer than "
		    "32", blen);
	id = type == NG_EPB ? rd32(cf, p + 8) : rd16(cf, p + 8);
	if (id >= cf->nifaces)
		return damaged(cf, "a packet on interface %u, of %u "
		    "described in its section", id, cf->nifaces);
	ifc = &cf->ifaces[id];
	caplen = rd32(cf, p + 20);
	room = blen - 32;
	if (caplen > room)
		return damaged(cf, "a packet of %u bytes captured in a block "
		    "with room for %u", caplen, room);
	ng_time(ifc, (uint64_t)rd32(cf, p + 12) << 32 | rd32(cf, p + 16),
	    &rec->ts);
	rec->caplen = caplen;
	rec->wirelen = rd32(cf, p + 24);
	rec->data = p + 28;
	rec->iface = cf->iface_base + id;
	rec->linktype = ifc->linktype;
	return PT_CAP_RECORD;
}

static enum pt_cap_status
next_ng(struct pt_capfile *cf, struct pt_cap_record *rec)
{
	enum pt_cap_status st;
	const uint8_t *p;
	uint32_t type, blen;

	for (;;) {
		if (cf->len - cf->pos < 8 && (st = fill(cf, 8)) != PT_CAP_RECORD)
			return st;
		p = cf->buf + cf->pos;
		type = rd32(cf, p);
		if (type == NG_SHB) {
			if ((st = read_shb(cf)) != PT_CAP_RECORD)
				return st;
			continue;
		}
		blen = rd32(cf, p + 4);
		if (blen < 12 || blen > PT_CAP_MAX_BLOCK)
			return damaged(cf, "a block of %u bytes (12 to %u)",
			    blen, PT_CAP_MAX_BLOCK);
		if (cf->len - cf->pos < blen &&
		    (st = fill_more(cf, blen)) != PT_CAP_RECORD)
			return st;
		p = cf->buf + cf->pos;
		if (rd32(cf, p + blen - 4) != blen)
			return damaged(cf, "a block's lengths at its start (%u) "
			    "and end (%u) differ", blen, rd32(cf, p + blen - 4));
		switch (type) {
		case NG_IDB:
			if ((st = read_idb(cf, p, blen)) != PT_CAP_RECORD)
				return st;
			break;
		case NG_EPB:
		case NG_PB:
		case NG_SPB:
			st = ng_packet(cf, type, p, blen, rec);
			if (st == PT_CAP_RECORD)
				cf->pos += blen;
			return st;
		case NG_JOURNAL:
		case NG_CB_COPY:
		case NG_CB_NOCOPY:
			/* Not packets, but frames to Wireshark: counted. */
			rec->data = p + 8;
			rec->caplen = rec->wirelen = blen - 12;
			rec->linktype = PT_CAP_NOT_PACKET;
			rec->iface = UINT32_MAX;
			rec->ts.sec = 0;
			rec->ts.nsec = 0;
			cf->pos += blen;
			return PT_CAP_RECORD;
		default:
			break;		/* statistics, names, secrets: skipped */
		}
		cf->pos += blen;
	}
}

/* ---- the interface ------------------------------------------------ */

/*
 * One read buffer for the files in turn: freeing a block this big
 * raises glibc's mmap threshold, so that the next file's would come from
 * the heap and leave the first one's pages resident.
 */
static uint8_t *spare_buf;

enum pt_cap_status
pt_capfile_open(struct pt_capfile *cf, int fd, volatile sig_atomic_t *stop)
{
	enum pt_cap_status st;
	uint32_t magic;

	memset(cf, 0, sizeof *cf);
	cf->fd = fd;
	cf->stop = stop;
	if ((cf->buf = spare_buf) != NULL)
		spare_buf = NULL;
	else if ((cf->buf = malloc(PT_CAP_BUFFER)) == NULL)
		return PT_CAP_NO_MEMORY;
	cf->cap = PT_CAP_BUFFER;
	if ((st = fill(cf, 4)) != PT_CAP_RECORD) {
		if (st == PT_CAP_END)
			snprintf(cf->why, sizeof cf->why, "the file is empty");
		else if (st == PT_CAP_TRUNCATED)
			snprintf(cf->why, sizeof cf->why,
			    "unknown file format");
		return st == PT_CAP_END || st == PT_CAP_TRUNCATED ?
		    PT_CAP_DAMAGED : st;
	}
	magic = be32(cf->buf + cf->pos);
	switch (magic) {
	case 0xa1b2c3d4:
	case 0xd4c3b2a1:
	case 0xa1b23c4d:
	case 0x4d3cb2a1:
		return open_pcap(cf, magic);
	case NG_SHB:
		cf->format = PT_CAP_PCAPNG;
		st = read_shb(cf);
		if (st == PT_CAP_TRUNCATED)
			snprintf(cf->why, sizeof cf->why,
			    "the section header is cut short");
		return st;
	default:
		snprintf(cf->why, sizeof cf->why, "unknown file format");
		return PT_CAP_DAMAGED;
	}
}

enum pt_cap_status
pt_capfile_next_slow(struct pt_capfile *cf, struct pt_cap_record *rec)
{
	if (cf->format == PT_CAP_PCAP)
		return next_pcap(cf, rec);
	return next_ng(cf, rec);
}

const struct pt_cap_iface *
pt_capfile_iface(const struct pt_capfile *cf, uint32_t n)
{
	if (n < cf->iface_base || n - cf->iface_base >= cf->nifaces)
		return NULL;
	return &cf->ifaces[n - cf->iface_base];
}

void
pt_capfile_close(struct pt_capfile *cf)
{
	if (spare_buf == NULL && cf->cap == PT_CAP_BUFFER)
		spare_buf = cf->buf;
	else
		free(cf->buf);
	free(cf->ifaces);
	cf->buf = NULL;
	cf->ifaces = NULL;
	cf->nifaces = cf->maxifaces = 0;
}
