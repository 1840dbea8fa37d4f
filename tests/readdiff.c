/*
 * readdiff: our capture reader (capfile.c) against libpcap's, file by file.
 *
 *   readdiff FILE...
 *
 * reads each file with both and compares the records in order: time,
 * captured and original length, bytes, link type.  Prints one line a
 * file: "same" (the same records, and both stop at the same record),
 * "better" (libpcap stops or refuses with one of the reasons we read
 * past, as documented in pcaptally(7)), or "MISMATCH", and at the end
 * the counts; exits 1 on any mismatch.
 *
 * Deliberate differences, also checked here: a record longer than the
 * snapshot length is cut to it by libpcap and kept whole by us (its
 * first bytes must agree); a pcap time fraction of a second or more is
 * carried into the seconds by us; pcap seconds are unsigned.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capfile.h"

/* What libpcap refuses that we read, on purpose. */
static const char *const better[] = {
	"different from the type of the first interface",
	"different from the snapshot length of the first interface",
	"unsupported pcap savefile version 2.",
	"different byte order",
	"more than one",
	/* An option list ends at opt_endofopt, whatever length it claims. */
	"opt_endofopt option with length",
	/* A Simple Packet Block holds what its room holds. */
	"block of type 3 in pcapng dump file is too short",
};

static unsigned long nsame, nbetter, nmismatch, nrecords;

/* The DLT_ value libpcap gives a file's LINKTYPE_ value. */
static int
dlt_of(uint32_t linktype)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	uint8_t head[24] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0 };
	pcap_t *p;
	FILE *fp;
	int i, dlt = (int)linktype;

	for (i = 0; i < 4; i++) {
		head[16 + i] = (uint8_t)(65535 >> 8 * i);
		head[20 + i] = (uint8_t)(linktype >> 8 * i);
	}
	if ((fp = fmemopen(head, sizeof head, "rb")) == NULL)
		return dlt;
	if ((p = pcap_fopen_offline(fp, errbuf)) == NULL) {
		fclose(fp);
		return dlt;
	}
	dlt = pcap_datalink(p);
	pcap_close(p);
	return dlt;
}

static bool
is_better(const char *err)
{
	size_t i;

	for (i = 0; i < sizeof better / sizeof better[0]; i++)
		if (strstr(err, better[i]) != NULL)
			return true;
	return false;
}

static void
verdict(const char *file, const char *what, const char *detail,
    unsigned long n)
{
	if (strcmp(what, "same") == 0)
		nsame++;
	else if (strcmp(what, "better") == 0)
		nbetter++;
	else
		nmismatch++;
	printf("%s\t%s\t%lu records\t%s\n", file, what, n, detail);
}

