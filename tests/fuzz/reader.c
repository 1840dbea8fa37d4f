/*
 * fuzz_reader: a capture file through the reader alone (capfile.c):
 * every record it hands over is read whole, so a record outside the
 * buffer is caught by AddressSanitizer; the reader must end every input
 * with a status, never loop.
 */
#include <config.h>

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "capfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint8_t sink;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pt_cap_record rec;
	struct pt_capfile cf;
	enum pt_cap_status st;
	uint8_t sum = 0;
	uint32_t i;
	int fd = memfd_create("capture", 0);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size ||
	    lseek(fd, 0, SEEK_SET) != 0)
		__builtin_trap();
	st = pt_capfile_open(&cf, fd, NULL);
	while (st == PT_CAP_RECORD &&
	    (st = pt_capfile_next(&cf, &rec)) == PT_CAP_RECORD) {
		for (i = 0; i < rec.caplen; i++)
			sum += rec.data[i];
		if (rec.ts.nsec >= 1000000000 ||
		    (rec.linktype != PT_CAP_NOT_PACKET &&
		    (pt_capfile_iface(&cf, rec.iface) == NULL ||
		    pt_capfile_iface(&cf, rec.iface)->linktype !=
		    rec.linktype)))
			__builtin_trap();
	}
	sink = sum;
	pt_capfile_close(&cf);
	close(fd);
	return 0;
}
