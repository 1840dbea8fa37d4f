$ TZ=Asia/Kolkata LC_ALL=de_DE.UTF-8 pcapflows -H nanosecond.pcap
#id	first	last	client	client_port	server	server_port	init	upkts	dpkts
0	1700000000.123456789	1700000000.130456796	192.0.2.10	40000	198.51.100.80	80	syn	5	3
