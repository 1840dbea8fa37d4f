$ pcapclose --help
usage: pcapclose [-Hhqv] [-f expr] [-V] [file ...]
Print one line per TCP connection: id, client, cport, server, sport,
closer (client or server), how (fin or rst), when, state (closed, half,
reset, open or refused).

  -H, --header           print a header line naming the columns
  -f, --filter=EXPR      read only packets that match the pcap filter EXPR
  -h, --help             print this help and exit
  -q, --quiet            no progress line on a terminal
  -V, --version          print the version and exit
  -v, --verbose          count frames read and skipped, on standard error
