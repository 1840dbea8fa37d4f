/*
 * pcapsmall: one line per TCP packet whose frame length is in a range:
 * its frame number, time, connection and direction, frame length and
 * TCP payload, so one can count the small packets that carry data.
 *
 * A line is printed as its packet is read, until the first line of a
 * connection without a handshake: its direction is known only at the end
 * of the input (roles.c), so from there on lines wait, in frame order.
 */
#include <config.h>

#include <getopt.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connpart.h"
#include "pcaptally.h"

static const char *const columns[] = {
	"frame", "time", "id", "dir", "len", "payload", NULL
};

static const struct pt_prog prog = {
	.name = "pcapsmall",
	.synopsis = "[-HhlpqTv] [-d up|down] [-f expr] [-s min-max] [-V] "
	    "[--partial | --merge] [file ...]",
	.summary = "Print one line per TCP packet whose frame length is in "
	    "a range: frame, time,\nid, dir (up or down), len, payload.",
	.options =
	    "  -d, --direction=DIR    only packets going DIR: up (client to "
	    "server) or down\n"
	    "  -p, --payload          only packets that carry TCP payload\n"
	    "  -s, --size=MIN-MAX     frame lengths from MIN to MAX bytes "
	    "(default 0-79)\n"
	    PT_PARTIAL_OPTIONS_HELP,
	.columns = columns,
	.option_fields = (const char *const[]){ "f", "s", "p", "d", NULL },
};

/*
 * A line waiting for the end of the input.  In a partial record's, frame
 * counts from its source's first and id is its segment's; in a merge's,
 * dir is the merged connection's table direction.
 */
struct line {
	uint64_t frame;
	struct pt_time ts;
	uint64_t id;
	uint64_t source;	/* --partial: the file, among those read */
	uint32_t wirelen;
	uint32_t payload_len;
	uint8_t dir;		/* enum pt_dir, as the table first guessed */
};

struct small {
	struct pt_conntab conntab;
	uint32_t min, max;	/* frame lengths */
	int dir;		/* enum pt_dir, or -1 for both */
	bool payload_only;
	bool waiting;		/* lines wait in the queue from now on */
	struct pt_spill queue;	/* struct line */
	const struct pt_input *in;	/* its first file sets the time format */
	bool partial;		/* --partial: every line waits, -d not applied */
	/* --merge: each C record's merged id, times 2, plus swapped. */
	uint64_t *segs;
	size_t nsegs, segs_cap;
	size_t checked;		/* C records checked in partial check_part */
	size_t check_part;
	struct pt_fmt_counter frame;	/* the last line's frame number */
};

static const char dir_text[2][8] = { "\tup\t", "\tdown\t" };
static const uint8_t dir_len[2] = { 4, 6 };

/*
 * A line's fields, from a packet or a waiting line.  The frame number
 * by its rise from the last line's: lines come in frame order.
 */
static inline __attribute__((always_inline)) void
print_fields(struct small *s, uint64_t frame, const struct pt_time *ts,
    uint64_t id, enum pt_dir dir, uint32_t wirelen, uint32_t payload_len)
{
	char *p;

	/* One line in one go: many of them, a few fields each. */
	p = pt_out_reserve(4 * PT_FMT_U64 + PT_FMT_TIME + 16);
	p = pt_fmt_counter(p, &s->frame, frame);
	*p++ = '\t';
	p = pt_fmt_time(p, ts, s->in->nsec);
	*p++ = '\t';
	p = pt_fmt_u64(p, id);
	/* Without a branch: up or down is a coin toss to the predictor. */
	memcpy(p, dir_text[dir], sizeof dir_text[dir]);
	p += dir_len[dir];
	p = pt_fmt_u64(p, wirelen);
	*p++ = '\t';
	p = pt_fmt_u64(p, payload_len);
	*p++ = '\n';
	pt_out_commit(p);
}

