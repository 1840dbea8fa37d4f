$ pcapflows -v non-ip.pcap
0	1700000000.004000	1700000000.011000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
[stderr]
pcapflows: 12 frames read
pcapflows: 8 TCP packets
pcapflows: 0 UDP packets
pcapflows: 2 frames without IP (ARP, LLDP, ...)
pcapflows: 2 IP packets without TCP or UDP (ICMP, ...)
