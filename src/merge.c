/*
 * merge.c: what --partial and --merge share in every program.
 *
 * A partial record holds, besides the program's own records, what the
 * single pass would have said and decided about the files it read: an N
 * record when a file is opened (to tell a file named twice), an O record
 * at its first frame (to tell files named out of order), the messages
 * about it as they came (M), a link type's refusal of the filter (X,
 * said once a run), an S record at its end (its frames, the decimals it
 * decides when it comes first, its last frame's time), and the counts of
 * the frames read (V).  The merge replays them through the input's own
 * checks (input.c), so that its messages are those of one pass over all
 * the files, in the same order.
 *
 * Every record's second field is the index of its source among the
 * partial's files: merging partials into one (--merge --partial) is
 * writing their records one after another, the indices moved on; so a
 * merge of merges is the merge of all, whatever the tree.
 *
 * A partial is read whole and checked before any of it is used: one cut
 * short or damaged is left out, with a message naming its line, as a
 * capture that cannot be read is.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "pcaptally.h"

void
pt_part_begin(const struct pt_merge *m, struct pt_input *in,
    char *const *files, int nfiles)
{
	const char **fields;
	char **sources;
	size_t i, n = m->nfields + (size_t)nfiles;

	fields = pt_xreallocarray(NULL, n ? n : 1, sizeof *fields);
	sources = pt_xreallocarray(NULL, nfiles ? (size_t)nfiles : 1,
	    sizeof *sources);
	for (i = 0; i < m->nfields; i++)
		fields[i] = m->fields[i];
	for (i = 0; i < (size_t)nfiles; i++) {
		sources[i] = pt_xreallocarray(NULL, strlen(files[i]) + 8, 1);
		snprintf(sources[i], strlen(files[i]) + 8, "source=%s",
		    files[i]);
		fields[m->nfields + i] = sources[i];
	}
	pt_part_header(m->prog, fields, n);
	for (i = 0; i < (size_t)nfiles; i++)
		free(sources[i]);
	free(sources);
	free(fields);
	in->partial = true;
}

/* A V record: the counts of the frames read. */
static void
write_counts(uint64_t source, const struct pt_stats *st, bool failed,
    bool refused)
{
	int v;

	pt_part_kind("V");
	pt_part_u64(source);
	pt_part_u64(st->frames);
	pt_part_u64(st->filtered);
	pt_part_u64(st->tcp);
	pt_part_u64(st->udp);
	for (v = 0; v < PT_VERDICTS; v++)
		pt_part_u64(st->verdicts[v]);
	pt_part_u64(failed);
	pt_part_u64(refused);
	pt_part_end_record();
}

void
pt_part_finish(struct pt_input *in)
{

	if (in->out_of_memory || in->interrupted) {
		pt_warn("the partial record has no trailer: reading stopped "
		    "before the end, and no merge will take it for whole");
		return;
	}
	write_counts(0, &in->stats, in->failed, in->filter_refused);
	pt_part_trailer();
}

/* A source named in a partial's header, for a merged partial's header. */
static void
keep_source(struct pt_merge *m, const char *field)
{
	m->header_sources = pt_xreallocarray(m->header_sources,
	    m->nheader_sources + 1, sizeof *m->header_sources);
	if ((m->header_sources[m->nheader_sources] = strdup(field)) == NULL)
		pt_xreallocarray(NULL, SIZE_MAX, 2);	/* no memory */
	m->nheader_sources++;
}

/* A partial's header: its program and fields after the version. */
static bool
read_header(struct pt_part_reader *r, const char *prog, const char **got)
{
	if (!pt_part_get_str(r, got))
		return false;
	if (strcmp(*got, prog) != 0) {
		snprintf(r->why, sizeof r->why, "a partial record of %s, not "
		    "of %s", *got, prog);
		return false;
	}
	return true;
}

static bool
is_source(const char *field)
{
	return strncmp(field, "source=", 7) == 0;
}

