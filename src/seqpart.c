/*
 * seqpart.c: a direction's sequence space in partial records.
 *
 * No bounded summary of a segment's adds gives, applied onto any earlier
 * state, what the single pass counts (the holes it keeps, the 2^30 rule:
 * see seqspace.c), so the record keeps every start and add, in order,
 * and the merge replays them through seqspace.c: exact by construction.
 * Only runs are merged: k adds of one length, each where the one before
 * ended, are one token, and are replayed as k adds.  The text is tokens
 * separated by ',':
 *
 *	sSEQ		start at SEQ (only before any add: after, a no-op)
 *	@SEQ+LEN*K	K adds of LEN bytes from SEQ ("*K" when K > 1)
 *	+LEN*K		the same from where the add before ended
 *
 * A chunk (a field) begins with a start or an add with its number, and
 * stays shorter than PT_SEQPART_CHUNK characters.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcaptally.h"
#include "seqpart.h"

static void
put(struct pt_seqpart *p, const char *s, size_t n)
{
	if (p->cap - p->len < n + 1) {
		p->cap = p->cap ? 2 * p->cap : 64;
		while (p->cap - p->len < n + 1)
			p->cap *= 2;
		p->text = pt_xreallocarray(p->text, p->cap, 1);
	}
	memcpy(p->text + p->len, s, n);
	p->len += n;
	p->text[p->len] = '\0';
}

/* Room for a token of n characters in the chunk, or a new chunk. */
static void
token(struct pt_seqpart *p, size_t n)
{
	if (p->len > p->chunk && p->len - p->chunk + n + 1 >=
	    PT_SEQPART_CHUNK) {
		put(p, ";", 1);
		p->chunk = p->len;
		p->based = false;
	} else if (p->len > p->chunk)
		put(p, ",", 1);
}

/* The run noted last, written out as a token. */
static void
flush(struct pt_seqpart *p)
{
	char buf[40];
	int n;

	if (p->run_k == 0)
		return;
	token(p, sizeof buf);
	if (p->based && p->run_seq == p->next)
		n = snprintf(buf, sizeof buf, "+%u", (unsigned)p->run_len);
	else
		n = snprintf(buf, sizeof buf, "@%u+%u", (unsigned)p->run_seq,
		    (unsigned)p->run_len);
	if (p->run_k > 1)
		n += snprintf(buf + n, sizeof buf - (size_t)n, "*%u",
		    (unsigned)p->run_k);
	put(p, buf, (size_t)n);
	p->based = true;
	p->next = p->run_seq + p->run_len * p->run_k;
	p->run_k = 0;
}

void
pt_seqpart_start(struct pt_seqpart *p, uint32_t seq)
{
	char buf[16];
	int n;

	if (p->started)
		return;
	p->started = true;
	n = snprintf(buf, sizeof buf, "s%u", (unsigned)seq);
	token(p, (size_t)n);
	put(p, buf, (size_t)n);
}

void
pt_seqpart_add(struct pt_seqpart *p, uint32_t seq, uint32_t len)
{
	if (len == 0)
		return;		/* as pt_seqspace_add: not even a start */
	p->started = true;
	if (p->run_k != 0 && p->run_k < PT_SEQPART_RUN &&
	    len == p->run_len && seq == p->run_seq + p->run_len * p->run_k) {
		p->run_k++;
		return;
	}
	flush(p);
	p->run_seq = seq;
	p->run_len = len;
	p->run_k = 1;
}

void
pt_seqpart_end(struct pt_seqpart *p)
{
	flush(p);
}

void
pt_seqpart_free(struct pt_seqpart *p)
{
	free(p->text);
	memset(p, 0, sizeof *p);
}

/* A decimal number from 1 (or 0) to max; *s moved past it. */
static bool
number(const char **s, uint64_t min, uint64_t max, uint64_t *v)
{
	const char *c = *s;

	*v = 0;
	if (*c < '0' || *c > '9')
		return false;
	for (; *c >= '0' && *c <= '9'; c++) {
		*v = *v * 10 + (uint64_t)(*c - '0');
		if (*v > max)
			return false;
	}
	*s = c;
	return *v >= min;
}

bool
pt_seqpart_replay(const char *text, struct pt_seqspace *s)
{
	uint64_t seq, len, k, i;
	uint32_t next = 0;
	bool based = false;

	if (*text == '\0' || strcmp(text, "-") == 0)
		return *text != '\0';
	for (;;) {
		if (*text == 's') {
			text++;
			if (!number(&text, 0, UINT32_MAX, &seq))
				return false;
			if (s != NULL)
				pt_seqspace_start(s, (uint32_t)seq);
		} else {
			if (*text == '@') {
				text++;
				if (!number(&text, 0, UINT32_MAX, &seq))
					return false;
				next = (uint32_t)seq;
				based = true;
			} else if (!based)
				return false;
			if (*text++ != '+' ||
			    !number(&text, 1, UINT32_MAX, &len))
				return false;
			k = 1;
			if (*text == '*') {
				text++;
				if (!number(&text, 2, PT_SEQPART_RUN, &k))
					return false;
			}
			for (i = 0; i < k; i++) {
				if (s != NULL)
					pt_seqspace_add(s, next, (uint32_t)len);
				next += (uint32_t)len;
			}
		}
		if (*text == '\0')
			return true;
		if (*text++ != ',')
			return false;
	}
}
