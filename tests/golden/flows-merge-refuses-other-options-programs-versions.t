$ pcapflows --partial -f tcp handshake-fin.pcap > f.part; pcapflows --partial handshake-fin.pcap > a.part; sed "1s/pcapflows/pcapbytes/" a.part > b.part; sed "1s/partial	1/partial	2/" a.part > v.part; pcapflows --merge a.part f.part; echo "exit $?"; pcapflows --merge a.part b.part; echo "exit $?"; pcapflows --merge v.part a.part; echo "exit $?"; pcapflows --merge -f tcp f.part; echo "exit $?"
exit 2
exit 2
exit 2
exit 2
[stderr]
pcapflows: f.part: made with other options than a.part (f=tcp in one, not the other): merge partials of the same options only
pcapflows: b.part: a partial record of pcapbytes, not of pcapflows
pcapflows: v.part: format version 2, this program reads version 1
pcapflows: --merge takes -f from the partial records: give it to --partial
usage: pcapflows [-HhlqTv] [-f expr] [-V] [--partial | --merge] [file ...]
Try 'pcapflows --help' for more.
