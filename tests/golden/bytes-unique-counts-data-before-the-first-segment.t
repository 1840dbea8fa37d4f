$ pcapbytes -u data-before-first-segment.pcap
0	192.0.2.10	40000	198.51.100.80	80	200	300
