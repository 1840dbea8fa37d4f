$ pcapdns --partial dns-time-backwards.pcap > part && pcapdns --merge part
1	1700000000.000000	192.0.2.10	53000	192.0.2.53	53	udp	20481	early.example.com	A	-	-	-
4	1700000100.000000	192.0.2.10	53001	192.0.2.53	53	udp	20482	late.example.com	A	NOERROR	1	1.000000
