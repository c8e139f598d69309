#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run in the guest by scripts/bench-size.sh (boot.sh -x), in /ltt/out:
# record the same events with LTT and with ftrace at the same time, for
# the same fixed workload, and leave the raw numbers and both traces for
# the host to measure their size. A benchmark, not a test.
#
# Two rounds, each with a fresh LTT session "size" (one discard channel
# "ch", no context fields) and a freshly cleared ftrace buffer:
#   all     sched_switch, sched_wakeup, sys_enter, sys_exit
#   switch  sched_switch alone, for its per-event size
# Both tracers are started (LTT, then ftrace), the workload runs, both
# are stopped (LTT, then ftrace): a handful of events at either end are
# seen by one tracer only.
#
# Then a third round, LTT alone:
#   flush   bench-syscall calls getuid() CALLS times, recorded as
#           syscalls:sys_enter_getuid and sys_exit_getuid into a discard
#           channel of large sub-buffers (FLUSH_SUBBUF, 2 per CPU) that
#           the events never fill: every packet is closed early, by the
#           stop, and what lttd writes is mostly what the packets carry
#           beyond their events (padding). Skipped, and said so in
#           flush-skip.txt, without bench-syscall or those events.
#
# Workload: N times "cat /proc/self/stat > /dev/null" (fork, exec, a few
# system calls, exit), then N round trips of a line between two shells
# over two FIFOs (wake-ups and context switches, no fork).
#
# Kernel command line (scripts/bench-size.sh sets them):
#   bench_size.n=N               workload iterations (default 2000)
#   bench_size.ftrace_kb=KB      ftrace buffer_size_kb per CPU (default 16384)
#   bench_size.subbuf=SIZE       LTT sub-buffer size (default 256k)
#   bench_size.nsubbuf=N         LTT sub-buffers per CPU (default 8)
#   bench_size.calls=N           getuid() calls of round flush (default 21000)
#   bench_size.flush_subbuf=SIZE its sub-buffer size (default 4M)
#
# Leaves in /ltt/out/size/ (OUT/guest/size/ on the host):
#   info.txt                 kernel, CPUs, parameters, trace_clock
#   skip.txt                 only if the benchmark could not run: why
#   ROUND-info.txt           events, workload time, lttd exit status
#   ROUND-ltt-status.txt     the session's status after stopping
#   ROUND-ltt-files.txt      "SIZE FILE" of every file lttd wrote
#   ROUND-ftrace-stats.txt   per_cpu/cpuN/stats after stopping, each line
#                            prefixed with "cpuN "
#   ROUND-ftrace-after.txt   the same once trace_pipe_raw has been read
#   ROUND-ftrace-files.txt   "SIZE FILE" of the trace_pipe_raw copies
#   ROUND-summary.txt        KEY=VALUE totals of the above
#   ROUND/trace/             lttd's trace directory (CTF)
#   ROUND/ftrace/cpuN.raw    what per_cpu/cpuN/trace_pipe_raw returned:
#                            whole ring buffer pages
#   ROUND/ftrace/format/     header_page, header_event and the events'
#                            format files, to decode the pages
#   (round flush: info, ltt-status, ltt-files, summary and trace/ only,
#   and flush-syscall.txt, what bench-syscall printed)
#   log.txt                  what this script printed

L=/sys/kernel/debug/ltt
T=/sys/kernel/tracing
S=$L/sessions/size
OUT=/ltt/out/size
# Longest wait for lttd to drain and exit, in seconds.
LTTD_LIMIT=120

