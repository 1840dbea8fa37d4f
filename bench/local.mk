## bench/local.mk: "make bench" times the programs against a bare libpcap
## read loop (bench/bare.c), a read(2) walk (bench/readwalk.c), tshark and
## tcptrace; see bench/run.
EXTRA_PROGRAMS = bench/bare bench/readwalk
bench_bare_SOURCES = bench/bare.c
bench_bare_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_bare_LDADD = $(PCAP_LIBS)
# The second floor: the records walked with read(2), no libpcap.
bench_readwalk_SOURCES = bench/readwalk.c
CLEANFILES += bench/bare bench/readwalk

bench: all bench/bare bench/readwalk tests/pcapgen tests/runstat
	$(SHELL) $(srcdir)/bench/run $(BENCH_FLAGS)
.PHONY: bench

EXTRA_DIST += bench/run