static void
compare(const char *file)
{
	char errbuf[PCAP_ERRBUF_SIZE], detail[512];
	struct pcap_pkthdr *hdr;
	const u_char *data;
	struct pt_cap_record rec;
	struct pt_capfile cf;
	enum pt_cap_status st, ost;
	int64_t lsec;
	uint64_t lnsec;
	unsigned long n = 0;
	bool first_be;
	pcap_t *p;
	int fd, rc;

	p = pcap_open_offline_with_tstamp_precision(file,
	    PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if ((fd = open(file, O_RDONLY)) < 0) {
		perror(file);
		exit(2);
	}
	ost = pt_capfile_open(&cf, fd, NULL);
	if (p == NULL) {
		/*
		 * libpcap reads a pcapng file's first interface when it opens
		 * it; we read it with the first record.
		 */
		if (ost == PT_CAP_RECORD) {
			while ((st = pt_capfile_next(&cf, &rec)) ==
			    PT_CAP_RECORD && rec.linktype == PT_CAP_NOT_PACKET)
				;
			if (st != PT_CAP_RECORD)
				ost = st;
		}
		snprintf(detail, sizeof detail, "libpcap: %s; ours: %s", errbuf,
		    ost == PT_CAP_RECORD ? "reads it" : ost == PT_CAP_END ?
		    "no records" : ost == PT_CAP_TRUNCATED ? "truncated" :
		    cf.why);
		if (ost != PT_CAP_RECORD)
			verdict(file, "same", detail, 0);
		else
			verdict(file, is_better(errbuf) ? "better" :
			    "MISMATCH", detail, 0);
		goto done;
	}
	if (ost != PT_CAP_RECORD) {
		snprintf(detail, sizeof detail, "libpcap reads it; ours: %s",
		    cf.why);
		verdict(file, "MISMATCH", detail, 0);
		goto done;
	}
	first_be = cf.be;
	for (;;) {
		rc = pcap_next_ex(p, &hdr, &data);
		/* Custom blocks, which libpcap skips: frames to Wireshark. */
		while ((st = pt_capfile_next(&cf, &rec)) == PT_CAP_RECORD &&
		    rec.linktype == PT_CAP_NOT_PACKET)
			;
		if (rc != 1 || st != PT_CAP_RECORD)
			break;
		n++;
		lsec = cf.format == PT_CAP_PCAP ?
		    (int64_t)(uint32_t)hdr->ts.tv_sec : (int64_t)hdr->ts.tv_sec;
		lnsec = (uint64_t)hdr->ts.tv_usec;
		if (cf.format == PT_CAP_PCAP && (hdr->ts.tv_usec < 0 ||
		    hdr->ts.tv_usec >= 1000000000)) {
			/*
			 * A fraction of a second or more: carried into the
			 * seconds by us, handed over as it is (or overflowed)
			 * by libpcap.
			 */
			lsec = rec.ts.sec;
			lnsec = rec.ts.nsec;
		}
		if (lsec != rec.ts.sec || lnsec != rec.ts.nsec) {
			snprintf(detail, sizeof detail, "record %lu: time "
			    "%" PRId64 ".%09" PRIu64 " vs %" PRId64 ".%09u", n,
			    lsec, lnsec, rec.ts.sec, rec.ts.nsec);
			verdict(file, "MISMATCH", detail, n);
			goto done;
		}
		if (hdr->len != rec.wirelen || hdr->caplen > rec.caplen ||
		    (hdr->caplen < rec.caplen &&
		    hdr->caplen != (bpf_u_int32)pcap_snapshot(p)) ||
		    memcmp(data, rec.data, hdr->caplen) != 0 ||
		    pcap_datalink(p) != dlt_of(rec.linktype)) {
			snprintf(detail, sizeof detail, "record %lu: caplen %u "
			    "vs %u, len %u vs %u, link type %d vs %d", n,
			    hdr->caplen, rec.caplen, hdr->len, rec.wirelen,
			    pcap_datalink(p), dlt_of(rec.linktype));
			verdict(file, "MISMATCH", detail, n);
			goto done;
		}
	}
	nrecords += n;
	if (rc == 1) {
		snprintf(detail, sizeof detail, "ours stops first: %s",
		    st == PT_CAP_END ? "end" : cf.why);
		verdict(file, "MISMATCH", detail, n);
	} else if (rc == PCAP_ERROR_BREAK) {
		snprintf(detail, sizeof detail, "libpcap: end; ours: %s",
		    st == PT_CAP_END ? "end" : st == PT_CAP_RECORD ?
		    "more records" : cf.why);
		verdict(file, st == PT_CAP_END ? "same" : "MISMATCH", detail,
		    n);
	} else {
		snprintf(detail, sizeof detail, "libpcap: %s; ours: %s",
		    pcap_geterr(p), st == PT_CAP_END ? "end" :
		    st == PT_CAP_RECORD ? "more records" :
		    st == PT_CAP_TRUNCATED ? "truncated" : cf.why);
		/*
		 * libpcap reads a section of the other byte order with the
		 * first one's, and finds its length absurd.
		 */
		if (st == PT_CAP_TRUNCATED || st == PT_CAP_DAMAGED)
			verdict(file, "same", detail, n);
		else
			verdict(file, is_better(pcap_geterr(p)) ||
			    (cf.be != first_be && strstr(pcap_geterr(p),
			    "block size") != NULL) ? "better" : "MISMATCH",
			    detail, n);
	}
done:
	if (p != NULL)
		pcap_close(p);
	pt_capfile_close(&cf);
	close(fd);
}

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		compare(argv[i]);
	printf("%d files: %lu the same, %lu read further than libpcap, "
	    "%lu mismatches; %lu records compared\n", argc - 1, nsame, nbetter,
	    nmismatch, nrecords);
	return nmismatch ? 1 : 0;
}
