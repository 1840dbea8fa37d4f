## tests/local.mk: unit tests (Check), golden tests, comparisons with tshark.

# The capture generator: one named scenario per edge case; the mutator:
# damaged copies of captures.
check_PROGRAMS += tests/pcapgen tests/mutate tests/runstat
tests_pcapgen_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
tests_pcapgen_LDADD = $(PCAP_LIBS)
tests_mutate_SOURCES = tests/mutate.c
tests_runstat_SOURCES = tests/runstat.c
# Our capture reader against libpcap's, record by record.
check_PROGRAMS += tests/readdiff
tests_readdiff_SOURCES = tests/readdiff.c
tests_readdiff_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
tests_readdiff_LDADD = src/libpcaptally.a $(PCAP_LIBS)

# Unit tests (Check): the decoder, the connection table, capture headers,
# number and time formatting.
UNIT_TESTS = \
	tests/check_capfile \
	tests/check_conntab \
	tests/check_counting \
	tests/check_decode \
	tests/check_dns \
	tests/check_output \
	tests/check_partial \
	tests/check_spill
if HAVE_CHECK
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
endif
UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PCAP_CFLAGS)
UNIT_LDADD = src/libpcaptally.a $(CHECK_LIBS) $(PCAP_LIBS)
tests_check_decode_CFLAGS = $(UNIT_CFLAGS)
tests_check_decode_LDADD = $(UNIT_LDADD)
tests_check_dns_CFLAGS = $(UNIT_CFLAGS)
tests_check_dns_LDADD = $(UNIT_LDADD)
tests_check_counting_CFLAGS = $(UNIT_CFLAGS)
tests_check_counting_LDADD = $(UNIT_LDADD)
tests_check_conntab_CFLAGS = $(UNIT_CFLAGS)
tests_check_conntab_LDADD = $(UNIT_LDADD)
tests_check_output_CFLAGS = $(UNIT_CFLAGS)
tests_check_output_LDADD = $(UNIT_LDADD)
tests_check_partial_CFLAGS = $(UNIT_CFLAGS) -I$(top_srcdir)/src
tests_check_partial_LDADD = $(UNIT_LDADD)
tests_check_spill_CFLAGS = $(UNIT_CFLAGS)
tests_check_spill_LDADD = $(UNIT_LDADD)
tests_check_capfile_CFLAGS = $(UNIT_CFLAGS)
tests_check_capfile_LDADD = $(UNIT_LDADD)

# Fuzzers (configure CC=clang --enable-fuzzers; run with tests/fuzz/run).
if ENABLE_FUZZERS
noinst_PROGRAMS += \
	tests/fuzz/fuzz-seeds \
	tests/fuzz/fuzz_capture \
	tests/fuzz/fuzz_dns \
	tests/fuzz/fuzz_frame \
	tests/fuzz/fuzz_merge \
	tests/fuzz/fuzz_reader
endif
FUZZ_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
FUZZ_LDADD = src/libpcaptally.a $(PCAP_LIBS)
tests_fuzz_fuzz_seeds_SOURCES = tests/fuzz/seeds.c tests/fuzz/linktypes.h
tests_fuzz_fuzz_seeds_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_seeds_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_frame_SOURCES = tests/fuzz/frame.c tests/fuzz/linktypes.h
tests_fuzz_fuzz_frame_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_frame_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_frame_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_dns_SOURCES = tests/fuzz/dns.c
tests_fuzz_fuzz_dns_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_dns_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_dns_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_reader_SOURCES = tests/fuzz/reader.c
tests_fuzz_fuzz_reader_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_reader_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_reader_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_merge_SOURCES = \
	tests/fuzz/merge.c \
	tests/fuzz/main-pcapbytes.c \
	tests/fuzz/main-pcapclose.c \
	tests/fuzz/main-pcapdns.c \
	tests/fuzz/main-pcapflows.c \
	tests/fuzz/main-pcapsmall.c
tests_fuzz_fuzz_merge_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_merge_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_merge_LDADD = $(FUZZ_LDADD)
tests_fuzz_fuzz_capture_SOURCES = \
	tests/fuzz/capture.c \
	tests/fuzz/main-pcapbytes.c \
	tests/fuzz/main-pcapclose.c \
	tests/fuzz/main-pcapdns.c \
	tests/fuzz/main-pcapflows.c \
	tests/fuzz/main-pcapsmall.c
tests_fuzz_fuzz_capture_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_capture_LDFLAGS = -fsanitize=fuzzer
tests_fuzz_fuzz_capture_LDADD = $(FUZZ_LDADD)
EXTRA_DIST += tests/fuzz/run