/* The first field of a that is not in b, or NULL. */
static const char *
missing(char **a, size_t na, char **b, size_t nb)
{
	size_t i, j;

	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && strcmp(a[i], b[j]) != 0; j++)
			;
		if (j == nb)
			return a[i];
	}
	return NULL;
}

size_t
pt_merge_options(struct pt_merge *m, char *const *parts, int nparts)
{
	struct pt_part_reader r;
	const char *f, *name, *odd;
	char **first = NULL, **these = NULL;
	size_t nfirst = 0, nthese, i;
	int p, good = -1;

	m->part_sources = pt_xreallocarray(NULL, (size_t)nparts + 1,
	    sizeof *m->part_sources);
	for (p = 0; p < nparts; p++) {
		m->part_sources[p] = m->nheader_sources;
		if (strcmp(parts[p], "-") == 0 && m->input != NULL) {
			pt_warn("standard input named twice");
			exit(2);
		}
		if (!pt_part_open(&r, parts[p]) ||
		    !read_header(&r, m->prog, &name)) {
			/* Another program or version: a usage error. */
			if (r.line == 1 && (strncmp(r.why, "a partial record "
			    "of ", 20) == 0 || strncmp(r.why, "format version",
			    14) == 0)) {
				pt_warn("%s: %s", parts[p], r.why);
				exit(2);
			}
			/* Damage: told when the partial is read. */
			pt_part_close(&r);
			m->part_sources[p] = SIZE_MAX;
			continue;
		}
		nthese = 0;
		while (r.cur != NULL && pt_part_get_str(&r, &f)) {
			if (is_source(f)) {
				keep_source(m, f);
				continue;
			}
			these = pt_xreallocarray(these, nthese + 1,
			    sizeof *these);
			if ((these[nthese++] = strdup(f)) == NULL)
				pt_xreallocarray(NULL, SIZE_MAX, 2);
		}
		if (strcmp(parts[p], "-") == 0) {
			/* A pipe is read once: its reader is kept. */
			m->input = pt_xreallocarray(NULL, 1, sizeof r);
			*m->input = r;
		} else
			pt_part_close(&r);
		if (good < 0) {
			good = p;
			first = these;
			nfirst = nthese;
			these = NULL;
			continue;
		}
		odd = missing(these, nthese, first, nfirst);
		if (odd != NULL || (odd = missing(first, nfirst, these,
		    nthese)) != NULL) {
			pt_warn("%s: made with other options than %s (%s in "
			    "one, not the other): merge partials of the same "
			    "options only", parts[p], parts[good], odd);
			exit(2);
		}
		for (i = 0; i < nthese; i++)
			free(these[i]);
		free(these);
		these = NULL;
	}
	m->part_sources[nparts] = m->nheader_sources;
	m->fields = (const char **)first;
	m->nfields = nfirst;
	return nfirst;
}

/* Whether a source index names one of the partial's files. */
static bool
get_source(struct pt_part_reader *r, size_t nsources, size_t *src)
{
	uint64_t v;

	if (!pt_part_get_u64(r, nsources ? nsources - 1 : 0, &v) ||
	    nsources == 0) {
		snprintf(r->why, sizeof r->why, "a source index out of range");
		return false;
	}
	*src = (size_t)v;
	return true;
}

/* The state of the partial being checked, source by source. */
struct part_state {
	size_t nsources;
	size_t first;		/* m->sources index of its first */
	size_t ended;		/* sources with their S record */
	uint64_t frames;	/* of the sources ended */
	uint64_t *starts;	/* [s]: frames before source s, s <= ended */
	size_t part;		/* its index among the partials named */
};

static void
write_record(struct pt_part_reader *r, const struct part_state *ps,
    size_t src)
{
	pt_part_kind(r->kind);
	pt_part_u64(ps->first + src);
	if (r->cur != NULL) {
		pt_out_char('\t');
		pt_out_str(pt_part_rest(r));	/* as read: still escaped */
	}
	pt_part_end_record();
}

