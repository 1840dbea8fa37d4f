$ pcapdns dns-unanswered.pcap; pcapdns -t 60 dns-unanswered.pcap
1	1700000000.000000	192.0.2.10	53000	192.0.2.53	53	udp	12289	lost.example.com	A	-	-	-
2	1700000000.001000	192.0.2.10	53001	192.0.2.53	53	udp	12290	slow.example.com	A	-	-	-
1	1700000000.000000	192.0.2.10	53000	192.0.2.53	53	udp	12289	lost.example.com	A	-	-	-
2	1700000000.001000	192.0.2.10	53001	192.0.2.53	53	udp	12290	slow.example.com	A	NOERROR	1	40.001000
