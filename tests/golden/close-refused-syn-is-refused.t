$ pcapclose refused-retry-same-isn.pcap refused-retry-new-isn.pcap
0	192.0.2.10	40000	198.51.100.80	8080	server	rst	1700000000.001000	refused
1	192.0.2.10	40000	198.51.100.80	8080	server	rst	1700000000.503000	refused
[stderr]
pcapclose: refused-retry-new-isn.pcap: its first frame (1700000000.000000) is older than the last of refused-retry-same-isn.pcap (1700000001.005000): named out of capture order? Files are read in the order named
