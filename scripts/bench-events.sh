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
# In the same rounds, three user-space workloads (static programs built
# here, scripts/guest/bench-syscall.c and bench-pingpong.c):
#   system calls  getuid() in a loop, with nothing, LTT, ftrace or perf
#                 recording raw_syscalls sys_enter + sys_exit, and LTT or
#                 ftrace recording syscalls sys_enter_getuid +
#                 sys_exit_getuid; ns per call, and overhead per event,
#                 (traced - untraced) / 2 per call
#   scheduler     two processes on CPU 0 passing a byte over two pipes,
#                 with nothing, LTT, ftrace or perf recording sched_switch
#                 + sched_wakeup, and LTT or ftrace recording sched_switch
#                 alone; ns per round trip, and overhead per event,
#                 (traced - untraced) / the events the tracer recorded
#   user events   bench-syscall writing a 32-byte message CALLS times to
#                 /dev/null, to LTT's user_event (with no session
#                 enabling it, or LTT recording ltt_user:ltt_user_message)
#                 or to ftrace's trace_marker; ns per write, and overhead
#                 per event, traced - /dev/null
#
#   scripts/bench-events.sh [-s SRC] [-k OUT] [-n EVENTS] [-y CALLS]
#                           [-p TRIPS] [-r ROUNDS] [-m RUNS] [-c CONDS]
#                           [-t SECONDS] [-e FLAGS] [-u] [-x NAME]
#                           [-d] [-b] [-q]
#     -s SRC      kernel tree (default $LTT_WORK/ci)
#     -k OUT      build directory (default $LTT_WORK/out/bench-events)
#     -n EVENTS   events per run (default 200000)
#     -y CALLS    system calls per run (default 200000)
#     -p TRIPS    ping-pong round trips per run (default 20000)
#     -r ROUNDS   timed rounds, every condition once per round (default 7)
#     -m RUNS     which boots, in order: icount, tcg (default icount,tcg)
#     -c CONDS    conditions, comma-separated (default: all of
#                 disabled,ltt,ltt_counter,ftrace,perf,empty,ring_buffer,
#                 scratch, syscall_off,syscall_ltt_raw,syscall_ltt_call,
#                 syscall_ftrace_raw,syscall_ftrace_call,syscall_perf_raw,
#                 sched_off,sched_ltt,sched_ftrace,sched_perf,
#                 sched_ltt_switch,sched_ftrace_switch,
#                 user_off,user_idle,user_ltt,user_ftrace; see
#                 scripts/guest/bench-events.sh)
#     -t SECONDS  time limit per boot (default 900)
#     -e FLAGS    more QEMU -cpu flags (e.g. +invtsc; scripts/boot.sh -c)
#     -u          boot without tsc=reliable (scripts/boot.sh -u): unless
#                 the CPU says its TSC is invariant, the kernel does not
#                 trust it and LTT reads ktime_get_mono_fast_ns()
#     -x NAME     results in bench-events-NAME* (for variants)
#     -d          keep the lock and preemption debugging options of the
#                 test configuration (they dominate the cost; off by default)
#     -b          do not build, use OUT as it is
#     -q          quick: one round of 20000 events, 20000 calls and 2000
#                 round trips, icount only, to show that it works (results
#                 in bench-events-quick*)
#
# This is a measurement, not a test: it prints "bench: ..." lines and a
# table, also written to $LTT_WORK/results/bench-events.txt. It fails if
# a boot produced no result or a tracer did not record every event it was
# asked to; such numbers are marked VOID. Console logs and raw results
# are kept in $LTT_WORK/results/bench-events-{icount,tcg}/.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
. "$scripts/lib.sh"
. "$scripts/bench-lib.sh"

