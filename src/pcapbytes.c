/*
 * pcapbytes: one line per TCP connection: payload bytes uploaded and
 * downloaded, from the IP lengths, headers not counted.  By default every
 * captured segment counts (Wireshark's summed tcp.len); with -u each byte
 * of sequence space counts once per direction.
 */
#include <config.h>

#include <getopt.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connpart.h"
#include "pcaptally.h"
#include "seqpart.h"

static const char *const columns[] = {
	"id", "client", "client_port", "server", "server_port", "up", "down", NULL
};

static const struct pt_prog prog = {
	.name = "pcapbytes",
	.synopsis = "[-HhlqTuv] [-f expr] [-V] [--partial | --merge] [file ...]",
	.summary = "Print one line per TCP connection: id, client, "
	    "client_port, server,\nserver_port, up, down: the TCP payload "
	    "bytes each way.",
	.options = "  -u, --unique           count each byte of sequence space "
	    "once per direction\n" PT_PARTIAL_OPTIONS_HELP,
	.columns = columns,
	.option_fields = (const char *const[]){ "f", "u", NULL },
};

struct bytes {
	struct pt_conntab conntab;
	/*
	 * By id: the bytes of every segment each way (uint64_t[2]), or with
	 * -u the sequence space seen each way (struct pt_seqspace[2]), with
	 * --partial -u its starts and adds (struct pt_seqpart[2]).
	 */
	struct pt_array counts;
	bool unique;
	/* --merge -u: the segment the U records that follow go on with. */
	size_t seg_id;
	bool seg_swapped;
};

/*
 * A packet, without -u: every segment's bytes count.  Each way of
 * counting has its own function, which main picks, so that the way is
 * not chosen again at every packet.
 */
static void
track(void *ctx, const struct pt_packet *pkt)
{
	struct bytes *b = ctx;
	uint64_t *bytes;
	enum pt_dir dir;
	size_t id;

	if (pkt->proto != IPPROTO_TCP)
		return;
	id = pt_conntab_track(&b->conntab, pkt, &dir);
	bytes = pt_array_at(&b->counts, id);
	bytes[dir] += pkt->payload_len;
}

/*
 * -u, a packet of connection id.  A SYN takes the first sequence number;
 * its data starts after, and so does the space: data captured before
 * earlier data counts.
 */
static __attribute__((noinline)) void
count_unique(struct bytes *b, const struct pt_packet *pkt, size_t id,
    enum pt_dir dir)
{
	struct pt_seqspace *seen = pt_array_at(&b->counts, id);

	if (pkt->tcpflags & PT_SYN) {
		pt_seqspace_start(&seen[dir], pkt->seq + 1);
		pt_seqspace_add(&seen[dir], pkt->seq + 1, pkt->payload_len);
	} else
		pt_seqspace_add(&seen[dir], pkt->seq, pkt->payload_len);
}

/* -u, a packet that the connection table takes the whole way. */
static __attribute__((noinline)) void
track_unique_any(struct bytes *b, const struct pt_packet *pkt)
{
	enum pt_dir dir;
	size_t id;

	id = pt_conntab_track_any(&b->conntab, pkt, &dir);
	count_unique(b, pkt, id, dir);
}

/*
 * -u: most packets, of a connection seen lately (no SYN, its record
 * there), the next bytes in order, inline; the rest apart, so that these
 * need no stack frame.
 */
static void
track_unique(void *ctx, const struct pt_packet *pkt)
{
	struct bytes *b = ctx;
	struct pt_seqspace *seen;
	enum pt_dir dir;
	size_t id;

	if (pkt->proto != IPPROTO_TCP)
		return;
	id = pt_conntab_track_recent(&b->conntab, pkt, &dir);
	if (__builtin_expect(id == 0, 0)) {
		track_unique_any(b, pkt);
		return;
	}
	if (__builtin_expect(--id >= b->counts.n, 0)) {
		count_unique(b, pkt, id, dir);
		return;
	}
	seen = (struct pt_seqspace *)b->counts.items + 2 * id;
	pt_seqspace_add(&seen[dir], pkt->seq, pkt->payload_len);
}

/* --partial -u: the starts and adds, noted for the merge. */
static void
track_partial_unique(void *ctx, const struct pt_packet *pkt)
{
	struct bytes *b = ctx;
	struct pt_seqpart *p;
	enum pt_dir dir;
	size_t id;

	if (pkt->proto != IPPROTO_TCP)
		return;
	id = pt_conntab_track(&b->conntab, pkt, &dir);
	p = pt_array_at(&b->counts, id);
	if (pkt->tcpflags & PT_SYN) {
		pt_seqpart_start(&p[dir], pkt->seq + 1);
		pt_seqpart_add(&p[dir], pkt->seq + 1, pkt->payload_len);
	} else
		pt_seqpart_add(&p[dir], pkt->seq, pkt->payload_len);
}

