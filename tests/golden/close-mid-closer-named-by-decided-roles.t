$ pcapclose mid-service-port.pcap mid-fan-in.pcap
0	10.10.10.70	1035	10.10.10.10	8080	server	fin	1700000000.002000	closed
1	192.0.2.10	40000	198.51.100.80	80	client	fin	1700000000.017000	closed
2	172.16.30.190	8868	172.16.210.84	31600	-	-	-	open
3	172.16.30.190	8869	172.16.210.84	31600	client	fin	1700000000.014000	closed
4	172.16.30.190	8870	172.16.210.84	31600	-	-	-	open
[stderr]
pcapclose: mid-fan-in.pcap: its first frame (1700000000.000000) is older than the last of mid-service-port.pcap (1700000000.004000): named out of capture order? Files are read in the order named