/* Source s of the partial being read, as the merge knows it. */
static void
source_of(const struct pt_merge *m, const struct part_state *ps, size_t s,
    struct pt_merge_source *src)
{
	src->name = m->sources[ps->first + s];
	src->index = ps->first + s;
	/* A record written after its file ended still counts from it. */
	src->frames_before = m->frames + (s <= ps->ended ? ps->starts[s] :
	    ps->frames);
	src->frames = s < ps->ended ? ps->starts[s + 1] - ps->starts[s] :
	    UINT64_MAX;
	src->part = ps->part;
}

/* One record of a partial: checked (apply false) or applied. */
static bool
record(struct pt_merge *m, struct pt_input *in, struct pt_part_reader *r,
    struct part_state *ps, bool apply)
{
	struct pt_merge_source src;
	struct pt_file_id id;
	struct pt_stats st;
	struct pt_time t;
	const char *kind, *text;
	uint64_t a, b, c, d;
	size_t s, i;
	bool first;
	int v;

	kind = r->kind;
	if (!get_source(r, ps->nsources, &s))
		return false;
	if (strchr("NOMXS", kind[0]) != NULL && kind[1] == '\0' &&
	    s < ps->ended) {
		snprintf(r->why, sizeof r->why, "a record of a file ended");
		return false;
	}
	if (apply && m->partial && strcmp(kind, "V") != 0) {
		/* Escaped fields are copied as they are: no unescaping. */
		write_record(r, ps, s);
		if (strcmp(kind, "S") == 0)
			ps->ended = s + 1;
		return true;
	}
	source_of(m, ps, s, &src);
	r->source = s;
	first = src.index == 0;
	if (strcmp(kind, "N") == 0) {
		memset(&id, 0, sizeof id);
		if (!pt_part_get_u64(r, 1, &a) ||
		    !pt_part_get_u64(r, UINT64_MAX, &id.host) ||
		    !pt_part_get_u64(r, UINT64_MAX, &id.dev) ||
		    !pt_part_get_u64(r, UINT64_MAX, &id.ino) ||
		    !pt_part_get_u64(r, UINT64_MAX, &id.size) ||
		    !pt_part_get_i64(r, &id.mtime_ns) || !pt_part_done(r))
			return false;
		id.regular = a;
		if (apply)
			pt_input_note(in, src.name, &id);
	} else if (strcmp(kind, "O") == 0) {
		if (!pt_part_get_u64(r, 1, &a) || !pt_part_get_time(r, &t) ||
		    !pt_part_done(r))
			return false;
		if (apply) {
			if (first)
				in->nsec = a;
			pt_input_check_order(in, src.name, &t);
		}
	} else if (strcmp(kind, "M") == 0) {
		if (!pt_part_get_str(r, &text) || !pt_part_done(r))
			return false;
		if (apply)
			pt_warn("%s", text);
	} else if (strcmp(kind, "X") == 0) {
		if (!pt_part_get_u64(r, UINT32_MAX, &a) ||
		    !pt_part_get_str(r, &text) || !pt_part_done(r))
			return false;
		if (apply) {
			/* Said once a run, as one pass says it. */
			for (i = 0; i < m->nrefused &&
			    m->refused[i] != (uint32_t)a; i++)
				;
			if (i == m->nrefused) {
				m->refused = pt_xreallocarray(m->refused,
				    i + 1, sizeof *m->refused);
				m->refused[m->nrefused++] = (uint32_t)a;
				pt_warn("%s", text);
			}
		}
	} else if (strcmp(kind, "S") == 0) {
		if (!pt_part_get_u64(r, UINT64_MAX, &a) ||
		    !pt_part_get_u64(r, 1, &b) || !pt_part_get_u64(r, 1, &c) ||
		    !pt_part_get_time(r, &t) || !pt_part_done(r))
			return false;
		if (s != ps->ended) {
			snprintf(r->why, sizeof r->why, "files ended out of "
			    "order");
			return false;
		}
		if (a > UINT64_MAX - m->frames - ps->frames) {
			snprintf(r->why, sizeof r->why, "too many frames");
			return false;
		}
		ps->ended = s + 1;
		ps->frames += a;
		ps->starts[s + 1] = ps->frames;
		if (apply) {
			if (first && !c)
				in->nsec = b;
			if (c) {
				in->last_ts = t;
				in->last_name = src.name;
			}
		}
	} else if (strcmp(kind, "V") == 0) {
		memset(&st, 0, sizeof st);
		if (!pt_part_get_u64(r, UINT64_MAX, &st.frames) ||
		    !pt_part_get_u64(r, UINT64_MAX, &st.filtered) ||
		    !pt_part_get_u64(r, UINT64_MAX, &st.tcp) ||
		    !pt_part_get_u64(r, UINT64_MAX, &st.udp))
			return false;
		for (v = 0; v < PT_VERDICTS; v++)
			if (!pt_part_get_u64(r, UINT64_MAX, &st.verdicts[v]))
				return false;
		if (!pt_part_get_u64(r, 1, &c) || !pt_part_get_u64(r, 1, &d) ||
		    !pt_part_done(r))
			return false;
		if (apply) {
			in->stats.filtered += st.filtered;
			in->stats.tcp += st.tcp;
			in->stats.udp += st.udp;
			for (v = 0; v < PT_VERDICTS; v++)
				in->stats.verdicts[v] += st.verdicts[v];
			in->failed |= c;
			in->filter_refused |= d;
			/* Counts add up: one V a partial merged. */
			if (m->partial)
				write_counts(s, &st, c, d);
		}
	} else
		return m->record(m->ctx, r, kind, &src, apply);
	return true;
}

