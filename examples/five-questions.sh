#!/bin/sh
# five-questions.sh CAPTURE...: the five questions about TCP and DNS in a
# capture, answered with the five pcaptally programs and standard tools
# only, as a short labelled report.  Several files are read as one.
#
#   sh five-questions.sh examples/sample.pcap
set -e
if [ $# -eq 0 ]; then
	echo "usage: sh five-questions.sh capture ..." >&2
	exit 2
fi
tab=$(printf '\t')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pcapflows -q "$@" > "$tmp/flows"
pcapclose -q "$@" > "$tmp/close"

echo "Capture: $*"

# 1. Which connections were there, and who initiated them?
echo "1. TCP connections: $(($(wc -l < "$tmp/flows")))"
awk -F"$tab" '{ n[$8]++ } END {
	printf "   initiator known from its SYN: %d, from the SYN/ACK only: %d, not known (no handshake): %d\n",
	    n["syn"], n["synack"], n["mid"] }' "$tmp/flows"
echo "   connections initiated, by client:"
cut -f4 "$tmp/flows" | sort | uniq -c | sort -k1,1rn -k2 |
	awk '{ printf "     %s %d\n", $2, $1 }'

# 2. Who initiates the close, the client or the server?  (A refused
# connect was never open: counted apart.)
awk -F"$tab" '$9 == "refused" { refused++; next } { n[$6 " " $7]++ } END {
	printf "2. Closes begun by the client: %d with FIN, %d with RST; by the server: %d with FIN, %d with RST; never closed: %d; connects refused: %d\n",
	    n["client fin"], n["client rst"], n["server fin"], n["server rst"],
	    n["- -"], refused }' "$tmp/close"

# 3. How many bytes were uploaded and downloaded, headers not counted?
pcapbytes -q "$@" | awk -F"$tab" '{ u += $6; d += $7 } END {
	printf "3. TCP payload bytes: %d uploaded, %d downloaded", u, d }'
pcapbytes -q -u "$@" | awk -F"$tab" '{ u += $6; d += $7 } END {
	printf " (each byte once: %d and %d)\n", u, d }'

# 4. Of the small downloaded packets, how many had any data at all?
small=$(($(pcapsmall -q -s 62-79 -d down "$@" | wc -l)))
data=$(($(pcapsmall -q -s 62-79 -d down -p "$@" | wc -l)))
echo "4. Downloaded TCP packets of 62 to 79 bytes: $small, with data: $data"

# 5. How many DNS queries were made?
pcapdns -q "$@" > "$tmp/dns"
echo "5. DNS queries: $(($(wc -l < "$tmp/dns"))) messages, from" \
    "$(($(cut -f3,4 "$tmp/dns" | sort -u | wc -l))) client ports"
