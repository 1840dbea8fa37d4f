$ cat sample.pcap | sh "$top_srcdir/examples/five-questions.sh" -
Capture: -
1. TCP connections: 6
   initiator known from its SYN: 6, from the SYN/ACK only: 0, not known (no handshake): 0
   connections initiated, by client:
     192.0.2.10 5
     2001:db8:1::10 1
2. Closes begun by the client: 1 with FIN, 1 with RST; by the server: 3 with FIN, 0 with RST; never closed: 0; connects refused: 1
3. TCP payload bytes: 11221 uploaded, 24737 downloaded (each byte once: 11221 and 23289)
4. Downloaded TCP packets of 62 to 79 bytes: 7, with data: 1
5. DNS queries: 10 UDP packets to port 53, from 5 local UDP ports
   over TCP: 0 query messages, from 0 local TCP ports
