## bench/local.mk: "make bench" times the programs against a bare libpcap
## read loop (bench/bare.c), tshark and tcptrace; see bench/run.
EXTRA_PROGRAMS = bench/bare
bench_bare_SOURCES = bench/bare.c
bench_bare_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_bare_LDADD = $(PCAP_LIBS)
CLEANFILES += bench/bare

bench: all bench/bare tests/pcapgen tests/runstat
	$(SHELL) $(srcdir)/bench/run $(BENCH_FLAGS)
.PHONY: bench

EXTRA_DIST += bench/run
