/*
 * output.c: standard output, fully buffered, formatted by hand.
 *
 * Lines are built in one buffer and written with write(2) when it fills:
 * no printf per field, no locale.  The first write error is remembered;
 * later output is dropped and pt_out_close() reports it, so ">/dev/full"
 * gives a message and a failing exit status, like coreutils'
 * close_stdout.  A reader that went away ends the program by SIGPIPE.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "pcaptally.h"

static char buf[1 << 16];
static size_t used;
int pt_out_errno;		/* the first write error, or 0 */

static void
flush(void)
{
	size_t done = 0;
	ssize_t n;

	while (done < used && pt_out_errno == 0) {
		n = write(STDOUT_FILENO, buf + done, used - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EPIPE) {
			/*
			 * The reader is gone ("| head"): end as the shell
			 * expects, by SIGPIPE, also when it was ignored.
			 */
			signal(SIGPIPE, SIG_DFL);
			raise(SIGPIPE);
		}
		if (n <= 0)
			pt_out_errno = n < 0 ? errno : EIO;
		else
			done += (size_t)n;
	}
	used = 0;
}

void
pt_out_bytes(const void *p, size_t n)
{
	const char *s = p;
	size_t room;

	if (n <= sizeof buf - used) {	/* the usual case */
		memcpy(buf + used, s, n);
		used += n;
		return;
	}
	while (n > 0) {
		if (used == sizeof buf)
			flush();
		room = sizeof buf - used;
		if (room > n)
			room = n;
		memcpy(buf + used, s, room);
		used += room;
		s += room;
		n -= room;
	}
}

void
pt_out_char(char c)
{
	if (used == sizeof buf)
		flush();
	buf[used++] = c;
}

void
pt_out_str(const char *s)
{
	pt_out_bytes(s, strlen(s));
}

/* "00" to "99": numbers are written two digits at a time. */
const char pt_digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233"
    "34353637383940414243444546474849505152535455565758596061626364656667"
    "6869707172737475767778798081828384858687888990919293949596979899";

const uint64_t pt_powers_of_10[20] = {
	UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000),
	UINT64_C(10000), UINT64_C(100000), UINT64_C(1000000),
	UINT64_C(10000000), UINT64_C(100000000), UINT64_C(1000000000),
	UINT64_C(10000000000), UINT64_C(100000000000),
	UINT64_C(1000000000000), UINT64_C(10000000000000),
	UINT64_C(100000000000000), UINT64_C(1000000000000000),
	UINT64_C(10000000000000000), UINT64_C(100000000000000000),
	UINT64_C(1000000000000000000), UINT64_C(10000000000000000000)
};

char *
pt_out_reserve(size_t n)
{
	if (sizeof buf - used < n)
		flush();
	return buf + used;
}

void
pt_out_commit(char *end)
{
	used = (size_t)(end - buf);
}

/*
 * Seconds and 6 (or 9) decimals, truncated, without floating point.
 * Packets come many to a second: the seconds' digits are kept.
 */
char *
pt_fmt_time(char *p, const struct pt_time *t, bool nsec)
{
	static int64_t last_sec = -1;
	static char last_digits[24];
	static int last_n;
	uint64_t sec = (uint64_t)t->sec;
	uint32_t frac = t->nsec;
	int width = nsec ? 9 : 6;

	if (t->sec < 0) {
		/* sec is floor(time): -1.25 is held as -2 + 0.75 */
		*p++ = '-';
		sec = -sec;
		if (frac > 0) {
			sec -= 1;
			frac = 1000000000 - frac;
		}
		p = pt_fmt_u64(p, sec);
	} else {
		if (t->sec != last_sec) {
			last_n = pt_count_digits(sec);
			pt_fill_digits(last_digits + last_n, sec, last_n);
			last_sec = t->sec;
		}
		/* All 24 bytes, a fixed size the compiler copies in two
		 * moves; the room was reserved, what follows is written over. */
		memcpy(p, last_digits, sizeof last_digits);
		p += last_n;
	}
	*p++ = '.';
	/* Each width a constant: the compiler unrolls the digit pairs. */
	if (nsec)
		pt_fill_digits(p + 9, frac, 9);
	else
		pt_fill_digits(p + 6, frac / 1000, 6);
	return p + width;
}

void
pt_out_u64(uint64_t v)
{
	pt_out_commit(pt_fmt_u64(pt_out_reserve(PT_FMT_U64), v));
}

void
pt_out_time(const struct pt_time *t, bool nsec)
{
	pt_out_commit(pt_fmt_time(pt_out_reserve(PT_FMT_TIME), t, nsec));
}

void
pt_out_addr(uint8_t ipver, const uint8_t addr[16])
{
	char s[INET6_ADDRSTRLEN];
	int i;

	if (ipver == 4) {
		/* As inet_ntop writes it, without its printf. */
		for (i = 0; i < 4; i++) {
			if (i > 0)
				pt_out_char('.');
			pt_out_u64(addr[i]);
		}
	} else if (inet_ntop(AF_INET6, addr, s, sizeof s)) {
		pt_out_str(s);
	} else {
		pt_out_char('-');
	}
}

void
pt_out_header(const char *const *columns)
{
	const char *const *c;

	pt_out_char('#');
	for (c = columns; *c; c++) {
		if (c != columns)
			pt_out_char('\t');
		pt_out_str(*c);
	}
	pt_out_char('\n');
}

bool
pt_out_close(void)
{
	flush();
	if (close(STDOUT_FILENO) != 0 && pt_out_errno == 0 && errno != EBADF)
		pt_out_errno = errno;
	if (pt_out_errno != 0) {
		pt_warn("write error: %s", strerror(pt_out_errno));
		return false;
	}
	return true;
}

void
pt_out_endpoints(uint8_t ipver, const uint8_t *client, uint16_t cport,
    const uint8_t *server, uint16_t sport)
{
	pt_out_addr(ipver, client);
	pt_out_char('\t');
	pt_out_u64(cport);
	pt_out_char('\t');
	pt_out_addr(ipver, server);
	pt_out_char('\t');
	pt_out_u64(sport);
}

void
pt_out_conn_roles(const struct pt_conn *c)
{
	if (c->flip)
		pt_out_endpoints(c->ipver, c->server, c->sport, c->client,
		    c->cport);
	else
		pt_out_endpoints(c->ipver, c->client, c->cport, c->server,
		    c->sport);
}
