/*
 * message.h: messages to standard error, "prog: ...".  The bottom of the
 * library: every module may report, none of them through the command
 * line's module (cli.c) above it.
 */
#ifndef PCAPTALLY_MESSAGE_H
#define PCAPTALLY_MESSAGE_H

/* The program's name in messages; pt_cli_init() sets it. */
extern const char *pt_progname;

/* A message "prog: ..." and a newline on standard error. */
void pt_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * When set, it gets a copy of each message, without the program's name:
 * the messages about a capture that --partial keeps for the merge.
 */
extern void (*pt_warn_hook)(const char *text);

#endif