/*
 * The segments, as partial records: each C record the bytes of each of
 * its table's directions, as the segment's packets counted them alone.
 */
/*
 * With -u, its starts and adds each way (seqpart.c): the first chunk of
 * each direction's text in the C record, the others in U records after
 * it, which the C record counts.
 */
static void
write_unique(struct bytes *b, size_t id)
{
	struct pt_seqpart *p = pt_array_at(&b->counts, id);
	char *chunk[2], *end;
	uint64_t more = 0;
	size_t i;
	int d;

	for (d = PT_UP; d <= PT_DOWN; d++) {
		pt_seqpart_end(&p[d]);
		chunk[d] = p[d].text != NULL ? p[d].text : "-";
		for (i = 0; i < p[d].len; i++)
			if (p[d].text[i] == ';') {
				p[d].text[i] = '\0';
				more++;
			}
	}
	pt_part_kind("C");
	pt_part_u64(0);
	pt_connpart_write(&b->conntab, id);
	pt_part_u64(more);
	pt_part_str(chunk[PT_UP]);
	pt_part_str(chunk[PT_DOWN]);
	pt_part_end_record();
	for (d = PT_UP; d <= PT_DOWN; d++) {
		if (p[d].text == NULL)
			continue;
		end = p[d].text + p[d].len;
		for (chunk[d] += strlen(chunk[d]) + 1; chunk[d] < end;
		    chunk[d] += strlen(chunk[d]) + 1) {
			pt_part_kind("U");
			pt_part_u64(0);
			pt_part_u64((uint64_t)d);
			pt_part_str(chunk[d]);
			pt_part_end_record();
		}
		pt_seqpart_free(&p[d]);
	}
}

static void
write_partial(struct bytes *b)
{
	const uint64_t *bytes;
	size_t id;

	for (id = 0; id < b->conntab.nconns; id++) {
		if (b->unique) {
			write_unique(b, id);
			continue;
		}
		bytes = pt_array_get(&b->counts, id);
		pt_part_kind("C");
		pt_part_u64(0);
		pt_connpart_write(&b->conntab, id);
		pt_part_u64(bytes[PT_UP]);
		pt_part_u64(bytes[PT_DOWN]);
		pt_part_end_record();
	}
}

/*
 * With -u: a segment read back, folded, its starts and adds replayed
 * onto the connection's space each way; or the U records that go on.
 */
static bool
merge_unique(struct bytes *b, struct pt_part_reader *r, const char *kind,
    bool apply)
{
	struct pt_seqspace *seen = NULL;
	struct pt_connpart cp;
	const char *text[2];
	uint64_t more, dir;
	int d;

	if (strcmp(kind, "U") == 0) {
		if (!pt_part_get_u64(r, 1, &dir) ||
		    !pt_part_get_str(r, &text[0]) || !pt_part_done(r))
			return false;
		if (r->owed == 0) {
			snprintf(r->why, sizeof r->why, "a U record that no "
			    "C record announced");
			return false;
		}
		if (apply)
			seen = pt_array_at(&b->counts, b->seg_id);
		if (!pt_seqpart_replay(text[0], seen == NULL ? NULL :
		    &seen[dir ^ b->seg_swapped])) {
			snprintf(r->why, sizeof r->why, "sequence space "
			    "events out of place");
			return false;
		}
		r->owed--;
		return true;
	}
	if (strcmp(kind, "C") != 0) {
		snprintf(r->why, sizeof r->why, "a record of unknown kind");
		return false;
	}
	if (!pt_connpart_read(r, &cp) ||
	    !pt_part_get_u64(r, UINT32_MAX, &more) ||
	    !pt_part_get_str(r, &text[PT_UP]) ||
	    !pt_part_get_str(r, &text[PT_DOWN]) || !pt_part_done(r))
		return false;
	if (r->owed != 0) {
		snprintf(r->why, sizeof r->why, "a C record where a U record "
		    "was announced");
		return false;
	}
	if (apply) {
		b->seg_id = pt_conntab_fold(&b->conntab, &cp.seg, &cp.lead,
		    &b->seg_swapped);
		seen = pt_array_at(&b->counts, b->seg_id);
	}
	for (d = PT_UP; d <= PT_DOWN; d++)
		if (!pt_seqpart_replay(text[d], seen == NULL ? NULL :
		    &seen[d ^ b->seg_swapped])) {
			snprintf(r->why, sizeof r->why, "sequence space "
			    "events out of place");
			return false;
		}
	r->owed = more;
	return true;
}

/* A C record without -u as read: the segment and its bytes. */
struct bytes_part {
	struct pt_connpart cp;
	uint64_t add[2];
};

