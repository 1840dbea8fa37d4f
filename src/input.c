/*
 * input.c: capture files in, decoded packets out.
 *
 * Files are read in order as one capture: frame numbers continue from
 * one to the next.  Every file is read by our own reader (capfile.c: pcap
 * and pcapng, each packet with its interface's link type); the first
 * interface of the first file decides whether times are printed with 6
 * or 9 decimals.  libpcap does what it does best: the filter, compiled
 * once for each link type met (pcap_compile, applied with
 * pcap_offline_filter, so that frames it rejects are still counted and
 * frame numbers stay those Wireshark shows), and link-type names.  A
 * link type that refuses the filter is a usage error naming the file; one
 * the decoder does not know is warned about, its frames counted and
 * skipped.
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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netinet/in.h>
#include <pcap/pcap.h>

#include "capfile.h"
#include "fastpath.h"
#include "partial.h"
#include "pcaptally.h"

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

static const char *
display_name(const char *name)
{
	return strcmp(name, "-") == 0 ? "standard input" : name;
}

/* Why the reader stopped, after frames frames of this file. */
static void
report_read_error(const char *name, uint64_t frames, enum pt_cap_status st,
    const struct pt_capfile *cf)
{
	if (st == PT_CAP_TRUNCATED)
		pt_warn("%s: truncated capture after frame %" PRIu64,
		    display_name(name), frames);
	else if (st == PT_CAP_READ_ERROR)
		pt_warn("%s: stopped after frame %" PRIu64 ": read error: %s",
		    display_name(name), frames, strerror(cf->err));
	else
		pt_warn("%s: stopped after frame %" PRIu64 ": %s",
		    display_name(name), frames, cf->why);
}

static const char *
link_name(int dlt)
{
	const char *name = pcap_datalink_val_to_name(dlt);

	return name ? name : "unknown";
}

/*
 * A savefile of link type linktype and no packets, so that libpcap maps
 * the file's LINKTYPE_ number to its DLT_ one and compiles filters as
 * for a savefile ("inbound" is refused, as when it reads the file).
 */
static pcap_t *
savefile_of(uint32_t linktype, char *errbuf)
{
	static uint8_t head[24];
	const uint8_t magic[8] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0 };
	pcap_t *p;
	FILE *fp;
	int i;

	memset(head, 0, sizeof head);
	memcpy(head, magic, sizeof magic);
	for (i = 0; i < 4; i++) {
		head[16 + i] = (uint8_t)(262144 >> 8 * i);
		head[20 + i] = (uint8_t)(linktype >> 8 * i);
	}
	if ((fp = fmemopen(head, sizeof head, "rb")) == NULL) {
		snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s", strerror(errno));
		return NULL;
	}
	if ((p = pcap_fopen_offline(fp, errbuf)) == NULL)
		fclose(fp);
	return p;
}

/*
 * The message of a link type that refuses the filter: once a run, which
 * a merge of partial records decides (an X record), since each partial
 * met its link types alone.
 */
static void __attribute__((format(printf, 3, 4)))
refused_message(struct pt_input *in, uint32_t linktype, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (in->partial && in->reading) {
		fprintf(stderr, "%s: %s\n", pt_progname, text);
		pt_part_kind("X");
		pt_part_u64(in->source);
		pt_part_u64(linktype);
		pt_part_str(text);
		pt_part_end_record();
	} else
		pt_warn("%s", text);
}

/*
 * What is known of a link type (the file's number) met first in file
 * name: its DLT_ value, whether it is decoded, and the filter compiled
 * for it (with a message naming the file if it refuses); an index into
 * in->filters.
 */
