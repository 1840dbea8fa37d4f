/*
 * partial.h: partial records (partial.c), the text a program writes with
 * --partial and reads back with --merge: lines of tab-separated fields,
 * a header line naming the format, the program, the options that shape
 * the results and the captures read, and a trailer counting the lines
 * between, so that a partial cut short is never merged.  The grammar is
 * in pcaptally(7), PARTIAL RECORDS.
 */
#ifndef PCAPTALLY_PARTIAL_H
#define PCAPTALLY_PARTIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PT_PART_MAGIC "pcaptally-partial"
#define PT_PART_VERSION 1
#define PT_PART_END "#end"

enum {
	PT_PART_MAX_LINE = 1 << 20,	/* a longer line is damage */
	/*
	 * Bytes readable past a line's end (its buffer's slack, a kept
	 * line's padding), so that the reader takes 8 bytes at a time.
	 */
	PT_PART_SLACK = 8,
};

struct pt_time;

/* Bytes kept in one growing block (partial.c). */
struct pt_bytes {
	char *data;
	size_t len, cap;
};

/* Room for n more bytes at the end, counted in; NULL out of memory. */
void *pt_bytes_extend(struct pt_bytes *b, size_t n);

/* ---- writing: to standard output, through output.c ----------------- */

/* The header: the program, then "name=value" fields, escaped. */
void pt_part_header(const char *prog, const char *const *fields,
    size_t nfields);
/* A record: its kind, its fields, its end (counted for the trailer). */
void pt_part_kind(const char *kind);
void pt_part_u64(uint64_t v);
void pt_part_i64(int64_t v);
void pt_part_str(const char *s);	/* escaped: \\ \t \n \DDD */
void pt_part_time(const struct pt_time *t);	/* sec.nnnnnnnnn */
void pt_part_addr(uint8_t ipver, const uint8_t addr[16]);
void pt_part_hex(const uint8_t *p, size_t n);	/* hex digits, "-": none */
void pt_part_end_record(void);
/* The trailer: "#end" and the number of records. */
void pt_part_trailer(void);

/* ---- reading ---------------------------------------------------------- */

struct pt_part_reader {
	const char *name;	/* as named, for messages */
	int fd;
	uint64_t line;		/* the line read last, from 1 */
	uint64_t records;	/* records read */
	char *buf;
	size_t len, pos, cap;
	bool eof;
	/*
	 * The current line: its first field (the kind), and where the
	 * getters read on (NULL past the last field).  What they have not
	 * read is still as written, escapes and tabs (pt_part_rest).
	 */
	const char *kind;
	char *cur;
	/*
	 * When set, each record is kept here, as a struct pt_part_kept and
	 * its line; pt_part_keep puts what a program read in its place.
	 */
	struct pt_bytes *keep;
	size_t kept_at;		/* the current record's place in keep */
	bool keep_read;		/* pt_part_keep may replace lines */
	uint64_t source;	/* the current record's source index */
	/*
	 * Records a program's record said would follow it (continuations):
	 * a partial that ends with some still owed is damaged (merge.c).
	 */
	uint64_t owed;
	char why[160];		/* what is wrong, when a call failed (at line) */
};

/*
 * Opens a partial ("-" is standard input) and reads its header line:
 * false with r->why set when it cannot be opened or is not a partial.
 */
bool pt_part_open(struct pt_part_reader *r, const char *name);
void pt_part_close(struct pt_part_reader *r);

/*
 * The next line, split into fields.  Returns 1 for a record, 0 at a
 * trailer that counts the records read, -1 on damage (r->why): a line
 * too long, with a bad escape, or the end of the file before a trailer.
 */
int pt_part_next(struct pt_part_reader *r);

/*
 * A record kept (r->keep): its line, to be split and read again, or
 * (read) what a program read from it, so that it is read only once.
 */
struct pt_part_kept {
	uint32_t size;		/* of what follows, a multiple of 8 */
	bool read;		/* a program's, else the line, NUL-ended */
	char kind[3];		/* the record's kind (when read) */
	uint64_t source;	/* its source index (when read) */
};

/*
 * A line kept before (r->keep) made the current line; PT_PART_SLACK
 * bytes after its NUL must be readable.
 */
bool pt_part_load(struct pt_part_reader *r, char *line);

/*
 * Room for size bytes that take the current record's place in r->keep:
 * what a program read from it, for the merge to apply without reading
 * the line again.  NULL when the line itself is kept (r->keep_read is
 * false: a merge into a partial copies the lines), or the kind is long.
 */
void *pt_part_keep(struct pt_part_reader *r, size_t size);

/*
 * The current line's fields, in order, each read once, also by a getter
 * that fails; false (r->why) when malformed.
 */
bool pt_part_get_u64(struct pt_part_reader *r, uint64_t max, uint64_t *v);
bool pt_part_get_i64(struct pt_part_reader *r, int64_t *v);
bool pt_part_get_str(struct pt_part_reader *r, const char **s);
bool pt_part_get_time(struct pt_part_reader *r, struct pt_time *t);
bool pt_part_get_addr(struct pt_part_reader *r, uint8_t ipver,
    uint8_t addr[16]);
/* At most max bytes, written by pt_part_hex; their number in *n. */
bool pt_part_get_hex(struct pt_part_reader *r, uint8_t *buf, size_t max,
    size_t *n);
/* True when every field of the line was read. */
bool pt_part_done(struct pt_part_reader *r);
/* The fields not read yet, as written (escaped), or "" for none. */
const char *pt_part_rest(const struct pt_part_reader *r);

#endif
