#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run by scripts/test.sh, last in a boot, since it cannot be undone: the
# kernel stops trusting the TSC while a session traces (review item 9).
# The trace clock must start on the TSC, follow the kernel's verdict
# within a tick (the clock file and the kernel log say so), and the trace
# must go on in one unit: scripts/check-clock-switch.py checks on the host
# what lttd wrote.
#
# Leaves in /ltt/out/tsc/ (OUT/guest/tsc/ on the host): trace/ (lttd's),
# expect.txt (KEY=VALUE for the host), lttd.log, dmesg.txt.
L=/sys/kernel/debug/ltt
S=$L/sessions/tsc
OUT=/ltt/out/tsc
MOD=ltt_test_module
UNSTABLE=/sys/module/$MOD/parameters/mark_tsc_unstable
MSG='trace clock: the kernel marked the TSC unstable'
fail() { echo "tsc-unstable-test: FAIL: $*"; exit 1; }

# fire N: N rounds of 100 test events, 50 ms apart.
fire() {
	i=0
	while [ $i -lt "$1" ]; do
		echo 100 > /sys/module/ltt/parameters/test_events || return 1
		sleep 0.05
		i=$((i + 1))
	done
}

uptime_cs() { tr -d . < /proc/uptime | cut -d' ' -f1; }

rm -rf $OUT
mkdir -p $OUT
dmesg | grep -q 'ltt: trace clock: tsc$' ||
	fail "the trace clock did not start on the TSC: $(dmesg | grep 'ltt: trace clock')"
if [ ! -e $UNSTABLE ]; then
	ko=$(find "/lib/modules/$(uname -r)" -name "$MOD.ko*" | head -n 1)
	[ -n "$ko" ] || fail "$MOD.ko is not installed"
	insmod "$ko" || fail "insmod $ko"
fi
echo tsc > $L/create_session || fail "create_session"
echo "c subbuf_size=16k num_subbuf=8" > $S/create_channel || fail "create_channel"
echo ltt_test_seq > $S/channels/c/enable_event || fail "enable_event"
c=$(cat $S/clock)
[ "$c" = "monotonic (tsc)" ] || fail "clock reads '$c' before the switch"
lttd tsc $OUT/trace > $OUT/lttd.log 2>&1 &
pid=$!
sleep 1
t0=$(uptime_cs)
echo 1 > $S/enable || fail "enable 1"
fire 20 || fail "test_events"
echo 1 > $UNSTABLE || fail "mark_tsc_unstable"
n=0
while ! dmesg | grep -q "$MSG"; do
	n=$((n + 1))
	[ $n -lt 100 ] || fail "no '$MSG' in the kernel log 10 s after mark_tsc_unstable()"
	sleep 0.1
done
c=$(cat $S/clock)
[ "$c" = "monotonic (ktime_get_mono_fast_ns)" ] || fail "clock reads '$c' after the switch"
grep -q '^clock: monotonic (CLOCK_MONOTONIC in TSC cycles (TSC marked unstable))' $S/status ||
	fail "status: $(grep '^clock' $S/status)"
fire 20 || fail "test_events"
echo 0 > $S/enable || fail "enable 0"
t1=$(uptime_cs)
wait $pid
rc=$?
[ $rc = 0 ] || fail "lttd exit $rc: $(tail -3 $OUT/lttd.log)"
dmesg > $OUT/dmesg.txt
{
	echo "EVENTS=4000"
	echo "ELAPSED_CS=$((t1 - t0))"
} > $OUT/expect.txt
echo 1 > $L/destroy_session
echo "tsc-unstable-test: ok ($(grep "$MSG" $OUT/dmesg.txt | sed 's/^\[[^]]*\] //'))"
