/*
 * input.c: capture files in, decoded packets out.
 *
 * Files are read in order as one capture: frame numbers continue from
 * one to the next.  Every file is opened through libpcap (pcap, pcap with
 * nanoseconds, pcapng) asking for nanosecond timestamps; the first file
 * decides whether times are printed with 6 or 9 decimals.  The filter is
 * applied here rather than by libpcap so that frames it rejects are
 * still counted: frame numbers stay those Wireshark shows.
 */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <netinet/in.h>
#include <pcap/pcap.h>

#include "pcaptally.h"
#include "replay.h"
#include "tsprec.h"

/* Enough for a pcapng section header and the first interface. */
enum { HEAD_BYTES = 4096 };

/*
 * Opens name ("-": standard input) for libpcap.  Reads the file header
 * first, then rewinds, or replays it when the input is a pipe: whether
 * the file is classic pcap goes into *classic and, when nsec is not
 * NULL, its timestamp precision into *nsec.
 */
static FILE *
open_stream(const char *name, bool *nsec, bool *classic)
{
	uint8_t head[HEAD_BYTES];
	size_t n;
	FILE *fp, *replayed;
	int fd;

	if (strcmp(name, "-") == 0) {
		/* A copy, so that closing it leaves standard input open. */
		if ((fd = dup(STDIN_FILENO)) < 0)
			return NULL;
		if ((fp = fdopen(fd, "rb")) == NULL) {
			close(fd);
			return NULL;
		}
	} else if ((fp = fopen(name, "rb")) == NULL) {
		return NULL;
	}
	n = fread(head, 1, sizeof head, fp);
	if (nsec != NULL)
		*nsec = capture_has_nsec(head, n);
	*classic = capture_is_pcap(head, n);
	if (fseeko(fp, 0, SEEK_SET) == 0)
		return fp;
	if ((replayed = replay_open(fp, head, n)) == NULL)
		fclose(fp);
	return replayed;
}

static const char *
display_name(const char *name)
{
	return strcmp(name, "-") == 0 ? "standard input" : name;
}

/* Why libpcap stopped reading, after frames frames of this file. */
static void
report_read_error(const char *name, uint64_t frames, const char *err)
{
	if (strstr(err, "truncated") != NULL)
		pt_warn("%s: truncated capture after frame %" PRIu64,
		    display_name(name), frames);
	else if (strstr(err, "different from the") != NULL)
		pt_warn("%s: stopped after frame %" PRIu64 ": %s (libpcap "
		    "reads pcapng files whose interfaces all have one link "
		    "type and snapshot length)", display_name(name), frames,
		    err);
	else
		pt_warn("%s: stopped after frame %" PRIu64 ": %s",
		    display_name(name), frames, err);
}