static size_t
link_for(struct pt_input *in, uint32_t linktype, const char *name)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pt_input_filter *f;
	pcap_t *p;
	size_t i;

	for (i = 0; i < in->nfilters; i++)
		if (in->filters[i].linktype == linktype)
			return i;
	in->filters = pt_xreallocarray(in->filters, i + 1,
	    sizeof *in->filters);
	f = &in->filters[i];
	memset(f, 0, sizeof *f);
	f->linktype = linktype;
	f->dlt = (int)linktype;
	f->warned = (size_t)-1;
	p = savefile_of(linktype, errbuf);
	if (p != NULL)
		f->dlt = pcap_datalink(p);
	f->supported = pt_linktype_supported(f->dlt);
	if (in->filter && f->supported) {
		f->prog = pt_xreallocarray(NULL, 1, sizeof *f->prog);
		f->ok = p != NULL && pcap_compile(p, f->prog, in->filter, 1,
		    PCAP_NETMASK_UNKNOWN) == 0;
		if (!f->ok)
			refused_message(in, linktype, "%s: the filter '%s' "
			    "does not compile for its link type %s (%d): %s",
			    display_name(name), in->filter, link_name(f->dlt),
			    f->dlt, p ? pcap_geterr(p) : errbuf);
	}
	if (p != NULL)
		pcap_close(p);
	in->nfilters++;
	return i;
}

static void
warn_time(char *buf, const struct pt_time *t, bool nsec)
{
	*pt_fmt_seconds(buf, t, nsec) = '\0';
}

/*
 * This machine, for telling files apart across the machines that wrote
 * partial records: a hash of its machine id, or of its host name.
 */
static uint64_t
this_host(void)
{
	static uint64_t host;
	char id[256] = "";
	uint64_t h = UINT64_C(14695981039346656037);
	const char *p;
	FILE *f;

	if (host != 0)
		return host;
	if ((f = fopen("/etc/machine-id", "r")) != NULL) {
		if (fgets(id, sizeof id, f) == NULL)
			id[0] = '\0';
		fclose(f);
	}
	if (id[0] == '\0' && gethostname(id, sizeof id - 1) != 0)
		id[0] = '\0';
	for (p = id; *p && *p != '\n'; p++)	/* FNV-1a */
		h = (h ^ (unsigned char)*p) * UINT64_C(1099511628211);
	return host = h | 1;
}

/*
 * Remembers a file opened for reading; warns when the same file was
 * named before: its packets count twice.  A partial record keeps what
 * is needed to tell (an N record): the merge decides, over all files.
 * The same file: the same machine, device, inode, size and time of last
 * change (an inode is used again once its file is removed, as rotation
 * removes them).
 */
static void
note_file(struct pt_input *in, const char *name, int fd)
{
	struct pt_file_id id = { 0 };
	struct stat st;

	id.regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (id.regular) {
		id.host = this_host();
		id.dev = (uint64_t)st.st_dev;
		id.ino = (uint64_t)st.st_ino;
		id.size = (uint64_t)st.st_size;
		id.mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 +
		    st.st_mtim.tv_nsec;
	}
	if (in->partial) {
		pt_part_kind("N");
		pt_part_u64(in->source);
		pt_part_u64(id.regular);
		pt_part_u64(id.host);
		pt_part_u64(id.dev);
		pt_part_u64(id.ino);
		pt_part_u64(id.size);
		pt_part_i64(id.mtime_ns);
		pt_part_end_record();
	}
	pt_input_note(in, name, &id);
}

static bool
same_file(const struct pt_file_id *a, const struct pt_file_id *b)
{
	return a->regular && b->regular && a->host == b->host &&
	    a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->mtime_ns == b->mtime_ns;
}

