/*
 * pcapflows: one line per TCP connection: when it was seen, who the
 * client was and how we know, how many packets went each way.
 */
#include <config.h>

#include <getopt.h>
#include <netinet/in.h>
#include <stdlib.h>

#include "pcaptally.h"

static const char *const columns[] = {
	"id", "first", "last", "client", "client_port", "server", "server_port", "init",
	"upkts", "dpkts", NULL
};

static const struct pt_prog prog = {
	.name = "pcapflows",
	.synopsis = "[-HhlqTv] [-f expr] [-V] [file ...]",
	.summary = "Print one line per TCP connection: id, first, last, "
	    "client, client_port,\nserver, server_port, init (syn, synack or "
	    "mid), upkts, dpkts.",
	.options = "",
	.columns = columns,
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
	size_t id;

	for (id = 0; id < t->nconns; id++) {
		c = &t->conns[id];
		pt_out_u64(id);
		pt_out_char('\t');
		pt_out_time(&c->first, nsec);
		pt_out_char('\t');
		pt_out_time(&c->last, nsec);
		pt_out_char('\t');
		pt_out_conn_roles(c);
		pt_out_char('\t');
		pt_out_str(pt_init_name(c->init));
		pt_out_char('\t');
		pt_out_u64(c->dir[pt_conn_dir(c, PT_UP)].pkts);
		pt_out_char('\t');
		pt_out_u64(c->dir[pt_conn_dir(c, PT_DOWN)].pkts);
		pt_out_char('\n');
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		PT_COMMON_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct pt_opts opts = { 0 };
	struct pt_input in = { 0 };
	struct pt_conntab conntab;
	int c;

	pt_cli_init(&prog);
	while ((c = getopt_long(argc, argv, PT_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		pt_cli_option(&prog, &opts, c, optarg);

	pt_conntab_init(&conntab);
	pt_cli_read(&prog, &opts, &in, argc - optind, argv + optind, track,
	    &conntab);
	pt_roles_decide(&conntab);
	if (opts.header)
		pt_out_header(columns);
	print_flows(&conntab, in.nsec);
	pt_conntab_free(&conntab);
	return pt_cli_finish(&opts, &in);
}
