$ pcapflows -f inbound pcapng-two-interfaces.pcapng
[stderr]
pcapflows: pcapng-two-interfaces.pcapng: the filter 'inbound' does not compile for its link type EN10MB (1): inbound/outbound not supported on Ethernet when reading savefiles
[exit 2]
