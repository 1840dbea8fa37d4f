$ pcapsmall -s 80-10 handshake-fin.pcap
[stderr]
pcapsmall: -s 80-10: MIN is larger than MAX
[exit 2]
