$ pcapsmall --merge -d up part
[stderr]
pcapsmall: --merge takes -d, -p and -s from the partial records: give them to --partial
usage: pcapsmall [-HhlpqTv] [-d up|down] [-f expr] [-s min-max] [-V] [--partial | --merge] [file ...]
Try 'pcapsmall --help' for more.
[exit 2]
