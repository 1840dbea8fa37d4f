$ pcapdns dns-vlan.pcap
1	1700000000.000000	192.0.2.10	53000	192.0.2.53	53	udp	43521	www.example.com	A	NOERROR	1	0.001000
