/*
 * pcapclose: one line per TCP connection: who closed it (the sender of
 * its first FIN or RST), how, when, and how it ended.
 */
#include <config.h>

#include <getopt.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connpart.h"
#include "pcaptally.h"

static const char *const columns[] = {
	"id", "client", "client_port", "server", "server_port", "closer", "how", "when",
	"state", NULL
};

static const struct pt_prog prog = {
	.name = "pcapclose",
	.synopsis = "[-HhlqTv] [-f expr] [-V] [--partial | --merge] [file ...]",
	.summary = "Print one line per TCP connection: id, client, "
	    "client_port, server,\nserver_port, closer (client or server), "
	    "how (fin or rst), when, state\n(closed, half, reset, open or "
	    "refused).",
	.options = PT_PARTIAL_OPTIONS_HELP,
	.columns = columns,
	.option_fields = (const char *const[]){ "f", NULL },
};

struct closes {
	struct pt_conntab conntab;
	/*
	 * By id: struct pt_closing, or with --partial the segment's events
	 * that matter (struct pt_closing_events).
	 */
	struct pt_array closing;
	bool partial;
};

static void
track(void *ctx, const struct pt_packet *pkt)
{
	struct closes *cl = ctx;
	enum pt_dir dir;
	size_t id;

	if (pkt->proto != IPPROTO_TCP)
		return;
	id = pt_conntab_track(&cl->conntab, pkt, &dir);
	if (cl->partial)
		pt_closing_note(pt_array_at(&cl->closing, id), pkt, dir);
	else
		pt_closing_track(pt_array_at(&cl->closing, id), pkt, dir);
}

/*
 * The segments, as partial records: each C record the segment's events
 * that can change a closing state (pt_closing_note), in capture order:
 * the merge replays them onto the connection's state as it was before
 * the segment, so the first FIN or RST is the closer wherever it fell.
 */
static void
write_partial(struct closes *cl)
{
	const struct pt_closing_events *e;
	size_t id;
	int i;

	for (id = 0; id < cl->conntab.nconns; id++) {
		e = pt_array_get(&cl->closing, id);
		pt_part_kind("C");
		pt_part_u64(0);
		pt_connpart_write(&cl->conntab, id);
		pt_part_u64(e->n);
		for (i = 0; i < e->n; i++) {
			pt_part_u64(e->dir[i]);
			pt_part_u64(e->flags[i]);
			pt_part_time(&e->ts[i]);
		}
		pt_part_end_record();
	}
}

/* A C record as read: the segment and its events. */
struct closing_part {
	struct pt_connpart cp;
	struct pt_closing_events e;
};

/* A segment folded: its events replayed onto the connection. */
static void
merge_kept(void *ctx, const char *kind, const void *kept,
    const struct pt_merge_source *src)
{
	const struct closing_part *k = kept;
	struct closes *cl = ctx;
	struct pt_packet pkt;
	struct pt_closing *c;
	bool swapped;
	size_t i;

	(void)kind;
	(void)src;
	c = pt_array_at(&cl->closing, pt_conntab_fold(&cl->conntab,
	    &k->cp.seg, &k->cp.lead, &swapped));
	memset(&pkt, 0, sizeof pkt);
	for (i = 0; i < k->e.n; i++) {
		pkt.tcpflags = k->e.flags[i];
		pkt.ts = k->e.ts[i];
		pt_closing_track(c, &pkt, (enum pt_dir)(k->e.dir[i] ^ swapped));
	}
}

/* A segment read back: applied, or kept to be. */
static bool
merge_record(void *ctx, struct pt_part_reader *r, const char *kind,
    const struct pt_merge_source *src, bool apply)
{
	struct closing_part k, *kept;
	uint64_t n, v[2];
	size_t i;

	if (strcmp(kind, "C") != 0) {
		snprintf(r->why, sizeof r->why, "a record of unknown kind");
		return false;
	}
	memset(&k.e, 0, sizeof k.e);
	if (!pt_connpart_read(r, &k.cp) ||
	    !pt_part_get_u64(r, PT_CLOSING_EVENTS, &n))
		return false;
	for (i = 0; i < n; i++) {
		if (!pt_part_get_u64(r, 1, &v[0]) ||
		    !pt_part_get_u64(r, UINT8_MAX, &v[1]) ||
		    !pt_part_get_time(r, &k.e.ts[i]))
			return false;
		if (v[1] & ~(uint64_t)(PT_SYN | PT_ACK | PT_FIN | PT_RST)) {
			snprintf(r->why, sizeof r->why, "flags out of place");
			return false;
		}
		k.e.dir[i] = (uint8_t)v[0];
		k.e.flags[i] = (uint8_t)v[1];
	}
	k.e.n = (uint8_t)n;
	if (!pt_part_done(r))
		return false;
	if (apply)
		merge_kept(ctx, kind, &k, src);
	else if ((kept = pt_part_keep(r, sizeof k)) != NULL)
		*kept = k;
	return true;
}

static void
print_closes(struct closes *cl, bool nsec)
{
	const struct pt_closing *c;
	const struct pt_conn *conn;
	size_t id;

	for (id = 0; id < cl->conntab.nconns; id++) {
		c = pt_array_get(&cl->closing, id);
		conn = &cl->conntab.conns[id];
		pt_out_u64(id);
		pt_out_char('\t');
		pt_out_conn_roles(conn);
		pt_out_char('\t');
		if (c->how == PT_HOW_NONE) {
			pt_out_str("-\t-\t-");
		} else {
			pt_out_str(pt_conn_dir(conn, c->closer) == PT_UP ?
			    "client" : "server");
			pt_out_char('\t');
			pt_out_str(pt_closing_how(c));
			pt_out_char('\t');
			pt_out_time(&c->when, nsec);
		}
		pt_out_char('\t');
		pt_out_str(pt_closing_state(c));
		pt_out_char('\n');
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		PT_COMMON_LONGOPTS, PT_PARTIAL_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct closes closes = { .closing = PT_ARRAY_INIT(struct pt_closing) };
	struct pt_merge merge = { .record = merge_record,
	    .apply = merge_kept, .ctx = &closes };
	struct pt_opts opts = { 0 };
	struct pt_input in = { 0 };
	int c;

	pt_cli_init(&prog);
	while ((c = getopt_long(argc, argv, PT_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		pt_cli_option(&prog, &opts, c, optarg);

	pt_conntab_init(&closes.conntab);
	if (opts.merge) {
		pt_cli_merge(&prog, &opts, &merge, argc - optind,
		    argv + optind);
		pt_merge_run(&merge, &in);
	} else if (opts.partial) {
		closes.partial = true;
		closes.conntab.cut = true;
		closes.closing.size = sizeof(struct pt_closing_events);
		pt_cli_partial(&prog, &opts, &merge, &in, argc - optind,
		    argv + optind, track, &closes);
		write_partial(&closes);
		pt_part_finish(&in);
	} else
		pt_cli_read(&prog, &opts, &in, argc - optind, argv + optind,
		    track, &closes);
	pt_merge_free(&merge);
	if (opts.partial) {
		pt_conntab_free(&closes.conntab);
		pt_array_free(&closes.closing);
		return pt_cli_finish(&opts, &in);
	}
	pt_roles_decide(&closes.conntab);
	if (opts.header)
		pt_out_header(columns);
	print_closes(&closes, in.nsec);
	pt_conntab_free(&closes.conntab);
	pt_array_free(&closes.closing);
	return pt_cli_finish(&opts, &in);
}