N=2000
FTRACE_KB=16384
SUBBUF=256k
NSUBBUF=8
CALLS=21000
FLUSH_SUBBUF=4M
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	bench_size.n=*) N=${arg#*=} ;;
	bench_size.ftrace_kb=*) FTRACE_KB=${arg#*=} ;;
	bench_size.subbuf=*) SUBBUF=${arg#*=} ;;
	bench_size.nsubbuf=*) NSUBBUF=${arg#*=} ;;
	bench_size.calls=*) CALLS=${arg#*=} ;;
	bench_size.flush_subbuf=*) FLUSH_SUBBUF=${arg#*=} ;;
	esac
done

rm -rf $OUT
mkdir -p $OUT

say() {
	echo "bench-size: $*"
	echo "$*" >> $OUT/log.txt
}

skip() {
	say "SKIP: $*"
	echo "$*" > $OUT/skip.txt
	exit 0
}

fail() {
	say "error: $*"
	echo "error: $*" >> $OUT/skip.txt
	exit 1
}

# ctl FILE VALUE: write one command to a control file, fail if refused
ctl() {
	echo "$2" > "$1" || fail "write '$2' to $1 refused"
}

# --- what is there
[ -d $L ] || skip "no $L: kernel without CONFIG_LTT (or debugfs not mounted)"
if [ ! -e $T/tracing_on ]; then
	[ -d $T ] || skip "no $T: kernel without CONFIG_TRACING"
	mount -t tracefs nodev $T 2>/dev/null ||
		skip "cannot mount tracefs on $T"
fi
[ -e $T/tracing_on ] || skip "tracefs on $T has no tracing_on"
for e in sched/sched_switch sched/sched_wakeup raw_syscalls/sys_enter \
	 raw_syscalls/sys_exit; do
	[ -e $T/events/$e/enable ] ||
		skip "ftrace has no event $e ($T/events/$e/enable missing)"
	grep -q ":${e#*/}\$" $L/events ||
		skip "LTT has no event ${e#*/} (not in $L/events)"
done
command -v lttd > /dev/null || skip "no lttd in the guest"

cpus=$(grep -c ^processor /proc/cpuinfo)
{
	echo "kernel=$(uname -r)"
	echo "ltt_version=$(cat $L/version)"
	echo "cpus=$cpus"
	echo "online=$(cat /sys/devices/system/cpu/online)"
	echo "n=$N"
	echo "ftrace_kb=$FTRACE_KB"
	echo "subbuf=$SUBBUF"
	echo "nsubbuf=$NSUBBUF"
	echo "calls=$CALLS"
	echo "flush_subbuf=$FLUSH_SUBBUF"
	echo "page_size=$(getconf PAGESIZE 2>/dev/null || echo 4096)"
	echo "trace_clock=$(cat $T/trace_clock)"
	echo "ltt_clock=monotonic"
} > $OUT/info.txt

# A previous run that was interrupted may have left these behind.
[ -d $S ] && echo size > $L/destroy_session
ctl $T/tracing_on 0
ctl $T/events/enable 0
ctl $T/buffer_size_kb "$FTRACE_KB"

# --- the workload: deterministic-ish, the same for both tracers
workload() {
	i=0
	while [ $i -lt "$N" ]; do
		cat /proc/self/stat > /dev/null
		i=$((i + 1))
	done
	rm -f /tmp/size-ping /tmp/size-pong
	mkfifo /tmp/size-ping /tmp/size-pong
	# <> opens a FIFO without waiting for the other end.
	(
		exec 3<> /tmp/size-ping 4<> /tmp/size-pong
		j=0
		while [ $j -lt "$N" ]; do
			read -r x <&3
			echo "$x" >&4
			j=$((j + 1))
		done
	) &
	peer=$!
	exec 5<> /tmp/size-ping 6<> /tmp/size-pong
	i=0
	while [ $i -lt "$N" ]; do
		echo "$i" >&5
		read -r x <&6
		i=$((i + 1))
	done
	wait $peer
	exec 5>&- 6>&-
	rm -f /tmp/size-ping /tmp/size-pong
}

# ftrace_event NAME: the events/ directory of an event
ftrace_event() {
	case $1 in
	sys_*) echo raw_syscalls/$1 ;;
	*) echo sched/$1 ;;
	esac
}

