$ pcapflows -v ipv4-fragments.pcap
0	1700000000.000000	1700000000.008000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
1	1700000000.009000	1700000000.016000	192.0.2.10	40001	198.51.100.80	80	syn	5	3
[stderr]
pcapflows: 17 frames read
pcapflows: 16 TCP packets
pcapflows: 0 UDP packets
pcapflows: 1 later IP fragments (not reassembled)
