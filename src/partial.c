/*
 * partial.c: the partial-record format, written and read.
 *
 * Text, so that partials pass through pipes, ssh and GNU parallel
 * unchanged: one record a line, fields split by tabs, every field that
 * is not a number escaped the way wdns escapes names (a backslash before
 * itself, \t and \n, other control bytes as \DDD), so a file name with a
 * tab or a newline keeps to its field.  The reader trusts nothing: a
 * line has a maximum length, each field its form and numbers their
 * bounds, and the trailer's count must equal the records read, so that a
 * partial cut short (a full disk, a killed job) is told apart from a
 * whole one.  It reads a line once, its fields in order as a cursor
 * passes, numbers parsed on the way: most of a partial is numbers.
 */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcaptally.h"
#include "partial.h"

static uint64_t records_written;
static bool first_field;

static void
field_sep(void)
{
	if (!first_field)
		pt_out_char('\t');
	first_field = false;
}

void
pt_part_header(const char *prog, const char *const *fields, size_t nfields)
{
	size_t i;

	pt_out_str(PT_PART_MAGIC "\t");
	pt_out_u64(PT_PART_VERSION);
	pt_out_char('\t');
	pt_out_str(prog);
	for (i = 0; i < nfields; i++) {
		pt_out_char('\t');
		first_field = true;
		pt_part_str(fields[i]);
	}
	pt_out_char('\n');
	records_written = 0;
}

void
pt_part_kind(const char *kind)
{
	first_field = true;
	pt_part_str(kind);
}

void
pt_part_u64(uint64_t v)
{
	field_sep();
	pt_out_u64(v);
}

void
pt_part_i64(int64_t v)
{
	field_sep();
	if (v < 0) {
		pt_out_char('-');
		pt_out_u64(-(uint64_t)v);
	} else
		pt_out_u64((uint64_t)v);
}

void
pt_part_str(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[5];

	field_sep();
	if (*p == '\0') {
		/* An empty field would be lost between two tabs: "\0". */
		pt_out_str("\\0");
		return;
	}
	for (; *p; p++) {
		if (*p == '\\')
			pt_out_str("\\\\");
		else if (*p == '\t')
			pt_out_str("\\t");
		else if (*p == '\n')
			pt_out_str("\\n");
		else if (*p < 0x20 || *p == 0x7f) {
			esc[0] = '\\';
			esc[1] = (char)('0' + *p / 100);
			esc[2] = (char)('0' + *p / 10 % 10);
			esc[3] = (char)('0' + *p % 10);
			esc[4] = '\0';
			pt_out_str(esc);
		} else
			pt_out_char((char)*p);
	}
}

void
pt_part_time(const struct pt_time *t)
{
	char digits[9];

	pt_part_i64(t->sec);
	pt_fill_digits(digits + 9, t->nsec, 9);
	pt_out_char('.');
	pt_out_bytes(digits, 9);
}

void
pt_part_addr(uint8_t ipver, const uint8_t addr[16])
{
	field_sep();
	pt_out_addr(ipver, addr);
}

void
pt_part_hex(const uint8_t *p, size_t n)
{
	static const char digit[] = "0123456789abcdef";
	char buf[512];
	size_t i, k;

	field_sep();
	if (n == 0) {
		pt_out_char('-');
		return;
	}
	for (i = 0; i < n; i += k / 2) {
		for (k = 0; k < sizeof buf && i + k / 2 < n; k += 2) {
			buf[k] = digit[p[i + k / 2] >> 4];
			buf[k + 1] = digit[p[i + k / 2] & 15];
		}
		pt_out_bytes(buf, k);
	}
}

void
pt_part_end_record(void)
{
	pt_out_char('\n');
	records_written++;
}

void
pt_part_trailer(void)
{
	pt_out_str(PT_PART_END "\t");
	pt_out_u64(records_written);
	pt_out_char('\n');
}

/* ---- reading ---------------------------------------------------------- */

