$ pcapgen -n 400 bench big.pcap; PCAPTALLY_PROGRESS_MS=0 script -qec "cat big.pcap | pcapflows > /dev/null" /dev/null | wc -c
0
