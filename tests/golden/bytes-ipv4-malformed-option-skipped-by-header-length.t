$ pcapbytes ipv4-malformed-option.pcap
0	192.0.2.10	40000	198.51.100.80	80	100	300
