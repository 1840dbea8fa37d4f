$ pcapflows -f inbound sll.pcap handshake-fin.pcap
[stderr]
pcapflows: handshake-fin.pcap: the filter 'inbound' does not compile for its link type EN10MB (1): inbound/outbound not supported on Ethernet when reading savefiles
[exit 2]
