#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Run in the guest (scripts/boot.sh -x): the statedump and events from
# user space, on a populated system, and a trace of a small workload for
# scripts/check-system-trace.py (babeltrace2, lttng-analyses) to check
# on the host.
#
# 1. Statedump cost: 10 processes of 500 threads with 50 open files each
#    (scripts/guest/many-threads.c), then session "sd", whose one
#    channel enables ltt_statedump:* only, dumps on demand twice. Checked
#    here: each dump's events all in the channel, none discarded, at
#    least one per thread; measured: the dump's time, events and bytes
#    (statedump.txt). The console check catches any soft lockup or RCU
#    stall warning the dump would cause.
# 2. Session "sys", recorded by lttd into /ltt/out/system/trace: a
#    statedump at start, scheduler, process, interrupt and system call
#    events, in the "lttng" layout: a named process ($BUSY) works and
#    reads a file, then $WRITERS shell processes write $MESSAGES named
#    user events each, all at once.
#
# Leaves in /ltt/out/system/ (OUT/guest/system/ on the host): trace/,
# expect.txt (KEY=VALUE lines the host checks the trace against),
# statedump.txt, *.status, lttd.log, results.txt.

L=/sys/kernel/debug/ltt
OUT=/ltt/out/system
WRITERS=4
MESSAGES=100
BUSY=ltt-busy
BUSY_LOOPS=30000
BUSY_READS=50
LATE=ltt-late
LATE_READS=20
LTTD_LIMIT=300

rm -rf $OUT
mkdir -p $OUT
LABEL=system-guest
# result, check, ctl
. /ltt/lib/results.sh

# chan_sum FILE COLUMN: the sum of a column of a channel status file's
# per-CPU lines (3 written, 4 discarded, 5 overwritten, 6 bytes).
chan_sum() {
	awk -v c="$2" '$1 !~ /^#/ && $2 ~ /^[0-9]+$/ { s += $c } END { print s + 0 }' "$1"
}

# statedump_value SESSION KEY: a counter of a session's statedump file.
statedump_value() {
	awk -v k="$2" '$1 == k { print $2 }' $L/sessions/$1/statedump
}

for s in sd sys; do
	[ -d $L/sessions/$s ] && echo $s > $L/destroy_session
done

# The statedump's and the user events are trace events like any other:
# ftrace knows them too.
T=/sys/kernel/tracing
mountpoint -q $T || mount -t tracefs tracefs $T
for e in ltt_statedump/ltt_statedump_process_state ltt_user/ltt_user_message; do
	check "ftrace knows ${e#*/}" [ -f $T/events/$e/format ]
done

# --- 1. A dump of a populated system --------------------------------------
# The default limit, from the memory size, is near 4,000 threads on this
# 1 GiB guest with KASAN's 32 KiB stacks.
echo 16384 > /proc/sys/kernel/threads-max
many-threads 10 500 50 > $OUT/many.pids
check "10 processes of 500 threads started" [ "$(wc -l < $OUT/many.pids)" -eq 10 ]
threads=$(ls -d /proc/[0-9]*/task/[0-9]* | wc -l)
echo "threads=$threads" > $OUT/statedump.txt
ctl $L/create_session sd || exit 1
ctl $L/sessions/sd/create_channel "d subbuf_size=512k num_subbuf=16 mode=discard"
ctl $L/sessions/sd/channels/d/enable_event 'ltt_statedump:*'
ctl $L/sessions/sd/enable 1
for n in 1 2; do
	before=$(chan_sum $L/sessions/sd/channels/d/status 3)
	bytes0=$(chan_sum $L/sessions/sd/channels/d/status 6)
	ctl $L/sessions/sd/statedump 1
	ev=$(statedump_value sd last_events)
	ns=$(statedump_value sd last_ns)
	after=$(chan_sum $L/sessions/sd/channels/d/status 3)
	bytes=$(( $(chan_sum $L/sessions/sd/channels/d/status 6) - bytes0 ))
	# The dump at start counts too: this is dump $n + 1.
	check "dump $n: statedump counts it" [ "$(statedump_value sd dumps)" -eq $((n + 1)) ]
	# start and end are not among last_events.
	check "dump $n: its $ev events are all in the channel" [ $((after - before)) -eq $((ev + 2)) ]
	check "dump $n: an event per thread at least ($threads)" [ "$ev" -ge "$threads" ]
	echo "dump$n: events=$ev ns=$ns bytes=$bytes" >> $OUT/statedump.txt
done
check "no statedump event discarded" [ "$(chan_sum $L/sessions/sd/channels/d/status 4)" -eq 0 ]
cat $L/sessions/sd/channels/d/status > $OUT/sd.status
ctl $L/sessions/sd/enable 0
ctl $L/destroy_session sd
kill $(cat $OUT/many.pids)
cat $OUT/statedump.txt

