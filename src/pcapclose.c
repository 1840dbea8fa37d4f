/*
 * pcapclose: one line per TCP connection: who closed it (the sender of
 * its first FIN or RST), how, when, and how it ended.
 */
#include <config.h>

#include <getopt.h>
#include <netinet/in.h>

#include "pcaptally.h"

static const char *const columns[] = {
	"id", "client", "client_port", "server", "server_port", "closer", "how", "when",
	"state", NULL
};

static const struct pt_prog prog = {
	.name = "pcapclose",
	.synopsis = "[-HhlqTv] [-f expr] [-V] [file ...]",
	.summary = "Print one line per TCP connection: id, client, "
	    "client_port, server,\nserver_port, closer (client or server), "
	    "how (fin or rst), when, state\n(closed, half, reset, open or "
	    "refused).",
	.options = "",
	.columns = columns,
};

struct closes {
	struct pt_conntab conntab;
	struct pt_array closing;	/* struct pt_closing, by id */
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
	pt_closing_track(pt_array_at(&cl->closing, id), pkt, dir);
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
		PT_COMMON_LONGOPTS, { NULL, 0, NULL, 0 }
	};
	struct closes closes = { .closing = PT_ARRAY_INIT(struct pt_closing) };
	struct pt_opts opts = { 0 };
	struct pt_input in = { 0 };
	int c;

	pt_cli_init(&prog);
	while ((c = getopt_long(argc, argv, PT_COMMON_SHORTOPTS, longopts,
	    NULL)) != -1)
		pt_cli_option(&prog, &opts, c, optarg);

	pt_conntab_init(&closes.conntab);
	pt_cli_read(&prog, &opts, &in, argc - optind, argv + optind, track,
	    &closes);
	pt_roles_decide(&closes.conntab);
	if (opts.header)
		pt_out_header(columns);
	print_closes(&closes, in.nsec);
	pt_conntab_free(&closes.conntab);
	pt_array_free(&closes.closing);
	return pt_cli_finish(&opts, &in);
}
