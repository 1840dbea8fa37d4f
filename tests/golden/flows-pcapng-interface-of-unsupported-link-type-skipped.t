$ pcapflows -v pcapng-unsupported-interface.pcapng
0	1700000000.001000	1700000000.008000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
[stderr]
pcapflows: pcapng-unsupported-interface.pcapng: link type IEEE802_11 (105) is not supported
pcapflows: 10 frames read
pcapflows: 8 TCP packets
pcapflows: 0 UDP packets
pcapflows: 2 frames of a link type not decoded
[exit 1]
