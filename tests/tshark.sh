# tshark.sh: sourced by the tests that compare with Wireshark.
#
# The reference is tshark with only the link, IP, TCP, UDP and DNS
# dissectors enabled (higher-level dissectors open conversations of their
# own and renumber tcp.stream) and IP reassembly off (pcaptally does not
# reassemble: a first fragment is decoded on its own).
# Tests skip (exit 77) without tshark.

CAPTURES=${PCAPTALLY_CAPTURES:-${top_srcdir:-.}/../shared/captures}
TSHARK_PROTOCOLS=frame,eth,ethertype,vlan,ieee8021ad,sll,null,loop,raw,ip,ipv6,ipv6.hopopts,ipv6.routing,ipv6.dstopts,ipv6.fraghdr,ah,tcp,udp,dns,pppoes,ppp,mpls
DIFFERENCES=${top_srcdir:-.}/tests/tshark-differences.tsv

# need_tshark SCRATCH: skips without tshark; else sets up a Wireshark
# configuration in SCRATCH that disables every other dissector (tshark
# 4.0 ignores "--disable-protocol ALL"), and writes the generator's
# scenarios into SCRATCH/scenarios.
need_tshark() {
	if ! command -v tshark >/dev/null 2>&1; then
		echo "tshark is not installed: skipped"
		exit 77
	fi
	WIRESHARK_CONFIG_DIR=$1/wireshark
	export WIRESHARK_CONFIG_DIR
	mkdir -p "$WIRESHARK_CONFIG_DIR" || exit 99
	tshark -G protocols 2>/dev/null | awk -F'\t' -v keep="$TSHARK_PROTOCOLS" '
	    BEGIN { n = split(keep, k, ","); for (i = 1; i <= n; i++) on[k[i]] = 1 }
	    !($3 in on) { print $3 }' > "$WIRESHARK_CONFIG_DIR/disabled_protos"
	[ -s "$WIRESHARK_CONFIG_DIR/disabled_protos" ] || exit 99
	SCENARIOS=$1/scenarios
	pcapgen -a "$SCENARIOS" || exit 99
	merged_captures "$SCENARIOS"
}

# merged_captures DIR: pcapng files libpcap 1.10 refuses, made with
# mergecap from scenarios of different link types, snapshot lengths and
# time resolutions (concatenated, each file its own interface); and one
# scenario rewritten as pcapng by editcap.
merged_captures() {
	command -v mergecap >/dev/null 2>&1 || return 0
	d=$1
	mergecap -a -F pcapng -w "$d/merged-link-types.pcapng" "$d/sll.pcap" \
	    "$d/handshake-fin.pcap" "$d/raw-ipv4.pcap" "$d/sll2.pcap" \
	    "$d/dns-a-aaaa.pcap" || exit 99
	mergecap -a -F pcapng -w "$d/merged-snaplens.pcapng" \
	    "$d/snaplen-64.pcap" "$d/close-half.pcap" "$d/dns-vlan.pcap" || exit 99
	# nanoseconds first: 9 decimals, which microseconds fill exactly
	mergecap -a -F pcapng -w "$d/merged-time-resolutions.pcapng" \
	    "$d/nanosecond.pcap" "$d/close-never.pcap" "$d/linktype-ipv6.pcap" \
	    "$d/dns-tcp.pcap" || exit 99
	mergecap -F pcapng -w "$d/merged-interleaved.pcapng" "$d/loop.pcap" \
	    "$d/null-le.pcap" "$d/dns-retry.pcap" "$d/ipv6.pcap" || exit 99
	editcap -F pcapng "$d/sample.pcap" "$d/sample-as.pcapng" || exit 99
}

# The captures to compare, one path a line: the shared captures when
# they are there (they are not in CI), and every generated scenario.
comparison_captures() {
	if [ -d "$CAPTURES" ]; then
		for f in "$CAPTURES"/*; do
			case $f in
			*.pcap|*.pcapng|*.cap) echo "$f" ;;
			esac
		done
	else
		echo "no shared captures in $CAPTURES: only generated ones" >&2
	fi
	ls "$SCENARIOS"/*.pcap
	ls "$SCENARIOS"/*.pcapng 2>/dev/null
}

# frames_read STDERR: when a program said it stopped reading after frame
# N (libpcap gave up on the file), "-c N", so tshark reads as much.
frames_read() {
	sed -n 's/.*\(stopped\|truncated capture\) after frame \([0-9]*\).*/-c \2/p' "$1"
}

# tshark_fields CAPTURE [-c N] FIELD...: one line per frame, tab-separated.
tshark_fields() {
	cap=$1
	shift
	count=
	if [ "$1" = -c ]; then
		count="-c $2"
		shift 2
		[ "$count" = "-c 0" ] && return
	fi
	for field; do
		set -- "$@" -e "$field"
		shift
	done
	tshark -n -r "$cap" $count \
	    -o ip.defragment:FALSE -o ipv6.defragment:FALSE \
	    -T fields -E separator=/t -E occurrence=f "$@" 2>/dev/null
}

# known_difference PROGRAM CAPTURE: the reason, if any, why PROGRAM
# differs from tshark on CAPTURE on purpose.
known_difference() {
	awk -F'\t' -v prog="$1" -v cap="$(basename "$2")" '
	    $1 == cap { n = split($2, p, ","); for (i = 1; i <= n; i++)
		if (p[i] == prog) print $3 }' "$DIFFERENCES"
}

# documented PROGRAM CAPTURE: whether PROGRAM's man page names CAPTURE
# (every deliberate difference must be listed there).
documented() {
	grep -q "$(basename "$2")" "${top_srcdir:-.}/man/$1.1"
}
