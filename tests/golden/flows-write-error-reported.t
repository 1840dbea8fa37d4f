$ pcapflows handshake-fin.pcap > /dev/full
[stderr]
pcapflows: write error: No space left on device
[exit 1]