static void
read_file(struct pt_input *in, const char *name, bool first,
    pt_packet_fn *fn, void *ctx)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct bpf_program filter;
	struct pcap_pkthdr *hdr;
	const u_char *data;
	struct pt_progress progress;
	struct pt_packet pkt;
	struct pt_stats st;
	enum pt_verdict v;
	uint64_t frames, sec_mask;
	const char *link;
	bool classic;
	pcap_t *p;
	FILE *fp;
	int dlt, rc, i;

	if ((fp = open_stream(name, first ? &in->nsec : NULL, &classic)) ==
	    NULL) {
		pt_warn("%s: %s", display_name(name), strerror(errno));
		in->failed = true;
		return;
	}
	p = pcap_fopen_offline_with_tstamp_precision(fp,
	    PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if (p == NULL) {
		/* libpcap's words for "not even a magic number" */
		if (strstr(errbuf, "file header bytes, only got 0") != NULL)
			snprintf(errbuf, sizeof errbuf, "the file is empty");
		pt_warn("%s: cannot read capture: %s", display_name(name),
		    errbuf);
		fclose(fp);
		in->failed = true;
		return;
	}
	dlt = pcap_datalink(p);
	if (!pt_linktype_supported(dlt)) {
		link = pcap_datalink_val_to_name(dlt);
		pt_warn("%s: link type %s (%d) is not supported",
		    display_name(name), link ? link : "unknown", dlt);
		pcap_close(p);
		in->failed = true;
		return;
	}
	if (in->filter && pcap_compile(p, &filter, in->filter, 1,
	    PCAP_NETMASK_UNKNOWN) != 0) {
		pt_warn("%s: filter: %s", display_name(name), pcap_geterr(p));
		pcap_close(p);
		in->failed = true;
		return;
	}

	/*
	 * A classic pcap record's seconds are 32 unsigned bits (past
	 * 2038-01-19 too, as Wireshark reads them); libpcap 1.10 gives them
	 * sign-extended.  pcapng's 64-bit times come over as they are.
	 */
	sec_mask = classic ? UINT32_MAX : UINT64_MAX;
	/* Counted here, added to in->stats after: registers, not memory. */
	memset(&st, 0, sizeof st);
	pkt.frame = in->stats.frames;
	pt_progress_start(&progress, in->progress, display_name(name),
	    pcap_file(p));
	while (!pt_out_failed() && (rc = pcap_next_ex(p, &hdr, &data)) == 1) {
		pkt.frame++;
		if (progress.on && --progress.countdown == 0)
			pt_progress_draw(&progress, pkt.frame - in->stats.frames);
		if (in->filter &&
		    pcap_offline_filter(&filter, hdr, data) == 0) {
			st.filtered++;
			continue;
		}
		pkt.ts.sec = (int64_t)((uint64_t)hdr->ts.tv_sec & sec_mask);
		pkt.ts.nsec = (uint32_t)hdr->ts.tv_usec;	/* ns, as asked */
		if (pkt.ts.nsec >= 1000000000) {	/* a damaged record */
			if (__builtin_add_overflow(pkt.ts.sec,
			    pkt.ts.nsec / 1000000000, &pkt.ts.sec))
				pkt.ts.sec = INT64_MAX;
			pkt.ts.nsec %= 1000000000;
		}
		v = pt_decode(dlt, data, hdr->caplen, hdr->len, &pkt);
		st.verdicts[v]++;
		if (v != PT_DECODED)
			continue;
		if (pkt.proto == IPPROTO_TCP)
			st.tcp++;
		else
			st.udp++;
		fn(ctx, &pkt);
	}
	pt_progress_end(&progress);
	frames = pkt.frame - in->stats.frames;
	in->stats.frames = pkt.frame;
	in->stats.filtered += st.filtered;
	in->stats.tcp += st.tcp;
	in->stats.udp += st.udp;
	for (i = 0; i < PT_VERDICTS; i++)
		in->stats.verdicts[i] += st.verdicts[i];
	if (!pt_out_failed() && rc == PCAP_ERROR) {
		report_read_error(name, frames, pcap_geterr(p));
		in->failed = true;
	}
	if (in->filter)
		pcap_freecode(&filter);
	pcap_close(p);
}

void
pt_input_run(struct pt_input *in, char *const *files, int nfiles,
    pt_packet_fn *fn, void *ctx)
{
	int i;

	for (i = 0; i < nfiles && !pt_out_failed(); i++)
		read_file(in, files[i], i == 0, fn, ctx);
}

bool
pt_filter_valid(const char *expr, char *err)
{
	struct bpf_program prog;
	pcap_t *p = pcap_open_dead(DLT_EN10MB, 262144);
	bool ok;

	if (p == NULL) {
		snprintf(err, PCAP_ERRBUF_SIZE, "out of memory");
		return false;
	}
	ok = pcap_compile(p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) == 0;
	if (ok)
		pcap_freecode(&prog);
	else
		snprintf(err, PCAP_ERRBUF_SIZE, "%s", pcap_geterr(p));
	pcap_close(p);
	return ok;
}

uint64_t
pt_stats_damaged(const struct pt_stats *st)
{
	uint64_t n = 0;
	int v;

	for (v = PT_FIRST_DAMAGED; v < PT_VERDICTS; v++)
		n += st->verdicts[v];
	return n;
}

void
pt_stats_report(const struct pt_stats *st)
{
	int v;

	pt_warn("%" PRIu64 " frames read", st->frames);
	if (st->filtered)
		pt_warn("%" PRIu64 " frames left out by the filter",
		    st->filtered);
	pt_warn("%" PRIu64 " TCP packets", st->tcp);
	pt_warn("%" PRIu64 " UDP packets", st->udp);
	for (v = PT_DECODED + 1; v < PT_VERDICTS; v++)
		if (st->verdicts[v])
			pt_warn("%" PRIu64 " %s", st->verdicts[v],
			    pt_verdict_text(v));
}
