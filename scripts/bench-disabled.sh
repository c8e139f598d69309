#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark what LTT costs when nothing is traced: the same workloads on
# the kernel built with the series and on the kernel built without it.
# Builds the benchmark kernel of scripts/bench-events.sh from SRC (base +
# series), and the same configuration, less every CONFIG_LTT* option,
# from the pristine base tree ($LTT_WORK/base, the ltt-base commit); it
# fails if the two configurations differ in anything else. Boots each
# (deterministic single-threaded TCG with -icount, where guest time
# counts instructions, 1 ns = 1 instruction; with -m icount,tcg also
# ordinary TCG) and runs, with no tracer attached to anything
# (scripts/guest/bench-disabled.sh), interleaved over several rounds:
#
#   system calls  bench-syscall: getuid() in a loop, ns per call
#   scheduler     bench-pingpong: pipe round trips between two processes
#                 on CPU 0, ns per round trip
#
# Prints the median of each on both kernels and the difference: what the
# disabled LTT probe sites (raw_syscalls, sched_switch, sched_wakeup...)
# and the rest of the series cost a kernel that does not trace.
#
#   scripts/bench-disabled.sh [-s SRC] [-k OUT] [-K BASE_OUT] [-y CALLS]
#                             [-p TRIPS] [-r ROUNDS] [-m RUNS]
#                             [-t SECONDS] [-b] [-q]
#     -s SRC       kernel tree with the series (default $LTT_WORK/ci)
#     -k OUT       its build directory (default $LTT_WORK/out/bench-events,
#                  shared with scripts/bench-events.sh)
#     -K BASE_OUT  build directory of the kernel without the series
#                  (default $LTT_WORK/out/bench-base)
#     -y CALLS     system calls per run (default 200000)
#     -p TRIPS     ping-pong round trips per run (default 20000)
#     -r ROUNDS    timed rounds (default 7)
#     -m RUNS      which boots, in order: icount, tcg (default icount)
#     -t SECONDS   time limit per boot (default 900)
#     -b           do not build, use OUT and BASE_OUT as they are
#     -q           quick: one round of 20000 calls and 2000 round trips
#                  (results in bench-disabled-quick*)
#
# This is a measurement, not a test: it prints "bench: ..." lines and a
# table, also written to $LTT_WORK/results/bench-disabled.txt. It fails
# if a boot produced no result. Console logs and raw results are kept in
# $LTT_WORK/results/bench-disabled-{ltt,base}-{icount,tcg}/.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
. "$scripts/lib.sh"
. "$scripts/bench-lib.sh"

src=$LTT_CI
out=$LTT_OUT/bench-events
bout=$LTT_OUT/bench-base
calls=200000
trips=20000
rounds=7
runs=icount
limit=900
build=1
sfx=""
while getopts "s:k:K:y:p:r:m:t:bq" opt; do
	case $opt in
	s) src=$OPTARG ;;
	k) out=$OPTARG ;;
	K) bout=$OPTARG ;;
	y) calls=$OPTARG ;;
	p) trips=$OPTARG ;;
	r) rounds=$OPTARG ;;
	m) runs=$OPTARG ;;
	t) limit=$OPTARG ;;
	b) build=0 ;;
	q) calls=20000 trips=2000 rounds=1 sfx=-quick ;;
	*) sed -n '/^#   scripts/,/^# This/p' "$0" >&2; exit 2 ;;
	esac
done
src=$(readlink -f "$src")
base=$(readlink -f "$LTT_BASE")
[ "$(git -C "$base" rev-parse HEAD)" = "$(git -C "$base" rev-parse ltt-base)" ] ||
	ltt_die "$base is not at ltt-base"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The kernel of scripts/bench-events.sh (without -d).
ltt_bench_kernel "$src" "$out" $build 0 "${LTT_BENCH_EVENTS_CONFIG[@]}"
out=$(readlink -f "$out")

# The base kernel's configuration: the LTT kernel's, less LTT. Every
# other option must come out the same.
grep -v -E '^(CONFIG_LTT[A-Z0-9_]*=|# CONFIG_LTT[A-Z0-9_]* is not set)' "$out/.config" \
	> "$tmp/base.config"
if [ $build -eq 1 ]; then
	"$scripts/build.sh" -s "$base" -o "$bout" -n -c "$tmp/base.config"
fi
bout=$(readlink -f "$bout")
[ -f "$bout/arch/x86/boot/bzImage" ] || ltt_die "no kernel in $bout (build without -b)"
grep -v -E '^#|^$' "$tmp/base.config" | sort > "$tmp/want"
grep -v -E '^#|^$' "$bout/.config" | sort > "$tmp/got"
if ! cmp -s "$tmp/want" "$tmp/got"; then
	diff "$tmp/want" "$tmp/got" | sed 's/^/  /' >&2 || true
	ltt_die "the base configuration differs from the LTT one in more than LTT"
