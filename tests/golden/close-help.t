$ pcapclose --help
usage: pcapclose [-HhlqTv] [-f expr] [-V] [--partial | --merge] [file ...]
Print one line per TCP connection: id, client, client_port, server,
server_port, closer (client or server), how (fin or rst), when, state
(closed, half, reset, open or refused).

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
