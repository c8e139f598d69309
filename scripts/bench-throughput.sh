#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark the sustained throughput of LTT against ftrace: the highest
# event rate at which each tracer, in discard mode, with its consumer
# writing the trace to tmpfs, loses no event. Builds the benchmark kernel
# (the configuration of scripts/bench-events.sh, with the ltt_bench_events
# module), boots it (deterministic single-threaded TCG with -icount, where
# guest time counts instructions, 1 ns = 1 instruction of either CPU;
# then, with -m icount,tcg, ordinary multi-threaded TCG), and in the guest
# (scripts/guest/bench-throughput.sh) sweeps rates: for each, bench-pace
# fires ltt_bench:ltt_bench_event on CPU 1 at that average rate, in bursts,
# while the consumer runs on CPU 0:
#
#   LTT     one discard channel (8 x 16 KiB per CPU by default), lttd
#           writing the trace directory to /tmp
#   ftrace  options/overwrite 0, buffer_size_kb 128 by default, and
#           ftrace-splice (scripts/guest/ftrace-splice.c) splicing
#           per_cpu/cpuN/trace_pipe_raw into files in /tmp
#
# A run is lossless if the tracer counted no lost event (LTT: the
# channel's discarded and overwritten counters, which lttd's summary and
# the packets' events_discarded repeat; ftrace: overrun, commit overrun
# and dropped events in per_cpu/cpuN/stats) and the files hold every event
# fired (scripts/guest/trace-count.c walks the packets and pages). The
# sweep is a series of rates, then a few bisection steps between the
# highest lossless rate and the lowest lossy one. Rates are events per
# second of guest time; the source's own clock says what it achieved.
#
#   scripts/bench-throughput.sh [-s SRC] [-k OUT] [-n EVENTS] [-B BURST]
#                               [-R RATES] [-e STEPS] [-T TRACERS]
#                               [-S SUBBUF] [-N NSUB] [-w READ_US]
#                               [-f KB] [-P PERCENT] [-m RUNS]
#                               [-t SECONDS] [-x NAME] [-b] [-q]
#     -s SRC      kernel tree (default $LTT_WORK/ci)
#     -k OUT      build directory (default $LTT_WORK/out/bench-events,
#                 shared with scripts/bench-events.sh)
#     -n EVENTS   events per run (default 1000000)
#     -B BURST    events per burst (default 1000: one batch of the module,
#                 fired with preemption disabled)
#     -R RATES    rates in events per second, comma-separated, ascending
#                 (default 25000,50000,...,3200000, doubling)
#     -e STEPS    bisection steps after the sweep (default 3)
#     -T TRACERS  ltt,ftrace (default)
#     -S SUBBUF   LTT sub-buffer size (default 16k)
#     -N NSUB     LTT sub-buffers per CPU (default 8)
#     -f KB       ftrace buffer_size_kb (default 128)
#     -P PERCENT  ftrace buffer_percent (default: the kernel's, 50)
#     -m RUNS     which boots, in order: icount, tcg (default icount)
#     -t SECONDS  time limit per boot (default 1800)
#     -x NAME     results in bench-throughput-NAME* (for variants)
#     -b          do not build, use OUT as it is
#     -q          quick: 100000 events per run, rates 100000,400000,1600000,
#                 no bisection, to show that it works (results in
#                 bench-throughput-quick*)
#
# This is a measurement, not a test: it prints "bench: ..." lines and a
# table, also written to $LTT_WORK/results/bench-throughput.txt. It fails
# if a boot produced no result or a run's counts disagree (events in the
# files differ from the tracer's own count while it reports no loss).
# Console logs and raw results are kept in
# $LTT_WORK/results/bench-throughput-{icount,tcg}/.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
. "$scripts/lib.sh"
. "$scripts/bench-lib.sh"

src=$LTT_CI
out=$LTT_OUT/bench-events
events=1000000
burst=1000
rates=25000,50000,100000,200000,400000,800000,1600000,3200000
steps=3
tracers=ltt,ftrace
subbuf=16k
nsub=8
kb=128
percent=""
runs=icount
limit=1800
build=1
sfx=""
while getopts "s:k:n:B:R:e:T:S:N:f:P:m:t:x:bq" opt; do
	case $opt in
	s) src=$OPTARG ;;
	k) out=$OPTARG ;;
	n) events=$OPTARG ;;
	B) burst=$OPTARG ;;
	R) rates=$OPTARG ;;
	e) steps=$OPTARG ;;
	T) tracers=$OPTARG ;;
	S) subbuf=$OPTARG ;;
	N) nsub=$OPTARG ;;
	f) kb=$OPTARG ;;
	P) percent=$OPTARG ;;
	m) runs=$OPTARG ;;
	t) limit=$OPTARG ;;
	x) sfx=-$OPTARG ;;
	b) build=0 ;;
	q) events=100000 rates=100000,400000,1600000 steps=0 sfx=-quick ;;
	*) sed -n '/^#   scripts/,/^# This/p' "$0" >&2; exit 2 ;;
	esac