static void
fail(struct pt_part_reader *r, const char *why)
{
	snprintf(r->why, sizeof r->why, "%s", why);
}

/* Unescapes s in place; false on a bad escape. */
static bool
unescape(char *s)
{
	char *out = s, *start = s;
	int v;

	for (; *s; s++) {
		if (*s != '\\') {
			*out++ = *s;
			continue;
		}
		s++;
		if (*s == '\\')
			*out++ = '\\';
		else if (*s == 't')
			*out++ = '\t';
		else if (*s == 'n')
			*out++ = '\n';
		else if (*s == '0' && s[1] == '\0' && s - 1 == start)
			;	/* the empty field */
		else if (s[0] >= '0' && s[0] <= '2' && s[1] >= '0' &&
		    s[1] <= '9' && s[2] >= '0' && s[2] <= '9') {
			v = (s[0] - '0') * 100 + (s[1] - '0') * 10 + s[2] - '0';
			if (v == 0 || v > 255)
				return false;
			*out++ = (char)v;
			s += 2;
		} else
			return false;
	}
	*out = '\0';
	return true;
}

/* The next line into r->buf[r->pos, ...), NUL-terminated: its length. */
static int
read_line(struct pt_part_reader *r, char **line)
{
	char *nl;
	ssize_t got;

	for (;;) {
		nl = memchr(r->buf + r->pos, '\n', r->len - r->pos);
		if (nl != NULL) {
			*nl = '\0';
			*line = r->buf + r->pos;
			r->pos = (size_t)(nl - r->buf) + 1;
			r->line++;
			if (memchr(*line, '\0', (size_t)(nl - *line)) != NULL) {
				fail(r, "a NUL byte");
				return -1;
			}
			return 1;
		}
		if (r->eof) {
			r->line++;
			fail(r, r->len > r->pos ? "cut short in a line" :
			    "cut short: no trailer line");
			return -1;
		}
		if (r->pos > 0) {
			memmove(r->buf, r->buf + r->pos, r->len - r->pos);
			r->len -= r->pos;
			r->pos = 0;
		}
		if (r->len == r->cap && r->cap == PT_PART_MAX_LINE) {
			r->line++;
			fail(r, "line too long");
			return -1;
		}
		if (r->len == r->cap) {
			/* Lines are short: the buffer grows for a long one. */
			char *more = realloc(r->buf, 2 * r->cap +
			    PT_PART_SLACK);

			if (more == NULL) {
				fail(r, "out of memory");
				return -1;
			}
			r->buf = more;
			r->cap *= 2;
		}
		got = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			snprintf(r->why, sizeof r->why, "%s", strerror(errno));
			return -1;
		}
		if (got == 0)
			r->eof = true;
		r->len += (size_t)got;
	}
}

/*
 * Eight bytes at a time where words are little-endian: the lowest byte
 * of has_byte(w, c) that is set marks the first byte c in w (the bytes
 * above it may be set wrongly, by the borrow, and are not used).
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WORDS 1
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t
has_byte(uint64_t w, uint8_t c)
{
	w ^= ONES * c;
	return (w - ONES) & ~w & HIGHS;
}
#else
#define WORDS 0
#endif

/*
 * The length of the field at p: up to its tab or the line's NUL.  Lines
 * have PT_PART_SLACK bytes after their NUL, so words can be read.
 */
static inline size_t
field_length(const char *p)
{
	const char *s = p;
#if WORDS
	uint64_t w, m;

	for (;; p += 8) {
		memcpy(&w, p, 8);
		if ((m = has_byte(w, '\t') | has_byte(w, '\0')) != 0)
			return (size_t)(p - s) + (size_t)__builtin_ctzll(m) / 8;
	}
#else
	while (*p != '\t' && *p != '\0')
		p++;
	return (size_t)(p - s);
#endif
}

/*
 * The next field of the current line, NUL-ended in place, its length in
 * *n; NULL (r->why) when the line has no more.
 */
