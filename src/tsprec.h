/* tsprec.h: private to the library; see tsprec.c. */
#ifndef PCAPTALLY_TSPREC_H
#define PCAPTALLY_TSPREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether the capture whose first n bytes are head has ns timestamps. */
bool capture_has_nsec(const uint8_t *head, size_t n);
/* Whether it is a classic pcap file (seconds: 32 bits, unsigned). */
bool capture_is_pcap(const uint8_t *head, size_t n);

/*
 * How many first bytes capture_has_nsec() needs, knowing the first n:
 * n or fewer when they are enough (or when more would not help).  So a
 * pipe is read only as far as the header goes, and no further.
 */
size_t capture_head_wanted(const uint8_t *head, size_t n);

#endif
