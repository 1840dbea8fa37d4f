$ pcapdns -t -1 dns-a-aaaa.pcap; pcapdns -t x dns-a-aaaa.pcap
[stderr]
pcapdns: -t -1: the timeout must be a number of seconds, 0 or more
pcapdns: -t x: the timeout must be a number of seconds, 0 or more
[exit 2]
