/*
 * pcapflows: one line per TCP connection: when it was seen, who the
 * client was and how we know, how many packets went each way.
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
	"id", "first", "last", "client", "client_port", "server", "server_port", "init",
	"upkts", "dpkts", NULL
};

static const struct pt_prog prog = {
	.name = "pcapflows",
	.synopsis = "[-HhlqTv] [-f expr] [-V] [--partial | --merge] [file ...]",
	.summary = "Print one line per TCP connection: id, first, last, "
	    "client, client_port,\nserver, server_port, init (syn, synack or "
	    "mid), upkts, dpkts.",
	.options = PT_PARTIAL_OPTIONS_HELP,
	.columns = columns,
	.option_fields = (const char *const[]){ "f", NULL },
};

static void
track(void *conntab, const struct pt_packet *pkt)
{
	enum pt_dir dir;

	if (pkt->proto == IPPROTO_TCP)
		pt_conntab_track(conntab, pkt, &dir);
}

static void
print_flows(const struct pt_conntab *t, bool nsec)
{
	const struct pt_conn *c;
	const char *init;
	size_t id;
	char *p;

	for (id = 0; id < t->nconns; id++) {
		c = &t->conns[id];
		/* One line in one go: a merge does little else. */
		p = pt_out_reserve(3 * PT_FMT_U64 + 2 * PT_FMT_TIME +
		    PT_FMT_ENDPOINTS + 16);
		p = pt_fmt_u64(p, id);
		*p++ = '\t';
		p = pt_fmt_time(p, &c->first, nsec);
		*p++ = '\t';
		p = pt_fmt_time(p, &c->last, nsec);
		*p++ = '\t';
		p = pt_fmt_conn_roles(p, c);
		*p++ = '\t';
		init = pt_init_name(c->init);
		memcpy(p, init, strlen(init));
		p += strlen(init);
		*p++ = '\t';
		p = pt_fmt_u64(p, c->dir[pt_conn_dir(c, PT_UP)].pkts);
		*p++ = '\t';
		p = pt_fmt_u64(p, c->dir[pt_conn_dir(c, PT_DOWN)].pkts);
		*p++ = '\n';
		pt_out_commit(p);
	}
}

/* The connections' segments, as a partial record. */
static void
write_partial(const struct pt_conntab *t)
{
	size_t id;

	for (id = 0; id < t->nconns; id++) {
		pt_part_kind("C");
		pt_part_u64(0);
		pt_connpart_write(t, id);
		pt_part_end_record();
	}
}

/* A segment read back, folded into the table (or kept to be). */
static bool
merge_record(void *conntab, struct pt_part_reader *r, const char *kind,
    const struct pt_merge_source *src, bool apply)
{
	struct pt_connpart cp, *kept;
	bool swapped;

	(void)src;
	if (strcmp(kind, "C") != 0) {
		snprintf(r->why, sizeof r->why, "a record of unknown kind");
		return false;
	}
	if (!pt_connpart_read(r, &cp) || !pt_part_done(r))
		return false;
	if (apply)
		(void)pt_conntab_fold(conntab, &cp.seg, &cp.lead, &swapped);
	else if ((kept = pt_part_keep(r, sizeof cp)) != NULL)
		*kept = cp;
	return true;
}

static void
merge_kept(void *conntab, const char *kind, const void *kept,
    const struct pt_merge_source *src)
{
	const struct pt_connpart *cp = kept;
	bool swapped;

	(void)kind;
	(void)src;
	(void)pt_conntab_fold(conntab, &cp->seg, &cp->lead, &swapped);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		PT_COMMON_LONGOPTS, PT_PARTIAL_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct pt_opts opts = { 0 };
	struct pt_input in = { 0 };
	struct pt_conntab conntab;
	struct pt_merge merge = { .record = merge_record,
	    .apply = merge_kept, .ctx = &conntab };
	int c;

	pt_cli_init(&prog);
	while ((c = getopt_long(argc, argv, PT_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		pt_cli_option(&prog, &opts, c, optarg);

	pt_conntab_init(&conntab);
	if (opts.merge) {
		pt_cli_merge(&prog, &opts, &merge, argc - optind, argv + optind);
		pt_merge_run(&merge, &in);
	} else if (opts.partial) {
		conntab.cut = true;
		pt_cli_partial(&prog, &opts, &merge, &in, argc - optind,
		    argv + optind, track, &conntab);
		write_partial(&conntab);
		pt_part_finish(&in);
	} else
		pt_cli_read(&prog, &opts, &in, argc - optind, argv + optind,
		    track, &conntab);
	if (opts.partial) {
		pt_merge_free(&merge);
		pt_conntab_free(&conntab);
		return pt_cli_finish(&opts, &in);
	}
	pt_merge_free(&merge);
	pt_roles_decide(&conntab);
	if (opts.header)
		pt_out_header(columns);
	print_flows(&conntab, in.nsec);
	pt_conntab_free(&conntab);
	return pt_cli_finish(&opts, &in);
}
