$ pcapdns -t 0.5 nanosecond.pcap dns-a-aaaa.pcap
9	1700000000.000000000	192.0.2.10	53000	192.0.2.53	53	udp	4660	www.example.com	A	NOERROR	1	0.002000
10	1700000000.001000000	192.0.2.10	53000	192.0.2.53	53	udp	4661	www.example.com	AAAA	NOERROR	2	0.002000
[stderr]
pcapdns: dns-a-aaaa.pcap: its first frame (1700000000.000000000) is older than the last of nanosecond.pcap (1700000000.130456796): named out of capture order? Files are read in the order named
