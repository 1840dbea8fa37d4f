$ pcapclose close-crossing-fins.pcap
0	192.0.2.10	40000	198.51.100.80	80	client	fin	1700000000.005000	closed
