#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark what one trace event costs under LTT, ftrace and perf: build
# the test kernel with the ltt_bench_events module, boot it (deterministic
# single-threaded TCG with -icount, where guest time counts instructions,
# 1 ns = 1 instruction; then ordinary multi-threaded TCG), and in each
# boot fire the module's event, ltt_bench:ltt_bench_event (two u32), in a
# tight in-kernel loop under each condition, interleaved over several
# rounds (scripts/guest/bench-events.sh): tracepoint disabled, LTT, ftrace
# and perf recording it (overwrite mode, no reader, 256 KiB per CPU each),
# and the module's own probes that tell where LTT's cost goes. Prints the
# median ns per event of each condition, its net cost over the disabled
# tracepoint, and the LTT/ftrace and LTT/perf ratios.
#
#   scripts/bench-events.sh [-s SRC] [-k OUT] [-n EVENTS] [-r ROUNDS]
#                           [-m RUNS] [-c CONDS] [-t SECONDS] [-d] [-b] [-q]
#     -s SRC      kernel tree (default $LTT_WORK/ci)
#     -k OUT      build directory (default $LTT_WORK/out/bench-events)
#     -n EVENTS   events per run (default 200000)
#     -r ROUNDS   timed rounds, every condition once per round (default 7)
#     -m RUNS     which boots, in order: icount, tcg (default icount,tcg)
#     -c CONDS    conditions, comma-separated (default: all of
#                 disabled,ltt,ltt_counter,ftrace,perf,empty,ring_buffer,
#                 scratch; see scripts/guest/bench-events.sh)
#     -t SECONDS  time limit per boot (default 900)
#     -d          keep the lock and preemption debugging options of the
#                 test configuration (they dominate the cost; off by default)
#     -b          do not build, use OUT as it is
#     -q          quick: one round of 20000 events, icount only, to show
#                 that it works (results in bench-events-quick*)
#
# This is a measurement, not a test: it prints "bench: ..." lines and a
# table, also written to $LTT_WORK/results/bench-events.txt. It fails if
# a boot produced no result or a tracer did not record every event it was
# asked to; such numbers are marked VOID. Console logs and raw results
# are kept in $LTT_WORK/results/bench-events-{icount,tcg}/.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
. "$scripts/lib.sh"

src=$LTT_CI
out=$LTT_OUT/bench-events
events=200000
rounds=7
runs=icount,tcg
conds=disabled,ltt,ltt_counter,ftrace,perf,empty,ring_buffer,scratch
limit=900
debug=0
build=1
sfx=""
while getopts "s:k:n:r:m:c:t:dbq" opt; do
	case $opt in
	s) src=$OPTARG ;;
	k) out=$OPTARG ;;
	n) events=$OPTARG ;;
	r) rounds=$OPTARG ;;
	m) runs=$OPTARG ;;
	c) conds=$OPTARG ;;
	t) limit=$OPTARG ;;
	d) debug=1 ;;
	b) build=0 ;;
	q) events=20000 rounds=1 runs=icount sfx=-quick ;;
	*) sed -n '/^#   scripts/,/^# This/p' "$0" >&2; exit 2 ;;
	esac
done
src=$(readlink -f "$src")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The module and perf, no KUnit at boot; without -d, none of the
# debugging options the test configuration turns on.
cat > "$tmp/bench.config" <<EOC
CONFIG_LTT_BENCH_EVENTS=m
CONFIG_PERF_EVENTS=y
# CONFIG_LTT_KUNIT_TEST is not set
EOC
if [ $debug -eq 0 ]; then
	cat >> "$tmp/bench.config" <<EOC
# CONFIG_PROVE_LOCKING is not set
# CONFIG_DEBUG_ATOMIC_SLEEP is not set
# CONFIG_DEBUG_PREEMPT is not set
EOC
fi
if [ $build -eq 1 ]; then
	# -n: this fragment overrides options the test configuration sets.
	"$scripts/build.sh" -s "$src" -o "$out" -n -c "$tmp/bench.config"
fi
out=$(readlink -f "$out")
grep -q '^CONFIG_LTT_BENCH_EVENTS=m' "$out/.config" ||
	ltt_die "$out has no CONFIG_LTT_BENCH_EVENTS=m (build without -b)"
if ! grep -q '^CONFIG_PERF_EVENTS=y' "$out/.config"; then
	ltt_say "no CONFIG_PERF_EVENTS in $out: leaving perf out"
	conds=$(echo ",$conds," | sed -e 's/,perf,/,/' -e 's/^,//' -e 's/,$//')
fi
dbg=$(grep -c -E '^CONFIG_(PROVE_LOCKING|DEBUG_ATOMIC_SLEEP|DEBUG_PREEMPT)=y' \
	"$out/.config" || true)

# The perf recorder, static for the busybox guest.
gcc -static -O2 -Wall -o "$tmp/bench-perf" "$scripts/guest/bench-perf.c"

results=$LTT_WORK/results
mkdir -p "$results"
txt=$results/bench-events$sfx.txt