# --- 2. A trace of a workload ------------------------------------------------
S=$L/sessions/sys
ctl $L/create_session sys || exit 1
# The names lttng-analyses looks for (kernel/trace/ltt/ctf_layout.c).
ctl $S/layout lttng
ctl $S/create_channel "kernel subbuf_size=256k num_subbuf=8 mode=discard"
# The task's name with every event: how the tools name a process that
# calls exec() while tracing (lttng-analyses reads it at exec).
ctl $S/channels/kernel/context procname
for p in 'ltt_statedump:*' 'ltt_user:*' sched_switch sched_wakeup \
	 sched_waking sched_process_fork sched_process_exec \
	 sched_process_exit sched_process_free 'irq_handler_*' 'softirq_*' \
	 'syscalls:*'; do
	ctl $S/channels/kernel/enable_event "$p"
done

# A module loaded before tracing starts: the statedump lists it, with
# the size /proc/modules shows.
MOD=ltt_test_module
loaded=0
if ! grep -q "^$MOD " /proc/modules; then
	ko=$(find "/lib/modules/$(uname -r)" -name "$MOD.ko*" 2>/dev/null | head -n 1)
	[ -n "$ko" ] && insmod "$ko" && loaded=1
fi
check "$MOD is loaded" grep -q "^$MOD " /proc/modules
mod_size=$(awk -v m=$MOD '$1 == m { print $2 }' /proc/modules)

# A process that is there before tracing starts, holding a known file:
# the statedump names it and its descriptor.
: > /tmp/ltt-known-file
sh -c 'exec 7< /tmp/ltt-known-file; exec sleep 1000' &
holder=$!

# The busy process, also there before tracing starts (a script's comm is
# its file name, which only the statedump tells the analyses: they see
# the fork of a "sh" and no name at exec), blocked on a FIFO until the
# session is tracing. It reads the known file BUSY_READS times.
rm -f /tmp/$BUSY.fifo
mkfifo /tmp/$BUSY.fifo
cat > /tmp/$BUSY <<EOF
#!/bin/busybox sh
read go < /tmp/$BUSY.fifo
i=0
while [ \$i -lt $BUSY_LOOPS ]; do
	i=\$((i + 1))
	[ \$((i % ($BUSY_LOOPS / $BUSY_READS))) -eq 0 ] && read x < /tmp/ltt-known-file
done
exit 0
EOF
chmod +x /tmp/$BUSY
/tmp/$BUSY &
busy=$!

mkdir -p $OUT/trace
lttd sys $OUT/trace > $OUT/lttd.log 2>&1 &
lttd=$!
sleep 1
ctl $S/enable 1 || exit 1
check "the session dumped the state when it started" \
	[ "$(statedump_value sys dumps)" -eq 1 ]
echo go > /tmp/$BUSY.fifo
wait $busy
check "$BUSY ran" [ $? -eq 0 ]

# A process started while tracing: forked as "sh", named at exec.
cat > /tmp/$LATE <<EOF
#!/bin/busybox sh
i=0
while [ \$i -lt $LATE_READS ]; do
	read x < /tmp/ltt-known-file
	i=\$((i + 1))
done
exit 0
EOF
chmod +x /tmp/$LATE
/tmp/$LATE &
late=$!
wait $late
check "$LATE ran" [ $? -eq 0 ]

writer() {	# writer K: MESSAGES events named w$K, numbered
	i=1
	while [ $i -le $MESSAGES ]; do
		echo "@w$1 seq=$i" > $L/user_event || exit 1
		i=$((i + 1))
	done
	exit 0
}
pids=
k=1
while [ $k -le $WRITERS ]; do
	writer $k &
	pids="$pids $!"
	echo "writer$k=$!" >> $OUT/expect.txt
	k=$((k + 1))
done
ok=0
for p in $pids; do
	wait "$p" && ok=$((ok + 1))
done
check "$WRITERS writers wrote $MESSAGES messages each" [ $ok -eq $WRITERS ]
ctl $S/enable 0
kill $holder
[ $loaded -eq 1 ] && rmmod $MOD

( sleep $LTTD_LIMIT; kill $lttd 2>/dev/null ) &
watchdog=$!
wait $lttd
rc=$?
kill $watchdog 2>/dev/null
check "lttd exits 0 once the session is stopped" [ $rc -eq 0 ]
cat $S/status > $OUT/sys.status
cat $S/channels/kernel/status > $OUT/kernel.status
check "nothing discarded in sys" [ "$(chan_sum $OUT/kernel.status 4)" -eq 0 ]
cat >> $OUT/expect.txt <<EOF
writers=$WRITERS
messages=$MESSAGES
busy=$BUSY
busy_pid=$busy
busy_reads=$BUSY_READS
late=$LATE
late_pid=$late
late_reads=$LATE_READS
holder=$holder
known_file=/tmp/ltt-known-file
known_fd=7
cpus=$(grep -c '^processor' /proc/cpuinfo)
module=$MOD
module_size=$mod_size
EOF
ctl $L/destroy_session sys
exit $failed
