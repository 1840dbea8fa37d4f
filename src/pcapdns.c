/*
 * pcapdns: one line per DNS query, in capture order: who asked whom,
 * over UDP or TCP, for what, and how it was answered.
 */
#include <config.h>

#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
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
	.synopsis = "[-HhlqTv] [-f expr] [-t seconds] [-V] "
	    "[--partial | --merge] [file ...]",
	.summary = "Print one line per DNS query: frame, time, client, "
	    "client_port, server,\nserver_port, proto, txid, qname, qtype, "
	    "and from its response rcode,\nanswers, rtt.",
	.options = "  -t, --timeout=SECONDS  how long a query waits for its "
	    "response (default 30)\n"
	    PT_PARTIAL_OPTIONS_HELP,
	.columns = columns,
	.option_fields = (const char *const[]){ "f", "t", NULL },
};

struct dns {
	struct pt_dnsmatch match;
	struct pt_dnsstreams streams;	/* TCP connections of port 53 */
	const struct pt_input *in;	/* its first file sets the time format */
	uint64_t early;			/* queries printed before their time */
	/*
	 * --partial: the latest time of a packet since the last record
	 * (its pops, print_ready, wait for the next record), and the file.
	 */
	bool partial;
	bool have_tick;
	struct pt_time tick;
	size_t tick_source;
	bool merging;		/* --merge --partial: records only checked */
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

/*
 * --partial: what the single pass would feed dnsmatch and dnsstreams,
 * for the merge to feed them alike.  Every packet's time may pop queries
 * (print_ready), but between two records only the latest counts: whether
 * the oldest query can go is monotone in the time, so pops at several
 * times are the pops at their maximum.  So each record carries that
 * maximum (its tick), and a T record the last one's, at the end.
 */
static void
record_head(struct dns *d, const char *kind, const struct pt_packet *pkt)
{
	pt_part_kind(kind);
	pt_part_u64(d->in->source);
	pt_part_u64(pt_input_source_frame(d->in, pkt->frame));
	pt_part_time(&pkt->ts);
	pt_part_time(&d->tick);
	d->have_tick = false;
	pt_part_u64(pkt->ipver);
	pt_part_addr(pkt->ipver, pkt->src);
	pt_part_u64(pkt->sport);
	pt_part_addr(pkt->ipver, pkt->dst);
	pt_part_u64(pkt->dport);
}

static void
track_partial(void *ctx, const struct pt_packet *pkt)
{
	struct dns *d = ctx;
	struct pt_dns dns;
	uint32_t n;

	if (!d->have_tick || pt_time_cmp(&pkt->ts, &d->tick) > 0)
		d->tick = pkt->ts;
	d->have_tick = true;
	d->tick_source = d->in->source;
	if (pkt->sport != DNS_PORT && pkt->dport != DNS_PORT)
		return;
	if (pkt->proto == IPPROTO_UDP) {
		/* Only a query or a response with an id changes anything. */
		pt_dns_parse(pkt->payload, pkt->payload_caplen, &dns);
		if (!is_query(pkt, &dns) && !(pkt->sport == DNS_PORT &&
		    pt_dns_is_response(&dns) && (dns.have & PT_DNS_ID)))
			return;
		/* pt_dns_parse reads no further than a TCP message's start. */
		n = pkt->payload_caplen < PT_DNSTCP_GATHER ?
		    pkt->payload_caplen : PT_DNSTCP_GATHER;
		record_head(d, "U", pkt);
		pt_part_hex(pkt->payload, n);
	} else {
		/* Every segment: even a bare ACK moves a stream's time. */
		record_head(d, "K", pkt);
		pt_part_u64(pkt->tcpflags);
		pt_part_u64(pkt->seq);
		pt_part_u64(pkt->payload_len);
		pt_part_hex(pkt->payload, pkt->payload_caplen);
	}
	pt_part_end_record();
}

/* The tick after the last record. */
static void
write_tick(struct dns *d)
{
	if (!d->have_tick)
		return;
	pt_part_kind("T");
	pt_part_u64(d->tick_source);
	pt_part_time(&d->tick);
	pt_part_end_record();
}

/*
 * A U, K or T record as read: the packet (its payload after it, in
 * payload[]) and the time the partial had reached, or that time alone.
 */
struct dns_part {
	struct pt_packet pkt;
	struct pt_time tick;
	uint8_t payload[];
};

/* A record replayed as the packet was, or the time it ticks to. */
static void
replay(struct dns *d, const char *kind, const struct dns_part *k,
    const uint8_t *payload, const struct pt_merge_source *src)
{
	struct pt_packet pkt;

	if (d->merging)
		return;
	print_ready(d, &k->tick);
	if (kind[0] == 'T')
		return;
	pkt = k->pkt;
	pkt.frame += src->frames_before;
	pkt.payload = payload;
	if (pkt.proto == IPPROTO_TCP)
		pt_dnsstreams_segment(&d->streams, &pkt, message, d);
	else
		message(d, &pkt, pkt.payload, pkt.payload_caplen);
}

static void
merge_kept(void *ctx, const char *kind, const void *kept,
    const struct pt_merge_source *src)
{
	const struct dns_part *k = kept;

	replay(ctx, kind, k, k->payload, src);
}

/* A record of a partial read: kept, or applied. */
static bool
merge_record(void *ctx, struct pt_part_reader *r, const char *kind,
    const struct pt_merge_source *src, bool apply)
{
	/* A line holds no more bytes than this, as hex. */
	static uint8_t payload[PT_PART_MAX_LINE / 2];
	struct dns_part k, *kept;
	uint64_t v[6];
	size_t n = 0;
	bool tcp;

	memset(&k, 0, sizeof k);
	if (strcmp(kind, "T") == 0) {
		if (!pt_part_get_time(r, &k.tick) || !pt_part_done(r))
			return false;
		goto read;
	}
	tcp = strcmp(kind, "K") == 0;
	if (!tcp && strcmp(kind, "U") != 0) {
		snprintf(r->why, sizeof r->why, "a record of unknown kind");
		return false;
	}
	if (!pt_part_get_u64(r, UINT64_MAX - src->frames_before, &v[0]) ||
	    !pt_part_get_time(r, &k.pkt.ts) || !pt_part_get_time(r, &k.tick) ||
	    !pt_part_get_u64(r, 6, &v[1]) || (v[1] != 4 && v[1] != 6)) {
		if (r->why[0] == '\0')
			snprintf(r->why, sizeof r->why, "a bad IP version");
		return false;
	}
	k.pkt.ipver = (uint8_t)v[1];
	if (!pt_part_get_addr(r, k.pkt.ipver, k.pkt.src) ||
	    !pt_part_get_u64(r, UINT16_MAX, &v[2]) ||
	    !pt_part_get_addr(r, k.pkt.ipver, k.pkt.dst) ||
	    !pt_part_get_u64(r, UINT16_MAX, &v[3]))
		return false;
	if (v[0] == 0 || (v[2] != DNS_PORT && v[3] != DNS_PORT)) {
		snprintf(r->why, sizeof r->why, "a frame or port out of range");
		return false;
	}
	k.pkt.frame = v[0];
	k.pkt.sport = (uint16_t)v[2];
	k.pkt.dport = (uint16_t)v[3];
	if (tcp) {
		if (!pt_part_get_u64(r, UINT8_MAX, &v[4]) ||
		    !pt_part_get_u64(r, UINT32_MAX, &v[5]) ||
		    !pt_part_get_u64(r, UINT32_MAX, &v[1]) ||
		    !pt_part_get_hex(r, payload, sizeof payload, &n) ||
		    !pt_part_done(r))
			return false;
		if (n > v[1]) {
			snprintf(r->why, sizeof r->why, "more bytes than the "
			    "payload");
			return false;
		}
		k.pkt.proto = IPPROTO_TCP;
		k.pkt.tcpflags = (uint8_t)v[4];
		k.pkt.seq = (uint32_t)v[5];
		k.pkt.payload_len = (uint32_t)v[1];
	} else {
		if (!pt_part_get_hex(r, payload, PT_DNSTCP_GATHER, &n) ||
		    !pt_part_done(r))
			return false;
		k.pkt.proto = IPPROTO_UDP;
		k.pkt.payload_len = (uint32_t)n;
	}
	k.pkt.payload_caplen = (uint32_t)n;
read:
	if (apply)
		replay(ctx, kind, &k, payload, src);
	else if ((kept = pt_part_keep(r, sizeof k + n)) != NULL) {
		*kept = k;
		memcpy(kept->payload, payload, n);
	}
	return true;
}

/* The timeout as a partial record's t= field: seconds, 9 decimals, exact. */
static void
timeout_field(int64_t ns, char *buf, size_t size)
{
	snprintf(buf, size, "%" PRId64 ".%09" PRId64, ns / 1000000000,
	    ns % 1000000000);
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

/* --merge: the timeout, from the partials' field. */
static int64_t
merge_timeout(const struct pt_merge *m, int64_t timeout)
{
	char want[48];
	const char *f, *p;
	int64_t sec = 0;
	int k;

	if ((f = pt_merge_field(m, "t")) == NULL)
		return timeout;
	/* Read exactly (no double): seconds, 9 decimals, as written. */
	for (p = f; *p >= '0' && *p <= '9' && sec <= 1000000000; p++)
		sec = sec * 10 + (*p - '0');
	if (*p != '.' || sec > 1000000000)
		pt_merge_bad_field(m, "t");
	timeout = sec;
	for (k = 0, p++; k < 9 && *p >= '0' && *p <= '9'; k++, p++)
		timeout = timeout * 10 + (*p - '0');
	timeout_field(timeout, want, sizeof want);
	if (k != 9 || strcmp(want, f) != 0)
		pt_merge_bad_field(m, "t");
	return timeout;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		PT_COMMON_LONGOPTS, PT_PARTIAL_LONGOPTS,
		{ "timeout", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct pt_input in = { 0 };
	struct dns dns = { .in = &in };
	struct pt_merge merge = { .record = merge_record,
	    .apply = merge_kept, .ctx = &dns };
	struct pt_opts opts = { 0 };
	int64_t timeout = 30 * (int64_t)1000000000;
	char field[48];
	bool timed = false;
	int c;

	pt_cli_init(&prog);
	while ((c = getopt_long(argc, argv, PT_COMMON_SHORTOPTS "t:",
	    longopts, NULL)) != -1) {
		if (c == 't') {
			timeout = parse_timeout(optarg);
			timed = true;
		} else
			pt_cli_option(&prog, &opts, c, optarg);
	}

	if (opts.merge) {
		if (timed) {
			pt_warn("--merge takes -t from the partial records: "
			    "give it to --partial");
			pt_usage_error(&prog);
		}
		pt_cli_merge(&prog, &opts, &merge, argc - optind,
		    argv + optind);
		timeout = merge_timeout(&merge, timeout);
	}
	pt_dnsmatch_init(&dns.match, timeout);
	pt_dnsstreams_init(&dns.streams, timeout > STREAM_IDLE_NS ? timeout :
	    STREAM_IDLE_NS);
	if (opts.merge) {
		dns.merging = opts.partial;
		if (opts.header && !opts.partial)
			pt_out_header(columns);
		pt_merge_run(&merge, &in);
	} else if (opts.partial) {
		timeout_field(timeout, field, sizeof field);
		pt_merge_add_field(&merge, "t", field);
		dns.partial = true;
		pt_cli_partial(&prog, &opts, &merge, &in, argc - optind,
		    argv + optind, track_partial, &dns);
		write_tick(&dns);
		pt_part_finish(&in);
	} else {
		if (opts.header)
			pt_out_header(columns);
		pt_cli_read(&prog, &opts, &in, argc - optind, argv + optind,
		    track, &dns);
	}
	if (!opts.partial) {
		print_ready(&dns, NULL);
		if (dns.early > 0)
			pt_warn("%" PRIu64 " queries printed before their "
			    "timeout: more than %d, or %d MiB of names, "
			    "waited at once", dns.early, PT_DNS_PENDING_MAX,
			    PT_DNS_NAMES_MAX >> 20);
		if (dns.streams.dropped > 0)
			pt_warn("%" PRIu64 " TCP connections forgotten while "
			    "open: more than %d carried DNS at once",
			    dns.streams.dropped, PT_DNS_STREAMS_MAX);
	}
	pt_merge_free(&merge);
	pt_dnsmatch_free(&dns.match);
	pt_dnsstreams_free(&dns.streams);
	return pt_cli_finish(&opts, &in);
}
