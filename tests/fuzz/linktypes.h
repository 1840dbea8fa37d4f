/* linktypes.h: the link types fuzz_frame picks from by its first byte. */
#ifndef PCAPTALLY_FUZZ_LINKTYPES_H
#define PCAPTALLY_FUZZ_LINKTYPES_H

#include "dlt.h"

static const int fuzz_linktypes[] = {
	DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW, DLT_RAW_OPENBSD,
	DLT_IPV4, DLT_IPV6, DLT_NULL, DLT_LOOP,
};

#define FUZZ_LINKTYPES (sizeof fuzz_linktypes / sizeof fuzz_linktypes[0])

#endif