/* The sources a partial's header named, added to m->sources. */
static void
add_sources(struct pt_merge *m, size_t from, size_t to)
{
	size_t i;

	m->sources = pt_xreallocarray(m->sources, m->nsources + (to - from) +
	    1, sizeof *m->sources);
	for (i = from; i < to; i++)
		m->sources[m->nsources + i - from] =
		    m->header_sources[i] + 7;	/* after "source=" */
}

static void
merge_one(struct pt_merge *m, struct pt_input *in, const char *part,
    size_t p)
{
	struct pt_part_reader r;
	struct part_state ps = { 0 };
	struct pt_bytes kept = { 0 };
	struct pt_merge_source src;
	struct pt_part_kept k;
	const char *name;
	size_t off;
	int got = -1;

	if (strcmp(part, "-") == 0 && m->input != NULL) {
		r = *m->input;
		free(m->input);
		m->input = NULL;
	} else if (!pt_part_open(&r, part) ||
	    !read_header(&r, m->prog, &name))
		goto damaged;
	if (m->part_sources[p] == SIZE_MAX) {
		snprintf(r.why, sizeof r.why, "a header unlike the first "
		    "reading's");
		goto damaged;
	}
	ps.nsources = m->part_sources[p + 1] - m->part_sources[p];
	add_sources(m, m->part_sources[p], m->part_sources[p + 1]);
	ps.first = m->nsources;
	ps.part = p;
	ps.starts = pt_xreallocarray(NULL, ps.nsources + 1,
	    sizeof *ps.starts);
	ps.starts[0] = 0;
	/* Checked whole first: nothing of a damaged partial is used. */
	r.keep = &kept;
	r.keep_read = m->apply != NULL && !m->partial;
	while ((got = pt_part_next(&r)) == 1)
		if (!record(m, in, &r, &ps, false))
			goto damaged;
	if (got < 0)
		goto damaged;
	if (ps.ended != ps.nsources) {
		snprintf(r.why, sizeof r.why, "a file without its S record");
		goto damaged;
	}
	if (r.owed != 0) {
		snprintf(r.why, sizeof r.why, "a record without the records "
		    "it said would follow");
		goto damaged;
	}
	r.owed = 0;
	pt_part_close(&r);
	ps.ended = 0;
	ps.frames = 0;
	for (off = 0; off < kept.len; off += sizeof k + k.size) {
		memcpy(&k, kept.data + off, sizeof k);
		if (k.read) {
			source_of(m, &ps, k.source, &src);
			m->apply(m->ctx, k.kind, kept.data + off + sizeof k,
			    &src);
		} else if (!pt_part_load(&r, kept.data + off + sizeof k) ||
		    !record(m, in, &r, &ps, true))
			abort();	/* checked above */
	}
	m->nsources += ps.nsources;
	m->frames += ps.frames;
	free(kept.data);
	free(ps.starts);
	return;
damaged:
	if (r.fd >= 0 && r.line > 0)
		pt_warn("%s:%" PRIu64 ": %s: the partial is left out", part,
		    r.line, r.why);
	else
		pt_warn("%s: %s", part, r.why);
	pt_part_close(&r);
	free(kept.data);
	free(ps.starts);
	in->failed = true;
	m->damaged = true;
	if (m->partial) {
		/* No trailer: a merged partial is whole or nothing. */
		pt_warn("no merged partial written: %s is damaged", part);
		pt_out_close();
		exit(1);
	}
}

