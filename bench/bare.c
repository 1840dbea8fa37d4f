/*
 * bare: the floor for the benchmark: a libpcap read loop that touches
 * each packet's IP and TCP or UDP header (Ethernet, with VLAN tags) and
 * does nothing else.  No program that reads the same file can be faster.
 *
 *   bare FILE  ->  prints a checksum of the headers, so none of it is
 *                  optimised away
 */
#include <stdint.h>
#include <stdio.h>

#include <pcap/pcap.h>

int
main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *hdr;
	const u_char *p;
	uint64_t sum = 0, packets = 0;
	uint32_t off, ihl;
	pcap_t *pc;

	if (argc != 2) {
		fprintf(stderr, "usage: bare file\n");
		return 2;
	}
	if ((pc = pcap_open_offline_with_tstamp_precision(argv[1],
	    PCAP_TSTAMP_PRECISION_NANO, errbuf)) == NULL) {
		fprintf(stderr, "bare: %s\n", errbuf);
		return 1;
	}
	while (pcap_next_ex(pc, &hdr, &p) == 1) {
		packets++;
		off = 12;
		while (off + 2 <= hdr->caplen &&
		    (p[off] << 8 | p[off + 1]) == 0x8100)
			off += 4;
		off += 2;
		if (off + 20 > hdr->caplen || (p[off] >> 4) != 4)
			continue;
		ihl = (p[off] & 15) * 4u;
		/* total length, protocol, addresses */
		sum += (uint64_t)(p[off + 2] << 8 | p[off + 3]) + p[off + 9] +
		    p[off + 12] + p[off + 19];
		if (off + ihl + 14 <= hdr->caplen)	/* ports, flags */
			sum += (uint64_t)p[off + ihl] + p[off + ihl + 3] +
			    p[off + ihl + 13];
	}
	pcap_close(pc);
	printf("%llu packets, checksum %llu\n", (unsigned long long)packets,
	    (unsigned long long)sum);
	return 0;
}
