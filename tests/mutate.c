/*
 * mutate: damaged copies of a capture file, the same ones every time.
 *
 *   mutate [-t] SEED FILE OUTDIR
 *
 * writes into OUTDIR, named after what was done to FILE (its first
 * 64 KiB): bit flips; header fields set to 0 and to all ones (the file
 * header, and the first records' time, captured and original lengths); a
 * record's captured length set beyond the end of the file; and with -t,
 * the file cut at every length up to the end of its second record
 * header.  SEED and the file's name decide the random choices.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HEAD = 65536, FLIPS = 6, RECORDS = 2 };

static uint8_t orig[HEAD], buf[HEAD];
static size_t len;
static const char *outdir;
static uint64_t rng;

/* xorshift64*: small, and the same on every machine. */
static uint64_t
next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static void
write_mutant(const char *name, size_t n)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", outdir, name);
	if ((fp = fopen(path, "wb")) == NULL || fwrite(buf, 1, n, fp) != n ||
	    fclose(fp) != 0) {
		fprintf(stderr, "mutate: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	memcpy(buf, orig, len);
}

/* Sets the 4 bytes at off to v (when they are in the file). */
static void
set32(size_t off, uint32_t v, const char *what)
{
	char name[64];

	if (off + 4 > len)
		return;
	memcpy(buf + off, &v, 4);
	snprintf(name, sizeof name, "%s-%s", what, v ? "max" : "zero");
	write_mutant(name, len);
}

static uint32_t
get32(size_t off, int swapped)
{
	uint32_t v;

	memcpy(&v, orig + off, 4);
	return swapped ? __builtin_bswap32(v) : v;
}

int
main(int argc, char **argv)
{
	size_t off, rec[RECORDS], nrec = 0, i;
	int cut = 0, swapped, arg = 1, bits, b;
	uint32_t magic = 0, caplen;
	char name[64];
	const char *p;
	FILE *fp;

	if (argc > 1 && strcmp(argv[1], "-t") == 0) {
		cut = 1;
		arg++;
	}
	if (argc - arg != 3) {
		fprintf(stderr, "usage: mutate [-t] seed file outdir\n");
		return 2;
	}
	rng = strtoull(argv[arg], NULL, 10) | 1;
	for (p = argv[arg + 1]; *p; p++)
		rng = (rng ^ (uint8_t)*p) * 0x100000001b3ULL | 1;
	if ((fp = fopen(argv[arg + 1], "rb")) == NULL) {
		fprintf(stderr, "mutate: %s: %s\n", argv[arg + 1],
		    strerror(errno));
		return 1;
	}
	len = fread(orig, 1, HEAD, fp);
	fclose(fp);
	memcpy(buf, orig, len);
	outdir = argv[arg + 2];
	if (len == 0)
		return 0;

	for (i = 0; i < FLIPS; i++) {
		bits = 1 + (int)(next() % 8);
		for (b = 0; b < bits; b++)
			buf[next() % len] ^= (uint8_t)(1u << (next() % 8));
		snprintf(name, sizeof name, "flip-%zu", i);
		write_mutant(name, len);
	}

	/* The classic pcap layout: a 24-byte header, 16 bytes a record. */
	if (len >= 4)
		memcpy(&magic, orig, 4);
	swapped = magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1;
	if (len >= 24 && (swapped || magic == 0xa1b2c3d4 ||
	    magic == 0xa1b23c4d)) {
		set32(4, 0, "version");
		set32(4, 0xffffffff, "version");
		set32(16, 0, "snaplen");
		set32(16, 0xffffffff, "snaplen");
		set32(20, 0, "linktype");
		set32(20, 0xffffffff, "linktype");
		for (off = 24; nrec < RECORDS && off + 16 <= len; nrec++) {
			rec[nrec] = off;
			caplen = get32(off + 8, swapped);
			if (caplen > len - off - 16)
				break;
			off += 16 + caplen;
		}
		for (i = 0; i < nrec && rec[i] + 16 <= len; i++) {
			snprintf(name, sizeof name, "record%zu-time", i);
			set32(rec[i], 0xffffffff, name);
			set32(rec[i] + 4, 0xffffffff, name);
			snprintf(name, sizeof name, "record%zu-caplen", i);
			set32(rec[i] + 8, 0, name);
			set32(rec[i] + 8, 0xffffffff, name);
			snprintf(name, sizeof name, "record%zu-len", i);
			set32(rec[i] + 12, 0, name);
			set32(rec[i] + 12, 0xffffffff, name);
			/* A captured length that runs past the end. */
			caplen = (uint32_t)(len - rec[i] - 16 + 100);
			if (swapped)
				caplen = __builtin_bswap32(caplen);
			memcpy(buf + rec[i] + 8, &caplen, 4);
			snprintf(name, sizeof name, "record%zu-caplen-past-end",
			    i);
			write_mutant(name, len);
		}
	} else if (len >= 12) {
		/* pcapng and the rest: the first block's type and length. */
		set32(0, 0, "block-type");
		set32(4, 0, "block-length");
		set32(4, 0xffffffff, "block-length");
		set32(8, 0, "byte-order");
	}

	if (cut) {
		off = nrec > 1 ? rec[1] + 16 : 64;
		for (i = 0; i <= off && i < len; i++) {
			snprintf(name, sizeof name, "cut-%zu", i);
			write_mutant(name, i);
		}
	}
	return 0;
}
