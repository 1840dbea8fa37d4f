$ pcapgen -n 1000 bench big.pcap; PCAPTALLY_PROGRESS_MS=0 script -qec "pcapflows big.pcap > /dev/null" /dev/null | tr "\r" "\n" | sed "s/ packets, .*//" | sed -n "2p;3p;\$p" | cat -v
pcapflows: big.pcap:  16%, 949.0 kB of 5.9 MB, 8192
pcapflows: big.pcap:  32%, 1.9 MB of 5.9 MB, 16384
^[[K