static inline char *
next_field(struct pt_part_reader *r, size_t *n)
{
	char *f = r->cur;

	if (f == NULL) {
		fail(r, "too few fields");
		return NULL;
	}
	*n = field_length(f);
	if (f[*n] == '\t') {
		f[*n] = '\0';
		r->cur = f + *n + 1;
	} else
		r->cur = NULL;
	return f;
}

/* line as the current line: its kind read, the getters at its second. */
static bool
start_line(struct pt_part_reader *r, char *line)
{
	size_t n;

	r->cur = line;
	r->kind = next_field(r, &n);
	if (!unescape(line)) {
		fail(r, "a bad escape");
		return false;
	}
	return true;
}

bool
pt_part_open(struct pt_part_reader *r, const char *name)
{
	uint64_t version;
	char *line;

	memset(r, 0, sizeof *r);
	r->name = name;
	r->fd = strcmp(name, "-") == 0 ? dup(STDIN_FILENO) :
	    open(name, O_RDONLY);
	if (r->fd < 0) {
		snprintf(r->why, sizeof r->why, "%s", strerror(errno));
		return false;
	}
	r->cap = 1 << 16;
	if ((r->buf = malloc(r->cap + PT_PART_SLACK)) == NULL) {
		snprintf(r->why, sizeof r->why, "out of memory");
		return false;
	}
	if (read_line(r, &line) < 0 || !start_line(r, line))
		return false;
	if (strcmp(r->kind, PT_PART_MAGIC) != 0) {
		fail(r, "not a partial record of " PACKAGE_NAME);
		return false;
	}
	if (!pt_part_get_u64(r, UINT32_MAX, &version))
		return false;
	if (version != PT_PART_VERSION) {
		snprintf(r->why, sizeof r->why, "format version %" PRIu64
		    ", this program reads version %d", version,
		    PT_PART_VERSION);
		return false;
	}
	return true;
}

void
pt_part_close(struct pt_part_reader *r)
{
	if (r->fd >= 0)
		close(r->fd);
	free(r->buf);
	r->buf = NULL;
	r->fd = -1;
}

bool
pt_part_load(struct pt_part_reader *r, char *line)
{
	return start_line(r, line);
}

int
pt_part_next(struct pt_part_reader *r)
{
	uint64_t n;
	char *line;
	size_t len;

	if (read_line(r, &line) < 0)
		return -1;
	if (r->keep != NULL && strncmp(line, PT_PART_END "\t",
	    sizeof PT_PART_END) != 0) {
		struct pt_part_kept k = { 0 };
		char *to;

		len = strlen(line) + 1;
		/* Padded, so that 8 bytes can be read anywhere in it. */
		k.size = (uint32_t)((len + PT_PART_SLACK + 7) & ~(size_t)7);
		r->kept_at = r->keep->len;
		if ((to = pt_bytes_extend(r->keep, sizeof k + k.size)) == NULL) {
			fail(r, "out of memory");
			return -1;
		}
		memcpy(to, &k, sizeof k);
		memcpy(to + sizeof k, line, len);
		memset(to + sizeof k + len, 0, k.size - len);
	}
	if (!start_line(r, line))
		return -1;
	if (strcmp(r->kind, PT_PART_END) == 0) {
		if (!pt_part_get_u64(r, UINT64_MAX, &n) || !pt_part_done(r))
			return -1;
		if (n != r->records) {
			snprintf(r->why, sizeof r->why, "the trailer counts %"
			    PRIu64 " records, %" PRIu64 " were read", n,
			    r->records);
			return -1;
		}
		if (r->len > r->pos || (!r->eof && read_line(r, &line) >= 0)) {
			fail(r, "lines after the trailer");
			return -1;
		}
		return 0;
	}
	r->records++;
	return 1;
}

