## man/local.mk: hand-written mdoc pages.
dist_man_MANS += \
	man/pcapflows.1 \
	man/pcaptally.7
