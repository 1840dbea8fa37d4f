$ pcapflows -v ip-length-too-small.pcap
0	1700000000.001000	1700000000.008000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
[stderr]
pcapflows: 9 frames read
pcapflows: 8 TCP packets
pcapflows: 0 UDP packets
pcapflows: 1 invalid: IPv4 total length below the header or beyond the frame
