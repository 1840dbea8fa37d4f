/*
 * pcapbytes: one line per TCP connection: payload bytes uploaded and
 * downloaded, from the IP lengths, headers not counted.  By default every
 * captured segment counts (Wireshark's summed tcp.len); with -u each byte
 * of sequence space counts once per direction.
 */
#include <config.h>

#include <getopt.h>
#include <netinet/in.h>

#include "pcaptally.h"

static const char *const columns[] = {
	"id", "client", "client_port", "server", "server_port", "up", "down", NULL
};

static const struct pt_prog prog = {
	.name = "pcapbytes",
	.synopsis = "[-HhlqTuv] [-f expr] [-V] [file ...]",
	.summary = "Print one line per TCP connection: id, client, "
	    "client_port, server,\nserver_port, up, down: the TCP payload "
	    "bytes each way.",
	.options = "  -u, --unique           count each byte of sequence space "
	    "once per direction\n",
	.columns = columns,
};

struct bytes {
	struct pt_conntab conntab;
	/*
	 * By id: the bytes of every segment each way (uint64_t[2]), or with
	 * -u the sequence space seen each way (struct pt_seqspace[2]).
	 */
	struct pt_array counts;
	bool unique;
};

static void
track(void *ctx, const struct pt_packet *pkt)
{
	struct bytes *b = ctx;
	struct pt_seqspace *seen;
	uint64_t *bytes;
	enum pt_dir dir;
	size_t id;

	if (pkt->proto != IPPROTO_TCP)
		return;
	id = pt_conntab_track(&b->conntab, pkt, &dir);
	if (!b->unique) {
		bytes = pt_array_at(&b->counts, id);
		bytes[dir] += pkt->payload_len;
		return;
	}
	/*
	 * A SYN takes the first sequence number; its data starts after, and
	 * so does the space: data captured before earlier data counts.
	 */
	seen = pt_array_at(&b->counts, id);
	if (pkt->tcpflags & PT_SYN) {
		pt_seqspace_start(&seen[dir], pkt->seq + 1);
		pt_seqspace_add(&seen[dir], pkt->seq + 1, pkt->payload_len);
	} else
		pt_seqspace_add(&seen[dir], pkt->seq, pkt->payload_len);
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
		PT_COMMON_LONGOPTS,
		{ "unique", no_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct bytes bytes = { .counts = PT_ARRAY_INIT(uint64_t[2]) };
	struct pt_opts opts = { 0 };
	struct pt_input in = { 0 };
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
	pt_cli_read(&prog, &opts, &in, argc - optind, argv + optind, track,
	    &bytes);
	pt_roles_decide(&bytes.conntab);
	if (opts.header)
		pt_out_header(columns);
	print_bytes(&bytes);
	pt_conntab_free(&bytes.conntab);
	pt_array_free(&bytes.counts);
	return pt_cli_finish(&opts, &in);
}
