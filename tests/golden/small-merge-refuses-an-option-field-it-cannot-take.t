$ pcapsmall --partial handshake-fin.pcap > a.part; sed "1s/p=0/p=2/" a.part > p.part; sed "1s/d=both/x=1	d=both/" a.part > x.part; sed "1s/d=both/d=left/" a.part > d.part; pcapsmall --merge p.part; echo "exit $?"; pcapsmall --merge x.part; echo "exit $?"; pcapsmall --merge d.part; echo "exit $?"
exit 2
exit 2
exit 2
[stderr]
pcapsmall: the partial records have an option this pcapsmall cannot take (p=2)
pcapsmall: the partial records have an option this pcapsmall does not know (x=1)
pcapsmall: -d left: the direction must be up or down