void *
pt_part_keep(struct pt_part_reader *r, size_t size)
{
	struct pt_part_kept k = { 0 };
	struct pt_bytes *b = r->keep;
	char *to;

	if (b == NULL || !r->keep_read || strlen(r->kind) >= sizeof k.kind)
		return NULL;
	k.size = (uint32_t)((size + 7) & ~(size_t)7);
	k.read = true;
	memcpy(k.kind, r->kind, strlen(r->kind) + 1);
	k.source = r->source;
	/* In the line's place. */
	b->len = r->kept_at;
	if ((to = pt_bytes_extend(b, sizeof k + k.size)) == NULL)
		pt_xreallocarray(NULL, SIZE_MAX, 2);	/* no memory */
	memcpy(to, &k, sizeof k);
	return to + sizeof k;
}

/*
 * The getters of numbers, times and IPv4 addresses read the digits as
 * they pass, in one pass over the field: most of a partial is numbers.
 * On failure the field is passed over (skip), as if read.
 */
static void
skip(struct pt_part_reader *r, char *f)
{
	size_t n;

	r->cur = f;
	(void)next_field(r, &n);
}

/* The field ends at p, at a tab or the line's end: the cursor moves on. */
static inline bool
end_field(struct pt_part_reader *r, const char *p)
{
	if (*p == '\t') {
		r->cur = (char *)p + 1;
		return true;
	}
	if (*p == '\0') {
		r->cur = NULL;
		return true;
	}
	return false;
}

/* Decimal digits at s: their value modulo 2^64 in *v, and their end. */
static inline const char *
digits(const char *s, uint64_t *v)
{
	uint64_t x = 0, d;

	while ((d = (uint64_t)(unsigned char)*s - '0') <= 9) {
		x = x * 10 + d;
		s++;
	}
	*v = x;
	return s;
}

/*
 * A number as written at s: digits, no leading zero (one way to write
 * each number), at most 2^64 - 1; where it ends, or NULL.  Below 20
 * digits it cannot overflow; 20 are read again, with care.
 */
static inline const char *
number(const char *s, uint64_t *v)
{
	const char *p = digits(s, v);
	uint64_t x = 0, d;
	int i;

	if (p == s || (s[0] == '0' && p - s > 1) || p - s > 20)
		return NULL;
	if (p - s == 20) {
		for (i = 0; i < 20; i++) {
			d = (uint64_t)(s[i] - '0');
			if (x > (UINT64_MAX - d) / 10)
				return NULL;
			x = x * 10 + d;
		}
		*v = x;
	}
	return p;
}

/* A signed number at s, at most 2^63 - 1 from zero ("-0" is not one). */
static inline const char *
signed_number(const char *s, int64_t *v)
{
	bool neg = s[0] == '-' && s[1] != '0';
	const char *p;
	uint64_t x;

	if ((p = number(s + neg, &x)) == NULL ||
	    x > (uint64_t)INT64_MAX + neg)
		return NULL;
	*v = neg ? (int64_t)(0 - x) : (int64_t)x;
	return p;
}

bool
pt_part_get_u64(struct pt_part_reader *r, uint64_t max, uint64_t *v)
{
	char *f = r->cur;
	const char *p;

	if (f == NULL) {
		fail(r, "too few fields");
		return false;
	}
	if ((p = number(f, v)) == NULL || *v > max || !end_field(r, p)) {
		skip(r, f);
		fail(r, "a number out of place or range");
		return false;
	}
	return true;
}

bool
pt_part_get_i64(struct pt_part_reader *r, int64_t *v)
{
	char *f = r->cur;
	const char *p;

	if (f == NULL) {
		fail(r, "too few fields");
		return false;
	}
	if ((p = signed_number(f, v)) == NULL || !end_field(r, p)) {
		skip(r, f);
		fail(r, "a number out of place or range");
		return false;
	}
	return true;
}

bool
pt_part_get_str(struct pt_part_reader *r, const char **s)
{
	char *f;
	size_t n;

	if ((f = next_field(r, &n)) == NULL)
		return false;
	if (!unescape(f)) {
		fail(r, "a bad escape");
		return false;
	}
	*s = f;
	return true;
}

