/*
 * cli.c: what every program's command line has in common: the common
 * options, usage and version, messages, reading the files, exit status.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "merge.h"
#include "pcaptally.h"

void
pt_usage_error(const struct pt_prog *prog)
{
	fprintf(stderr, "usage: %s %s\nTry '%s --help' for more.\n",
	    prog->name, prog->synopsis, prog->name);
	exit(2);
}

void
pt_cli_init(const struct pt_prog *prog)
{
	pt_progname = prog->name;
}

/* Help and version go to standard output, checked like any output. */
static void
print_and_exit(const char *const *parts)
{
	for (; *parts; parts++)
		pt_out_str(*parts);
	exit(pt_out_close() ? 0 : 1);
}

void
pt_cli_option(const struct pt_prog *prog, struct pt_opts *o, int opt,
    const char *arg)
{
	switch (opt) {
	case 'H':
		o->header = true;
		break;
	case 'l':
		o->line_buffered = true;
		break;
	case 'q':
		o->quiet = true;
		break;
	case 'T':
		pt_out_iso_times = true;
		break;
	case 'f':
		o->filter = arg;
		break;
	case 'h':
		print_and_exit((const char *const[]){ "usage: ", prog->name,
		    " ", prog->synopsis, "\n", prog->summary, "\n\n",
		    prog->options, PT_COMMON_OPTIONS_HELP, NULL });
		break;
	case 'V':
		print_and_exit((const char *const[]){ prog->name,
		    " (" PACKAGE_NAME ") " PACKAGE_VERSION "\n", NULL });
		break;
	case 'v':
		o->verbose = true;
		break;
	case PT_OPT_PARTIAL:
		o->partial = true;
		break;
	case PT_OPT_MERGE:
		o->merge = true;
		break;
	default:
		pt_usage_error(prog);
	}
}

/* No file named: standard input, unless a person is typing there. */
static void
or_standard_input(const struct pt_prog *prog, int *argc, char *const **argv)
{
	static char *const standard_input[] = { "-", NULL };

	if (*argc == 0) {
		/* Nothing to read from a person typing: they want usage. */
		if (isatty(STDIN_FILENO))
			pt_usage_error(prog);
		*argc = 1;
		*argv = standard_input;
	}
}

static void
cli_read(const struct pt_prog *prog, const struct pt_opts *o,
    struct pt_merge *m, struct pt_input *in, int argc, char *const *argv,
    pt_packet_fn *fn, void *ctx)
{
	char err[PCAP_ERRBUF_SIZE];

	if (o->filter && !pt_filter_valid(o->filter, err)) {
		pt_warn("invalid filter '%s': %s", o->filter, err);
		exit(2);
	}
	or_standard_input(prog, &argc, &argv);
	in->filter = o->filter;
	in->progress = !o->quiet;
	/* A filter some named file's link type refuses: nothing is read. */
	if (o->filter && !pt_input_check_filter(in, argv, argc))
		exit(2);
	/* A person watching sees each line when it is known. */
	pt_out_line_buffered = o->line_buffered || isatty(STDOUT_FILENO);
	if (m != NULL)
		pt_part_begin(m, in, argv, argc);
	pt_input_run(in, argv, argc, fn, ctx);
}

void
pt_cli_read(const struct pt_prog *prog, const struct pt_opts *o,
    struct pt_input *in, int argc, char *const *argv, pt_packet_fn *fn,
    void *ctx)
{
	cli_read(prog, o, NULL, in, argc, argv, fn, ctx);
}

void
pt_cli_partial(const struct pt_prog *prog, const struct pt_opts *o,
    struct pt_merge *m, struct pt_input *in, int argc, char *const *argv,
    pt_packet_fn *fn, void *ctx)
{
	m->prog = prog->name;
	/* The filter shapes the results: partials of others do not merge. */
	if (o->filter)
		pt_merge_add_field(m, "f", o->filter);
	cli_read(prog, o, m, in, argc, argv, fn, ctx);
}

void
pt_cli_merge(const struct pt_prog *prog, const struct pt_opts *o,
    struct pt_merge *m, int argc, char *const *argv)
{
	/* The options that shape the results are the partials'. */
	if (o->filter) {
		pt_warn("--merge takes -f from the partial records: give it "
		    "to --partial");
		pt_usage_error(prog);
	}
	or_standard_input(prog, &argc, &argv);
	m->prog = prog->name;
	m->partial = o->partial;
	pt_out_line_buffered = o->line_buffered || isatty(STDOUT_FILENO);
	m->parts = argv;
	m->nparts = argc;
	pt_merge_options(m, argv, argc);
	if (!pt_merge_fields_known(m, prog->option_fields))
		exit(2);
}

int
pt_cli_finish(const struct pt_opts *o, struct pt_input *in)
{
	bool written = pt_out_close();
	uint64_t damaged = pt_stats_damaged(&in->stats);

	/* Skipped packets change answers: never silently. */
	if (o->verbose)
		pt_stats_report(&in->stats);
	else if (damaged > 0)
		pt_warn("%" PRIu64 " truncated or invalid packet%s skipped "
		    "(-v counts them by reason)", damaged,
		    damaged == 1 ? "" : "s");
	pt_input_free(in);
	if (in->filter_refused)
		return 2;
	/* As a shell reports a program the signal ended; results printed. */
	if (in->interrupted)
		return 128 + in->interrupted;
	return in->failed || !written ? 1 : 0;
}
