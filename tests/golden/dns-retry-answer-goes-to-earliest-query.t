$ pcapdns dns-retry.pcap
1	1700000000.000000	192.0.2.10	53000	192.0.2.53	53	udp	8193	www.example.com	A	NOERROR	1	2.002000
2	1700000002.001000	192.0.2.10	53000	192.0.2.53	53	udp	8193	www.example.com	A	-	-	-
