/*
 * fuzz_dns: a DNS message through the parser and the name writer, and
 * the same bytes as a TCP stream of length-prefixed messages cut into
 * three segments.
 */
#include <config.h>

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pcaptally.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
message(void *ctx, const struct pt_packet *pkt, const uint8_t *msg,
    uint32_t caplen)
{
	struct pt_dns dns;

	(void)ctx;
	(void)pkt;
	pt_dns_parse(msg, caplen, &dns);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char name[PT_DNS_NAME_TEXT], code[PT_DNS_CODE_TEXT];
	struct pt_dnstcp stream;
	struct pt_packet pkt;
	struct pt_dns dns;
	size_t cut[4], i, n;

	if (size > 65535)
		return 0;
	pt_dns_parse(data, (uint32_t)size, &dns);
	if (dns.have & PT_DNS_QNAME) {
		n = pt_dns_name_text(dns.qname, dns.qname_len, name);
		/* A name never holds a tab or a newline. */
		if (n != strlen(name) || strpbrk(name, "\t\n") != NULL)
			__builtin_trap();
	}
	if (dns.have & PT_DNS_QTYPE)
		(void)pt_dns_type_text(dns.qtype, code);
	(void)pt_dns_rcode_text(dns.flags & 0x0f, code);

	/* The same bytes in three TCP segments, the second one sent twice. */
	memset(&stream, 0, sizeof stream);
	memset(&pkt, 0, sizeof pkt);
	pkt.proto = IPPROTO_TCP;
	pkt.tcpflags = PT_ACK;
	cut[0] = 0;
	cut[1] = size / 3;
	cut[2] = 2 * size / 3;
	cut[3] = size;
	for (i = 0; i < 4; i++) {
		n = i < 3 ? i : 1;
		pkt.seq = 1000 + (uint32_t)cut[n];
		pkt.payload = data + cut[n];
		pkt.payload_len = pkt.payload_caplen =
		    (uint32_t)(cut[n + 1] - cut[n]);
		pt_dnstcp_segment(&stream, &pkt, message, NULL);
	}
	return 0;
}
