$ pcapflows -x handshake-fin.pcap
[stderr]
pcapflows: invalid option -- 'x'
usage: pcapflows [-HhlqTv] [-f expr] [-V] [--partial | --merge] [file ...]
Try 'pcapflows --help' for more.
[exit 2]
