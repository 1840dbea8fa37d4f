$ pcapclose -T close-server-fin.pcap
0	192.0.2.10	40000	198.51.100.80	80	server	fin	2023-11-14T22:13:20.005000Z	closed