static void
print_line(struct small *s, const struct line *l, enum pt_dir dir)
{
	print_fields(s, l->frame, &l->ts, l->id, dir, l->wirelen,
	    l->payload_len);
}

/* A line that waits for the end of the input (or goes to a partial). */
static __attribute__((noinline)) void
queue_line(struct small *s, const struct pt_packet *pkt, size_t id,
    enum pt_dir dir)
{
	struct line l;

	memset(&l, 0, sizeof l);	/* the padding goes to a file */
	l.frame = pkt->frame;
	/* Field by field: they were stored so. */
	l.ts.sec = pkt->ts.sec;
	l.ts.nsec = pkt->ts.nsec;
	l.id = id;
	l.wirelen = pkt->wirelen;
	l.payload_len = pkt->payload_len;
	l.dir = dir;
	if (s->partial) {
		l.frame = pt_input_source_frame(s->in, pkt->frame);
		l.source = s->in->source;
	}
	pt_spill_push(&s->queue, &l);
}

/*
 * A packet in range: its line, or queued.  Apart from track(), so that
 * the packets out of range do not pay for its registers.
 */
static __attribute__((noinline)) void
print_packet(struct small *s, const struct pt_packet *pkt, size_t id,
    enum pt_dir dir)
{
	s->waiting |= s->conntab.conns[id].init == PT_INIT_MID || s->partial;
	if (__builtin_expect(s->waiting, 0)) {
		queue_line(s, pkt, id, dir);
		return;
	}
	/*
	 * Not mid: its roles are final, but through its flip, which a late
	 * SYN or SYN/ACK sets on a connection first seen mid-stream.
	 */
	dir = pt_conn_dir(&s->conntab.conns[id], dir);
	if (s->dir < 0 || dir == (enum pt_dir)s->dir)
		print_fields(s, pkt->frame, &pkt->ts, id, dir, pkt->wirelen,
		    pkt->payload_len);
}

static void
track(void *ctx, const struct pt_packet *pkt)
{
	struct small *s = ctx;
	enum pt_dir dir;
	size_t id;

	if (pkt->proto != IPPROTO_TCP)
		return;
	/* Every packet is tracked, so ids stay those of pcapflows. */
	id = pt_conntab_track(&s->conntab, pkt, &dir);
	/* min <= max: one comparison says whether the length is in range. */
	if (pkt->wirelen - s->min > s->max - s->min ||
	    (s->payload_only && pkt->payload_len == 0))
		return;
	print_packet(s, pkt, id, dir);
}

/* A waiting line, with its connection's roles decided. */
static void
print_waiting(void *ctx, const void *rec)
{
	struct small *s = ctx;
	const struct line *l = rec;
	enum pt_dir dir = pt_conn_dir(&s->conntab.conns[l->id], l->dir);

	if (s->dir < 0 || dir == (enum pt_dir)s->dir)
		print_line(s, l, dir);
}

/*
 * A line of a partial record: its source, its frame there, its time,
 * how many C records come between its segment's and the L records (the
 * C records are written first, so the index holds when partials are
 * put one after another), its direction in the segment, its lengths.
 */
static void
write_line(void *ctx, const void *rec)
{
	const struct small *s = ctx;
	const struct line *l = rec;

	pt_part_kind("L");
	pt_part_u64(l->source);
	pt_part_u64(l->frame);
	pt_part_time(&l->ts);
	pt_part_u64(s->conntab.nconns - 1 - l->id);
	pt_part_u64(l->dir);
	pt_part_u64(l->wirelen);
	pt_part_u64(l->payload_len);
	pt_part_end_record();
}

static void
write_partial(struct small *s)
{
	size_t id;

	for (id = 0; id < s->conntab.nconns; id++) {
		pt_part_kind("C");
		pt_part_u64(0);
		pt_connpart_write(&s->conntab, id);
		pt_part_end_record();
	}
	pt_spill_drain(&s->queue, write_line, s);
}

/*
 * A C record folded (its merged id kept) or an L record queued: an L
 * record as read holds, in id, how many C records back its segment is,
 * and its frame in its own file.
 */
