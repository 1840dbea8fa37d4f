$ pcapflows --partial rotation-part1.pcap > 1.part; pcapflows --partial rotation-part2.pcap > 2.part; pcapflows --merge --partial 1.part 2.part > both.part; head -n 1 both.part; tail -n 1 both.part; pcapflows --merge both.part; pcapflows rotation-part1.pcap rotation-part2.pcap; head -n 3 1.part > cut.part; pcapflows --merge --partial 2.part cut.part > out.part; echo "exit $?"; tail -n 1 out.part | cut -f1
pcaptally-partial	1	pcapflows	source=rotation-part1.pcap	source=rotation-part2.pcap
#end	13
0	1700000000.000000	1700000000.014000	192.0.2.10	42000	198.51.100.80	80	syn	6	4
1	1700000000.005000	1700000000.025000	192.0.2.10	42001	198.51.100.80	80	syn	4	4
2	1700000000.015000	1700000000.022000	192.0.2.10	42002	203.0.113.7	80	syn	5	3
0	1700000000.000000	1700000000.014000	192.0.2.10	42000	198.51.100.80	80	syn	6	4
1	1700000000.005000	1700000000.025000	192.0.2.10	42001	198.51.100.80	80	syn	4	4
2	1700000000.015000	1700000000.022000	192.0.2.10	42002	203.0.113.7	80	syn	5	3
exit 1
V
[stderr]
pcapflows: cut.part:4: cut short: no trailer line: the partial is left out
pcapflows: no merged partial written: cut.part is damaged
