$ pcapclose refused-retry-accepted.pcap
0	192.0.2.10	40000	198.51.100.80	8080	client	fin	1700000001.009000	closed
