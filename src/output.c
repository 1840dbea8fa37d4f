/*
 * output.c: standard output, fully buffered, formatted by hand.
 *
 * Lines are built in one buffer and written with write(2) when it fills,
 * only up to its last whole line: no printf per field, no locale, and no
 * line cut by a kill.  Line-buffered (-l, or standard output a terminal),
 * the lines known are written after each packet.  The first write error is remembered;
 * later output is dropped and pt_out_close() reports it, so ">/dev/full"
 * gives a message and a failing exit status, like coreutils'
 * close_stdout.  A reader that went away ends the program by SIGPIPE.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pcaptally.h"

char pt_out_buf[PT_OUT_BUFFER];
size_t pt_out_used;
int pt_out_errno;		/* the first write error, or 0 */
bool pt_out_line_buffered;

/* Writes pt_out_buf[0, n) and keeps the rest at the front. */
static void
write_out(size_t n)
{
	size_t done = 0;
	ssize_t w;

	while (done < n && pt_out_errno == 0) {
		w = write(STDOUT_FILENO, pt_out_buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EPIPE) {
			/*
			 * The reader is gone ("| head"): end as the shell
			 * expects, by SIGPIPE, also when it was ignored.
			 */
			signal(SIGPIPE, SIG_DFL);
			raise(SIGPIPE);
		}
		if (w <= 0)
			pt_out_errno = w < 0 ? errno : EIO;
		else
			done += (size_t)w;
	}
	if (pt_out_errno != 0) {
		pt_out_used = 0;	/* dropped: the error is reported at the end */
		return;
	}
	memmove(pt_out_buf, pt_out_buf + n, pt_out_used - n);
	pt_out_used -= n;
}

/*
 * Writes the whole lines in the buffer: a run killed at any moment leaves
 * only whole lines behind (the part of a line not yet ended waits for its
 * end).  A buffer without a newline (no line is that long) goes whole.
 */
static void
flush(void)
{
	const char *nl = memrchr(pt_out_buf, '\n', pt_out_used);

	write_out(nl != NULL ? (size_t)(nl - pt_out_buf) + 1 : pt_out_used);
}

void
pt_out_flush(void)
{
	if (pt_out_used > 0)
		flush();
}

void
pt_out_bytes(const void *p, size_t n)
{
	const char *s = p;
	size_t room;

	if (n <= sizeof pt_out_buf - pt_out_used) {	/* the usual case */
		memcpy(pt_out_buf + pt_out_used, s, n);
		pt_out_used += n;
		return;
	}
	while (n > 0) {
		if (pt_out_used == sizeof pt_out_buf)
			flush();
		room = sizeof pt_out_buf - pt_out_used;
		if (room > n)
			room = n;
		memcpy(pt_out_buf + pt_out_used, s, room);
		pt_out_used += room;
		s += room;
		n -= room;
	}
}

void
pt_out_char(char c)
{
	if (pt_out_used == sizeof pt_out_buf)
		flush();
	pt_out_buf[pt_out_used++] = c;
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

/* pt_out_reserve() when the room is not there: the buffer written out. */
char *
pt_out_reserve_slow(size_t n)
{
	if (sizeof pt_out_buf - pt_out_used < n)
		flush();
	/* A line longer than the buffer: what there is goes out. */
	if (sizeof pt_out_buf - pt_out_used < n)
		write_out(pt_out_used);
	return pt_out_buf + pt_out_used;
}

void
pt_fmt_counter_set(struct pt_fmt_counter *c, uint64_t v)
{
	c->n = pt_count_digits(v);
	pt_fill_digits(c->digits + c->n, v, c->n);
	c->last2 = (uint32_t)(v % 100);
	c->v = v;
}

static inline void
put_pair(char *p, uint32_t v)
{
	memcpy(p, pt_digit_pairs + 2 * v, 2);
}

/* The decimals of a time: each width a constant, two digits at a time. */
static inline char *
fmt_fraction(char *p, uint32_t frac, bool nsec)
{
	uint32_t v;

	*p++ = '.';
	if (nsec) {
		*p++ = (char)('0' + frac / 100000000);
		v = frac % 100000000;
		put_pair(p, v / 1000000);
		put_pair(p + 2, v / 10000 % 100);
		put_pair(p + 4, v / 100 % 100);
		put_pair(p + 6, v % 100);
		return p + 8;
	}
	v = frac / 1000;
	put_pair(p, v / 10000);
	put_pair(p + 2, v / 100 % 100);
	put_pair(p + 4, v % 100);
	return p + 6;
}

/* The digits of the last second formatted: packets come many to a second. */
static int64_t sec_last = -1;
static char sec_digits[24];
static int sec_n;

static __attribute__((noinline)) void
new_second(int64_t sec)
{
	sec_n = pt_count_digits((uint64_t)sec);
	pt_fill_digits(sec_digits + sec_n, (uint64_t)sec, sec_n);
	sec_last = sec;
}

/* Seconds and 6 (or 9) decimals, truncated, without floating point. */
char *
pt_fmt_seconds(char *p, const struct pt_time *t, bool nsec)
{
	uint64_t sec = (uint64_t)t->sec;
	uint32_t frac = t->nsec;

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
		if (t->sec != sec_last)
			new_second(t->sec);
		/* All 24 bytes, a fixed size the compiler copies in two
		 * moves; the room was reserved, what follows is written over. */
		memcpy(p, sec_digits, sizeof sec_digits);
		p += sec_n;
	}
	return fmt_fraction(p, frac, nsec);
}

