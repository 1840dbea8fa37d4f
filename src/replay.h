/* replay.h: private to the library; see replay.c. */
#ifndef PCAPTALLY_REPLAY_H
#define PCAPTALLY_REPLAY_H

#include <stdio.h>

/*
 * A stream that reads head[0, len) and then the file descriptor fd;
 * closing it closes fd.  NULL when out of memory (fd stays open then).
 */
FILE *replay_open(int fd, const void *head, size_t len);

#endif
