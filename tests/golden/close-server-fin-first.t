$ pcapclose close-server-fin.pcap
0	192.0.2.10	40000	198.51.100.80	80	server	fin	1700000000.005000	closed