src=$LTT_CI
out=$LTT_OUT/bench-events
events=200000
calls=200000
trips=20000
rounds=7
runs=icount,tcg
conds=disabled,ltt,ltt_counter,ftrace,perf,empty,ring_buffer,scratch
conds=$conds,syscall_off,syscall_ltt_raw,syscall_ltt_call,syscall_ftrace_raw
conds=$conds,syscall_ftrace_call,syscall_perf_raw
conds=$conds,sched_off,sched_ltt,sched_ftrace,sched_perf
conds=$conds,sched_ltt_switch,sched_ftrace_switch
conds=$conds,user_off,user_idle,user_ltt,user_ftrace
limit=900
debug=0
build=1
sfx=""
boot_flags=()
while getopts "s:k:n:y:p:r:m:c:t:e:ux:dbq" opt; do
	case $opt in
	s) src=$OPTARG ;;
	k) out=$OPTARG ;;
	n) events=$OPTARG ;;
	y) calls=$OPTARG ;;
	p) trips=$OPTARG ;;
	r) rounds=$OPTARG ;;
	m) runs=$OPTARG ;;
	c) conds=$OPTARG ;;
	t) limit=$OPTARG ;;
	e) boot_flags+=(-c "$OPTARG") boot_cpu=",$OPTARG" ;;
	u) boot_flags+=(-u) ;;
	x) sfx=-$OPTARG ;;
	d) debug=1 ;;
	b) build=0 ;;
	q) events=20000 calls=20000 trips=2000 rounds=1 runs=icount sfx=-quick ;;
	*) sed -n '/^#   scripts/,/^# This/p' "$0" >&2; exit 2 ;;
	esac
done
src=$(readlink -f "$src")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ltt_bench_kernel "$src" "$out" $build $debug "${LTT_BENCH_EVENTS_CONFIG[@]}"
out=$(readlink -f "$out")
if ! grep -q '^CONFIG_PERF_EVENTS=y' "$out/.config"; then
	ltt_say "no CONFIG_PERF_EVENTS in $out: leaving perf out"
	conds=$(echo ",$conds," | sed -e 's/,perf,/,/' -e 's/,syscall_perf_raw,/,/' \
		-e 's/,sched_perf,/,/' -e 's/^,//' -e 's/,$//')
fi
jl=$(grep -c '^CONFIG_JUMP_LABEL=y' "$out/.config" || true)
dbg=$(grep -c -E '^CONFIG_(PROVE_LOCKING|DEBUG_ATOMIC_SLEEP|DEBUG_PREEMPT)=y' \
	"$out/.config" || true)

# The perf recorder and the workloads.
ltt_bench_progs "$tmp" bench-perf bench-syscall bench-pingpong

results=$LTT_WORK/results
mkdir -p "$results"
txt=$results/bench-events$sfx.txt

# table RUN RAW: the summary of one boot, workload 1.
table() {
	local run=$1 raw=$2 c n med min max bad vs dis="" l="" f="" p=""
	local -A m=()

	echo "$run: ns per event, median of $rounds runs of $events events$(
		[ "$run" = icount ] && echo " (= instructions per event)")"
	printf '  %-12s %10s %10s %10s %10s  %s\n' condition median min max \
		net recorded
	for c in $(echo "$conds" | tr , '\n' | grep -v -E '^(syscall|sched|user)_'); do
		grep " cond=$c " "$raw" | sed -n 's/.* events=\([0-9]*\) ns=\([0-9]*\) .*/\2 \1/p' |
			awk '{ printf "%.3f\n", $1 / $2 }' > "$tmp/v"
		n=$(wc -l < "$tmp/v")
		if [ "$n" -eq 0 ]; then
			printf '  %-12s %10s\n' "$c" "no result"
			continue
		fi
		med=$(ltt_median "$tmp/v")
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