done
src=$(readlink -f "$src")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The kernel of scripts/bench-events.sh (without -d): both benchmarks
# share one build.
ltt_bench_kernel "$src" "$out" $build 0 "${LTT_BENCH_EVENTS_CONFIG[@]}"
out=$(readlink -f "$out")
hz=$(sed -n 's/^CONFIG_HZ=//p' "$out/.config")

ltt_bench_progs "$tmp" bench-pace ftrace-splice trace-count

results=$LTT_WORK/results
mkdir -p "$results"
txt=$results/bench-throughput$sfx.txt

# table RUN RAW: every run of one boot, then each tracer's result.
table() {
	local run=$1 raw=$2 t bad

	# The raw lines without their keys: tracer rate events achieved late
	# written lost counted ok.
	sed 's/[a-z]*=//g' "$raw" > "$tmp/runs"
	echo "$run: runs of $events events in bursts of $burst$(
		[ "$run" = icount ] && echo ", rates in events per second of guest time (10^9 instructions)")"
	printf '  %-7s %10s %10s %6s %10s %10s %10s  %s\n' tracer rate achieved late \
		written lost "in files" lossless
	for t in $(echo "$tracers" | tr , ' '); do
		awk -v t="$t" -v n="$events" '$1 == t {
			printf "  %-7s %10d %10d %6d %10d %10d %10d  %s\n", $1, $2, $4, $5,
				$6, $7, $8, $9 == 1 && $3 == n ? "yes" : "no"
		}' "$tmp/runs" | sort -k2 -n
	done
	echo
	echo "$run: highest lossless rate (lossless there and at every lower rate tested)"
	for t in $(echo "$tracers" | tr , ' '); do
		awk -v t="$t" '$1 == t' "$tmp/runs" | sort -k2 -n |
		awk -v t="$t" -v n="$events" -v b="$burst" '
			first == "" && ($9 != 1 || $3 != n) { first = $2 }
			first == "" { best = $2; got = $4; late = $5 }
			END {
				if (best == "")
					printf "  %-7s none", t
				else if (first == "" && late * 2 > n / b)
					printf "  %-7s >= %d events/s achieved: the source saturated" \
						" (%d of %d bursts late) before the tracer lost" \
						" anything", t, got, late, n / b
				else
					printf "  %-7s %d events/s (source achieved %d)", t, best, got
				if (first == "")
					printf ", no lossy rate found\n"
				else
					printf ", lowest lossy rate %d\n", first
			}'
	done
	# Counts that disagree although no loss was reported: a broken
	# measurement, not a result.
	bad=$(awk '$7 == 0 && ($6 != $3 || $8 != $3)' "$tmp/runs" | wc -l)
	if [ "$bad" -gt 0 ]; then
		echo "  VOID: $bad runs reported no loss but did not count what was fired"
		return 1
	fi
}

{
	echo "LTT sustained throughput benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "tree: $src at $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')"
	echo "kernel: $out (configuration of bench-events.sh, HZ=$hz)"
	echo "event: ltt_bench:ltt_bench_event (u32 seq, u32 value), fired by bench-pace on CPU 1" \
		"in bursts of $burst, consumer on CPU 0, trace files on tmpfs"
	echo "LTT: one channel, discard, $nsub x $subbuf per CPU, lttd"
	echo "ftrace: overwrite 0, buffer_size_kb=$kb, buffer_percent=${percent:-default}," \
		"ftrace-splice (splice of trace_pipe_raw)"
	echo "lossless: no event discarded/dropped/overrun, and the files hold every event fired"
	echo "achieved: events/s by the guest's CLOCK_MONOTONIC; under -icount (single-threaded," \
		"both CPUs take turns) a guest second is 10^9 instructions of the two CPUs together," \
		"so the consumer's work slows the source down"
	echo
} > "$txt"

rc=0
for run in $(echo "$runs" | tr , ' '); do
	res=$results/bench-throughput-$run$sfx
	ltt_bench_qemu "$run"
	ltt_say "bench: booting ($run)"
	"$scripts/boot.sh" -s "$src" -k "$out" -o "$res" -r extra -t "$limit" \
		"${LTT_BENCH_QEMU[@]}" -x "$scripts/guest/bench-throughput.sh" \
		-f "$tmp/bench-pace:/usr/bin/bench-pace" \
		-f "$tmp/ftrace-splice:/usr/bin/ftrace-splice" \
		-f "$tmp/trace-count:/usr/bin/trace-count" \
		-a "tput.events=$events tput.burst=$burst tput.rates=$rates tput.refine=$steps tput.tracers=$tracers tput.subbuf=$subbuf tput.nsub=$nsub tput.kb=$kb${percent:+ tput.percent=$percent}" \
		> "$res.log" 2>&1 || true
	raw=$res/guest/bench-throughput.raw
	if [ ! -s "$raw" ]; then
		echo "bench: $run: no result (see $res/console.log)"
		echo "$run: no result" >> "$txt"
		rc=1
		continue
	fi
	ltt_bench_guest_ok "$res" bench-throughput.sh "$run" || rc=1
	table "$run" "$raw" >> "$txt" || rc=1
	echo >> "$txt"
done
sed 's/^/bench: /' "$txt"
exit $rc
