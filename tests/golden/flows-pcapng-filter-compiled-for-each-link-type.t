$ pcapflows -f 'tcp port 443' pcapng-two-interfaces.pcapng
0	1700000000.003000	1700000000.016000	192.0.2.20	41000	198.51.100.81	443	syn	4	5