/* A segment folded: its bytes added each way. */
static void
merge_kept(void *ctx, const char *kind, const void *kept,
    const struct pt_merge_source *src)
{
	const struct bytes_part *k = kept;
	struct bytes *b = ctx;
	uint64_t *bytes;
	bool swapped;
	int d;

	(void)kind;
	(void)src;
	bytes = pt_array_at(&b->counts, pt_conntab_fold(&b->conntab,
	    &k->cp.seg, &k->cp.lead, &swapped));
	for (d = PT_UP; d <= PT_DOWN; d++)
		bytes[d ^ swapped] += k->add[d];
}

/* A segment read back: applied, or kept to be (-u: replayed by line). */
static bool
merge_record(void *ctx, struct pt_part_reader *r, const char *kind,
    const struct pt_merge_source *src, bool apply)
{
	struct bytes *b = ctx;
	struct bytes_part k, *kept;

	if (b->unique)
		return merge_unique(b, r, kind, apply);
	if (strcmp(kind, "C") != 0) {
		snprintf(r->why, sizeof r->why, "a record of unknown kind");
		return false;
	}
	if (!pt_connpart_read(r, &k.cp) ||
	    !pt_part_get_u64(r, UINT64_MAX, &k.add[PT_UP]) ||
	    !pt_part_get_u64(r, UINT64_MAX, &k.add[PT_DOWN]) ||
	    !pt_part_done(r))
		return false;
	if (apply)
		merge_kept(ctx, kind, &k, src);
	else if ((kept = pt_part_keep(r, sizeof k)) != NULL)
		*kept = k;
	return true;
}

static void
print_bytes(struct bytes *b)
{
	const struct pt_seqspace *seen;
	const struct pt_conn *c;
	const uint64_t *bytes;
	enum pt_dir up, down;
	size_t id;

	for (id = 0; id < b->conntab.nconns; id++) {
		c = &b->conntab.conns[id];
		up = pt_conn_dir(c, PT_UP);
		down = pt_conn_dir(c, PT_DOWN);
		pt_out_u64(id);
		pt_out_char('\t');
		pt_out_conn_roles(c);
		pt_out_char('\t');
		if (b->unique) {
			seen = pt_array_get(&b->counts, id);
			pt_out_u64(seen[up].bytes);
			pt_out_char('\t');
			pt_out_u64(seen[down].bytes);
		} else {
			bytes = pt_array_get(&b->counts, id);
			pt_out_u64(bytes[up]);
			pt_out_char('\t');
			pt_out_u64(bytes[down]);
		}
		pt_out_char('\n');
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		PT_COMMON_LONGOPTS, PT_PARTIAL_LONGOPTS,
		{ "unique", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct bytes bytes = { .counts = PT_ARRAY_INIT(uint64_t[2]) };
	struct pt_merge merge = { .record = merge_record,
	    .apply = merge_kept, .ctx = &bytes };
	struct pt_opts opts = { 0 };
	struct pt_input in = { 0 };
	const char *u;
	int c;

	pt_cli_init(&prog);
	while ((c = getopt_long(argc, argv, PT_COMMON_SHORTOPTS "u",
	    longopts, NULL)) != -1) {
		if (c == 'u') {
			bytes.unique = true;
			bytes.counts.size = sizeof(struct pt_seqspace[2]);
		} else
			pt_cli_option(&prog, &opts, c, optarg);
	}

	pt_conntab_init(&bytes.conntab);
	if (opts.merge) {
		/* -u is the partials': it shapes the records. */
		if (bytes.unique) {
			pt_warn("--merge takes -u from the partial records: "
			    "give it to --partial");
			pt_usage_error(&prog);
		}
		pt_cli_merge(&prog, &opts, &merge, argc - optind,
		    argv + optind);
		u = pt_merge_field(&merge, "u");
		if (u != NULL && strcmp(u, "1") != 0)
			pt_merge_bad_field(&merge, "u");
		if (u != NULL) {
			bytes.unique = true;
			bytes.counts.size = sizeof(struct pt_seqspace[2]);
		}
		pt_merge_run(&merge, &in);
	} else if (opts.partial) {
		if (bytes.unique) {
			pt_merge_add_field(&merge, "u", "1");
			bytes.counts.size = sizeof(struct pt_seqpart[2]);
		}
		bytes.conntab.cut = true;
		pt_cli_partial(&prog, &opts, &merge, &in, argc - optind,
		    argv + optind, bytes.unique ? track_partial_unique :
		    track, &bytes);
		write_partial(&bytes);
		pt_part_finish(&in);
	} else
		pt_cli_read(&prog, &opts, &in, argc - optind, argv + optind,
		    bytes.unique ? track_unique : track, &bytes);
	pt_merge_free(&merge);
	if (opts.partial) {
		pt_conntab_free(&bytes.conntab);
		pt_array_free(&bytes.counts);
		return pt_cli_finish(&opts, &in);
	}
	pt_roles_decide(&bytes.conntab);
	if (opts.header)
		pt_out_header(columns);
	print_bytes(&bytes);
	pt_conntab_free(&bytes.conntab);
	pt_array_free(&bytes.counts);
	return pt_cli_finish(&opts, &in);
}
