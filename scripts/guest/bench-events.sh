#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of scripts/bench-events.sh: what one trace event costs under
# each tracer. Loads ltt_bench_events and, for a number of rounds, fires
# its event ltt_bench:ltt_bench_event N times under each condition,
# interleaved (each round starts one condition further on):
#
#   disabled     nothing attached to the tracepoint
#   ltt          an LTT channel records it (overwrite, 4 x 64 KiB, no reader)
#   ltt_counter  the same in a session with the "counter" clock: tells what
#                the monotonic trace clock costs per event
#   ftrace       tracefs events/ltt_bench/ltt_bench_event/enable
#                (overwrite, 256 KiB per CPU, no reader)
#   perf         bench-perf: a sampling perf event per CPU into a 256 KiB
#                read-only (overwrite) mapping, no reader
#   empty, ring_buffer, scratch
#                the module's own probes (see bench_events.c), which tell
#                where LTT's cost goes
#
# After each run it checks what was recorded: LTT's channel status
# (events written), ftrace's per-CPU stats (entries + overrun, nothing
# dropped), perf's counts and samples, the module probe's hits. One line
# per run goes to bench-events.raw:
#
#   round=1 cond=ltt events=200000 ns=... recorded=200000 ok=1
#
# Parameters, from the kernel command line (boot.sh -a):
#   bench.events=N    events per run (default 200000)
#   bench.rounds=R    timed rounds (default 7), after one untimed round
#   bench.conds=A,B   conditions (default all of the above)
events=200000
rounds=7
conds=disabled,ltt,ltt_counter,ftrace,perf,empty,ring_buffer,scratch
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	bench.events=*) events=${arg#bench.events=} ;;
	bench.rounds=*) rounds=${arg#bench.rounds=} ;;
	bench.conds=*) conds=${arg#bench.conds=} ;;
	esac
done
conds=$(echo "$conds" | tr , ' ')

LTT=/sys/kernel/debug/ltt
S=$LTT/sessions/bench
C=$S/channels/ev
SC=$LTT/sessions/benchc
CC=$SC/channels/ev
TR=/sys/kernel/tracing
EV=$TR/events/ltt_bench/ltt_bench_event
P=/sys/module/ltt_bench_events/parameters
raw=bench-events.raw
: > "$raw"

say() { echo "bench: $*" >&2; }
die() { say "error: $*"; exit 1; }

ko=$(find /lib/modules/"$(uname -r)" -name 'ltt_bench_events.ko*' | head -n 1)
[ -n "$ko" ] || die "no ltt_bench_events module"
insmod "$ko" || die "insmod $ko failed"

mountpoint -q $TR || mount -t tracefs tracefs $TR || die "no tracefs"
[ -d $EV ] || die "ftrace does not know ltt_bench:ltt_bench_event"
echo 256 > $TR/buffer_size_kb || die "ftrace buffer_size_kb"
[ "$(cat $TR/options/overwrite)" = 1 ] || die "ftrace not in overwrite mode"
echo 1 > $TR/tracing_on

echo bench > $LTT/create_session || die "create_session"
echo "ev subbuf_size=64k num_subbuf=4 mode=overwrite" > $S/create_channel ||
	die "create_channel"
echo benchc > $LTT/create_session || die "create_session"
echo counter > $SC/clock || die "counter clock"
echo "ev subbuf_size=64k num_subbuf=4 mode=overwrite" > $SC/create_channel ||
	die "create_channel"

perf_id=$(cat $EV/id)
case " $conds " in
*" perf "*)
	command -v bench-perf > /dev/null || die "no bench-perf in the guest"
	bench-perf "$perf_id" true > /dev/null || die "bench-perf does not work"
	;;
esac

# ltt_written CHANNEL: sum of "written" over the channel's per-CPU lines.
ltt_written() {
	awk '!/^#/ && NF == 6 { n += $3 } END { print n + 0 }' "$1"/status
}

