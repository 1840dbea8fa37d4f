$ pcapflows -x handshake-fin.pcap
[stderr]
pcapflows: invalid option -- 'x'
usage: pcapflows [-Hhv] [-f expr] [-V] [file ...]
Try 'pcapflows --help' for more.
[exit 2]