bool pt_out_iso_times;

/*
 * ISO 8601 in UTC, 2023-11-14T22:13:20.000000Z, the decimals truncated
 * as in seconds.  A year outside 0000-9999 (which ISO 8601 writes only by
 * agreement) is written in seconds.  The date of the last second is kept.
 */
char *
pt_fmt_iso(char *p, const struct pt_time *t, bool nsec)
{
	static int64_t last_sec = INT64_MIN;
	static char last[20];
	static bool last_ok;
	struct tm tm;
	time_t sec = (time_t)t->sec;

	if (t->sec != last_sec) {
		last_sec = t->sec;
		last_ok = (int64_t)sec == t->sec && gmtime_r(&sec, &tm) != NULL &&
		    tm.tm_year >= -1900 && tm.tm_year <= 9999 - 1900;
		if (last_ok) {
			pt_fill_digits(last + 4, (uint64_t)tm.tm_year + 1900, 4);
			last[4] = '-';
			pt_fill_digits(last + 7, (uint64_t)tm.tm_mon + 1, 2);
			last[7] = '-';
			pt_fill_digits(last + 10, (uint64_t)tm.tm_mday, 2);
			last[10] = 'T';
			pt_fill_digits(last + 13, (uint64_t)tm.tm_hour, 2);
			last[13] = ':';
			pt_fill_digits(last + 16, (uint64_t)tm.tm_min, 2);
			last[16] = ':';
			pt_fill_digits(last + 19, (uint64_t)tm.tm_sec, 2);
		}
	}
	if (!last_ok)
		return pt_fmt_seconds(p, t, nsec);
	memcpy(p, last, 19);
	p = fmt_fraction(p + 19, t->nsec, nsec);
	*p++ = 'Z';
	return p;
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
pt_out_seconds(const struct pt_time *t, bool nsec)
{
	pt_out_commit(pt_fmt_seconds(pt_out_reserve(PT_FMT_TIME), t, nsec));
}

char *
pt_fmt_addr(char *p, uint8_t ipver, const uint8_t addr[16])
{
	int i;

	if (ipver == 4) {
		/* As inet_ntop writes it, without its printf. */
		for (i = 0; i < 4; i++) {
			if (i > 0)
				*p++ = '.';
			p = pt_fmt_u64(p, addr[i]);
		}
	} else if (inet_ntop(AF_INET6, addr, p, PT_FMT_ADDR))
		p += strlen(p);
	else
		*p++ = '-';
	return p;
}

void
pt_out_addr(uint8_t ipver, const uint8_t addr[16])
{
	pt_out_commit(pt_fmt_addr(pt_out_reserve(PT_FMT_ADDR), ipver, addr));
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
	write_out(pt_out_used);
	if (close(STDOUT_FILENO) != 0 && pt_out_errno == 0 && errno != EBADF)
		pt_out_errno = errno;
	if (pt_out_errno != 0) {
		pt_warn("write error: %s", strerror(pt_out_errno));
		return false;
	}
	return true;
}

char *
pt_fmt_endpoints(char *p, uint8_t ipver, const uint8_t *client,
    uint16_t cport, const uint8_t *server, uint16_t sport)
{
	p = pt_fmt_addr(p, ipver, client);
	*p++ = '\t';
	p = pt_fmt_u64(p, cport);
	*p++ = '\t';
	p = pt_fmt_addr(p, ipver, server);
	*p++ = '\t';
	return pt_fmt_u64(p, sport);
}

char *
pt_fmt_conn_roles(char *p, const struct pt_conn *c)
{
	if (c->flip)
		return pt_fmt_endpoints(p, c->ipver, c->server, c->sport,
		    c->client, c->cport);
	return pt_fmt_endpoints(p, c->ipver, c->client, c->cport, c->server,
	    c->sport);
}

void
pt_out_endpoints(uint8_t ipver, const uint8_t *client, uint16_t cport,
    const uint8_t *server, uint16_t sport)
{
	pt_out_commit(pt_fmt_endpoints(pt_out_reserve(PT_FMT_ENDPOINTS),
	    ipver, client, cport, server, sport));
}

void
pt_out_conn_roles(const struct pt_conn *c)
{
	pt_out_commit(pt_fmt_conn_roles(pt_out_reserve(PT_FMT_ENDPOINTS), c));
}
