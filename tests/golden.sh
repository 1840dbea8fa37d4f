#!/bin/sh
# golden.sh CASE.t: one golden test.
#
# The first line of CASE.t is "$ COMMAND"; the rest is what COMMAND must
# print: its standard output, then "[stderr]" and what it wrote there if
# anything, then "[exit N]" if its status N is not 0.  COMMAND runs with
# sh in an empty scratch folder; every NAME.pcap (or NAME.pcapng) it names,
# for a scenario NAME of pcapgen, is generated there first.
case=$1
command=$(sed -n '1s/^\$ //p' "$case")
if [ -z "$command" ]; then
	echo "$case: the first line must be '\$ command'"
	exit 99
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/golden.XXXXXX") || exit 99
trap 'rm -rf "$scratch"' EXIT
sed 1d "$case" > "$scratch/.expected"
scenarios=$(pcapgen -l | cut -f1) || exit 99

cd "$scratch" || exit 99
for word in $command; do
	word=${word%%[;|&)]*}	# "x.pcap;" names x.pcap
	case $word in
	*.pcap|*.pcapng) ;;
	*) continue ;;
	esac
	name=${word%.pcap}
	name=${name%.pcapng}
	if printf '%s\n' "$scenarios" | grep -qx -- "$name"; then
		pcapgen "$name" "$word" || exit 99
	fi
done

sh -c "$command" > .stdout 2> .stderr
status=$?
{
	cat .stdout
	if [ -s .stderr ]; then
		echo "[stderr]"
		cat .stderr
	fi
	[ "$status" -eq 0 ] || echo "[exit $status]"
} > .actual
printf '$ %s\n' "$command"
if diff -u .expected .actual; then
	exit 0
fi
exit 1
