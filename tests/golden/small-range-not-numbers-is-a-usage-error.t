$ pcapsmall -s x handshake-fin.pcap
[stderr]
pcapsmall: -s x: the size range must be MIN-MAX, in bytes
[exit 2]
