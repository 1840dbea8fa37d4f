/*
 * fuzz-seeds: seed corpora for the fuzzers, from capture files.
 *
 *   fuzz-seeds DIR CAPTURE...
 *
 * writes DIR/frame/ (each frame as fuzz_frame reads it: link type index,
 * 2 bytes of uncaptured length, the bytes), DIR/dns/ (each UDP or TCP
 * payload to or from port 53) and DIR/capture/ (each capture of at most
 * 256 KiB, whole).  At most 64 frames are taken from one capture.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <pcap/pcap.h>

#include "linktypes.h"
#include "pcaptally.h"

enum { FRAMES_PER_CAPTURE = 64, CAPTURE_MAX = 256 * 1024 };

static unsigned long nseeds;

static void
put(const char *dir, const char *kind, const void *head, size_t headlen,
    const void *body, size_t len)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s/%lu", dir, kind, nseeds++);
	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(head, 1, headlen, fp) != headlen ||
	    fwrite(body, 1, len, fp) != len || fclose(fp) != 0) {
		fprintf(stderr, "fuzz-seeds: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static void
seed_capture(const char *dir, const char *file)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *hdr;
	const u_char *data;
	struct pt_packet pkt;
	uint8_t head[3];
	size_t i, n = 0;
	struct stat st;
	pcap_t *p;
	FILE *fp;
	char *whole;
	int dlt;

	if (stat(file, &st) == 0 && st.st_size <= CAPTURE_MAX &&
	    (fp = fopen(file, "rb")) != NULL) {
		whole = malloc((size_t)st.st_size + 1);
		if (whole && fread(whole, 1, (size_t)st.st_size, fp) ==
		    (size_t)st.st_size)
			put(dir, "capture", "", 0, whole, (size_t)st.st_size);
		free(whole);
		fclose(fp);
	}
	if ((p = pcap_open_offline(file, errbuf)) == NULL)
		return;
	dlt = pcap_datalink(p);
	for (i = 0; i < FUZZ_LINKTYPES && fuzz_linktypes[i] != dlt; i++)
		;
	while (i < FUZZ_LINKTYPES && n < FRAMES_PER_CAPTURE &&
	    pcap_next_ex(p, &hdr, &data) == 1) {
		n++;
		head[0] = (uint8_t)i;
		head[1] = (uint8_t)((hdr->len - hdr->caplen) >> 8);
		head[2] = (uint8_t)(hdr->len - hdr->caplen);
		put(dir, "frame", head, 3, data, hdr->caplen);
		if (pt_decode(dlt, data, hdr->caplen, hdr->len, &pkt) ==
		    PT_DECODED && (pkt.sport == 53 || pkt.dport == 53) &&
		    pkt.payload_caplen > 0)
			put(dir, "dns", "", 0, pkt.payload, pkt.payload_caplen);
	}
	pcap_close(p);
}

int
main(int argc, char **argv)
{
	const char *kinds[] = { "frame", "dns", "capture" };
	char path[4096];
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: fuzz-seeds dir capture ...\n");
		return 2;
	}
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", argv[1], kinds[i]);
		if (mkdir(argv[1], 0777) != 0 && errno != EEXIST)
			return 1;
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			return 1;
	}
	for (i = 2; i < argc; i++)
		seed_capture(argv[1], argv[i]);
	printf("%lu seeds\n", nseeds);
	return 0;
}
