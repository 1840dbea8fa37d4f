$ pcapsmall -s 62-79 -d down pppoe-ip-length-beyond-pppoe.pcap
2	1700000000.001000	0	down	74	0
5	1700000000.004000	0	down	76	0
9	1700000000.008000	0	down	70	0
