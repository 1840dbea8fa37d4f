/*
 * seqpart.h: a direction's sequence space in partial records
 * (seqpart.c): the starts and adds a segment's packets made, written
 * without loss, run-length coded, and replayed by the merge onto the
 * connection's space as it was before the segment.
 */
#ifndef PCAPTALLY_SEQPART_H
#define PCAPTALLY_SEQPART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pt_seqspace;

enum {
	PT_SEQPART_CHUNK = 1 << 16,	/* the longest text of one field */
	PT_SEQPART_RUN = 1 << 16,	/* the most adds of one token */
};

/* One direction's events so far, as text: chunks, each ended by ';'. */
struct pt_seqpart {
	char *text;
	size_t len, cap;
	size_t chunk;		/* where the current chunk begins */
	uint32_t run_seq, run_len, run_k;	/* the run not yet written */
	uint32_t next;		/* where the chunk's last add written ended */
	bool based;		/* the chunk has an add with its number */
	bool started;		/* the segment's space started */
};

/* As pt_seqspace_start() and pt_seqspace_add(), noted. */
void pt_seqpart_start(struct pt_seqpart *p, uint32_t seq);
void pt_seqpart_add(struct pt_seqpart *p, uint32_t seq, uint32_t len);
/* The last run written out: then p->text holds every chunk. */
void pt_seqpart_end(struct pt_seqpart *p);
void pt_seqpart_free(struct pt_seqpart *p);

/*
 * Replays one chunk's text onto s (NULL: only checks it); false when it
 * is not a chunk's text.
 */
bool pt_seqpart_replay(const char *text, struct pt_seqspace *s);

#endif
