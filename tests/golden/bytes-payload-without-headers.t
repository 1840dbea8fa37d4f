$ pcapbytes -H handshake-fin.pcap
#id	client	client_port	server	server_port	up	down
0	192.0.2.10	40000	198.51.100.80	80	100	300
