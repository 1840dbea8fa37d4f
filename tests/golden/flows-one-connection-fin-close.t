$ pcapflows -H handshake-fin.pcap
#id	first	last	client	client_port	server	server_port	init	upkts	dpkts
0	1700000000.000000	1700000000.007000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