# copy_raw CPU FILE: copy what trace_pipe_raw returns. A read of an empty
# buffer blocks rather than returning end of file, so the copy runs in
# the background until its size stops changing.
copy_raw() {
	dd if=$T/per_cpu/cpu$1/trace_pipe_raw of="$2" bs=4096 2>/dev/null &
	dd=$!
	last=-1
	t=0
	while [ $t -lt 60 ]; do
		sleep 1
		now=$(wc -c < "$2")
		[ "$now" = "$last" ] && break
		last=$now
		t=$((t + 1))
	done
	kill $dd 2>/dev/null
	wait $dd 2>/dev/null
}

# lttd_done: once the session is stopped, wait for lttd ($lttd) to drain
# the trace and exit, killing it after $LTTD_LIMIT seconds; sets lttd_rc
# and keeps the round's ($name) status and lttd log.
lttd_done() {
	( sleep $LTTD_LIMIT; kill $lttd 2>/dev/null ) &
	watchdog=$!
	wait $lttd
	lttd_rc=$?
	kill $watchdog 2>/dev/null
	wait $watchdog 2>/dev/null

	cat $S/status > $OUT/$name-ltt-status.txt
	cat $D/lttd.log > $OUT/$name-lttd.txt
}

# round NAME EVENT...: one measurement
round() {
	name=$1
	shift
	D=$OUT/$name
	mkdir -p $D/ftrace/format
	say "round $name: $*"

	ctl $L/create_session size
	ctl $S/create_channel "ch subbuf_size=$SUBBUF num_subbuf=$NSUBBUF mode=discard"
	for e; do
		ctl $S/channels/ch/enable_event "$e"
	done
	cat $S/channels/ch/events > $D/ltt-events.txt

	ctl $T/tracing_on 0
	ctl $T/events/enable 0
	for e; do
		ctl $T/events/$(ftrace_event "$e")/enable 1
	done
	# Empties every CPU's buffer and resets its counters.
	: > $T/trace
	cp $T/events/header_page $T/events/header_event $D/ftrace/format/
	for e; do
		cp $T/events/$(ftrace_event "$e")/format $D/ftrace/format/$e
	done

	lttd size $D/trace > $D/lttd.log 2>&1 &
	lttd=$!
	sleep 1

	t0=$(date +%s)
	ctl $S/enable 1
	ctl $T/tracing_on 1
	workload
	ctl $S/enable 0
	ctl $T/tracing_on 0
	t1=$(date +%s)

	lttd_done

	c=0
	while [ $c -lt "$cpus" ]; do
		sed "s/^/cpu$c /" $T/per_cpu/cpu$c/stats
		c=$((c + 1))
	done > $OUT/$name-ftrace-stats.txt
	c=0
	while [ $c -lt "$cpus" ]; do
		copy_raw $c $D/ftrace/cpu$c.raw
		echo "$(wc -c < $D/ftrace/cpu$c.raw) cpu$c.raw"
		c=$((c + 1))
	done > $OUT/$name-ftrace-files.txt
	c=0
	while [ $c -lt "$cpus" ]; do
		sed "s/^/cpu$c /" $T/per_cpu/cpu$c/stats
		c=$((c + 1))
	done > $OUT/$name-ftrace-after.txt

	{
		echo "round=$name"
		echo "events=$*"
		echo "workload_s=$((t1 - t0))"
		echo "lttd_rc=$lttd_rc"
	} > $OUT/$name-info.txt

	{
		ltt_summary $name
		awk '{ k = $0; sub(/^cpu[0-9]+ /, "", k); v = k
		       sub(/:.*/, "", k); gsub(/ /, "_", k); sub(/^[^:]*: */, "", v)
		       if (k ~ /^(entries|overrun|commit_overrun|bytes|dropped_events)$/)
			       s[k] += v }
		     END { for (k in s) printf "ftrace_%s=%d\n", k, s[k] }' \
			$OUT/$name-ftrace-stats.txt | sort
		awk '{ b += $1 } END { printf "ftrace_raw_bytes=%d\n", b }' \
			$OUT/$name-ftrace-files.txt
	} > $OUT/$name-summary.txt
	say "round $name: $(tr '\n' ' ' < $OUT/$name-summary.txt)"
	say "round $name: workload $((t1 - t0)) s, lttd exit $lttd_rc"

	ctl $L/destroy_session size
	ctl $T/events/enable 0
	: > $T/trace
}

