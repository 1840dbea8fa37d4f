/*
 * dnstext.c: DNS names, types and response codes as people write them.
 *
 * A name is written in presentation format (RFC 1035 section 5.1): its
 * labels joined by ".", no trailing dot, the root as ".".  So that a name
 * never holds a tab, a newline or a byte a terminal would act on, "." and
 * "\" inside a label are written "\." and "\\", and every byte outside
 * "!" to "~" as "\DDD" in decimal.  Case is kept as sent.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "pcaptally.h"

size_t
pt_dns_name_text(const uint8_t *name, size_t len,
    char out[PT_DNS_NAME_TEXT])
{
	size_t at = 0, n = 0, i, label;
	uint8_t c;

	if (len == 0) {
		strcpy(out, ".");
		return 1;
	}
	while (at < len) {
		label = name[at++];
		if (at > 1)
			out[n++] = '.';
		for (i = 0; i < label && at < len; i++, at++) {
			c = name[at];
			if (c == '.' || c == '\\') {
				out[n++] = '\\';
				out[n++] = (char)c;
			} else if (c < '!' || c > '~') {
				n += (size_t)snprintf(out + n, 5, "\\%03u", c);
			} else {
				out[n++] = (char)c;
			}
		}
	}
	out[n] = '\0';
	return n;
}

/* The IANA mnemonics (DNS Resource Record TYPEs registry). */
static const char *const types[] = {
	[1] = "A", [2] = "NS", [3] = "MD", [4] = "MF", [5] = "CNAME",
	[6] = "SOA", [7] = "MB", [8] = "MG", [9] = "MR", [10] = "NULL",
	[11] = "WKS", [12] = "PTR", [13] = "HINFO", [14] = "MINFO",
	[15] = "MX", [16] = "TXT", [17] = "RP", [18] = "AFSDB", [19] = "X25",
	[20] = "ISDN", [21] = "RT", [22] = "NSAP", [23] = "NSAP-PTR",
	[24] = "SIG", [25] = "KEY", [26] = "PX", [27] = "GPOS", [28] = "AAAA",
	[29] = "LOC", [30] = "NXT", [31] = "EID", [32] = "NIMLOC",
	[33] = "SRV", [34] = "ATMA", [35] = "NAPTR", [36] = "KX",
	[37] = "CERT", [38] = "A6", [39] = "DNAME", [40] = "SINK",
	[41] = "OPT", [42] = "APL", [43] = "DS", [44] = "SSHFP",
	[45] = "IPSECKEY", [46] = "RRSIG", [47] = "NSEC", [48] = "DNSKEY",
	[49] = "DHCID", [50] = "NSEC3", [51] = "NSEC3PARAM", [52] = "TLSA",
	[53] = "SMIMEA", [55] = "HIP", [56] = "NINFO", [57] = "RKEY",
	[58] = "TALINK", [59] = "CDS", [60] = "CDNSKEY", [61] = "OPENPGPKEY",
	[62] = "CSYNC", [63] = "ZONEMD", [64] = "SVCB", [65] = "HTTPS",
	[99] = "SPF", [100] = "UINFO", [101] = "UID", [102] = "GID",
	[103] = "UNSPEC", [104] = "NID", [105] = "L32", [106] = "L64",
	[107] = "LP", [108] = "EUI48", [109] = "EUI64", [249] = "TKEY",
	[250] = "TSIG", [251] = "IXFR", [252] = "AXFR", [253] = "MAILB",
	[254] = "MAILA", [255] = "ANY", [256] = "URI", [257] = "CAA",
	[258] = "AVC", [259] = "DOA", [260] = "AMTRELAY", [261] = "RESINFO",
	[262] = "WALLET",
};

const char *
pt_dns_type_text(uint16_t type, char buf[PT_DNS_CODE_TEXT])
{
	if (type < sizeof types / sizeof types[0] && types[type] != NULL)
		return types[type];
	if (type == 32768)
		return "TA";
	if (type == 32769)
		return "DLV";
	snprintf(buf, PT_DNS_CODE_TEXT, "TYPE%u", type);	/* RFC 3597 */
	return buf;
}

static const char *const rcodes[] = {
	"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
	"YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE", "DSOTYPENI",
};

const char *
pt_dns_rcode_text(unsigned rcode, char buf[PT_DNS_CODE_TEXT])
{
	if (rcode < sizeof rcodes / sizeof rcodes[0])
		return rcodes[rcode];
	snprintf(buf, PT_DNS_CODE_TEXT, "RCODE%u", rcode);
	return buf;
}