static void
merge_kept(void *ctx, const char *kind, const void *kept,
    const struct pt_merge_source *src)
{
	struct small *s = ctx;
	struct line l;
	uint64_t seg;
	bool swapped;

	if (kind[0] == 'C') {
		const struct pt_connpart *cp = kept;

		seg = pt_conntab_fold(&s->conntab, &cp->seg, &cp->lead,
		    &swapped);
		if (s->nsegs == s->segs_cap) {
			s->segs_cap = s->segs_cap ? 2 * s->segs_cap : 64;
			s->segs = pt_xreallocarray(s->segs, s->segs_cap,
			    sizeof *s->segs);
		}
		s->segs[s->nsegs++] = seg << 1 | swapped;
		return;
	}
	memcpy(&l, kept, sizeof l);
	seg = s->segs[s->nsegs - 1 - l.id];
	l.frame += src->frames_before;
	l.id = seg >> 1;
	l.dir = (uint8_t)(l.dir ^ (seg & 1));
	pt_spill_push(&s->queue, &l);
}

/* A C or an L record read back: checked and kept, or applied. */
static bool
merge_record(void *ctx, struct pt_part_reader *r, const char *kind,
    const struct pt_merge_source *src, bool apply)
{
	struct small *s = ctx;
	struct pt_connpart cp;
	struct line l;
	uint64_t dir, wirelen, payload;
	void *kept;

	if (!apply && src->part != s->check_part) {
		s->check_part = src->part;
		s->checked = 0;
	}
	if (strcmp(kind, "C") == 0) {
		if (!pt_connpart_read(r, &cp) || !pt_part_done(r))
			return false;
		if (apply)
			merge_kept(ctx, kind, &cp, src);
		else {
			s->checked++;
			if ((kept = pt_part_keep(r, sizeof cp)) != NULL)
				memcpy(kept, &cp, sizeof cp);
		}
		return true;
	}
	if (strcmp(kind, "L") != 0) {
		snprintf(r->why, sizeof r->why, "a record of unknown kind");
		return false;
	}
	memset(&l, 0, sizeof l);	/* the padding goes to a file */
	if (!pt_part_get_u64(r, src->frames, &l.frame) ||
	    !pt_part_get_time(r, &l.ts) ||
	    !pt_part_get_u64(r, UINT64_MAX, &l.id) ||
	    !pt_part_get_u64(r, 1, &dir) ||
	    !pt_part_get_u64(r, UINT32_MAX, &wirelen) ||
	    !pt_part_get_u64(r, UINT32_MAX, &payload) || !pt_part_done(r))
		return false;
	if (l.frame == 0) {
		snprintf(r->why, sizeof r->why, "a frame out of range");
		return false;
	}
	l.dir = (uint8_t)dir;
	l.wirelen = (uint32_t)wirelen;
	l.payload_len = (uint32_t)payload;
	if (apply)
		merge_kept(ctx, kind, &l, src);
	else if (l.id >= s->checked) {
		snprintf(r->why, sizeof r->why, "a line of no connection "
		    "before it");
		return false;
	} else if ((kept = pt_part_keep(r, sizeof l)) != NULL)
		memcpy(kept, &l, sizeof l);
	return true;
}

/* A length: decimal digits only, at most 2^32 - 1. */
static bool
parse_len(const char *s, const char *end, uint32_t *len)
{
	uint64_t v = 0;

	if (s == end)
		return false;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*len = (uint32_t)v;
	return true;
}

static void
parse_range(struct small *s, const char *arg)
{
	const char *dash = strchr(arg, '-');

	if (dash == NULL || !parse_len(arg, dash, &s->min) ||
	    !parse_len(dash + 1, dash + strlen(dash), &s->max)) {
		pt_warn("-s %s: the size range must be MIN-MAX, in bytes",
		    arg);
		exit(2);
	}
	if (s->min > s->max) {
		pt_warn("-s %s: MIN is larger than MAX", arg);
		exit(2);
	}
}

