$ pcapsmall -d up -p -s 0-2000 handshake-fin.pcap
4	1700000000.003000	0	up	154	100
