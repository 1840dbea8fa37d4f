$ pcapdns --partial dns-a-aaaa.pcap > a.part; sed "1s/t=30.000000000/t=30.5/" a.part > t.part; sed "1s/t=30.000000000/t=030.000000000/" a.part > z.part; pcapdns --merge t.part; echo "exit $?"; pcapdns --merge z.part; echo "exit $?"; pcapdns --merge a.part | wc -l
exit 2
exit 2
2
[stderr]
pcapdns: the partial records have an option this pcapdns cannot take (t=30.5)
pcapdns: the partial records have an option this pcapdns cannot take (t=030.000000000)
