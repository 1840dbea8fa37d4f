$ pcapbytes seq-wraparound.pcap; pcapbytes --unique seq-wraparound.pcap
0	192.0.2.10	40000	198.51.100.80	80	400	3000
0	192.0.2.10	40000	198.51.100.80	80	400	2000