bool
pt_part_get_time(struct pt_part_reader *r, struct pt_time *t)
{
	char *f = r->cur;
	const char *p, *q;
	uint64_t ns;
	int64_t sec;

	if (f == NULL) {
		fail(r, "too few fields");
		return false;
	}
	/* Seconds, a dot, 9 decimals (which may begin with zeros). */
	if ((p = signed_number(f, &sec)) == NULL || *p != '.' ||
	    (q = digits(p + 1, &ns)) != p + 10 || !end_field(r, q)) {
		skip(r, f);
		fail(r, "a time out of place");
		return false;
	}
	t->sec = sec;
	t->nsec = (uint32_t)ns;
	return true;
}

/* A dotted quad as inet_ntop writes it at s: no leading zeros, 0-255. */
static const char *
ipv4(const char *s, uint8_t addr[4])
{
	const char *p = s;
	unsigned v, k;

	for (k = 0; k < 4; k++) {
		if (k > 0 && *p++ != '.')
			return NULL;
		if (*p < '0' || *p > '9')
			return NULL;
		v = (unsigned)(*p++ - '0');
		/* Up to 3 digits, the first not a 0 when there are more. */
		while (v != 0 && v < 100 && *p >= '0' && *p <= '9')
			v = v * 10 + (unsigned)(*p++ - '0');
		if (v > 255)
			return NULL;
		addr[k] = (uint8_t)v;
	}
	return p;
}

bool
pt_part_get_addr(struct pt_part_reader *r, uint8_t ipver, uint8_t addr[16])
{
	char *f = r->cur;
	const char *p;
	size_t n;

	if (f == NULL) {
		fail(r, "too few fields");
		return false;
	}
	memset(addr, 0, 16);
	if (ipver == 4 ? (p = ipv4(f, addr)) == NULL || !end_field(r, p) :
	    (f = next_field(r, &n), inet_pton(AF_INET6, f, addr) != 1)) {
		if (ipver == 4)
			skip(r, f);
		fail(r, "an address out of place");
		return false;
	}
	return true;
}

/* A hex digit's value and one; 0 for a byte that is not one. */
static const uint8_t hex_value[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6,
	['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12,
	['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

bool
pt_part_get_hex(struct pt_part_reader *r, uint8_t *buf, size_t max,
    size_t *n)
{
	char *f;
	size_t len, i;
	int hi, lo;

	if ((f = next_field(r, &len)) == NULL)
		return false;
	if (strcmp(f, "-") == 0) {
		*n = 0;
		return true;
	}
	if (len % 2 != 0 || len / 2 > max) {
		fail(r, "bytes out of place or too many");
		return false;
	}
	for (i = 0; i < len / 2; i++) {
		hi = hex_value[(unsigned char)f[2 * i]];
		lo = hex_value[(unsigned char)f[2 * i + 1]];
		if (hi == 0 || lo == 0) {
			fail(r, "bytes out of place or too many");
			return false;
		}
		buf[i] = (uint8_t)((hi - 1) << 4 | (lo - 1));
	}
	*n = len / 2;
	return true;
}

bool
pt_part_done(struct pt_part_reader *r)
{
	if (r->cur != NULL) {
		fail(r, "too many fields");
		return false;
	}
	return true;
}

const char *
pt_part_rest(const struct pt_part_reader *r)
{
	return r->cur != NULL ? r->cur : "";
}

void *
pt_bytes_extend(struct pt_bytes *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 1 << 16;
	char *more;

	if (__builtin_expect(b->cap - b->len < n, 0)) {
		while (cap - b->len < n) {
			if (cap > SIZE_MAX / 2)
				return NULL;
			cap *= 2;
		}
		if ((more = pt_try_reallocarray(b->data, cap, 1)) == NULL)
			return NULL;
		b->data = more;
		b->cap = cap;
	}
	b->len += n;
	return b->data + b->len - n;
}
