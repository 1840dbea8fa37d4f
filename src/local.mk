## src/local.mk: the decode library and the programs that link it.

noinst_LIBRARIES += src/libpcaptally.a
src_libpcaptally_a_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
src_libpcaptally_a_SOURCES = \
	src/array.c \
	src/capfile.c \
	src/capfile.h \
	src/cli.c \
	src/closing.c \
	src/connpart.c \
	src/connpart.h \
	src/conntab.c \
	src/decode.c \
	src/decode.h \
	src/dlt.h \
	src/dns.c \
	src/dnsmatch.c \
	src/dnstcp.c \
	src/dnsstreams.c \
	src/dnstext.c \
	src/fastpath.h \
	src/hashkey.c \
	src/index.c \
	src/input.c \
	src/input.h \
	src/ip.h \
	src/link.h \
	src/message.c \
	src/merge.c \
	src/merge.h \
	src/message.h \
	src/output.c \
	src/partial.c \
	src/partial.h \
	src/pcaptally.h \
	src/progress.c \
	src/ptime.c \
	src/roles.c \
	src/seqpart.c \
	src/seqpart.h \
	src/seqspace.c \
	src/spill.c \
	src/transport.h \
	src/window.h

bin_PROGRAMS += \
	src/pcapbytes \
	src/pcapclose \
	src/pcapdns \
	src/pcapflows \
	src/pcapsmall

LDADD = src/libpcaptally.a $(PCAP_LIBS)
src_pcapbytes_SOURCES = src/pcapbytes.c
src_pcapclose_SOURCES = src/pcapclose.c
src_pcapdns_SOURCES = src/pcapdns.c
src_pcapflows_SOURCES = src/pcapflows.c
src_pcapsmall_SOURCES = src/pcapsmall.c