# Sum of a field of ftrace's per-CPU stats ("entries", "overrun", ...).
ftrace_stat() {
	cat $TR/per_cpu/cpu*/stats |
		awk -v k="$1:" '$1 == k || $1 " " $2 == k { n += $NF } END { print n + 0 }'
}

fire() {
	echo "$events" > $P/run || die "run failed"
	cat $P/result
}

# run COND: one run under COND; prints "ns recorded ok".
run() {
	case $1 in
	disabled)
		res=$(fire)
		rec=0
		ok=$([ "$(echo "$res" | sed 's/.* hits=//')" = 0 ] && echo 1 || echo 0)
		;;
	ltt|ltt_counter)
		if [ "$1" = ltt ]; then s=$S c=$C; else s=$SC c=$CC; fi
		echo ltt_bench_event > $c/enable_event || die "enable_event"
		w0=$(ltt_written $c)
		echo 1 > $s/enable || die "session enable"
		res=$(fire)
		echo 0 > $s/enable
		rec=$(($(ltt_written $c) - w0))
		echo ltt_bench_event > $c/disable_event
		ok=$([ "$rec" = "$events" ] && echo 1 || echo 0)
		;;
	ftrace)
		echo > $TR/trace
		echo 1 > $EV/enable || die "ftrace enable"
		res=$(fire)
		echo 0 > $EV/enable
		rec=$(($(ftrace_stat entries) + $(ftrace_stat overrun)))
		drop=$(($(ftrace_stat "dropped events") + $(ftrace_stat "commit overrun")))
		ok=$([ "$rec" = "$events" ] && [ "$drop" = 0 ] && echo 1 || echo 0)
		;;
	perf)
		pout=$(bench-perf "$perf_id" sh -c "echo $events > $P/run") ||
			die "bench-perf failed"
		res=$(cat $P/result)
		cnt=$(echo "$pout" | sed -n 's/^perf: total count=\([0-9]*\) .*/\1/p')
		rec=$(echo "$pout" | sed -n 's/^perf: total .*records=\([0-9]*\)$/\1/p')
		ok=$([ "$cnt" = "$events" ] && [ "$rec" = "$events" ] && echo 1 || echo 0)
		[ $ok = 1 ] || echo "$pout" | sed 's/^/bench: /' >&2
		;;
	empty|ring_buffer|scratch)
		# scratch: ltt_event_scratch() needs a session tracing, with
		# nothing enabled in it.
		[ "$1" = scratch ] && echo 1 > $S/enable
		echo "$1" > $P/probe || die "probe $1"
		res=$(fire)
		echo none > $P/probe
		[ "$1" = scratch ] && echo 0 > $S/enable
		rec=$(echo "$res" | sed 's/.* hits=//')
		ok=$([ "$rec" = "$events" ] && echo 1 || echo 0)
		;;
	*)
		die "unknown condition $1"
		;;
	esac
	ns=$(echo "$res" | sed 's/.* ns=\([0-9]*\) .*/\1/')
	echo "$ns $rec $ok"
}

say "events=$events rounds=$rounds conditions: $conds"
nconds=$(echo $conds | wc -w)
r=0
while [ $r -le "$rounds" ]; do
	# Round 0 is the untimed warm-up; round r starts at condition r.
	set -- $conds
	i=0
	while [ $i -lt $((r % nconds)) ]; do
		c=$1
		shift
		set -- "$@" "$c"
		i=$((i + 1))
	done
	for c in "$@"; do
		set -- $(run "$c")
		[ $# -eq 3 ] || die "run $c: no result"
		[ $r -gt 0 ] &&
			echo "round=$r cond=$c events=$events ns=$1 recorded=$2 ok=$3" >> "$raw"
		[ "$3" = 1 ] || say "round $r $c: recorded $2 of $events events"
	done
	r=$((r + 1))
done

echo bench > $LTT/destroy_session
echo benchc > $LTT/destroy_session
rmmod ltt_bench_events
say "done: $(wc -l < "$raw") runs"
