#!/bin/sh
# five-questions.sh CAPTURE...: the five questions about TCP and DNS in a
# capture, answered with the five pcaptally programs and standard tools
# only, as a short labelled report.  Several files are read as one; "-"
# is standard input (kept in a temporary file: every program reads it).
#
#   sh five-questions.sh examples/sample.pcap
#   tcpdump -w - -c 1000 | sh five-questions.sh -
#
# A capture that cannot be read whole (a truncated file, the most common
# damage) still gets its report, for what could be read: the programs'
# warnings are shown, and the exit status is 1.  2 is a usage error.
if [ $# -eq 0 ]; then
	echo "usage: sh five-questions.sh capture ..." >&2
	exit 2
fi
tab=$(printf '\t')
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# Standard input, once, for the seven runs below.
names=$*
stdin_read=
for arg; do
	if [ "$arg" = - ] && [ -z "$stdin_read" ]; then
		cat > "$tmp/stdin" || exit 1
		stdin_read=1
	fi
	[ "$arg" = - ] && arg=$tmp/stdin
	set -- "$@" "$arg"
	shift
done

# Every program runs, whatever the others said; the warnings go to
# standard error after the report, each once (every program reading a
# damaged file says the same), and the worst exit status is the report's.
status=0
run() {
	"$@" 2>> "$tmp/warnings"
	rc=$?
	if [ "$rc" -gt "$status" ]; then
		status=$rc
	fi
}

# sum COLUMN...: exact sums of the columns of tab-separated numbers, in
# any awk (mawk's %d stops at 2^31 and its print goes to 6 digits): the
# last 9 digits and the rest are added apart, each exact in a double.
sum() {
	awk -F"$tab" -v cols="$*" '
	function add(i, v,  n) {
		n = length(v)
		if (n > 9) {
			hi[i] += substr(v, 1, n - 9) + 0
			v = substr(v, n - 8)
		}
		lo[i] += v + 0
		if (lo[i] >= 1e9) {
			hi[i] += int(lo[i] / 1e9)
			lo[i] -= int(lo[i] / 1e9) * 1e9
		}
	}
	BEGIN { n = split(cols, col, " ") }
	{ for (i = 1; i <= n; i++) add(i, $col[i]) }
	END {
		for (i = 1; i <= n; i++) {
			if (hi[i] > 0)
				s = sprintf("%.0f%09.0f", hi[i], lo[i])
			else
				s = sprintf("%.0f", lo[i])
			printf "%s%s", s, i < n ? " " : "\n"
		}
	}'
}

run pcapflows -q "$@" > "$tmp/flows"
run pcapclose -q "$@" > "$tmp/close"

echo "Capture: $names"

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
run pcapbytes -q "$@" > "$tmp/bytes"
run pcapbytes -q -u "$@" > "$tmp/unique"
bytes=$(sum 6 7 < "$tmp/bytes")
unique=$(sum 6 7 < "$tmp/unique")
echo "3. TCP payload bytes: ${bytes% *} uploaded, ${bytes#* } downloaded" \
    "(each byte once: ${unique% *} and ${unique#* })"

# 4. Of the small downloaded packets, how many had any data at all?
run pcapsmall -q -s 62-79 -d down "$@" > "$tmp/small"
run pcapsmall -q -s 62-79 -d down -p "$@" > "$tmp/small-data"
echo "4. Downloaded TCP packets of 62 to 79 bytes:" \
    "$(($(wc -l < "$tmp/small"))), with data: $(($(wc -l < "$tmp/small-data")))"

# 5. How many DNS queries were made?  One UDP packet to port 53 each,
# from a local port; DNS over TCP apart.
run pcapdns -q "$@" > "$tmp/dns"
awk -F"$tab" '{
	n[$7]++
	if (!(($7, $3, $4) in port)) { port[$7, $3, $4] = 1; ports[$7]++ }
} END {
	printf "5. DNS queries: %d UDP packets to port 53, from %d local UDP ports\n", n["udp"], ports["udp"]
	printf "   over TCP: %d query messages, from %d local TCP ports\n", n["tcp"], ports["tcp"]
}' "$tmp/dns"

# The same message from several programs: the first one's.
awk '{ m = $0; sub(/^[^:]*: /, "", m) } !seen[m]++' "$tmp/warnings" >&2
exit $status
