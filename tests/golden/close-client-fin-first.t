$ pcapclose -H handshake-fin.pcap
#id	client	client_port	server	server_port	closer	how	when	state
0	192.0.2.10	40000	198.51.100.80	80	client	fin	1700000000.005000	closed