static void
parse_direction(struct small *s, const char *arg)
{
	if (strcmp(arg, "up") == 0) {
		s->dir = PT_UP;
	} else if (strcmp(arg, "down") == 0) {
		s->dir = PT_DOWN;
	} else {
		pt_warn("-d %s: the direction must be up or down", arg);
		exit(2);
	}
}

/* The options that shape the lines, as a partial record's fields. */
static void
add_shape_fields(const struct small *s, struct pt_merge *m)
{
	char range[32];

	snprintf(range, sizeof range, "%" PRIu32 "-%" PRIu32, s->min, s->max);
	pt_merge_add_field(m, "s", range);
	pt_merge_add_field(m, "p", s->payload_only ? "1" : "0");
	pt_merge_add_field(m, "d", s->dir < 0 ? "both" : s->dir == PT_UP ?
	    "up" : "down");
}

/* --merge: the options, from the partials' fields. */
static void
merge_shape(struct small *s, const struct pt_merge *m)
{
	const char *f;

	if ((f = pt_merge_field(m, "s")) != NULL)
		parse_range(s, f);
	if ((f = pt_merge_field(m, "p")) != NULL) {
		if (strcmp(f, "0") != 0 && strcmp(f, "1") != 0)
			pt_merge_bad_field(m, "p");
		s->payload_only = f[0] == '1';
	}
	if ((f = pt_merge_field(m, "d")) != NULL) {
		if (strcmp(f, "both") == 0)
			s->dir = -1;
		else
			parse_direction(s, f);
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		PT_COMMON_LONGOPTS, PT_PARTIAL_LONGOPTS,
		{ "direction", required_argument, NULL, 'd' },
		{ "payload", no_argument, NULL, 'p' },
		{ "size", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct pt_input in = { 0 };
	struct small small = { .min = 0, .max = 79, .dir = -1, .in = &in };
	struct pt_merge merge = { .record = merge_record,
	    .apply = merge_kept, .ctx = &small };
	struct pt_opts opts = { 0 };
	bool shaped = false;
	int c;

	pt_cli_init(&prog);
	while ((c = getopt_long(argc, argv, PT_COMMON_SHORTOPTS "d:ps:",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			parse_direction(&small, optarg);
			shaped = true;
			break;
		case 'p':
			small.payload_only = true;
			shaped = true;
			break;
		case 's':
			parse_range(&small, optarg);
			shaped = true;
			break;
		default:
			pt_cli_option(&prog, &opts, c, optarg);
		}
	}

	pt_conntab_init(&small.conntab);
	pt_spill_init(&small.queue, sizeof(struct line));
	if (opts.merge) {
		if (shaped) {
			pt_warn("--merge takes -d, -p and -s from the partial "
			    "records: give them to --partial");
			pt_usage_error(&prog);
		}
		pt_cli_merge(&prog, &opts, &merge, argc - optind,
		    argv + optind);
		merge_shape(&small, &merge);
		if (opts.header && !opts.partial)
			pt_out_header(columns);
		pt_merge_run(&merge, &in);
	} else if (opts.partial) {
		small.partial = small.conntab.cut = true;
		add_shape_fields(&small, &merge);
		pt_cli_partial(&prog, &opts, &merge, &in, argc - optind,
		    argv + optind, track, &small);
		write_partial(&small);
		pt_part_finish(&in);
	} else {
		if (opts.header)
			pt_out_header(columns);
		pt_cli_read(&prog, &opts, &in, argc - optind, argv + optind,
		    track, &small);
	}
	if (!opts.partial) {
		pt_roles_decide(&small.conntab);
		pt_spill_drain(&small.queue, print_waiting, &small);
	}
	pt_merge_free(&merge);
	free(small.segs);
	pt_spill_free(&small.queue);
	pt_conntab_free(&small.conntab);
	return pt_cli_finish(&opts, &in);
}
