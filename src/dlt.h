/*
 * dlt.h: link-type numbers older libpcap headers lack, and OpenBSD's raw
 * IP, which libpcap maps LINKTYPE_RAW to on OpenBSD: shared by the
 * decoder and the tests that feed it every link type.
 */
#ifndef PCAPTALLY_DLT_H
#define PCAPTALLY_DLT_H

#include <pcap/pcap.h>

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif
#define DLT_RAW_OPENBSD 14

#endif