TEST_EXTENSIONS = .t .test
T_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/golden.sh
TEST_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	PATH='$(abs_top_builddir)/src:$(abs_top_builddir)/tests':"$$PATH"; \
	top_srcdir='$(abs_top_srcdir)'; \
	LC_ALL=C; TZ=UTC0; \
	PCAPTALLY_SANITIZERS='$(SANITIZERS)'; \
	export PATH top_srcdir LC_ALL TZ PCAPTALLY_SANITIZERS;

# Golden tests: one command and its expected output each, named after
# what they check.
GOLDEN_TESTS = \
	tests/golden/bytes-help.t \
	tests/golden/bytes-ipv4-malformed-option-skipped-by-header-length.t \
	tests/golden/bytes-ipv6.t \
	tests/golden/bytes-mid-connections-counted-by-decided-roles.t \
	tests/golden/bytes-padding-not-counted.t \
	tests/golden/bytes-payload-without-headers.t \
	tests/golden/bytes-pppoe-length-bounds-the-datagram.t \
	tests/golden/bytes-retransmissions-count-by-default.t \
	tests/golden/bytes-sequence-wraparound.t \
	tests/golden/bytes-snaplen-64-exact.t \
	tests/golden/bytes-trailers-not-counted.t \
	tests/golden/bytes-tso-ip-length-zero.t \
	tests/golden/bytes-unique-counts-data-before-the-first-segment.t \
	tests/golden/bytes-unique-counts-filled-holes-and-far-segments.t \
	tests/golden/bytes-unique-counts-retransmissions-once.t \
	tests/golden/bytes-unique-edges-of-the-hole-list-and-2-30-rule.t \
	tests/golden/bytes-merge-refuses-option-fields-it-cannot-take.t \
	tests/golden/bytes-unknown-option-is-a-usage-error.t \
	tests/golden/close-client-fin-first.t \
	tests/golden/close-client-rst.t \
	tests/golden/close-crossing-fins-first-captured-wins.t \
	tests/golden/close-fin-and-rst-in-one-packet-is-rst.t \
	tests/golden/close-fin-answered-by-rst-closed-by-fin-sender.t \
	tests/golden/close-half.t \
	tests/golden/close-help.t \
	tests/golden/close-ipv6.t \
	tests/golden/close-iso-times.t \
	tests/golden/close-mid-closer-named-by-decided-roles.t \
	tests/golden/close-nanosecond-times.t \
	tests/golden/close-never-is-open.t \
	tests/golden/close-refused-retry-accepted-closed-by-client-fin.t \
	tests/golden/close-refused-syn-is-refused.t \
	tests/golden/close-retransmitted-fin-changes-nothing.t \
	tests/golden/close-reused-4-tuple-closes-apart.t \
	tests/golden/close-server-fin-first.t \
	tests/golden/close-server-rst.t \
	tests/golden/dns-a-and-aaaa-from-one-port.t \
	tests/golden/dns-compressed-names.t \
	tests/golden/dns-garbage-to-port-53-counts.t \
	tests/golden/dns-help.t \
	tests/golden/dns-ipv6.t \
	tests/golden/dns-iso-times-rtt-still-in-seconds.t \
	tests/golden/dns-label-past-end-is-malformed.t \
	tests/golden/dns-names-escaped.t \
	tests/golden/dns-nanosecond-times.t \
	tests/golden/dns-nxdomain.t \
	tests/golden/dns-over-tcp.t \
	tests/golden/dns-pointer-loop-is-malformed.t \
	tests/golden/dns-qr-set-to-port-53-is-a-query.t \
	tests/golden/dns-retry-answer-goes-to-earliest-query.t \
	tests/golden/dns-tcp-header-split-across-segments.t \
	tests/golden/dns-tcp-state-outlives-a-zero-timeout.t \
	tests/golden/dns-times-past-2038-are-unsigned.t \
	tests/golden/dns-timeout-not-a-number-is-a-usage-error.t \
	tests/golden/dns-unanswered-after-timeout.t \
	tests/golden/dns-time-backwards-times-out-before-the-response.t \
	tests/golden/dns-merge-keeps-the-time-that-went-backwards.t \
	tests/golden/dns-vlan.t \
	tests/golden/five-questions-on-the-sample.t \
	tests/golden/five-questions-reads-standard-input.t \
	tests/golden/five-questions-truncated-capture-still-reports.t \
	tests/golden/five-questions-without-a-capture-is-a-usage-error.t \
	tests/golden/flows-bad-tcp-header-length-skipped.t \
	tests/golden/flows-dash-is-standard-input.t \
	tests/golden/flows-empty-file-is-not-a-capture.t \
	tests/golden/flows-ethernet-padding-ignored.t \
	tests/golden/flows-ethernet-trailers-ignored.t \
	tests/golden/flows-file-cut-in-a-packet-keeps-what-was-read.t \
	tests/golden/flows-file-named-twice-is-warned-about.t \
	tests/golden/flows-files-named-out-of-capture-order-are-warned-about.t \
	tests/golden/flows-filter-a-files-link-type-refuses-is-a-usage-error.t \
	tests/golden/flows-filter-keeps-frame-numbers-counted.t \
	tests/golden/flows-filter-selects-packets.t \
	tests/golden/flows-filter-standard-inputs-link-type-refuses-is-a-usage-error.t \
	tests/golden/flows-first-fragment-sets-no-base-sequence-number.t \
	tests/golden/flows-help.t \
	tests/golden/flows-icmp-quoting-tcp-is-not-a-connection.t \
	tests/golden/flows-ids-in-order-of-first-packet.t \
	tests/golden/flows-invalid-filter-is-a-usage-error.t \
	tests/golden/flows-ip-length-below-header-skipped.t \
	tests/golden/flows-ip-length-beyond-frame-skipped.t \
	tests/golden/flows-ipv4-later-fragments-not-decoded.t \
	tests/golden/flows-ipv4-options-skipped.t \
	tests/golden/flows-ipv6-extension-headers-skipped.t \
	tests/golden/flows-ipv6.t \
	tests/golden/flows-iso-times.t \
	tests/golden/flows-link-linktype-ipv4.t \
	tests/golden/flows-link-linktype-ipv6.t \
	tests/golden/flows-link-loop.t \
	tests/golden/flows-link-null-be.t \
	tests/golden/flows-link-null-le.t \
	tests/golden/flows-link-pppoe.t \
	tests/golden/flows-link-raw-ipv4.t \
	tests/golden/flows-link-raw-ipv6.t \
	tests/golden/flows-link-sll.t \
	tests/golden/flows-link-sll2.t \
	tests/golden/flows-link-vlan-8021q.t \
	tests/golden/flows-link-vlan-qinq.t \
	tests/golden/flows-link-vlan-triple.t \
	tests/golden/flows-mid-4-tuple-opened-later-with-a-handshake-shows-the-roles.t \
	tests/golden/flows-mid-host-that-serves-is-the-server.t \
	tests/golden/flows-mid-rst-answering-a-syn-comes-from-the-server.t \
	tests/golden/flows-mid-server-port-many-connections-reach-is-the-server.t \
	tests/golden/flows-mid-service-port-is-the-server.t \
	tests/golden/flows-mid-stream-equal-ports-receiver-is-the-server.t \
	tests/golden/flows-mid-stream-lower-port-is-the-server.t \
	tests/golden/flows-missing-file-others-still-read.t \
	tests/golden/flows-nanosecond-capture-on-a-pipe.t \
	tests/golden/flows-nanosecond-capture-prints-9-decimals.t \
	tests/golden/flows-new-isn-without-close-is-a-new-connection.t \
	tests/golden/flows-non-ip-frames-counted.t \
	tests/golden/flows-not-a-capture.t \
	tests/golden/flows-one-connection-fin-close.t \
	tests/golden/flows-out-of-order-warning-names-the-last-file-with-a-frame.t \
	tests/golden/flows-merge-into-a-partial.t \
	tests/golden/flows-merge-refuses-other-options-programs-versions.t \
	tests/golden/flows-merge-leaves-out-a-cut-or-damaged-partial.t \
	tests/golden/flows-merge-equals-one-run-across-files.t \
	tests/golden/flows-output-ignores-locale-and-time-zone.t \
	tests/golden/flows-pcapng-each-interface-its-own-link-type.t \
	tests/golden/flows-pcapng-filter-compiled-for-each-link-type.t \
	tests/golden/flows-pcapng-first-link-types-checked-before-reading.t \
	tests/golden/flows-pcapng-interface-of-unsupported-link-type-skipped.t \
	tests/golden/flows-pcapng-later-link-type-refusing-the-filter-is-a-usage-error.t \
	tests/golden/flows-pcapng-on-a-pipe.t \
	tests/golden/flows-pcapng-sections-in-either-byte-order.t \
	tests/golden/flows-progress-line-not-on-a-pipe.t \
	tests/golden/flows-progress-line-not-with-q.t \
	tests/golden/flows-progress-line-not-without-a-terminal.t \
	tests/golden/flows-progress-line-on-a-terminal.t \
	tests/golden/flows-refused-retry-with-new-isn-is-two-connections.t \
	tests/golden/flows-refused-retry-with-same-isn-is-one-connection.t \
	tests/golden/flows-retransmitted-syn-is-one-connection.t \
	tests/golden/flows-reused-4-tuple-after-fin-is-a-new-connection.t \
	tests/golden/flows-reused-4-tuple-after-rst-is-a-new-connection.t \
	tests/golden/flows-rotated-files-read-as-one-capture.t \
	tests/golden/flows-sample-capture.t \
	tests/golden/flows-second-synack-with-new-isn-resets-the-base.t \
	tests/golden/flows-snaplen-64-still-decodes.t \
	tests/golden/flows-standard-input.t \
	tests/golden/flows-syn-after-its-synack-is-one-connection.t \
	tests/golden/flows-synack-sender-is-the-server.t \
	tests/golden/flows-terminal-on-standard-input-prints-usage.t \
	tests/golden/flows-truncated-headers-counted.t \
	tests/golden/flows-times-past-2038-are-unsigned.t \
	tests/golden/flows-tso-ip-length-zero-is-rest-of-frame.t \
	tests/golden/flows-two-clients-one-server.t \
	tests/golden/flows-unknown-option-is-a-usage-error.t \
	tests/golden/flows-unsupported-link-type-refused.t \
	tests/golden/flows-version.t \
	tests/golden/flows-write-error-reported.t \
	tests/golden/small-default-range-0-79.t \
	tests/golden/small-downloaded-only.t \
	tests/golden/small-frame-numbers-continue-across-files.t \
	tests/golden/small-merge-continues-frames-and-connections.t \
	tests/golden/small-merge-takes-the-options-from-the-partials.t \
	tests/golden/small-merge-refuses-an-option-field-it-cannot-take.t \
	tests/golden/dns-merge-refuses-a-timeout-not-written-exactly.t \
	tests/golden/small-help.t \
	tests/golden/small-ids-follow-pcapflows.t \
	tests/golden/small-ipv6-and-vlan.t \
	tests/golden/small-iso-times-keep-nanoseconds.t \
	tests/golden/small-late-synack-direction-follows-the-roles.t \
	tests/golden/small-mid-connection-direction-filter-after-the-roles.t \
	tests/golden/small-mid-connection-lines-wait-for-their-direction.t \
	tests/golden/small-nanosecond-times.t \
	tests/golden/small-padded-frames-carry-no-payload.t \
	tests/golden/small-pppoe-length-bounds-the-datagram.t \
	tests/golden/small-pcapng-simple-and-obsolete-packet-blocks.t \
	tests/golden/small-range-edges-are-included.t \
	tests/golden/small-range-max-below-min-is-a-usage-error.t \
	tests/golden/small-range-not-numbers-is-a-usage-error.t \
	tests/golden/small-reader-gone-ends-by-sigpipe-also-when-ignored.t \
	tests/golden/small-reader-gone-ends-by-sigpipe.t \
	tests/golden/small-snaplen-64-payload-from-ip-length.t \
	tests/golden/small-trailers-count-in-frame-length-not-payload.t \
	tests/golden/small-unknown-direction-is-a-usage-error.t \
	tests/golden/small-uploaded-with-payload-only.t


SCRIPT_TESTS = \
	tests/dns-match-tshark.test \
	tests/dns-memory.test \
	tests/doc-examples.test \
	tests/five-questions-sums-exact.test \
	tests/golden-tests-listed.test \
	tests/help-matches-man.test \
	tests/imports-point-down.test \
	tests/line-buffered-output.test \
	tests/linear-scaling.test \
	tests/man-lint.test \
	tests/mutants.test \
	tests/no-binaries-tracked.test \
	tests/out-of-memory-keeps-results.test \
	tests/partial-merge-exact.test \
	tests/partial-recipes.test \
	tests/pcapng-extreme-times.test \
	tests/roles-without-handshake.test \
	tests/reader-matches-libpcap.test \
	tests/sample-is-generated.test \
	tests/signals-keep-results.test \
	tests/tcp-match-tshark.test \
	tests/valgrind.test

TESTS += $(GOLDEN_TESTS) $(SCRIPT_TESTS)

EXTRA_DIST += $(GOLDEN_TESTS) $(SCRIPT_TESTS) \
	tests/golden.sh \
	tests/tshark.sh \
	tests/tshark-differences.tsv
