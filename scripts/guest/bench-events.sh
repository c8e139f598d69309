#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of scripts/bench-events.sh: what one trace event costs under
# each tracer. Loads ltt_bench_events and, for a number of rounds, runs
# each condition once, interleaved (each round starts one condition
# further on). Three workloads, each with its conditions.
#
# 1. The module fires its event ltt_bench:ltt_bench_event N times:
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
# 2. bench-syscall calls getuid() CALLS times (two system call events
#    per call), timing its loop with CLOCK_MONOTONIC:
#
#   syscall_off          nothing records system calls
#   syscall_ltt_raw      LTT: raw_syscalls:sys_enter and sys_exit
#   syscall_ltt_call     LTT: syscalls:sys_enter_getuid and sys_exit_getuid
#   syscall_ftrace_raw   ftrace: events/raw_syscalls/sys_{enter,exit}
#   syscall_ftrace_call  ftrace: events/syscalls/sys_{enter,exit}_getuid
#   syscall_perf_raw     bench-perf: raw_syscalls sys_enter and sys_exit
#
# 3. bench-pingpong passes a byte back and forth between two processes
#    over two pipes TRIPS times, both bound to CPU 0 (two wake-ups and two
#    context switches a trip, timed with CLOCK_MONOTONIC):
#
#   sched_off            nothing records scheduler events
#   sched_ltt            LTT: sched:sched_switch and sched:sched_wakeup
#   sched_ftrace         ftrace: events/sched/sched_{switch,wakeup}
#   sched_perf           bench-perf: sched_switch and sched_wakeup
#   sched_ltt_switch     LTT: sched:sched_switch alone
#   sched_ftrace_switch  ftrace: events/sched/sched_switch alone
#
# 4. bench-syscall FILE writes a 32-byte message CALLS times (one event
#    per write):
#
#   user_off             to /dev/null, nothing recorded
#   user_idle            to LTT's user_event, no session enabling it: the
#                        cost of the file and the disabled tracepoint
#   user_ltt             to LTT's user_event, ltt_user:ltt_user_message
#                        recorded by LTT's channel
#   user_ftrace          to ftrace's trace_marker, recorded by ftrace
#
# Every tracer uses the same buffers as in workload 1. After each run it
# checks what was recorded: LTT's channel status (events written),
# ftrace's per-CPU stats (entries + overrun, nothing dropped), perf's
# counts and samples (equal), the module probe's hits. Tracers record
# system-wide, so besides the workload's own events they see a few of the
# shell's and the programs' start and exit: a system-call run is short
# if it recorded fewer than 2 * CALLS events or more than 1 % + 1000
# above that; a scheduler run if it recorded fewer than 2 * TRIPS
# (its count is what the host divides the overhead by). One line per run
# goes to bench-events.raw:
#
#   round=1 cond=ltt events=200000 ns=... recorded=200000 ok=1
#   round=1 cond=syscall_ltt_raw n=200000 ns=... recorded=400123 ok=1
#
# (n: calls or round trips; ns: the workload's loop).
#
# Parameters, from the kernel command line (boot.sh -a):
#   bench.events=N    events per run of workload 1 (default 200000)
#   bench.calls=N     system calls per run of workload 2 (default 200000)
#   bench.trips=N     round trips per run of workload 3 (default 20000)
#   bench.rounds=R    timed rounds (default 7), after one untimed round
#   bench.conds=A,B   conditions (default all of the above)
events=200000
calls=200000
trips=20000
rounds=7
conds=disabled,ltt,ltt_counter,ftrace,perf,empty,ring_buffer,scratch
conds=$conds,syscall_off,syscall_ltt_raw,syscall_ltt_call,syscall_ftrace_raw
conds=$conds,syscall_ftrace_call,syscall_perf_raw
conds=$conds,sched_off,sched_ltt,sched_ftrace,sched_perf
conds=$conds,sched_ltt_switch,sched_ftrace_switch
conds=$conds,user_off,user_idle,user_ltt,user_ftrace
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	bench.events=*) events=${arg#bench.events=} ;;
	bench.calls=*) calls=${arg#bench.calls=} ;;
	bench.trips=*) trips=${arg#bench.trips=} ;;
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

RS=$TR/events/raw_syscalls
SS=$TR/events/syscalls
SE=$TR/events/sched
case " $conds " in
*" syscall_"*|*" user_"*)
	command -v bench-syscall > /dev/null || die "no bench-syscall in the guest"
	;;
