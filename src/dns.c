/*
 * dns.c: the header and first question of a DNS message (RFC 1035).
 *
 * Names are decoded as wdns does it: every label must lie inside the
 * message, a compression pointer must point strictly before itself (so
 * following pointers always ends), only plain labels and pointers are
 * known, and a name is at most 255 octets.  Anything else makes the name
 * malformed, and then its question type cannot be found either.
 */
#include <config.h>

#include <string.h>

#include "pcaptally.h"
#include "window.h"

enum {
	HEADER = 12,
	POINTER = 0xc0,
	LABEL_MAX = 63,
};

/*
 * Decodes the name at *pos into d->qname (labels with their length
 * bytes, no root); *pos moves past the name where it was written.
 */
static bool
decode_name(struct window *m, uint32_t *pos, struct pt_dns *d)
{
	uint32_t at = *pos, len, target;
	uint32_t octets = 1;	/* the root's length byte */
	bool jumped = false;
	uint8_t b;

	d->qname_len = 0;
	for (;;) {
		b = win_u8(m, at);
		if (win_short(m))
			return false;	/* runs past the end */
		if (b == 0) {
			if (!jumped)
				*pos = at + 1;
			return true;
		}
		if ((b & POINTER) == POINTER) {
			target = (b & ~POINTER) << 8 | win_u8(m, at + 1);
			if (win_short(m) || target >= at)
				return false;	/* past the end, or not back */
			if (!jumped)
				*pos = at + 2;
			jumped = true;
			at = target;
			continue;
		}
		if (b > LABEL_MAX)
			return false;	/* extended label types */
		len = b;
		octets += 1 + len;
		if (octets > PT_DNS_NAME_MAX || !win_has(m, at + 1, len))
			return false;	/* too long, or past the end */
		d->qname[d->qname_len++] = b;
		win_copy(m, at + 1, d->qname + d->qname_len, len);
		d->qname_len += len;
		at += 1 + len;
	}
}

void
pt_dns_parse(const uint8_t *msg, uint32_t len, struct pt_dns *d)
{
	struct window m = win_make(msg, len);
	uint32_t pos = HEADER;

	memset(d, 0, offsetof(struct pt_dns, qname));
	d->id = win_be16(&m, 0);
	if (win_short(&m))
		return;
	d->have |= PT_DNS_ID;
	d->flags = win_be16(&m, 2);
	if (win_short(&m))
		return;
	d->have |= PT_DNS_FLAGS;
	d->qdcount = win_be16(&m, 4);
	d->ancount = win_be16(&m, 6);
	(void)win_u8(&m, HEADER - 1);
	if (win_short(&m))
		return;
	d->have |= PT_DNS_COUNTS;
	if (d->qdcount == 0)
		return;
	if (!decode_name(&m, &pos, d))
		return;
	d->have |= PT_DNS_QNAME;
	d->qtype = win_be16(&m, pos);
	if (!win_short(&m))
		d->have |= PT_DNS_QTYPE;
}

bool
pt_dns_is_response(const struct pt_dns *d)
{
	return (d->have & PT_DNS_FLAGS) && (d->flags & 0x8000);
}
