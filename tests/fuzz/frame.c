/*
 * fuzz_frame: one frame through the decoder, and what the programs do
 * with a decoded packet: the connection table, close and byte counting,
 * DNS parsing.
 *
 * Input: byte 0 picks the link type, bytes 1-2 how many more bytes the
 * frame had on the wire than were captured, the rest is the frame.
 */
#include <config.h>

#include <netinet/in.h>
#include <pcap/pcap.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "linktypes.h"
#include "pcaptally.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pt_conntab conntab;
	static struct pt_closing closing[2];
	static struct pt_seqspace seen[2];
	static bool ready;
	char name[PT_DNS_NAME_TEXT];
	struct pt_packet pkt;
	struct pt_dns dns;
	enum pt_dir dir;
	uint32_t caplen;
	int dlt;

	if (size < 3 || size - 3 > 262144)
		return 0;
	if (!ready) {
		pt_conntab_init(&conntab);
		ready = true;
	}
	dlt = fuzz_linktypes[data[0] % FUZZ_LINKTYPES];
	caplen = (uint32_t)(size - 3);
	memset(&pkt, 0, sizeof pkt);
	if (pt_decode(dlt, data + 3, caplen, caplen + (data[1] << 8 | data[2]),
	    &pkt) != PT_DECODED)
		return 0;
	/* Every payload byte the decoder claims was captured is read. */
	if (pkt.payload_caplen > 0 &&
	    (pkt.payload < data + 3 || pkt.payload + pkt.payload_caplen >
	    data + size))
		__builtin_trap();
	pt_dns_parse(pkt.payload, pkt.payload_caplen, &dns);
	if (dns.have & PT_DNS_QNAME)
		pt_dns_name_text(dns.qname, dns.qname_len, name);
	if (pkt.proto == IPPROTO_TCP) {
		pt_conntab_track(&conntab, &pkt, &dir);
		pt_closing_track(&closing[dir], &pkt, dir);
		pt_seqspace_add(&seen[dir], pkt.seq, pkt.payload_len);
	}
	return 0;
}
