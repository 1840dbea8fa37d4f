$ pcapdns --help
usage: pcapdns [-HhlqTv] [-f expr] [-t seconds] [-V] [--partial | --merge] [file ...]
Print one line per DNS query: frame, time, client, client_port, server,
server_port, proto, txid, qname, qtype, and from its response rcode,
answers, rtt.

  -t, --timeout=SECONDS  how long a query waits for its response (default 30)
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
