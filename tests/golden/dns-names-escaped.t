$ pcapdns dns-escapes.pcap | cut -f9
a\.b.example.com
back\\slash.example.com
sp\032ace.example.com
tab\009here.example.com
new\010line.example.com
\255.example.com
MiXeD.example.com
