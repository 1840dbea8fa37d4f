$ pcapdns -H dns-a-aaaa.pcap
#frame	time	client	client_port	server	server_port	proto	txid	qname	qtype	rcode	answers	rtt
1	1700000000.000000	192.0.2.10	53000	192.0.2.53	53	udp	4660	www.example.com	A	NOERROR	1	0.002000
2	1700000000.001000	192.0.2.10	53000	192.0.2.53	53	udp	4661	www.example.com	AAAA	NOERROR	2	0.002000
