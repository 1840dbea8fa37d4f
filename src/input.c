/*
 * input.c: capture files in, decoded packets out.
 *
 * Files are read in order as one capture: frame numbers continue from
 * one to the next.  Every file is opened through libpcap (pcap, pcap with
 * nanoseconds, pcapng) asking for nanosecond timestamps; the first file
 * decides whether times are printed with 6 or 9 decimals.  The filter is
 * applied here rather than by libpcap so that frames it rejects are
 * still counted: frame numbers stay those Wireshark shows.  It is
 * compiled once for each link type met, and a link type that refuses it
 * is a usage error naming the file.
 *
 * Reading ends early, as at the end of the input, when standard output
 * fails, when SIGINT or SIGTERM arrives (the first one: a second ends the
 * program at once), and when memory runs out (pt_xreallocarray jumps back
 * here): the programs then print their results for the frames read.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netinet/in.h>
#include <pcap/pcap.h>

#include "pcaptally.h"
#include "replay.h"
#include "tsprec.h"

/* Enough for a pcapng section header and the first interface. */
enum { HEAD_BYTES = 4096 };

/* The first SIGINT or SIGTERM; the handler then gives the default back. */
static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	interrupted = sig;
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
}

static void
catch_signals(void)
{
	struct sigaction sa;
	int sigs[] = { SIGINT, SIGTERM }, i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a read blocked on a pipe returns, and we stop. */
	for (i = 0; i < 2; i++) {
		struct sigaction old;

		/* A signal ignored by whoever started us stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

/*
 * Reads a pipe's first bytes, as many as the header needs to say its
 * timestamp precision and no more (a live capture may send no more for
 * a while); EOF or an error ends it early.
 */
static size_t
read_head(int fd, uint8_t *head, size_t cap)
{
	size_t n = 0, want;
	ssize_t got;

	while ((want = capture_head_wanted(head, n)) > n && n < cap) {
		if (want > cap)
			want = cap;
		got = read(fd, head + n, want - n);
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	return n;
}

/*
 * Opens name ("-": standard input) for libpcap.  Reads the file header
 * first, then rewinds a file, or replays the header when the input is a
 * pipe: whether the file is classic pcap goes into *classic and, when
 * nsec is not NULL, its timestamp precision into *nsec.
 */
static FILE *
open_stream(const char *name, bool *nsec, bool *classic)
{
	uint8_t head[HEAD_BYTES];
	size_t n;
	FILE *fp;
	int fd, saved;

	/* Standard input as a copy, so that closing it leaves it open. */
	fd = strcmp(name, "-") == 0 ? dup(STDIN_FILENO) : open(name, O_RDONLY);
	if (fd < 0)
		return NULL;
	if (lseek(fd, 0, SEEK_CUR) < 0) {
		/* A pipe: what is read of it must be given back. */
		n = read_head(fd, head, sizeof head);
		if (nsec != NULL)
			*nsec = capture_has_nsec(head, n);
		*classic = capture_is_pcap(head, n);
		if ((fp = replay_open(fd, head, n)) == NULL)
			goto fail;
		return fp;
	}
	if ((fp = fdopen(fd, "rb")) == NULL)
		goto fail;
	n = fread(head, 1, sizeof head, fp);
	if (nsec != NULL)
		*nsec = capture_has_nsec(head, n);
	*classic = capture_is_pcap(head, n);
	if (fseeko(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return NULL;
	}
	return fp;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return NULL;
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

static const char *
link_name(int dlt)
{
	const char *name = pcap_datalink_val_to_name(dlt);

	return name ? name : "unknown";
}

/*
 * The filter compiled for link type dlt, compiling it the first time the
 * link type is met; NULL, with a message naming the file, if it refuses.
 */
static struct bpf_program *
filter_for(struct pt_input *in, pcap_t *p, int dlt, const char *name)
{
	struct pt_input_filter *f;
	size_t i;

	for (i = 0; i < in->nfilters; i++)
		if (in->filters[i].dlt == dlt)
			break;
	if (i == in->nfilters) {
		in->filters = pt_xreallocarray(in->filters, i + 1,
		    sizeof *in->filters);
		f = &in->filters[in->nfilters++];
		f->dlt = dlt;
		f->prog = pt_xreallocarray(NULL, 1, sizeof *f->prog);
		f->ok = pcap_compile(p, f->prog, in->filter, 1,
		    PCAP_NETMASK_UNKNOWN) == 0;
		if (!f->ok)
			pt_warn("%s: the filter '%s' does not compile for its "
			    "link type %s (%d): %s", display_name(name),
			    in->filter, link_name(dlt), dlt, pcap_geterr(p));
	}
	f = &in->filters[i];
	return f->ok ? f->prog : NULL;
}

static void
warn_time(char *buf, const struct pt_time *t, bool nsec)
{
	*pt_fmt_seconds(buf, t, nsec) = '\0';
}

/*
 * Remembers a file opened for reading; warns when the same file was
 * named before: its packets count twice.
 */
static void
note_file(struct pt_input *in, const char *name, FILE *fp)
{
	struct pt_input_file *f;
	struct stat st;
	size_t i;

	in->files = pt_xreallocarray(in->files, in->nfiles + 1,
	    sizeof *in->files);
	f = &in->files[in->nfiles];
	f->name = name;
	f->regular = fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode);
	f->twice = false;
	f->dev = f->regular ? (uint64_t)st.st_dev : 0;
	f->ino = f->regular ? (uint64_t)st.st_ino : 0;
	for (i = 0; i < in->nfiles && f->regular; i++)
		if (in->files[i].regular && in->files[i].dev == f->dev &&
		    in->files[i].ino == f->ino) {
			if (strcmp(name, in->files[i].name) == 0)
				pt_warn("%s: named twice: its packets are read "
				    "again and count twice", display_name(name));
			else
				pt_warn("%s: the same file as %s, named before: "
				    "its packets are read again and count "
				    "twice", display_name(name),
				    display_name(in->files[i].name));
			f->twice = true;
			break;
		}
	in->nfiles++;
}

/* A file whose first frame is older than the last one read before it. */
static void
check_order(struct pt_input *in, const char *name, const struct pt_time *first)
{
	char t1[PT_FMT_TIME + 1], t2[PT_FMT_TIME + 1];

	/* A file named twice was warned about already. */
	if (!in->have_last_ts || in->nfiles < 2 ||
	    in->files[in->nfiles - 1].twice ||
	    pt_time_cmp(first, &in->last_ts) >= 0)
		return;
	warn_time(t1, first, in->nsec);
	warn_time(t2, &in->last_ts, in->nsec);
	pt_warn("%s: its first frame (%s) is older than the last of %s (%s): "
	    "named out of capture order? Files are read in the order named",
	    display_name(name), t1, display_name(in->files[in->nfiles - 2].name),
	    t2);
}

/*
 * What the read loop keeps outside its own frame, so that it is still
 * right after a jump back from an allocation that failed.
 */
static struct {
	struct pt_packet pkt;
	struct pt_stats st;
	struct pt_progress progress;
	uint64_t start;		/* frames before this file */
	uint64_t sec_mask;	/* of the seconds libpcap hands over */
} loop;

/* The packets of one file, until its end or a reason to stop. */
static int
read_packets(struct pt_input *in, const char *name, pcap_t *p, int dlt,
    const struct bpf_program *filter, pt_packet_fn *fn, void *ctx)
{
	struct pcap_pkthdr *hdr;
	const u_char *data;
	enum pt_verdict v;
	int rc;

	while (!pt_out_failed() && !interrupted && !pt_memory_short &&
	    (rc = pcap_next_ex(p, &hdr, &data)) == 1) {
		loop.pkt.frame++;
		if (loop.progress.on && --loop.progress.countdown == 0)
			pt_progress_draw(&loop.progress,
			    loop.pkt.frame - loop.start);
		loop.pkt.ts.sec = (int64_t)((uint64_t)hdr->ts.tv_sec &
		    loop.sec_mask);
		loop.pkt.ts.nsec = (uint32_t)hdr->ts.tv_usec;	/* ns, as asked */
		if (loop.pkt.ts.nsec >= 1000000000) {	/* a damaged record */
			if (__builtin_add_overflow(loop.pkt.ts.sec,
			    loop.pkt.ts.nsec / 1000000000, &loop.pkt.ts.sec))
				loop.pkt.ts.sec = INT64_MAX;
			loop.pkt.ts.nsec %= 1000000000;
		}
		if (__builtin_expect(loop.pkt.frame == loop.start + 1, 0))
			check_order(in, name, &loop.pkt.ts);
		if (filter && pcap_offline_filter(filter, hdr, data) == 0) {
			loop.st.filtered++;
			continue;
		}
		v = pt_decode(dlt, data, hdr->caplen, hdr->len, &loop.pkt);
		loop.st.verdicts[v]++;
		if (v != PT_DECODED)
			continue;
		if (loop.pkt.proto == IPPROTO_TCP)
			loop.st.tcp++;
		else
			loop.st.udp++;
		fn(ctx, &loop.pkt);
		if (pt_out_line_buffered)
			pt_out_flush();
	}
	return rc;
}

/*
 * read_packets(), and where an allocation needed at once jumps back to
 * when it fails (array.c): only loop's statics change in between.
 */
static int
read_guarded(struct pt_input *in, const char *name, pcap_t *p, int dlt,
    const struct bpf_program *filter, pt_packet_fn *fn, void *ctx)
{
	jmp_buf out_of_memory;
	int rc = 0;

	pt_oom_jump = &out_of_memory;
	if (setjmp(out_of_memory) == 0) {
		rc = read_packets(in, name, p, dlt, filter, fn, ctx);
	} else {
		/* Memory needed at once: this frame was counted in part. */
		in->out_of_memory = true;
		pt_warn("%s: out of memory in frame %" PRIu64 ": stopped "
		    "reading; the results are those of the frames before, "
		    "and of part of this one", display_name(name),
		    loop.pkt.frame);
	}
	pt_oom_jump = NULL;
	return rc;
}

static void
read_file(struct pt_input *in, const char *name, bool first,
    pt_packet_fn *fn, void *ctx)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct bpf_program *filter = NULL;
	uint64_t frames;
	bool classic;
	pcap_t *p;
	FILE *fp;
	int dlt, rc = 0, i;

	if ((fp = open_stream(name, first ? &in->nsec : NULL, &classic)) ==
	    NULL) {
		pt_warn("%s: %s", display_name(name), strerror(errno));
		in->failed = true;
		return;
	}
	note_file(in, name, fp);
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
		pt_warn("%s: link type %s (%d) is not supported",
		    display_name(name), link_name(dlt), dlt);
		pcap_close(p);
		in->failed = true;
		return;
	}
	if (in->filter && (filter = filter_for(in, p, dlt, name)) == NULL) {
		pcap_close(p);
		in->failed = in->filter_refused = true;
		return;
	}

	/*
	 * A classic pcap record's seconds are 32 unsigned bits (past
	 * 2038-01-19 too, as Wireshark reads them); libpcap 1.10 gives them
	 * sign-extended.  pcapng's 64-bit times come over as they are.
	 */
	loop.sec_mask = classic ? UINT32_MAX : UINT64_MAX;
	memset(&loop.st, 0, sizeof loop.st);
	loop.start = loop.pkt.frame = in->stats.frames;
	pt_progress_start(&loop.progress, in->progress, display_name(name),
	    pcap_file(p));
	rc = read_guarded(in, name, p, dlt, filter, fn, ctx);
	pt_progress_end(&loop.progress);
	frames = loop.pkt.frame - loop.start;
	if (frames > 0) {
		in->last_ts = loop.pkt.ts;
		in->have_last_ts = true;
	}
	in->stats.frames = loop.pkt.frame;
	in->stats.filtered += loop.st.filtered;
	in->stats.tcp += loop.st.tcp;
	in->stats.udp += loop.st.udp;
	for (i = 0; i < PT_VERDICTS; i++)
		in->stats.verdicts[i] += loop.st.verdicts[i];
	if (in->out_of_memory) {
		in->failed = true;
	} else if (pt_memory_short) {
		in->out_of_memory = in->failed = true;
		pt_warn("%s: out of memory after frame %" PRIu64 ": stopped "
		    "reading; the results are those of the frames read",
		    display_name(name), loop.pkt.frame);
	} else if (interrupted && !pt_out_failed()) {
		in->interrupted = interrupted;
		pt_warn("%s: interrupted after frame %" PRIu64 " (%s): the "
		    "results are those of the frames read",
		    display_name(name), loop.pkt.frame,
		    interrupted == SIGINT ? "SIGINT" : "SIGTERM");
	} else if (!pt_out_failed() && rc == PCAP_ERROR) {
		report_read_error(name, frames, pcap_geterr(p));
		in->failed = true;
	}
	pcap_close(p);
}

void
pt_input_run(struct pt_input *in, char *const *files, int nfiles,
    pt_packet_fn *fn, void *ctx)
{
	int i;

	catch_signals();
	for (i = 0; i < nfiles && !pt_out_failed() && !in->out_of_memory &&
	    !in->interrupted; i++)
		read_file(in, files[i], i == 0, fn, ctx);
}

bool
pt_input_check_filter(struct pt_input *in, char *const *files, int nfiles)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	bool ok = true;
	pcap_t *p;
	int i;

	for (i = 0; i < nfiles && ok; i++) {
		if (strcmp(files[i], "-") == 0)
			continue;
		/* Unreadable files are reported when they are read. */
		if ((p = pcap_open_offline(files[i], errbuf)) == NULL)
			continue;
		if (pt_linktype_supported(pcap_datalink(p)))
			ok = filter_for(in, p, pcap_datalink(p), files[i]) !=
			    NULL;
		pcap_close(p);
	}
	return ok;
}

void
pt_input_free(struct pt_input *in)
{
	size_t i;

	for (i = 0; i < in->nfilters; i++) {
		if (in->filters[i].ok)
			pcap_freecode(in->filters[i].prog);
		free(in->filters[i].prog);
	}
	free(in->filters);
	free(in->files);
	in->filters = NULL;
	in->files = NULL;
	in->nfilters = in->nfiles = 0;
}

bool
pt_filter_valid(const char *expr, char *err)
{
	/* The link types pt_decode() knows; Ethernet's message if none. */
	static const int dlts[] = { DLT_EN10MB, DLT_LINUX_SLL, DLT_RAW,
	    DLT_NULL };
	struct bpf_program prog;
	bool ok = false;
	pcap_t *p;
	size_t i;

	for (i = 0; i < sizeof dlts / sizeof dlts[0] && !ok; i++) {
		if ((p = pcap_open_dead(dlts[i], 262144)) == NULL) {
			snprintf(err, PCAP_ERRBUF_SIZE, "out of memory");
			return false;
		}
		ok = pcap_compile(p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) == 0;
		if (ok)
			pcap_freecode(&prog);
		else if (i == 0)
			snprintf(err, PCAP_ERRBUF_SIZE, "%s", pcap_geterr(p));
		pcap_close(p);
	}
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
