$ pcapsmall --help
usage: pcapsmall [-HhlpqTv] [-d up|down] [-f expr] [-s min-max] [-V] [--partial | --merge] [file ...]
Print one line per TCP packet whose frame length is in a range: frame, time,
id, dir (up or down), len, payload.

  -d, --direction=DIR    only packets going DIR: up (client to server) or down
  -p, --payload          only packets that carry TCP payload
  -s, --size=MIN-MAX     frame lengths from MIN to MAX bytes (default 0-79)
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