fi
grep -q '^CONFIG_LTT' "$bout/.config" && ltt_die "$bout has LTT options"

ltt_bench_progs "$tmp" bench-syscall bench-pingpong

results=$LTT_WORK/results
mkdir -p "$results"
txt=$results/bench-disabled$sfx.txt

# stats RAW WORK: "median min max runs" of ns per call or round trip.
stats() {
	sed -n "s/.* work=$2 n=\([0-9]*\) ns=\([0-9]*\)$/\2 \1/p" "$1" |
		awk '{ printf "%.3f\n", $1 / $2 }' > "$tmp/v"
	if [ ! -s "$tmp/v" ]; then
		echo "- - - 0"
		return
	fi
	echo "$(ltt_median "$tmp/v") $(sort -g "$tmp/v" | head -n 1)" \
		"$(sort -g "$tmp/v" | tail -n 1) $(wc -l < "$tmp/v")"
}

# table RUN: both kernels' results of one kind of boot.
table() {
	local run=$1 w unit b l

	echo "$run: ns per call or round trip, median of $rounds runs (min-max)$(
		[ "$run" = icount ] && echo ", ns = instructions")"
	printf '  %-34s %24s %24s %10s %9s\n' workload "without the series" \
		"with the series" difference relative
	for w in syscall sched; do
		case $w in
		syscall) unit="getuid() x $calls, per call" ;;
		sched) unit="ping-pong x $trips, per round trip" ;;
		esac
		read -r -a b <<< "$(stats "$results/bench-disabled-base-$run$sfx/guest/bench-disabled.raw" $w)"
		read -r -a l <<< "$(stats "$results/bench-disabled-ltt-$run$sfx/guest/bench-disabled.raw" $w)"
		if [ "${b[3]}" = 0 ] || [ "${l[3]}" = 0 ]; then
			printf '  %-34s %22s\n' "$unit" "no result"
			continue
		fi
		awk -v u="$unit" -v bm="${b[0]}" -v bl="${b[1]}" -v bh="${b[2]}" \
		    -v lm="${l[0]}" -v ll="${l[1]}" -v lh="${l[2]}" 'BEGIN {
			printf "  %-34s %24s %24s %+10.1f %+8.2f%%\n", u,
				sprintf("%.1f (%.1f-%.1f)", bm, bl, bh),
				sprintf("%.1f (%.1f-%.1f)", lm, ll, lh),
				lm - bm, (lm - bm) * 100 / bm }'
	done
}

{
	echo "LTT disabled cost benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "with the series:    $src at $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')," \
		"built in $out"
	echo "without the series: $base at $(git -C "$base" rev-parse --short HEAD) (ltt-base)," \
		"built in $bout"
	echo "configuration: that of bench-events.sh; the base kernel's is the same less CONFIG_LTT*"
	echo "bzImage: $(stat -c %s "$bout/arch/x86/boot/bzImage") bytes without the series," \
		"$(stat -c %s "$out/arch/x86/boot/bzImage") with it"
	echo "workloads: bench-syscall (getuid() loop) and bench-pingpong (pipe round trips" \
		"on CPU 0), timed in the guest with CLOCK_MONOTONIC; nothing traced"
	echo
} > "$txt"

rc=0
for run in $(echo "$runs" | tr , ' '); do
	ltt_bench_qemu "$run"
	for k in base ltt; do
		res=$results/bench-disabled-$k-$run$sfx
		if [ $k = base ]; then ksrc=$base kout=$bout; else ksrc=$src kout=$out; fi
		ltt_say "bench: booting the kernel $([ $k = base ] && echo without ||
			echo with) the series ($run)"
		"$scripts/boot.sh" -s "$ksrc" -k "$kout" -o "$res" -r extra -t "$limit" \
			"${LTT_BENCH_QEMU[@]}" -x "$scripts/guest/bench-disabled.sh" \
			-f "$tmp/bench-syscall:/usr/bin/bench-syscall" \
			-f "$tmp/bench-pingpong:/usr/bin/bench-pingpong" \
			-a "bench.calls=$calls bench.trips=$trips bench.rounds=$rounds" \
			> "$res.log" 2>&1 || true
		if [ ! -s "$res/guest/bench-disabled.raw" ]; then
			echo "bench: $run $k: no result (see $res/console.log)"
			rc=1
		else
			ltt_bench_guest_ok "$res" bench-disabled.sh "$run $k" || rc=1
		fi
	done
	table "$run" >> "$txt"
	echo >> "$txt"
done
sed 's/^/bench: /' "$txt"
exit $rc
