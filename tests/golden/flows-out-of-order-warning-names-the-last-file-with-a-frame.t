$ pcapflows rotation-part2.pcap no-packets.pcap rotation-part1.pcap; pcapflows rotation-part2.pcap no-packets.pcap rotation-part2.pcap > /dev/null; echo hello > notes.txt; pcapflows rotation-part2.pcap notes.txt rotation-part1.pcap
0	1700000000.006000	1700000000.014000	192.0.2.10	42000	198.51.100.80	80	mid	3	2
1	1700000000.008000	1700000000.005000	192.0.2.10	42001	198.51.100.80	80	syn	4	4
2	1700000000.015000	1700000000.022000	192.0.2.10	42002	203.0.113.7	80	syn	5	3
3	1700000000.000000	1700000000.004000	192.0.2.10	42000	198.51.100.80	80	syn	3	2
0	1700000000.006000	1700000000.014000	192.0.2.10	42000	198.51.100.80	80	mid	3	2
1	1700000000.008000	1700000000.005000	192.0.2.10	42001	198.51.100.80	80	syn	4	4
2	1700000000.015000	1700000000.022000	192.0.2.10	42002	203.0.113.7	80	syn	5	3
3	1700000000.000000	1700000000.004000	192.0.2.10	42000	198.51.100.80	80	syn	3	2
[stderr]
pcapflows: rotation-part1.pcap: its first frame (1700000000.000000) is older than the last of rotation-part2.pcap (1700000000.025000): named out of capture order? Files are read in the order named
pcapflows: rotation-part2.pcap: named twice: its packets are read again and count twice
pcapflows: notes.txt: cannot read capture: unknown file format
pcapflows: rotation-part1.pcap: its first frame (1700000000.000000) is older than the last of rotation-part2.pcap (1700000000.025000): named out of capture order? Files are read in the order named
[exit 1]
