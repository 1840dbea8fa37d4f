/*
 * pcapdns: one line per DNS query, in capture order: who asked whom,
 * over UDP or TCP, for what, and how it was answered.
 */
#include <config.h>

#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <netinet/in.h>
#include <stdlib.h>

#include "pcaptally.h"

enum { DNS_PORT = 53 };

/*
 * A TCP connection with nothing on it for this long is forgotten, or for
 * the timeout if longer: even -t 0 keeps a message split across
 * segments.
 */
#define STREAM_IDLE_NS (60 * (int64_t)1000000000)

static const char *const columns[] = {
	"frame", "time", "client", "client_port", "server", "server_port", "proto",
	"txid", "qname", "qtype", "rcode", "answers", "rtt", NULL
};

static const struct pt_prog prog = {
	.name = "pcapdns",
	.synopsis = "[-HhlqTv] [-f expr] [-t seconds] [-V] [file ...]",
	.summary = "Print one line per DNS query: frame, time, client, "
	    "client_port, server,\nserver_port, proto, txid, qname, qtype, "
	    "and from its response rcode,\nanswers, rtt.",
	.options = "  -t, --timeout=SECONDS  how long a query waits for its "
	    "response (default 30)\n",
	.columns = columns,
};

struct dns {
	struct pt_dnsmatch match;
	struct pt_dnsstreams streams;	/* TCP connections of port 53 */
	const struct pt_input *in;	/* its first file sets the time format */
	uint64_t early;			/* queries printed before their time */
};

static void
print_query(const struct dns *d, const struct pt_dns_query *q)
{
	char name[PT_DNS_NAME_TEXT], code[PT_DNS_CODE_TEXT];
	uint8_t qname[PT_DNS_NAME_MAX];
	struct pt_time rtt;

	pt_out_u64(q->frame);
	pt_out_char('\t');
	pt_out_time(&q->ts, d->in->nsec);
	pt_out_char('\t');
	PT_OUT_CONN_ENDPOINTS(q);
	pt_out_str(q->proto == IPPROTO_TCP ? "\ttcp\t" : "\tudp\t");
	if (q->have & PT_DNS_ID)
		pt_out_u64(q->id);
	else
		pt_out_char('-');
	pt_out_char('\t');
	if (q->have & PT_DNS_QNAME)
		pt_out_bytes(name, pt_dns_name_text(pt_dnsmatch_qname(&d->match,
		    qname), q->qname_len, name));
	else
		pt_out_char('-');
	pt_out_char('\t');
	if (q->have & PT_DNS_QTYPE)
		pt_out_str(pt_dns_type_text(q->qtype, code));
	else
		pt_out_char('-');
	pt_out_char('\t');
	if (q->answered && q->have_rcode)
		pt_out_str(pt_dns_rcode_text(q->rcode, code));
	else
		pt_out_char('-');
	pt_out_char('\t');
	if (q->answered && q->have_answers)
		pt_out_u64(q->answers);
	else
		pt_out_char('-');
	pt_out_char('\t');
	if (q->answered) {
		rtt = pt_time_sub(&q->answer_ts, &q->ts);
		pt_out_seconds(&rtt, false);
	} else {
		pt_out_char('-');
	}
	pt_out_char('\n');
}

/* Prints the queries whose lines are due at time now (NULL: the end). */
static void
print_ready(struct dns *d, const struct pt_time *now)
{
	const struct pt_dns_query *q;

	while ((q = pt_dnsmatch_ready(&d->match, now)) != NULL) {
		print_query(d, q);
		pt_dnsmatch_pop(&d->match);
	}
}

/*
 * A query is a message to port 53 from another port, whatever its flags
 * (a scanner's with the QR bit set too); between two port-53 endpoints,
 * one without the QR bit.
 */
static bool
is_query(const struct pt_packet *pkt, const struct pt_dns *dns)
{
	return pkt->dport == DNS_PORT &&
	    (pkt->sport != DNS_PORT || !pt_dns_is_response(dns));
}

/* One DNS message: a query to port 53, or a response from it. */
static void
message(void *ctx, const struct pt_packet *pkt, const uint8_t *msg,
    uint32_t caplen)
{
	struct dns *d = ctx;
	struct pt_dns dns;

	pt_dns_parse(msg, caplen, &dns);
	if (is_query(pkt, &dns)) {
		/* Bounded memory: the oldest goes out before its time. */
		while (pt_dnsmatch_full(&d->match, &dns)) {
			print_query(d, pt_dnsmatch_ready(&d->match, NULL));
			pt_dnsmatch_pop(&d->match);
			d->early++;
		}
		pt_dnsmatch_query(&d->match, pkt, &dns);
	} else if (pkt->sport == DNS_PORT && pt_dns_is_response(&dns)) {
		pt_dnsmatch_response(&d->match, pkt, &dns);
	}
}

static void
track(void *ctx, const struct pt_packet *pkt)
{
	struct dns *d = ctx;

	print_ready(d, &pkt->ts);
	if (pkt->sport != DNS_PORT && pkt->dport != DNS_PORT)
		return;
	if (pkt->proto == IPPROTO_UDP) {
		message(d, pkt, pkt->payload, pkt->payload_caplen);
		return;
	}
	pt_dnsstreams_segment(&d->streams, pkt, message, d);
}

static int64_t
parse_timeout(const char *arg)
{
	char *end;
	double t = strtod(arg, &end);

	if (end == arg || *end != '\0' || !isfinite(t) || t < 0 || t > 1e9) {
		pt_warn("-t %s: the timeout must be a number of seconds, "
		    "0 or more", arg);
		exit(2);
	}
	return (int64_t)(t * 1e9 + 0.5);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		PT_COMMON_LONGOPTS,
		{ "timeout", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct pt_input in = { 0 };
	struct dns dns = { .in = &in };
	struct pt_opts opts = { 0 };
	int64_t timeout = 30 * (int64_t)1000000000;
	int c;

	pt_cli_init(&prog);
	while ((c = getopt_long(argc, argv, PT_COMMON_SHORTOPTS "t:",
	    longopts, NULL)) != -1) {
		if (c == 't')
			timeout = parse_timeout(optarg);
		else
			pt_cli_option(&prog, &opts, c, optarg);
	}

	pt_dnsmatch_init(&dns.match, timeout);
	pt_dnsstreams_init(&dns.streams, timeout > STREAM_IDLE_NS ? timeout :
	    STREAM_IDLE_NS);
	if (opts.header)
		pt_out_header(columns);
	pt_cli_read(&prog, &opts, &in, argc - optind, argv + optind, track,
	    &dns);
	print_ready(&dns, NULL);
	if (dns.early > 0)
		pt_warn("%" PRIu64 " queries printed before their timeout: "
		    "more than %d, or %d MiB of names, waited at once",
		    dns.early, PT_DNS_PENDING_MAX, PT_DNS_NAMES_MAX >> 20);
	if (dns.streams.dropped > 0)
		pt_warn("%" PRIu64 " TCP connections forgotten while open: "
		    "more than %d carried DNS at once", dns.streams.dropped,
		    PT_DNS_STREAMS_MAX);
	pt_dnsmatch_free(&dns.match);
	pt_dnsstreams_free(&dns.streams);
	return pt_cli_finish(&opts, &in);
}
