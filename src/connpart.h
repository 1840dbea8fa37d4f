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

struct pt_conntab;
struct pt_conn;
struct pt_packet;

/*
 * Writes the fields of segment id of a table that cut its 4-tuples'
 * packets into segments, after the kind ("C") and the source: the
 * program then adds its own fields and ends the record.
 */
void pt_connpart_write(const struct pt_conntab *t, size_t id);

/*
 * Reads those fields (r's next field is the first) into a segment and
 * its first packet; false (r->why) when they are not a segment's.
 */
bool pt_connpart_read(struct pt_part_reader *r, struct pt_conn *seg,
    struct pt_packet *lead);

#endif
