$ pcapflows -f "port" handshake-fin.pcap
[stderr]
pcapflows: invalid filter 'port': can't parse filter expression: syntax error
[exit 2]
