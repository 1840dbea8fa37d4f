$ pcapdns dns-nxdomain.pcap
1	1700000000.000000	192.0.2.10	53000	192.0.2.53	53	udp	16385	nonexistent.example.com	A	NXDOMAIN	0	0.001000
