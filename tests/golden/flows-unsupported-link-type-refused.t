$ pcapflows unsupported-linktype.pcap handshake-fin.pcap
0	1700000000.000000	1700000000.007000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
[stderr]
pcapflows: unsupported-linktype.pcap: link type IEEE802_11 (105) is not supported
[exit 1]
