#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of scripts/bench-throughput.sh: the highest event rate each
# tracer sustains without losing an event, its consumer writing to tmpfs.
#
# bench-pace (on CPU 1) fires ltt_bench:ltt_bench_event (two u32) at a
# given average rate, in bursts of BURST events, EVENTS events in all,
# while the tracer records it in discard mode and its consumer (on CPU 0)
# writes the trace to /tmp (tmpfs):
#
#   ltt     one session, one channel, discard mode, NSUB sub-buffers of
#           SUBBUF bytes per CPU; lttd writes the trace directory. A new
#           session every run.
#   ftrace  options/overwrite 0, buffer_size_kb KB per CPU, buffer_percent
#           as the kernel sets it by default (or PERCENT); ftrace-splice
#           splices per_cpu/cpuN/trace_pipe_raw into files. The buffers are
#           reset ("echo > trace") every run.
#
# After each run, the losses: LTT's channel status (events discarded) and
# lttd's summary, ftrace's per-CPU stats (overrun, commit overrun,
# dropped events); and the events that reached the files, counted by
# trace-count, against the events fired and the tracer's own count (LTT:
# written; ftrace: read events + entries left). A run is lossless (ok=1)
# if nothing was lost and the files hold every event fired. One line per
# run goes to bench-throughput.raw:
#
#   tracer=ltt rate=R events=N achieved=A late=L written=W lost=D counted=C ok=1
#
# (A: events per second the source achieved, by CLOCK_MONOTONIC; L: its
# bursts that started late; W: the tracer's count of events written;
# D: events lost; C: events counted in the files).
#
# Each tracer runs every rate of RATES in order; then, REFINE times,
# the rate halfway (geometrically) between its highest lossless rate
# below the lowest lossy one and that lossy rate.
#
# Parameters, from the kernel command line (boot.sh -a):
#   tput.events=N       events per run (default 1000000)
#   tput.burst=N        events per burst (default 1000)
#   tput.rates=A,B,...  rates in events per second, ascending
#   tput.refine=K       bisection steps after the sweep (default 3)
#   tput.tracers=A,B    ltt,ftrace (default)
#   tput.subbuf=SIZE    LTT sub-buffer size (default 16k)
#   tput.nsub=N         LTT sub-buffers per CPU (default 8)
#   tput.kb=KB          ftrace buffer_size_kb (default 128)
#   tput.percent=P      ftrace buffer_percent (default: the kernel's)
events=1000000
burst=1000
rates=50000,100000,200000,400000,800000,1600000,3200000
refine=3
tracers=ltt,ftrace
subbuf=16k
nsub=8
kb=128
percent=""
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	tput.events=*) events=${arg#tput.events=} ;;
	tput.burst=*) burst=${arg#tput.burst=} ;;
	tput.rates=*) rates=${arg#tput.rates=} ;;
	tput.refine=*) refine=${arg#tput.refine=} ;;
	tput.tracers=*) tracers=${arg#tput.tracers=} ;;
	tput.subbuf=*) subbuf=${arg#tput.subbuf=} ;;
	tput.nsub=*) nsub=${arg#tput.nsub=} ;;
	tput.kb=*) kb=${arg#tput.kb=} ;;
	tput.percent=*) percent=${arg#tput.percent=} ;;
	esac
done
rates=$(echo "$rates" | tr , ' ')
tracers=$(echo "$tracers" | tr , ' ')

LTT=/sys/kernel/debug/ltt
S=$LTT/sessions/tput
C=$S/channels/ev
TR=/sys/kernel/tracing
EV=$TR/events/ltt_bench/ltt_bench_event
OUT=/tmp/tput
raw=bench-throughput.raw
: > "$raw"

say() { echo "bench: $*" >&2; }
die() { say "error: $*"; exit 1; }

ko=$(find /lib/modules/"$(uname -r)" -name 'ltt_bench_events.ko*' | head -n 1)
[ -n "$ko" ] || die "no ltt_bench_events module"
insmod "$ko" || die "insmod $ko failed"
for p in bench-pace ftrace-splice trace-count lttd; do
	command -v $p > /dev/null || die "no $p in the guest"
done
grep -q '^tmpfs /tmp ' /proc/mounts || die "/tmp is not tmpfs"

# The consumers run on CPU 0, the source on CPU 1.
cpus=$(grep -c ^processor /proc/cpuinfo)
[ "$cpus" -ge 2 ] || die "needs two CPUs"

case " $tracers " in
*" ftrace "*)
	mountpoint -q $TR || mount -t tracefs tracefs $TR || die "no tracefs"
	[ -d $EV ] || die "ftrace does not know ltt_bench:ltt_bench_event"
	echo 0 > $TR/tracing_on
	echo 0 > $TR/options/overwrite || die "ftrace overwrite off"
	echo "$kb" > $TR/buffer_size_kb || die "ftrace buffer_size_kb"
	[ -n "$percent" ] && { echo "$percent" > $TR/buffer_percent ||
		die "ftrace buffer_percent"; }
	page=$(($(cat $TR/buffer_subbuf_size_kb 2>/dev/null || echo 4) * 1024))
	ftrace_id=$(cat $EV/id)
	echo 1 > $EV/enable || die "ftrace enable"
	say "ftrace: buffer_size_kb=$(cat $TR/buffer_size_kb) overwrite=0" \
		"buffer_percent=$(cat $TR/buffer_percent) page=$page id=$ftrace_id"
	;;
esac

