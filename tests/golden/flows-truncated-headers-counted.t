$ pcapflows -v truncated-headers.pcap
0	1700000000.003000	1700000000.010000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
[stderr]
pcapflows: 11 frames read
pcapflows: 8 TCP packets
pcapflows: 0 UDP packets
pcapflows: 1 truncated: capture ends in the link-layer header
pcapflows: 1 truncated: capture ends in the IPv4 header
pcapflows: 1 truncated: capture ends in the TCP header
