/* message.c: messages to standard error. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>

#include "message.h"

const char *pt_progname = PACKAGE;

void
pt_warn(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", pt_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