# wtable RUN RAW syscall|sched: the summary of one boot, workload 2 or 3.
# Medians of the per-run values; overhead per event: (traced - untraced)
# / 2 per system call, (traced - untraced) / events recorded per run of
# the scheduler workload.
wtable() {
	local run=$1 raw=$2 kind=$3 c n med min max bad vs unit per rmed rmin rmax
	local off="" fo="" cl=()
	local -A o=()

	if [ "$kind" = syscall ]; then
		unit=call per=$calls
		echo "$run: system-call workload, getuid() x $calls per run," \
			"median of $rounds runs$([ "$run" = icount ] &&
			echo " (ns = instructions)")"
	elif [ "$kind" = user ]; then
		unit=write per=$calls
		echo "$run: events from user space, $calls writes of 32 bytes per run," \
			"median of $rounds runs$([ "$run" = icount ] &&
			echo " (ns = instructions)")"
	else
		unit=trip per=$trips
		echo "$run: scheduler workload, $trips pipe round trips per run" \
			"between two processes on CPU 0, median of $rounds runs$(
			[ "$run" = icount ] && echo " (ns = instructions)")"
	fi
	printf '  %-20s %10s %10s %10s %10s %10s  %s\n' condition "ns/$unit" min max \
		"events/$unit" "ns/event" "events recorded (median, min-max)"
	cl=($(echo "$conds" | tr , '\n' | grep "^${kind}_" || true))
	for c in "${cl[@]}"; do
		grep " cond=$c " "$raw" | sed -n 's/.* n=\([0-9]*\) ns=\([0-9]*\) recorded=\([0-9]*\) .*/\2 \1 \3/p' \
			> "$tmp/w"
		n=$(wc -l < "$tmp/w")
		if [ "$n" -eq 0 ]; then
			printf '  %-20s %10s\n' "$c" "no result"
			continue
		fi
		awk '{ printf "%.3f\n", $1 / $2 }' "$tmp/w" > "$tmp/v"
		awk '{ print $3 }' "$tmp/w" > "$tmp/r"
		med=$(ltt_median "$tmp/v")
		min=$(sort -g "$tmp/v" | head -n 1)
		max=$(sort -g "$tmp/v" | tail -n 1)
		rmed=$(ltt_median "$tmp/r")
		rmin=$(sort -g "$tmp/r" | head -n 1)
		rmax=$(sort -g "$tmp/r" | tail -n 1)
		bad=$(grep " cond=$c " "$raw" | grep -vc ' ok=1$' || true)
		if [ "$c" = "${kind}_off" ]; then
			[ "$bad" -eq 0 ] && off=$med
			printf '  %-20s %10.3f %10.3f %10.3f %10s %10s  %s\n' "$c" "$med" \
				"$min" "$max" - - "-"
			continue
		fi
		if [ "$bad" -gt 0 ]; then
			vs="VOID: $bad of $n runs short: $rmed ($rmin-$rmax)"
		else
			vs="$rmed ($rmin-$rmax)"
		fi
		# Overhead per event, from the medians.
		if [ -z "$off" ]; then
			fo=-
		elif [ "$kind" = syscall ]; then
			fo=$(awk -v a="$med" -v b="$off" 'BEGIN { printf "%.1f", (a - b) / 2 }')
		elif [ "$kind" = user ]; then
			fo=$(awk -v a="$med" -v b="$off" 'BEGIN { printf "%.1f", a - b }')
		else
			fo=$(awk -v a="$med" -v b="$off" -v p="$per" -v r="$rmed" \
				'BEGIN { printf "%.1f", (a - b) * p / r }')
		fi
		[ "$bad" -eq 0 ] && [ "$fo" != - ] && o[$c]=$fo
		printf '  %-20s %10.3f %10.3f %10.3f %10.3f %10s  %s\n' "$c" "$med" "$min" \
			"$max" "$(awk -v r="$rmed" -v p="$per" 'BEGIN { print r / p }')" "$fo" "$vs"
	done
	wratio() {	# NAME NUM DEN TARGET
		if [ -z "$2" ] || [ -z "$3" ]; then
			echo "  $1: VOID or not measured"
		else
			awk -v n="$1" -v a="$2" -v b="$3" -v t="$4" 'BEGIN {
				printf "  %s: %.3f (%.1f / %.1f ns per event)%s\n", n, a / b, a, b, t }'
		fi
	}
	if [ "$kind" = syscall ]; then
		wratio "LTT/ftrace, raw_syscalls" "${o[syscall_ltt_raw]:-}" \
			"${o[syscall_ftrace_raw]:-}" ", target <= 0.3"
		wratio "LTT/ftrace, per system call" "${o[syscall_ltt_call]:-}" \
			"${o[syscall_ftrace_call]:-}" ", target <= 0.3"
		wratio "LTT/perf, raw_syscalls" "${o[syscall_ltt_raw]:-}" \
			"${o[syscall_perf_raw]:-}" ", target < 1"
	elif [ "$kind" = user ]; then
		wratio "LTT user_event / ftrace trace_marker" "${o[user_ltt]:-}" \
			"${o[user_ftrace]:-}" ""
	else
		wratio "LTT/ftrace, sched_switch+wakeup" "${o[sched_ltt]:-}" \
			"${o[sched_ftrace]:-}" ""
		wratio "LTT/ftrace, sched_switch" "${o[sched_ltt_switch]:-}" \
			"${o[sched_ftrace_switch]:-}" ", target <= 0.3"
		wratio "LTT/perf" "${o[sched_ltt]:-}" "${o[sched_perf]:-}" ", target < 1"
	fi
}

