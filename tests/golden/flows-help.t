$ pcapflows --help
usage: pcapflows [-HhlqTv] [-f expr] [-V] [--partial | --merge] [file ...]
Print one line per TCP connection: id, first, last, client, client_port,
server, server_port, init (syn, synack or mid), upkts, dpkts.

      --partial          write partial records, to merge later
      --merge            read partial records (files named), print the lines
  -H, --header           print a header line naming the columns
  -f, --filter=EXPR      read only packets that match the pcap filter EXPR
  -h, --help             print this help and exit
  -l, --line-buffered    write each line as soon as it is known
  -q, --quiet            no progress line on a terminal
  -T, --iso-time         times in ISO 8601 UTC, not seconds since the epoch
  -V, --version          print the version and exit
  -v, --verbose          count frames read and skipped, on standard error
