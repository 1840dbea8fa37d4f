/*
 * merge.h: --partial and --merge, the part every program shares
 * (merge.c): the header and the trailer of a partial record, the records
 * of the input (files, messages, counts), and the reading of partials in
 * the order named, each checked whole before any of it is used.
 */
#ifndef PCAPTALLY_MERGE_H
#define PCAPTALLY_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partial.h"

struct pt_input;

/* A source (a capture read by --partial) as the merge knows it. */
struct pt_merge_source {
	const char *name;
	size_t index;		/* among all the merge's sources */
	uint64_t frames_before;	/* frames of the sources before it */
	uint64_t frames;	/* its own, once ended (S), else UINT64_MAX */
	size_t part;		/* the partial's index among those named */
};

/*
 * A program's records: checked (apply false: every field, nothing
 * changed) or applied.  kind is the record's first field; r's next
 * field is the one after the source index.  False: r->why says why.
 */
typedef bool pt_merge_record_fn(void *ctx, struct pt_part_reader *r,
    const char *kind, const struct pt_merge_source *src, bool apply);

/*
 * A record applied from what the check read and kept (pt_part_keep), so
 * that each line is read once: a program that keeps its records needs
 * the record function's apply only for those it did not keep.
 */
typedef void pt_merge_apply_fn(void *ctx, const char *kind,
    const void *kept, const struct pt_merge_source *src);

struct pt_merge {
	const char *prog;
	/* The options that shape the results, as "name=value" fields. */
	const char **fields;
	size_t nfields;
	pt_merge_record_fn *record;
	pt_merge_apply_fn *apply;	/* NULL: every record read again */
	void *ctx;
	bool partial;		/* --merge --partial: write one partial */
	char *const *parts;	/* the partials named, in capture order */
	int nparts;
	char **header_sources;	/* "source=NAME" of every header */
	size_t nheader_sources;
	size_t *part_sources;	/* each partial's first in header_sources */
	struct pt_part_reader *input;	/* standard input's, header read */
	/* What was read. */
	size_t nsources;
	const char **sources;
	uint64_t frames;
	bool damaged;		/* a partial was left out */
	uint32_t *refused;	/* link types whose refusal was said */
	size_t nrefused;
};

/*
 * --partial: the header (the program, m->fields, the files), written
 * before anything is read, and the end: the input's counts and the
 * trailer.  A run that memory or a signal cut short gets no trailer,
 * so that no merge takes it for whole; pt_part_finish says so.
 */
void pt_part_begin(const struct pt_merge *m, struct pt_input *in,
    char *const *files, int nfiles);
void pt_part_finish(struct pt_input *in);

/*
 * --merge: the first partial's header fields (the options of the run),
 * checked against every other partial's: a partial of another program,
 * version or options is a usage error (exit 2, nothing printed).  Sets
 * m->fields; returns their number.
 */
size_t pt_merge_options(struct pt_merge *m, char *const *parts, int nparts);


/*
 * Reads the partials in order, each whole before it is used: a damaged
 * one is reported with its line and left out, as a capture that cannot
 * be read.  The input's files, messages and counts are replayed into in
 * as reading the captures would have made them; the program's records
 * go to m->record.  With m->partial, the records are written out as one
 * partial instead.
 */
void pt_merge_run(struct pt_merge *m, struct pt_input *in);

/*
 * The options that shape the results, as header fields: added for
 * --partial ("name=value", copied), found by name in --merge (the value,
 * or NULL).  pt_merge_fields_known() is false, after a message naming
 * the field, when a partial has a field not among names (NULL-ended).
 */
void pt_merge_add_field(struct pt_merge *m, const char *name,
    const char *value);
const char *pt_merge_field(const struct pt_merge *m, const char *name);
bool pt_merge_fields_known(const struct pt_merge *m,
    const char *const *names);
/* A field of a known name but a value the program cannot take: exit 2. */
void pt_merge_bad_field(const struct pt_merge *m, const char *name)
    __attribute__((noreturn));

/* Frees what pt_merge_run kept. */
void pt_merge_free(struct pt_merge *m);

#endif