{
	echo "LTT trace event benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "tree: $src at $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?')"
	echo "kernel: $out ($([ "$dbg" -gt 0 ] && echo "with" || echo "without") lock/preempt debugging," \
		"$([ "$jl" -gt 0 ] && echo "with" || echo "without") jump labels)"
	echo "event: ltt_bench:ltt_bench_event (u32 seq, u32 value), fired in batches of 1000," \
		"preemption disabled within a batch"
	echo "buffers: 256 KiB per CPU, overwrite, no reader (LTT 4 x 64 KiB sub-buffers," \
		"ftrace buffer_size_kb=256, perf 64 pages read-only per event)"
	echo "workloads: bench-syscall (getuid() loop) and bench-pingpong (pipe round trips" \
		"on CPU 0), timed in the guest with CLOCK_MONOTONIC; tracers record system-wide"
	echo
} > "$txt"

rc=0
for run in $(echo "$runs" | tr , ' '); do
	res=$results/bench-events-$run$sfx
	ltt_bench_qemu "$run"
	ltt_say "bench: booting ($run)"
	"$scripts/boot.sh" -s "$src" -k "$out" -o "$res" -r extra -t "$limit" \
		"${LTT_BENCH_QEMU[@]}" "${boot_flags[@]}" \
		-x "$scripts/guest/bench-events.sh" \
		-f "$tmp/bench-perf:/usr/bin/bench-perf" \
		-f "$tmp/bench-syscall:/usr/bin/bench-syscall" \
		-f "$tmp/bench-pingpong:/usr/bin/bench-pingpong" \
		-a "bench.events=$events bench.calls=$calls bench.trips=$trips bench.rounds=$rounds bench.conds=$conds" \
		> "$res.log" 2>&1 || true
	raw=$res/guest/bench-events.raw
	if [ ! -s "$raw" ]; then
		echo "bench: $run: no result (see $res/console.log)"
		echo "$run: no result" >> "$txt"
		rc=1
		continue
	fi
	ltt_bench_guest_ok "$res" bench-events.sh "$run" || rc=1
	grep -q ' ok=0$' "$raw" && rc=1
	# Which clock LTT read, and why: the CPU's TSC flags, tsc=reliable.
	{
		echo "$run: $(grep -o 'ltt: trace clock: .*' "$res/console.log" |
			head -1 | tr -d '\r'); QEMU -cpu max,la57=off${boot_cpu:-};" \
			"$( [ ${#boot_flags[@]} -gt 0 ] && echo "boot.sh ${boot_flags[*]}" ||
			echo "tsc=reliable")"
		echo
	} >> "$txt"
	if echo ",$conds," | grep -q -v -E '^(,(syscall|sched|user)_[a-z_]*)*,$'; then
		table "$run" "$raw" >> "$txt"
		echo >> "$txt"
	fi
	for w in syscall sched user; do
		case ",$conds," in
		*",${w}_"*)
			wtable "$run" "$raw" $w >> "$txt"
			echo >> "$txt"
			;;
		esac
	done
done
sed 's/^/bench: /' "$txt"
exit $rc
