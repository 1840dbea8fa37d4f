## tests/local.mk: unit tests (Check), golden tests, comparisons with tshark.

# The capture generator: one named scenario per edge case.
check_PROGRAMS += tests/pcapgen
tests_pcapgen_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
tests_pcapgen_LDADD = $(PCAP_LIBS)

TEST_EXTENSIONS = .t .test
T_LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/golden.sh
TEST_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	PATH='$(abs_top_builddir)/src:$(abs_top_builddir)/tests':"$$PATH"; \
	top_srcdir='$(abs_top_srcdir)'; \
	LC_ALL=C; TZ=UTC0; \
	export PATH top_srcdir LC_ALL TZ;

# Golden tests: one command and its expected output each, named after
# what they check.
GOLDEN_TESTS = \
	$(NOTHING)

TESTS += $(GOLDEN_TESTS) \
	tests/flows-match-tshark.test

EXTRA_DIST += $(GOLDEN_TESTS) \
	tests/flows-match-tshark.test \
	tests/golden.sh \
	tests/tshark.sh \
	tests/tshark-differences.tsv