# median FILE: median of the numbers in FILE, one a line.
median() {
	sort -g "$1" | awk '{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# table RUN RAW: the summary of one boot.
table() {
	local run=$1 raw=$2 c n med min max bad vs dis="" l="" f="" p=""
	local -A m=()

	echo "$run: ns per event, median of $rounds runs of $events events$(
		[ "$run" = icount ] && echo " (= instructions per event)")"
	printf '  %-12s %10s %10s %10s %10s  %s\n' condition median min max \
		net recorded
	for c in $(echo "$conds" | tr , ' '); do
		grep " cond=$c " "$raw" | sed -n 's/.* events=\([0-9]*\) ns=\([0-9]*\) .*/\2 \1/p' |
			awk '{ printf "%.3f\n", $1 / $2 }' > "$tmp/v"
		n=$(wc -l < "$tmp/v")
		if [ "$n" -eq 0 ]; then
			printf '  %-12s %10s\n' "$c" "no result"
			continue
		fi
		med=$(median "$tmp/v")
		min=$(sort -g "$tmp/v" | head -n 1)
		max=$(sort -g "$tmp/v" | tail -n 1)
		bad=$(grep " cond=$c " "$raw" | grep -vc ' ok=1$' || true)
		if [ "$bad" -gt 0 ]; then
			vs="VOID: $bad of $n runs short"
		elif [ "$c" = disabled ]; then
			vs="-"
		else
			vs="all $n runs: $events"
		fi
		[ "$bad" -eq 0 ] && m[$c]=$med
		case $c in
		disabled) dis=$med ;;
		ltt) [ "$bad" -eq 0 ] && l=$med ;;
		ftrace) [ "$bad" -eq 0 ] && f=$med ;;
		perf) [ "$bad" -eq 0 ] && p=$med ;;
		esac
		printf '  %-12s %10.3f %10.3f %10.3f %10s  %s\n' "$c" "$med" "$min" "$max" \
			"$([ -n "$dis" ] && [ "$c" != disabled ] &&
				awk -v a="$med" -v b="$dis" 'BEGIN { printf "%.3f", a - b }' || echo -)" \
			"$vs"
	done
	ratio() {	# NAME NUM DEN
		if [ -z "$2" ] || [ -z "$3" ]; then
			echo "  $1: VOID or not measured"
		elif [ -n "$dis" ]; then
			awk -v n="$1" -v a="$2" -v b="$3" -v d="$dis" -v t="$4" 'BEGIN {
				printf "  %s: %.3f (net of the disabled loop: %.3f)%s\n",
					n, a / b, (a - d) / (b - d), t }'
		else
			awk -v n="$1" -v a="$2" -v b="$3" -v t="$4" 'BEGIN {
				printf "  %s: %.3f%s\n", n, a / b, t }'
		fi
	}
	ratio LTT/ftrace "$l" "$f" ", target <= 0.7"
	ratio LTT/perf "$l" "$p" ", target < 1"
	# Where LTT's cost goes, from the module's own probes.
	if [ -n "${m[disabled]:-}" ] && [ -n "${m[empty]:-}" ] && [ -n "${m[scratch]:-}" ] &&
	   [ -n "${m[ltt]:-}" ]; then
		awk -v d="${m[disabled]}" -v e="${m[empty]}" -v s="${m[scratch]}" \
		    -v l="${m[ltt]}" -v r="${m[ring_buffer]:-}" -v c="${m[ltt_counter]:-}" 'BEGIN {
			f = "    %-32s %8.1f  (%s)\n"
			printf "  LTT net cost per event, %.1f:\n", l - d
			printf f, "tracepoint call", e - d, "empty - disabled"
			printf f, "LTT probe, no channel", s - e, "scratch - empty"
			printf f, "writing into the channel", l - s, "ltt - scratch"
			if (r != "")
				printf f, "  incl. bare ring buffer write", r - e, "ring_buffer - empty"
			if (c != "")
				printf f, "  incl. monotonic trace clock", l - c, "ltt - ltt_counter"
		}'
	fi
}

{
	echo "LTT trace event benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "tree: $src at $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')"
	echo "kernel: $out ($([ "$dbg" -gt 0 ] && echo "with" || echo "without") lock/preempt debugging)"
	echo "event: ltt_bench:ltt_bench_event (u32 seq, u32 value), fired in batches of 1000," \
		"preemption disabled within a batch"
	echo "buffers: 256 KiB per CPU, overwrite, no reader (LTT 4 x 64 KiB sub-buffers," \
		"ftrace buffer_size_kb=256, perf 64 pages read-only)"
	echo
} > "$txt"

rc=0
for run in $(echo "$runs" | tr , ' '); do
	res=$results/bench-events-$run$sfx
	flags=()
	case $run in
	icount) flags=(-i) ;;
	tcg) ;;
	*) ltt_die "unknown run $run: icount or tcg" ;;
	esac
	ltt_say "bench: booting ($run)"
	"$scripts/boot.sh" -s "$src" -k "$out" -o "$res" -r extra -t "$limit" \
		"${flags[@]}" -x "$scripts/guest/bench-events.sh" \
		-f "$tmp/bench-perf:/usr/bin/bench-perf" \
		-a "bench.events=$events bench.rounds=$rounds bench.conds=$conds" \
		> "$res.log" 2>&1 || true
	raw=$res/guest/bench-events.raw
	if [ ! -s "$raw" ]; then
		echo "bench: $run: no result (see $res/console.log)"
		echo "$run: no result" >> "$txt"
		rc=1
		continue
	fi
	if grep -q '^FAIL: boot: no oops' "$res/results.txt"; then
		echo "bench: $run: the guest complained: $(grep '^FAIL: boot: no oops' "$res/results.txt")"
		rc=1
	fi
	grep -q ' ok=0$' "$raw" && rc=1
	table "$run" "$raw" >> "$txt"
	echo >> "$txt"
done
sed 's/^/bench: /' "$txt"
exit $rc
