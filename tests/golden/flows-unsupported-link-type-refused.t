$ pcapflows -v unsupported-linktype.pcap
[stderr]
pcapflows: unsupported-linktype.pcap: link type IEEE802_11 (105) is not supported
pcapflows: 2 frames read
pcapflows: 0 TCP packets
pcapflows: 0 UDP packets
pcapflows: 2 frames of a link type not decoded
[exit 1]