esac
case " $conds " in
*" syscall_"*call" "*)
	[ -d $SS/sys_enter_getuid ] ||
		die "ftrace has no syscalls:sys_enter_getuid (CONFIG_FTRACE_SYSCALLS)"
	grep -qx syscalls:sys_enter_getuid $LTT/events ||
		die "LTT has no syscalls:sys_enter_getuid"
	;;
esac
case " $conds " in
*" sched_"*)
	command -v bench-pingpong > /dev/null || die "no bench-pingpong in the guest"
	;;
esac

perf_id=$(cat $EV/id)
perf_sys="$(cat $RS/sys_enter/id),$(cat $RS/sys_exit/id)"
perf_sched="$(cat $SE/sched_switch/id),$(cat $SE/sched_wakeup/id)"
case " $conds " in
*" perf "*|*" syscall_perf_raw "*|*" sched_perf "*)
	command -v bench-perf > /dev/null || die "no bench-perf in the guest"
	bench-perf "$perf_id,$perf_sys,$perf_sched" true > /dev/null ||
		die "bench-perf does not work"
	;;
esac

# ltt_written CHANNEL: sum of "written" over the channel's per-CPU lines.
ltt_written() {
	awk '!/^#/ && NF == 7 { n += $3 } END { print n + 0 }' "$1"/status
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

# The timed workload of a condition of workload 2 or 3; prints its
# "syscall: calls=N ns=T" or "pingpong: trips=N cpu=C ns=T" line.
workload() {
	case $1 in
	syscall_*) bench-syscall "$calls" ;;
	sched_*) bench-pingpong "$trips" 0 ;;
	user_off) bench-syscall "$calls" /dev/null ;;
	user_idle|user_ltt) bench-syscall "$calls" $LTT/user_event ;;
	user_ftrace) bench-syscall "$calls" $TR/trace_marker ;;
	esac
}

# ltt_workload COND EVENT...: the workload with LTT's channel recording
# the events; sets res (the workload's line) and rec (events written).
ltt_workload() {
	c=$1
	shift
	for e in "$@"; do
		echo "$e" > $C/enable_event || die "enable_event $e"
	done
	w0=$(ltt_written $C)
	echo 1 > $S/enable || die "session enable"
	res=$(workload "$c") || die "$c: workload failed"
	echo 0 > $S/enable
	rec=$(($(ltt_written $C) - w0))
	for e in "$@"; do
		echo "$e" > $C/disable_event
	done
}

# ftrace_workload COND EVENT_DIR...: the same with ftrace; sets res, rec
# and drop (events dropped or lost to commit overruns).
ftrace_workload() {
	c=$1
	shift
	echo > $TR/trace
	for e in "$@"; do
		echo 1 > "$e"/enable || die "ftrace enable $e"
	done
	res=$(workload "$c") || die "$c: workload failed"
	for e in "$@"; do
		echo 0 > "$e"/enable
	done
	rec=$(($(ftrace_stat entries) + $(ftrace_stat overrun)))
	drop=$(($(ftrace_stat "dropped events") + $(ftrace_stat "commit overrun")))
}

# perf_workload COND IDS: the same with bench-perf; sets res, rec (perf's
# count) and ok (count and samples agree).
perf_workload() {
	case $1 in
	syscall_*) set -- "$1" "$2" bench-syscall "$calls" ;;
	sched_*) set -- "$1" "$2" bench-pingpong "$trips" 0 ;;
	esac
	pout=$(bench-perf "$2" "$3" "$4" ${5:+"$5"}) || die "$1: bench-perf failed"
	res=$(echo "$pout" | grep -E '^(syscall|pingpong): ')
	rec=$(echo "$pout" | sed -n 's/^perf: total count=\([0-9]*\) .*/\1/p')
	ok=$([ -n "$rec" ] && [ "$rec" = "$(echo "$pout" |
		sed -n 's/^perf: total .*records=\([0-9]*\)$/\1/p')" ] && echo 1 || echo 0)
	[ $ok = 1 ] || echo "$pout" | sed 's/^/bench: /' >&2
}

