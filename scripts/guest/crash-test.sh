#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Crash buffers, end to end, over a warm reboot (scripts/boot.sh -w, the
# kernel booted with reserve_mem=...:ltt and ltt.crash=HOW).
#
# First boot (no previous trace): record scheduler, interrupt and
# counted test events into an overwrite channel placed in the reserved
# memory, and some of them into one in ordinary memory with the panic
# console dump on (16 events per buffer), fire the test events, say how
# many on the console, and crash
# the kernel: HOW=sysrq, an oops (echo c > /proc/sysrq-trigger) that
# panics (panic_on_oops); HOW=lockup, a CPU spinning with interrupts off
# (test_lockup) until the hard lockup detector panics. panic=-1 reboots
# at once, and QEMU keeps the RAM.
#
# Second boot: the previous trace is in ltt/previous/ltt: check the
# control files, write it with lttd -p into /ltt/out/crash-trace for the
# host (scripts/check-crash-trace.py), and discard it.
L=/sys/kernel/debug/ltt
P=$L/previous
S=$L/sessions/fr
OUT=/ltt/out
LABEL=crash
. /ltt/lib/results.sh

how=sysrq
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	ltt.crash=*) how=${arg#ltt.crash=} ;;
	esac
done

# --- second boot: read back
if [ -d $P/ltt ]; then
	echo "LTT-CRASH: second boot"
	cp $P/ltt/info $OUT/crash-info.txt
	cp $P/ltt/status $OUT/crash-status.txt
	cat $OUT/crash-info.txt
	check "info names the session and channel" \
		grep -q '^session fr$' $OUT/crash-info.txt
	check "status has a line per CPU" \
		test "$(grep -c '^fr ' $OUT/crash-status.txt)" -ge 1
	if echo x > $P/ltt/metadata 2>/dev/null; then
		result FAIL "previous metadata is read-only" "a write was taken"
	else
		result PASS "previous metadata is read-only"
	fi
	echo s > $L/create_session
	if echo "c mode=overwrite memory=ltt" > $L/sessions/s/create_channel 2>/dev/null; then
		result FAIL "a channel cannot take memory holding a previous trace" "it did"
	else
		result PASS "a channel cannot take memory holding a previous trace"
	fi
	if echo nosuch > $P/discard 2>/dev/null; then
		result FAIL "discard of an unknown trace is refused" "it was taken"
	else
		result PASS "discard of an unknown trace is refused"
	fi
	if lttd -p ltt $OUT/crash-trace > $OUT/crash-lttd.log 2>&1; then
		result PASS "lttd -p writes the previous trace"
	else
		result FAIL "lttd -p writes the previous trace" "$(cat $OUT/crash-lttd.log)"
	fi
	cat $OUT/crash-lttd.log
	ls -l $OUT/crash-trace
	check "discard the previous trace" ctl $P/discard ltt
	check "the previous trace is gone" test ! -d $P/ltt
	check "the memory takes a channel again" \
		ctl $L/sessions/s/create_channel "c mode=overwrite memory=ltt"
	echo s > $L/destroy_session
	exit $failed
fi

# --- first boot: record, then crash
echo "LTT-CRASH: first boot, crash by $how"
ctl $L/create_session fr || exit 1
if echo "bad memory=nosuch" > $S/create_channel 2>/dev/null; then
	result FAIL "a channel in missing memory is refused" "it was made"
else
	result PASS "a channel in missing memory is refused"
fi
if echo "big subbuf_size=4096 num_subbuf=32768 memory=ltt" > $S/create_channel 2>/dev/null; then
	result FAIL "a channel too big for the memory is refused" "it was made"
else
	result PASS "a channel too big for the memory is refused"
fi
# Sub-buffers of four pages: the packet the crash left open is closed by
# the next boot at its content rounded up to a page, smaller than them.
ctl $S/create_channel "fr subbuf_size=16384 num_subbuf=8 mode=overwrite memory=ltt" || exit 1
if echo 8192 > $S/channels/fr/subbuf_size 2>/dev/null; then
	result FAIL "the geometry of a channel in reserved memory is fixed" "changed"
else
	result PASS "the geometry of a channel in reserved memory is fixed"
fi
for e in sched:sched_switch sched:sched_wakeup 'irq:*' ltt_test:ltt_test_seq; do
	ctl $S/channels/fr/enable_event "$e" || exit 1
done
# The console dump at panic, of a flight recorder in ordinary memory.
R=$L/sessions/rec
ctl $L/create_session rec || exit 1
ctl $R/create_channel "rec subbuf_size=4096 num_subbuf=4 mode=overwrite" || exit 1
for e in sched:sched_switch ltt_test:ltt_test_seq; do
	ctl $R/channels/rec/enable_event "$e" || exit 1
done
check "panic_dump is off by default" test "$(cat $L/panic_dump)" = 0
for bad in 1001 -1 x ""; do
	if echo "$bad" > $L/panic_dump 2>/dev/null; then
		result FAIL "panic_dump refuses '$bad'" "taken"
	else
		result PASS "panic_dump refuses '$bad'"
	fi
done
ctl $L/panic_dump 16 || exit 1
check "panic_dump reads back" test "$(cat $L/panic_dump)" = 16
ctl $R/enable 1 || exit 1
ctl $S/enable 1 || exit 1
# Scheduler and interrupt traffic on both CPUs while the test events fire,
# the last of which must be the last test event in the trace: the crash
# follows at once.
( while :; do sleep 0.01; done ) &
load=$!
n=0
while [ $n -lt 20000 ]; do
	# The last thousand with rec's sched_switch off: nothing is recorded
	# into rec after the last test event, so the panic dump (the last 16
	# events per CPU) must show it however long the crash takes to come
	# (the hard lockup detector needs seconds, the shell forks meanwhile).
	[ $n -eq 19000 ] &&
		ctl $R/channels/rec/disable_event sched:sched_switch
	echo 1000 > /sys/module/ltt/parameters/test_events
	n=$((n + 1000))
done
# Through the kernel log: what user space writes to the console may still
# be in the tty's buffer when the kernel stops, printk's is flushed.
echo "LTT-CRASH: fired $n test events" > /dev/kmsg
kill $load
case $how in
lockup)
	echo "LTT-CRASH: hard lockup" > /dev/kmsg
	modprobe test_lockup disable_irq=1 time_secs=120
	;;
*)
	echo "LTT-CRASH: sysrq c" > /dev/kmsg
	echo c > /proc/sysrq-trigger
	;;
esac
echo "LTT-CRASH: still alive"
exit 1
