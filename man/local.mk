## man/local.mk: hand-written mdoc pages.
dist_man_MANS += \
	man/pcapbytes.1 \
	man/pcapclose.1 \
	man/pcapdns.1 \
	man/pcapflows.1 \
	man/pcapsmall.1 \
	man/pcaptally.7
