$ sh "$top_srcdir/examples/five-questions.sh" truncated-file.pcap
Capture: truncated-file.pcap
1. TCP connections: 1
   initiator known from its SYN: 1, from the SYN/ACK only: 0, not known (no handshake): 0
   connections initiated, by client:
     192.0.2.10 1
2. Closes begun by the client: 0 with FIN, 0 with RST; by the server: 0 with FIN, 0 with RST; never closed: 1; connects refused: 0
3. TCP payload bytes: 100 uploaded, 0 downloaded (each byte once: 100 and 0)
4. Downloaded TCP packets of 62 to 79 bytes: 0, with data: 0
5. DNS queries: 0 UDP packets to port 53, from 0 local UDP ports
   over TCP: 0 query messages, from 0 local TCP ports
[stderr]
pcapflows: truncated-file.pcap: truncated capture after frame 4
[exit 1]
