$ pcapsmall -d sideways handshake-fin.pcap
[stderr]
pcapsmall: -d sideways: the direction must be up or down
[exit 2]
