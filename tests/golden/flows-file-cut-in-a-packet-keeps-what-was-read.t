$ pcapflows truncated-file.pcap
0	1700000000.000000	1700000000.003000	192.0.2.10	40000	198.51.100.80	80	syn	3	1
[stderr]
pcapflows: truncated-file.pcap: truncated capture after frame 4
[exit 1]
