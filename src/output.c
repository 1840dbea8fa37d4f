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
static int write_errno;		/* the first write error, or 0 */

static void
flush(void)
{
	size_t done = 0;
	ssize_t n;

	while (done < used && write_errno == 0) {
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
			write_errno = n < 0 ? errno : EIO;
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

/* Writes v in decimal, at least width digits, zero-padded. */
static void
out_digits(uint64_t v, int width)
{
	char d[20];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n < width)
		d[n++] = '0';
	while (n > 0)
		pt_out_char(d[--n]);
}

void
pt_out_u64(uint64_t v)
{
	out_digits(v, 1);
}

/* Seconds and 6 (or 9) decimals, truncated, without floating point. */
void
pt_out_time(const struct pt_time *t, bool nsec)
{
	uint64_t sec = (uint64_t)t->sec;
	uint32_t frac = t->nsec;

	if (t->sec < 0) {
		/* sec is floor(time): -1.25 is held as -2 + 0.75 */
		pt_out_char('-');
		sec = -sec;
		if (frac > 0) {
			sec -= 1;
			frac = 1000000000 - frac;
		}
	}
	out_digits(sec, 1);
	pt_out_char('.');
	if (nsec)
		out_digits(frac, 9);
	else
		out_digits(frac / 1000, 6);
}

void
pt_out_addr(uint8_t ipver, const uint8_t addr[16])
{
	char s[INET6_ADDRSTRLEN];

	if (inet_ntop(ipver == 4 ? AF_INET : AF_INET6, addr, s, sizeof s))
		pt_out_str(s);
	else
		pt_out_char('-');
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
pt_out_failed(void)
{
	return write_errno != 0;
}

bool
pt_out_close(void)
{
	flush();
	if (close(STDOUT_FILENO) != 0 && write_errno == 0 && errno != EBADF)
		write_errno = errno;
	if (write_errno != 0) {
		pt_warn("write error: %s", strerror(write_errno));
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
