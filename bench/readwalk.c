/*
 * readwalk: the second floor for the benchmark: the records of a classic
 * little-endian pcap file walked with read(2) into a 1 MiB buffer,
 * touching the same header bytes as bench/bare.c, with flat memory.  It
 * is what reading costs without libpcap; the programs' reader
 * (src/capfile.c) does this and checks every length besides.
 *
 *   readwalk FILE  ->  prints a checksum of the headers, as bare does
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { BUF = 1024 * 1024 };

static uint8_t buf[BUF];

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

int
main(int argc, char **argv)
{
	uint64_t sum = 0, packets = 0;
	size_t pos = 24, len = 0;
	uint32_t caplen, off, ihl;
	const uint8_t *p;
	ssize_t got;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: readwalk file\n");
		return 2;
	}
	if ((fd = open(argv[1], O_RDONLY)) < 0) {
		perror(argv[1]);
		return 1;
	}
	if ((got = read(fd, buf, BUF)) < 24) {
		fprintf(stderr, "readwalk: %s: not a capture\n", argv[1]);
		return 1;
	}
	len = (size_t)got;
	for (;;) {
		if (len - pos < 16 || len - pos - 16 < le32(buf + pos + 8)) {
			memmove(buf, buf + pos, len - pos);
			len -= pos;
			pos = 0;
			if ((got = read(fd, buf + len, BUF - len)) <= 0)
				break;
			len += (size_t)got;
			continue;
		}
		caplen = le32(buf + pos + 8);
		p = buf + pos + 16;
		pos += 16 + caplen;
		packets++;
		off = 12;
		while (off + 2 <= caplen && (p[off] << 8 | p[off + 1]) == 0x8100)
			off += 4;
		off += 2;
		if (off + 20 > caplen || (p[off] >> 4) != 4)
			continue;
		ihl = (p[off] & 15) * 4u;
		sum += (uint64_t)(p[off + 2] << 8 | p[off + 3]) + p[off + 9] +
		    p[off + 12] + p[off + 19];
		if (off + ihl + 14 <= caplen)
			sum += (uint64_t)p[off + ihl] + p[off + ihl + 3] +
			    p[off + ihl + 13];
	}
	close(fd);
	printf("%llu packets, checksum %llu\n", (unsigned long long)packets,
	    (unsigned long long)sum);
	return 0;
}
