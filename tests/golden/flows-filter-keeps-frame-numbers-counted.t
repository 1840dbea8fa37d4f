$ pcapflows -v -f 'host 203.0.113.5' interleaved.pcap
0	1700000000.006000	1700000000.029000	192.0.2.10	41002	203.0.113.5	80	syn	5	3
[stderr]
pcapflows: 30 frames read
pcapflows: 22 frames left out by the filter
pcapflows: 8 TCP packets
pcapflows: 0 UDP packets
