## examples/local.mk: the sample capture and the five-questions report,
## installed with the documentation.
examplesdir = $(docdir)/examples
dist_examples_DATA = \
	examples/five-questions.sh \
	examples/sample.pcap
