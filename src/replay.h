/* replay.h: private to the library; see replay.c. */
#ifndef PCAPTALLY_REPLAY_H
#define PCAPTALLY_REPLAY_H

#include <stdio.h>

/*
 * A stream that reads head[0, len) and then rest; closing it closes rest.
 * NULL when out of memory (rest is not closed then).
 */
FILE *replay_open(FILE *rest, const void *head, size_t len);

#endif
