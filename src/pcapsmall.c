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
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"

static const char *const columns[] = {
	"frame", "time", "id", "dir", "len", "payload", NULL
};

static const struct pt_prog prog = {
	.name = "pcapsmall",
	.synopsis = "[-HhlpqTv] [-d up|down] [-f expr] [-s min-max] [-V] "
	    "[file ...]",
	.summary = "Print one line per TCP packet whose frame length is in "
	    "a range: frame, time,\nid, dir (up or down), len, payload.",
	.options =
	    "  -d, --direction=DIR    only packets going DIR: up (client to "
	    "server) or down\n"
	    "  -p, --payload          only packets that carry TCP payload\n"
	    "  -s, --size=MIN-MAX     frame lengths from MIN to MAX bytes "
	    "(default 0-79)\n",
	.columns = columns,
};

/* A line waiting for the end of the input. */
struct line {
	uint64_t frame;
	struct pt_time ts;
	uint64_t id;
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
};

static const char dir_text[2][8] = { "\tup\t", "\tdown\t" };
static const uint8_t dir_len[2] = { 4, 6 };

static void
print_line(const struct small *s, const struct line *l, enum pt_dir dir)
{
	char *p;

	/* One line in one go: many of them, a few fields each. */
	p = pt_out_reserve(4 * PT_FMT_U64 + PT_FMT_TIME + 16);
	p = pt_fmt_u64(p, l->frame);
	*p++ = '\t';
	p = pt_fmt_time(p, &l->ts, s->in->nsec);
	*p++ = '\t';
	p = pt_fmt_u64(p, l->id);
	/* Without a branch: up or down is a coin toss to the predictor. */
	memcpy(p, dir_text[dir], sizeof dir_text[dir]);
	p += dir_len[dir];
	p = pt_fmt_u64(p, l->wirelen);
	*p++ = '\t';
	p = pt_fmt_u64(p, l->payload_len);
	*p++ = '\n';
	pt_out_commit(p);
}

static void
track(void *ctx, const struct pt_packet *pkt)
{
	struct small *s = ctx;
	struct line l;
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
	s->waiting |= s->conntab.conns[id].init == PT_INIT_MID;
	if (s->waiting)
		memset(&l, 0, sizeof l);	/* the padding goes to a file */
	l.frame = pkt->frame;
	/* Field by field: they were stored so. */
	l.ts.sec = pkt->ts.sec;
	l.ts.nsec = pkt->ts.nsec;
	l.id = id;
	l.wirelen = pkt->wirelen;
	l.payload_len = pkt->payload_len;
	l.dir = dir;
	if (s->waiting) {
		pt_spill_push(&s->queue, &l);
		return;
	}
	/*
	 * Not mid: its roles are final, but through its flip, which a late
	 * SYN or SYN/ACK sets on a connection first seen mid-stream.
	 */
	dir = pt_conn_dir(&s->conntab.conns[id], dir);
	if (s->dir < 0 || dir == (enum pt_dir)s->dir)
		print_line(s, &l, dir);
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

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		PT_COMMON_LONGOPTS,
		{ "direction", required_argument, NULL, 'd' },
		{ "payload", no_argument, NULL, 'p' },
		{ "size", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct pt_input in = { 0 };
	struct small small = { .min = 0, .max = 79, .dir = -1, .in = &in };
	struct pt_opts opts = { 0 };
	int c;

	pt_cli_init(&prog);
	while ((c = getopt_long(argc, argv, PT_COMMON_SHORTOPTS "d:ps:",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			parse_direction(&small, optarg);
			break;
		case 'p':
			small.payload_only = true;
			break;
		case 's':
			parse_range(&small, optarg);
			break;
		default:
			pt_cli_option(&prog, &opts, c, optarg);
		}
	}

	pt_conntab_init(&small.conntab);
	pt_spill_init(&small.queue, sizeof(struct line));
	if (opts.header)
		pt_out_header(columns);
	pt_cli_read(&prog, &opts, &in, argc - optind, argv + optind, track,
	    &small);
	pt_roles_decide(&small.conntab);
	pt_spill_drain(&small.queue, print_waiting, &small);
	pt_spill_free(&small.queue);
	pt_conntab_free(&small.conntab);
	return pt_cli_finish(&opts, &in);
}
