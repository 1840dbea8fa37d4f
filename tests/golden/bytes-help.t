$ pcapbytes --help
usage: pcapbytes [-HhlqTuv] [-f expr] [-V] [--partial | --merge] [file ...]
Print one line per TCP connection: id, client, client_port, server,
server_port, up, down: the TCP payload bytes each way.

  -u, --unique           count each byte of sequence space once per direction
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
