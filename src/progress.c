/*
 * progress.c: a progress line for a person at a terminal, on long runs.
 *
 * Only when standard error is a terminal and the input a regular file
 * (its size known), and not with -q.  The line is redrawn at most every
 * PCAPTALLY_PROGRESS_MS milliseconds (250 by default), and the clock is
 * read only every 8192 packets, so it costs nothing measurable; it is
 * erased when the file is done.  Cron jobs and pipes into files (stderr
 * not a terminal) never see it.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pcaptally.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
pt_progress_start(struct pt_progress *pr, bool wanted, const char *name,
    int fd)
{
	const char *ms = getenv("PCAPTALLY_PROGRESS_MS");
	struct stat st;

	pr->on = false;
	if (!wanted || fd < 0 || !isatty(STDERR_FILENO) ||
	    fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	pr->on = true;
	pr->name = name;
	pr->size = (uint64_t)st.st_size;
	pr->interval = ms ? atof(ms) / 1000 : 0.25;
	pr->start = pr->last = now();
	pr->countdown = PT_PROGRESS_EVERY;
	pr->shown = false;
}

/* Bytes, in the unit that suits them. */
static void
human(char *out, size_t n, double bytes)
{
	static const char *const units[] = { "B", "kB", "MB", "GB", "TB" };
	int u = 0;

	while (bytes >= 1000 && u < 4) {
		bytes /= 1000;
		u++;
	}
	snprintf(out, n, u ? "%.1f %s" : "%.0f %s", bytes, units[u]);
}

void
pt_progress_draw(struct pt_progress *pr, uint64_t packets, uint64_t upos)
{
	double t = now(), elapsed, rate;
	char done[32], size[32], left[32];
	off_t pos;

	pr->countdown = PT_PROGRESS_EVERY;
	if (t - pr->last < pr->interval)
		return;
	pr->last = t;
	elapsed = t - pr->start;
	pos = (off_t)upos;
	if (elapsed <= 0)
		return;
	rate = (double)pos / elapsed;
	human(done, sizeof done, (double)pos);
	human(size, sizeof size, (double)pr->size);
	snprintf(left, sizeof left, "%.0f s left", rate > 0 && pr->size >
	    (uint64_t)pos ? (double)(pr->size - (uint64_t)pos) / rate : 0.0);
	fprintf(stderr, "\r%s: %s: %3.0f%%, %s of %s, %" PRIu64 " packets, "
	    "%.0f packets/s, %s\033[K", pt_progname, pr->name,
	    pr->size ? 100.0 * (double)pos / (double)pr->size : 100.0, done,
	    size, packets, (double)packets / elapsed, left);
	fflush(stderr);
	pr->shown = true;
}

void
pt_progress_end(struct pt_progress *pr)
{
	if (pr->on && pr->shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	pr->on = false;
}
