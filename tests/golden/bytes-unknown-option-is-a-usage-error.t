$ pcapbytes -z handshake-fin.pcap
[stderr]
pcapbytes: invalid option -- 'z'
usage: pcapbytes [-HhlqTuv] [-f expr] [-V] [--partial | --merge] [file ...]
Try 'pcapbytes --help' for more.
[exit 2]
