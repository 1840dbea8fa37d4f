$ pcapflows -v snaplen-64.pcap
0	1700000000.000000	1700000000.011000	192.0.2.10	40000	198.51.100.80	80	syn	7	5
[stderr]
pcapflows: 12 frames read
pcapflows: 12 TCP packets
pcapflows: 0 UDP packets
