$ pcapflows -f 'ether host 02:00:00:00:00:01' pcapng-sections.pcapng
0	1700000000.000000000	1700000000.007000000	192.0.2.10	40000	198.51.100.80	80	syn	5	3
[stderr]
pcapflows: pcapng-sections.pcapng: the filter 'ether host 02:00:00:00:00:01' does not compile for its link type RAW (12): ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel
[exit 2]
