$ pcapflows -v tso-zero-length.pcap
0	1700000000.000000	1700000000.007000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
1	1700000000.008000	1700000000.015000	2001:db8:1::10	40001	2001:db8:2::80	80	syn	5	3
[stderr]
pcapflows: 16 frames read
pcapflows: 16 TCP packets
pcapflows: 0 UDP packets
