/*
 * connpart.h: connections in partial records (connpart.c): each segment
 * of a 4-tuple's packets (conntab.c, cut) as a C record, and its fold
 * into the merge's table.
 */
#ifndef PCAPTALLY_CONNPART_H
#define PCAPTALLY_CONNPART_H

#include <stdbool.h>
#include <stddef.h>

#include "merge.h"
#include "pcaptally.h"

/*
 * Writes the fields of segment id of a table that cut its 4-tuples'
 * packets into segments, after the kind ("C") and the source: the
 * program then adds its own fields and ends the record.
 */
void pt_connpart_write(const struct pt_conntab *t, size_t id);

/* A segment as read back: its entry and its first packet. */
struct pt_connpart {
	struct pt_conn seg;
	struct pt_packet lead;
};

/*
 * Reads those fields (r's next field is the first) into cp; false
 * (r->why) when they are not a segment's.
 */
bool pt_connpart_read(struct pt_part_reader *r, struct pt_connpart *cp);

#endif
