$ pcapdns -t 0 dns-tcp-split-header.pcap
5	1700000000.004000	192.0.2.10	40010	192.0.2.53	53	tcp	34833	split.example.com	AAAA	-	-	-