void
pt_input_note(struct pt_input *in, const char *name,
    const struct pt_file_id *id)
{
	struct pt_input_file *f;
	size_t i;

	in->files = pt_xreallocarray(in->files, in->nfiles + 1,
	    sizeof *in->files);
	f = &in->files[in->nfiles];
	f->name = name;
	f->id = *id;
	f->twice = false;
	for (i = 0; i < in->nfiles && !in->partial; i++)
		if (same_file(&in->files[i].id, id)) {
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

/*
 * A file whose first frame is older than the last one read before it,
 * which is that of the last file with a frame: not the file named just
 * before when that one was empty or not a capture.
 */
void
pt_input_check_order(struct pt_input *in, const char *name,
    const struct pt_time *first)
{
	char t1[PT_FMT_TIME + 1], t2[PT_FMT_TIME + 1];

	if (in->partial) {
		/* The merge compares, over all files (an O record). */
		pt_part_kind("O");
		pt_part_u64(in->source);
		pt_part_u64(in->nsec);
		pt_part_time(first);
		pt_part_end_record();
		return;
	}
	/* This file named twice was warned about already. */
	if (in->last_name == NULL || in->files[in->nfiles - 1].twice ||
	    pt_time_cmp(first, &in->last_ts) >= 0)
		return;
	warn_time(t1, first, in->nsec);
	warn_time(t2, &in->last_ts, in->nsec);
	pt_warn("%s: its first frame (%s) is older than the last of %s (%s): "
	    "named out of capture order? Files are read in the order named",
	    display_name(name), t1, display_name(in->last_name), t2);
}

/*
 * What the read loop keeps outside its own frame, so that it is still
 * right after a jump back from an allocation that failed.
 */
static struct {
	struct pt_packet pkt;
	struct pt_stats st;
	struct pt_progress progress;
	struct pt_capfile cf;
	uint64_t start;		/* frames before this file */
	bool first;		/* the first file named: it decides the decimals */
	bool timed;		/* a packet of this file was read: loop.pkt.ts */
	/* The interface of the last record, and what its link type needs. */
	uint32_t iface;
	int dlt;
	bool supported;
	const struct bpf_program *filter;
	/*
	 * A record of this interface needs more than decoding: the file's
	 * first packet, a link type not decoded, a filter.  One test a
	 * packet instead of one for each.
	 */
	bool slow;
} loop;

/*
 * Whether records take slow_record(): before the file's first packet,
 * for a link type not decoded or a filter, and while no interface is
 * known (UINT32_MAX is also what a record that is not a packet says).
 */
static void
set_slow(void)
{
	loop.slow = !loop.timed || !loop.supported || loop.filter != NULL ||
	    loop.iface == UINT32_MAX;
}

/*
 * A record from another interface than the last: its link type's DLT_
 * value and filter.  False when the link type refuses the filter.
 */
static bool
switch_iface(struct pt_input *in, const char *name,
    const struct pt_cap_record *rec)
{
	struct pt_input_filter *f;
	size_t i = link_for(in, rec->linktype, name);

	/* After link_for(), which may move in->filters. */
	f = &in->filters[i];
	loop.iface = rec->iface;
	loop.dlt = f->dlt;
	loop.supported = f->supported;
	loop.filter = f->ok ? f->prog : NULL;
	set_slow();
	if (!f->supported) {
		/* Once a file: its frames are counted and skipped. */
		if (f->warned != in->nfiles) {
			f->warned = in->nfiles;
			pt_warn("%s: link type %s (%d) is not supported",
			    display_name(name), link_name(f->dlt), f->dlt);
			in->failed = true;
		}
		return true;
	}
	if (in->filter && !f->ok) {
		in->failed = in->filter_refused = true;
		return false;
	}
	return true;
}

enum step { DECODE, SKIP, STOP };

/*
 * A record that is not a packet, from another interface, the file's
 * first, of a link type not decoded, or to filter: what to do with it.
 */
static __attribute__((noinline)) enum step
slow_record(struct pt_input *in, const char *name,
    const struct pt_cap_record r)
{
	const struct pt_cap_record *rec = &r;
	struct pcap_pkthdr hdr;

	if (rec->linktype == PT_CAP_NOT_PACKET) {
		/* A frame to Wireshark, with no time of its own. */
		loop.st.verdicts[PT_NOT_PACKET]++;
		return SKIP;
	}
	loop.pkt.ts = rec->ts;
	if (rec->iface != loop.iface && !switch_iface(in, name, rec))
		return STOP;
	if (!loop.timed) {
		/* The file's first packet. */
		loop.timed = true;
		set_slow();
		if (loop.first)
			in->nsec = loop.cf.first_nsec;
		pt_input_check_order(in, name, &loop.pkt.ts);
	}
	if (!loop.supported) {
		loop.st.verdicts[PT_NOT_LINKTYPE]++;
		return SKIP;
	}
	if (loop.filter) {
		hdr.ts.tv_sec = (time_t)rec->ts.sec;
		hdr.ts.tv_usec = (suseconds_t)(rec->ts.nsec / 1000);
		hdr.caplen = rec->caplen;
		hdr.len = rec->wirelen;
		if (pcap_offline_filter(loop.filter, &hdr, rec->data) == 0) {
			loop.st.filtered++;
			return SKIP;
		}
	}
	return DECODE;
}

/*
 * The packets of one file, until its end or a reason to stop.  Out of
 * line: the function that calls setjmp() keeps nothing in registers.
 */
static __attribute__((noinline)) enum pt_cap_status
read_packets(struct pt_input *in, const char *name, pt_packet_fn *fn,
    void *ctx)
{
	struct pt_cap_record rec;
	enum pt_cap_status st = PT_CAP_END;
	enum pt_verdict v;
	enum step step;

	while (!pt_out_failed() && !interrupted && !pt_memory_short &&
	    (st = pt_capfile_next(&loop.cf, &rec)) == PT_CAP_RECORD) {
		loop.pkt.frame++;
		if (loop.progress.on && --loop.progress.countdown == 0)
			pt_progress_draw(&loop.progress,
			    loop.pkt.frame - loop.start,
			    loop.cf.consumed + loop.cf.pos);
		if (__builtin_expect(rec.iface != loop.iface || loop.slow, 0)) {
			if ((step = slow_record(in, name, rec)) == SKIP)
				continue;
			if (step == STOP)
				break;
		}
		/* Field by field: one load of both would wait for two stores. */
		loop.pkt.ts.sec = rec.ts.sec;
		loop.pkt.ts.nsec = rec.ts.nsec;
		v = pt_decode_inline(loop.dlt, rec.data, rec.caplen, rec.wirelen,
		    &loop.pkt);
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
	return st;
}

/*
 * read_packets(), and where an allocation needed at once jumps back to
 * when it fails (array.c): only loop's statics change in between.
 */
static enum pt_cap_status
read_guarded(struct pt_input *in, const char *name, pt_packet_fn *fn,
    void *ctx)
{
	jmp_buf out_of_memory;
	enum pt_cap_status st = PT_CAP_END;

	pt_oom_jump = &out_of_memory;
	if (setjmp(out_of_memory) == 0) {
		st = read_packets(in, name, fn, ctx);
	} else {
		/* Memory needed at once: this frame was counted in part. */
		in->out_of_memory = true;
		pt_warn("%s: out of memory in frame %" PRIu64 ": stopped "
		    "reading; the results are those of the frames before, "
		    "and of part of this one", display_name(name),
		    loop.pkt.frame);
	}
	pt_oom_jump = NULL;
	return st;
}

/*
 * The end of a file: in a partial record, what the merge needs of it (an
 * S record): its frames, the decimals it decides if it comes first, and
 * its last frame's time, for the order of the next.
 */
static void
end_source(struct pt_input *in, bool first, uint64_t frames, bool timed)
{
	if (!in->partial)
		return;
	pt_part_kind("S");
	pt_part_u64(in->source);
	pt_part_u64(frames);
	pt_part_u64(first ? in->nsec : false);
	pt_part_u64(timed);
	pt_part_time(timed ? &loop.pkt.ts : &(struct pt_time){ 0, 0 });
	pt_part_end_record();
}

static void
read_file(struct pt_input *in, const char *name, bool first,
    pt_packet_fn *fn, void *ctx)
{
	enum pt_cap_status st;
	uint64_t frames;
	int fd, i;

	/* Standard input as a copy, so that closing it leaves it open. */
	fd = strcmp(name, "-") == 0 ? dup(STDIN_FILENO) : open(name, O_RDONLY);
	if (fd < 0) {
		pt_warn("%s: %s", display_name(name), strerror(errno));
		in->failed = true;
		end_source(in, first, 0, false);
		return;
	}
	note_file(in, name, fd);
	st = pt_capfile_open(&loop.cf, fd, &interrupted);
	if (st != PT_CAP_RECORD) {
		if (interrupted) {
			/* A signal while a pipe's header was awaited. */
			in->interrupted = interrupted;
			pt_warn("%s: interrupted after frame %" PRIu64 " (%s): "
			    "the results are those of the frames read",
			    display_name(name), in->stats.frames,
			    interrupted == SIGINT ? "SIGINT" : "SIGTERM");
		} else {
			pt_warn("%s: cannot read capture: %s",
			    display_name(name), st == PT_CAP_READ_ERROR ?
			    strerror(loop.cf.err) : st == PT_CAP_NO_MEMORY ?
			    "out of memory" : loop.cf.why);
			in->failed = true;
		}
		pt_capfile_close(&loop.cf);
		close(fd);
		end_source(in, first, 0, false);
		return;
	}

	memset(&loop.st, 0, sizeof loop.st);
	loop.start = loop.pkt.frame = in->stats.frames;
	loop.iface = UINT32_MAX;
	loop.first = first;
	loop.timed = false;
	loop.slow = true;
	pt_progress_start(&loop.progress, in->progress, display_name(name),
	    fd);
	st = read_guarded(in, name, fn, ctx);
	pt_progress_end(&loop.progress);
	frames = loop.pkt.frame - loop.start;
	if (first && !loop.timed)
		in->nsec = loop.cf.first_nsec;
	if (loop.timed) {
		in->last_ts = loop.pkt.ts;
		in->last_name = name;
	}
	in->stats.frames = loop.pkt.frame;
	in->stats.filtered += loop.st.filtered;
	in->stats.tcp += loop.st.tcp;
	in->stats.udp += loop.st.udp;
	for (i = 0; i < PT_VERDICTS; i++)
		in->stats.verdicts[i] += loop.st.verdicts[i];
	if (in->out_of_memory) {
		in->failed = true;
	} else if (pt_memory_short || st == PT_CAP_NO_MEMORY) {
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
	} else if (!pt_out_failed() && st != PT_CAP_END &&
	    st != PT_CAP_RECORD) {
		report_read_error(name, frames, st, &loop.cf);
		in->failed = true;
	}
	pt_capfile_close(&loop.cf);
	close(fd);
	end_source(in, first, frames, loop.timed);
}

uint64_t
pt_input_source_frame(const struct pt_input *in, uint64_t frame)
{
	/* Until the file ends, the count is that of the files before. */
	return frame - in->stats.frames;
}

/* A message about the file being read, kept in a partial record. */
static const struct pt_input *kept_input;

static void
keep_message(const char *text)
{
	pt_part_kind("M");
	pt_part_u64(kept_input->source);
	pt_part_str(text);
	pt_part_end_record();
}

void
pt_input_run(struct pt_input *in, char *const *files, int nfiles,
    pt_packet_fn *fn, void *ctx)
{
	int i;

	catch_signals();
	if (in->partial)
		pt_warn_hook = keep_message;
	in->reading = true;
	for (i = 0; i < nfiles && !pt_out_failed() && !in->out_of_memory &&
	    !in->interrupted; i++) {
		in->source = (size_t)i;
		kept_input = in;
		read_file(in, files[i], i == 0, fn, ctx);
	}
	in->reading = false;
	pt_warn_hook = NULL;
}

bool
pt_input_check_filter(struct pt_input *in, char *const *files, int nfiles)
{
	struct pt_cap_record rec;
	struct pt_capfile cf;
	struct pt_input_filter *f;
	bool ok = true;
	uint32_t j;
	size_t k;
	int i, fd;

	for (i = 0; i < nfiles && ok; i++) {
		if (strcmp(files[i], "-") == 0)
			continue;
		/* Unreadable files are reported when they are read. */
		if ((fd = open(files[i], O_RDONLY)) < 0)
			continue;
		/* The interfaces described before the first packet. */
		if (pt_capfile_open(&cf, fd, NULL) == PT_CAP_RECORD)
			(void)pt_capfile_next(&cf, &rec);
		for (j = 0; j < cf.nifaces && ok; j++) {
			k = link_for(in, cf.ifaces[j].linktype, files[i]);
			f = &in->filters[k];
			ok = !f->supported || f->ok;
		}
		pt_capfile_close(&cf);
		close(fd);
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
