/*
 * connpart.c: a segment of a 4-tuple's packets in a partial record.
 *
 * A C record holds the entry the segment's packets made alone in a
 * table that cut them (conntab.c): its endpoints as first guessed, its
 * roles' evidence (init, flip, seen), each direction's packets and base
 * sequence number, its first and last time; then its first packet's
 * direction, flags, numbers and whether it was a first fragment, which
 * the merge needs to decide as the single pass did whether it opens a
 * new connection (pt_conntab_fold).
 */
#include <config.h>

#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "connpart.h"
#include "pcaptally.h"

void
pt_connpart_write(const struct pt_conntab *t, size_t id)
{
	const struct pt_conn *c = &t->conns[id];
	const struct pt_lead *l = &t->leads[id];
	int d;

	pt_part_u64(c->ipver);
	pt_part_addr(c->ipver, c->client);
	pt_part_u64(c->cport);
	pt_part_addr(c->ipver, c->server);
	pt_part_u64(c->sport);
	pt_part_u64(c->init);
	pt_part_u64(c->flip);
	pt_part_u64(c->seen);
	for (d = PT_UP; d <= PT_DOWN; d++) {
		pt_part_u64(c->dir[d].pkts);
		pt_part_u64(c->dir[d].base_set);
		pt_part_u64(c->dir[d].base_seq);
	}
	pt_part_time(&c->first);
	pt_part_time(&c->last);
	pt_part_u64(l->dir);
	pt_part_u64(l->tcpflags);
	pt_part_u64(l->seq);
	pt_part_u64(l->ack);
	pt_part_u64(l->first_fragment);
}

bool
pt_connpart_read(struct pt_part_reader *r, struct pt_connpart *cp)
{
	struct pt_conn *seg = &cp->seg;
	struct pt_packet *lead = &cp->lead;
	uint64_t v[8], dir;
	int d;

	memset(seg, 0, sizeof *seg);
	memset(lead, 0, sizeof *lead);
	if (!pt_part_get_u64(r, 6, &v[0]) || (v[0] != 4 && v[0] != 6)) {
		snprintf(r->why, sizeof r->why, "an IP version out of place");
		return false;
	}
	seg->ipver = (uint8_t)v[0];
	if (!pt_part_get_addr(r, seg->ipver, seg->client) ||
	    !pt_part_get_u64(r, UINT16_MAX, &v[1]) ||
	    !pt_part_get_addr(r, seg->ipver, seg->server) ||
	    !pt_part_get_u64(r, UINT16_MAX, &v[2]) ||
	    !pt_part_get_u64(r, PT_INIT_SYN, &v[3]) ||
	    !pt_part_get_u64(r, 1, &v[4]) ||
	    !pt_part_get_u64(r, 0x1f, &v[5]))
		return false;
	seg->cport = (uint16_t)v[1];
	seg->sport = (uint16_t)v[2];
	seg->init = (uint8_t)v[3];
	seg->flip = (uint8_t)v[4];
	seg->seen = (uint8_t)v[5];
	for (d = PT_UP; d <= PT_DOWN; d++) {
		if (!pt_part_get_u64(r, UINT64_MAX, &seg->dir[d].pkts) ||
		    !pt_part_get_u64(r, 1, &v[6]) ||
		    !pt_part_get_u64(r, UINT32_MAX, &v[7]))
			return false;
		seg->dir[d].base_set = v[6];
		seg->dir[d].base_seq = (uint32_t)v[7];
	}
	if (!pt_part_get_time(r, &seg->first) ||
	    !pt_part_get_time(r, &seg->last) ||
	    !pt_part_get_u64(r, 1, &dir) ||
	    !pt_part_get_u64(r, UINT8_MAX, &v[0]) ||
	    !pt_part_get_u64(r, UINT32_MAX, &v[1]) ||
	    !pt_part_get_u64(r, UINT32_MAX, &v[2]) ||
	    !pt_part_get_u64(r, 1, &v[3]))
		return false;
	/* The first packet, as it went: from the client or the server. */
	lead->ipver = seg->ipver;
	memcpy(lead->src, dir == PT_UP ? seg->client : seg->server, 16);
	memcpy(lead->dst, dir == PT_UP ? seg->server : seg->client, 16);
	lead->sport = dir == PT_UP ? seg->cport : seg->sport;
	lead->dport = dir == PT_UP ? seg->sport : seg->cport;
	lead->proto = IPPROTO_TCP;
	lead->tcpflags = (uint8_t)v[0];
	lead->seq = (uint32_t)v[1];
	lead->ack = (uint32_t)v[2];
	lead->first_fragment = v[3];
	lead->ts = seg->first;
	return true;
}
