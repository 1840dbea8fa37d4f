$ pcapgen -n 400 bench big.pcap; PCAPTALLY_PROGRESS_MS=0 script -qec "pcapflows -q big.pcap > /dev/null" /dev/null | wc -c
0
