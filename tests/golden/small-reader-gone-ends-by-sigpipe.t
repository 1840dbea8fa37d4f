$ pcapgen -n 500 bench big.pcap; { pcapsmall -s 0-9999 big.pcap; echo "exit $?" >&2; } | head -1
5	1700000000.000080	0	up	58	0
[stderr]
exit 141
