/* message.c: messages to standard error. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "message.h"

const char *pt_progname = PACKAGE;
void (*pt_warn_hook)(const char *text);

void
pt_warn(const char *fmt, ...)
{
	char buf[1024], *text = buf;
	va_list ap, again;
	int n;

	va_start(ap, fmt);
	va_copy(again, ap);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	/* A long file name or filter: the whole message, if memory allows. */
	if (n >= (int)sizeof buf && (text = malloc((size_t)n + 1)) != NULL)
		vsnprintf(text, (size_t)n + 1, fmt, again);
	else if (text == NULL)
		text = buf;
	va_end(again);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", pt_progname, text);
	if (pt_warn_hook != NULL)
		pt_warn_hook(text);
	if (text != buf)
		free(text);
}