void
pt_merge_run(struct pt_merge *m, struct pt_input *in)
{
	char *const *parts = m->parts;
	int nparts = m->nparts;
	int p;

	const char **fields;
	size_t i;

	if (m->partial) {
		fields = pt_xreallocarray(NULL, m->nfields +
		    m->nheader_sources + 1, sizeof *fields);
		for (i = 0; i < m->nfields; i++)
			fields[i] = m->fields[i];
		for (i = 0; i < m->nheader_sources; i++)
			fields[m->nfields + i] = m->header_sources[i];
		pt_part_header(m->prog, fields, m->nfields +
		    m->nheader_sources);
		free(fields);
	}
	for (p = 0; p < nparts && !pt_out_failed(); p++)
		merge_one(m, in, parts[p], (size_t)p);
	in->stats.frames = m->frames;
	if (m->partial) {
		/* The merged partial names every source. */
		pt_part_trailer();
	}
}

void
pt_merge_add_field(struct pt_merge *m, const char *name, const char *value)
{
	size_t n = strlen(name) + strlen(value) + 2;
	char *f = pt_xreallocarray(NULL, n, 1);

	snprintf(f, n, "%s=%s", name, value);
	m->fields = pt_xreallocarray(m->fields, m->nfields + 1,
	    sizeof *m->fields);
	m->fields[m->nfields++] = f;
}

const char *
pt_merge_field(const struct pt_merge *m, const char *name)
{
	size_t i, n = strlen(name);

	for (i = 0; i < m->nfields; i++)
		if (strncmp(m->fields[i], name, n) == 0 &&
		    m->fields[i][n] == '=')
			return m->fields[i] + n + 1;
	return NULL;
}

bool
pt_merge_fields_known(const struct pt_merge *m, const char *const *names)
{
	const char *const *p;
	size_t i, n;

	for (i = 0; i < m->nfields; i++) {
		for (p = names; *p != NULL; p++) {
			n = strlen(*p);
			if (strncmp(m->fields[i], *p, n) == 0 &&
			    m->fields[i][n] == '=')
				break;
		}
		if (*p == NULL) {
			pt_warn("the partial records have an option this %s "
			    "does not know (%s)", m->prog, m->fields[i]);
			return false;
		}
	}
	return true;
}

void
pt_merge_bad_field(const struct pt_merge *m, const char *name)
{
	pt_warn("the partial records have an option this %s cannot take "
	    "(%s=%s)", m->prog, name, pt_merge_field(m, name));
	exit(2);
}

void
pt_merge_free(struct pt_merge *m)
{
	size_t i;

	free(m->sources);
	free(m->part_sources);
	free(m->refused);
	for (i = 0; i < m->nheader_sources; i++)
		free(m->header_sources[i]);
	free(m->header_sources);
	for (i = 0; i < m->nfields; i++)
		free((char *)m->fields[i]);
	free(m->fields);
	m->sources = NULL;
	m->nsources = 0;
}