# ltt_summary NAME: list in NAME-ltt-files.txt the "SIZE FILE" of every
# file lttd wrote, and print the LTT lines of NAME-summary.txt: the
# status counters summed over CPUs (status bytes: packet headers and
# events; packet bytes: what the packets hand to readers) and the bytes
# of the stream files.
ltt_summary() {
	for f in $OUT/$1/trace/*; do
		echo "$(wc -c < "$f") ${f##*/}"
	done > $OUT/$1-ltt-files.txt
	awk '!/^#/ && NF == 7 { w += $3; d += $4; o += $5; b += $6; p += $7 }
	     END { printf "ltt_written=%d\nltt_discarded=%d\n" \
			  "ltt_overwritten=%d\nltt_status_bytes=%d\n" \
			  "ltt_packet_bytes=%d\n", w, d, o, b, p }' \
		$OUT/$1-ltt-status.txt
	awk '$2 != "metadata" { b += $1 }
	     END { printf "ltt_file_bytes=%d\n", b }' $OUT/$1-ltt-files.txt
}

# flush_round: LTT alone, getuid() events in sub-buffers they never fill,
# every packet closed by the stop; see the top of this file.
flush_round() {
	name=flush
	D=$OUT/$name
	if ! command -v bench-syscall > /dev/null; then
		say "round $name skipped: no bench-syscall in the guest"
		echo "no bench-syscall in the guest" > $OUT/$name-skip.txt
		return
	fi
	for e in sys_enter_getuid sys_exit_getuid; do
		if ! grep -qx "syscalls:$e" $L/events; then
			say "round $name skipped: LTT has no syscalls:$e"
			echo "LTT has no syscalls:$e (CONFIG_FTRACE_SYSCALLS)" > $OUT/$name-skip.txt
			return
		fi
	done
	mkdir -p $D
	say "round $name: $CALLS getuid() calls, sub-buffers of $FLUSH_SUBBUF"

	ctl $L/create_session size
	ctl $S/create_channel "ch subbuf_size=$FLUSH_SUBBUF num_subbuf=2 mode=discard"
	ctl $S/channels/ch/enable_event syscalls:sys_enter_getuid
	ctl $S/channels/ch/enable_event syscalls:sys_exit_getuid
	cat $S/channels/ch/events > $D/ltt-events.txt

	lttd size $D/trace > $D/lttd.log 2>&1 &
	lttd=$!
	sleep 1

	t0=$(date +%s)
	ctl $S/enable 1
	bench-syscall "$CALLS" > $OUT/$name-syscall.txt 2>&1
	# Stopping closes (flushes) the open packet of every CPU.
	ctl $S/enable 0
	t1=$(date +%s)

	lttd_done
	{
		echo "round=$name"
		echo "events=syscalls:sys_enter_getuid syscalls:sys_exit_getuid"
		echo "calls=$CALLS"
		echo "subbuf=$FLUSH_SUBBUF"
		echo "workload_s=$((t1 - t0))"
		echo "lttd_rc=$lttd_rc"
	} > $OUT/$name-info.txt
	ltt_summary $name > $OUT/$name-summary.txt
	say "round $name: $(tr '\n' ' ' < $OUT/$name-summary.txt)"
	say "round $name: workload $((t1 - t0)) s, lttd exit $lttd_rc"
	ctl $L/destroy_session size
}

say "N=$N, ftrace buffer_size_kb=$FTRACE_KB, LTT subbuf_size=$SUBBUF num_subbuf=$NSUBBUF, $cpus CPUs"
round all sched_switch sched_wakeup sys_enter sys_exit
round switch sched_switch
flush_round
say "done"
exit 0
