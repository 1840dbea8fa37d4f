$ pcapgen -n 400 bench big.pcap; PCAPTALLY_PROGRESS_MS=0 pcapflows big.pcap 2>&1 > /dev/null | wc -c
0
