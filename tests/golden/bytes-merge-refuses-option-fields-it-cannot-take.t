$ pcapbytes --partial -u handshake-fin.pcap | sed "1s/u=1/u=2/" > u.part; pcapbytes --merge u.part; echo "exit $?"; pcapbytes --partial handshake-fin.pcap | sed "1s/pcapbytes/pcapbytes	z=1/" > z.part; pcapbytes --merge z.part; echo "exit $?"
exit 2
exit 2
[stderr]
pcapbytes: the partial records have an option this pcapbytes cannot take (u=2)
pcapbytes: the partial records have an option this pcapbytes does not know (z=1)
