$ pcapflows ip-length-too-big.pcap
0	1700000000.001000	1700000000.008000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
[stderr]
pcapflows: 1 truncated or invalid packet skipped (-v counts them by reason)
