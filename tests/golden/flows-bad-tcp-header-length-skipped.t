$ pcapflows -v tcp-bad-offset.pcap
0	1700000000.002000	1700000000.009000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
[stderr]
pcapflows: 10 frames read
pcapflows: 8 TCP packets
pcapflows: 0 UDP packets
pcapflows: 2 invalid: TCP header length below 20 or beyond the segment