# Whether REC events are what a run of workload 2 or 3 should record.
syscall_ok() {
	[ "$1" -ge $((2 * calls)) ] && [ "$1" -le $((2 * calls + calls / 50 + 1000)) ]
}
sched_ok() {
	[ "$1" -ge $((2 * trips)) ]
}
# bench-syscall makes 16 untimed calls before its loop.
user_ok() {
	[ "$1" -eq $((calls + 16)) ]
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
	syscall_off|sched_off|user_off|user_idle)
		res=$(workload "$1") || die "$1: workload failed"
		rec=0
		ok=1
		;;
	syscall_ltt_raw)
		ltt_workload "$1" raw_syscalls:sys_enter raw_syscalls:sys_exit
		ok=$(syscall_ok "$rec" && echo 1 || echo 0)
		;;
	syscall_ltt_call)
		ltt_workload "$1" syscalls:sys_enter_getuid syscalls:sys_exit_getuid
		ok=$(syscall_ok "$rec" && echo 1 || echo 0)
		;;
	syscall_ftrace_raw)
		ftrace_workload "$1" $RS/sys_enter $RS/sys_exit
		ok=$(syscall_ok "$rec" && [ "$drop" = 0 ] && echo 1 || echo 0)
		;;
	syscall_ftrace_call)
		ftrace_workload "$1" $SS/sys_enter_getuid $SS/sys_exit_getuid
		ok=$(syscall_ok "$rec" && [ "$drop" = 0 ] && echo 1 || echo 0)
		;;
	syscall_perf_raw)
		perf_workload "$1" "$perf_sys"
		[ $ok = 1 ] && ok=$(syscall_ok "$rec" && echo 1 || echo 0)
		;;
	user_ltt)
		ltt_workload "$1" ltt_user:ltt_user_message
		ok=$(user_ok "$rec" && echo 1 || echo 0)
		;;
	user_ftrace)
		# No event to enable: trace_marker writes while tracing_on.
		ftrace_workload "$1"
		ok=$(user_ok "$rec" && [ "$drop" = 0 ] && echo 1 || echo 0)
		;;
	sched_ltt)
		ltt_workload "$1" sched:sched_switch sched:sched_wakeup
		ok=$(sched_ok "$rec" && echo 1 || echo 0)
		;;
	sched_ftrace)
		ftrace_workload "$1" $SE/sched_switch $SE/sched_wakeup
		ok=$(sched_ok "$rec" && [ "$drop" = 0 ] && echo 1 || echo 0)
		;;
	sched_ltt_switch)
		ltt_workload "$1" sched:sched_switch
		ok=$(sched_ok "$rec" && echo 1 || echo 0)
		;;
	sched_ftrace_switch)
		ftrace_workload "$1" $SE/sched_switch
		ok=$(sched_ok "$rec" && [ "$drop" = 0 ] && echo 1 || echo 0)
		;;
	sched_perf)
		perf_workload "$1" "$perf_sched"
		[ $ok = 1 ] && ok=$(sched_ok "$rec" && echo 1 || echo 0)
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
	ns=$(echo "$res" | sed -n 's/.* ns=\([0-9]*\).*/\1/p')
	echo "$ns $rec $ok"
}

say "events=$events calls=$calls trips=$trips rounds=$rounds conditions: $conds"
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
		case $c in
		syscall_*) n="n=$calls" want="$((2 * calls))+" ;;
		user_*) n="n=$calls" want=$calls ;;
		sched_*) n="n=$trips" want="$((2 * trips))+" ;;
		*) n="events=$events" want=$events ;;
		esac
		[ $r -gt 0 ] &&
			echo "round=$r cond=$c $n ns=$1 recorded=$2 ok=$3" >> "$raw"
		[ "$3" = 1 ] || say "round $r $c: recorded $2 events, wanted $want"
	done
	r=$((r + 1))
done

echo bench > $LTT/destroy_session
echo benchc > $LTT/destroy_session
rmmod ltt_bench_events
say "done: $(wc -l < "$raw") runs"
