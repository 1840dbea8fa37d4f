$ pcapflows handshake-fin.pcap handshake-fin.pcap
0	1700000000.000000	1700000000.007000	192.0.2.10	40000	198.51.100.80	80	syn	10	6
[stderr]
pcapflows: handshake-fin.pcap: named twice: its packets are read again and count twice
