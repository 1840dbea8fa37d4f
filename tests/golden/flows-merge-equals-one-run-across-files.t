$ pcapflows rotation-part1.pcap truncated-file.pcap rotation-part2.pcap; for f in rotation-part1 truncated-file rotation-part2; do pcapflows --partial $f.pcap > $f.part 2> /dev/null; done; pcapflows --merge rotation-part1.part truncated-file.part rotation-part2.part
0	1700000000.000000	1700000000.014000	192.0.2.10	42000	198.51.100.80	80	syn	6	4
1	1700000000.005000	1700000000.025000	192.0.2.10	42001	198.51.100.80	80	syn	4	4
2	1700000000.000000	1700000000.003000	192.0.2.10	40000	198.51.100.80	80	syn	3	1
3	1700000000.015000	1700000000.022000	192.0.2.10	42002	203.0.113.7	80	syn	5	3
0	1700000000.000000	1700000000.014000	192.0.2.10	42000	198.51.100.80	80	syn	6	4
1	1700000000.005000	1700000000.025000	192.0.2.10	42001	198.51.100.80	80	syn	4	4
2	1700000000.000000	1700000000.003000	192.0.2.10	40000	198.51.100.80	80	syn	3	1
3	1700000000.015000	1700000000.022000	192.0.2.10	42002	203.0.113.7	80	syn	5	3
[stderr]
pcapflows: truncated-file.pcap: its first frame (1700000000.000000) is older than the last of rotation-part1.pcap (1700000000.005000): named out of capture order? Files are read in the order named
pcapflows: truncated-file.pcap: truncated capture after frame 4
pcapflows: truncated-file.pcap: its first frame (1700000000.000000) is older than the last of rotation-part1.pcap (1700000000.005000): named out of capture order? Files are read in the order named
pcapflows: truncated-file.pcap: truncated capture after frame 4
[exit 1]