# Sum of a field of ftrace's per-CPU stats ("overrun", "read events", ...).
ftrace_stat() {
	cat $TR/per_cpu/cpu*/stats |
		awk -v k="$1:" '$1 == k || $1 " " $2 == k { n += $NF } END { print n + 0 }'
}

# Field F (3: written, 4: discarded, 5: overwritten) summed over CPUs.
ltt_status() {
	awk -v f="$1" '!/^#/ && NF == 7 { n += $f } END { print n + 0 }' $C/status
}

# run_ltt RATE: one run; sets written, lost, counted, pace.
run_ltt() {
	echo tput > $LTT/create_session || die "create_session"
	echo "ev subbuf_size=$subbuf num_subbuf=$nsub mode=discard" > $S/create_channel ||
		die "create_channel"
	echo ltt_bench_event > $C/enable_event || die "enable_event"
	rm -rf $OUT
	taskset -c 0 lttd tput $OUT > lttd.log 2>&1 &
	lpid=$!
	sleep 0.2
	echo 1 > $S/enable || die "session enable"
	pace=$(bench-pace "$events" "$1" "$burst" 1) || die "bench-pace failed"
	echo 0 > $S/enable
	wait $lpid || { cat lttd.log >&2; die "lttd failed"; }
	written=$(ltt_status 3)
	lost=$(($(ltt_status 4) + $(ltt_status 5)))
	# lttd's own summary must say the same.
	lsum=$(awk '$1 == "ev" { print $2, $3 + $4 }' lttd.log)
	[ "$lsum" = "$written $lost" ] ||
		say "lttd's summary ($lsum) differs from the status ($written $lost)"
	cnt=$(trace-count ltt 8 $OUT/ev_*) || say "trace-count: $cnt"
	counted=$(echo "$cnt" | sed -n 's/.* events=\([0-9]*\) .*/\1/p')
	# The packets' events_discarded must agree with the status too.
	[ "$(echo "$cnt" | sed -n 's/.* discarded=\([0-9]*\) .*/\1/p')" = "$(ltt_status 4)" ] ||
		say "packets say $cnt, status says discarded $(ltt_status 4)"
	echo tput > $LTT/destroy_session
	rm -rf $OUT
}

# run_ftrace RATE: the same with ftrace.
run_ftrace() {
	echo > $TR/trace
	rm -rf $OUT
	taskset -c 0 ftrace-splice $OUT > splice.log 2>&1 &
	fpid=$!
	sleep 0.2
	echo 1 > $TR/tracing_on
	pace=$(bench-pace "$events" "$1" "$burst" 1) || die "bench-pace failed"
	echo 0 > $TR/tracing_on
	kill -TERM $fpid
	wait $fpid || { cat splice.log >&2; die "ftrace-splice failed"; }
	written=$(($(ftrace_stat "read events") + $(ftrace_stat entries)))
	lost=$(($(ftrace_stat overrun) + $(ftrace_stat "commit overrun") +
		$(ftrace_stat "dropped events")))
	cnt=$(trace-count ftrace "$page" "$ftrace_id" $OUT/cpu*) || say "trace-count: $cnt"
	counted=$(echo "$cnt" | sed -n 's/.* events=\([0-9]*\) .*/\1/p')
	[ "$(echo "$cnt" | sed -n 's/.* other=\([0-9]*\) .*/\1/p')" = 0 ] ||
		say "ftrace files hold other events: $cnt"
	rm -rf $OUT
}

# isqrt N: the integer square root of N (busybox awk has no sqrt()).
isqrt() {
	x=$1
	y=$(((x + 1) / 2))
	while [ $y -lt $x ]; do
		x=$y
		y=$(((x + $1 / x) / 2))
	done
	echo $x
}

# run TRACER RATE: one run, one line in the raw file; prints ok (0 or 1).
run() {
	written=0 lost=0 counted=0 pace=""
	run_"$1" "$2"
	fired=$(echo "$pace" | sed -n 's/.* events=\([0-9]*\) .*/\1/p')
	achieved=$(echo "$pace" | sed -n 's/.* achieved=\([0-9]*\) .*/\1/p')
	late=$(echo "$pace" | sed -n 's/.* late=\([0-9]*\).*/\1/p')
	ok=0
	[ "$lost" = 0 ] && [ "$counted" = "$fired" ] && [ "$written" = "$fired" ] && ok=1
	echo "tracer=$1 rate=$2 events=$fired achieved=$achieved late=$late" \
		"written=$written lost=$lost counted=$counted ok=$ok" >> "$raw"
	say "$1 rate=$2: achieved=$achieved late=$late written=$written lost=$lost" \
		"counted=$counted ok=$ok"
	echo $ok
}

say "events=$events burst=$burst rates: $rates; refine=$refine tracers: $tracers"
say "ltt: ${nsub} x $subbuf discard"
for t in $tracers; do
	lo="" hi=""
	for r in $rates; do
		ok=$(run "$t" "$r")
		if [ "$ok" = 1 ]; then
			[ -z "$hi" ] && lo=$r
		elif [ -z "$hi" ]; then
			hi=$r
		fi
	done
	i=0
	while [ $i -lt "$refine" ] && [ -n "$lo" ] && [ -n "$hi" ]; do
		r=$(isqrt $((lo * hi)))
		[ "$r" -gt "$lo" ] && [ "$r" -lt "$hi" ] || break
		ok=$(run "$t" "$r")
		if [ "$ok" = 1 ]; then lo=$r; else hi=$r; fi
		i=$((i + 1))
	done
done

[ -d $EV ] && echo 0 > $EV/enable
rmmod ltt_bench_events
say "done: $(wc -l < "$raw") runs"
