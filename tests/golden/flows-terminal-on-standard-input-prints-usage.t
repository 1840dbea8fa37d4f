$ script -qec pcapflows /dev/null > out; echo "exit $?"; tr -d "\r" < out
exit 2
usage: pcapflows [-HhlqTv] [-f expr] [-V] [--partial | --merge] [file ...]
Try 'pcapflows --help' for more.
