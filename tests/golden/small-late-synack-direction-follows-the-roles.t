$ pcapflows mid-late-synack.pcap; pcapsmall -p mid-late-synack.pcap; pcapsmall -p -d up mid-late-synack.pcap; pcapsmall -s 60-79 -d down mid-late-synack.pcap
0	1700000000.000000	1700000000.006000	10.10.10.70	1038	10.10.10.10	8081	synack	4	3
3	1700000000.002000	0	up	74	20
4	1700000000.003000	0	down	64	10
3	1700000000.002000	0	up	74	20
4	1700000000.003000	0	down	64	10
