/*
 * input.h: reading captures (input.c): files in order as one capture,
 * frames numbered, the filter applied per link type, read errors,
 * interruptions and a lack of memory reported with the frame reached.
 * Included by pcaptally.h.
 */
#ifndef PCAPTALLY_INPUT_H
#define PCAPTALLY_INPUT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

struct pt_packet;

struct pt_stats {
	uint64_t frames;	/* every frame read, also those filtered out */
	uint64_t filtered;	/* left out by the filter */
	uint64_t tcp;
	uint64_t udp;
	uint64_t verdicts[PT_VERDICTS];
};

/* A file read, for the checks of the next one's name and order. */
/* What tells a regular file from another: all of it (input.c). */
struct pt_file_id {
	bool regular;
	uint64_t host;		/* a hash of the machine's id */
	uint64_t dev, ino, size;
	int64_t mtime_ns;
};

struct pt_input_file {
	const char *name;
	struct pt_file_id id;	/* to see it named twice */
	bool twice;		/* the same file as one named before */
};

/*
 * A link type met (a file's LINKTYPE_ number): its DLT_ value, whether
 * it is decoded, the filter compiled for it (ok) or refused by it.
 */
struct pt_input_filter {
	uint32_t linktype;
	int dlt;
	bool supported;
	bool ok;
	size_t warned;		/* the file (in->nfiles) told it is not decoded */
	struct bpf_program *prog;
};

struct pt_input {
	const char *filter;	/* a pcap filter expression, or NULL */
	bool progress;		/* a progress line is wanted (not -q) */
	bool nsec;		/* print 9 decimals: the first interface records ns */
	bool failed;		/* some input could not be read */
	bool filter_refused;	/* a file's link type refused the filter */
	bool out_of_memory;	/* reading stopped: memory ran out */
	int interrupted;	/* the signal that ended reading, or 0 */
	struct pt_stats stats;

	/* The files read so far, and the last frame's time and file. */
	struct pt_input_file *files;
	size_t nfiles;
	struct pt_time last_ts;
	const char *last_name;	/* NULL until a file has had a frame */
	/* The filter, compiled once per link type met. */
	struct pt_input_filter *filters;
	size_t nfilters;
	/*
	 * --partial: what a merge needs of the files is written as records
	 * (partial.c) as they are read; the checks over several files
	 * are the merge's.
	 */
	bool partial;
	bool reading;
	size_t source;		/* the file being read: files[] given */
};

typedef void pt_packet_fn(void *ctx, const struct pt_packet *pkt);

/*
 * Checks a filter expression before any file is opened, so a typo is a
 * usage error: it must compile for at least one link type the decoder
 * knows.  Returns false with a message in err (PCAP_ERRBUF_SIZE).
 */
bool pt_filter_valid(const char *expr, char *err);

/*
 * Checks the filter against the link type of every named file that can
 * be opened (standard input is checked when it is read): false, with a
 * message naming the file that refuses it, when one does.
 */
bool pt_input_check_filter(struct pt_input *in, char *const *files,
    int nfiles);

/*
 * Reads the files in order as one capture ("-" is standard input) and
 * calls fn for every decoded TCP or UDP packet that passes the filter.
 * A file that cannot be read, or stops early, is reported on standard
 * error and sets in->failed; the other files are still read.  A file
 * whose first frame is older than the previous file's last, or a file
 * named twice, is warned about.  SIGINT or SIGTERM ends the reading as
 * the end of the input would (in->interrupted); memory running out too
 * (in->out_of_memory): both are reported with the frame reached.
 */
void pt_input_run(struct pt_input *in, char *const *files, int nfiles,
    pt_packet_fn *fn, void *ctx);

/*
 * For the merge of partial records: a file opened (warned about when
 * named before), and a file's first frame (warned about when older than
 * the last frame read).
 */
void pt_input_note(struct pt_input *in, const char *name,
    const struct pt_file_id *id);
void pt_input_check_order(struct pt_input *in, const char *name,
    const struct pt_time *first);

/*
 * --partial: a frame of the file being read, counted from that file's
 * first (1), as partial records keep it; in->source names the file.
 */
uint64_t pt_input_source_frame(const struct pt_input *in, uint64_t frame);

/* Frees what pt_input_run kept. */
void pt_input_free(struct pt_input *in);

/* Writes the -v report: frames read, decoded, skipped by reason. */
void pt_stats_report(const struct pt_stats *st);

/* Frames skipped as truncated or invalid. */
uint64_t pt_stats_damaged(const struct pt_stats *st);

#endif
