$ pcapdns dns-compressed.pcap
1	1700000000.000000	192.0.2.10	53000	192.0.2.53	53	udp	17409	www.example.com	A	NOERROR	3	0.001000
3	1700000000.002000	192.0.2.10	53001	192.0.2.53	53	udp	17410	www.example.com	A	-	-	-
